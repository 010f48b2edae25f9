#!/bin/sh
# Compile kernel/utrace.c (and, with "on", the runtime checks) as an
# out-of-tree Kbuild module against the installed Debian kernel headers.
# Works in a temporary copy: nothing is written next to the sources.
# Usage: kbuild-test.sh <kernel-integration dir> on|off
set -eu
src=$1
mode=${2:-off}
hdrs=
for d in /usr/src/linux-headers-*-amd64; do
	[ -f "$d/Makefile" ] && hdrs=$d
done
if [ -z "$hdrs" ]; then
	echo "FAIL: no kernel headers under /usr/src/linux-headers-*-amd64;" \
	     "install the Debian package linux-headers-amd64 (scripts/setup-deps.sh does)" >&2
	exit 1
fi
tmp=$(mktemp -d /tmp/utrace-kbuild.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/include/linux" "$tmp/kernel"
cp "$src/include/linux/utrace.h" "$src/include/linux/utrace_runtime.h" "$tmp/include/linux/"
cp "$src/kernel/utrace.c" "$src/kernel/utrace_report.c" "$src/kernel/utrace_internal.h" \
   "$src/kernel/utrace_runtime.c" "$tmp/kernel/"
{
	echo 'obj-m := utrace_ref.o'
	echo 'utrace_ref-y := kernel/utrace.o kernel/utrace_report.o'
	echo 'ccflags-y := -I$(src)/include -Werror'
	if [ "$mode" = on ]; then
		echo 'utrace_ref-y += kernel/utrace_runtime.o'
		echo 'ccflags-y += -DCONFIG_UTRACE_RUNTIME_CHECKS'
	fi
} > "$tmp/Kbuild"
echo "kbuild: $hdrs (runtime checks $mode)"
if ! make -C "$hdrs" M="$tmp" CC=gcc KBUILD_MODPOST_WARN=1 modules > "$tmp/log" 2>&1; then
	cat "$tmp/log"
	echo "FAIL: Kbuild compile of kernel/utrace.c failed" >&2
	exit 1
fi
cat "$tmp/log"
if grep -E "(utrace|kernel/).*(warning|error):" "$tmp/log"; then
	echo "FAIL: compiler warnings in the Kbuild compile" >&2
	exit 1
fi
[ -f "$tmp/utrace_ref.ko" ] || { echo "FAIL: no utrace_ref.ko" >&2; exit 1; }
echo "PASS"

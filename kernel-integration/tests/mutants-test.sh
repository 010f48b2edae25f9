#!/bin/sh
# Runs scripts/make-mutants.sh into a temporary directory and checks that
# each mutant differs from its original by exactly the one marked line and
# still compiles with gcc in user space (against the shim).
# Usage: mutants-test.sh <repo top> <C compiler>
set -eu
top=$1
cc=${2:-gcc}
ki=$top/kernel-integration
tmp=$(mktemp -d /tmp/utrace-mutants.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
"$top/scripts/make-mutants.sh" "$tmp/out"
[ "$(wc -l < "$tmp/out/MANIFEST")" -eq 6 ] || { echo "FAIL: expected 6 mutants" >&2; exit 1; }
status=0
while read -r file rule desc; do
	case $file in
	sample_engine-*) orig=$ki/samples/sample_engine.c ;;
	*) orig=$ki/kernel/utrace.c ;;
	esac
	removed=$(diff "$orig" "$tmp/out/$file" | grep -c '^<' || true)
	added=$(diff "$orig" "$tmp/out/$file" | grep -c '^>' || true)
	marked=$(diff "$orig" "$tmp/out/$file" | grep -c '^<.*/\* mutant:' || true)
	if [ "$removed" != 1 ] || [ "$added" != 0 ] || [ "$marked" != 1 ]; then
		echo "FAIL: $file: -$removed +$added lines, $marked marked" >&2
		status=1
	fi
	case $rule in UT-[A-Z]*-[0-9][0-9][0-9]) ;; *) echo "FAIL: $file: bad rule id $rule" >&2; status=1 ;; esac
	if ! "$cc" -std=gnu11 -Wall -Werror -Wno-unused-parameter -c \
		-I"$ki/shim/include" -I"$ki/include" -I"$ki/samples" -I"$ki/kernel" \
		-o "$tmp/$file.o" "$tmp/out/$file"; then
		echo "FAIL: $file does not compile" >&2
		status=1
	fi
	echo "ok: $file $rule"
done < "$tmp/out/MANIFEST"
exit $status

#!/usr/bin/env bash
# Wall time of utrace-check on test files against clang-19 -fsyntax-only on
# the same files with the same flags, side by side in one run: median of N
# runs each, and the ratio. Usage: bench/checker-vs-syntax.sh [N] [FILE...]
set -u
n=${1:-7}; shift || true
tool=${TOOL:-build/bin/utrace-check}
files=("$@")
[ ${#files[@]} -gt 0 ] || files=(testdata/ref/leak.c testdata/rcu/sleep.c testdata/win/window.c testdata/bar/message-passing.c kernel-integration/examples/examine-tracer/examine_tracer.c)
flags=(-nostdinc -I checker/simulator)
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
printf '%-60s %6s %8s %8s %6s\n' file lines checker syntax ratio
for f in "${files[@]}"; do
	c=$(for i in $(seq "$n"); do ms "$tool" "$f" -- "${flags[@]}"; done | median)
	s=$(for i in $(seq "$n"); do ms clang-19 -fsyntax-only -w "${flags[@]}" "$f"; done | median)
	printf '%-60s %6d %6dms %6dms %6.2f\n' "$f" "$(wc -l < "$f")" "$c" "$s" "$(echo "$c / $s" | bc -l)"
done

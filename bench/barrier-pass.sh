#!/bin/sh
# Measures the time the barrier pass (utrace.Barrier, UT-BAR-*) adds to a
# run of utrace-check on one file: the median of N runs with every rule
# (default) against the median of N runs with --disable=BAR, and the ratio.
#
# usage: bench/barrier-pass.sh [FILE] [-n RUNS] [-t TOOL] [-- COMPILER-ARGS]
#   FILE   default: testdata/bar/seed-reap-examine.c (the reference
#          implementation, kernel-integration/kernel/utrace.c, once merged)
#   RUNS   default: 11
#   TOOL   default: build/bin/utrace-check
# Compiler args default to the header simulator (-nostdinc -I testdata/include).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
file=$root/testdata/bar/seed-reap-examine.c
runs=11
tool=$root/build/bin/utrace-check
while [ $# -gt 0 ]; do
	case $1 in
	-n) runs=$2; shift 2 ;;
	-t) tool=$2; shift 2 ;;
	--) shift; break ;;
	*) file=$1; shift ;;
	esac
done
if [ $# -eq 0 ]; then
	set -- -nostdinc -I "$root/testdata/include"
fi
[ -x "$tool" ] || { echo "barrier-pass.sh: no tool at $tool (build first)" >&2; exit 2; }
[ -f "$file" ] || { echo "barrier-pass.sh: no file $file" >&2; exit 2; }

# Prints the median wall time in milliseconds of $runs runs of the tool.
median_ms() {
	i=0
	: > "$tmp"
	while [ $i -lt "$runs" ]; do
		t0=$(date +%s%N)
		"$tool" "$@" >/dev/null 2>&1 || true
		t1=$(date +%s%N)
		echo $(( (t1 - t0) / 1000 )) >> "$tmp"
		i=$((i + 1))
	done
	sort -n "$tmp" | awk '{ v[NR] = $1 } END {
		m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf "%.1f", m / 1000 }'
}

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
"$tool" "$file" -- "$@" >/dev/null 2>&1 || true # warm the page cache
without=$(median_ms --disable=BAR "$file" -- "$@")
with=$(median_ms "$file" -- "$@")
echo "file:            $file"
echo "runs:            $runs"
echo "median without:  $without ms (--disable=BAR)"
echo "median with:     $with ms (all rules)"
awk -v a="$with" -v b="$without" 'BEGIN {
	printf "barrier pass:    %+.1f ms, ratio %.3f\n", a - b, (b > 0 ? a / b : 0) }'

#!/bin/sh
# Measures the time the barrier pass (utrace.Barrier, UT-BAR-*) adds to a
# run of utrace-check on one file: the median of N runs with every rule
# (default) against the median of N runs with --disable=BAR, and the ratio.
#
# usage: bench/barrier-pass.sh [FILE] [-n RUNS] [-t TOOL] [-a TOOL-ARG]...
#                              [-- COMPILER-ARGS]
#   FILE   default: testdata/bar/seed-reap-examine.c (the reference
#          implementation, kernel-integration/kernel/utrace.c, once merged)
#   RUNS   default: 11
#   TOOL   default: build/bin/utrace-check
#   -a     an option for the tool, before the file (repeatable): e.g.
#          -a --kdir=/usr/src/linux-headers-6.1.0-57-amd64 -a --extra-arg=-D...
#          (with --kdir give no COMPILER-ARGS)
#   The last line, "pass share", is the barrier pass's share of the total
#   time (issue 13's target: at most 0.2 on the largest real file).
# Compiler args default to the header simulator (-nostdinc -I checker/simulator).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
file=$root/testdata/bar/seed-reap-examine.c
runs=11
toolargs=
tool=$root/build/bin/utrace-check
while [ $# -gt 0 ]; do
	case $1 in
	-n) runs=$2; shift 2 ;;
	-t) tool=$2; shift 2 ;;
	-a) toolargs="$toolargs $2"; shift 2 ;;
	--) shift; break ;;
	*) file=$1; shift ;;
	esac
done
if [ $# -eq 0 ] && [ -z "$toolargs" ]; then
	set -- -nostdinc -I "$root/checker/simulator"
fi
dashdash=--
if [ $# -eq 0 ]; then
	dashdash=
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
# shellcheck disable=SC2086 # toolargs: one option per word
"$tool" $toolargs "$file" $dashdash "$@" >/dev/null 2>&1 || true # warm the page cache
# shellcheck disable=SC2086
without=$(median_ms $toolargs --disable=BAR "$file" $dashdash "$@")
# shellcheck disable=SC2086
with=$(median_ms $toolargs "$file" $dashdash "$@")
echo "file:            $file"
echo "runs:            $runs"
echo "median without:  $without ms (--disable=BAR)"
echo "median with:     $with ms (all rules)"
awk -v a="$with" -v b="$without" 'BEGIN {
	printf "barrier pass:    %+.1f ms, ratio %.3f\n", a - b, (b > 0 ? a / b : 0)
	printf "pass share:      %.3f of the total\n", (a > 0 ? (a - b) / a : 0) }'

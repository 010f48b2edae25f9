#!/usr/bin/env bash
# CPU per file that never mentions utrace, the case `make C=2` hits on almost
# every file of a kernel tree: the front door (build/bin/utrace-check, no
# LLVM) against the analyzer run directly on the same argv, and sparse when
# it is installed, side by side in one run. perf stat -r N, task-clock.
# Usage: bench/skip-path.sh [-n RUNS] [-b BUILD_DIR]
set -euo pipefail
n=20 build=build
while getopts n:b:h o; do
	case $o in
	n) n=$OPTARG ;; b) build=$OPTARG ;;
	*) sed -n '2,7p' "$0"; exit 0 ;;
	esac
done
command -v perf >/dev/null || { echo "skip-path.sh: needs perf (apt-get install linux-perf)" >&2; exit 2; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
printf '#include <linux/kernel.h>\nint plain_add(int a, int b) { return a + b; }\n' > "$tmp/plain.c"
# Kbuild's argv: CHECKFLAGS first, then the compile flags, then the file.
argv=(-D__linux__ -Dlinux -D__STDC__ -Dunix -D__unix__ -Wbitwise -Wno-return-void
      -D__KERNEL__ -nostdinc -I "$PWD/checker/simulator" "$tmp/plain.c")
cpu() { perf stat -r "$n" -x, -e task-clock "$@" 2>&1 >/dev/null | awk -F, '/task-clock/ {print $1}'; }
front=$(cpu "$build/bin/utrace-check" "${argv[@]}")
analyzer=$(cpu "$build/bin/utrace-check-analyzer" "${argv[@]}")
printf '%-40s %10s\n' "skipped file, CPU (perf stat -r $n)" "ms"
printf '%-40s %10.2f\n' "utrace-check (front door)" "$front" "utrace-check-analyzer (LLVM loaded)" "$analyzer"
if command -v sparse >/dev/null; then
	sp=$(cpu sparse "${argv[@]}")
	printf '%-40s %10.2f\n' "sparse" "$sp"
	printf 'ratio front/sparse: %.3f\n' "$(echo "$front / $sp" | bc -l)"
fi
printf 'ratio front/analyzer: %.3f (target: front <= 3 ms)\n' "$(echo "$front / $analyzer" | bc -l)"

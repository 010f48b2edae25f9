#!/bin/bash
# Real-kernel benchmark of utrace-check as Kbuild's $(CHECK) (issue 6).
# Not run by CI: it needs root (apt-get), ~3 GB of disk and ~1 h of CPU.
#
#   1. installs Debian's linux-source-6.12, sparse and the kernel build
#      dependencies; unpacks the tree into WORKDIR;
#   2. adds the project's reference implementation (kernel-integration/
#      kernel/utrace.c, utrace_report.c and its headers) as an extra built-in
#      object, kernel/utrace/, so its check shows in the C=2 run;
#   3. make defconfig prepare, then builds kernel/ once (so that C=2 re-runs
#      only the checker: Kbuild runs $(CHECK) on every file with C=2);
#   4. RUNS times, in one loop, over every file of kernel/:
#        make C=2 CHECK=true                   (make's own cost: the baseline)
#        make C=2 CHECK=sparse
#        make C=2 CHECK="utrace-check -v"      (default scope)
#        make C=2 CHECK=<clang-19 -fsyntax-only with the tool's flags>
#        make C=2 CHECK="utrace-check -v --scope=all"
#      and prints user+sys CPU (medians over RUNS; raw and net of the
#      baseline), the ratios, the files analysed / skipped / failed, and the
#      findings (default scope and --scope=all).
#
# usage: bench/kernel-c2.sh [-n RUNS] [-w WORKDIR] [-t TOOL] [-j JOBS]
#                           [--setup-only] [--measure-only] [--no-install]
#                           [--report-only]   (summary of the runs in WORKDIR/results)
#   RUNS     default 3        WORKDIR  default /work/kbench
#   TOOL     default build/bin/utrace-check of this checkout
#   JOBS     default 2 (make -jJOBS)
# Logs and per-run figures land in WORKDIR/results/. Nothing is written in
# this checkout.
#
# The clang-19 -fsyntax-only wrapper: utrace-check has no mode that prints
# its filtered compile command, so the wrapper drops exactly the flags the
# tool itself reported dropping ("utrace-check: kbuild: dropped ..." under -v
# in the default-scope run of the same loop; -Wp,-M... per file by pattern)
# and adds what the tool adds to every parse: -fsyntax-only -w
# -fno-caret-diagnostics.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
runs=3
work=/work/kbench
tool=$root/build/bin/utrace-check
jobs=2
setup=1 measure=1 install=1 report_only=0
per_file_timeout=600 # a file still being checked after this is a hang
while [ $# -gt 0 ]; do
	case $1 in
	-n) runs=$2; shift 2 ;;
	-w) work=$2; shift 2 ;;
	-t) tool=$2; shift 2 ;;
	-j) jobs=$2; shift 2 ;;
	--setup-only) measure=0; shift ;;
	--measure-only) setup=0; shift ;;
	--no-install) install=0; shift ;;
	--report-only) setup=0; report_only=1; shift ;;
	-h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	*) echo "kernel-c2.sh: unknown argument $1" >&2; exit 2 ;;
	esac
done
tool=$(cd "$(dirname "$tool")" 2>/dev/null && pwd)/$(basename "$tool")
ksrc=$work/linux-source-6.12
res=$work/results
mkdir -p "$work" "$res"
log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# ---------------------------------------------------------------- set-up
if [ "$setup" = 1 ]; then
	if [ "$install" = 1 ]; then
		pkgs="linux-source-6.12 sparse clang-19 gcc make flex bison bc libelf-dev libssl-dev xz-utils time"
		missing=
		for p in $pkgs; do
			dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
		done
		if [ -n "$missing" ]; then
			log "apt-get install$missing"
			DEBIAN_FRONTEND=noninteractive apt-get install -y $missing
		fi
	fi
	if [ ! -f "$ksrc/Makefile" ]; then
		log "unpacking /usr/src/linux-source-6.12.tar.xz into $work"
		tar -C "$work" -xf /usr/src/linux-source-6.12.tar.xz
	fi

	# The reference implementation as kernel/utrace/ (built in, obj-y).
	ki=$root/kernel-integration
	u=$ksrc/kernel/utrace
	mkdir -p "$u/include/linux"
	cp "$ki/kernel/utrace.c" "$ki/kernel/utrace_report.c" "$ki/kernel/utrace_internal.h" "$u/"
	cp "$ki/include/linux/utrace.h" "$ki/include/linux/utrace_runtime.h" "$u/include/linux/"
	cat > "$u/Makefile" <<'EOF'
# utrace-check's reference implementation (kernel-integration/), built in.
obj-y += utrace.o utrace_report.o
ccflags-y := -I$(src)/include
EOF
	grep -q '^obj-y += utrace/$' "$ksrc/kernel/Makefile" ||
		printf '\n# utrace-check bench: the reference implementation\nobj-y += utrace/\n' >> "$ksrc/kernel/Makefile"

	cd "$ksrc"
	if [ ! -f .config ]; then
		log "make defconfig prepare"
		make -s defconfig
	fi
	make -s -j"$jobs" prepare
	log "building kernel/ once (make -j$jobs kernel/)"
	make -j"$jobs" kernel/ > "$res/build-kernel.log" 2>&1 ||
		{ tail -30 "$res/build-kernel.log"; echo "kernel-c2.sh: building kernel/ failed" >&2; exit 1; }
	grep -E '^kernel/utrace/.*(warning|error)' "$res/build-kernel.log" || true
fi
[ "$measure" = 1 ] || exit 0

# ---------------------------------------------------------------- measuring
[ -x "$tool" ] || { echo "kernel-c2.sh: no tool at $tool (build first)" >&2; exit 2; }
cd "$ksrc"
[ -f kernel/utrace/utrace.o ] || { echo "kernel-c2.sh: kernel/ not built (run without --measure-only)" >&2; exit 2; }

# clang-19 -fsyntax-only with utrace-check's flags (see the header comment).
droplist=$res/dropped-flags.txt
wrapper=$res/clang-syntax.sh
cat > "$wrapper" <<EOF
#!/bin/bash
# \$(CHECK) for the bench: clang-19 -fsyntax-only on Kbuild's argv minus the
# flags utrace-check reported dropping (listed in $droplist).
declare -A drop
while IFS= read -r f; do drop["\$f"]=1; done < "$droplist"
args=()
for a in "\$@"; do
	case \$a in -Wp,-M*) continue ;; esac
	[ -n "\${drop[\$a]:-}" ] && continue
	args+=("\$a")
done
exec clang-19 -fsyntax-only -w -fno-caret-diagnostics "\${args[@]}"
EOF
chmod +x "$wrapper"

# One measured make: $1 = label, $2 = run number, rest = CHECK command.
# Writes the make log and "user sys" to $res/<label>.<run>.{log,cpu}.
measure_one() {
	label=$1 run=$2; shift 2
	log "run $run: $label (CHECK=$*)"
	/usr/bin/time -f '%U %S %e' -o "$res/$label.$run.cpu" \
		make -k -j"$jobs" C=2 CHECK="timeout -k 10 $per_file_timeout $*" kernel/ \
		> "$res/$label.$run.log" 2>&1 || echo "make failed" >> "$res/$label.$run.log"
}

[ "$report_only" = 1 ] || for run in $(seq 1 "$runs"); do
	measure_one base "$run" true
	measure_one sparse "$run" sparse
	measure_one utrace "$run" "$tool" -v
	if [ ! -s "$droplist" ]; then
		# every flag the tool dropped, as it spelt it (-Wp,-M... handled by pattern)
		sed -n 's/^utrace-check: kbuild: dropped \(.*\) (.*)$/\1/p' "$res/utrace.$run.log" |
			grep -v '^-Wp,-M' | sort -u > "$droplist"
		# an option with a separate value ("-X val") is dropped as two words
		if grep -q ' ' "$droplist"; then
			echo "kernel-c2.sh: warning: multi-word dropped flags; the clang wrapper drops them word by word:" >&2
			grep ' ' "$droplist" >&2
		fi
	fi
	measure_one clang "$run" "$wrapper"
	measure_one all "$run" "$tool" -v --scope=all
done

# ---------------------------------------------------------------- report
set +e +o pipefail # a grep that finds nothing is not an error here
# Only complete runs count (an interrupted loop still gives a report).
runs=0
while [ -s "$res/all.$((runs + 1)).cpu" ]; do runs=$((runs + 1)); done
[ "$runs" -gt 0 ] || { echo "kernel-c2.sh: no complete run in $res" >&2; exit 1; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) { print "nan"; exit }
	printf "%.1f\n", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
cpu_of() { for r in $(seq 1 "$runs"); do awk '{ print $1 + $2 }' "$res/$1.$r.cpu"; done | median; }
wall_of() { for r in $(seq 1 "$runs"); do awk '{ print $3 }' "$res/$1.$r.cpu"; done | median; }
net_of() { for r in $(seq 1 "$runs"); do
		paste "$res/$1.$r.cpu" "$res/base.$r.cpu" | awk '{ print ($1 + $2) - ($4 + $5) }'
	done | median; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "-" }'; }

checked=$(grep -c '^  CHECK ' "$res/base.1.log" || true)
{
echo "kernel-c2.sh: linux-source-6.12 ($(cd "$ksrc" && make -s kernelversion)), defconfig, make -j$jobs C=2 ... kernel/"
echo "files checked per run (CHECK lines): $checked; runs: $runs; medians"
echo "tool: $("$tool" --version); $(sparse --version 2>&1 | head -1 | sed 's/^/sparse /'); $(clang-19 --version | head -1)"
echo
sp_net=$(net_of sparse) cl_net=$(net_of clang)
printf '%-26s %10s %10s %10s %9s %9s\n' tool 'user+sys' 'net' 'wall' 'vs sparse' 'vs clang'
for t in base sparse utrace clang all; do
	case $t in
	base) name='make (CHECK=true)' ;; sparse) name=sparse ;;
	utrace) name='utrace-check (default)' ;; clang) name='clang-19 -fsyntax-only' ;;
	all) name='utrace-check --scope=all' ;;
	esac
	net=$(net_of $t)
	if [ $t = base ]; then
		printf '%-26s %9ss %10s %9ss %9s %9s\n' "$name" "$(cpu_of $t)" - "$(wall_of $t)" - -
	else
		printf '%-26s %9ss %9ss %9ss %9s %9s\n' "$name" "$(cpu_of $t)" "$net" "$(wall_of $t)" \
			"$(ratio "$net" "$sp_net")" "$(ratio "$net" "$cl_net")"
	fi
done
echo "(net = user+sys minus make's own user+sys with CHECK=true in the same run; ratios use net)"
echo
for t in utrace all; do
	l=$res/$t.1.log
	an=$(grep -c ': analysed [0-9]* of [0-9]* functions' "$l" || true)
	sk=$(grep -c '^utrace-check: .*: skipped: ' "$l" || true)
	fa=$(grep -c '^utrace-check: error: .*: not analysed: ' "$l" || true)
	crash=$(grep -cE 'make\[[0-9]+\]: \*\*\* .*(Error|Terminated|Killed)|Segmentation|Aborted|PLEASE submit a bug report|Stack dump' "$l" || true)
	fnd=$(grep -cE ': warning: .*\[UT-[A-Z]+-[0-9]+\]$' "$l" || true)
	echo "$t (run 1): analysed $an, skipped $sk, failed $fa, crash/hang/make errors $crash, findings $fnd"
	zero=$(grep -cE ': analysed 0 of [0-9]+ functions' "$l")
	fns=$(grep -oE ': analysed [0-9]+ of [0-9]+ functions' "$l" | awk '{ a += $3; s += $5 } END { print a + 0 " of " s + 0 }')
	lost=$(grep -c '^warning: Path diagnostic report is not generated' "$l")
	echo "    functions analysed: $fns (files with 0 functions analysed: $zero)"
	echo "    reports clang dropped as crossing file boundaries (\"Path diagnostic report is not generated\"): $lost"
	grep '^utrace-check: .*: skipped: ' "$l" | sed 's/.*: skipped: //' | sort | uniq -c | sed 's/^/    skipped: /'
	grep '^utrace-check: error: .*: not analysed: ' "$l" | sed 's/^utrace-check: error: //' | sed 's/^/    failed: /'
	grep -oE '\[UT-[A-Z]+-[0-9]+\]$' "$l" | sort | uniq -c | sed 's/^/    findings: /'
	grep -E '^(kernel/utrace/|.*kernel/utrace/).*(warning|error):' "$l" | sed 's/^/    kernel\/utrace: /'
	grep ' kernel/utrace/' "$l" | grep -E 'analysed|skipped' | sed 's/^/    /'
done
} | tee "$res/summary.txt"

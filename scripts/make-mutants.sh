#!/bin/sh
# Make mutants of the reference implementation, one fault each, for the
# static checker's ground-truth test.  Each mutant deletes the line(s)
# marked "/* mutant:NAME */" in kernel-integration/kernel/utrace.c or
# kernel-integration/samples/sample_engine.c.
# Usage: make-mutants.sh OUTDIR
# Writes OUTDIR/<mutant>.c and OUTDIR/MANIFEST, one line per mutant:
#   mutant-file expected-rule-id description
set -eu
out=${1:?usage: make-mutants.sh OUTDIR}
top=$(cd "$(dirname "$0")/.." && pwd)
ki=$top/kernel-integration
mkdir -p "$out"
: > "$out/MANIFEST"

# mutant <original> <marker> <mutant-file> <rule> <description>
mutant() {
	orig=$1 marker=$2 file=$3 rule=$4 desc=$5
	n=$(grep -c "/\* mutant:$marker \*/" "$orig" || true)
	if [ "$n" != 1 ]; then
		echo "make-mutants: marker mutant:$marker found $n times in $orig" >&2
		exit 1
	fi
	sed "/\/\* mutant:$marker \*\//d" "$orig" > "$out/$file"
	printf '%s %s %s\n' "$file" "$rule" "$desc" >> "$out/MANIFEST"
}

u=$ki/kernel/utrace.c
s=$ki/samples/sample_engine.c
mutant "$u" reap-clear-flags utrace-reap-no-flags-clear.c UT-BAR-001 \
	"utrace_release_task() no longer clears engine->flags (WRITE_ONCE(engine->flags, 0UL)) before smp_wmb()"
mutant "$u" reap-wmb utrace-reap-no-wmb.c UT-BAR-001 \
	"utrace_release_task() lost the smp_wmb() after clearing engine->ops/flags"
mutant "$u" examine-rmb utrace-examine-no-rmb.c UT-BAR-002 \
	"utrace_prepare_examine() lost the smp_rmb() between engine->flags and exit_state"
mutant "$u" pid-rcu-unlock utrace-pid-task-no-rcu-unlock.c UT-RCU-002 \
	"utrace_pid_task() returns without rcu_read_unlock()"
mutant "$s" sample-put sample_engine-no-put.c UT-REF-001 \
	"sample_syscall_count() drops no utrace_engine_put() for its lookup reference"
mutant "$s" sample-finish sample_engine-no-finish.c UT-WIN-003 \
	"sample_read_ip() opens an examine window with no utrace_finish_examine()"
echo "make-mutants: $(wc -l < "$out/MANIFEST") mutants in $out"

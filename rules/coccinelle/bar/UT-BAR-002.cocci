// SPDX-License-Identifier: GPL-2.0-only
/// Reader side of the reap/examine pairing (the seed's examine fix): a read
/// of an engine's flags (engine->flags, engine_wants_stop()) must be
/// ordered before the following read of the target's exit_state or state
/// by smp_rmb(), pairing with the reaper's smp_wmb().  This finds such a
/// read of target->exit_state or target->state reached from a flags read
/// with no read barrier (smp_rmb, smp_mb, rmb, mb) in between; the seed's
/// "(smp_rmb(), target->exit_state)" form counts as a barrier.  Reads in
/// the same expression as the flags read are not judged.
//
// Confidence: Moderate
// Copyright: (C) 2025 The utrace-check authors.
// Options: --no-includes --include-headers
// Keywords: utrace, smp_rmb, memory barrier, utrace_prepare_examine
// URL: docs/coccinelle.md

virtual context
virtual org
virtual report

@ordered@
struct task_struct *t;
identifier fld = {exit_state, state};
identifier barrier = {smp_rmb, smp_mb, rmb, mb};
expression E;
binary operator op;
position q;
@@

(
barrier(), t@q->fld
|
barrier(), t@q->fld op E
)

@normb exists@
struct utrace_engine *e;
struct task_struct *t;
identifier fld = {exit_state, state};
identifier barrier = {smp_rmb, smp_mb, rmb, mb};
position p0, p;
@@

\(engine_wants_stop@p0(e)\|e@p0->flags\)
... when != barrier()
* t@p->fld

@initialize:python@
@@
# One finding per flags read: the first unordered state read after it
# (Coccinelle may also yield later reads on paths through the first one).
# A read in "(smp_rmb(), t->state)" is ordered although the barrier is in
# the same CFG node, which the "when" clause cannot see.
first = {}
ordered = set()

def ut_note(p0, p, fld):
    if (p.file, p.line, p.column) in ordered:
        return
    key = (p0.file, p0.line, p0.column)
    cur = first.get(key)
    if cur is None or (int(p.line), int(p.column)) < (int(cur[0].line), int(cur[0].column)):
        first[key] = (p, fld)

@script:python depends on org || report@
q << ordered.q;
@@
ordered.add((q[0].file, q[0].line, q[0].column))

@script:python depends on org || report@
p0 << normb.p0;
p << normb.p;
fld << normb.fld;
@@
ut_note(p0[0], p[0], fld)

@finalize:python depends on org@
@@
for p, fld in sorted(first.values(), key=lambda v: (v[0].file, int(v[0].line))):
    coccilib.org.print_todo(p, "read of task->%s is not ordered after the read of the engine's flags by smp_rmb() [UT-BAR-002]" % fld)

@finalize:python depends on report@
@@
for p, fld in sorted(first.values(), key=lambda v: (v[0].file, int(v[0].line))):
    print("%s:%s:%d: warning: read of task->%s is not ordered after the read of the engine's flags by smp_rmb() [UT-BAR-002]"
          % (p.file, p.line, int(p.column) + 1, fld))

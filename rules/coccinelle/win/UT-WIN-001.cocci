// SPDX-License-Identifier: GPL-2.0-only
/// A traced thread's state may be read or written only between a successful
/// utrace_prepare_examine() and its utrace_finish_examine(), after the
/// engine stopped the thread.  Within one function this finds task->field,
/// task_pt_regs(), task_user_regset_view(), copy_regset_to/from_user(),
/// task_current_syscall() and access_process_vm() on a task reached with
/// no prepare on the way, or after a finish, when the same function hands
/// that task to a utrace call (so it is a traced thread, not current).
/// Callbacks, which run in the traced thread itself, make no such call on
/// their task and are left alone.  Whether prepare succeeded is not
/// followed (the Clang checker does that).
/// Two reads are not window state, as for the Clang checker (the lists are
/// rules/api/kernel.yaml's immutable_task_fields and sticky_task_flags, and
/// check_rules.py fails when they drift): a field that never changes after
/// fork (t->pid, t->tgid, the start times, t->stack_canary), and a test of
/// t->flags against a mask made only of bits never cleared once set
/// (t->flags & PF_EXITING, t->flags & (PF_KTHREAD | PF_EXITING)).  A write
/// of such a field, any other bit, a mixed mask and the whole word
/// (f = t->flags) are still reported.
//
// Confidence: Moderate
// Copyright: (C) 2025 The utrace-check authors.
// Options: --no-includes --include-headers
// Keywords: utrace, utrace_prepare_examine, utrace_finish_examine, task_struct
// URL: docs/coccinelle.md

virtual context
virtual org
virtual report

@initialize:python@
@@
reported = set()

def ut_report(p, msg, org=False):
    """One finding per position, even when two match rules reach the same
    place: a GCC-form line, or an org TODO item."""
    key = (p.file, p.line, p.column)
    if key in reported:
        return
    reported.add(key)
    if org:
        coccilib.org.print_todo(p, "%s [UT-WIN-001]" % msg)
    else:
        print("%s:%s:%d: warning: %s [UT-WIN-001]" % (p.file, p.line, int(p.column) + 1, msg))

@traced@
identifier fn;
idexpression struct task_struct *t;
identifier ut = {utrace_control, utrace_set_events, utrace_barrier,
                 utrace_prepare_examine, utrace_finish_examine};
@@

fn(...) { <+... ut(t, ...) ...+> }

// Reads that need no window: the position of t in each.  A write of an
// unchanging field is matched first, without a position, so it stays a
// finding; so does a mask with any other bit in it.  s1..s5 already cover
// every order of the bits, so the commutativity of | is not needed and is
// turned off (it made the rule two and a half times slower); & still
// commutes (PF_KTHREAD & t->flags).
@unchanging disable bitor_comm@
idexpression struct task_struct *t;
identifier fixed = {pid, tgid, start_time, real_start_time, start_boottime,
                    stack_canary};
identifier s1 = {PF_EXITING, PF_EXITPIDONE, PF_SIGNALED, PF_DUMPCORE, PF_KTHREAD};
identifier s2 = {PF_EXITING, PF_EXITPIDONE, PF_SIGNALED, PF_DUMPCORE, PF_KTHREAD};
identifier s3 = {PF_EXITING, PF_EXITPIDONE, PF_SIGNALED, PF_DUMPCORE, PF_KTHREAD};
identifier s4 = {PF_EXITING, PF_EXITPIDONE, PF_SIGNALED, PF_DUMPCORE, PF_KTHREAD};
identifier s5 = {PF_EXITING, PF_EXITPIDONE, PF_SIGNALED, PF_DUMPCORE, PF_KTHREAD};
assignment operator aop;
expression E;
position q;
@@

(
  t->fixed aop E
|
  t->fixed++
|
  t->fixed--
|
  ++t->fixed
|
  --t->fixed
|
  t@q->fixed
|
  t@q->flags & s1
|
  t@q->flags & (s1 | s2)
|
  t@q->flags & (s1 | s2 | s3)
|
  t@q->flags & (s1 | s2 | s3 | s4)
|
  t@q->flags & (s1 | s2 | s3 | s4 | s5)
)

@before exists@
identifier traced.fn;
idexpression struct task_struct *traced.t;
identifier fld;
identifier acc = {task_pt_regs, task_user_regset_view, task_current_syscall,
                  access_process_vm, copy_regset_to_user, copy_regset_from_user};
position p != unchanging.q;
@@

fn(...) {
... when != utrace_prepare_examine(t, ...)
    when any
(
* t@p->fld
|
* acc@p(t, ...)
)
... when any
}

@after exists@
idexpression struct task_struct *t;
identifier fld;
identifier acc = {task_pt_regs, task_user_regset_view, task_current_syscall,
                  access_process_vm, copy_regset_to_user, copy_regset_from_user};
position p != unchanging.q;
@@

utrace_finish_examine(t, ...)
... when != utrace_prepare_examine(t, ...)
    when any
(
* t@p->fld
|
* acc@p(t, ...)
)

@script:python depends on org@
p << before.p;
t << traced.t;
@@
ut_report(p[0], "state of traced task '%s' touched outside a utrace_prepare_examine() window" % t, org=True)

@script:python depends on org@
p << after.p;
t << after.t;
@@
ut_report(p[0], "state of traced task '%s' touched after utrace_finish_examine() closed the window" % t, org=True)

@script:python depends on report@
p << before.p;
t << traced.t;
@@
ut_report(p[0], "state of traced task '%s' touched outside a utrace_prepare_examine() window" % t)

@script:python depends on report@
p << after.p;
t << after.t;
@@
ut_report(p[0], "state of traced task '%s' touched after utrace_finish_examine() closed the window" % t)

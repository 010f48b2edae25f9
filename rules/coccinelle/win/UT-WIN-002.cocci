// SPDX-License-Identifier: GPL-2.0-only
/// utrace_finish_examine() says whether what was read in the window is
/// valid: non-zero (-EAGAIN) means the thread ran in between and the values
/// are stale.  This finds a finish whose result is dropped (called as a
/// statement, or stored and overwritten unread) and a value read from the
/// task in the window that is used in the branch taken when finish failed.
//
// Confidence: High
// Copyright: (C) 2025 The utrace-check authors.
// Options: --no-includes --include-headers
// Keywords: utrace, utrace_finish_examine, __must_check, stale read
// URL: docs/coccinelle.md

virtual context
virtual org
virtual report

@dropped@
position p;
@@

(
* utrace_finish_examine@p(...);
|
* (void)utrace_finish_examine@p(...);
)

@overwritten exists@
expression ret, E;
position p;
@@

* ret = utrace_finish_examine@p(...);
... when != ret
* ret = E;

@stale exists@
idexpression struct task_struct *t;
identifier fld;
identifier acc = {task_pt_regs, task_user_regset_view, task_current_syscall,
                  access_process_vm, copy_regset_to_user, copy_regset_from_user};
expression x, ret, E;
position p;
@@

x = <+... \(t->fld\|acc(t, ...)\) ...+>;
... when != x = E
(
ret = utrace_finish_examine(t, ...);
if (\(ret\|ret != 0\|ret < 0\|ret == -EAGAIN\|unlikely(ret)\)) {
  ... when != x = E
* x@p
  ... when any
}
|
if (utrace_finish_examine(t, ...)) {
  ... when != x = E
* x@p
  ... when any
}
)

@script:python depends on org@
p << dropped.p;
@@
coccilib.org.print_todo(p[0], "result of utrace_finish_examine() is ignored; non-zero means what was read is stale [UT-WIN-002]")

@script:python depends on org@
p << overwritten.p;
@@
coccilib.org.print_todo(p[0], "result of utrace_finish_examine() is overwritten before it is checked [UT-WIN-002]")

@script:python depends on org@
p << stale.p;
x << stale.x;
@@
coccilib.org.print_todo(p[0], "'%s' was read in the examine window and is used where utrace_finish_examine() failed (stale) [UT-WIN-002]" % x)

@script:python depends on report@
p << dropped.p;
@@
print("%s:%s:%d: warning: result of utrace_finish_examine() is ignored; non-zero means what was read is stale [UT-WIN-002]"
      % (p[0].file, p[0].line, int(p[0].column) + 1))

@script:python depends on report@
p << overwritten.p;
@@
print("%s:%s:%d: warning: result of utrace_finish_examine() is overwritten before it is checked [UT-WIN-002]"
      % (p[0].file, p[0].line, int(p[0].column) + 1))

@script:python depends on report@
p << stale.p;
x << stale.x;
@@
print("%s:%s:%d: warning: '%s' was read in the examine window and is used where utrace_finish_examine() failed (stale) [UT-WIN-002]"
      % (p[0].file, p[0].line, int(p[0].column) + 1, x))

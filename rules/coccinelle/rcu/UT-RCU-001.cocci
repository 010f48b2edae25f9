// SPDX-License-Identifier: GPL-2.0-only
/// Nothing may sleep inside an RCU read section.  This finds, between
/// rcu_read_lock() and rcu_read_unlock() on some path through one function,
/// a call that may sleep: utrace_prepare_examine() (it waits for the thread
/// to leave the CPU), utrace_barrier(), a user_regset get/set,
/// copy_regset_to/from_user(), access_process_vm(), copy_to/from_user(),
/// mutex_lock(), msleep(), schedule(), or an allocation with GFP_KERNEL.
/// Sleeping calls in helpers called from the section are not seen.
//
// Confidence: High
// Copyright: (C) 2025 The utrace-check authors.
// Options: --no-includes --include-headers
// Keywords: utrace, rcu_read_lock, might_sleep, GFP_KERNEL
// URL: docs/coccinelle.md

virtual context
virtual org
virtual report

@initialize:python@
@@
def ut_callee(fn, gfn, op):
    if fn:
        return "%s()" % fn
    if gfn:
        return "%s() with GFP_KERNEL" % gfn
    return "user_regset ->%s()" % op

@sleeps exists@
identifier fn = {utrace_prepare_examine, utrace_barrier, utrace_barrier_pid,
                 copy_regset_to_user, copy_regset_from_user, regset_get,
                 regset_get_alloc, access_process_vm, copy_to_user,
                 copy_from_user, mutex_lock, mutex_lock_interruptible,
                 mutex_lock_killable, msleep, msleep_interruptible, schedule,
                 schedule_timeout, wait_task_inactive};
identifier gfn;
expression list es;
const struct user_regset *rs;
identifier op = {get, set};
position p0, p;
@@

rcu_read_lock@p0();
... when != rcu_read_unlock()
    when any
(
* fn@p(...)
|
* gfn@p(es, GFP_KERNEL, ...)
|
* rs->op@p(...)
)

@script:python depends on org@
p << sleeps.p;
p0 << sleeps.p0;
fn << sleeps.fn = "";
gfn << sleeps.gfn = "";
op << sleeps.op = "";
@@
coccilib.org.print_todo(p[0], "%s may sleep inside an RCU read section [UT-RCU-001]" % ut_callee(fn, gfn, op))
coccilib.org.print_link(p0[0], "rcu_read_lock() here")

@script:python depends on report@
p << sleeps.p;
fn << sleeps.fn = "";
gfn << sleeps.gfn = "";
op << sleeps.op = "";
@@
print("%s:%s:%d: warning: %s may sleep inside an RCU read section [UT-RCU-001]"
      % (p[0].file, p[0].line, int(p[0].column) + 1, ut_callee(fn, gfn, op)))

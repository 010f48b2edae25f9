// SPDX-License-Identifier: GPL-2.0-only
/// report_death runs in a thread that exit_notify() has already made a
/// zombie, so its parent may reap it at the same moment on another CPU:
/// release_task() clears task->sighand (and, before 2.6.35, task->signal).
/// This finds, in a function installed as .report_death (in a struct
/// utrace_engine_ops initialiser or an assignment to ->report_death or
/// .report_death in the same file), a dereference T->signal->x or
/// T->sighand->x (also &T->sighand->siglock passed to a call) reached with
/// no earlier mention of T->signal (resp. T->sighand) on the way, where T
/// is current, the callback's struct task_struct * parameter (2006-2008
/// API), or a local assigned from either.  A test earlier in the same
/// ||, && or ?: expression counts.  Any mention counts as a test, so a
/// copy (sig = current->signal) silences the later reads: the Clang checker
/// follows the value.  Dereferences in helpers the callback calls are not
/// seen.
//
// Confidence: Moderate
// Copyright: (C) 2025 The utrace-check authors.
// Options: --no-includes --include-headers
// Keywords: utrace, report_death, signal, sighand, release_task
// URL: docs/coccinelle.md

virtual context
virtual org
virtual report

@initialize:python@
@@
reported = set()
MSG = ("'%s->%s' may be NULL in report_death callback '%s' (the thread may"
       " already be reaped); test it before dereferencing")

def ut_report(p, task, fld, fn, org=False):
    """One finding per position, even when two match rules reach the same
    place: a GCC-form line, or an org TODO item."""
    key = (p.file, p.line, p.column)
    if key in reported:
        return
    reported.add(key)
    msg = MSG % (task, fld, fn)
    if org:
        coccilib.org.print_todo(p, "%s [UT-CB-003]" % msg)
    else:
        print("%s:%s:%d: warning: %s [UT-CB-003]" % (p.file, p.line, int(p.column) + 1, msg))

// The functions installed as report_death in this file.
@cb@
identifier ops, fn;
expression E;
@@

(
struct utrace_engine_ops ops = { ..., .report_death = \(fn\|&fn\), ... };
|
E.report_death = \(fn\|&fn\);
|
E->report_death = \(fn\|&fn\);
)

// A dereference behind a test of the same field in one expression:
// "t->signal == NULL || t->signal->live", "t->sighand ? ... : ...".
@guard@
expression T, E1;
identifier f = {signal, sighand};
identifier fld;
position p;
@@

(
 (<+... T->f ...+>) || (<+... T->f@p->fld ...+>)
|
 (<+... T->f ...+>) && (<+... T->f@p->fld ...+>)
|
 (<+... T->f ...+>) ? (<+... T->f@p->fld ...+>) : E1
|
 (<+... T->f ...+>) ? E1 : (<+... T->f@p->fld ...+>)
)

// current->signal->x in the callback.
@viacurrent exists@
identifier cb.fn;
identifier f = {signal, sighand};
identifier fld;
symbol current;
position p != guard.p;
@@

fn(...) {
... when != current->f
    when any
* current->f@p->fld
... when any
}

// tsk->signal->x through the callback's task parameter.
@viaparam exists@
identifier cb.fn;
identifier t;
identifier f = {signal, sighand};
identifier fld;
expression E;
symbol current;
position p != guard.p;
@@

fn(..., struct task_struct *t, ...) {
... when != t->f
    when != current->f
    when != t = E
    when any
* t->f@p->fld
... when any
}

// A local assigned from current: "struct task_struct *tsk = current;".
@vialocalcurrent exists@
identifier cb.fn;
identifier t;
identifier f = {signal, sighand};
identifier fld;
expression E;
symbol current;
position p != guard.p;
@@

fn(...) {
... when != current->f
    when any
(
struct task_struct *t = current;
|
t = current;
)
... when != t->f
    when != current->f
    when != t = E
    when any
* t->f@p->fld
... when any
}

// A local assigned from the task parameter.
@vialocalparam exists@
identifier cb.fn;
identifier t, src;
identifier f = {signal, sighand};
identifier fld;
expression E;
symbol current;
position p != guard.p;
@@

fn(..., struct task_struct *src, ...) {
... when != src->f
    when != current->f
    when any
(
struct task_struct *t = src;
|
t = src;
)
... when != t->f
    when != src->f
    when != current->f
    when != t = E
    when any
* t->f@p->fld
... when any
}

@script:python depends on org@
p << viacurrent.p;
f << viacurrent.f;
fn << cb.fn;
@@
ut_report(p[0], "current", f, fn, org=True)

@script:python depends on org@
p << viaparam.p;
t << viaparam.t;
f << viaparam.f;
fn << cb.fn;
@@
ut_report(p[0], t, f, fn, org=True)

@script:python depends on org@
p << vialocalcurrent.p;
f << vialocalcurrent.f;
fn << cb.fn;
@@
ut_report(p[0], "current", f, fn, org=True)

@script:python depends on org@
p << vialocalparam.p;
src << vialocalparam.src;
f << vialocalparam.f;
fn << cb.fn;
@@
ut_report(p[0], src, f, fn, org=True)

@script:python depends on report@
p << viacurrent.p;
f << viacurrent.f;
fn << cb.fn;
@@
ut_report(p[0], "current", f, fn)

@script:python depends on report@
p << viaparam.p;
t << viaparam.t;
f << viaparam.f;
fn << cb.fn;
@@
ut_report(p[0], t, f, fn)

@script:python depends on report@
p << vialocalcurrent.p;
f << vialocalcurrent.f;
fn << cb.fn;
@@
ut_report(p[0], "current", f, fn)

@script:python depends on report@
p << vialocalparam.p;
src << vialocalparam.src;
f << vialocalparam.f;
fn << cb.fn;
@@
ut_report(p[0], src, f, fn)

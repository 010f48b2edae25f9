// SPDX-License-Identifier: GPL-2.0-only
/// pid_task(), find_task_by_vpid() and find_task_by_pid_ns() return a task
/// that is only valid inside an RCU read section, and must be called inside
/// one.  This finds such a call reached from the start of the function, or
/// from an rcu_read_unlock(), with no rcu_read_lock() on the way.  A helper
/// documented as "called under rcu_read_lock()" is reported too, and a
/// caller holding tasklist_lock is not recognised: the rule sees one
/// function at a time and knows only RCU.
//
// Confidence: Moderate
// Copyright: (C) 2025 The utrace-check authors.
// Options: --no-includes --include-headers
// Keywords: utrace, rcu_read_lock, find_task_by_vpid, pid_task
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
        coccilib.org.print_todo(p, "%s [UT-RCU-004]" % msg)
    else:
        print("%s:%s:%d: warning: %s [UT-RCU-004]" % (p.file, p.line, int(p.column) + 1, msg))

@fromstart exists@
identifier fn;
identifier find = {pid_task, find_task_by_vpid, find_task_by_pid_ns};
position p;
@@

fn(...) {
... when != rcu_read_lock()
    when any
* find@p(...)
... when any
}

@fromunlock exists@
identifier find = {pid_task, find_task_by_vpid, find_task_by_pid_ns};
position p;
@@

rcu_read_unlock();
... when != rcu_read_lock()
    when any
* find@p(...)

@script:python depends on org@
p << fromstart.p;
find << fromstart.find;
@@
ut_report(p[0], "%s() called outside an RCU read section" % find, org=True)

@script:python depends on org@
p << fromunlock.p;
find << fromunlock.find;
@@
ut_report(p[0], "%s() called outside an RCU read section" % find, org=True)

@script:python depends on report@
p << fromstart.p;
find << fromstart.find;
@@
ut_report(p[0], "%s() called outside an RCU read section" % find)

@script:python depends on report@
p << fromunlock.p;
find << fromunlock.find;
@@
ut_report(p[0], "%s() called outside an RCU read section" % find)

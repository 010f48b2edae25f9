// SPDX-License-Identifier: GPL-2.0-only
/// RCU read sections balance on every path.  This finds a return reached
/// from rcu_read_lock() with no rcu_read_unlock() on the way, and an
/// rcu_read_unlock() reached from the start of the function with no
/// rcu_read_lock() before it.  A function that deliberately returns with
/// the section held (or is called inside one) and says so only in its
/// annotations is reported too: the rule sees one function at a time.
//
// Confidence: Moderate
// Copyright: (C) 2025 The utrace-check authors.
// Options: --no-includes --include-headers
// Keywords: utrace, rcu_read_lock, rcu_read_unlock, unbalanced
// URL: docs/coccinelle.md

virtual context
virtual org
virtual report

@held exists@
position p0, p;
@@

* rcu_read_lock@p0();
... when != rcu_read_unlock()
* return@p ...;

@unheld exists@
identifier fn;
position p;
@@

fn(...) {
... when != rcu_read_lock()
* rcu_read_unlock@p();
... when any
}

@script:python depends on org@
p << held.p;
p0 << held.p0;
@@
coccilib.org.print_todo(p[0], "return with the RCU read section still held [UT-RCU-002]")
coccilib.org.print_link(p0[0], "rcu_read_lock() here")

@script:python depends on org@
p << unheld.p;
@@
coccilib.org.print_todo(p[0], "rcu_read_unlock() without rcu_read_lock() on this path [UT-RCU-002]")

@script:python depends on report@
p << held.p;
@@
print("%s:%s:%d: warning: return with the RCU read section still held [UT-RCU-002]"
      % (p[0].file, p[0].line, int(p[0].column) + 1))

@script:python depends on report@
p << unheld.p;
@@
print("%s:%s:%d: warning: rcu_read_unlock() without rcu_read_lock() on this path [UT-RCU-002]"
      % (p[0].file, p[0].line, int(p[0].column) + 1))

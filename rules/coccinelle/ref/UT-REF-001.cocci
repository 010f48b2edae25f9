// SPDX-License-Identifier: GPL-2.0-only
/// An engine reference from utrace_attach_task(), utrace_attach_pid() or
/// utrace_engine_get() must be dropped with utrace_engine_put() on every
/// path.  This finds a return reached after a successful attach (the
/// IS_ERR() branch holds no reference) with no put on the way.  Storing the
/// engine anywhere, returning it or passing it to a non-utrace function
/// hands the reference over and ends the search (deliberately quiet), and
/// so does a NULL test of the engine: the rule cannot tell which branch
/// holds the reference.
//
// Confidence: Moderate
// Copyright: (C) 2025 The utrace-check authors.
// Options: --no-includes --include-headers
// Keywords: utrace, utrace_engine_put, reference leak
// URL: docs/coccinelle.md

virtual context
virtual org
virtual report

@initialize:python@
@@
def ut_report(p, msg):
    print("%s:%s:%d: warning: %s [UT-REF-001]" % (p.file, p.line, int(p.column) + 1, msg))

@leak exists@
local idexpression struct utrace_engine *e;
identifier acq = {utrace_attach_task, utrace_attach_pid, utrace_engine_get};
identifier f !~ "^(utrace_attach_|utrace_set_events|utrace_control|utrace_barrier|utrace_prepare_examine|utrace_finish_examine|IS_ERR|PTR_ERR)";
expression E, E1;
statement S;
position p1, p2;
@@

(
e = acq@p1(...);
if (IS_ERR(e)) S
|
acq@p1(e);
)
... when != utrace_engine_put(e)
    when != e = E
    when != E1 = e
    when != f(..., e, ...)
    when != \(e == NULL\|e != NULL\|!e\)
(
return e;
|
return@p2 ...;
)

@depends on context exists@
local idexpression struct utrace_engine *leak.e;
identifier leak.acq;
position leak.p1, leak.p2;
@@

(
* e = acq@p1(...);
|
* acq@p1(e);
)
...
* return@p2 ...;

@script:python depends on org@
acq << leak.acq;
p1 << leak.p1;
p2 << leak.p2;
@@
coccilib.org.print_todo(p2[0], "engine reference from %s() is not released on this path [UT-REF-001]" % acq)
coccilib.org.print_link(p1[0], "acquired here")

@script:python depends on report@
acq << leak.acq;
p2 << leak.p2;
@@
ut_report(p2[0], "engine reference from %s() is not released on this path" % acq)

// SPDX-License-Identifier: GPL-2.0-only
/// A reference taken with utrace_attach_task() or utrace_attach_pid() is
/// dropped once.  A second utrace_engine_put() on the same pointer, with no
/// utrace_engine_get() or new lookup in between, drops a reference the
/// caller does not own and may free an engine that is still attached.
/// Only references acquired in the function itself are followed, so puts
/// of references held by a structure are not judged.
//
// Confidence: High
// Copyright: (C) 2025 The utrace-check authors.
// Options: --no-includes --include-headers
// Keywords: utrace, utrace_engine_put, double put
// URL: docs/coccinelle.md

virtual context
virtual org
virtual report

@twice exists@
local idexpression struct utrace_engine *e;
expression E;
position p1, p2;
@@

e = \(utrace_attach_task\|utrace_attach_pid\)(...);
... when != e = E
utrace_engine_put@p1(e);
... when != e = E
    when != utrace_engine_get(e)
utrace_engine_put@p2(e);

@depends on context@
position twice.p1, twice.p2;
@@

(
* utrace_engine_put@p1(...)
|
* utrace_engine_put@p2(...)
)

@script:python depends on org@
p1 << twice.p1;
p2 << twice.p2;
@@
coccilib.org.print_todo(p2[0], "engine reference is put twice with utrace_engine_put() [UT-REF-003]")
coccilib.org.print_link(p1[0], "first put here")

@script:python depends on report@
p2 << twice.p2;
@@
print("%s:%s:%d: warning: engine reference is put twice with utrace_engine_put() [UT-REF-003]"
      % (p2[0].file, p2[0].line, int(p2[0].column) + 1))

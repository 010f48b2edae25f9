// SPDX-License-Identifier: GPL-2.0-only
/// Writer side of the reap/examine pairing (the seed's reap fix): when an
/// engine is cut loose, the writes clearing engine->ops and engine->flags
/// must be ordered by smp_wmb() before the task may be released, or an
/// examiner on another CPU can see the task die and still read the old
/// flags.  This finds such a clearing write (NULL or 0, or the detached ops)
/// that reaches the end of its function with no write barrier (smp_wmb,
/// smp_mb, wmb, mb) after it.  Other writes of these fields, and writes of
/// engine->data, are not ordering points and are left alone.
//
// Confidence: Low
// Copyright: (C) 2025 The utrace-check authors.
// Options: --no-includes --include-headers
// Keywords: utrace, smp_wmb, memory barrier, utrace_reap
// URL: docs/coccinelle.md

virtual context
virtual org
virtual report

@nowmb exists@
identifier fn;
struct utrace_engine *e;
identifier fld = {ops, flags};
symbol utrace_detached_ops;
position p;
@@

fn(...) {
... when any
(
e@p->fld = NULL;
|
e@p->fld = 0;
|
e@p->fld = &utrace_detached_ops;
)
... when != smp_wmb()
    when != smp_mb()
    when != wmb()
    when != mb()
    when any
}

@depends on context@
expression e, E;
identifier fld;
position nowmb.p;
@@

* e@p->fld = E;

@script:python depends on org@
p << nowmb.p;
fld << nowmb.fld;
@@
coccilib.org.print_todo(p[0], "engine->%s is cleared without smp_wmb() before the task may be released [UT-BAR-001]" % fld)

@script:python depends on report@
p << nowmb.p;
fld << nowmb.fld;
@@
print("%s:%s:%d: warning: engine->%s is cleared without smp_wmb() before the task may be released [UT-BAR-001]"
      % (p[0].file, p[0].line, int(p[0].column) + 1, fld))

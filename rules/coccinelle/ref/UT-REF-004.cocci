// SPDX-License-Identifier: GPL-2.0-only
/// utrace_attach_task() and utrace_attach_pid() never return NULL: failure
/// is an ERR_PTR() value.  Testing the result against NULL lets every error
/// through as if it were an engine.  IS_ERR() returns a truth value, so
/// comparing it with an errno code is never what was meant; PTR_ERR() gives
/// the code.  A test that also uses IS_ERR() on the result (the idiom of
/// the pre-2008 API, whose lookups could return NULL) is left alone.
/// Patch mode turns the NULL tests into IS_ERR() tests.
//
// Confidence: High
// Copyright: (C) 2025 The utrace-check authors.
// Options: --no-includes --include-headers
// Keywords: utrace, IS_ERR, NULL test, ERR_PTR
// URL: docs/coccinelle.md

virtual patch
virtual context
virtual org
virtual report

@nulltest depends on !patch exists@
local idexpression struct utrace_engine *e;
identifier acq = {utrace_attach_task, utrace_attach_pid};
expression E;
position p;
@@

e = acq(...);
... when != e = E
    when != IS_ERR(e)
    when != IS_ERR_OR_NULL(e)
(
 IS_ERR(e) || ...
|
 IS_ERR_OR_NULL(e)
|
* !e@p
|
* e@p == NULL
|
* e@p != NULL
|
* NULL == e@p
|
* NULL != e@p
)

@errno_cmp depends on !patch@
expression E;
identifier C =~ "^E[A-Z0-9]+$";
binary operator op = {==, !=};
position p;
@@

(
* IS_ERR@p(E) op -C
|
* IS_ERR@p(E) op C
|
* -C op IS_ERR@p(E)
)

@fix depends on patch exists@
local idexpression struct utrace_engine *e;
expression E;
@@

e = \(utrace_attach_task\|utrace_attach_pid\)(...);
... when != e = E
    when != IS_ERR(e)
    when != IS_ERR_OR_NULL(e)
(
 IS_ERR(e) || ...
|
 IS_ERR_OR_NULL(e)
|
- !e
+ IS_ERR(e)
|
- e == NULL
+ IS_ERR(e)
|
- e != NULL
+ !IS_ERR(e)
|
- NULL == e
+ IS_ERR(e)
|
- NULL != e
+ !IS_ERR(e)
)

@script:python depends on org@
p << nulltest.p;
acq << nulltest.acq;
@@
coccilib.org.print_todo(p[0], "%s() result is tested against NULL; it is never NULL, test it with IS_ERR() [UT-REF-004]" % acq)

@script:python depends on org@
p << errno_cmp.p;
@@
coccilib.org.print_todo(p[0], "IS_ERR() is compared with an errno value; use PTR_ERR() [UT-REF-004]")

@script:python depends on report@
p << nulltest.p;
acq << nulltest.acq;
@@
print("%s:%s:%d: warning: %s() result is tested against NULL; it is never NULL, test it with IS_ERR() [UT-REF-004]"
      % (p[0].file, p[0].line, int(p[0].column) + 1, acq))

@script:python depends on report@
p << errno_cmp.p;
@@
print("%s:%s:%d: warning: IS_ERR() is compared with an errno value; use PTR_ERR() [UT-REF-004]"
      % (p[0].file, p[0].line, int(p[0].column) + 1))

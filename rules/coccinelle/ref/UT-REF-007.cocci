// SPDX-License-Identifier: GPL-2.0-only
/// ERR_PTR() takes a negative errno.  ERR_PTR(ENOENT) is a small positive
/// pointer that IS_ERR() does not recognise: the error passes every test
/// and is used as a valid object by the callers.  Only errno macros written
/// as the argument are matched (E followed by capitals or digits); the Clang
/// checker also follows locals that are only ever assigned positive values
/// and leaves out code under a constant-false condition.
/// Patch mode negates the errno.
//
// Confidence: High
// Copyright: (C) 2026 The utrace-check authors.
// Options: --no-includes --include-headers
// Keywords: ERR_PTR, IS_ERR, errno sign
// URL: docs/coccinelle.md

virtual patch
virtual context
virtual org
virtual report

@positive depends on !patch@
identifier E =~ "^E[A-Z0-9]+$";
position p;
@@

* ERR_PTR@p(E)

@fix depends on patch@
identifier E =~ "^E[A-Z0-9]+$";
@@

  ERR_PTR(
- E
+ -E
  )

@script:python depends on org@
p << positive.p;
E << positive.E;
@@
coccilib.org.print_todo(p[0], "error pointer from ERR_PTR(%s) holds a positive errno, which IS_ERR() does not recognise; use ERR_PTR(-%s) [UT-REF-007]" % (E, E))

@script:python depends on report@
p << positive.p;
E << positive.E;
@@
print("%s:%s:%d: warning: error pointer from ERR_PTR(%s) holds a positive errno, which IS_ERR() does not recognise; use ERR_PTR(-%s) [UT-REF-007]"
      % (p[0].file, p[0].line, int(p[0].column) + 1, E, E))

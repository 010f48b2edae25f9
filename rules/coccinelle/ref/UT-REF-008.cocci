// SPDX-License-Identifier: GPL-2.0-only
/// These utrace calls report failures the caller has to act on (the engine
/// was detached, the thread is exiting, a stop or detach is still in
/// progress, a wait was interrupted).  A call used as a whole statement
/// throws the result away; an explicit (void) cast marks a deliberate
/// ignore and is left alone.  The list is the `must_check` entries of
/// rules/api/utrace.yaml, less utrace_finish_examine() (UT-WIN-002); the
/// first generation's utrace_set_flags() fails as utrace_set_events() does.
/// The Clang checker also sees the left side of a comma and leaves out code
/// under a constant-false condition.
//
// Confidence: High
// Copyright: (C) 2026 The utrace-check authors.
// Options: --no-includes --include-headers
// Keywords: utrace, __must_check, ignored result
// URL: docs/coccinelle.md

virtual context
virtual org
virtual report

@ignored@
identifier f = {utrace_control, utrace_control_pid, utrace_set_events,
                utrace_set_events_pid, utrace_barrier, utrace_barrier_pid,
                utrace_prepare_examine, utrace_set_flags};
position p;
@@

* f@p(...);

@script:python depends on org@
p << ignored.p;
f << ignored.f;
@@
coccilib.org.print_todo(p[0], "result of %s() is ignored: check it, or cast the call to (void) where ignoring it is deliberate [UT-REF-008]" % f)

@script:python depends on report@
p << ignored.p;
f << ignored.f;
@@
print("%s:%s:%d: warning: result of %s() is ignored: check it, or cast the call to (void) where ignoring it is deliberate [UT-REF-008]"
      % (p[0].file, p[0].line, int(p[0].column) + 1, f))

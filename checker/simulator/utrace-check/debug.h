/*
 * utrace-check's test intrinsics: never in real code.
 *
 * With --debug-checker=utrace.debug.DumpState, each call of
 * utrace_check_dump_state() is reported as a warning at the call that lists
 * the state the checkers hold on that path there:
 *
 *   utrace state: engine refs: [...]; examine windows: [...];
 *   rcu read sections: depth N; rcu flavours: ...; atomic contexts: [...];
 *   locks: [...] [utrace.debug.DumpState]
 *
 * so a test can assert the model, not only the final warning (in the
 * spirit of the analyzer's clang_analyzer_* functions of
 * debug.ExprInspection). Without that option the call is an unknown
 * external function. docs/testing.md, "Asserting the model's state".
 */
#ifndef _UTRACE_CHECK_DEBUG_H
#define _UTRACE_CHECK_DEBUG_H

void utrace_check_dump_state(void);

#endif

/*
 * --standalone's prelude: included before the file (-include), so that the
 * kernel basics a tracing module normally gets through its real headers
 * (and through sibling files that are not at hand) are declared, and the
 * configuration a real build of utrace code has is set. See
 * docs/standalone.md. Written for utrace-check.
 */
#ifndef _SIM_UTRACE_CHECK_STANDALONE_H
#define _SIM_UTRACE_CHECK_STANDALONE_H
#pragma clang system_header

/* A kernel with utrace, built as a module for x86-64. */
#define CONFIG_UTRACE 1
#define CONFIG_MODULES 1
#define CONFIG_PROC_FS 1
#define CONFIG_SMP 1
#define CONFIG_64BIT 1
#define CONFIG_X86_64 1
#define CONFIG_PREEMPT_RCU 1
#define CONFIG_UTRACE_CHECK_STANDALONE 1
/* The feature options of a typical distribution kernel (namespaces...). */
#include <utrace-check/distro-config.h>

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/version.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/err.h>
#include <linux/list.h>
#include <linux/atomic.h>
#include <linux/kref.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/rwsem.h>
#include <linux/semaphore.h>
#include <linux/wait.h>
#include <linux/completion.h>
#include <linux/rcupdate.h>
#include <linux/signal.h>
#include <linux/jiffies.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/cred.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/task_work.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/fs.h>
#include <linux/proc_fs.h>
#include <linux/binfmts.h>
#include <linux/module.h>
#include <linux/uaccess.h>
#include <linux/ptrace.h>
#include <linux/regset.h>
#include <linux/tracehook.h>
#include <linux/delay.h>
/* Left out for code that implements utrace itself: its own header
 * declares the API (the healer defines this after a clash). */
#ifndef UTRACE_CHECK_OWN_UTRACE
#include <linux/utrace.h>
#endif
#include <asm/barrier.h>

#endif

/*
 * --standalone: the kernel configuration options that only switch a feature
 * on, as a typical distribution kernel sets them. Code under
 * `#ifdef CONFIG_PID_NS` (and the like) is then parsed and analysed as it
 * would be in a distribution build, instead of being removed by the
 * preprocessor. Included by utrace-check/standalone.h; see
 * docs/standalone.md ("What the file is parsed with").
 *
 * The list is data: one option a line, each `=y` in Debian's amd64 kernel
 * configuration (linux-config-6.12, config.amd64_none_amd64);
 * scripts/check-distro-config.sh checks it against a configuration file.
 * Left out on purpose: options that choose between implementations or
 * change layouts and macro expansions (the preemption model, CONFIG_UPROBES,
 * which SystemTap uses to pick its own uprobes or the kernel's,
 * CONFIG_COMPAT and 32-bit emulation, lock and RCU debugging,
 * CONFIG_THREAD_INFO_IN_TASK), and architecture options (the prelude's).
 * -DUTRACE_CHECK_NO_DISTRO_CONFIG after `--` leaves the whole list out.
 * Written for utrace-check.
 */
#ifndef _SIM_UTRACE_CHECK_DISTRO_CONFIG_H
#define _SIM_UTRACE_CHECK_DISTRO_CONFIG_H
#pragma clang system_header
#ifndef UTRACE_CHECK_NO_DISTRO_CONFIG

/* namespaces and control groups */
#define CONFIG_NAMESPACES 1
#define CONFIG_PID_NS 1
#define CONFIG_USER_NS 1
#define CONFIG_UTS_NS 1
#define CONFIG_IPC_NS 1
#define CONFIG_NET_NS 1
#define CONFIG_CGROUPS 1
/* tracing and instrumentation */
#define CONFIG_KALLSYMS 1
#define CONFIG_KPROBES 1
#define CONFIG_KRETPROBES 1
#define CONFIG_TRACEPOINTS 1
#define CONFIG_PERF_EVENTS 1
#define CONFIG_RELAY 1
#define CONFIG_DEBUG_FS 1
#define CONFIG_AUDIT 1
#define CONFIG_AUDITSYSCALL 1
/* the rest of a distribution kernel */
#define CONFIG_SECURITY 1
#define CONFIG_HIGH_RES_TIMERS 1
#define CONFIG_HOTPLUG_CPU 1
#define CONFIG_MODULE_UNLOAD 1
#define CONFIG_NUMA 1
#define CONFIG_CPU_FREQ 1

#endif /* UTRACE_CHECK_NO_DISTRO_CONFIG */

#endif

#ifndef _SIM_LINUX_TRACEPOINT_H
#define _SIM_LINUX_TRACEPOINT_H
#pragma clang system_header

/* Tracepoints: a probe runs with preemption disabled. DECLARE_TRACE() makes
 * register_trace_<name>(probe, data) as real kernels do. */
struct tracepoint;
int tracepoint_probe_register(struct tracepoint *tp, void *probe, void *data);
int tracepoint_probe_unregister(struct tracepoint *tp, void *probe, void *data);
void tracepoint_synchronize_unregister(void);

#define DECLARE_TRACE(name, proto, args)				\
	int register_trace_##name(void (*probe)(void *__data, proto),	\
				  void *data);				\
	int unregister_trace_##name(void (*probe)(void *__data, proto),	\
				    void *data)
#define PARAMS(args...) args

#endif

/* Simulator: signals and siginfo. Written for utrace-check, not copied from the kernel. */
#ifndef _SIM_SIGNAL_H
#define _SIM_SIGNAL_H
#pragma clang system_header
#include <linux/types.h>
#define SIGHUP		1
#define SIGINT		2
#define SIGQUIT		3
#define SIGILL		4
#define SIGTRAP		5
#define SIGABRT		6
#define SIGIOT		6
#define SIGBUS		7
#define SIGFPE		8
#define SIGKILL		9
#define SIGUSR1		10
#define SIGSEGV		11
#define SIGUSR2		12
#define SIGPIPE		13
#define SIGALRM		14
#define SIGTERM		15
#define SIGSTKFLT	16
#define SIGCHLD		17
#define SIGCONT		18
#define SIGSTOP		19
#define SIGTSTP		20
#define SIGTTIN		21
#define SIGTTOU		22
#define SIGURG		23
#define SIGXCPU		24
#define SIGXFSZ		25
#define SIGVTALRM	26
#define SIGPROF		27
#define SIGWINCH	28
#define SIGIO		29
#define SIGPWR		30
#define SIGSYS		31
#define SIGRTMIN	32
#define _NSIG		64
#define SI_USER		0
#define SI_KERNEL	0x80
#define TRAP_BRKPT	1
#define TRAP_TRACE	2
#define SEGV_MAPERR	1
#define SEGV_ACCERR	2
#define CLD_EXITED	1
#define CLD_KILLED	2
#define CLD_DUMPED	3
#define CLD_TRAPPED	4
#define CLD_STOPPED	5
#define CLD_CONTINUED	6
#define SIG_DFL	((void (*)(int))0)
#define SIG_IGN	((void (*)(int))1)
#define SA_SIGINFO	0x00000004
#define SA_RESTART	0x10000000
typedef struct { unsigned long sig[1]; } sigset_t;
union sigval { int sival_int; void *sival_ptr; };
typedef struct siginfo {
	int si_signo;
	int si_errno;
	int si_code;
	pid_t si_pid;
	uid_t si_uid;
	int si_status;
	void *si_addr;
	union sigval si_value;
	long si_band;
	int si_fd;
	int _pad[20];
} siginfo_t;
typedef struct kernel_siginfo kernel_siginfo_t;
struct kernel_siginfo { struct siginfo info; };
struct sigaction {
	void (*sa_handler)(int);
	unsigned long sa_flags;
	sigset_t sa_mask;
};
struct k_sigaction { struct sigaction sa; };
struct sigpending {
	struct list_head list;
	sigset_t signal;
};
struct task_struct;
int send_sig_info(int sig, struct siginfo *info, struct task_struct *p);
int force_sig_info(int sig, struct siginfo *info, struct task_struct *p);
void force_sig(int sig, ...);
int kill_pid(struct pid *pid, int sig, int priv);
void sigaddset(sigset_t *set, int sig);
void sigdelset(sigset_t *set, int sig);
int sigismember(sigset_t *set, int sig);
void sigemptyset(sigset_t *set);
void sigfillset(sigset_t *set);
int dequeue_signal(struct task_struct *tsk, sigset_t *mask, siginfo_t *info);
void signal_wake_up(struct task_struct *t, int resume);
int fatal_signal_pending(struct task_struct *p);
int sig_kernel_stop(int sig);

#endif

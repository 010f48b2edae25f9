static inline int my_task_pid(struct task_struct *tsk) { return tsk->pid; }

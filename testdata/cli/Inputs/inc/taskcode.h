static inline int my_task_exit_code(struct task_struct *tsk) { return tsk->exit_code; }

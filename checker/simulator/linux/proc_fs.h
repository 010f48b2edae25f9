/* Simulator: /proc entries, both the 2.6 and the 3.10+ interface. Written
 * for utrace-check. */
#ifndef _SIM_LINUX_PROC_FS_H
#define _SIM_LINUX_PROC_FS_H
#pragma clang system_header
#include <linux/fs.h>
typedef int (read_proc_t)(char *page, char **start, loff_t off, int count,
			  int *eof, void *data);
typedef int (write_proc_t)(struct file *file, const char __user *buffer,
			   unsigned long count, void *data);
struct proc_dir_entry {
	const char *name;
	umode_t mode;
	uid_t uid;
	gid_t gid;
	loff_t size;
	const struct file_operations *proc_fops;
	struct proc_dir_entry *parent;
	read_proc_t *read_proc;
	write_proc_t *write_proc;
	void *data;
	struct module *owner;
	atomic_t count;
};
struct proc_ops {
	int (*proc_open)(struct inode *, struct file *);
	ssize_t (*proc_read)(struct file *, char __user *, size_t, loff_t *);
	ssize_t (*proc_write)(struct file *, const char __user *, size_t, loff_t *);
	loff_t (*proc_lseek)(struct file *, loff_t, int);
	int (*proc_release)(struct inode *, struct file *);
	long (*proc_ioctl)(struct file *, unsigned int, unsigned long);
};
struct proc_dir_entry *create_proc_entry(const char *name, umode_t mode,
					 struct proc_dir_entry *parent);
struct proc_dir_entry *proc_mkdir(const char *name, struct proc_dir_entry *parent);
struct proc_dir_entry *proc_create_data(const char *name, umode_t mode,
					struct proc_dir_entry *parent,
					const void *fops, void *data);
#define proc_create(name, mode, parent, fops) \
	proc_create_data(name, mode, parent, fops, NULL)
void remove_proc_entry(const char *name, struct proc_dir_entry *parent);
void proc_remove(struct proc_dir_entry *de);
void *PDE_DATA(const struct inode *inode);
struct proc_dir_entry *PDE(const struct inode *inode);
#define pde_data(inode) PDE_DATA(inode)
extern struct proc_dir_entry *proc_root_driver;
#endif

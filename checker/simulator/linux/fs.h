/* Simulator: files, inodes, dentries, paths. Written for utrace-check. */
#ifndef _SIM_LINUX_FS_H
#define _SIM_LINUX_FS_H
#pragma clang system_header
#include <linux/types.h>
#include <linux/list.h>
#include <linux/wait.h>
#include <linux/limits.h>
#include <linux/mutex.h>
#include <linux/atomic.h>
struct module;
struct vm_area_struct;
struct poll_table_struct;
struct vfsmount { struct dentry *mnt_root; int mnt_flags; };
struct qstr { const unsigned char *name; unsigned int len; unsigned int hash; };
struct inode {
	umode_t i_mode;
	unsigned long i_ino;
	uid_t i_uid;
	gid_t i_gid;
	loff_t i_size;
	dev_t i_rdev;
	atomic_t i_count;
	struct mutex i_mutex;
	void *i_private;
	const struct file_operations *i_fop;
	struct super_block *i_sb;
};
struct dentry {
	struct qstr d_name;
	struct inode *d_inode;
	struct dentry *d_parent;
	unsigned char d_iname[32];
};
struct path { struct vfsmount *mnt; struct dentry *dentry; };
struct file {
	struct path f_path;
	struct inode *f_inode;
	const struct file_operations *f_op;
	unsigned int f_flags;
	unsigned int f_mode;
	loff_t f_pos;
	void *private_data;
	/* Before 2.6.20 the path was two members. */
	struct dentry *f_dentry;
	struct vfsmount *f_vfsmnt;
};
struct file_operations {
	struct module *owner;
	loff_t (*llseek)(struct file *, loff_t, int);
	ssize_t (*read)(struct file *, char __user *, size_t, loff_t *);
	ssize_t (*write)(struct file *, const char __user *, size_t, loff_t *);
	unsigned int (*poll)(struct file *, struct poll_table_struct *);
	long (*unlocked_ioctl)(struct file *, unsigned int, unsigned long);
	long (*compat_ioctl)(struct file *, unsigned int, unsigned long);
	int (*ioctl)(struct inode *, struct file *, unsigned int, unsigned long);
	int (*mmap)(struct file *, struct vm_area_struct *);
	int (*open)(struct inode *, struct file *);
	int (*flush)(struct file *, void *);
	int (*release)(struct inode *, struct file *);
	int (*fsync)(struct file *, loff_t, loff_t, int);
};
#define S_IFMT	00170000
#define S_IFSOCK 0140000
#define S_IFLNK	 0120000
#define S_IFREG	 0100000
#define S_IFBLK	 0060000
#define S_IFDIR	 0040000
#define S_IFCHR	 0020000
#define S_IFIFO	 0010000
#define S_IRWXU 00700
#define S_IRUSR 00400
#define S_IWUSR 00200
#define S_IXUSR 00100
#define S_IRWXG 00070
#define S_IRGRP 00040
#define S_IWGRP 00020
#define S_IXGRP 00010
#define S_IRWXO 00007
#define S_IROTH 00004
#define S_IWOTH 00002
#define S_IXOTH 00001
#define S_IRUGO (S_IRUSR | S_IRGRP | S_IROTH)
#define S_IWUGO (S_IWUSR | S_IWGRP | S_IWOTH)
#define S_IXUGO (S_IXUSR | S_IXGRP | S_IXOTH)
#define S_ISREG(m) (((m) & S_IFMT) == S_IFREG)
#define S_ISDIR(m) (((m) & S_IFMT) == S_IFDIR)
#define O_RDONLY 00000000
#define O_WRONLY 00000001
#define O_RDWR	 00000002
#define O_NONBLOCK 00004000
#define FMODE_READ  0x1
#define FMODE_WRITE 0x2
/* d_path(path, buf, len) since 2.6.25, d_path(dentry, mnt, buf, len)
 * before: left unprototyped so that code of both eras parses. */
char *d_path();
struct file *fget(unsigned int fd);
void fput(struct file *file);
struct file *filp_open(const char *name, int flags, umode_t mode);
int filp_close(struct file *filp, void *id);
void path_get(const struct path *path);
void path_put(const struct path *path);
struct dentry *dget(struct dentry *dentry);
void dput(struct dentry *dentry);
struct inode *igrab(struct inode *inode);
void iput(struct inode *inode);
int register_chrdev(unsigned int major, const char *name, const struct file_operations *fops);
void unregister_chrdev(unsigned int major, const char *name);
loff_t no_llseek(struct file *file, loff_t offset, int whence);
int nonseekable_open(struct inode *inode, struct file *filp);
struct file *get_mm_exe_file(struct mm_struct *mm);
#endif

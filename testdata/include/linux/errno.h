#ifndef _SIM_LINUX_ERRNO_H
#define _SIM_LINUX_ERRNO_H
#pragma clang system_header

#define EPERM		1
#define ENOENT		2
#define ESRCH		3
#define EINTR		4
#define EIO		5
#define EAGAIN		11
#define ENOMEM		12
#define EFAULT		14
#define EBUSY		16
#define EEXIST		17
#define EINVAL		22
#define ENOSYS		38
#define EALREADY	114
#define EINPROGRESS	115
#define ERESTARTSYS	512

#endif

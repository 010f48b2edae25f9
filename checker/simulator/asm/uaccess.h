/* Era header: user-copy functions came from <asm/uaccess.h> before 4.11. */
#ifndef _SIM_ASM_UACCESS_H
#define _SIM_ASM_UACCESS_H
#pragma clang system_header

#include <linux/uaccess.h>

#endif

#ifndef _SIM_LINUX_DELAY_H
#define _SIM_LINUX_DELAY_H
#pragma clang system_header

void msleep(unsigned int msecs);
void udelay(unsigned long usecs);
void usleep_range(unsigned long min, unsigned long max);

#endif

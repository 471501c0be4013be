#include "gen/bpf/bpf.h"

#include <stdio.h>

const char *sg_ret_name(uint32_t ret, char *buf, size_t size)
{
	switch (ret & SG_RET_ACTION_FULL) {
	case SG_RET_KILL_PROCESS: snprintf(buf, size, "kill-process"); break;
	case SG_RET_KILL_THREAD: snprintf(buf, size, "kill-thread"); break;
	case SG_RET_TRAP: snprintf(buf, size, "trap"); break;
	case SG_RET_ERRNO: snprintf(buf, size, "errno %u", ret & SG_RET_DATA); break;
	case SG_RET_USER_NOTIF: snprintf(buf, size, "user-notify"); break;
	case SG_RET_TRACE: /* data for the tracer: seccompiler's {"trace": N} */
		if (ret & SG_RET_DATA)
			snprintf(buf, size, "trace %u", ret & SG_RET_DATA);
		else
			snprintf(buf, size, "trace");
		break;
	case SG_RET_LOG: snprintf(buf, size, "log"); break;
	case SG_RET_ALLOW: snprintf(buf, size, "allow"); break;
	default: snprintf(buf, size, "0x%08x", ret); break;
	}
	return buf;
}

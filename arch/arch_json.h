/* A target read from minijail's constants.json (--arch-json), the file
 * minijail's compile_seccomp_policy.py --arch-json reads
 * (tools/arch.py, Arch.load_from_json), so that a crosvm or ChromeOS tree
 * compiles with the syscall numbers and constants it already ships:
 *
 *   { "arch_nr": 3221225534, "arch_name": "x86_64", "bits": 64,
 *     "syscalls": { "read": 0, ... }, "constants": { "AT_FDCWD": -100, ... } }
 *
 * The optional "syscall_groups" ({ "namespace": { "group": ["read", ...] } })
 * gives the groups a policy names as group@namespace; each member must be
 * in "syscalls".  Other keys are ignored, as minijail's compiler does. */
#ifndef SG_ARCH_JSON_H
#define SG_ARCH_JSON_H

#include "arch/arch.h"

struct sg_arena;
struct sg_diag;

/* Returns the arch, allocated in the arena, or NULL after reporting
 * errors.  Its arrays are sorted by name in strcmp() order, as arch.h
 * requires.  For an arch_name seccomp-gen knows (x86_64, x86, arm64, arm,
 * riscv64) the arch takes seccomp-gen's name for it and must have that
 * arch's audit value and word size; for another name the byte order comes
 * from the audit value's __AUDIT_ARCH_LE bit. */
const struct sg_arch *sg_arch_load_json(struct sg_arena *arena, struct sg_diag *diag, const char *path);

#endif

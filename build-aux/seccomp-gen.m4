# seccomp-gen.m4: find seccomp-gen from a project's configure.  -*- Autoconf -*-
#
# SECCOMP_GEN_INIT([ACTION-IF-FOUND], [ACTION-IF-NOT-FOUND])
#
# Finds the seccomp-gen program, the flags for <seccomp-gen/install.h>,
# the make rules, and the arch to generate filters for, and substitutes:
#
#   SECCOMP_GEN         absolute path of the program (a make prerequisite
#                       of what it generates, so a new seccomp-gen remakes it)
#   SECCOMP_GEN_ARCH    the --arch for the host, the machine the project's
#                       programs will run on: x86_64, i386, aarch64, arm or
#                       riscv64.  In a cross build that is the target, not
#                       the build machine.
#   SECCOMP_GEN_CFLAGS  preprocessor flags for <seccomp-gen/install.h>
#   SECCOMP_GEN_RULES   (AC_SUBST_FILE) the rules of seccomp-gen.mk; put a
#                       line "@SECCOMP_GEN_RULES@" in Makefile.am
#
# The user may set SECCOMP_GEN and SECCOMP_GEN_ARCH on configure's command
# line.  The program is looked up through pkg-config (variable seccomp_gen
# of seccomp-gen.pc) and then PATH; in a cross build PATH comes first,
# since the pkg-config files may describe the target's sysroot, whose
# programs do not run here.  seccomp-gen's output does not depend on the
# machine it runs on, so the build machine's copy is always right.
#
# ACTION-IF-NOT-FOUND defaults to stopping with an error.
#
# A project's configure.ac should have, before SECCOMP_GEN_INIT,
#
#   m4_pattern_forbid([^SECCOMP_GEN_])
#
# so that autoreconf stops, naming SECCOMP_GEN_INIT, when aclocal did not
# find this file; the names this file leaves in configure are allowed here.
m4_pattern_forbid([^_?SECCOMP_GEN_[A-Z_]+$])
m4_pattern_allow([^SECCOMP_GEN_(ARCH|CFLAGS|RULES)$])

AC_DEFUN([SECCOMP_GEN_INIT],
[AC_REQUIRE([AC_CANONICAL_HOST])dnl
AC_ARG_VAR([SECCOMP_GEN], [the seccomp-gen program])dnl
AC_ARG_VAR([SECCOMP_GEN_ARCH], [the arch to generate seccomp filters for (default: from the host)])dnl
sg_found=yes
sg_pc_tool=
sg_pc_rules=
SECCOMP_GEN_CFLAGS=
AS_IF([test -z "$PKG_CONFIG"], [AC_PATH_TOOL([PKG_CONFIG], [pkg-config])])
AS_IF([test -n "$PKG_CONFIG" && $PKG_CONFIG --exists seccomp-gen 2>/dev/null],
  [sg_pc_tool=`$PKG_CONFIG --variable=seccomp_gen seccomp-gen`
   sg_pc_rules=`$PKG_CONFIG --variable=seccomp_gen_mk seccomp-gen`
   SECCOMP_GEN_CFLAGS=`$PKG_CONFIG --cflags seccomp-gen`])

AS_IF([test -z "$SECCOMP_GEN" && test "x$cross_compiling" != xyes && test -n "$sg_pc_tool" &&
       test -x "$sg_pc_tool"],
  [SECCOMP_GEN=$sg_pc_tool])
AS_IF([test -z "$SECCOMP_GEN"], [AC_PATH_PROG([SECCOMP_GEN], [seccomp-gen])])
AS_IF([test -z "$SECCOMP_GEN" && test -n "$sg_pc_tool" && test -x "$sg_pc_tool"],
  [SECCOMP_GEN=$sg_pc_tool])
dnl A bare name from the command line becomes a path: the make rules
dnl depend on the program's file.
AS_CASE([$SECCOMP_GEN],
  [""|/*], [],
  [*/*], [SECCOMP_GEN=`pwd`/$SECCOMP_GEN],
  [sg_path=`command -v "$SECCOMP_GEN" 2>/dev/null` && SECCOMP_GEN=$sg_path])
AC_MSG_CHECKING([whether $SECCOMP_GEN runs])
AS_IF([test -n "$SECCOMP_GEN" && "$SECCOMP_GEN" --version >/dev/null 2>&1],
  [AC_MSG_RESULT([yes])],
  [AC_MSG_RESULT([no]); sg_found=no])

AS_IF([test -z "$SECCOMP_GEN_ARCH"],
  [AC_MSG_CHECKING([the seccomp-gen arch for $host])
   _SECCOMP_GEN_HOST_ARCH
   SECCOMP_GEN_ARCH=$sg_host_arch
   AS_IF([test -n "$SECCOMP_GEN_ARCH"], [AC_MSG_RESULT([$SECCOMP_GEN_ARCH])],
     [AC_MSG_RESULT([none])
      AC_MSG_WARN([seccomp-gen has no arch for $host; set SECCOMP_GEN_ARCH])
      sg_found=no])])
AS_IF([test "x$sg_found" = xyes],
  [AC_MSG_CHECKING([whether $SECCOMP_GEN knows arch $SECCOMP_GEN_ARCH])
   AS_IF([echo | "$SECCOMP_GEN" --arch "$SECCOMP_GEN_ARCH" -f dump - >/dev/null 2>&1],
     [AC_MSG_RESULT([yes])],
     [AC_MSG_RESULT([no]); sg_found=no])])

dnl The make rules: beside the pkg-config file's, or in the share directory
dnl of the program's prefix.
SECCOMP_GEN_RULES=
AS_IF([test "x$sg_found" = xyes],
  [AC_MSG_CHECKING([for seccomp-gen.mk])
   sg_prefix=`AS_DIRNAME(["$SECCOMP_GEN"])`
   sg_prefix=`AS_DIRNAME(["$sg_prefix"])`
   for sg_mk in "$sg_pc_rules" "$sg_prefix/share/seccomp-gen/seccomp-gen.mk"; do
     AS_IF([test -n "$sg_mk" && test -f "$sg_mk"], [SECCOMP_GEN_RULES=$sg_mk; break])
   done
   AS_IF([test -n "$SECCOMP_GEN_RULES"], [AC_MSG_RESULT([$SECCOMP_GEN_RULES])],
     [AC_MSG_RESULT([no]); sg_found=no])])
AS_IF([test "x$sg_found" != xyes], [SECCOMP_GEN_RULES=/dev/null])
dnl Without pkg-config, the header is in the include directory of the
dnl program's prefix.
AS_IF([test "x$sg_found" = xyes && test -z "$SECCOMP_GEN_CFLAGS" && test "x$sg_prefix" != x/usr &&
       test -f "$sg_prefix/include/seccomp-gen/install.h"],
  [SECCOMP_GEN_CFLAGS="-I$sg_prefix/include"])

AC_SUBST([SECCOMP_GEN])
AC_SUBST([SECCOMP_GEN_ARCH])
AC_SUBST([SECCOMP_GEN_CFLAGS])
AC_SUBST_FILE([SECCOMP_GEN_RULES])
AS_IF([test "x$sg_found" = xyes], [$1],
  [m4_default([$2], [AC_MSG_ERROR([seccomp-gen not found or not working; install it, or set SECCOMP_GEN (and PKG_CONFIG_PATH)])])])
])

# _SECCOMP_GEN_HOST_ARCH: sets sg_host_arch to seccomp-gen's name for the
# arch of $host_cpu and $host_os, or to nothing.  The ABI matters as much
# as the CPU: the x32 ABI, big-endian ARM and AArch64, and 32-bit RISC-V
# have their own syscall numbers or AUDIT_ARCH values, which none of
# seccomp-gen's tables describes, so they must not silently get another
# arch's filter.
AC_DEFUN([_SECCOMP_GEN_HOST_ARCH],
[sg_host_arch=
AS_CASE([$host_cpu],
  [x86_64], [AS_CASE([$host_os], [*x32], [], [sg_host_arch=x86_64])],
  [i?86], [sg_host_arch=i386],
  [aarch64], [sg_host_arch=aarch64],
  [armeb*|arm*b], [],
  [arm*], [sg_host_arch=arm],
  [riscv64], [sg_host_arch=riscv64])
])

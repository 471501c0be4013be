# The manual: the program, and the policy language it compiles.
dist_man_MANS = man/seccomp-gen.1 man/seccomp-gen-policy.5
dist_man_MANS += man/compile_seccomp_policy.1

# The manual: the program, and the policy language it compiles.
dist_man_MANS = man/seccomp-gen.1 man/seccomp-gen-policy.5

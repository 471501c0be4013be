# Lints: the decision IR in, warnings out; they never change a program.
libseccompgen_a_SOURCES += \
	gen/lint/lint.c gen/lint/lint.h \
	gen/lint/lint_danger.c gen/lint/lint_danger.h \
	gen/lint/unreachable.c gen/lint/unreachable.h

# The back end: the decision IR in, a BPF program out (dispatch layout,
# argument search, code generation, the optimiser, multi-arch programs).
libseccompgen_a_SOURCES += \
	gen/backend/program.h \
	gen/backend/dispatch.c gen/backend/dispatch.h \
	gen/backend/argsearch.c gen/backend/argsearch.h \
	gen/backend/codegen.c gen/backend/codegen.h \
	gen/backend/too_long.c gen/backend/too_long.h \
	gen/backend/optimize.c gen/backend/optimize.h \
	gen/backend/multiarch.c gen/backend/multiarch.h

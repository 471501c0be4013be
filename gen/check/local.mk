# Checking: a BPF program and the IR it came from in, a verdict out (the
# translation validation and policy test files).
libseccompgen_a_SOURCES += \
	gen/check/validate.c gen/check/validate_inputs.c gen/check/validate.h \
	gen/check/testfile.c gen/check/testfile.h

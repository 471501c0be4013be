# Resolution: a policy tree and a target arch in, the decision IR out;
# with the IR's meaning, evaluated directly.
libseccompgen_a_SOURCES += \
	gen/ir/ir.c gen/ir/ir.h \
	gen/ir/resolve.c gen/ir/resolve.h \
	gen/ir/hints.c gen/ir/hints.h \
	gen/ir/ir_eval.c gen/ir/ir_eval.h \
	gen/ir/oci_lower.c gen/ir/oci_lower.h

#!/bin/sh
# A real runtime: crun runs a busybox-static container whose script
# (tests/oci/crun/calls.sh) makes allowed, refused (errno) and killed
# calls, under tests/oci/crun/script.policy given three ways:
#   - the profile -f oci writes, in config.json (crun compiles it with
#     libseccomp);
#   - seccomp-gen's own program, -f raw, base64 in the annotation
#     run.oci.seccomp_bpf_data (crun loads it as it is);
#   - tests/oci/crun/profile.json, the same policy written by hand.
# Each prints tests/oci/crun/filtered.out; without a filter the script
# prints unfiltered.out, so each line is the filter's doing.
#
# crun needs its own mount namespace with a cgroup2 mount here (unshare
# -m; mount -t cgroup2 none /sys/fs/cgroup) and --cgroup-manager=disabled.
# Skipped, saying why, without root, crun, a static busybox, namespaces,
# or on another arch than x86_64 (the policy names x86_64's syscalls).
: "${SECCOMP_GEN:?}" "${srcdir:=.}"
. "$srcdir/tests/lib.sh"
dir=$(cd "$srcdir/tests/oci/crun" && pwd)
cd "$tmp" || exit 99

skip_all() {
	echo "1..0 # SKIP $1"
	exit 0
}
[ "$(id -u)" = 0 ] || skip_all "crun needs root here (namespaces, mounts)"
for tool in crun unshare timeout base64; do
	command -v "$tool" >/dev/null 2>&1 || skip_all "$tool not installed (sh build-aux/install-deps.sh installs crun)"
done
busybox=$(command -v busybox) || skip_all "busybox not installed (busybox-static)"
ldd "$busybox" >/dev/null 2>&1 && skip_all "$busybox is not static (busybox-static)"
[ "$(uname -m)" = x86_64 ] || skip_all "the policy is for x86_64, not $(uname -m)"
unshare -m true 2>/dev/null || skip_all "unshare -m refused: no mount namespaces here"

# README's recipe runs seccomp-gen from PATH, on app.policy.
mkdir -p bin
ln -s "$SECCOMP_GEN" bin/seccomp-gen
PATH=$tmp/bin:$PATH
cp "$dir/script.policy" app.policy
# The profile, and seccomp-gen's program as the annotation's value.
seccomp-gen --default-action allow -f oci -o profile.json app.policy
seccomp-gen --default-action allow -f raw -o app.bpf app.policy
base64 -w0 app.bpf >app.bpf.b64

# The bundle: busybox and the script; config.json is written per run.
mkdir -p bundle/rootfs/bin bundle/rootfs/tmp bundle/rootfs/proc bundle/rootfs/dev
cp "$busybox" bundle/rootfs/bin/busybox
cp "$dir/calls.sh" bundle/rootfs/calls.sh
config() { # the "annotations" member or nothing, the "seccomp" member or nothing
	cat <<EOF
{
	"ociVersion": "1.0.2",$1
	"process": {
		"terminal": false,
		"user": { "uid": 0, "gid": 0 },
		"args": [ "/bin/busybox", "sh", "/calls.sh" ],
		"env": [ "PATH=/bin" ],
		"cwd": "/",
		"capabilities": {
			"bounding": [ "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FOWNER" ],
			"effective": [ "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FOWNER" ],
			"permitted": [ "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FOWNER" ]
		},
		"noNewPrivileges": true
	},
	"root": { "path": "rootfs", "readonly": false },
	"hostname": "sg",
	"mounts": [ { "destination": "/proc", "type": "proc", "source": "proc" } ],
	"linux": {$2
		"namespaces": [ { "type": "pid" }, { "type": "mount" }, { "type": "ipc" },
				{ "type": "uts" }, { "type": "network" } ]
	}
}
EOF
}
# README's command, and a tmpfs on crun's state directory (/run/crun)
# so that runs of the suite in parallel do not share the name "app".
run_container() { # config.json is in place
	rm -rf bundle/rootfs/tmp/*
	mkdir -p /run/crun
	unshare -m sh -c 'mount -t cgroup2 none /sys/fs/cgroup &&
	mount -t tmpfs none /run/crun &&
	exec crun --cgroup-manager=disabled run -b bundle app'
}
result() { # description, output, expected
	if cmp -s "$2" "$3"; then
		ok "$1"
	else
		not_ok "$1"
		diff "$3" "$2" | sed 's/^/# /'
		sed 's/^/# crun: /' "$2.err"
	fi
}

config "" "" >bundle/config.json
run_container >none.out 2>none.out.err
result "without a filter, every call does what the kernel lets it" none.out "$dir/unfiltered.out"

config "" "
		\"seccomp\": $(sed 's/^/		/' profile.json | sed '1s/^[[:space:]]*//'),
" >bundle/config.json
run_container >oci.out 2>oci.out.err
result "the profile -f oci wrote, compiled by crun with libseccomp" oci.out "$dir/filtered.out"

config "
	\"annotations\": { \"run.oci.seccomp_bpf_data\": \"$(cat app.bpf.b64)\" }," "" >bundle/config.json
run_container >raw.out 2>raw.out.err
result "seccomp-gen's program in run.oci.seccomp_bpf_data" raw.out "$dir/filtered.out"

config "" "
		\"seccomp\": $(cat "$dir/profile.json"),
" >bundle/config.json
run_container >hand.out 2>hand.out.err
result "the same policy as a profile written by hand" hand.out "$dir/filtered.out"
echo "1..$n"

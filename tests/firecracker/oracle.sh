# Sourced by the tests that judge seccomp-gen's Firecracker files with
# Firecracker's own crates (tests/firecracker/oracle/main.rs).
#
# fc_oracle_build builds fc-oracle once per build tree, offline, in
# $abs_top_builddir/tests/firecracker/oracle-build (cargo's home, lock file
# and target directory included; `make clean` removes it), and sets
# FC_ORACLE to the program.  Without what it needs it sets FC_ORACLE_SKIP
# to the reason and returns 1.  What it needs, all from Debian
# (build-aux/install-deps.sh installs them): cargo and a rustc new enough
# for bitcode (cargo-web, rustc-web), and serde and bincode from the
# system's crate directory (librust-serde-dev, librust-bincode-dev); and
# the sources of bitcode 0.6.9 and bytemuck 1.24.0, Firecracker's pinned
# versions, in $SG_SHARED/oracles/firecracker, which the build reads where
# they are: the manifests written here point at their src/lib.rs.
#
# The manifests carry over bitcode's and bytemuck's own dependency
# requirements and the features bitcode asks of bytemuck, and leave out
# bitcode's optional dependencies that are not in Debian (bitcode_derive,
# arrayvec, glam, rust_decimal, time, uuid: derive macros and impls for
# other crates' types, none of which the serde path Firecracker reads
# with goes through).  Debian's bytemuck (1.12) lacks must_cast, so
# 1.24.0 is patched in.  A build that fails returns 2, with cargo's
# last lines.
fc_oracle_build() {
	FC_ORACLE= FC_ORACLE_SKIP=
	oracles=${SG_SHARED:-}/oracles/firecracker
	registry=${FC_CRATES:-/usr/share/cargo/registry}
	# Debian's cargo and rustc, whatever else PATH has first, unless
	# CARGO and RUSTC say otherwise.
	if [ -z "${CARGO:-}" ] && [ -x /usr/bin/cargo ]; then
		CARGO=/usr/bin/cargo
		[ -z "${RUSTC:-}" ] && [ -x /usr/bin/rustc ] && RUSTC=/usr/bin/rustc
	fi
	CARGO=${CARGO:-cargo} RUSTC=${RUSTC:-rustc}
	if [ -z "${SG_SHARED:-}" ] || [ ! -f "$oracles/bitcode-0.6.9/src/lib.rs" ] ||
	   [ ! -f "$oracles/bytemuck-1.24.0/src/lib.rs" ]; then
		FC_ORACLE_SKIP="no sources of bitcode 0.6.9 and bytemuck 1.24.0 (\$SG_SHARED/oracles/firecracker)"
		return 1
	fi
	if ! command -v "$CARGO" >/dev/null 2>&1 || ! command -v "$RUSTC" >/dev/null 2>&1; then
		FC_ORACLE_SKIP="no cargo and rustc (sh build-aux/install-deps.sh installs cargo-web and rustc-web)"
		return 1
	fi
	# bitcode 0.6.9 says rust-version = "1.70".
	minor=$("$RUSTC" --version 2>/dev/null | sed -n 's/^rustc 1\.\([0-9]*\)\..*/\1/p')
	if [ -z "$minor" ] || [ "$minor" -lt 70 ]; then
		FC_ORACLE_SKIP="$("$RUSTC" --version 2>&1 | head -n 1) is older than bitcode's 1.70 (install-deps installs rustc-web)"
		return 1
	fi
	serde=$(ls -d "$registry"/serde-1.* 2>/dev/null | head -n 1)
	bincode=$(ls -d "$registry"/bincode-1.* 2>/dev/null | head -n 1)
	if [ -z "$serde" ] || [ -z "$bincode" ]; then
		FC_ORACLE_SKIP="no serde and bincode crates in $registry (install-deps installs librust-serde-dev, librust-bincode-dev)"
		return 1
	fi
	dir=$abs_top_builddir/tests/firecracker/oracle-build
	mkdir -p "$dir/bitcode" "$dir/bytemuck" "$dir/home" || return 1
	FC_ORACLE=$dir/target/release/fc-oracle
	# One build at a time; the other tests wait for it and use it.
	(
		if command -v flock >/dev/null 2>&1; then flock 9; fi
		fc_oracle_cargo
	) 9>"$dir/build.lock" || {
		FC_ORACLE_SKIP=
		echo "# fc-oracle's build failed: $dir/build.log" >&2
		sed 's/^/# /' "$dir/build.log" | tail -n 30 >&2
		return 2
	}
}

# Writes the manifests (again only when they change, so that cargo's
# own check of what is up to date decides) and runs cargo.
fc_oracle_cargo() {
	src=$abs_top_srcdir/tests/firecracker/oracle/main.rs
	fc_oracle_write "$dir/Cargo.toml" <<EOF
# Written by tests/firecracker/oracle.sh; removed by make clean.
[package]
name = "fc-oracle"
version = "0.1.0"
edition = "2021"
publish = false

[[bin]]
name = "fc-oracle"
path = "$src"

[dependencies]
bitcode = { path = "bitcode", default-features = false, features = ["std", "serde"] }
bincode = "1.3.3"

[patch.crates-io]
bytemuck = { path = "bytemuck" }

[profile.release]
opt-level = 1
debug = false
incremental = false
EOF
	fc_oracle_write "$dir/bitcode/Cargo.toml" <<EOF
# bitcode 0.6.9's manifest without the optional dependencies Debian lacks.
[package]
name = "bitcode"
version = "0.6.9"
edition = "2021"
rust-version = "1.70"

[lib]
path = "$oracles/bitcode-0.6.9/src/lib.rs"

[dependencies]
bytemuck = { version = "1.14", features = ["min_const_generics", "must_cast"] }
serde = { version = "1.0", default-features = false, features = ["alloc"], optional = true }

[features]
derive = []
std = ["serde?/std"]
default = ["derive", "std"]

[lints.rust]
unexpected_cfgs = "allow"
EOF
	fc_oracle_write "$dir/bytemuck/Cargo.toml" <<EOF
# bytemuck 1.24.0, with the features bitcode asks for.
[package]
name = "bytemuck"
version = "1.24.0"
edition = "2018"

[lib]
path = "$oracles/bytemuck-1.24.0/src/lib.rs"

[features]
min_const_generics = []
must_cast = []

[lints.rust]
unexpected_cfgs = "allow"
EOF
	fc_oracle_write "$dir/home/config.toml" <<EOF
# Debian's crates, never the network.
[source.crates-io]
replace-with = "debian"

[source.debian]
directory = "$registry"

[net]
offline = true
EOF
	(
		cd "$dir" &&
		CARGO_HOME=$dir/home CARGO_TARGET_DIR=$dir/target RUSTC=$RUSTC \
			"$CARGO" build --release --offline --quiet
	) >"$dir/build.log" 2>&1
}

# Replaces $1 with stdin when they differ.
fc_oracle_write() {
	cat >"$1.new" && if cmp -s "$1.new" "$1"; then rm -f "$1.new"; else mv "$1.new" "$1"; fi
}

//! fc-oracle: reads and writes Firecracker's --seccomp-filter files with the
//! crates and the options Firecracker itself uses, to judge seccomp-gen's
//! `-f firecracker` and `-f firecracker-bincode` (tests/firecracker-oracle.sh).
//!
//!   fc-oracle check LIST      every file in LIST, as below
//!   fc-oracle refuses FORMAT FILE   exit 0 if Firecracker refuses FILE
//!
//! LIST holds blocks of tab-separated lines (keys hold no tab or newline):
//!   file<TAB>FORMAT<TAB>PATH      a filter file, FORMAT bitcode or bincode
//!   prog<TAB>KEY<TAB>PATH         one entry it must hold: PATH is the
//!                                 program as `seccomp-gen -f raw` writes it
//! A file passes when Firecracker's reading of it gives exactly the listed
//! keys with exactly those programs, and when the map of those programs,
//! written the way Firecracker's seccompiler writes it, is the same bytes.
//! Each failure is one line on stdout (the first 20); the last line
//! counts what was compared.  Exit 0 when every file passes.
//!
//! How Firecracker reads the file (src/vmm/src/seccomp.rs, deserialize_binary):
//!  - at most DESERIALIZATION_BYTES_LIMIT = 100,000 bytes: it reads 100,001
//!    and refuses a file that fills them;
//!  - 1.15 and later: bitcode::deserialize::<HashMap<String, Vec<u64>>>
//!    (serde, bitcode 0.6.9), and seccompiler-bin writes
//!    bitcode::serialize(&BTreeMap<String, Vec<u64>>);
//!  - 1.12 to 1.14: bincode 2 with fixed-width little-endian integers and a
//!    100,000-byte limit, the same bytes for this map as bincode 1.3.3 with
//!    those options, which is what is used here (1.11 and before: bincode
//!    1.3.3 itself);
//!  - the keys are lowercased; each u64 is one struct sock_filter in the
//!    host's byte order (little endian: Firecracker runs on x86_64 and
//!    aarch64).
use bincode::Options;
use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::process::exit;

const DESERIALIZATION_BYTES_LIMIT: u64 = 100_000;

type Map = HashMap<String, Vec<u64>>;

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Bitcode,
    Bincode,
}

fn format(name: &str) -> Result<Format, String> {
    match name {
        "bitcode" => Ok(Format::Bitcode),
        "bincode" => Ok(Format::Bincode),
        _ => Err(format!("unknown format '{name}' (bitcode or bincode)")),
    }
}

fn bincode_options() -> impl Options {
    bincode::DefaultOptions::new()
        .with_fixint_encoding()
        .with_little_endian()
        .with_limit(DESERIALIZATION_BYTES_LIMIT)
}

/// The bytes Firecracker would read from `path`, or why it refuses them.
fn read_limited(path: &str) -> Result<Vec<u8>, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("{path}: {e}"))?;
    let mut bytes = Vec::new();
    file.take(DESERIALIZATION_BYTES_LIMIT + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{path}: {e}"))?;
    if bytes.len() as u64 > DESERIALIZATION_BYTES_LIMIT {
        return Err(format!("{path}: more than {DESERIALIZATION_BYTES_LIMIT} bytes"));
    }
    Ok(bytes)
}

fn decode(format: Format, bytes: &[u8]) -> Result<Map, String> {
    let map: Map = match format {
        Format::Bitcode => bitcode::deserialize(bytes).map_err(|e| format!("bitcode: {e}"))?,
        // Neither bincode 2's decode_from_std_read (1.12 to 1.14) nor 1.11's
        // options refuse bytes after the map; the byte-for-byte comparison
        // with the re-encoded map does.
        Format::Bincode => bincode_options()
            .allow_trailing_bytes()
            .deserialize(bytes)
            .map_err(|e| format!("bincode: {e}"))?,
    };
    Ok(map.into_iter().map(|(k, v)| (k.to_lowercase(), v)).collect())
}

fn encode(format: Format, map: &BTreeMap<String, Vec<u64>>) -> Vec<u8> {
    match format {
        Format::Bitcode => bitcode::serialize(map).expect("bitcode serializes any map"),
        Format::Bincode => bincode_options()
            .serialize(map)
            .expect("a map under the limit serializes"),
    }
}

/// A raw program: struct sock_filter records, each the u64 of its bytes.
fn read_program(path: &str) -> Result<Vec<u64>, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    if bytes.len() % 8 != 0 {
        return Err(format!("{path}: {} bytes, not whole instructions", bytes.len()));
    }
    Ok(bytes
        .chunks_exact(8)
        .map(|c| u64::from_le_bytes(c.try_into().unwrap()))
        .collect())
}

struct Entry {
    format: Format,
    path: String,
    programs: BTreeMap<String, Vec<u64>>,
}

#[derive(Default)]
struct Counts {
    files: u64,
    programs: u64,
    instructions: u64,
    bytes: u64,
    failed: u64,
}

/// One file against its programs; the first difference, if any.
fn check(e: &Entry, counts: &mut Counts) -> Result<(), String> {
    let bytes = read_limited(&e.path)?;
    let map = decode(e.format, &bytes).map_err(|why| format!("{}: {why}", e.path))?;
    let mut got: Vec<&String> = map.keys().collect();
    got.sort();
    let want: Vec<&String> = e.programs.keys().collect();
    if got != want {
        return Err(format!("{}: keys {got:?}, expected {want:?}", e.path));
    }
    for (key, program) in &e.programs {
        let decoded = &map[key];
        if decoded != program {
            let at = decoded.iter().zip(program).take_while(|(a, b)| a == b).count();
            return Err(format!(
                "{}: '{key}' has {} instructions, expected {}; they differ from instruction {at}",
                e.path,
                decoded.len(),
                program.len()
            ));
        }
        counts.programs += 1;
        counts.instructions += program.len() as u64;
    }
    let written = encode(e.format, &e.programs);
    if written != bytes {
        let at = written.iter().zip(&bytes).take_while(|(a, b)| a == b).count();
        return Err(format!(
            "{}: {} bytes, Firecracker's writer gives {}; they differ from byte {at}",
            e.path,
            bytes.len(),
            written.len()
        ));
    }
    counts.bytes += bytes.len() as u64;
    Ok(())
}

fn parse_list(text: &str) -> Result<Vec<Entry>, String> {
    let mut entries: Vec<Entry> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let fields: Vec<&str> = line.split('\t').collect();
        let bad = || format!("list line {}: '{line}'", n + 1);
        match fields.as_slice() {
            ["file", f, path] => entries.push(Entry {
                format: format(f)?,
                path: path.to_string(),
                programs: BTreeMap::new(),
            }),
            ["prog", key, path] => {
                let e = entries.last_mut().ok_or_else(bad)?;
                let program = read_program(path)?;
                if e.programs.insert(key.to_string(), program).is_some() {
                    return Err(format!("{}: key '{key}' twice", bad()));
                }
            }
            _ => return Err(bad()),
        }
    }
    Ok(entries)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args[1..] {
        ["check", list] => {
            let text = std::fs::read_to_string(list).unwrap_or_else(|e| {
                eprintln!("fc-oracle: {list}: {e}");
                exit(2)
            });
            let entries = parse_list(&text).unwrap_or_else(|e| {
                eprintln!("fc-oracle: {e}");
                exit(2)
            });
            let mut counts = Counts::default();
            for e in &entries {
                counts.files += 1;
                if let Err(why) = check(e, &mut counts) {
                    counts.failed += 1;
                    if counts.failed <= 20 {
                        println!("{why}");
                    }
                }
            }
            println!(
                "{} files ({} bitcode), {} failed; {} programs, {} instructions, {} bytes compared",
                counts.files,
                entries.iter().filter(|e| e.format == Format::Bitcode).count(),
                counts.failed,
                counts.programs,
                counts.instructions,
                counts.bytes
            );
            exit(if counts.failed == 0 && counts.files > 0 { 0 } else { 1 })
        }
        ["refuses", f, path] => {
            let f = format(f).unwrap_or_else(|e| {
                eprintln!("fc-oracle: {e}");
                exit(2)
            });
            match read_limited(path).and_then(|b| decode(f, &b)) {
                Err(why) => {
                    println!("refused: {why}");
                    exit(0)
                }
                Ok(map) => {
                    println!("{path}: read, {} entries", map.len());
                    exit(1)
                }
            }
        }
        _ => {
            eprintln!("usage: fc-oracle check LIST | fc-oracle refuses bitcode|bincode FILE");
            exit(2)
        }
    }
}

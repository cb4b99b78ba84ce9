//! Opening inputs: files, stdin (`-`), and gzip (`.gz`) or Zstandard (`.zst`) files, which are
//! decompressed as they are read.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// The path that names stdin.
pub const STDIN: &str = "-";

/// How an input is compressed, from its file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    /// Read as is.
    None,
    /// gzip (`*.gz`).
    Gzip,
    /// Zstandard (`*.zst`).
    Zstd,
}

impl Compression {
    /// The compression of `path`, from its extension (case-insensitive).
    pub fn of(path: &Path) -> Self {
        match path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .as_deref()
        {
            Some("gz") => Compression::Gzip,
            Some("zst") => Compression::Zstd,
            _ => Compression::None,
        }
    }
}

/// Whether `path` names stdin.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == STDIN
}

/// `path` without its compression extension (`posts.jsonl.gz` → `posts.jsonl`).
pub fn uncompressed_name(path: &Path) -> &Path {
    match Compression::of(path) {
        Compression::None => path,
        _ => path.file_stem().map(Path::new).unwrap_or(path),
    }
}

/// A streaming reader of the (decompressed) bytes of `path`, or of stdin for `-`.
pub fn open(path: &Path) -> std::io::Result<Box<dyn BufRead + Send>> {
    let raw: Box<dyn Read + Send> = if is_stdin(path) {
        Box::new(std::io::stdin())
    } else {
        Box::new(std::fs::File::open(path)?)
    };
    Ok(match Compression::of(path) {
        Compression::None => Box::new(BufReader::new(raw)),
        Compression::Gzip => Box::new(BufReader::new(flate2::read::MultiGzDecoder::new(
            BufReader::new(raw),
        ))),
        Compression::Zstd => Box::new(BufReader::new(zstd::stream::read::Decoder::new(raw)?)),
    })
}

/// All the (decompressed) bytes of `path`, or of stdin for `-`. The error says whether the
/// input could not be read or could not be decompressed.
pub fn read_all(path: &Path) -> Result<Vec<u8>, String> {
    let mut reader = open(path).map_err(|e| format!("cannot read: {e}"))?;
    let mut bytes = Vec::new();
    reader
        .read_to_end(&mut bytes)
        .map_err(|e| read_error(path, &e))?;
    Ok(bytes)
}

/// The message of an error met while reading `path`.
pub fn read_error(path: &Path, e: &std::io::Error) -> String {
    match Compression::of(path) {
        Compression::None => format!("cannot read: {e}"),
        Compression::Gzip => format!("cannot decompress (gzip): {e}"),
        Compression::Zstd => format!("cannot decompress (zstd): {e}"),
    }
}

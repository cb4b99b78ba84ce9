//! Where document reports go: one file each, or one JSON Lines stream.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::write::{AtomicFile, write_atomic};
use crate::report::{DocumentReport, to_json};
use crate::{Error, Result};

/// A report as a sink writes it: pretty JSON with a final newline for a file of its own,
/// one compact line for a JSON Lines stream. Done by the workers, so that the thread that
/// writes only writes.
pub(crate) fn encode(report: &DocumentReport, compact: bool) -> Result<Vec<u8>> {
    if compact {
        let mut v = serde_json::to_vec(report)?;
        v.push(b'\n');
        Ok(v)
    } else {
        Ok(to_json(report)?.into_bytes())
    }
}

/// The destination of the document reports.
pub(crate) enum Sink {
    /// `<dir>/<name>` per report, each written atomically.
    Dir(PathBuf),
    /// A JSON Lines file, written to a temporary file and renamed into place at the end.
    File(AtomicFile),
    /// JSON Lines on stdout.
    Stdout(std::io::BufWriter<std::io::Stdout>),
}

impl Sink {
    /// Reports into `dir`, or, with `jsonl_out`, into that JSON Lines file (`-`: stdout).
    pub fn new(dir: &Path, jsonl_out: Option<&Path>) -> Result<Self> {
        Ok(match jsonl_out {
            None => Sink::Dir(dir.to_owned()),
            Some(p) if p == Path::new("-") => {
                Sink::Stdout(std::io::BufWriter::new(std::io::stdout()))
            }
            Some(p) => Sink::File(AtomicFile::create(p)?),
        })
    }

    /// Whether reports go out as compact JSON lines (else as pretty files).
    pub fn compact(&self) -> bool {
        !matches!(self, Sink::Dir(_))
    }

    /// Write one report named `name`, already encoded by [`encode`] for this sink; returns
    /// the path of the file written, if one was.
    pub fn write_encoded(&mut self, name: &str, bytes: &[u8]) -> Result<Option<PathBuf>> {
        match self {
            Sink::Dir(dir) => {
                let path = dir.join(name);
                write_atomic(&path, bytes)?;
                Ok(Some(path))
            }
            Sink::File(f) => {
                f.write_all(bytes)?;
                Ok(None)
            }
            Sink::Stdout(w) => {
                w.write_all(bytes).map_err(stdout_err)?;
                Ok(None)
            }
        }
    }

    /// Flush, and put a JSON Lines file in place; returns its path, if one was written.
    pub fn finish(self) -> Result<Option<PathBuf>> {
        match self {
            Sink::Dir(_) => Ok(None),
            Sink::File(f) => f.commit().map(Some),
            Sink::Stdout(mut w) => {
                w.flush().map_err(stdout_err)?;
                Ok(None)
            }
        }
    }
}

fn stdout_err(source: std::io::Error) -> Error {
    Error::Write {
        path: PathBuf::from("<stdout>"),
        source,
    }
}

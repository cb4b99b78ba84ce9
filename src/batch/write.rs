//! Atomic writes.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// The temporary file beside `path` that is renamed over it.
fn temp_path(path: &Path) -> PathBuf {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    dir.join(format!(".{name}.tmp{}", std::process::id()))
}

/// Write `bytes` to `path` atomically: to a temporary file beside it, synced, then renamed
/// over `path`. A reader sees the old file or the new one, never half of one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut f = AtomicFile::create(path)?;
    f.write_all(bytes)?;
    f.commit().map(|_| ())
}

/// A file written piece by piece to a temporary file beside its path and renamed into place
/// by [`AtomicFile::commit`]. Dropped without a commit, the temporary file is removed and
/// `path` is left as it was.
#[derive(Debug)]
pub struct AtomicFile {
    path: PathBuf,
    tmp: PathBuf,
    file: Option<std::io::BufWriter<std::fs::File>>,
}

impl AtomicFile {
    /// Start writing `path`.
    pub fn create(path: &Path) -> Result<Self> {
        let tmp = temp_path(path);
        let file = std::fs::File::create(&tmp).map_err(|source| Error::Write {
            path: path.to_owned(),
            source,
        })?;
        Ok(AtomicFile {
            path: path.to_owned(),
            tmp,
            file: Some(std::io::BufWriter::new(file)),
        })
    }

    /// Append `bytes`.
    pub fn write_all(&mut self, bytes: &[u8]) -> Result<()> {
        let result = match self.file.as_mut() {
            Some(f) => f.write_all(bytes),
            None => Err(std::io::Error::other("already committed")),
        };
        result.map_err(|source| Error::Write {
            path: self.path.clone(),
            source,
        })
    }

    /// Flush, sync and rename into place; returns the path written.
    pub fn commit(mut self) -> Result<PathBuf> {
        let result = (|| {
            let f = self
                .file
                .take()
                .ok_or_else(|| std::io::Error::other("already committed"))?;
            let f = f.into_inner().map_err(|e| e.into_error())?;
            f.sync_all()?;
            std::fs::rename(&self.tmp, &self.path)
        })();
        match result {
            Ok(()) => Ok(std::mem::take(&mut self.path)),
            Err(source) => Err(Error::Write {
                path: self.path.clone(),
                source,
            }),
        }
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if !self.path.as_os_str().is_empty() {
            self.file = None;
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

//! The library's error type.

use std::path::PathBuf;

/// Everything that can go wrong in the library. Binaries wrap it with context.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An input could not be read.
    #[error("{path}: cannot read")]
    Read {
        /// The input's path.
        path: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
    /// An input looks like binary data, not text.
    #[error("{path}: binary file ({reason}), not text")]
    Binary {
        /// The input's name.
        path: String,
        /// Why it was judged binary.
        reason: String,
    },
    /// A report or other output could not be written.
    #[error("{path}: cannot write")]
    Write {
        /// The output's path.
        path: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
    /// A dictionary, stopword list or other resource is malformed.
    #[error("{name}: bad resource: {message}")]
    Resource {
        /// The resource's name or path.
        name: String,
        /// What is wrong with it.
        message: String,
    },
    /// An input file (e.g. partial counts) is not in the expected format.
    #[error("{name}: {message}")]
    Format {
        /// The file's name or path.
        name: String,
        /// What is wrong with it.
        message: String,
    },
    /// An entity model could not be trained, read or run.
    #[error("{name}: entity model: {message}")]
    Model {
        /// The model file's path, or what was being done.
        name: String,
        /// What went wrong.
        message: String,
    },
    /// A JSON value could not be serialised or parsed.
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

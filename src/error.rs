//! The one error type of the library. The Python binding maps each variant to an exception
//! class in a single exhaustive `match` (no catch-all arm), so adding a variant is a compile error there.
use std::path::PathBuf;

/// Everything that can go wrong in polidex.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input could not be read as a document (e.g. it exceeds a configured limit).
    #[error("invalid input: {0}")]
    Input(String),
    /// A search query could not be parsed; `position` is the character offset of the problem.
    #[error("bad query at position {position}: {message}")]
    Query { message: String, position: usize },
    /// The corpus directory could not be opened, created or written.
    #[error("corpus error at {path}: {message}")]
    Corpus { path: PathBuf, message: String },
    /// Another process or object holds the corpus' writer lock.
    #[error("corpus at {path} is locked by another writer ({message})")]
    Locked { path: PathBuf, message: String },
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Embedded reference data failed validation (a bug in a data file under data/).
    #[error("reference data {file}: {message}")]
    Data { file: String, message: String },
    /// A record could not be (de)serialised.
    #[error("record serialisation: {0}")]
    Serde(#[from] serde_json::Error),
    /// An internal invariant failed (a caught panic); the message says where.
    #[error("internal error: {0}")]
    Internal(String),
}

/// Result alias used across the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub(crate) fn corpus(path: impl Into<PathBuf>, message: impl ToString) -> Self {
        Error::Corpus {
            path: path.into(),
            message: message.to_string(),
        }
    }
}

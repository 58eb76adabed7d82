//! Why a page gave no spec: the error `extract` returns and `report` renders. It sits below both
//! so that neither module needs the other to name it.

/// Why a page gave no spec: the file, the line, what is wrong and what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct PageError {
    pub file: String,
    pub line: u32,
    pub message: String,
    pub help: String,
}

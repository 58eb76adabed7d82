//! Stage 6, write: puts files on disk, only when their bytes change, each atomically.
//!
//! A file is written to a temporary file in the same folder and renamed over the old one, so a
//! reader (or a run killed half-way) sees either the old or the new content, never a mix. Unchanged
//! files are not touched, so their mtimes stay and cargo does not rebuild.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// What happened to one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Unchanged,
    Created,
    Updated,
}

/// Writes `contents` to `path` unless it already holds exactly those bytes.
pub fn write_if_changed(path: &Path, contents: &[u8]) -> io::Result<Outcome> {
    let existed = match fs::read(path) {
        Ok(old) if old == contents => return Ok(Outcome::Unchanged),
        Ok(_) => true,
        Err(e) if e.kind() == io::ErrorKind::NotFound => false,
        Err(e) => return Err(e),
    };
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    write_atomic(path, contents)?;
    Ok(if existed { Outcome::Updated } else { Outcome::Created })
}

/// Writes through a temporary file in the same folder, synced, then renamed over `path`.
pub fn write_atomic(path: &Path, contents: &[u8]) -> io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name =
        path.file_name().ok_or_else(|| io::Error::other(format!("{} has no file name", path.display())))?;
    let tmp = dir.join(format!(".{}.tmp{}", name.to_string_lossy(), std::process::id()));
    let result = (|| {
        let mut file = fs::File::create(&tmp)?;
        file.write_all(contents)?;
        file.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

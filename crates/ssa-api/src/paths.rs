//! Where things live inside a data directory. The shell or CLI resolves the directory itself
//! (the platform's app data dir, or `SSA_DATA_DIR`) and passes it in.

use std::path::{Path, PathBuf};

/// Environment variable that points the app and the CLI at another data directory (tests, a
/// USB stick, a training room).
pub const DATA_DIR_ENV: &str = "SSA_DATA_DIR";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataDir {
    root: PathBuf,
}

impl DataDir {
    pub fn new(root: impl Into<PathBuf>) -> DataDir {
        DataDir { root: root.into() }
    }

    /// `SSA_DATA_DIR` if set and not empty, otherwise `default`.
    pub fn from_env_or(default: impl Into<PathBuf>) -> DataDir {
        match std::env::var_os(DATA_DIR_ENV) {
            Some(dir) if !dir.is_empty() => DataDir::new(PathBuf::from(dir)),
            _ => DataDir::new(default),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn database(&self) -> PathBuf {
        self.root.join("workbench.sqlite3")
    }

    pub fn backups(&self) -> PathBuf {
        self.root.join("backups")
    }

    pub fn logs(&self) -> PathBuf {
        self.root.join("logs")
    }

    /// Where copies and set-aside databases go after a start-up problem.
    pub fn recovery(&self) -> PathBuf {
        self.root.join("recovery")
    }
}

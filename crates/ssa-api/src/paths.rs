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

    /// The file that marks a data folder as a training folder: workshops are run in one, so
    /// that they never mix with real negotiations, and the window says "Training".
    pub fn training_marker(&self) -> PathBuf {
        self.root.join(TRAINING_MARKER)
    }

    pub fn is_training(&self) -> bool {
        self.training_marker().is_file()
    }

    /// Makes the folder (if needed) a training folder.
    pub fn mark_training(&self) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.root)?;
        if !self.is_training() {
            std::fs::write(
                self.training_marker(),
                "This SSA Workbench data folder is for training: workshops and their negotiations.\n",
            )?;
        }
        Ok(())
    }
}

/// The name of the training folder's marker file.
pub const TRAINING_MARKER: &str = "TRAINING.txt";

#[cfg(test)]
mod tests {
    #[test]
    fn a_folder_is_a_training_folder_once_marked() {
        let dir = tempfile::tempdir().unwrap();
        let data = super::DataDir::new(dir.path().join("room"));
        assert!(!data.is_training());
        data.mark_training().unwrap();
        data.mark_training().unwrap();
        assert!(data.is_training());
    }
}

//! One app per data folder. The window holds an exclusive advisory lock on
//! `<data folder>/workbench.lock` for as long as it runs; a second app started on the same
//! folder finds it taken, says so and quits, instead of a second window editing the same
//! drafts. (The `ssa` command line takes no such lock: it reads and writes beside the app,
//! SQLite keeping the two apart and the store merging or refusing overlapping draft edits.)
//!
//! For the default folder the single-instance plugin also brings the open window to the front
//! (see `lib.rs`); it knows only the app, not the folder, so this lock is what tells folders
//! apart (a training room's USB stick beside the laptop's own folder).

use std::fs::File;
use std::path::Path;

/// Held for the life of the app; the lock goes with the process (even a killed one).
pub struct InstanceLock(#[allow(dead_code)] File);

pub const LOCK_FILE: &str = "workbench.lock";

/// The lock on `dir`, or `None` when another app holds it.
pub fn acquire(dir: &Path) -> std::io::Result<Option<InstanceLock>> {
    std::fs::create_dir_all(dir)?;
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join(LOCK_FILE))?;
    if try_lock(&file)? {
        Ok(Some(InstanceLock(file)))
    } else {
        Ok(None)
    }
}

#[cfg(unix)]
fn try_lock(file: &File) -> std::io::Result<bool> {
    use std::os::fd::AsRawFd;
    // flock, not fcntl locks: held per open file, so a second open in this process (a test)
    // conflicts too, and released when the process ends however it ends.
    let taken = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
    if taken == 0 {
        return Ok(true);
    }
    let error = std::io::Error::last_os_error();
    if error.raw_os_error() == Some(libc::EWOULDBLOCK) {
        Ok(false)
    } else {
        Err(error)
    }
}

#[cfg(not(unix))]
fn try_lock(_file: &File) -> std::io::Result<bool> {
    // Elsewhere the single-instance plugin alone keeps one app (per user) running.
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_app_on_the_same_folder_is_refused_and_another_folder_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let other = tempfile::tempdir().unwrap();
        let first = acquire(dir.path()).unwrap();
        assert!(first.is_some());
        assert!(acquire(dir.path()).unwrap().is_none());
        assert!(acquire(other.path()).unwrap().is_some());
        drop(first);
        assert!(acquire(dir.path()).unwrap().is_some());
    }
}

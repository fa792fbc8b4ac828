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

/// Like [`acquire`], but gives an app that is closing on this folder `patience` to finish: a
/// person who quits and starts again at once (or a test restarting the app) would otherwise be
/// told the folder is open while the old window is still writing its last save and exiting.
pub fn acquire_patiently(
    dir: &Path,
    patience: std::time::Duration,
) -> std::io::Result<Option<InstanceLock>> {
    let deadline = std::time::Instant::now() + patience;
    loop {
        match acquire(dir)? {
            Some(lock) => return Ok(Some(lock)),
            None if std::time::Instant::now() >= deadline => return Ok(None),
            None => std::thread::sleep(std::time::Duration::from_millis(100)),
        }
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

    #[test]
    fn a_starting_app_waits_for_one_that_is_closing_but_not_for_ever() {
        let dir = tempfile::tempdir().unwrap();
        let closing = acquire(dir.path()).unwrap().unwrap();
        let releaser = std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(300));
            drop(closing);
        });
        let started = std::time::Instant::now();
        let lock = acquire_patiently(dir.path(), std::time::Duration::from_secs(5)).unwrap();
        assert!(
            lock.is_some(),
            "the lock let go by the closing app is taken"
        );
        assert!(started.elapsed() >= std::time::Duration::from_millis(250));
        releaser.join().unwrap();

        let still_open =
            acquire_patiently(dir.path(), std::time::Duration::from_millis(300)).unwrap();
        assert!(
            still_open.is_none(),
            "an app that stays open is still refused"
        );
    }
}

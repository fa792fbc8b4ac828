//! Encryption at rest through the desktop app's boundary (`Session`) and the CLI: turning it on,
//! the passphrase at start, wrong passphrases (refused, files byte-identical, slowed down after
//! five), locking, changing the passphrase, and what the files on disk reveal.

use std::path::PathBuf;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use chrono::{DateTime, TimeZone, Utc};
use ssa_api::dto::{ShelfDto, StartupDto};
use ssa_api::security::LockReason;
use ssa_api::{Clock, ErrorCode, Passphrase, Session, SessionOptions};
use ssa_core::mandate::MandateEntry;
use ssa_tests::CountingIds;

use crate::support::{random_bytes, snapshot, Place};

const PASSPHRASE: &str = "olive branch at the border";
const NEW_PASSPHRASE: &str = "second round in Quillport";
/// Words of the mandate, unlikely anywhere by chance.
const MANDATE_WORDS: [&str; 2] = ["Zorbaxian", "fallbackquill"];

/// A clock the test moves by hand.
struct ManualClock(AtomicI64);

impl ManualClock {
    fn new() -> Arc<ManualClock> {
        Arc::new(ManualClock(AtomicI64::new(0)))
    }
    fn advance(&self, seconds: i64) {
        self.0.fetch_add(seconds, Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
            + chrono::Duration::seconds(self.0.load(Ordering::SeqCst))
    }
}

fn key(text: &str) -> Passphrase {
    Passphrase::new(text)
}

fn start(place: &Place, clock: Arc<ManualClock>) -> Session {
    Session::start(
        place.data_dir(),
        clock,
        CountingIds::new(),
        SessionOptions {
            seed_sample_on_create: true,
        },
    )
}

fn contains(bytes: &[u8], word: &str) -> bool {
    bytes.windows(word.len()).any(|w| w == word.as_bytes())
}

/// Runs of printable ASCII, as `strings` prints them.
fn strings(bytes: &[u8]) -> String {
    bytes
        .split(|b| !(0x20..0x7f).contains(b))
        .filter(|run| run.len() >= 4)
        .map(|run| String::from_utf8_lossy(run).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A plain database with the sample and a mandate entry carrying the mandate words.
fn plain_with_mandate(place: &Place, clock: Arc<ManualClock>) -> (Session, String) {
    let session = start(place, clock);
    let id = session
        .with(|w| w.list_negotiations(ShelfDto::Active))
        .unwrap()[0]
        .id
        .clone();
    let node = session.with(|w| w.mandate_view(&id)).unwrap().articles[0]
        .node_id
        .clone();
    session.with(|w| w.add_round(&id)).unwrap();
    session
        .with(|w| {
            w.save_mandate_entry(
                &id,
                &MandateEntry {
                    node_id: node.clone(),
                    red_line: format!("{} {}", MANDATE_WORDS[0], MANDATE_WORDS[1]),
                    ..MandateEntry::default()
                },
            )
        })
        .unwrap();
    (session, id)
}

#[test]
fn turning_encryption_on_leaves_no_readable_mandate_in_the_database_its_wal_or_its_backups() {
    let place = Place::new();
    let clock = ManualClock::new();
    let (session, id) = plain_with_mandate(&place, clock.clone());
    // A plain backup and a recovery copy, as earlier starts leave them.
    let backups = place.data_dir().backups();
    std::fs::create_dir_all(&backups).unwrap();
    let backup = backups.join("workbench-before-update-1.sqlite3");
    session
        .with(|w| {
            assert!(!w.is_encrypted());
            Ok(())
        })
        .unwrap();
    drop(session);
    std::fs::copy(place.database(), &backup).unwrap();
    assert!(contains(&std::fs::read(&backup).unwrap(), MANDATE_WORDS[0]));

    let session = start(&place, clock.clone());
    let refused = session.encrypt(key("short")).unwrap_err();
    assert_eq!(refused.problems[0].field, "passphrase");
    let status = session.encrypt(key(PASSPHRASE)).unwrap();
    assert!(status.encrypted, "{status:?}");
    assert!(status.cipher_version.starts_with("4."), "{status:?}");
    assert!(status.unprotected_files.is_empty(), "{status:?}");
    // The work goes on in the same session, now encrypted; an edit lands in the WAL.
    let node = session.with(|w| w.mandate_view(&id)).unwrap().articles[1]
        .node_id
        .clone();
    session
        .with(|w| {
            w.save_mandate_entry(
                &id,
                &MandateEntry {
                    node_id: node,
                    red_line: format!("{} again", MANDATE_WORDS[1]),
                    ..MandateEntry::default()
                },
            )
        })
        .unwrap();
    let wal = PathBuf::from(format!("{}-wal", place.database().display()));
    assert!(wal.exists());

    let first_bytes = std::fs::read(place.database()).unwrap();
    assert_ne!(&first_bytes[..16], b"SQLite format 3\0");
    for (path, bytes) in snapshot(place.dir.path()) {
        if path.extension().is_some_and(|e| e == "log") {
            continue;
        }
        let printable = strings(&bytes);
        for word in MANDATE_WORDS {
            assert!(!contains(&bytes, word), "{} holds {word}", path.display());
            assert!(!printable.contains(word), "strings {}", path.display());
        }
        assert!(
            !contains(&bytes, PASSPHRASE),
            "{} holds the passphrase",
            path.display()
        );
    }
    assert_ne!(&std::fs::read(&backup).unwrap()[..16], b"SQLite format 3\0");
    drop(session);

    // The next start waits for the passphrase; the right one opens everything.
    let session = start(&place, clock);
    assert!(matches!(
        session.startup(),
        StartupDto::Locked {
            reason: LockReason::Start,
            ..
        }
    ));
    let locked = session
        .with(|w| w.list_negotiations(ShelfDto::Active))
        .unwrap_err();
    assert_eq!(locked.code, ErrorCode::Locked);
    assert!(matches!(
        session.unlock(key(PASSPHRASE)).unwrap(),
        StartupDto::Ready {
            encrypted: true,
            ..
        }
    ));
    let mandate = session.with(|w| w.mandate_view(&id)).unwrap();
    assert!(mandate
        .articles
        .iter()
        .any(|a| a.entry.red_line.contains(MANDATE_WORDS[0])));
}

#[test]
fn a_wrong_passphrase_changes_no_byte_and_five_of_them_slow_the_next_tries_down() {
    let place = Place::new();
    let clock = ManualClock::new();
    let (session, _) = plain_with_mandate(&place, clock.clone());
    session.encrypt(key(PASSPHRASE)).unwrap();
    drop(session);
    let before = snapshot(place.dir.path());
    let session = start(&place, clock.clone());
    for attempt in 1..=5 {
        let error = session.unlock(key("not it at all")).unwrap_err();
        assert_eq!(error.code, ErrorCode::WrongPassphrase, "try {attempt}");
        assert!(error.message.contains("Nothing was changed"));
    }
    assert_eq!(
        snapshot(place.dir.path()),
        before,
        "a wrong passphrase changed a file"
    );
    let StartupDto::Locked {
        wrong_attempts,
        retry_after_seconds,
        ..
    } = session.startup()
    else {
        panic!("not locked");
    };
    assert_eq!(wrong_attempts, 5);
    assert_eq!(retry_after_seconds, Some(10));
    // Even the right passphrase must wait.
    let early = session.unlock(key(PASSPHRASE)).unwrap_err();
    assert_eq!(early.code, ErrorCode::TooManyAttempts);
    assert!(early.message.contains("10 seconds"), "{}", early.message);
    clock.advance(10);
    assert_eq!(
        session.unlock(key("still not it")).unwrap_err().code,
        ErrorCode::WrongPassphrase
    );
    clock.advance(19);
    assert_eq!(
        session.unlock(key(PASSPHRASE)).unwrap_err().code,
        ErrorCode::TooManyAttempts,
        "the sixth wrong try doubles the wait"
    );
    clock.advance(1);
    assert!(matches!(
        session.unlock(key(PASSPHRASE)).unwrap(),
        StartupDto::Ready { .. }
    ));
    assert!(matches!(session.startup(), StartupDto::Ready { .. }));
}

#[test]
fn locking_closes_the_database_and_the_passphrase_opens_it_again() {
    let place = Place::new();
    let clock = ManualClock::new();
    let (session, id) = plain_with_mandate(&place, clock);
    let plain = session.lock_now(LockReason::Idle).unwrap_err();
    assert!(plain.message.contains("no passphrase"), "{}", plain.message);
    session.encrypt(key(PASSPHRASE)).unwrap();
    let locked = session.lock_now(LockReason::Idle).unwrap();
    assert!(matches!(
        locked,
        StartupDto::Locked {
            reason: LockReason::Idle,
            ..
        }
    ));
    assert_eq!(
        session.with(|w| w.get_negotiation(&id)).unwrap_err().code,
        ErrorCode::Locked
    );
    session.unlock(key(PASSPHRASE)).unwrap();
    assert!(session.with(|w| w.get_negotiation(&id)).is_ok());
    // The idle time is a setting of the database.
    assert_eq!(session.encryption_status().unwrap().lock_after_minutes, 10);
    session.with(|w| w.set_lock_after_minutes(3)).unwrap();
    assert!(session.with(|w| w.set_lock_after_minutes(100_000)).is_err());
    assert_eq!(session.encryption_status().unwrap().lock_after_minutes, 3);
}

#[test]
fn a_changed_passphrase_reopens_the_database_and_its_backups_and_the_old_one_no_longer_does() {
    let place = Place::new();
    let clock = ManualClock::new();
    let (session, id) = plain_with_mandate(&place, clock.clone());
    drop(session);
    let backups = place.data_dir().backups();
    std::fs::create_dir_all(&backups).unwrap();
    let backup = backups.join("workbench-before-update-1.sqlite3");
    std::fs::copy(place.database(), &backup).unwrap();
    let session = start(&place, clock.clone());
    session.encrypt(key(PASSPHRASE)).unwrap();
    let wrong = session
        .change_passphrase(key("a guess of someone"), key(NEW_PASSPHRASE))
        .unwrap_err();
    assert_eq!(wrong.code, ErrorCode::WrongPassphrase);
    session
        .change_passphrase(key(PASSPHRASE), key(NEW_PASSPHRASE))
        .unwrap();
    assert!(session.with(|w| w.get_negotiation(&id)).is_ok());
    drop(session);
    let session = start(&place, clock);
    assert_eq!(
        session.unlock(key(PASSPHRASE)).unwrap_err().code,
        ErrorCode::WrongPassphrase
    );
    session.unlock(key(NEW_PASSPHRASE)).unwrap();
    assert_eq!(session.with(|w| w.integrity_check()).unwrap(), "ok");
    let copy = ssa_store::Store::open_read_only_with_key(&backup, Some(&key(NEW_PASSPHRASE)));
    assert!(copy.is_ok(), "the backup was not rekeyed");
}

#[test]
fn a_file_of_random_bytes_asks_for_a_passphrase_and_can_still_be_set_aside() {
    let place = Place::new();
    std::fs::write(place.database(), random_bytes(8192)).unwrap();
    let session = start(&place, ManualClock::new());
    assert!(matches!(session.startup(), StartupDto::Locked { .. }));
    assert_eq!(
        session.unlock(key("whatever it was")).unwrap_err().code,
        ErrorCode::WrongPassphrase
    );
    assert_eq!(std::fs::read(place.database()).unwrap(), random_bytes(8192));
    let fresh = session.start_fresh().unwrap();
    assert!(matches!(
        fresh,
        StartupDto::Ready {
            created: true,
            encrypted: false,
            ..
        }
    ));
}

#[cfg(unix)]
#[test]
fn the_files_the_workbench_writes_are_readable_by_the_owner_only_whatever_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let place = Place::new();
    let clock = ManualClock::new();
    let (session, id) = plain_with_mandate(&place, clock);
    session.encrypt(key(PASSPHRASE)).unwrap();
    let exchange = place.dir.path().join("to-boreland.json");
    session
        .with(|w| w.export_exchange_file(&id, None, &exchange))
        .unwrap();
    let pdf = place.dir.path().join("agreement.pdf");
    session
        .with(|w| {
            w.export_pdf(
                &id,
                &ssa_api::PdfDocumentDto::Agreement {
                    version: ssa_api::dto::VersionRefDto::Current,
                },
                "en",
                &pdf,
            )
        })
        .unwrap();
    for file in [place.database(), exchange, pdf] {
        let mode = file.metadata().unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{}", file.display());
    }
    let dir_mode = place.dir.path().metadata().unwrap().permissions().mode() & 0o777;
    assert_eq!(dir_mode, 0o700);
}

fn write_secret(place: &Place, name: &str, text: &str) -> String {
    let path = place.dir.path().join(name);
    std::fs::write(&path, format!("{text}\n")).unwrap();
    path.display().to_string()
}

#[test]
fn the_cli_encrypts_rekeys_and_takes_the_passphrase_from_a_file_only() {
    let place = Place::new();
    let (code, _, err) = place.ssa(&[
        "create",
        "--title",
        "Aurelia–Boreland",
        "--own",
        "Republic of Aurelia:XA",
        "--counterpart",
        "Kingdom of Boreland:XB",
    ]);
    assert_eq!(code, 0, "{err}");
    let old = write_secret(&place, "old.txt", PASSPHRASE);
    let new = write_secret(&place, "new.txt", NEW_PASSPHRASE);
    let wrong = write_secret(&place, "wrong.txt", "not the passphrase at all");

    let (code, out, err) = place.ssa(&["encrypt", "--passphrase-file", &old]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("encrypted with SQLCipher 4."), "{out}");
    let (code, _, err) = place.ssa(&["encrypt", "--passphrase-file", &old]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("already encrypted"), "{err}");

    let before = std::fs::read(place.database()).unwrap();
    let (code, _, err) = place.ssa(&["list", "--passphrase-file", &wrong]);
    assert_eq!(code, 2);
    assert!(err.contains("The passphrase does not open"), "{err}");
    let (code, _, err) = place.ssa(&["list"]);
    assert_eq!(code, 2);
    assert!(err.contains("--passphrase-file"), "{err}");
    assert_eq!(std::fs::read(place.database()).unwrap(), before);
    let (code, out, err) = place.ssa(&["list", "--passphrase-file", &old]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Aurelia–Boreland"), "{out}");

    let (code, out, err) = place.ssa(&[
        "rekey",
        "--passphrase-file",
        &old,
        "--new-passphrase-file",
        &new,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("passphrase changed"), "{out}");
    assert_eq!(place.ssa(&["list", "--passphrase-file", &old]).0, 2);
    let (code, out, _) = place.ssa(&["list", "--passphrase-file", &new]);
    assert_eq!(code, 0);
    assert!(out.contains("Aurelia–Boreland"));

    // There is no way to give the passphrase itself as an argument.
    let (code, _, err) = place.ssa(&["list", "--passphrase", NEW_PASSPHRASE]);
    assert_eq!(code, 2);
    assert!(err.contains("unexpected argument"), "{err}");
}

//! Encryption at rest: SQLCipher 4 through rusqlite (`bundled-sqlcipher-vendored-openssl`).
//!
//! Contract:
//! - [`connect`] is the one way this crate opens a connection, with or without a key. With a
//!   key, `PRAGMA key` is the first statement the connection runs and the SQLCipher 4 format is
//!   pinned (`cipher_compatibility = 4`, so a later SQLCipher with other defaults still reads and
//!   writes the same files); then one read of the schema proves the key before anything else
//!   (WAL, migrations) touches the file. A wrong passphrase is [`StoreError::WrongPassphrase`]
//!   and leaves the file byte-identical (the check only reads).
//! - [`encrypt_file`] turns a plain database file into an encrypted one with `sqlcipher_export`
//!   into a new file beside it; the plain file is removed (overwritten with zeros first) only
//!   after the encrypted copy passed the integrity check and holds the same rows table by table.
//! - [`rekey_file`] and [`Store::rekey`] change the passphrase: checkpoint, leave WAL, `PRAGMA
//!   rekey`, back to WAL. The caller reopens with the new passphrase to prove it.
//! - A passphrase lives in a [`Passphrase`], wiped from memory when dropped, never printed by
//!   `Debug`, never logged; the SQL text that carries it is wiped too.
//!
//! The key derivation (PBKDF2-HMAC-SHA512, 256,000 iterations: SQLCipher 4's default) is slow on
//! purpose; open a database once per session, not per operation.

use std::io::Write;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};
use zeroize::Zeroizing;

use crate::private_files;
use crate::{Store, StoreError};

/// The SQLCipher major version whose file format this build writes (pinned: SQLCipher 5 changes
/// the format).
pub const CIPHER_MAJOR: &str = "4";

/// A database passphrase. Wiped from memory when dropped; `Debug` never shows it.
#[derive(Clone)]
pub struct Passphrase(Zeroizing<String>);

impl Passphrase {
    pub fn new(text: impl Into<String>) -> Passphrase {
        Passphrase(Zeroizing::new(text.into()))
    }

    /// The text, for the checks a front end makes (length, confirmation).
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The text as an SQL string literal, in memory that is wiped after use.
    fn sql_literal(&self) -> Zeroizing<String> {
        let mut literal = Zeroizing::new(String::with_capacity(self.0.len() + 2));
        literal.push('\'');
        for c in self.0.chars() {
            if c == '\'' {
                literal.push('\'');
            }
            literal.push(c);
        }
        literal.push('\'');
        literal
    }
}

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(…)")
    }
}

impl PartialEq for Passphrase {
    fn eq(&self, other: &Passphrase) -> bool {
        *self.0 == *other.0
    }
}

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Whether `path` starts with the plain SQLite header. An empty or missing file is neither
/// plain nor encrypted.
pub fn is_plain_database(path: &Path) -> bool {
    first_bytes(path, 16).is_some_and(|b| b.as_slice() == SQLITE_HEADER)
}

/// Whether `path` looks like an SQLCipher database: no SQLite header and a first page that reads
/// as random bytes (SQLCipher's salt and ciphertext). A text file or a file of zeros does not;
/// random garbage does, and is then refused as "encrypted, or not a database".
pub fn looks_encrypted(path: &Path) -> bool {
    let Some(page) = first_bytes(path, 4096) else {
        return false;
    };
    if page.len() < 1024 || page.starts_with(SQLITE_HEADER) {
        return false;
    }
    let mut seen = [false; 256];
    for &b in &page {
        seen[b as usize] = true;
    }
    // 1,024 random bytes show about 250 distinct values; text shows under 100.
    if seen.iter().filter(|&&s| s).count() < 200 {
        return false;
    }
    // Ciphertext never repeats a 16-byte block; a pattern (a counter, a fill) soon does.
    let mut blocks = std::collections::HashSet::new();
    page.chunks_exact(16).all(|block| blocks.insert(block))
}

fn first_bytes(path: &Path, count: usize) -> Option<Vec<u8>> {
    use std::io::Read;
    let file = std::fs::File::open(path).ok()?;
    let mut bytes = Vec::with_capacity(count);
    file.take(count as u64).read_to_end(&mut bytes).ok()?;
    (!bytes.is_empty()).then_some(bytes)
}

/// Opens a connection to `path` with `flags`, keyed if `key` is given, and proves the key with
/// one read of the schema. See the module contract.
pub(crate) fn connect(
    path: &Path,
    key: Option<&Passphrase>,
    flags: OpenFlags,
) -> Result<Connection, StoreError> {
    if key.is_some_and(|k| k.expose().is_empty()) {
        // SQLCipher treats an empty key as "no key"; for a person it is a wrong passphrase.
        return Err(StoreError::WrongPassphrase {
            path: path.to_path_buf(),
        });
    }
    let conn =
        Connection::open_with_flags(path, flags).map_err(|e| StoreError::sqlite_at(path, e))?;
    // SQLCipher reports every failed page check on stderr; a wrong passphrase is reported here.
    let _ = conn.execute_batch("PRAGMA cipher_log_level = NONE;");
    if let Some(key) = key {
        apply_key(&conn, key).map_err(|e| StoreError::sqlite_at(path, e))?;
    }
    match conn.query_row("SELECT count(*) FROM sqlite_master", [], |row| {
        row.get::<_, i64>(0)
    }) {
        Ok(_) => Ok(conn),
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) => {
            if key.is_some() {
                Err(StoreError::WrongPassphrase {
                    path: path.to_path_buf(),
                })
            } else {
                Err(StoreError::NotADatabase {
                    path: path.to_path_buf(),
                    looks_encrypted: looks_encrypted(path),
                })
            }
        }
        Err(e) => Err(StoreError::sqlite_at(path, e)),
    }
}

fn apply_key(conn: &Connection, key: &Passphrase) -> rusqlite::Result<()> {
    let mut sql = Zeroizing::new(String::from("PRAGMA key = "));
    sql.push_str(&key.sql_literal());
    sql.push(';');
    conn.execute_batch(&sql)?;
    conn.execute_batch("PRAGMA cipher_compatibility = 4;")
}

fn apply_rekey(conn: &Connection, key: &Passphrase) -> rusqlite::Result<()> {
    let mut sql = Zeroizing::new(String::from("PRAGMA rekey = "));
    sql.push_str(&key.sql_literal());
    sql.push(';');
    conn.execute_batch(&sql)
}

/// The SQLCipher version linked into this build, e.g. "4.6.1 community".
pub fn cipher_version() -> Result<String, StoreError> {
    let conn = Connection::open_in_memory()?;
    Ok(conn.query_row("PRAGMA cipher_version", [], |row| row.get(0))?)
}

/// `path` with `suffix` appended to its file name.
pub(crate) fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn cipher_error(path: &Path, what: &str, detail: impl std::fmt::Display) -> StoreError {
    StoreError::Cipher {
        path: path.to_path_buf(),
        detail: format!("{what}: {detail}"),
    }
}

/// Converts the plain database at `path` into an encrypted one under `key`, in place. The file
/// must not be open elsewhere. See the module contract.
pub fn encrypt_file(path: &Path, key: &Passphrase) -> Result<(), StoreError> {
    if !is_plain_database(path) {
        return Err(cipher_error(
            path,
            "it is not a plain database",
            "nothing to encrypt",
        ));
    }
    let target = sibling(path, ".encrypting");
    remove_with_companions(&target);
    private_files::create_empty(&target)?;
    let exported = (|| -> Result<(), StoreError> {
        let plain = connect(path, None, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
        // Fold the write-ahead log into the file and leave WAL, so that the plain content lives
        // in one file only (the one removed below) and no -wal of it stays behind.
        plain
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .map_err(|e| cipher_error(path, "checkpoint", e))?;
        plain
            .pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get::<_, String>(0))
            .map_err(|e| cipher_error(path, "the database is in use by another program", e))?;
        let version = crate::user_version(&plain).map_err(|e| StoreError::sqlite_at(path, e))?;
        plain
            .execute(
                "ATTACH DATABASE ?1 AS encrypted KEY ?2",
                rusqlite::params![target.to_string_lossy(), key.expose()],
            )
            .map_err(|e| cipher_error(path, "attach", e))?;
        plain
            .query_row("SELECT sqlcipher_export('encrypted')", [], |_| Ok(()))
            .map_err(|e| cipher_error(path, "sqlcipher_export", e))?;
        plain
            .pragma_update(Some("encrypted"), "user_version", version as i64)
            .map_err(|e| cipher_error(path, "user_version", e))?;
        plain
            .execute_batch("DETACH DATABASE encrypted")
            .map_err(|e| cipher_error(path, "detach", e))?;
        verify_same_content(path, &target, key)
    })();
    if let Err(error) = exported {
        remove_with_companions(&target);
        return Err(error);
    }
    let aside = sibling(path, ".plain-removing");
    std::fs::rename(path, &aside).map_err(|source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    if let Err(source) = std::fs::rename(&target, path) {
        // Put the plain file back: the person still has a working (plain) database.
        let _ = std::fs::rename(&aside, path);
        return Err(StoreError::Io {
            path: path.to_path_buf(),
            source,
        });
    }
    private_files::sync_parent(path);
    wipe_plain_leftovers(path);
    tracing::info!(path = %path.display(), "database encrypted");
    Ok(())
}

/// Removes what a conversion may leave of the plain file: the file set aside (overwritten with
/// zeros first) and its journal companions. Safe to call at every open.
pub fn wipe_plain_leftovers(path: &Path) {
    let aside = sibling(path, ".plain-removing");
    if aside.exists() {
        overwrite_with_zeros(&aside);
        let _ = std::fs::remove_file(&aside);
    }
    for suffix in ["-wal", "-shm", "-journal"] {
        let _ = std::fs::remove_file(sibling(&aside, suffix));
    }
    remove_with_companions(&sibling(path, ".encrypting"));
}

/// Best effort: on a copy-on-write file system or an SSD the old blocks may survive; the README
/// says so (full-disk encryption is the answer there).
fn overwrite_with_zeros(path: &Path) {
    let Ok(len) = path.metadata().map(|m| m.len()) else {
        return;
    };
    if let Ok(mut file) = std::fs::OpenOptions::new().write(true).open(path) {
        let zeros = vec![0u8; 64 * 1024];
        let mut left = len;
        while left > 0 {
            let n = left.min(zeros.len() as u64) as usize;
            if file.write_all(&zeros[..n]).is_err() {
                break;
            }
            left -= n as u64;
        }
        let _ = file.sync_all();
    }
}

fn remove_with_companions(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let _ = std::fs::remove_file(sibling(path, suffix));
    }
}

/// The encrypted copy opens with `key`, passes the integrity check, has the plain file's schema
/// version and the same number of rows in every table.
fn verify_same_content(plain: &Path, encrypted: &Path, key: &Passphrase) -> Result<(), StoreError> {
    let plain_conn = connect(plain, None, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let encrypted_conn = connect(encrypted, Some(key), OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    crate::check_integrity(&encrypted_conn, encrypted)?;
    let version =
        |c: &Connection, p: &Path| crate::user_version(c).map_err(|e| StoreError::sqlite_at(p, e));
    if version(&plain_conn, plain)? != version(&encrypted_conn, encrypted)? {
        return Err(cipher_error(
            encrypted,
            "verification",
            "schema versions differ",
        ));
    }
    let tables: Vec<String> = plain_conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
        )?
        .query_map([], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    for table in tables {
        let sql = format!("SELECT count(*) FROM \"{}\"", table.replace('"', "\"\""));
        let count = |c: &Connection| c.query_row(&sql, [], |row| row.get::<_, i64>(0));
        let (a, b) = (count(&plain_conn)?, count(&encrypted_conn).unwrap_or(-1));
        if a != b {
            return Err(cipher_error(
                encrypted,
                "verification",
                format!(
                    "table {table} has {a} rows in the plain file and {b} in the encrypted one"
                ),
            ));
        }
    }
    Ok(())
}

/// Changes the passphrase of the encrypted database file at `path` (not open elsewhere).
pub fn rekey_file(path: &Path, old: &Passphrase, new: &Passphrase) -> Result<(), StoreError> {
    let conn = connect(path, Some(old), OpenFlags::SQLITE_OPEN_READ_WRITE)?;
    rekey_connection(&conn, path, new)
}

fn rekey_connection(conn: &Connection, path: &Path, new: &Passphrase) -> Result<(), StoreError> {
    let was_wal = conn
        .pragma_query_value(None, "journal_mode", |r| r.get::<_, String>(0))
        .map_err(|e| StoreError::sqlite_at(path, e))?
        .eq_ignore_ascii_case("wal");
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .map_err(|e| cipher_error(path, "checkpoint", e))?;
    conn.pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get::<_, String>(0))
        .map_err(|e| cipher_error(path, "the database is in use by another program", e))?;
    apply_rekey(conn, new).map_err(|e| cipher_error(path, "rekey", e))?;
    if was_wal {
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0))
            .map_err(|e| cipher_error(path, "back to WAL", e))?;
    }
    Ok(())
}

impl Store {
    /// Changes the passphrase of this (encrypted) database. Reopen it with the new passphrase to
    /// prove the change.
    pub fn rekey(&mut self, new: &Passphrase) -> Result<(), StoreError> {
        if self.read_only {
            return Err(StoreError::ReadOnly {
                path: self.path.clone(),
            });
        }
        if !self.encrypted {
            return Err(cipher_error(
                &self.path,
                "it is not encrypted",
                "turn encryption on first",
            ));
        }
        rekey_connection(&self.conn, &self.path, new)?;
        tracing::info!(path = %self.path.display(), "passphrase changed");
        Ok(())
    }

    pub fn is_encrypted(&self) -> bool {
        self.encrypted
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_linked_sqlcipher_is_version_4() {
        let version = cipher_version().unwrap();
        assert!(version.starts_with("4."), "{version}");
    }

    #[test]
    fn random_bytes_look_encrypted_and_patterns_or_text_do_not() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, bytes: Vec<u8>| {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            path
        };
        let mut state: u32 = 0x2545_f491;
        let random: Vec<u8> = (0..8192)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                (state >> 24) as u8
            })
            .collect();
        assert!(looks_encrypted(&write("random", random)));
        let counter: Vec<u8> = (0..65536u32).map(|i| ((i * 7919) % 251) as u8).collect();
        assert!(!looks_encrypted(&write("counter", counter)));
        assert!(!looks_encrypted(&write("text", b"hello ".repeat(2000))));
        assert!(!looks_encrypted(&write("zeros", vec![0; 8192])));
    }

    #[test]
    fn a_passphrase_never_shows_in_debug_output() {
        let key = Passphrase::new("correct horse");
        assert_eq!(format!("{key:?}"), "Passphrase(…)");
    }

    #[test]
    fn quotes_in_a_passphrase_are_escaped_for_sql() {
        assert_eq!(&*Passphrase::new("it's").sql_literal(), "'it''s'");
    }
}

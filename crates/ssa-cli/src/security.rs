//! The passphrase on the command line (`--passphrase-file` or a prompt, never an argument),
//! `ssa encrypt`, `ssa rekey` and `ssa key …`.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use ssa_api::paths::DataDir;
use ssa_api::security::database_is_encrypted;
use ssa_api::{
    ApiError, ErrorCode, Passphrase, Session, SessionOptions, SystemClock, UuidIds, Workbench,
};

use super::KeyCommand;

fn refused(message: String) -> ApiError {
    ApiError::new(ErrorCode::InvalidInput, message)
}

/// The passphrase in `file`: its first line, without the line end.
pub(crate) fn read_passphrase_file(file: &Path) -> Result<Passphrase, ApiError> {
    let text = zeroize::Zeroizing::new(std::fs::read_to_string(file).map_err(|e| {
        refused(format!(
            "Could not read the passphrase file {}: {e}",
            file.display()
        ))
    })?);
    let line = text.lines().next().unwrap_or("");
    if line.is_empty() {
        return Err(refused(format!(
            "The passphrase file {} is empty.",
            file.display()
        )));
    }
    Ok(Passphrase::new(line))
}

/// Asks at the terminal without echo; refused when there is no terminal (a script must use
/// `--passphrase-file`).
fn prompt(question: &str) -> Result<Passphrase, ApiError> {
    rpassword::prompt_password(question)
        .map(Passphrase::new)
        .map_err(|e| {
            ApiError::new(
                ErrorCode::PassphraseRequired,
                format!("The data folder is encrypted and its passphrase could not be asked ({e}): give it with --passphrase-file F."),
            )
        })
}

/// The passphrase to open `folder` with: None for a plain (or new) database.
pub(crate) fn passphrase_for(
    folder: &DataDir,
    file: Option<&Path>,
) -> Result<Option<Passphrase>, ApiError> {
    if !database_is_encrypted(folder) {
        return Ok(None);
    }
    match file {
        Some(file) => read_passphrase_file(file).map(Some),
        None if std::io::IsTerminal::is_terminal(&std::io::stdin()) => {
            prompt("Passphrase of the SSA Workbench data folder: ").map(Some)
        }
        // No one to ask: opening without a key gives the store's message, which names the file
        // (it may also not be a database at all); `run` adds how to give the passphrase.
        None => Ok(None),
    }
}

/// A new passphrase: from `file`, or typed twice.
fn new_passphrase(file: Option<&Path>) -> Result<Passphrase, ApiError> {
    if let Some(file) = file {
        return read_passphrase_file(file);
    }
    let first = prompt("New passphrase: ")?;
    let again = prompt("The new passphrase again: ")?;
    if first != again {
        return Err(refused(
            "The two passphrases differ; nothing was changed.".into(),
        ));
    }
    Ok(first)
}

fn session(folder: &DataDir) -> Session {
    Session::start(
        folder.clone(),
        Arc::new(SystemClock),
        Arc::new(UuidIds),
        SessionOptions::default(),
    )
}

/// Fails with the session's start-up problem, if it has one.
fn ready(session: &Session) -> Result<(), ApiError> {
    match session.startup() {
        ssa_api::dto::StartupDto::Problem { code, message, .. } => {
            Err(ApiError::new(code, message))
        }
        _ => Ok(()),
    }
}

fn print_encryption(status: &ssa_api::security::EncryptionDto, out: &mut dyn Write) {
    let _ = writeln!(
        out,
        "encrypted with SQLCipher {} (database, write-ahead log, backups and recovery copies)",
        status.cipher_version
    );
    for file in &status.unprotected_files {
        let _ = writeln!(
            out,
            "not encrypted (damaged, could not be converted): {file}; delete it if you no longer need it"
        );
    }
}

pub(crate) fn encrypt(
    folder: &DataDir,
    file: Option<&Path>,
    out: &mut dyn Write,
) -> Result<i32, ApiError> {
    if database_is_encrypted(folder) {
        return Err(refused(format!(
            "{} is already encrypted; change its passphrase with ssa rekey.",
            folder.database().display()
        )));
    }
    let passphrase = new_passphrase(file)?;
    ssa_api::security::check_new_passphrase(&passphrase)?;
    let session = session(folder);
    ready(&session)?;
    let status = session.encrypt(passphrase)?;
    print_encryption(&status, out);
    Ok(0)
}

pub(crate) fn rekey(
    folder: &DataDir,
    current_file: Option<&Path>,
    new_file: Option<&Path>,
    out: &mut dyn Write,
) -> Result<i32, ApiError> {
    if !database_is_encrypted(folder) {
        return Err(refused(format!(
            "{} is not encrypted; turn encryption on with ssa encrypt.",
            folder.database().display()
        )));
    }
    let current = match current_file {
        Some(file) => read_passphrase_file(file)?,
        None => prompt("Current passphrase: ")?,
    };
    let new = new_passphrase(new_file)?;
    ssa_api::security::check_new_passphrase(&new)?;
    let session = session(folder);
    session.unlock(current.clone())?;
    ready(&session)?;
    let status = session.change_passphrase(current, new)?;
    let _ = writeln!(
        out,
        "passphrase changed; the database reopened with the new one"
    );
    print_encryption(&status, out);
    Ok(0)
}

fn print_fingerprint(fingerprint: &ssa_api::signing::FingerprintDto, out: &mut dyn Write) {
    let _ = writeln!(out, "  {}", fingerprint.hex);
    let words = &fingerprint.words;
    let _ = writeln!(out, "  {}", words[..words.len() / 2].join(" "));
    let _ = writeln!(out, "  {}", words[words.len() / 2..].join(" "));
}

fn print_keys(keys: &ssa_api::signing::KeysDto, own_only: bool, out: &mut dyn Write) {
    if keys.own.is_empty() {
        let _ = writeln!(
            out,
            "No key yet: a key is made for each delegation you negotiate for (create a negotiation, or give --delegation)."
        );
    }
    for key in &keys.own {
        let _ = writeln!(out, "our key, {} {}", key.delegation, key.delegation_name);
        print_fingerprint(&key.fingerprint, out);
    }
    if own_only {
        return;
    }
    for key in &keys.trusted {
        let _ = writeln!(
            out,
            "trusted for {} {} since {}",
            key.delegation, key.delegation_name, key.trusted_at
        );
        print_fingerprint(&key.fingerprint, out);
    }
}

pub(crate) fn key_command(
    workbench: &mut Workbench,
    command: KeyCommand,
    out: &mut dyn Write,
) -> Result<i32, ApiError> {
    match command {
        KeyCommand::Show { delegation } => {
            let mut keys = match &delegation {
                Some(code) => {
                    workbench.own_key(code)?;
                    workbench.keys()?
                }
                None => workbench.keys()?,
            };
            if let Some(code) = &delegation {
                let code = code.trim().to_uppercase();
                keys.own.retain(|k| k.delegation == code);
            }
            print_keys(&keys, true, out);
        }
        KeyCommand::Trust {
            fingerprint,
            delegation,
        } => {
            let keys = workbench.trust_key(&delegation, &fingerprint.join(" "))?;
            let code = delegation.trim().to_uppercase();
            let _ = writeln!(out, "trusted for {code}:");
            for key in keys.trusted.iter().filter(|k| k.delegation == code) {
                print_fingerprint(&key.fingerprint, out);
            }
        }
        KeyCommand::Untrust {
            fingerprint,
            delegation,
        } => {
            workbench.untrust_key(&delegation, &fingerprint.join(" "))?;
            let _ = writeln!(out, "no longer trusted");
        }
        KeyCommand::List => print_keys(&workbench.keys()?, false, out),
    }
    Ok(0)
}

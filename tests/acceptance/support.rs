//! What the acceptance tests share: a data directory in a temporary folder, a session on it as
//! the desktop app starts one (fixed clock, counting ids), and the CLI run in-process.

use std::path::Path;

use ssa_api::dto::{NegotiationInput, PartyDto, PartyRoleDto};
use ssa_api::paths::DataDir;
use ssa_api::{Session, SessionOptions};
use ssa_tests::{CountingIds, SteppingClock};

pub struct Place {
    pub dir: tempfile::TempDir,
}

impl Place {
    pub fn new() -> Place {
        Place {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn data_dir(&self) -> DataDir {
        DataDir::new(self.dir.path())
    }

    pub fn database(&self) -> std::path::PathBuf {
        self.data_dir().database()
    }

    /// Starts a session as the desktop app does, without the sample.
    pub fn session(&self) -> Session {
        self.session_with(SessionOptions {
            seed_sample_on_create: false,
        })
    }

    pub fn session_with(&self, options: SessionOptions) -> Session {
        Session::start(
            self.data_dir(),
            SteppingClock::new(),
            CountingIds::new(),
            options,
        )
    }

    /// Runs `ssa --data-dir <this place> <args>` in-process: (exit code, stdout, stderr).
    pub fn ssa(&self, args: &[&str]) -> (i32, String, String) {
        ssa_at(self.dir.path(), args)
    }
}

pub fn ssa_at(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let mut argv = vec![
        "ssa".to_string(),
        "--data-dir".to_string(),
        dir.display().to_string(),
    ];
    argv.extend(args.iter().map(|a| a.to_string()));
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = ssa_cli::run(&argv, &mut out, &mut err);
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

pub fn party(name: &str, iso_code: &str, role: PartyRoleDto) -> PartyDto {
    PartyDto {
        name: name.into(),
        iso_code: iso_code.into(),
        role,
    }
}

/// A valid bilateral negotiation between Aurelia (own side) and Boreland.
pub fn input(title: &str) -> NegotiationInput {
    NegotiationInput {
        title: title.into(),
        parties: vec![
            party("Republic of Aurelia", "XA", PartyRoleDto::Own),
            party("Kingdom of Boreland", "XB", PartyRoleDto::Counterpart),
        ],
        working_languages: vec!["en".into(), "fr".into()],
        notes: format!("Notes on {title}."),
    }
}

/// Bytes that look like nothing in particular, the same on every run. They stay below 128, so
/// they read as a damaged file, not as an encrypted database (whose bytes take every value:
/// see [`random_bytes`]).
pub fn garbage(len: usize) -> Vec<u8> {
    random_bytes(len).into_iter().map(|b| b & 0x7f).collect()
}

/// Bytes that take every value, as an encrypted database's do; the same on every run.
pub fn random_bytes(len: usize) -> Vec<u8> {
    let mut state: u32 = 0x9e37_79b9;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            (state >> 24) as u8
        })
        .collect()
}

/// Every file under `dir` with its bytes.
pub fn snapshot(dir: &Path) -> std::collections::BTreeMap<std::path::PathBuf, Vec<u8>> {
    let mut files = std::collections::BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in std::fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                files.insert(path.clone(), std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

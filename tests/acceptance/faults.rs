//! Faults beyond a killed editor (see `crash.rs` for that): a first start killed anywhere
//! (including during the switch to WAL), a migration killed anywhere, a full disk, and two
//! processes editing the same draft at once. Counts come from `ssa_tests::setting`: short in
//! `cargo test` and CI, full in `scripts/crash-full.sh`.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use ssa_api::dto::{ShelfDto, StartupDto};
use ssa_api::paths::DataDir;
use ssa_api::{ErrorCode, Session, SessionOptions, Workbench, SAMPLE_TITLE};
use ssa_store::LATEST_SCHEMA_VERSION;
use ssa_tests::{setting, CountingIds, SteppingClock};

use crate::support::{input, Place};

const CHILD: &str = env!("CARGO_BIN_EXE_ssa-fault-child");

/// Runs the child to completion and returns how long it took.
fn full_run(args: &[&str]) -> Duration {
    let started = Instant::now();
    let output = Command::new(CHILD).args(args).output().unwrap();
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    started.elapsed()
}

/// Starts the child, kills it after `delay` (or lets it finish first).
fn killed_after(args: &[&str], delay: Duration) {
    let mut child = Command::new(CHILD)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(delay);
    let _ = child.kill();
    let _ = child.wait();
}

/// The `run`-th of `runs` delays spread over `0..span` (and a little past it, so that some runs
/// finish before the kill).
fn spread(run: u64, runs: u64, span: Duration) -> Duration {
    span.mul_f64(1.1 * (run as f64 + 0.5) / runs as f64)
}

fn app_session(dir: &Path) -> Session {
    Session::start(
        DataDir::new(dir),
        SteppingClock::new(),
        CountingIds::new(),
        SessionOptions {
            seed_sample_on_create: true,
        },
    )
}

#[test]
fn a_first_start_killed_anywhere_ends_with_one_complete_sample_at_the_next_start() {
    let runs = setting("SSA_CRASH_KILLS", 60) / 3;
    let probe = tempfile::tempdir().unwrap();
    let span = full_run(&["first-start", probe.path().to_str().unwrap()]);
    for run in 0..runs {
        let dir = tempfile::tempdir().unwrap();
        killed_after(
            &["first-start", dir.path().to_str().unwrap()],
            spread(run, runs, span),
        );
        let session = app_session(dir.path());
        assert!(
            matches!(session.startup(), StartupDto::Ready { .. }),
            "run {run}: {:?}",
            session.startup()
        );
        assert_eq!(session.with(|w| w.integrity_check()).unwrap(), "ok");
        let samples: Vec<_> = session
            .with(|w| w.list_negotiations(ShelfDto::Active))
            .unwrap()
            .into_iter()
            .filter(|n| n.title == SAMPLE_TITLE)
            .collect();
        assert_eq!(samples.len(), 1, "run {run}: {} samples", samples.len());
        let draft = session
            .with(|w| w.get_draft(&samples[0].id))
            .unwrap()
            .unwrap_or_else(|| panic!("run {run}: the sample has no draft"));
        assert!(
            draft.values.contains_key("posting.months"),
            "run {run}: the sample's draft is not filled in"
        );
    }
    eprintln!("first start: {runs} kills over {span:?}");
}

/// A database at schema 1 (the first release) holding `count` negotiations.
fn schema_one_database(path: &Path, count: usize) {
    let mut conn = rusqlite::Connection::open(path).unwrap();
    ssa_store::migrations().to_version(&mut conn, 1).unwrap();
    for n in 0..count {
        conn.execute(
            "INSERT INTO negotiation (id, title, working_languages, notes, current_step, created_at, updated_at)
             VALUES (?1, ?2, '[\"en\"]', ?3, 'need', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')",
            rusqlite::params![format!("old-{n}"), format!("Old negotiation {n}"), "notes ".repeat(300)],
        )
        .unwrap();
        for (position, (name, code, role)) in
            [("Aurelia", "XA", "own"), ("Boreland", "XB", "counterpart")]
                .into_iter()
                .enumerate()
        {
            conn.execute(
                "INSERT INTO party (negotiation_id, position, name, iso_code, role) VALUES (?1, ?2, ?3, ?4, ?5)",
                rusqlite::params![format!("old-{n}"), position as i64, name, code, role],
            )
            .unwrap();
        }
    }
}

#[test]
fn a_migration_killed_anywhere_leaves_a_database_that_opens_with_everything_in_it() {
    let runs = setting("SSA_CRASH_KILLS", 60) / 3;
    const NEGOTIATIONS: usize = 200;
    let original = tempfile::tempdir().unwrap();
    let original_db = original.path().join("old.sqlite3");
    schema_one_database(&original_db, NEGOTIATIONS);
    let probe = Place::new();
    std::fs::copy(&original_db, probe.database()).unwrap();
    let span = full_run(&["migrate", probe.dir.path().to_str().unwrap()]);
    for run in 0..runs {
        let place = Place::new();
        std::fs::copy(&original_db, place.database()).unwrap();
        killed_after(
            &["migrate", place.dir.path().to_str().unwrap()],
            spread(run, runs, span),
        );
        let (workbench, _) =
            Workbench::open(&place.data_dir(), SteppingClock::new(), CountingIds::new())
                .unwrap_or_else(|e| panic!("run {run}: the database does not open: {e}"));
        assert_eq!(workbench.integrity_check().unwrap(), "ok", "run {run}");
        let stored = workbench.list_negotiations(ShelfDto::Active).unwrap();
        assert_eq!(stored.len(), NEGOTIATIONS, "run {run}");
        assert!(stored.iter().all(|n| n.parties.len() == 2), "run {run}");
        drop(workbench);
        let conn = rusqlite::Connection::open(place.database()).unwrap();
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .unwrap();
        assert_eq!(version as usize, LATEST_SCHEMA_VERSION, "run {run}");
    }
    eprintln!("migration: {runs} kills over {span:?}");
}

/// Mounts a tmpfs of `size` at `at`; false when this machine does not allow it.
fn mount_tmpfs(at: &Path, size: &str) -> bool {
    Command::new("mount")
        .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
        .arg(at)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

struct Unmount<'a>(&'a Path);

impl Drop for Unmount<'_> {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.0).status();
    }
}

#[test]
fn a_full_disk_refuses_the_edit_with_a_clear_message_and_loses_nothing_saved() {
    let mount = tempfile::tempdir().unwrap();
    if !mount_tmpfs(mount.path(), "8m") {
        eprintln!("disk-full test skipped: this machine does not allow mounting a tmpfs");
        return;
    }
    let _unmount = Unmount(mount.path());
    let dir = mount.path().join("data");
    let (mut workbench, _) = Workbench::open(
        &DataDir::new(&dir),
        SteppingClock::new(),
        CountingIds::new(),
    )
    .unwrap();
    // Fill the disk but for a little room.
    let filler = mount.path().join("filler");
    let free = {
        let stat = nix_statvfs(mount.path());
        stat.saturating_sub(256 * 1024)
    };
    std::fs::write(&filler, vec![0u8; free as usize]).unwrap();
    let mut saved = Vec::new();
    let mut refusal = None;
    for n in 0..10_000 {
        let mut negotiation = input(&format!("Negotiation {n}"));
        negotiation.notes = "A long note that takes room on the disk. ".repeat(100);
        match workbench.create_negotiation(negotiation) {
            Ok(created) => saved.push(created.id),
            Err(error) => {
                refusal = Some(error);
                break;
            }
        }
    }
    let refusal = refusal.expect("the disk never filled up");
    assert_eq!(refusal.code, ErrorCode::Storage);
    assert!(
        refusal.message.contains("the disk is full"),
        "{}",
        refusal.message
    );
    assert!(
        refusal.message.contains(&dir.display().to_string()),
        "{}",
        refusal.message
    );
    assert!(!saved.is_empty());
    drop(workbench);
    std::fs::remove_file(&filler).unwrap();
    let (mut workbench, _) = Workbench::open(
        &DataDir::new(&dir),
        SteppingClock::new(),
        std::sync::Arc::new(ssa_api::UuidIds),
    )
    .unwrap();
    assert_eq!(workbench.integrity_check().unwrap(), "ok");
    let stored: BTreeSet<String> = workbench
        .list_negotiations(ShelfDto::Active)
        .unwrap()
        .into_iter()
        .map(|n| n.id)
        .collect();
    for id in &saved {
        assert!(stored.contains(id), "{id} was reported saved and is gone");
    }
    workbench
        .create_negotiation(input("After the disk was freed"))
        .unwrap();
}

/// Free bytes on the filesystem of `path` (statvfs).
fn nix_statvfs(path: &Path) -> u64 {
    use std::os::unix::ffi::OsStrExt;
    let c_path = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    let mut stat: libc::statvfs = unsafe { std::mem::zeroed() };
    assert_eq!(unsafe { libc::statvfs(c_path.as_ptr(), &mut stat) }, 0);
    stat.f_bavail as u64 * stat.f_frsize as u64
}

/// What one writer reported: the last wording it saved per provision, and its refusals.
#[derive(Default, Debug)]
struct Writes {
    last_saved: BTreeMap<String, String>,
    refusals: Vec<(String, String)>,
    done: Option<(u64, u64)>,
}

fn writer_reports(output: &[u8]) -> Writes {
    let mut writes = Writes::default();
    for line in BufReader::new(output).lines() {
        let line = line.unwrap();
        let mut words = line.splitn(3, ' ');
        match (words.next(), words.next(), words.next()) {
            (Some("saved"), Some(node), Some(text)) => {
                writes.last_saved.insert(node.into(), text.into());
            }
            (Some("refused"), Some(node), Some(code)) => {
                writes.refusals.push((node.into(), code.into()))
            }
            (Some("done"), Some(saved), Some(refused)) => {
                writes.done = Some((saved.parse().unwrap(), refused.parse().unwrap()));
            }
            _ => panic!("unexpected line from a writer: {line}"),
        }
    }
    writes
}

#[test]
fn two_processes_editing_one_draft_lose_nothing_and_report_every_refusal() {
    let seconds = setting("SSA_TWO_WRITERS_SECONDS", 4);
    let place = Place::new();
    let session = place.session();
    let id = session.with(|w| w.create_sample_negotiation()).unwrap().id;
    let template = session
        .with(|w| {
            let draft = w.get_draft(&id)?.unwrap();
            w.load_template(&draft.template_id, &draft.template_version)
        })
        .unwrap();
    drop(session);
    let articles: Vec<String> = template
        .nodes
        .iter()
        .filter(|n| n.kind == ssa_core::template::NodeKind::Paragraph)
        .map(|n| n.id.clone())
        .take(13)
        .collect();
    let (shared, own) = articles.split_at(1);
    let (first, second): (Vec<_>, Vec<_>) = own.iter().enumerate().partition(|(i, _)| i % 2 == 0);
    let args = |writer: &str, nodes: Vec<(usize, &String)>| -> Vec<String> {
        let mut args = vec![
            "edit-draft".to_string(),
            place.dir.path().display().to_string(),
            id.clone(),
            writer.to_string(),
            seconds.to_string(),
        ];
        args.extend(nodes.into_iter().map(|(_, n)| n.clone()));
        args.push("--".into());
        args.extend(shared.iter().cloned());
        args
    };
    let spawn = |args: Vec<String>| {
        Command::new(CHILD)
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let one = spawn(args("one", first));
    let two = spawn(args("two", second));
    let outputs = [
        one.wait_with_output().unwrap(),
        two.wait_with_output().unwrap(),
    ];
    for output in &outputs {
        assert!(
            output.status.success(),
            "a writer failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let [one, two] = outputs.map(|o| writer_reports(&o.stdout));
    let stored = Workbench::open(&place.data_dir(), SteppingClock::new(), CountingIds::new())
        .unwrap()
        .0
        .get_draft(&id)
        .unwrap()
        .unwrap();
    // Every provision only one writer edits holds that writer's last saved wording.
    for writes in [&one, &two] {
        for (node, text) in &writes.last_saved {
            if shared.contains(node) {
                continue;
            }
            assert_eq!(
                stored.custom_wording.get(node),
                Some(text),
                "{node} lost its last edit"
            );
        }
        // Every refusal was said as such: "changed elsewhere", never "database is locked".
        for (node, code) in &writes.refusals {
            assert_eq!(code, "changed_elsewhere", "{node} refused with {code}");
            assert!(
                shared.contains(node),
                "{node} is edited by one writer only, yet refused"
            );
        }
        let (saved, refused) = writes.done.expect("a writer did not finish");
        assert!(saved > 0);
        assert_eq!(refused as usize, writes.refusals.len());
    }
    // The provision both edit holds the last wording one of them saved.
    let contested = &shared[0];
    let finals: Vec<&String> = [&one, &two]
        .iter()
        .filter_map(|w| w.last_saved.get(contested))
        .collect();
    if let Some(stored_text) = stored.custom_wording.get(contested) {
        assert!(
            finals.contains(&stored_text),
            "{contested}: {stored_text} is no writer's last edit"
        );
    }
    eprintln!(
        "two writers, {seconds} s: {:?} and {:?} (saved, refused)",
        one.done.unwrap(),
        two.done.unwrap()
    );
}

/// The export of a file is renamed into place and then its folder is synced, so that the
/// rename survives a power cut. Seen from the outside with strace (installed by
/// scripts/lib.sh); skipped where strace cannot run.
#[test]
fn an_exported_file_is_renamed_into_place_and_its_folder_synced() {
    let place = Place::new();
    let out_dir = place.dir.path().join("out");
    std::fs::create_dir_all(&out_dir).unwrap();
    let out = out_dir.join("model.toml");
    // A database to export from, made before tracing.
    Workbench::open(&place.data_dir(), SteppingClock::new(), CountingIds::new()).unwrap();
    let traced = Command::new("strace")
        .args(["-f", "-e", "trace=openat,rename,renameat,renameat2,fsync"])
        .args([CHILD, "export-template"])
        .arg(place.dir.path())
        .arg(&out)
        .output();
    let Some(traced) = traced.ok().filter(|o| o.status.success()) else {
        eprintln!("directory-sync test skipped: strace cannot run here");
        return;
    };
    let trace = String::from_utf8_lossy(&traced.stderr);
    let lines: Vec<&str> = trace.lines().collect();
    let renamed = lines
        .iter()
        .position(|l| l.contains("rename") && l.contains("model.toml\""))
        .expect("the export is renamed into place");
    let folder = format!("\"{}\", O_RDONLY", out_dir.display());
    let opened = lines[renamed..]
        .iter()
        .find(|l| l.contains(&folder))
        .expect("the folder is opened after the rename");
    let fd = opened.rsplit("= ").next().unwrap().trim();
    assert!(
        lines[renamed..]
            .iter()
            .any(|l| l.contains(&format!("fsync({fd})"))),
        "the folder is not synced after the rename:\n{trace}"
    );
}

#[test]
fn an_edit_of_a_provision_changed_elsewhere_is_refused_naming_its_article() {
    let place = Place::new();
    let session = place.session();
    let id = session.with(|w| w.create_sample_negotiation()).unwrap().id;
    let base = session.with(|w| w.get_draft(&id)).unwrap().unwrap();
    let template = session
        .with(|w| w.load_template(&base.template_id, &base.template_version))
        .unwrap();
    let paragraph = template
        .nodes
        .iter()
        .find(|n| {
            n.kind == ssa_core::template::NodeKind::Paragraph
                && n.parent
                    .as_deref()
                    .and_then(|p| template.node(p))
                    .map(|p| p.kind)
                    == Some(ssa_core::template::NodeKind::Article)
        })
        .unwrap()
        .id
        .clone();
    let reworded = |text: &str| {
        let mut edit = base.clone();
        edit.custom_wording.insert(paragraph.clone(), text.into());
        edit
    };
    // Another process saves its wording of the paragraph first.
    let (mut other, _) = Workbench::open(
        &place.data_dir(),
        SteppingClock::new(),
        std::sync::Arc::new(ssa_api::UuidIds),
    )
    .unwrap();
    other.edit_draft(&id, &base, &reworded("theirs")).unwrap();
    let refusal = session
        .with(|w| w.edit_draft(&id, &base, &reworded("mine")))
        .unwrap_err();
    assert_eq!(refusal.code, ErrorCode::ChangedElsewhere);
    assert!(
        refusal.message.contains("changed elsewhere"),
        "{}",
        refusal.message
    );
    assert_eq!(refusal.problems.len(), 1);
    assert_eq!(refusal.problems[0].field, paragraph);
    assert!(
        refusal.problems[0].message.starts_with("Article "),
        "{:?}",
        refusal.problems
    );
    let stored = session.with(|w| w.get_draft(&id)).unwrap().unwrap();
    assert_eq!(stored.custom_wording[&paragraph], "theirs");
}

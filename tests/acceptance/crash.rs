//! The crash test: a writer process is killed (SIGKILL) again and again in the middle of its
//! edits; after every kill the database opens, passes SQLite's integrity check and holds every
//! edit the writer reported committed. The same on an encrypted database (SQLCipher pages and
//! WAL frames, opened with the passphrase each time).

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use ssa_api::dto::ShelfDto;
use ssa_api::paths::DataDir;
use ssa_api::{Passphrase, Workbench};
use ssa_tests::{crash, CountingIds, SteppingClock};

/// Kills per run of the test: `SSA_CRASH_KILLS` (500 in `scripts/crash-full.sh`), else 60.
fn kills() -> u64 {
    ssa_tests::setting("SSA_CRASH_KILLS", 60)
}
/// Kills of the encrypted variant in CI. Each run opens the database twice and each open pays
/// the key derivation (slow on purpose) twice, so a run costs about 0.5 s more than a plain
/// one; `SSA_ENCRYPTED_CRASH_RUNS=500` runs the full 500 (measured: 500 kills pass).
const ENCRYPTED_RUNS: u64 = 100;
/// The encrypted variant's passphrase (given to the writer in a file, as the CLI takes it).
const PASSPHRASE: &str = "kill nine times over";

/// How long a run writes before it is killed: 5 to 80 ms, spread over the runs.
fn delay(run: u64) -> Duration {
    Duration::from_millis(5 + (run * 37) % 76)
}

/// Starts the writer, lets it write for `delay` after its first committed edit, kills it, and
/// returns every complete line it printed.
fn write_then_kill(
    dir: &std::path::Path,
    passphrase_file: Option<&std::path::Path>,
    delay: Duration,
) -> Vec<String> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ssa-crash-writer"))
        .arg(dir)
        .args(passphrase_file)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the crash writer starts");
    let stdout = child.stdout.take().unwrap();
    let (first_line, first_line_seen) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        let mut stdout = BufReader::new(stdout);
        let mut lines = Vec::new();
        loop {
            let mut line = String::new();
            match stdout.read_line(&mut line) {
                Ok(0) | Err(_) => break,
                Ok(_) => {
                    let _ = first_line.send(());
                    lines.push(line);
                }
            }
        }
        lines
    });
    // Wait for the first commit, so that the kill lands while it writes, not while it starts.
    if first_line_seen
        .recv_timeout(Duration::from_secs(30))
        .is_err()
    {
        let _ = child.kill();
        let _ = child.wait();
        let mut stderr = String::new();
        let _ = child.stderr.take().unwrap().read_to_string(&mut stderr);
        panic!("the crash writer committed nothing: {stderr}");
    }
    std::thread::sleep(delay);
    child.kill().expect("SIGKILL is delivered");
    let status = child.wait().unwrap();
    assert!(!status.success(), "the writer should have been killed");
    reader.join().unwrap()
}

#[test]
fn a_writer_killed_again_and_again_mid_edit_never_loses_a_committed_edit_or_damages_the_database() {
    let dir = tempfile::tempdir().unwrap();
    kill_again_and_again(dir.path(), kills(), None);
}

#[test]
fn a_writer_killed_mid_edit_on_an_encrypted_database_never_loses_an_edit_or_damages_it() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let passphrase_file = dir.path().join("passphrase.txt");
    std::fs::write(&passphrase_file, format!("{PASSPHRASE}\n")).unwrap();
    // The database exists, encrypted, before the first writer starts.
    drop(
        Workbench::open_with_key(
            &DataDir::new(&data),
            Some(&Passphrase::new(PASSPHRASE)),
            SteppingClock::new(),
            CountingIds::new(),
        )
        .unwrap(),
    );
    let runs = ssa_tests::setting("SSA_ENCRYPTED_CRASH_RUNS", ENCRYPTED_RUNS);
    kill_again_and_again(&data, runs, Some(&passphrase_file));
    let database = DataDir::new(&data).database();
    let header = std::fs::read(&database).unwrap();
    assert_ne!(
        &header[..16],
        b"SQLite format 3\0",
        "the database stayed encrypted"
    );
    assert!(
        Workbench::open(
            &DataDir::new(&data),
            SteppingClock::new(),
            CountingIds::new()
        )
        .is_err(),
        "it opens only with its passphrase"
    );
}

fn kill_again_and_again(
    dir: &std::path::Path,
    runs: u64,
    passphrase_file: Option<&std::path::Path>,
) {
    let key = passphrase_file.map(|_| Passphrase::new(PASSPHRASE));
    let started = Instant::now();
    // The highest stage reported committed, per negotiation.
    let mut reported: BTreeMap<String, u8> = BTreeMap::new();
    let mut lost_reports = 0;
    for run in 0..runs {
        let lines = write_then_kill(dir, passphrase_file, delay(run));
        for line in &lines {
            match crash::parse_report(line) {
                Some((stage, id)) => {
                    let highest = reported.entry(id).or_insert(stage);
                    *highest = (*highest).max(stage);
                }
                // Only the very last line may be cut off by the kill.
                None => assert!(
                    std::ptr::eq(line, lines.last().unwrap()) && !line.ends_with('\n'),
                    "run {run}: unexpected output {line:?}"
                ),
            }
        }

        let (workbench, _) = Workbench::open_with_key(
            &DataDir::new(dir),
            key.as_ref(),
            SteppingClock::new(),
            CountingIds::new(),
        )
        .unwrap_or_else(|e| panic!("run {run}: the database does not open after the kill: {e}"));
        assert_eq!(workbench.integrity_check().unwrap(), "ok", "run {run}");
        let stored = workbench.list_negotiations(ShelfDto::Active).unwrap();
        let mut stages = BTreeMap::new();
        for n in &stored {
            let stage = crash::stage(&n.title, &n.notes);
            // The edit that replaced the notes replaced the parties in the same transaction.
            let counterpart = if stage == 1 {
                "Boreland"
            } else {
                "Kingdom of Boreland"
            };
            assert_eq!(n.parties.len(), 2, "run {run}: {}", n.id);
            assert_eq!(n.parties[1].name, counterpart, "run {run}: {}", n.id);
            stages.insert(n.id.clone(), stage);
        }
        drop(workbench);

        for (id, &stage) in &reported {
            let found = stages.get(id).copied().unwrap_or_else(|| {
                panic!("run {run}: negotiation {id} was reported committed and is gone")
            });
            assert!(
                found >= stage,
                "run {run}: negotiation {id} reached edit {stage}, the database shows {found}"
            );
        }
        // An edit can commit and the process die before it reports it; at most one per run.
        let stored_edits: u64 = stages.values().map(|&s| u64::from(s)).sum();
        let reported_edits: u64 = reported.values().map(|&s| u64::from(s)).sum();
        assert!(stored_edits >= reported_edits);
        lost_reports = stored_edits - reported_edits;
        assert!(
            lost_reports <= run + 1,
            "run {run}: {lost_reports} edits in the database that no writer made"
        );
    }
    let reported_edits: u64 = reported.values().map(|&s| u64::from(s)).sum();
    assert!(reported_edits >= runs, "the writers hardly wrote anything");
    eprintln!(
        "crash test{}: {runs} kills, {reported_edits} edits reported committed, {lost_reports} \
         committed but unreported, {:.1} s",
        if key.is_some() { " (encrypted)" } else { "" },
        started.elapsed().as_secs_f64()
    );
}

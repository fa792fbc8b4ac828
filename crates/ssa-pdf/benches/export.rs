//! The agreement PDF of the full R167 Annex I draft, side by side in one run: ssa-pdf against
//! Chromium's headless `--print-to-pdf` of the same document as HTML (written from the same
//! rendered document by `ssa_pdf::html`, with the same fonts). Prints both timings (median),
//! the ratio and both file sizes. Without Chromium on the machine it says so and times ssa-pdf
//! alone.
//!
//! `cargo bench -p ssa-pdf --bench export`

#[path = "../tests/pdf/samples.rs"]
mod samples;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use ssa_pdf::FontFiles;

const RUNS: usize = 7;
const CHROMIUM_RUNS: usize = 3;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn chromium() -> Option<PathBuf> {
    [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ]
    .iter()
    .find_map(|name| {
        let found = Command::new("which").arg(name).output().ok()?;
        found
            .status
            .success()
            .then(|| PathBuf::from(String::from_utf8_lossy(&found.stdout).trim()))
    })
}

fn print_to_pdf(chromium: &Path, html: &Path, pdf: &Path, profile: &Path) -> Duration {
    let start = Instant::now();
    let status = Command::new(chromium)
        .args([
            "--headless",
            "--disable-gpu",
            "--no-sandbox",
            "--no-first-run",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .expect("chromium runs");
    let elapsed = start.elapsed();
    assert!(
        status.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    elapsed
}

fn main() {
    let document = samples::annex1_document();
    let input = samples::agreement_input(&document);
    let fonts = FontFiles::shipped();

    // Warm up once (page cache, allocator), then time.
    let output = ssa_pdf::agreement::agreement_pdf(&input, fonts).expect("typesets");
    let ours = median(
        (0..RUNS)
            .map(|_| {
                let start = Instant::now();
                let output = ssa_pdf::agreement::agreement_pdf(&input, fonts).expect("typesets");
                std::hint::black_box(output.pdf.len());
                start.elapsed()
            })
            .collect(),
    );
    println!(
        "ssa-pdf:  {:>8.1} ms (median of {RUNS}), {} pages, {} bytes",
        ours.as_secs_f64() * 1000.0,
        output.typeset.pages.len(),
        output.pdf.len()
    );

    let Some(chromium) = chromium() else {
        println!("Chromium is not installed (apt-get install chromium): no comparison.");
        return;
    };
    let dir = tempfile::tempdir().expect("temporary folder");
    let fonts_dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../assets/fonts")
        .canonicalize()
        .expect("fonts folder");
    let html_path = dir.path().join("agreement.html");
    std::fs::write(
        &html_path,
        ssa_pdf::html::agreement_html(&input, &format!("file://{}", fonts_dir.display())),
    )
    .expect("html written");
    let pdf_path = dir.path().join("chromium.pdf");
    let profile = dir.path().join("profile");
    print_to_pdf(&chromium, &html_path, &pdf_path, &profile); // warm-up: first start creates the profile
    let theirs = median(
        (0..CHROMIUM_RUNS)
            .map(|_| print_to_pdf(&chromium, &html_path, &pdf_path, &profile))
            .collect(),
    );
    let their_size = std::fs::metadata(&pdf_path).map(|m| m.len()).unwrap_or(0);
    println!(
        "chromium: {:>8.1} ms (median of {CHROMIUM_RUNS}, headless --print-to-pdf, same HTML fonts), {their_size} bytes",
        theirs.as_secs_f64() * 1000.0
    );
    println!(
        "ratio:    ssa-pdf is {:.1}x faster; file {:.0}% of Chromium's",
        theirs.as_secs_f64() / ours.as_secs_f64(),
        100.0 * output.pdf.len() as f64 / their_size.max(1) as f64
    );
}

//! Writes the four documents from the test inputs into a folder, to look at them:
//! `cargo run -p ssa-pdf --example samples -- /tmp/pdf`

#[path = "../tests/pdf/samples.rs"]
mod samples;

use ssa_pdf::FontFiles;

fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| ".".into()));
    std::fs::create_dir_all(&dir).expect("output folder");
    let fonts = FontFiles::shipped();
    let document = samples::annex1_document();
    let outputs = [
        (
            "agreement.pdf",
            ssa_pdf::agreement::agreement_pdf(&samples::agreement_input(&document), fonts),
        ),
        (
            "redline.pdf",
            ssa_pdf::redline::redline_pdf(&samples::redline_input(false), fonts),
        ),
        (
            "brief.pdf",
            ssa_pdf::brief::brief_pdf(&samples::brief_input(true), fonts),
        ),
        (
            "step-report.pdf",
            ssa_pdf::step_report::step_report_pdf(&samples::step_report_input(), fonts),
        ),
    ];
    for (name, output) in outputs {
        let output = output.expect("typeset");
        std::fs::write(dir.join(name), &output.pdf).expect("write");
        println!(
            "{name}: {} pages, {} bytes",
            output.typeset.pages.len(),
            output.pdf.len()
        );
    }
}

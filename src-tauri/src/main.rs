// Hides the console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    let args: Vec<String> = std::env::args().collect();
    // `--export-bindings [path]` regenerates ui/src/lib/bindings.ts without opening a window.
    if args.get(1).map(String::as_str) == Some("--export-bindings") {
        let default =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(ssa_workbench_lib::BINDINGS_PATH);
        let path = args.get(2).map(std::path::PathBuf::from).unwrap_or(default);
        if let Err(message) = ssa_workbench_lib::export_bindings(&path) {
            eprintln!("{message}");
            std::process::exit(1);
        }
        return;
    }
    ssa_workbench_lib::run();
}

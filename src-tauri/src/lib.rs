//! # SSA Workbench desktop shell
//!
//! The only crate that depends on Tauri. It resolves the data directory (the platform's app
//! data dir, or `SSA_DATA_DIR`), sets up logging to a file, starts an [`ssa_api::Session`] and
//! exposes its use cases as commands. Each command is a one-line call into `ssa-api`; there is
//! no logic here. The TypeScript bindings in `ui/src/lib/bindings.ts` are generated from these
//! commands ([`export_bindings`]) and a test fails when the committed file is stale.

mod chosen_files;
mod commands;
mod draft_commands;
mod instance_lock;
mod round_commands;
mod security_commands;
mod simulation_commands;
mod system_lock;
mod workshop_commands;

use std::path::Path;
use std::sync::Arc;

use ssa_api::paths::DataDir;
use ssa_api::{Session, SessionOptions, SystemClock, UuidIds};
use tauri::Manager;

/// How long a starting app waits for one closing on the same data folder to let it go.
const CLOSING_APP_PATIENCE: std::time::Duration = std::time::Duration::from_secs(5);

/// Where the generated bindings live, relative to this crate.
pub const BINDINGS_PATH: &str = "../ui/src/lib/bindings.ts";

pub fn specta_builder() -> tauri_specta::Builder<tauri::Wry> {
    tauri_specta::Builder::<tauri::Wry>::new()
        .commands(commands::all())
        // Output DTOs are never deserialised by the UI; one type per DTO keeps the bindings plain.
        .disable_serde_phases()
        // The only 64-bit integers crossing are template numbers (months, counts, bounds), all
        // far below 2^53, so a TypeScript `number` holds them exactly.
        .dangerously_cast_bigints_to_number()
}

/// Writes the TypeScript bindings for every command and type to `path`.
pub fn export_bindings(path: &Path) -> Result<(), String> {
    specta_builder()
        .export(
            specta_typescript::Typescript::default()
                .header("// Generated from the Rust commands by `ssa-workbench --export-bindings`. Do not edit.\n"),
            path,
        )
        .map_err(|e| format!("could not write bindings to {}: {e}", path.display()))
}

pub fn run() {
    let builder = specta_builder();
    let mut app = tauri::Builder::default();
    if std::env::var_os(ssa_api::paths::DATA_DIR_ENV).is_none() {
        // The default data folder: a second start brings this window to the front (the plugin
        // must come first). For another folder the data-folder lock alone decides.
        app = app.plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
        }));
    }
    app
        // Native open/save dialogs, shown from Rust only (chosen_files.rs): the window asks a
        // command to show one, and the file commands take only the paths a dialog returned.
        .plugin(tauri_plugin_dialog::init())
        // Opens an exported PDF with the system viewer, from Rust only: the window gets no
        // opener permission (capabilities/default.json), it asks `open_exported_file`.
        .plugin(tauri_plugin_opener::init())
        .manage(commands::ExportedFiles::default())
        .manage(chosen_files::ChosenFiles::default())
        .invoke_handler(builder.invoke_handler())
        .setup(|app| {
            let default_dir = app.path().app_data_dir()?;
            let data_dir = DataDir::from_env_or(default_dir);
            let log_guard = init_logging(&data_dir);
            match instance_lock::acquire_patiently(data_dir.root(), CLOSING_APP_PATIENCE) {
                Ok(Some(lock)) => {
                    app.manage(lock);
                }
                Ok(None) => {
                    already_open(app.handle(), data_dir.root());
                    return Ok(());
                }
                Err(error) => {
                    tracing::warn!(%error, "the data folder lock could not be taken; going on without it");
                }
            }
            tracing::info!(data_dir = %data_dir.root().display(), version = ssa_api::APP_VERSION, "SSA Workbench starting");
            let session = Session::start(
                data_dir,
                Arc::new(SystemClock),
                Arc::new(UuidIds),
                SessionOptions {
                    seed_sample_on_create: true,
                },
            );
            // The window is made here rather than from the config alone so that the webview's
            // own storage (the chosen language, cached UI state) lives in the same data folder
            // as the database: one folder holds everything, and SSA_DATA_DIR isolates it all.
            let window_config = app
                .config()
                .app
                .windows
                .iter()
                .find(|w| w.label == "main")
                .ok_or("tauri.conf.json has no \"main\" window")?
                .clone();
            let webview_dir = session.data_dir().root().join("webview");
            let mut window = tauri::WebviewWindowBuilder::from_config(app.handle(), &window_config)?
                .data_directory(webview_dir);
            if session.data_dir().is_training() {
                // A training folder says so in the title bar, so that a workshop is never
                // taken for a real negotiation.
                window = window.title(format!("{} — Training", window_config.title));
            }
            window.build()?;
            app.manage(session);
            system_lock::watch(app.handle());
            if let Some(guard) = log_guard {
                app.manage(LogGuard(guard));
            }
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("error while running SSA Workbench");
}

/// Another app holds this data folder: say so (in the language of the system, the window's
/// own choice not being known yet) and quit when the message is closed.
fn already_open(app: &tauri::AppHandle, folder: &Path) {
    use tauri_plugin_dialog::DialogExt;
    tracing::warn!(folder = %folder.display(), "SSA Workbench is already open on this data folder");
    let language = std::env::var("LANG").unwrap_or_default();
    let message = if language.starts_with("fr") {
        format!(
            "SSA Workbench est déjà ouvert sur ce dossier de données ({}). Utilisez la fenêtre \
             ouverte ; la ligne de commande ssa peut travailler à côté.",
            folder.display()
        )
    } else if language.starts_with("es") {
        format!(
            "SSA Workbench ya está abierto en esta carpeta de datos ({}). Use la ventana \
             abierta; la línea de comandos ssa puede trabajar a la vez.",
            folder.display()
        )
    } else {
        format!(
            "SSA Workbench is already open on this data folder ({}). Use the window that is \
             open; the ssa command line can work beside it.",
            folder.display()
        )
    };
    let handle = app.clone();
    app.dialog()
        .message(message)
        .title("SSA Workbench")
        .show(move |_| handle.exit(0));
}

/// Keeps the non-blocking log writer alive (and flushing) for the life of the app.
struct LogGuard(#[allow(dead_code)] tracing_appender::non_blocking::WorkerGuard);

/// Logs to `<data dir>/logs/ssa-workbench.log.<date>` (and to stderr). A failure to create the
/// log folder is reported on stderr and the app runs on without a log file.
fn init_logging(data_dir: &DataDir) -> Option<tracing_appender::non_blocking::WorkerGuard> {
    use tracing_subscriber::prelude::*;
    let filter = tracing_subscriber::EnvFilter::try_from_env("SSA_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let stderr = tracing_subscriber::fmt::layer().with_writer(std::io::stderr);
    match std::fs::create_dir_all(data_dir.logs()) {
        Ok(()) => {
            let appender = tracing_appender::rolling::daily(data_dir.logs(), "ssa-workbench.log");
            let (writer, guard) = tracing_appender::non_blocking(appender);
            let file = tracing_subscriber::fmt::layer()
                .with_ansi(false)
                .with_writer(writer);
            let _ = tracing_subscriber::registry()
                .with(filter)
                .with(stderr)
                .with(file)
                .try_init();
            Some(guard)
        }
        Err(error) => {
            eprintln!(
                "SSA Workbench: cannot create the log folder {}: {error}",
                data_dir.logs().display()
            );
            let _ = tracing_subscriber::registry()
                .with(filter)
                .with(stderr)
                .try_init();
            None
        }
    }
}

#[cfg(test)]
mod tests {
    /// The committed bindings must be exactly what the Rust commands generate: a UI compiled
    /// against stale bindings would call commands with the wrong shapes.
    #[test]
    fn committed_bindings_match_the_rust_commands() {
        let dir = std::env::temp_dir().join(format!("ssa-bindings-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let fresh = dir.join("bindings.ts");
        super::export_bindings(&fresh).unwrap();
        let committed_path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(super::BINDINGS_PATH);
        let committed = std::fs::read_to_string(&committed_path).unwrap_or_default();
        let generated = std::fs::read_to_string(&fresh).unwrap();
        std::fs::remove_dir_all(&dir).ok();
        assert!(
            committed == generated,
            "{} is stale: run `cargo run -p ssa-workbench -- --export-bindings` and commit it",
            committed_path.display()
        );
    }
}

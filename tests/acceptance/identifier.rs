use std::path::Path;

#[test]
fn the_cli_looks_for_the_database_under_the_same_identifier_as_the_desktop_app() {
    let config = Path::new(env!("CARGO_MANIFEST_DIR")).join("../src-tauri/tauri.conf.json");
    let text = std::fs::read_to_string(&config)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", config.display()));
    let json: serde_json::Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not JSON: {e}", config.display()));
    assert_eq!(
        json["identifier"].as_str(),
        Some(ssa_api::APP_IDENTIFIER),
        "the identifier in {} differs from ssa_api::APP_IDENTIFIER",
        config.display()
    );
}

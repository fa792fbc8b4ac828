//! Export and import: a template written out reads back equal; derived templates.

use ssa_core::template::{Template, TemplateRef};

use crate::fixture::mini;

#[test]
fn export_then_import_gives_an_equal_template() {
    let template = mini();
    let exported = template.to_toml().unwrap();
    let imported = Template::parse("exported.toml", &exported).unwrap();
    assert_eq!(imported, template);
    assert!(imported.validate().is_clean(), "{}", imported.validate());
    // Line numbers of the export point into the export.
    let line = imported.source.nodes[0].node;
    assert!(exported
        .lines()
        .nth(line - 1)
        .unwrap()
        .contains("id = \"pre\""));
}

#[test]
fn a_derived_template_records_its_origin_and_survives_export() {
    let template = mini();
    let derived = template.derive("aurelia-model", "1.0", "Aurelia model agreement");
    assert_eq!(
        derived.derived_from,
        Some(TemplateRef {
            id: "mini".into(),
            version: "1.0".into()
        })
    );
    assert!(derived.validate().is_clean());
    let back = Template::parse("derived.toml", &derived.to_toml().unwrap()).unwrap();
    assert_eq!(back, derived);
}

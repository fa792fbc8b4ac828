use serde_json::{json, Value};
use ssa_core::exchange::{checksum, decode, ExchangeError, EXCHANGE_FORMAT};
use ssa_core::limits::{MAX_EXCHANGE_BYTES, MAX_NESTING_DEPTH};

use crate::scaling::assert_linear;

fn payload(nodes: Vec<Value>, omitted: Vec<String>, positions: Vec<Value>) -> Value {
    json!({
        "agreement_id": "agr",
        "parties": [{"name": "A", "iso_code": "XA"}, {"name": "B", "iso_code": "XB"}],
        "sender": "XA",
        "exported_at": "2026-11-23T10:00:00.000Z",
        "version": {"label": "Current draft"},
        "template": {"id": "t", "version": "1"},
        "title": "Agreement",
        "nodes": nodes,
        "omitted": omitted,
        "positions": positions,
    })
}

fn file(payload: Value) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "format": EXCHANGE_FORMAT,
        "checksum": checksum(&payload),
        "payload": payload,
    }))
    .unwrap()
}

fn article(id: &str) -> Value {
    json!({"id": id, "kind": "article", "text": "Text."})
}

#[test]
fn a_second_payload_key_is_refused_not_silently_taken() {
    let honest = payload(vec![article("a1")], vec![], vec![]);
    let forged = payload(vec![article("a1"), article("a2")], vec![], vec![]);
    let text = format!(
        "{{\"format\":\"{EXCHANGE_FORMAT}\",\"checksum\":\"{}\",\"payload\":{},\"payload\":{}}}",
        checksum(&forged),
        honest,
        forged
    );
    let error = decode(text.as_bytes()).unwrap_err();
    assert!(
        matches!(error, ExchangeError::Malformed { .. }),
        "{error:?}"
    );
    assert!(
        error.to_string().contains("\"payload\" is written twice"),
        "{error}"
    );
    assert!(decode(&file(honest)).is_ok());
}

#[test]
fn positions_are_checked_in_linear_time() {
    assert_linear(
        "exchange positions",
        4_000,
        |n| {
            let omitted: Vec<String> = (0..n).map(|i| format!("gone{i}")).collect();
            let positions = (0..n)
                .map(|i| json!({"round": 1, "node_id": format!("gone{i}"), "status": "open"}))
                .collect();
            file(payload(vec![article("a1")], omitted, positions))
        },
        |bytes| {
            decode(bytes).unwrap();
        },
    );
}

#[test]
fn provisions_nested_past_the_limit_are_refused() {
    let mut nodes = vec![article("n0")];
    for level in 1..=MAX_NESTING_DEPTH {
        nodes.push(
            json!({"id": format!("n{level}"), "parent": format!("n{}", level - 1), "kind": "item"}),
        );
    }
    let error = decode(&file(payload(nodes, vec![], vec![]))).unwrap_err();
    assert!(
        error
            .to_string()
            .contains(&format!("at most {MAX_NESTING_DEPTH}")),
        "{error}"
    );
}

#[test]
fn a_file_over_the_size_limit_is_refused_unread_with_the_limit() {
    let bytes = vec![b' '; MAX_EXCHANGE_BYTES + 1];
    let error = decode(&bytes).unwrap_err();
    assert_eq!(
        error,
        ExchangeError::TooLarge {
            limit: MAX_EXCHANGE_BYTES
        }
    );
    assert!(error.to_string().contains("16 MB"), "{error}");
}

#[test]
fn messages_quote_long_ids_short() {
    let long = "x".repeat(100_000);
    let error = decode(&file(payload(
        vec![article(&long), article(&long)],
        vec![],
        vec![],
    )))
    .unwrap_err();
    assert!(
        error.to_string().len() < 400,
        "{} bytes",
        error.to_string().len()
    );
}

//! Two edits of one draft made at the same time (two windows, the app and the command line),
//! merged provision by provision.
//!
//! Each edit is known with the draft it started from (`base`). Against the draft stored now
//! (`current`, which may hold another edit saved since), every choice the edit changed from
//! its base is applied, and every choice the other edit changed is kept. A choice is one entry
//! of a draft's maps (one node's inclusion, alternative or wording, one parameter's value) or
//! one of its other fields (the template version). When both edits changed the same choice
//! differently, nothing is merged: the edit is refused with the choices in conflict, and the
//! person reloads to see the other change ("changed elsewhere").
//!
//! Written over the draft's JSON rather than its fields, so that a field added to [`Draft`]
//! later is merged the same way without this module changing: an object field is merged per
//! key, anything else as a whole.

use serde_json::{Map, Value};

use super::draft::Draft;

/// The choices both edits changed differently, as `field` or `field.key`
/// ("custom_wording.M2-AL.3", "values.posting.months").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub choices: Vec<String>,
}

impl Conflict {
    /// The node ids and parameter names in conflict, for messages.
    pub fn keys(&self) -> Vec<&str> {
        self.choices
            .iter()
            .map(|c| c.split_once('.').map_or(c.as_str(), |(_, key)| key))
            .collect()
    }
}

/// `edit` (made from `base`) applied on top of `current`; see the module documentation.
pub fn merge(base: &Draft, current: &Draft, edit: &Draft) -> Result<Draft, Conflict> {
    if current == base {
        return Ok(edit.clone());
    }
    let [base, current, edit] = [base, current, edit].map(|d| match serde_json::to_value(d) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    });
    let mut merged = Map::new();
    let mut conflicts = Vec::new();
    for field in keys(&base, &current, &edit) {
        let (b, c, e) = (base.get(&field), current.get(&field), edit.get(&field));
        let objects = [b, c, e]
            .iter()
            .all(|v| v.is_none_or(|v| matches!(v, Value::Object(_))));
        let value = if objects {
            let empty = Map::new();
            let as_map = |v: Option<&Value>| match v {
                Some(Value::Object(map)) => map.clone(),
                _ => empty.clone(),
            };
            let (b, c, e) = (as_map(b), as_map(c), as_map(e));
            let mut inner = Map::new();
            for key in keys(&b, &c, &e) {
                match three_way(b.get(&key), c.get(&key), e.get(&key)) {
                    Ok(Some(value)) => {
                        inner.insert(key, value.clone());
                    }
                    Ok(None) => {}
                    Err(()) => conflicts.push(format!("{field}.{key}")),
                }
            }
            (!inner.is_empty()).then_some(Value::Object(inner))
        } else {
            match three_way(b, c, e) {
                Ok(value) => value.cloned(),
                Err(()) => {
                    conflicts.push(field.clone());
                    None
                }
            }
        };
        if let Some(value) = value {
            merged.insert(field, value);
        }
    }
    if !conflicts.is_empty() {
        return Err(Conflict { choices: conflicts });
    }
    // Every field came from one of three drafts, so the merge reads back as a draft; should it
    // not, the edit is refused rather than anything guessed.
    serde_json::from_value(Value::Object(merged)).map_err(|_| Conflict {
        choices: vec!["draft".into()],
    })
}

/// The keys of three maps, in order, each once.
fn keys(a: &Map<String, Value>, b: &Map<String, Value>, c: &Map<String, Value>) -> Vec<String> {
    let mut all: Vec<String> = a.keys().chain(b.keys()).chain(c.keys()).cloned().collect();
    all.sort();
    all.dedup();
    all
}

/// The merged value of one choice: the edit's if it changed it, else the current one; `Err`
/// when both changed it to different values. `None` is "not set".
fn three_way<'v>(
    base: Option<&'v Value>,
    current: Option<&'v Value>,
    edit: Option<&'v Value>,
) -> Result<Option<&'v Value>, ()> {
    if edit == base {
        Ok(current)
    } else if current == base || current == edit {
        Ok(edit)
    } else {
        Err(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::Value as DraftValue;

    fn draft() -> Draft {
        Draft {
            template_id: "t".into(),
            template_version: "1".into(),
            ..Draft::default()
        }
    }

    #[test]
    fn edits_of_different_provisions_are_both_kept() {
        let base = draft().with_value("posting.months", 24);
        let mut current = base.clone();
        current
            .custom_wording
            .insert("A1".into(), "wording typed in the other window".into());
        let mut edit = base.clone();
        edit.custom_wording.insert("A2".into(), "my wording".into());
        edit.values
            .insert("posting.months".into(), DraftValue::Number(36));
        edit.inclusion.insert("A9".into(), false);
        let merged = merge(&base, &current, &edit).unwrap();
        assert_eq!(merged.custom_wording.len(), 2);
        assert_eq!(merged.values["posting.months"], DraftValue::Number(36));
        assert!(!merged.inclusion["A9"]);
    }

    #[test]
    fn a_choice_removed_on_one_side_stays_removed() {
        let mut base = draft();
        base.custom_wording.insert("A1".into(), "old".into());
        base.custom_wording.insert("A2".into(), "kept".into());
        let mut current = base.clone();
        current.custom_wording.remove("A1");
        let mut edit = base.clone();
        edit.custom_wording.insert("A2".into(), "changed".into());
        let merged = merge(&base, &current, &edit).unwrap();
        assert_eq!(merged.custom_wording.get("A1"), None);
        assert_eq!(merged.custom_wording["A2"], "changed");
        // And everything removed on both sides leaves the map empty.
        let mut gone = base.clone();
        gone.custom_wording.clear();
        assert!(merge(&base, &gone, &gone.clone())
            .unwrap()
            .custom_wording
            .is_empty());
    }

    #[test]
    fn the_same_provision_changed_differently_is_a_conflict_naming_it() {
        let base = draft();
        let mut current = base.clone();
        current.custom_wording.insert("A1".into(), "theirs".into());
        let mut edit = base.clone();
        edit.custom_wording.insert("A1".into(), "mine".into());
        let conflict = merge(&base, &current, &edit).unwrap_err();
        assert_eq!(conflict.choices, vec!["custom_wording.A1"]);
        assert_eq!(conflict.keys(), vec!["A1"]);
        // The same change on both sides is no conflict.
        assert_eq!(merge(&base, &current, &current).unwrap(), current);
    }

    #[test]
    fn without_another_edit_the_edit_is_taken_whole() {
        let base = draft();
        let mut edit = base.clone();
        edit.custom_wording.insert("A1".into(), "mine".into());
        assert_eq!(merge(&base, &base, &edit).unwrap(), edit);
    }
}

//! Decimals written as text ("2.50") in JSON and TOML, so that no amount ever passes through a
//! float. Whole numbers may also be written bare (`qualifying = 520`); a bare fraction
//! (`amount = 2.5`) is refused with a message that says to quote it, because TOML and JSON
//! read it as a binary float that may not be the number written.

use rust_decimal::Decimal;
use serde::de::{self, Visitor};
use serde::{Deserializer, Serializer};

pub fn serialize<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&value.normalize().to_string())
}

pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
    deserializer.deserialize_any(DecimalVisitor)
}

/// Parses a decimal as a person writes it: digits, one optional point, an optional sign.
pub fn parse(text: &str) -> Option<Decimal> {
    let text = text.trim();
    let digits = text.strip_prefix('-').unwrap_or(text);
    let well_formed = !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.chars().filter(|c| *c == '.').count() <= 1
        && digits.chars().any(|c| c.is_ascii_digit())
        && digits.len() <= 20;
    if !well_formed {
        return None;
    }
    text.parse().ok()
}

struct DecimalVisitor;

impl Visitor<'_> for DecimalVisitor {
    type Value = Decimal;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("a number written as text, such as \"2.50\", or a whole number")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Decimal, E> {
        parse(text).ok_or_else(|| {
            E::custom(format!(
                "\"{}\" is not a number (write it like \"1250.50\", with a point and no spaces)",
                crate::limits::excerpt_of(text, 30)
            ))
        })
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(value))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(value))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Decimal, E> {
        Err(E::custom(format!(
            "{value} is written as a bare fraction: write it in quotes, \"{value}\", so that it is \
             read exactly"
        )))
    }
}

/// The same for an optional value (absent or `null` is `None`).
pub mod optional {
    use super::*;

    pub fn serialize<S: Serializer>(
        value: &Option<Decimal>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(value) => super::serialize(value, serializer),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Decimal>, D::Error> {
        struct OptionalVisitor;
        impl<'de> Visitor<'de> for OptionalVisitor {
            type Value = Option<Decimal>;
            fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
                DecimalVisitor.expecting(formatter)
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                super::deserialize(d).map(Some)
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
                DecimalVisitor.visit_str(text).map(Some)
            }
            fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
                DecimalVisitor.visit_i64(value).map(Some)
            }
            fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
                DecimalVisitor.visit_u64(value).map(Some)
            }
            fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
                DecimalVisitor.visit_f64(value).map(Some)
            }
        }
        deserializer.deserialize_option(OptionalVisitor)
    }
}

//! Durations written the way people write them: `250ms`, `30s`, `5m`, `1h`, `4d`.
//!
//! Scenario documents accept either a plain integer (milliseconds) or such a string
//! wherever a duration is expected; they are always saved as integers so that a
//! saved document round-trips byte for byte.

use serde::{Deserialize, Deserializer};

/// Parses `"1h"`, `"90s"`, `"250ms"`, `"4d"`, `"5m"` or a bare integer (milliseconds)
/// into milliseconds. Errors explain what is accepted.
pub fn parse_duration_ms(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (digits, unit) = t.split_at(split);
    if digits.is_empty() {
        return Err(format!(
            "invalid duration {text:?}: expected a number with a unit ms, s, m, h or d (e.g. 30s, 1h)"
        ));
    }
    let n: u64 = digits
        .parse()
        .map_err(|_| format!("invalid duration {text:?}: number too large"))?;
    let factor: u64 = match unit {
        "" | "ms" => 1,
        "s" => 1_000,
        "m" => 60_000,
        "h" => 3_600_000,
        "d" => 86_400_000,
        other => {
            return Err(format!(
                "invalid duration {text:?}: unknown unit {other:?} (use ms, s, m, h or d)"
            ))
        }
    };
    n.checked_mul(factor)
        .ok_or_else(|| format!("invalid duration {text:?}: too long"))
}

/// Serde helper: deserializes a duration in milliseconds from an integer or a
/// suffixed string (use with `#[serde(deserialize_with = "duration::de_ms")]`).
pub fn de_ms<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Int(u64),
        Text(String),
    }
    match Raw::deserialize(d).map_err(|_| {
        serde::de::Error::custom("expected a duration: milliseconds or a string like \"30s\"")
    })? {
        Raw::Int(n) => Ok(n),
        Raw::Text(s) => parse_duration_ms(&s).map_err(serde::de::Error::custom),
    }
}

/// Serde helper for optional durations (`null`/absent = `None`).
pub fn de_opt_ms<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    #[derive(Deserialize)]
    struct Wrap(#[serde(deserialize_with = "de_ms")] u64);
    Ok(Option::<Wrap>::deserialize(d)?.map(|w| w.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_suffix() {
        assert_eq!(parse_duration_ms("250ms"), Ok(250));
        assert_eq!(parse_duration_ms("250"), Ok(250));
        assert_eq!(parse_duration_ms("30s"), Ok(30_000));
        assert_eq!(parse_duration_ms("5m"), Ok(300_000));
        assert_eq!(parse_duration_ms("1h"), Ok(3_600_000));
        assert_eq!(parse_duration_ms("4d"), Ok(345_600_000));
    }

    #[test]
    fn rejects_garbage_with_a_reason() {
        assert!(parse_duration_ms("h")
            .unwrap_err()
            .contains("expected a number"));
        assert!(parse_duration_ms("3w")
            .unwrap_err()
            .contains("unknown unit"));
        assert!(parse_duration_ms("-1s").is_err());
        assert!(parse_duration_ms("99999999999999999999d").is_err());
    }
}

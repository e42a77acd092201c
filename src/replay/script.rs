//! Parsing one line of a replay script into a [`ScriptLine`].
//!
//! Parsing is purely syntactic: it knows the four line kinds and their keys, but
//! not the engine. Whether an action name exists is checked against
//! [`crate::engine::protocol::ACTIONS`] so a typo is reported as a script error
//! instead of being sent to the engine.

use serde_json::{Map, Value};

use crate::engine::protocol::canonical_action;

/// Engine settings a script may set on its first line.
///
/// Every member is optional; an absent member keeps the value given on the
/// command line (or the default).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConfigLine {
    /// Seed of the engine's single RNG.
    pub seed: Option<u64>,
    /// Number of storage servers in the simulated region.
    pub servers: Option<usize>,
    /// Virtual start instant in epoch milliseconds.
    pub start_ms: Option<u64>,
    /// Whether to print engine events (`{"event":…}` lines) after each step.
    pub events: Option<bool>,
}

/// A server fault injected by the script.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaultKind {
    /// `"kill_server"`: the server becomes unreachable.
    KillServer,
    /// `"revive_server"`: the server comes back with whatever copies it held.
    ReviveServer,
}

impl FaultKind {
    /// The name used in scripts and in the echoed output line.
    pub fn name(self) -> &'static str {
        match self {
            FaultKind::KillServer => "kill_server",
            FaultKind::ReviveServer => "revive_server",
        }
    }
}

/// One request line: an AWS action with its JSON body.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestLine {
    /// The request id given by the script, if any (defaults to `L<line>` later).
    pub id: Option<String>,
    /// Canonical action name, e.g. `SendMessage` (an `AmazonSQS.` prefix is removed).
    pub action: String,
    /// The AWS JSON request body, before `${ID.path}` substitution.
    pub params: Value,
    /// Principal ARN of the caller, if given (defaults to the queue owner later).
    pub caller: Option<String>,
}

/// A parsed, meaningful script line.
#[derive(Debug, Clone, PartialEq)]
pub enum ScriptLine {
    /// A blank line or a `#` comment: nothing to do.
    Skip,
    /// `{"config": {…}}`.
    Config(ConfigLine),
    /// `{"advance_ms": N}`.
    Advance {
        /// How far to move the virtual clock, in milliseconds.
        advance_ms: u64,
    },
    /// `{"fault": "kill_server"|"revive_server", "server": k}`.
    Fault {
        /// What happens to the server.
        kind: FaultKind,
        /// Server index, numbered from 0.
        server: usize,
    },
    /// `{"id", "action", "params", "caller"}`.
    Request(RequestLine),
}

/// Parses one script line. The error is the human-readable reason printed in a
/// `ReplayInputError` line.
pub fn parse_line(text: &str) -> Result<ScriptLine, String> {
    // A UTF-8 byte-order mark (some editors write one) is not part of the JSON.
    let trimmed = text.trim_start_matches('\u{feff}').trim();
    if trimmed.is_empty() || trimmed.starts_with('#') {
        return Ok(ScriptLine::Skip);
    }
    let value: Value =
        serde_json::from_str(trimmed).map_err(|e| format!("line is not valid JSON: {e}"))?;
    let Value::Object(obj) = value else {
        return Err(format!(
            "a script line must be a JSON object, got {}",
            type_name(&value)
        ));
    };
    if obj.contains_key("config") {
        parse_config(&obj).map(ScriptLine::Config)
    } else if obj.contains_key("advance_ms") {
        only_keys(&obj, &["advance_ms"], "an advance_ms line")?;
        let advance_ms = non_negative_int(&obj["advance_ms"], "advance_ms")?;
        Ok(ScriptLine::Advance { advance_ms })
    } else if obj.contains_key("fault") {
        parse_fault(&obj)
    } else if obj.contains_key("action") {
        parse_request(&obj).map(ScriptLine::Request)
    } else {
        let keys: Vec<&str> = obj.keys().map(String::as_str).collect();
        Err(format!(
            "unknown line kind with keys {keys:?}: expected one of \"config\", \"advance_ms\", \"fault\" or \"action\""
        ))
    }
}

fn parse_config(obj: &Map<String, Value>) -> Result<ConfigLine, String> {
    only_keys(obj, &["config"], "a config line")?;
    let Value::Object(cfg) = &obj["config"] else {
        return Err("\"config\" must be an object like {\"seed\": 7, \"servers\": 1}".into());
    };
    only_keys(cfg, &["seed", "servers", "start_ms", "events"], "config")?;
    let mut out = ConfigLine::default();
    if let Some(v) = cfg.get("seed") {
        out.seed = Some(non_negative_int(v, "config.seed")?);
    }
    if let Some(v) = cfg.get("servers") {
        let n = non_negative_int(v, "config.servers")?;
        out.servers = Some(validate_servers(n).map_err(|e| format!("config.servers: {e}"))?);
    }
    if let Some(v) = cfg.get("start_ms") {
        let start_ms = non_negative_int(v, "config.start_ms")?;
        if start_ms > MAX_CLOCK_MS {
            return Err(format!(
                "config.start_ms must be at most {MAX_CLOCK_MS} (9999-12-31T23:59:59.999Z), got {start_ms}"
            ));
        }
        out.start_ms = Some(start_ms);
    }
    if let Some(v) = cfg.get("events") {
        out.events = Some(
            v.as_bool()
                .ok_or_else(|| format!("config.events must be true or false, got {v}"))?,
        );
    }
    Ok(out)
}

/// The latest virtual instant a script may reach: the engine clock's documented maximum,
/// 9999-12-31T23:59:59.999Z ([`crate::engine::MAX_CLOCK_MS`]).
pub use crate::engine::MAX_CLOCK_MS;

/// The largest region the replay tool builds; keeps a typo from allocating millions of servers.
pub const MAX_SERVERS: u64 = 64;

/// Checks a server count given on the command line or in a config line.
pub fn validate_servers(n: u64) -> Result<usize, String> {
    if n == 0 || n > MAX_SERVERS {
        return Err(format!(
            "servers must be between 1 and {MAX_SERVERS}, got {n}"
        ));
    }
    Ok(n as usize)
}

fn parse_fault(obj: &Map<String, Value>) -> Result<ScriptLine, String> {
    only_keys(obj, &["fault", "server"], "a fault line")?;
    let kind = match obj["fault"].as_str() {
        Some("kill_server") => FaultKind::KillServer,
        Some("revive_server") => FaultKind::ReviveServer,
        _ => {
            return Err(format!(
                "unknown fault {}: expected \"kill_server\" or \"revive_server\"",
                obj["fault"]
            ))
        }
    };
    let server = obj
        .get("server")
        .ok_or("a fault line needs \"server\" (numbered from 0)")?;
    let server = non_negative_int(server, "server")?;
    let server = usize::try_from(server).map_err(|_| format!("server {server} is too large"))?;
    Ok(ScriptLine::Fault { kind, server })
}

fn parse_request(obj: &Map<String, Value>) -> Result<RequestLine, String> {
    only_keys(obj, &["id", "action", "params", "caller"], "a request line")?;
    let action_text = obj["action"]
        .as_str()
        .ok_or_else(|| format!("\"action\" must be a string, got {}", obj["action"]))?;
    let action = canonical_action(action_text)
        .ok_or_else(|| format!("unknown action {action_text:?}"))?
        .to_string();
    let id = match obj.get("id") {
        None => None,
        Some(Value::String(s)) if valid_id(s) => Some(s.clone()),
        Some(Value::String(s)) => {
            return Err(format!(
                "id {s:?} is not valid: use 1 or more characters other than '.', '{{', '}}' and whitespace"
            ))
        }
        Some(other) => return Err(format!("\"id\" must be a string, got {other}")),
    };
    let caller = match obj.get("caller") {
        None => None,
        Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
        Some(other) => {
            return Err(format!(
                "\"caller\" must be a principal ARN string, got {other}"
            ))
        }
    };
    // A missing body is an empty one; any other shape goes to the front door,
    // which answers like AWS (SerializationException) rather than as a script error.
    let params = obj
        .get("params")
        .cloned()
        .unwrap_or_else(|| Value::Object(Map::new()));
    Ok(RequestLine {
        id,
        action,
        params,
        caller,
    })
}

/// Ids must be referable as `${ID.path}`, so they cannot contain the path separator
/// or the closing brace.
fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id
            .chars()
            .any(|c| c == '.' || c == '{' || c == '}' || c.is_whitespace())
}

fn only_keys(obj: &Map<String, Value>, allowed: &[&str], what: &str) -> Result<(), String> {
    match obj.keys().find(|k| !allowed.contains(&k.as_str())) {
        Some(k) => Err(format!(
            "unknown key {k:?} in {what} (allowed: {})",
            allowed.join(", ")
        )),
        None => Ok(()),
    }
}

fn non_negative_int(v: &Value, what: &str) -> Result<u64, String> {
    v.as_u64()
        .ok_or_else(|| format!("{what} must be a non-negative integer, got {v}"))
}

/// A short JSON type name for messages (the front door's wording).
pub(crate) use crate::engine::protocol::decode::json_type as type_name;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn blank_and_comment_lines_are_skipped() {
        assert_eq!(parse_line(""), Ok(ScriptLine::Skip));
        assert_eq!(parse_line("   \t"), Ok(ScriptLine::Skip));
        assert_eq!(parse_line("# a comment {"), Ok(ScriptLine::Skip));
        assert_eq!(parse_line("  # indented comment"), Ok(ScriptLine::Skip));
        assert_eq!(
            parse_line("\u{feff}{\"advance_ms\": 1}\r"),
            Ok(ScriptLine::Advance { advance_ms: 1 })
        );
    }

    #[test]
    fn config_line_parses_every_member() {
        let l =
            parse_line(r#"{"config": {"seed": 7, "servers": 3, "start_ms": 5, "events": true}}"#);
        assert_eq!(
            l,
            Ok(ScriptLine::Config(ConfigLine {
                seed: Some(7),
                servers: Some(3),
                start_ms: Some(5),
                events: Some(true)
            }))
        );
        assert_eq!(
            parse_line(r#"{"config": {}}"#),
            Ok(ScriptLine::Config(ConfigLine::default()))
        );
    }

    #[test]
    fn config_errors_name_the_member() {
        let e = parse_line(r#"{"config": {"sed": 7}}"#).unwrap_err();
        assert!(e.contains("\"sed\""), "{e}");
        let e = parse_line(r#"{"config": {"servers": 0}}"#).unwrap_err();
        assert!(e.contains("config.servers"), "{e}");
        let e = parse_line(r#"{"config": {"seed": -1}}"#).unwrap_err();
        assert!(e.contains("config.seed"), "{e}");
        let e = parse_line(r#"{"config": {"start_ms": 253402300800000}}"#).unwrap_err();
        assert!(e.contains("at most 253402300799999"), "{e}");
        let e = parse_line(r#"{"config": 7}"#).unwrap_err();
        assert!(e.contains("must be an object"), "{e}");
        let e = parse_line(r#"{"config": {}, "seed": 1}"#).unwrap_err();
        assert!(e.contains("unknown key \"seed\""), "{e}");
    }

    #[test]
    fn advance_line() {
        assert_eq!(
            parse_line(r#"{"advance_ms": 30000}"#),
            Ok(ScriptLine::Advance { advance_ms: 30000 })
        );
        assert!(parse_line(r#"{"advance_ms": -1}"#).is_err());
        assert!(parse_line(r#"{"advance_ms": 1.5}"#).is_err());
        assert!(parse_line(r#"{"advance_ms": "10"}"#).is_err());
        assert!(parse_line(r#"{"advance_ms": 1, "x": 2}"#).is_err());
    }

    #[test]
    fn fault_lines() {
        assert_eq!(
            parse_line(r#"{"fault": "kill_server", "server": 1}"#),
            Ok(ScriptLine::Fault {
                kind: FaultKind::KillServer,
                server: 1
            })
        );
        assert_eq!(
            parse_line(r#"{"fault": "revive_server", "server": 0}"#),
            Ok(ScriptLine::Fault {
                kind: FaultKind::ReviveServer,
                server: 0
            })
        );
        assert!(parse_line(r#"{"fault": "reboot", "server": 0}"#)
            .unwrap_err()
            .contains("unknown fault"));
        assert!(parse_line(r#"{"fault": "kill_server"}"#)
            .unwrap_err()
            .contains("needs \"server\""));
    }

    #[test]
    fn request_line_with_defaults() {
        let l = parse_line(r#"{"action": "AmazonSQS.ListQueues"}"#).unwrap();
        assert_eq!(
            l,
            ScriptLine::Request(RequestLine {
                id: None,
                action: "ListQueues".into(),
                params: json!({}),
                caller: None
            })
        );
        let l = parse_line(
            r#"{"id": "r1", "action": "SendMessage", "params": {"MessageBody": "x"}, "caller": "arn:aws:iam::111122223333:user/bob"}"#,
        )
        .unwrap();
        let ScriptLine::Request(r) = l else { panic!() };
        assert_eq!(r.id.as_deref(), Some("r1"));
        assert_eq!(r.params, json!({"MessageBody": "x"}));
        assert_eq!(
            r.caller.as_deref(),
            Some("arn:aws:iam::111122223333:user/bob")
        );
    }

    #[test]
    fn request_line_errors() {
        let e = parse_line(r#"{"action": "SendMesage"}"#).unwrap_err();
        assert_eq!(e, "unknown action \"SendMesage\"");
        let e = parse_line(r#"{"action": "SendMessage", "param": {}}"#).unwrap_err();
        assert!(e.contains("unknown key \"param\""), "{e}");
        assert!(parse_line(r#"{"action": 3}"#).is_err());
        assert!(parse_line(r#"{"action": "SendMessage", "id": 3}"#).is_err());
        assert!(parse_line(r#"{"action": "SendMessage", "id": "a.b"}"#).is_err());
        assert!(parse_line(r#"{"action": "SendMessage", "caller": ""}"#).is_err());
    }

    #[test]
    fn malformed_lines() {
        assert!(parse_line("{not json")
            .unwrap_err()
            .starts_with("line is not valid JSON"));
        assert!(parse_line("[1,2]").unwrap_err().contains("an array"));
        assert!(parse_line("{}")
            .unwrap_err()
            .starts_with("unknown line kind"));
        assert!(parse_line(r#"{"sleep": 3}"#)
            .unwrap_err()
            .contains("\"sleep\""));
    }
}

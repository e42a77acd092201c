//! `--record FILE`: the session as a replay script that `sqs-replay` reproduces.
//!
//! The file starts with a config line (seed, servers, start instant), then, in the
//! order the engine served them: `{"advance_ms":Δ}` for virtual time that passed,
//! one request line per request that reached the engine (params in AWS's queue-URL
//! form, `${` escaped as `$${`, the `x-amzn-RequestId` as its id), and a fault line per
//! admin kill or revive. Requests the front door refused before the engine saw them
//! (no JSON, unknown action) are not recorded: they change nothing. Every line is
//! flushed with its batch, so a killed server leaves a usable file.

use std::io::Write;

use serde_json::{json, Value};

use crate::engine::protocol::canonical_queue_url;
use crate::engine::EngineConfig;
use crate::replay::FaultKind;

/// Writes replay lines; after a write error it reports once on stderr and stops.
pub struct Recorder {
    out: Option<Box<dyn Write + Send>>,
    /// The virtual instant the script has reached so far.
    recorded_ms: u64,
}

impl Recorder {
    /// A recorder writing to `out`, starting with the config line of `cfg`.
    pub fn new(out: Box<dyn Write + Send>, cfg: &EngineConfig) -> Recorder {
        let mut r = Recorder {
            out: Some(out),
            recorded_ms: cfg.start_ms,
        };
        let config =
            json!({"config": {"seed": cfg.seed, "servers": cfg.servers, "start_ms": cfg.start_ms}});
        r.line(&config.to_string());
        r.flush();
        r
    }

    /// A recorder that records nothing.
    pub fn off() -> Recorder {
        Recorder {
            out: None,
            recorded_ms: 0,
        }
    }

    /// Is it writing?
    pub fn is_on(&self) -> bool {
        self.out.is_some()
    }

    /// One request served at virtual time `now_ms`.
    pub fn request(&mut self, now_ms: u64, id: &str, action: &str, body: &Value) {
        if self.out.is_none() {
            return;
        }
        self.advance(now_ms);
        let line = format!(
            "{{\"id\":{},\"action\":{},\"params\":{}}}",
            Value::from(id),
            Value::from(action),
            script_params(body)
        );
        self.line(&line);
    }

    /// A server fault applied at virtual time `now_ms`.
    pub fn fault(&mut self, now_ms: u64, kind: FaultKind, server: usize) {
        if self.out.is_none() {
            return;
        }
        self.advance(now_ms);
        self.line(&format!(
            "{{\"fault\":\"{}\",\"server\":{server}}}",
            kind.name()
        ));
    }

    /// Pushes what was written to the file.
    pub fn flush(&mut self) {
        if let Some(out) = self.out.as_mut() {
            if let Err(e) = out.flush() {
                self.fail(&e);
            }
        }
    }

    fn advance(&mut self, now_ms: u64) {
        if now_ms > self.recorded_ms {
            let delta = now_ms - self.recorded_ms;
            self.recorded_ms = now_ms;
            self.line(&format!("{{\"advance_ms\":{delta}}}"));
        }
    }

    fn line(&mut self, text: &str) {
        if let Some(out) = self.out.as_mut() {
            if let Err(e) = writeln!(out, "{text}") {
                self.fail(&e);
            }
        }
    }

    fn fail(&mut self, e: &std::io::Error) {
        eprintln!("sqs-server: --record stopped: cannot write the file: {e}");
        self.out = None;
    }
}

/// A request body as replay `params`: the queue URL in AWS's form and every `${` in a
/// string written `$${`, so the replay's reference syntax reads it back unchanged.
pub fn script_params(body: &Value) -> Value {
    let mut params = escape_references(body);
    if let Some(Value::String(url)) = params.get_mut("QueueUrl") {
        *url = canonical_queue_url(url);
    }
    params
}

fn escape_references(v: &Value) -> Value {
    match v {
        Value::String(s) if s.contains("${") => Value::String(s.replace("${", "$${")),
        Value::Array(items) => Value::Array(items.iter().map(escape_references).collect()),
        Value::Object(members) => Value::Object(
            members
                .iter()
                .map(|(k, v)| (k.clone(), escape_references(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::replay::{substitute, ScriptLine};
    use std::collections::BTreeMap;

    #[test]
    fn params_read_back_unchanged_by_the_replay() {
        let body = json!({"QueueUrl": "http://localhost:9324/000000000000/q",
            "MessageBody": "a ${x} b $${y} c$", "Entries": [{"Id": "${"}]});
        let params = script_params(&body);
        assert_eq!(
            params["QueueUrl"],
            "https://sqs.us-east-1.amazonaws.com/000000000000/q"
        );
        let back = substitute(&params, &BTreeMap::new()).unwrap();
        assert_eq!(back["MessageBody"], body["MessageBody"]);
        assert_eq!(back["Entries"], body["Entries"]);
    }

    #[test]
    fn lines_parse_as_a_script() {
        let buf = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        struct Shared(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);
        impl Write for Shared {
            fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
                self.0.lock().unwrap().extend_from_slice(b);
                Ok(b.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let cfg = EngineConfig::default();
        let mut r = Recorder::new(Box::new(Shared(buf.clone())), &cfg);
        r.request(cfg.start_ms + 5, "id-1", "ListQueues", &json!({}));
        r.fault(cfg.start_ms + 5, FaultKind::KillServer, 0);
        r.flush();
        let text = String::from_utf8(buf.lock().unwrap().clone()).unwrap();
        let kinds: Vec<ScriptLine> = text
            .lines()
            .map(|l| crate::replay::parse_line(l).unwrap())
            .collect();
        assert!(matches!(kinds[0], ScriptLine::Config(_)));
        assert_eq!(kinds[1], ScriptLine::Advance { advance_ms: 5 });
        assert!(matches!(&kinds[2], ScriptLine::Request(r) if r.id.as_deref() == Some("id-1")));
        assert!(matches!(
            kinds[3],
            ScriptLine::Fault {
                kind: FaultKind::KillServer,
                server: 0
            }
        ));
    }
}

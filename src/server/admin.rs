//! The admin API, outside the SQS namespace (paths under [`ADMIN_PREFIX`]): what a
//! request asks for ([`route`]) and how the answers look. Lets a user's own consumer
//! be tested against real duplicates: kill a server that holds a copy, delete, revive.
//!
//! | request | answer |
//! |---|---|
//! | `GET /_admin/servers` | 200 `{"servers":[{"index":0,"up":true},…]}` |
//! | `POST /_admin/servers/{k}/kill` | 200, the servers after the kill (k from 0) |
//! | `POST /_admin/servers/{k}/revive` | 200, the servers after the revive |
//! | `GET /_admin/health` | 200 `{"status":"ok","now_ms":…,"queues":…,"waiting_long_polls":…}` |
//!
//! Errors use the AWS JSON error shape: 404 `NoSuchServer` for an index that does not
//! exist, 400 `InvalidServerIndex` for one that is not a number, 404 `NotFound` for
//! another path, 405 `MethodNotAllowed` for a wrong method.

use serde_json::{json, Value};

use crate::engine::{Engine, SqsError};

/// Paths of the admin API start with this.
pub const ADMIN_PREFIX: &str = "/_admin";

/// What an admin request asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdminOp {
    /// List the storage servers and whether each is up.
    Servers,
    /// Take server k down.
    Kill(usize),
    /// Bring server k back.
    Revive(usize),
    /// Is the engine loop answering?
    Health,
}

/// An admin error: HTTP status, error shape, message.
pub type AdminError = (u16, &'static str, String);

/// Maps method + path (under [`ADMIN_PREFIX`]) to an operation.
pub fn route(method: &str, path: &str) -> Result<AdminOp, AdminError> {
    let rest = path.strip_prefix(ADMIN_PREFIX).unwrap_or(path);
    let segments: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
    let (op, wanted) = match segments.as_slice() {
        ["servers"] => (Ok(AdminOp::Servers), "GET"),
        ["health"] => (Ok(AdminOp::Health), "GET"),
        ["servers", k, verb @ ("kill" | "revive")] => {
            let op = match k.parse::<usize>() {
                Ok(k) if *verb == "kill" => Ok(AdminOp::Kill(k)),
                Ok(k) => Ok(AdminOp::Revive(k)),
                Err(_) => Err((
                    400,
                    "InvalidServerIndex",
                    format!("Server index {k:?} is not a number: servers are numbered from 0."),
                )),
            };
            (op, "POST")
        }
        _ => {
            return Err((
                404,
                "NotFound",
                format!("No admin endpoint {path}: use GET {ADMIN_PREFIX}/servers, POST {ADMIN_PREFIX}/servers/{{k}}/kill or /revive, GET {ADMIN_PREFIX}/health."),
            ))
        }
    };
    if method != wanted {
        return Err((
            405,
            "MethodNotAllowed",
            format!("{path} takes {wanted}, not {method}."),
        ));
    }
    op
}

/// Runs `op` on the engine (kill and revive may complete waiting long polls; the
/// caller collects them).
pub fn apply(
    engine: &mut Engine,
    op: AdminOp,
    waiting_long_polls: usize,
) -> Result<Value, SqsError> {
    match op {
        AdminOp::Servers => {}
        AdminOp::Kill(k) => engine.kill_server(k)?,
        AdminOp::Revive(k) => engine.revive_server(k)?,
        AdminOp::Health => {
            return Ok(json!({
                "status": "ok",
                "now_ms": engine.now_ms(),
                "queues": engine.queue_names().len(),
                "waiting_long_polls": waiting_long_polls,
            }))
        }
    }
    Ok(servers_json(engine))
}

/// `{"servers":[{"index":0,"up":true},…]}`.
pub fn servers_json(engine: &Engine) -> Value {
    let servers: Vec<Value> = (0..engine.server_count())
        .map(|i| json!({"index": i, "up": engine.server_is_up(i)}))
        .collect();
    json!({ "servers": servers })
}

/// The error an engine refusal of `op` becomes (404 for an index that does not exist).
pub fn engine_error(e: &SqsError) -> AdminError {
    (404, "NoSuchServer", e.message.clone())
}

/// The body of an admin error, in the AWS JSON error shape.
pub fn error_body(shape: &str, message: &str) -> Value {
    json!({"__type": format!("sqs-playground#{shape}"), "message": message})
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::EngineConfig;

    #[test]
    fn routes() {
        assert_eq!(route("GET", "/_admin/servers"), Ok(AdminOp::Servers));
        assert_eq!(route("GET", "/_admin/servers/"), Ok(AdminOp::Servers));
        assert_eq!(
            route("POST", "/_admin/servers/2/kill"),
            Ok(AdminOp::Kill(2))
        );
        assert_eq!(
            route("POST", "/_admin/servers/0/revive"),
            Ok(AdminOp::Revive(0))
        );
        assert_eq!(route("GET", "/_admin/health"), Ok(AdminOp::Health));
        assert_eq!(route("POST", "/_admin/servers/x/kill").unwrap_err().0, 400);
        assert_eq!(route("POST", "/_admin/servers/-1/kill").unwrap_err().0, 400);
        assert_eq!(route("GET", "/_admin/servers/1/kill").unwrap_err().0, 405);
        assert_eq!(route("POST", "/_admin/servers").unwrap_err().0, 405);
        assert_eq!(route("GET", "/_admin/nope").unwrap_err().0, 404);
        assert_eq!(route("GET", "/_admin").unwrap_err().0, 404);
    }

    #[test]
    fn kill_and_revive_report_the_servers() {
        let mut e = Engine::new(EngineConfig {
            servers: 2,
            ..EngineConfig::default()
        });
        let v = apply(&mut e, AdminOp::Kill(1), 0).unwrap();
        assert_eq!(
            v,
            json!({"servers": [{"index": 0, "up": true}, {"index": 1, "up": false}]})
        );
        let v = apply(&mut e, AdminOp::Revive(1), 0).unwrap();
        assert_eq!(v["servers"][1]["up"], true);
        let err = apply(&mut e, AdminOp::Kill(2), 0).unwrap_err();
        assert_eq!(engine_error(&err).0, 404);
        assert_eq!(
            apply(&mut e, AdminOp::Health, 3).unwrap()["waiting_long_polls"],
            3
        );
    }
}

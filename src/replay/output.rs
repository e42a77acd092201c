//! The replay tool's output lines, one compact JSON object per line.
//!
//! Member order is part of the format and is fixed by the struct field order here
//! (`serde_json::Value` objects would sort their keys instead). Response bodies
//! inside `ok` are `Value`s, so their keys are sorted, which keeps them stable.

use serde::Serialize;
use serde_json::Value;

use crate::engine::SqsError;

#[derive(Serialize)]
struct OkLine<'a> {
    id: &'a str,
    action: &'a str,
    t_ms: u64,
    ok: &'a Value,
}

#[derive(Serialize)]
struct ErrorLine<'a> {
    id: &'a str,
    action: &'a str,
    t_ms: u64,
    error: &'a SqsError,
}

#[derive(Serialize)]
struct FaultLine<'a> {
    fault: &'a str,
    server: usize,
    t_ms: u64,
}

#[derive(Serialize)]
struct InputErrorBody<'a> {
    #[serde(rename = "type")]
    kind: &'a str,
    message: &'a str,
}

#[derive(Serialize)]
struct InputErrorLine<'a> {
    line: usize,
    error: InputErrorBody<'a>,
}

#[derive(Serialize)]
struct EventLine<'a> {
    event: &'a str,
    t_ms: u64,
    /// Omitted for region-wide events (server faults).
    #[serde(skip_serializing_if = "str::is_empty")]
    queue: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    message_id: Option<&'a str>,
    cause: &'a str,
}

fn to_line<T: Serialize>(value: &T) -> String {
    // Serializing these plain structs (strings, integers, Values) cannot fail.
    serde_json::to_string(value).unwrap_or_else(|e| {
        format!(r#"{{"error":{{"type":"ReplayInternalError","message":"{e}"}}}}"#)
    })
}

/// `{"id":…,"action":…,"t_ms":…,"ok":{…}}` — a request that succeeded.
pub fn ok_line(id: &str, action: &str, t_ms: u64, ok: &Value) -> String {
    to_line(&OkLine {
        id,
        action,
        t_ms,
        ok,
    })
}

/// `{"id":…,"action":…,"t_ms":…,"error":{"type","code","status","message"}}` — a request AWS would reject.
pub fn error_line(id: &str, action: &str, t_ms: u64, error: &SqsError) -> String {
    to_line(&ErrorLine {
        id,
        action,
        t_ms,
        error,
    })
}

/// `{"fault":…,"server":…,"t_ms":…}` — echo of an injected fault.
pub fn fault_line(fault: &str, server: usize, t_ms: u64) -> String {
    to_line(&FaultLine {
        fault,
        server,
        t_ms,
    })
}

/// `{"line":N,"error":{"type":"ReplayInputError","message":…}}` — a script line that could not be run.
pub fn input_error_line(line: usize, message: &str) -> String {
    to_line(&InputErrorLine {
        line,
        error: InputErrorBody {
            kind: "ReplayInputError",
            message,
        },
    })
}

/// `{"event":…,"t_ms":…,"queue":…,"message_id":…,"cause":…}` — an engine event
/// (printed only when events are switched on).
pub fn event_line(
    event: &str,
    t_ms: u64,
    queue: &str,
    message_id: Option<&str>,
    cause: &str,
) -> String {
    to_line(&EventLine {
        event,
        t_ms,
        queue,
        message_id,
        cause,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn member_order_is_fixed() {
        assert_eq!(
            ok_line("r1", "SendMessage", 5, &json!({"b": 1, "a": 2})),
            r#"{"id":"r1","action":"SendMessage","t_ms":5,"ok":{"a":2,"b":1}}"#
        );
        assert_eq!(
            error_line("r2", "GetQueueUrl", 7, &SqsError::queue_does_not_exist()),
            r#"{"id":"r2","action":"GetQueueUrl","t_ms":7,"error":{"type":"QueueDoesNotExist","code":"AWS.SimpleQueueService.NonExistentQueue","status":400,"message":"The specified queue does not exist."}}"#
        );
        assert_eq!(
            fault_line("kill_server", 1, 9),
            r#"{"fault":"kill_server","server":1,"t_ms":9}"#
        );
        assert_eq!(
            input_error_line(3, "bad \"x\""),
            r#"{"line":3,"error":{"type":"ReplayInputError","message":"bad \"x\""}}"#
        );
        assert_eq!(
            event_line("sent", 1, "q", None, "sent"),
            r#"{"event":"sent","t_ms":1,"queue":"q","cause":"sent"}"#
        );
    }
}

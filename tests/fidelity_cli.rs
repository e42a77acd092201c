//! Fidelity end to end: the shipped examples run through the `sqs-replay` binary,
//! with the output line format checked exactly as the issue specifies.

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::Value;

const START: u64 = 1_767_225_600_000;

fn run_file(name: &str) -> Vec<String> {
    let path = format!("{}/examples/{name}.jsonl", env!("CARGO_MANIFEST_DIR"));
    let out = Command::new(env!("CARGO_BIN_EXE_sqs-replay"))
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

fn run_stdin(args: &[&str], script: &str) -> Vec<String> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sqs-replay"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(script.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

/// Member names of a JSON object line, in the order they appear in the text.
fn key_order(line: &str) -> Vec<String> {
    let v: Value = serde_json::from_str(line).unwrap();
    let mut keys: Vec<(usize, String)> = v
        .as_object()
        .unwrap()
        .keys()
        .map(|k| {
            let pos = line
                .find(&format!("\"{k}\":"))
                .unwrap_or_else(|| panic!("{k} in {line}"));
            (pos, k.clone())
        })
        .collect();
    keys.sort();
    keys.into_iter().map(|(_, k)| k).collect()
}

fn check_line_shapes(lines: &[String]) {
    for l in lines {
        assert!(!l.contains('\n'));
        let order = key_order(l);
        let ok = order == ["id", "action", "t_ms", "ok"]
            || order == ["id", "action", "t_ms", "error"]
            || order == ["fault", "server", "t_ms"]
            || order == ["line", "error"]
            || order == ["event", "t_ms", "queue", "message_id", "cause"]
            || order == ["event", "t_ms", "queue", "cause"]
            || order == ["event", "t_ms", "cause"];
        assert!(ok, "member order {order:?} in {l}");
        let v: Value = serde_json::from_str(l).unwrap();
        if let Some(e) = v.get("error") {
            if v.get("line").is_some() {
                assert_eq!(key_order(&e.to_string()), ["type", "message"]);
                assert_eq!(e["type"], "ReplayInputError");
            } else {
                let text = &l[l.find("\"error\":").unwrap() + 8..l.len() - 1];
                assert_eq!(
                    key_order(text),
                    ["type", "code", "status", "message"],
                    "{l}"
                );
            }
        }
        if let Some(t) = v.get("t_ms") {
            assert!(t.as_u64().unwrap() >= START);
        }
    }
}

#[test]
fn every_example_runs_and_prints_well_formed_lines() {
    for name in [
        "access_policy",
        "basics",
        "batch_errors",
        "dead_letter_queue",
        "delay_queue",
        "fifo",
        "long_polling",
        "purge",
        "server_failure",
        "visibility_timeout",
    ] {
        let lines = run_file(name);
        assert!(!lines.is_empty(), "{name}");
        check_line_shapes(&lines);
        // Times never go backwards.
        let mut last = 0;
        for l in &lines {
            let v: Value = serde_json::from_str(l).unwrap();
            if let Some(t) = v["t_ms"].as_u64() {
                assert!(t >= last, "{name}: time went backwards at {l}");
                last = t;
            }
        }
        // No script errors in shipped examples.
        assert!(
            !lines.iter().any(|l| l.starts_with("{\"line\":")),
            "{name} has a malformed line: {lines:?}"
        );
    }
}

#[test]
fn basics_example_exact_output() {
    let lines = run_file("basics");
    let line = |id: &str| {
        lines
            .iter()
            .find(|l| l.starts_with(&format!("{{\"id\":\"{id}\",")))
            .unwrap_or_else(|| panic!("no line {id}"))
            .clone()
    };
    let v = |id: &str| serde_json::from_str::<Value>(&line(id)).unwrap();
    assert_eq!(
        line("create"),
        format!(
            r#"{{"id":"create","action":"CreateQueue","t_ms":{START},"ok":{{"QueueUrl":"https://sqs.us-east-1.amazonaws.com/000000000000/orders"}}}}"#
        )
    );
    assert_eq!(
        v("send")["ok"]["MD5OfMessageBody"],
        "deee68bbada27b38c2ed5cd08b1d000d"
    ); // MD5("order #1001")
    assert_eq!(v("recv")["ok"]["Messages"][0]["Body"], "order #1001");
    assert_eq!(
        v("recv")["ok"]["Messages"][0]["MessageId"],
        v("send")["ok"]["MessageId"]
    );
    assert_eq!(
        line("delete"),
        format!(r#"{{"id":"delete","action":"DeleteMessage","t_ms":{START},"ok":{{}}}}"#)
    );
    assert_eq!(
        line("missing"),
        format!(
            r#"{{"id":"missing","action":"GetQueueUrl","t_ms":{START},"error":{{"type":"QueueDoesNotExist","code":"AWS.SimpleQueueService.NonExistentQueue","status":400,"message":"The specified queue does not exist."}}}}"#
        )
    );
    // Inside `ok`, members are sorted by name.
    let send = line("send");
    let ok_text = &send[send.find("\"ok\":").unwrap() + 5..send.len() - 1];
    let order = key_order(ok_text);
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);
}

#[test]
fn stdin_long_poll_is_printed_when_it_returns() {
    let script = r#"{"id":"q","action":"CreateQueue","params":{"QueueName":"w"}}
{"id":"wait","action":"ReceiveMessage","params":{"QueueUrl":"${q.QueueUrl}","WaitTimeSeconds":20}}
{"advance_ms":3000}
{"id":"s","action":"SendMessage","params":{"QueueUrl":"${q.QueueUrl}","MessageBody":"x"}}
{"id":"late","action":"ReceiveMessage","params":{"QueueUrl":"${q.QueueUrl}","WaitTimeSeconds":4}}
"#;
    let lines = run_stdin(&[], script);
    check_line_shapes(&lines);
    let v: Vec<Value> = lines
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(v.len(), 4);
    assert_eq!(v[1]["id"], "s");
    assert_eq!(v[2]["id"], "wait");
    assert_eq!(v[2]["t_ms"], START + 3000);
    assert_eq!(v[2]["ok"]["Messages"][0]["Body"], "x");
    // Drained after the last line: returns empty at 3 s + 4 s.
    assert_eq!(v[3]["id"], "late");
    assert_eq!(v[3]["t_ms"], START + 7000);
    assert_eq!(
        lines[3],
        format!(
            r#"{{"id":"late","action":"ReceiveMessage","t_ms":{},"ok":{{}}}}"#,
            START + 7000
        )
    );
}

#[test]
fn flags_and_config_line() {
    let script = "{\"action\":\"CreateQueue\",\"params\":{\"QueueName\":\"a\"}}\n{\"action\":\"SendMessage\",\"params\":{\"QueueUrl\":\"a\",\"MessageBody\":\"x\"}}\n";
    let a = run_stdin(&["--seed", "1"], script);
    let b = run_stdin(&["--seed", "1"], script);
    let c = run_stdin(&["--seed", "2"], script);
    assert_eq!(a, b, "same seed, same bytes");
    assert_ne!(a, c, "message ids come from the seed");
    let with_cfg = format!("{{\"config\": {{\"seed\": 1, \"start_ms\": 1000}}}}\n{script}");
    let d = run_stdin(&["--seed", "2"], &with_cfg);
    let v: Value = serde_json::from_str(&d[0]).unwrap();
    assert_eq!(v["t_ms"], 1000);
    assert_eq!(v["id"], "L2");
    let cfg_late = format!("{script}{{\"config\": {{\"seed\": 1}}}}\n");
    let e = run_stdin(&[], &cfg_late);
    assert!(
        e[2].starts_with(r#"{"line":3,"error":{"type":"ReplayInputError""#),
        "{e:?}"
    );
}

//! The `sqs-world` binary: summary, event stream, seeds, and exit code 2 on bad input.

use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sqs-world"))
}

fn preset(name: &str) -> String {
    format!("{}/static/scenarios/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = bin().args(args).output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn prints_one_json_summary_with_every_section() {
    let (code, out, err) = run(&["run", &preset("order-confirmation.json"), "--for", "150s"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("one JSON document");
    assert_eq!(v["virtual_ms"], 150_000);
    for k in [
        "sent",
        "received",
        "deleted",
        "moved_to_dlq",
        "expired",
        "duplicate_deliveries",
    ] {
        assert!(v["queues"]["orders"][k].is_u64(), "queue field {k}");
    }
    for k in ["processed", "failed", "duplicate_processed"] {
        assert!(
            v["consumers"]["db-writer"][k].is_u64(),
            "consumer field {k}"
        );
    }
    for k in ["placed", "recorded", "emailed", "lost", "duplicated"] {
        assert!(v["paths"]["tight"][k].is_u64(), "path field {k}");
    }
    assert!(v["paths"]["tight"]["lost"].as_u64().unwrap() > 0);
    assert_eq!(v["paths"]["decoupled"]["lost"], 0);
    assert!(v["event_counts"]["sent"].as_u64().unwrap() > 0);
    assert_eq!(v["event_log_hash"].as_str().unwrap().len(), 64);
    // Deterministic, and equal to the in-process run.
    let (_, again, _) = run(&["run", &preset("order-confirmation.json"), "--for", "150s"]);
    assert_eq!(out, again);
    let mut w = sqs_playground::world::World::from_json(
        &std::fs::read_to_string(preset("order-confirmation.json")).unwrap(),
    )
    .unwrap();
    w.run_for(150_000);
    assert_eq!(v["event_log_hash"], w.event_log_hash());
}

#[test]
fn events_stream_every_log_entry_before_the_summary() {
    let (code, out, err) = run(&["run", &preset("poison-dlq.json"), "--for", "1m", "--events"]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    let first_summary = lines
        .iter()
        .position(|l| l.starts_with('{') && !l.contains("\"seq\""))
        .unwrap();
    let events = &lines[..first_summary];
    let summary: serde_json::Value =
        serde_json::from_str(&lines[first_summary..].join("\n")).unwrap();
    let total: u64 = summary["event_counts"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(events.len() as u64, total);
    for (i, l) in events.iter().enumerate() {
        let e: serde_json::Value = serde_json::from_str(l).unwrap();
        assert_eq!(e["seq"], i as u64);
        assert!(!e["text"].as_str().unwrap().is_empty());
    }
    assert!(out.contains("moved from orders to dead-letter queue orders-dlq"));
    // Streaming events does not change the run.
    let (_, plain, _) = run(&["run", &preset("poison-dlq.json"), "--for", "1m"]);
    let plain: serde_json::Value = serde_json::from_str(&plain).unwrap();
    assert_eq!(plain, summary);
}

#[test]
fn seed_flag_overrides_the_scenario_seed() {
    let (_, a, _) = run(&["run", &preset("standard-duplicates.json"), "--for", "90s"]);
    let (_, b, _) = run(&[
        "run",
        &preset("standard-duplicates.json"),
        "--for",
        "90s",
        "--seed",
        "99",
    ]);
    let (a, b): (serde_json::Value, serde_json::Value) = (
        serde_json::from_str(&a).unwrap(),
        serde_json::from_str(&b).unwrap(),
    );
    assert_eq!(b["seed"], 99);
    assert_ne!(a["event_log_hash"], b["event_log_hash"]);
}

#[test]
fn bad_arguments_and_files_exit_2_with_a_clear_error() {
    let dir = std::env::temp_dir().join(format!("sqs-world-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(&bad, r#"{"version": 1, "queues": [{"name": "q"}], "producers": [{"id": "p", "queue": "q", "rate_per_s": 1, "batch_size": 0}]}"#).unwrap();
    let future = dir.join("future.json");
    std::fs::write(&future, r#"{"version": 7}"#).unwrap();
    let no_len = dir.join("nolen.json");
    std::fs::write(&no_len, r#"{"version": 1}"#).unwrap();
    let p = preset("retention.json");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec![], "usage"),
        (vec!["walk"], "unknown command"),
        (vec!["run"], "missing SCENARIO.json"),
        (vec!["run", &p, "--for"], "--for needs a duration"),
        (vec!["run", &p, "--for", "5x"], "unknown unit"),
        (vec!["run", &p, "--seed", "-3"], "--seed"),
        (vec!["run", &p, "--fast"], "unknown option"),
        (vec!["run", "/nonexistent/s.json"], "cannot read"),
        (
            vec!["run", bad.to_str().unwrap()],
            "producers[0].batch_size",
        ),
        (
            vec!["run", future.to_str().unwrap()],
            "newer than this playground supports",
        ),
        (vec!["run", no_len.to_str().unwrap()], "--for"),
    ];
    for (args, msg) in cases {
        let (code, out, err) = run(&args);
        assert_eq!(code, 2, "{args:?}");
        assert!(out.is_empty(), "{args:?}");
        assert!(err.contains(msg), "{args:?}: {err}");
    }
}

//! The `sqs-server` binary: usage and exit statuses, the one startup line (which tests
//! and scripts parse for the port), and serving on the port it printed.
#![cfg(not(target_arch = "wasm32"))] // native tests (processes, sockets)

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_sqs-server");

#[test]
fn help_and_bad_usage() {
    let help = Command::new(BIN).arg("--help").output().unwrap();
    assert!(help.status.success());
    assert!(String::from_utf8_lossy(&help.stdout).starts_with("usage: sqs-server"));
    for args in [
        &["--port", "x"][..],
        &["--servers", "0"],
        &["--nope"],
        &["--seed"],
    ] {
        let out = Command::new(BIN).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("usage: sqs-server"), "{args:?}: {err}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn prints_one_line_with_the_port_and_serves_on_it() {
    let mut child = Command::new(BIN)
        .args(["--port", "0", "--servers", "2"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .trim_end()
        .strip_prefix("sqs-server listening on http://127.0.0.1:")
        .map(|port| format!("http://127.0.0.1:{port}"));
    let result = std::panic::catch_unwind(|| {
        let url = url.expect("the startup line");
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let mut resp = agent.get(format!("{url}/_admin/servers")).call().unwrap();
        assert_eq!(resp.status(), 200);
        let v: serde_json::Value =
            serde_json::from_str(&resp.body_mut().read_to_string().unwrap()).unwrap();
        assert_eq!(v["servers"].as_array().unwrap().len(), 2);
        let mut resp = agent
            .post(&url)
            .header("X-Amz-Target", "AmazonSQS.ListQueues")
            .header("Content-Type", "application/x-amz-json-1.0")
            .send("{}")
            .unwrap();
        assert_eq!(resp.status(), 200);
        assert_eq!(resp.body_mut().read_to_string().unwrap(), "{}");
    });
    child.kill().unwrap();
    child.wait().unwrap();
    result.unwrap();
}

#[test]
fn a_port_in_use_is_exit_status_1() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = Command::new(BIN).args(["--port", &port]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot listen"));
}

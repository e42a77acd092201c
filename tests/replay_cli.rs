//! Smoke test of the `sqs-replay` binary: usage errors exit 2, a good file runs.
#![cfg(not(target_arch = "wasm32"))] // native tests (proptest, files, processes)

use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sqs-replay"))
}

#[test]
fn bad_flag_exits_2_with_a_clear_message() {
    let out = bin().arg("--sed").arg("3").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unknown option \"--sed\""), "{err}");
    assert!(err.contains("usage: sqs-replay"), "{err}");
    let out = bin().args(["--servers", "zero"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn runs_an_example_file() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/basics.jsonl");
    let out = bin().args(["--seed", "1", path]).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["id"], "create");
    assert!(lines[0]["ok"]["QueueUrl"].is_string());
    // Same as the library runner, byte for byte (the file's config overrides --seed).
    let script = std::fs::read_to_string(path).unwrap();
    let expected = sqs_playground::replay::run_script(&script, Default::default());
    assert_eq!(stdout.lines().collect::<Vec<_>>(), expected);
}

#[test]
fn missing_file_exits_1() {
    let out = bin().arg("/nonexistent/script.jsonl").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn invalid_utf8_line_is_that_lines_input_error_and_the_run_goes_on() {
    use std::io::Write;
    use std::process::Stdio;
    let mut script = Vec::new();
    script.extend_from_slice(
        b"{\"id\":\"a\",\"action\":\"CreateQueue\",\"params\":{\"QueueName\":\"u\"}}\n",
    );
    script.extend_from_slice(b"{\"id\":\"bad\",\"action\":\"Send\xff\xfeMessage\"}\n");
    script.extend_from_slice(
        b"{\"id\":\"b\",\"action\":\"GetQueueUrl\",\"params\":{\"QueueName\":\"u\"}}\r\n",
    );
    let mut child = bin()
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&script).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3, "{stdout}");
    assert_eq!(lines[0]["id"], "a");
    assert_eq!(lines[1]["line"], 2);
    assert_eq!(lines[1]["error"]["type"], "ReplayInputError");
    assert!(
        lines[1]["error"]["message"]
            .as_str()
            .unwrap()
            .contains("not valid UTF-8"),
        "{}",
        lines[1]
    );
    assert_eq!(lines[2]["id"], "b");
    assert!(lines[2]["ok"]["QueueUrl"].as_str().unwrap().ends_with("/u"));
}

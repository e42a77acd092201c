//! The page's AWS CLI console against the real AWS CLI: the same `aws sqs …` lines are run
//! through the AWS CLI (from the real-client venv) against `sqs-server --record`, and every
//! request the real CLI sent, as recorded, must be the request `awscli::parse` builds from
//! the same line — so what a student types in the page is what the CLI sends to AWS.
//!
//! It needs the venv, so plain `cargo test` skips it (`#[ignore]`); the `real_clients`
//! layer of `make test` runs it with `--ignored` and `AWS_CLI` set to the venv's `aws`.
#![cfg(not(target_arch = "wasm32"))] // native: processes, sockets, files

mod server_util;

use std::process::Command;

use serde_json::Value;
use sqs_playground::awscli::{parse, Parsed};
use sqs_playground::engine::protocol::canonical_action;
use sqs_playground::engine::{queue_arn, queue_url};

/// `aws sqs …` lines covering every command, shorthand and JSON forms, lists, quoting.
/// `{U}` / `{F}` / `{D}` stand for queue URLs, `{A}` for a queue ARN.
const LINES: &[&str] = &[
    "aws sqs create-queue --queue-name cmp --attributes VisibilityTimeout=60,DelaySeconds=5",
    r#"aws sqs create-queue --queue-name cmp-dlq --attributes '{"MessageRetentionPeriod":"1209600"}' --tags team=blue,env=dev"#,
    "aws sqs create-queue --queue-name cmp.fifo --attributes FifoQueue=true,ContentBasedDeduplication=true",
    "aws sqs get-queue-url --queue-name cmp",
    "aws sqs list-queues --queue-name-prefix cmp --max-results 5",
    r#"aws sqs send-message --queue-url {U} --message-body "hello world" --delay-seconds 0 --message-attributes 'k={DataType=String,StringValue=v}'"#,
    r#"aws sqs send-message --queue-url {U} --message-body '{"order": 1}' --message-attributes '{"n":{"DataType":"Number","StringValue":"7"}}'"#,
    "aws sqs send-message --queue-url {F} --message-body hi --message-group-id g1 --message-deduplication-id d1",
    "aws sqs send-message-batch --queue-url {U} --entries Id=1,MessageBody=a Id=2,MessageBody=b,DelaySeconds=1",
    "aws sqs receive-message --queue-url {U} --max-number-of-messages 10 --visibility-timeout 30 --wait-time-seconds 0 --attribute-names All --message-attribute-names All",
    "aws sqs get-queue-attributes --queue-url {U} --attribute-names VisibilityTimeout DelaySeconds",
    "aws sqs set-queue-attributes --queue-url {U} --attributes MaximumMessageSize=2048",
    "aws sqs tag-queue --queue-url {U} --tags a=1,b=2",
    "aws sqs list-queue-tags --queue-url {U}",
    "aws sqs untag-queue --queue-url {U} --tag-keys a b",
    "aws sqs add-permission --queue-url {U} --label p1 --aws-account-ids 111122223333 --actions SendMessage ReceiveMessage",
    "aws sqs remove-permission --queue-url {U} --label p1",
    "aws sqs change-message-visibility --queue-url {U} --receipt-handle not-a-handle --visibility-timeout 10",
    "aws sqs delete-message --queue-url {U} --receipt-handle not-a-handle",
    "aws sqs change-message-visibility-batch --queue-url {U} --entries Id=1,ReceiptHandle=x,VisibilityTimeout=10",
    "aws sqs delete-message-batch --queue-url {U} --entries Id=1,ReceiptHandle=x Id=2,ReceiptHandle=y",
    "aws sqs list-dead-letter-source-queues --queue-url {D} --max-results 3",
    "aws sqs start-message-move-task --source-arn {A} --max-number-of-messages-per-second 5",
    "aws sqs list-message-move-tasks --source-arn {A} --max-results 5",
    "aws sqs cancel-message-move-task --task-handle bm90LWEtdGFzaw==",
    "aws sqs purge-queue --queue-url {U}",
    "aws sqs delete-queue --queue-url {D}",
];

fn expand(line: &str) -> String {
    line.replace("{U}", &queue_url("cmp"))
        .replace("{F}", &queue_url("cmp.fifo"))
        .replace("{D}", &queue_url("cmp-dlq"))
        .replace("{A}", &queue_arn("cmp-dlq"))
}

/// Runs `line` through the real AWS CLI against `endpoint`; its stdout and stderr.
fn run_real_cli(aws: &str, endpoint: &str, line: &str) -> String {
    let mut words = shlex::split(line).expect("the test's lines are well quoted");
    assert_eq!(words.remove(0), "aws");
    let out = Command::new(aws)
        .arg("--endpoint-url")
        .arg(endpoint)
        .args(&words)
        .env("AWS_ACCESS_KEY_ID", "test")
        .env("AWS_SECRET_ACCESS_KEY", "test")
        .env("AWS_DEFAULT_REGION", "us-east-1")
        .env("AWS_CONFIG_FILE", "/dev/null")
        .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_MAX_ATTEMPTS", "1")
        .env("AWS_PAGER", "")
        .output()
        .expect("the AWS CLI runs");
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
#[ignore = "needs the AWS CLI from the real-client venv (the real_clients layer runs it)"]
fn the_console_sends_what_the_real_aws_cli_sends() {
    let aws = std::env::var("AWS_CLI").expect(
        "AWS_CLI must name the AWS CLI to compare with (e.g. target/real-clients/venv/bin/aws)",
    );
    let record = std::env::temp_dir().join(format!("awscli-real-cli-{}.jsonl", std::process::id()));
    let server = server_util::start(1, 7, Some(record.clone()));
    let endpoint = server.url();
    let mut printed = Vec::new();
    for line in LINES {
        printed.push(run_real_cli(&aws, &endpoint, &expand(line)));
    }
    drop(server);
    let script = std::fs::read_to_string(&record).expect("the recording");
    let _ = std::fs::remove_file(&record);
    let sent: Vec<(String, Value)> = script
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|v| v.get("action").is_some())
        .map(|v| {
            let action = canonical_action(v["action"].as_str().unwrap())
                .expect("a recorded action is an SQS action")
                .to_string();
            (action, v["params"].clone())
        })
        .collect();
    assert_eq!(
        sent.len(),
        LINES.len(),
        "one request per line reached the server; the CLI printed:\n{}",
        printed.join("\n")
    );
    for ((line, (action, params)), out) in LINES.iter().zip(&sent).zip(&printed) {
        let line = expand(line);
        let Ok(Parsed::Call(req)) = parse(&line) else {
            panic!("the console refuses a line the real CLI accepts: {line}");
        };
        assert_eq!(
            (req.operation, &req.body),
            (action.as_str(), params),
            "{line}\nthe real CLI printed: {out}"
        );
    }
    // The same service error line as the real CLI (its stderr, botocore's code).
    assert!(
        printed[17].contains("An error occurred (ReceiptHandleIsInvalid) when calling the ChangeMessageVisibility operation"),
        "{}",
        printed[17]
    );
}

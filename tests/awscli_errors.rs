//! The AWS CLI console's error texts (as the CLI prints them) and its output format.

use serde_json::json;
use sqs_playground::awscli::output::{error_code, format_json, service_error};
use sqs_playground::awscli::{call, parse, Parsed, Ran};
use sqs_playground::engine::{Engine, SqsError};

fn error(line: &str) -> String {
    match parse(line) {
        Err(e) => e.0,
        Ok(other) => panic!("{line}: {other:?}"),
    }
}

#[test]
fn cli_side_errors() {
    assert_eq!(
        error("aws sqs send-message --message-body hi"),
        "aws: error: the following arguments are required: --queue-url"
    );
    assert_eq!(
        error("aws sqs send-message"),
        "aws: error: the following arguments are required: --queue-url, --message-body"
    );
    assert_eq!(
        error("aws sqs list-queues --foo bar"),
        "Unknown options: --foo, bar"
    );
    assert!(error("aws sqs send-messages --queue-url x")
        .starts_with("aws: error: argument operation: Invalid choice, valid choices are:\n\nadd-permission | cancel-message-move-task\n"));
    assert_eq!(
        error("aws sqs"),
        "aws: error: the following arguments are required: operation"
    );
    assert_eq!(
        error("aws sqs create-queue --queue-name q --attributes VisibilityTimeout"),
        "Error parsing parameter '--attributes': Expected: '=', received: 'EOF' for input:\nVisibilityTimeout\n                 ^"
    );
    assert_eq!(
        error("aws sqs receive-message --queue-url x --max-number-of-messages ten"),
        "Error parsing parameter '--max-number-of-messages': invalid literal for int() with base 10: 'ten'"
    );
    assert_eq!(
        error("aws sqs send-message --queue-url x --message-body file://body.txt"),
        "Error parsing parameter '--message-body': file:// is not available in the browser (there are no files here): paste the value itself"
    );
    assert_eq!(
        error("aws sqs get-queue-url --queue-name"),
        "aws: error: argument --queue-name: expected one argument"
    );
    assert!(
        error("aws sqs create-queue --queue-name q --attributes '{\"a\":'")
            .starts_with("Error parsing parameter '--attributes': Invalid JSON: ")
    );
    assert_eq!(
        error("ls -l"),
        "bash: ls: command not found (this console runs aws commands: try aws sqs help)"
    );
    assert!(
        error("aws sqs send-message --message-body 'unclosed").starts_with("bash: unexpected EOF")
    );
    assert!(error("aws s3 ls").contains("only sqs is available"));
    assert!(error("aws sqs list-queues --output table").contains("prints json or text"));
    assert_eq!(
        error("aws sqs send-message-batch --queue-url x --entries Id=1,Body=hi"),
        "Error parsing parameter '--entries': Unknown parameter in Entries: \"Body\", must be one of: Id, MessageBody, DelaySeconds, MessageAttributes, MessageSystemAttributes, MessageDeduplicationId, MessageGroupId"
    );
}

#[test]
fn service_errors_use_the_query_error_code() {
    assert_eq!(
        error_code(&SqsError::queue_does_not_exist()),
        "AWS.SimpleQueueService.NonExistentQueue"
    );
    let mut engine = Engine::new(Default::default());
    let Ok(Parsed::Call(r)) = parse("aws sqs get-queue-url --queue-name missing") else {
        panic!()
    };
    let Ran::Error(text, _) = call(&mut engine, &r) else {
        panic!()
    };
    assert_eq!(
        text,
        "An error occurred (AWS.SimpleQueueService.NonExistentQueue) when calling the GetQueueUrl operation: The specified queue does not exist."
    );
    // Without a query-error header (framework errors) the code is the __type's suffix.
    let e = SqsError::new(
        "SerializationException",
        "SerializationException",
        400,
        "bad",
    );
    assert_eq!(
        service_error("SendMessage", &e),
        "An error occurred (SerializationException) when calling the SendMessage operation: bad"
    );
}

#[test]
fn outputs_as_the_cli_prints_them() {
    let mut engine = Engine::new(Default::default());
    let run = |engine: &mut Engine, line: &str| match parse(line) {
        Ok(Parsed::Call(r)) => call(engine, &r),
        other => panic!("{other:?}"),
    };
    let Ran::Output(text, _) = run(&mut engine, "aws sqs create-queue --queue-name orders") else {
        panic!()
    };
    assert_eq!(
        text,
        "{\n    \"QueueUrl\": \"https://sqs.us-east-1.amazonaws.com/000000000000/orders\"\n}"
    );
    let u = "https://sqs.us-east-1.amazonaws.com/000000000000/orders";
    let Ran::Output(text, v) = run(
        &mut engine,
        &format!("aws sqs send-message --queue-url {u} --message-body hi"),
    ) else {
        panic!()
    };
    assert_eq!(v["MD5OfMessageBody"], "49f68a5c8493ec2c0bf489821c21fc3b");
    assert!(text.starts_with("{\n    \"MD5OfMessageBody\": \"49f68a5c8493ec2c0bf489821c21fc3b\",\n    \"MessageId\": \""), "{text}");
    let Ran::Output(text, _) = run(
        &mut engine,
        &format!("aws sqs receive-message --queue-url {u}"),
    ) else {
        panic!()
    };
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0..3], ["{", "    \"Messages\": [", "        {"]);
    assert!(
        lines[3].starts_with("            \"MessageId\": "),
        "{text}"
    );
    assert!(
        lines[4].starts_with("            \"ReceiptHandle\": "),
        "{text}"
    );
    assert_eq!(
        lines[5],
        "            \"MD5OfBody\": \"49f68a5c8493ec2c0bf489821c21fc3b\","
    );
    assert_eq!(lines[6], "            \"Body\": \"hi\"");
    // Nothing is printed for an empty response (an empty receive, a delete).
    let Ran::Output(text, _) = run(
        &mut engine,
        &format!("aws sqs receive-message --queue-url {u}"),
    ) else {
        panic!()
    };
    assert_eq!(text, "");
    assert_eq!(format_json(&json!({})), "");
    assert_eq!(
        format_json(&json!({"QueueUrls": []})),
        "{\n    \"QueueUrls\": []\n}"
    );
}

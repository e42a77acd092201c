//! The AWS CLI console's parser: every `aws sqs` command from realistic input to the
//! exact AWS JSON request, shorthand and JSON forms, shell quoting, global options.

use serde_json::{json, Value};
use sqs_playground::awscli::{parse, Parsed};
use sqs_playground::engine::{protocol::ACTIONS, queue_url};

fn req(line: &str) -> (&'static str, Value) {
    match parse(line) {
        Ok(Parsed::Call(r)) => (r.operation, r.body),
        other => panic!("{line}: {other:?}"),
    }
}

fn url() -> String {
    queue_url("orders")
}

#[test]
fn every_command_parses_to_its_request() {
    let u = url();
    let dlq_arn = "arn:aws:sqs:us-east-1:000000000000:orders-dlq";
    let cases: Vec<(String, &str, Value)> = vec![
        (
            format!("aws sqs add-permission --queue-url {u} --label share --aws-account-ids 111122223333 444455556666 --actions SendMessage ReceiveMessage"),
            "AddPermission",
            json!({"QueueUrl": u, "Label": "share", "AWSAccountIds": ["111122223333", "444455556666"], "Actions": ["SendMessage", "ReceiveMessage"]}),
        ),
        (
            "aws sqs cancel-message-move-task --task-handle abc".into(),
            "CancelMessageMoveTask",
            json!({"TaskHandle": "abc"}),
        ),
        (
            format!("aws sqs change-message-visibility --queue-url {u} --receipt-handle rh --visibility-timeout 0"),
            "ChangeMessageVisibility",
            json!({"QueueUrl": u, "ReceiptHandle": "rh", "VisibilityTimeout": 0}),
        ),
        (
            format!("aws sqs change-message-visibility-batch --queue-url {u} --entries Id=1,ReceiptHandle=a,VisibilityTimeout=30 Id=2,ReceiptHandle=b,VisibilityTimeout=0"),
            "ChangeMessageVisibilityBatch",
            json!({"QueueUrl": u, "Entries": [{"Id": "1", "ReceiptHandle": "a", "VisibilityTimeout": 30}, {"Id": "2", "ReceiptHandle": "b", "VisibilityTimeout": 0}]}),
        ),
        (
            "aws sqs create-queue --queue-name orders --attributes VisibilityTimeout=60,DelaySeconds=5 --tags team=shop".into(),
            "CreateQueue",
            json!({"QueueName": "orders", "Attributes": {"VisibilityTimeout": "60", "DelaySeconds": "5"}, "tags": {"team": "shop"}}),
        ),
        (
            format!("aws sqs delete-message --queue-url {u} --receipt-handle rh"),
            "DeleteMessage",
            json!({"QueueUrl": u, "ReceiptHandle": "rh"}),
        ),
        (
            format!("aws sqs delete-message-batch --queue-url {u} --entries Id=a,ReceiptHandle=r1 Id=b,ReceiptHandle=r2"),
            "DeleteMessageBatch",
            json!({"QueueUrl": u, "Entries": [{"Id": "a", "ReceiptHandle": "r1"}, {"Id": "b", "ReceiptHandle": "r2"}]}),
        ),
        (
            format!("aws sqs delete-queue --queue-url {u}"),
            "DeleteQueue",
            json!({"QueueUrl": u}),
        ),
        (
            format!("aws sqs get-queue-attributes --queue-url {u} --attribute-names All"),
            "GetQueueAttributes",
            json!({"QueueUrl": u, "AttributeNames": ["All"]}),
        ),
        (
            "aws sqs get-queue-url --queue-name orders --queue-owner-aws-account-id 000000000000".into(),
            "GetQueueUrl",
            json!({"QueueName": "orders", "QueueOwnerAWSAccountId": "000000000000"}),
        ),
        (
            format!("aws sqs list-dead-letter-source-queues --queue-url {u} --max-results 5 --next-token t"),
            "ListDeadLetterSourceQueues",
            json!({"QueueUrl": u, "NextToken": "t", "MaxResults": 5}),
        ),
        (
            format!("aws sqs list-message-move-tasks --source-arn {dlq_arn} --max-results 10"),
            "ListMessageMoveTasks",
            json!({"SourceArn": dlq_arn, "MaxResults": 10}),
        ),
        (
            format!("aws sqs list-queue-tags --queue-url {u}"),
            "ListQueueTags",
            json!({"QueueUrl": u}),
        ),
        (
            "aws sqs list-queues --queue-name-prefix ord --max-results 2".into(),
            "ListQueues",
            json!({"QueueNamePrefix": "ord", "MaxResults": 2}),
        ),
        (
            format!("aws sqs purge-queue --queue-url {u}"),
            "PurgeQueue",
            json!({"QueueUrl": u}),
        ),
        (
            format!("aws sqs receive-message --queue-url {u} --attribute-names All --message-system-attribute-names ApproximateReceiveCount --message-attribute-names All --max-number-of-messages 10 --visibility-timeout 30 --wait-time-seconds 20 --receive-request-attempt-id try1"),
            "ReceiveMessage",
            json!({"QueueUrl": u, "AttributeNames": ["All"], "MessageSystemAttributeNames": ["ApproximateReceiveCount"], "MessageAttributeNames": ["All"], "MaxNumberOfMessages": 10, "VisibilityTimeout": 30, "WaitTimeSeconds": 20, "ReceiveRequestAttemptId": "try1"}),
        ),
        (
            format!("aws sqs remove-permission --queue-url {u} --label share"),
            "RemovePermission",
            json!({"QueueUrl": u, "Label": "share"}),
        ),
        (
            format!("aws sqs send-message --queue-url {u} --message-body \"hello world\" --delay-seconds 5 --message-attributes 'color={{DataType=String,StringValue=red}}' --message-system-attributes AWSTraceHeader={{DataType=String,StringValue=Root=1-5759e988-bd862e3fe1be46a994272793}}"),
            "SendMessage",
            json!({"QueueUrl": u, "MessageBody": "hello world", "DelaySeconds": 5,
                   "MessageAttributes": {"color": {"DataType": "String", "StringValue": "red"}},
                   "MessageSystemAttributes": {"AWSTraceHeader": {"DataType": "String", "StringValue": "Root=1-5759e988-bd862e3fe1be46a994272793"}}}),
        ),
        (
            format!("aws sqs send-message-batch --queue-url {u} --entries Id=1,MessageBody=hi Id=2,MessageBody=x,DelaySeconds=3"),
            "SendMessageBatch",
            json!({"QueueUrl": u, "Entries": [{"Id": "1", "MessageBody": "hi"}, {"Id": "2", "MessageBody": "x", "DelaySeconds": 3}]}),
        ),
        (
            format!("aws sqs set-queue-attributes --queue-url {u} --attributes VisibilityTimeout=10"),
            "SetQueueAttributes",
            json!({"QueueUrl": u, "Attributes": {"VisibilityTimeout": "10"}}),
        ),
        (
            format!("aws sqs start-message-move-task --source-arn {dlq_arn} --destination-arn arn:aws:sqs:us-east-1:000000000000:orders --max-number-of-messages-per-second 5"),
            "StartMessageMoveTask",
            json!({"SourceArn": dlq_arn, "DestinationArn": "arn:aws:sqs:us-east-1:000000000000:orders", "MaxNumberOfMessagesPerSecond": 5}),
        ),
        (
            format!("aws sqs tag-queue --queue-url {u} --tags env=dev,team=shop"),
            "TagQueue",
            json!({"QueueUrl": u, "Tags": {"env": "dev", "team": "shop"}}),
        ),
        (
            format!("aws sqs untag-queue --queue-url {u} --tag-keys env team"),
            "UntagQueue",
            json!({"QueueUrl": u, "TagKeys": ["env", "team"]}),
        ),
    ];
    assert_eq!(cases.len(), ACTIONS.len(), "one case per SQS action");
    for (line, op, body) in &cases {
        assert_eq!(req(line), (*op, body.clone()), "{line}");
    }
    for (action, _) in ACTIONS {
        assert!(
            cases.iter().any(|(_, op, _)| op == action),
            "{action} untested"
        );
    }
}

#[test]
fn json_forms_equal_shorthand_forms() {
    let u = url();
    let pairs = [
        (
            "aws sqs create-queue --queue-name orders --attributes VisibilityTimeout=60".to_string(),
            r#"aws sqs create-queue --queue-name orders --attributes '{"VisibilityTimeout":"60"}'"#.to_string(),
        ),
        (
            format!("aws sqs send-message-batch --queue-url {u} --entries Id=1,MessageBody=hi Id=2,MessageBody=x"),
            format!(r#"aws sqs send-message-batch --queue-url {u} --entries '[{{"Id":"1","MessageBody":"hi"}},{{"Id":"2","MessageBody":"x"}}]'"#),
        ),
        (
            format!("aws sqs send-message --queue-url {u} --message-body hi --message-attributes 'k={{DataType=String,StringValue=v}}'"),
            format!(r#"aws sqs send-message --queue-url {u} --message-body hi --message-attributes '{{"k": {{"DataType": "String", "StringValue": "v"}}}}'"#),
        ),
        (
            format!("aws sqs untag-queue --queue-url {u} --tag-keys a b"),
            format!(r#"aws sqs untag-queue --queue-url {u} --tag-keys '["a", "b"]'"#),
        ),
        (
            format!("aws sqs untag-queue --queue-url {u} --tag-keys a b"),
            format!("aws sqs untag-queue --queue-url={u} --tag-keys a b"),
        ),
        (
            "aws sqs tag-queue --queue-url x --tags env=dev".to_string(),
            r#"aws sqs tag-queue --queue-url x --tags '{"env":"dev"}'"#.to_string(),
        ),
    ];
    for (a, b) in pairs {
        assert_eq!(req(&a), req(&b), "{a}\n{b}");
    }
}

#[test]
fn shell_quoting_and_shorthand_values() {
    let u = url();
    // A list of scalars takes one value per argument; a comma stays in the value, as in
    // the CLI (which does not apply shorthand to lists of scalars).
    let (_, b) = req(&format!("aws sqs get-queue-attributes --queue-url {u} --attribute-names VisibilityTimeout,DelaySeconds"));
    assert_eq!(
        b["AttributeNames"],
        json!(["VisibilityTimeout,DelaySeconds"])
    );
    let (_, b) = req(&format!(
        r#"aws sqs send-message --queue-url {u} --message-body '{{"a": 1}}'"#
    ));
    assert_eq!(
        b["MessageBody"], r#"{"a": 1}"#,
        "a string option keeps JSON text as is"
    );
    let (_, b) = req(&format!(
        r#"aws sqs send-message --queue-url "{u}" --message-body "it's \"quoted\"""#
    ));
    assert_eq!(b["MessageBody"], r#"it's "quoted""#);
    let (_, b) = req(&format!("aws sqs send-message --queue-url {u} --message-body 'two  spaces' --message-group-id g1 --message-deduplication-id d1"));
    assert_eq!(b["MessageBody"], "two  spaces");
    assert_eq!(
        (
            b["MessageGroupId"].as_str(),
            b["MessageDeduplicationId"].as_str()
        ),
        (Some("g1"), Some("d1"))
    );
    // A quoted shorthand value may hold commas; JSON values stay JSON.
    let (_, b) = req(
        r#"aws sqs set-queue-attributes --queue-url x --attributes 'RedrivePolicy="{\"maxReceiveCount\":\"3\"}"'"#,
    );
    assert_eq!(
        b["Attributes"]["RedrivePolicy"],
        r#"{"maxReceiveCount":"3"}"#
    );
    let (_, b) = req(
        r#"aws sqs set-queue-attributes --queue-url x --attributes '{"RedrivePolicy":"{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:dlq\",\"maxReceiveCount\":\"3\"}"}'"#,
    );
    assert_eq!(
        b["Attributes"]["RedrivePolicy"],
        r#"{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dlq","maxReceiveCount":"3"}"#
    );
    let (_, b) = req("aws sqs send-message --queue-url x --message-body hi --message-attributes 'list={DataType=String.Array,StringListValues=[a,b]},n={DataType=Number,StringValue=3}'");
    assert_eq!(
        b["MessageAttributes"],
        json!({"list": {"DataType": "String.Array", "StringListValues": ["a", "b"]}, "n": {"DataType": "Number", "StringValue": "3"}})
    );
    let (_, b) = req("aws sqs send-message-batch --queue-url x --entries 'Id=1,MessageBody=hi,MessageAttributes={k={DataType=String,StringValue=v}}'");
    assert_eq!(
        b["Entries"][0]["MessageAttributes"]["k"]["StringValue"],
        "v"
    );
}

#[test]
fn global_options_are_accepted_and_noted() {
    let line = "aws --region us-east-1 sqs list-queues --output json --no-cli-pager --endpoint-url http://localhost:4566";
    match parse(line).unwrap() {
        Parsed::Call(r) => {
            assert_eq!((r.operation, r.body), ("ListQueues", json!({})));
            assert_eq!(
                r.notes,
                vec!["note: --endpoint-url http://localhost:4566 is ignored: this console calls the page's own SQS"]
            );
        }
        other => panic!("{other:?}"),
    }
    match parse("aws sqs list-queues --region eu-west-1").unwrap() {
        Parsed::Call(r) => assert_eq!(
            r.notes,
            vec!["note: --region eu-west-1 is ignored: the playground's queues live in us-east-1"]
        ),
        other => panic!("{other:?}"),
    }
    assert_eq!(parse("   ").unwrap(), Parsed::Empty);
}

#[test]
fn help_lists_commands_and_options() {
    let Parsed::Help(h) = parse("aws sqs help").unwrap() else {
        panic!()
    };
    assert_eq!(
        h.lines().filter(|l| l.starts_with("  ")).count(),
        ACTIONS.len()
    );
    assert!(h.contains("  send-message  ") || h.contains("  send-message "));
    let Parsed::Help(h) = parse("aws sqs send-message help").unwrap() else {
        panic!()
    };
    assert!(h.contains("* --queue-url"), "{h}");
    assert!(h.contains("* --message-body"), "{h}");
    assert!(h.contains("  --delay-seconds"), "{h}");
}

//! Exporting a queue's configuration (AWS CLI, CloudFormation, Terraform): every format
//! is checked against the queue's own GetQueueAttributes values and tags, and the CLI
//! commands are run against a fresh engine to show they rebuild the same queues.

use std::collections::BTreeMap;

use serde_json::json;
use sqs_playground::engine::{
    CreateQueueRequest, Engine, EngineConfig, GetQueueAttributesRequest, ListQueueTagsRequest,
    OWNER_ARN,
};
use sqs_playground::world::{Scenario, World};

const READ_ONLY: [&str; 6] = [
    "ApproximateNumberOfMessages",
    "ApproximateNumberOfMessagesNotVisible",
    "ApproximateNumberOfMessagesDelayed",
    "CreatedTimestamp",
    "LastModifiedTimestamp",
    "QueueArn",
];

/// (GetQueueAttributes name, CloudFormation property, Terraform argument, is a string).
const NAMES: &[(&str, &str, &str, bool)] = &[
    ("FifoQueue", "FifoQueue", "fifo_queue", false),
    (
        "ContentBasedDeduplication",
        "ContentBasedDeduplication",
        "content_based_deduplication",
        false,
    ),
    (
        "DeduplicationScope",
        "DeduplicationScope",
        "deduplication_scope",
        true,
    ),
    (
        "FifoThroughputLimit",
        "FifoThroughputLimit",
        "fifo_throughput_limit",
        true,
    ),
    ("DelaySeconds", "DelaySeconds", "delay_seconds", false),
    (
        "MaximumMessageSize",
        "MaximumMessageSize",
        "max_message_size",
        false,
    ),
    (
        "MessageRetentionPeriod",
        "MessageRetentionPeriod",
        "message_retention_seconds",
        false,
    ),
    (
        "ReceiveMessageWaitTimeSeconds",
        "ReceiveMessageWaitTimeSeconds",
        "receive_wait_time_seconds",
        false,
    ),
    (
        "VisibilityTimeout",
        "VisibilityTimeout",
        "visibility_timeout_seconds",
        false,
    ),
    (
        "KmsMasterKeyId",
        "KmsMasterKeyId",
        "kms_master_key_id",
        true,
    ),
    (
        "KmsDataKeyReusePeriodSeconds",
        "KmsDataKeyReusePeriodSeconds",
        "kms_data_key_reuse_period_seconds",
        false,
    ),
    (
        "SqsManagedSseEnabled",
        "SqsManagedSseEnabled",
        "sqs_managed_sse_enabled",
        false,
    ),
];

fn world() -> World {
    let doc = json!({"version": 1, "queues": [
        {"name": "orders-dlq", "attributes": {"MessageRetentionPeriod": "1209600",
            "RedriveAllowPolicy": "{\"redrivePermission\":\"allowAll\"}"}},
        {"name": "orders", "attributes": {"VisibilityTimeout": "45", "DelaySeconds": "5",
            "ReceiveMessageWaitTimeSeconds": "20",
            "RedrivePolicy": "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:orders-dlq\",\"maxReceiveCount\":\"3\"}"},
         "tags": {"team": "payments", "env": "it's prod"}},
        {"name": "pay.fifo", "attributes": {"FifoQueue": "true", "ContentBasedDeduplication": "true",
            "DeduplicationScope": "messageGroup", "FifoThroughputLimit": "perMessageGroupId",
            "KmsMasterKeyId": "alias/aws/sqs", "KmsDataKeyReusePeriodSeconds": "600"}}
    ]});
    World::from_scenario(&Scenario::from_value(doc).expect("valid")).expect("builds")
}

/// The queue's configurable attributes as GetQueueAttributes(All) returns them.
fn configurable(w: &World, q: &str) -> BTreeMap<String, String> {
    let mut a = w.queue_attributes(q).expect("queue");
    a.retain(|k, _| !READ_ONLY.contains(&k.as_str()));
    a
}

/// The shell words of one command line (single quotes with `'\''`, bare words).
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                for q in chars.by_ref() {
                    if q == '\'' {
                        break;
                    }
                    cur.push(q);
                }
            }
            '\\' => {
                in_word = true;
                cur.extend(chars.next());
            }
            ' ' => {
                if in_word {
                    words.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                cur.push(c);
            }
        }
    }
    if in_word {
        words.push(cur);
    }
    words
}

fn flag<'a>(words: &'a [String], name: &str) -> Option<&'a str> {
    let i = words.iter().position(|w| w == name)?;
    words.get(i + 1).map(String::as_str)
}

#[test]
fn aws_cli_commands_rebuild_the_same_queues_dlq_first() {
    let w = world();
    let x = w.export_queue("orders").expect("export");
    assert_eq!(x.queues, ["orders-dlq", "orders"]);
    let commands: Vec<&str> = x.aws_cli.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(commands.len(), 2, "{}", x.aws_cli);
    let mut fresh = Engine::new(EngineConfig::default());
    let mut created = Vec::new();
    for line in commands {
        let words = shell_words(line);
        assert_eq!(words[..3], ["aws", "sqs", "create-queue"], "{line}");
        let name = flag(&words, "--queue-name").unwrap().to_string();
        let attributes: BTreeMap<String, String> =
            serde_json::from_str(flag(&words, "--attributes").unwrap()).unwrap();
        let tags: BTreeMap<String, String> = flag(&words, "--tags")
            .map(|t| serde_json::from_str(t).unwrap())
            .unwrap_or_default();
        // Every configurable attribute is there, defaults included.
        assert_eq!(attributes, configurable(&w, &name), "{name}");
        fresh
            .create_queue(
                OWNER_ARN,
                CreateQueueRequest {
                    queue_name: name.clone(),
                    attributes,
                    tags,
                },
            )
            .unwrap_or_else(|e| panic!("{line}: {e}"));
        created.push(name);
    }
    assert_eq!(created, ["orders-dlq", "orders"]);
    for q in &created {
        let url = sqs_playground::engine::queue_url(q);
        let got = fresh
            .get_queue_attributes(
                OWNER_ARN,
                GetQueueAttributesRequest {
                    queue_url: url.clone(),
                    attribute_names: vec!["All".into()],
                },
            )
            .unwrap()
            .attributes;
        let mut got: BTreeMap<String, String> = got.into_iter().collect();
        got.retain(|k, _| !READ_ONLY.contains(&k.as_str()));
        assert_eq!(got, configurable(&w, q), "{q} rebuilt");
        let tags = fresh
            .list_queue_tags(OWNER_ARN, ListQueueTagsRequest { queue_url: url })
            .unwrap()
            .tags;
        assert_eq!(
            &tags.into_iter().collect::<BTreeMap<_, _>>(),
            w.engine().queue_tags(q).unwrap()
        );
    }
    // The quote in a tag value survives the shell quoting.
    assert!(
        x.aws_cli.contains(r#""env":"it'\''s prod""#),
        "{}",
        x.aws_cli
    );
}

#[test]
fn fifo_with_kms_rebuilds_and_leaves_sqs_managed_sse_out() {
    let w = world();
    let x = w.export_queue("pay.fifo").unwrap();
    assert_eq!(x.queues, ["pay.fifo"]);
    let line = x.aws_cli.lines().find(|l| !l.starts_with('#')).unwrap();
    let words = shell_words(line);
    let attributes: BTreeMap<String, String> =
        serde_json::from_str(flag(&words, "--attributes").unwrap()).unwrap();
    let mut expected = configurable(&w, "pay.fifo");
    assert_eq!(
        expected.remove("SqsManagedSseEnabled").as_deref(),
        Some("false")
    );
    assert_eq!(attributes, expected);
    let mut fresh = Engine::new(EngineConfig::default());
    fresh
        .create_queue(
            OWNER_ARN,
            CreateQueueRequest {
                queue_name: "pay.fifo".into(),
                attributes,
                tags: BTreeMap::new(),
            },
        )
        .unwrap();
    let mut got = fresh.queue_attributes("pay.fifo").unwrap();
    got.retain(|k, _| !READ_ONLY.contains(&k.as_str()));
    assert_eq!(
        got,
        configurable(&w, "pay.fifo"),
        "SqsManagedSseEnabled comes back false"
    );
}

/// The property lines of resource `id` in a template (`      Name: value`).
fn cfn_block<'a>(template: &'a str, id: &str) -> Vec<&'a str> {
    let start = format!("  {id}:");
    let mut lines = template.lines().skip_while(|l| *l != start);
    assert!(lines.next().is_some(), "no resource {id} in\n{template}");
    lines.take_while(|l| l.starts_with("    ")).collect()
}

fn expected_value(v: &str, string: bool) -> String {
    if string {
        format!("\"{v}\"")
    } else {
        v.to_string()
    }
}

#[test]
fn cloudformation_names_every_attribute_and_the_dlq_by_getatt() {
    let w = world();
    let t = w.export_queue("orders").unwrap().cloudformation;
    assert!(
        t.starts_with("AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n"),
        "{t}"
    );
    assert!(
        t.find("  OrdersDlq:").unwrap() < t.find("  Orders:").unwrap(),
        "DLQ first"
    );
    for (id, q) in [("OrdersDlq", "orders-dlq"), ("Orders", "orders")] {
        let block = cfn_block(&t, id);
        assert_eq!(block[0], "    Type: AWS::SQS::Queue");
        assert!(
            block.contains(&format!("      QueueName: \"{q}\"").as_str()),
            "{block:?}"
        );
        let attrs = configurable(&w, q);
        for (attr, cfn, _, string) in NAMES {
            let line = attrs
                .get(*attr)
                .map(|v| format!("      {cfn}: {}", expected_value(v, *string)));
            match line {
                Some(l) => assert!(block.contains(&l.as_str()), "{id}: {l} in {block:?}"),
                None => assert!(
                    !block
                        .iter()
                        .any(|b| b.starts_with(&format!("      {cfn}:"))),
                    "{id} {cfn}"
                ),
            }
        }
    }
    let src = cfn_block(&t, "Orders");
    let i = src
        .iter()
        .position(|l| *l == "      RedrivePolicy:")
        .expect("RedrivePolicy");
    assert_eq!(
        src[i + 1],
        "        deadLetterTargetArn: !GetAtt OrdersDlq.Arn"
    );
    assert_eq!(src[i + 2], "        maxReceiveCount: 3");
    let i = src.iter().position(|l| *l == "      Tags:").expect("Tags");
    assert_eq!(
        src[i + 1..i + 5],
        [
            "        - Key: \"env\"",
            "          Value: \"it's prod\"",
            "        - Key: \"team\"",
            "          Value: \"payments\""
        ]
    );
    let dlq = cfn_block(&t, "OrdersDlq");
    assert!(
        dlq.contains(&"      RedriveAllowPolicy: {\"redrivePermission\": \"allowAll\"}"),
        "{dlq:?}"
    );
    assert!(!dlq
        .iter()
        .any(|l| l.contains("RedrivePolicy:") || l.contains("Tags:")));
}

#[test]
fn cloudformation_fifo_queue() {
    let w = world();
    let t = w.export_queue("pay.fifo").unwrap().cloudformation;
    let block = cfn_block(&t, "PayFifo");
    for l in [
        "      QueueName: \"pay.fifo\"",
        "      FifoQueue: true",
        "      ContentBasedDeduplication: true",
        "      DeduplicationScope: \"messageGroup\"",
        "      FifoThroughputLimit: \"perMessageGroupId\"",
        "      KmsMasterKeyId: \"alias/aws/sqs\"",
        "      KmsDataKeyReusePeriodSeconds: 600",
        "      VisibilityTimeout: 30",
    ] {
        assert!(block.contains(&l), "{l} in {block:?}");
    }
    assert!(!t.contains("SqsManagedSseEnabled"), "{t}");
}

/// The argument lines of `resource "aws_sqs_queue" "<id>"`.
fn tf_block<'a>(hcl: &'a str, id: &str) -> Vec<&'a str> {
    let start = format!("resource \"aws_sqs_queue\" \"{id}\" {{");
    let mut lines = hcl.lines().skip_while(|l| *l != start);
    assert!(lines.next().is_some(), "no block {id} in\n{hcl}");
    lines.take_while(|l| *l != "}").collect()
}

#[test]
fn terraform_names_every_argument_and_the_dlq_by_reference() {
    let w = world();
    let hcl = w.export_queue("orders").unwrap().terraform;
    assert!(
        hcl.find("\"orders_dlq\" {").unwrap() < hcl.find("\"orders\" {").unwrap(),
        "DLQ first"
    );
    for (id, q) in [("orders_dlq", "orders-dlq"), ("orders", "orders")] {
        let block = tf_block(&hcl, id);
        assert_eq!(block[0], format!("  name = \"{q}\""));
        let attrs = configurable(&w, q);
        for (attr, _, tf, string) in NAMES {
            let line = attrs
                .get(*attr)
                .map(|v| format!("  {tf} = {}", expected_value(v, *string)));
            match line {
                Some(l) => assert!(block.contains(&l.as_str()), "{id}: {l} in {block:?}"),
                None => assert!(
                    !block.iter().any(|b| b.starts_with(&format!("  {tf} ="))),
                    "{id} {tf}"
                ),
            }
        }
    }
    let src = tf_block(&hcl, "orders");
    let i = src
        .iter()
        .position(|l| *l == "  redrive_policy = jsonencode({")
        .expect("redrive_policy");
    assert_eq!(
        src[i + 1],
        "    deadLetterTargetArn = aws_sqs_queue.orders_dlq.arn"
    );
    assert_eq!(src[i + 2], "    maxReceiveCount     = 3");
    assert_eq!(src[i + 3], "  })");
    let i = src.iter().position(|l| *l == "  tags = {").expect("tags");
    assert_eq!(
        src[i + 1..i + 4],
        [
            "    \"env\" = \"it's prod\"",
            "    \"team\" = \"payments\"",
            "  }"
        ]
    );
    let dlq = tf_block(&hcl, "orders_dlq");
    assert!(
        dlq.contains(&"  redrive_allow_policy = jsonencode({\"redrivePermission\": \"allowAll\"})"),
        "{dlq:?}"
    );
}

#[test]
fn terraform_fifo_queue() {
    let w = world();
    let hcl = w.export_queue("pay.fifo").unwrap().terraform;
    let block = tf_block(&hcl, "pay_fifo");
    for l in [
        "  name = \"pay.fifo\"",
        "  fifo_queue = true",
        "  content_based_deduplication = true",
        "  deduplication_scope = \"messageGroup\"",
        "  fifo_throughput_limit = \"perMessageGroupId\"",
        "  kms_master_key_id = \"alias/aws/sqs\"",
        "  kms_data_key_reuse_period_seconds = 600",
    ] {
        assert!(block.contains(&l), "{l} in {block:?}");
    }
    assert!(!hcl.contains("sqs_managed_sse_enabled"), "{hcl}");
}

#[test]
fn export_is_side_effect_free_and_unknown_queue_is_none() {
    let w = world();
    let before = w.engine().queue_attributes("orders");
    let a = w.export_queue("orders");
    assert_eq!(w.export_queue("orders"), a);
    assert_eq!(w.engine().queue_attributes("orders"), before);
    assert!(w.export_queue("nope").is_none());
}

//! Exporting a queue's configuration as CloudFormation (YAML) and Terraform: every
//! property / argument line is checked against the queue's GetQueueAttributes values,
//! and the RedrivePolicy names the dead-letter queue by `!GetAtt` / a resource reference.

mod queue_export_util;

use queue_export_util::*;

/// The property lines of resource `id` in a template (`      Name: value`).
fn cfn_block<'a>(template: &'a str, id: &str) -> Vec<&'a str> {
    let start = format!("  {id}:");
    let mut lines = template.lines().skip_while(|l| *l != start);
    assert!(lines.next().is_some(), "no resource {id} in\n{template}");
    lines.take_while(|l| l.starts_with("    ")).collect()
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

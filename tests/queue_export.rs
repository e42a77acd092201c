//! Exporting a queue's configuration as AWS CLI commands: the commands are run against
//! a fresh engine and rebuild the same queues (GetQueueAttributes and tags compared),
//! dead-letter queue first. CloudFormation and Terraform: `tests/queue_export_formats.rs`.

mod queue_export_util;

use std::collections::BTreeMap;

use queue_export_util::*;
use sqs_playground::engine::{
    CreateQueueRequest, Engine, EngineConfig, GetQueueAttributesRequest, ListQueueTagsRequest,
    OWNER_ARN,
};

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

#[test]
fn export_is_side_effect_free_and_unknown_queue_is_none() {
    let w = world();
    let before = w.engine().queue_attributes("orders");
    let a = w.export_queue("orders");
    assert_eq!(w.export_queue("orders"), a);
    assert_eq!(w.engine().queue_attributes("orders"), before);
    assert!(w.export_queue("nope").is_none());
}

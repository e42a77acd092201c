//! Engine behaviour tests: queue lifecycle, attributes, listing, purge, tags, access policy.

#[path = "engine_util/mod.rs"]
mod util;

use sqs_playground::engine::*;
use util::*;

#[test]
fn create_is_idempotent_and_conflicts_on_different_attributes() {
    let mut e = engine();
    let a = create(&mut e, "q", &[("DelaySeconds", "5")]);
    assert_eq!(a, "https://sqs.us-east-1.amazonaws.com/000000000000/q");
    let b = create(&mut e, "q", &[("DelaySeconds", "5")]);
    assert_eq!(a, b);
    let err = e
        .create_queue(
            OWNER_ARN,
            CreateQueueRequest {
                queue_name: "q".into(),
                attributes: attrs(&[("DelaySeconds", "6")]),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!(
        (err.shape.as_str(), err.code.as_str()),
        ("QueueNameExists", "QueueAlreadyExists")
    );
    assert_eq!(err.message, "A queue already exists with the same name and a different value for attribute DelaySeconds");
}

#[test]
fn deleted_recently_for_60_seconds() {
    let mut e = engine();
    let q = create(&mut e, "q", &[]);
    e.delete_queue(
        OWNER_ARN,
        DeleteQueueRequest {
            queue_url: q.clone(),
        },
    )
    .unwrap();
    let err = e
        .get_queue_url(
            OWNER_ARN,
            GetQueueUrlRequest {
                queue_name: "q".into(),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!(err.code, "AWS.SimpleQueueService.NonExistentQueue");
    e.advance_to(START + 59_999);
    let err = e
        .create_queue(
            OWNER_ARN,
            CreateQueueRequest {
                queue_name: "q".into(),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!(err.code, "AWS.SimpleQueueService.QueueDeletedRecently");
    e.advance_to(START + 60_000);
    create(&mut e, "q", &[]);
}

#[test]
fn list_queues_prefix_and_pagination() {
    let mut e = engine();
    for n in ["a1", "a2", "a3", "b1"] {
        create(&mut e, n, &[]);
    }
    let r = e
        .list_queues(
            OWNER_ARN,
            ListQueuesRequest {
                queue_name_prefix: Some("a".into()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(r.queue_urls.len(), 3);
    assert_eq!(r.next_token, None);
    let p1 = e
        .list_queues(
            OWNER_ARN,
            ListQueuesRequest {
                max_results: Some(2),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(p1.queue_urls.len(), 2);
    let p2 = e
        .list_queues(
            OWNER_ARN,
            ListQueuesRequest {
                max_results: Some(2),
                next_token: p1.next_token.clone(),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(p2.queue_urls.len(), 2);
    assert!(p2.next_token.is_none());
    assert!(p2.queue_urls[1].ends_with("/b1"));
    assert!(e
        .list_queues(
            OWNER_ARN,
            ListQueuesRequest {
                max_results: Some(0),
                ..Default::default()
            }
        )
        .is_err());
    let json = serde_json::to_value(
        e.list_queues(
            OWNER_ARN,
            ListQueuesRequest {
                queue_name_prefix: Some("zz".into()),
                ..Default::default()
            },
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(json, serde_json::json!({}));
}

#[test]
fn attributes_counts_and_timestamps() {
    let mut e = engine();
    let q = create(&mut e, "q", &[]);
    send(&mut e, &q, "a");
    send(&mut e, &q, "b");
    recv(&mut e, &q, 1);
    let all = e
        .get_queue_attributes(
            OWNER_ARN,
            GetQueueAttributesRequest {
                queue_url: q.clone(),
                attribute_names: vec!["All".into()],
            },
        )
        .unwrap()
        .attributes;
    assert_eq!(all["ApproximateNumberOfMessages"], "1");
    assert_eq!(all["ApproximateNumberOfMessagesNotVisible"], "1");
    assert_eq!(all["ApproximateNumberOfMessagesDelayed"], "0");
    assert_eq!(all["CreatedTimestamp"], (START / 1000).to_string());
    assert_eq!(all["QueueArn"], "arn:aws:sqs:us-east-1:000000000000:q");
    assert_eq!(all["VisibilityTimeout"], "30");
    e.advance_to(START + 5_000);
    set_attrs(&mut e, &q, &[("VisibilityTimeout", "10")]).unwrap();
    assert_eq!(
        get_attr(&mut e, &q, "LastModifiedTimestamp"),
        (START / 1000 + 5).to_string()
    );
    let none = e
        .get_queue_attributes(
            OWNER_ARN,
            GetQueueAttributesRequest {
                queue_url: q.clone(),
                attribute_names: vec![],
            },
        )
        .unwrap();
    assert!(none.attributes.is_empty());
}

#[test]
fn purge_removes_everything_and_blocks_for_60_seconds() {
    let mut e = engine();
    let q = create(&mut e, "q", &[]);
    send(&mut e, &q, "a");
    send(&mut e, &q, "b");
    e.send_message(
        OWNER_ARN,
        SendMessageRequest {
            queue_url: q.clone(),
            message_body: "d".into(),
            delay_seconds: Some(60),
            ..Default::default()
        },
    )
    .unwrap();
    recv(&mut e, &q, 1);
    e.purge_queue(
        OWNER_ARN,
        PurgeQueueRequest {
            queue_url: q.clone(),
        },
    )
    .unwrap();
    assert_eq!(e.ledger("q").unwrap().purged, 3);
    e.advance_to(START + 59_999);
    let err = e
        .purge_queue(
            OWNER_ARN,
            PurgeQueueRequest {
                queue_url: q.clone(),
            },
        )
        .unwrap_err();
    assert_eq!(
        (err.code.as_str(), err.status),
        ("AWS.SimpleQueueService.PurgeQueueInProgress", 403)
    );
    assert_eq!(
        err.message,
        "Only one PurgeQueue operation on q is allowed every 60 seconds."
    );
    e.advance_to(START + 60_000);
    e.purge_queue(
        OWNER_ARN,
        PurgeQueueRequest {
            queue_url: q.clone(),
        },
    )
    .unwrap();
    assert_balanced(&e);
}

#[test]
fn tags_round_trip() {
    let mut e = engine();
    let q = create(&mut e, "q", &[]);
    e.tag_queue(
        OWNER_ARN,
        TagQueueRequest {
            queue_url: q.clone(),
            tags: attrs(&[("a", "1"), ("b", "2")]),
        },
    )
    .unwrap();
    e.tag_queue(
        OWNER_ARN,
        TagQueueRequest {
            queue_url: q.clone(),
            tags: attrs(&[("a", "3")]),
        },
    )
    .unwrap();
    e.untag_queue(
        OWNER_ARN,
        UntagQueueRequest {
            queue_url: q.clone(),
            tag_keys: vec!["b".into()],
        },
    )
    .unwrap();
    let t = e
        .list_queue_tags(
            OWNER_ARN,
            ListQueueTagsRequest {
                queue_url: q.clone(),
            },
        )
        .unwrap();
    assert_eq!(t.tags, attrs(&[("a", "3")]));
}

#[test]
fn unknown_queue_and_foreign_caller() {
    let mut e = engine();
    let err = e
        .send_message(
            OWNER_ARN,
            SendMessageRequest {
                queue_url: "https://sqs.us-east-1.amazonaws.com/000000000000/nope".into(),
                message_body: "x".into(),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!(err.message, "The specified queue does not exist.");
    let q = create(&mut e, "q", &[]);
    let bob = "arn:aws:iam::111122223333:user/bob";
    let err = e
        .send_message(
            bob,
            SendMessageRequest {
                queue_url: q.clone(),
                message_body: "x".into(),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!(err.status, 403);
    // any principal of the owner account is allowed
    e.send_message(
        "arn:aws:iam::000000000000:user/alice",
        SendMessageRequest {
            queue_url: q.clone(),
            message_body: "x".into(),
            ..Default::default()
        },
    )
    .unwrap();
}

#[test]
fn events_describe_every_change() {
    let mut e = engine();
    let q = create(&mut e, "q", &[]);
    send(&mut e, &q, "a");
    let m = recv(&mut e, &q, 1);
    delete(&mut e, &q, &m[0].receipt_handle).unwrap();
    let ev = e.drain_events();
    let names: Vec<&str> = ev.iter().map(|x| x.kind.name()).collect();
    assert_eq!(names, vec!["queue_created", "sent", "received", "deleted"]);
    assert!(ev.windows(2).all(|w| w[0].seq < w[1].seq));
    assert!(ev[2].describe().contains("received from q"));
}

#[test]
fn add_and_remove_permission_and_explicit_deny() {
    let mut e = engine();
    let q = create(&mut e, "q", &[]);
    let bob = "arn:aws:iam::111122223333:user/bob";
    let send_as = |e: &mut Engine, who: &str| {
        e.send_message(
            who,
            SendMessageRequest {
                queue_url: q.clone(),
                message_body: "x".into(),
                ..Default::default()
            },
        )
    };
    assert_eq!(send_as(&mut e, bob).unwrap_err().code, "AccessDenied");
    e.add_permission(
        OWNER_ARN,
        AddPermissionRequest {
            queue_url: q.clone(),
            label: "bob-send".into(),
            aws_account_ids: vec!["111122223333".into()],
            actions: vec!["SendMessage".into()],
        },
    )
    .unwrap();
    send_as(&mut e, bob).unwrap();
    let err = e
        .receive_message(
            bob,
            ReceiveMessageRequest {
                queue_url: q.clone(),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!(err.status, 403);
    assert!(get_attr(&mut e, &q, "Policy").contains("bob-send"));
    e.remove_permission(
        OWNER_ARN,
        RemovePermissionRequest {
            queue_url: q.clone(),
            label: "bob-send".into(),
        },
    )
    .unwrap();
    assert!(send_as(&mut e, bob).is_err());
    // explicit Deny wins over Allow
    let policy = r#"{"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Principal":"*","Action":"sqs:*","Resource":"*"},
        {"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::111122223333:user/bob"},"Action":"sqs:SendMessage","Resource":"*"}]}"#;
    set_attrs(&mut e, &q, &[("Policy", policy)]).unwrap();
    assert!(send_as(&mut e, bob).is_err());
    send_as(&mut e, "arn:aws:iam::444455556666:user/carol").unwrap();
}

#[test]
fn bad_next_tokens_are_errors_not_panics() {
    use base64::Engine as _;
    let mut e = engine();
    create(&mut e, "a", &[]);
    let huge = base64::engine::general_purpose::STANDARD.encode(format!("next:{}", usize::MAX));
    for token in ["garbage", "", huge.as_str()] {
        let r = e.list_queues(
            OWNER_ARN,
            ListQueuesRequest {
                max_results: Some(5),
                next_token: Some(token.into()),
                ..Default::default()
            },
        );
        if let Ok(r) = r {
            assert!(r.next_token.is_none());
        }
    }
}

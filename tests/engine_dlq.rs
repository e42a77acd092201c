//! Engine behaviour tests: dead-letter queues and message move tasks.

#[path = "engine_util/mod.rs"]
mod util;

use sqs_playground::engine::*;
use util::*;

const DLQ_ARN: &str = "arn:aws:sqs:us-east-1:000000000000:dlq";

fn setup(e: &mut Engine, max: u32) -> (String, String) {
    let dlq = create(e, "dlq", &[]);
    let policy = format!("{{\"deadLetterTargetArn\":\"{DLQ_ARN}\",\"maxReceiveCount\":{max}}}");
    let src = create(
        e,
        "src",
        &[("RedrivePolicy", &policy), ("VisibilityTimeout", "1")],
    );
    (src, dlq)
}

#[test]
fn moved_on_the_receive_after_max_receive_count() {
    let mut e = engine();
    let (src, dlq) = setup(&mut e, 2);
    send(&mut e, &src, "poison");
    assert_eq!(recv(&mut e, &src, 1).len(), 1);
    advance(&mut e, 1_000);
    assert_eq!(recv(&mut e, &src, 1).len(), 1);
    advance(&mut e, 1_000);
    // expiry alone does not move it
    assert_eq!(get_attr(&mut e, &dlq, "ApproximateNumberOfMessages"), "0");
    // third receive moves it and returns nothing
    assert!(recv(&mut e, &src, 1).is_empty());
    let m = recv(&mut e, &dlq, 1);
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].attributes["ApproximateReceiveCount"], "3");
    assert_eq!(
        m[0].attributes["DeadLetterQueueSourceArn"],
        "arn:aws:sqs:us-east-1:000000000000:src"
    );
    assert_eq!(m[0].attributes["SentTimestamp"], START.to_string());
    assert_eq!(e.ledger("src").unwrap().moved_to_dlq, 1);
    let ev = e.drain_events();
    assert!(ev.iter().any(|x| matches!(
        x.kind,
        EventKind::MovedToDlq {
            receive_count: 2,
            max_receive_count: 2,
            ..
        }
    )));
    let srcs = e
        .list_dead_letter_source_queues(
            OWNER_ARN,
            ListDeadLetterSourceQueuesRequest {
                queue_url: dlq.clone(),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(srcs.queue_urls, vec![src.clone()]);
    assert_balanced(&e);
}

#[test]
fn redrive_policy_validation() {
    let mut e = engine();
    create(&mut e, "dlq.fifo", &[("FifoQueue", "true")]);
    let p = "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:dlq.fifo\",\"maxReceiveCount\":1}";
    let err = e
        .create_queue(
            OWNER_ARN,
            CreateQueueRequest {
                queue_name: "s".into(),
                attributes: attrs(&[("RedrivePolicy", p)]),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!(err.code, "InvalidParameterValue");
    assert!(err.message.contains("same type"));
    let missing = "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:nope\",\"maxReceiveCount\":1}";
    let err = e
        .create_queue(
            OWNER_ARN,
            CreateQueueRequest {
                queue_name: "s".into(),
                attributes: attrs(&[("RedrivePolicy", missing)]),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert!(err.message.contains("does not exist"));
    create(
        &mut e,
        "deny",
        &[("RedriveAllowPolicy", "{\"redrivePermission\":\"denyAll\"}")],
    );
    let p = "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:deny\",\"maxReceiveCount\":1}";
    assert!(e
        .create_queue(
            OWNER_ARN,
            CreateQueueRequest {
                queue_name: "s".into(),
                attributes: attrs(&[("RedrivePolicy", p)]),
                ..Default::default()
            }
        )
        .is_err());
}

#[test]
fn fifo_dlq_resets_enqueue_time_and_uses_message_id_as_dedup() {
    let mut e = engine();
    create(&mut e, "dlq.fifo", &[("FifoQueue", "true")]);
    let p = "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:dlq.fifo\",\"maxReceiveCount\":1}";
    let src = create(
        &mut e,
        "src.fifo",
        &[
            ("FifoQueue", "true"),
            ("RedrivePolicy", p),
            ("VisibilityTimeout", "1"),
        ],
    );
    let sent = send_fifo(&mut e, &src, "a", "G", "d").unwrap();
    recv(&mut e, &src, 1);
    advance(&mut e, 1_000);
    assert!(recv(&mut e, &src, 1).is_empty());
    let dlq = "https://sqs.us-east-1.amazonaws.com/000000000000/dlq.fifo";
    let m = recv(&mut e, dlq, 1);
    assert_eq!(m[0].message_id, sent.message_id);
    assert_eq!(m[0].attributes["MessageDeduplicationId"], sent.message_id);
    assert_eq!(m[0].attributes["MessageGroupId"], "G");
}

#[test]
fn move_task_redrives_with_new_ids_paced() {
    let mut e = engine();
    let (src, dlq) = setup(&mut e, 1);
    for i in 0..3 {
        send(&mut e, &src, &format!("m{i}"));
    }
    for _ in 0..2 {
        recv(&mut e, &src, 10);
        advance(&mut e, 1_000);
    }
    assert_eq!(get_attr(&mut e, &dlq, "ApproximateNumberOfMessages"), "3");
    let err = e
        .start_message_move_task(
            OWNER_ARN,
            StartMessageMoveTaskRequest {
                source_arn: "arn:aws:sqs:us-east-1:000000000000:src".into(),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!(
        err.message,
        "Source queue must be configured as a Dead Letter Queue."
    );
    let err = e
        .start_message_move_task(
            OWNER_ARN,
            StartMessageMoveTaskRequest {
                source_arn: DLQ_ARN.into(),
                destination_arn: Some("arn:aws:sqs:us-east-1:000000000000:nope".into()),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!(err.status, 404);
    let t = e
        .start_message_move_task(
            OWNER_ARN,
            StartMessageMoveTaskRequest {
                source_arn: DLQ_ARN.into(),
                max_number_of_messages_per_second: Some(1),
                ..Default::default()
            },
        )
        .unwrap();
    let again = e
        .start_message_move_task(
            OWNER_ARN,
            StartMessageMoveTaskRequest {
                source_arn: DLQ_ARN.into(),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert!(again
        .message
        .starts_with("There is already a task running."));
    let now = e.now_ms();
    e.advance_to(now + 1_000);
    assert_eq!(get_attr(&mut e, &src, "ApproximateNumberOfMessages"), "1");
    e.advance_to(now + 1_999);
    assert_eq!(get_attr(&mut e, &src, "ApproximateNumberOfMessages"), "1");
    e.advance_to(now + 10_000);
    assert_eq!(get_attr(&mut e, &src, "ApproximateNumberOfMessages"), "3");
    let list = e
        .list_message_move_tasks(
            OWNER_ARN,
            ListMessageMoveTasksRequest {
                source_arn: DLQ_ARN.into(),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(list.results[0].status, "COMPLETED");
    assert_eq!(list.results[0].approximate_number_of_messages_moved, 3);
    let m = recv(&mut e, &src, 10);
    assert_eq!(m[0].attributes["ApproximateReceiveCount"], "1");
    assert!(e
        .cancel_message_move_task(
            OWNER_ARN,
            CancelMessageMoveTaskRequest {
                task_handle: t.task_handle
            }
        )
        .is_err());
    assert_balanced(&e);
}

#[test]
fn redrive_cycles_are_rejected() {
    let mut e = engine();
    let a = create(&mut e, "a", &[]);
    let pb =
        "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:a\",\"maxReceiveCount\":1}";
    create(&mut e, "b", &[("RedrivePolicy", pb)]);
    let pa =
        "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:b\",\"maxReceiveCount\":1}";
    let err = set_attrs(&mut e, &a, &[("RedrivePolicy", pa)]).unwrap_err();
    assert!(err.message.contains("cycle"));
    let self_loop =
        "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:a\",\"maxReceiveCount\":1}";
    assert!(set_attrs(&mut e, &a, &[("RedrivePolicy", self_loop)]).is_err());
}

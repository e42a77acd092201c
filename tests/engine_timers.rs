//! `next_timer_ms` reports only live work: an answered long poll's deadline is not a timer.

use sqs_playground::engine::{
    CreateQueueRequest, Engine, EngineConfig, ReceiveMessageRequest, ReceiveOutcome,
    SendMessageRequest, OWNER_ARN,
};

fn engine_with_queue() -> (Engine, String) {
    let mut engine = Engine::new(EngineConfig::default());
    let url = engine
        .create_queue(
            OWNER_ARN,
            CreateQueueRequest {
                queue_name: "jobs".into(),
                ..Default::default()
            },
        )
        .unwrap()
        .queue_url;
    (engine, url)
}

fn long_poll(engine: &mut Engine, url: &str, wait_s: i64) -> ReceiveOutcome {
    engine
        .receive_message(
            OWNER_ARN,
            ReceiveMessageRequest {
                queue_url: url.to_string(),
                wait_time_seconds: Some(wait_s),
                ..Default::default()
            },
        )
        .unwrap()
}

#[test]
fn a_waiting_long_poll_is_the_next_timer_until_it_is_answered() {
    let (mut engine, url) = engine_with_queue();
    let t0 = engine.now_ms();
    assert_eq!(engine.next_timer_ms(), None);
    assert!(matches!(
        long_poll(&mut engine, &url, 20),
        ReceiveOutcome::Pending(_)
    ));
    assert_eq!(engine.next_timer_ms(), Some(t0 + 20_000));

    engine.advance_to(t0 + 5_000);
    engine
        .send_message(
            OWNER_ARN,
            SendMessageRequest {
                queue_url: url.clone(),
                message_body: "job".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let done = engine.take_completed_polls();
    assert_eq!(done.len(), 1, "the send answers the waiting poll");
    // Next is the message's visibility end (30 s after the receive), not the
    // answered poll's old 20 s deadline.
    assert_eq!(engine.next_timer_ms(), Some(t0 + 5_000 + 30_000));
}

#[test]
fn an_expired_long_poll_leaves_no_timer_behind() {
    let (mut engine, url) = engine_with_queue();
    let t0 = engine.now_ms();
    assert!(matches!(
        long_poll(&mut engine, &url, 1),
        ReceiveOutcome::Pending(_)
    ));
    engine.advance_to(t0 + 1_000);
    let done = engine.take_completed_polls();
    assert_eq!(done.len(), 1);
    assert_eq!(done[0].t_ms, t0 + 1_000);
    assert_eq!(engine.next_timer_ms(), None);
}

#[test]
fn next_wakeup_ms_is_never_after_the_next_timer_and_may_be_stale() {
    let (mut engine, url) = engine_with_queue();
    let t0 = engine.now_ms();
    assert_eq!(engine.next_wakeup_ms(), None);
    assert!(matches!(
        long_poll(&mut engine, &url, 20),
        ReceiveOutcome::Pending(_)
    ));
    assert_eq!(engine.next_wakeup_ms(), Some(t0 + 20_000));
    engine
        .send_message(
            OWNER_ARN,
            SendMessageRequest {
                queue_url: url.clone(),
                message_body: "job".into(),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(engine.take_completed_polls().len(), 1);
    // The answered poll's deadline is still on the heap: a stale wake-up, earlier than
    // the exact next timer (the visibility end), and reading it changes nothing.
    assert_eq!(engine.next_wakeup_ms(), Some(t0 + 20_000));
    assert_eq!(engine.next_wakeup_ms(), Some(t0 + 20_000));
    engine.advance_to(t0 + 20_000);
    assert!(engine.take_completed_polls().is_empty(), "nothing was due");
    assert_eq!(engine.next_wakeup_ms(), Some(t0 + 30_000));
    assert_eq!(engine.next_timer_ms(), Some(t0 + 30_000));
}

//! The AWS CLI console in the world: `aws_cli` actions run against the engine, their
//! transcript replays exactly, console long polls wait in virtual time, and messages the
//! console received are held by "the AWS CLI console".

use sqs_playground::engine::queue_url;
use sqs_playground::world::cli::{CliEntry, CliStatus, CLI_HOLDER, CLI_TRANSCRIPT_CAPACITY};
use sqs_playground::world::query::{MessageFilter, RowState};
use sqs_playground::world::{Action, Scenario, World};

fn world() -> World {
    let doc = serde_json::json!({"version": 1, "seed": 3, "queues": [{"name": "q"}]});
    World::from_scenario(&Scenario::from_value(doc).unwrap()).unwrap()
}

fn cli(w: &mut World, line: &str) -> Result<(), String> {
    w.apply(Action::AwsCli { line: line.into() })
        .map_err(|e| e.to_string())
}

fn last(w: &World) -> CliEntry {
    w.cli_console().entries().last().unwrap().clone()
}

fn transcript(w: &World) -> Vec<CliEntry> {
    w.cli_console().entries().cloned().collect()
}

#[test]
fn a_console_run_replays_to_the_same_transcript_and_hash() {
    let mut w = world();
    cli(
        &mut w,
        "aws sqs create-queue --queue-name lesson-cli --attributes VisibilityTimeout=60",
    )
    .unwrap();
    assert_eq!(last(&w).status, CliStatus::Ok);
    assert!(last(&w).text.contains(&queue_url("lesson-cli")));
    assert!(w.queue_names().contains(&"lesson-cli".to_string()));
    w.run_for(1_500);
    let u = queue_url("lesson-cli");
    cli(
        &mut w,
        &format!("aws sqs send-message --queue-url {u} --message-body 'hello world'"),
    )
    .unwrap();
    w.run_for(500);
    cli(&mut w, &format!("aws sqs receive-message --queue-url {u}")).unwrap();
    let e = last(&w);
    assert!(e.text.contains("\"Body\": \"hello world\""), "{}", e.text);
    // The received message is in flight, held by the console.
    let page = w
        .queue_messages("lesson-cli", &MessageFilter::default(), 0, 10)
        .unwrap();
    assert_eq!(page.rows.len(), 1);
    assert!(matches!(page.rows[0].state, RowState::InFlight { .. }));
    assert_eq!(page.rows[0].held_by.as_deref(), Some(CLI_HOLDER));
    // A service error is refused (and recorded), with the CLI's line in the transcript.
    let err = cli(&mut w, "aws sqs get-queue-url --queue-name missing").unwrap_err();
    assert!(
        err.contains("AWS.SimpleQueueService.NonExistentQueue"),
        "{err}"
    );
    assert_eq!(
        last(&w).text,
        "An error occurred (AWS.SimpleQueueService.NonExistentQueue) when calling the GetQueueUrl operation: The specified queue does not exist."
    );
    assert_eq!(last(&w).status, CliStatus::Error);
    w.run_for(2_000);
    let (hash, entries, now) = (w.event_log_hash(), transcript(&w), w.now_ms());
    assert_eq!(w.cli_console().total(), 4);

    let mut again = World::from_scenario(&w.to_scenario()).unwrap();
    again.step_until(now);
    assert_eq!(again.event_log_hash(), hash);
    assert_eq!(transcript(&again), entries);
    assert_eq!(
        again.cli_console().fingerprint(),
        w.cli_console().fingerprint()
    );
    assert_ne!(
        w.cli_console().fingerprint(),
        world().cli_console().fingerprint()
    );
    let json = serde_json::to_string(&w.to_scenario()).unwrap();
    assert!(json.contains("\"type\":\"aws_cli\""), "{json}");
}

#[test]
fn a_console_long_poll_waits_in_virtual_time() {
    let mut w = world();
    let u = queue_url("q");
    let t0 = w.now_ms();
    cli(
        &mut w,
        &format!("aws sqs receive-message --queue-url {u} --wait-time-seconds 5"),
    )
    .unwrap();
    assert_eq!(last(&w).status, CliStatus::Waiting);
    assert_eq!(last(&w).text, "waiting…");
    w.run_for(2_000);
    assert_eq!(last(&w).status, CliStatus::Waiting);
    // A send satisfies the waiting poll at once: the entry gets the message.
    w.apply(Action::SendMessage {
        queue: "q".into(),
        body: "late".into(),
        caller: sqs_playground::engine::OWNER_ARN.into(),
        group_id: None,
        dedup_id: None,
        delay_s: None,
        attributes: Default::default(),
    })
    .unwrap();
    w.run_for(10);
    let e = w.cli_console().entries().next().unwrap().clone();
    assert_eq!(e.status, CliStatus::Ok, "{e:?}");
    assert!(e.text.contains("\"Body\": \"late\""), "{}", e.text);
    assert!(e.done_ms.unwrap() >= t0 + 2_000);
    // An empty long poll returns after its wait with nothing printed.
    cli(
        &mut w,
        &format!("aws sqs receive-message --queue-url {u} --wait-time-seconds 3"),
    )
    .unwrap();
    let start = w.now_ms();
    w.run_for(2_999);
    assert_eq!(last(&w).status, CliStatus::Waiting);
    w.run_for(1);
    let e = last(&w);
    assert_eq!(
        (e.status, e.text.as_str(), e.done_ms),
        (CliStatus::Ok, "", Some(start + 3_000))
    );
}

#[test]
fn a_bad_line_touches_nothing_but_the_transcript_and_it_stays_bounded() {
    let mut w = world();
    let before = w.queue_names();
    let err = cli(&mut w, "aws sqs send-message --message-body hi").unwrap_err();
    assert_eq!(
        err,
        "aws: error: the following arguments are required: --queue-url"
    );
    assert_eq!(w.queue_names(), before);
    for i in 0..CLI_TRANSCRIPT_CAPACITY + 5 {
        cli(
            &mut w,
            &format!("aws sqs list-queues --queue-name-prefix n{i}"),
        )
        .unwrap();
    }
    let c = w.cli_console();
    assert_eq!(c.entries().len(), CLI_TRANSCRIPT_CAPACITY);
    assert_eq!(c.total(), CLI_TRANSCRIPT_CAPACITY as u64 + 6);
    assert_eq!(c.entries().next().unwrap().seq, 6);
}

#[test]
fn step_back_and_a_shared_link_restore_the_transcript() {
    use sqs_playground::world::share::{decode_fragment, encode_fragment};
    use sqs_playground::world::{RunDocument, Timeline};
    let mut t = Timeline::new(world());
    let u = queue_url("q");
    t.apply(Action::AwsCli {
        line: format!("aws sqs send-message --queue-url {u} --message-body one"),
    })
    .unwrap();
    t.run_for(1_000);
    let before: Vec<CliEntry> = t.world().cli_console().entries().cloned().collect();
    // A long poll that completes while time runs.
    t.apply(Action::AwsCli {
        line: format!("aws sqs receive-message --queue-url {u} --wait-time-seconds 2 --max-number-of-messages 10"),
    })
    .unwrap();
    t.run_for(3_000);
    let after: Vec<CliEntry> = t.world().cli_console().entries().cloned().collect();
    assert_eq!(after.len(), 2);
    assert_eq!(after[1].status, CliStatus::Ok);
    assert!(after[1].text.contains("\"Body\": \"one\""));
    // The link of this moment reopens the same transcript and hash.
    let doc = decode_fragment(&encode_fragment(&RunDocument::of(&t, None))).unwrap();
    let reopened = doc.restore().unwrap();
    assert_eq!(
        reopened.world().event_log_hash(),
        t.world().event_log_hash()
    );
    let again: Vec<CliEntry> = reopened.world().cli_console().entries().cloned().collect();
    assert_eq!(again, after);
    // Stepping back to before the receive gives the earlier transcript again.
    assert!(t.rewind_to_ms(t.world().start_ms() + 999));
    let back: Vec<CliEntry> = t.world().cli_console().entries().cloned().collect();
    assert_eq!(back, before);
}

//! The guided lessons: every shipped lesson loads, and a native run of its steps makes
//! every check fire (so a lesson cannot silently stop showing its point); checks do not
//! fire when their cause is absent; Back restores a step's start exactly; bad files get
//! field-named errors.

use sqs_playground::world::lesson::{
    all_lessons, evaluate, rewind_to, run_step, start_step, CauseKind, Check, Lesson, PathCounter,
    PathName, Seen, StepStart, KNOWN_KINDS,
};
use sqs_playground::world::scenario::Action;
use sqs_playground::world::Timeline;

/// How a student moves through a lesson.
#[derive(Clone, Copy, Debug)]
enum Pace {
    /// Next as soon as the check fires ("run to the check").
    ToCheck,
    /// Every step plays its whole `run_ms`, whenever its check fired.
    FullSteps,
    /// Next only a while after the check fired (a different odd pause per step).
    Linger,
}

/// Runs every step of `lesson` in order at `pace`, asserting that every check fires;
/// returns what each check saw (None for steps without a check).
fn run_all(lesson: &Lesson, pace: Pace) -> Vec<Option<Seen>> {
    let mut tl = lesson.timeline().expect("the lesson's world builds");
    let mut seen = Vec::new();
    for (i, step) in lesson.steps.iter().enumerate() {
        let (start, refused) = start_step(&mut tl, step);
        for (j, e) in &refused {
            // A refusal is only expected where the step's check looks for it.
            assert!(
                expects_error(step.check.as_ref()),
                "lesson {} step {i}: action {j} ({}) refused: {e}",
                lesson.id,
                step.actions[*j].name()
            );
        }
        let s = run_step(&mut tl, step, &start);
        match pace {
            Pace::ToCheck => {}
            Pace::FullSteps => tl.step_until(start.t_ms + step.run_ms),
            Pace::Linger => tl.run_for(1_370 * (i as u64 + 1) % 4_100),
        }
        if step.check.is_some() {
            let s = s.unwrap_or_else(|| {
                panic!(
                    "lesson {} step {i} ({pace:?}): the check did not fire within {} ms: {:?}",
                    lesson.id, step.run_ms, step.check
                )
            });
            assert!(
                s.text.starts_with("seen: ") && s.text.len() > "seen: ".len() + 10,
                "lesson {} step {i}: {s:?}",
                lesson.id
            );
            assert!(
                !looks_like_full_uuid(&s.text),
                "MessageIds are shortened: {}",
                s.text
            );
            if matches!(pace, Pace::ToCheck) {
                println!("{} [{i}] {}", lesson.id, s.text);
            }
            seen.push(Some(s));
        } else {
            seen.push(None);
        }
    }
    for e in tl.world().log_since(0) {
        let kind = e.event.kind_name();
        assert!(
            KNOWN_KINDS.contains(&kind),
            "{kind} is missing from KNOWN_KINDS"
        );
    }
    seen
}

fn expects_error(check: Option<&Check>) -> bool {
    match check {
        Some(Check::Error { .. }) => true,
        Some(Check::All { checks }) => checks.iter().any(|c| expects_error(Some(c))),
        _ => false,
    }
}

fn looks_like_full_uuid(text: &str) -> bool {
    text.as_bytes().windows(36).any(|w| {
        w.iter().enumerate().all(|(k, b)| match k {
            8 | 13 | 18 | 23 => *b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
    })
}

fn lesson(id: &str) -> Lesson {
    all_lessons()
        .into_iter()
        .find(|l| l.id == id)
        .unwrap_or_else(|| panic!("no lesson {id}"))
}

#[test]
fn twelve_lessons_numbered_1_to_12_with_unique_ids() {
    let lessons = all_lessons();
    assert_eq!(lessons.len(), 12);
    let numbers: Vec<u32> = lessons.iter().map(|l| l.number).collect();
    assert_eq!(numbers, (1..=12).collect::<Vec<_>>());
    let mut ids: Vec<&str> = lessons.iter().map(|l| l.id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 12, "ids are unique");
    for l in &lessons {
        assert!(!l.steps.is_empty());
        assert!(l.steps.iter().any(|s| s.check.is_some()), "{}", l.id);
    }
}

#[test]
fn every_file_in_static_lessons_is_shipped() {
    let dir = format!("{}/static/lessons", env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    let lessons = all_lessons();
    assert_eq!(files.len(), lessons.len());
    for (f, l) in files.iter().zip(&lessons) {
        assert_eq!(f, &format!("{:02}-{}.json", l.number, l.id));
        let text = std::fs::read_to_string(format!("{dir}/{f}")).unwrap();
        assert_eq!(Lesson::from_json(&text).unwrap(), *l);
    }
}

macro_rules! lesson_test {
    ($name:ident, $id:literal) => {
        #[test]
        fn $name() {
            let l = lesson($id);
            for pace in [Pace::ToCheck, Pace::FullSteps, Pace::Linger] {
                run_all(&l, pace);
            }
        }
    };
}

lesson_test!(lesson_01_decoupling_checks_fire, "decoupling");
lesson_test!(lesson_02_at_least_once_checks_fire, "at-least-once");
lesson_test!(lesson_03_best_effort_order_checks_fire, "best-effort-order");
lesson_test!(lesson_04_fifo_checks_fire, "fifo");
lesson_test!(
    lesson_05_visibility_timeout_checks_fire,
    "visibility-timeout"
);
lesson_test!(lesson_06_dead_letter_queue_checks_fire, "dead-letter-queue");
lesson_test!(
    lesson_07_poison_vs_stop_pill_checks_fire,
    "poison-vs-stop-pill"
);
lesson_test!(lesson_08_retention_checks_fire, "retention");
lesson_test!(lesson_09_delay_checks_fire, "delay");
lesson_test!(lesson_10_security_checks_fire, "security");
lesson_test!(lesson_11_message_size_checks_fire, "message-size");
lesson_test!(lesson_12_throughput_checks_fire, "throughput");

/// Runs `lesson`'s steps with step `skip`'s actions left out; returns whether step
/// `at`'s check fired.
fn fires_without_actions_of(lesson: &Lesson, skip: usize, at: usize) -> Option<Seen> {
    let mut tl = lesson.timeline().unwrap();
    for (i, step) in lesson.steps.iter().enumerate().take(at + 1) {
        let mut step = step.clone();
        if i == skip {
            step.actions.clear();
        }
        let (start, _) = start_step(&mut tl, &step);
        let seen = run_step(&mut tl, &step, &start);
        if i == at {
            return seen;
        }
    }
    unreachable!()
}

#[test]
fn at_least_once_check_does_not_fire_without_the_server_kill() {
    let l = lesson("at-least-once");
    // Step 1 kills server 2, step 2 revives it and checks for the stale-copy duplicate.
    assert!(matches!(
        l.steps[1].actions[..],
        [Action::KillServer { server: 2 }]
    ));
    assert!(fires_without_actions_of(&l, 1, 2).is_none());
    assert!(fires_without_actions_of(&l, 99, 2).is_some());
}

#[test]
fn decoupling_check_does_not_fire_without_the_database_outage() {
    let l = lesson("decoupling");
    assert!(
        fires_without_actions_of(&l, 1, 1).is_none(),
        "no lost order"
    );
    assert!(
        fires_without_actions_of(&l, 1, 3).is_none(),
        "no lost order at the end"
    );
}

#[test]
fn visibility_duplicate_check_does_not_fire_with_the_default_timeout() {
    let l = lesson("visibility-timeout");
    assert!(fires_without_actions_of(&l, 1, 1).is_none());
}

#[test]
fn fifo_group_blocked_check_does_not_fire_without_the_slow_worker() {
    let l = lesson("fifo");
    let last = l.steps.len() - 1;
    let mut tl = l.timeline().unwrap();
    for step in &l.steps[..last] {
        let (start, _) = start_step(&mut tl, step);
        run_step(&mut tl, step, &start);
    }
    let mut step = l.steps[last].clone();
    step.actions
        .retain(|a| !matches!(a, Action::AddConsumer { .. }));
    let (start, _) = start_step(&mut tl, &step);
    assert_eq!(run_step(&mut tl, &step, &start), None);
}

#[test]
fn out_of_order_check_does_not_fire_with_long_polling() {
    let l = lesson("best-effort-order");
    let mut tl = l.timeline().unwrap();
    let (start, _) = start_step(&mut tl, &l.steps[0]);
    run_step(&mut tl, &l.steps[0], &start);
    let mut step = l.steps[1].clone();
    let Action::AddConsumer { consumer } = &mut step.actions[0] else {
        panic!("step 1 adds the worker")
    };
    consumer.wait_time_s = Some(20);
    let (start, _) = start_step(&mut tl, &step);
    assert_eq!(run_step(&mut tl, &step, &start), None);
}

/// Runs every step of `lesson` to its check (or its end); the timeline and the start
/// of the first step.
fn played(lesson: &Lesson) -> Timeline {
    let mut tl = lesson.timeline().unwrap();
    for step in &lesson.steps {
        let (start, _) = start_step(&mut tl, step);
        run_step(&mut tl, step, &start);
    }
    tl
}

fn whole_run() -> StepStart {
    StepStart {
        seq: 0,
        t_ms: 0,
        steps: 0,
        user_actions: 0,
    }
}

#[test]
fn checks_of_the_opposite_point_do_not_fire() {
    // FIFO keeps each group in order: no out-of-order first delivery in the whole run.
    let fifo = played(&lesson("fifo"));
    let check = Check::OutOfOrder {
        queue: "tasks.fifo".into(),
    };
    assert_eq!(evaluate(&check, fifo.world(), &whole_run()), None);
    // FIFO never redelivers a deleted message after an outage.
    let check = Check::Redelivered {
        cause: CauseKind::StaleCopy,
        queue: None,
    };
    assert_eq!(evaluate(&check, fifo.world(), &whole_run()), None);
    // The long poller never lets a message wait while it polls.
    let order = played(&lesson("best-effort-order"));
    let check = Check::EmptyWhileWaiting {
        queue: "sparse-long".into(),
        consumer: "long-poller".into(),
    };
    assert_eq!(evaluate(&check, order.world(), &whole_run()), None);
    // Nothing on the decoupled path is lost.
    let dec = played(&lesson("decoupling"));
    let check = Check::Orders {
        path: PathName::Decoupled,
        counter: PathCounter::Lost,
        min: Some(1),
        max: None,
    };
    assert_eq!(evaluate(&check, dec.world(), &whole_run()), None);
}

#[test]
fn retention_lowered_after_a_raise_expires_new_messages_on_time() {
    // Regression (engine): raising MessageRetentionPeriod, sending, then lowering it
    // left the queue's wake-up at the old, later deadline, so a message sent afterwards
    // expired days late (a debug assertion caught the disagreement).
    let tl = played(&lesson("retention"));
    let expired: Vec<u64> = tl
        .world()
        .log_since(0)
        .filter(|e| e.event.kind_name() == "expired")
        .map(|e| e.t_ms)
        .collect();
    assert_eq!(
        expired.len(),
        7,
        "5 reports, report 6 at once, report 7 later"
    );
    assert_eq!(
        expired[6] - expired[5],
        60_000,
        "report 7, sent when the retention was lowered to 60 s, expires 60 s later"
    );
}

#[test]
fn a_fired_log_check_stays_fired_and_says_the_same() {
    // Log checks pick their first matching entry: evaluating later changes nothing.
    let l = lesson("at-least-once");
    let mut tl = l.timeline().unwrap();
    for step in &l.steps[..2] {
        let (start, _) = start_step(&mut tl, step);
        run_step(&mut tl, step, &start);
    }
    let step = &l.steps[2];
    let (start, _) = start_step(&mut tl, step);
    let first = run_step(&mut tl, step, &start).expect("fires");
    tl.run_for(3_000);
    let check = step.check.as_ref().unwrap();
    assert_eq!(evaluate(check, tl.world(), &start), Some(first));
}

#[test]
fn back_restores_the_exact_start_of_a_step() {
    let l = lesson("at-least-once");
    let mut tl = l.timeline().unwrap();
    let mut starts = Vec::new();
    let mut after_actions = Vec::new();
    let mut seen = Vec::new();
    for step in &l.steps {
        let (start, _) = start_step(&mut tl, step);
        after_actions.push(tl.world().event_log_hash());
        seen.push(run_step(&mut tl, step, &start));
        starts.push(start);
    }
    // Back to step 2 (the revival), then play it again: the same run.
    assert!(rewind_to(&mut tl, &starts[2]));
    assert!(!tl.has_future(), "the run after the step is dropped");
    assert_eq!(
        (
            tl.world().recorder().log.total(),
            tl.world().now_ms(),
            tl.world().steps()
        ),
        (starts[2].seq, starts[2].t_ms, starts[2].steps)
    );
    let (start, refused) = start_step(&mut tl, &l.steps[2]);
    assert!(refused.is_empty());
    assert_eq!(start, starts[2]);
    assert_eq!(tl.world().event_log_hash(), after_actions[2]);
    assert_eq!(run_step(&mut tl, &l.steps[2], &start), seen[2]);
    // Back to the first step, which has no actions.
    assert!(rewind_to(&mut tl, &starts[0]));
    assert_eq!(tl.world().steps(), 0);
    let (start, _) = start_step(&mut tl, &l.steps[0]);
    assert_eq!(tl.world().event_log_hash(), after_actions[0]);
    assert_eq!(run_step(&mut tl, &l.steps[0], &start), seen[0]);
    // A start this run never reached is refused.
    let mut later = starts[4];
    later.user_actions += 10;
    assert!(!rewind_to(&mut tl, &later));
}

#[test]
fn back_to_a_step_that_started_right_after_another() {
    // Next clicked twice without playing: two steps start at the same instant.
    let l = lesson("at-least-once");
    let mut tl = l.timeline().unwrap();
    let (s0, _) = start_step(&mut tl, &l.steps[0]);
    run_step(&mut tl, &l.steps[0], &s0);
    let (s1, _) = start_step(&mut tl, &l.steps[1]);
    let h1 = tl.world().event_log_hash();
    let (s2, _) = start_step(&mut tl, &l.steps[2]);
    assert_eq!((s1.t_ms, s1.steps), (s2.t_ms, s2.steps));
    run_step(&mut tl, &l.steps[2], &s2);
    assert!(rewind_to(&mut tl, &s1));
    let (again, _) = start_step(&mut tl, &l.steps[1]);
    assert_eq!(again, s1);
    assert_eq!(
        tl.world().event_log_hash(),
        h1,
        "only step 1's kill is applied"
    );
}

#[test]
fn an_invalid_lesson_names_the_field() {
    let base = serde_json::json!({
        "version": 1, "id": "x", "number": 1, "title": "t", "claim": "c", "reality": "r",
        "scenario": {"version": 1, "queues": [{"name": "q"}],
            "consumers": [{"id": "w", "queue": "q", "wait_time_s": 20}]},
        "steps": [{"text": "go", "run_ms": "1s",
            "check": {"type": "event", "kind": "sent", "queue": "q"}}]
    });
    assert!(Lesson::from_json(&base.to_string()).is_ok());
    let err = |patch: &dyn Fn(&mut serde_json::Value)| {
        let mut v = base.clone();
        patch(&mut v);
        Lesson::from_json(&v.to_string()).unwrap_err()
    };
    let e = err(&|v| v["steps"][0]["run_ms"] = serde_json::json!("soon"));
    assert_eq!(e.field, "steps[0].run_ms", "{e}");
    let e = err(&|v| v["steps"][0]["colour"] = serde_json::json!("red"));
    assert_eq!(e.field, "steps[0].colour", "{e}");
    assert!(e.message.contains("unknown field"), "{e}");
    let e = err(&|v| v["steps"][0]["check"]["queue"] = serde_json::json!("nope"));
    assert_eq!(e.field, "steps[0].check.queue", "{e}");
    let e = err(&|v| v["steps"][0]["check"]["kind"] = serde_json::json!("teleported"));
    assert_eq!(e.field, "steps[0].check.kind", "{e}");
    let e = err(&|v| v["steps"][0]["watch"] = serde_json::json!({"consumer": "nobody"}));
    assert_eq!(e.field, "steps[0].watch.consumer", "{e}");
    let e = err(&|v| {
        v["steps"][0]["actions"] =
            serde_json::json!([{"type": "crash_consumer", "consumer": "ghost"}])
    });
    assert_eq!(e.field, "steps[0].actions[0].consumer", "{e}");
    let e = err(&|v| v["scenario"]["consumers"][0]["batch_size"] = serde_json::json!(11));
    assert_eq!(e.field, "scenario.consumers[0].batch_size", "{e}");
    let e = err(&|v| v["version"] = serde_json::json!(2));
    assert_eq!(e.field, "version");
    assert!(e.message.contains("newer"), "{e}");
    let e = err(&|v| v["reality"] = serde_json::json!(""));
    assert_eq!(e.field, "reality");
    let e = err(&|v| v["steps"] = serde_json::json!([]));
    assert_eq!(e.field, "steps");
}

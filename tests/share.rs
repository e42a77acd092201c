//! Run documents and links (`world::share`): encode → decode round-trips every preset with
//! recorded actions and a lesson position; a restore reaches exactly the saved moment
//! (same event-log hash as the live run and as `sqs-world run … --for <at_ms>ms`); and a
//! truncated, garbage, bit-flipped, wrong-version or foreign fragment is a clear error,
//! never a panic.

use std::process::Command;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use proptest::prelude::*;
use sqs_playground::engine::OWNER_ARN;
use sqs_playground::world::share::{
    decode_fragment, encode_fragment, fits_in_link, is_run_fragment, FRAGMENT_KEY,
    MAX_DOCUMENT_BYTES, MAX_LINK_CHARS, RUN_DOCUMENT_VERSION,
};
use sqs_playground::world::{
    Action, LessonPosition, RunDocument, Scenario, ShareError, Timeline, World,
};

const SITE: &str = "https://example.github.io/sqs-playground/";

fn preset_path(file: &str) -> String {
    format!("{}/static/scenarios/{file}", env!("CARGO_MANIFEST_DIR"))
}

fn preset(file: &str) -> String {
    std::fs::read_to_string(preset_path(file)).unwrap()
}

/// Every preset file named by `static/scenarios/index.json`.
fn preset_files() -> Vec<String> {
    let index: serde_json::Value = serde_json::from_str(&preset("index.json")).unwrap();
    let files: Vec<String> = index
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["file"].as_str().unwrap().to_string())
        .collect();
    assert!(files.len() >= 10, "the presets are listed");
    files
}

fn timeline(file: &str) -> Timeline {
    Timeline::new(World::from_json(&preset(file)).unwrap())
}

fn send(queue: &str, body: &str) -> Action {
    Action::SendMessage {
        queue: queue.into(),
        body: body.into(),
        caller: OWNER_ARN.into(),
        group_id: queue.ends_with(".fifo").then(|| "g1".to_string()),
        dedup_id: queue.ends_with(".fifo").then(|| body.to_string()),
        delay_s: None,
        attributes: Default::default(),
    }
}

/// Clicks a user could make in this scenario, in rotation.
fn clicks(s: &Scenario) -> Vec<Action> {
    let mut out = vec![Action::KillServer { server: 0 }];
    if let Some(q) = s.queues.first() {
        out.push(send(&q.name, "hand-made message"));
    }
    if let Some(c) = s.consumers.first() {
        out.push(Action::CrashConsumer {
            consumer: c.id.clone(),
        });
        out.push(Action::RestartConsumer {
            consumer: c.id.clone(),
        });
    }
    out.push(Action::ReviveServer { server: 0 });
    if let Some(p) = s.producers.first() {
        out.push(Action::StopProducer {
            producer: p.id.clone(),
        });
        out.push(Action::StartProducer {
            producer: p.id.clone(),
        });
    }
    if s.shop.is_some() {
        out.push(Action::KillDatabase);
        out.push(Action::ReviveDatabase);
    }
    out.push(Action::AddServer);
    out
}

/// Runs `t` for `n` rounds of 5 s of virtual time, clicking once per round; returns how
/// many clicks were accepted (refused ones are recorded too).
fn play_with_clicks(t: &mut Timeline, n: usize) -> usize {
    let rotation = clicks(&t.to_scenario());
    let mut accepted = 0;
    for i in 0..n {
        t.run_for(5_000);
        if t.apply(rotation[i % rotation.len()].clone()).is_ok() {
            accepted += 1;
        }
        if i % 7 == 3 {
            t.step_next_event(); // sometimes a Step instead of Play
        }
    }
    accepted
}

/// (hash, steps, now) of a world: "the same moment".
fn moment(w: &World) -> (String, u64, u64) {
    (w.event_log_hash(), w.steps(), w.now_ms())
}

fn round_trip(doc: &RunDocument) -> RunDocument {
    let frag = encode_fragment(doc);
    assert!(frag.starts_with("run=v1."), "{frag:.20}");
    assert!(is_run_fragment(&frag) && is_run_fragment(&format!("#{frag}")));
    let back = decode_fragment(&frag).unwrap();
    assert_eq!(&back, doc);
    // With its '#', or the whole link, too.
    assert_eq!(&decode_fragment(&format!("#{frag}")).unwrap(), doc);
    assert_eq!(
        &decode_fragment(&format!("{SITE}?preset=x#{frag}")).unwrap(),
        doc
    );
    // And as plain JSON (also what serde, e.g. gloo-storage, reads).
    assert_eq!(&RunDocument::from_json(&doc.to_json()).unwrap(), doc);
    assert_eq!(
        &serde_json::from_str::<RunDocument>(&doc.to_json()).unwrap(),
        doc
    );
    back
}

/// `sqs-world run <scenario> --for <at_ms>ms` → its event-log hash.
fn cli_hash(doc: &RunDocument, name: &str) -> String {
    let file = format!("{}/share-{name}.json", env!("CARGO_TARGET_TMPDIR"));
    std::fs::write(&file, doc.scenario.to_json()).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_sqs-world"))
        .args(["run", &file, "--for", &format!("{}ms", doc.at_ms)])
        .output()
        .expect("sqs-world runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["virtual_ms"], doc.at_ms);
    v["event_log_hash"].as_str().unwrap().to_string()
}

#[test]
fn every_preset_round_trips_and_restores_at_the_start() {
    for file in preset_files() {
        let t = timeline(&file);
        let doc = RunDocument::of(&t, None);
        assert_eq!(doc.version, RUN_DOCUMENT_VERSION);
        assert_eq!((doc.at_ms, doc.steps), (0, Some(0)));
        assert_eq!(doc.scenario, Scenario::from_json(&preset(&file)).unwrap());
        let back = round_trip(&doc);
        let r = back.restore().unwrap();
        assert_eq!(moment(r.world()), moment(t.world()), "{file}");
    }
}

#[test]
fn recorded_actions_and_a_lesson_round_trip_and_restore_exactly() {
    for (n, file) in preset_files().iter().enumerate() {
        let mut t = timeline(file);
        let accepted = play_with_clicks(&mut t, 36);
        assert!(accepted >= 12, "{file}: {accepted} clicks accepted");
        let lesson = Some(LessonPosition {
            id: format!("lesson-{n}"),
            step: n,
            starts: Vec::new(),
        });
        let doc = RunDocument::of(&t, lesson.clone());
        assert_eq!(doc.at_ms, t.world().elapsed_ms());
        assert_eq!(doc.lesson, lesson);
        let recorded = doc.scenario.actions.iter().filter(|a| a.step.is_some());
        assert_eq!(recorded.count(), 36, "{file}: every click is in the link");
        let back = round_trip(&doc);
        let r = back.restore().unwrap();
        assert_eq!(moment(r.world()), moment(t.world()), "{file}");
        assert_eq!(r.to_scenario(), t.to_scenario(), "{file}");
        // The restored run goes on exactly as the live one.
        let mut live = t;
        let mut restored = r;
        live.run_for(30_000);
        restored.run_for(30_000);
        assert_eq!(moment(restored.world()), moment(live.world()), "{file}");
    }
}

#[test]
fn a_restore_shows_the_hash_sqs_world_prints_for_the_exported_scenario() {
    for file in [
        "order-confirmation.json",
        "standard-duplicates.json",
        "poison-dlq.json",
        "fifo-exactly-once.json",
    ] {
        let mut t = timeline(file);
        play_with_clicks(&mut t, 24);
        t.run_for(1_234); // paused mid-way between two instants
        let doc = decode_fragment(&encode_fragment(&RunDocument::of(&t, None))).unwrap();
        let restored = doc.restore().unwrap();
        let cli = cli_hash(&doc, file);
        assert_eq!(restored.world().event_log_hash(), cli, "{file}");
        assert_eq!(t.world().event_log_hash(), cli, "{file}");
    }
}

#[test]
fn a_moment_right_after_a_click_restores_before_the_work_it_started() {
    // A restart makes the consumer poll at the very instant of the click; the link is
    // copied before that poll ran.
    let mut t = timeline("standard-duplicates.json");
    t.run_for(5_000);
    t.apply(Action::CrashConsumer {
        consumer: "worker-1".into(),
    })
    .unwrap();
    t.apply(Action::RestartConsumer {
        consumer: "worker-1".into(),
    })
    .unwrap();
    let doc = decode_fragment(&encode_fragment(&RunDocument::of(&t, None))).unwrap();
    let r = doc.restore().unwrap();
    assert_eq!(moment(r.world()), moment(t.world()));
    // `sqs-world run --for` runs everything due by that time, i.e. also that poll.
    let cli = cli_hash(&doc, "right-after-a-click");
    let mut settled = t;
    let now = settled.world().now_ms();
    settled.step_until(now);
    assert_ne!(settled.world().steps(), r.world().steps(), "the poll ran");
    assert_eq!(settled.world().event_log_hash(), cli);
    // Without `steps` (a hand-written document) the restore is the CLI's run.
    let mut hand = doc.clone();
    hand.steps = None;
    assert_eq!(hand.restore().unwrap().world().event_log_hash(), cli);
}

#[test]
fn a_moment_reached_by_step_or_step_back_restores_exactly_with_its_future() {
    let mut t = timeline("order-confirmation.json");
    play_with_clicks(&mut t, 20);
    // Step onto the next instants one by one (some are scheduled faults).
    for _ in 0..5 {
        t.step_next_event();
        let doc = RunDocument::of(&t, None);
        let r = round_trip(&doc).restore().unwrap();
        assert_eq!(moment(r.world()), moment(t.world()));
    }
    // Back past some clicks (and one step more): they are the run's future, in the link too.
    let back_to = t.world().now_ms() - 12_000;
    assert!(t.rewind_to_ms(back_to));
    assert!(t.step_back());
    assert!(t.has_future());
    let doc = RunDocument::of(&t, None);
    let mut r = round_trip(&doc).restore().unwrap();
    assert!(r.has_future());
    assert_eq!(moment(r.world()), moment(t.world()));
    assert_eq!(
        r.world().event_log_hash(),
        cli_hash(&doc, "after-step-back")
    );
    t.run_for(60_000);
    r.run_for(60_000);
    assert_eq!(moment(r.world()), moment(t.world()));
    // Stepping back within the restored run works (it kept checkpoints on the way).
    assert!(r.step_back());
}

#[test]
fn a_restore_can_run_in_slices() {
    let mut t = timeline("order-confirmation.json");
    play_with_clicks(&mut t, 12);
    let doc = RunDocument::of(&t, None);
    let mut r = doc.begin_restore().unwrap();
    let mut slices = 0;
    let mut last = 0.0;
    while !r.advance(50) {
        let p = r.progress();
        assert!((last..=1.0).contains(&p), "progress {p} after {last}");
        last = p;
        slices += 1;
    }
    assert!(slices > 3, "{slices} slices");
    assert_eq!(r.progress(), 1.0);
    assert_eq!(moment(r.finish().world()), moment(t.world()));
}

fn fragment_of(file: &str, clicks: usize) -> (RunDocument, String) {
    let mut t = timeline(file);
    play_with_clicks(&mut t, clicks);
    let doc = RunDocument::of(&t, None);
    let frag = encode_fragment(&doc);
    (doc, frag)
}

fn damaged(r: Result<RunDocument, ShareError>) -> String {
    match r {
        Err(e @ ShareError::Damaged(_)) => {
            let msg = e.to_string();
            assert!(
                msg.starts_with("This link is damaged or incomplete: "),
                "{msg}"
            );
            msg
        }
        other => panic!("expected a damaged-link error, got {other:?}"),
    }
}

#[test]
fn a_truncated_fragment_is_an_error() {
    let (_, frag) = fragment_of("poison-dlq.json", 10);
    // Every cut: inside the prefix, in the data, one character short.
    for len in 0..frag.len() {
        let cut = &frag[..len];
        let e = decode_fragment(cut).unwrap_err();
        assert!(matches!(e, ShareError::Damaged(_)), "cut at {len}: {e:?}");
    }
    let msg = damaged(decode_fragment(&frag[..frag.len() - 8]));
    assert!(
        msg.contains("cut short") || msg.contains("checksum"),
        "{msg}"
    );
    assert!(damaged(decode_fragment("run=v1.")).contains("cut short"));
}

#[test]
fn garbage_is_an_error() {
    for text in [
        "",
        "#",
        "top",
        "#top",
        "run",
        "run=",
        "run=v1",
        "run=1.abc",
        "run=v.abc",
        "run=vx.abc",
        "run=v1.!!!!",
        "run=v1.ab+c/def",
        "run=v1.abcd====",
        "run=v1.a",
        "run=v1.AAAA",
        "run=v1.eJw",
        "run=v1.\u{1F600}\u{1F600}",
        "run=v01a.xyz",
        "run=v99999999999999999999.x",
    ] {
        let msg = damaged(decode_fragment(text));
        assert!(!msg.is_empty(), "{text:?}");
    }
    assert!(!is_run_fragment("#top") && !is_run_fragment(""));
    assert!(damaged(decode_fragment("#top")).contains("#run=v1."));
}

#[test]
fn a_changed_character_is_an_error_or_changes_nothing() {
    let (doc, frag) = fragment_of("fifo-exactly-once.json", 16);
    let data_start = "run=v1.".len();
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let (mut errors, mut harmless) = (0, 0);
    for i in data_start..frag.len() {
        for flip in [1u8, 2, 4, 8, 16, 32] {
            // Flip one bit of the 6 a base64 character carries.
            let pos = alphabet
                .iter()
                .position(|&c| c == frag.as_bytes()[i])
                .unwrap();
            let mut bytes = frag.clone().into_bytes();
            bytes[i] = alphabet[pos ^ flip as usize];
            let changed = String::from_utf8(bytes).unwrap();
            match decode_fragment(&changed) {
                Err(ShareError::Damaged(_)) => errors += 1,
                Ok(d) if d == doc => harmless += 1, // a bit deflate ignores (final padding)
                other => panic!("flip at {i}: {other:?}"),
            }
        }
    }
    // Only the few padding bits after deflate's last block go unnoticed, and they change
    // nothing.
    eprintln!("{harmless} harmless flips of {}", errors + harmless);
    assert!(harmless <= 8, "{harmless} harmless flips of {errors}");
    // Adler-32 is what catches a change that still inflates.
    let packed = URL_SAFE_NO_PAD.decode(&frag[data_start..]).unwrap();
    let mut bad = packed.clone();
    let n = bad.len();
    bad[n - 1] ^= 1;
    let msg = damaged(decode_fragment(&format!(
        "run=v1.{}",
        URL_SAFE_NO_PAD.encode(bad)
    )));
    assert!(msg.contains("checksum"), "{msg}");
    // Extra bytes after the stream are refused too.
    let mut longer = packed;
    longer.extend_from_slice(b"xyz");
    let msg = damaged(decode_fragment(&format!(
        "run=v1.{}",
        URL_SAFE_NO_PAD.encode(longer)
    )));
    assert!(msg.contains("extra data"), "{msg}");
}

fn pack(json: &[u8]) -> String {
    format!(
        "run=v1.{}",
        URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec_zlib(json, 6))
    )
}

#[test]
fn a_newer_format_says_so() {
    let (doc, frag) = fragment_of("delay-queue.json", 3);
    let e = decode_fragment(&frag.replacen("run=v1.", "run=v2.", 1)).unwrap_err();
    assert!(matches!(e, ShareError::TooNew(_)), "{e:?}");
    let msg = e.to_string();
    assert!(
        msg.starts_with("This link was made by a newer playground") && msg.contains("v2"),
        "{msg}"
    );
    assert!(damaged(decode_fragment(&frag.replacen("run=v1.", "run=v0.", 1))).contains("v0"));
    // A newer document inside today's encoding.
    let mut v: serde_json::Value = serde_json::from_str(&doc.to_json()).unwrap();
    v["version"] = 2.into();
    v["something_new"] = true.into();
    let e = decode_fragment(&pack(v.to_string().as_bytes())).unwrap_err();
    assert!(
        matches!(&e, ShareError::TooNew(m) if m.contains("run format version 2")),
        "{e:?}"
    );
    // A newer scenario inside a run document.
    let mut v: serde_json::Value = serde_json::from_str(&doc.to_json()).unwrap();
    v["scenario"]["version"] = 7.into();
    let e = decode_fragment(&pack(v.to_string().as_bytes())).unwrap_err();
    assert!(
        matches!(&e, ShareError::TooNew(m) if m.contains("scenario format version 7")),
        "{e:?}"
    );
    // Serde (e.g. gloo-storage) gets the same check.
    let err = serde_json::from_value::<RunDocument>(v).unwrap_err();
    assert!(err.to_string().contains("newer playground"), "{err}");
}

#[test]
fn valid_base64_that_is_not_a_run_is_an_error() {
    // Not zlib at all.
    let plain = format!("run=v1.{}", URL_SAFE_NO_PAD.encode(b"hello, world"));
    damaged(decode_fragment(&plain));
    // zlib, but not JSON; JSON, but not a run; a bare scenario is not a run either.
    for json in [
        &b"hello"[..],
        b"[1,2,3]",
        b"{}",
        b"{\"version\":\"1\"}",
        b"{\"version\":1}",
        b"null",
        &[0xff, 0xfe, 0x00][..],
    ] {
        damaged(decode_fragment(&pack(json)));
    }
    let msg = damaged(decode_fragment(&pack(preset("empty.json").as_bytes())));
    assert!(msg.contains("no scenario"), "{msg}");
    // Too big to unpack (a small stream of zeros).
    let bomb = vec![b' '; MAX_DOCUMENT_BYTES + 1];
    let msg = damaged(decode_fragment(&pack(&bomb)));
    assert!(msg.contains("more than 64 MiB"), "{msg}");
}

#[test]
fn an_intact_run_with_a_wrong_field_names_the_field() {
    let (doc, _) = fragment_of("order-confirmation.json", 2);
    let mut v: serde_json::Value = serde_json::from_str(&doc.to_json()).unwrap();
    v["scenario"]["consumers"][0]["batch_size"] = 11.into();
    match decode_fragment(&pack(v.to_string().as_bytes())) {
        Err(ShareError::Invalid(e)) => {
            assert_eq!(e.field, "scenario.consumers[0].batch_size");
            let msg = ShareError::Invalid(e).to_string();
            assert!(
                msg.starts_with(
                    "This link's run cannot be loaded: scenario.consumers[0].batch_size: "
                ),
                "{msg}"
            );
        }
        other => panic!("{other:?}"),
    }
    let mut v: serde_json::Value = serde_json::from_str(&doc.to_json()).unwrap();
    v["at_ms"] = "yesterday".into();
    match decode_fragment(&pack(v.to_string().as_bytes())) {
        Err(ShareError::Invalid(e)) => assert_eq!(e.field, "at_ms", "{e:?}"),
        other => panic!("{other:?}"),
    }
    v["at_ms"] = u64::MAX.into();
    match decode_fragment(&pack(v.to_string().as_bytes())) {
        Err(ShareError::Invalid(e)) => assert_eq!(e.field, "at_ms", "{e:?}"),
        other => panic!("{other:?}"),
    }
    v["at_ms"] = "90s".into(); // durations are read the way scenarios read them
    v["lesson"] = serde_json::json!({"id": "intro", "step": 2, "extra": 1});
    match decode_fragment(&pack(v.to_string().as_bytes())) {
        Err(ShareError::Invalid(e)) => assert!(e.field.starts_with("lesson"), "{e:?}"),
        other => panic!("{other:?}"),
    }
    v["lesson"] = serde_json::json!({"id": "intro", "step": 2});
    let d = decode_fragment(&pack(v.to_string().as_bytes())).unwrap();
    assert_eq!(d.at_ms, 90_000);
    // A document built in code is checked by the restore too.
    let mut bad = doc;
    bad.at_ms = u64::MAX;
    assert!(matches!(bad.restore(), Err(ShareError::Invalid(e)) if e.field == "at_ms"));
}

#[test]
fn link_length_limit() {
    let head = "https://example.github.io/sqs-playground/#";
    let at = |n: usize| format!("{head}{}", "a".repeat(n - head.len()));
    assert!(fits_in_link(&at(MAX_LINK_CHARS)));
    assert!(!fits_in_link(&at(MAX_LINK_CHARS + 1)));
    // Non-ASCII counts as its percent-encoded length.
    let mut url = at(MAX_LINK_CHARS - 6);
    url.push('é'); // 2 bytes → %C3%A9
    assert!(fits_in_link(&url));
    url.push('é');
    assert!(!fits_in_link(&url));
}

/// Sizes for the report: `cargo test --test share sizes -- --nocapture`.
#[test]
fn preset_links_fit_at_the_start_and_after_a_few_dozen_clicks() {
    println!("preset                      json@0  link@0  json@36  link@36 (chars)");
    for file in preset_files() {
        let t0 = timeline(&file);
        let d0 = RunDocument::of(&t0, None);
        let (d36, f36) = fragment_of(&file, 36);
        let f0 = encode_fragment(&d0);
        println!(
            "{file:<26} {:>7} {:>7} {:>8} {:>8}",
            d0.to_json().len(),
            f0.len(),
            d36.to_json().len(),
            f36.len()
        );
        assert!(fits_in_link(&format!("{SITE}#{f0}")), "{file}");
        assert!(
            fits_in_link(&format!("{SITE}#{f36}")),
            "{file} after 36 clicks"
        );
    }
}

fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn reference() -> &'static (RunDocument, String) {
    static REF: std::sync::OnceLock<(RunDocument, String)> = std::sync::OnceLock::new();
    REF.get_or_init(|| fragment_of("short-visibility.json", 8))
}

proptest! {
    // PROPTEST_CASES overrides the number of cases (e.g. PROPTEST_CASES=5000 for a soak).
    #![proptest_config(ProptestConfig { cases: cases(256), ..ProptestConfig::default() })]

    #[test]
    fn any_text_decodes_or_errors_without_panicking(text in any::<String>()) {
        let _ = decode_fragment(&text);
        let _ = decode_fragment(&format!("{FRAGMENT_KEY}v1.{text}"));
        let _ = RunDocument::from_json(&text);
    }

    #[test]
    fn any_base64url_data_decodes_or_errors(data in "[A-Za-z0-9_-]{0,400}") {
        if let Ok(doc) = decode_fragment(&format!("run=v1.{data}")) {
            // Only a real run document gets through, and it is a valid one.
            prop_assert!(doc.check().is_ok());
        }
    }

    #[test]
    fn any_zlib_payload_decodes_or_errors(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let _ = decode_fragment(&pack(&bytes));
        let _ = decode_fragment(&format!("run=v1.{}", URL_SAFE_NO_PAD.encode(&bytes)));
    }

    #[test]
    fn a_mutated_link_is_an_error_or_the_same_run(
        cut in any::<prop::sample::Index>(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<char>()), 1..4),
        keep in 0usize..3,
    ) {
        let (doc, frag) = reference();
        let mut chars: Vec<char> = frag.chars().collect();
        for (at, c) in &edits {
            let i = at.index(chars.len());
            chars[i] = *c;
        }
        match keep {
            0 => chars.truncate(cut.index(chars.len())), // truncated too
            1 => { chars.insert(cut.index(chars.len()), 'A'); }
            _ => {}
        }
        let text: String = chars.into_iter().collect();
        match decode_fragment(&text) {
            Ok(d) => prop_assert_eq!(&d, doc),
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }
}

//! Cross-platform determinism: each preset run for a fixed virtual time must produce
//! the event-log hash recorded in `tests/golden/world_hashes.json`. The browser test
//! (`tests/browser.rs`) checks the same hashes inside wasm, so native and browser runs
//! are proven identical. After an intended behaviour change, regenerate with
//! `UPDATE_GOLDEN=1 cargo test --test world_golden` and review the diff.

use std::collections::BTreeMap;
use std::path::Path;

use sqs_playground::world::World;

/// Virtual time each preset runs for (kept short: the browser test runs it in debug wasm).
const RUN_MS: u64 = 10 * 60 * 1_000;

/// Presets covered: the busiest ones, with failures, FIFO and the order story.
const PRESETS: [&str; 3] = [
    "order-confirmation",
    "standard-duplicates",
    "fifo-exactly-once",
];

fn hash_of(preset: &str) -> String {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("static/scenarios/{preset}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut world = World::from_json(&text).unwrap_or_else(|e| panic!("{preset}: {e}"));
    world.run_for(RUN_MS);
    world.event_log_hash()
}

#[test]
fn preset_event_log_hashes_match_the_golden_file() {
    let golden_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/world_hashes.json");
    let actual: BTreeMap<String, String> = PRESETS
        .iter()
        .map(|p| (p.to_string(), hash_of(p)))
        .collect();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        let text = serde_json::to_string_pretty(&actual).unwrap() + "\n";
        std::fs::write(&golden_path, text).unwrap();
        // Never pass in update mode: a run that only rewrote the file checked nothing.
        panic!("golden file rewritten; review `git diff tests/golden` and run again without UPDATE_GOLDEN");
    }
    let golden: BTreeMap<String, String> =
        serde_json::from_str(&std::fs::read_to_string(&golden_path).unwrap()).unwrap();
    assert_eq!(golden.len(), PRESETS.len(), "one golden hash per preset");
    assert!(
        golden
            .values()
            .all(|h| h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit())),
        "golden hashes are hex SHA-256: {golden:?}"
    );
    assert_eq!(
        actual, golden,
        "event-log hashes changed; if intended, run UPDATE_GOLDEN=1 cargo test --test world_golden"
    );
}

#[test]
fn the_run_is_not_trivial() {
    // A hash of an empty log would also be stable: make sure the golden runs do work.
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("static/scenarios/order-confirmation.json"),
    )
    .unwrap();
    let mut world = World::from_json(&text).unwrap();
    let before = world.event_log_hash();
    world.run_for(RUN_MS);
    assert_ne!(before, world.event_log_hash());
}

//! Same seed + same actions ⇒ same run, in the browser too: each preset, run inside
//! wasm in headless Chromium, must reproduce the event-log hash that the native test
//! (`tests/world_golden.rs`) checks against `tests/golden/world_hashes.json`.
#![cfg(target_arch = "wasm32")]

use std::collections::BTreeMap;

use sqs_playground::world::World;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Must equal `RUN_MS` in `tests/world_golden.rs`.
const RUN_MS: u64 = 10 * 60 * 1_000;

const PRESETS: [(&str, &str); 3] = [
    (
        "order-confirmation",
        include_str!("../static/scenarios/order-confirmation.json"),
    ),
    (
        "standard-duplicates",
        include_str!("../static/scenarios/standard-duplicates.json"),
    ),
    (
        "fifo-exactly-once",
        include_str!("../static/scenarios/fifo-exactly-once.json"),
    ),
];

#[wasm_bindgen_test]
fn preset_runs_in_wasm_match_the_native_golden_hashes() {
    let golden: BTreeMap<String, String> =
        serde_json::from_str(include_str!("golden/world_hashes.json")).unwrap();
    assert_eq!(
        golden.len(),
        PRESETS.len(),
        "golden file and preset list differ"
    );
    for (preset, text) in PRESETS {
        let mut world = World::from_json(text).unwrap_or_else(|e| panic!("{preset}: {e}"));
        world.run_for(RUN_MS);
        assert_eq!(
            world.event_log_hash(),
            golden[preset],
            "{preset}: the wasm run diverged from the native run"
        );
    }
}

//! Lessons and autosave in a real headless Chromium: a lesson opened from the landing
//! page reaches its check, Next and Back move between steps (Back restores the world at
//! the start of the previous step, which then shows its point again), and a browser
//! that refuses local storage gets a visible "Autosave is off" with the reason while the
//! playground keeps working.
#![cfg(target_arch = "wasm32")]

#[path = "browser_util/mod.rs"]
mod browser_util;

use browser_util::*;
use sqs_playground::ui::AppProps;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn status(root: &web_sys::Element) -> String {
    text(root, ".lesson-status")
}

async fn wait_seen(root: &web_sys::Element, what: &str) -> String {
    wait_for(what, || status(root).contains("seen:")).await;
    status(root)
}

#[wasm_bindgen_test]
async fn a_lesson_steps_next_and_back_to_the_start_of_the_previous_step() {
    let root = mount("lesson-test");
    wait_for("the Lessons button", || button(&root, "Lessons").is_some()).await;
    assert!(
        find(&root, ".region-lesson").is_none(),
        "no lesson on the landing page"
    );
    click(&button(&root, "Lessons").unwrap());
    wait_for("the list of twelve", || {
        all(&root, "button.lesson-open").len() == 12
    })
    .await;
    click(&button_named_like(&root, "Open lesson 2: At-least-once").unwrap());
    wait_for("lesson 2, step 1", || {
        text(&root, ".lesson-step-count") == "Step 1 of 6"
    })
    .await;
    assert!(text(&root, ".lesson h3").starts_with("Lesson 2: At-least-once"));
    assert!(text(&root, ".lesson-claims .claim").contains("at least once"));
    assert!(
        disabled(&button(&root, "Back").unwrap()),
        "no step before the first"
    );
    let first = wait_seen(&root, "step 1's check").await;
    assert!(first.contains("sent to tasks"), "{first}");
    // The step's watch selects the queue in the inspector.
    wait_for("queue tasks inspected", || {
        text(&root, ".region-inspector h3").contains("tasks")
    })
    .await;

    click(&button(&root, "Next").unwrap());
    wait_for("step 2", || {
        text(&root, ".lesson-step-count") == "Step 2 of 6"
    })
    .await;
    // The step's action (kill server 2) was applied as a recorded click.
    wait_for("server 2 down", || {
        button(&root, "Revive server 2").is_some()
    })
    .await;
    let second = wait_seen(&root, "step 2's check").await;
    assert!(
        second.contains("kept a copy") || second.contains("server 2"),
        "{second}"
    );
    let clock_at_step_2 = text(&root, ".clock-elapsed");

    click(&button(&root, "Back").unwrap());
    wait_for("back at step 1", || {
        text(&root, ".lesson-step-count") == "Step 1 of 6"
    })
    .await;
    // The world is the one from before step 2: server 2 is up again.
    wait_for("server 2 up again", || {
        button(&root, "Kill server 2").is_some()
    })
    .await;
    assert!(button(&root, "Revive server 2").is_none());
    let again = wait_seen(&root, "step 1's check again").await;
    assert_eq!(again, first, "the same run shows the same thing");
    assert!(
        text(&root, ".clock-elapsed") < clock_at_step_2,
        "time went back"
    );

    click(&button(&root, "Close lesson").unwrap());
    wait_for("the lesson closed", || {
        find(&root, ".region-lesson").is_none()
    })
    .await;
}

fn set_storage_refusing(refuse: bool) {
    let js = if refuse {
        "if (!window.__realSetItem) { window.__realSetItem = Storage.prototype.setItem; } \
         Storage.prototype.setItem = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };"
    } else {
        "if (window.__realSetItem) { Storage.prototype.setItem = window.__realSetItem; }"
    };
    js_sys::Function::new_no_args(js)
        .call0(&JsValue::NULL)
        .unwrap();
}

#[wasm_bindgen_test]
async fn full_or_disabled_storage_is_reported_and_the_playground_keeps_running() {
    if let Ok(Some(s)) = gloo::utils::window().local_storage() {
        let _ = s.clear();
    }
    set_storage_refusing(true);
    let root = mount_with(
        "storage-test",
        AppProps {
            autosave: true,
            ..AppProps::default()
        },
    );
    wait_for("the Step button", || button(&root, "Step").is_some()).await;
    step(&root).await;
    wait_for("the autosave refusal", || {
        all(&root, "[role=alert]").iter().any(|a| {
            a.text_content()
                .unwrap_or_default()
                .contains("Autosave is off")
        })
    })
    .await;
    let alert = all(&root, "[role=alert]")
        .into_iter()
        .map(|a| a.text_content().unwrap_or_default())
        .find(|t| t.contains("Autosave is off"))
        .unwrap();
    assert!(
        alert.contains("quota"),
        "the browser's reason is shown: {alert}"
    );
    // Nothing froze: time still steps.
    step(&root).await;
    set_storage_refusing(false);
}

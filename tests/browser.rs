//! UI tests in a real headless Chromium (`wasm-bindgen-test`, run by `make test`). Each
//! test mounts its own App and waits for DOM conditions (never a fixed sleep as proof).
#![cfg(target_arch = "wasm32")]

#[path = "browser_util/mod.rs"]
mod browser_util;

use browser_util::*;
use sqs_playground::ui::panic as ui_panic;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn the_app_mounts_with_named_regions_and_the_default_world() {
    let root = mount("shell-test");
    wait_for("the topology", || find(&root, "svg.topology").is_some()).await;
    assert_eq!(text(&root, ".app-header h1"), "SQS Playground");
    assert_eq!(
        text(&root, ".app-header .version"),
        format!("v{}", sqs_playground::VERSION)
    );
    for heading in [
        "Time controls",
        "Topology",
        "Inspector",
        "Build",
        "Charts",
        "Event log",
    ] {
        let region = all(&root, "section[aria-labelledby]")
            .into_iter()
            .find(|s| {
                let id = s.get_attribute("aria-labelledby").unwrap();
                text(&root, &format!("#{id}")) == heading
            });
        assert!(region.is_some(), "region {heading} is named by its heading");
    }
    assert!(button_starting(&root, "Inspect queue orders (").is_some());
    assert!(button(&root, "Kill server 0").is_some());
    assert_eq!(text(&root, ".clock-elapsed"), "T+00:00:00.000");
}

#[wasm_bindgen_test]
async fn play_toggles_and_step_advances_the_world() {
    let root = mount("controls-test");
    wait_for("the Play button", || button(&root, "Play").is_some()).await;
    let steps_before = text(&root, ".clock-meta");
    click(&button(&root, "Step").unwrap());
    wait_for("a step", || text(&root, ".clock-meta") != steps_before).await;
    click(&button(&root, "Play").unwrap());
    wait_for("Pause", || button(&root, "Pause").is_some()).await;
    let pause = button(&root, "Pause").unwrap();
    assert_eq!(pause.get_attribute("aria-pressed").as_deref(), Some("true"));
    let t0 = text(&root, ".clock-elapsed");
    wait_for("the clock to move while playing", || {
        text(&root, ".clock-elapsed") != t0
    })
    .await;
    click(&pause);
    wait_for("Play again", || button(&root, "Play").is_some()).await;
}

#[wasm_bindgen_test]
async fn the_inspector_lists_a_consumers_held_messages() {
    let root = mount("held-test");
    wait_for("the topology", || {
        button_starting(&root, "Inspect consumer db-writer").is_some()
    })
    .await;
    click(&button_starting(&root, "Inspect consumer db-writer").unwrap());
    wait_for("the consumer inspector", || {
        find(&root, ".inspector-consumer").is_some()
    })
    .await;
    // Step until the order story's first orders are in flight at the db-writer.
    for _ in 0..200 {
        if !all(&root, "ul.held li").is_empty() {
            break;
        }
        step(&root).await;
    }
    wait_for("held messages", || !all(&root, "ul.held li").is_empty()).await;
    let items = all(&root, "ul.held li");
    let first = items[0].text_content().unwrap();
    assert!(first.contains("receive #1"), "{first}");
    assert!(first.contains("visible again in"), "{first}");
    assert_eq!(
        find(&root, "ul.held")
            .unwrap()
            .get_attribute("aria-label")
            .as_deref(),
        Some("Messages held by db-writer")
    );
}

#[wasm_bindgen_test]
async fn the_log_filter_narrows_by_message_id() {
    let root = mount("log-test");
    wait_for("the step button", || button(&root, "Step").is_some()).await;
    for _ in 0..30 {
        step(&root).await;
    }
    wait_for("entries with MessageIds", || {
        all(&root, "ol.entries li .mid button").len() > 3
    })
    .await;
    let id = all(&root, "ol.entries li .mid button")[0]
        .get_attribute("aria-label")
        .unwrap()
        .trim_start_matches("Inspect message ")
        .to_string();
    let total = all(&root, "ol.entries li").len();
    let filter: web_sys::HtmlInputElement = find(&root, "input[aria-label='Filter by MessageId']")
        .unwrap()
        .dyn_into()
        .unwrap();
    type_into(&filter, &id);
    wait_for("the filter to apply", || {
        all(&root, "ol.entries li").len() < total
    })
    .await;
    let rows = all(&root, "ol.entries li");
    assert!(!rows.is_empty());
    for r in rows {
        let mid = r.query_selector(".mid button").unwrap().unwrap();
        assert_eq!(
            mid.get_attribute("aria-label").unwrap(),
            format!("Inspect message {id}")
        );
    }
}

#[wasm_bindgen_test]
async fn the_queue_form_shows_the_engines_error_and_keeps_the_input() {
    let root = mount("form-test");
    wait_for("the build panel", || button(&root, "Add a queue").is_some()).await;
    click(&button(&root, "Add a queue").unwrap());
    wait_for("the queue form", || find(&root, "#field-name").is_some()).await;
    let name: web_sys::HtmlInputElement = find(&root, "#field-name").unwrap().dyn_into().unwrap();
    type_into(&name, "invoices");
    let vt: web_sys::HtmlInputElement = find(&root, "#field-VisibilityTimeout")
        .unwrap()
        .dyn_into()
        .unwrap();
    type_into(&vt, "43201");
    click(&button(&root, "Create queue").unwrap());
    wait_for("the field error", || {
        find(&root, "#field-VisibilityTimeout-error").is_some()
    })
    .await;
    let error = text(&root, "#field-VisibilityTimeout-error");
    assert!(error.contains("VisibilityTimeout"), "{error}");
    assert!(error.contains("InvalidAttributeValue"), "{error}");
    let vt: web_sys::HtmlInputElement = find(&root, "#field-VisibilityTimeout")
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(vt.value(), "43201", "the typed value is kept");
    assert_eq!(vt.get_attribute("aria-invalid").as_deref(), Some("true"));
    let name: web_sys::HtmlInputElement = find(&root, "#field-name").unwrap().dyn_into().unwrap();
    assert_eq!(name.value(), "invoices");
    assert!(
        button_starting(&root, "Inspect queue invoices").is_none(),
        "nothing was created"
    );
}

/// The site's stylesheet (test pages have none of their own).
fn add_stylesheet() {
    let document = gloo::utils::document();
    if document.get_element_by_id("site-css").is_none() {
        let style = document.create_element("style").unwrap();
        style.set_id("site-css");
        style.set_text_content(Some(include_str!("../static/style.css")));
        document.head().unwrap().append_child(&style).unwrap();
    }
}

#[wasm_bindgen_test]
async fn reduced_motion_turns_token_transitions_off() {
    add_stylesheet();
    let root = mount("motion-test");
    wait_for("the step button", || button(&root, "Step").is_some()).await;
    for _ in 0..10 {
        step(&root).await;
    }
    wait_for("a token", || find(&root, "g.token").is_some()).await;
    let window = gloo::utils::window();
    let duration = |root: &web_sys::Element| {
        let token = root.query_selector("g.token").unwrap().unwrap();
        window
            .get_computed_style(&token)
            .unwrap()
            .unwrap()
            .get_property_value("transition-duration")
            .unwrap()
    };
    assert_ne!(
        duration(&root),
        "0s",
        "tokens move with a transition by default"
    );
    let checkbox = all(&root, ".app-header input[type=checkbox]")
        .into_iter()
        .find(|c| {
            c.parent_element()
                .unwrap()
                .text_content()
                .unwrap()
                .contains("Reduce motion")
        })
        .unwrap();
    click(&checkbox);
    wait_for("reduced motion", || {
        find(&root, "main.reduce-motion").is_some()
    })
    .await;
    assert_eq!(duration(&root), "0s");
}

#[wasm_bindgen_test]
async fn a_panic_shows_the_error_banner_with_its_message() {
    // Same order as `ui::start`: hook first, then render (which must not replace the hook).
    ui_panic::install_panic_hook();
    let root = mount("panic-test");
    wait_for("the app", || find(&root, "svg.topology").is_some()).await;
    // Panic inside a timer callback, as a real UI panic would happen: outside the test body.
    gloo::timers::callback::Timeout::new(0, || panic!("boom from the browser test")).forget();
    let document = gloo::utils::document();
    wait_for("the banner", || {
        document
            .get_element_by_id(ui_panic::ERROR_BANNER_ID)
            .is_some()
    })
    .await;
    let banner = document
        .get_element_by_id(ui_panic::ERROR_BANNER_ID)
        .unwrap();
    assert_eq!(banner.get_attribute("role").as_deref(), Some("alert"));
    let text = banner.text_content().unwrap();
    assert!(
        text.contains("boom from the browser test"),
        "banner text: {text}"
    );
    assert!(text.contains("Reload the page"), "banner text: {text}");
}

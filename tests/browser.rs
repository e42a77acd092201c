//! UI tests in a real headless Chromium (`wasm-bindgen-test`, run by `make test`).
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use sqs_playground::ui::{panic as ui_panic, App};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Lets Yew's scheduler render pending updates.
async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(20)).await;
}

fn fresh_root(id: &str) -> web_sys::Element {
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    root.set_id(id);
    document.body().unwrap().append_child(&root).unwrap();
    root
}

fn query(root: &web_sys::Element, selector: &str) -> web_sys::HtmlElement {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
        .dyn_into()
        .unwrap()
}

#[wasm_bindgen_test]
async fn shell_renders_header_and_labelled_regions() {
    let root = fresh_root("shell-test");
    yew::Renderer::<App>::with_root(root.clone()).render();
    settle().await;

    let title = query(&root, ".app-header h1").text_content().unwrap();
    assert_eq!(title, "SQS Playground");
    let version = query(&root, ".app-header .version").text_content().unwrap();
    assert_eq!(version, format!("v{}", sqs_playground::VERSION));
    for (region, heading) in [
        ("topology", "Topology"),
        ("controls", "Controls"),
        ("inspector", "Inspector"),
        ("eventlog", "Event log"),
    ] {
        let section = query(&root, &format!("#region-{region}"));
        let labelled_by = section.get_attribute("aria-labelledby").unwrap();
        let label = query(&root, &format!("#{labelled_by}"))
            .text_content()
            .unwrap();
        assert_eq!(
            label, heading,
            "region {region} must be named by its heading"
        );
    }
}

#[wasm_bindgen_test]
async fn clicking_play_toggles_state_and_step_advances_clock() {
    let root = fresh_root("controls-test");
    yew::Renderer::<App>::with_root(root.clone()).render();
    settle().await;

    let step = query(&root, "#step");
    step.click();
    settle().await;
    let clock = query(&root, ".clock").text_content().unwrap();
    assert_eq!(clock, "Virtual time 0:01.000");

    let toggle = query(&root, "#play-toggle");
    assert_eq!(toggle.text_content().unwrap(), "Play");
    assert_eq!(
        toggle.get_attribute("aria-pressed").as_deref(),
        Some("false")
    );
    toggle.click();
    settle().await;
    let toggle = query(&root, "#play-toggle");
    assert_eq!(toggle.text_content().unwrap(), "Pause");
    assert_eq!(
        toggle.get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    assert!(
        query(&root, "#step").has_attribute("disabled"),
        "no stepping while running"
    );
}

#[wasm_bindgen_test]
async fn a_panic_shows_the_error_banner_with_its_message() {
    // Same order as `ui::start`: hook first, then render (which must not replace the hook).
    ui_panic::install_panic_hook();
    yew::Renderer::<App>::with_root(fresh_root("panic-test")).render();
    settle().await;
    // Panic inside a timer callback, as a real UI panic would happen: outside the test body.
    gloo::timers::callback::Timeout::new(0, || panic!("boom from the browser test")).forget();
    yew::platform::time::sleep(Duration::from_millis(100)).await;

    let document = gloo::utils::document();
    let banner = document
        .get_element_by_id(ui_panic::ERROR_BANNER_ID)
        .expect("the panic hook must create the error banner");
    assert_eq!(banner.get_attribute("role").as_deref(), Some("alert"));
    let text = banner.text_content().unwrap();
    assert!(
        text.contains("boom from the browser test"),
        "banner text: {text}"
    );
    assert!(text.contains("Reload the page"), "banner text: {text}");
}

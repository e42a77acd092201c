//! Helpers shared by the `browser*` wasm-bindgen tests: mount an App, wait for a DOM
//! condition (polling, never a fixed sleep as proof), find controls by accessible name.
#![allow(dead_code)]

use std::time::Duration;

use sqs_playground::ui::{App, AppProps};
use wasm_bindgen::JsCast;

/// Polls `cond` every 10 ms until it holds; panics with `what` after 10 s.
pub async fn wait_for(what: &str, cond: impl Fn() -> bool) {
    for _ in 0..1_000 {
        if cond() {
            return;
        }
        yew::platform::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("timed out waiting for: {what}");
}

pub fn mount(id: &str) -> web_sys::Element {
    mount_with(id, AppProps::default())
}

/// Mounts an App with `props` into a fresh element `#id`.
pub fn mount_with(id: &str, props: AppProps) -> web_sys::Element {
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    root.set_id(id);
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root_and_props(root.clone(), props).render();
    root
}

pub fn find(root: &web_sys::Element, selector: &str) -> Option<web_sys::Element> {
    root.query_selector(selector).unwrap()
}

pub fn all(root: &web_sys::Element, selector: &str) -> Vec<web_sys::Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().dyn_into().unwrap())
        .collect()
}

/// The button (or `role=button` element) whose accessible name is `name`.
pub fn button(root: &web_sys::Element, name: &str) -> Option<web_sys::Element> {
    all(root, "button, [role=button]").into_iter().find(|b| {
        b.get_attribute("aria-label").as_deref() == Some(name)
            || (b.get_attribute("aria-label").is_none()
                && b.text_content().unwrap_or_default().trim() == name)
    })
}

pub fn button_starting(root: &web_sys::Element, prefix: &str) -> Option<web_sys::Element> {
    root.query_selector_all("[role=button]").ok().and_then(|l| {
        (0..l.length())
            .filter_map(|i| l.item(i))
            .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
            .find(|e| {
                e.get_attribute("aria-label")
                    .is_some_and(|a| a.starts_with(prefix))
            })
    })
}

pub fn click(el: &web_sys::Element) {
    let ev = web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &{
        let init = web_sys::MouseEventInit::new();
        init.set_bubbles(true);
        init
    })
    .unwrap();
    el.dispatch_event(&ev).unwrap();
}

pub fn type_into(input: &web_sys::HtmlInputElement, value: &str) {
    input.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    input
        .dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
}

/// Presses Step and waits until the step counter shows it.
pub async fn step(root: &web_sys::Element) {
    let before = text(root, ".clock-meta");
    click(&button(root, "Step").unwrap());
    wait_for("the step to show", || text(root, ".clock-meta") != before).await;
}

pub fn text(root: &web_sys::Element, selector: &str) -> String {
    find(root, selector)
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

/// The first button whose accessible name (label or text) begins with `prefix`.
pub fn button_named_like(root: &web_sys::Element, prefix: &str) -> Option<web_sys::Element> {
    all(root, "button, [role=button]").into_iter().find(|b| {
        b.get_attribute("aria-label")
            .or_else(|| b.text_content())
            .is_some_and(|n| n.trim().starts_with(prefix))
    })
}

/// Is `el` a disabled control?
pub fn disabled(el: &web_sys::Element) -> bool {
    el.has_attribute("disabled")
}

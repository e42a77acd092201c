//! Turns any Rust panic into a visible error banner instead of a silently dead page.
//!
//! The banner is written with plain DOM calls, not Yew: after a panic the Yew
//! runtime can no longer be trusted to render anything.

use wasm_bindgen::JsCast;

/// The id of the banner element, so tests and styles can find it.
pub const ERROR_BANNER_ID: &str = "error-banner";

/// Installs the panic hook (idempotent: a later call replaces the earlier hook).
///
/// Goes through Yew so that rendering does not later replace it with Yew's
/// default console-only hook.
pub fn install_panic_hook() {
    yew::set_custom_panic_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&format!("SQS Playground panicked: {message}").into());
        show_error_banner(&message);
    }));
}

/// Shows (or updates) the error banner at the top of the page with `message`.
pub fn show_error_banner(message: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let banner = match document.get_element_by_id(ERROR_BANNER_ID) {
        Some(existing) => existing,
        None => {
            let Ok(created) = document.create_element("div") else {
                return;
            };
            created.set_id(ERROR_BANNER_ID);
            created.set_class_name("error-banner");
            let _ = created.set_attribute("role", "alert");
            if let Some(body) = document.body() {
                let _ = body.prepend_with_node_1(&created);
            }
            created
        }
    };
    banner.set_inner_html("");
    if let Ok(title) = document.create_element("strong") {
        title.set_text_content(Some(
            "The playground hit an internal error and stopped. Reload the page to start again.",
        ));
        let _ = banner.append_child(&title);
    }
    if let Ok(detail) = document.create_element("span") {
        detail.set_class_name("error-detail");
        detail.set_text_content(Some(message));
        let _ = banner.append_child(&detail);
    }
    if let Some(html) = banner.dyn_ref::<web_sys::HtmlElement>() {
        let _ = html.focus();
    }
}

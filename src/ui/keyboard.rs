//! Keyboard shortcuts for the whole page (listed in the help dialog): Space play/pause,
//! → step, ← step back, +/− speed, Esc cancel or close, ? help, 1–4 jump ahead.
//! Ignored while typing in a field or when focus is on a control that Space or Enter
//! already activates, and when a modifier key is held.

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::components::controls::JUMPS;
use super::context::{Playground, UiHandle};
use super::state::UiAction;

/// Speed factor of one +/− press (four presses = ×10).
pub const SPEED_STEP: f64 = 1.778_279_41;

/// True when keys typed at `target` belong to it, not to the page.
fn is_typing_target(target: Option<web_sys::EventTarget>) -> bool {
    let Some(el) = target.and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else {
        return false;
    };
    let tag = el.tag_name().to_ascii_lowercase();
    matches!(tag.as_str(), "input" | "textarea" | "select")
        || el
            .get_attribute("contenteditable")
            .is_some_and(|v| v != "false")
}

/// True when `target` is a control that Space/Enter activate natively.
fn is_control_target(target: Option<web_sys::EventTarget>) -> bool {
    let Some(el) = target.and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else {
        return false;
    };
    let tag = el.tag_name().to_ascii_lowercase();
    matches!(tag.as_str(), "button" | "a" | "summary")
        || el.get_attribute("role").as_deref() == Some("button")
}

/// Handles one key press; returns true when it was a shortcut.
pub fn handle_key(e: &web_sys::KeyboardEvent, pg: &Playground, ui: &UiHandle) -> bool {
    if e.ctrl_key() || e.meta_key() || e.alt_key() || is_typing_target(e.target()) {
        return false;
    }
    let key = e.key();
    match key.as_str() {
        " " | "Spacebar" if !is_control_target(e.target()) => pg.act(|s| s.toggle_play()),
        "ArrowRight" => pg.act(|s| s.step()),
        "ArrowLeft" => pg.act(|s| s.step_back()),
        "+" | "=" => pg.act(|s| s.set_speed(s.speed * SPEED_STEP)),
        "-" | "_" => pg.act(|s| s.set_speed(s.speed / SPEED_STEP)),
        "?" => ui.dispatch(UiAction::Help(true)),
        "Escape" => {
            if !pg.act(|s| s.cancel_jump()) {
                ui.dispatch(UiAction::Escape);
            }
        }
        "1" | "2" | "3" | "4" => {
            let i = key.parse::<usize>().unwrap_or(1) - 1;
            let ms = JUMPS[i].1;
            pg.act(|s| s.jump_ahead(ms));
        }
        _ => return false,
    }
    true
}

/// Installs the page-wide shortcut listener for the lifetime of the calling component.
#[hook]
pub fn use_shortcuts(pg: Playground, ui: UiHandle) {
    // The reducer handle is re-read on each key press through a ref, so the listener
    // never acts on stale view state.
    let ui_ref = use_mut_ref(|| ui.clone());
    *ui_ref.borrow_mut() = ui;
    use_effect_with((), move |_| {
        let doc = gloo::utils::document();
        let options = EventListenerOptions::enable_prevent_default();
        let listener = EventListener::new_with_options(&doc, "keydown", options, move |event| {
            let Some(e) = event.dyn_ref::<web_sys::KeyboardEvent>() else {
                return;
            };
            let ui = ui_ref.borrow().clone();
            if handle_key(e, &pg, &ui) {
                e.prevent_default();
            }
        });
        move || drop(listener)
    });
}

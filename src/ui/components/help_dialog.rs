//! The keyboard help dialog (`?`): every shortcut. Shortcuts are ignored while typing in
//! a field; Esc closes the dialog.

use yew::prelude::*;

use crate::ui::context::use_ui;
use crate::ui::state::UiAction;

/// Every shortcut: (keys, what it does).
pub const SHORTCUTS: [(&str, &str); 8] = [
    ("Space", "Play / Pause"),
    ("→", "Step to the next event"),
    ("←", "Step back one event"),
    ("+ / −", "Faster / slower"),
    ("Esc", "Cancel a jump ahead, close this dialog or a form"),
    ("?", "Open this help"),
    (
        "Tab, then Enter",
        "Select an entity of the topology to inspect it",
    ),
    ("1 – 4", "Jump ahead 1 min, 1 h, 1 day, 4 days"),
];

/// The help dialog (rendered only when open).
#[function_component(HelpDialog)]
pub fn help_dialog() -> Html {
    let ui = use_ui();
    let close_ref = use_node_ref();
    {
        let close_ref = close_ref.clone();
        use_effect_with(ui.help_open, move |open| {
            if *open {
                if let Some(b) = close_ref.cast::<web_sys::HtmlElement>() {
                    let _ = b.focus();
                }
            }
        });
    }
    if !ui.help_open {
        return html! {};
    }
    let close = {
        let ui = ui.clone();
        Callback::from(move |_: MouseEvent| ui.dispatch(UiAction::Help(false)))
    };
    let rows = SHORTCUTS
        .iter()
        .map(|(k, v)| html! { <tr><th scope="row"><kbd>{ *k }</kbd></th><td>{ *v }</td></tr> });
    html! {
        <div class="dialog-backdrop">
            <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="help-title">
                <h2 id="help-title">{ "Keyboard shortcuts" }</h2>
                <table>{ for rows }</table>
                <p>{ "Every control is also reachable with Tab. Shortcuts do nothing while you type in a field." }</p>
                <p>{ "In the AWS CLI console (header: AWS CLI), Enter runs the command and ↑ / ↓ recall the lines typed before." }</p>
                <button type="button" ref={close_ref} onclick={close}>{ "Close help" }</button>
            </div>
        </div>
    }
}

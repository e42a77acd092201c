//! Saving and sharing the run: download the scenario document (the loaded scenario plus
//! every recorded action, so it replays this run), open a scenario file (checked by the
//! loader; its field-named error is shown and the current world is kept).

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::ui::boot::confirm;
use crate::ui::context::use_playground;
use crate::ui::persist;
use crate::ui::presets::default_scenario;
use crate::world::share::{encode_fragment, fits_in_link};
use crate::world::Scenario;

/// Puts `text` on the clipboard (best effort: the link is also shown to copy by hand).
fn copy_to_clipboard(text: &str) {
    crate::ui::clipboard::write_text(text, |_| {});
}

/// This page's address without query or fragment.
fn page_address() -> String {
    let location = gloo::utils::window().location();
    format!(
        "{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default()
    )
}

/// Saves `text` as a file called `name` (a download the browser offers).
pub fn download(name: &str, text: &str) {
    let blob = gloo::file::Blob::new_with_options(text, Some("application/json"));
    let url = gloo::file::ObjectUrl::from(blob);
    let document = gloo::utils::document();
    let Ok(a) = document.create_element("a") else {
        return;
    };
    let Ok(a) = a.dyn_into::<web_sys::HtmlAnchorElement>() else {
        return;
    };
    a.set_href(&url);
    a.set_download(name);
    a.click();
    // `url` is revoked when dropped, after the click has started the download.
}

/// The run menu.
#[function_component(RunMenu)]
pub fn run_menu() -> Html {
    let pg = use_playground();
    let message = use_state(|| None::<(bool, String)>);
    let file_input = use_node_ref();
    let reader = use_mut_ref(|| None::<gloo::file::callbacks::FileReader>);
    let on_download = {
        let (pg, message) = (pg.clone(), message.clone());
        Callback::from(move |_: MouseEvent| {
            let (doc, id) = pg.read(|s| (s.timeline.to_scenario(), s.base.id.clone()));
            let name = if id.is_empty() {
                "scenario".to_string()
            } else {
                id
            };
            download(&format!("{name}.json"), &doc.to_json());
            message.set(Some((false, format!("Downloaded {name}.json: load it again with \"Open scenario file\" to replay this run."))));
        })
    };
    let link = use_state(|| None::<String>);
    let on_link = {
        let (pg, message, link) = (pg.clone(), message.clone(), link.clone());
        Callback::from(move |_: MouseEvent| {
            let (fragment, name) =
                pg.read(|s| (encode_fragment(&s.run_document()), s.base.id.clone()));
            let url = format!("{}#{fragment}", page_address());
            if fits_in_link(&url) {
                copy_to_clipboard(&url);
                link.set(Some(url));
                message.set(Some((
                    false,
                    "Link copied: it opens this run at this very moment, paused.".into(),
                )));
            } else {
                link.set(None);
                let doc = pg.read(|s| s.timeline.to_scenario());
                let name = if name.is_empty() {
                    "scenario".to_string()
                } else {
                    name
                };
                download(&format!("{name}.json"), &doc.to_json());
                message.set(Some((true, format!("This run is too long for a link ({} characters): it was downloaded as {name}.json instead.", url.len()))));
            }
        })
    };
    let on_reset = {
        let (pg, message, link) = (pg.clone(), message.clone(), link.clone());
        Callback::from(move |_: MouseEvent| {
            if !confirm("Forget the run saved in this browser and start the default world again?") {
                return;
            }
            let cleared = persist::clear();
            let _ = gloo::utils::window().history().map(|h| {
                h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&page_address()))
            });
            let _ = pg.act(|s| {
                s.storage_error = None;
                s.load(default_scenario())
            });
            link.set(None);
            message.set(Some(match cleared {
                Ok(()) => (
                    false,
                    "Saved run forgotten; the default world is loaded.".to_string(),
                ),
                Err(e) => (true, e),
            }));
        })
    };
    let on_open = {
        let file_input = file_input.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = file_input.cast::<web_sys::HtmlInputElement>() {
                input.click();
            }
        })
    };
    let on_file = {
        let (pg, message, reader) = (pg.clone(), message.clone(), reader.clone());
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|l| l.get(0)) else {
                return;
            };
            input.set_value("");
            let file = gloo::file::File::from(file);
            let name = file.name();
            let (pg, message) = (pg.clone(), message.clone());
            let task = gloo::file::callbacks::read_as_text(&file, move |text| {
                let result = text
                    .map_err(|e| format!("could not read {name}: {e}"))
                    .and_then(|t| Scenario::from_json(&t).map_err(|e| format!("{name}: {e}")));
                match result {
                    Ok(s) => {
                        if pg.read(|s| s.edited)
                            && !confirm(
                                "Replace the current world with the scenario from the file?",
                            )
                        {
                            return;
                        }
                        match pg.act(|session| session.load(s)) {
                            Ok(()) => message.set(Some((false, format!("Opened {name}.")))),
                            Err(e) => message.set(Some((true, format!("{name}: {e}")))),
                        }
                    }
                    Err(e) => message.set(Some((true, e))),
                }
            });
            *reader.borrow_mut() = Some(task);
        })
    };
    html! {
        <div class="run-menu" role="group" aria-label="Save and share">
            <button type="button" onclick={on_link}>{ "Copy link" }</button>
            <button type="button" onclick={on_download}>{ "Download scenario" }</button>
            <button type="button" onclick={on_open}>{ "Open scenario file" }</button>
            <input type="file" accept=".json,application/json" ref={file_input} class="hidden-file"
                aria-label="Scenario file" onchange={on_file} />
            <button type="button" onclick={on_reset}>{ "Reset" }</button>
            if let Some(url) = &*link {
                <input type="text" class="shared-link" readonly=true value={url.clone()} aria-label="Shared link" />
            }
            if let Some((error, text)) = &*message {
                if *error {
                    <p class="error" role="alert">{ text.clone() }</p>
                } else {
                    <p class="note" role="status">{ text.clone() }</p>
                }
            }
        </div>
    }
}

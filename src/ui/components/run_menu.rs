//! Saving and sharing the run: download the scenario document (the loaded scenario plus
//! every recorded action, so it replays this run), open a scenario file (checked by the
//! loader; its field-named error is shown and the current world is kept).

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::ui::context::use_playground;
use crate::world::Scenario;

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
            let name = if id.is_empty() { "scenario".to_string() } else { id };
            download(&format!("{name}.json"), &doc.to_json());
            message.set(Some((false, format!("Downloaded {name}.json: load it again with \"Open scenario file\" to replay this run."))));
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
                        if pg.read(|s| s.edited) {
                            let ok = web_sys::window()
                                .and_then(|w| w.confirm_with_message("Replace the current world with the scenario from the file?").ok())
                                .unwrap_or(false);
                            if !ok {
                                return;
                            }
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
            <button type="button" onclick={on_download}>{ "Download scenario" }</button>
            <button type="button" onclick={on_open}>{ "Open scenario file" }</button>
            <input type="file" accept=".json,application/json" ref={file_input} class="hidden-file"
                aria-label="Scenario file" onchange={on_file} />
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

//! What the page opens on, in order: a shared run in the URL fragment (`#run=v1.…`), a
//! preset named by `?preset=<id>`, the run autosaved in this browser, else the default
//! preset — always paused. A damaged or tampered link, or an unknown preset, shows a
//! clear error and the default world; nothing saved is overwritten without asking.

use super::context::Playground;
use super::persist;
use super::presets::{fetch_index, fetch_preset, preset_param, DEFAULT_PRESET};
use crate::world::share::{decode_fragment, encode_fragment, is_run_fragment};

/// Where the page was opened from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Start {
    /// The query string (`?preset=…&projector=1`).
    pub search: String,
    /// The fragment (`#run=v1.…`).
    pub hash: String,
}

/// Opens what `start` asks for on `pg`'s session; reports an error with `on_error`.
pub fn open(start: Start, pg: Playground, on_error: impl Fn(String) + 'static) {
    let fragment = start.hash.trim_start_matches('#').to_string();
    let saved = persist::load();
    if is_run_fragment(&fragment) {
        match decode_fragment(&fragment) {
            Ok(doc) => {
                let saved_other = matches!(&saved, Ok(Some(s)) if *s != fragment);
                if saved_other
                    && !confirm(
                        "Open the shared run? The work this browser saved will be replaced by it.",
                    )
                {
                    return open_saved(saved, &pg, &on_error);
                }
                if let Err(e) = pg.act(|s| s.open_run(&doc)) {
                    on_error(e.to_string());
                }
            }
            Err(e) => on_error(format!("{e} The default world is shown instead.")),
        }
        return;
    }
    if let Some(id) = preset_param(&start.search).filter(|id| id != DEFAULT_PRESET) {
        yew::platform::spawn_local(async move {
            let result = async {
                let index = fetch_index().await?;
                let entry = index.iter().find(|p| p.id == id).ok_or_else(|| {
                    format!("There is no preset \"{id}\"; showing the default preset instead.")
                })?;
                let scenario = fetch_preset(entry).await?;
                pg.act(|s| {
                    s.start_paused = true;
                    s.load(scenario)
                })
                .map_err(|e| e.to_string())
            }
            .await;
            if let Err(e) = result {
                on_error(e);
            }
        });
        return;
    }
    if start.search.contains("preset=") {
        return; // the default preset, asked for by name
    }
    open_saved(saved, &pg, &on_error);
}

fn open_saved(saved: Result<Option<String>, String>, pg: &Playground, on_error: &dyn Fn(String)) {
    match saved {
        Ok(Some(text)) => match decode_fragment(&text) {
            Ok(doc) => {
                if let Err(e) = pg.act(|s| s.open_run(&doc)) {
                    on_error(format!(
                        "The run saved in this browser could not be opened: {e}"
                    ));
                }
            }
            Err(e) => on_error(format!(
                "The run saved in this browser could not be opened: {e}"
            )),
        },
        Ok(None) => {}
        Err(e) => pg.act(|s| s.storage_error = Some(e)),
    }
}

/// Asks the user a yes/no question (the browser's dialog); false when it cannot ask.
pub fn confirm(question: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(question).ok())
        .unwrap_or(false)
}

/// Saves the run in local storage when it changed since `last_revision` (returns the
/// revision saved); a refusal turns autosave off with its reason shown.
pub fn autosave(pg: &Playground, last_revision: u64) -> u64 {
    let (revision, busy) = pg.read(|s| {
        (
            s.revision,
            s.restoring.is_some() || s.storage_error.is_some(),
        )
    });
    if revision == last_revision || busy {
        return last_revision;
    }
    let (text, at) = pg.read(|s| (encode_fragment(&s.run_document()), s.world().elapsed_ms()));
    match persist::save(&text) {
        Ok(()) => pg.act(|s| {
            s.saved_at_ms = Some(at);
            s.revision += 1;
        }),
        Err(e) => pg.act(|s| {
            s.storage_error = Some(e);
            s.revision += 1;
        }),
    }
    // The notes above changed the session: count them as saved too.
    pg.read(|s| s.revision)
}

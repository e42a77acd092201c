//! Autosave in the browser's local storage: the run (scenario, recorded actions, current
//! time, lesson step) under one key, written at most every [`AUTOSAVE_EVERY_MS`] when the
//! run changed. Storage that is full or disabled is reported, never a crash: the
//! functions return the browser's reason as text.

/// The storage key of the autosaved run: per page path, since every project site of a
/// GitHub Pages user shares one origin (and so one local storage).
pub fn key() -> String {
    let path = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default();
    format!("sqs-playground:{path}:run/v1")
}
/// Wall time between two autosaves of a changing run, ms.
pub const AUTOSAVE_EVERY_MS: f64 = 2_000.0;

fn storage() -> Result<web_sys::Storage, String> {
    let window = web_sys::window().ok_or("no window")?;
    match window.local_storage() {
        Ok(Some(s)) => Ok(s),
        Ok(None) => Err("this browser has no local storage".into()),
        Err(e) => Err(format!("local storage is disabled ({})", describe(&e))),
    }
}

fn describe(e: &wasm_bindgen::JsValue) -> String {
    js_sys::Reflect::get(e, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown reason".into())
}

/// Writes the saved run.
pub fn save(text: &str) -> Result<(), String> {
    storage()?
        .set_item(&key(), text)
        .map_err(|e| format!("could not save the run ({})", describe(&e)))
}

/// The saved run, if any.
pub fn load() -> Result<Option<String>, String> {
    storage()?
        .get_item(&key())
        .map_err(|e| format!("could not read the saved run ({})", describe(&e)))
}

/// Forgets the saved run.
pub fn clear() -> Result<(), String> {
    storage()?
        .remove_item(&key())
        .map_err(|e| format!("could not clear the saved run ({})", describe(&e)))
}

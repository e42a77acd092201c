//! The clipboard: `navigator.clipboard.writeText`, with its outcome reported, since a
//! browser may refuse it (no permission, an insecure page, no clipboard API at all).

use wasm_bindgen::JsCast;

/// Starts writing `text` to the clipboard; `done(true)` once it is there, `done(false)`
/// when the browser refused it or has no clipboard API.
pub fn write_text(text: &str, done: impl FnOnce(bool) + 'static) {
    let Some(promise) = start(text) else {
        done(false);
        return;
    };
    yew::platform::spawn_local(async move {
        done(wasm_bindgen_futures::JsFuture::from(promise).await.is_ok());
    });
}

fn start(text: &str) -> Option<js_sys::Promise> {
    let navigator = web_sys::window()?.navigator();
    let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into()).ok()?;
    let write = js_sys::Reflect::get(&clipboard, &"writeText".into()).ok()?;
    let write = write.dyn_into::<js_sys::Function>().ok()?;
    write.call1(&clipboard, &text.into()).ok()?.dyn_into().ok()
}

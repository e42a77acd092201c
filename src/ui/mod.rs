//! The Yew playground UI (wasm only). It renders world state and sends user actions;
//! it never re-implements a rule the engine owns.

pub mod app;
pub mod components;
pub mod panic;
pub mod state;

pub use app::App;

/// Query flag that makes the page panic on purpose, so the error banner can be
/// checked end to end in the real release build.
const DEBUG_PANIC_FLAG: &str = "debug=panic";

/// Boots the app: installs the panic hook, then mounts [`App`] into `#app`.
pub fn start() {
    panic::install_panic_hook();
    let document = gloo::utils::document();
    let root = document
        .get_element_by_id("app")
        .expect("index.html must contain <div id=\"app\">");
    root.set_inner_html("");
    yew::Renderer::<App>::with_root(root).render();

    let search = gloo::utils::window()
        .location()
        .search()
        .unwrap_or_default();
    if search.contains(DEBUG_PANIC_FLAG) {
        gloo::timers::callback::Timeout::new(0, || {
            panic!("deliberate panic requested with ?{DEBUG_PANIC_FLAG}");
        })
        .forget();
    }
}

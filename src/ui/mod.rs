//! The Yew playground UI (wasm only). It draws world state and sends user actions; it
//! never re-implements a rule the engine owns.
//!
//! ```text
//! ui/
//!   app.rs        root: session, view state, the animation loop, layout
//!   session.rs    the running world (Timeline) + time controls, outside Yew state
//!   lesson_run.rs the guided lesson on the session: steps, Next / Back, its check
//!   boot.rs       what the page opens on;  persist.rs  the autosave
//!   frame.rs      the cheap per-frame picture components draw
//!   layout.rs     topology geometry;  format.rs  text for times, counts, sizes
//!   state.rs      view state (selection, forms, filters) as a reducer
//!   context.rs    what components get from context;  keyboard.rs  shortcuts
//!   presets.rs    the preset index and documents;  panic.rs  the error banner
//!   components/   one function component per file
//! ```
//!
//! May depend on the world's and engine's public API only.

pub mod app;
pub mod bench;
pub mod boot;
pub mod clipboard;
pub mod components;
pub mod context;
pub mod format;
pub mod frame;
pub mod keyboard;
pub mod layout;
pub mod lesson_run;
pub mod panic;
pub mod persist;
pub mod presets;
pub mod session;
pub mod state;

pub use app::{App, AppProps};

/// Query flag that makes the page panic on purpose, so the error banner can be
/// checked end to end in the real release build.
const DEBUG_PANIC_FLAG: &str = "debug=panic";

/// Registers the offline service worker (`sw.js`, next to the page, so it works under
/// any sub-path). Its cache is versioned by the app version. Browsers without service
/// workers, or pages not served from a secure origin, simply run without one.
fn register_service_worker() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let navigator = window.navigator();
    let supported = js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false);
    if !supported || !window.is_secure_context() {
        return;
    }
    let promise = navigator
        .service_worker()
        .register(&format!("sw.js?v={}", crate::VERSION));
    // A failed registration (say, no sw.js on a dev server) only means no offline mode.
    yew::platform::spawn_local(async move {
        if let Err(e) = wasm_bindgen_futures::JsFuture::from(promise).await {
            web_sys::console::warn_2(&"offline mode unavailable:".into(), &e);
        }
    });
}

/// Boots the app: installs the panic hook, then mounts [`App`] into `#app`.
pub fn start() {
    panic::install_panic_hook();
    let document = gloo::utils::document();
    let root = document
        .get_element_by_id("app")
        .expect("index.html must contain <div id=\"app\">");
    root.set_inner_html("");
    let search = gloo::utils::window()
        .location()
        .search()
        .unwrap_or_default();
    bench::register(&search);
    register_service_worker();
    let hash = gloo::utils::window().location().hash().unwrap_or_default();
    yew::Renderer::<App>::with_root_and_props(
        root,
        AppProps {
            search: search.clone().into(),
            hash: hash.into(),
            autosave: true,
        },
    )
    .render();
    if search.contains(DEBUG_PANIC_FLAG) {
        gloo::timers::callback::Timeout::new(0, || {
            panic!("deliberate panic requested with ?{DEBUG_PANIC_FLAG}");
        })
        .forget();
    }
}

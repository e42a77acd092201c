//! The bench/test hook, active only when the page is opened with `?bench=1`: it puts a
//! `window.sqsBench` object on the page (closures exported through wasm-bindgen) that
//! loads a generated scenario into the running app and times world work precisely,
//! without going through buttons or layout. `scripts/bench-web.mjs` (`make bench-web`)
//! drives it; without the flag nothing is installed and the app behaves as always.
//!
//! ```text
//! sqsBench.ready()               → true once the app has mounted and attached its session
//! sqsBench.loadScenario(json)    loads a scenario document, paused at its start (throws
//!                                Error with the loader's field-named message)
//! sqsBench.play(speed)           sets the speed (virtual ms per wall ms) and plays
//! sqsBench.pause()
//! sqsBench.jump(ms)              → wall ms: jumps ahead `ms` of virtual time with the
//!                                session's own jump, but in one go (no per-frame budget)
//! sqsBench.stepBack()            → wall ms of one Step back
//! sqsBench.state()               → { nowMs, startMs, steps, running, speed, eventLogHash,
//!                                queues: { <name>: { visible, inFlight, delayed, sent,
//!                                received, deleted } } }
//! sqsBench.runWorld(json, ms)    → { wallMs, state }: a separate World (no timeline, no
//!                                UI) built from `json` and run `ms` with `step_until`
//! ```
//!
//! Times come from `performance.now()`. The frame-time probe is not here: the bench
//! script wraps `requestAnimationFrame` before the app starts (see
//! `scripts/bench-web.mjs`), so it sees every frame from its very first callback.

use std::cell::{Cell, RefCell};

use js_sys::{Object, Reflect, JSON};
use wasm_bindgen::prelude::*;

use super::app::perf_now;
use super::context::Playground;
use crate::world::{Scenario, World};

/// The query parameter that turns the hook on.
pub const BENCH_PARAM: &str = "bench=1";

/// Name of the global object the hook installs.
pub const GLOBAL: &str = "sqsBench";

thread_local! {
    static ENABLED: Cell<bool> = const { Cell::new(false) };
    static PLAYGROUND: RefCell<Option<Playground>> = const { RefCell::new(None) };
}

/// True when the query string `search` (`?a=b&bench=1`) asks for bench mode.
pub fn requested(search: &str) -> bool {
    search
        .trim_start_matches('?')
        .split('&')
        .any(|kv| kv == BENCH_PARAM)
}

/// Installs `window.sqsBench` when `search` has `bench=1`; otherwise does nothing.
/// Call once, before the app is rendered.
pub fn register(search: &str) {
    if !requested(search) || ENABLED.get() {
        return;
    }
    ENABLED.set(true);
    let api = Object::new();
    let set = |name: &str, f: JsValue| {
        Reflect::set(&api, &JsValue::from_str(name), &f)
            .expect("setting a property of a fresh object");
    };
    set(
        "ready",
        Closure::<dyn Fn() -> bool>::new(|| PLAYGROUND.with_borrow(Option::is_some))
            .into_js_value(),
    );
    set(
        "loadScenario",
        Closure::<dyn Fn(String) -> Result<(), JsValue>>::new(load_scenario).into_js_value(),
    );
    set(
        "play",
        Closure::<dyn Fn(f64) -> Result<(), JsValue>>::new(play).into_js_value(),
    );
    set(
        "pause",
        Closure::<dyn Fn() -> Result<(), JsValue>>::new(|| with_pg(|pg| pg.act(|s| s.pause())))
            .into_js_value(),
    );
    set(
        "jump",
        Closure::<dyn Fn(f64) -> Result<f64, JsValue>>::new(jump).into_js_value(),
    );
    set(
        "stepBack",
        Closure::<dyn Fn() -> Result<f64, JsValue>>::new(step_back).into_js_value(),
    );
    set(
        "state",
        Closure::<dyn Fn() -> Result<JsValue, JsValue>>::new(state).into_js_value(),
    );
    set(
        "runWorld",
        Closure::<dyn Fn(String, f64) -> Result<JsValue, JsValue>>::new(run_world).into_js_value(),
    );
    Reflect::set(&gloo::utils::window(), &JsValue::from_str(GLOBAL), &api)
        .expect("setting a property of window");
}

/// Gives the hook the app's session (a no-op unless bench mode is on).
pub fn attach(pg: &Playground) {
    if ENABLED.get() {
        PLAYGROUND.with_borrow_mut(|slot| *slot = Some(pg.clone()));
    }
}

fn error(msg: impl std::fmt::Display) -> JsValue {
    JsError::new(&msg.to_string()).into()
}

fn with_pg<R>(f: impl FnOnce(&Playground) -> R) -> Result<R, JsValue> {
    let pg = PLAYGROUND.with_borrow(Option::clone).ok_or_else(|| {
        error("sqsBench: the app has not mounted yet (wait for sqsBench.ready())")
    })?;
    Ok(f(&pg))
}

fn ms_arg(ms: f64, what: &str) -> Result<u64, JsValue> {
    if ms.is_finite() && ms >= 0.0 {
        Ok(ms as u64)
    } else {
        Err(error(format!(
            "sqsBench.{what}: expected milliseconds ≥ 0, got {ms}"
        )))
    }
}

fn parse(json: &str) -> Result<Scenario, JsValue> {
    Scenario::from_json(json).map_err(|e| error(format!("sqsBench: bad scenario: {e}")))
}

fn load_scenario(json: String) -> Result<(), JsValue> {
    let scenario = parse(&json)?;
    with_pg(|pg| {
        pg.act(|s| {
            s.start_paused = true;
            s.load(scenario)
        })
    })?
    .map_err(|e| error(format!("sqsBench: the world refused the scenario: {e}")))
}

fn play(speed: f64) -> Result<(), JsValue> {
    let speed = if speed.is_finite() && speed > 0.0 {
        speed
    } else {
        1.0
    };
    with_pg(|pg| {
        pg.act(|s| {
            s.set_speed(speed);
            if !s.running {
                s.toggle_play();
            }
        })
    })
}

fn jump(ms: f64) -> Result<f64, JsValue> {
    let by = ms_arg(ms, "jump")?;
    with_pg(|pg| {
        pg.act(|s| {
            s.jump_ahead(by);
            let t0 = perf_now();
            // The session's own jump, with a clock that never runs out of budget: one call.
            s.tick(t0, &|| 0.0);
            perf_now() - t0
        })
    })
}

fn step_back() -> Result<f64, JsValue> {
    with_pg(|pg| {
        pg.act(|s| {
            let t0 = perf_now();
            s.step_back();
            perf_now() - t0
        })
    })
}

/// The world's state as a small JSON object (hand-built: serialising the whole run
/// summary would add its serde code to every build of the app).
fn state_json(w: &World, running: bool, speed: f64) -> String {
    let queues: Vec<String> = w
        .snapshot()
        .queues
        .iter()
        .map(|q| {
            format!(
                "{}:{{\"visible\":{},\"inFlight\":{},\"delayed\":{},\"sent\":{},\"received\":{},\"deleted\":{}}}",
                serde_json::to_string(&q.name).unwrap_or_default(),
                q.visible,
                q.in_flight,
                q.delayed,
                q.stats.sent,
                q.stats.received,
                q.stats.deleted
            )
        })
        .collect();
    format!(
        "{{\"nowMs\":{},\"startMs\":{},\"steps\":{},\"running\":{running},\"speed\":{speed},\"eventLogHash\":\"{}\",\"queues\":{{{}}}}}",
        w.now_ms(),
        w.start_ms(),
        w.steps(),
        w.event_log_hash(),
        queues.join(",")
    )
}

fn state() -> Result<JsValue, JsValue> {
    let text = with_pg(|pg| pg.read(|s| state_json(s.world(), s.running, s.speed)))?;
    JSON::parse(&text)
}

fn run_world(json: String, ms: f64) -> Result<JsValue, JsValue> {
    let by = ms_arg(ms, "runWorld")?;
    let scenario = parse(&json)?;
    let mut w = World::from_scenario(&scenario)
        .map_err(|e| error(format!("sqsBench: the world refused the scenario: {e}")))?;
    let t0 = perf_now();
    let end = w.now_ms().saturating_add(by);
    w.step_until(end);
    let wall = perf_now() - t0;
    JSON::parse(&format!(
        "{{\"wallMs\":{wall},\"state\":{}}}",
        state_json(&w, false, 0.0)
    ))
}

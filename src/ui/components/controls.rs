//! Time controls: Play/Pause (Space), Step (→), Step back (←), the speed slider (log
//! scale, +/−), Jump ahead 1 min / 1 h / 1 day / 4 days with a progress bar (Esc
//! cancels), Restart (same seed) and New seed; the virtual clock, seed and step count.

use yew::prelude::*;

use crate::ui::context::use_playground;
use crate::ui::format;
use crate::ui::frame::ClockView;
use crate::ui::session::SPEED_RANGE;

/// The jumps offered, with their labels.
pub const JUMPS: [(&str, u64); 4] = [
    ("1 min", 60_000),
    ("1 h", 3_600_000),
    ("1 day", 86_400_000),
    ("4 days", 4 * 86_400_000),
];

/// Props of [`Controls`].
#[derive(Properties, PartialEq, Clone)]
pub struct ControlsProps {
    /// The clock and control state.
    pub clock: ClockView,
}

/// Slider position (log10 of the speed) of `speed`.
fn slider_of(speed: f64) -> f64 {
    speed.log10()
}

/// The time controls bar.
#[function_component(Controls)]
pub fn controls(props: &ControlsProps) -> Html {
    let pg = use_playground();
    let c = &props.clock;
    let on_play = {
        let pg = pg.clone();
        Callback::from(move |_: MouseEvent| pg.act(|s| s.toggle_play()))
    };
    let on_step = {
        let pg = pg.clone();
        Callback::from(move |_: MouseEvent| pg.act(|s| s.step()))
    };
    let on_back = {
        let pg = pg.clone();
        Callback::from(move |_: MouseEvent| pg.act(|s| s.step_back()))
    };
    let on_speed = {
        let pg = pg.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Ok(v) = input.value().parse::<f64>() {
                pg.act(|s| s.set_speed(10f64.powf(v)));
            }
        })
    };
    let on_restart = {
        let pg = pg.clone();
        Callback::from(move |_: MouseEvent| pg.act(|s| s.restart()))
    };
    let on_new_seed = {
        let pg = pg.clone();
        Callback::from(move |_: MouseEvent| {
            let seed = (js_sys::Math::random() * 1_000_000.0) as u64;
            pg.act(|s| s.new_seed(seed))
        })
    };
    let on_cancel = {
        let pg = pg.clone();
        Callback::from(move |_: MouseEvent| {
            pg.act(|s| s.cancel_jump());
        })
    };
    let jumps = JUMPS.iter().map(|(label, ms)| {
        let pg = pg.clone();
        let ms = *ms;
        let onclick = Callback::from(move |_: MouseEvent| pg.act(|s| s.jump_ahead(ms)));
        html! {
            <button type="button" {onclick} disabled={c.jump.is_some()}
                aria-label={format!("Jump ahead {label}")}>{ format!("+{label}") }</button>
        }
    });
    let elapsed = c.now_ms.saturating_sub(c.start_ms);
    let speed_text = if c.lagging && c.running {
        format!(
            "running at {} of {}",
            format::speed(c.achieved_speed),
            format::speed(c.speed)
        )
    } else {
        format!("speed {}", format::speed(c.speed))
    };
    html! {
        <div class="controls" role="group" aria-label="Time controls">
            <div class="clock" aria-label="Virtual clock">
                <span class="clock-elapsed">{ format::elapsed(elapsed) }</span>
                <span class="clock-utc">{ format::utc(c.now_ms) }</span>
                <span class="clock-meta">{ format!("seed {} · step {}", c.seed, format::count(c.steps)) }</span>
            </div>
            <div class="buttons">
                <button type="button" class="primary" aria-pressed={c.running.to_string()}
                    aria-keyshortcuts="Space" onclick={on_play}>
                    { if c.running { "Pause" } else { "Play" } }
                </button>
                <button type="button" aria-keyshortcuts="ArrowLeft" onclick={on_back}
                    title="Step back (←)">{ "Step back" }</button>
                <button type="button" aria-keyshortcuts="ArrowRight" onclick={on_step}
                    title="Step to the next event (→)">{ "Step" }</button>
                <label class="speed">
                    <span>{ "Speed" }</span>
                    <input type="range" aria-label="Speed" aria-keyshortcuts="+ -"
                        aria-valuetext={format::speed(c.speed)}
                        min={slider_of(SPEED_RANGE.0).to_string()} max={slider_of(SPEED_RANGE.1).to_string()}
                        step="0.05" value={slider_of(c.speed).to_string()} oninput={on_speed} />
                    <output class={classes!("speed-value", c.lagging.then_some("lagging"))}
                        aria-live="polite">{ speed_text }</output>
                </label>
            </div>
            <div class="buttons jumps" role="group" aria-label="Jump ahead">
                <span class="group-label">{ "Jump ahead" }</span>
                { for jumps }
            </div>
            if let Some((progress, to_ms)) = c.jump {
                <div class="jump-progress">
                    <progress max="1" value={progress.to_string()}
                        aria-label={format!("Jumping ahead to {}", format::elapsed(to_ms.saturating_sub(c.start_ms)))}>
                    </progress>
                    <span>{ format!("{:.0} %", progress * 100.0) }</span>
                    <button type="button" aria-keyshortcuts="Escape" onclick={on_cancel}>{ "Cancel jump" }</button>
                </div>
            }
            <div class="buttons">
                <button type="button" onclick={on_restart}>{ "Restart" }</button>
                <button type="button" onclick={on_new_seed}>{ "New seed" }</button>
            </div>
            if let Some(p) = c.restoring {
                <div class="jump-progress">
                    <progress max="1" value={p.to_string()} aria-label="Opening the run"></progress>
                    <span>{ format!("Opening the run… {:.0} %", p * 100.0) }</span>
                </div>
            }
            <p class="fingerprint">
                <span>{ "Event-log hash " }</span>
                <output aria-label="Event-log hash" title="Same seed and same actions give the same hash, in any browser and natively (sqs-world)">{ c.hash.clone() }</output>
            </p>
            if let Some(at) = c.saved_at_ms {
                <p class="note saved">{ format!("Autosaved at {}", format::elapsed(at)) }</p>
            }
            if let Some(e) = &c.storage_error {
                <p class="error" role="alert">{ format!("Autosave is off: {e}") }</p>
            }
            if c.has_future {
                <p class="note future-note">{ "You stepped back: stepping forward replays your later actions; acting now discards them." }</p>
            }
            if let Some(notice) = &c.notice {
                <p class="note" role="status">{ notice.clone() }</p>
            }
        </div>
    }
}

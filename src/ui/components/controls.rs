//! Time controls: play/pause and single step of the virtual clock.

use yew::prelude::*;

/// Props of [`Controls`].
#[derive(Properties, PartialEq, Clone)]
pub struct ControlsProps {
    /// Whether virtual time is running.
    pub running: bool,
    /// Virtual time elapsed, in milliseconds.
    pub elapsed_ms: u64,
    /// Called when the play/pause button is pressed.
    pub on_toggle: Callback<()>,
    /// Called when the step button is pressed.
    pub on_step: Callback<()>,
}

/// Formats virtual milliseconds as `m:ss.mmm`.
pub fn format_elapsed(elapsed_ms: u64) -> String {
    let total_s = elapsed_ms / 1_000;
    format!(
        "{}:{:02}.{:03}",
        total_s / 60,
        total_s % 60,
        elapsed_ms % 1_000
    )
}

/// Play/pause toggle (with `aria-pressed`) and a step button.
#[function_component(Controls)]
pub fn controls(props: &ControlsProps) -> Html {
    let on_toggle = props.on_toggle.reform(|_: MouseEvent| ());
    let on_step = props.on_step.reform(|_: MouseEvent| ());
    let label = if props.running { "Pause" } else { "Play" };
    html! {
        <div class="controls" role="group" aria-label="Time controls">
            <button id="play-toggle" type="button" aria-pressed={props.running.to_string()}
                onclick={on_toggle}>{ label }</button>
            { " " }
            <button id="step" type="button" disabled={props.running} onclick={on_step}>
                { "Step 1 s" }
            </button>
            <span class="clock" aria-live="polite">
                { format!("Virtual time {}", format_elapsed(props.elapsed_ms)) }
            </span>
        </div>
    }
}

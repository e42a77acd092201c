//! The application shell: header plus the four main regions.

use yew::prelude::*;

use super::components::{controls::Controls, header::Header, region::Region};
use super::state::{PlaygroundAction, PlaygroundState};

/// Virtual time moved by one press of "Step".
const STEP_MS: u64 = 1_000;

/// Root component of the playground.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(PlaygroundState::default);
    let on_toggle = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(PlaygroundAction::TogglePlay))
    };
    let on_step = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(PlaygroundAction::Step { by_ms: STEP_MS }))
    };

    html! {
        <>
            <Header name="SQS Playground" version={crate::VERSION} />
            <main class="layout">
                <Region id="topology" title="Topology"
                    placeholder="Queues, producers, consumers and storage servers will be drawn here." />
                <Region id="controls" title="Controls">
                    <Controls running={state.running} elapsed_ms={state.elapsed_ms}
                        {on_toggle} {on_step} />
                </Region>
                <Region id="inspector" title="Inspector"
                    placeholder="Select a queue or message to inspect its attributes." />
                <Region id="eventlog" title="Event log"
                    placeholder="Every delivery, deletion, expiry and failure will be explained here." />
            </main>
        </>
    }
}

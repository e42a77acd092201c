//! Playground UI state as a reducer (`State` + `Action` + `impl Reducible`).

use std::rc::Rc;
use yew::Reducible;

/// What the shell tracks until the world is wired in: whether virtual time runs.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PlaygroundState {
    /// True while virtual time is advancing.
    pub running: bool,
    /// Virtual time shown in the controls, in milliseconds since the run started.
    pub elapsed_ms: u64,
}

/// User actions the shell understands.
#[derive(Debug, Clone, PartialEq)]
pub enum PlaygroundAction {
    /// Start or pause virtual time.
    TogglePlay,
    /// Advance virtual time by a step (used by the single-step control).
    Step {
        /// How far to move the virtual clock.
        by_ms: u64,
    },
}

impl Reducible for PlaygroundState {
    type Action = PlaygroundAction;

    fn reduce(self: Rc<Self>, action: Self::Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            PlaygroundAction::TogglePlay => next.running = !next.running,
            PlaygroundAction::Step { by_ms } => {
                next.elapsed_ms = next.elapsed_ms.saturating_add(by_ms)
            }
        }
        Rc::new(next)
    }
}

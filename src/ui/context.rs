//! What components reach through Yew contexts: the [`Playground`] handle to the running
//! session (read it, or act on it — every change then refreshes the frame) and the view
//! state reducer.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::session::Session;
use super::state::UiState;
use crate::world::{Action, ActionError};

/// The running session, shared by every component.
#[derive(Clone)]
pub struct Playground {
    session: Rc<RefCell<Session>>,
    refresh: Callback<()>,
}

impl PartialEq for Playground {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.session, &other.session)
    }
}

impl Playground {
    /// A handle on `session`; `refresh` rebuilds the frame after a change.
    pub fn new(session: Rc<RefCell<Session>>, refresh: Callback<()>) -> Self {
        Playground { session, refresh }
    }

    /// Reads the session.
    pub fn read<R>(&self, f: impl FnOnce(&Session) -> R) -> R {
        f(&self.session.borrow())
    }

    /// Changes the session, then refreshes the frame.
    pub fn act<R>(&self, f: impl FnOnce(&mut Session) -> R) -> R {
        let r = f(&mut self.session.borrow_mut());
        self.refresh.emit(());
        r
    }

    /// Applies a user action through the world (recorded; AWS's error on refusal).
    pub fn apply(&self, action: Action) -> Result<(), ActionError> {
        self.act(|s| s.apply(action))
    }

    /// The shared session cell (for the animation loop).
    pub fn session(&self) -> Rc<RefCell<Session>> {
        self.session.clone()
    }
}

/// The view-state reducer handle.
pub type UiHandle = UseReducerHandle<UiState>;

/// The playground handle from context (panics outside the app: a programming error).
#[hook]
pub fn use_playground() -> Playground {
    use_context::<Playground>().expect("components run inside the App's Playground provider")
}

/// The view state from context.
#[hook]
pub fn use_ui() -> UiHandle {
    use_context::<UiHandle>().expect("components run inside the App's UiState provider")
}

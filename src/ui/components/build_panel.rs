//! The build panel: create queues and add producers and consumers (forms validated by
//! the engine and the world, their errors shown at the field).

use yew::prelude::*;

use crate::ui::frame::{Frame, Shared};

/// Props of [`BuildPanel`].
#[derive(Properties, PartialEq, Clone)]
pub struct BuildPanelProps {
    /// The frame.
    pub frame: Shared<Frame>,
}

/// The build panel.
#[function_component(BuildPanel)]
pub fn build_panel(props: &BuildPanelProps) -> Html {
    let _ = &props.frame;
    html! { <p class="placeholder">{ "Forms to create queues, producers and consumers come here." }</p> }
}

//! CloudWatch-style charts of the selected queue.

use yew::prelude::*;

use crate::ui::frame::{Frame, Shared};

/// Props of [`Charts`].
#[derive(Properties, PartialEq, Clone)]
pub struct ChartsProps {
    /// The frame.
    pub frame: Shared<Frame>,
}

/// The charts panel.
#[function_component(Charts)]
pub fn charts(props: &ChartsProps) -> Html {
    let _ = &props.frame;
    html! { <p class="placeholder">{ "Charts come here." }</p> }
}

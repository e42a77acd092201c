//! The key to the topology's token shapes (state is shown by shape and text, colour only
//! repeats it).

use yew::prelude::*;

use super::tokens::{shape, TokenShape};

/// The legend under the topology.
#[function_component(Legend)]
pub fn legend() -> Html {
    let items = [
        (TokenShape::Visible, "visible (number = receive count)"),
        (
            TokenShape::InFlight,
            "in flight, at the consumer holding it, with time left",
        ),
        (TokenShape::Delayed, "delayed"),
        (TokenShape::DeadLettered, "dead-lettered"),
        (
            TokenShape::Stale,
            "stale copy of a deleted message on a down server",
        ),
    ];
    let items = items.iter().map(|(kind, text)| html! {
        <li>
            <svg class="legend-token" viewBox="-10 -10 20 20" width="20" height="20" aria-hidden="true">
                <g class={classes!("token", kind.name())}>{ shape(*kind, 1, false) }</g>
            </svg>
            <span>{ *text }</span>
        </li>
    });
    html! {
        <ul class="legend" aria-label="Token legend">
            { for items }
            <li><span class="dup-mark" aria-hidden="true">{ "!" }</span><span>{ "a duplicate delivery (already processed)" }</span></li>
        </ul>
    }
}

/// Props of [`FullScreenButton`].
#[derive(Properties, PartialEq, Clone)]
pub struct FullScreenButtonProps {
    /// Id of the element to show full screen.
    pub target: AttrValue,
}

/// Shows one region full screen (the browser's Esc leaves it), for the classroom projector.
#[function_component(FullScreenButton)]
pub fn full_screen_button(props: &FullScreenButtonProps) -> Html {
    let target = props.target.clone();
    let onclick = Callback::from(move |_: MouseEvent| {
        if let Some(el) = gloo::utils::document().get_element_by_id(&target) {
            let _ = el.request_fullscreen();
        }
    });
    html! { <button type="button" class="fullscreen" {onclick}>{ "Show the topology full screen" }</button> }
}

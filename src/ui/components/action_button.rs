//! A button that applies one world action ("Kill server 2", "Purge queue orders") and
//! shows SQS's or the world's reason next to it when the action is refused (the refusal
//! is also in the event log, since the world records it).

use yew::prelude::*;

use crate::ui::context::use_playground;
use crate::world::Action;

/// Props of [`ActionButton`].
#[derive(Properties, PartialEq, Clone)]
pub struct ActionButtonProps {
    /// The button's text and accessible name (starts with its verb).
    pub label: AttrValue,
    /// What it does.
    pub action: Action,
    /// Extra CSS classes.
    #[prop_or_default]
    pub class: Classes,
}

/// Applies `action` when pressed; shows the error inline when refused.
#[function_component(ActionButton)]
pub fn action_button(props: &ActionButtonProps) -> Html {
    let pg = use_playground();
    let error = use_state(|| None::<String>);
    let onclick = {
        let (action, error) = (props.action.clone(), error.clone());
        Callback::from(move |_: MouseEvent| match pg.apply(action.clone()) {
            Ok(()) => error.set(None),
            Err(e) => error.set(Some(e.to_string())),
        })
    };
    html! {
        <span class="action">
            <button type="button" class={props.class.clone()} {onclick}>{ props.label.clone() }</button>
            if let Some(e) = &*error {
                <span class="error" role="alert">{ e.clone() }</span>
            }
        </span>
    }
}

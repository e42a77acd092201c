//! Start a dead-letter queue redrive (StartMessageMoveTask): back to each message's
//! source queue or to a chosen queue, at a chosen pace. Cancel is in the queue inspector.

use yew::prelude::*;

use super::field::{
    close_form, general_error, optional_u32, value_setter, Control, Field, FormError, Values,
};
use crate::ui::context::{use_playground, use_ui};
use crate::ui::state::{Form, UiAction};
use crate::world::Action;

/// Props of [`RedriveForm`].
#[derive(Properties, PartialEq, Clone)]
pub struct RedriveFormProps {
    /// The dead-letter queue to drain.
    pub queue: String,
    /// Existing queues (possible destinations).
    pub queues: Vec<String>,
}

/// The redrive form.
#[function_component(RedriveForm)]
pub fn redrive_form(props: &RedriveFormProps) -> Html {
    let pg = use_playground();
    let ui = use_ui();
    let values = use_state(|| {
        let mut v = Values::new();
        v.insert("destination", String::new());
        v.insert("rate", String::new());
        v
    });
    let error = use_state(|| None::<FormError>);
    let on_change = value_setter(&values);
    let onsubmit = {
        let (values, error, ui, queue) = (
            values.clone(),
            error.clone(),
            ui.clone(),
            props.queue.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let rate = match optional_u32(&values, "rate", "a whole number") {
                Ok(r) => r,
                Err(e) => return error.set(Some(e)),
            };
            let action = Action::StartRedrive {
                source_queue: queue.clone(),
                destination_queue: Some(values["destination"].clone()).filter(|d| !d.is_empty()),
                rate_per_s: rate,
            };
            match pg.apply(action) {
                Ok(()) => {
                    error.set(None);
                    ui.dispatch(UiAction::Open(Form::None));
                }
                Err(e) => {
                    let field = match e.field.as_deref() {
                        Some("MaxNumberOfMessagesPerSecond") => Some("rate".to_string()),
                        Some("DestinationArn") => Some("destination".to_string()),
                        _ => None,
                    };
                    error.set(Some(FormError {
                        field,
                        message: e.to_string(),
                    }));
                }
            }
        })
    };
    let cancel = close_form(&ui);
    let err = (*error).clone();
    let mut dest = vec![(String::new(), "each message's source queue".to_string())];
    dest.extend(
        props
            .queues
            .iter()
            .filter(|q| **q != props.queue)
            .map(|q| (q.clone(), q.clone())),
    );
    let title = format!("Redrive messages from {}", props.queue);
    html! {
        <form class="form redrive-form" aria-label={title.clone()} {onsubmit}>
            <h3>{ title }</h3>
            { general_error(&err, &["destination", "rate"]) }
            <Field name="destination" label="Destination" hint="where the messages go back to" control={Control::Choice(dest)}
                value={values["destination"].clone()} on_change={on_change.clone()} error={err.clone()} />
            <Field name="rate" label="Messages per second" hint="1 to 500; empty: as fast as possible (500/s)"
                value={values["rate"].clone()} on_change={on_change.clone()} error={err.clone()} />
            <p class="note">{ "Each message is moved as a new message (new MessageId, receive count 0)." }</p>
            <div class="buttons">
                <button type="submit" class="primary">{ "Start redrive" }</button>
                <button type="button" onclick={cancel}>{ "Cancel" }</button>
            </div>
        </form>
    }
}

//! The build panel: add queues, producers and consumers, and the form that is open
//! (creating or editing a queue, producer or consumer, sending a message, redriving a
//! dead-letter queue). Forms are validated by the engine and the world.

use yew::prelude::*;

use super::consumer_form::ConsumerForm;
use super::producer_form::ProducerForm;
use super::queue_form::QueueForm;
use super::redrive_form::RedriveForm;
use super::send_form::SendForm;
use crate::ui::context::use_ui;
use crate::ui::frame::{Frame, Shared};
use crate::ui::state::{Form, UiAction};

/// Props of [`BuildPanel`].
#[derive(Properties, PartialEq, Clone)]
pub struct BuildPanelProps {
    /// The frame.
    pub frame: Shared<Frame>,
}

/// The build panel.
#[function_component(BuildPanel)]
pub fn build_panel(props: &BuildPanelProps) -> Html {
    let ui = use_ui();
    let f = &props.frame;
    let queues: Vec<String> = f.queues.iter().map(|q| q.name.clone()).collect();
    let open = |form: Form| {
        let ui = ui.clone();
        Callback::from(move |_: MouseEvent| ui.dispatch(UiAction::Open(form.clone())))
    };
    let producer_ids: Vec<String> = f.producers.iter().map(|p| p.id.clone()).collect();
    let consumer_ids: Vec<String> = f.consumers.iter().map(|c| c.id.clone()).collect();
    // Keyed by the form, so switching forms starts from fresh values.
    let form = match &ui.form {
        Form::None => html! {},
        Form::NewQueue => html! { <QueueForm key="new-queue" queues={queues.clone()} /> },
        Form::EditQueue(q) => {
            html! { <QueueForm key={format!("edit-queue-{q}")} queue={q.clone()} queues={queues.clone()} /> }
        }
        Form::NewProducer => {
            html! { <ProducerForm key="new-producer" queues={queues.clone()} ids={producer_ids.clone()} /> }
        }
        Form::EditProducer(p) => {
            html! { <ProducerForm key={format!("edit-producer-{p}")} producer={p.clone()} queues={queues.clone()} ids={producer_ids.clone()} /> }
        }
        Form::NewConsumer => {
            html! { <ConsumerForm key="new-consumer" queues={queues.clone()} ids={consumer_ids.clone()} /> }
        }
        Form::EditConsumer(c) => {
            html! { <ConsumerForm key={format!("edit-consumer-{c}")} consumer={c.clone()} queues={queues.clone()} ids={consumer_ids.clone()} /> }
        }
        Form::SendMessage(q) => html! { <SendForm key={format!("send-{q}")} queue={q.clone()} /> },
        Form::Redrive(q) => {
            html! { <RedriveForm key={format!("redrive-{q}")} queue={q.clone()} queues={queues.clone()} /> }
        }
    };
    html! {
        <div class="build-panel">
            <div class="buttons">
                <button type="button" onclick={open(Form::NewQueue)}>{ "Add a queue" }</button>
                <button type="button" onclick={open(Form::NewProducer)} disabled={queues.is_empty()}>{ "Add a producer" }</button>
                <button type="button" onclick={open(Form::NewConsumer)} disabled={queues.is_empty()}>{ "Add a consumer" }</button>
            </div>
            { form }
        </div>
    }
}

//! The inspector (the god view: it reads the world, never receives, never changes
//! visibility): shows whatever is selected — a queue, a message, a consumer, a producer,
//! a server, or the order story's systems.

use yew::prelude::*;

use super::actor_inspector::{ConsumerInspector, ProducerInspector};
use super::message_inspector::MessageInspector;
use super::queue_inspector::QueueInspector;
use super::system_inspector::{ServerInspector, SystemInspector};
use crate::ui::context::use_ui;
use crate::ui::frame::{Frame, Shared};
use crate::ui::state::Selection;

/// Props of [`Inspector`].
#[derive(Properties, PartialEq, Clone)]
pub struct InspectorProps {
    /// The frame.
    pub frame: Shared<Frame>,
}

/// The inspector panel.
#[function_component(Inspector)]
pub fn inspector(props: &InspectorProps) -> Html {
    let ui = use_ui();
    let f = &props.frame;
    let (revision, now_ms, start_ms) = (f.revision, f.clock.now_ms, f.clock.start_ms);
    match &ui.selection {
        Selection::None => html! {
            <p class="placeholder">{ "Select a queue, a message token, a consumer, a producer or a server in the topology (click, or Tab then Enter) to see everything about it here. Nothing you do here changes the world: the inspector never receives a message." }</p>
        },
        Selection::Queue(name) => match f.queues.iter().find(|q| &q.name == name) {
            Some(q) => html! { <QueueInspector queue={q.clone()} {revision} {now_ms} /> },
            None => html! { <p>{ format!("Queue {name} no longer exists.") }</p> },
        },
        Selection::Message(id) => {
            html! { <MessageInspector message_id={id.clone()} {revision} {now_ms} {start_ms} /> }
        }
        Selection::Consumer(id) => {
            html! { <ConsumerInspector id={id.clone()} {revision} {now_ms} /> }
        }
        Selection::Producer(id) => {
            html! { <ProducerInspector id={id.clone()} {revision} {now_ms} /> }
        }
        Selection::Server(i) => {
            html! { <ServerInspector frame={props.frame.clone()} index={*i} /> }
        }
        Selection::System(s) => {
            html! { <SystemInspector frame={props.frame.clone()} system={*s} /> }
        }
    }
}

//! A queue in the inspector: its attributes exactly as GetQueueAttributes(All) returns
//! them (read without a request), exact counts and totals, its message list, and the
//! queue's actions (edit attributes, send, purge, delete, redrive from a DLQ), and its
//! configuration exported as code.

use yew::prelude::*;

use super::action_button::ActionButton;
use super::message_list::MessageList;
use super::queue_export::QueueExportPanel;
use crate::ui::context::{use_playground, use_ui};
use crate::ui::format;
use crate::ui::frame::QueueFrame;
use crate::ui::state::{Form, UiAction};
use crate::world::Action;

/// Props of [`QueueInspector`].
#[derive(Properties, PartialEq, Clone)]
pub struct QueueInspectorProps {
    /// The queue as drawn this frame.
    pub queue: QueueFrame,
    /// Session revision.
    pub revision: u64,
    /// Virtual now, epoch ms.
    pub now_ms: u64,
}

/// The queue inspector.
#[function_component(QueueInspector)]
pub fn queue_inspector(props: &QueueInspectorProps) -> Html {
    let pg = use_playground();
    let ui = use_ui();
    let q = &props.queue;
    let attrs = pg
        .read(|s| s.world().queue_attributes(&q.name))
        .unwrap_or_default();
    let open = |form: Form| {
        let ui = ui.clone();
        Callback::from(move |_: MouseEvent| ui.dispatch(UiAction::Open(form.clone())))
    };
    let rows = attrs.iter().map(|(k, v)| {
        html! { <tr><th scope="row">{ k.clone() }</th><td><code>{ v.clone() }</code></td></tr> }
    });
    let s = &q.stats;
    let stats = [
        ("sent", s.sent),
        ("received", s.received),
        ("deleted", s.deleted),
        ("redeliveries", s.redeliveries),
        ("duplicate deliveries", s.duplicate_deliveries),
        ("moved to DLQ", s.moved_to_dlq),
        ("dead-lettered here", s.dead_lettered),
        ("expired", s.expired),
        ("purged", s.purged),
        ("dedup-suppressed", s.dedup_suppressed),
        ("empty receives", s.empty_receives),
        ("redriven out", s.redriven),
    ];
    let stats = stats.iter().map(|(k, v)| html! { <li><span class="k">{ *k }</span>{ " " }<span class="n">{ format::count(*v) }</span></li> });
    let name = q.name.clone();
    html! {
        <div class="inspector-queue">
            <h3>{ format!("Queue {}", q.name) }</h3>
            <p class="kind">{ if q.fifo { "FIFO queue: exactly-once processing, ordered per message group" } else { "Standard queue: at-least-once delivery, best-effort order" } }</p>
            <ul class="counts">
                <li>{ format!("{} visible", format::count(q.visible)) }</li>
                <li>{ format!("{} in flight", format::count(q.in_flight)) }</li>
                <li>{ format!("{} delayed", format::count(q.delayed)) }</li>
                if q.stale > 0 { <li>{ format!("{} stale copies on down servers", format::count(q.stale)) }</li> }
                if let Some(age) = q.oldest_age_ms { <li>{ format!("oldest message {} old", format::duration(age)) }</li> }
            </ul>
            <div class="buttons">
                <button type="button" onclick={open(Form::SendMessage(name.clone()))}>{ format!("Send message to {name}") }</button>
                <button type="button" onclick={open(Form::EditQueue(name.clone()))}>{ format!("Edit queue {name}") }</button>
                <ActionButton label={format!("Purge queue {name}")} action={Action::PurgeQueue { queue: name.clone() }} />
                <ActionButton label={format!("Delete queue {name}")} action={Action::DeleteQueue { queue: name.clone() }} />
                if q.is_dlq {
                    <button type="button" onclick={open(Form::Redrive(name.clone()))}>{ format!("Redrive messages from {name}") }</button>
                    <ActionButton label={format!("Cancel redrive from {name}")} action={Action::CancelRedrive { source_queue: name.clone() }} />
                }
            </div>
            <details class="stats" open=true>
                <summary>{ "Totals over the run (exact)" }</summary>
                <ul class="stat-list">{ for stats }</ul>
            </details>
            <details class="attributes">
                <summary>{ "Attributes (GetQueueAttributes All)" }</summary>
                <table class="attrs">{ for rows }</table>
            </details>
            <div class="export-wrap"><QueueExportPanel queue={q.name.clone()} /></div>
            <h4>{ "Messages" }</h4>
            <MessageList queue={q.name.clone()} revision={props.revision} now_ms={props.now_ms} />
        </div>
    }
}

//! One message in the inspector: where it is, who holds it, which servers have a copy,
//! its body (as text), and its life story — every log entry about its MessageId in order,
//! each with its cause ("sent; copies on servers 1, 3" → "received by worker-2" → "deleted
//! while server 3 was down" → "delivered again from server 3: duplicate").

use yew::prelude::*;

use super::message_list::{holders_text, state_text};
use crate::ui::context::use_playground;
use crate::ui::format;

/// Longest body shown, characters (the rest is elided).
pub const BODY_CHARS: usize = 4_000;

/// Props of [`MessageInspector`].
#[derive(Properties, PartialEq, Clone)]
pub struct MessageInspectorProps {
    /// MessageId.
    pub message_id: String,
    /// Session revision.
    pub revision: u64,
    /// Virtual now, epoch ms.
    pub now_ms: u64,
    /// Virtual start, epoch ms.
    pub start_ms: u64,
}

/// The message inspector.
#[function_component(MessageInspector)]
pub fn message_inspector(props: &MessageInspectorProps) -> Html {
    let pg = use_playground();
    let (row, body, story) = pg.read(|s| {
        let w = s.world();
        (
            w.find_message(&props.message_id),
            w.message_body(&props.message_id),
            w.message_story(&props.message_id),
        )
    });
    let details = match &row {
        Some(r) => html! {
            <dl class="facts">
                <dt>{ "Queue" }</dt><dd>{ r.queue.clone() }</dd>
                <dt>{ "State" }</dt><dd>{ state_text(&r.state, props.now_ms) }</dd>
                <dt>{ "Receive count" }</dt><dd>{ r.receive_count }</dd>
                <dt>{ "Held by" }</dt><dd>{ r.held_by.clone().unwrap_or_else(|| "no consumer".into()) }</dd>
                <dt>{ "Copies on" }</dt><dd>{ holders_text(r) }</dd>
                <dt>{ "Reachable now" }</dt><dd>{ if r.reachable { "yes" } else { "no: every server holding it is down" } }</dd>
                if let Some(g) = &r.group_id { <dt>{ "MessageGroupId" }</dt><dd>{ g.clone() }</dd> }
                if let Some(n) = &r.sequence_number { <dt>{ "SequenceNumber" }</dt><dd>{ n.clone() }</dd> }
                <dt>{ "Sent" }</dt><dd>{ format!("{} ({})", format::elapsed(r.sent_ms.saturating_sub(props.start_ms)), format::utc(r.sent_ms)) }</dd>
                <dt>{ "Retention ends" }</dt><dd>{ format!("in {}", format::duration(r.retention_deadline_ms.saturating_sub(props.now_ms))) }</dd>
                if let Some(src) = &r.dead_letter_source { <dt>{ "Dead-lettered from" }</dt><dd>{ src.clone() }</dd> }
                <dt>{ "Size" }</dt><dd>{ format::bytes(r.size_bytes) }</dd>
            </dl>
        },
        None => {
            html! { <p class="note">{ "This message is no longer stored in any queue (deleted, expired, purged or moved); its story is below." }</p> }
        }
    };
    let body = body.map(|b| {
        let shown: String = b.chars().take(BODY_CHARS).collect();
        let more = b.chars().count() > BODY_CHARS;
        html! { <pre class="body" aria-label="Message body">{ shown }{ if more { "…" } else { "" } }</pre> }
    });
    let entries = story.entries.iter().map(|e| {
        html! {
            <li key={e.seq}>
                <span class="t">{ format::elapsed(e.t_ms.saturating_sub(props.start_ms)) }</span>
                <span class="actor">{ e.actor.clone() }</span>
                <span class="text">{ e.text.clone() }</span>
            </li>
        }
    });
    html! {
        <div class="inspector-message">
            <h3>{ "Message " }<code>{ props.message_id.clone() }</code></h3>
            { details }
            { body.unwrap_or_default() }
            <h4>{ "Life story" }</h4>
            if story.entries.is_empty() {
                <p class="note">{ "No log entry mentions this MessageId." }</p>
            } else {
                <ol class="story" aria-label={format!("Life story of message {}", props.message_id)}>{ for entries }</ol>
            }
            if story.omitted > 0 {
                <p class="note">{ format!("{} entries from the middle of this story are not kept.", story.omitted) }</p>
            }
        </div>
    }
}

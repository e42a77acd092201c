//! Message tokens of the topology: one layer of keyed shapes, so a message moving from
//! its queue to the consumer that received it keeps its element and slides (a CSS
//! transition, off under `prefers-reduced-motion`). State shows by shape and text, never
//! by colour alone: ● visible, dashed ◌ in flight, ◇ delayed, ✕ dead-lettered, ↺ a stale
//! copy on a down server; the number is the receive count; "!" marks a duplicate.

use yew::prelude::*;

use crate::ui::format;
use crate::ui::frame::Frame;
use crate::ui::layout::{token_at_consumer, token_in_queue, Layout};
use crate::world::cli::CLI_HOLDER;
use crate::world::query::{MessageRow, RowState};

/// The shape of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenShape {
    /// Receivable.
    Visible,
    /// Received, invisible until its timeout.
    InFlight,
    /// Delayed.
    Delayed,
    /// Arrived from a source queue after maxReceiveCount receives.
    DeadLettered,
    /// A deleted message's copy kept by a down server.
    Stale,
}

impl TokenShape {
    /// The shape for a row.
    pub fn of(row: &MessageRow) -> TokenShape {
        match row.state {
            RowState::StaleCopy { .. } => TokenShape::Stale,
            RowState::InFlight { .. } => TokenShape::InFlight,
            RowState::Delayed { .. } => TokenShape::Delayed,
            RowState::Visible if row.dead_letter_source.is_some() => TokenShape::DeadLettered,
            RowState::Visible => TokenShape::Visible,
        }
    }

    /// CSS class and the word used in tooltips.
    pub fn name(self) -> &'static str {
        match self {
            TokenShape::Visible => "visible",
            TokenShape::InFlight => "in-flight",
            TokenShape::Delayed => "delayed",
            TokenShape::DeadLettered => "dead-lettered",
            TokenShape::Stale => "stale",
        }
    }
}

/// One token's drawing at the origin (the caller translates it).
pub fn shape(kind: TokenShape, receive_count: u32, duplicate: bool) -> Html {
    let count = (receive_count > 0).then(|| receive_count.to_string());
    let body = match kind {
        TokenShape::Visible => html! { <circle r="7.5" class="tok-fill" /> },
        TokenShape::InFlight => {
            html! { <circle r="7.5" class="tok-outline" stroke-dasharray="3 2" /> }
        }
        TokenShape::Delayed => {
            html! { <rect x="-6" y="-6" width="12" height="12" transform="rotate(45)" class="tok-outline" /> }
        }
        TokenShape::DeadLettered => html! {
            <>
                <circle r="7.5" class="tok-fill" />
                <path d="M-4,-4 L4,4 M4,-4 L-4,4" class="tok-cross" />
            </>
        },
        TokenShape::Stale => {
            html! { <circle r="7.5" class="tok-outline" stroke-dasharray="1 2" /> }
        }
    };
    let label = match kind {
        TokenShape::Stale => Some("↺".to_string()),
        TokenShape::DeadLettered => None,
        _ => count,
    };
    html! {
        <>
            { body }
            if let Some(text) = label {
                <text class="tok-text" y="3">{ text }</text>
            }
            if duplicate {
                <text class="tok-dup" x="7" y="-6">{ "!" }</text>
            }
        </>
    }
}

/// Props of [`Tokens`].
#[derive(Properties, PartialEq, Clone)]
pub struct TokensProps {
    /// The frame.
    pub frame: crate::ui::frame::Shared<Frame>,
    /// Where things are.
    pub layout: Layout,
    /// Called with a MessageId when a token is clicked.
    pub on_select: Callback<String>,
}

/// Every token of the frame in one keyed layer.
#[function_component(Tokens)]
pub fn tokens(props: &TokensProps) -> Html {
    let f = &props.frame;
    let now = f.clock.now_ms;
    let mut items: Vec<Html> = Vec::new();
    // A message can be held by two consumers at once (the first one's receipt lapsed):
    // the second drawing gets its own key, since keys must be unique.
    let mut keys = std::collections::BTreeSet::new();
    let mut cli_slot = 0;
    for q in &f.queues {
        let Some(rect) = props.layout.queues.get(&q.name) else {
            continue;
        };
        let mut slot = 0;
        for row in &q.tokens {
            // Messages a consumer (or the AWS CLI console) holds are drawn at its box.
            if let (Some(cli), Some(CLI_HOLDER)) = (props.layout.cli, row.held_by.as_deref()) {
                let (x, y) = token_at_consumer(&cli, cli_slot);
                cli_slot += 1;
                let left = match row.state {
                    RowState::InFlight { until_ms } => Some(format::time_left(until_ms, now)),
                    _ => None,
                };
                let title = format!(
                    "message {} of {} held by {CLI_HOLDER} (receive #{}){}",
                    row.message_id,
                    q.name,
                    row.receive_count,
                    left.as_ref()
                        .map(|l| format!(", visible again in {l}"))
                        .unwrap_or_default()
                );
                items.push(token(
                    Drawn {
                        key: unique_key(&mut keys, &q.name, &row.message_id, "cli"),
                        id: &row.message_id,
                        at: (x, y),
                        kind: TokenShape::InFlight,
                        receive_count: row.receive_count,
                        duplicate: row.duplicate,
                        reachable: true,
                        title,
                        below: left,
                    },
                    &props.on_select,
                ));
                continue;
            }
            if row.held_by.is_some()
                && props
                    .layout
                    .consumers
                    .contains_key(row.held_by.as_deref().unwrap_or_default())
            {
                continue;
            }
            let kind = TokenShape::of(row);
            let (x, y) = token_in_queue(rect, slot);
            slot += 1;
            let title = token_title(row, kind, now);
            items.push(token(
                Drawn {
                    key: unique_key(&mut keys, &q.name, &row.message_id, ""),
                    id: &row.message_id,
                    at: (x, y),
                    kind,
                    receive_count: row.receive_count,
                    duplicate: row.duplicate,
                    reachable: row.reachable,
                    title,
                    below: None,
                },
                &props.on_select,
            ));
        }
    }
    for c in &f.consumers {
        let (Some(rect), Some(held)) = (props.layout.consumers.get(&c.id), f.held.get(&c.id))
        else {
            continue;
        };
        for (i, h) in held.iter().take(10).enumerate() {
            let (x, y) = token_at_consumer(rect, i);
            let left = h.visible_again_at_ms.map(|t| format::time_left(t, now));
            let title = format!(
                "message {} held by {} (receive #{}){}",
                h.message_id,
                c.id,
                h.receive_count,
                left.as_ref()
                    .map(|l| format!(", visible again in {l}"))
                    .unwrap_or_default()
            );
            items.push(token(
                Drawn {
                    key: unique_key(&mut keys, &c.queue, &h.message_id, &c.id),
                    id: &h.message_id,
                    at: (x, y),
                    kind: TokenShape::InFlight,
                    receive_count: h.receive_count,
                    duplicate: h.duplicate,
                    reachable: true,
                    title,
                    below: left,
                },
                &props.on_select,
            ));
        }
    }
    html! { <g class="tokens" aria-hidden="true">{ for items }</g> }
}

/// `queue/id`, or `queue/id@holder` when that key is taken.
fn unique_key(
    keys: &mut std::collections::BTreeSet<String>,
    queue: &str,
    id: &str,
    holder: &str,
) -> String {
    let key = format!("{queue}/{id}");
    if keys.insert(key.clone()) {
        return key;
    }
    let other = format!("{key}@{holder}");
    keys.insert(other.clone());
    other
}

/// One token to draw.
struct Drawn<'a> {
    key: String,
    id: &'a str,
    at: (f64, f64),
    kind: TokenShape,
    receive_count: u32,
    duplicate: bool,
    reachable: bool,
    title: String,
    below: Option<String>,
}

fn token(d: Drawn, on_select: &Callback<String>) -> Html {
    let onclick = {
        let cb = on_select.clone();
        let id = d.id.to_string();
        Callback::from(move |_: MouseEvent| cb.emit(id.clone()))
    };
    let (x, y) = d.at;
    html! {
        <g key={d.key} class={classes!("token", d.kind.name(), (!d.reachable).then_some("unreachable"), d.duplicate.then_some("duplicate"))}
            style={format!("transform: translate({x:.1}px, {y:.1}px)")} {onclick}>
            <title>{ d.title }</title>
            { shape(d.kind, d.receive_count, d.duplicate) }
            if let Some(text) = d.below {
                <text class="tok-time" y="19">{ text }</text>
            }
        </g>
    }
}

fn token_title(row: &MessageRow, kind: TokenShape, now: u64) -> String {
    let mut t = format!("message {} ({}", row.message_id, kind.name());
    match row.state {
        RowState::InFlight { until_ms } => t.push_str(&format!(
            ", visible again in {}",
            format::time_left(until_ms, now)
        )),
        RowState::Delayed { until_ms } => t.push_str(&format!(
            ", visible in {}",
            format::time_left(until_ms, now)
        )),
        _ => {}
    }
    if row.receive_count > 0 {
        t.push_str(&format!(", received {}×", row.receive_count));
    }
    if !row.reachable {
        t.push_str(", unreachable: every server holding it is down");
    }
    t.push(')');
    t
}

//! A queue's messages in the inspector (the god view: it never receives and never
//! changes visibility): paged in queue order, filtered by state and text, each row with
//! its state, receive count, holders and holder; selecting a row inspects the message.
//! Paging keeps the DOM bounded for 100,000 messages.

use yew::prelude::*;

use crate::ui::context::{use_playground, use_ui};
use crate::ui::format;
use crate::ui::state::{Selection, UiAction};
use crate::world::query::{MessageFilter, MessageRow, RowState, StateKind};

/// Rows per page.
pub const PAGE_ROWS: usize = 20;

/// Props of [`MessageList`].
#[derive(Properties, PartialEq, Clone)]
pub struct MessageListProps {
    /// Queue name.
    pub queue: String,
    /// Session revision (re-query when it moves).
    pub revision: u64,
    /// Virtual now, epoch ms.
    pub now_ms: u64,
}

/// The words for a row's state (with the deadline when it has one).
pub fn state_text(state: &RowState, now_ms: u64) -> String {
    match state {
        RowState::Visible => "visible".into(),
        RowState::InFlight { until_ms } => {
            format!(
                "in flight, visible again in {}",
                format::time_left(*until_ms, now_ms)
            )
        }
        RowState::Delayed { until_ms } => {
            format!(
                "delayed, visible in {}",
                format::time_left(*until_ms, now_ms)
            )
        }
        RowState::StaleCopy { deleted_at_ms } => format!(
            "stale copy: deleted {} ago while its server was down",
            format::duration(now_ms.saturating_sub(*deleted_at_ms))
        ),
    }
}

/// The state in a few words for the list (`in flight · 9.5 s`).
pub fn short_state_text(state: &RowState, now_ms: u64) -> String {
    match state {
        RowState::Visible => "visible".into(),
        RowState::InFlight { until_ms } => {
            format!("in flight · {}", format::time_left(*until_ms, now_ms))
        }
        RowState::Delayed { until_ms } => {
            format!("delayed · {}", format::time_left(*until_ms, now_ms))
        }
        RowState::StaleCopy { .. } => "stale copy (deleted)".into(),
    }
}

/// The holders of a row in words: `servers 2, 0, 1` with DOWN and stale-copy marks, primary first.
pub fn holders_text(row: &MessageRow) -> String {
    let list = row
        .holders
        .iter()
        .map(|h| {
            let mut s = h.server.to_string();
            if !h.up {
                s.push_str(" DOWN");
            }
            if h.stale {
                s.push_str(" (stale copy)");
            }
            s
        })
        .collect::<Vec<_>>()
        .join(", ");
    let word = if row.holders.len() == 1 {
        "server"
    } else {
        "servers"
    };
    format!("{word} {list}")
}

fn parse_state(v: &str) -> Vec<StateKind> {
    match v {
        "visible" => vec![StateKind::Visible],
        "in_flight" => vec![StateKind::InFlight],
        "delayed" => vec![StateKind::Delayed],
        "stale" => vec![StateKind::StaleCopy],
        _ => Vec::new(),
    }
}

/// The paged message list of one queue.
#[function_component(MessageList)]
pub fn message_list(props: &MessageListProps) -> Html {
    let pg = use_playground();
    let ui = use_ui();
    let page = use_state(|| 0usize);
    let state_filter = use_state(String::new);
    let text = use_state(String::new);
    {
        // A new queue starts at the first page with no filter.
        let (page, state_filter, text) = (page.clone(), state_filter.clone(), text.clone());
        use_effect_with(props.queue.clone(), move |_| {
            page.set(0);
            state_filter.set(String::new());
            text.set(String::new());
        });
    }
    let filter = MessageFilter {
        states: parse_state(&state_filter),
        text: (*text).clone(),
        group: None,
    };
    let result = pg.read(|s| {
        s.world()
            .queue_messages(&props.queue, &filter, *page * PAGE_ROWS, PAGE_ROWS)
    });
    let Some(result) = result else {
        return html! { <p>{ format!("Queue {} no longer exists.", props.queue) }</p> };
    };
    let pages = (result.matching as usize).div_ceil(PAGE_ROWS).max(1);
    let on_state = {
        let (state_filter, page) = (state_filter.clone(), page.clone());
        Callback::from(move |e: Event| {
            state_filter.set(
                e.target_unchecked_into::<web_sys::HtmlSelectElement>()
                    .value(),
            );
            page.set(0);
        })
    };
    let on_text = {
        let (text, page) = (text.clone(), page.clone());
        Callback::from(move |e: InputEvent| {
            text.set(
                e.target_unchecked_into::<web_sys::HtmlInputElement>()
                    .value(),
            );
            page.set(0);
        })
    };
    let prev = {
        let page = page.clone();
        Callback::from(move |_: MouseEvent| page.set(page.saturating_sub(1)))
    };
    let next = {
        let page = page.clone();
        Callback::from(move |_: MouseEvent| page.set((*page + 1).min(pages - 1)))
    };
    let fifo = props.queue.ends_with(".fifo");
    let rows = result.rows.iter().map(|r| {
        let id = r.message_id.clone();
        let onclick = {
            let ui = ui.clone();
            let id = id.clone();
            Callback::from(move |_: MouseEvent| ui.dispatch(UiAction::Select(Selection::Message(id.clone()))))
        };
        html! {
            <tr key={format!("{}/{}", r.message_id, matches!(r.state, RowState::StaleCopy { .. }))}>
                <td><button type="button" class="link" aria-label={format!("Inspect message {id}")} {onclick}>
                    { format::short_id(&id) }</button></td>
                <td>{ short_state_text(&r.state, props.now_ms) }{ if r.reachable { "" } else { " · unreachable" } }</td>
                <td class="num">{ r.receive_count }</td>
                if fifo { <td>{ r.group_id.clone().unwrap_or_default() }</td> }
                <td>{ r.held_by.clone().unwrap_or_default() }</td>
                <td>{ holders_text(r) }</td>
                <td class="preview">{ r.preview.clone() }</td>
            </tr>
        }
    });
    html! {
        <div class="message-list">
            <div class="list-filter">
                <label>{ "State " }<select aria-label="Filter messages by state" onchange={on_state}>
                    <option value="" selected={state_filter.is_empty()}>{ "all" }</option>
                    <option value="visible" selected={*state_filter == "visible"}>{ "visible" }</option>
                    <option value="in_flight" selected={*state_filter == "in_flight"}>{ "in flight" }</option>
                    <option value="delayed" selected={*state_filter == "delayed"}>{ "delayed" }</option>
                    <option value="stale" selected={*state_filter == "stale"}>{ "stale copies" }</option>
                </select></label>
                <label>{ "Find " }<input type="search" aria-label="Find messages by id or text"
                    value={(*text).clone()} oninput={on_text} placeholder="id prefix or body text" /></label>
            </div>
            <p class="list-count">{ format!("{} matching of {} · page {} of {}",
                format::count(result.matching), format::count(result.total), *page + 1, pages) }</p>
            <table class="messages">
                <thead><tr><th>{ "MessageId" }</th><th>{ "State" }</th><th>{ "Receives" }</th>
                    if fifo { <th>{ "Group" }</th> }<th>{ "Held by" }</th><th>{ "Copies on" }</th><th>{ "Body" }</th></tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
            <div class="pager">
                <button type="button" onclick={prev} disabled={*page == 0}>{ "Previous page" }</button>
                <button type="button" onclick={next} disabled={*page + 1 >= pages}>{ "Next page" }</button>
            </div>
        </div>
    }
}

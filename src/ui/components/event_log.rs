//! The event log (`role="log"`): the newest entries with virtual time, actor, queue,
//! MessageId and cause, filtered by kind, queue, actor and MessageId; clicking a
//! MessageId inspects that message; exact totals by kind for the whole run. While time
//! runs, the list refreshes at most every [`REFRESH_MS`] so screen readers are not
//! flooded; when paused every change shows at once.

use yew::prelude::*;

use crate::ui::context::{use_playground, use_ui};
use crate::ui::format;
use crate::ui::state::{LogFilter, Selection, UiAction};
use crate::world::{LogEntry, RenderedEntry};

/// Entries listed at most.
pub const LOG_ROWS: usize = 150;
/// Refresh interval of the list while time runs, wall ms.
pub const REFRESH_MS: f64 = 700.0;

/// Props of [`EventLog`].
#[derive(Properties, PartialEq, Clone)]
pub struct EventLogProps {
    /// Entries logged so far (the list refreshes when it moves).
    pub total: u64,
    /// Time is running (refreshes are throttled).
    pub running: bool,
    /// Virtual start of the run (times are shown relative to it).
    pub start_ms: u64,
}

#[derive(Clone, PartialEq, Default)]
struct Shown {
    total: u64,
    rows: Vec<RenderedEntry>,
    matching: usize,
    totals: Vec<(&'static str, u64)>,
    queues: Vec<String>,
    at_wall_ms: f64,
    filter: LogFilter,
}

fn matches(e: &RenderedEntry, f: &LogFilter) -> bool {
    fields_match(
        e.kind,
        e.queue.as_deref(),
        &e.actor,
        e.message_id.as_deref(),
        f,
    )
}

fn entry_matches(e: &LogEntry, f: &LogFilter) -> bool {
    fields_match(e.event.kind_name(), e.queue(), &e.actor, e.message_id(), f)
}

fn fields_match(
    kind: &str,
    queue: Option<&str>,
    actor: &str,
    message_id: Option<&str>,
    f: &LogFilter,
) -> bool {
    (f.kind.is_empty() || kind == f.kind)
        && (f.queue.is_empty() || queue == Some(f.queue.as_str()))
        && (f.actor.is_empty() || actor.contains(f.actor.as_str()))
        && (f.message_id.trim().is_empty()
            || message_id.is_some_and(|m| m.starts_with(f.message_id.trim())))
}

/// The event log panel.
#[function_component(EventLog)]
pub fn event_log(props: &EventLogProps) -> Html {
    let pg = use_playground();
    let ui = use_ui();
    let shown = use_mut_ref(Shown::default);
    let now_wall = js_sys::Date::now();
    let filter = ui.log_filter.clone();
    {
        let mut s = shown.borrow_mut();
        let stale = s.total != props.total || s.filter != filter;
        let throttled = props.running && now_wall - s.at_wall_ms < REFRESH_MS && s.filter == filter;
        if stale && !throttled {
            pg.read(|session| {
                let w = session.world();
                let log = &w.recorder().log;
                let mut rows = Vec::new();
                let mut matching = 0;
                if !filter.message_id.trim().is_empty() && filter.message_id.trim().len() >= 36 {
                    // A whole MessageId: its life story, also what the ring has evicted.
                    for e in w.message_story(filter.message_id.trim()).entries {
                        if matches(&e, &filter) {
                            matching += 1;
                            rows.push(e);
                        }
                    }
                    rows.reverse();
                    rows.truncate(LOG_ROWS);
                } else {
                    for entry in log.entries().rev() {
                        if entry_matches(entry, &filter) {
                            matching += 1;
                            if rows.len() < LOG_ROWS {
                                rows.push(entry.render());
                            }
                        }
                    }
                }
                s.rows = rows;
                s.matching = matching;
                s.totals = log.totals_by_kind().iter().map(|(k, v)| (*k, *v)).collect();
                s.queues = w.queue_names();
            });
            s.total = props.total;
            s.filter = filter.clone();
            s.at_wall_ms = now_wall;
        }
    }
    let s = shown.borrow();
    let set = |f: fn(&mut LogFilter, String)| {
        let ui = ui.clone();
        Callback::from(move |e: Event| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .value();
            let mut next = ui.log_filter.clone();
            f(&mut next, v);
            ui.dispatch(UiAction::Filter(next));
        })
    };
    let on_kind = set(|f, v| f.kind = v);
    let on_queue = set(|f, v| f.queue = v);
    let on_actor = set(|f, v| f.actor = v);
    let on_mid = {
        let ui = ui.clone();
        Callback::from(move |e: InputEvent| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .value();
            let mut next = ui.log_filter.clone();
            next.message_id = v;
            ui.dispatch(UiAction::Filter(next));
        })
    };
    let on_clear = {
        let ui = ui.clone();
        Callback::from(move |_: MouseEvent| ui.dispatch(UiAction::Filter(LogFilter::default())))
    };
    let rows = s.rows.iter().map(|e| {
        let mid = e.message_id.clone().map(|id| {
            let ui = ui.clone();
            let label = format!("Inspect message {id}");
            let short = format::short_id(&id);
            let onclick = Callback::from(move |_: MouseEvent| ui.dispatch(UiAction::Select(Selection::Message(id.clone()))));
            html! { <button type="button" class="link" aria-label={label} {onclick}>{ short }</button> }
        });
        html! {
            <li key={e.seq} class={classes!("entry", format!("kind-{}", e.kind))}>
                <span class="t">{ format::elapsed(e.t_ms.saturating_sub(props.start_ms)) }</span>
                <span class="actor">{ e.actor.clone() }</span>
                <span class="kind">{ e.kind }</span>
                <span class="q">{ e.queue.clone().unwrap_or_default() }</span>
                <span class="mid">{ mid.unwrap_or_default() }</span>
                <span class="text">{ e.text.clone() }</span>
            </li>
        }
    });
    let kinds = s.totals.iter().map(|(k, n)| {
        html! { <option value={*k} selected={filter.kind == *k}>{ format!("{k} ({})", format::count(*n)) }</option> }
    });
    let queues = s.queues.iter().map(|q| html! { <option value={q.clone()} selected={filter.queue == *q}>{ q.clone() }</option> });
    let totals = s.totals.iter().map(|(k, n)| html! { <li><span class="k">{ *k }</span>{ " " }<span class="n">{ format::count(*n) }</span></li> });
    html! {
        <div class="event-log">
            <form class="log-filter" aria-label="Filter the event log" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <label>{ "Kind " }<select onchange={on_kind} aria-label="Filter by kind">
                    <option value="" selected={filter.kind.is_empty()}>{ "all" }</option>{ for kinds }</select></label>
                <label>{ "Queue " }<select onchange={on_queue} aria-label="Filter by queue">
                    <option value="" selected={filter.queue.is_empty()}>{ "all" }</option>{ for queues }</select></label>
                <label>{ "Actor " }<input type="text" size="14" value={filter.actor.clone()} onchange={on_actor}
                    aria-label="Filter by actor" placeholder="consumer:…" /></label>
                <label>{ "MessageId " }<input type="text" size="20" value={filter.message_id.clone()} oninput={on_mid}
                    aria-label="Filter by MessageId" placeholder="id or prefix" /></label>
                <button type="button" onclick={on_clear}>{ "Clear filters" }</button>
            </form>
            <p class="log-count">{ format!("Showing {} of {} matching entries · {} logged in all", s.rows.len(), format::count(s.matching as u64), format::count(props.total)) }</p>
            <ol class="entries" role="log" aria-label="Event log entries, newest first" aria-live="polite">{ for rows }</ol>
            <details class="totals">
                <summary>{ "Exact totals by kind" }</summary>
                <ul>{ for totals }</ul>
            </details>
        </div>
    }
}

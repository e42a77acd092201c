//! The topology drawing (SVG): producers and the shop → queues → consumers → the order
//! story's database and mail server, dead-letter edges from redrive policies, and the
//! storage servers along the bottom. Each entity is one focusable element whose
//! accessible name starts with its verb ("Inspect queue orders …"); state is written in
//! words (UP/DOWN, counts), never shown by colour alone.

use yew::prelude::*;

use wasm_bindgen::JsCast;

use super::cli_console::INPUT_ID;
use super::tokens::Tokens;
use crate::ui::context::use_ui;
use crate::ui::format;
use crate::ui::frame::{Frame, QueueFrame, Shared};
use crate::ui::layout::{layout, Rect, WIDTH};
use crate::ui::state::{Selection, UiAction};
use crate::world::cli::CLI_HOLDER;
use crate::world::scenario::ConsumerRole;

/// How far above the bottom the storage servers' row label sits.
const SERVER_LABEL_DY: f64 = 76.0;

/// Props of [`Topology`].
#[derive(Properties, PartialEq, Clone)]
pub struct TopologyProps {
    /// The frame to draw.
    pub frame: Shared<Frame>,
}

/// One box of the drawing, selectable by click, Enter or Space.
fn node(
    rect: Rect,
    lines: Vec<String>,
    class: Classes,
    label: String,
    selected: bool,
    on: Callback<()>,
) -> Html {
    let onclick = on.reform(|_: MouseEvent| ());
    let onkeydown = {
        let on = on.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" || e.key() == " " {
                e.prevent_default();
                e.stop_propagation();
                on.emit(());
            }
        })
    };
    let max = (rect.w / 6.2) as usize;
    let texts = lines.into_iter().enumerate().map(|(i, line)| {
        let line = fit(&line, if i == 0 { max - 2 } else { max });
        let class = if i == 0 { "node-title" } else { "node-line" };
        html! { <text {class} x={(rect.x + 8.0).to_string()} y={(rect.y + 17.0 + i as f64 * 14.0).to_string()}>{ line }</text> }
    });
    html! {
        <g class={classes!("node", class, selected.then_some("selected"))} role="button" tabindex="0"
            aria-label={label} aria-pressed={selected.to_string()} {onclick} {onkeydown}>
            <rect x={rect.x.to_string()} y={rect.y.to_string()} width={rect.w.to_string()}
                height={rect.h.to_string()} rx="6" />
            { for texts }
        </g>
    }
}

fn edge(from: (f64, f64), to: (f64, f64), class: &'static str) -> Html {
    let mx = (from.0 + to.0) / 2.0;
    let d = format!(
        "M{:.1},{:.1} C{mx:.1},{:.1} {mx:.1},{:.1} {:.1},{:.1}",
        from.0, from.1, from.1, to.1, to.0, to.1
    );
    html! { <path class={classes!("edge", class)} d={d} marker-end="url(#arrow)" /> }
}

fn queue_lines(q: &QueueFrame) -> Vec<String> {
    let kind = if q.fifo { "FIFO" } else { "standard" };
    let dlq = if q.is_dlq {
        " · dead-letter queue"
    } else {
        ""
    };
    let mut counts = format!(
        "{} visible · {} in flight · {} delayed",
        format::count(q.visible),
        format::count(q.in_flight),
        format::count(q.delayed)
    );
    if q.stale > 0 {
        counts.push_str(&format!(" · {} stale", format::count(q.stale)));
    }
    vec![q.name.clone(), format!("{kind} queue{dlq}"), counts]
}

/// `text` cut to `max` characters (with "…"), so it stays inside its box.
fn fit(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

/// The topology of the world.
#[function_component(Topology)]
pub fn topology(props: &TopologyProps) -> Html {
    let ui = use_ui();
    let f = &props.frame;
    let l = layout(f);
    let sel = &ui.selection;
    let select = |s: Selection| {
        let ui = ui.clone();
        Callback::from(move |_: ()| ui.dispatch(UiAction::Select(s.clone())))
    };
    let mut edges = Vec::new();
    let mut nodes = Vec::new();
    for p in &f.producers {
        let (Some(r), Some(q)) = (l.producers.get(&p.id), l.queues.get(&p.queue)) else {
            continue;
        };
        edges.push(edge(r.right(), q.left(), "send"));
        let state = if p.running { "sending" } else { "stopped" };
        let lines = vec![
            fit(&p.id, 20),
            format!(
                "{} · {}/s · sent {}",
                state,
                p.rate_per_s,
                format::count(p.counters.sent)
            ),
        ];
        let label = format!(
            "Inspect producer {} ({state}, {} sent)",
            p.id, p.counters.sent
        );
        let selected = *sel == Selection::Producer(p.id.clone());
        nodes.push(node(
            *r,
            lines,
            classes!("producer", (!p.running).then_some("stopped")),
            label,
            selected,
            select(Selection::Producer(p.id.clone())),
        ));
    }
    for q in &f.queues {
        let Some(r) = l.queues.get(&q.name) else {
            continue;
        };
        let more = q.total.saturating_sub(q.tokens.len() as u64);
        let mut lines = queue_lines(q);
        if q.total == 0 {
            lines.push("empty: no messages stored".to_string());
        }
        let label = format!(
            "Inspect queue {} ({} visible, {} in flight, {} delayed)",
            q.name, q.visible, q.in_flight, q.delayed
        );
        let selected = *sel == Selection::Queue(q.name.clone());
        nodes.push(node(
            *r,
            lines,
            classes!("queue", q.fifo.then_some("fifo"), q.is_dlq.then_some("dlq")),
            label,
            selected,
            select(Selection::Queue(q.name.clone())),
        ));
        if more > 0 {
            nodes.push(html! {
                <text class="node-line more" x={(r.x + r.w - 8.0).to_string()} y={(r.y + r.h - 7.0).to_string()}>
                    { format!("+{} more", format::count(more)) }
                </text>
            });
        }
    }
    for e in &f.edges {
        let (Some(a), Some(b)) = (l.queues.get(&e.source), l.queues.get(&e.dlq)) else {
            continue;
        };
        let (x0, y0) = a.right();
        let (x1, y1) = b.right();
        let bulge = x0 + 40.0;
        let d = format!("M{x0:.1},{y0:.1} C{bulge:.1},{y0:.1} {bulge:.1},{y1:.1} {x1:.1},{y1:.1}");
        edges.push(html! {
            <g class="edge-dlq">
                <path class="edge dlq" d={d} marker-end="url(#arrow)" />
                <text class="edge-label" x={(bulge - 6.0).to_string()} y={((y0 + y1) / 2.0).to_string()}>
                    { format!("after {} receives", e.max_receive_count) }
                </text>
            </g>
        });
    }
    for c in &f.consumers {
        let (Some(r), Some(q)) = (l.consumers.get(&c.id), l.queues.get(&c.queue)) else {
            continue;
        };
        edges.push(edge(q.right(), r.left(), "receive"));
        let state = format!("{:?}", c.state).to_lowercase();
        let lines = vec![
            fit(&c.id, 20),
            format!(
                "{state} · done {} · dup {}",
                format::count(c.counters.processed),
                format::count(c.counters.duplicate_processed)
            ),
        ];
        let label = format!(
            "Inspect consumer {} ({state}, {} processed, {} duplicates)",
            c.id, c.counters.processed, c.counters.duplicate_processed
        );
        let selected = *sel == Selection::Consumer(c.id.clone());
        let crashed = matches!(state.as_str(), "crashed" | "stopped");
        nodes.push(node(
            *r,
            lines,
            classes!("consumer", crashed.then_some("down")),
            label,
            selected,
            select(Selection::Consumer(c.id.clone())),
        ));
    }
    if let (Some(shop), Some(r)) = (&f.shop, l.shop) {
        if let Some(q) = shop.queue.as_ref().and_then(|q| l.queues.get(q)) {
            edges.push(edge(r.right(), q.left(), "send"));
        }
        if shop.tight {
            // The tight path runs above everything: the checkout itself writes the
            // database, then sends the e-mail.
            if let (Some(db), Some(mail)) = (l.database, l.mail_server) {
                let (x0, y0) = r.top();
                let lane = 12.0;
                let d = format!(
                    "M{x0:.1},{y0:.1} L{x0:.1},{lane:.1} L{:.1},{lane:.1} L{:.1},{:.1}",
                    db.x + db.w + 14.0,
                    db.x + db.w + 14.0,
                    mail.y + mail.h / 2.0
                );
                edges.push(html! {
                    <g class="edge-tight">
                        <path class="edge tight" d={format!("M{x0:.1},{y0:.1} L{x0:.1},{lane:.1} L{:.1},{lane:.1} L{:.1},{:.1}", db.top().0, db.top().0, db.y)} marker-end="url(#arrow)" />
                        <path class="edge tight" d={d} marker-end="url(#arrow)" />
                        <text class="edge-label tight-label" x={(x0 + 8.0).to_string()} y={(lane - 2.0).to_string()}>
                            { "tight path: the checkout writes the database, then sends the e-mail" }
                        </text>
                    </g>
                });
            }
        }
        let lines = vec!["shop".to_string(), format!("{} orders/s", shop.rate_per_s)];
        nodes.push(node(
            r,
            lines,
            classes!("producer", "shop"),
            "Inspect the shop (order story)".into(),
            *sel == Selection::System("shop"),
            select(Selection::System("shop")),
        ));
    }
    for (rect, sys, name) in [
        (l.database, &f.database, "database"),
        (l.mail_server, &f.mail_server, "mail server"),
    ] {
        let Some(r) = rect else { continue };
        let state = if sys.up { "UP" } else { "DOWN" };
        let key: &'static str = if name == "database" {
            "database"
        } else {
            "mail-server"
        };
        let lines = vec![name.to_string(), state.to_string()];
        nodes.push(node(
            r,
            lines,
            classes!("system", (!sys.up).then_some("down")),
            format!("Inspect the {name} ({state})"),
            *sel == Selection::System(key),
            select(Selection::System(key)),
        ));
    }
    for (id, role) in &f.roles {
        let Some(r) = l.consumers.get(id) else {
            continue;
        };
        if let ConsumerRole::DbWriter {
            then_send_to: Some(next),
        } = role
        {
            if let Some(q) = l.queues.get(next) {
                // Forwarding to another queue: out of the consumer's right side and back.
                let (x0, y0) = (r.x + r.w * 0.75, r.y + r.h);
                let (x1, y1) = q.top();
                let d = format!(
                    "M{x0:.1},{y0:.1} C{x0:.1},{:.1} {x1:.1},{:.1} {x1:.1},{y1:.1}",
                    y0 + 30.0,
                    y1 - 30.0
                );
                edges.push(
                    html! { <path class="edge send forward" d={d} marker-end="url(#arrow)" /> },
                );
            }
        }
        let target = match role {
            ConsumerRole::DbWriter { .. } => l.database,
            ConsumerRole::Mailer => l.mail_server,
            ConsumerRole::Worker => None,
        };
        if let Some(t) = target {
            edges.push(edge(r.right(), t.left(), "downstream"));
        }
    }
    for (i, s) in f.servers.iter().enumerate() {
        let Some(r) = l.servers.get(i) else { continue };
        let state = if s.up { "UP" } else { "DOWN" };
        let copies = if s.copies == 1 { "copy" } else { "copies" };
        let mut second = format!("{state} · {} {copies}", format::count(s.copies));
        if s.stale_copies > 0 {
            second.push_str(&format!(" · {} stale", format::count(s.stale_copies)));
        }
        let lines = vec![format::server_name(s.index), second];
        let label = format!(
            "Inspect {} ({state}, {} copies, {} stale)",
            format::server_name(s.index),
            s.copies,
            s.stale_copies
        );
        nodes.push(node(
            *r,
            lines,
            classes!("server", (!s.up).then_some("down")),
            label,
            *sel == Selection::Server(s.index),
            select(Selection::Server(s.index)),
        ));
    }
    if let Some(r) = l.cli {
        // The console is a client too: an edge from each queue it holds messages of.
        let held: Vec<&QueueFrame> = f
            .queues
            .iter()
            .filter(|q| {
                q.tokens
                    .iter()
                    .any(|t| t.held_by.as_deref() == Some(CLI_HOLDER))
            })
            .collect();
        let n: usize = held
            .iter()
            .map(|q| {
                q.tokens
                    .iter()
                    .filter(|t| t.held_by.as_deref() == Some(CLI_HOLDER))
                    .count()
            })
            .sum();
        for q in &held {
            if let Some(qr) = l.queues.get(&q.name) {
                edges.push(edge(qr.bottom(), r.right(), "receive"));
            }
        }
        let lines = vec![
            "AWS CLI console".to_string(),
            format!("you · holds {n} in flight"),
        ];
        let focus = Callback::from(|_: ()| {
            if let Some(el) = gloo::utils::document().get_element_by_id(INPUT_ID) {
                if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
        nodes.push(node(
            r,
            lines,
            classes!("cli-node"),
            format!(
                "Type in the AWS CLI console (you, the queue owner; holds {n} message{} in flight)",
                if n == 1 { "" } else { "s" }
            ),
            false,
            focus,
        ));
    }
    let on_token = {
        let ui = ui.clone();
        Callback::from(move |id: String| ui.dispatch(UiAction::Select(Selection::Message(id))))
    };
    let view_box = format!("0 0 {WIDTH} {:.0}", l.height);
    html! {
        <svg class="topology" viewBox={view_box} role="group"
            aria-label="Topology: producers, queues, consumers and storage servers">
            <defs>
                <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                    <path d="M0,0 L10,5 L0,10 z" class="arrow-head" />
                </marker>
            </defs>
            <g class="columns" aria-hidden="true">
                <text x="20" y="24">{ "PRODUCERS" }</text>
                <text x="300" y="24">{ "QUEUES" }</text>
                <text x="640" y="24">{ "CONSUMERS" }</text>
                if f.shop.is_some() { <text x="835" y="24">{ "DOWNSTREAM" }</text> }
                <text x="20" y={(l.height - SERVER_LABEL_DY).to_string()}>{ "STORAGE SERVERS" }</text>
            </g>
            <g class="edges" aria-hidden="true">{ for edges }</g>
            <g class="nodes">{ for nodes }</g>
            <Tokens frame={props.frame.clone()} layout={l.clone()} on_select={on_token} />
        </svg>
    }
}

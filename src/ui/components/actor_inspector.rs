//! Consumers and producers in the inspector: a consumer's state, the messages it holds
//! with their visibility deadlines, its counters and settings; a producer's counters and
//! settings; and their actions (crash/restart, start/stop, edit, remove).

use yew::prelude::*;

use super::action_button::ActionButton;
use crate::ui::context::{use_playground, use_ui};
use crate::ui::format;
use crate::ui::state::{Form, Selection, UiAction};
use crate::world::consumer::ConsumerState;
use crate::world::Action;

/// Props of both inspectors.
#[derive(Properties, PartialEq, Clone)]
pub struct ActorInspectorProps {
    /// Actor id.
    pub id: String,
    /// Session revision.
    pub revision: u64,
    /// Virtual now, epoch ms.
    pub now_ms: u64,
}

fn counter_list(items: &[(&str, u64)]) -> Html {
    let items = items.iter().map(|(k, v)| html! { <li><span class="k">{ *k }</span>{ " " }<span class="n">{ format::count(*v) }</span></li> });
    html! { <ul class="stat-list">{ for items }</ul> }
}

/// A consumer in the inspector.
#[function_component(ConsumerInspector)]
pub fn consumer_inspector(props: &ActorInspectorProps) -> Html {
    let pg = use_playground();
    let ui = use_ui();
    let Some(d) = pg.read(|s| s.world().consumer_detail(&props.id)) else {
        return html! { <p>{ format!("Consumer {} no longer exists.", props.id) }</p> };
    };
    let id = props.id.clone();
    let down = matches!(d.state, ConsumerState::Crashed | ConsumerState::Stopped);
    let held = d.held.iter().map(|h| {
        let mid = h.message_id.clone();
        let onclick = {
            let ui = ui.clone();
            let mid = mid.clone();
            Callback::from(move |_: MouseEvent| ui.dispatch(UiAction::Select(Selection::Message(mid.clone()))))
        };
        let deadline = match h.visible_again_at_ms {
            Some(t) => format!("visible again in {}", format::time_left(t, props.now_ms)),
            None => "its visibility timeout already ended".into(),
        };
        html! {
            <li key={mid.clone()}>
                <button type="button" class="link" aria-label={format!("Inspect message {mid}")} {onclick}>{ format::short_id(&mid) }</button>
                { format!(" receive #{} · {}{}", h.receive_count, deadline, if h.processing { " · processing now" } else { " · waiting in the batch" }) }
            </li>
        }
    });
    let c = &d.counters;
    let spec = &d.spec;
    let polling = match spec.wait_time_s {
        Some(0) => "short polling".to_string(),
        Some(w) => format!("long polling ({w} s)"),
        None => "the queue's ReceiveMessageWaitTimeSeconds".to_string(),
    };
    let open_edit = {
        let ui = ui.clone();
        let id = id.clone();
        Callback::from(move |_: MouseEvent| {
            ui.dispatch(UiAction::Open(Form::EditConsumer(id.clone())))
        })
    };
    html! {
        <div class="inspector-consumer">
            <h3>{ format!("Consumer {}", props.id) }</h3>
            <p>{ format!("State: {:?} · queue {} · {} · batch {}", d.state, spec.queue, polling, spec.batch_size) }</p>
            <div class="buttons">
                if down {
                    <ActionButton label={format!("Restart consumer {id}")} action={Action::RestartConsumer { consumer: id.clone() }} />
                } else {
                    <ActionButton label={format!("Crash consumer {id}")} action={Action::CrashConsumer { consumer: id.clone() }} />
                }
                <button type="button" onclick={open_edit}>{ format!("Edit consumer {id}") }</button>
                <ActionButton label={format!("Remove consumer {id}")} action={Action::RemoveConsumer { consumer: id.clone() }} />
            </div>
            <h4>{ format!("Holding {} message(s)", d.held.len()) }</h4>
            if d.held.is_empty() {
                <p class="note">{ "Nothing in flight for this consumer." }</p>
            } else {
                <ul class="held" aria-label={format!("Messages held by {}", props.id)}>{ for held }</ul>
            }
            { counter_list(&[("processed", c.processed), ("failed", c.failed), ("duplicates processed", c.duplicate_processed),
                ("duplicates skipped (idempotency store)", c.skipped_duplicates), ("receives", c.receives),
                ("empty receives", c.empty_receives), ("heartbeats", c.heartbeats), ("crashes", c.crashes),
                ("out of order", c.out_of_order)]) }
        </div>
    }
}

/// A producer in the inspector.
#[function_component(ProducerInspector)]
pub fn producer_inspector(props: &ActorInspectorProps) -> Html {
    let pg = use_playground();
    let ui = use_ui();
    let Some(d) = pg.read(|s| s.world().producer_detail(&props.id)) else {
        return html! { <p>{ format!("Producer {} no longer exists.", props.id) }</p> };
    };
    let id = props.id.clone();
    let c = &d.counters;
    let open_edit = {
        let ui = ui.clone();
        let id = id.clone();
        Callback::from(move |_: MouseEvent| {
            ui.dispatch(UiAction::Open(Form::EditProducer(id.clone())))
        })
    };
    html! {
        <div class="inspector-producer">
            <h3>{ format!("Producer {}", props.id) }</h3>
            <p>{ format!("{} · queue {} · {} messages/s · batch {} · body \"{}\"",
                if d.running { "sending" } else { "stopped" }, d.spec.queue, d.spec.rate_per_s,
                d.spec.batch_size, d.spec.body_template) }</p>
            <div class="buttons">
                if d.running {
                    <ActionButton label={format!("Stop producer {id}")} action={Action::StopProducer { producer: id.clone() }} />
                } else {
                    <ActionButton label={format!("Start producer {id}")} action={Action::StartProducer { producer: id.clone() }} />
                }
                <button type="button" onclick={open_edit}>{ format!("Edit producer {id}") }</button>
                <ActionButton label={format!("Remove producer {id}")} action={Action::RemoveProducer { producer: id.clone() }} />
            </div>
            { counter_list(&[("sent", c.sent), ("deliberate repeats", c.repeats), ("retries", c.retries),
                ("given up", c.failed), ("offloaded to S3", c.offloaded)]) }
        </div>
    }
}

//! Add or edit a consumer: queue, short or long polling, batch, visibility timeout,
//! processing time, failure probability, heartbeat, idempotency store, poison marker and
//! stop pill. The form builds a scenario `ConsumerSpec`; the world validates it with the
//! same checks as a loaded scenario and its error shows at the field.

use serde_json::{json, Value};
use yew::prelude::*;

use super::field::{close_form, general_error, value_setter, Control, Field, FormError, Values};
use crate::ui::context::{use_playground, use_ui};
use crate::ui::state::{Form, Selection, UiAction};
use crate::world::scenario::ConsumerSpec;
use crate::world::Action;

/// Props of [`ConsumerForm`].
#[derive(Properties, PartialEq, Clone)]
pub struct ConsumerFormProps {
    /// `None` to add a consumer, else the id of the consumer to edit.
    #[prop_or_default]
    pub consumer: Option<String>,
    /// Existing queues.
    pub queues: Vec<String>,
    /// Existing consumer ids (to propose a free one).
    pub ids: Vec<String>,
}

const FIELDS: [&str; 17] = [
    "id",
    "queue",
    "polling",
    "wait_time_s",
    "batch_size",
    "visibility_timeout_s",
    "processing_type",
    "processing_a",
    "processing_b",
    "failure_probability",
    "heartbeat_every_ms",
    "heartbeat_extend_s",
    "idempotency_store",
    "poison_marker",
    "stop_pill",
    "idle_pause_ms",
    "role",
];

fn values_of(spec: &ConsumerSpec) -> Values {
    let mut v = Values::new();
    v.insert("id", spec.id.clone());
    v.insert("queue", spec.queue.clone());
    let (polling, wait) = match spec.wait_time_s {
        None => ("queue", "20".to_string()),
        Some(0) => ("short", "0".to_string()),
        Some(w) => ("long", w.to_string()),
    };
    v.insert("polling", polling.to_string());
    v.insert("wait_time_s", wait);
    v.insert("batch_size", spec.batch_size.to_string());
    v.insert(
        "visibility_timeout_s",
        spec.visibility_timeout_s
            .map(|t| t.to_string())
            .unwrap_or_default(),
    );
    let p = serde_json::to_value(&spec.processing).unwrap_or(Value::Null);
    let ptype = p["type"].as_str().unwrap_or("fixed").to_string();
    let (a, b) = match ptype.as_str() {
        "uniform" => (p["min_ms"].to_string(), p["max_ms"].to_string()),
        "exponential" => (p["mean_ms"].to_string(), String::new()),
        _ => (p["ms"].to_string(), String::new()),
    };
    v.insert("processing_type", ptype);
    v.insert("processing_a", a);
    v.insert("processing_b", b);
    v.insert("failure_probability", spec.failure_probability.to_string());
    v.insert(
        "heartbeat_every_ms",
        spec.heartbeat
            .as_ref()
            .map(|h| h.every_ms.to_string())
            .unwrap_or_default(),
    );
    v.insert(
        "heartbeat_extend_s",
        spec.heartbeat
            .as_ref()
            .map(|h| h.extend_s.to_string())
            .unwrap_or_else(|| "30".into()),
    );
    v.insert("idempotency_store", spec.idempotency_store.to_string());
    v.insert("poison_marker", spec.poison_marker.clone());
    v.insert("stop_pill", spec.stop_pill.clone());
    v.insert("idle_pause_ms", spec.idle_pause_ms.to_string());
    let r = serde_json::to_value(&spec.role).unwrap_or(Value::Null);
    v.insert("role", r["type"].as_str().unwrap_or("worker").to_string());
    v.insert(
        "then_send_to",
        r["then_send_to"].as_str().unwrap_or_default().to_string(),
    );
    v
}

fn number(v: &Values, k: &'static str) -> Result<Value, FormError> {
    let text = v[k].trim();
    text.parse::<f64>()
        .ok()
        .filter(|n| n.is_finite())
        .map(|n| {
            if n.fract() == 0.0 && n.abs() < 1e15 {
                json!(n as i64)
            } else {
                json!(n)
            }
        })
        .ok_or_else(|| FormError {
            field: Some(k.to_string()),
            message: format!("must be a number, got {text:?}"),
        })
}

fn spec_of(v: &Values) -> Result<ConsumerSpec, FormError> {
    let processing = match v["processing_type"].as_str() {
        "uniform" => {
            json!({"type": "uniform", "min_ms": number(v, "processing_a")?, "max_ms": number(v, "processing_b")?})
        }
        "exponential" => json!({"type": "exponential", "mean_ms": number(v, "processing_a")?}),
        _ => json!({"type": "fixed", "ms": number(v, "processing_a")?}),
    };
    let role = match v["role"].as_str() {
        "db_writer" if !v["then_send_to"].is_empty() => {
            json!({"type": "db_writer", "then_send_to": v["then_send_to"]})
        }
        "db_writer" => json!({"type": "db_writer"}),
        "mailer" => json!({"type": "mailer"}),
        _ => json!({"type": "worker"}),
    };
    let mut doc = json!({
        "id": v["id"].trim(), "queue": v["queue"], "batch_size": number(v, "batch_size")?,
        "processing": processing, "failure_probability": number(v, "failure_probability")?,
        "idempotency_store": v["idempotency_store"] == "true", "poison_marker": v["poison_marker"],
        "stop_pill": v["stop_pill"], "idle_pause_ms": number(v, "idle_pause_ms")?, "role": role,
    });
    match v["polling"].as_str() {
        "short" => doc["wait_time_s"] = json!(0),
        "long" => doc["wait_time_s"] = number(v, "wait_time_s")?,
        _ => {}
    }
    if !v["visibility_timeout_s"].trim().is_empty() {
        doc["visibility_timeout_s"] = number(v, "visibility_timeout_s")?;
    }
    if !v["heartbeat_every_ms"].trim().is_empty() {
        doc["heartbeat"] = json!({"every_ms": number(v, "heartbeat_every_ms")?, "extend_s": number(v, "heartbeat_extend_s")?});
    }
    serde_path_to_error::deserialize(doc).map_err(|e| {
        let path = e.path().to_string();
        let field = match path.as_str() {
            p if p.starts_with("processing") => "processing_a".to_string(),
            p if p.starts_with("heartbeat") => "heartbeat_every_ms".to_string(),
            "wait_time_s" => "wait_time_s".to_string(),
            p => p.split('.').next().unwrap_or_default().to_string(),
        };
        FormError {
            field: Some(field),
            message: e.inner().to_string(),
        }
    })
}

/// The consumer form.
#[function_component(ConsumerForm)]
pub fn consumer_form(props: &ConsumerFormProps) -> Html {
    let pg = use_playground();
    let ui = use_ui();
    let editing = props.consumer.clone();
    let values = {
        let (editing, pg, queues, ids) = (
            editing.clone(),
            pg.clone(),
            props.queues.clone(),
            props.ids.clone(),
        );
        use_state(move || {
            let existing = editing
                .as_ref()
                .and_then(|id| pg.read(|s| s.world().consumer_detail(id)));
            match existing {
                Some(d) => values_of(&d.spec),
                None => {
                    let id = (1..)
                        .map(|i| format!("worker-{i}"))
                        .find(|c| !ids.contains(c))
                        .unwrap_or_default();
                    let doc = json!({"id": id, "queue": queues.first().cloned().unwrap_or_default(), "wait_time_s": 20});
                    let spec: ConsumerSpec =
                        serde_json::from_value(doc).expect("a minimal consumer spec deserializes");
                    values_of(&spec)
                }
            }
        })
    };
    let error = use_state(|| None::<FormError>);
    let on_change = value_setter(&values);
    let onsubmit = {
        let (values, error, editing, ui) =
            (values.clone(), error.clone(), editing.clone(), ui.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let spec = match spec_of(&values) {
                Ok(s) => s,
                Err(e) => return error.set(Some(e)),
            };
            let id = spec.id.clone();
            let action = if editing.is_some() {
                Action::EditConsumer {
                    consumer: Box::new(spec),
                }
            } else {
                Action::AddConsumer {
                    consumer: Box::new(spec),
                }
            };
            match pg.apply(action) {
                Ok(()) => {
                    error.set(None);
                    ui.dispatch(UiAction::Select(Selection::Consumer(id)));
                    ui.dispatch(UiAction::Open(Form::None));
                }
                Err(e) => error.set(Some(FormError::from_action(
                    &e,
                    &[
                        ("consumer", "id"),
                        ("processing", "processing_a"),
                        ("max_ms", "processing_b"),
                        ("heartbeat", "heartbeat_every_ms"),
                        ("every_ms", "heartbeat_every_ms"),
                        ("then_send_to", "role"),
                    ],
                ))),
            }
        })
    };
    let cancel = close_form(&ui);
    let err = (*error).clone();
    let f = |name: &'static str, label: &str, hint: &str, control: Control| {
        html! { <Field {name} label={label.to_string()} hint={hint.to_string()} {control}
        value={values.get(name).cloned().unwrap_or_default()} on_change={on_change.clone()} error={err.clone()} /> }
    };
    let queue_options: Vec<(String, String)> = props
        .queues
        .iter()
        .map(|q| (q.clone(), q.clone()))
        .collect();
    let mut forward = vec![(String::new(), "nowhere".to_string())];
    forward.extend(queue_options.iter().cloned());
    let title = match &editing {
        Some(id) => format!("Edit consumer {id}"),
        None => "Add a consumer".to_string(),
    };
    let ptype = values["processing_type"].clone();
    html! {
        <form class="form consumer-form" aria-label={title.clone()} {onsubmit}>
            <h3>{ title }</h3>
            { general_error(&err, &FIELDS) }
            if editing.is_none() { { f("id", "Consumer id", "unique name", Control::Text) } }
            { f("queue", "Queue", "where it receives from", Control::Choice(queue_options)) }
            { f("polling", "Polling", "long polling waits for messages; short polling samples some servers and may come back empty",
                Control::Choice(vec![("queue".into(), "the queue's ReceiveMessageWaitTimeSeconds".into()), ("short".into(), "short polling".into()), ("long".into(), "long polling".into())])) }
            if values["polling"] == "long" { { f("wait_time_s", "WaitTimeSeconds", "1 to 20", Control::Text) } }
            { f("batch_size", "MaxNumberOfMessages", "1 to 10", Control::Text) }
            { f("visibility_timeout_s", "Visibility timeout per receive (s)", "empty: the queue's VisibilityTimeout", Control::Text) }
            { f("processing_type", "Processing time", "how long one message takes",
                Control::Choice(vec![("fixed".into(), "fixed".into()), ("uniform".into(), "uniform between two values".into()), ("exponential".into(), "exponential with a mean".into())])) }
            { f("processing_a", if ptype == "uniform" { "Shortest (ms)" } else if ptype == "exponential" { "Mean (ms)" } else { "Time (ms)" }, "milliseconds", Control::Text) }
            if ptype == "uniform" { { f("processing_b", "Longest (ms)", "at least the shortest", Control::Text) } }
            { f("failure_probability", "Failure probability", "0 to 1: a failed message is not deleted and comes back", Control::Text) }
            { f("heartbeat_every_ms", "Heartbeat every (ms)", "empty: no heartbeat (ChangeMessageVisibility while working)", Control::Text) }
            if !values["heartbeat_every_ms"].trim().is_empty() { { f("heartbeat_extend_s", "Heartbeat extends to (s)", "new visibility timeout of each heartbeat", Control::Text) } }
            { f("idempotency_store", "Idempotency store", "skip MessageIds already processed", Control::Check) }
            { f("poison_marker", "Poison marker", "bodies containing this always fail", Control::Text) }
            { f("stop_pill", "Stop pill", "a body exactly equal to this makes the consumer finish and stop", Control::Text) }
            { f("idle_pause_ms", "Pause after an empty receive (ms)", "short polling only", Control::Text) }
            { f("role", "Role", "what a processed message does",
                Control::Choice(vec![("worker".into(), "worker".into()), ("db_writer".into(), "records orders in the database".into()), ("mailer".into(), "sends confirmation e-mails".into())])) }
            if values["role"] == "db_writer" { { f("then_send_to", "Then send to", "queue to hand recorded orders on to", Control::Choice(forward)) } }
            <div class="buttons">
                <button type="submit" class="primary">{ if editing.is_some() { "Save consumer" } else { "Add consumer" } }</button>
                <button type="button" onclick={cancel}>{ "Cancel" }</button>
            </div>
        </form>
    }
}

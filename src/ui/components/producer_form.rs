//! Add or edit a producer: queue, rate, body template and size, batch, jitter, FIFO group
//! and deduplication strategies, a message limit, S3 offloading. The form builds a
//! scenario `ProducerSpec` (so the saved document stays loadable) and the world validates
//! it with the same checks as a loaded scenario; errors show at the field.

use serde_json::{json, Value};
use yew::prelude::*;

use super::field::{close_form, general_error, value_setter, Control, Field, FormError, Values};
use crate::ui::context::{use_playground, use_ui};
use crate::ui::state::{Form, Selection, UiAction};
use crate::world::scenario::ProducerSpec;
use crate::world::Action;

/// Props of [`ProducerForm`].
#[derive(Properties, PartialEq, Clone)]
pub struct ProducerFormProps {
    /// `None` to add a producer, else the id of the producer to edit.
    #[prop_or_default]
    pub producer: Option<String>,
    /// Existing queues.
    pub queues: Vec<String>,
    /// Existing producer ids (to propose a free one).
    pub ids: Vec<String>,
}

const FIELDS: [&str; 14] = [
    "id",
    "queue",
    "rate_per_s",
    "jitter",
    "body_template",
    "body_size_bytes",
    "batch_size",
    "group_type",
    "group_value",
    "dedup_type",
    "dedup_every",
    "max_messages",
    "running",
    "s3_bucket",
];

fn values_of(spec: &ProducerSpec) -> Values {
    let mut v = Values::new();
    v.insert("id", spec.id.clone());
    v.insert("queue", spec.queue.clone());
    v.insert("rate_per_s", spec.rate_per_s.to_string());
    v.insert("jitter", spec.jitter.to_string());
    v.insert("body_template", spec.body_template.clone());
    v.insert(
        "body_size_bytes",
        spec.body_size_bytes
            .map(|b| b.to_string())
            .unwrap_or_default(),
    );
    v.insert("batch_size", spec.batch_size.to_string());
    let g = serde_json::to_value(&spec.group).unwrap_or(Value::Null);
    v.insert(
        "group_type",
        g["type"].as_str().unwrap_or("fixed").to_string(),
    );
    v.insert(
        "group_value",
        g.get("group")
            .or(g.get("groups"))
            .map(|x| x.to_string().trim_matches('"').to_string())
            .unwrap_or_else(|| "g0".into()),
    );
    let d = serde_json::to_value(&spec.dedup).unwrap_or(Value::Null);
    v.insert(
        "dedup_type",
        d["type"].as_str().unwrap_or("unique").to_string(),
    );
    v.insert(
        "dedup_every",
        d.get("every")
            .map(|x| x.to_string())
            .unwrap_or_else(|| "10".into()),
    );
    v.insert(
        "max_messages",
        spec.max_messages.map(|m| m.to_string()).unwrap_or_default(),
    );
    v.insert("running", spec.running.to_string());
    v.insert("s3_bucket", spec.s3_bucket.clone().unwrap_or_default());
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

fn optional(v: &Values, k: &'static str) -> Result<Option<Value>, FormError> {
    if v[k].trim().is_empty() {
        Ok(None)
    } else {
        number(v, k).map(Some)
    }
}

/// The spec the form describes (serde applies the scenario format's defaults).
fn spec_of(v: &Values) -> Result<ProducerSpec, FormError> {
    let group = match v["group_type"].as_str() {
        "fixed" => json!({"type": "fixed", "group": v["group_value"].trim()}),
        other => json!({"type": other, "groups": number(v, "group_value")?}),
    };
    let dedup = match v["dedup_type"].as_str() {
        "repeats" => json!({"type": "repeats", "every": number(v, "dedup_every")?}),
        other => json!({"type": other}),
    };
    let mut doc = json!({
        "id": v["id"].trim(), "queue": v["queue"], "rate_per_s": number(v, "rate_per_s")?,
        "jitter": number(v, "jitter")?, "body_template": v["body_template"], "batch_size": number(v, "batch_size")?,
        "group": group, "dedup": dedup, "running": v["running"] == "true",
    });
    if let Some(b) = optional(v, "body_size_bytes")? {
        doc["body_size_bytes"] = b;
    }
    if let Some(m) = optional(v, "max_messages")? {
        doc["max_messages"] = m;
    }
    if !v["s3_bucket"].trim().is_empty() {
        doc["s3_bucket"] = json!(v["s3_bucket"].trim());
    }
    serde_path_to_error::deserialize(doc).map_err(|e| FormError {
        field: Some(
            e.path()
                .to_string()
                .split('.')
                .next()
                .unwrap_or_default()
                .to_string(),
        ),
        message: e.inner().to_string(),
    })
}

/// The producer form.
#[function_component(ProducerForm)]
pub fn producer_form(props: &ProducerFormProps) -> Html {
    let pg = use_playground();
    let ui = use_ui();
    let editing = props.producer.clone();
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
                .and_then(|id| pg.read(|s| s.world().producer_detail(id)));
            match existing {
                Some(d) => values_of(&d.spec),
                None => {
                    let id = (1..)
                        .map(|i| format!("producer-{i}"))
                        .find(|c| !ids.contains(c))
                        .unwrap_or_default();
                    let doc = json!({"id": id, "queue": queues.first().cloned().unwrap_or_default(), "rate_per_s": 1});
                    let spec: ProducerSpec =
                        serde_json::from_value(doc).expect("a minimal producer spec deserializes");
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
                Action::EditProducer {
                    producer: Box::new(spec),
                }
            } else {
                Action::AddProducer {
                    producer: Box::new(spec),
                }
            };
            match pg.apply(action) {
                Ok(()) => {
                    error.set(None);
                    ui.dispatch(UiAction::Select(Selection::Producer(id)));
                    ui.dispatch(UiAction::Open(Form::None));
                }
                Err(e) => error.set(Some(FormError::from_action(
                    &e,
                    &[
                        ("producer", "id"),
                        ("group", "group_value"),
                        ("groups", "group_value"),
                        ("every", "dedup_every"),
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
    let fifo = values["queue"].ends_with(".fifo");
    let title = match &editing {
        Some(id) => format!("Edit producer {id}"),
        None => "Add a producer".to_string(),
    };
    html! {
        <form class="form producer-form" aria-label={title.clone()} {onsubmit}>
            <h3>{ title }</h3>
            { general_error(&err, &FIELDS) }
            if editing.is_none() { { f("id", "Producer id", "unique name", Control::Text) } }
            { f("queue", "Queue", "where it sends", Control::Choice(queue_options)) }
            { f("rate_per_s", "Rate (messages/s)", "0 (idle) or 0.001 to 100,000", Control::Text) }
            { f("jitter", "Jitter", "0 to 1, relative to the interval", Control::Text) }
            { f("body_template", "Body template", "{producer}, {seq} and {group} are replaced", Control::Text) }
            { f("body_size_bytes", "Body size (bytes)", "pad bodies to this size; empty: as the template gives", Control::Text) }
            { f("s3_bucket", "S3 bucket for large payloads", "extended-client pattern: bodies over 256 KiB go to S3", Control::Text) }
            { f("batch_size", "Batch size", "1 (SendMessage) to 10 (SendMessageBatch)", Control::Text) }
            if fifo {
                { f("group_type", "Message groups", "how MessageGroupId is chosen",
                    Control::Choice(vec![("fixed".into(), "one group".into()), ("round_robin".into(), "round robin over N".into()), ("random".into(), "random among N".into())])) }
                { f("group_value", "Group id or N", "the group id, or how many groups", Control::Text) }
            }
            { f("dedup_type", "Deduplication", "MessageDeduplicationId strategy",
                Control::Choice(vec![("unique".into(), "unique id per message".into()), ("content_based".into(), "content-based (queue setting)".into()), ("repeats".into(), "unique, but repeat every N-th".into())])) }
            if values["dedup_type"] == "repeats" { { f("dedup_every", "Repeat every", "at least 2", Control::Text) } }
            { f("max_messages", "Stop after (messages)", "empty: no limit", Control::Text) }
            { f("running", "Start sending now", "", Control::Check) }
            <div class="buttons">
                <button type="submit" class="primary">{ if editing.is_some() { "Save producer" } else { "Add producer" } }</button>
                <button type="button" onclick={cancel}>{ "Cancel" }</button>
            </div>
        </form>
    }
}

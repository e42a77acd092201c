//! Create a queue, or edit one's attributes: every CreateQueue attribute with AWS's
//! default shown (taken from the engine, not repeated here), the redrive policy chosen as
//! "dead-letter queue + maxReceiveCount". The engine validates on submit; its error is
//! shown at the field it names and everything typed is kept.

use std::collections::BTreeMap;

use yew::prelude::*;

use super::field::{close_form, general_error, Control, Field, FormError, Values};
use crate::engine::rules::QueueAttributes;
use crate::engine::{queue_arn, QUEUE_ARN_PREFIX};
use crate::ui::context::{use_playground, use_ui};
use crate::ui::state::{Form, Selection, UiAction};
use crate::world::Action;

/// Props of [`QueueForm`].
#[derive(Properties, PartialEq, Clone)]
pub struct QueueFormProps {
    /// `None` to create a queue, else the queue to edit.
    #[prop_or_default]
    pub queue: Option<String>,
    /// Existing queues (dead-letter targets and redrive sources).
    pub queues: Vec<String>,
}

/// The attribute fields, with their hints.
const NUMBERS: [(&str, &str, &str); 5] = [
    (
        "VisibilityTimeout",
        "Visibility timeout (s)",
        "0 to 43,200 (12 h)",
    ),
    ("DelaySeconds", "Delay (s)", "0 to 900 (15 min)"),
    (
        "MessageRetentionPeriod",
        "Retention period (s)",
        "60 (1 min) to 1,209,600 (14 days)",
    ),
    (
        "MaximumMessageSize",
        "Maximum message size (bytes)",
        "1,024 to 1,048,576 (1 MiB)",
    ),
    (
        "ReceiveMessageWaitTimeSeconds",
        "Receive wait time (s)",
        "0 (short polling) to 20 (long polling)",
    ),
];

/// Fields whose AWS attribute has another name in this form.
const ALIASES: [(&str, &str); 3] = [
    ("RedrivePolicy", "dlq"),
    ("RedriveAllowPolicy", "redrive_allow"),
    ("QueueName", "name"),
];

fn name_of_arn(arn: &str) -> String {
    arn.strip_prefix(QUEUE_ARN_PREFIX)
        .unwrap_or(arn)
        .to_string()
}

/// Form values from a queue's attribute map (or the defaults).
fn values_from(attrs: &BTreeMap<String, String>, name: &str, fifo: bool) -> Values {
    let mut v = Values::new();
    v.insert("name", name.to_string());
    v.insert("fifo", fifo.to_string());
    for (k, _, _) in NUMBERS {
        v.insert(k, attrs.get(k).cloned().unwrap_or_default());
    }
    let rp: Option<serde_json::Value> = attrs
        .get("RedrivePolicy")
        .and_then(|s| serde_json::from_str(s).ok());
    v.insert(
        "dlq",
        rp.as_ref()
            .and_then(|p| p["deadLetterTargetArn"].as_str())
            .map(name_of_arn)
            .unwrap_or_default(),
    );
    v.insert(
        "maxReceiveCount",
        rp.as_ref()
            .map(|p| {
                p["maxReceiveCount"]
                    .to_string()
                    .trim_matches('"')
                    .to_string()
            })
            .unwrap_or_else(|| "3".into()),
    );
    let ap: Option<serde_json::Value> = attrs
        .get("RedriveAllowPolicy")
        .and_then(|s| serde_json::from_str(s).ok());
    v.insert(
        "redrive_allow",
        ap.as_ref()
            .and_then(|p| p["redrivePermission"].as_str())
            .unwrap_or("allowAll")
            .to_string(),
    );
    v.insert(
        "redrive_sources",
        ap.as_ref()
            .and_then(|p| p["sourceQueueArns"].as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str())
                    .map(name_of_arn)
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default(),
    );
    for k in ["ContentBasedDeduplication", "SqsManagedSseEnabled"] {
        v.insert(k, attrs.get(k).cloned().unwrap_or_else(|| "false".into()));
    }
    v.insert(
        "DeduplicationScope",
        attrs
            .get("DeduplicationScope")
            .cloned()
            .unwrap_or_else(|| "queue".into()),
    );
    v.insert(
        "FifoThroughputLimit",
        attrs
            .get("FifoThroughputLimit")
            .cloned()
            .unwrap_or_else(|| "perQueue".into()),
    );
    v.insert(
        "KmsMasterKeyId",
        attrs.get("KmsMasterKeyId").cloned().unwrap_or_default(),
    );
    v.insert(
        "KmsDataKeyReusePeriodSeconds",
        attrs
            .get("KmsDataKeyReusePeriodSeconds")
            .cloned()
            .unwrap_or_else(|| "300".into()),
    );
    v.insert("Policy", attrs.get("Policy").cloned().unwrap_or_default());
    v
}

/// The CreateQueue / SetQueueAttributes attributes for what differs from `initial`.
fn attributes(v: &Values, initial: &Values, fifo: bool) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let changed = |k: &str| v.get(k) != initial.get(k);
    for (k, _, _) in NUMBERS {
        if changed(k) {
            out.insert(k.to_string(), v[k].trim().to_string());
        }
    }
    if changed("dlq") || changed("maxReceiveCount") {
        let value = if v["dlq"].is_empty() {
            String::new()
        } else {
            let count = v["maxReceiveCount"].trim();
            // A number when it is one (AWS's own form); anything else goes as typed, for
            // the engine to refuse with AWS's message.
            let count = count
                .parse::<i64>()
                .map(serde_json::Value::from)
                .unwrap_or_else(|_| serde_json::Value::from(count));
            serde_json::json!({"deadLetterTargetArn": queue_arn(&v["dlq"]), "maxReceiveCount": count}).to_string()
        };
        out.insert("RedrivePolicy".into(), value);
    }
    if changed("redrive_allow") || changed("redrive_sources") {
        let mut p = serde_json::json!({"redrivePermission": v["redrive_allow"]});
        if v["redrive_allow"] == "byQueue" {
            let arns: Vec<String> = v["redrive_sources"]
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(queue_arn)
                .collect();
            p["sourceQueueArns"] = serde_json::json!(arns);
        }
        out.insert("RedriveAllowPolicy".into(), p.to_string());
    }
    if fifo {
        for k in [
            "ContentBasedDeduplication",
            "DeduplicationScope",
            "FifoThroughputLimit",
        ] {
            if changed(k) {
                out.insert(k.to_string(), v[k].clone());
            }
        }
    }
    for k in [
        "SqsManagedSseEnabled",
        "KmsMasterKeyId",
        "KmsDataKeyReusePeriodSeconds",
        "Policy",
    ] {
        if changed(k) {
            out.insert(k.to_string(), v[k].trim().to_string());
        }
    }
    out
}

/// The queue form.
#[function_component(QueueForm)]
pub fn queue_form(props: &QueueFormProps) -> Html {
    let pg = use_playground();
    let ui = use_ui();
    let editing = props.queue.clone();
    let initial = {
        let editing = editing.clone();
        let pg = pg.clone();
        use_memo(editing.clone(), move |q| match q {
            Some(name) => {
                let attrs = pg
                    .read(|s| s.world().queue_attributes(name))
                    .unwrap_or_default();
                let fifo = attrs.get("FifoQueue").is_some_and(|f| f == "true");
                values_from(&attrs, name, fifo)
            }
            None => values_from(
                &QueueAttributes::defaults(false).static_attribute_map(),
                "",
                false,
            ),
        })
    };
    let values = {
        let initial = initial.clone();
        use_state(move || (*initial).clone())
    };
    let error = use_state(|| None::<FormError>);
    let fifo = values["fifo"] == "true";
    let on_change = {
        let values = values.clone();
        Callback::from(move |(k, v): (&'static str, String)| {
            let mut next = (*values).clone();
            if k == "fifo"
                && v == "true"
                && !next["name"].ends_with(".fifo")
                && !next["name"].is_empty()
            {
                let n = format!("{}.fifo", next["name"]);
                next.insert("name", n);
            }
            next.insert(k, v);
            values.set(next);
        })
    };
    let onsubmit = {
        let (values, error, initial, editing, ui) = (
            values.clone(),
            error.clone(),
            initial.clone(),
            editing.clone(),
            ui.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let v = &*values;
            let fifo = v["fifo"] == "true";
            let mut base = (*initial).clone();
            if editing.is_none() {
                // A new FIFO queue starts from the FIFO defaults.
                base = values_from(
                    &QueueAttributes::defaults(fifo).static_attribute_map(),
                    "",
                    fifo,
                );
            }
            let mut attrs = attributes(v, &base, fifo);
            let action = match &editing {
                Some(q) => Action::SetQueueAttributes {
                    queue: q.clone(),
                    attributes: attrs,
                },
                None => {
                    if fifo {
                        attrs.insert("FifoQueue".into(), "true".into());
                    }
                    Action::CreateQueue {
                        name: v["name"].trim().to_string(),
                        attributes: attrs,
                        tags: BTreeMap::new(),
                    }
                }
            };
            match pg.apply(action) {
                Ok(()) => {
                    error.set(None);
                    let name = editing
                        .clone()
                        .unwrap_or_else(|| v["name"].trim().to_string());
                    ui.dispatch(UiAction::Select(Selection::Queue(name)));
                    ui.dispatch(UiAction::Open(Form::None));
                }
                Err(e) => error.set(Some(FormError::from_action(&e, &ALIASES))),
            }
        })
    };
    let cancel = close_form(&ui);
    let err = (*error).clone();
    let f = |name: &'static str, label: &str, hint: &str, control: Control| {
        html! { <Field {name} label={label.to_string()} hint={hint.to_string()} control={control.clone()}
        numeric={matches!(control, Control::Text) && NUMBERS.iter().any(|n| n.0 == name)}
        value={values.get(name).cloned().unwrap_or_default()} on_change={on_change.clone()} error={err.clone()} /> }
    };
    let defaults = QueueAttributes::defaults(fifo).static_attribute_map();
    let numbers = NUMBERS.iter().map(|(k, label, range)| {
        let hint = format!(
            "{range}; AWS default {}",
            defaults.get(*k).cloned().unwrap_or_default()
        );
        f(k, label, &hint, Control::Text)
    });
    let mut dlq_options = vec![(String::new(), "none".to_string())];
    dlq_options.extend(
        props
            .queues
            .iter()
            .filter(|q| Some(*q) != editing.as_ref())
            .filter(|q| q.ends_with(".fifo") == fifo)
            .map(|q| (q.clone(), q.clone())),
    );
    let fields: Vec<&str> = [
        "name",
        "fifo",
        "dlq",
        "maxReceiveCount",
        "redrive_allow",
        "redrive_sources",
        "ContentBasedDeduplication",
        "DeduplicationScope",
        "FifoThroughputLimit",
        "SqsManagedSseEnabled",
        "KmsMasterKeyId",
        "KmsDataKeyReusePeriodSeconds",
        "Policy",
    ]
    .into_iter()
    .chain(NUMBERS.iter().map(|n| n.0))
    .collect();
    let title = match &editing {
        Some(q) => format!("Edit queue {q}"),
        None => "Create a queue".to_string(),
    };
    html! {
        <form class="form queue-form" aria-label={title.clone()} {onsubmit}>
            <h3>{ title }</h3>
            { general_error(&err, &fields) }
            if editing.is_none() {
                { f("name", "Queue name", "1–80 letters, digits, - and _; FIFO names end in .fifo", Control::Text) }
                { f("fifo", "FIFO queue", "ordered per message group, exactly-once processing", Control::Check) }
            }
            <fieldset><legend>{ "Messages" }</legend>{ for numbers }</fieldset>
            <fieldset><legend>{ "Dead-letter queue" }</legend>
                { f("dlq", "Dead-letter queue", "messages move there after maxReceiveCount receives", Control::Choice(dlq_options)) }
                { f("maxReceiveCount", "maxReceiveCount", "1 to 1,000", Control::Text) }
                { f("redrive_allow", "Redrive allow policy", "which queues may use this one as their dead-letter queue",
                    Control::Choice(vec![("allowAll".into(), "allow all".into()), ("denyAll".into(), "deny all".into()), ("byQueue".into(), "by queue".into())])) }
                if values["redrive_allow"] == "byQueue" {
                    { f("redrive_sources", "Allowed source queues", "queue names, comma-separated (at most 10)", Control::Text) }
                }
            </fieldset>
            if fifo {
                <fieldset><legend>{ "FIFO" }</legend>
                    { f("ContentBasedDeduplication", "Content-based deduplication", "deduplication id = SHA-256 of the body; default off", Control::Check) }
                    { f("DeduplicationScope", "Deduplication scope", "default queue", Control::Choice(vec![("queue".into(), "queue".into()), ("messageGroup".into(), "message group".into())])) }
                    { f("FifoThroughputLimit", "Throughput limit", "perQueue: 300 requests/s per queue; perMessageGroupId: high throughput", Control::Choice(vec![("perQueue".into(), "per queue".into()), ("perMessageGroupId".into(), "per message group".into())])) }
                </fieldset>
            }
            <fieldset><legend>{ "Encryption and access" }</legend>
                { f("SqsManagedSseEnabled", "SSE-SQS (encryption at rest)", "default on for new queues", Control::Check) }
                { f("KmsMasterKeyId", "SSE-KMS key", "e.g. alias/aws/sqs (instead of SSE-SQS)", Control::Text) }
                { f("KmsDataKeyReusePeriodSeconds", "KMS data key reuse (s)", "60 to 86,400; default 300", Control::Text) }
                { f("Policy", "Access policy (JSON)", "empty: only the owner account", Control::Area) }
            </fieldset>
            <div class="buttons">
                <button type="submit" class="primary">{ if editing.is_some() { "Save attributes" } else { "Create queue" } }</button>
                <button type="button" onclick={cancel}>{ "Cancel" }</button>
            </div>
        </form>
    }
}

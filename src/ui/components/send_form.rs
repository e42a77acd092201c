//! Send a message by hand (body, one message attribute, delay, FIFO group and dedup id),
//! with one-click "poison message" and "stop pill" buttons that use the markers of the
//! queue's consumers. A body is text: whatever is typed is stored and shown as text.

use std::collections::BTreeMap;

use yew::prelude::*;

use super::field::{
    close_form, general_error, optional_u32, value_setter, Control, Field, FormError, Values,
};
use crate::engine::{MessageAttributeValue, OWNER_ARN};
use crate::ui::context::{use_playground, use_ui};
use crate::world::Action;

/// Props of [`SendForm`].
#[derive(Properties, PartialEq, Clone)]
pub struct SendFormProps {
    /// The queue to send to.
    pub queue: String,
}

const FIELDS: [&str; 7] = [
    "body",
    "delay_s",
    "group_id",
    "dedup_id",
    "attr_name",
    "attr_type",
    "attr_value",
];

/// The send form.
#[function_component(SendForm)]
pub fn send_form(props: &SendFormProps) -> Html {
    let pg = use_playground();
    let ui = use_ui();
    let fifo = props.queue.ends_with(".fifo");
    let values = use_state(|| {
        let mut v = Values::new();
        for k in FIELDS {
            v.insert(k, String::new());
        }
        v.insert("body", "hello".into());
        v.insert("attr_type", "String".into());
        v.insert("group_id", if fifo { "g0".into() } else { String::new() });
        v
    });
    let error = use_state(|| None::<FormError>);
    let sent = use_state(|| None::<String>);
    // The markers the queue's consumers use (the first consumer's; the defaults otherwise).
    let (poison, stop) = pg.read(|s| {
        let w = s.world();
        w.consumers()
            .iter()
            .find(|c| c.spec.queue == props.queue)
            .map(|c| (c.spec.poison_marker.clone(), c.spec.stop_pill.clone()))
            .unwrap_or_else(|| ("POISON".into(), "STOP".into()))
    });
    let on_change = value_setter(&values);
    let send = {
        let (pg, error, sent, queue) =
            (pg.clone(), error.clone(), sent.clone(), props.queue.clone());
        move |v: &Values, body: String, what: &str| {
            let delay_s = match optional_u32(v, "delay_s", "a whole number of seconds") {
                Ok(d) => d,
                Err(e) => return error.set(Some(e)),
            };
            let mut attributes = BTreeMap::new();
            if !v["attr_name"].trim().is_empty() {
                let binary = v["attr_type"].starts_with("Binary");
                attributes.insert(
                    v["attr_name"].trim().to_string(),
                    MessageAttributeValue {
                        data_type: v["attr_type"].trim().to_string(),
                        string_value: (!binary).then(|| v["attr_value"].clone()),
                        binary_value: binary.then(|| v["attr_value"].trim().to_string()),
                        ..Default::default()
                    },
                );
            }
            let nonempty = |k: &str| Some(v[k].trim().to_string()).filter(|s| !s.is_empty());
            let action = Action::SendMessage {
                queue: queue.clone(),
                body,
                caller: OWNER_ARN.to_string(),
                group_id: nonempty("group_id"),
                dedup_id: nonempty("dedup_id"),
                delay_s,
                attributes,
            };
            match pg.apply(action) {
                Ok(()) => {
                    error.set(None);
                    sent.set(Some(format!("Sent {what} to {queue}.")));
                }
                Err(e) => {
                    sent.set(None);
                    let field = e.field.as_deref().map(|f| match f {
                        "MessageGroupId" => "group_id",
                        "MessageDeduplicationId" => "dedup_id",
                        "DelaySeconds" => "delay_s",
                        "MessageBody" => "body",
                        f if f.starts_with("MessageAttribute") => "attr_value",
                        _ => "",
                    });
                    error.set(Some(FormError {
                        field: field.filter(|f| !f.is_empty()).map(str::to_string),
                        message: e.to_string(),
                    }));
                }
            }
        }
    };
    let onsubmit = {
        let (values, send) = (values.clone(), send.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            send(&values, values["body"].clone(), "the message");
        })
    };
    let on_poison = {
        let (values, send, poison) = (values.clone(), send.clone(), poison.clone());
        Callback::from(move |_: MouseEvent| {
            send(
                &values,
                format!("{poison}: this message can never be processed"),
                "a poison message",
            )
        })
    };
    let on_stop = {
        let (values, send, stop) = (values.clone(), send.clone(), stop.clone());
        Callback::from(move |_: MouseEvent| send(&values, stop.clone(), "the stop pill"))
    };
    let close = close_form(&ui);
    let err = (*error).clone();
    let f = |name: &'static str, label: &str, hint: &str, control: Control| {
        html! { <Field {name} label={label.to_string()} hint={hint.to_string()} {control}
        value={values.get(name).cloned().unwrap_or_default()} on_change={on_change.clone()} error={err.clone()} /> }
    };
    let title = format!("Send a message to {}", props.queue);
    html! {
        <form class="form send-form" aria-label={title.clone()} {onsubmit}>
            <h3>{ title }</h3>
            { general_error(&err, &FIELDS) }
            { f("body", "Body", "any text, 1 byte to 1 MiB (shown as text, never as HTML)", Control::Area) }
            { f("delay_s", "Delay (s)", "message timer, 0 to 900; empty: the queue's DelaySeconds", Control::Text) }
            if fifo {
                { f("group_id", "MessageGroupId", "FIFO: messages of one group are delivered in order", Control::Text) }
                { f("dedup_id", "MessageDeduplicationId", "FIFO: the same id within 5 minutes is accepted but not delivered again", Control::Text) }
            }
            <fieldset><legend>{ "Message attribute (optional)" }</legend>
                { f("attr_name", "Attribute name", "empty: no attribute", Control::Text) }
                { f("attr_type", "Attribute type", "", Control::Choice(vec![("String".into(), "String".into()), ("Number".into(), "Number".into()), ("Binary".into(), "Binary (base64)".into())])) }
                { f("attr_value", "Attribute value", "", Control::Text) }
            </fieldset>
            <div class="buttons">
                <button type="submit" class="primary">{ "Send message" }</button>
                <button type="button" onclick={on_poison}>{ "Send poison message" }</button>
                <button type="button" onclick={on_stop}>{ "Send stop pill" }</button>
                <button type="button" onclick={close}>{ "Close" }</button>
            </div>
            if let Some(s) = &*sent { <p class="note" role="status">{ s.clone() }</p> }
            <p class="note">{ format!("A poison message (body contains \"{poison}\") fails every time: after maxReceiveCount receives it moves to the dead-letter queue. The stop pill (body \"{stop}\") is a normal message that tells a consumer to finish its batch and stop.") }</p>
        </form>
    }
}

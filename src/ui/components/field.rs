//! Form fields with their label, a hint (AWS's default and range), and the error of the
//! last submit when it was about this field. Values are plain strings kept in the form's
//! state, so a refused submit keeps everything the user typed.

use std::collections::BTreeMap;

use yew::prelude::*;

use crate::ui::context::UiHandle;
use crate::ui::state::{Form, UiAction};
use crate::world::ActionError;

/// A form's values by field name.
pub type Values = BTreeMap<&'static str, String>;

/// The error of the last submit: which field (if one) and the text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FormError {
    /// The field the error is about (`None`: the form as a whole).
    pub field: Option<String>,
    /// What to show.
    pub message: String,
}

impl FormError {
    /// From a refused action; `aliases` maps the world's field names (spec or AWS names)
    /// to this form's field names where they differ.
    pub fn from_action(e: &ActionError, aliases: &[(&str, &'static str)]) -> FormError {
        let field = e.field.as_deref().map(|f| {
            let last = f.rsplit('.').next().unwrap_or(f);
            aliases
                .iter()
                .find(|(from, _)| *from == f || *from == last)
                .map(|(_, to)| to.to_string())
                .unwrap_or_else(|| last.to_string())
        });
        FormError {
            field,
            message: e.to_string(),
        }
    }

    /// A form-level error.
    pub fn general(message: impl Into<String>) -> FormError {
        FormError {
            field: None,
            message: message.into(),
        }
    }
}

/// What kind of control a field is.
#[derive(Debug, Clone, PartialEq)]
pub enum Control {
    /// A one-line text or number input.
    Text,
    /// A multi-line text area.
    Area,
    /// A checkbox (value `"true"` / `"false"`).
    Check,
    /// A drop-down: (value, label) pairs.
    Choice(Vec<(String, String)>),
}

/// Props of [`Field`].
#[derive(Properties, PartialEq, Clone)]
pub struct FieldProps {
    /// Field name (also the key in the form's values).
    pub name: &'static str,
    /// Visible label.
    pub label: AttrValue,
    /// Default and range, shown under the control.
    #[prop_or_default]
    pub hint: AttrValue,
    /// The control.
    #[prop_or(Control::Text)]
    pub control: Control,
    /// Current value.
    pub value: String,
    /// Called with the new value.
    pub on_change: Callback<(&'static str, String)>,
    /// The last submit's error.
    #[prop_or_default]
    pub error: Option<FormError>,
    /// Input mode hint for number fields.
    #[prop_or_default]
    pub numeric: bool,
}

/// One labelled control with its hint and error.
#[function_component(Field)]
pub fn field(props: &FieldProps) -> Html {
    let id = format!("field-{}", props.name);
    let hint_id = format!("{id}-hint");
    let err_id = format!("{id}-error");
    let error = props
        .error
        .as_ref()
        .filter(|e| e.field.as_deref() == Some(props.name))
        .map(|e| e.message.clone());
    let described = match (&error, props.hint.is_empty()) {
        (Some(_), true) => err_id.clone(),
        (Some(_), false) => format!("{err_id} {hint_id}"),
        (None, false) => hint_id.clone(),
        (None, true) => String::new(),
    };
    let name = props.name;
    let cb = props.on_change.clone();
    let control = match &props.control {
        Control::Text => {
            let oninput = Callback::from(move |e: InputEvent| {
                cb.emit((
                    name,
                    e.target_unchecked_into::<web_sys::HtmlInputElement>()
                        .value(),
                ))
            });
            html! { <input id={id.clone()} type="text" value={props.value.clone()} {oninput}
            inputmode={props.numeric.then_some("decimal")}
            aria-invalid={error.is_some().to_string()} aria-describedby={described.clone()} /> }
        }
        Control::Area => {
            let oninput = Callback::from(move |e: InputEvent| {
                cb.emit((
                    name,
                    e.target_unchecked_into::<web_sys::HtmlTextAreaElement>()
                        .value(),
                ))
            });
            html! { <textarea id={id.clone()} rows="3" value={props.value.clone()} {oninput}
            aria-invalid={error.is_some().to_string()} aria-describedby={described.clone()} /> }
        }
        Control::Check => {
            let onchange = Callback::from(move |e: Event| {
                cb.emit((
                    name,
                    e.target_unchecked_into::<web_sys::HtmlInputElement>()
                        .checked()
                        .to_string(),
                ))
            });
            html! { <input id={id.clone()} type="checkbox" checked={props.value == "true"} {onchange}
            aria-invalid={error.is_some().to_string()} aria-describedby={described.clone()} /> }
        }
        Control::Choice(options) => {
            let onchange = Callback::from(move |e: Event| {
                cb.emit((
                    name,
                    e.target_unchecked_into::<web_sys::HtmlSelectElement>()
                        .value(),
                ))
            });
            let opts = options.iter().map(|(v, l)| html! { <option value={v.clone()} selected={*v == props.value}>{ l.clone() }</option> });
            html! { <select id={id.clone()} {onchange} aria-invalid={error.is_some().to_string()} aria-describedby={described.clone()}>{ for opts }</select> }
        }
    };
    html! {
        <div class={classes!("field", error.is_some().then_some("has-error"), matches!(props.control, Control::Check).then_some("check"))}>
            <label for={id.clone()}>{ props.label.clone() }</label>
            { control }
            if !props.hint.is_empty() { <small id={hint_id}>{ props.hint.clone() }</small> }
            if let Some(e) = error { <p class="error field-error" id={err_id} role="alert">{ e }</p> }
        </div>
    }
}

/// The form-level error (one not about a single field), if any.
pub fn general_error(error: &Option<FormError>, fields: &[&str]) -> Html {
    match error {
        Some(e) if e.field.as_deref().is_none_or(|f| !fields.contains(&f)) => {
            html! { <p class="error form-error" role="alert">{ e.message.clone() }</p> }
        }
        _ => html! {},
    }
}

/// The `on_change` every field of a form calls: sets that one value in the form's state.
pub fn value_setter(values: &UseStateHandle<Values>) -> Callback<(&'static str, String)> {
    let values = values.clone();
    Callback::from(move |(k, v): (&'static str, String)| {
        let mut next = (*values).clone();
        next.insert(k, v);
        values.set(next);
    })
}

/// A form's Cancel: closes the open form.
pub fn close_form(ui: &UiHandle) -> Callback<MouseEvent> {
    let ui = ui.clone();
    Callback::from(move |_: MouseEvent| ui.dispatch(UiAction::Open(Form::None)))
}

/// An optional whole-number field: `None` when blank, else the number, or an error at the
/// field ("must be `what`, got …").
pub fn optional_u32(v: &Values, field: &'static str, what: &str) -> Result<Option<u32>, FormError> {
    match v[field].trim() {
        "" => Ok(None),
        t => t.parse::<u32>().map(Some).map_err(|_| FormError {
            field: Some(field.into()),
            message: format!("must be {what}, got {t:?}"),
        }),
    }
}

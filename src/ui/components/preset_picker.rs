//! The preset picker: the presets listed in `scenarios/index.json` (fetched at run time),
//! loaded on request. Loading replaces the world — after a confirmation when the user has
//! changed it — and a bad document shows the loader's field-named error while the current
//! world keeps running.

use yew::prelude::*;

use crate::ui::boot::confirm;
use crate::ui::context::use_playground;
use crate::ui::presets::{fetch_index, fetch_preset, PresetEntry};

/// Props of [`PresetPicker`].
#[derive(Properties, PartialEq, Clone)]
pub struct PresetPickerProps {
    /// Id of the scenario running now (shown as selected).
    pub current: AttrValue,
}

/// Picks and loads a preset.
#[function_component(PresetPicker)]
pub fn preset_picker(props: &PresetPickerProps) -> Html {
    let pg = use_playground();
    let index = use_state(Vec::<PresetEntry>::new);
    let chosen = use_state(String::new);
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);
    {
        let (index, error) = (index.clone(), error.clone());
        use_effect_with((), move |_| {
            yew::platform::spawn_local(async move {
                match fetch_index().await {
                    Ok(list) => index.set(list),
                    Err(e) => error.set(Some(e)),
                }
            });
        });
    }
    let current = props.current.to_string();
    {
        // Another scenario was loaded (by a link or a lesson): show it as selected.
        let chosen = chosen.clone();
        use_effect_with(current.clone(), move |_| chosen.set(String::new()));
    }
    let value = if chosen.is_empty() {
        current.clone()
    } else {
        (*chosen).clone()
    };
    let on_change = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            chosen.set(
                e.target_unchecked_into::<web_sys::HtmlSelectElement>()
                    .value(),
            )
        })
    };
    let on_load = {
        let (index, error, busy, pg) = (index.clone(), error.clone(), busy.clone(), pg.clone());
        let value = value.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(entry) = index.iter().find(|p| p.id == value).cloned() else {
                error.set(Some(format!("no preset {value:?} in the index")));
                return;
            };
            if pg.read(|s| s.edited)
                && !confirm(&format!(
                    "Replace the current world with \"{}\"? Your changes to it will be lost.",
                    entry.title
                ))
            {
                return;
            }
            let (error, busy, pg) = (error.clone(), busy.clone(), pg.clone());
            busy.set(true);
            yew::platform::spawn_local(async move {
                let result = fetch_preset(&entry)
                    .await
                    .and_then(|s| pg.act(|session| session.load(s)).map_err(|e| e.to_string()));
                busy.set(false);
                error.set(result.err());
            });
        })
    };
    let options = index.iter().map(|p| html! {
        <option value={p.id.clone()} selected={p.id == value} title={p.description.clone()}>{ p.title.clone() }</option>
    });
    html! {
        <div class="preset-picker">
            <label>
                <span>{ "Preset" }</span>
                <select aria-label="Preset scenario" onchange={on_change}>
                    if !index.iter().any(|p| p.id == current) { <option value={current.clone()} selected={value == current}>{ format!("(this world: {current})") }</option> }
                    { for options }
                </select>
            </label>
            <button type="button" onclick={on_load} disabled={*busy}>{ "Load preset" }</button>
            if let Some(e) = &*error {
                <p class="error" role="alert">{ e.clone() }</p>
            }
        </div>
    }
}

//! The top bar: product name and version, the lessons and AWS CLI console toggles, the
//! scenario being run, the preset picker, the motion and start-paused settings, and the
//! keyboard help.

use yew::prelude::*;

use super::preset_picker::PresetPicker;
use super::run_menu::RunMenu;
use crate::ui::context::{use_playground, use_ui};
use crate::ui::state::UiAction;

/// Props of [`Header`].
#[derive(Properties, PartialEq, Clone)]
pub struct HeaderProps {
    /// Product name.
    pub name: AttrValue,
    /// Version string, shown as `v<version>`.
    pub version: AttrValue,
    /// The running scenario's title.
    pub title: AttrValue,
    /// The running scenario's id.
    pub scenario_id: AttrValue,
}

/// The top bar of the page.
#[function_component(Header)]
pub fn header(props: &HeaderProps) -> Html {
    let ui = use_ui();
    let pg = use_playground();
    let on_lessons = {
        let ui = ui.clone();
        let open = ui.lessons_open;
        Callback::from(move |_: MouseEvent| ui.dispatch(UiAction::Lessons(!open)))
    };
    let on_cli = {
        let ui = ui.clone();
        let open = ui.cli_open;
        Callback::from(move |_: MouseEvent| ui.dispatch(UiAction::Cli(!open)))
    };
    let on_help = {
        let ui = ui.clone();
        Callback::from(move |_: MouseEvent| ui.dispatch(UiAction::Help(true)))
    };
    let on_motion = {
        let ui = ui.clone();
        Callback::from(move |e: Event| {
            let on = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .checked();
            ui.dispatch(UiAction::ReduceMotion(on))
        })
    };
    let on_projector = {
        let ui = ui.clone();
        Callback::from(move |e: Event| {
            let on = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .checked();
            ui.dispatch(UiAction::Projector(on))
        })
    };
    let start_paused = pg.read(|s| s.start_paused);
    let on_paused = Callback::from(move |e: Event| {
        let on = e
            .target_unchecked_into::<web_sys::HtmlInputElement>()
            .checked();
        pg.act(|s| s.start_paused = on)
    });
    html! {
        <header class="app-header">
            <div class="brand">
                <h1>{ props.name.clone() }</h1>
                <span class="version" aria-label="version">{ format!("v{}", props.version) }</span>
            </div>
            <button type="button" class="lessons-button" aria-expanded={ui.lessons_open.to_string()} onclick={on_lessons}>{ "Lessons" }</button>
            <button type="button" class="cli-button" aria-expanded={ui.cli_open.to_string()} aria-controls="region-cli" onclick={on_cli}>{ "AWS CLI" }</button>
            <p class="scenario-title">{ props.title.clone() }</p>
            <PresetPicker current={props.scenario_id.clone()} />
            <RunMenu />
            <div class="settings">
                <label><input type="checkbox" checked={start_paused} onchange={on_paused} />{ " Start paused" }</label>
                <label><input type="checkbox" checked={ui.reduce_motion} onchange={on_motion} />{ " Reduce motion" }</label>
                <label><input type="checkbox" checked={ui.projector} onchange={on_projector} />{ " Projector mode" }</label>
                <button type="button" aria-keyshortcuts="?" onclick={on_help}>{ "Keyboard help" }</button>
            </div>
        </header>
    }
}

//! The list of lessons: one per claim of the source article, each opened with one click
//! ("Open lesson 2: At-least-once: …"). Opening one replaces the world with the lesson's
//! own — after a confirmation when the user has changed the world outside a lesson.

use yew::prelude::*;

use crate::ui::boot::confirm;
use crate::ui::context::{use_playground, use_ui};
use crate::ui::lesson_run::lessons;
use crate::ui::state::UiAction;

/// Props of [`LessonList`].
#[derive(Properties, PartialEq, Clone)]
pub struct LessonListProps {
    /// Id of the lesson being followed, if any (marked as current).
    pub current: Option<String>,
}

/// The twelve lessons.
#[function_component(LessonList)]
pub fn lesson_list(props: &LessonListProps) -> Html {
    let pg = use_playground();
    let ui = use_ui();
    let error = use_state(|| None::<String>);
    let all = lessons();
    let items: Vec<Html> = all.iter().map(|lesson| {
        let (pg, ui, error, lesson) = (pg.clone(), ui.clone(), error.clone(), lesson.clone());
        let current = props.current.as_deref() == Some(lesson.id.as_str());
        let label = format!("Open lesson {}: {}", lesson.number, lesson.title);
        let claim = lesson.claim.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            let (edited, in_lesson) = pg.read(|s| (s.edited, s.lesson.is_some()));
            if edited
                && !in_lesson
                && !confirm(&format!(
                    "Open lesson {}? It replaces the current world; your changes to it will be lost.",
                    lesson.number
                ))
            {
                return;
            }
            match pg.act(|s| s.open_lesson(lesson.clone())) {
                Ok(()) => ui.dispatch(UiAction::Lessons(false)),
                Err(e) => error.set(Some(format!("Lesson {} could not open: {e}", lesson.number))),
            }
        });
        html! {
            <li class={classes!(current.then_some("current"))}>
                <button type="button" class="lesson-open" aria-current={current.then_some("true")} {onclick}>{ label }</button>
                <p class="note">{ claim }</p>
            </li>
        }
    }).collect();
    let on_hide = Callback::from(move |_: MouseEvent| ui.dispatch(UiAction::Lessons(false)));
    html! {
        <div class="lesson-list">
            <p>{ "Each lesson takes one claim about SQS, sets up a small world and shows it happen, step by step, with the real behaviour next to what the article says. Where the claim is outdated or loose, the lesson says so." }</p>
            if let Some(e) = &*error { <p class="error" role="alert">{ e.clone() }</p> }
            <ol>{ for items }</ol>
            <button type="button" onclick={on_hide}>{ "Hide lessons" }</button>
        </div>
    }
}

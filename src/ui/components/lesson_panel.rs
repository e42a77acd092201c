//! The lesson being followed: the article's claim next to what SQS really does, the
//! step's text and what to watch (selected in the topology and the inspector), and the
//! check that lights up when the world's log shows it ("seen: …"). Next, Back (the state
//! at the start of the previous step), Restart lesson, Close lesson.

use yew::prelude::*;

use crate::ui::context::{use_playground, use_ui};
use crate::ui::format;
use crate::ui::lesson_run::LessonView;
use crate::ui::session::Session;
use crate::ui::state::{Selection, UiAction};
use crate::world::lesson::{short_id, Watch, WatchedSystem};

/// Props of [`LessonPanel`].
#[derive(Properties, PartialEq, Clone)]
pub struct LessonPanelProps {
    /// The lesson being followed.
    pub lesson: LessonView,
}

/// The selection that highlights what a step asks to watch.
pub fn selection_of(watch: &Watch) -> Selection {
    match watch {
        Watch::Queue(q) => Selection::Queue(q.clone()),
        Watch::Consumer(c) => Selection::Consumer(c.clone()),
        Watch::Producer(p) => Selection::Producer(p.clone()),
        Watch::Server(s) => Selection::Server(*s),
        Watch::System(WatchedSystem::Database) => Selection::System("database"),
        Watch::System(WatchedSystem::MailServer) => Selection::System("mail-server"),
        Watch::System(WatchedSystem::Shop) => Selection::System("shop"),
    }
}

/// What a step asks to watch, in words.
pub fn watch_text(watch: &Watch) -> String {
    match watch {
        Watch::Queue(q) => format!("queue {q}"),
        Watch::Consumer(c) => format!("consumer {c}"),
        Watch::Producer(p) => format!("producer {p}"),
        Watch::Server(s) => format::server_name(*s),
        Watch::System(WatchedSystem::Database) => "the database".into(),
        Watch::System(WatchedSystem::MailServer) => "the mail server".into(),
        Watch::System(WatchedSystem::Shop) => "the shop".into(),
    }
}

/// The lesson panel.
#[function_component(LessonPanel)]
pub fn lesson_panel(props: &LessonPanelProps) -> Html {
    let pg = use_playground();
    let ui = use_ui();
    let l = &props.lesson;
    {
        // A new step selects what it asks to watch.
        let ui = ui.clone();
        let watch = l.watch.clone();
        use_effect_with((l.id.clone(), l.step), move |_| {
            if let Some(w) = watch {
                ui.dispatch(UiAction::Select(selection_of(&w)));
            }
        });
    }
    let act = |f: fn(&mut Session)| {
        let pg = pg.clone();
        Callback::from(move |_: MouseEvent| pg.act(f))
    };
    let status = match (&l.seen, l.done) {
        (Some(seen), _) => html! {
            <p class="lesson-status seen" role="status"><span aria-hidden="true">{ "✓ " }</span>{ seen.clone() }</p>
        },
        (None, true) if l.has_check => html! {
            <p class="lesson-status missed" role="status">{ format!("Not seen within this step's {}. Press Back or Restart lesson to try again, or Next to go on.", format::duration(l.run_ms)) }</p>
        },
        (None, true) => html! {
            <p class="lesson-status ended" role="status">{ if l.last() { "This step has played. It is the lesson's last." } else { "This step has played. Press Next when you are ready." } }</p>
        },
        (None, false) if l.has_check => html! {
            <p class="lesson-status watching" role="status"><span aria-hidden="true">{ "… " }</span>{ "Watching for it: time plays by itself and stops when it happens (Pause or Step to look closer)." }</p>
        },
        (None, false) => html! {
            <p class="lesson-status watching" role="status">{ "Playing this step…" }</p>
        },
    };
    let inspect = l.seen_message.clone().map(|id| {
        let ui = ui.clone();
        let label = format!("Inspect message {}", short_id(&id));
        let onclick = Callback::from(move |_: MouseEvent| {
            ui.dispatch(UiAction::Select(Selection::Message(id.clone())))
        });
        html! { <button type="button" {onclick}>{ label }</button> }
    });
    let refused = l
        .refused
        .iter()
        .map(|e| html! { <li>{ format!("SQS refused: {e}") }</li> });
    let on_list = Callback::from(move |_: MouseEvent| ui.dispatch(UiAction::Lessons(true)));
    html! {
        <article class="lesson" aria-label={format!("Lesson {}: {}", l.number, l.title)}>
            <h3>{ format!("Lesson {}: {}", l.number, l.title) }</h3>
            <div class="lesson-claims">
                <section class="claim"><h4>{ "The claim" }</h4><p>{ l.claim.clone() }</p></section>
                <section class="reality"><h4>{ "What SQS really does" }</h4><p>{ l.reality.clone() }</p></section>
            </div>
            <div class="lesson-step">
                <p class="lesson-step-count">{ format!("Step {} of {}", l.step + 1, l.steps) }</p>
                <p class="lesson-text">{ l.text.clone() }</p>
                if let Some(w) = &l.watch {
                    <p class="note">{ format!("Watch {} (selected).", watch_text(w)) }</p>
                }
                { status }
                if !l.refused.is_empty() { <ul class="lesson-refused">{ for refused }</ul> }
                <div class="buttons">
                    <button type="button" onclick={act(Session::lesson_back)} disabled={l.step == 0}>{ "Back" }</button>
                    <button type="button" class="primary" onclick={act(Session::lesson_next)} disabled={l.last()}>{ "Next" }</button>
                    { for inspect }
                    <button type="button" onclick={act(Session::lesson_restart)}>{ "Restart lesson" }</button>
                    <button type="button" onclick={on_list}>{ "All lessons" }</button>
                    <button type="button" onclick={act(Session::close_lesson)}>{ "Close lesson" }</button>
                </div>
            </div>
        </article>
    }
}

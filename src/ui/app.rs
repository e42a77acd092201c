//! The application: owns the session (outside Yew state) and the view-state reducer,
//! runs one `requestAnimationFrame` loop that ticks the session and publishes a new
//! [`Frame`] when something changed, installs the keyboard shortcuts, and lays out the
//! regions.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::render::{request_animation_frame, AnimationFrame};
use yew::prelude::*;

use super::boot::{self, Start};
use super::components::break_panel::BreakPanel;
use super::components::build_panel::BuildPanel;
use super::components::charts::Charts;
use super::components::cli_console::CliConsole;
use super::components::controls::Controls;
use super::components::event_log::EventLog;
use super::components::header::Header;
use super::components::help_dialog::HelpDialog;
use super::components::inspector::Inspector;
use super::components::legend::{FullScreenButton, Legend};
use super::components::lesson_list::LessonList;
use super::components::lesson_panel::LessonPanel;
use super::components::region::Region;
use super::components::topology::Topology;
use super::context::{Playground, UiHandle};
use super::frame::{Frame, Shared, SlowLanes};
use super::keyboard::use_shortcuts;
use super::persist;
use super::presets::default_scenario;
use super::session::Session;
use super::state::{UiAction, UiState};

/// Milliseconds from the page's performance clock.
pub fn perf_now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or_else(js_sys::Date::now)
}

/// Schedules `tick` on every animation frame until the returned slot is emptied.
fn animation_loop(slot: Rc<RefCell<Option<AnimationFrame>>>, tick: Rc<dyn Fn(f64)>) {
    let next = slot.clone();
    let handle = request_animation_frame(move |ts| {
        tick(ts);
        if next.borrow().is_some() {
            animation_loop(next.clone(), tick.clone());
        }
    });
    *slot.borrow_mut() = Some(handle);
}

/// Props of [`App`].
#[derive(Properties, PartialEq, Clone, Default)]
pub struct AppProps {
    /// The page's query string (`?preset=<id>`), read once at start.
    #[prop_or_default]
    pub search: AttrValue,
    /// The page's fragment (`#run=v1.…`, a shared run), read once at start.
    #[prop_or_default]
    pub hash: AttrValue,
    /// Autosave the run in local storage (off in tests that mount several apps).
    #[prop_or_default]
    pub autosave: bool,
}

/// Root component of the playground.
#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let projector = props.search.contains("projector=1");
    let ui = use_reducer(move || UiState {
        projector,
        ..UiState::default()
    });
    let session =
        use_mut_ref(|| Session::new(default_scenario()).expect("the built-in preset loads"));
    let frame = use_state(|| Shared(Rc::new(Frame::build(&session.borrow()))));
    let boot_error = use_state(|| None::<String>);
    let pg = {
        let (session, setter) = (session.clone(), frame.setter());
        (*use_memo((), move |_| {
            let built = Rc::new(RefCell::new(0u64));
            let s = session.clone();
            let refresh = Callback::from(move |_: ()| {
                let s = s.borrow();
                if *built.borrow() != s.revision {
                    *built.borrow_mut() = s.revision;
                    setter.set(Shared(Rc::new(Frame::build(&s))));
                }
            });
            Playground::new(session, refresh)
        }))
        .clone()
    };
    {
        let pg = pg.clone();
        let autosave = props.autosave;
        use_effect_with((), move |_| {
            let slot: Rc<RefCell<Option<AnimationFrame>>> = Rc::new(RefCell::new(None));
            let session = pg.session();
            let saved = std::cell::Cell::new((0u64, 0.0f64));
            let tick: Rc<dyn Fn(f64)> = Rc::new(move |ts: f64| {
                let changed = session.borrow_mut().tick(ts, &perf_now);
                if changed {
                    pg.act(|_| ());
                }
                let (revision, at) = saved.get();
                if autosave && ts - at >= persist::AUTOSAVE_EVERY_MS {
                    saved.set((boot::autosave(&pg, revision), ts));
                }
            });
            // Start with a placeholder so the loop knows it is wanted.
            *slot.borrow_mut() = Some(request_animation_frame(|_| ()));
            animation_loop(slot.clone(), tick);
            move || {
                slot.borrow_mut().take();
            }
        });
    }
    {
        // A shared run, a preset, or the autosaved run (see `boot`).
        let (pg, boot_error) = (pg.clone(), boot_error.clone());
        let start = Start {
            search: props.search.to_string(),
            hash: props.hash.to_string(),
        };
        use_effect_with((), move |_| {
            boot::open(start, pg, move |e| boot_error.set(Some(e)));
        });
    }
    {
        // Bench mode (`?bench=1`) drives this session; a no-op otherwise.
        let pg = pg.clone();
        use_effect_with((), move |_| super::bench::attach(&pg));
    }
    use_shortcuts(pg.clone(), ui.clone());
    let f = (*frame).clone();
    {
        // A run that arrives with a console transcript (a link, the autosave) opens the
        // console, so what was typed is seen; closing it afterwards is respected.
        let ui = ui.clone();
        use_effect_with(f.cli_total > 0, move |has_transcript| {
            if *has_transcript {
                ui.dispatch(UiAction::Cli(true));
            }
        });
    }
    // The inspector, charts, log and build panels redraw at a few hertz while time runs,
    // each on its own frame (see `SlowLanes`); the clock and the topology every frame.
    let lanes = use_mut_ref(|| SlowLanes::new(&f));
    lanes.borrow_mut().update(&f, perf_now());
    let (slow_inspector, slow_charts, slow_log, slow_build) = {
        let l = lanes.borrow();
        (l.lane(0), l.lane(1), l.lane(2), l.lane(3))
    };
    let reduce_motion = ui.reduce_motion;
    html! {
        <ContextProvider<Playground> context={pg}>
        <ContextProvider<UiHandle> context={ui.clone()}>
        <div class={classes!("app-root", ui.projector.then_some("projector"))}>
            <Header name="SQS Playground" version={crate::VERSION} title={f.title.clone()} scenario_id={f.scenario_id.clone()} />
            if let Some(e) = &*boot_error {
                <p class="boot-error error" role="alert">{ e.clone() }</p>
            }
            <main class={classes!("layout", reduce_motion.then_some("reduce-motion"), (ui.lessons_open || f.lesson.is_some()).then_some("with-lesson"), ui.cli_open.then_some("with-cli"))}>
                if ui.lessons_open {
                    <Region id="lesson" title="Lessons">
                        <LessonList current={f.lesson.as_ref().map(|l| l.id.clone())} />
                    </Region>
                } else if let Some(l) = &f.lesson {
                    <Region id="lesson" title="Lesson">
                        <LessonPanel lesson={l.clone()} />
                    </Region>
                }
                <Region id="controls" title="Time controls">
                    <Controls clock={f.clock.clone()} />
                </Region>
                <Region id="topology" title="Topology">
                    <FullScreenButton target="region-topology" />
                    <Topology frame={f.clone()} />
                    <Legend />
                    <BreakPanel frame={slow_build.clone()} />
                </Region>
                if ui.cli_open {
                    <Region id="cli" title="AWS CLI console">
                        <CliConsole total={f.cli_total} waiting={f.cli_waiting} fingerprint={f.cli_fingerprint} start_ms={f.clock.start_ms}
                            queues={f.queues.iter().map(|q| q.name.clone()).collect::<Vec<_>>()} />
                    </Region>
                }
                <Region id="inspector" title="Inspector">
                    <Inspector frame={slow_inspector} />
                </Region>
                <Region id="build" title="Build">
                    <BuildPanel frame={slow_build} />
                </Region>
                <Region id="charts" title="Charts">
                    <Charts frame={slow_charts} />
                </Region>
                <Region id="eventlog" title="Event log">
                    <EventLog total={slow_log.log_total} running={slow_log.clock.running} start_ms={slow_log.clock.start_ms} />
                </Region>
            </main>
            <HelpDialog />
        </div>
        </ContextProvider<UiHandle>>
        </ContextProvider<Playground>>
    }
}

//! A guided lesson in progress on the session: which lesson and step, where each step
//! began (so Back returns to the start of the previous step), and what the step's check
//! has seen. The lesson model, its checks and the rewind are the world's
//! (`world::lesson`); this only drives them from the page: a step's actions are applied
//! when it begins, time plays at the step's speed (or jumps, beyond the speed control),
//! stops when the check fires or the step's time is up, and the position travels in
//! links and the autosave ([`LessonPosition`]).

use std::rc::Rc;

use super::session::{Jump, Session, SPEED_RANGE};
use crate::world::lesson::{
    all_lessons, evaluate, rewind_to, start_step, Lesson, LessonStep, Seen, StepStart, Watch,
};
use crate::world::share::LessonPosition;

/// The speed a step plays at when it suggests none.
pub const DEFAULT_LESSON_SPEED: f64 = 5.0;
/// Wall time between two looks at the step's check while time runs, ms.
pub const LESSON_EVAL_EVERY_MS: f64 = 100.0;

thread_local! {
    static LESSONS: Rc<Vec<Rc<Lesson>>> = Rc::new(all_lessons().into_iter().map(Rc::new).collect());
}

/// The twelve lessons (parsed once per page).
pub fn lessons() -> Rc<Vec<Rc<Lesson>>> {
    LESSONS.with(Rc::clone)
}

/// A lesson being followed.
#[derive(Debug, Clone)]
pub struct LessonRun {
    /// The lesson.
    pub lesson: Rc<Lesson>,
    /// Index of the current step.
    pub step: usize,
    /// Where each step up to the current one began (`starts[step]` is the current one).
    pub starts: Vec<StepStart>,
    /// What the current step's check has seen.
    pub seen: Option<Seen>,
    /// The current step has ended: its check fired or its time is up.
    pub done: bool,
    /// Actions of the current step that SQS refused (some lessons do it on purpose).
    pub refused: Vec<String>,
}

impl LessonRun {
    /// The current step.
    pub fn current(&self) -> &LessonStep {
        &self.lesson.steps[self.step]
    }

    /// Where the current step began.
    pub fn start(&self) -> StepStart {
        self.starts[self.step]
    }

    /// Virtual instant the current step's time is up, epoch ms.
    pub fn end_ms(&self) -> u64 {
        self.start().t_ms.saturating_add(self.current().run_ms)
    }

    /// Is this the last step?
    pub fn last(&self) -> bool {
        self.step + 1 >= self.lesson.steps.len()
    }

    /// The position saved in links and the autosave.
    pub fn position(&self) -> LessonPosition {
        LessonPosition {
            id: self.lesson.id.clone(),
            step: self.step,
            starts: self.starts.clone(),
        }
    }
}

impl Session {
    /// Starts `lesson` from its beginning: its scenario replaces the world, and its first
    /// step begins (and plays).
    pub fn open_lesson(&mut self, lesson: Rc<Lesson>) -> Result<(), crate::world::ScenarioError> {
        self.load(lesson.scenario.clone())?;
        self.lesson = Some(LessonRun {
            lesson,
            step: 0,
            starts: Vec::new(),
            seen: None,
            done: false,
            refused: Vec::new(),
        });
        self.begin_step(0);
        Ok(())
    }

    /// Begins step `i` now: applies its actions (recorded) and plays it.
    fn begin_step(&mut self, i: usize) {
        let Some(run) = self.lesson.as_ref() else {
            return;
        };
        let lesson = run.lesson.clone();
        let Some(step) = lesson.steps.get(i) else {
            return;
        };
        let (start, refused) = start_step(&mut self.timeline, step);
        let Some(run) = self.lesson.as_mut() else {
            return;
        };
        run.step = i;
        run.starts.truncate(i);
        run.starts.push(start);
        run.seen = None;
        run.done = false;
        run.refused = refused.into_iter().map(|(_, e)| e.to_string()).collect();
        debug_assert_eq!(run.starts.len(), i + 1);
        let speed = step.speed.unwrap_or(DEFAULT_LESSON_SPEED);
        self.notice = None;
        self.edited = true;
        if speed > SPEED_RANGE.1 {
            // Days of virtual time: faster than the speed control goes, so jump.
            self.running = false;
            self.jump = Some(Jump {
                from_ms: start.t_ms,
                to_ms: start.t_ms.saturating_add(step.run_ms),
            });
        } else {
            self.speed = speed.max(SPEED_RANGE.0);
            self.running = true;
            self.jump = None;
        }
        self.commanded();
        self.watch_lesson();
    }

    /// The instant time must not pass while the current step is unfinished.
    pub fn lesson_stop_ms(&self) -> Option<u64> {
        self.lesson
            .as_ref()
            .filter(|r| !r.done)
            .map(LessonRun::end_ms)
    }

    /// Looks at the current step: when its check has fired or its time is up, marks it
    /// done and pauses (a jump stops there too).
    pub fn watch_lesson(&mut self) {
        let now = self.world().now_ms();
        let Some(run) = self.lesson.as_ref() else {
            return;
        };
        if run.done {
            return;
        }
        let start = run.start();
        let seen = run
            .current()
            .check
            .as_ref()
            .and_then(|c| evaluate(c, self.timeline.world(), &start));
        let over = now >= run.end_ms();
        if seen.is_some() || over {
            let Some(run) = self.lesson.as_mut() else {
                return;
            };
            run.seen = seen;
            run.done = true;
            self.running = false;
            self.jump = None;
            self.changed();
        }
    }

    /// Next step (nothing after the last).
    pub fn lesson_next(&mut self) {
        if let Some(run) = self.lesson.as_ref().filter(|r| !r.last()) {
            let i = run.step + 1;
            self.begin_step(i);
        }
    }

    /// Back: the state at the start of the previous step (the run after it is dropped),
    /// and that step plays again.
    pub fn lesson_back(&mut self) {
        let Some(run) = self.lesson.as_ref().filter(|r| r.step > 0) else {
            return;
        };
        let i = run.step - 1;
        self.rewind_lesson_to(i);
    }

    /// The current step again from its start.
    pub fn lesson_restart_step(&mut self) {
        if let Some(i) = self.lesson.as_ref().map(|r| r.step) {
            self.rewind_lesson_to(i);
        }
    }

    fn rewind_lesson_to(&mut self, i: usize) {
        let Some(start) = self.lesson.as_ref().and_then(|r| r.starts.get(i).copied()) else {
            return;
        };
        self.jump = None;
        if rewind_to(&mut self.timeline, &start) {
            self.begin_step(i);
        } else {
            self.notice = Some("This run cannot go back to that step.".into());
            self.commanded();
        }
    }

    /// The lesson again from its first step.
    pub fn lesson_restart(&mut self) {
        if let Some(lesson) = self.lesson.as_ref().map(|r| r.lesson.clone()) {
            if self.open_lesson(lesson).is_ok() {
                self.notice = Some("Lesson restarted".into());
            }
        }
    }

    /// Leaves the lesson (the world stays as it is, to explore).
    pub fn close_lesson(&mut self) {
        self.lesson = None;
        self.commanded();
    }

    /// Picks up a lesson at a saved position, on a run restored to that moment.
    /// A position that does not fit the run is reported and the lesson left closed
    /// (the run itself is kept).
    pub fn resume_lesson(&mut self, pos: &LessonPosition) {
        let lessons = lessons();
        let Some(lesson) = lessons.iter().find(|l| l.id == pos.id) else {
            self.notice = Some(format!(
                "The run was part of a lesson \"{}\" this version does not have; the run is shown without it.",
                pos.id
            ));
            return;
        };
        let w = self.world();
        let fits = pos.step < lesson.steps.len()
            && pos.starts.len() == pos.step + 1
            && pos.starts.windows(2).all(|p| {
                p[0].t_ms <= p[1].t_ms
                    && p[0].steps <= p[1].steps
                    && p[0].seq <= p[1].seq
                    && p[0].user_actions <= p[1].user_actions
            })
            && pos.starts.last().is_some_and(|s| {
                s.t_ms <= w.now_ms() && s.steps <= w.steps() && s.seq <= w.recorder().log.total()
            });
        if !fits {
            self.notice = Some(format!(
                "The lesson position in this run does not fit it; the run is shown, and Lessons opens lesson {} afresh.",
                lesson.number
            ));
            return;
        }
        self.lesson = Some(LessonRun {
            lesson: lesson.clone(),
            step: pos.step,
            starts: pos.starts.clone(),
            seen: None,
            done: false,
            refused: Vec::new(),
        });
        self.watch_lesson();
        self.changed();
    }
}

/// The lesson as the lesson panel draws it (part of the frame).
#[derive(Debug, Clone, PartialEq)]
pub struct LessonView {
    /// The lesson's id.
    pub id: String,
    /// Its number, from 1.
    pub number: u32,
    /// Title.
    pub title: String,
    /// What the article says.
    pub claim: String,
    /// What SQS really does.
    pub reality: String,
    /// The current step, 0-based.
    pub step: usize,
    /// Steps in all.
    pub steps: usize,
    /// The step's text.
    pub text: String,
    /// What the step's check saw ("seen: …").
    pub seen: Option<String>,
    /// The MessageId the sentence is about, to inspect it.
    pub seen_message: Option<String>,
    /// The step has ended (check fired or time up).
    pub done: bool,
    /// The step has a check.
    pub has_check: bool,
    /// Refused actions of the step, with AWS's error.
    pub refused: Vec<String>,
    /// What the step asks to watch.
    pub watch: Option<Watch>,
    /// Virtual time the step plays, ms.
    pub run_ms: u64,
}

impl LessonView {
    /// The view of `run`.
    pub fn of(run: &LessonRun) -> LessonView {
        let l = &run.lesson;
        let step = run.current();
        LessonView {
            id: l.id.clone(),
            number: l.number,
            title: l.title.clone(),
            claim: l.claim.clone(),
            reality: l.reality.clone(),
            step: run.step,
            steps: l.steps.len(),
            text: step.text.clone(),
            seen: run.seen.as_ref().map(|s| s.text.clone()),
            seen_message: run.seen.as_ref().and_then(|s| s.message_id.clone()),
            done: run.done,
            has_check: step.check.is_some(),
            refused: run.refused.clone(),
            watch: step.watch.clone(),
            run_ms: step.run_ms,
        }
    }

    /// Is this the last step?
    pub fn last(&self) -> bool {
        self.step + 1 >= self.steps
    }
}

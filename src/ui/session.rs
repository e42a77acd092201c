//! The running playground outside Yew's state: the [`Timeline`] (world + its past), the
//! loaded scenario, and the time controls' state (playing, speed, a jump in progress).
//! One `requestAnimationFrame` loop calls [`Session::tick`]; every click goes through a
//! method here, and world changes only through [`Timeline::apply`] (recorded, replayable).
//!
//! Pacing: each frame advances virtual time by wall time × speed, but spends at most
//! [`FRAME_STEP_BUDGET_MS`] of wall time stepping; when that is not enough the world
//! simply falls behind for that frame (no debt carried over) and the achieved speed is
//! shown ("running at 140× of 1000×") instead of freezing the page. A jump ahead spends
//! [`JUMP_BUDGET_MS`] per frame so the page stays responsive, and can be cancelled.

use super::lesson_run::{LessonRun, LESSON_EVAL_EVERY_MS};
use crate::world::share::{LessonPosition, Restoring};
use crate::world::{Action, ActionError, RunDocument, Scenario, Timeline, World};

/// Wall time a normal frame may spend stepping the world, ms.
pub const FRAME_STEP_BUDGET_MS: f64 = 8.0;
/// Wall time a frame may spend on a jump ahead, ms (the page still paints ~25×/s).
pub const JUMP_BUDGET_MS: f64 = 30.0;
/// Longest wall interval one frame accounts for (after a hidden tab, no catch-up), ms.
pub const MAX_FRAME_DT_MS: f64 = 250.0;
/// Slowest and fastest speeds of the speed control.
pub const SPEED_RANGE: (f64, f64) = (0.1, 1000.0);
/// Steps between two looks at the wall clock while stepping.
const STEPS_PER_CLOCK_CHECK: u32 = 16;

/// A jump ahead in progress.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Jump {
    /// Virtual instant it started from, epoch ms.
    pub from_ms: u64,
    /// Virtual instant it goes to, epoch ms.
    pub to_ms: u64,
}

impl Jump {
    /// Fraction done, 0–1, at virtual instant `now_ms`.
    pub fn progress(&self, now_ms: u64) -> f64 {
        let span = self.to_ms.saturating_sub(self.from_ms).max(1);
        (now_ms.saturating_sub(self.from_ms) as f64 / span as f64).clamp(0.0, 1.0)
    }
}

/// The playground's running state.
pub struct Session {
    /// The world and its past.
    pub timeline: Timeline,
    /// The document the world was loaded from (Restart and New seed start from it).
    pub base: Scenario,
    /// Virtual time advancing?
    pub running: bool,
    /// Requested speed (virtual ms per wall ms).
    pub speed: f64,
    /// Speed achieved over the last frames (smoothed).
    pub achieved_speed: f64,
    /// True when the last frames could not keep up with `speed`.
    pub lagging: bool,
    /// A jump ahead in progress.
    pub jump: Option<Jump>,
    /// Bumped on every change; the UI rebuilds its frame when it moves.
    pub revision: u64,
    /// A one-line notice for the controls ("Nothing left to happen", …).
    pub notice: Option<String>,
    /// True once the user changed the world (loading a preset then asks first).
    pub edited: bool,
    /// Loading a scenario leaves time paused (otherwise it starts playing).
    pub start_paused: bool,
    last_wall_ms: Option<f64>,
    /// Controls used and actions applied (bumped by every user command, not by ticks).
    pub actions: u64,
    /// A shared or saved run being rebuilt (replayed in slices across frames).
    pub restoring: Option<Restoring>,
    /// Why autosave is off, when the browser refuses local storage.
    pub storage_error: Option<String>,
    /// Virtual time since the start of the moment last autosaved, ms.
    pub saved_at_ms: Option<u64>,
    /// The guided lesson being followed, if any.
    pub lesson: Option<LessonRun>,
    /// The lesson position of a run being restored (picked up when it is done).
    pending_lesson: Option<LessonPosition>,
    /// Wall time of the last look at the lesson step's check, ms.
    lesson_eval_wall_ms: f64,
    /// Virtual time owed to the next frame (below one millisecond), ms.
    carry_ms: f64,
}

impl Session {
    /// A paused session on `scenario` (already checked).
    pub fn new(scenario: Scenario) -> Result<Session, crate::world::ScenarioError> {
        let world = World::from_scenario(&scenario)?;
        Ok(Session {
            timeline: Timeline::new(world),
            base: scenario,
            running: false,
            speed: 1.0,
            achieved_speed: 0.0,
            lagging: false,
            jump: None,
            revision: 1,
            notice: None,
            edited: false,
            start_paused: true,
            last_wall_ms: None,
            carry_ms: 0.0,
            actions: 0,
            restoring: None,
            storage_error: None,
            saved_at_ms: None,
            lesson: None,
            pending_lesson: None,
            lesson_eval_wall_ms: 0.0,
        })
    }

    /// The world now.
    pub fn world(&self) -> &World {
        self.timeline.world()
    }

    /// Something changed: the next frame is rebuilt.
    pub(super) fn changed(&mut self) {
        self.revision += 1;
    }

    /// A user command: redraw everything now.
    pub(super) fn commanded(&mut self) {
        self.actions += 1;
        self.changed();
    }

    /// One animation frame at wall time `wall_ms`; `clock()` reads the wall clock (ms)
    /// to keep within the budget. Returns true when something changed.
    pub fn tick(&mut self, wall_ms: f64, clock: &dyn Fn() -> f64) -> bool {
        let dt = match self.last_wall_ms {
            Some(last) => (wall_ms - last).clamp(0.0, MAX_FRAME_DT_MS),
            None => 0.0,
        };
        self.last_wall_ms = Some(wall_ms);
        if let Some(mut r) = self.restoring.take() {
            let t0 = clock();
            let mut done = false;
            while clock() - t0 < JUMP_BUDGET_MS {
                if r.advance(64) {
                    done = true;
                    break;
                }
            }
            if done {
                self.timeline = r.finish();
                self.notice = Some(format!(
                    "Opened the run at {}",
                    super::format::elapsed(self.world().elapsed_ms())
                ));
                if let Some(pos) = self.pending_lesson.take() {
                    self.resume_lesson(&pos);
                }
            } else {
                self.restoring = Some(r);
            }
            self.changed();
            return true;
        }
        if let Some(jump) = self.jump {
            let stop = self.lesson_stop_ms().unwrap_or(u64::MAX);
            let done = self.step_towards(jump.to_ms.min(stop), JUMP_BUDGET_MS, clock);
            self.watch_lesson();
            if self.jump.is_none() {
                // The lesson step ended the jump: its check fired or its time is up.
                return true;
            }
            if done {
                self.jump = None;
                self.notice = Some(format!(
                    "Jumped ahead {}",
                    super::format::duration(jump.to_ms - jump.from_ms)
                ));
            }
            self.changed();
            return true;
        }
        if !self.running || dt <= 0.0 {
            return false;
        }
        let now = self.world().now_ms();
        // The clock moves in whole milliseconds; the fraction is owed to the next frame.
        let want_ms = dt * self.speed + self.carry_ms;
        let whole = want_ms.floor();
        self.carry_ms = want_ms - whole;
        if whole < 1.0 {
            return false;
        }
        let stop = self.lesson_stop_ms().unwrap_or(u64::MAX);
        let target = now.saturating_add(whole as u64).min(stop);
        let reached = self.step_towards(target, FRAME_STEP_BUDGET_MS, clock);
        if self.lesson.is_some()
            && (target == stop || wall_ms - self.lesson_eval_wall_ms >= LESSON_EVAL_EVERY_MS)
        {
            self.lesson_eval_wall_ms = wall_ms;
            self.watch_lesson();
        }
        if !reached {
            self.carry_ms = 0.0; // behind: no debt is carried over
        }
        let advanced = self.world().now_ms() - now;
        let achieved = advanced as f64 / dt;
        self.achieved_speed = if self.achieved_speed == 0.0 {
            achieved
        } else {
            self.achieved_speed * 0.8 + achieved * 0.2
        };
        self.lagging = !reached && self.achieved_speed < self.speed * 0.9;
        if reached && self.achieved_speed >= self.speed * 0.9 {
            self.lagging = false;
        }
        self.changed();
        true
    }

    /// Steps towards `target_ms` for at most `budget_ms` of wall time; true when the
    /// clock reached the target.
    fn step_towards(&mut self, target_ms: u64, budget_ms: f64, clock: &dyn Fn() -> f64) -> bool {
        let t0 = clock();
        let mut n = 0u32;
        loop {
            if self.timeline.step_next_event_until(target_ms).is_none() {
                self.timeline.step_until(target_ms);
                return true;
            }
            n += 1;
            if n.is_multiple_of(STEPS_PER_CLOCK_CHECK) && clock() - t0 >= budget_ms {
                return false;
            }
        }
    }

    /// Play or pause.
    pub fn toggle_play(&mut self) {
        self.running = !self.running;
        self.jump = None;
        self.lagging = false;
        self.achieved_speed = 0.0;
        self.notice = None;
        self.commanded();
    }

    /// Pauses (no-op when paused).
    pub fn pause(&mut self) {
        if self.running {
            self.toggle_play();
        }
    }

    /// Sets the speed, clamped to [`SPEED_RANGE`].
    pub fn set_speed(&mut self, speed: f64) {
        let speed = if speed.is_finite() { speed } else { 1.0 };
        self.speed = speed.clamp(SPEED_RANGE.0, SPEED_RANGE.1);
        self.lagging = false;
        self.achieved_speed = 0.0;
        self.commanded();
    }

    /// Processes the next event (the next instant with work); pauses first.
    pub fn step(&mut self) {
        self.running = false;
        self.jump = None;
        self.notice = match self.timeline.step_next_event_until(u64::MAX) {
            Some(_) => None,
            None => Some("Nothing left to happen: no timer, wake-up or action is pending.".into()),
        };
        self.watch_lesson();
        self.commanded();
    }

    /// Goes back one step; pauses first.
    pub fn step_back(&mut self) {
        self.running = false;
        self.jump = None;
        self.notice = if self.timeline.step_back() {
            None
        } else {
            Some("Already at the start of the run.".into())
        };
        self.commanded();
    }

    /// Starts a jump ahead by `by_ms` of virtual time.
    pub fn jump_ahead(&mut self, by_ms: u64) {
        let now = self.world().now_ms();
        self.running = false;
        self.jump = Some(Jump {
            from_ms: now,
            to_ms: now.saturating_add(by_ms),
        });
        self.notice = None;
        self.commanded();
    }

    /// Cancels a jump in progress (the world stays where the jump got to).
    pub fn cancel_jump(&mut self) -> bool {
        let Some(j) = self.jump.take() else {
            return false;
        };
        let done = self.world().now_ms() - j.from_ms;
        self.notice = Some(format!(
            "Jump cancelled after {}",
            super::format::duration(done)
        ));
        self.commanded();
        true
    }

    /// Applies a user action (recorded; forks the run when it has a future).
    pub fn apply(&mut self, action: Action) -> Result<(), ActionError> {
        let r = self.timeline.apply(action);
        self.edited = true;
        self.notice = None;
        self.commanded();
        r
    }

    /// Replaces the world with a fresh one from `scenario` (paused at its start).
    pub fn load(&mut self, scenario: Scenario) -> Result<(), crate::world::ScenarioError> {
        let world = World::from_scenario(&scenario)?;
        self.timeline = Timeline::new(world);
        self.base = scenario;
        self.restoring = None;
        self.lesson = None;
        self.pending_lesson = None;
        self.running = !self.start_paused;
        self.jump = None;
        self.edited = false;
        self.lagging = false;
        self.notice = None;
        self.commanded();
        Ok(())
    }

    /// Rebuilds a shared or saved run: the world is replayed to the run's moment across
    /// the next frames (with progress), then paused there.
    pub fn open_run(&mut self, doc: &RunDocument) -> Result<(), crate::world::ShareError> {
        let restoring = doc.begin_restore()?;
        let mut base = doc.scenario.clone();
        // Restart begins the scenario afresh: without the clicks recorded in this run.
        base.actions.retain(|a| a.step.is_none());
        self.base = base;
        self.running = false;
        self.jump = None;
        self.edited = false;
        self.notice = None;
        self.restoring = Some(restoring);
        self.lesson = None;
        self.pending_lesson = doc.lesson.clone();
        self.commanded();
        Ok(())
    }

    /// The run as a document (links and autosave).
    pub fn run_document(&self) -> RunDocument {
        RunDocument::of(
            &self.timeline,
            self.lesson.as_ref().map(LessonRun::position),
        )
    }

    /// Starts the loaded scenario again from its beginning, with the same seed.
    pub fn restart(&mut self) {
        if self.lesson.is_some() {
            return self.lesson_restart();
        }
        let base = self.base.clone();
        if self.load(base).is_ok() {
            self.notice = Some(format!("Restarted with seed {}", self.base.seed));
        }
    }

    /// Starts the loaded scenario again with another seed.
    pub fn new_seed(&mut self, seed: u64) {
        let mut base = self.base.clone();
        base.seed = seed;
        if self.load(base).is_ok() {
            self.notice = Some(format!("New seed {seed}"));
        }
    }
}

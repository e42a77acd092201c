//! Sharing and saving a run: the [`RunDocument`] (the scenario with every recorded action,
//! the virtual time reached and the lesson step) and its compact text form for links and
//! autosave.
//!
//! ```text
//! RunDocument ──serde_json──▶ JSON ──zlib (deflate + Adler-32)──▶ bytes ──base64url──▶ "run=v1.eJy…"
//! ```
//!
//! - [`RunDocument::of`] captures a [`Timeline`] as it is now; [`RunDocument::restore`]
//!   rebuilds the world with the normal loader and replays it to exactly that moment, so
//!   the restored [`World::event_log_hash`] is the one the sender saw. (For a moment
//!   reached by running, stepping or rewinding, it is also the hash that
//!   `sqs-world run <scenario> --for <at_ms>ms` prints for the exported scenario.)
//! - [`encode_fragment`] / [`decode_fragment`]: the URL fragment (`#run=v1.…`, also the
//!   autosave value). The `v1` names the encoding, the document carries its own
//!   `version`; anything a newer playground made is refused with
//!   [`ShareError::TooNew`], anything cut short, edited or foreign with
//!   [`ShareError::Damaged`], never a panic.
//! - [`MAX_LINK_CHARS`] / [`fits_in_link`]: when a link is too long to share safely (then
//!   offer the scenario as a download instead).
//!
//! Pure: no browser APIs, so it is tested natively (`tests/share.rs`).

use std::fmt;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde::{Deserialize, Deserializer, Serialize};

use super::lesson::StepStart;
use super::scenario::duration::de_ms;
use super::scenario::{Scenario, ScenarioError, TimedAction, SCENARIO_VERSION};
use super::timeline::Timeline;
use super::world::World;
use crate::engine::{DEFAULT_START_MS, MAX_CLOCK_MS};

/// Version of the [`RunDocument`] JSON this build writes and the newest it reads.
pub const RUN_DOCUMENT_VERSION: u32 = 1;

/// What every run fragment starts with (after the `#`): the UI only tries
/// [`decode_fragment`] on fragments that start with it (see [`is_run_fragment`]).
pub const FRAGMENT_KEY: &str = "run=";

/// Version of the fragment encoding (JSON → zlib → base64url) this build writes and reads.
pub const FRAGMENT_VERSION: u32 = 1;

/// The longest whole URL (origin, path, query and `#run=…` fragment) the playground
/// offers as a link: 8,000 characters, the minimum URI length RFC 9110 §4.1 recommends
/// every sender and recipient support. Browsers take far longer URLs, but links also
/// travel through chat apps, mail clients, issue trackers and proxies; beyond this the
/// UI offers the scenario as a download instead.
pub const MAX_LINK_CHARS: usize = 8_000;

/// Largest decompressed document [`decode_fragment`] accepts (64 MiB, far beyond any
/// real run): a small, hand-made stream cannot make it allocate more.
pub const MAX_DOCUMENT_BYTES: usize = 64 << 20;

/// Where a run was in a lesson.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct LessonPosition {
    /// The lesson's id.
    pub id: String,
    /// The step within it, 0-based.
    pub step: usize,
    /// Where each step up to this one began (what Back rewinds to), when known.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub starts: Vec<StepStart>,
}

/// A run at a moment: what a link carries and what autosave keeps.
///
/// Serializes as `{"version":1,"at_ms":…,"steps":…,"lesson":…,"scenario":{…}}`.
/// Deserializing (also through serde, e.g. gloo-storage) always runs the checks of
/// [`RunDocument::from_json`].
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct RunDocument {
    /// Format version ([`RUN_DOCUMENT_VERSION`]).
    pub version: u32,
    /// Virtual time since the scenario's start, ms (`"90s"`-style strings are read too).
    pub at_ms: u64,
    /// Instants the world had processed at that moment ([`World::steps`]). It only
    /// matters right after an action (a click, or a fault reached by Step) whose work
    /// due at that same instant had not run yet: the restore stops before that work, as
    /// the run had. Absent in hand-written documents: the restore then runs everything
    /// due by `at_ms`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub steps: Option<u64>,
    /// The lesson and its step, if the run was part of one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lesson: Option<LessonPosition>,
    /// The scenario with every recorded action (those still ahead after a step back
    /// included), as [`Timeline::to_scenario`] saves it.
    pub scenario: Scenario,
}

/// Why a link or a saved run cannot be opened. [`fmt::Display`] is the message for the
/// user; the variants let the UI word it differently (e.g. for autosave).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    /// Not an intact run: cut short, edited, or not made by the playground at all. The
    /// text says what was found, e.g. `"its checksum does not match"`.
    Damaged(String),
    /// Made by a newer playground: which format, and what this build reads.
    TooNew(String),
    /// Intact, but a field is wrong: the loader's field-named error, with the path
    /// relative to the run document (`scenario.producers[1].batch_size`, `at_ms`).
    Invalid(ScenarioError),
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareError::Damaged(why) => write!(f, "This link is damaged or incomplete: {why}."),
            ShareError::TooNew(what) => write!(
                f,
                "This link was made by a newer playground ({what}): reload the page to get \
                 the latest version, then open the link again."
            ),
            ShareError::Invalid(e) => write!(
                f,
                "This link's run cannot be loaded: {}: {}",
                e.field, e.message
            ),
        }
    }
}

impl std::error::Error for ShareError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ShareError::Invalid(e) => Some(e),
            _ => None,
        }
    }
}

fn damaged(why: impl Into<String>) -> ShareError {
    ShareError::Damaged(why.into())
}

/// A scenario error with its path made relative to the run document.
fn in_scenario(e: ScenarioError) -> ShareError {
    let field = if e.field == "." || e.field.is_empty() {
        "scenario".to_string()
    } else {
        format!("scenario.{}", e.field)
    };
    ShareError::Invalid(ScenarioError::new(field, e.message))
}

/// The document's fields besides the scenario (deserialized with field-named errors).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Position {
    #[allow(dead_code)] // checked before deserializing
    version: u32,
    #[serde(deserialize_with = "de_ms")]
    at_ms: u64,
    #[serde(default)]
    steps: Option<u64>,
    #[serde(default)]
    lesson: Option<LessonPosition>,
}

impl RunDocument {
    /// The run of `timeline` as it is now: its scenario with every recorded action, the
    /// virtual time since the start and the step count, and `lesson`.
    pub fn of(timeline: &Timeline, lesson: Option<LessonPosition>) -> RunDocument {
        let w = timeline.world();
        RunDocument {
            version: RUN_DOCUMENT_VERSION,
            at_ms: w.elapsed_ms(),
            steps: Some(w.steps()),
            lesson,
            scenario: timeline.to_scenario(),
        }
    }

    /// Rebuilds the world from the scenario (the normal loader: field-named errors) and
    /// replays it to exactly the saved moment. Replaying takes as long as a jump ahead
    /// of `at_ms` would; [`RunDocument::begin_restore`] does it in slices.
    pub fn restore(&self) -> Result<Timeline, ShareError> {
        Ok(self.begin_restore()?.finish())
    }

    /// A restore to be driven in slices ([`Restoring::advance`]), e.g. a budget per
    /// animation frame with a progress bar. Fails at once when the document is invalid.
    pub fn begin_restore(&self) -> Result<Restoring, ShareError> {
        self.check()?;
        let world = World::from_scenario(&self.scenario).map_err(in_scenario)?;
        let end_ms = world.start_ms() + self.at_ms; // in range: checked above
        Ok(Restoring {
            timeline: Timeline::new(world),
            end_ms,
            steps: self.steps,
            done: false,
        })
    }

    /// Checks what [`RunDocument::from_json`] checks (the fields are public).
    pub fn check(&self) -> Result<(), ShareError> {
        if self.version > RUN_DOCUMENT_VERSION {
            return Err(too_new_run(u64::from(self.version)));
        }
        if self.version == 0 {
            return Err(damaged("its version is 0"));
        }
        if self.scenario.version > SCENARIO_VERSION {
            return Err(too_new_scenario(u64::from(self.scenario.version)));
        }
        self.scenario.check().map_err(in_scenario)?;
        let start = self.scenario.start_ms.unwrap_or(DEFAULT_START_MS);
        if start
            .checked_add(self.at_ms)
            .is_none_or(|t| t > MAX_CLOCK_MS)
        {
            return Err(ShareError::Invalid(ScenarioError::new(
                "at_ms",
                format!(
                    "start_ms + {} ms is past {MAX_CLOCK_MS} (9999-12-31T23:59:59.999Z)",
                    self.at_ms
                ),
            )));
        }
        Ok(())
    }

    /// The document as compact JSON (the payload of a fragment; also a "download run").
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a run document serializes")
    }

    /// Parses and checks a run document: versions first (a newer one is
    /// [`ShareError::TooNew`]), then the scenario with the loader's checks, then the
    /// position. Anything that is not a run document is [`ShareError::Damaged`].
    pub fn from_json(text: &str) -> Result<RunDocument, ShareError> {
        let value: serde_json::Value = serde_json::from_str(text)
            .map_err(|e| damaged(format!("it does not hold a run (not JSON: {e})")))?;
        RunDocument::from_value(value)
    }

    /// [`RunDocument::from_json`] on parsed JSON.
    pub fn from_value(value: serde_json::Value) -> Result<RunDocument, ShareError> {
        let serde_json::Value::Object(mut obj) = value else {
            return Err(damaged("it does not hold a run (not a JSON object)"));
        };
        let version = match obj.get("version") {
            None => return Err(damaged("it does not hold a run (no version)")),
            Some(v) => v
                .as_u64()
                .filter(|&v| v > 0)
                .ok_or_else(|| damaged(format!("its version {v} is not a positive integer")))?,
        };
        if version > u64::from(RUN_DOCUMENT_VERSION) {
            return Err(too_new_run(version));
        }
        let Some(scenario) = obj.remove("scenario") else {
            return Err(damaged("it does not hold a run (no scenario)"));
        };
        if let Some(v) = scenario.get("version").and_then(|v| v.as_u64()) {
            if v > u64::from(SCENARIO_VERSION) {
                return Err(too_new_scenario(v));
            }
        }
        let scenario = Scenario::from_value(scenario).map_err(in_scenario)?;
        let pos: Position = serde_path_to_error::deserialize(serde_json::Value::Object(obj))
            .map_err(|e| {
                let path = e.path().to_string();
                let field = if path.is_empty() || path == "." {
                    ".".to_string()
                } else {
                    path
                };
                ShareError::Invalid(ScenarioError::new(field, e.inner().to_string()))
            })?;
        let doc = RunDocument {
            version: version as u32, // ≤ RUN_DOCUMENT_VERSION
            at_ms: pos.at_ms,
            steps: pos.steps,
            lesson: pos.lesson,
            scenario,
        };
        doc.check()?;
        Ok(doc)
    }
}

impl<'de> Deserialize<'de> for RunDocument {
    /// Always checked: the same as [`RunDocument::from_value`].
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(d)?;
        RunDocument::from_value(value).map_err(serde::de::Error::custom)
    }
}

fn too_new_run(version: u64) -> ShareError {
    ShareError::TooNew(format!(
        "run format version {version}; this one reads version {RUN_DOCUMENT_VERSION}"
    ))
}

fn too_new_scenario(version: u64) -> ShareError {
    ShareError::TooNew(format!(
        "scenario format version {version}; this one reads version {SCENARIO_VERSION}"
    ))
}

/// A restore in progress ([`RunDocument::begin_restore`]). The timeline takes its
/// checkpoints on the way, so stepping back after a restore is as quick as in a live run.
pub struct Restoring {
    timeline: Timeline,
    end_ms: u64,
    steps: Option<u64>,
    done: bool,
}

impl Restoring {
    /// Processes at most `max_events` more instants or actions (at least one); true once
    /// the saved moment is reached (then [`Restoring::finish`] returns at once).
    pub fn advance(&mut self, max_events: u32) -> bool {
        for _ in 0..max_events.max(1) {
            if self.done {
                break;
            }
            let reached = self
                .steps
                .is_some_and(|k| self.timeline.world().steps() >= k);
            if reached || self.timeline.step_next_event_until(self.end_ms).is_none() {
                self.settle();
                self.done = true;
            }
        }
        self.done
    }

    /// Fraction of the virtual time replayed so far, 0–1.
    pub fn progress(&self) -> f64 {
        if self.done {
            return 1.0;
        }
        let w = self.timeline.world();
        let span = self.end_ms.saturating_sub(w.start_ms()).max(1);
        (w.elapsed_ms() as f64 / span as f64).clamp(0.0, 1.0)
    }

    /// Replays whatever is left and returns the timeline at the saved moment.
    pub fn finish(mut self) -> Timeline {
        while !self.advance(u32::MAX) {}
        self.timeline
    }

    /// The last part of a restore, once the saved number of instants has run (or
    /// nothing is left by the saved time): the actions due by then that come before the
    /// next instant run — clicks and faults the run had applied — but no further
    /// instant; then the clock moves to the saved time.
    fn settle(&mut self) {
        let w = self.timeline.world();
        if self.steps.is_some() && w.has_action_due_by(self.end_ms) {
            // Count on a copy how many calls apply only actions, then make them for real.
            let mut probe = w.clone();
            let steps = probe.steps();
            let mut actions = 0u64;
            while probe.step_next_event_until(self.end_ms).is_some() && probe.steps() == steps {
                actions += 1;
            }
            for _ in 0..actions {
                self.timeline.step_next_event_until(self.end_ms);
            }
        }
        if self.timeline.world().now_ms() < self.end_ms {
            self.timeline.step_until(self.end_ms);
        }
    }
}

impl World {
    /// True when a scheduled or recorded action is due by `t_ms` (epoch ms) and not yet
    /// applied.
    fn has_action_due_by(&self, t_ms: u64) -> bool {
        let due = |a: &TimedAction| self.start_ms.saturating_add(a.at_ms) <= t_ms;
        self.pending.front().is_some_and(due) || self.recorded.get(self.user_next).is_some_and(due)
    }
}

/// The fragment for `doc` (without the `#`): `run=v1.` then the base64url (no padding)
/// of the zlib-compressed JSON. Deterministic: the same run gives the same text.
pub fn encode_fragment(doc: &RunDocument) -> String {
    let json = doc.to_json();
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(json.as_bytes(), 9);
    format!(
        "{FRAGMENT_KEY}v{FRAGMENT_VERSION}.{}",
        URL_SAFE_NO_PAD.encode(packed)
    )
}

/// The part after the `#` when `text` is a URL or starts with `#`, else `text` itself.
fn fragment_of(text: &str) -> &str {
    let t = text.trim();
    match t.find('#') {
        Some(i) => &t[i + 1..],
        None => t,
    }
}

/// True when `fragment` (with or without its `#`, or a whole URL) is meant to be a run
/// link, i.e. worth [`decode_fragment`] and an error message when that fails.
pub fn is_run_fragment(fragment: &str) -> bool {
    fragment_of(fragment).starts_with(FRAGMENT_KEY)
}

/// Reads a fragment made by [`encode_fragment`]; takes it with or without its `#`, or a
/// whole URL. Every failure is a [`ShareError`] (never a panic): cut short, a changed
/// character (the zlib stream's Adler-32 and structure catch it), not base64url, a
/// newer format, or a document the loader refuses.
pub fn decode_fragment(fragment: &str) -> Result<RunDocument, ShareError> {
    let frag = fragment_of(fragment);
    let Some(rest) = frag.strip_prefix(FRAGMENT_KEY) else {
        return Err(damaged(format!(
            "it does not hold a run (it should start with #{FRAGMENT_KEY}v{FRAGMENT_VERSION}.)"
        )));
    };
    let Some((version, payload)) = rest.split_once('.') else {
        return Err(damaged("its format version is missing"));
    };
    let version: u32 = version
        .strip_prefix('v')
        .filter(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| damaged(format!("its format version {version:?} is not v1, v2, …")))?;
    if version > FRAGMENT_VERSION {
        return Err(ShareError::TooNew(format!(
            "link format v{version}; this one reads v{FRAGMENT_VERSION}"
        )));
    }
    if version != FRAGMENT_VERSION {
        return Err(damaged(format!("its format version v{version} is unknown")));
    }
    // Mail and chat clients sometimes wrap long links; the checksum still guards the rest.
    let payload: String = payload
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    if payload.is_empty() {
        return Err(damaged("it is cut short (no data)"));
    }
    let packed = URL_SAFE_NO_PAD
        .decode(payload.as_bytes())
        .map_err(|e| match e {
            base64::DecodeError::InvalidByte(at, byte) => damaged(format!(
                "it has a character a playground link never has ({:?} at position {at})",
                char::from(byte)
            )),
            _ => damaged("it is cut short or was changed (its data ends mid-character)"),
        })?;
    let json = inflate_zlib(&packed, MAX_DOCUMENT_BYTES).map_err(damaged)?;
    let value: serde_json::Value = serde_json::from_slice(&json)
        .map_err(|e| damaged(format!("it does not hold a run (not JSON: {e})")))?;
    RunDocument::from_value(value)
}

/// Decompresses one complete zlib stream (header, deflate data, Adler-32) that is all of
/// `input`, into at most `limit` bytes.
fn inflate_zlib(input: &[u8], limit: usize) -> Result<Vec<u8>, String> {
    use miniz_oxide::inflate::core::inflate_flags::{
        TINFL_FLAG_PARSE_ZLIB_HEADER, TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF,
    };
    use miniz_oxide::inflate::core::{decompress, DecompressorOxide};
    use miniz_oxide::inflate::TINFLStatus;

    let flags = TINFL_FLAG_PARSE_ZLIB_HEADER | TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    let mut out = vec![0u8; input.len().saturating_mul(8).clamp(1024, limit)];
    let mut state = Box::<DecompressorOxide>::default();
    let (mut read, mut written) = (0usize, 0usize);
    loop {
        let rest = input.get(read..).unwrap_or_default();
        let (status, r, w) = decompress(&mut state, rest, &mut out, written, flags);
        read = read.saturating_add(r);
        written = written.saturating_add(w);
        match status {
            TINFLStatus::Done if read == input.len() => {
                out.truncate(written);
                return Ok(out);
            }
            TINFLStatus::Done => return Err("it has extra data after its end".into()),
            TINFLStatus::HasMoreOutput if out.len() < limit => {
                let len = out.len().saturating_mul(2).min(limit);
                out.resize(len, 0);
            }
            TINFLStatus::HasMoreOutput => {
                return Err(format!("it unpacks to more than {} MiB", limit >> 20))
            }
            TINFLStatus::FailedCannotMakeProgress | TINFLStatus::NeedsMoreInput => {
                return Err("it is cut short".into())
            }
            TINFLStatus::Adler32Mismatch => {
                return Err("its checksum does not match (it was changed)".into())
            }
            _ => return Err("its compressed data is corrupt".into()),
        }
    }
}

/// True when `url` (the whole link, fragment included) is at most [`MAX_LINK_CHARS`]
/// characters long once percent-encoded (each non-ASCII byte counts as its three-
/// character `%XX`); otherwise offer the scenario as a download.
pub fn fits_in_link(url: &str) -> bool {
    let chars: usize = url.bytes().map(|b| if b.is_ascii() { 1 } else { 3 }).sum();
    chars <= MAX_LINK_CHARS
}

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
//! ```text
//! share/
//!   mod.rs       this overview and the re-exports (every item is `world::share::…`)
//!   error.rs     ShareError: damaged, too new, invalid (a field-named loader error)
//!   document.rs  RunDocument and LessonPosition: capture, JSON in and out, the checks
//!   restore.rs   RunDocument::restore / begin_restore and Restoring (in slices)
//!   fragment.rs  the link fragment: encode / decode (zlib + base64url), link length
//! ```
//!
//! `error` ← `document` ← `restore`, `fragment`; `restore` and `fragment` do not use
//! each other. The document reads the scenario loader, the restore drives a
//! [`Timeline`]; nothing here uses the UI.
//!
//! Pure: no browser APIs, so it is tested natively (`tests/share.rs`).

#[cfg(doc)]
use super::timeline::Timeline;
#[cfg(doc)]
use super::world::World;

mod document;
mod error;
mod fragment;
mod restore;

pub use document::{LessonPosition, RunDocument, RUN_DOCUMENT_VERSION};
pub use error::ShareError;
pub use fragment::{
    decode_fragment, encode_fragment, fits_in_link, is_run_fragment, FRAGMENT_KEY,
    FRAGMENT_VERSION, MAX_DOCUMENT_BYTES, MAX_LINK_CHARS,
};
pub use restore::Restoring;

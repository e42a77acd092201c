//! The FIFO ReceiveRequestAttemptId cache: a receive retried with the same attempt id
//! within five minutes returns the same messages (if none changed since).

/// A ReceiveRequestAttemptId is remembered this long.
pub const ATTEMPT_WINDOW_MS: u64 = 5 * 60 * 1000;

/// A remembered FIFO ReceiveRequestAttemptId.
#[derive(Debug, Clone)]
pub(crate) struct Attempt {
    pub expires_ms: u64,
    pub handles: Vec<(u32, u64, u32)>,
    pub result: Vec<crate::engine::api::Message>,
    pub visibility_s: u32,
}

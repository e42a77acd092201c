//! The words of event texts: instants, durations and server lists.

use crate::engine::DEFAULT_START_MS;

/// An instant as the time of day in UTC, `HH:MM:SS.mmm UTC` (with the day when it is not
/// the first day of the default start, 2026-01-01).
pub fn clock_text(epoch_ms: u64) -> String {
    let day_ms = 86_400_000;
    let day = epoch_ms.saturating_sub(DEFAULT_START_MS) / day_ms;
    let t = epoch_ms % day_ms;
    let hms = format!(
        "{:02}:{:02}:{:02}.{:03} UTC",
        t / 3_600_000,
        (t / 60_000) % 60,
        (t / 1_000) % 60,
        t % 1_000
    );
    if epoch_ms >= DEFAULT_START_MS && day > 0 {
        format!("day {} {hms}", day + 1)
    } else {
        hms
    }
}

/// A duration in words for event texts: `850 ms`, `30 s`, `12.5 s`, `5 min`, `2 h`.
pub fn duration_text(ms: u64) -> String {
    if ms < 1_000 {
        format!("{ms} ms")
    } else if ms < 60_000 {
        if ms.is_multiple_of(1_000) {
            format!("{} s", ms / 1_000)
        } else {
            format!("{:.1} s", ms as f64 / 1_000.0)
        }
    } else if ms.is_multiple_of(60_000) && ms < 3_600_000 {
        format!("{} min", ms / 60_000)
    } else if ms < 3_600_000 {
        format!("{} min {} s", ms / 60_000, (ms / 1_000) % 60)
    } else {
        format!("{:.1} h", ms as f64 / 3_600_000.0)
    }
}

/// Servers in words: `server 2` or `servers 2, 0, 1` (in the order given).
pub fn servers_text(servers: &[usize]) -> String {
    let list = servers
        .iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    if servers.len() == 1 {
        format!("server {list}")
    } else {
        format!("servers {list}")
    }
}

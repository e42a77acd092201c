//! Text the UI shows for times, durations, rates and counts. Pure functions: the same
//! input always gives the same text (no locale, no wall clock).

/// Virtual time since the start as `T+HH:MM:SS.mmm` (days as `T+2d 03:04:05.006`).
pub fn elapsed(elapsed_ms: u64) -> String {
    let ms = elapsed_ms % 1_000;
    let total_s = elapsed_ms / 1_000;
    let (s, m, h, d) = (
        total_s % 60,
        (total_s / 60) % 60,
        (total_s / 3_600) % 24,
        total_s / 86_400,
    );
    if d > 0 {
        format!("T+{d}d {h:02}:{m:02}:{s:02}.{ms:03}")
    } else {
        format!("T+{h:02}:{m:02}:{s:02}.{ms:03}")
    }
}

/// An epoch instant in UTC as `2026-01-01 00:12:03.250 UTC`.
pub fn utc(epoch_ms: u64) -> String {
    let days = (epoch_ms / 86_400_000) as i64;
    let rem = epoch_ms % 86_400_000;
    let (y, mo, d) = civil_from_days(days);
    let (h, mi, s, ms) = (
        rem / 3_600_000,
        (rem / 60_000) % 60,
        (rem / 1_000) % 60,
        rem % 1_000,
    );
    format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}.{ms:03} UTC")
}

/// Days since 1970-01-01 → (year, month, day) in the proleptic Gregorian calendar
/// (Howard Hinnant's `civil_from_days`).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// A short duration: `850 ms`, `12.5 s`, `4 min 05 s`, `2 h 03 min`, `4 d 2 h`.
pub fn duration(ms: u64) -> String {
    if ms < 1_000 {
        format!("{ms} ms")
    } else if ms < 60_000 {
        let tenths = ms / 100;
        if tenths.is_multiple_of(10) {
            format!("{} s", tenths / 10)
        } else {
            format!("{}.{} s", tenths / 10, tenths % 10)
        }
    } else if ms < 3_600_000 {
        format!("{} min {:02} s", ms / 60_000, (ms / 1_000) % 60)
    } else if ms < 86_400_000 {
        format!("{} h {:02} min", ms / 3_600_000, (ms / 60_000) % 60)
    } else {
        format!("{} d {} h", ms / 86_400_000, (ms / 3_600_000) % 24)
    }
}

/// Time left until `until_ms` from `now_ms` (`0 s` when past), for tokens.
pub fn time_left(until_ms: u64, now_ms: u64) -> String {
    let left = until_ms.saturating_sub(now_ms);
    if left < 10_000 {
        format!("{:.1} s", left as f64 / 1_000.0)
    } else {
        duration(left)
    }
}

/// A speed factor: `0.1×`, `2.5×`, `10×`, `1000×`.
pub fn speed(factor: f64) -> String {
    if factor >= 10.0 {
        format!("{factor:.0}×")
    } else if factor >= 1.0 && (factor - factor.round()).abs() < 0.05 {
        format!("{:.0}×", factor.round())
    } else {
        format!("{factor:.1}×")
    }
}

/// A count with thousands separators: `12,345`.
pub fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Bytes as `512 B`, `12.3 KB`, `1.0 MiB` (KB = 1,000 bytes; MiB for the SQS limit).
pub fn bytes(n: usize) -> String {
    if n < 1_000 {
        format!("{n} B")
    } else if n < 1_000_000 {
        format!("{:.1} KB", n as f64 / 1_000.0)
    } else {
        format!("{:.2} MiB", n as f64 / 1_048_576.0)
    }
}

/// A MessageId shortened for tight spaces (`7f3a9c…`).
pub fn short_id(id: &str) -> String {
    match id.char_indices().nth(8) {
        Some((i, _)) => format!("{}…", &id[..i]),
        None => id.to_string(),
    }
}

/// A server as users see it: the same 0-based number the event log and the scenario
/// format use (`server 0` is the first).
pub fn server_name(index: usize) -> String {
    format!("server {index}")
}

//! The axes in numbers and words: the value axis' top and step ([`value_scale`]), the
//! time ticks ([`time_ticks`]), and the labels of ticks and values.

use crate::ui::format;

/// The top of the value axis and the tick step for values up to `max`: round steps
/// (1, 2, 5 × 10ⁿ), about four of them; whole-number steps when `integer`.
pub fn value_scale(max: f64, integer: bool) -> (f64, f64) {
    if !(max.is_finite() && max > 0.0) {
        return (1.0, 1.0);
    }
    let raw = max / 4.0;
    let e = 10f64.powf(raw.log10().floor());
    let f = raw / e;
    let nice = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    let mut step = nice * e;
    if integer {
        step = step.max(1.0);
    }
    let top = ((max / step).ceil() * step).max(step);
    (top, step)
}

/// Time ticks in `[from_ms, to_ms]`: whole multiples (counted from `origin_ms`) of the
/// smallest round step that gives at most four ticks, or three once labels show days
/// (their labels need the room).
pub fn time_ticks(from_ms: u64, to_ms: u64, origin_ms: u64) -> Vec<u64> {
    const STEPS_S: [u64; 21] = [
        1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1_200, 1_800, 3_600, 7_200, 10_800, 21_600,
        28_800, 43_200, 86_400, 604_800,
    ];
    let span = to_ms.saturating_sub(from_ms).max(1);
    // Labels with days (`T+1d 06:00:00`) are longer: room for three, else four.
    let intervals = if to_ms.saturating_sub(origin_ms) >= 86_400_000 {
        2
    } else {
        3
    };
    let step = STEPS_S
        .iter()
        .map(|s| s * 1_000)
        .find(|&s| span <= intervals * s)
        .unwrap_or_else(|| span.div_ceil(intervals));
    let from = from_ms.max(origin_ms);
    let mut t = origin_ms + (from - origin_ms).div_ceil(step) * step;
    let mut out = Vec::new();
    while t <= to_ms {
        out.push(t);
        t += step;
    }
    out
}

/// A time tick's label: virtual time since the run start, `T+00:05:00` (`T+1d 06:00:00`).
pub fn time_label(elapsed_ms: u64) -> String {
    let full = format::elapsed(elapsed_ms);
    match full.rsplit_once('.') {
        Some((head, "000")) => head.to_string(),
        _ => full,
    }
}

/// A value tick's label for ticks `step` apart: `0`, `2.5`, `1,500`, `5k`, `1.5M`.
pub fn tick_label(v: f64, step: f64) -> String {
    fn short(v: f64, unit: f64, suffix: &str) -> String {
        let text = format!("{:.2}", v / unit);
        format!(
            "{}{suffix}",
            text.trim_end_matches('0').trim_end_matches('.')
        )
    }
    if step < 1.0 {
        let decimals = (-step.log10()).ceil().max(0.0) as usize;
        format!("{v:.decimals$}")
    } else if v >= 1e6 && step >= 1e4 {
        short(v, 1e6, "M")
    } else if v >= 1e3 && step >= 1e3 {
        short(v, 1e3, "k")
    } else {
        format::count(v.round() as u64)
    }
}

/// A value in words: whole numbers with separators (`1,204`), others to a precision that
/// fits their size (`0.25`, `12.5`).
pub fn value_text(v: f64) -> String {
    if !v.is_finite() {
        "–".to_string()
    } else if (v - v.round()).abs() < 1e-9 || v >= 100.0 {
        format::count(v.max(0.0).round() as u64)
    } else if v >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}

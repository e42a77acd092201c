//! Timeline benchmark (prints numbers; not a timed test): one hour of the
//! order-confirmation preset through a `Timeline` (checkpoints on the way), then the
//! time to restore earlier states — a jump back from the live end, scrubbing backwards,
//! and step back. The browser goal is a restore under 300 ms at t = 1 h; native release
//! should be well under 100 ms. Run: `cargo bench --bench timeline` (`BENCH_HOURS=3`).

use std::time::Instant;

use sqs_playground::world::{Timeline, World};

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

/// Resident memory of this process, MiB (Linux); `None` elsewhere.
fn rss_mib() -> Option<f64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: f64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096.0 / f64::from(1 << 20))
}

fn main() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/static/scenarios/order-confirmation.json"
    );
    let doc = std::fs::read_to_string(path).expect("preset");
    let hours: u64 = std::env::var("BENCH_HOURS")
        .ok()
        .and_then(|h| h.parse().ok())
        .unwrap_or(1);
    let run_ms = hours * 3_600_000;

    let t0 = Instant::now();
    let mut plain = World::from_json(&doc).expect("preset loads");
    plain.run_for(run_ms);
    let plain_ms = ms(t0);
    let live = || {
        let mut t = Timeline::new(World::from_json(&doc).expect("preset loads"));
        let start = t.world().start_ms();
        t.step_until(start + run_ms);
        t
    };
    let rss0 = rss_mib();
    let t0 = Instant::now();
    let mut t = live();
    let timeline_ms = ms(t0);
    let rss = match (rss0, rss_mib()) {
        (Some(a), Some(b)) => format!("{:.0} MiB resident for the timeline", b - a),
        _ => "resident memory n/a".to_string(),
    };
    assert_eq!(
        t.world().event_log_hash(),
        plain.event_log_hash(),
        "same run"
    );
    let (start, end) = (t.world().start_ms(), t.world().now_ms());
    println!(
        "{hours} h of order-confirmation: World {plain_ms:.0} ms, Timeline {timeline_ms:.0} ms; \
         {} steps, {} checkpoints, ~{:.1} MiB estimated, {rss}",
        t.world().steps(),
        t.checkpoint_count(),
        t.checkpoint_bytes() as f64 / f64::from(1 << 20)
    );

    // Jumps back from the live end to instants spread over the run.
    let (mut worst, mut sum) = (0f64, 0f64);
    let jumps = 8;
    for i in 1..=jumps {
        let mut fresh = live();
        let target = end - i * (end - start) / (jumps + 1);
        let t1 = Instant::now();
        assert!(fresh.rewind_to_ms(target));
        let dt = ms(t1);
        worst = worst.max(dt);
        sum += dt;
    }
    println!(
        "jump back from t = {hours} h: worst {worst:.1} ms, mean {:.1} ms ({jumps} instants)",
        sum / jumps as f64
    );

    // Scrubbing backwards over the whole run, 40 positions.
    let (mut worst, mut sum) = (0f64, 0f64);
    let scrub = 40;
    for i in 1..=scrub {
        let target = end - i * (end - start) / (scrub + 1);
        let t1 = Instant::now();
        assert!(t.rewind_to_ms(target));
        let dt = ms(t1);
        worst = worst.max(dt);
        sum += dt;
    }
    println!(
        "scrub backwards: worst {worst:.1} ms, mean {:.1} ms ({scrub} positions)",
        sum / scrub as f64
    );

    // Step back, one step at a time, from the live end.
    let mut t = live();
    let t1 = Instant::now();
    let n = 200;
    let mut step_worst = 0f64;
    for _ in 0..n {
        let t2 = Instant::now();
        assert!(t.step_back());
        step_worst = step_worst.max(ms(t2));
    }
    println!(
        "step back x{n} from the live end: mean {:.2} ms, worst {step_worst:.1} ms",
        ms(t1) / f64::from(n)
    );
}

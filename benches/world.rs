//! World fast-forward benchmark (prints numbers; not a timed test).
//!
//! One hour of virtual time, 10 producers at 100 msg/s each and 10 long-polling
//! consumers on one standard queue (~360,000 messages). Target: under 2 s wall on
//! one core, native release. Run: `cargo bench --bench world`.

use std::time::Instant;

use sqs_playground::world::{Scenario, World};

fn scenario(servers: usize, rate: u32) -> Scenario {
    let mut producers = Vec::new();
    let mut consumers = Vec::new();
    for i in 0..10 {
        producers.push(serde_json::json!({
            "id": format!("p{i}"), "queue": "bench", "rate_per_s": rate,
            "body_template": "order {seq} from {producer}"
        }));
        consumers.push(serde_json::json!({
            "id": format!("c{i}"), "queue": "bench", "wait_time_s": 20, "batch_size": 10,
            "processing": {"type": "fixed", "ms": 2}
        }));
    }
    let doc = serde_json::json!({
        "version": 1, "id": "bench", "seed": 42, "servers": servers,
        "queues": [{"name": "bench"}],
        "producers": producers, "consumers": consumers
    });
    Scenario::from_value(doc).expect("bench scenario is valid")
}

/// CPU time of this thread so far (Linux `schedstat`), so the number means "one
/// core" even on a busy machine; `None` elsewhere.
fn cpu_s() -> Option<f64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    Some(text.split_whitespace().next()?.parse::<f64>().ok()? / 1e9)
}

fn run(label: &str, servers: usize, rate_per_producer: u32, minutes: u64) {
    let s = scenario(servers, rate_per_producer);
    let cpu0 = cpu_s();
    let t0 = Instant::now();
    let mut w = World::from_scenario(&s).expect("bench world builds");
    w.run_for(minutes * 60_000);
    let wall = t0.elapsed().as_secs_f64();
    let cpu = match (cpu0, cpu_s()) {
        (Some(a), Some(b)) => format!("{:.3} s CPU", b - a),
        _ => "CPU time n/a".to_string(),
    };
    let sum = w.summary();
    let q = &sum.queues["bench"];
    println!(
        "{label}: {minutes} min virtual in {wall:.3} s wall, {cpu} ({x:.0}x real time); sent {sent}, received {recv}, deleted {del}, \
         log entries {log}, steps {steps}, {rate:.0} messages/s wall",
        x = (minutes as f64 * 60.0) / wall,
        sent = q.stats.sent,
        recv = q.stats.received,
        del = q.stats.deleted,
        log = w.recorder().log.total(),
        steps = sum.steps,
        rate = q.stats.sent as f64 / wall,
    );
}

fn main() {
    let minutes = std::env::var("BENCH_MINUTES")
        .ok()
        .and_then(|h| h.parse().ok())
        .unwrap_or(60);
    run(
        "10 producers x 10 msg/s (~360,000 messages/h), 1 server",
        1,
        10,
        minutes,
    );
    run(
        "10 producers x 10 msg/s (~360,000 messages/h), 3 servers",
        3,
        10,
        minutes,
    );
    run(
        "10 producers x 100 msg/s (~3,600,000 messages/h), 1 server",
        1,
        100,
        minutes,
    );
}

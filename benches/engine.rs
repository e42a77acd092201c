//! Engine benchmark (prints numbers; not a timed test): `cargo bench --bench engine`.
//!
//! 1. Standard queue, one server, 100-byte bodies: send → receive → delete lifecycles/s
//!    (single calls, and with 10-message batches).
//! 2. FIFO queue: the same lifecycle with explicit dedup ids; the virtual clock advances
//!    4 ms per lifecycle so the 300 TPS quota is respected (≈ 250 virtual TPS).
//! 3. Receive cost with 1,000,000 vs 1,000 queued messages (queue depth kept constant).

use std::hint::black_box;
use std::time::{Duration, Instant};

use sqs_playground::engine::*;

fn new_queue(e: &mut Engine, name: &str, fifo: bool) -> String {
    let mut attributes = std::collections::BTreeMap::new();
    if fifo {
        attributes.insert("FifoQueue".to_string(), "true".to_string());
    }
    e.create_queue(
        OWNER_ARN,
        CreateQueueRequest {
            queue_name: name.into(),
            attributes,
            ..Default::default()
        },
    )
    .unwrap()
    .queue_url
}

fn receive(e: &mut Engine, url: &str, max: i64) -> Vec<Message> {
    match e
        .receive_message(
            OWNER_ARN,
            ReceiveMessageRequest {
                queue_url: url.to_string(),
                max_number_of_messages: Some(max),
                ..Default::default()
            },
        )
        .unwrap()
    {
        ReceiveOutcome::Complete(r) => r.messages,
        ReceiveOutcome::Pending(_) => unreachable!("short poll"),
    }
}

/// CPU time this thread has used, from Linux's schedstat (None elsewhere). The machine
/// running the bench may be shared, so lifecycles per *CPU* second is reported too.
fn thread_cpu() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// Rates of the rounds run by [`rate`].
struct Rates {
    /// Per wall second, per CPU second; one entry per round (fresh engine each).
    rounds: Vec<(f64, Option<f64>)>,
}

/// Runs `f` (which performs `n` lifecycles on a fresh engine) `ENGINE_BENCH_ROUNDS`
/// times (default 3): the machine may be shared, so the best round is the least
/// disturbed one; the median is printed too.
fn rate(n: usize, f: impl Fn()) -> Rates {
    let rounds = std::env::var("ENGINE_BENCH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3usize)
        .max(1);
    let rounds = (0..rounds)
        .map(|_| {
            let (w0, c0) = (Instant::now(), thread_cpu());
            f();
            let wall = w0.elapsed().as_secs_f64();
            let cpu = c0.zip(thread_cpu()).map(|(a, b)| (b - a).as_secs_f64());
            (n as f64 / wall, cpu.map(|c| n as f64 / c))
        })
        .collect();
    Rates { rounds }
}

fn report(label: &str, r: Rates, target: &str) {
    let mut walls: Vec<f64> = r.rounds.iter().map(|x| x.0).collect();
    walls.sort_by(f64::total_cmp);
    let (best, median) = (walls[walls.len() - 1], walls[walls.len() / 2]);
    let cpu = r
        .rounds
        .iter()
        .filter_map(|x| x.1)
        .max_by(f64::total_cmp)
        .map(|c| format!(" ({c:.0}/s per CPU second)"))
        .unwrap_or_default();
    println!(
        "{label}: {best:>10.0} lifecycles/s wall{cpu}, median of {} rounds {median:.0}/s{target}",
        walls.len()
    );
}

fn body() -> String {
    "x".repeat(100)
}

fn standard_single(n: usize) -> f64 {
    let mut e = Engine::new(EngineConfig::default());
    let url = new_queue(&mut e, "bench", false);
    let b = body();
    let start = Instant::now();
    for i in 0..n {
        e.send_message(
            OWNER_ARN,
            SendMessageRequest {
                queue_url: url.clone(),
                message_body: b.clone(),
                ..Default::default()
            },
        )
        .unwrap();
        let m = receive(&mut e, &url, 1);
        e.delete_message(
            OWNER_ARN,
            DeleteMessageRequest {
                queue_url: url.clone(),
                receipt_handle: m[0].receipt_handle.clone(),
            },
        )
        .unwrap();
        if i % 1_000 == 0 {
            black_box(e.drain_events());
        }
    }
    n as f64 / start.elapsed().as_secs_f64()
}

fn standard_batched(n: usize) -> f64 {
    let mut e = Engine::new(EngineConfig::default());
    let url = new_queue(&mut e, "bench", false);
    let b = body();
    let start = Instant::now();
    for i in 0..n / 10 {
        let entries = (0..10)
            .map(|k| SendMessageBatchRequestEntry {
                id: format!("{k}"),
                message_body: b.clone(),
                ..Default::default()
            })
            .collect();
        e.send_message_batch(
            OWNER_ARN,
            SendMessageBatchRequest {
                queue_url: url.clone(),
                entries,
            },
        )
        .unwrap();
        let msgs = receive(&mut e, &url, 10);
        let entries = msgs
            .into_iter()
            .enumerate()
            .map(|(k, m)| DeleteMessageBatchRequestEntry {
                id: format!("{k}"),
                receipt_handle: m.receipt_handle,
            })
            .collect();
        e.delete_message_batch(
            OWNER_ARN,
            DeleteMessageBatchRequest {
                queue_url: url.clone(),
                entries,
            },
        )
        .unwrap();
        if i % 100 == 0 {
            black_box(e.drain_events());
        }
    }
    n as f64 / start.elapsed().as_secs_f64()
}

fn fifo_single(n: usize) -> f64 {
    let mut e = Engine::new(EngineConfig::default());
    let url = new_queue(&mut e, "bench.fifo", true);
    let b = body();
    let start = Instant::now();
    for i in 0..n {
        e.send_message(
            OWNER_ARN,
            SendMessageRequest {
                queue_url: url.clone(),
                message_body: b.clone(),
                message_group_id: Some(format!("g{}", i % 16)),
                message_deduplication_id: Some(format!("d{i}")),
                ..Default::default()
            },
        )
        .unwrap();
        let m = receive(&mut e, &url, 1);
        e.delete_message(
            OWNER_ARN,
            DeleteMessageRequest {
                queue_url: url.clone(),
                receipt_handle: m[0].receipt_handle.clone(),
            },
        )
        .unwrap();
        let t = e.now_ms() + 4;
        e.advance_to(t);
        if i % 1_000 == 0 {
            black_box(e.drain_events());
        }
    }
    n as f64 / start.elapsed().as_secs_f64()
}

/// Average time of one ReceiveMessage(1) with `depth` messages queued: the best of
/// `rounds` rounds of `samples` receives (the machine may be shared; the best round is
/// the least disturbed one).
fn receive_cost(depth: usize, samples: usize, rounds: usize) -> Duration {
    let mut e = Engine::new(EngineConfig::default());
    let url = new_queue(&mut e, "depth", false);
    let b = body();
    for _ in 0..depth / 10 {
        let entries = (0..10)
            .map(|k| SendMessageBatchRequestEntry {
                id: format!("{k}"),
                message_body: b.clone(),
                ..Default::default()
            })
            .collect();
        e.send_message_batch(
            OWNER_ARN,
            SendMessageBatchRequest {
                queue_url: url.clone(),
                entries,
            },
        )
        .unwrap();
    }
    black_box(e.drain_events());
    let mut best = Duration::MAX;
    for _ in 0..rounds {
        let mut total = Duration::ZERO;
        for i in 0..samples {
            let t0 = Instant::now();
            let m = receive(&mut e, &url, 1);
            total += t0.elapsed();
            // keep the depth constant: delete it and send a replacement (untimed)
            e.delete_message(
                OWNER_ARN,
                DeleteMessageRequest {
                    queue_url: url.clone(),
                    receipt_handle: m[0].receipt_handle.clone(),
                },
            )
            .unwrap();
            e.send_message(
                OWNER_ARN,
                SendMessageRequest {
                    queue_url: url.clone(),
                    message_body: b.clone(),
                    ..Default::default()
                },
            )
            .unwrap();
            if i % 1_000 == 0 {
                black_box(e.drain_events());
            }
        }
        best = best.min(total / samples as u32);
    }
    best
}

fn main() {
    // `ENGINE_BENCH_ONLY=standard|batch|fifo|depth` runs one part (for profiling).
    let only = std::env::var("ENGINE_BENCH_ONLY").unwrap_or_default();
    let run = |name: &str| only.is_empty() || only == name;
    // `ENGINE_BENCH_N` shortens the run (e.g. under valgrind); the default is 1,000,000.
    let n = std::env::var("ENGINE_BENCH_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    if run("standard") {
        let r = rate(n, || {
            black_box(standard_single(n));
        });
        report(
            "standard, 1 server, 100-byte bodies, single calls ",
            r,
            " (target ≥ 1,000,000)",
        );
    }
    if run("batch") {
        let r = rate(n, || {
            black_box(standard_batched(n));
        });
        report("standard, 1 server, 100-byte bodies, batches of 10", r, "");
    }
    if run("fifo") {
        let r = rate(n / 2, || {
            black_box(fifo_single(n / 2));
        });
        report(
            "FIFO, 1 server, 100-byte bodies, single calls     ",
            r,
            " (target ≥ 500,000)",
        );
    }
    if !run("depth") {
        return;
    }
    let small = receive_cost(1_000, 100_000, 3);
    let big = receive_cost(1_000_000, 100_000, 3);
    println!(
        "ReceiveMessage(1) cost: {:.0} ns at 1,000 queued, {:.0} ns at 1,000,000 queued (ratio {:.2}, target ≤ 2)",
        small.as_nanos() as f64,
        big.as_nanos() as f64,
        big.as_secs_f64() / small.as_secs_f64()
    );
}

//! `sqs-world run SCENARIO.json --for 1h [--seed N] [--events]`
//!
//! Runs a scenario document for that much virtual time (`ms`, `s`, `m`, `h`, `d`
//! suffixes; the scenario's `run_for_ms` when `--for` is absent) and prints one JSON
//! summary. `--events` first streams every event-log entry as a JSON line. Bad files
//! or arguments print a clear error and exit with code 2.

use std::io::Write;
use std::process::ExitCode;

use sqs_playground::world::duration::parse_duration_ms;
use sqs_playground::world::{Scenario, World, WorldOptions};

const USAGE: &str = "usage: sqs-world run SCENARIO.json [--for DURATION] [--seed N] [--events]\n\
  DURATION: a number with a unit ms, s, m, h or d (e.g. 90s, 1h, 5d)";

struct Args {
    file: String,
    for_ms: Option<u64>,
    seed: Option<u64>,
    events: bool,
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut it = args.iter();
    match it.next().map(String::as_str) {
        Some("run") => {}
        Some("--help") | Some("-h") | None => return Err(USAGE.to_string()),
        Some(other) => return Err(format!("unknown command {other:?}\n{USAGE}")),
    }
    let mut out = Args {
        file: String::new(),
        for_ms: None,
        seed: None,
        events: false,
    };
    while let Some(a) = it.next() {
        match a.as_str() {
            "--for" => {
                let v = it.next().ok_or("--for needs a duration, e.g. --for 1h")?;
                out.for_ms = Some(parse_duration_ms(v).map_err(|e| format!("--for: {e}"))?);
            }
            "--seed" => {
                let v = it.next().ok_or("--seed needs a number")?;
                out.seed = Some(
                    v.parse()
                        .map_err(|_| format!("--seed: {v:?} is not a non-negative integer"))?,
                );
            }
            "--events" => out.events = true,
            flag if flag.starts_with('-') => {
                return Err(format!("unknown option {flag:?}\n{USAGE}"))
            }
            file if out.file.is_empty() => out.file = file.to_string(),
            extra => return Err(format!("unexpected argument {extra:?}\n{USAGE}")),
        }
    }
    if out.file.is_empty() {
        return Err(format!("missing SCENARIO.json\n{USAGE}"));
    }
    Ok(out)
}

fn fail(msg: &str) -> ExitCode {
    eprintln!("sqs-world: {msg}");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let raw: Vec<String> = std::env::args().skip(1).collect();
    let args = match parse_args(&raw) {
        Ok(a) => a,
        Err(e) => return fail(&e),
    };
    let text = match std::fs::read_to_string(&args.file) {
        Ok(t) => t,
        Err(e) => return fail(&format!("cannot read {}: {e}", args.file)),
    };
    let mut scenario = match Scenario::from_json(&text) {
        Ok(s) => s,
        Err(e) => return fail(&format!("{}: {e}", args.file)),
    };
    if let Some(seed) = args.seed {
        scenario.seed = seed;
    }
    let Some(for_ms) = args.for_ms.or(scenario.run_for_ms) else {
        return fail("no run length: pass --for DURATION (the scenario has no run_for_ms)");
    };
    let mut world = match World::with_options(&scenario, WorldOptions::default()) {
        Ok(w) => w,
        Err(e) => return fail(&format!("{}: {e}", args.file)),
    };
    let end = world.now_ms() + for_ms;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.events {
        // Entries logged while the world was built are in the ring; later ones are tapped.
        for e in world.recorder().log.entries() {
            if serde_json::to_writer(&mut out, &e.render()).is_err()
                || out.write_all(b"\n").is_err()
            {
                return ExitCode::SUCCESS;
            }
        }
        world.log_mut().set_tap(true);
        let mut done = false;
        loop {
            for e in world.log_mut().take_tapped() {
                let ok = serde_json::to_writer(&mut out, &e.render()).is_ok()
                    && out.write_all(b"\n").is_ok();
                if !ok {
                    return ExitCode::SUCCESS; // stdout closed (e.g. piped into head)
                }
            }
            if done {
                break;
            }
            if world.step_next_event_until(end).is_none() {
                world.step_until(end);
                done = true;
            }
        }
    } else {
        world.step_until(end);
    }
    let summary = world.summary();
    let _ = serde_json::to_writer_pretty(&mut out, &summary);
    let _ = out.write_all(b"\n");
    let _ = out.flush();
    ExitCode::SUCCESS
}

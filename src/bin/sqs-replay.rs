//! `sqs-replay`: runs a replay script (JSON lines) against the SQS engine and
//! prints one JSON line per request. Format: `docs/replay-format.md`.
//!
//! ```text
//! cargo run --release --bin sqs-replay -- [--seed N] [--servers N] [--events] [FILE]
//! ```
//! Reads FILE, or standard input without it (or with `-`). Output is streamed:
//! each line's results are printed as soon as the line has run. Exit status: 0
//! after a run (script errors are reported in the output, not by the status),
//! 1 when FILE cannot be read, 2 for bad command-line usage.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::ExitCode;

use sqs_playground::replay::script::validate_servers;
use sqs_playground::replay::{Replay, ReplayOptions};

const USAGE: &str = concat!(
    "usage: sqs-replay [--seed N] [--servers N] [--events] [FILE]\n",
    "  --seed N      seed of the engine's RNG (default 0)\n",
    "  --servers N   storage servers in the region, 1-64 (default 1)\n",
    "  --events      also print engine events ({\"event\":...} lines) with their causes\n",
    "  FILE          script of JSON lines; standard input when absent or '-'\n",
    "A first-line {\"config\": {...}} in the script overrides --seed/--servers/--events.\n",
    "Format: docs/replay-format.md",
);

/// Parsed command line.
#[derive(Debug)]
struct Args {
    opts: ReplayOptions,
    file: Option<String>,
}

fn parse_args(args: &[String]) -> Result<Option<Args>, String> {
    let mut opts = ReplayOptions::default();
    let mut file = None;
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        // Accept both `--seed 7` and `--seed=7`.
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (arg.as_str(), None),
        };
        let mut value = |name: &str| -> Result<String, String> {
            if let Some(v) = inline.clone() {
                return Ok(v);
            }
            i += 1;
            args.get(i)
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match flag {
            "-h" | "--help" => return Ok(None),
            "--seed" => {
                let v = value("--seed")?;
                opts.seed = v
                    .parse()
                    .map_err(|_| format!("--seed must be a non-negative integer, got {v:?}"))?;
            }
            "--servers" => {
                let v = value("--servers")?;
                let n: u64 = v
                    .parse()
                    .map_err(|_| format!("--servers must be a positive integer, got {v:?}"))?;
                opts.servers = validate_servers(n).map_err(|e| format!("--servers: {e}"))?;
            }
            "--events" if inline.is_none() => opts.events = true,
            "-" => set_file(&mut file, arg)?,
            f if f.starts_with('-') => return Err(format!("unknown option {arg:?}")),
            _ => set_file(&mut file, arg)?,
        }
        i += 1;
    }
    Ok(Some(Args { opts, file }))
}

fn set_file(file: &mut Option<String>, arg: &str) -> Result<(), String> {
    if let Some(first) = file {
        return Err(format!(
            "only one FILE may be given (got {first:?} and {arg:?})"
        ));
    }
    *file = Some(arg.to_string());
    Ok(())
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let args = match parse_args(&argv) {
        Ok(Some(a)) => a,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(msg) => {
            eprintln!("sqs-replay: {msg}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let input: Box<dyn Read> = match args.file.as_deref() {
        None | Some("-") => Box::new(std::io::stdin()),
        Some(path) => match std::fs::File::open(path) {
            Ok(f) => Box::new(f),
            Err(e) => {
                eprintln!("sqs-replay: cannot read {path}: {e}");
                return ExitCode::from(1);
            }
        },
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut replay = Replay::new(args.opts);
    let mut emit = |lines: Vec<String>| -> std::io::Result<()> {
        for l in lines {
            writeln!(out, "{l}")?;
        }
        out.flush()
    };
    // Bytes, split on `\n`, each line decoded on its own: invalid UTF-8 is that line's
    // input error, not the end of the run.
    let mut reader = BufReader::new(input);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader.read_until(b'\n', &mut buf) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                eprintln!("sqs-replay: cannot read input: {e}");
                return ExitCode::from(1);
            }
        }
        let line = buf.strip_suffix(b"\n").unwrap_or(&buf);
        if emit(replay.feed_bytes(line)).is_err() {
            // stdout closed (e.g. piped into `head`): stop quietly.
            return ExitCode::SUCCESS;
        }
    }
    let _ = emit(replay.finish());
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Result<Option<Args>, String> {
        parse_args(&list.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn flags_and_file() {
        let a = args(&["--seed", "7", "--servers=3", "--events", "x.jsonl"])
            .unwrap()
            .unwrap();
        assert_eq!(a.opts.seed, 7);
        assert_eq!(a.opts.servers, 3);
        assert!(a.opts.events);
        assert_eq!(a.file.as_deref(), Some("x.jsonl"));
        assert!(args(&["--help"]).unwrap().is_none());
    }

    #[test]
    fn bad_usage_is_explained() {
        assert!(args(&["--sed", "1"])
            .unwrap_err()
            .contains("unknown option"));
        assert!(args(&["--seed"]).unwrap_err().contains("needs a value"));
        assert!(args(&["--seed", "x"])
            .unwrap_err()
            .contains("non-negative integer"));
        assert!(args(&["--servers", "0"])
            .unwrap_err()
            .contains("between 1 and 64"));
        assert!(args(&["a", "b"]).unwrap_err().contains("only one FILE"));
        assert!(args(&["--events=1"])
            .unwrap_err()
            .contains("unknown option"));
    }
}

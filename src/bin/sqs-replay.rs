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

use sqs_playground::cmdline::{parse_seed, parse_servers, Flags};
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
    // Accepts both `--seed 7` and `--seed=7`.
    let mut flags = Flags::new(args);
    while let Some(flag) = flags.next_flag() {
        match flag.name {
            "-h" | "--help" => return Ok(None),
            "--seed" => opts.seed = parse_seed(flags.value(&flag)?)?,
            "--servers" => opts.servers = parse_servers(flags.value(&flag)?)?,
            "--events" if flag.inline.is_none() => opts.events = true,
            "-" => set_file(&mut file, flag.arg)?,
            f if f.starts_with('-') => return Err(format!("unknown option {:?}", flag.arg)),
            _ => set_file(&mut file, flag.arg)?,
        }
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

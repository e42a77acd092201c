//! `sqs-server`: the SQS engine as a local endpoint speaking the AWS JSON 1.0 protocol.
//! Docs: `docs/sqs-server.md`.
//!
//! ```text
//! cargo run --release --bin sqs-server -- [--port P] [--host H] [--servers N] [--seed S] [--record FILE]
//! ```
//! Prints `sqs-server listening on http://<addr>` once it accepts connections and runs
//! until killed. Exit status 2 for bad usage, 1 when it cannot listen.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use std::io::Write;
    use std::process::ExitCode;

    use sqs_playground::server::{parse_args, RunningServer, USAGE};

    let argv: Vec<String> = std::env::args().skip(1).collect();
    let cfg = match parse_args(&argv) {
        Ok(Some(cfg)) => cfg,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(msg) => {
            eprintln!("sqs-server: {msg}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let server = match RunningServer::start(&cfg) {
        Ok(s) => s,
        Err(e) => {
            eprintln!(
                "sqs-server: cannot listen on {}:{}: {e}",
                cfg.host, cfg.port
            );
            return ExitCode::from(1);
        }
    };
    let mut out = std::io::stdout();
    let _ = writeln!(out, "sqs-server listening on {}", server.url());
    let _ = out.flush();
    server.wait();
    ExitCode::SUCCESS
}

/// Not built for the browser: the web app has no sockets.
#[cfg(target_arch = "wasm32")]
fn main() {}

//! `sqs-server`: the engine behind a real HTTP endpoint that speaks the AWS JSON 1.0
//! protocol of SQS, so SDKs, the AWS CLI and a user's own consumers can use it as a
//! local SQS (`docs/sqs-server.md`). Native only (never built for wasm).
//!
//! Inside, one direction: [`http`] (per connection, on tokio + hyper) turns requests
//! into [`engine_loop::Job`]s; [`engine_loop`] owns the one [`crate::engine::Engine`]
//! and serves jobs in arrival order, with [`admin`] for the admin API and [`recorder`]
//! for `--record`; [`urls`] rewrites queue URLs to the host the client called;
//! [`config`] is the command line. Everything here depends on the engine's public API
//! (`engine::protocol` for the front door and wire form) and on `replay` for the script
//! format; nothing in `engine`, `replay` or `world` depends on this module.

pub mod admin;
pub mod config;
pub mod engine_loop;
pub mod http;
pub mod recorder;
pub mod urls;

use std::io;
use std::net::SocketAddr;
use std::sync::atomic::AtomicU64;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::sync::{mpsc, oneshot};

pub use config::{parse_args, ServerConfig, USAGE};

use crate::engine::{EngineConfig, MAX_CLOCK_MS};
use engine_loop::EngineCore;
use http::Front;
use recorder::Recorder;

/// Worker threads of the server's runtime (connections and the engine loop share them).
#[allow(dead_code)]
const WORKER_THREADS: usize = 2;

/// A server running on background threads; dropping it (or [`RunningServer::stop`])
/// shuts it down.
pub struct RunningServer {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl RunningServer {
    /// Binds `cfg.host:cfg.port`, opens the `--record` file, and starts serving.
    /// The virtual clock starts at the wall clock's current time (unix ms).
    pub fn start(cfg: &ServerConfig) -> io::Result<RunningServer> {
        let listener = std::net::TcpListener::bind((cfg.host.as_str(), cfg.port))?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let engine_cfg = EngineConfig {
            seed: cfg.seed,
            servers: cfg.servers,
            start_ms: wall_clock_ms(),
        };
        let recorder = match &cfg.record {
            Some(path) => {
                let file = std::fs::File::create(path).map_err(|e| {
                    io::Error::new(e.kind(), format!("cannot create {}: {e}", path.display()))
                })?;
                Recorder::new(Box::new(io::BufWriter::new(file)), &engine_cfg)
            }
            None => Recorder::off(),
        };
        let core = EngineCore::new(engine_cfg, Instant::now(), recorder);
        // One thread serves every connection and the engine loop: no cross-thread
        // wake-ups per request (measured: lower latency than 2 workers, same
        // throughput with 8 clients on 2 cores; the rest is the kernel's TCP).
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let (stop, stopped) = oneshot::channel::<()>();
        let (jobs, inbox) = mpsc::unbounded_channel();
        let front = Arc::new(Front {
            jobs,
            fallback_host: addr.to_string(),
            session: core.session(),
            refused: AtomicU64::new(0),
        });
        let thread = std::thread::Builder::new()
            .name("sqs-server".into())
            .spawn(move || {
                runtime.block_on(async move {
                    tokio::spawn(engine_loop::run(core, inbox));
                    match tokio::net::TcpListener::from_std(listener) {
                        Ok(listener) => {
                            tokio::spawn(accept_loop(listener, front));
                        }
                        Err(e) => eprintln!("sqs-server: cannot listen: {e}"),
                    }
                    let _ = stopped.await;
                });
                runtime.shutdown_timeout(Duration::from_millis(100));
            })?;
        Ok(RunningServer {
            addr,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// The address it listens on (the real port when started with port 0).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://<addr>`, the endpoint URL for SDKs.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Blocks until the server stops (it does not stop by itself).
    pub fn wait(mut self) {
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }

    /// Shuts the server down and waits for it.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for RunningServer {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// The wall clock in unix milliseconds, capped at the engine's maximum instant.
pub fn wall_clock_ms() -> u64 {
    let ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX));
    ms.min(MAX_CLOCK_MS)
}

async fn accept_loop(listener: tokio::net::TcpListener, front: Arc<Front>) {
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of file descriptors or a reset before accept: back off briefly.
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let front = front.clone();
        tokio::spawn(async move {
            let service = service_fn(move |req| http::serve(req, front.clone()));
            // half_close: a client that shuts its write side after the request
            // (`nc -N`, simple scripts) still gets the answer.
            let _ = http1::Builder::new()
                .timer(TokioTimer::new())
                .half_close(true)
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

//! `sqs-server` benchmark (prints numbers; not a timed test): `cargo bench --bench server`.
//!
//! Starts the server in-process on a free loopback port and measures send → receive →
//! delete lifecycles per second through real HTTP (AWS JSON 1.0, keep-alive connections,
//! 100-byte bodies) with 1 client and with 8 concurrent clients, plus p50/p99 request
//! latency. If moto's server is available (`MOTO_SERVER`, a command, or
//! `target/real-clients/venv/bin/moto_server`), the same workload runs against it and
//! the ratio is printed.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use sqs_playground::engine::protocol::TARGET_PREFIX;
use sqs_playground::server::{RunningServer, ServerConfig};

const RUN: Duration = Duration::from_secs(3);
/// Threads that drive the 8 clients (one per core: the clients share the machine with
/// the server, and 8 blocking threads would mostly measure context switches).
const CLIENT_THREADS: usize = 2;
const WARM_UP: Duration = Duration::from_millis(300);
const BODY: &str = "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789";
/// A dummy SigV4 header, as SDKs send: moto routes requests to a service by it; sqs-server
/// ignores it.
const AUTH: &str = "Authorization: AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=0\r\n";
const MOTO_VENV: &str = "target/real-clients/venv/bin/moto_server";

/// A keep-alive HTTP/1.1 connection speaking AWS JSON 1.0, one request at a time
/// ([`Conn::start`] writes it, [`Conn::finish`] reads the answer); reconnects when the
/// server closes (moto answers `Connection: close`).
struct Conn {
    addr: SocketAddr,
    stream: Option<TcpStream>,
    buf: Vec<u8>,
    req: Vec<u8>,
    /// Body of the last answer: `buf[body.0..body.1]`.
    body: (usize, usize),
    started: Instant,
}

impl Conn {
    fn new(addr: SocketAddr) -> Conn {
        Conn {
            addr,
            stream: None,
            buf: Vec::with_capacity(4096),
            req: Vec::with_capacity(1024),
            body: (0, 0),
            started: Instant::now(),
        }
    }

    /// Sends one request.
    fn start(&mut self, action: &str, body: &str) {
        self.req.clear();
        write!(
            self.req,
            "POST / HTTP/1.1\r\nHost: {}\r\nX-Amz-Target: {TARGET_PREFIX}{action}\r\nContent-Type: application/x-amz-json-1.0\r\n{AUTH}Content-Length: {}\r\n\r\n{body}",
            self.addr,
            body.len()
        )
        .unwrap();
        if self.stream.is_none() {
            let s = TcpStream::connect(self.addr).expect("connect");
            s.set_nodelay(true).unwrap();
            self.stream = Some(s);
        }
        self.started = Instant::now();
        self.stream
            .as_mut()
            .unwrap()
            .write_all(&self.req)
            .expect("send");
    }

    /// Reads the answer: its status, body and latency (µs).
    fn finish(&mut self) -> (u16, &[u8], u32) {
        let (status, close) = self.read_answer().expect("an HTTP answer");
        if close {
            self.stream = None;
        }
        let us = u32::try_from(self.started.elapsed().as_micros()).unwrap_or(u32::MAX);
        (status, &self.buf[self.body.0..self.body.1], us)
    }

    fn call(&mut self, action: &str, body: &str) -> (u16, &[u8]) {
        self.start(action, body);
        let (status, body, _) = self.finish();
        (status, body)
    }

    /// Reads one response: (status, close?).
    fn read_answer(&mut self) -> Option<(u16, bool)> {
        let s = self.stream.as_mut()?;
        self.buf.clear();
        let mut chunk = [0u8; 8192];
        loop {
            let n = s.read(&mut chunk).ok()?;
            if n == 0 {
                return None;
            }
            self.buf.extend_from_slice(&chunk[..n]);
            let mut headers = [httparse::EMPTY_HEADER; 32];
            let mut resp = httparse::Response::new(&mut headers);
            let httparse::Status::Complete(head) = resp.parse(&self.buf).ok()? else {
                continue;
            };
            let mut len = 0;
            let mut close = resp.version == Some(0);
            for h in resp.headers.iter() {
                if h.name.eq_ignore_ascii_case("content-length") {
                    len = std::str::from_utf8(h.value).ok()?.trim().parse().ok()?;
                } else if h.name.eq_ignore_ascii_case("connection") {
                    close = h.value.eq_ignore_ascii_case(b"close");
                }
            }
            let status = resp.code?;
            while self.buf.len() < head + len {
                let n = s.read(&mut chunk).ok()?;
                if n == 0 {
                    return None;
                }
                self.buf.extend_from_slice(&chunk[..n]);
            }
            self.body = (head, head + len);
            return Some((status, close));
        }
    }
}

fn create_queue(addr: SocketAddr, name: &str) -> String {
    let mut c = Conn::new(addr);
    let (status, body) = c.call("CreateQueue", &format!("{{\"QueueName\":\"{name}\"}}"));
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(body));
    let v: Value = serde_json::from_slice(body).unwrap();
    v["QueueUrl"].as_str().unwrap().to_string()
}

/// One client per queue URL, each on its own keep-alive connection with one request in
/// flight at a time, all driven by this thread: every step is sent on every connection,
/// then every answer is read. Returns (lifecycles, request latencies in µs).
fn clients(addr: SocketAddr, urls: &[String], until: Instant) -> (u64, Vec<u32>) {
    let mut conns: Vec<Conn> = urls.iter().map(|_| Conn::new(addr)).collect();
    let sends: Vec<String> = urls
        .iter()
        .map(|u| format!("{{\"QueueUrl\":\"{u}\",\"MessageBody\":\"{BODY}\"}}"))
        .collect();
    let recvs: Vec<String> = urls
        .iter()
        .map(|u| format!("{{\"QueueUrl\":\"{u}\",\"MaxNumberOfMessages\":1}}"))
        .collect();
    let mut lat = Vec::with_capacity(1 << 16);
    let mut handles = vec![String::new(); urls.len()];
    let mut done = 0;
    let mut step = |conns: &mut [Conn], action: &str, bodies: &[String], handles: &mut [String]| {
        for (c, b) in conns.iter_mut().zip(bodies) {
            c.start(action, b);
        }
        for (c, h) in conns.iter_mut().zip(handles.iter_mut()) {
            let (status, bytes, us) = c.finish();
            assert_eq!(status, 200, "{action}: {}", String::from_utf8_lossy(bytes));
            lat.push(us);
            if action == "ReceiveMessage" {
                let v: Value = serde_json::from_slice(bytes).unwrap();
                let handle = v["Messages"][0]["ReceiptHandle"].as_str();
                *h = handle.expect("its own queue has the message").to_string();
            }
        }
    };
    while Instant::now() < until {
        step(&mut conns, "SendMessage", &sends, &mut handles);
        step(&mut conns, "ReceiveMessage", &recvs, &mut handles);
        let deletes: Vec<String> = urls
            .iter()
            .zip(&handles)
            .map(|(u, h)| {
                format!(
                    "{{\"QueueUrl\":\"{u}\",\"ReceiptHandle\":{}}}",
                    Value::from(h.as_str())
                )
            })
            .collect();
        step(&mut conns, "DeleteMessage", &deletes, &mut handles);
        done += urls.len() as u64;
    }
    (done, lat)
}

struct Result {
    per_s: f64,
    p50_us: u32,
    p99_us: u32,
}

/// `clients` clients (a queue and a connection each) on `threads` threads.
fn workload(
    addr: SocketAddr,
    clients_n: usize,
    threads: usize,
    run: Duration,
    tag: &str,
) -> Result {
    let urls: Vec<String> = (0..clients_n)
        .map(|i| create_queue(addr, &format!("bench-{tag}-{clients_n}-{i}")))
        .collect();
    // Warm up the connections and the queues.
    clients(addr, &urls, Instant::now() + WARM_UP);
    let start = Instant::now();
    let until = start + run;
    let per_thread = clients_n.div_ceil(threads);
    let handles: Vec<_> = urls
        .chunks(per_thread)
        .map(|chunk| {
            let chunk = chunk.to_vec();
            std::thread::spawn(move || clients(addr, &chunk, until))
        })
        .collect();
    let mut total = 0;
    let mut lat = Vec::new();
    for h in handles {
        let (n, l) = h.join().unwrap();
        total += n;
        lat.extend(l);
    }
    let secs = start.elapsed().as_secs_f64();
    lat.sort_unstable();
    let pct = |p: f64| lat[((lat.len() as f64 * p) as usize).min(lat.len() - 1)];
    Result {
        per_s: total as f64 / secs,
        p50_us: pct(0.50),
        p99_us: pct(0.99),
    }
}

fn print(name: &str, clients: usize, r: &Result) {
    println!(
        "  {name:<10} {clients} client{}: {:>9.0} lifecycles/s ({:>6.0} requests/s), latency p50 {:>6} µs, p99 {:>6} µs",
        if clients == 1 { " " } else { "s" },
        r.per_s,
        r.per_s * 3.0,
        r.p50_us,
        r.p99_us
    );
}

/// moto's server process; killed when dropped (also when a run panics).
struct Moto(Child);

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts moto's server on a free port; `None` (with the reason) when it is not installed.
fn start_moto() -> std::result::Result<(Moto, SocketAddr), String> {
    let command = std::env::var("MOTO_SERVER").ok().or_else(|| {
        std::path::Path::new(MOTO_VENV)
            .exists()
            .then(|| MOTO_VENV.to_string())
    });
    let Some(command) = command else {
        return Err(format!(
            "not installed (make setup installs it into {MOTO_VENV}, or set MOTO_SERVER to a moto_server command; pip install 'moto[server]')"
        ));
    };
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_err(|e| e.to_string())?
        .port();
    let mut words = command.split_whitespace();
    let program = words.next().ok_or("MOTO_SERVER is empty")?;
    let child = Moto(
        Command::new(program)
            .args(words)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start {command:?}: {e}"))?,
    );
    let addr: SocketAddr = ([127, 0, 0, 1], port).into();
    let deadline = Instant::now() + Duration::from_secs(60);
    while TcpStream::connect(addr).is_err() {
        if Instant::now() > deadline {
            return Err(format!("{command:?} did not listen on {addr} within 60 s"));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok((child, addr))
}

fn main() {
    let server = RunningServer::start(&ServerConfig {
        port: 0,
        ..ServerConfig::default()
    })
    .expect("sqs-server starts");
    let addr = server.addr();
    println!(
        "sqs-server benchmark: send → receive → delete through keep-alive loopback HTTP, 100-byte bodies, a queue and a connection per client ({CLIENT_THREADS} client threads), {} cores",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    let one = workload(addr, 1, 1, RUN, "ours");
    print("sqs-server", 1, &one);
    let eight = workload(addr, 8, CLIENT_THREADS, RUN, "ours");
    print("sqs-server", 8, &eight);
    println!("  goal: ≥ 20,000 lifecycles/s with 8 clients on 2 cores, and ≥ 20× moto");
    drop(server);

    match start_moto() {
        Err(why) => println!("  moto: {why}"),
        Ok((_moto, addr)) => {
            let m1 = workload(addr, 1, 1, RUN, "moto");
            print("moto", 1, &m1);
            let m8 = workload(addr, 8, CLIENT_THREADS, RUN, "moto");
            print("moto", 8, &m8);
            println!(
                "  ratio sqs-server / moto: {:.1}× with 1 client, {:.1}× with 8 clients",
                one.per_s / m1.per_s,
                eight.per_s / m8.per_s
            );
        }
    }
}

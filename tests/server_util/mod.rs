//! Shared helpers of the `sqs-server` tests: an in-process server on a free loopback
//! port, an AWS JSON 1.0 client over real HTTP, and a raw-TCP client.
#![allow(dead_code)] // each test file uses a different subset

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde_json::Value;
use sqs_playground::engine::protocol::TARGET_PREFIX;
use sqs_playground::server::{RunningServer, ServerConfig};

/// A server on `127.0.0.1:<free port>`.
pub fn start(servers: usize, seed: u64, record: Option<PathBuf>) -> RunningServer {
    RunningServer::start(&ServerConfig {
        port: 0,
        servers,
        seed,
        record,
        ..ServerConfig::default()
    })
    .expect("server starts")
}

/// One HTTP response, decoded.
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Value,
}

impl Answer {
    /// A header by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body of a 200, or a panic that shows the error.
    pub fn ok(self) -> Value {
        assert_eq!(self.status, 200, "{:?}", self.body);
        self.body
    }
}

/// An SQS client with its own keep-alive connection pool.
pub struct Client {
    agent: ureq::Agent,
    pub endpoint: String,
}

impl Client {
    pub fn new(server: &RunningServer) -> Client {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into();
        Client {
            agent,
            endpoint: server.url(),
        }
    }

    /// `POST /` with `X-Amz-Target: AmazonSQS.<action>`.
    pub fn call(&self, action: &str, body: Value) -> Answer {
        self.send(
            "/",
            Some(&format!("{TARGET_PREFIX}{action}")),
            &body.to_string(),
        )
    }

    /// A POST with any path, target header (or none) and raw body.
    pub fn send(&self, path: &str, target: Option<&str>, body: &str) -> Answer {
        let mut req = self
            .agent
            .post(format!("{}{path}", self.endpoint))
            .header("Content-Type", "application/x-amz-json-1.0");
        if let Some(t) = target {
            req = req.header("X-Amz-Target", t);
        }
        decode(req.send(body).expect("HTTP exchange"))
    }

    /// A GET of `path`.
    pub fn get(&self, path: &str) -> Answer {
        decode(
            self.agent
                .get(format!("{}{path}", self.endpoint))
                .call()
                .expect("HTTP exchange"),
        )
    }

    /// A POST of `path` with an empty body and no target (the admin API).
    pub fn post(&self, path: &str) -> Answer {
        decode(
            self.agent
                .post(format!("{}{path}", self.endpoint))
                .send_empty()
                .expect("HTTP exchange"),
        )
    }

    pub fn create_queue(&self, name: &str, attributes: Value) -> String {
        let v = self
            .call(
                "CreateQueue",
                serde_json::json!({"QueueName": name, "Attributes": attributes}),
            )
            .ok();
        v["QueueUrl"].as_str().unwrap().to_string()
    }

    /// Waits (bounded) until the server has `n` long polls parked.
    pub fn wait_for_parked_polls(&self, n: u64) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let v = self.get("/_admin/health").ok();
            if v["waiting_long_polls"] == n {
                return;
            }
            assert!(Instant::now() < deadline, "never saw {n} parked polls: {v}");
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

fn decode(mut resp: ureq::http::Response<ureq::Body>) -> Answer {
    let status = resp.status().as_u16();
    let headers = resp
        .headers()
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("").to_string()))
        .collect();
    let text = resp.body_mut().read_to_string().expect("body");
    let body = serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text:?}"));
    Answer {
        status,
        headers,
        body,
    }
}

/// Sends `bytes` on a fresh connection, half-closes it, and reads everything the
/// server sends back until it closes (bounded by a read timeout).
pub fn raw_exchange(addr: SocketAddr, bytes: &[u8]) -> Vec<u8> {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let _ = s.write_all(bytes);
    let _ = s.shutdown(std::net::Shutdown::Write);
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    out
}

/// Status, headers (names lower-cased) and body of a raw HTTP response.
pub type RawResponse = (u16, Vec<(String, String)>, Vec<u8>);

/// Parses the first HTTP response in `bytes`: status, headers, body (by Content-Length;
/// shorter if the bytes end first, as after a HEAD).
pub fn parse_response(bytes: &[u8]) -> Option<RawResponse> {
    let mut headers = [httparse::EMPTY_HEADER; 32];
    let mut resp = httparse::Response::new(&mut headers);
    let httparse::Status::Complete(head) = resp.parse(bytes).ok()? else {
        return None;
    };
    let status = resp.code?;
    let headers: Vec<(String, String)> = resp
        .headers
        .iter()
        .map(|h| {
            (
                h.name.to_ascii_lowercase(),
                String::from_utf8_lossy(h.value).into_owned(),
            )
        })
        .collect();
    let len: usize = headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let body = bytes[head..bytes.len().min(head + len)].to_vec();
    Some((status, headers, body))
}

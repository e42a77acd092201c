//! `sqs-server` never falls over on bad input: arbitrary bytes, well-formed HTTP
//! requests with arbitrary methods, paths, headers and bodies, and truncated requests,
//! all over real TCP to an in-process server. Every answer to a well-formed request is
//! an AWS-shaped JSON success or error with a request id, and the server still answers
//! a valid request after each case.
#![cfg(not(target_arch = "wasm32"))] // native tests (proptest, sockets)

mod server_util;

use std::sync::OnceLock;

use proptest::prelude::*;
use serde_json::{json, Map, Value};
use server_util::{parse_response, raw_exchange, start, Client};
use sqs_playground::engine::protocol::{ACTIONS, TARGET_PREFIX};
use sqs_playground::server::RunningServer;

/// One server for every case, with a standard queue, a FIFO queue and messages.
fn server() -> &'static RunningServer {
    static SERVER: OnceLock<RunningServer> = OnceLock::new();
    SERVER.get_or_init(|| {
        let s = start(3, 1, None);
        let c = Client::new(&s);
        let std_url = c.create_queue("std", json!({}));
        c.create_queue(
            "q.fifo",
            json!({"FifoQueue": "true", "ContentBasedDeduplication": "true"}),
        );
        for i in 0..5 {
            c.call(
                "SendMessage",
                json!({"QueueUrl": std_url, "MessageBody": format!("m{i}")}),
            )
            .ok();
        }
        s
    })
}

/// A valid request on a fresh connection still gets a 200.
fn assert_alive(s: &RunningServer) {
    let body = "{}";
    let req = format!(
        "POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: AmazonSQS.ListQueues\r\nContent-Type: application/x-amz-json-1.0\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let (status, _, body) =
        parse_response(&raw_exchange(s.addr(), req.as_bytes())).expect("an answer");
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
}

/// Checks an answer to a well-formed request (`head`: no body is sent back).
fn assert_aws_shaped(bytes: &[u8], head: bool) -> Result<(), TestCaseError> {
    let (status, headers, body) = parse_response(bytes).ok_or_else(|| {
        TestCaseError::fail(format!(
            "no HTTP response: {:?}",
            String::from_utf8_lossy(bytes)
        ))
    })?;
    prop_assert!(
        status == 200 || (400..600).contains(&status),
        "status {status}"
    );
    prop_assert!(
        headers
            .iter()
            .any(|(k, v)| k == "x-amzn-requestid" && v.len() == 36),
        "request id: {headers:?}"
    );
    if head {
        return Ok(());
    }
    let v: Value = serde_json::from_slice(&body).map_err(|e| {
        TestCaseError::fail(format!(
            "not JSON ({e}): {:?}",
            String::from_utf8_lossy(&body)
        ))
    })?;
    prop_assert!(v.is_object(), "{v}");
    if status != 200 {
        prop_assert!(v["__type"].as_str().is_some_and(|t| t.contains('#')), "{v}");
        prop_assert!(v["message"].is_string(), "{v}");
    }
    Ok(())
}

fn target() -> impl Strategy<Value = Option<String>> {
    let names: Vec<String> = ACTIONS.iter().map(|(n, _)| n.to_string()).collect();
    prop_oneof![
        6 => prop::sample::select(names.clone()).prop_map(|n| Some(format!("{TARGET_PREFIX}{n}"))),
        1 => prop::sample::select(names).prop_map(Some),
        1 => "[ -~]{0,24}".prop_map(Some),
        1 => Just(None),
    ]
}

fn json_body() -> impl Strategy<Value = Value> {
    let url = format!("http://h/000000000000/{}", "std");
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (-3i64..12).prop_map(Value::from),
        ".{0,10}".prop_map(Value::from),
        prop::sample::select(vec![
            url,
            "https://sqs.us-east-1.amazonaws.com/000000000000/q.fifo".to_string(),
            "All".into(),
            "true".into(),
            "\u{0}".into(),
        ])
        .prop_map(Value::from),
    ];
    // No WaitTimeSeconds: a long poll would (correctly) wait in real time.
    let member = prop_oneof![
        4 => prop::sample::select(vec![
            "QueueUrl", "QueueName", "MessageBody", "ReceiptHandle", "Entries", "Id",
            "Attributes", "AttributeNames", "MessageAttributes", "MaxNumberOfMessages",
            "VisibilityTimeout", "DelaySeconds", "MessageGroupId", "MessageDeduplicationId",
            "Tags", "TagKeys", "SourceArn", "MaxResults", "NextToken", "DataType", "StringValue",
        ])
        .prop_map(str::to_string),
        1 => "[a-z]{0,6}",
    ];
    leaf.prop_recursive(3, 24, 5, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(member.clone(), inner, 0..5)
                .prop_map(|m| Value::Object(m.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => json_body().prop_map(|v| v.to_string().into_bytes()),
        1 => prop::collection::vec(any::<u8>(), 0..200),
        1 => Just(Vec::new()),
    ]
}

/// Extra headers: any token name except the ones that frame the message.
fn extra_headers() -> impl Strategy<Value = Vec<(String, String)>> {
    let name = "[A-Za-z][A-Za-z0-9-]{0,12}".prop_filter("framing header", |n| {
        let n = n.to_ascii_lowercase();
        ![
            "content-length",
            "transfer-encoding",
            "host",
            "connection",
            "expect",
            "upgrade",
            "te",
            "trailer",
        ]
        .contains(&n.as_str())
    });
    prop::collection::vec((name, "[!-~]([ -~]{0,20}[!-~])?"), 0..4)
}

#[derive(Debug, Clone)]
struct WellFormed {
    method: String,
    path: String,
    target: Option<String>,
    content_type: Option<String>,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    chunked: bool,
}

impl WellFormed {
    fn bytes(&self) -> Vec<u8> {
        let mut head = format!(
            "{} {} HTTP/1.1\r\nHost: 127.0.0.1\r\n",
            self.method, self.path
        );
        if let Some(t) = &self.target {
            head += &format!("X-Amz-Target: {t}\r\n");
        }
        if let Some(ct) = &self.content_type {
            head += &format!("Content-Type: {ct}\r\n");
        }
        for (k, v) in &self.headers {
            head += &format!("{k}: {v}\r\n");
        }
        head += "Connection: close\r\n";
        let mut out = if self.chunked {
            head += "Transfer-Encoding: chunked\r\n\r\n";
            let mut out = head.into_bytes();
            if !self.body.is_empty() {
                out.extend(format!("{:x}\r\n", self.body.len()).bytes());
                out.extend(&self.body);
                out.extend(b"\r\n");
            }
            out.extend(b"0\r\n\r\n");
            out
        } else {
            head += &format!("Content-Length: {}\r\n\r\n", self.body.len());
            let mut out = head.into_bytes();
            out.extend(&self.body);
            out
        };
        out.shrink_to_fit();
        out
    }
}

fn well_formed() -> impl Strategy<Value = WellFormed> {
    (
        prop::sample::select(vec![
            "POST", "POST", "POST", "GET", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH",
        ]),
        prop_oneof![
            4 => Just("/".to_string()),
            1 => prop::sample::select(vec![
                "/000000000000/std", "/_admin/servers", "/_admin/servers/0/revive",
                "/_admin/servers/9/kill", "/_admin/health", "/_admin/", "/_admin/servers/x/kill",
                "/?Action=ListQueues", "/a%20b",
            ]).prop_map(str::to_string),
            1 => "/[A-Za-z0-9_./-]{0,16}",
        ],
        target(),
        prop::option::of(
            prop::sample::select(vec![
                "application/x-amz-json-1.0",
                "application/json",
                "application/x-www-form-urlencoded",
                "text/plain",
            ])
            .prop_map(str::to_string),
        ),
        extra_headers(),
        body(),
        prop::bool::weighted(0.2),
    )
        .prop_map(
            |(method, path, target, content_type, headers, body, chunked)| WellFormed {
                method: method.to_string(),
                path,
                target,
                content_type,
                headers,
                body,
                chunked,
            },
        )
}

/// Modest by default; `PROPTEST_CASES=2000 cargo test --release --test server_fuzz` digs deeper.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(64), .. ProptestConfig::default() })]

    /// Well-formed HTTP with arbitrary methods, paths, headers and bodies.
    #[test]
    fn well_formed_requests_get_aws_shaped_answers(req in well_formed()) {
        let s = server();
        let answer = raw_exchange(s.addr(), &req.bytes());
        assert_aws_shaped(&answer, req.method == "HEAD")?;
        assert_alive(s);
    }

    /// The same requests cut short anywhere: no answer is required, no crash is allowed.
    #[test]
    fn truncated_requests_do_not_hurt(req in well_formed(), cut in any::<prop::sample::Index>()) {
        let s = server();
        let bytes = req.bytes();
        let cut = cut.index(bytes.len());
        let _ = raw_exchange(s.addr(), &bytes[..cut]);
        assert_alive(s);
    }

    /// Arbitrary bytes, with and without a plausible request line in front.
    #[test]
    fn arbitrary_bytes_do_not_hurt(
        prefix in prop::sample::select(vec!["", "POST / HTTP/1.1\r\n", "GET /_admin/servers HTTP/1.1\r\nHost: x\r\n"]),
        junk in prop::collection::vec(any::<u8>(), 0..400),
    ) {
        let s = server();
        let mut bytes = prefix.as_bytes().to_vec();
        bytes.extend(junk);
        let _ = raw_exchange(s.addr(), &bytes);
        assert_alive(s);
    }
}

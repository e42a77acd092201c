//! `sqs-server --record`: a session served over HTTP (long polls, sends from several
//! connections, a server kill and revive) is written as a replay script that
//! `sqs_playground::replay::run_script` reproduces response for response; and requests
//! from many connections are served in one deterministic order.
#![cfg(not(target_arch = "wasm32"))] // native tests (sockets, threads, files)

mod server_util;

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::{json, Value};
use server_util::{start, Answer, Client};
use sqs_playground::engine::identity::QUEUE_URL_PREFIX;
use sqs_playground::replay::{run_script, ReplayOptions};
use sqs_playground::server::RunningServer;

fn temp_file(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("sqs-server-{}-{name}.jsonl", std::process::id()))
}

/// What the server answered, per request id, with queue URLs in AWS's form (as the
/// replay prints them): `Ok(body)` or `Err(shape)`.
#[derive(Default)]
struct Served(BTreeMap<String, Result<Value, String>>);

impl Served {
    fn note(&mut self, server: &RunningServer, a: &Answer) {
        let id = a.header("x-amzn-RequestId").unwrap().to_string();
        let local = format!("{}/000000000000/", server.url());
        let result = if a.status == 200 {
            let text = a.body.to_string().replace(&local, QUEUE_URL_PREFIX);
            Ok(serde_json::from_str(&text).unwrap())
        } else {
            let t = a.body["__type"].as_str().unwrap();
            Err(t.rsplit('#').next().unwrap().to_string())
        };
        assert!(
            self.0.insert(id, result).is_none(),
            "request ids are unique"
        );
    }
}

/// The replay's answers, per request id.
fn replayed(script: &str) -> BTreeMap<String, Result<Value, String>> {
    let mut out = BTreeMap::new();
    for line in run_script(script, ReplayOptions::default()) {
        let v: Value = serde_json::from_str(&line).unwrap();
        assert!(
            v.get("line").is_none(),
            "script error in the recording: {line}"
        );
        let Some(id) = v["id"].as_str() else {
            continue; // a fault line
        };
        let r = match v.get("ok") {
            Some(ok) => Ok(ok.clone()),
            None => Err(v["error"]["type"].as_str().unwrap().to_string()),
        };
        out.insert(id.to_string(), r);
    }
    out
}

#[test]
fn a_recorded_session_replays_to_the_same_responses() {
    let path = temp_file("session");
    let server = start(3, 42, Some(path.clone()));
    let a = Client::new(&server);
    let b = Client::new(&server);
    let mut served = Served::default();
    let mut note = |ans: Answer| {
        served.note(&server, &ans);
        ans
    };

    let url = note(a.call("CreateQueue", json!({"QueueName": "jobs"}))).body["QueueUrl"]
        .as_str()
        .unwrap()
        .to_string();
    note(a.call("GetQueueUrl", json!({"QueueName": "missing"})));
    // A long poll on connection A, ended by a send on connection B.
    let poll = {
        let c = Client::new(&server);
        let url = url.clone();
        std::thread::spawn(move || {
            c.call(
                "ReceiveMessage",
                json!({"QueueUrl": url, "WaitTimeSeconds": 10}),
            )
        })
    };
    a.wait_for_parked_polls(1);
    note(b.call(
        "SendMessage",
        json!({"QueueUrl": url, "MessageBody": "first ${not.a.reference} $${x}"}),
    ));
    let first = note(poll.join().unwrap());
    assert!(first.body["Messages"][0]["Body"]
        .as_str()
        .unwrap()
        .starts_with("first"));
    // Sends from two connections at once.
    let senders: Vec<_> = (0..2)
        .map(|k| {
            let c = Client::new(&server);
            let url = url.clone();
            std::thread::spawn(move || {
                (0..8)
                    .map(|i| {
                        c.call(
                            "SendMessage",
                            json!({"QueueUrl": url, "MessageBody": format!("c{k}-{i}")}),
                        )
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    for s in senders {
        for ans in s.join().unwrap() {
            note(ans);
        }
    }
    // A server goes down during deletes; the revive brings stale copies back.
    a.post("/_admin/servers/2/kill").ok();
    let got = note(a.call(
        "ReceiveMessage",
        json!({"QueueUrl": url, "MaxNumberOfMessages": 10, "WaitTimeSeconds": 1}),
    ));
    let entries: Vec<Value> = got.body["Messages"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .map(|(i, m)| json!({"Id": format!("e{i}"), "ReceiptHandle": m["ReceiptHandle"]}))
        .collect();
    note(b.call(
        "DeleteMessageBatch",
        json!({"QueueUrl": url, "Entries": entries}),
    ));
    a.post("/_admin/servers/2/revive").ok();
    let again = note(b.call(
        "ReceiveMessage",
        json!({"QueueUrl": url, "MaxNumberOfMessages": 10, "WaitTimeSeconds": 1,
               "MessageSystemAttributeNames": ["All"]}),
    ));
    assert!(!again.body["Messages"].as_array().unwrap().is_empty());
    // A long poll that expires empty, in real time.
    note(a.call(
        "ReceiveMessage",
        json!({"QueueUrl": format!("{}/000000000000/none", server.url()), "WaitTimeSeconds": 1}),
    ));
    note(a.call("CreateQueue", json!({"QueueName": "idle"})));
    let idle = format!("{}/000000000000/idle", server.url());
    note(a.call(
        "ReceiveMessage",
        json!({"QueueUrl": idle, "WaitTimeSeconds": 1}),
    ));
    note(a.call(
        "GetQueueAttributes",
        json!({"QueueUrl": url, "AttributeNames": ["All"]}),
    ));

    // Read the file while the server still runs: every answered request is in it.
    let script = std::fs::read_to_string(&path).unwrap();
    assert!(script.contains("\"fault\":\"kill_server\",\"server\":2"));
    assert!(script.contains("\"fault\":\"revive_server\",\"server\":2"));
    assert!(script.contains("{\"advance_ms\":"));
    let replay = replayed(&script);
    assert_eq!(
        replay.keys().collect::<Vec<_>>(),
        served.0.keys().collect::<Vec<_>>(),
        "the same requests"
    );
    for (id, want) in &served.0 {
        assert_eq!(&replay[id], want, "request {id}");
    }
    drop(server);
    let _ = std::fs::remove_file(&path);
}

#[test]
fn requests_from_many_connections_are_served_in_one_order() {
    let path = temp_file("order");
    let server = start(1, 9, Some(path.clone()));
    let c = Client::new(&server);
    let url = c.create_queue("q", json!({}));
    let threads: Vec<_> = (0..4)
        .map(|k| {
            let c = Client::new(&server);
            let url = url.clone();
            std::thread::spawn(move || {
                (0..25)
                    .map(|i| {
                        c.call(
                            "SendMessage",
                            json!({"QueueUrl": url, "MessageBody": format!("{k}/{i}")}),
                        )
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let mut served = Served::default();
    for t in threads {
        for a in t.join().unwrap() {
            served.note(&server, &a);
        }
    }
    // Ids number the requests in serving order: 2..=101 after the CreateQueue.
    let mut numbers: Vec<u64> = served
        .0
        .keys()
        .map(|id| u64::from_str_radix(id.rsplit('-').next().unwrap(), 16).unwrap())
        .collect();
    numbers.sort_unstable();
    assert_eq!(numbers, (2..=101).collect::<Vec<u64>>());
    // The recorded order reproduces every MessageId.
    let replay = replayed(&std::fs::read_to_string(&path).unwrap());
    for (id, want) in &served.0 {
        assert_eq!(&replay[id], want, "request {id}");
    }
    drop(server);
    let _ = std::fs::remove_file(&path);
}

#[test]
fn the_same_seed_and_requests_give_the_same_ids_and_handles() {
    let run = |seed| {
        let server = start(2, seed, None);
        let c = Client::new(&server);
        let url = c.create_queue("q", json!({}));
        let mut out = Vec::new();
        for i in 0..5 {
            let v = c
                .call(
                    "SendMessage",
                    json!({"QueueUrl": url, "MessageBody": format!("m{i}")}),
                )
                .ok();
            out.push(v["MessageId"].clone());
        }
        let v = c
            .call(
                "ReceiveMessage",
                json!({"QueueUrl": url, "MaxNumberOfMessages": 10, "WaitTimeSeconds": 1}),
            )
            .ok();
        for m in v["Messages"].as_array().unwrap() {
            out.push(m["ReceiptHandle"].clone());
        }
        out
    };
    let a = run(5);
    assert_eq!(a, run(5));
    assert_ne!(a, run(6));
}

//! `sqs-server` over real loopback HTTP: the SQS round trip, AWS's error shape and
//! headers, queue URLs on the host the client called, long polls in real time, and
//! the admin API producing a real duplicate delivery.
#![cfg(not(target_arch = "wasm32"))] // native tests (sockets, threads)

mod server_util;

use std::time::{Duration, Instant};

use serde_json::json;
use server_util::{parse_response, raw_exchange, start, Client};

const MD5_OF_ORDER_1: &str = "32c5489456f07a391caef8281bc41ec9";

#[test]
fn create_send_receive_delete_round_trip() {
    let server = start(1, 0, None);
    let c = Client::new(&server);
    let url = c.create_queue("orders", json!({}));
    assert_eq!(url, format!("{}/000000000000/orders", server.url()));
    let sent = c
        .call(
            "SendMessage",
            json!({"QueueUrl": url, "MessageBody": "order #1"}),
        )
        .ok();
    // MD5 of "order #1", as AWS computes it.
    assert_eq!(sent["MD5OfMessageBody"], MD5_OF_ORDER_1);
    let got = c
        .call(
            "ReceiveMessage",
            json!({"QueueUrl": url, "MaxNumberOfMessages": 10}),
        )
        .ok();
    let m = &got["Messages"][0];
    assert_eq!(m["Body"], "order #1");
    assert_eq!(m["MessageId"], sent["MessageId"]);
    assert_eq!(m["MD5OfBody"], sent["MD5OfMessageBody"]);
    let handle = m["ReceiptHandle"].as_str().unwrap();
    c.call(
        "DeleteMessage",
        json!({"QueueUrl": url, "ReceiptHandle": handle}),
    )
    .ok();
    let attrs = c
        .call(
            "GetQueueAttributes",
            json!({"QueueUrl": url, "AttributeNames": ["All"]}),
        )
        .ok();
    assert_eq!(attrs["Attributes"]["ApproximateNumberOfMessages"], "0");
    assert_eq!(
        attrs["Attributes"]["ApproximateNumberOfMessagesNotVisible"],
        "0"
    );
    // AWS's own URL form works too: the host is ignored, the account and name count.
    let aws_url = "https://sqs.us-east-1.amazonaws.com/000000000000/orders";
    c.call(
        "SendMessage",
        json!({"QueueUrl": aws_url, "MessageBody": "b"}),
    )
    .ok();
    let again = c.call("ReceiveMessage", json!({"QueueUrl": url})).ok();
    assert_eq!(again["Messages"][0]["Body"], "b");
}

#[test]
fn every_response_has_a_request_id_and_errors_have_the_aws_shape() {
    let server = start(1, 0, None);
    let c = Client::new(&server);
    let ok = c.call("ListQueues", json!({}));
    assert_eq!(ok.status, 200);
    assert!(ok.header("x-amzn-RequestId").is_some_and(|v| v.len() == 36));
    assert_eq!(
        ok.header("content-type"),
        Some("application/x-amz-json-1.0")
    );

    let e = c.call("GetQueueUrl", json!({"QueueName": "missing"}));
    assert_eq!(e.status, 400);
    assert_eq!(
        e.body,
        json!({"__type": "com.amazonaws.sqs#QueueDoesNotExist", "message": "The specified queue does not exist."})
    );
    assert_eq!(
        e.header("x-amzn-query-error"),
        Some("AWS.SimpleQueueService.NonExistentQueue;Sender")
    );
    assert!(e.header("x-amzn-RequestId").is_some());

    let e = c.call("SendMessage", json!({"MessageBody": "x"}));
    assert_eq!(e.status, 400);
    assert_eq!(
        e.body["__type"],
        "com.amazon.coral.service#MissingRequiredParameterException"
    );
    assert_eq!(
        e.header("x-amzn-query-error"),
        Some("MissingParameter;Sender")
    );

    // Framework errors: no query-error header, coral namespace.
    for (target, body) in [
        (None, "{}"),
        (Some("AmazonSQS.NoSuchAction"), "{}"),
        (Some("SendMessage"), "{}"), // the prefix is required on the wire
        (Some("AmazonSQS.sendmessage"), "{}"),
    ] {
        let e = c.send("/", target, body);
        assert_eq!(e.status, 400, "{target:?}");
        assert_eq!(
            e.body["__type"], "com.amazon.coral.service#UnknownOperationException",
            "{target:?}"
        );
        assert!(e.header("x-amzn-query-error").is_none());
        assert!(e.header("x-amzn-RequestId").is_some());
    }
    for body in ["not json", "{\"QueueName\":", "[1,2]", "\"s\"", "7"] {
        let e = c.send("/", Some("AmazonSQS.CreateQueue"), body);
        assert_eq!(e.status, 400, "{body}");
        assert_eq!(
            e.body["__type"], "com.amazon.coral.service#SerializationException",
            "{body}"
        );
        assert!(e.body["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
    // An empty body is an empty request, as SDKs send for actions without members.
    let e = c.send("/", Some("AmazonSQS.CreateQueue"), "");
    assert_eq!(
        e.body["__type"],
        "com.amazon.coral.service#MissingRequiredParameterException"
    );
    // Wrong method outside the admin API.
    let e = c.get("/");
    assert_eq!(e.status, 405);
    assert_eq!(
        e.body["__type"],
        "com.amazon.coral.service#UnknownOperationException"
    );
    // A server-side fault says Receiver: a standard send with every server down is 503.
    c.post("/_admin/servers/0/kill").ok();
    let url = c.create_queue("q", json!({}));
    let e = c.call("SendMessage", json!({"QueueUrl": url, "MessageBody": "x"}));
    assert_eq!(e.status, 503, "{:?}", e.body);
    assert!(e
        .header("x-amzn-query-error")
        .is_some_and(|h| h.ends_with(";Receiver")));
}

#[test]
fn queue_urls_use_the_host_and_port_the_client_called() {
    let server = start(1, 0, None);
    let c = Client::new(&server);
    let dlq = c.create_queue("dlq", json!({}));
    let dlq_arn = "arn:aws:sqs:us-east-1:000000000000:dlq";
    let policy = format!("{{\"deadLetterTargetArn\":\"{dlq_arn}\",\"maxReceiveCount\":3}}");
    c.create_queue("src", json!({"RedrivePolicy": policy}));
    let base = server.url();
    assert_eq!(dlq, format!("{base}/000000000000/dlq"));
    let list = c.call("ListQueues", json!({})).ok();
    assert_eq!(
        list["QueueUrls"],
        json!([
            format!("{base}/000000000000/dlq"),
            format!("{base}/000000000000/src")
        ])
    );
    let sources = c
        .call("ListDeadLetterSourceQueues", json!({"QueueUrl": dlq}))
        .ok();
    assert_eq!(
        sources["queueUrls"],
        json!([format!("{base}/000000000000/src")])
    );

    // Another Host header (e.g. a container name) is what the client gets back.
    let body = r#"{"QueueName":"dlq"}"#;
    let req = format!(
        "POST / HTTP/1.1\r\nHost: sqs.local:4566\r\nX-Amz-Target: AmazonSQS.GetQueueUrl\r\nContent-Type: application/x-amz-json-1.0\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let (status, _, body) = parse_response(&raw_exchange(server.addr(), req.as_bytes())).unwrap();
    assert_eq!(status, 200);
    let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(v["QueueUrl"], "http://sqs.local:4566/000000000000/dlq");
    // ...and that URL is accepted back.
    c.call(
        "SendMessage",
        json!({"QueueUrl": "http://sqs.local:4566/000000000000/dlq", "MessageBody": "x"}),
    )
    .ok();
}

#[test]
fn a_long_poll_ends_as_soon_as_another_connection_sends() {
    let server = start(1, 0, None);
    let c = Client::new(&server);
    let url = c.create_queue("q", json!({}));
    let poller = {
        let c = Client::new(&server);
        let url = url.clone();
        std::thread::spawn(move || {
            let t = Instant::now();
            let v = c
                .call(
                    "ReceiveMessage",
                    json!({"QueueUrl": url, "WaitTimeSeconds": 20}),
                )
                .ok();
            (v, t.elapsed())
        })
    };
    c.wait_for_parked_polls(1);
    let sent = Instant::now();
    c.call(
        "SendMessage",
        json!({"QueueUrl": url, "MessageBody": "wake up"}),
    )
    .ok();
    let (v, waited) = poller.join().unwrap();
    assert_eq!(v["Messages"][0]["Body"], "wake up");
    assert!(
        sent.elapsed() < Duration::from_secs(5) && waited < Duration::from_secs(15),
        "returned well before the 20 s wait: {waited:?}"
    );
}

#[test]
fn a_long_poll_with_nothing_to_receive_waits_its_wait_time_in_real_time() {
    let server = start(1, 0, None);
    let c = Client::new(&server);
    let url = c.create_queue("q", json!({}));
    let t = Instant::now();
    let v = c
        .call(
            "ReceiveMessage",
            json!({"QueueUrl": url, "WaitTimeSeconds": 1}),
        )
        .ok();
    let waited = t.elapsed();
    assert_eq!(v, json!({}), "empty: no Messages member");
    assert!(
        waited >= Duration::from_millis(990) && waited < Duration::from_secs(5),
        "{waited:?}"
    );
    // A message that becomes visible later (a delay) ends a waiting poll when it does.
    c.call(
        "SendMessage",
        json!({"QueueUrl": url, "MessageBody": "later", "DelaySeconds": 1}),
    )
    .ok();
    let t = Instant::now();
    let v = c
        .call(
            "ReceiveMessage",
            json!({"QueueUrl": url, "WaitTimeSeconds": 10}),
        )
        .ok();
    assert_eq!(v["Messages"][0]["Body"], "later");
    let waited = t.elapsed();
    assert!(
        waited >= Duration::from_millis(900) && waited < Duration::from_secs(5),
        "{waited:?}"
    );
}

#[test]
fn killing_a_server_during_a_delete_gives_a_duplicate_through_the_admin_api() {
    // Three servers: every standard message is stored on all three.
    let server = start(3, 7, None);
    let c = Client::new(&server);
    let servers = c.get("/_admin/servers").ok();
    assert_eq!(
        servers,
        json!({"servers": [{"index": 0, "up": true}, {"index": 1, "up": true}, {"index": 2, "up": true}]})
    );
    let url = c.create_queue("clicks", json!({}));
    let sent = c
        .call(
            "SendMessage",
            json!({"QueueUrl": url, "MessageBody": "click"}),
        )
        .ok();
    let killed = c.post("/_admin/servers/1/kill").ok();
    assert_eq!(killed["servers"][1]["up"], false);
    let first = c
        .call(
            "ReceiveMessage",
            json!({"QueueUrl": url, "WaitTimeSeconds": 1}),
        )
        .ok();
    let m = &first["Messages"][0];
    assert_eq!(m["MessageId"], sent["MessageId"]);
    c.call(
        "DeleteMessage",
        json!({"QueueUrl": url, "ReceiptHandle": m["ReceiptHandle"]}),
    )
    .ok();
    let revived = c.post("/_admin/servers/1/revive").ok();
    assert_eq!(revived["servers"][1]["up"], true);
    let again = c
        .call(
            "ReceiveMessage",
            json!({"QueueUrl": url, "WaitTimeSeconds": 1, "MessageSystemAttributeNames": ["ApproximateReceiveCount"]}),
        )
        .ok();
    let dup = &again["Messages"][0];
    assert_eq!(
        dup["MessageId"], sent["MessageId"],
        "the same message again"
    );
    assert_ne!(dup["ReceiptHandle"], m["ReceiptHandle"]);
    assert_eq!(dup["Attributes"]["ApproximateReceiveCount"], "2");

    // Bad indexes are JSON errors, not crashes.
    let e = c.post("/_admin/servers/3/kill");
    assert_eq!(e.status, 404);
    assert!(e.body["message"]
        .as_str()
        .unwrap()
        .contains("numbered 0 to 2"));
    assert_eq!(c.post("/_admin/servers/x/revive").status, 400);
    assert_eq!(c.get("/_admin/servers/0/kill").status, 405);
    assert_eq!(c.get("/_admin/nothing").status, 404);
    assert_eq!(c.get("/_admin/health").ok()["status"], "ok");
}

#[test]
fn a_visibility_timeout_that_ends_completes_a_waiting_long_poll() {
    let server = start(1, 0, None);
    let c = Client::new(&server);
    let url = c.create_queue("q", json!({}));
    c.call(
        "SendMessage",
        json!({"QueueUrl": url, "MessageBody": "retry me"}),
    )
    .ok();
    let first = c
        .call(
            "ReceiveMessage",
            json!({"QueueUrl": url, "VisibilityTimeout": 1}),
        )
        .ok();
    assert_eq!(first["Messages"][0]["Body"], "retry me");
    // Not deleted: it becomes visible again after 1 s and the waiting poll gets it.
    let t = Instant::now();
    let again = c
        .call(
            "ReceiveMessage",
            json!({"QueueUrl": url, "WaitTimeSeconds": 10, "MessageSystemAttributeNames": ["ApproximateReceiveCount"]}),
        )
        .ok();
    let waited = t.elapsed();
    assert_eq!(
        again["Messages"][0]["MessageId"],
        first["Messages"][0]["MessageId"]
    );
    assert_eq!(
        again["Messages"][0]["Attributes"]["ApproximateReceiveCount"],
        "2"
    );
    assert!(
        waited >= Duration::from_millis(800) && waited < Duration::from_secs(5),
        "{waited:?}"
    );
}

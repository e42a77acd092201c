//! Queue URLs as the client sees them: responses name queues by the host and port the
//! client called (`http://127.0.0.1:9324/000000000000/orders`), so an SDK that follows
//! a returned `QueueUrl` keeps talking to this server. Requests may use that form or
//! AWS's; the engine's front door already accepts any host
//! ([`crate::engine::protocol::canonical_queue_url`]).

use serde_json::Value;

use crate::engine::identity::{OWNER_ACCOUNT, QUEUE_URL_PREFIX};

/// Response members that hold queue URLs: `QueueUrl` (CreateQueue, GetQueueUrl),
/// `QueueUrls` (ListQueues) and `queueUrls` (ListDeadLetterSourceQueues, lower-case in
/// the AWS model).
const URL_MEMBERS: [&str; 3] = ["QueueUrl", "QueueUrls", "queueUrls"];

/// The URL prefix of the owner account's queues as seen through `host`
/// (`http://<host>/000000000000/`).
pub fn local_prefix(host: &str) -> String {
    format!("http://{host}/{OWNER_ACCOUNT}/")
}

/// Is `host` (a `Host` header value) safe to put into a URL? Letters, digits and
/// `.-_:[]` only (names, IPv4, bracketed IPv6, a port), at most 255 bytes.
pub fn is_plain_authority(host: &str) -> bool {
    !host.is_empty()
        && host.len() <= 255
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b".-_:[]".contains(&b))
}

/// Rewrites the canonical queue URLs in a response body to the owner account's URLs
/// on `host` ([`local_prefix`]); other members are left alone. Allocates nothing for a
/// body without queue URLs.
pub fn localize_urls(body: &mut Value, host: &str) {
    let Value::Object(members) = body else {
        return;
    };
    let mut prefix = None;
    for name in URL_MEMBERS {
        let urls: &mut [Value] = match members.get_mut(name) {
            Some(Value::Array(urls)) => urls,
            Some(url @ Value::String(_)) => std::slice::from_mut(url),
            _ => continue,
        };
        let prefix: &str = prefix.get_or_insert_with(|| local_prefix(host));
        for url in urls {
            if let Value::String(url) = url {
                localize(url, prefix);
            }
        }
    }
}

fn localize(url: &mut String, prefix: &str) {
    if let Some(name) = url.strip_prefix(QUEUE_URL_PREFIX) {
        *url = format!("{prefix}{name}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_url_member_is_rewritten() {
        let mut b = json!({
            "QueueUrl": format!("{QUEUE_URL_PREFIX}a"),
            "QueueUrls": [format!("{QUEUE_URL_PREFIX}a"), format!("{QUEUE_URL_PREFIX}b")],
            "queueUrls": [format!("{QUEUE_URL_PREFIX}dlq-src")],
            "Other": format!("{QUEUE_URL_PREFIX}x"),
        });
        localize_urls(&mut b, "127.0.0.1:9324");
        assert_eq!(b["QueueUrl"], "http://127.0.0.1:9324/000000000000/a");
        assert_eq!(b["QueueUrls"][1], "http://127.0.0.1:9324/000000000000/b");
        assert_eq!(
            b["queueUrls"][0],
            "http://127.0.0.1:9324/000000000000/dlq-src"
        );
        assert_eq!(b["Other"], format!("{QUEUE_URL_PREFIX}x"));
    }

    #[test]
    fn only_plain_hosts_are_used() {
        assert!(is_plain_authority("localhost:9324"));
        assert!(is_plain_authority("[::1]:9324"));
        assert!(!is_plain_authority(""));
        assert!(!is_plain_authority("a/b"));
        assert!(!is_plain_authority("a b"));
        assert!(!is_plain_authority("x\"y"));
    }
}

//! Queue URL resolution policy of the JSON front door.
//!
//! AWS routes a request by the account and queue name in the URL path; the host is
//! whatever endpoint the SDK used (`sqs.us-east-1.amazonaws.com`,
//! `queue.amazonaws.com`, a VPC endpoint, or a local emulator). The front door
//! therefore accepts `http(s)://ANY-HOST/000000000000/<name>` and rewrites it to
//! the canonical `https://sqs.us-east-1.amazonaws.com/000000000000/<name>` before
//! the engine sees it. Anything else is passed through unchanged to the engine,
//! which answers `QueueDoesNotExist` for another account or an unknown name and,
//! as a convenience for hand-written scripts, also accepts a bare queue name
//! (`"orders"`), which AWS itself would reject.

use crate::engine::identity::{OWNER_ACCOUNT, QUEUE_URL_PREFIX};

/// Rewrites any-host URLs of the owner account to the canonical form; returns the
/// input unchanged when it is not such a URL.
pub fn canonical_queue_url(url: &str) -> String {
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return url.to_string();
    };
    let Some((host, path)) = rest.split_once('/') else {
        return url.to_string();
    };
    let Some(name) = path
        .strip_prefix(OWNER_ACCOUNT)
        .and_then(|p| p.strip_prefix('/'))
    else {
        return url.to_string();
    };
    if host.is_empty() || name.is_empty() || name.contains('/') {
        return url.to_string();
    }
    format!("{QUEUE_URL_PREFIX}{name}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_host_of_the_owner_account_is_canonicalised() {
        let c = "https://sqs.us-east-1.amazonaws.com/000000000000/orders";
        assert_eq!(canonical_queue_url(c), c);
        assert_eq!(
            canonical_queue_url("https://queue.amazonaws.com/000000000000/orders"),
            c
        );
        assert_eq!(
            canonical_queue_url("http://localhost:4566/000000000000/orders"),
            c
        );
    }

    #[test]
    fn everything_else_passes_through() {
        for u in [
            "orders",
            "https://sqs.us-east-1.amazonaws.com/111122223333/orders",
            "https://sqs.us-east-1.amazonaws.com/000000000000/",
            "https://sqs.us-east-1.amazonaws.com/000000000000/a/b",
            "https:///000000000000/orders",
            "ftp://x/000000000000/orders",
            "",
        ] {
            assert_eq!(canonical_queue_url(u), u);
        }
    }
}

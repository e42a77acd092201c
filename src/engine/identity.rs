//! Who owns the simulated queues and how they are named: the one source of the account,
//! region, owner principal, queue URLs and queue ARNs. Everything else (the world, the
//! replay runner, the JSON front door, the UI) builds URLs and ARNs through these.

/// Owner account of every queue.
pub const OWNER_ACCOUNT: &str = "000000000000";
/// The owner's principal ARN (always allowed).
pub const OWNER_ARN: &str = "arn:aws:iam::000000000000:root";
/// Region of every queue.
pub const REGION: &str = "us-east-1";
/// Queue URL prefix: `https://sqs.<region>.amazonaws.com/<account>/`.
pub const QUEUE_URL_PREFIX: &str = "https://sqs.us-east-1.amazonaws.com/000000000000/";
/// Queue ARN prefix: `arn:aws:sqs:<region>:<account>:`.
pub const QUEUE_ARN_PREFIX: &str = "arn:aws:sqs:us-east-1:000000000000:";

/// The URL of queue `name`, as AWS returns it from CreateQueue / GetQueueUrl.
pub fn queue_url(name: &str) -> String {
    format!("{QUEUE_URL_PREFIX}{name}")
}

/// The ARN of queue `name`.
pub fn queue_arn(name: &str) -> String {
    format!("{QUEUE_ARN_PREFIX}{name}")
}

/// The root principal ARN of `account` (`arn:aws:iam::<account>:root`).
pub fn account_root_arn(account: &str) -> String {
    format!("arn:aws:iam::{account}:root")
}

/// The queue name an owner-account queue ARN names (`None` for any other ARN).
pub fn queue_name_of_arn(arn: &str) -> Option<&str> {
    arn.strip_prefix(QUEUE_ARN_PREFIX)
}

/// The account id of a principal ARN (`arn:aws:iam::111122223333:user/bob`), or the
/// string itself when it is a bare account id; the owner for an empty caller.
pub fn caller_account(caller: &str) -> &str {
    if caller.is_empty() || caller == OWNER_ARN {
        return OWNER_ACCOUNT;
    }
    if caller.starts_with("arn:") {
        caller.split(':').nth(4).unwrap_or("")
    } else {
        caller
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_and_arns_follow_the_region_and_account() {
        assert_eq!(
            queue_url("orders"),
            "https://sqs.us-east-1.amazonaws.com/000000000000/orders"
        );
        assert_eq!(
            queue_arn("orders"),
            "arn:aws:sqs:us-east-1:000000000000:orders"
        );
        assert!(QUEUE_URL_PREFIX.contains(REGION) && QUEUE_URL_PREFIX.contains(OWNER_ACCOUNT));
        assert!(QUEUE_ARN_PREFIX.contains(REGION) && OWNER_ARN.contains(OWNER_ACCOUNT));
        assert_eq!(queue_name_of_arn(&queue_arn("a.fifo")), Some("a.fifo"));
        assert_eq!(account_root_arn(OWNER_ACCOUNT), OWNER_ARN);
        assert_eq!(queue_name_of_arn("arn:aws:sqs:us-east-1:111:a"), None);
        assert_eq!(
            caller_account("arn:aws:iam::111122223333:user/bob"),
            "111122223333"
        );
        assert_eq!(caller_account(""), OWNER_ACCOUNT);
        assert_eq!(caller_account("222"), "222");
    }
}

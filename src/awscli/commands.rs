//! The 23 `aws sqs` commands: each one's operation (from the engine's
//! [`protocol::ACTIONS`], so a command cannot name an action the engine does not serve),
//! a one-line summary for `aws sqs help`, and its options with the request member and
//! shape each one fills. Whether an option is required comes from the engine's
//! [`protocol::required_members`] too.

use crate::engine::protocol;

/// The shape of a request member, as far as the CLI needs it to turn shorthand into JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A string.
    Str,
    /// An integer.
    Int,
    /// A list of values of the inner shape.
    List(&'static Shape),
    /// A map from string keys to values of the inner shape.
    Map(&'static Shape),
    /// A structure with these members.
    Struct(&'static [(&'static str, Shape)]),
}

const STR: Shape = Shape::Str;
const STR_LIST: Shape = Shape::List(&STR);
const STR_MAP: Shape = Shape::Map(&STR);

/// `MessageAttributeValue` (also `MessageSystemAttributeValue`).
pub const ATTRIBUTE_VALUE: Shape = Shape::Struct(&[
    ("StringValue", Shape::Str),
    ("BinaryValue", Shape::Str),
    ("StringListValues", STR_LIST),
    ("BinaryListValues", STR_LIST),
    ("DataType", Shape::Str),
]);
const ATTRIBUTE_MAP: Shape = Shape::Map(&ATTRIBUTE_VALUE);

const SEND_ENTRY: Shape = Shape::Struct(&[
    ("Id", Shape::Str),
    ("MessageBody", Shape::Str),
    ("DelaySeconds", Shape::Int),
    ("MessageAttributes", ATTRIBUTE_MAP),
    ("MessageSystemAttributes", ATTRIBUTE_MAP),
    ("MessageDeduplicationId", Shape::Str),
    ("MessageGroupId", Shape::Str),
]);
const DELETE_ENTRY: Shape = Shape::Struct(&[("Id", Shape::Str), ("ReceiptHandle", Shape::Str)]);
const VISIBILITY_ENTRY: Shape = Shape::Struct(&[
    ("Id", Shape::Str),
    ("ReceiptHandle", Shape::Str),
    ("VisibilityTimeout", Shape::Int),
]);

/// One option of a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Opt {
    /// The CLI flag, e.g. `--queue-url`.
    pub flag: &'static str,
    /// The request member it fills, e.g. `QueueUrl`.
    pub member: &'static str,
    /// The member's shape.
    pub shape: Shape,
}

/// One `aws sqs` command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Command {
    /// The operation (an entry of [`protocol::ACTIONS`]), e.g. `SendMessage`.
    pub operation: &'static str,
    /// What it does, in one line.
    pub summary: &'static str,
    /// Its options, in the order the CLI's help lists them.
    pub options: &'static [Opt],
}

const fn opt(flag: &'static str, member: &'static str, shape: Shape) -> Opt {
    Opt {
        flag,
        member,
        shape,
    }
}

const QUEUE_URL: Opt = opt("--queue-url", "QueueUrl", Shape::Str);
const RECEIPT: Opt = opt("--receipt-handle", "ReceiptHandle", Shape::Str);
const NEXT_TOKEN: Opt = opt("--next-token", "NextToken", Shape::Str);
const MAX_RESULTS: Opt = opt("--max-results", "MaxResults", Shape::Int);

/// Every command, sorted by name (as `aws sqs help` lists them).
pub const COMMANDS: &[Command] = &[
    Command {
        operation: "AddPermission",
        summary: "Adds a permission to a queue for a principal (another AWS account).",
        options: &[
            QUEUE_URL,
            opt("--label", "Label", Shape::Str),
            opt("--aws-account-ids", "AWSAccountIds", STR_LIST),
            opt("--actions", "Actions", STR_LIST),
        ],
    },
    Command {
        operation: "CancelMessageMoveTask",
        summary: "Cancels a running message movement task (a dead-letter queue redrive).",
        options: &[opt("--task-handle", "TaskHandle", Shape::Str)],
    },
    Command {
        operation: "ChangeMessageVisibility",
        summary: "Changes the visibility timeout of a received message.",
        options: &[
            QUEUE_URL,
            RECEIPT,
            opt("--visibility-timeout", "VisibilityTimeout", Shape::Int),
        ],
    },
    Command {
        operation: "ChangeMessageVisibilityBatch",
        summary: "Changes the visibility timeout of up to 10 received messages.",
        options: &[
            QUEUE_URL,
            opt("--entries", "Entries", Shape::List(&VISIBILITY_ENTRY)),
        ],
    },
    Command {
        operation: "CreateQueue",
        summary: "Creates a standard or FIFO queue (or returns the URL of an identical one).",
        options: &[
            opt("--queue-name", "QueueName", Shape::Str),
            opt("--attributes", "Attributes", STR_MAP),
            opt("--tags", "tags", STR_MAP),
        ],
    },
    Command {
        operation: "DeleteMessage",
        summary: "Deletes a received message, by its receipt handle.",
        options: &[QUEUE_URL, RECEIPT],
    },
    Command {
        operation: "DeleteMessageBatch",
        summary: "Deletes up to 10 received messages.",
        options: &[
            QUEUE_URL,
            opt("--entries", "Entries", Shape::List(&DELETE_ENTRY)),
        ],
    },
    Command {
        operation: "DeleteQueue",
        summary: "Deletes a queue and its messages.",
        options: &[QUEUE_URL],
    },
    Command {
        operation: "GetQueueAttributes",
        summary: "Gets attributes of a queue (All, or the names given).",
        options: &[
            QUEUE_URL,
            opt("--attribute-names", "AttributeNames", STR_LIST),
        ],
    },
    Command {
        operation: "GetQueueUrl",
        summary: "Returns the URL of an existing queue.",
        options: &[
            opt("--queue-name", "QueueName", Shape::Str),
            opt(
                "--queue-owner-aws-account-id",
                "QueueOwnerAWSAccountId",
                Shape::Str,
            ),
        ],
    },
    Command {
        operation: "ListDeadLetterSourceQueues",
        summary: "Lists the queues whose RedrivePolicy targets this dead-letter queue.",
        options: &[QUEUE_URL, NEXT_TOKEN, MAX_RESULTS],
    },
    Command {
        operation: "ListMessageMoveTasks",
        summary: "Lists the most recent message movement tasks of a dead-letter queue.",
        options: &[opt("--source-arn", "SourceArn", Shape::Str), MAX_RESULTS],
    },
    Command {
        operation: "ListQueueTags",
        summary: "Lists the tags of a queue.",
        options: &[QUEUE_URL],
    },
    Command {
        operation: "ListQueues",
        summary: "Lists your queues (optionally those whose names start with a prefix).",
        options: &[
            opt("--queue-name-prefix", "QueueNamePrefix", Shape::Str),
            NEXT_TOKEN,
            MAX_RESULTS,
        ],
    },
    Command {
        operation: "PurgeQueue",
        summary: "Deletes every message in a queue (once per 60 seconds).",
        options: &[QUEUE_URL],
    },
    Command {
        operation: "ReceiveMessage",
        summary: "Receives up to 10 messages; they stay in flight until deleted or timed out.",
        options: &[
            QUEUE_URL,
            opt("--attribute-names", "AttributeNames", STR_LIST),
            opt(
                "--message-system-attribute-names",
                "MessageSystemAttributeNames",
                STR_LIST,
            ),
            opt(
                "--message-attribute-names",
                "MessageAttributeNames",
                STR_LIST,
            ),
            opt(
                "--max-number-of-messages",
                "MaxNumberOfMessages",
                Shape::Int,
            ),
            opt("--visibility-timeout", "VisibilityTimeout", Shape::Int),
            opt("--wait-time-seconds", "WaitTimeSeconds", Shape::Int),
            opt(
                "--receive-request-attempt-id",
                "ReceiveRequestAttemptId",
                Shape::Str,
            ),
        ],
    },
    Command {
        operation: "RemovePermission",
        summary: "Removes a permission added with add-permission, by its label.",
        options: &[QUEUE_URL, opt("--label", "Label", Shape::Str)],
    },
    Command {
        operation: "SendMessage",
        summary: "Sends one message to a queue.",
        options: &[
            QUEUE_URL,
            opt("--message-body", "MessageBody", Shape::Str),
            opt("--delay-seconds", "DelaySeconds", Shape::Int),
            opt("--message-attributes", "MessageAttributes", ATTRIBUTE_MAP),
            opt(
                "--message-system-attributes",
                "MessageSystemAttributes",
                ATTRIBUTE_MAP,
            ),
            opt(
                "--message-deduplication-id",
                "MessageDeduplicationId",
                Shape::Str,
            ),
            opt("--message-group-id", "MessageGroupId", Shape::Str),
        ],
    },
    Command {
        operation: "SendMessageBatch",
        summary: "Sends up to 10 messages to a queue in one request.",
        options: &[
            QUEUE_URL,
            opt("--entries", "Entries", Shape::List(&SEND_ENTRY)),
        ],
    },
    Command {
        operation: "SetQueueAttributes",
        summary: "Sets attributes of a queue (VisibilityTimeout, RedrivePolicy, …).",
        options: &[QUEUE_URL, opt("--attributes", "Attributes", STR_MAP)],
    },
    Command {
        operation: "StartMessageMoveTask",
        summary: "Starts moving messages out of a dead-letter queue (a redrive).",
        options: &[
            opt("--source-arn", "SourceArn", Shape::Str),
            opt("--destination-arn", "DestinationArn", Shape::Str),
            opt(
                "--max-number-of-messages-per-second",
                "MaxNumberOfMessagesPerSecond",
                Shape::Int,
            ),
        ],
    },
    Command {
        operation: "TagQueue",
        summary: "Adds or replaces tags of a queue.",
        options: &[QUEUE_URL, opt("--tags", "Tags", STR_MAP)],
    },
    Command {
        operation: "UntagQueue",
        summary: "Removes tags from a queue, by key.",
        options: &[QUEUE_URL, opt("--tag-keys", "TagKeys", STR_LIST)],
    },
];

impl Command {
    /// The command's CLI name: the operation in kebab case (`SendMessage` → `send-message`).
    pub fn name(&self) -> String {
        kebab(self.operation)
    }

    /// True when the engine requires `opt`'s member for this operation.
    pub fn requires(&self, opt: &Opt) -> bool {
        protocol::required_members(self.operation).contains(&opt.member)
    }

    /// The option with this flag.
    pub fn option(&self, flag: &str) -> Option<&'static Opt> {
        self.options.iter().find(|o| o.flag == flag)
    }
}

/// `SendMessage` → `send-message`.
pub fn kebab(operation: &str) -> String {
    let mut out = String::with_capacity(operation.len() + 4);
    for (i, c) in operation.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('-');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The command named `name` (`send-message`).
pub fn command(name: &str) -> Option<&'static Command> {
    COMMANDS.iter().find(|c| c.name() == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_command_per_engine_action_and_required_members_have_options() {
        assert_eq!(COMMANDS.len(), protocol::ACTIONS.len());
        for (action, required) in protocol::ACTIONS {
            let c = COMMANDS
                .iter()
                .find(|c| c.operation == *action)
                .unwrap_or_else(|| panic!("no command for {action}"));
            for m in *required {
                assert!(
                    c.options.iter().any(|o| o.member == *m),
                    "{action}: no option fills {m}"
                );
            }
        }
        let names: Vec<String> = COMMANDS.iter().map(Command::name).collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted);
    }
}

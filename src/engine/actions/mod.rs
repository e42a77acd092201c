//! The AWS actions, one file per group, each an `impl Engine` block: queues
//! (Create/Delete/GetQueueUrl/List/Purge), attributes and tags, permissions, send,
//! receive (with the dead-letter move it triggers), delete and visibility changes, and
//! message move tasks; plus the FIFO throttle they share.
//!
//! Every action validates through `rules` before it changes anything, so a refused
//! request changes nothing. May depend on: `service`, `state`, `sim`, `rules`, `events`,
//! `api`, `identity`, `error`. Calls `lifecycle` methods (timers, long polls, the one path
//! into a queue) but imports none of its items.

mod attributes;
mod delete_visibility;
mod fifo_throttle;
mod move_tasks;
mod permissions;
pub(crate) mod queues;
pub(crate) mod receive;
mod send;

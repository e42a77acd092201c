//! The shop of the order-confirmation story. Every order is placed on both paths:
//! - **tight**: in the checkout, write the order to the database, then send the
//!   confirmation e-mail, synchronously. The database error is swallowed (a common
//!   bug: "log and carry on"), so while the database is down customers get e-mails
//!   for orders that were never recorded — lost orders. While the mail server is
//!   down the checkout fails after the row was written; the customer tries again
//!   and the order is recorded twice — a duplicate.
//! - **decoupled**: the checkout only sends the order to a queue; a database-writer
//!   consumer records it (retrying while the database is down) and hands it to the
//!   mailer's queue. Nothing is lost; orders wait in the queue.

use std::sync::Arc;

use super::actor_ctx::{ActorCtx, Wake};
use super::producer::is_retryable;
use crate::engine::{SendMessageRequest, OWNER_ARN};
use crate::world::record::world_event::{OrderPath, WorldKind};
use crate::world::scenario::document::ShopSpec;

/// Most resends of one order to the queue on the decoupled path.
pub const MAX_ORDER_RESENDS: u32 = 5;

/// The running shop.
#[derive(Clone)]
pub struct Shop {
    /// Its spec.
    pub spec: ShopSpec,
    /// Log name `shop`.
    pub actor: Arc<str>,
    /// Orders placed so far.
    pub orders: u64,
    queue: Option<Arc<str>>,
    next_us: u64,
}

impl Shop {
    /// A shop from its spec.
    pub fn new(spec: ShopSpec) -> Self {
        Shop {
            actor: Arc::from(crate::world::record::log::actor::SHOP),
            orders: 0,
            queue: spec.queue.as_deref().map(Arc::from),
            next_us: 0,
            spec,
        }
    }

    /// Schedules the first order.
    pub fn start(&mut self, ctx: &mut ActorCtx, at_ms: u64) {
        self.next_us = at_ms * 1_000;
        if self.spec.rate_per_s > 0.0 {
            ctx.wake(at_ms, Wake::Order);
        }
    }

    /// Handles a shop wake-up.
    pub fn on_wake(&mut self, ctx: &mut ActorCtx, wake: Wake) {
        match wake {
            Wake::Order => {
                if self.spec.max_orders.is_some_and(|m| self.orders >= m) {
                    return;
                }
                self.orders += 1;
                let order = self.orders;
                if self.spec.tight {
                    ctx.shared.orders.place(OrderPath::Tight, order, ctx.now_ms);
                    ctx.note(
                        None,
                        None,
                        WorldKind::OrderPlaced {
                            order,
                            path: OrderPath::Tight,
                        },
                    );
                    self.tight_checkout(ctx, order, true);
                }
                if self.queue.is_some() {
                    ctx.shared
                        .orders
                        .place(OrderPath::Decoupled, order, ctx.now_ms);
                    ctx.note(
                        None,
                        None,
                        WorldKind::OrderPlaced {
                            order,
                            path: OrderPath::Decoupled,
                        },
                    );
                    self.send_order(ctx, order, 0);
                }
                self.next_us += (1_000_000.0 / self.spec.rate_per_s).max(1.0) as u64;
                ctx.wake(self.next_us.div_ceil(1_000).max(ctx.now_ms), Wake::Order);
            }
            Wake::CustomerRetry { order } => self.tight_checkout(ctx, order, false),
            Wake::OrderResend { order, attempt } => self.send_order(ctx, order, attempt),
            _ => {}
        }
    }

    fn tight_checkout(&mut self, ctx: &mut ActorCtx, order: u64, first_try: bool) {
        let path = OrderPath::Tight;
        if ctx.shared.database.call() {
            let eff = ctx.shared.orders.record(path, order, ctx.now_ms);
            let kind = WorldKind::OrderRecorded {
                order,
                path,
                delay_ms: eff.delay_ms,
                duplicate: eff.duplicate,
            };
            ctx.note(None, None, kind);
        } else {
            ctx.note(None, None, WorldKind::OrderNotRecorded { order, path });
        }
        if ctx.shared.mail_server.call() {
            let eff = ctx.shared.orders.email(path, order);
            let kind = WorldKind::OrderEmailed {
                order,
                path,
                duplicate: eff.duplicate,
                unrecorded: eff.unrecorded,
            };
            ctx.note(None, None, kind);
        } else {
            ctx.note(None, None, WorldKind::CheckoutFailed { order });
            if first_try {
                ctx.wake(
                    ctx.now_ms + self.spec.customer_retry_ms,
                    Wake::CustomerRetry { order },
                );
            }
        }
    }

    fn send_order(&mut self, ctx: &mut ActorCtx, order: u64, attempt: u32) {
        let Some(queue) = self.queue.clone() else {
            return;
        };
        let req = SendMessageRequest {
            queue_url: crate::engine::queue_url(&queue),
            message_body: format!("{{\"order\":{order}}}"),
            // FIFO order queues need a group and a dedup id; the order number is both stable and unique.
            message_group_id: queue.ends_with(".fifo").then(|| "orders".to_string()),
            message_deduplication_id: queue.ends_with(".fifo").then(|| format!("order-{order}")),
            ..Default::default()
        };
        if let Err(e) = ctx.engine.send_message(OWNER_ARN, req) {
            let will_retry = is_retryable(&e) && attempt < MAX_ORDER_RESENDS;
            let kind = WorldKind::SendFailed {
                code: e.code,
                message: e.message,
                will_retry,
            };
            ctx.note(Some(&queue), None, kind);
            if will_retry {
                let w = Wake::OrderResend {
                    order,
                    attempt: attempt + 1,
                };
                ctx.wake(ctx.now_ms + 200 * (1 << attempt), w);
            }
        }
    }
}

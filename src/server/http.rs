//! One HTTP request → one response: routing (SQS or admin), the AWS JSON 1.0 framing
//! checks, the hop to the engine loop, and the response as AWS sends it (status,
//! `x-amzn-RequestId`, `x-amzn-query-error`, JSON body with local queue URLs).
//!
//! Framing policies (AWS JSON 1.0, `docs/sqs-server.md`):
//! - `X-Amz-Target` must be `AmazonSQS.<Action>` with a known, case-sensitive action;
//!   missing or anything else → 400 `UnknownOperationException` (no query-error header);
//! - the body must be JSON (an empty body counts as `{}`); otherwise → 400
//!   `SerializationException`; the engine's front door checks that it is an object and
//!   the member types;
//! - SQS requests are `POST` on any path outside the admin API; another method → 405
//!   `UnknownOperationException`;
//! - bodies larger than [`MAX_BODY_BYTES`] → 413 `RequestEntityTooLarge`.

use std::convert::Infallible;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::header::{HeaderValue, CONTENT_TYPE, HOST};
use hyper::{Method, Request, Response, StatusCode};
use serde_json::Value;
use tokio::sync::{mpsc, oneshot};

use super::admin::{self, ADMIN_PREFIX};
use super::engine_loop::{request_id, IdLane, Job, Op, Reply};
use super::urls::{is_plain_authority, localize_urls};
use crate::engine::protocol::wire::{serialization_exception, unknown_operation};
use crate::engine::protocol::{canonical_action, to_wire, TARGET_PREFIX};
use crate::engine::SqsError;

/// Largest request body accepted (SQS's own limit is 1 MiB of message payload; batches
/// and JSON escaping need more).
pub const MAX_BODY_BYTES: usize = 8 << 20;

/// The AWS JSON 1.0 content type (SQS answers).
const JSON_1_0: &str = "application/x-amz-json-1.0";
/// The admin API's content type.
const JSON: &str = "application/json";

/// What every connection handler shares.
pub struct Front {
    /// To the engine loop.
    pub jobs: mpsc::UnboundedSender<Job>,
    /// `host:port` used in queue URLs when a request has no usable `Host` header.
    pub fallback_host: String,
    /// Session number for request ids.
    pub session: u32,
    /// Counter of requests refused before the engine.
    pub refused: AtomicU64,
}

type HttpResponse = Response<Full<Bytes>>;

/// Serves one HTTP request. Never fails: every problem is an HTTP error response.
pub async fn serve(req: Request<Incoming>, front: Arc<Front>) -> Result<HttpResponse, Infallible> {
    if req.uri().path().starts_with(ADMIN_PREFIX) {
        return Ok(serve_admin(req, &front).await);
    }
    Ok(match read_sqs(req).await {
        Ok((action, body, host)) => {
            let op = Op::Sqs { action, body };
            match ask(&front, op).await {
                Ok(reply) => {
                    let host = host
                        .as_ref()
                        .and_then(|h| h.to_str().ok())
                        .filter(|h| is_plain_authority(h))
                        .unwrap_or(&front.fallback_host);
                    sqs_response(reply, host)
                }
                Err(e) => refused(&front, &e),
            }
        }
        Err(e) => refused(&front, &e),
    })
}

/// Checks the framing of an SQS request; returns the action, the body and the host
/// for queue URLs.
async fn read_sqs(
    req: Request<Incoming>,
) -> Result<(&'static str, Value, Option<HeaderValue>), SqsError> {
    if req.method() != Method::POST {
        let mut e = unknown_operation(req.method().as_str());
        e.status = 405;
        e.message = format!(
            "SQS requests are POST (AWS JSON 1.0: POST / with X-Amz-Target: {TARGET_PREFIX}<Action>), not {}.",
            req.method()
        );
        return Err(e);
    }
    let headers = req.headers();
    let Some(target) = headers.get("x-amz-target") else {
        let query = headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
        let mut e = unknown_operation("");
        e.message = if query {
            format!("This endpoint speaks the AWS JSON 1.0 protocol (X-Amz-Target: {TARGET_PREFIX}<Action>); the query protocol (Action=… form bodies) is not supported: use an SDK from November 2023 or later.")
        } else {
            format!("Missing X-Amz-Target header: send X-Amz-Target: {TARGET_PREFIX}<Action>.")
        };
        return Err(e);
    };
    let target = String::from_utf8_lossy(target.as_bytes()).into_owned();
    let action = target
        .strip_prefix(TARGET_PREFIX)
        .and_then(|bare| canonical_action(bare).filter(|a| *a == bare))
        .ok_or_else(|| unknown_operation(&target))?;
    // A cheap (reference-counted) copy; checked when the response is built.
    let host = headers.get(HOST).cloned();
    let bytes = match Limited::new(req.into_body(), MAX_BODY_BYTES)
        .collect()
        .await
    {
        Ok(b) => b.to_bytes(),
        Err(e) if e.is::<http_body_util::LengthLimitError>() => {
            return Err(SqsError::new(
                "RequestEntityTooLarge",
                "RequestEntityTooLarge",
                413,
                format!("The request body is larger than {MAX_BODY_BYTES} bytes."),
            ))
        }
        Err(e) => {
            return Err(serialization_exception(format!(
                "The request body could not be read: {e}"
            )))
        }
    };
    let body = if bytes.iter().all(u8::is_ascii_whitespace) {
        Value::Object(Default::default())
    } else {
        serde_json::from_slice(&bytes).map_err(|e| {
            serialization_exception(format!("The request body is not valid JSON: {e}"))
        })?
    };
    Ok((action, body, host))
}

/// Sends `op` to the engine loop and waits for the answer.
async fn ask(front: &Front, op: Op) -> Result<Reply, SqsError> {
    let (reply, answer) = oneshot::channel();
    let unavailable = || {
        let mut e = SqsError::service_unavailable("The engine loop has stopped.");
        e.status = 500;
        e
    };
    front
        .jobs
        .send(Job { op, reply })
        .map_err(|_| unavailable())?;
    answer.await.map_err(|_| unavailable())
}

fn sqs_response(reply: Reply, host: &str) -> HttpResponse {
    match reply.result {
        Ok(mut body) => {
            localize_urls(&mut body, host);
            json_response(200, JSON_1_0, &[], &body, &reply.request_id)
        }
        Err(e) => error_response(&e, &reply.request_id),
    }
}

/// An error refused before (or without) the engine, with a front-door request id.
fn refused(front: &Front, e: &SqsError) -> HttpResponse {
    let n = front.refused.fetch_add(1, Ordering::Relaxed) + 1;
    error_response(e, &request_id(front.session, IdLane::FrontDoor, n))
}

/// The engine's wire rendering of an error, plus the request id.
fn error_response(e: &SqsError, request_id: &str) -> HttpResponse {
    let wire = to_wire(&Err(e.clone()));
    let headers: Vec<(&str, &str)> = wire
        .headers
        .iter()
        .filter(|(k, _)| !k.eq_ignore_ascii_case("content-type"))
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    json_response(wire.status, JSON_1_0, &headers, &wire.body, request_id)
}

async fn serve_admin(req: Request<Incoming>, front: &Front) -> HttpResponse {
    let op = match admin::route(req.method().as_str(), req.uri().path()) {
        Ok(op) => op,
        Err((status, shape, message)) => {
            let n = front.refused.fetch_add(1, Ordering::Relaxed) + 1;
            let id = request_id(front.session, IdLane::FrontDoor, n);
            return json_response(status, JSON, &[], &admin::error_body(shape, &message), &id);
        }
    };
    match ask(front, Op::Admin(op)).await {
        Ok(Reply {
            request_id,
            result: Ok(body),
        }) => json_response(200, JSON, &[], &body, &request_id),
        Ok(Reply {
            request_id,
            result: Err(e),
        }) => {
            let (status, shape, message) = admin::engine_error(&e);
            json_response(
                status,
                JSON,
                &[],
                &admin::error_body(shape, &message),
                &request_id,
            )
        }
        Err(e) => refused(front, &e),
    }
}

fn json_response(
    status: u16,
    content_type: &'static str,
    headers: &[(&str, &str)],
    body: &Value,
    request_id: &str,
) -> HttpResponse {
    let bytes = serde_json::to_vec(body).unwrap_or_else(|_| b"{}".to_vec());
    let mut resp = Response::new(Full::new(Bytes::from(bytes)));
    *resp.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let h = resp.headers_mut();
    h.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(request_id) {
        h.insert("x-amzn-requestid", v);
    }
    for (k, v) in headers {
        if let (Ok(k), Ok(v)) = (
            hyper::header::HeaderName::from_bytes(k.as_bytes()),
            HeaderValue::from_str(v),
        ) {
            h.insert(k, v);
        }
    }
    resp
}

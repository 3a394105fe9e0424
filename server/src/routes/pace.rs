//! Uploads that drip. A request body that sends nothing for
//! `upload_idle_secs`, or that has averaged less than
//! `upload_min_kib_per_sec` once `upload_grace_secs` have passed since it
//! started, is cut off, so a few slow clients cannot hold every upload
//! slot. The clock starts when the handler first reads the body (after it
//! got its slot), not when the request arrived.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use futures_util::StreamExt;

use crate::App;

/// What a cut-off body's error says, for [`super::multipart_failure`].
pub(crate) const STALLED: &str = "the upload stalled";
/// The same, for a body that is too slow.
pub(crate) const TOO_SLOW: &str = "the upload is too slow";

struct Flow {
    started: Option<Instant>,
    received: u64,
    done: bool,
}

/// Wraps the request body in the limits above.
pub(crate) async fn paced(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    let limits = &app.config.limits;
    let idle = Duration::from_secs(limits.upload_idle_secs);
    let grace = Duration::from_secs(limits.upload_grace_secs);
    let min_rate = limits.upload_min_kib_per_sec.saturating_mul(1024) as f64;
    let (parts, body) = request.into_parts();
    let flow = Flow {
        started: None,
        received: 0,
        done: false,
    };
    let paced = futures_util::stream::unfold(
        (body.into_data_stream(), flow),
        move |(mut stream, mut flow)| async move {
            if flow.done {
                return None;
            }
            let started = *flow.started.get_or_insert_with(Instant::now);
            let cut = |what: &'static str| std::io::Error::new(std::io::ErrorKind::TimedOut, what);
            match tokio::time::timeout(idle, stream.next()).await {
                Err(_) => {
                    flow.done = true;
                    Some((Err(cut(STALLED)), (stream, flow)))
                }
                Ok(None) => None,
                Ok(Some(Err(e))) => {
                    flow.done = true;
                    Some((Err(std::io::Error::other(e)), (stream, flow)))
                }
                Ok(Some(Ok(bytes))) => {
                    flow.received += bytes.len() as u64;
                    let elapsed = started.elapsed();
                    if elapsed > grace && (flow.received as f64) < min_rate * elapsed.as_secs_f64()
                    {
                        flow.done = true;
                        Some((Err(cut(TOO_SLOW)), (stream, flow)))
                    } else {
                        Some((Ok(bytes), (stream, flow)))
                    }
                }
            }
        },
    );
    next.run(Request::from_parts(parts, Body::from_stream(paced)))
        .await
}

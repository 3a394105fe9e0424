//! Uploads that drip. A request body that sends nothing for
//! `upload_idle_secs`, or that has averaged less than
//! `upload_min_kib_per_sec` once `upload_grace_secs` have passed since it
//! started, is cut off, so a few slow clients cannot hold every upload
//! slot. The clock starts when the handler first reads the body (after it
//! got its slot), not when the request arrived.
//!
//! The grace is for a source on a slow link while nobody waits. When an
//! upload finds its pool full, the slowest upload in it that has averaged
//! under the minimum rate over at least a second is cut off at once
//! ([`Roster::make_room`]), so an honest upload behind a crowd of drippers
//! starts within a moment rather than after their grace.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use futures_util::StreamExt;
use tokio::sync::{Notify, OwnedSemaphorePermit, Semaphore};

use super::Failure;
use crate::App;

/// What a cut-off body's error says, for [`super::multipart_failure`].
pub(crate) const STALLED: &str = "the upload stalled";
/// The same, for a body that is too slow.
pub(crate) const TOO_SLOW: &str = "the upload is too slow";

/// The bounded pools whose requests carry a body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Pool {
    /// Sealed envelopes (`/api/v1/submissions`).
    Uploads,
    /// Files the server seals (`/submit`).
    Sealing,
    /// Proofs checked on the verify page (`/verify`).
    Verifying,
}

impl Pool {
    fn semaphore(self, app: &App) -> &Arc<Semaphore> {
        match self {
            Pool::Uploads => &app.uploads,
            Pool::Sealing => &app.sealing,
            Pool::Verifying => &app.verifying,
        }
    }
}

/// A slot in `pool`: while none is free, the slowest upload under the
/// minimum rate is cut off (looked for again every tenth of a second, as
/// uploads pass their first second), up to the usual queue wait. The
/// place in the queue is kept throughout. The slot is owned, so it can go
/// with blocking work that outlives its request.
pub(crate) async fn slot(app: &App, pool: Pool) -> Result<OwnedSemaphorePermit, Failure> {
    let sem = pool.semaphore(app).clone();
    if let Ok(permit) = sem.clone().try_acquire_owned() {
        return Ok(permit);
    }
    // Uploads now need a proof of work, for a while; its difficulty grows
    // with the uploads waiting.
    let _counted = (pool == Pool::Uploads).then(|| {
        app.pow.pool_full();
        app.pow.waiting.fetch_add(1, Ordering::Relaxed);
        Waiting(&app.pow.waiting)
    });
    let deadline =
        tokio::time::Instant::now() + Duration::from_secs(app.config.limits.queue_wait_secs);
    let acquire = sem.acquire_owned();
    tokio::pin!(acquire);
    loop {
        app.uploading.make_room(pool, min_rate(app));
        let next = (tokio::time::Instant::now() + Duration::from_millis(100)).min(deadline);
        match tokio::time::timeout_at(next, &mut acquire).await {
            Ok(Ok(permit)) => return Ok(permit),
            Ok(Err(_)) => return Err(super::busy()),
            Err(_) if next >= deadline => return Err(super::busy()),
            Err(_) => {}
        }
    }
}

/// One upload waiting for a slot, counted while it waits.
struct Waiting<'a>(&'a AtomicUsize);

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

fn min_rate(app: &App) -> f64 {
    app.config
        .limits
        .upload_min_kib_per_sec
        .saturating_mul(1024) as f64
}

struct Entry {
    pool: Pool,
    started: Instant,
    received: Arc<AtomicU64>,
    cut: Arc<Notify>,
}

/// The bodies being read, by pool.
#[derive(Default)]
pub struct Roster {
    next: AtomicU64,
    entries: Mutex<HashMap<u64, Entry>>,
}

impl Roster {
    fn entries(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Entry>> {
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn join(self: &Arc<Self>, pool: Pool) -> Member {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        let received = Arc::new(AtomicU64::new(0));
        let cut = Arc::new(Notify::new());
        self.entries().insert(
            id,
            Entry {
                pool,
                started: Instant::now(),
                received: received.clone(),
                cut: cut.clone(),
            },
        );
        Member {
            roster: self.clone(),
            id,
            received,
            cut,
        }
    }

    /// Cuts off the slowest body in `pool` that has run for a second and
    /// averaged under `min_rate` bytes a second; false if there is none.
    pub(crate) fn make_room(&self, pool: Pool, min_rate: f64) -> bool {
        let mut entries = self.entries();
        let slowest = entries
            .iter()
            .filter(|(_, e)| e.pool == pool)
            .filter_map(|(id, e)| {
                let secs = e.started.elapsed().as_secs_f64();
                let rate = e.received.load(Ordering::Relaxed) as f64 / secs;
                (secs >= 1.0 && rate < min_rate).then_some((*id, rate))
            })
            .min_by(|a, b| a.1.total_cmp(&b.1));
        match slowest.and_then(|(id, _)| entries.remove(&id)) {
            Some(e) => {
                // A stored permit: the body sees it at its next read.
                e.cut.notify_one();
                true
            }
            None => false,
        }
    }
}

/// A body on the roster, removed when the body is dropped.
struct Member {
    roster: Arc<Roster>,
    id: u64,
    received: Arc<AtomicU64>,
    cut: Arc<Notify>,
}

impl Drop for Member {
    fn drop(&mut self) {
        self.roster.entries().remove(&self.id);
    }
}

struct Flow {
    started: Option<(Instant, Member)>,
    received: u64,
    done: bool,
}

/// Wraps the request body in the limits above.
pub(crate) async fn paced(
    State((app, pool)): State<(Arc<App>, Pool)>,
    request: Request,
    next: Next,
) -> Response {
    let limits = &app.config.limits;
    let idle = Duration::from_secs(limits.upload_idle_secs);
    let grace = Duration::from_secs(limits.upload_grace_secs);
    let min_rate = min_rate(&app);
    let roster = app.uploading.clone();
    let (parts, body) = request.into_parts();
    let flow = Flow {
        started: None,
        received: 0,
        done: false,
    };
    let paced = futures_util::stream::unfold(
        (body.into_data_stream(), flow),
        move |(mut stream, mut flow)| {
            let roster = roster.clone();
            async move {
                if flow.done {
                    return None;
                }
                let (started, member) = flow
                    .started
                    .get_or_insert_with(|| (Instant::now(), roster.join(pool)));
                let started = *started;
                let cut_off = member.cut.clone();
                let cut =
                    |what: &'static str| std::io::Error::new(std::io::ErrorKind::TimedOut, what);
                let next = tokio::select! {
                    biased;
                    () = cut_off.notified() => {
                        flow.done = true;
                        return Some((Err(cut(TOO_SLOW)), (stream, flow)));
                    }
                    next = tokio::time::timeout(idle, stream.next()) => next,
                };
                match next {
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
                        if let Some((_, m)) = &flow.started {
                            m.received.store(flow.received, Ordering::Relaxed);
                        }
                        let elapsed = started.elapsed();
                        if elapsed > grace
                            && (flow.received as f64) < min_rate * elapsed.as_secs_f64()
                        {
                            flow.done = true;
                            Some((Err(cut(TOO_SLOW)), (stream, flow)))
                        } else {
                            Some((Ok(bytes), (stream, flow)))
                        }
                    }
                }
            }
        },
    );
    next.run(Request::from_parts(parts, Body::from_stream(paced)))
        .await
}

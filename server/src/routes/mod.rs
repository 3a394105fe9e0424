//! Request handlers, one module per audience.

pub mod inbox;
pub mod journalist;
pub(crate) mod pace;
pub mod sealing;
pub mod source;
pub mod verify;

use std::sync::Arc;
use std::time::Duration;

use axum::extract::multipart::{Field, MultipartError};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use tokio::sync::{Semaphore, SemaphorePermit};
use zeroize::Zeroizing;

use crate::pages::{self, Receipt};
use crate::sources::{self, Claim, ClaimError};
use crate::store::{self, Disclosed, Label, Source, Staged, StoreError, Submission, Taken};
use crate::App;

/// A request refused or failed, with the sentence its sender reads.
#[derive(Debug)]
pub struct Failure {
    /// The status.
    pub status: StatusCode,
    said: Said,
}

/// One sentence: what was wrong and what to do.
#[derive(Debug)]
enum Said {
    /// In English only.
    English(String),
    /// A catalog message and its values: a page says it in its reader's
    /// language, the API in English.
    Catalog(&'static str, Vec<(&'static str, String)>),
}

impl Failure {
    pub(crate) fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Failure {
            status,
            said: Said::English(message.into()),
        }
    }

    /// A failure the catalogs word: message `id` of `locales/*/pages.ftl`.
    pub(crate) fn said(status: StatusCode, id: &'static str) -> Self {
        Failure {
            status,
            said: Said::Catalog(id, Vec::new()),
        }
    }

    /// With a value for its message.
    pub(crate) fn with(mut self, key: &'static str, value: impl ToString) -> Self {
        if let Said::Catalog(_, values) = &mut self.said {
            values.push((key, value.to_string()));
        }
        self
    }

    /// The sentence in English (the API's answer; code in backquotes).
    pub fn message(&self) -> String {
        match &self.said {
            Said::English(message) => message.clone(),
            Said::Catalog(id, values) => pages::Tr::default().text(id, values),
        }
    }

    pub(crate) fn bad(message: impl Into<String>) -> Self {
        Failure::new(StatusCode::BAD_REQUEST, message)
    }

    /// A storage failure: logged (it names no source data) and reported
    /// without detail.
    pub(crate) fn storage(e: impl std::fmt::Display) -> Self {
        eprintln!("storage failure: {e}");
        Failure::said(StatusCode::INTERNAL_SERVER_ERROR, "refuse-storage")
    }

    /// As JSON, for the API.
    pub(crate) fn json(self) -> Response {
        (
            self.status,
            Json(serde_json::json!({ "error": self.message() })),
        )
            .into_response()
    }

    /// As a page, in the reader's language.
    pub(crate) fn page(self, app: &App, t: pages::Tr) -> Response {
        let heading = if self.status.is_server_error() {
            "error-failed"
        } else {
            "error-refused"
        };
        let message = match &self.said {
            Said::Catalog(id, values) => t.args(
                id,
                values
                    .iter()
                    .map(|(k, v)| (*k, crate::i18n::Arg::from(v)))
                    .collect(),
            ),
            Said::English(message) => crate::i18n::Text::escaped(message),
        };
        pages::render(
            self.status,
            &pages::ErrorPage {
                site: &app.site,
                t,
                heading,
                message,
            },
        )
    }
}

impl From<crate::intake::Refusal> for Failure {
    fn from(r: crate::intake::Refusal) -> Self {
        Failure::new(StatusCode::UNPROCESSABLE_ENTITY, r.0)
    }
}

/// A multipart error in words: over the size limit, or cut short.
pub(crate) fn multipart_failure(e: MultipartError, limit: u64) -> Failure {
    let mut said = e.body_text();
    let mut cause: Option<&dyn std::error::Error> = std::error::Error::source(&e);
    while let Some(c) = cause {
        said.push_str(&c.to_string());
        cause = c.source();
    }
    if said.contains(pace::STALLED) || said.contains(pace::TOO_SLOW) {
        let why = if said.contains(pace::STALLED) {
            pace::STALLED
        } else {
            pace::TOO_SLOW
        };
        let id = if why == pace::STALLED {
            "refuse-stalled"
        } else {
            "refuse-too-slow"
        };
        Failure::said(StatusCode::REQUEST_TIMEOUT, id)
    } else if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        too_large(limit)
    } else {
        Failure::said(StatusCode::BAD_REQUEST, "refuse-cut-short")
    }
}

pub(crate) fn too_large(limit: u64) -> Failure {
    Failure::said(StatusCode::PAYLOAD_TOO_LARGE, "refuse-too-large").with("mib", limit >> 20)
}

/// Refuses an upload while the store's filesystem is under the free-space
/// floor (`min_free_mib`), so a flood of uploads never fills the disk the
/// database and the system need. The operator is told when it starts and
/// when it ends, never about a request.
pub(crate) fn room(app: &App) -> Result<(), Failure> {
    let short = match app.store.free_bytes() {
        Ok(free) => free < app.config.limits.min_free(),
        Err(e) => return Err(Failure::storage(e)),
    };
    if app
        .disk_short
        .swap(short, std::sync::atomic::Ordering::Relaxed)
        != short
    {
        if short {
            eprintln!(
                "disk: free space is under min_free_mib; uploads are refused until it is freed"
            );
        } else {
            eprintln!("disk: free space is back over min_free_mib; uploads are taken again");
        }
    }
    if short {
        return Err(Failure::said(
            StatusCode::SERVICE_UNAVAILABLE,
            "refuse-disk",
        ));
    }
    Ok(())
}

/// Waits for a slot, up to the configured queue wait.
pub(crate) async fn slot<'a>(
    app: &App,
    sem: &'a Semaphore,
) -> Result<SemaphorePermit<'a>, Failure> {
    let wait = Duration::from_secs(app.config.limits.queue_wait_secs);
    match tokio::time::timeout(wait, sem.acquire()).await {
        Ok(Ok(permit)) => Ok(permit),
        _ => Err(busy()),
    }
}

/// No slot came within the queue wait.
pub(crate) fn busy() -> Failure {
    Failure::said(StatusCode::SERVICE_UNAVAILABLE, "refuse-busy")
}

/// Runs `work` within the body deadline.
pub(crate) async fn within_deadline<T>(
    app: &App,
    work: impl std::future::Future<Output = Result<T, Failure>>,
) -> Result<T, Failure> {
    let deadline = Duration::from_secs(app.config.limits.body_deadline_secs);
    tokio::time::timeout(deadline, work)
        .await
        .unwrap_or_else(|_| {
            Err(Failure::said(
                StatusCode::REQUEST_TIMEOUT,
                "refuse-took-too-long",
            ))
        })
}

/// Reads a small field whole, refusing one over `limit` bytes.
pub(crate) async fn read_small(
    mut field: Field<'_>,
    limit: usize,
    what: &str,
    body_limit: u64,
) -> Result<Zeroizing<Vec<u8>>, Failure> {
    let mut buf = Zeroizing::new(Vec::new());
    while let Some(chunk) = field
        .chunk()
        .await
        .map_err(|e| multipart_failure(e, body_limit))?
    {
        if buf.len() + chunk.len() > limit {
            return Err(Failure::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("the {what} is larger than {limit} bytes; nothing was stored"),
            ));
        }
        extend_zeroizing(&mut buf, &chunk);
    }
    Ok(buf)
}

/// Appends to a buffer that may hold plaintext, so that growing it never
/// leaves an unzeroed copy behind in freed memory.
pub(crate) fn extend_zeroizing(buf: &mut Zeroizing<Vec<u8>>, more: &[u8]) {
    if buf.capacity() - buf.len() < more.len() {
        let mut bigger = Zeroizing::new(Vec::with_capacity(
            (buf.len() + more.len())
                .max(buf.capacity() * 2)
                .max(64 * 1024),
        ));
        bigger.extend_from_slice(buf);
        *buf = bigger;
    }
    buf.extend_from_slice(more);
}

/// The account a submission with a codename goes under (checked with one
/// Argon2id run, in a bounded slot).
pub(crate) async fn claim_source(app: &Arc<App>, claim: Claim) -> Result<Source, Failure> {
    if !app.config.codenames {
        return Err(Failure::new(
            StatusCode::FORBIDDEN,
            "this drop box does not offer codenames; nothing was stored; send without one",
        ));
    }
    let _slot = slot(app, &app.codenames).await?;
    let store = app.store.clone();
    let kind = app.config.kind;
    tokio::task::spawn_blocking(move || {
        sources::for_submission(&*store, &claim, store::today(), kind)
    })
    .await
    .map_err(Failure::storage)?
    .map_err(|e| match e {
        ClaimError::Refused(r) => Failure::new(StatusCode::FORBIDDEN, r.0),
        ClaimError::Store(e) => Failure::storage(e),
    })
}

/// What a submission's proof (or its absence) adds to its record.
pub(crate) struct Proof {
    pub label: Label,
    pub disclosed: Option<Disclosed>,
    pub bundle: Option<Vec<u8>>,
    pub commitment: Option<String>,
}

impl Proof {
    /// No proof, with this label.
    pub fn none(label: Label) -> Proof {
        Proof {
            label,
            disclosed: None,
            bundle: None,
            commitment: None,
        }
    }
}

/// Records a staged envelope and returns the source's receipt.
pub(crate) async fn record(
    app: &Arc<App>,
    staged: Staged,
    size: u64,
    envelope_sha256: String,
    proof: Proof,
    source: Option<Source>,
) -> Result<Receipt, Failure> {
    let today = store::today();
    let mut meta = Submission {
        id: staged.id().to_string(),
        designation: String::new(),
        arrival_day: today,
        expires_day: app.expires_day(today),
        size,
        envelope_sha256,
        label: proof.label,
        disclosed: proof.disclosed,
        bundle: proof.bundle,
        source: None,
        source_recipient: None,
        commitment: proof.commitment,
    };
    let store = app.store.clone();
    let meta = tokio::task::spawn_blocking(move || {
        meta.designation = store.commit(staged, &meta, source.as_ref())?;
        Ok::<_, StoreError>(meta)
    })
    .await
    .map_err(Failure::storage)?
    .map_err(|e| match e {
        StoreError::Exists(Taken::Proof) => Failure::new(
            StatusCode::CONFLICT,
            "this proof was sent before; a proof is sent once, with the file it was made for; nothing was stored",
        ),
        e => Failure::storage(e),
    })?;
    Ok(Receipt {
        designation: meta.designation,
        day: darkroom_core::calendar::format_day(meta.arrival_day),
        label: meta.label.as_str().to_string(),
        window: meta.disclosed.as_ref().map(|d| d.window.clone()),
        region: meta.disclosed.as_ref().map(|d| d.region.clone()),
        camera: meta
            .disclosed
            .as_ref()
            .map(|d| d.camera.clone())
            .filter(|c| !c.is_empty()),
        size: meta.size,
        envelope_sha256: meta.envelope_sha256,
        sealed_to: app.config.kind.describe().into(),
    })
}

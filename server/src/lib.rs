//! Darkroom's drop-box server: it stores envelopes it cannot open and
//! proofs it can check, serves the source, verify and journalist pages, and
//! logs nothing that identifies a source.
//!
//! # Layout
//!
//! - [`config`]: `darkroom.toml`; recipients only, never an identity.
//! - [`store`]: the storage trait and its SQLite + blob-file backend, with
//!   crash-safe commits and start-up recovery.
//! - [`intake`]: what is checked on an upload the server cannot decrypt
//!   (age header, padded size, proof bundle).
//! - [`auth`]: journalist accounts (argon2id + TOTP), sessions.
//! - [`throttle`]: failed logins slow a name down, never lock it.
//! - [`export`]: the archive the offline newsroom tool reads.
//! - [`client`]: the browser client (WebAssembly) and its hashes.
//! - [`routes`]: the handlers: source pages and API, the no-JavaScript
//!   sealing path, the public verify page, the journalist pages.
//! - [`pages`]: askama templates.
//! - [`i18n`]: what the pages say, in the reader's language.
//! - [`designation`]: random names for submissions and sources.
//! - [`sources`]: source accounts made with a codename, and replies.
//!
//! [`router`] builds the service for a [`App`]; [`serve`] runs it on a
//! listener until shutdown, sweeping expired submissions as it goes.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod auth;
pub mod checks;
pub mod client;
pub mod config;
pub mod designation;
pub mod export;
pub mod i18n;
pub mod intake;
pub mod onion;
pub mod pages;
pub mod pow;
pub mod routes;
pub mod sources;
pub mod store;
pub mod throttle;

use std::sync::Arc;
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue, Request};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use rand::Rng;
use tokio::sync::Semaphore;

pub use config::Config;
use store::{Day, Store};

/// Everything a handler needs.
pub struct App {
    /// The checked configuration.
    pub config: Config,
    /// Where submissions and accounts live.
    pub store: Arc<dyn Store>,
    /// Journalist sessions (in memory).
    pub sessions: auth::Sessions,
    /// Sessions of the no-JavaScript inbox (in memory): the source
    /// account's id, never its keys.
    pub inbox_sessions: auth::Sessions,
    /// Codename checks running (Argon2id; 64 MiB each where the server
    /// derives).
    pub codenames: Semaphore,
    /// Journalist password checks running (Argon2id).
    pub logins: Semaphore,
    /// Turns for journalist logins, per name.
    pub login_turns: throttle::Throttle,
    /// Uploads in progress, from everyone together: a bound that does not
    /// key on the client (behind Tor every source is 127.0.0.1).
    pub uploads: Arc<Semaphore>,
    /// Files the server is sealing (their plaintext is in memory).
    pub sealing: Arc<Semaphore>,
    /// Proofs and images being checked on the verify page: a slot is held
    /// until the blocking check ends, even if its client has gone.
    pub verifying: Arc<Semaphore>,
    /// The threads those checks run on, at a lower CPU priority.
    pub checks: checks::Checks,
    /// What every page shows.
    pub site: pages::Site,
    /// Proof of work asked of uploads while the pool is full.
    pub pow: pow::Pow,
    /// The bodies being read, so a full pool can cut off its slowest.
    pub uploading: Arc<routes::pace::Roster>,
    /// Whether the last look at the disk found it under the floor.
    pub disk_short: std::sync::atomic::AtomicBool,
    /// The per-instance codename salt, read from the store once.
    codename_salt: std::sync::OnceLock<[u8; 16]>,
    /// The proving key as browsers get it, each form made at its first
    /// request.
    pub proving_key_sent: client::SentKey,
}

impl App {
    /// An app over a store; the store should have run [`Store::recover`].
    pub fn new(config: Config, store: Arc<dyn Store>) -> Arc<App> {
        Arc::new(App {
            sessions: auth::Sessions::new(config.session_idle, config.session_lifetime),
            inbox_sessions: auth::Sessions::new(
                std::time::Duration::from_secs(600),
                std::time::Duration::from_secs(3600),
            ),
            codenames: Semaphore::new(config.limits.codename_concurrency),
            logins: Semaphore::new(config.limits.login_concurrency),
            login_turns: throttle::Throttle::new(std::time::Duration::from_secs(
                config.limits.queue_wait_secs,
            )),
            uploads: Arc::new(Semaphore::new(config.limits.upload_concurrency)),
            sealing: Arc::new(Semaphore::new(config.limits.sealing_concurrency)),
            verifying: Arc::new(Semaphore::new(config.limits.verify_concurrency)),
            checks: checks::Checks::start(config.limits.verify_concurrency),
            codename_salt: std::sync::OnceLock::new(),
            proving_key_sent: client::SentKey::default(),
            disk_short: std::sync::atomic::AtomicBool::new(false),
            uploading: Arc::default(),
            pow: pow::Pow::new(&config.limits),
            site: pages::Site {
                newsroom: config.newsroom.clone(),
                demo: config.demo,
            },
            store,
            config,
        })
    }

    /// The last day a submission arriving on `today` is kept: the retention
    /// period plus random jitter, so its expiry does not reveal its arrival.
    pub fn expires_day(&self, today: Day) -> Day {
        let jitter = rand::rngs::OsRng.gen_range(0..=self.config.retention_jitter_days);
        today + u64::from(self.config.retention_days) + u64::from(jitter)
    }

    /// The salt codenames are stretched with on this drop box (made by the
    /// store on first use, then cached: it never changes).
    pub fn codename_salt(&self) -> Result<[u8; 16], store::StoreError> {
        if let Some(salt) = self.codename_salt.get() {
            return Ok(*salt);
        }
        let salt = self.store.instance_salt()?;
        Ok(*self.codename_salt.get_or_init(|| salt))
    }

    /// Settles the store (see [`store::Store::settle`]).
    pub async fn settle(self: &Arc<Self>, today: Day) -> Result<store::Settled, store::StoreError> {
        let store = self.store.clone();
        tokio::task::spawn_blocking(move || store.settle(today))
            .await
            .map_err(|e| store::StoreError::Io(std::io::Error::other(e)))?
    }

    /// Deletes what has expired by `today`; returns how many.
    pub async fn sweep_expired(self: &Arc<Self>, today: Day) -> Result<usize, store::StoreError> {
        let store = self.store.clone();
        tokio::task::spawn_blocking(move || store.expire(today))
            .await
            .map_err(|e| store::StoreError::Io(std::io::Error::other(e)))?
    }
}

/// The slack a multipart body has over its largest file: boundaries,
/// part headers, a message and a proof bundle.
const FORM_SLACK: usize = 256 * 1024;

/// Which pages a listener serves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pages {
    /// Source pages and the API only: every journalist route is a 404.
    Source,
    /// Journalist pages only (and the style sheet they use).
    Journalist,
    /// Both, on one listener (a demo, or a server without
    /// `journalist_listen`).
    All,
}

/// Every route, on one listener.
pub fn router(app: Arc<App>) -> Router {
    router_for(app, Pages::All)
}

/// The routes for one listener.
pub fn router_for(app: Arc<App>, pages: Pages) -> Router {
    let routes = match pages {
        Pages::Source => source_routes(&app),
        Pages::Journalist => {
            journalist_routes().route("/static/darkroom.css", get(routes::source::css))
        }
        Pages::All => source_routes(&app).merge(journalist_routes()),
    };
    routes
        .fallback(routes::source::not_found)
        .layer(middleware::from_fn(secure_headers))
        .with_state(app)
}

/// The source pages and API.
fn source_routes(app: &Arc<App>) -> Router<Arc<App>> {
    use routes::pace::Pool;
    let paced = |pool| middleware::from_fn_with_state((app.clone(), pool), routes::pace::paced);
    let upload_limit = usize::try_from(app.config.limits.max_upload())
        .unwrap_or(usize::MAX)
        .saturating_add(FORM_SLACK);
    let sealing_limit = usize::try_from(app.config.limits.server_sealing_max())
        .unwrap_or(usize::MAX)
        .saturating_add(FORM_SLACK);
    Router::new()
        .route("/", get(routes::source::landing))
        .route(
            "/submit",
            get(routes::source::submit_page)
                .post(routes::sealing::submit)
                .layer(DefaultBodyLimit::max(sealing_limit))
                .layer(paced(Pool::Sealing)),
        )
        .route(
            "/verify",
            get(routes::verify::page)
                .post(routes::verify::check)
                .layer(DefaultBodyLimit::max(sealing_limit))
                .layer(paced(Pool::Verifying)),
        )
        .route("/verify/offline.html", get(routes::verify::offline))
        .route(
            "/.well-known/darkroom/config.json",
            get(routes::source::config_json),
        )
        .route(
            "/.well-known/darkroom/manifest.json",
            get(routes::source::manifest),
        )
        .route(
            "/.well-known/darkroom/manifest.json.minisig",
            get(routes::source::manifest_signature),
        )
        .route("/api/v1/pow", get(routes::source::pow_challenge))
        .route(
            "/api/v1/submissions",
            post(routes::source::api_submit)
                .layer(DefaultBodyLimit::max(upload_limit))
                .layer(paced(Pool::Uploads)),
        )
        .route("/static/darkroom.css", get(routes::source::css))
        .route("/static/client/{file}", get(routes::source::client_file))
        .route(
            "/static/proof/proving.key",
            get(routes::source::proving_key),
        )
        .route("/static/proof/{name}", get(routes::source::registry))
        .route(
            "/inbox",
            get(routes::inbox::page).post(routes::inbox::server_login),
        )
        .route("/inbox/delete", post(routes::inbox::server_delete))
        .route("/api/v1/inbox", post(routes::inbox::api_list))
        .route("/api/v1/inbox/delete", post(routes::inbox::api_delete))
}

/// The journalist pages (which also need the style sheet).
fn journalist_routes() -> Router<Arc<App>> {
    Router::new()
        .route(
            "/journalist/login",
            get(routes::journalist::login_page).post(routes::journalist::login),
        )
        .route("/journalist/logout", post(routes::journalist::logout))
        .route("/journalist", get(routes::journalist::list))
        .route(
            "/journalist/submissions/{id}/envelope",
            get(routes::journalist::envelope),
        )
        .route(
            "/journalist/submissions/{id}/proof",
            get(routes::journalist::proof),
        )
        .route(
            "/journalist/submissions/{id}/delete",
            post(routes::journalist::delete),
        )
        .route("/journalist/export", post(routes::journalist::export))
        .route(
            "/journalist/sources/{designation}",
            get(routes::journalist::source),
        )
        .route(
            "/journalist/sources/{designation}/replies",
            post(routes::journalist::reply),
        )
}

/// The strict content security policy: this origin only, no framing, no
/// plugins, no inline script.
pub const CSP: &str = "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";

/// The policy of the worker script, which compiles WebAssembly: [`CSP`]
/// plus `'wasm-unsafe-eval'`, for a worker started from its own address
/// (a dedicated worker runs under the policy its script is served with).
pub const CSP_WORKER: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";

/// The path of that worker.
pub const WORKER_PATH: &str = "/static/client/worker.js";

/// The policy of the pages that run the client: they fetch the worker
/// script, check it against its integrity value, and start it from a
/// `blob:` address, where it runs under the page's own policy. So these
/// pages, and no others, allow `blob:` workers and WebAssembly.
pub const CSP_CLIENT: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src blob:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";

/// The pages that run the client.
pub const CLIENT_PAGES: [&str; 2] = ["/submit", "/inbox"];

/// The policy of the verify page, which checks published photos in
/// WebAssembly on the page itself (no worker).
pub const CSP_VERIFY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";

/// The verify page's path.
pub const VERIFY_PATH: &str = "/verify";

/// The content security policy this release serves `path` with (what
/// `darkroom check-server` expects of every page it audits).
pub fn csp_for(path: &str) -> &'static str {
    if path == WORKER_PATH {
        CSP_WORKER
    } else if CLIENT_PAGES.contains(&path) {
        CSP_CLIENT
    } else if path == VERIFY_PATH {
        CSP_VERIFY
    } else {
        CSP
    }
}

async fn secure_headers(request: Request<axum::body::Body>, next: Next) -> Response {
    let csp = csp_for(request.uri().path());
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    // Nothing is kept but what a route says may be (the client's files,
    // revalidated each time).
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    for (name, value) in [
        (header::REFERRER_POLICY, "no-referrer"),
        (header::CONTENT_SECURITY_POLICY, csp),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
    ] {
        h.insert(name, HeaderValue::from_static(value));
    }
    h.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        "cross-origin-resource-policy",
        HeaderValue::from_static("same-origin"),
    );
    response
}

/// Accepts connections until `shutdown` resolves, then waits for those
/// open to finish. HTTP/1.1 only (what onion services carry), with a timer:
/// headers must arrive within `header_timeout_secs`, at most
/// `max_connections` are open on this listener (past it, a new one is
/// closed unanswered), and no `Date` header tells anyone the server's
/// clock.
async fn accept(
    listener: tokio::net::TcpListener,
    app: Arc<App>,
    pages: Pages,
    mut shutdown: tokio::sync::watch::Receiver<bool>,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use hyper_util::server::graceful::GracefulShutdown;
    use hyper_util::service::TowerToHyperService;

    let limits = &app.config.limits;
    let open = Arc::new(Semaphore::new(limits.max_connections));
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(Duration::from_secs(limits.header_timeout_secs))
        .auto_date_header(false)
        .max_buf_size(64 * 1024);
    let service = TowerToHyperService::new(router_for(app.clone(), pages));
    let graceful = GracefulShutdown::new();
    loop {
        let stream = tokio::select! {
            _ = async { let _ = shutdown.wait_for(|stop| *stop).await; } => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // Out of file descriptors, or a connection reset before it
                // was accepted: wait a moment rather than spin.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let Ok(permit) = open.clone().try_acquire_owned() else {
            drop(stream);
            continue;
        };
        let conn = graceful.watch(http.serve_connection(TokioIo::new(stream), service.clone()));
        tokio::spawn(async move {
            // A connection's errors (a client gone, a timeout) are its own.
            let _ = conn.await;
            drop(permit);
        });
    }
    drop(listener);
    graceful.shutdown().await;
    Ok(())
}

/// Serves `app` on `listener` until `shutdown` resolves, sweeping expired
/// submissions and settling the store every `settle_minutes`, and warning once a day when the newsroom's
/// manifest is about to expire. Nothing about a request is logged.
///
/// With `journalist`, the journalist pages are served there and only there
/// (the source listener answers 404 for them); without it, `listener`
/// serves both.
pub async fn serve(
    listener: tokio::net::TcpListener,
    journalist: Option<tokio::net::TcpListener>,
    app: Arc<App>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    // The pages' catalogs are built in; one that does not parse stops the
    // server here rather than at a source's first page.
    i18n::catalogs().map_err(std::io::Error::other)?;
    let sweeper = {
        let app = app.clone();
        tokio::spawn(async move {
            // The warning at start is `darkroom serve`'s; this one repeats it
            // once a day.
            let mut warned = store::today();
            loop {
                let today = store::today();
                match app.sweep_expired(today).await {
                    Ok(0) => {}
                    Ok(n) => eprintln!("retention: deleted {n} expired submission(s)"),
                    Err(e) => eprintln!("retention sweep failed: {e}"),
                }
                if let Err(e) = app.settle(today).await {
                    eprintln!("settling the store failed: {e}");
                }
                if today > warned {
                    warned = today;
                    if let Some(w) = app
                        .config
                        .published
                        .as_ref()
                        .and_then(|p| p.expiry_warning(config::now()))
                    {
                        eprintln!("{w}");
                    }
                }
                tokio::time::sleep(app.config.settle_every).await;
            }
        })
    };
    let (stop, stopped) = tokio::sync::watch::channel(false);
    tokio::spawn(async move {
        shutdown.await;
        let _ = stop.send(true);
    });
    let result = match journalist {
        Some(j) => {
            let journalists =
                tokio::spawn(accept(j, app.clone(), Pages::Journalist, stopped.clone()));
            let sources = accept(listener, app, Pages::Source, stopped).await;
            let journalists = journalists
                .await
                .unwrap_or_else(|e| Err(std::io::Error::other(e)));
            sources.and(journalists)
        }
        None => accept(listener, app, Pages::All, stopped).await,
    };
    sweeper.abort();
    result
}

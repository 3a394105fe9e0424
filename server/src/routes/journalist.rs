//! The journalist pages: login (password + TOTP), the submissions list,
//! downloads, export and delete. Every form carries a CSRF token; the
//! session cookie is HttpOnly and SameSite=Strict.

use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{FromRequestParts, Multipart, Path, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};

use super::{slot, Failure};
use crate::auth::{self, LoginError, Session};
use crate::pages::{self, human_size, ReplyRow, Row, Tr};
use crate::store::{self, StoreError};
use crate::{export, App};

const SESSION: &str = "darkroom_session";
const LOGIN: &str = "darkroom_login";

pub(crate) fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

pub(crate) fn set_cookie(
    app: &App,
    name: &str,
    value: &str,
    path: &str,
    max_age: Option<u64>,
) -> HeaderValue {
    let mut c = format!("{name}={value}; Path={path}; HttpOnly; SameSite=Strict");
    if let Some(age) = max_age {
        c.push_str(&format!("; Max-Age={age}"));
    }
    if app.config.secure_cookies {
        c.push_str("; Secure");
    }
    HeaderValue::from_str(&c).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// A logged-in journalist; any other request is sent to the login page.
pub struct Journalist {
    session: Session,
    token: String,
}

impl FromRequestParts<Arc<App>> for Journalist {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, app: &Arc<App>) -> Result<Self, Response> {
        let token = cookie(&parts.headers, SESSION).unwrap_or_default();
        let back = Tr::from_query(parts.uri.query(), "/").at("/journalist/login");
        let to_login = || Redirect::to(&back).into_response();
        let session = app.sessions.get(token).ok_or_else(to_login)?;
        // Removed, reset, or sessions ended by `darkroom admin`: over.
        let store = app.store.clone();
        let name = session.journalist.clone();
        let generation = blocking(move || store.journalist_generation(&name))
            .await
            .map_err(|f| f.page(app, Tr::from_query(parts.uri.query(), parts.uri.path())))?;
        if generation != Some(session.generation) {
            app.sessions.end(token);
            return Err(to_login());
        }
        Ok(Journalist {
            session,
            token: token.to_string(),
        })
    }
}

/// Parses a form body, keeping repeated keys.
pub(crate) fn form(body: &Bytes) -> Vec<(String, String)> {
    form_urlencoded::parse(body).into_owned().collect()
}

pub(crate) fn field<'a>(form: &'a [(String, String)], name: &str) -> Option<&'a str> {
    form.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// Whether a form carries the session's CSRF token.
fn csrf_ok(j: &Journalist, form: &[(String, String)]) -> bool {
    field(form, "csrf").is_some_and(|t| auth::same_token(t, &j.session.csrf))
}

fn csrf_failure() -> Failure {
    Failure::said(StatusCode::FORBIDDEN, "refuse-journalist-token")
}

fn no_submission() -> Failure {
    Failure::said(StatusCode::NOT_FOUND, "refuse-no-submission")
}

fn no_source() -> Failure {
    Failure::said(StatusCode::NOT_FOUND, "refuse-no-source")
}

fn csrf_refused(app: &App, t: Tr) -> Response {
    csrf_failure().page(app, t)
}

/// `GET /journalist/login`.
pub async fn login_page(State(app): State<Arc<App>>, t: Tr) -> Response {
    login_form(&app, &t, StatusCode::OK, "")
}

fn login_form(app: &App, t: &Tr, status: StatusCode, error: &str) -> Response {
    let csrf = auth::random_token(32);
    let mut r = pages::render(
        status,
        &pages::Login {
            site: &app.site,
            t: t.clone(),
            csrf: &csrf,
            error,
        },
    );
    r.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(app, LOGIN, &csrf, "/journalist/login", Some(1800)),
    );
    r
}

/// `POST /journalist/login`: name, password, code and csrf.
pub async fn login(
    State(app): State<Arc<App>>,
    t: Tr,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let form = form(&body);
    let expected = cookie(&headers, LOGIN).unwrap_or_default();
    let sent = field(&form, "csrf").unwrap_or_default();
    if expected.is_empty() || !auth::same_token(expected, sent) {
        return login_form(
            &app,
            &t,
            StatusCode::FORBIDDEN,
            &t.plain("journalist-login-expired"),
        );
    }
    let name = field(&form, "name").unwrap_or_default().trim().to_string();
    let password =
        zeroize::Zeroizing::new(field(&form, "password").unwrap_or_default().to_string());
    let code = field(&form, "code").unwrap_or_default().to_string();
    // Every name, known or not, waits its turn alike; a turn too far away
    // is "busy", never "wrong".
    let busy = || {
        login_form(
            &app,
            &t,
            StatusCode::SERVICE_UNAVAILABLE,
            &t.plain("journalist-login-busy"),
        )
    };
    // A turn dropped unsettled (the client left, or no slot came) counts
    // as failed.
    let Some(turn) = app.login_turns.book(&name) else {
        return busy();
    };
    tokio::time::sleep(turn.wait).await;
    let Ok(permit) = slot(&app, &app.logins).await else {
        return busy();
    };
    let issuer = app.config.newsroom.clone();
    let store = app.store.clone();
    let n = name.clone();
    let outcome =
        tokio::task::spawn_blocking(move || auth::login(&*store, &n, &password, &code, &issuer))
            .await
            .unwrap_or_else(|e| Err(LoginError::Store(e.to_string())));
    drop(permit);
    if outcome.is_ok() {
        turn.succeeded();
    } else {
        turn.failed();
    }
    match outcome {
        Ok(generation) => {
            let token = app.sessions.start(&name, generation);
            let mut r = Redirect::to(&t.at("/journalist")).into_response();
            let h = r.headers_mut();
            h.append(
                header::SET_COOKIE,
                set_cookie(&app, SESSION, &token, "/journalist", None),
            );
            h.append(
                header::SET_COOKIE,
                set_cookie(&app, LOGIN, "", "/journalist/login", Some(0)),
            );
            r
        }
        Err(LoginError::Wrong) => login_form(
            &app,
            &t,
            StatusCode::UNAUTHORIZED,
            &t.plain("journalist-login-wrong"),
        ),
        Err(LoginError::Store(e)) => Failure::storage(e).page(&app, t),
    }
}

/// `POST /journalist/logout`.
pub async fn logout(State(app): State<Arc<App>>, t: Tr, j: Journalist, body: Bytes) -> Response {
    if !csrf_ok(&j, &form(&body)) {
        return csrf_refused(&app, t);
    }
    app.sessions.end(&j.token);
    let mut r = Redirect::to(&t.at("/journalist/login")).into_response();
    r.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(&app, SESSION, "", "/journalist", Some(0)),
    );
    r
}

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, StoreError> + Send + 'static,
) -> Result<T, Failure> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(Failure::storage)?
        .map_err(Failure::storage)
}

/// `GET /journalist`.
pub async fn list(State(app): State<Arc<App>>, t: Tr, j: Journalist) -> Response {
    let store = app.store.clone();
    let subs = match blocking(move || store.list()).await {
        Ok(s) => s,
        Err(f) => return f.page(&app, t),
    };
    let rows = subs.into_iter().map(Row::from).collect();
    pages::render(
        StatusCode::OK,
        &pages::Submissions {
            site: &app.site,
            t,
            journalist: &j.session.journalist,
            csrf: &j.session.csrf,
            rows,
        },
    )
}

fn attachment(name: &str, content_type: &'static str, body: Body) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
                    .unwrap_or_else(|_| HeaderValue::from_static("attachment")),
            ),
        ],
        body,
    )
        .into_response()
}

/// Sends what a blocking writer produces as a streamed body.
fn stream_from<F>(produce: F) -> Body
where
    F: FnOnce(&mut dyn std::io::Write) -> std::io::Result<()> + Send + 'static,
{
    let (tx, rx) = tokio::sync::mpsc::channel::<std::io::Result<Bytes>>(8);
    tokio::task::spawn_blocking(move || {
        let mut w = ChannelWriter { tx: tx.clone() };
        if let Err(e) = produce(&mut w) {
            eprintln!("export stopped: {e}");
            let _ = tx.blocking_send(Err(e));
        }
    });
    Body::from_stream(futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|item| (item, rx))
    }))
}

struct ChannelWriter {
    tx: tokio::sync::mpsc::Sender<std::io::Result<Bytes>>,
}

impl std::io::Write for ChannelWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.tx
            .blocking_send(Ok(Bytes::copy_from_slice(buf)))
            .map_err(|_| {
                std::io::Error::new(std::io::ErrorKind::BrokenPipe, "download cancelled")
            })?;
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// `GET /journalist/submissions/{id}/envelope`.
pub async fn envelope(
    State(app): State<Arc<App>>,
    t: Tr,
    _j: Journalist,
    Path(id): Path<String>,
) -> Response {
    let store = app.store.clone();
    let i = id.clone();
    let sub = match blocking(move || store.get(&i)).await {
        Ok(Some(s)) => s,
        Ok(None) => return no_submission().page(&app, t),
        Err(f) => return f.page(&app, t),
    };
    let store = app.store.clone();
    let body = stream_from(move |w| {
        let mut r = store.envelope(&id).map_err(std::io::Error::other)?;
        std::io::copy(&mut r, w)?;
        Ok(())
    });
    attachment(
        &format!("{}.age", sub.designation),
        "application/octet-stream",
        body,
    )
}

/// `GET /journalist/submissions/{id}/proof`.
pub async fn proof(
    State(app): State<Arc<App>>,
    t: Tr,
    _j: Journalist,
    Path(id): Path<String>,
) -> Response {
    let store = app.store.clone();
    match blocking(move || store.get(&id)).await {
        Ok(Some(s)) => match s.bundle {
            Some(b) => attachment(
                &format!("{}.proof.json", s.designation),
                "application/json",
                Body::from(b),
            ),
            None => Failure::said(StatusCode::NOT_FOUND, "refuse-no-proof").page(&app, t),
        },
        Ok(None) => no_submission().page(&app, t),
        Err(f) => f.page(&app, t),
    }
}

/// `POST /journalist/submissions/{id}/delete`.
pub async fn delete(
    State(app): State<Arc<App>>,
    t: Tr,
    j: Journalist,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    if !csrf_ok(&j, &form(&body)) {
        return csrf_refused(&app, t);
    }
    let store = app.store.clone();
    match blocking(move || store.delete(&id)).await {
        Ok(true) => Redirect::to(&t.at("/journalist")).into_response(),
        Ok(false) => no_submission().page(&app, t),
        Err(f) => f.page(&app, t),
    }
}

/// `POST /journalist/export`: the selected `id`s (or `all`), as one tar
/// archive streamed to the browser.
pub async fn export(State(app): State<Arc<App>>, t: Tr, j: Journalist, body: Bytes) -> Response {
    let form = form(&body);
    if !csrf_ok(&j, &form) {
        return csrf_refused(&app, t);
    }
    let all = field(&form, "all").is_some();
    let ids: Vec<String> = form
        .iter()
        .filter(|(k, _)| k == "id")
        .map(|(_, v)| v.clone())
        .collect();
    let store = app.store.clone();
    let chosen = match blocking(move || store.list()).await {
        Ok(list) => list
            .into_iter()
            .filter(|s| all || ids.contains(&s.id))
            .collect::<Vec<_>>(),
        Err(f) => return f.page(&app, t),
    };
    if chosen.is_empty() {
        return Failure::said(StatusCode::BAD_REQUEST, "refuse-select-export").page(&app, t);
    }
    let store = app.store.clone();
    let today = store::today();
    let body = stream_from(move |w| {
        export::write(&*store, &chosen, today, w).map_err(std::io::Error::other)?;
        Ok(())
    });
    attachment(
        &format!(
            "darkroom-export-{}.tar",
            darkroom_core::calendar::format_day(today)
        ),
        "application/x-tar",
        body,
    )
}

/// `GET /journalist/sources/{designation}`: what a source sent, the replies
/// sealed to them, and the reply form.
pub async fn source(
    State(app): State<Arc<App>>,
    t: Tr,
    j: Journalist,
    Path(designation): Path<String>,
) -> Response {
    source_page(&app, &t, &j, &designation, StatusCode::OK, "").await
}

async fn source_page(
    app: &Arc<App>,
    t: &Tr,
    j: &Journalist,
    designation: &str,
    status: StatusCode,
    notice: &str,
) -> Response {
    let store = app.store.clone();
    let d = designation.to_string();
    let found = blocking(move || {
        let Some(source) = store.source_by_designation(&d)? else {
            return Ok(None);
        };
        let replies = store.replies(&source.id)?;
        let sent: Vec<_> = store
            .list()?
            .into_iter()
            .filter(|s| s.source.as_deref() == Some(d.as_str()))
            .collect();
        Ok(Some((source, replies, sent)))
    })
    .await;
    let (source, replies, sent) = match found {
        Ok(Some(f)) => f,
        Ok(None) => return no_source().page(app, t.clone()),
        Err(f) => return f.page(app, t.clone()),
    };
    let t = t.on(&format!("/journalist/sources/{designation}"));
    let recipients = app
        .config
        .recipients
        .iter()
        .map(|r| format!("-r {r}"))
        .collect::<Vec<_>>()
        .join(" ");
    pages::render(
        status,
        &pages::SourcePage {
            site: &app.site,
            t,
            journalist: &j.session.journalist,
            csrf: &j.session.csrf,
            designation: &source.designation,
            recipients,
            source_recipient: &source.recipient,
            submissions: sent.into_iter().map(Row::from).collect(),
            replies: replies
                .iter()
                .map(|r| ReplyRow {
                    day: darkroom_core::calendar::format_day(r.day),
                    size: human_size(r.sealed.len() as u64),
                })
                .collect(),
            notice,
        },
    )
}

/// `POST /journalist/sources/{designation}/replies`: a multipart form with
/// `csrf` and `sealed`, a reply sealed and signed on the offline newsroom
/// machine (`darkroom newsroom reply`) to the source and the newsroom. A
/// client that sends `X-Requested-With: darkroom` gets JSON back.
pub async fn reply(
    State(app): State<Arc<App>>,
    t: Tr,
    j: Journalist,
    Path(designation): Path<String>,
    headers: HeaderMap,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let from_script = headers
        .get("x-requested-with")
        .is_some_and(|v| v == "darkroom");
    let outcome = store_reply(&app, &j, &designation, multipart).await;
    match (outcome, from_script) {
        (Ok(()), true) => (
            StatusCode::CREATED,
            axum::Json(serde_json::json!({ "stored": true })),
        )
            .into_response(),
        (Ok(()), false) => {
            source_page(
                &app,
                &t,
                &j,
                &designation,
                StatusCode::CREATED,
                &t.plain("journalist-reply-stored"),
            )
            .await
        }
        (Err(f), true) => f.json(),
        (Err(f), false) => f.page(&app, t),
    }
}

async fn store_reply(
    app: &Arc<App>,
    j: &Journalist,
    designation: &str,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<(), Failure> {
    let mut multipart =
        multipart.map_err(|_| Failure::said(StatusCode::BAD_REQUEST, "refuse-not-upload"))?;
    let mut csrf = None;
    let mut sealed = None;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|e| super::multipart_failure(e, crate::sources::MAX_SEALED_REPLY as u64))?
    {
        let limit = crate::sources::MAX_SEALED_REPLY;
        match field.name() {
            Some("csrf") if csrf.is_none() => {
                csrf = Some(super::read_small(field, 128, "token", limit as u64).await?);
            }
            Some("sealed") if sealed.is_none() => {
                sealed = Some(super::read_small(field, limit, "sealed reply", limit as u64).await?);
            }
            _ => return Err(Failure::said(StatusCode::BAD_REQUEST, "refuse-reply-field")),
        }
    }
    let token_ok = csrf
        .as_deref()
        .and_then(|t| std::str::from_utf8(t).ok())
        .is_some_and(|t| auth::same_token(t, &j.session.csrf));
    if !token_ok {
        return Err(csrf_failure());
    }
    let sealed =
        sealed.ok_or_else(|| Failure::said(StatusCode::BAD_REQUEST, "refuse-choose-reply"))?;
    crate::sources::check_reply(&sealed, app.config.kind, app.config.recipients.len())?;
    let store = app.store.clone();
    let d = designation.to_string();
    let source = blocking(move || store.source_by_designation(&d))
        .await?
        .ok_or_else(no_source)?;
    let today = store::today();
    let reply = crate::store::Reply {
        id: String::new(),
        source: source.id,
        day: today,
        expires_day: app.expires_day(today),
        sealed: sealed.to_vec(),
    };
    let store = app.store.clone();
    blocking(move || store.add_reply(&reply)).await?;
    Ok(())
}

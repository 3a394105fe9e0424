//! The source inbox: replies from the newsroom, read with a codename.
//!
//! With JavaScript, the page's client derives the codename's keys on the
//! source's device, and the API here answers with sealed replies only:
//! `POST /api/v1/inbox` and `POST /api/v1/inbox/delete` take the lookup and
//! verifier in the body, set no cookie and keep no session.
//!
//! Without JavaScript, and only where the operator turned on
//! `server_inbox`, `POST /inbox` takes the codename itself: the server
//! derives the keys in memory, opens the replies for display, and forgets
//! the keys; the page says so. A short session (a cookie scoped to
//! `/inbox`, holding only the account's id) lets that source delete.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::Engine;
use zeroize::{Zeroize, Zeroizing};

use super::journalist::{cookie, field, form, set_cookie};
use super::{slot, Failure};
use crate::auth;
use crate::pages::{self, InboxReply, Tr};
use crate::sources::{self, Claim};
use crate::store::{self, Source};
use crate::App;

const LOGIN: &str = "darkroom_inbox_login";
const SESSION: &str = "darkroom_inbox";

fn wrong_codename() -> Failure {
    Failure::said(StatusCode::UNAUTHORIZED, "refuse-no-account")
}

fn codenames_off() -> Failure {
    Failure::said(StatusCode::NOT_FOUND, "refuse-no-codenames")
}

/// Logs a claim in, in a bounded slot (one Argon2id run either way).
async fn login(app: &Arc<App>, claim: Claim) -> Result<Source, Failure> {
    if !app.config.codenames {
        return Err(codenames_off());
    }
    let _slot = slot(app, &app.codenames).await?;
    let store = app.store.clone();
    tokio::task::spawn_blocking(move || sources::login(&*store, &claim))
        .await
        .map_err(Failure::storage)?
        .map_err(Failure::storage)?
        .ok_or_else(wrong_codename)
}

async fn replies(app: &Arc<App>, source: &Source) -> Result<Vec<store::Reply>, Failure> {
    let store = app.store.clone();
    let id = source.id.clone();
    tokio::task::spawn_blocking(move || store.replies(&id))
        .await
        .map_err(Failure::storage)?
        .map_err(Failure::storage)
}

/// `POST /api/v1/inbox`: `{"lookup", "verifier"}`; answers the account's
/// replies, sealed: `{"replies": [{"id", "day", "sealed"}]}` (base64).
pub async fn api_list(State(app): State<Arc<App>>, body: Bytes) -> Response {
    let run = async {
        let claim = Claim::parse(&body)?;
        let source = login(&app, claim).await?;
        let list = replies(&app, &source).await?;
        let b64 = base64::engine::general_purpose::STANDARD;
        Ok::<_, Failure>(serde_json::json!({
            "replies": list.iter().map(|r| serde_json::json!({
                "id": r.id,
                "day": darkroom_core::calendar::format_day(r.day),
                "sealed": b64.encode(&r.sealed),
            })).collect::<Vec<_>>(),
        }))
    };
    match run.await {
        Ok(v) => Json(v).into_response(),
        Err(f) => f.json(),
    }
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct DeleteRequest {
    lookup: String,
    verifier: Zeroizing<String>,
    #[serde(default)]
    reply: Option<String>,
    #[serde(default)]
    account: bool,
}

/// `POST /api/v1/inbox/delete`: `{"lookup", "verifier", "reply": ID}` deletes
/// one reply; `{"lookup", "verifier", "account": true}` deletes the account
/// and every reply to it.
pub async fn api_delete(State(app): State<Arc<App>>, body: Bytes) -> Response {
    let run = async {
        let req: DeleteRequest = serde_json::from_slice(&body).map_err(|_| {
            Failure::bad("send JSON with lookup, verifier, and either reply or account")
        })?;
        let claim = Claim {
            lookup: req.lookup,
            verifier: req.verifier,
            recipient: None,
        }
        .checked()?;
        let source = login(&app, claim).await?;
        delete(&app, &source.id, req.reply, req.account).await
    };
    match run.await {
        Ok(what) => Json(serde_json::json!({ "deleted": what })).into_response(),
        Err(f) => f.json(),
    }
}

/// Deletes one of the account's replies, or the whole account; says which.
async fn delete(
    app: &Arc<App>,
    source_id: &str,
    reply: Option<String>,
    account: bool,
) -> Result<&'static str, Failure> {
    let store = app.store.clone();
    let id = source_id.to_string();
    let done = match (reply, account) {
        (None, true) => tokio::task::spawn_blocking(move || store.delete_source(&id))
            .await
            .map(|r| r.map(|_| "account")),
        (Some(reply), false) => {
            tokio::task::spawn_blocking(move || store.delete_reply(&id, &reply))
                .await
                .map(|r| r.map(|found| if found { "reply" } else { "nothing" }))
        }
        _ => return Err(Failure::bad("say which reply to delete, or the account")),
    };
    match done.map_err(Failure::storage)?.map_err(Failure::storage)? {
        "nothing" => Err(Failure::said(StatusCode::NOT_FOUND, "refuse-no-reply")),
        what => Ok(what),
    }
}

/// `GET /inbox`.
pub async fn page(State(app): State<Arc<App>>, t: Tr) -> Response {
    login_form(&app, &t, StatusCode::OK, "")
}

fn login_form(app: &App, t: &Tr, status: StatusCode, error: &str) -> Response {
    if !app.config.codenames {
        return codenames_off().page(app, t.clone());
    }
    let csrf = auth::random_token(32);
    let mut r = pages::render(
        status,
        &pages::Inbox {
            site: &app.site,
            t: t.clone(),
            csrf: &csrf,
            server_inbox: app.config.server_inbox,
            error,
            client: &crate::client::HASHES,
        },
    );
    if app.config.server_inbox {
        r.headers_mut().append(
            header::SET_COOKIE,
            set_cookie(app, LOGIN, &csrf, "/inbox", Some(1800)),
        );
    }
    r
}

/// `POST /inbox`: the no-JavaScript login. The server derives the keys
/// from the codename, opens the replies, renders them, and forgets both.
pub async fn server_login(
    State(app): State<Arc<App>>,
    t: Tr,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if !app.config.server_inbox {
        return Failure::said(StatusCode::FORBIDDEN, "refuse-inbox-on-device")
            .page(&app, t.clone());
    }
    let mut form = form(&body);
    let typed = Zeroizing::new(field(&form, "codename").unwrap_or_default().to_string());
    let sent = field(&form, "csrf").unwrap_or_default().to_string();
    form.iter_mut().for_each(|(_, v)| v.zeroize());
    let expected = cookie(&headers, LOGIN).unwrap_or_default();
    if expected.is_empty() || !auth::same_token(expected, &sent) {
        return login_form(
            &app,
            &t,
            StatusCode::FORBIDDEN,
            &t.plain("inbox-form-expired"),
        );
    }
    let salt = match app.codename_salt() {
        Ok(s) => s,
        Err(e) => return Failure::storage(e).page(&app, t.clone()),
    };
    let _slot = match slot(&app, &app.codenames).await {
        Ok(s) => s,
        Err(f) => return f.page(&app, t.clone()),
    };
    let store = app.store.clone();
    // Replies are checked against the key that signed the manifest this
    // server publishes (this path trusts the server anyway).
    let key = app.config.published.as_ref().map(|p| p.key.clone());
    let kind = app.config.kind;
    // Derive (64 MiB of Argon2id), log in and open, all in one blocking
    // task; the keys are dropped (and zeroized) at its end.
    let outcome = tokio::task::spawn_blocking(move || {
        let keys = match darkroom_core::codename::derive(&typed, &salt) {
            Ok(k) => k,
            Err(e) => return Ok(Err(e.to_string())),
        };
        let Some(source) = sources::login(&*store, &Claim::derived(&keys, kind))? else {
            return Ok(Err(String::new()));
        };
        let stored = store.replies(&source.id)?;
        let sealed: Vec<&[u8]> = stored.iter().map(|r| r.sealed.as_slice()).collect();
        // In the newsroom's order, dated by the newsroom where it signed a
        // date; a reply shown twice or missing is said.
        let replies =
            darkroom_core::reply::open_all(&sealed, &keys, key.as_ref(), &keys.recipients())
                .into_iter()
                .map(|read| {
                    let r = &stored[read.shown.served];
                    use darkroom_core::reply::Authenticity;
                    let (text, genuine, verdict) = match read.reply {
                        Ok((reply, a)) => (
                            reply.text.to_string(),
                            a.is_genuine(),
                            match a {
                                Authenticity::Signed => "inbox-signed",
                                Authenticity::Unsigned => "inbox-forged-unsigned",
                                Authenticity::BadSignature => "inbox-forged-signature",
                                Authenticity::OtherSource => "inbox-forged-other-source",
                            },
                        ),
                        Err(e) => (
                            format!("(this reply cannot be opened: {e})"),
                            false,
                            "inbox-unreadable",
                        ),
                    };
                    // The newsroom's number and date where it signed them;
                    // else the day the server lists, which says nothing.
                    let (seq, dated) = match (read.shown.seq, &read.shown.day) {
                        (Some(seq), Some(day)) if genuine => (seq, day.clone()),
                        _ => (0, String::new()),
                    };
                    InboxReply {
                        day: darkroom_core::calendar::format_day(r.day),
                        seq,
                        dated,
                        note: read.shown.note,
                        text,
                        genuine,
                        verdict,
                        id: r.id.clone(),
                    }
                })
                .collect::<Vec<_>>();
        Ok::<_, store::StoreError>(Ok((source, replies)))
    })
    .await;
    let (source, replies) = match outcome {
        Ok(Ok(Ok(found))) => found,
        Ok(Ok(Err(typo))) if !typo.is_empty() => {
            return login_form(&app, &t, StatusCode::BAD_REQUEST, &typo)
        }
        Ok(Ok(Err(_))) => {
            return login_form(
                &app,
                &t,
                StatusCode::UNAUTHORIZED,
                &t.plain("refuse-no-account"),
            )
        }
        Ok(Err(e)) => return Failure::storage(e).page(&app, t.clone()),
        Err(e) => return Failure::storage(e).page(&app, t.clone()),
    };
    let token = app.inbox_sessions.start(&source.id, 0);
    let session = app.inbox_sessions.get(&token);
    let csrf = session.map(|s| s.csrf).unwrap_or_default();
    let mut r = pages::render(
        StatusCode::OK,
        &pages::InboxRead {
            site: &app.site,
            t: t.clone(),
            csrf: &csrf,
            replies,
            notice: "",
        },
    );
    let h = r.headers_mut();
    h.append(
        header::SET_COOKIE,
        set_cookie(&app, SESSION, &token, "/inbox", None),
    );
    h.append(
        header::SET_COOKIE,
        set_cookie(&app, LOGIN, "", "/inbox", Some(0)),
    );
    r
}

/// `POST /inbox/delete`: `reply=ID` or `account=1`, in the no-JavaScript
/// session.
pub async fn server_delete(
    State(app): State<Arc<App>>,
    t: Tr,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let token = cookie(&headers, SESSION).unwrap_or_default().to_string();
    let form = form(&body);
    let Some(session) = app.inbox_sessions.get(&token) else {
        return login_form(
            &app,
            &t,
            StatusCode::UNAUTHORIZED,
            &t.plain("inbox-session-ended"),
        );
    };
    if !field(&form, "csrf").is_some_and(|t| auth::same_token(t, &session.csrf)) {
        return Failure::said(StatusCode::FORBIDDEN, "refuse-inbox-token").page(&app, t.clone());
    }
    let account = field(&form, "account").is_some();
    let reply = field(&form, "reply").map(str::to_string);
    match delete(&app, &session.journalist, reply, account).await {
        Ok(what) => {
            let notice = if what == "account" {
                app.inbox_sessions.end(&token);
                t.plain("inbox-deleted-account")
            } else {
                t.plain("inbox-deleted-reply")
            };
            pages::render(
                StatusCode::OK,
                &pages::InboxRead {
                    site: &app.site,
                    t: t.clone(),
                    csrf: "",
                    replies: Vec::new(),
                    notice: &notice,
                },
            )
        }
        Err(f) => f.page(&app, t.clone()),
    }
}

//! What a source sees: the landing and submit pages, the newsroom's public
//! configuration, and the submission API for envelopes sealed on the
//! source's own device. No handler here sets a cookie or logs anything.

use std::sync::Arc;

use axum::extract::{Multipart, Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use darkroom_core::served::{CodenameParams, Refusal};
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;

use super::{
    claim_source, multipart_failure, read_small, record, too_large, within_deadline, Failure,
};
use crate::intake::{self, MAX_HEADER};
use crate::pages::{self, Receipt, Tr};
use crate::sources::Claim;
use crate::store::{Label, Staged};
use crate::App;

/// The largest proof bundle taken (a JSON bundle is under 1 KiB).
pub const MAX_BUNDLE: usize = 16 * 1024;
/// The largest codename part (JSON: lookup, verifier and a reply
/// recipient, which is about 1,950 characters when hybrid).
pub const MAX_CLAIM: usize = 4 * 1024;

/// This server's address as the request names it (`Host`), for the
/// command lines the pages show; a name that is not a plain host is not
/// repeated.
fn origin(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b))
        })
        .unwrap_or("THIS-SERVER");
    format!("http://{host}")
}

/// `GET /`.
pub async fn landing(State(app): State<Arc<App>>, t: Tr, headers: HeaderMap) -> Response {
    let origin = origin(&headers);
    let key = app.config.published.as_ref().map(|p| &p.key);
    pages::render(
        StatusCode::OK,
        &pages::Landing {
            site: &app.site,
            t,
            newsroom_key: key.map(|k| k.to_base64()).unwrap_or_default(),
            fingerprint: key.map(|k| k.fingerprint()).unwrap_or_default(),
            recipients: &app.config.recipients,
            protection: pages::protection(app.config.kind),
            server_sealing: app.config.server_sealing,
            retention_days: app.config.retention_days,
            origin: &origin,
            client: &crate::client::HASHES,
        },
    )
}

/// `GET /submit`.
pub async fn submit_page(State(app): State<Arc<App>>, t: Tr, headers: HeaderMap) -> Response {
    let key = app.config.published.as_ref().map(|p| &p.key);
    pages::render(
        StatusCode::OK,
        &pages::Submit {
            site: &app.site,
            t,
            server_sealing: app.config.server_sealing,
            max_mib: app.config.limits.server_sealing_max_mib,
            max_upload_mib: app.config.limits.max_upload_mib,
            client: &crate::client::HASHES,
            proving_key_size: app
                .config
                .proving_key_compact
                .as_ref()
                .map_or(0, |k| k.len()),
            newsroom_key: key.map(|k| k.to_base64()).unwrap_or_default(),
            fingerprint: key.map(|k| k.fingerprint()).unwrap_or_default(),
            origin: &origin(&headers),
        },
    )
}

/// `GET /static/darkroom.css`.
pub async fn css() -> Response {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        crate::client::CSS,
    )
        .into_response()
}

/// `GET /static/client/{file}`: the browser client (see [`crate::client`]),
/// precompressed when the request accepts brotli or gzip. Asked for under
/// this bundle's version (`?v=`, as the pages do), it is kept for good
/// (`immutable`); otherwise a browser may keep it, but asks again each time
/// (`no-cache`), and the same bundle is answered `304 Not Modified`, with
/// no body.
pub async fn client_file(
    State(app): State<Arc<App>>,
    Path(name): Path<String>,
    axum::extract::RawQuery(query): axum::extract::RawQuery,
    headers: HeaderMap,
) -> Response {
    use crate::client::{self, Coding};
    let Some((bytes, media_type)) = client::file(&name) else {
        return not_found(State(app), Tr::default()).await;
    };
    if name == "SHA256SUMS" {
        return ([(header::CONTENT_TYPE, media_type)], bytes).into_response();
    }
    let accept = headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok());
    let coding = Coding::choose(accept);
    let etag = client::etag(&client::HASHES.bundle_sha256, coding);
    // Under this bundle's version (the address the pages use) the file is
    // kept for good; under any other, or none, it is asked for again.
    let versioned = query.as_deref() == Some(&format!("v={}", client::HASHES.version));
    let cache = match client::revalidated(&headers, etag, versioned) {
        Ok(cache) => cache,
        Err(not_modified) => return *not_modified,
    };
    match coding.and_then(|c| Some((c, client::encoded(&name, c)?))) {
        Some((c, encoded)) => (
            cache,
            [
                (header::CONTENT_TYPE, media_type),
                (header::CONTENT_ENCODING, c.token()),
            ],
            encoded,
        )
            .into_response(),
        None => (cache, [(header::CONTENT_TYPE, media_type)], bytes).into_response(),
    }
}

/// `GET /static/proof/proving.key`: the proving key browsers prove with,
/// and with `?form=compact` its compact form (which the submit page
/// fetches), in brotli or gzip when the request accepts it, kept but
/// revalidated like the client's files.
pub async fn proving_key(
    State(app): State<Arc<App>>,
    axum::extract::RawQuery(query): axum::extract::RawQuery,
    headers: HeaderMap,
) -> Response {
    use crate::client::{self, Sent};
    let (Some(key), Some(compact)) = (
        app.config.proving_key.clone(),
        app.config.proving_key_compact.clone(),
    ) else {
        return not_found(State(app), Tr::default()).await;
    };
    let compact_asked = match query.as_deref() {
        None => false,
        Some("form=compact") => true,
        Some(_) => return not_found(State(app), Tr::default()).await,
    };
    let plain = if compact_asked { compact } else { key };
    if app.proving_key_sent.form(compact_asked).get().is_none() {
        let (a, bytes) = (app.clone(), plain.clone());
        // Compressing takes a second: not on the runtime's threads.
        let made = tokio::task::spawn_blocking(move || {
            a.proving_key_sent
                .form(compact_asked)
                .get_or_init(|| Sent::of(&bytes));
        })
        .await;
        if made.is_err() {
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    }
    let Some(sent) = app.proving_key_sent.form(compact_asked).get() else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let accept = headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok());
    let encoded = sent.encoded(accept);
    let etag = client::etag(&sent.sha256, encoded.map(|(c, _)| c));
    let cache = match client::revalidated(&headers, etag, false) {
        Ok(cache) => cache,
        Err(not_modified) => return *not_modified,
    };
    let media_type = (header::CONTENT_TYPE, "application/octet-stream");
    match encoded {
        Some((coding, bytes)) => (
            cache,
            [media_type, (header::CONTENT_ENCODING, coding.token())],
            bytes.clone(),
        )
            .into_response(),
        None => (cache, [media_type], plain).into_response(),
    }
}

/// `GET /static/proof/{name}`: `registry-N.json`, the registries browsers
/// find the signing device in.
pub async fn registry(State(app): State<Arc<App>>, Path(name): Path<String>) -> Response {
    let text = name
        .strip_prefix("registry-")
        .and_then(|n| n.strip_suffix(".json"))
        .filter(|n| n.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|n| n.parse::<usize>().ok())
        .and_then(|i| app.config.registries.get(i));
    match text {
        Some(t) => ([(header::CONTENT_TYPE, "application/json")], t.clone()).into_response(),
        None => not_found(State(app), Tr::default()).await,
    }
}

/// `GET /.well-known/darkroom/manifest.json`: what the newsroom signed,
/// byte for byte as it was read.
pub async fn manifest(State(app): State<Arc<App>>) -> Response {
    match &app.config.published {
        Some(p) => ([(header::CONTENT_TYPE, "application/json")], p.json.clone()).into_response(),
        None => not_found(State(app), Tr::default()).await,
    }
}

/// `GET /.well-known/darkroom/manifest.json.minisig`: its signature.
pub async fn manifest_signature(State(app): State<Arc<App>>) -> Response {
    match &app.config.published {
        Some(p) => (
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            p.signature.clone(),
        )
            .into_response(),
        None => not_found(State(app), Tr::default()).await,
    }
}

/// Anything else.
pub async fn not_found(State(app): State<Arc<App>>, t: Tr) -> Response {
    Failure::said(StatusCode::NOT_FOUND, "refuse-not-found").page(&app, t)
}

/// `GET /.well-known/darkroom/config.json`: what a client needs to seal
/// and prove for this newsroom.
pub async fn config_json(State(app): State<Arc<App>>) -> Response {
    let codenames = app
        .config
        .codenames
        .then(|| app.codename_salt().ok())
        .flatten()
        .map(|salt| CodenameParams::new(&salt));
    Json(app.config.served(codenames)).into_response()
}

/// How much of a refused upload's body is read (and dropped) so its client
/// sees the answer.
const DRAIN_LIMIT: usize = 1 << 20;

/// `GET /api/v1/pow`: a proof-of-work challenge, and whether uploads need
/// one now.
pub async fn pow_challenge(State(app): State<Arc<App>>) -> Response {
    Json(app.pow.challenge()).into_response()
}

/// `POST /api/v1/submissions`: a multipart upload of `envelope` (age
/// ciphertext), an optional `bundle`, and an optional `codename` (JSON:
/// the lookup, verifier and reply recipient derived from a codename),
/// which must come before the envelope: it is checked before the file is
/// received.
/// Answers 201 with a receipt, or a 4xx with `{"error": …}` and nothing
/// stored.
pub async fn api_submit(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    // The proof of work, if the server is busy, before anything else.
    let header = headers
        .get("darkroom-pow")
        .map(|v| v.to_str().unwrap_or("").to_string());
    if header.is_some() || app.pow.required() {
        let app2 = app.clone();
        let admitted = tokio::task::spawn_blocking(move || app2.pow.admit(header.as_deref()))
            .await
            .unwrap_or(Err(crate::pow::Refusal::Wrong));
        if let Err(why) = admitted {
            // The file is not taken; a small one is read and dropped first,
            // so that the client, still sending, is not cut off before it
            // can read this answer. (Clients ask GET /api/v1/pow first, so
            // a large one rarely arrives here.)
            if let Ok(mut m) = multipart {
                let drain = async {
                    let mut read = 0usize;
                    while let Ok(Some(mut field)) = m.next_field().await {
                        while let Ok(Some(chunk)) = field.chunk().await {
                            read += chunk.len();
                            if read > DRAIN_LIMIT {
                                return;
                            }
                        }
                    }
                };
                let _ = tokio::time::timeout(std::time::Duration::from_secs(2), drain).await;
            }
            let error = match why {
                crate::pow::Refusal::Missing => "the drop box is busy: this upload needs a proof of work (a few seconds of your device's time); solve the challenge given here and send it again with the Darkroom-PoW header; nothing was stored",
                crate::pow::Refusal::Wrong => "the proof of work is wrong, expired or already used; solve the challenge given here and send it again; nothing was stored",
            };
            return (
                StatusCode::PRECONDITION_REQUIRED,
                Json(Refusal {
                    error: error.into(),
                    pow: Some(app.pow.challenge()),
                }),
            )
                .into_response();
        }
    }
    match submit(&app, multipart).await {
        Ok(receipt) => (StatusCode::CREATED, Json(receipt)).into_response(),
        Err(f) => f.json(),
    }
}

async fn submit(
    app: &Arc<App>,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Receipt, Failure> {
    let mut multipart = multipart
        .map_err(|_| Failure::bad("send a multipart/form-data upload with an `envelope` part"))?;
    let _slot = super::pace::slot(app, super::pace::Pool::Uploads).await?;
    let limit = app.config.limits.max_upload();
    let (envelope, bundle, source) = within_deadline(app, async {
        let mut envelope = None;
        let mut bundle = None;
        let mut source = None;
        while let Some(field) = multipart
            .next_field()
            .await
            .map_err(|e| multipart_failure(e, limit))?
        {
            match field.name() {
                Some("envelope") if envelope.is_none() => {
                    envelope = Some(receive_envelope(app, field).await?);
                }
                Some("bundle") if bundle.is_none() => {
                    bundle = Some(read_small(field, MAX_BUNDLE, "proof bundle", limit).await?);
                }
                // Checked before the file is received: a source with a
                // mistyped codename learns it before a long upload, and a
                // wrong one costs the server no disk.
                Some("codename") if envelope.is_some() => {
                    return Err(Failure::bad(
                        "send the `codename` part before the `envelope`: a codename is checked before the file is received",
                    ))
                }
                Some("codename") if source.is_none() => {
                    let json = read_small(field, MAX_CLAIM, "codename part", limit).await?;
                    source = Some(claim_source(app, Claim::parse(&json)?).await?);
                }
                _ => {
                    return Err(Failure::bad(
                        "unexpected form part; send `envelope` and, optionally, `bundle` and `codename`",
                    ))
                }
            }
        }
        Ok((envelope, bundle, source))
    })
    .await?;
    let (staged, size, sha) =
        envelope.ok_or_else(|| Failure::bad("the upload has no `envelope` part"))?;
    let checked = match bundle {
        Some(bytes) if !bytes.is_empty() => {
            let app2 = app.clone();
            let checked = tokio::task::spawn_blocking(move || {
                intake::check_bundle(
                    &bytes,
                    app2.config.verifier.as_ref(),
                    &app2.config.registry_roots,
                )
            })
            .await
            .map_err(Failure::storage)??;
            Some(checked)
        }
        _ => None,
    };
    let proof = match checked {
        Some(c) => super::Proof {
            label: c.label,
            disclosed: Some(c.disclosed),
            bundle: Some(c.json),
            commitment: Some(c.commitment),
        },
        None => super::Proof::none(Label::NoProof),
    };
    record(app, staged, size, sha, proof, source).await
}

/// Streams the `envelope` part into a staged file, checking the age
/// header as soon as it has arrived and the size as it grows.
async fn receive_envelope(
    app: &App,
    mut field: axum::extract::multipart::Field<'_>,
) -> Result<(Staged, u64, String), Failure> {
    let limit = app.config.limits.max_upload();
    let recipients = app.config.recipients.len();
    super::room(app)?;
    let mut staged = app.store.stage().map_err(Failure::storage)?;
    // Multipart chunks are small; each write to a tokio file is a trip to
    // the blocking pool, so they are gathered into 1 MiB writes.
    let mut file =
        tokio::io::BufWriter::with_capacity(1 << 20, tokio::fs::File::from_std(staged.take()));
    let mut hash = Sha256::new();
    let mut head: Vec<u8> = Vec::new();
    let mut header = None;
    let mut total: u64 = 0;
    while let Some(chunk) = field
        .chunk()
        .await
        .map_err(|e| multipart_failure(e, limit))?
    {
        // The floor is looked at again every 16 MiB.
        if (total >> 24) != ((total + chunk.len() as u64) >> 24) {
            super::room(app)?;
        }
        total += chunk.len() as u64;
        if total > limit {
            return Err(too_large(limit));
        }
        if header.is_none() {
            let want = (MAX_HEADER + 1).saturating_sub(head.len()).min(chunk.len());
            head.extend_from_slice(&chunk[..want]);
            header = intake::check_header(&head, app.config.kind, recipients)?;
        }
        hash.update(&chunk);
        file.write_all(&chunk).await.map_err(Failure::storage)?;
    }
    let header = match header {
        Some(h) => h,
        None => intake::check_header(&head, app.config.kind, recipients)?
            .ok_or_else(|| intake::Refusal("the envelope is cut short".into()))?,
    };
    intake::check_size(total, header.len)?;
    file.flush().await.map_err(Failure::storage)?;
    staged.put(file.into_inner().into_std().await);
    Ok((staged, total, hex::encode(hash.finalize())))
}

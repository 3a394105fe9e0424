//! The public verify page: the same verdict as `darkroom verify`, for a
//! bundle and, optionally, the photo and its opening. Nothing is stored.

use std::sync::Arc;

use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;
use darkroom_circuits::field;
use darkroom_core::bundle::Bundle;
use darkroom_core::digest::{ContentDigest, Opening};
use darkroom_core::provenance;
use darkroom_core::publication::{Kept, Publication};
use zeroize::Zeroizing;

use super::{multipart_failure, read_small, within_deadline, Failure};
use crate::pages::{self, Tr, Verdict};
use crate::routes::source::MAX_BUNDLE;
use crate::App;

fn render(app: &App, t: Tr, status: StatusCode, verdict: Option<Verdict>) -> Response {
    let checker = checker_data(app, false);
    pages::render(
        status,
        &pages::Verify {
            site: &app.site,
            t,
            has_keys: app.config.verifier.is_some(),
            roots: app
                .config
                .registry_roots
                .iter()
                .map(|t| {
                    format!(
                        "{} ({})",
                        field::to_hex(&t.root),
                        darkroom_core::newsroom::anonymity_set(t.devices)
                            .replacen("one of ", "", 1)
                    )
                })
                .collect(),
            verdict,
            publications: checker.is_some(),
            newsroom_key: app
                .config
                .published
                .as_ref()
                .map(|p| p.key.to_base64())
                .unwrap_or_default(),
            data: checker.unwrap_or_default(),
            verify_sri: &crate::client::HASHES.verify_sri,
            version: &crate::client::HASHES.version,
        },
    )
}

/// JSON for a script element: no `</` that could end it.
fn script_safe(text: &str) -> String {
    text.replace("</", "<\\/")
}

/// The publication checker's data (`web/js/verify.js`): the newsroom's
/// signed manifest and verifying key, and where the WebAssembly and the
/// JavaScript build are (or, for the single file, the WebAssembly itself). `None` without a signed
/// manifest or a verifying key.
fn checker_data(app: &App, inline: bool) -> Option<String> {
    use base64::Engine;
    let published = app.config.published.as_ref()?;
    let verifier = app.config.verifier.as_ref()?;
    let mut vk = Vec::new();
    darkroom_circuits::groth16::write_verifying_key(
        verifier.key(),
        verifier.version(),
        verifier.setup(),
        &mut vk,
    )
    .ok()?;
    let b64 = base64::engine::general_purpose::STANDARD;
    let mut data = serde_json::json!({
        "manifest": b64.encode(&published.json),
        "signature": published.signature,
        "verifying_key": hex::encode(vk),
    });
    if inline {
        // Encoded once: the single file is served as often as it is asked.
        static WASM_BASE64: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
            base64::engine::general_purpose::STANDARD.encode(crate::client::WASM)
        });
        data["wasm_base64"] = WASM_BASE64.as_str().into();
    } else {
        let version = &crate::client::HASHES.version;
        data["wasm"] = format!("/static/client/darkroom_web_bg.wasm?v={version}").into();
        data["wasm_sha256"] = crate::client::HASHES.wasm_sha256.clone().into();
        // Where WebAssembly is off: the same checker as JavaScript.
        data["js"] = format!("/static/client/darkroom_verify_js.js?v={version}").into();
        data["js_sri"] = crate::client::HASHES.verify_js_sri.clone().into();
    }
    Some(script_safe(&data.to_string()))
}

/// `GET /verify/offline.html`: the publication checker as one file, to
/// save and open with no network.
pub async fn offline(State(app): State<Arc<App>>, t: Tr) -> Response {
    use axum::response::IntoResponse;
    let (Some(data), Some(published)) = (checker_data(&app, true), app.config.published.as_ref())
    else {
        return super::source::not_found(State(app), Tr::default()).await;
    };
    let script = [crate::client::GLUE, b"\n", crate::client::VERIFY_SRC].concat();
    let page = pages::VerifyOffline {
        t,
        newsroom: &app.site.newsroom,
        newsroom_key: published.key.to_base64(),
        saved: darkroom_core::calendar::format_day(crate::config::now() / 86_400),
        data,
        script: script_safe(&String::from_utf8_lossy(&script)),
    };
    let mut response = pages::render(StatusCode::OK, &page);
    if response.status() == StatusCode::OK {
        response.headers_mut().insert(
            axum::http::header::CONTENT_DISPOSITION,
            axum::http::HeaderValue::from_static("attachment; filename=\"darkroom-verify.html\""),
        );
    }
    response.into_response()
}

/// `GET /verify`.
pub async fn page(State(app): State<Arc<App>>, t: Tr) -> Response {
    render(&app, t, StatusCode::OK, None)
}

struct Upload {
    bundle: Zeroizing<Vec<u8>>,
    image: Option<(String, Zeroizing<Vec<u8>>)>,
    opening: Option<Zeroizing<Vec<u8>>>,
}

/// `POST /verify`: fields `bundle`, and optionally `image` and `opening`.
pub async fn check(
    State(app): State<Arc<App>>,
    t: Tr,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    match verdict(&app, multipart).await {
        Ok(v) => {
            let status = if v.valid {
                StatusCode::OK
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            render(&app, t, status, Some(v))
        }
        Err(f) => f.page(&app, t),
    }
}

async fn verdict(
    app: &Arc<App>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Verdict, Failure> {
    if app.config.verifier.is_none() {
        return Err(Failure::said(StatusCode::NOT_FOUND, "refuse-no-verifier"));
    }
    let mut multipart =
        multipart.map_err(|_| Failure::said(StatusCode::BAD_REQUEST, "refuse-not-upload"))?;
    // Held by the blocking check below until it ends: a client that goes
    // away does not free it while the work goes on.
    let slot = super::pace::slot(app, super::pace::Pool::Verifying).await?;
    let limit = app.config.limits.server_sealing_max();
    let upload = within_deadline(app, async {
        let mut bundle = None;
        let mut image = None;
        let mut opening = None;
        while let Some(field) = multipart
            .next_field()
            .await
            .map_err(|e| multipart_failure(e, limit))?
        {
            match field.name() {
                Some("bundle") if bundle.is_none() => {
                    bundle = Some(read_small(field, MAX_BUNDLE, "proof bundle", limit).await?);
                }
                Some("image") if image.is_none() => {
                    let name = field.file_name().unwrap_or("image").to_string();
                    let bytes = read_small(field, limit as usize, "photo", limit).await?;
                    image = Some((name, bytes));
                }
                Some("opening") if opening.is_none() => {
                    opening = Some(read_small(field, 2048, "opening", limit).await?);
                }
                _ => {
                    return Err(Failure::said(
                        StatusCode::BAD_REQUEST,
                        "refuse-verify-field",
                    ))
                }
            }
        }
        Ok(Upload {
            bundle: bundle
                .ok_or_else(|| Failure::said(StatusCode::BAD_REQUEST, "refuse-choose-bundle"))?,
            image: image.filter(|(_, b)| !b.is_empty()),
            opening: opening.filter(|o| !o.iter().all(u8::is_ascii_whitespace)),
        })
    })
    .await?;
    let owned = app.clone();
    app.checks
        .run(move || {
            let app = owned;
            let _slot = slot;
            let verdict = |r: Result<String, darkroom_core::ProofError>| match r {
                Ok(text) => Verdict {
                    valid: true,
                    text: format!("{text}. This registry is one this newsroom trusts."),
                },
                Err(e) => Verdict {
                    valid: false,
                    text: e.to_string(),
                },
            };
            // A publication bundle is checked against its published image.
            if Publication::sniff(&upload.bundle) {
                let Some((_, bytes)) = &upload.image else {
                    return Err(Failure::said(
                        StatusCode::BAD_REQUEST,
                        "refuse-publication-photo",
                    ));
                };
                let Some(verifier) = app.config.verifier.as_ref() else {
                    return Err(Failure::said(StatusCode::BAD_REQUEST, "refuse-no-verifier"));
                };
                let checked = Publication::from_json(&String::from_utf8_lossy(&upload.bundle))
                    .and_then(|p| p.check_image(bytes));
                return Ok(match checked {
                    Err(e) => verdict(Err(e)),
                    Ok(c) => {
                        let mut v = verdict(provenance::check(
                            &c.bundle,
                            verifier,
                            Some(&app.config.registry_roots),
                            None,
                        ));
                        if v.valid {
                            v.text = format!("{} {}.", v.text, c.describe());
                        }
                        v
                    }
                });
            }
            let bundle = match Bundle::parse(&upload.bundle) {
                Ok(b) => b,
                Err(e) => return Ok(verdict(Err(e))),
            };
            let image = match (&upload.image, &upload.opening) {
                (None, None) => None,
                (Some((name, bytes)), Some(opening)) => {
                    let text = std::str::from_utf8(opening).unwrap_or_default().trim();
                    let bad = || Failure::said(StatusCode::BAD_REQUEST, "refuse-opening");
                    let unreadable = |e: String| Failure::new(StatusCode::UNPROCESSABLE_ENTITY, e);
                    if text.starts_with('{') {
                        // A version 2 capture: the commitment is to the tile root.
                        let kept = Kept::from_json(text).map_err(|_| bad())?;
                        let c = darkroom_core::publication::decode_bounded(bytes, "photo")
                            .map_err(|e| {
                                unreadable(format!("the photo's tiles cannot be read: {e}"))
                            })?;
                        let root = darkroom_core::tiles::root(&c, &kept.tiles.seed);
                        Some((ContentDigest(root), kept.opening))
                    } else {
                        let r = field::from_hex(text).map_err(|_| bad())?;
                        let (digest, _) = ContentDigest::of(&bytes[..], Some(name))
                            .map_err(|e| unreadable(e.to_string()))?;
                        Some((digest, Opening::from(r)))
                    }
                }
                _ => {
                    return Err(Failure::said(
                        StatusCode::BAD_REQUEST,
                        "refuse-photo-and-opening",
                    ))
                }
            };
            let Some(verifier) = app.config.verifier.as_ref() else {
                return Err(Failure::said(StatusCode::BAD_REQUEST, "refuse-no-verifier"));
            };
            Ok(verdict(provenance::check(
                &bundle,
                verifier,
                Some(&app.config.registry_roots),
                image.as_ref().map(|(d, o)| (d, o)),
            )))
        })
        .await
        .map_err(|_| Failure::said(StatusCode::INTERNAL_SERVER_ERROR, "refuse-check-failed"))?
}

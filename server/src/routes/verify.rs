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
use zeroize::Zeroizing;

use super::{multipart_failure, read_small, within_deadline, Failure};
use crate::pages::{self, Verdict};
use crate::routes::source::MAX_BUNDLE;
use crate::App;

fn render(app: &App, status: StatusCode, verdict: Option<Verdict>) -> Response {
    pages::render(
        status,
        &pages::Verify {
            site: &app.site,
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
        },
    )
}

/// `GET /verify`.
pub async fn page(State(app): State<Arc<App>>) -> Response {
    render(&app, StatusCode::OK, None)
}

struct Upload {
    bundle: Zeroizing<Vec<u8>>,
    image: Option<(String, Zeroizing<Vec<u8>>)>,
    opening: Option<Zeroizing<Vec<u8>>>,
}

/// `POST /verify`: fields `bundle`, and optionally `image` and `opening`.
pub async fn check(
    State(app): State<Arc<App>>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    match verdict(&app, multipart).await {
        Ok(v) => {
            let status = if v.valid {
                StatusCode::OK
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            render(&app, status, Some(v))
        }
        Err(f) => f.page(&app),
    }
}

async fn verdict(
    app: &Arc<App>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Verdict, Failure> {
    if app.config.verifier.is_none() {
        return Err(Failure::new(
            StatusCode::NOT_FOUND,
            "this server has no verifying key; use `darkroom verify`",
        ));
    }
    let mut multipart = multipart.map_err(|_| Failure::bad("send the form as a file upload"))?;
    let _slot = super::pace::slot(app, super::pace::Pool::Verifying).await?;
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
                    opening = Some(read_small(field, 200, "opening", limit).await?);
                }
                _ => return Err(Failure::bad("unexpected form field")),
            }
        }
        Ok(Upload {
            bundle: bundle.ok_or_else(|| Failure::bad("choose a proof bundle"))?,
            image: image.filter(|(_, b)| !b.is_empty()),
            opening: opening.filter(|o| !o.iter().all(u8::is_ascii_whitespace)),
        })
    })
    .await?;
    let app = app.clone();
    tokio::task::spawn_blocking(move || {
        let verdict = |r: Result<String, darkroom_core::Error>| match r {
            Ok(text) => Verdict {
                valid: true,
                text: format!("{text}. This registry is one this newsroom trusts."),
            },
            Err(e) => Verdict {
                valid: false,
                text: e.to_string(),
            },
        };
        let bundle = match Bundle::parse(&upload.bundle) {
            Ok(b) => b,
            Err(e) => return Ok(verdict(Err(e))),
        };
        let image = match (&upload.image, &upload.opening) {
            (None, None) => None,
            (Some((name, bytes)), Some(opening)) => {
                let r = std::str::from_utf8(opening)
                    .ok()
                    .and_then(|t| field::from_hex(t.trim()).ok())
                    .ok_or_else(|| Failure::bad("the opening must be 0x and 64 hex digits"))?;
                let (digest, _) = ContentDigest::of(&bytes[..], Some(name))
                    .map_err(|e| Failure::new(StatusCode::UNPROCESSABLE_ENTITY, e.to_string()))?;
                Some((digest, Opening::from(r)))
            }
            _ => {
                return Err(Failure::bad(
                    "to check a photo, give both the photo and its opening",
                ))
            }
        };
        let Some(verifier) = app.config.verifier.as_ref() else {
            return Err(Failure::bad("this server has no verifying key"));
        };
        Ok(verdict(provenance::check(
            &bundle,
            verifier,
            Some(&app.config.registry_roots),
            image.as_ref().map(|(d, o)| (d, o)),
        )))
    })
    .await
    .map_err(Failure::storage)?
}

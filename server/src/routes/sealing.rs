//! The no-JavaScript path: a plain form upload that the server strips and
//! seals itself. The plaintext lives only in memory (in buffers that are
//! zeroized when dropped); only the sealed envelope reaches the disk.

use std::io::{self, Cursor, Write};
use std::sync::Arc;

use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;
use darkroom_core::envelope::{self, SealOptions};
use darkroom_core::strip::Uncleanable;
use darkroom_core::StripError;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use super::{
    extend_zeroizing, multipart_failure, read_small, record, too_large, within_deadline, Failure,
};
use crate::pages::{self, Receipt, Tr};
use crate::store::Label;
use crate::App;

/// `POST /submit`: fields `message` (optional) and `file`.
pub async fn submit(
    State(app): State<Arc<App>>,
    t: Tr,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    match seal_upload(&app, multipart).await {
        Ok(receipt) => pages::render(
            StatusCode::CREATED,
            &pages::Thanks {
                site: &app.site,
                t,
                label: Label::parse(&receipt.label).for_sources(),
                // What the receipt's envelope was sealed to (`record`).
                protection: pages::protection(app.config.kind),
                receipt: &receipt,
            },
        ),
        Err(f) => f.page(&app, t),
    }
}

struct Plain {
    name: String,
    send_as_is: bool,
    message: Option<Zeroizing<String>>,
    bytes: Zeroizing<Vec<u8>>,
}

async fn seal_upload(
    app: &Arc<App>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Receipt, Failure> {
    if !app.config.server_sealing {
        return Err(Failure::said(
            StatusCode::FORBIDDEN,
            "refuse-no-server-sealing",
        ));
    }
    let mut multipart =
        multipart.map_err(|_| Failure::said(StatusCode::BAD_REQUEST, "refuse-not-upload"))?;
    let _slot = super::pace::slot(app, super::pace::Pool::Sealing).await?;
    let limit = app.config.limits.server_sealing_max();
    let plain = within_deadline(app, async {
        let mut message = None;
        let mut send_as_is = false;
        let mut file = None;
        while let Some(mut field) = multipart
            .next_field()
            .await
            .map_err(|e| multipart_failure(e, limit))?
        {
            match field.name() {
                Some("message") if message.is_none() && file.is_none() => {
                    let bytes = read_small(field, envelope::MAX_MESSAGE, "message", limit).await?;
                    let text = std::str::from_utf8(&bytes)
                        .map_err(|_| Failure::said(StatusCode::BAD_REQUEST, "refuse-not-text"))?;
                    message = Some(Zeroizing::new(text.to_string()));
                }
                Some("send_as_is") if file.is_none() => {
                    let bytes = read_small(field, 8, "send_as_is", limit).await?;
                    send_as_is = &bytes[..] == b"yes";
                }
                Some("file") if file.is_none() => {
                    let name = field.file_name().unwrap_or("file").to_string();
                    let mut bytes = Zeroizing::new(Vec::new());
                    while let Some(chunk) = field
                        .chunk()
                        .await
                        .map_err(|e| multipart_failure(e, limit))?
                    {
                        if (bytes.len() + chunk.len()) as u64 > limit {
                            return Err(too_large(limit));
                        }
                        extend_zeroizing(&mut bytes, &chunk);
                    }
                    file = Some((name, bytes));
                }
                Some("message" | "send_as_is") => {
                    return Err(Failure::said(StatusCode::BAD_REQUEST, "refuse-form-order"))
                }
                _ => return Err(Failure::said(StatusCode::BAD_REQUEST, "refuse-plain-field")),
            }
        }
        let (name, bytes) =
            file.ok_or_else(|| Failure::said(StatusCode::BAD_REQUEST, "refuse-choose-file"))?;
        if bytes.is_empty() {
            return Err(Failure::said(StatusCode::BAD_REQUEST, "refuse-empty-file"));
        }
        Ok(Plain {
            name,
            send_as_is,
            message: message.filter(|m| !m.trim().is_empty()),
            bytes,
        })
    })
    .await?;

    super::room(app)?;
    let store = app.store.clone();
    let recipients = app.config.recipients.clone();
    let (staged, size, sha) = tokio::task::spawn_blocking(move || {
        let mut staged = store.stage().map_err(Failure::storage)?;
        let mut out = Hashing {
            inner: io::BufWriter::new(staged.take()),
            hash: Sha256::new(),
            len: 0,
        };
        let options = SealOptions {
            file_name: plain.name.clone(),
            recipients,
            message: plain.message.as_ref().map(|m| m.to_string()),
            opening: None,
            expect_digest: None,
            tiles: None,
            reply_recipient: None,
            uncleanable: if plain.send_as_is {
                Uncleanable::SendAsIs
            } else {
                Uncleanable::Refuse
            },
            // Never here: the server would see the original.
            keep_credentials: false,
        };
        let sealed = envelope::seal(Cursor::new(&plain.bytes[..]), options, &mut out);
        drop(plain);
        sealed.map_err(|e| Failure::new(StatusCode::UNPROCESSABLE_ENTITY, refusal(&e)))?;
        let file = out
            .inner
            .into_inner()
            .map_err(|e| Failure::storage(e.error()))?;
        staged.put(file);
        Ok::<_, Failure>((staged, out.len, hex::encode(out.hash.finalize())))
    })
    .await
    .map_err(Failure::storage)??;
    record(
        app,
        staged,
        size,
        sha,
        super::Proof::none(Label::SealedByServer),
        None,
    )
    .await
}

struct Hashing<W> {
    inner: W,
    hash: Sha256,
    len: u64,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hash.update(&buf[..n]);
        self.len += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// What the form says when sealing fails: the core's sentence, with the
/// form's own way to send a file as it is.
fn refusal(e: &darkroom_core::Error) -> String {
    match e {
        darkroom_core::Error::Strip(StripError::CannotClean { kind, advice }) => format!(
            "nothing was sent: Darkroom cannot remove the metadata from this {kind}. {advice} To send it anyway, exactly as it is, tick \"Send it as it is\" and choose the file again"
        ),
        e => e.to_string(),
    }
}

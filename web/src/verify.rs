//! Checking a publication (a published photo and its bundle) in the
//! browser: the photo is read here and goes nowhere. The same checks as
//! `darkroom verify PUBLICATION --image PHOTO --manifest … --newsroom-key …`.

use std::io::Cursor;

use base64::Engine;
use darkroom_circuits::groth16::{self, Verifier};
use darkroom_core::calendar;
use darkroom_core::newsroom::{Manifest, NewsroomKey};
use darkroom_core::provenance::{self, TrustedRoot};
use darkroom_core::publication::Publication;
use serde_json::json;

use crate::client::ClientError;

fn fail(s: impl Into<String>) -> ClientError {
    ClientError(s.into())
}

/// Checks `image` against the publication bundle `bundle`, trusting the
/// registries of the manifest `key` signed (whatever its dates: a proof
/// about a past capture is checked against what the newsroom said then),
/// with the verifying key `vk` it names. Returns the verdict as JSON:
/// `{text, shown, keys, newsroom, fingerprint, expired, width, height,
/// hidden: [[x, y, w, h]…], drawing}`, `drawing` the base64 of the JPEG to
/// show: the verified coefficients written afresh.
pub fn publication(
    manifest: &[u8],
    signature: &str,
    key: &str,
    now: u64,
    vk: &[u8],
    bundle: &str,
    image: &[u8],
) -> Result<String, ClientError> {
    let key = NewsroomKey::parse(key.trim())?;
    let m = Manifest::verify_signed(manifest, signature, &key)?;
    let (vk, version, setup) = groth16::read_verifying_key(Cursor::new(vk))
        .map_err(|e| fail(format!("the verifying key could not be read: {e}")))?;
    let verifier = Verifier::new(vk, version, setup);
    if m.circuit.as_ref().map(|c| c.id.as_str())
        != Some(hex::encode(verifier.circuit_id()).as_str())
    {
        return Err(fail(
            "the verifying key is not the one the newsroom signed, so this page cannot check proofs",
        ));
    }
    let publication = Publication::from_json(bundle)?;
    let checked = publication.check_image(image)?;
    let trusted = TrustedRoot::from_manifest(&m)?;
    let text = provenance::check(&checked.bundle, &verifier, Some(&trusted), None)?;
    // What the page draws: the verified coefficients written afresh, never
    // the bytes it was given.
    let drawing = checked.drawing()?;
    let image = &checked.image;
    Ok(json!({
        "text": text,
        "shown": checked.describe(),
        "keys": verifier.setup().to_string(),
        "newsroom": m.newsroom,
        "fingerprint": key.fingerprint(),
        "expired": (now > m.expires).then(|| calendar::format(m.expires)),
        "width": image.width,
        "height": image.height,
        "hidden": checked.hidden_areas.iter().map(|r| [r.x, r.y, r.w, r.h]).collect::<Vec<_>>(),
        "drawing": base64::engine::general_purpose::STANDARD.encode(drawing),
    })
    .to_string())
}

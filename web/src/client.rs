//! What the submit page does on the source's device, as plain Rust: the
//! same calls `darkroom seal` and `darkroom submit --prove` make, over
//! bytes in memory instead of files.

use std::fmt;
use std::io::Cursor;

use darkroom_circuits::groth16;
use darkroom_circuits::statement::NO_FIX;
use darkroom_circuits::{field, statement};
use darkroom_core::bundle::Bundle;
use darkroom_core::capture::{self, unshift, Attestation};
use darkroom_core::digest::{ContentDigest, Opening};
use darkroom_core::envelope::{self, SealOptions};
use darkroom_core::provenance::{self, Region, TimeWindow};
use darkroom_core::registry::Registry;
use darkroom_core::report::StripReport;
use darkroom_core::{calendar, Error, MediaKind};
use serde_json::json;

/// One sentence for the source; nothing in it comes from the file's
/// removed metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientError(pub String);

impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<Error> for ClientError {
    fn from(e: Error) -> Self {
        ClientError(e.to_string())
    }
}

fn fail(s: impl Into<String>) -> ClientError {
    ClientError(s.into())
}

/// `darkroom-web VERSION (STATEMENT)`.
pub fn version() -> String {
    format!(
        "darkroom-web {} ({})",
        env!("CARGO_PKG_VERSION"),
        statement::STATEMENT_ID
    )
}

/// The attestation for a file: a `.capture.json` sidecar the source chose
/// with it, else one embedded in a JPEG. `Ok(None)` when there is none.
fn attestation(bytes: &[u8], sidecar: Option<&str>) -> Result<Option<Attestation>, Error> {
    if let Some(text) = sidecar {
        return Attestation::from_json(text).map(Some);
    }
    if MediaKind::sniff(bytes) == MediaKind::Jpeg {
        return capture::find_in_jpeg(bytes);
    }
    Ok(None)
}

/// A report of what sealing would do, as JSON:
///
/// ```json
/// { "kind": "JPEG", "media_type": "image/jpeg", "metadata_removed": true,
///   "summary": "GPS position fields, serial number, 2 timestamps",
///   "removed": [{"name": "APP1 Exif", "count": 1, "bytes": 1234}],
///   "notes": [], "residual_risks": ["…"], "input_bytes": 1, "output_bytes": 1,
///   "capture": null | {"day": "2026-11-27", "has_position": true}
///              | {"error": "…"} }
/// ```
///
/// `capture` tells the page whether a proof can be offered; its day is
/// shown only to the source, on their own device.
pub fn inspect(bytes: &[u8], name: &str, sidecar: Option<&str>) -> Result<String, ClientError> {
    let (_, report) = ContentDigest::of(Cursor::new(bytes), Some(name))?;
    let capture = match attestation(bytes, sidecar) {
        Ok(Some(a)) => match a.verify() {
            Ok(()) => json!({
                "day": calendar::format_day(a.capture.t / 86_400),
                "has_position": a.capture.lat != NO_FIX,
            }),
            Err(e) => json!({ "error": e.to_string() }),
        },
        Ok(None) => serde_json::Value::Null,
        Err(e) => json!({ "error": e.to_string() }),
    };
    Ok(json!({
        "kind": report.kind.name(),
        "media_type": report.media_type,
        "metadata_removed": report.metadata_removed,
        "summary": report.summary(),
        "removed": report.removed,
        "notes": report.notes,
        "residual_risks": report.residual_risks,
        "input_bytes": report.input_bytes,
        "output_bytes": report.output_bytes,
        "capture": capture,
    })
    .to_string())
}

/// A proof, the opening it commits with, and the digest it was made for.
pub struct Proven {
    /// What is uploaded.
    pub bundle: Bundle,
    /// `r`: sealed into the envelope, never shown to the page.
    pub opening: Opening,
    /// The file's content digest.
    pub digest: ContentDigest,
}

/// The disclosed region for a capture: `none`, or `cell:DEG`, the cell of a
/// DEG-degree grid (1, 5, 10, 30 or 90) that holds the capture.
pub fn region_for(choice: &str, attestation: &Attestation) -> Result<Region, ClientError> {
    if choice == "none" {
        return Ok(Region::None);
    }
    let size: f64 = match choice.strip_prefix("cell:").map(str::parse::<u32>) {
        Some(Ok(g @ (1 | 5 | 10 | 30 | 90))) => f64::from(g),
        _ => return Err(fail(format!("{choice:?} is not a region choice"))),
    };
    let c = &attestation.capture;
    let (Some(lat), Some(lon)) = (unshift(c.lat, 90), unshift(c.lon, 180)) else {
        return Err(fail(
            "the camera had no position fix for this photo, so the proof cannot show a region; choose \"no place\"",
        ));
    };
    let cell = |deg: f64, limit: f64| {
        let lo = ((deg / size).floor() * size).clamp(-limit, limit - size);
        (lo, lo + size)
    };
    let (lat_lo, lat_hi) = cell(lat, 90.0);
    let (lon_lo, lon_hi) = cell(lon, 180.0);
    Ok(Region::Box(lat_lo, lon_lo, lat_hi, lon_hi))
}

/// Proves `bytes`' provenance with the newsroom's proving key, refusing
/// keys other than the ones the server verifies with (`circuit_id`, hex).
#[allow(clippy::too_many_arguments)]
pub fn prove(
    bytes: &[u8],
    name: &str,
    sidecar: Option<&str>,
    registries: &[String],
    proving_key: &[u8],
    circuit_id: &str,
    window: &str,
    region: &str,
) -> Result<Proven, ClientError> {
    let window: TimeWindow = match window {
        "day" | "month" | "year" | "none" => window.parse()?,
        _ => return Err(fail(format!("{window:?} is not a time window choice"))),
    };
    let (digest, _) = ContentDigest::of(Cursor::new(bytes), Some(name))?;
    let attestation = attestation(bytes, sidecar)?.ok_or(Error::NoAttestation)?;
    attestation.verify()?;
    let region = region_for(region, &attestation)?;
    let mut registry = None;
    for text in registries {
        let r = Registry::from_json(text)?;
        if r.path_of(&attestation.device).is_some() {
            registry = Some(r);
            break;
        }
    }
    let registry = registry.ok_or_else(|| {
        fail("the camera that signed this photo is not one this newsroom trusts, so no proof can be made; send it without a proof")
    })?;
    let opening = Opening::random();
    let (public, witness) =
        provenance::prepare(&attestation, &digest, &registry, window, region, &opening)?;
    let pk = groth16::read_proving_key(Cursor::new(proving_key))
        .map_err(|e| fail(format!("the newsroom's proving key could not be read: {e}")))?;
    let id = groth16::circuit_id(&pk.vk);
    if hex::encode(id) != circuit_id {
        return Err(fail(
            "the proving key does not match the key this server verifies with; reload the page",
        ));
    }
    let proof = groth16::prove(&pk, &public, witness, &mut rand::rngs::OsRng)
        .map_err(|e| fail(format!("proving failed: {e}")))?;
    Ok(Proven {
        bundle: Bundle {
            circuit_id: id,
            public,
            proof,
        },
        opening,
        digest,
    })
}

/// A sealed envelope and what the source is told about it.
pub struct Sealed {
    /// The age file.
    pub envelope: Vec<u8>,
    /// What was removed.
    pub report: StripReport,
    /// `C`, `0x…`.
    pub commitment: String,
}

impl Sealed {
    /// The strip report as JSON, with its one-line summary.
    pub fn report_json(&self) -> String {
        let mut v = serde_json::to_value(&self.report).unwrap_or_default();
        v["summary"] = self.report.summary().into();
        v.to_string()
    }
}

/// Strips and seals `bytes`; with `proven`, its opening goes inside and the
/// file must still have the digest the proof was made for.
pub fn seal(
    bytes: &[u8],
    name: &str,
    recipients: Vec<String>,
    message: Option<String>,
    proven: Option<&Proven>,
) -> Result<Sealed, ClientError> {
    let options = SealOptions {
        file_name: name.to_string(),
        recipients,
        message: message.filter(|m| !m.is_empty()),
        opening: proven.map(|p| p.opening.clone()),
        expect_digest: proven.map(|p| p.digest),
    };
    let mut envelope = Vec::with_capacity(bytes.len() + bytes.len() / 8 + 4096);
    let receipt = envelope::seal(Cursor::new(bytes), options, &mut envelope)?;
    Ok(Sealed {
        envelope,
        report: receipt.strip_report,
        commitment: field::to_hex(&receipt.commitment.0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use darkroom_circuits::eddsa::PrivateKey;

    fn attested(lat: Option<(f64, f64)>) -> Attestation {
        let key = PrivateKey::from_bytes([7; 32]);
        let (la, lo) = match lat {
            Some((a, b)) => (
                capture::shift_lat(a).unwrap(),
                capture::shift_lon(b).unwrap(),
            ),
            None => (NO_FIX, NO_FIX),
        };
        Attestation::sign(&key, &ContentDigest([1; 32]), 1_700_000_000, la, lo)
    }

    #[test]
    fn region_cells_hold_the_capture() {
        let a = attested(Some((48.8566, 2.3522)));
        assert_eq!(
            region_for("cell:10", &a).unwrap(),
            Region::Box(40.0, 0.0, 50.0, 10.0)
        );
        assert_eq!(
            region_for("cell:1", &a).unwrap(),
            Region::Box(48.0, 2.0, 49.0, 3.0)
        );
        let south = attested(Some((-33.9, -70.6)));
        assert_eq!(
            region_for("cell:5", &south).unwrap(),
            Region::Box(-35.0, -75.0, -30.0, -70.0)
        );
        // The poles and the antimeridian stay inside valid coordinates.
        let edge = attested(Some((90.0, 180.0)));
        assert_eq!(
            region_for("cell:30", &edge).unwrap(),
            Region::Box(60.0, 150.0, 90.0, 180.0)
        );
        assert_eq!(region_for("none", &edge).unwrap(), Region::None);
    }

    #[test]
    fn region_refuses_odd_choices_and_missing_fixes() {
        let a = attested(Some((1.0, 1.0)));
        for bad in ["cell:3", "cell:", "cell:-1", "box", "10", ""] {
            assert!(region_for(bad, &a).is_err(), "{bad}");
        }
        let e = region_for("cell:10", &attested(None)).unwrap_err();
        assert!(e.0.contains("no position fix"), "{e}");
    }

    #[test]
    fn inspect_reports_a_file_without_attestation() {
        let text = inspect(b"plain notes\n", "notes.txt", None).unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["capture"], serde_json::Value::Null);
        assert_eq!(v["metadata_removed"], false);
        assert!(v["summary"].as_str().unwrap().contains("NOT removed"));
    }

    #[test]
    fn inspect_names_a_broken_sidecar() {
        let text = inspect(b"plain notes\n", "notes.txt", Some("{")).unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert!(v["capture"]["error"].as_str().is_some(), "{v}");
    }

    #[test]
    fn prove_refuses_before_any_work() {
        let r = prove(b"plain", "a.txt", None, &[], &[], "00", "week", "none");
        assert!(r.err().unwrap().0.contains("time window"));
        let r = prove(b"plain", "a.txt", None, &[], &[], "00", "day", "none");
        assert!(r.err().unwrap().0.contains("no capture attestation"));
    }

    #[test]
    fn seal_refuses_a_bad_recipient() {
        let e = seal(b"x", "a.txt", vec!["nope".into()], None, None).err();
        assert!(e.unwrap().0.contains("not a newsroom key"));
    }
}

//! Capture attestations: a device's EdDSA-Poseidon signature on a photo's
//! content digest (version 1) or tile root (version 2), time and place.
//!
//! The device signs `M = Poseidon(h_hi, h_lo, t, lat, lon)`, where `h` is
//! the content digest `h` (version 1) or the tile root `T` of the JPEG's
//! coefficients under a fresh secret seed (version 2, [`crate::tiles`]),
//! which lets a newsroom later publish a redacted, cropped part of the
//! photo that anyone can check. The attestation
//! travels either inside the JPEG, in an APP11 segment, or beside any file
//! as a JSON sidecar. Stripping removes the APP11 segment, but the content
//! digest is taken over the canonical stream, which never includes APPn
//! segments: the signature stays valid for the stripped photo.
//!
//! APP11 payload (big-endian integers):
//!
//! | bytes | field |
//! |---|---|
//! | 17 | `darkroom-capture\0` |
//! | 1 | version: 1 or 2 |
//! | 32 | content digest `h` (1) or tile root `T` (2) |
//! | 8 | `t`, Unix seconds |
//! | 4 | `lat`, degrees×10⁷ + 90×10⁷, or 2³²−1 for no fix |
//! | 4 | `lon`, degrees×10⁷ + 180×10⁷, or 2³²−1 for no fix |
//! | 32 | device public key, circomlib's packed point |
//! | 64 | signature, circomlib's packed `R8 ‖ S` |
//! | 32 | version 2 only: the tile seed (secret: the source's client moves it into the sealed envelope) |

use darkroom_circuits::babyjubjub::Point;
use darkroom_circuits::eddsa::{self, PrivateKey, Signature};
use darkroom_circuits::statement::{Capture, NO_FIX};
use serde::{Deserialize, Serialize};

use crate::digest::ContentDigest;
use crate::tiles::{self, Seed};
use crate::{jpeg, ProofError};

/// The identifier that opens a Darkroom APP11 segment.
pub use crate::strip::CAPTURE_APP11_ID as APP11_ID;
/// The attestation version that signs the content digest.
pub const VERSION_DIGEST: u8 = 1;
/// The attestation version that signs the tile root.
pub const VERSION_TILES: u8 = 2;
const PAYLOAD_LEN: usize = 32 + 8 + 4 + 4 + 32 + 64;
const APP11: u8 = 0xEB;

/// A signed capture.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attestation {
    /// What was signed.
    pub capture: Capture,
    /// The device's public key.
    pub device: Point,
    /// Its signature on `capture.message()`.
    pub signature: Signature,
    /// Version 2: the seed of the tile salts (`capture.digest` is then the
    /// tile root `T`).
    pub seed: Option<Seed>,
}

fn bad(detail: impl Into<String>) -> ProofError {
    ProofError::Attestation(detail.into())
}

/// A latitude in degrees, shifted to the statement's unsigned form.
pub fn shift_lat(deg: f64) -> Result<u32, ProofError> {
    shift(deg, 90)
}

/// A longitude in degrees, shifted to the statement's unsigned form.
pub fn shift_lon(deg: f64) -> Result<u32, ProofError> {
    shift(deg, 180)
}

fn shift(deg: f64, limit: i64) -> Result<u32, ProofError> {
    if !deg.is_finite() || deg.abs() > limit as f64 {
        return Err(ProofError::BadCoordinate(deg.to_string()));
    }
    let scaled = (deg * 1e7).round() as i64 + limit * 10_000_000;
    u32::try_from(scaled).map_err(|_| ProofError::BadCoordinate(deg.to_string()))
}

/// A shifted coordinate back in degrees (`None` for no fix).
pub fn unshift(v: u32, limit: i64) -> Option<f64> {
    (v != NO_FIX).then(|| (v as i64 - limit * 10_000_000) as f64 / 1e7)
}

impl Attestation {
    /// Signs a capture of the file with content digest `digest`.
    pub fn sign(key: &PrivateKey, digest: &ContentDigest, t: u64, lat: u32, lon: u32) -> Self {
        let capture = Capture {
            digest: digest.0,
            t,
            lat,
            lon,
        };
        Attestation {
            signature: key.sign(&capture.message()),
            device: key.public(),
            capture,
            seed: None,
        }
    }

    /// Signs a capture of the JPEG whose coefficients are `c` (version 2):
    /// its tile root under a fresh seed.
    pub fn sign_tiles(
        key: &PrivateKey,
        c: &jpeg::Coefficients,
        t: u64,
        lat: u32,
        lon: u32,
    ) -> Self {
        let seed = Seed::random();
        let root = ContentDigest(tiles::root(c, &seed));
        Attestation {
            seed: Some(seed),
            ..Self::sign(key, &root, t, lat, lon)
        }
    }

    /// 1 or 2.
    pub fn version(&self) -> u8 {
        if self.seed.is_some() {
            VERSION_TILES
        } else {
            VERSION_DIGEST
        }
    }

    /// The value this attestation must have signed for the file `bytes`,
    /// whose content digest is `digest`: `digest` itself (version 1) or
    /// the tile root of its coefficients (version 2).
    pub fn signed_value(
        &self,
        bytes: &[u8],
        digest: &ContentDigest,
    ) -> Result<ContentDigest, ProofError> {
        match &self.seed {
            None => Ok(*digest),
            Some(seed) => {
                let c = jpeg::decode(bytes).map_err(|e| {
                    bad(format!(
                        "it signs a JPEG's tiles, but this photo's cannot be read ({e})"
                    ))
                })?;
                Ok(ContentDigest(tiles::root(&c, seed)))
            }
        }
    }

    /// Checks the signature (cofactored, as the circuit does) and the
    /// coordinates' ranges.
    pub fn verify(&self) -> Result<(), ProofError> {
        let c = &self.capture;
        let lat_ok = c.lat <= 1_800_000_000;
        let lon_ok = c.lon <= 3_600_000_000;
        let no_fix = c.lat == NO_FIX && c.lon == NO_FIX;
        if !(no_fix || (lat_ok && lon_ok)) {
            return Err(bad("its position is out of range"));
        }
        eddsa::verify(&self.device, &c.message(), &self.signature).map_err(|e| bad(format!("{e}")))
    }

    /// The APP11 payload (identifier, version, fields): 162 bytes, or 194
    /// with a seed.
    pub fn to_bytes(&self) -> Vec<u8> {
        let c = &self.capture;
        let mut out = Vec::with_capacity(APP11_ID.len() + 1 + PAYLOAD_LEN);
        out.extend_from_slice(APP11_ID);
        out.push(self.version());
        out.extend_from_slice(&c.digest);
        out.extend_from_slice(&c.t.to_be_bytes());
        out.extend_from_slice(&c.lat.to_be_bytes());
        out.extend_from_slice(&c.lon.to_be_bytes());
        out.extend_from_slice(&darkroom_circuits::babyjubjub::pack(&self.device));
        out.extend_from_slice(&self.signature.to_bytes());
        if let Some(seed) = &self.seed {
            out.extend_from_slice(seed.as_bytes());
        }
        out
    }

    /// Parses [`Attestation::to_bytes`]'s form. Checks encodings, not the
    /// signature.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, ProofError> {
        let rest = bytes
            .strip_prefix(&APP11_ID[..])
            .ok_or_else(|| bad("not a Darkroom attestation"))?;
        let (&version, rest) = rest.split_first().ok_or_else(|| bad("it is cut short"))?;
        let len = match version {
            VERSION_DIGEST => PAYLOAD_LEN,
            VERSION_TILES => PAYLOAD_LEN + 32,
            _ => return Err(bad(format!("unknown version {version}"))),
        };
        if rest.len() != len {
            return Err(bad(if rest.len() < len {
                "it is cut short"
            } else {
                "it has trailing bytes"
            }));
        }
        let short = || bad("it is cut short");
        let (digest, rest) = rest.split_first_chunk::<32>().ok_or_else(short)?;
        let (t, rest) = rest.split_first_chunk::<8>().ok_or_else(short)?;
        let (lat, rest) = rest.split_first_chunk::<4>().ok_or_else(short)?;
        let (lon, rest) = rest.split_first_chunk::<4>().ok_or_else(short)?;
        let (key, rest) = rest.split_first_chunk::<32>().ok_or_else(short)?;
        let (sig, rest) = rest.split_first_chunk::<64>().ok_or_else(short)?;
        let capture = Capture {
            digest: *digest,
            t: u64::from_be_bytes(*t),
            lat: u32::from_be_bytes(*lat),
            lon: u32::from_be_bytes(*lon),
        };
        let seed = rest.first_chunk::<32>().map(|s| Seed::from_bytes(*s));
        Self::from_parts(capture, key, sig, seed)
    }

    /// An attestation from its capture and the encoded key and signature.
    fn from_parts(
        capture: Capture,
        key: &[u8; 32],
        sig: &[u8; 64],
        seed: Option<Seed>,
    ) -> Result<Self, ProofError> {
        Ok(Attestation {
            capture,
            seed,
            device: darkroom_circuits::babyjubjub::unpack(key)
                .map_err(|e| bad(format!("device key: {e}")))?,
            signature: Signature::from_bytes(sig).map_err(|e| bad(format!("signature: {e}")))?,
        })
    }

    /// The JSON sidecar.
    pub fn to_json(&self) -> String {
        let c = &self.capture;
        let s = Sidecar {
            format: SIDECAR_FORMAT.into(),
            version: self.version(),
            digest: ContentDigest(c.digest).to_hex(),
            time: c.t,
            lat: c.lat,
            lon: c.lon,
            device: eddsa::public_key_hex(&self.device),
            signature: hex::encode(self.signature.to_bytes()),
            seed: self.seed.as_ref().map(|s| s.to_hex().to_string()),
        };
        let mut out = serde_json::to_string_pretty(&s).unwrap_or_default();
        out.push('\n');
        out
    }

    /// Parses a JSON sidecar. Checks encodings, not the signature.
    pub fn from_json(text: &str) -> Result<Self, ProofError> {
        let s: Sidecar =
            serde_json::from_str(text).map_err(|e| bad(format!("sidecar JSON: {e}")))?;
        if s.format != SIDECAR_FORMAT {
            return Err(bad("not a Darkroom capture sidecar"));
        }
        let seed = match (s.version, &s.seed) {
            (VERSION_DIGEST, None) => None,
            (VERSION_TILES, Some(seed)) => {
                Some(Seed::from_hex(seed).ok_or_else(|| bad("bad tile seed"))?)
            }
            (VERSION_DIGEST | VERSION_TILES, _) => {
                return Err(bad("a tile seed belongs with version 2, and only there"))
            }
            (v, _) => return Err(bad(format!("unknown version {v}"))),
        };
        let digest = ContentDigest::from_hex(&s.digest).ok_or_else(|| bad("bad digest"))?;
        let key: [u8; 32] = hex::decode(&s.device)
            .ok()
            .and_then(|v| v.try_into().ok())
            .ok_or_else(|| bad("bad device key"))?;
        let sig: [u8; 64] = hex::decode(&s.signature)
            .ok()
            .and_then(|v| v.try_into().ok())
            .ok_or_else(|| bad("bad signature"))?;
        let capture = Capture {
            digest: digest.0,
            t: s.time,
            lat: s.lat,
            lon: s.lon,
        };
        Self::from_parts(capture, &key, &sig, seed)
    }
}

const SIDECAR_FORMAT: &str = "darkroom-capture";

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Sidecar {
    format: String,
    version: u8,
    digest: String,
    time: u64,
    lat: u32,
    lon: u32,
    device: String,
    signature: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    seed: Option<String>,
}

/// Walks a JPEG's header segments (up to the first scan) and returns the
/// `(offset, length)` of each segment with marker `marker`, payload only.
fn app_segments(jpeg: &[u8], marker: u8) -> Result<Vec<(usize, usize)>, ProofError> {
    if jpeg.len() < 2 || jpeg[..2] != [0xFF, 0xD8] {
        return Err(bad("the file is not a JPEG"));
    }
    let mut at = 2;
    let mut found = Vec::new();
    loop {
        // Fill bytes (0xFF) may precede a marker.
        while jpeg.get(at) == Some(&0xFF) && jpeg.get(at + 1) == Some(&0xFF) {
            at += 1;
        }
        let (Some(&0xFF), Some(&m)) = (jpeg.get(at), jpeg.get(at + 1)) else {
            return Err(bad("the JPEG's header is cut short"));
        };
        if m == 0xDA || m == 0xD9 {
            return Ok(found);
        }
        let len = match (jpeg.get(at + 2), jpeg.get(at + 3)) {
            (Some(&a), Some(&b)) => u16::from_be_bytes([a, b]) as usize,
            _ => return Err(bad("the JPEG's header is cut short")),
        };
        if len < 2 || at + 2 + len > jpeg.len() {
            return Err(bad("a JPEG segment is cut short"));
        }
        if m == marker {
            found.push((at + 4, len - 2));
        }
        at += 2 + len;
    }
}

/// The attestation embedded in a JPEG, if there is one. Other APP11 uses
/// (JPEG XT, JUMBF) are skipped; two Darkroom attestations are refused.
pub fn find_in_jpeg(jpeg: &[u8]) -> Result<Option<Attestation>, ProofError> {
    let mut found = None;
    for (at, len) in app_segments(jpeg, APP11)? {
        let payload = &jpeg[at..at + len];
        if payload.starts_with(APP11_ID) {
            if found.is_some() {
                return Err(bad("the photo carries two capture attestations"));
            }
            found = Some(Attestation::from_bytes(payload)?);
        }
    }
    Ok(found)
}

/// The JPEG with the attestation in an APP11 segment after SOI (and after
/// a JFIF APP0, which must stay first).
pub fn embed_in_jpeg(jpeg: &[u8], attestation: &Attestation) -> Result<Vec<u8>, ProofError> {
    if find_in_jpeg(jpeg)?.is_some() {
        return Err(bad("the photo already carries a capture attestation"));
    }
    let mut insert_at = 2;
    if let Some(&(at, len)) = app_segments(jpeg, 0xE0)?.first() {
        if at == 6 {
            insert_at = at + len;
        }
    }
    let payload = attestation.to_bytes();
    let mut out = Vec::with_capacity(jpeg.len() + payload.len() + 4);
    out.extend_from_slice(&jpeg[..insert_at]);
    out.extend_from_slice(&[0xFF, APP11]);
    out.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&payload);
    out.extend_from_slice(&jpeg[insert_at..]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::strip::tests::sample_jpeg;
    use std::io::Cursor;

    fn signed() -> (Vec<u8>, Attestation) {
        let (jpeg, _) = sample_jpeg();
        let (h, _) = ContentDigest::of(Cursor::new(&jpeg), None).unwrap();
        let key = PrivateKey::from_bytes([1; 32]);
        let att = Attestation::sign(
            &key,
            &h,
            1_790_000_000,
            shift_lat(-33.8688).unwrap(),
            shift_lon(151.2093).unwrap(),
        );
        (embed_in_jpeg(&jpeg, &att).unwrap(), att)
    }

    #[test]
    fn embeds_and_survives_stripping_of_the_digest() {
        let (signed, att) = signed();
        assert_eq!(find_in_jpeg(&signed).unwrap(), Some(att.clone()));
        att.verify().unwrap();
        let (h, _) = ContentDigest::of(Cursor::new(&signed), None).unwrap();
        assert_eq!(h.0, att.capture.digest);
        // Stripping removes the segment.
        let mut stripped = Vec::new();
        crate::strip::strip(
            Cursor::new(&signed),
            None,
            crate::strip::Uncleanable::Refuse,
            &mut stripped,
        )
        .unwrap();
        assert_eq!(find_in_jpeg(&stripped).unwrap(), None);
        let (h2, _) = ContentDigest::of(Cursor::new(&stripped), None).unwrap();
        assert_eq!(h2, h);
    }

    #[test]
    fn round_trips_sidecar_and_refuses_damage() {
        let (signed, att) = signed();
        assert_eq!(Attestation::from_json(&att.to_json()).unwrap(), att);
        let bytes = att.to_bytes();
        for cut in [0, 17, 18, 100, bytes.len() - 1] {
            assert!(matches!(
                Attestation::from_bytes(&bytes[..cut]),
                Err(crate::ProofError::Attestation(..))
            ));
        }
        // A segment whose length runs past the end of the file.
        let at = signed.windows(17).position(|w| w == APP11_ID).unwrap();
        assert!(matches!(
            find_in_jpeg(&signed[..at + 40]),
            Err(crate::ProofError::Attestation(..))
        ));
        // A changed time breaks the signature.
        let mut other = att.clone();
        other.capture.t += 1;
        assert!(matches!(
            other.verify(),
            Err(crate::ProofError::Attestation(..))
        ));
        assert!(matches!(
            embed_in_jpeg(&signed, &att),
            Err(crate::ProofError::Attestation(..))
        ));
    }

    #[test]
    fn version_2_signs_the_tile_root_which_stripping_keeps() {
        let photo = include_bytes!("../../assets/demo-photo.jpg");
        let key = PrivateKey::from_bytes([2; 32]);
        let c = jpeg::decode(photo).unwrap();
        let att = Attestation::sign_tiles(&key, &c, 1_790_000_000, NO_FIX, NO_FIX);
        att.verify().unwrap();
        assert_eq!(att.version(), 2);
        let seed = att.seed.clone().unwrap();
        assert_eq!(att.capture.digest, tiles::root(&c, &seed));
        // Two signings of one photo have other seeds, so other roots.
        let again = Attestation::sign_tiles(&key, &c, 1_790_000_000, NO_FIX, NO_FIX);
        assert_ne!(again.capture.digest, att.capture.digest);
        // Embedded, found, and through the sidecar, seed included.
        let signed = embed_in_jpeg(photo, &att).unwrap();
        assert_eq!(find_in_jpeg(&signed).unwrap(), Some(att.clone()));
        assert_eq!(Attestation::from_json(&att.to_json()).unwrap(), att);
        assert_eq!(att.to_bytes().len(), APP11_ID.len() + 1 + PAYLOAD_LEN + 32);
        // Stripped, the photo has the same coefficients: the same value.
        let mut stripped = Vec::new();
        crate::strip::strip(
            Cursor::new(&signed),
            None,
            crate::strip::Uncleanable::Refuse,
            &mut stripped,
        )
        .unwrap();
        let (h, _) = ContentDigest::of(Cursor::new(&stripped), None).unwrap();
        assert_eq!(
            att.signed_value(&stripped, &h).unwrap().0,
            att.capture.digest
        );
        // Version 1 signs the digest; a v1 payload with a seed, or a v2
        // sidecar without one, is refused.
        let v1 = Attestation::sign(&key, &h, 1, NO_FIX, NO_FIX);
        assert_eq!(v1.signed_value(&stripped, &h).unwrap(), h);
        let mut bytes = v1.to_bytes();
        bytes.extend_from_slice(&[0; 32]);
        assert!(matches!(
            Attestation::from_bytes(&bytes),
            Err(crate::ProofError::Attestation(..))
        ));
        let json = att.to_json().replace("\"version\": 2", "\"version\": 1");
        assert!(matches!(
            Attestation::from_json(&json),
            Err(crate::ProofError::Attestation(..))
        ));
        assert!(matches!(
            att.signed_value(b"not a jpeg", &h),
            Err(crate::ProofError::Attestation(..))
        ));
    }

    #[test]
    fn coordinates_shift_and_refuse_out_of_range() {
        assert_eq!(shift_lat(-90.0).unwrap(), 0);
        assert_eq!(shift_lat(90.0).unwrap(), 1_800_000_000);
        assert_eq!(shift_lon(180.0).unwrap(), 3_600_000_000);
        assert!(matches!(
            shift_lat(90.000001),
            Err(crate::ProofError::BadCoordinate(..))
        ));
        assert!(matches!(
            shift_lon(f64::NAN),
            Err(crate::ProofError::BadCoordinate(..))
        ));
        assert_eq!(
            unshift(shift_lat(12.3456789).unwrap(), 90),
            Some(12.3456789)
        );
    }
}

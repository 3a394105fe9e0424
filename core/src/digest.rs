//! The content digest `h` of a file and the commitment `C` to it.
//!
//! `h = SHA-256("darkroom-content-v1 " || tag || "\n" || canonical stream)`,
//! where `tag` is `jpeg`, `png`, `webp` or `file` and the canonical stream is
//! what [`crate::strip`] keeps (the whole file for other kinds). Stripping
//! therefore leaves `h` unchanged, and any change to image data changes it.
//!
//! `C = Poseidon(h_hi, h_lo, r)` with a fresh random opening `r`, so `C`
//! reveals nothing about `h` to whoever lacks `r`.

use std::fmt;
use std::io::{self, Read, Write};

use darkroom_circuits::{commitment, field, Fr};
use rand::RngCore;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::{Digest, Sha256};
use zeroize::Zeroize;

use crate::media::MediaKind;
use crate::report::StripReport;
use crate::strip;
use crate::StripError;

/// The version in the digest's domain-separation prefix.
pub const DIGEST_VERSION: u8 = 1;

/// A file's content digest: SHA-256 over its canonical content stream.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ContentDigest(pub [u8; 32]);

impl ContentDigest {
    /// The prefix hashed before the canonical stream of a file of `kind`.
    pub fn domain(kind: MediaKind) -> Vec<u8> {
        let tag = match kind {
            MediaKind::Jpeg => "jpeg",
            MediaKind::Png => "png",
            MediaKind::Webp => "webp",
            MediaKind::Heif => "heif",
            MediaKind::Video => "mp4",
            MediaKind::Mp3 => "mp3",
            MediaKind::Flac => "flac",
            MediaKind::Wav => "wav",
            MediaKind::Tiff => "tiff",
            MediaKind::Ogg => "ogg",
            MediaKind::Pdf => "pdf",
            MediaKind::Zip => "zip",
            _ => "file",
        };
        format!("darkroom-content-v{DIGEST_VERSION} {tag}\n").into_bytes()
    }

    /// Digests `input` in one streaming pass, returning the digest and the
    /// report of what stripping it would remove.
    pub fn of<R: Read>(
        mut input: R,
        name: Option<&str>,
    ) -> Result<(Self, StripReport), StripError> {
        let (kind, head) = strip::sniff(&mut input, name)?;
        let mut sink = DigestSink::new(kind, 0);
        // A document that cannot be cleaned is digested as it would be sent
        // when the source chooses to send it as it is: whole.
        let report = strip::canonicalize(
            kind,
            io::Cursor::new(head).chain(input),
            &mut sink,
            strip::Uncleanable::SendAsIs,
        )?;
        Ok((sink.finish()?, report))
    }

    /// Lowercase hex.
    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }

    /// Parses 64 hex digits.
    pub fn from_hex(s: &str) -> Option<Self> {
        let mut out = [0u8; 32];
        hex::decode_to_slice(s, &mut out).ok()?;
        Some(ContentDigest(out))
    }
}

impl fmt::Debug for ContentDigest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ContentDigest({})", self.to_hex())
    }
}

impl fmt::Display for ContentDigest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl Serialize for ContentDigest {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_hex())
    }
}

impl<'de> Deserialize<'de> for ContentDigest {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        ContentDigest::from_hex(&s)
            .ok_or_else(|| serde::de::Error::custom("content digest must be 64 hex digits"))
    }
}

/// Computes `h` from bytes written to it: the domain line, then everything
/// after the first `skip` bytes (a stripped WebP's RIFF header).
///
/// Off the web, the hashing runs on a helper thread fed in 1 MiB batches,
/// so sealing and opening hash and encrypt/decrypt on two cores at once.
pub(crate) struct DigestSink {
    skip: u64,
    hashing: Hashing,
}

#[cfg(not(target_arch = "wasm32"))]
const BATCH: usize = 1024 * 1024;

enum Hashing {
    Inline(Sha256),
    #[cfg(not(target_arch = "wasm32"))]
    Helper {
        batch: Vec<u8>,
        tx: std::sync::mpsc::SyncSender<Vec<u8>>,
        done: std::thread::JoinHandle<Sha256>,
    },
}

impl DigestSink {
    pub(crate) fn new(kind: MediaKind, skip: u64) -> Self {
        let mut hasher = Sha256::new();
        hasher.update(ContentDigest::domain(kind));
        DigestSink {
            skip,
            hashing: Self::start(hasher),
        }
    }

    #[cfg(target_arch = "wasm32")]
    fn start(hasher: Sha256) -> Hashing {
        Hashing::Inline(hasher)
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn start(mut hasher: Sha256) -> Hashing {
        let fallback = hasher.clone();
        // A few batches in flight bound the memory this uses.
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<u8>>(2);
        let spawned = std::thread::Builder::new()
            .name("darkroom-digest".into())
            .spawn(move || {
                for batch in rx {
                    hasher.update(&batch);
                }
                hasher
            });
        match spawned {
            Ok(done) => Hashing::Helper {
                batch: Vec::with_capacity(BATCH),
                tx,
                done,
            },
            // No thread to be had: hash here instead.
            Err(_) => Hashing::Inline(fallback),
        }
    }

    pub(crate) fn finish(self) -> io::Result<ContentDigest> {
        let hasher = match self.hashing {
            Hashing::Inline(h) => h,
            #[cfg(not(target_arch = "wasm32"))]
            Hashing::Helper { batch, tx, done } => {
                if !batch.is_empty() {
                    tx.send(batch).map_err(|_| lost())?;
                }
                drop(tx);
                done.join().map_err(|_| lost())?
            }
        };
        Ok(ContentDigest(hasher.finalize().into()))
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn lost() -> io::Error {
    io::Error::other("the digest thread stopped")
}

impl Write for DigestSink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let skipped = buf
            .len()
            .min(usize::try_from(self.skip).unwrap_or(usize::MAX));
        self.skip -= skipped as u64;
        let data = &buf[skipped..];
        match &mut self.hashing {
            Hashing::Inline(h) => h.update(data),
            #[cfg(not(target_arch = "wasm32"))]
            Hashing::Helper { batch, tx, .. } => {
                batch.extend_from_slice(data);
                if batch.len() >= BATCH {
                    let full = std::mem::replace(batch, Vec::with_capacity(BATCH));
                    tx.send(full).map_err(|_| lost())?;
                }
            }
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The secret opening `r` of a commitment. Whoever holds it and the file
/// can link the file to its proof, so it only travels inside the envelope.
#[derive(Clone, PartialEq, Eq)]
pub struct Opening(Fr);

impl Opening {
    /// A fresh, uniformly random opening from the operating system's RNG.
    pub fn random() -> Self {
        let mut wide = [0u8; 64];
        rand::rngs::OsRng.fill_bytes(&mut wide);
        let r = field::from_wide_bytes(&wide);
        wide.zeroize();
        Opening(r)
    }

    /// The field element.
    pub fn value(&self) -> &Fr {
        &self.0
    }

    /// The commitment to `digest` under this opening.
    pub fn commit(&self, digest: &ContentDigest) -> Commitment {
        Commitment(commitment::commit(&digest.0, &self.0))
    }
}

impl From<Fr> for Opening {
    fn from(r: Fr) -> Self {
        Opening(r)
    }
}

impl Drop for Opening {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl fmt::Debug for Opening {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Opening(..)")
    }
}

impl Serialize for Opening {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&field::to_hex(&self.0))
    }
}

impl<'de> Deserialize<'de> for Opening {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        field::from_hex(&s)
            .map(Opening)
            .map_err(|_| serde::de::Error::custom("opening must be a 0x-prefixed BN254 scalar"))
    }
}

/// `C = Poseidon(h_hi, h_lo, r)`: public, binding, and hiding.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Commitment(pub Fr);

impl fmt::Display for Commitment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&field::to_hex(&self.0))
    }
}

impl fmt::Debug for Commitment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Commitment({self})")
    }
}

impl Serialize for Commitment {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Commitment {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        field::from_hex(&s)
            .map(Commitment)
            .map_err(|_| serde::de::Error::custom("commitment must be a 0x-prefixed BN254 scalar"))
    }
}

//! Darkroom's source-side and newsroom-side formats.
//!
//! This crate is pure: it reads from and writes to whatever `std::io` streams
//! it is handed, and never opens a file, a socket or a clock itself. It builds
//! for `wasm32-unknown-unknown`, so the browser runs the same code as the CLI.
//!
//! # Layout
//! - [`media`]: recognising a file's type from its first bytes.
//! - [`strip`]: lossless, allow-list metadata removal for photos (JPEG, PNG,
//!   WebP, HEIC/HEIF, TIFF), video and audio (MP4/MOV, MP3, FLAC, WAV, Ogg)
//!   and documents (PDF, and office documents inside a ZIP); GIF and
//!   anything else is refused unless sent as it is; and the canonical
//!   content stream the digest is taken over.
//! - [`report`]: what was removed, what it disclosed, and what no stripper can
//!   remove.
//! - [`digest`]: the content digest `h` and the commitment `C` to it.
//! - [`padding`]: the size buckets envelopes are padded to.
//! - [`envelope`]: sealing a file to the newsroom with age, and opening it.
//! - [`codename`]: a source's codename and the keys it stretches into.
//! - [`pow`]: the proof of work a busy drop box asks of each upload.
//! - [`newsroom`]: the newsroom's signing key and signed manifest, the
//!   only things a client trusts.
//! - [`source`]: the source's side as one path for every client: trusting
//!   the newsroom's manifest, planning a proof, sealing what was proven.
//! - [`text`]: the one rule for showing text that came from elsewhere.
//! - [`served`]: what a drop box serves its clients (its configuration and
//!   receipts), as types both sides share.
//! - [`reply`]: the newsroom's replies to a source, sealed with age and
//!   signed by the newsroom.
//! - [`capture`]: capture attestations (APP11 segment or JSON sidecar).
//! - [`registry`]: the registry of trusted capture devices.
//! - [`provenance`]: the statement's inputs from a signed capture, and its
//!   meaning in words.
//! - [`bundle`]: proof bundles, in JSON and binary.
//! - [`calendar`]: UTC days, months and years for time windows.
//! - [`export`]: the export archive's index and checksum manifest.
//! - [`jpeg`]: a JPEG's quantized DCT coefficients, read and coded back
//!   losslessly, and written as whole files.
//! - [`tiles`]: the tile root `T` an attestation v2 signs, and disclosing
//!   part of an image's tiles.
//! - [`publication`]: a redacted, cropped photo with what proves it an
//!   untouched part of a signed capture.
//!
//! ```
//! use std::io::Cursor;
//! use darkroom_core::{envelope, Error, StripError};
//!
//! # fn main() -> Result<(), darkroom_core::Error> {
//! let identity = age::x25519::Identity::generate();
//! let to = vec![identity.to_public().to_string()];
//! let file = b"a kind of file Darkroom cannot clean".to_vec();
//!
//! // What cannot be cleaned is refused, unless the source chooses otherwise.
//! let refused = envelope::seal(
//!     Cursor::new(&file),
//!     envelope::SealOptions::new("notes.bin", to.clone()),
//!     Vec::new(),
//! );
//! assert!(matches!(
//!     refused,
//!     Err(Error::Strip(StripError::CannotClean { .. }))
//! ));
//!
//! let mut sealed = Vec::new();
//! let receipt = envelope::seal(
//!     Cursor::new(&file),
//!     envelope::SealOptions::new("notes.bin", to).sending_as_is(),
//!     &mut sealed,
//! )?;
//!
//! let mut opened_file = Cursor::new(Vec::new());
//! let opened = envelope::open(&sealed[..], &[&identity as &dyn age::Identity], &mut opened_file)?;
//! assert_eq!(opened.manifest.content_digest, receipt.content_digest);
//! assert_eq!(opened_file.into_inner(), file);
//! # Ok(()) }
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod age_stream;
#[cfg(feature = "archive")]
pub mod archive;
pub mod bundle;
pub mod calendar;
pub mod capture;
pub mod codename;
pub mod digest;
pub mod envelope;
mod error;
pub mod export;
pub mod hybrid;
pub mod jpeg;
pub mod kept;
pub mod media;
pub mod newsroom;
pub mod padding;
pub mod pow;
pub mod provenance;
pub mod publication;
pub mod recipient;
pub mod registry;
pub mod reply;
pub mod report;
pub mod served;
pub mod source;
pub mod strip;
pub mod text;
pub mod tiles;

pub use digest::{Commitment, ContentDigest, Opening};
pub use error::{EnvelopeError, Error, ProofError, StripError};
pub use media::MediaKind;
pub use report::StripReport;

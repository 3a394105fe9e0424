//! A photo's original file, kept for the newsroom when the source chooses
//! to send its Content Credentials (C2PA).
//!
//! A camera's C2PA signature covers the original bytes (its hard binding
//! hashes the whole file but the manifest store), so the newsroom can check
//! it only against the original, with all its metadata. When the source
//! asks for that, the original is sealed inside the envelope right after
//! the stripped file (envelope version 2, `docs/formats.md` §4), and the
//! manifest holds its SHA-256. The stripped file stays what everyone else
//! sees; the original is for the newsroom only.
//!
//! Both sides check that the original is the same picture as the stripped
//! file: its content digest `h` (which stripping leaves unchanged) must be
//! the stripped file's. So a kept original can never be a different photo
//! from the one a provenance proof or the newsroom's reports speak of.

use std::io::{self, Read, Write};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::digest::ContentDigest;
use crate::report::StripReport;
use crate::strip::c2pa::{NOTE_C2PA, NOTE_C2PA_KEPT};
use crate::strip::Counter;
use crate::Error;

/// What the manifest says of a kept original.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeptOriginal {
    /// SHA-256 of the original file, exactly as sealed.
    pub sha256: ContentDigest,
    /// Its length in bytes.
    pub len: u64,
}

/// Whether stripping this file removed Content Credentials.
pub fn has_credentials(report: &StripReport) -> bool {
    report
        .notes
        .iter()
        .any(|n| n == NOTE_C2PA || n == NOTE_C2PA_KEPT)
}

/// Tells the source, in the report sealed with the file, that the
/// credentials and the original were kept for the newsroom.
pub(crate) fn note_kept(report: &mut StripReport) {
    for n in &mut report.notes {
        if n == NOTE_C2PA {
            *n = NOTE_C2PA_KEPT.to_string();
        }
    }
}

/// Copies `len` bytes of the original from `input` into `sealed`, and
/// checks that they are the picture whose digest is `expect`.
pub(crate) fn seal<R: Read, W: Write>(
    input: R,
    len: u64,
    name: Option<&str>,
    sealed: W,
    expect: &ContentDigest,
) -> Result<KeptOriginal, Error> {
    let (digest, sha256, copied) = pass(input.take(len), name, sealed)?;
    if copied != len || digest != *expect {
        return Err(Error::InputChanged);
    }
    Ok(KeptOriginal { sha256, len })
}

/// Reads the original (`len` bytes) from the envelope's plaintext into
/// `out`; what [`check`] needs is returned.
pub(crate) fn read<R: Read, W: Write>(
    plain: R,
    len: u64,
    out: W,
) -> Result<(ContentDigest, ContentDigest), Error> {
    let (digest, sha256, copied) = pass(plain.take(len), None, out)?;
    if copied != len {
        return Err(Error::Malformed("envelope ends early".into()));
    }
    Ok((digest, sha256))
}

/// Checks what [`read`] found against the manifest.
pub(crate) fn check(
    found: (ContentDigest, ContentDigest),
    len: u64,
    kept: Option<&KeptOriginal>,
    content_digest: &ContentDigest,
) -> Result<(), Error> {
    let malformed = |what: &str| Error::Malformed(what.to_string());
    let kept = kept.ok_or_else(|| malformed("an original file with no manifest entry"))?;
    if kept.len != len || kept.sha256 != found.1 {
        return Err(malformed(
            "the original file does not match the SHA-256 its manifest holds",
        ));
    }
    if found.0 != *content_digest {
        return Err(malformed(
            "the original file is not the same picture as the stripped one",
        ));
    }
    Ok(())
}

/// Passes every byte of `input` to `out`, returning the content digest
/// `h` of what passed, its SHA-256 and its length.
fn pass<R: Read, W: Write>(
    input: R,
    name: Option<&str>,
    out: W,
) -> Result<(ContentDigest, ContentDigest, u64), Error> {
    let mut tee = Hashing {
        inner: input,
        out: Counter::new(out),
        sha: Sha256::new(),
    };
    let (digest, _) = ContentDigest::of(&mut tee, name)?;
    // The digest stops at the end of the picture; the rest (a trailer,
    // an appended video) is part of the original too.
    io::copy(&mut tee, &mut io::sink())?;
    let copied = tee.out.count();
    tee.out.into_inner().flush()?;
    Ok((digest, ContentDigest(tee.sha.finalize().into()), copied))
}

/// Passes everything read to a writer and into a SHA-256.
struct Hashing<R, W> {
    inner: R,
    out: Counter<W>,
    sha: Sha256,
}

impl<R: Read, W: Write> Read for Hashing<R, W> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.out.write_all(&buf[..n])?;
        self.sha.update(&buf[..n]);
        Ok(n)
    }
}

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

use crate::digest::ContentDigest;
use crate::export::HashingReader;
use crate::report::StripReport;
use crate::strip::c2pa::{NOTE_C2PA, NOTE_C2PA_KEPT};
use crate::strip::{Counter, Tee};
use crate::{EnvelopeError, Error};

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
        return Err(EnvelopeError::InputChanged.into());
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
        return Err(EnvelopeError::Malformed("envelope ends early".into()).into());
    }
    Ok((digest, sha256))
}

/// Checks what [`read`] found against the manifest.
pub(crate) fn check(
    found: (ContentDigest, ContentDigest),
    len: u64,
    kept: Option<&KeptOriginal>,
    content_digest: &ContentDigest,
) -> Result<(), EnvelopeError> {
    let malformed = |what: &str| EnvelopeError::Malformed(what.to_string());
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
    let mut tee = Tee {
        inner: HashingReader::new(input),
        out: Counter::new(out),
    };
    let (digest, _) = ContentDigest::of(&mut tee, name)?;
    // The digest stops at the end of the picture; the rest (a trailer,
    // an appended video) is part of the original too.
    io::copy(&mut tee, &mut io::sink())?;
    let copied = tee.out.count();
    tee.out.into_inner().flush()?;
    Ok((digest, ContentDigest(tee.inner.finish()), copied))
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Read, Write};

    use crate::envelope::{self, SealOptions};
    use crate::{Error, StripError};

    const PHOTO: &[u8] = include_bytes!("../../assets/demo-photo.jpg");

    /// The demo photo with a (minimal) C2PA manifest store in an APP11
    /// segment, as a camera would write it.
    fn with_credentials() -> Vec<u8> {
        let mut jumd = b"c2pa".to_vec();
        jumd.extend_from_slice(&[
            0x00, 0x11, 0x00, 0x10, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71, 0x03,
        ]);
        jumd.extend_from_slice(b"c2pa.signature\0");
        let mut jumbf = ((jumd.len() + 8) as u32).to_be_bytes().to_vec();
        jumbf.extend_from_slice(b"jumd");
        jumbf.extend_from_slice(&jumd);
        let mut app11 = b"JP\0\x01\0\0\0\x01".to_vec();
        app11.extend_from_slice(&jumbf);
        let mut out = PHOTO[..2].to_vec();
        out.extend_from_slice(&[0xFF, 0xEB]);
        out.extend_from_slice(&((app11.len() + 2) as u16).to_be_bytes());
        out.extend_from_slice(&app11);
        out.extend_from_slice(&PHOTO[2..]);
        out
    }

    fn keeping(to: &[String]) -> SealOptions {
        SealOptions {
            keep_credentials: true,
            ..SealOptions::new("photo.jpg", to.to_vec())
        }
    }

    /// A newsroom key, the photo with credentials, and that photo sealed
    /// to the key with its original kept.
    fn sealed_kept() -> (
        age::x25519::Identity,
        Vec<u8>,
        Vec<u8>,
        envelope::SealReceipt,
    ) {
        let id = age::x25519::Identity::generate();
        let photo = with_credentials();
        let mut sealed = Vec::new();
        let receipt = envelope::seal(
            Cursor::new(&photo),
            keeping(&[id.to_public().to_string()]),
            &mut sealed,
        )
        .unwrap();
        (id, photo, sealed, receipt)
    }

    /// The plaintext of `sealed`.
    fn plaintext(sealed: &[u8], id: &age::x25519::Identity) -> Vec<u8> {
        let d = age::Decryptor::new(sealed).unwrap();
        let mut plain = Vec::new();
        d.decrypt(std::iter::once(id as &dyn age::Identity))
            .unwrap()
            .read_to_end(&mut plain)
            .unwrap();
        plain
    }

    /// `plain` sealed again, as someone holding the key could.
    fn reseal(plain: &[u8], id: &age::x25519::Identity) -> Vec<u8> {
        let r = id.to_public();
        let e =
            age::Encryptor::with_recipients(std::iter::once(&r as &dyn age::Recipient)).unwrap();
        let mut out = Vec::new();
        let mut w = e.wrap_output(&mut out).unwrap();
        w.write_all(plain).unwrap();
        w.finish().unwrap();
        out
    }

    #[test]
    fn a_kept_original_round_trips_byte_for_byte() {
        use sha2::Digest;
        let (id, photo, sealed, receipt) = sealed_kept();
        assert!(receipt
            .strip_report
            .notes
            .iter()
            .any(|n| n == super::NOTE_C2PA_KEPT));
        assert_eq!(plaintext(&sealed, &id)[8], envelope::VERSION_KEPT);

        let (mut content, mut original) = (Vec::new(), Vec::new());
        let opened =
            envelope::open_keeping(&sealed[..], &[&id], &mut content, &mut original).unwrap();
        assert_eq!(original, photo);
        assert_eq!(opened.original_len, Some(photo.len() as u64));
        let kept = opened.manifest.original.unwrap();
        assert_eq!(
            kept.sha256.to_hex(),
            hex::encode(sha2::Sha256::digest(&photo))
        );
        assert_eq!(content.len() as u64, opened.content_len);
        assert!(content.len() < photo.len());
        // `open` checks it too, and drops it.
        let plain_open = envelope::open(&sealed[..], &[&id], std::io::sink()).unwrap();
        assert_eq!(plain_open.original_len, Some(photo.len() as u64));
    }

    #[test]
    fn nothing_is_written_for_credentials_a_file_does_not_have() {
        let id = age::x25519::Identity::generate();
        let to = vec![id.to_public().to_string()];
        for (bytes, name) in [(PHOTO, "photo.jpg"), (&b"%PDF-1.7 x"[..], "a.pdf")] {
            let mut sealed = Vec::new();
            let options = SealOptions {
                file_name: name.into(),
                ..keeping(&to).sending_as_is()
            };
            let e = envelope::seal(Cursor::new(bytes), options, &mut sealed).unwrap_err();
            assert!(matches!(e, Error::Strip(StripError::NoCredentials)), "{e}");
            assert!(sealed.is_empty());
        }
    }

    /// A newsroom holding a valid envelope, re-sealed by someone who
    /// changed its plaintext: an original of another picture, an original
    /// whose bytes differ from the SHA-256 its manifest holds, and the
    /// version byte and the manifest disagreeing, are each refused.
    #[test]
    fn an_original_that_is_not_the_one_sealed_is_refused() {
        let (id, photo, sealed, _) = sealed_kept();
        let plain = plaintext(&sealed, &id);
        let content_len = u64::from_be_bytes(plain[9..17].try_into().unwrap()) as usize;
        let at = 17 + content_len + 8;
        let open = |plain: &[u8]| {
            envelope::open(&reseal(plain, &id)[..], &[&id], std::io::sink())
                .map(|_| ())
                .unwrap_err()
                .to_string()
        };
        // The same plaintext re-sealed still opens: the test changes one
        // thing at a time.
        envelope::open(&reseal(&plain, &id)[..], &[&id], std::io::sink()).unwrap();

        // One bit of the picture in the original: same length, another
        // picture.
        // The manifest names the new bytes' SHA-256, so only the picture
        // check stands between them and the newsroom.
        use sha2::Digest;
        let mut sos = 2;
        while photo[sos + 1] != 0xDA {
            sos += 2 + usize::from(u16::from_be_bytes([photo[sos + 2], photo[sos + 3]]));
        }
        let scan = at + sos + 200;
        let mut other = plain.clone();
        other[scan] ^= 0x01;
        let sha = |b: &[u8]| hex::encode(sha2::Sha256::digest(b));
        let (old, new) = (sha(&photo), sha(&other[at..at + photo.len()]));
        let json = at + photo.len() + 4;
        let hex_at = json
            + other[json..]
                .windows(64)
                .position(|w| w == old.as_bytes())
                .unwrap();
        other[hex_at..hex_at + 64].copy_from_slice(new.as_bytes());
        let said = open(&other);
        assert!(said.contains("not the same picture"), "{said}");
        // One bit of its metadata (the C2PA label): the same picture, but
        // not the bytes the manifest's SHA-256 names.
        let label = at
            + photo
                .windows(14)
                .position(|w| w == b"c2pa.signature")
                .unwrap();
        let mut changed = plain.clone();
        changed[label] ^= 0x01;
        let said = open(&changed);
        assert!(said.contains("SHA-256 its manifest holds"), "{said}");
        // Version 1 with a manifest naming an original: the original is
        // read as the manifest length.
        let mut v1 = plain.clone();
        v1[8] = envelope::VERSION;
        let said = open(&v1);
        assert!(said.contains("malformed"), "{said}");
    }
}

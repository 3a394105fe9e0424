//! Sealed envelopes: a file and its manifest, padded and age-encrypted to
//! the newsroom.
//!
//! The plaintext inside the age file is (see `docs/formats.md`):
//!
//! ```text
//! magic        8 bytes  "darkroom"
//! version      1 byte   1
//! manifest_len u32 BE   at most 1 MiB
//! manifest     JSON     file name, media type, message, digest, opening, strip report
//! content_len  u64 BE
//! content      the stripped file
//! padding      zero bytes up to padding::padded_len(everything before it)
//! ```
//!
//! Sealing and opening stream, so memory stays bounded for any file size.

use std::io::{self, BufReader, Read, Seek, SeekFrom, Write};

use serde::{Deserialize, Serialize};
use zeroize::Zeroize;

use crate::digest::{Commitment, ContentDigest, Opening};
use crate::media::MediaKind;
use crate::report::StripReport;
use crate::strip::{self, Counter};
use crate::{padding, Error};

/// The first eight bytes of every envelope's plaintext.
pub const MAGIC: &[u8; 8] = b"darkroom";
/// The envelope format version this crate writes and reads.
pub const VERSION: u8 = 1;
/// The largest manifest accepted, in bytes.
pub const MAX_MANIFEST: u32 = 1 << 20;
/// The longest message a source may attach, in bytes.
pub const MAX_MESSAGE: usize = 256 * 1024;
/// The longest file name kept, in bytes.
pub const MAX_FILE_NAME: usize = 200;

const FIXED_LEN: u64 = 8 + 1 + 4 + 8;

/// What travels with the file inside the envelope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// The file's name, without any directory, as the source chose to send it.
    pub file_name: String,
    /// The media type recognised from the content.
    pub media_type: String,
    /// The source's message, if any.
    pub message: Option<String>,
    /// `h`: the content digest of the file.
    pub content_digest: ContentDigest,
    /// `r`: the opening of the commitment `C = Poseidon(h_hi, h_lo, r)`.
    pub opening: Opening,
    /// What was removed from the file before sealing.
    pub strip_report: StripReport,
}

/// What to seal, and to whom.
#[derive(Debug, Clone)]
pub struct SealOptions {
    /// The file's name; only its last path component is kept.
    pub file_name: String,
    /// Newsroom recipients, `age1…`.
    pub recipients: Vec<String>,
    /// An optional message for the newsroom.
    pub message: Option<String>,
}

impl SealOptions {
    /// Options with no message.
    pub fn new(file_name: &str, recipients: Vec<String>) -> Self {
        SealOptions {
            file_name: file_name.to_string(),
            recipients,
            message: None,
        }
    }
}

/// What the source learns from sealing.
#[derive(Debug)]
pub struct SealReceipt {
    /// `h`.
    pub content_digest: ContentDigest,
    /// `r`, which a provenance proof needs; keep it secret.
    pub opening: Opening,
    /// `C`, which a provenance proof discloses.
    pub commitment: Commitment,
    /// What was removed.
    pub strip_report: StripReport,
    /// The padded plaintext length, which fixes the ciphertext length.
    pub padded_len: u64,
}

/// An opened envelope.
#[derive(Debug)]
pub struct Opened {
    /// The manifest, whose digest has been checked against the file.
    pub manifest: Manifest,
    /// `C`, recomputed from the digest and opening.
    pub commitment: Commitment,
    /// The size of the file written.
    pub content_len: u64,
}

/// Parses newsroom recipients, refusing anything but `age1…` X25519 keys.
pub fn parse_recipients(recipients: &[String]) -> Result<Vec<age::x25519::Recipient>, Error> {
    if recipients.is_empty() {
        return Err(Error::NoRecipients);
    }
    recipients
        .iter()
        .map(|r| {
            r.trim()
                .parse::<age::x25519::Recipient>()
                .map_err(|_| Error::BadRecipient(r.clone()))
        })
        .collect()
}

/// The last path component of `name`, without control characters, at most
/// [`MAX_FILE_NAME`] bytes; `file` if nothing usable is left. Safe to join
/// to a directory: it is never empty, `.`, `..`, or absolute.
pub fn safe_file_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let mut clean: String = last
        .chars()
        .filter(|c| !c.is_control() && *c != ':')
        .collect();
    while clean.len() > MAX_FILE_NAME {
        clean.pop();
    }
    let clean = clean.trim().trim_start_matches('.').to_string();
    if clean.is_empty() {
        "file".to_string()
    } else {
        clean
    }
}

/// Strips `input`, digests it, commits to the digest, and writes an
/// envelope sealed to `options.recipients` into `output`.
///
/// `input` is read twice (once to digest, once to copy), so it must not
/// change meanwhile; a change in length is detected. On error `output` may
/// hold a partial envelope: write to a temporary place and discard it.
pub fn seal<R: Read + Seek, W: Write>(
    mut input: R,
    options: SealOptions,
    output: W,
) -> Result<SealReceipt, Error> {
    let recipients = parse_recipients(&options.recipients)?;
    if options
        .message
        .as_ref()
        .is_some_and(|m| m.len() > MAX_MESSAGE)
    {
        return Err(Error::MessageTooLong);
    }
    let start = input.stream_position()?;
    let file_name = safe_file_name(&options.file_name);
    let (content_digest, mut report) = ContentDigest::of(&mut input, Some(&options.file_name))?;
    let content_len = match report.kind {
        MediaKind::Webp => report.output_bytes + 12,
        _ => report.output_bytes,
    };
    report.output_bytes = content_len;
    let opening = Opening::random();
    let commitment = opening.commit(&content_digest);
    let manifest = Manifest {
        file_name,
        media_type: report.media_type.clone(),
        message: options.message,
        content_digest,
        opening: opening.clone(),
        strip_report: report.clone(),
    };
    let mut manifest_json =
        serde_json::to_vec(&manifest).map_err(|e| Error::Malformed(e.to_string()))?;
    if manifest_json.len() > MAX_MANIFEST as usize {
        manifest_json.zeroize();
        return Err(Error::MessageTooLong);
    }
    let plain_len = FIXED_LEN + manifest_json.len() as u64 + content_len;
    let padded_len = padding::padded_len(plain_len);

    let encryptor =
        age::Encryptor::with_recipients(recipients.iter().map(|r| r as &dyn age::Recipient))
            .map_err(|e| Error::Encrypt(e.to_string()))?;
    let mut sealed = encryptor.wrap_output(output)?;
    let framed = (|| -> Result<(), Error> {
        sealed.write_all(MAGIC)?;
        sealed.write_all(&[VERSION])?;
        sealed.write_all(&(manifest_json.len() as u32).to_be_bytes())?;
        sealed.write_all(&manifest_json)?;
        sealed.write_all(&content_len.to_be_bytes())?;
        Ok(())
    })();
    manifest_json.zeroize();
    framed?;

    input.seek(SeekFrom::Start(start))?;
    let mut counted = Counter::new(&mut sealed);
    strip::strip(&mut input, Some(&options.file_name), &mut counted)?;
    if counted.count() != content_len {
        return Err(Error::InputChanged);
    }
    write_zeros(&mut sealed, padded_len - plain_len)?;
    sealed.finish()?.flush()?;

    Ok(SealReceipt {
        content_digest,
        opening,
        commitment,
        strip_report: report,
        padded_len,
    })
}

fn write_zeros(w: &mut impl Write, mut n: u64) -> io::Result<()> {
    let zeros = [0u8; 8192];
    while n > 0 {
        let k = n.min(zeros.len() as u64) as usize;
        w.write_all(&zeros[..k])?;
        n -= k as u64;
    }
    Ok(())
}

/// Decrypts `envelope` with whichever of `identities` fits, writes the file
/// to `output`, and checks the framing, the digest and the padding.
///
/// The file is written before the last checks finish: write it to a
/// temporary place and keep it only if this returns `Ok`.
pub fn open<R: Read, W: Write>(
    envelope: R,
    identities: &[&dyn age::Identity],
    output: W,
) -> Result<Opened, Error> {
    let decryptor =
        age::Decryptor::new_buffered(BufReader::new(envelope)).map_err(decrypt_error)?;
    let reader = decryptor
        .decrypt(identities.iter().copied())
        .map_err(decrypt_error)?;
    let mut plain = Watched {
        inner: BufReader::new(reader),
        failed: false,
    };
    let result = read_payload(&mut plain, output);
    if plain.failed {
        // Whatever the parser made of it, the cause is the ciphertext.
        return Err(Error::Damaged);
    }
    result
}

fn read_payload<R: Read, W: Write>(plain: &mut R, output: W) -> Result<Opened, Error> {
    let malformed = |what: &str| Error::Malformed(what.to_string());
    let mut fixed = [0u8; 13];
    read_exact(plain, &mut fixed)?;
    if &fixed[..8] != MAGIC {
        return Err(malformed("no Darkroom header"));
    }
    if fixed[8] != VERSION {
        return Err(Error::UnsupportedVersion(fixed[8]));
    }
    let manifest_len = u32::from_be_bytes([fixed[9], fixed[10], fixed[11], fixed[12]]);
    if manifest_len > MAX_MANIFEST {
        return Err(malformed("manifest larger than 1 MiB"));
    }
    let mut manifest_json = vec![0u8; manifest_len as usize];
    read_exact(plain, &mut manifest_json)?;
    let parsed = serde_json::from_slice::<Manifest>(&manifest_json);
    manifest_json.zeroize();
    let manifest = parsed.map_err(|e| Error::Malformed(format!("bad manifest: {e}")))?;
    let mut len = [0u8; 8];
    read_exact(plain, &mut len)?;
    let content_len = u64::from_be_bytes(len);

    let mut tee = Tee {
        inner: plain.take(content_len),
        out: Counter::new(output),
    };
    let (digest, report) = match ContentDigest::of(&mut tee, None) {
        Ok(x) => x,
        Err(Error::Empty) => return Err(malformed("empty file")),
        Err(e) => return Err(e),
    };
    if tee.out.count() != content_len {
        return Err(Error::Damaged);
    }
    tee.out.into_inner().flush()?;
    if digest != manifest.content_digest {
        return Err(Error::DigestMismatch);
    }
    if !report.removed.is_empty() || report.media_type != manifest.media_type {
        return Err(malformed(
            "the file is not in the stripped form its manifest claims",
        ));
    }

    let plain_len = FIXED_LEN + u64::from(manifest_len) + content_len;
    let mut pad = 0u64;
    let mut buf = [0u8; 8192];
    loop {
        let n = plain.read(&mut buf)?;
        if n == 0 {
            break;
        }
        if buf[..n].iter().any(|&b| b != 0) {
            return Err(malformed("non-zero padding"));
        }
        pad += n as u64;
    }
    if plain_len + pad != padding::padded_len(plain_len) {
        return Err(malformed("padding of the wrong length"));
    }
    let commitment = manifest.opening.commit(&digest);
    Ok(Opened {
        manifest,
        commitment,
        content_len,
    })
}

fn read_exact(r: &mut impl Read, buf: &mut [u8]) -> Result<(), Error> {
    r.read_exact(buf).map_err(|e| match e.kind() {
        io::ErrorKind::UnexpectedEof => Error::Malformed("envelope ends early".to_string()),
        _ => Error::Io(e),
    })
}

fn decrypt_error(e: age::DecryptError) -> Error {
    match e {
        age::DecryptError::NoMatchingKeys => Error::NoMatchingKey,
        age::DecryptError::InvalidHeader | age::DecryptError::UnknownFormat => Error::NotAnEnvelope,
        age::DecryptError::Io(e) if e.kind() == io::ErrorKind::UnexpectedEof => {
            Error::NotAnEnvelope
        }
        age::DecryptError::Io(e) => Error::Io(e),
        _ => Error::Damaged,
    }
}

/// Remembers whether the decrypting reader failed: age reports tampering
/// and truncation as read errors, which must not be mistaken for a damaged
/// image inside an intact envelope.
struct Watched<R> {
    inner: R,
    failed: bool,
}

impl<R: Read> Read for Watched<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.inner.read(buf).inspect_err(|_| self.failed = true)
    }
}

/// Passes everything read through to a writer as well.
struct Tee<R, W> {
    inner: R,
    out: Counter<W>,
}

impl<R: Read, W: Write> Read for Tee<R, W> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.out.write_all(&buf[..n])?;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_cannot_escape() {
        assert_eq!(safe_file_name("../../etc/passwd"), "passwd");
        assert_eq!(safe_file_name("C:\\Users\\me\\IMG_1.jpg"), "IMG_1.jpg");
        assert_eq!(safe_file_name(".."), "file");
        assert_eq!(safe_file_name("/"), "file");
        assert_eq!(safe_file_name(".hidden"), "hidden");
        assert_eq!(safe_file_name("a\u{0}b\nc"), "abc");
        assert!(safe_file_name(&"é".repeat(300)).len() <= MAX_FILE_NAME);
    }
}

//! Sealed envelopes: a file and its manifest, padded and age-encrypted to
//! the newsroom.
//!
//! The plaintext inside the age file is (see `docs/formats.md`):
//!
//! ```text
//! magic        8 bytes  "darkroom"
//! version      1 byte   1, or 2 with a kept original
//! content_len  u64 BE
//! content      the stripped file
//! original_len u64 BE   version 2 only: the original file, unstripped,
//! original              kept for its Content Credentials (`crate::kept`)
//! manifest_len u32 BE   at most 1 MiB
//! manifest     JSON     file name, media type, message, digest, opening, strip report
//! padding      zero bytes up to padding::padded_len(everything before it)
//! ```
//!
//! The manifest follows the file because it holds the file's digest: the
//! content is digested as it is encrypted, in one pass, so the digest always
//! describes exactly the bytes sealed. Sealing and opening stream, so memory
//! stays bounded for any file size.

use std::io::{self, BufReader, Read, Seek, SeekFrom, Write};

use serde::{Deserialize, Serialize};
use zeroize::Zeroize;

use crate::digest::{Commitment, ContentDigest, DigestSink, Opening};
use crate::kept::{self, KeptOriginal};
use crate::media::MediaKind;
use crate::recipient::{self, Recipient};
use crate::report::StripReport;
use crate::strip::{self, Counter, Tee, Uncleanable};
use crate::{padding, EnvelopeError, Error, StripError};

/// The first eight bytes of every envelope's plaintext.
pub const MAGIC: &[u8; 8] = b"darkroom";
/// The envelope format version this crate writes, and reads.
pub const VERSION: u8 = 1;
/// The version of an envelope that also holds the original file, for its
/// Content Credentials; also read.
pub const VERSION_KEPT: u8 = 2;
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
    /// The age recipient the source's codename gives for replies, when the
    /// source asked for one: sealed here, so the newsroom learns it from
    /// the source and not only from the server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_recipient: Option<String>,
    /// For a photo with a version 2 capture attestation: the tile seed and
    /// root, so the newsroom can publish part of it. The commitment is
    /// then to the tile root, not the content digest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tiles: Option<SealedTiles>,
    /// Present only when the source kept the file's Content Credentials
    /// for the newsroom: the original file sealed after the stripped one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original: Option<KeptOriginal>,
}

/// A photo's tile seed and the tile root `T` it gives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SealedTiles {
    /// The seed of the tile salts (secret).
    pub seed: crate::tiles::Seed,
    /// `T`.
    pub root: ContentDigest,
}

impl Manifest {
    /// What the commitment `C` is to: the tile root, or else the content
    /// digest.
    pub fn committed(&self) -> &ContentDigest {
        self.tiles
            .as_ref()
            .map_or(&self.content_digest, |t| &t.root)
    }

    /// Checks that `content` (the opened file) has the tile root the
    /// manifest holds, when it holds one.
    pub fn check_tiles(&self, content: &[u8]) -> Result<(), EnvelopeError> {
        let Some(t) = &self.tiles else {
            return Ok(());
        };
        let c = crate::jpeg::decode(content).map_err(|e| {
            EnvelopeError::Malformed(format!("the photo's tiles cannot be read: {e}"))
        })?;
        if crate::tiles::root(&c, &t.seed) != t.root.0 {
            return Err(EnvelopeError::Malformed(
                "the photo's tiles do not give the tile root its manifest holds".into(),
            ));
        }
        Ok(())
    }
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
    /// The commitment's opening `r`; a fresh random one if `None`. A
    /// provenance proof made before sealing passes its `r` here.
    pub opening: Option<Opening>,
    /// The content digest the file must have (the one a proof was made
    /// for); sealing fails if the file no longer has it.
    pub expect_digest: Option<ContentDigest>,
    /// The source's reply recipient (`age1…`, from its codename), if any.
    pub reply_recipient: Option<String>,
    /// The tile seed and root of a photo proven with a version 2
    /// attestation: sealed, and the commitment is to the root.
    pub tiles: Option<SealedTiles>,
    /// Whether a file whose metadata cannot be removed is refused (the
    /// default) or sealed as it is, because the source chose so.
    pub uncleanable: Uncleanable,
    /// Whether the original file is sealed too, for its Content
    /// Credentials (C2PA); a file without them is then refused.
    pub keep_credentials: bool,
}

impl SealOptions {
    /// Options with no message.
    pub fn new(file_name: &str, recipients: Vec<String>) -> Self {
        SealOptions {
            file_name: file_name.to_string(),
            recipients,
            message: None,
            opening: None,
            expect_digest: None,
            reply_recipient: None,
            tiles: None,
            uncleanable: Uncleanable::Refuse,
            keep_credentials: false,
        }
    }

    /// The same options, sealing a file whose metadata cannot be removed
    /// exactly as it is (the source chose so).
    pub fn sending_as_is(mut self) -> Self {
        self.uncleanable = Uncleanable::SendAsIs;
        self
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
    /// The kind of key the envelope is sealed to.
    pub kind: recipient::Kind,
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
    /// The kind of key the envelope was sealed to, from its header.
    pub sealed_to: Option<recipient::Kind>,
    /// The size of the original file written, when the source kept it.
    pub original_len: Option<u64>,
}

/// Parses newsroom recipients: `age1pq1…` hybrid or `age1…` X25519 keys,
/// all of one kind ([`crate::recipient`]).
pub fn parse_recipients(recipients: &[String]) -> Result<Vec<Recipient>, EnvelopeError> {
    recipient::parse_all(recipients).map(|(_, r)| r)
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
/// The file is read once to measure its stripped length (images only; other
/// files by their size), then once more as it is stripped, digested and
/// encrypted in a single stream, so the digest always describes exactly the
/// bytes sealed. A file that changes length meanwhile is refused. On error
/// `output` may hold a partial envelope: write to a temporary place and
/// discard it.
pub fn seal<R: Read + Seek, W: Write>(
    mut input: R,
    options: SealOptions,
    output: W,
) -> Result<SealReceipt, Error> {
    let (sealed_to, recipients) = recipient::parse_all(&options.recipients)?;
    if let Some(r) = &options.reply_recipient {
        // Replies are sealed to the source and the newsroom together, so
        // the source's key must be of the newsroom's kind.
        if r.parse::<Recipient>()?.kind() != sealed_to {
            return Err(EnvelopeError::MixedRecipients.into());
        }
    }
    if options
        .message
        .as_ref()
        .is_some_and(|m| m.len() > MAX_MESSAGE)
    {
        return Err(EnvelopeError::MessageTooLong.into());
    }
    let name = Some(options.file_name.as_str());
    let start = input.stream_position()?;
    let (kind, _) = strip::sniff(&mut input, name)?;
    strip::refuse_uncleanable(kind, options.uncleanable)?;
    let (content_len, original_len, credentials) = if kind.is_stripped() {
        input.seek(SeekFrom::Start(start))?;
        let report = strip::strip(&mut input, name, options.uncleanable, io::sink())?;
        let end = input.seek(SeekFrom::End(0))?;
        let credentials = kept::has_credentials(&report);
        (report.output_bytes, end.saturating_sub(start), credentials)
    } else {
        let len = input.seek(SeekFrom::End(0))?.saturating_sub(start);
        (len, len, false)
    };
    input.seek(SeekFrom::Start(start))?;
    // What a source keeps must be there to keep: nothing is sealed beside
    // a file that has no Content Credentials, and nothing is written.
    if options.keep_credentials && !credentials {
        return Err(StripError::NoCredentials.into());
    }

    let to: Vec<&dyn age::Recipient> = recipients
        .iter()
        .map(|r| r as &dyn age::Recipient)
        .collect();
    let mut sealed = crate::age_stream::AgeWriter::new(&to, output)
        .map_err(|e| EnvelopeError::Encrypt(e.to_string()))?;
    sealed.write_all(MAGIC)?;
    sealed.write_all(&[if options.keep_credentials {
        VERSION_KEPT
    } else {
        VERSION
    }])?;
    sealed.write_all(&content_len.to_be_bytes())?;

    // A stripped WebP's or WAV's RIFF header is not part of its canonical
    // stream.
    let skip = if matches!(kind, MediaKind::Webp | MediaKind::Wav) {
        strip::RIFF_HEADER_LEN
    } else {
        0
    };
    let mut stream = SealStream {
        sealed: Counter::new(&mut sealed),
        digest: DigestSink::new(kind, skip),
    };
    let mut report = strip::strip(&mut input, name, options.uncleanable, &mut stream)?;
    if stream.sealed.count() != content_len {
        return Err(EnvelopeError::InputChanged.into());
    }
    let content_digest = stream.digest.finish()?;
    if options
        .expect_digest
        .is_some_and(|expected| expected != content_digest)
    {
        return Err(EnvelopeError::InputChanged.into());
    }
    let original = if options.keep_credentials {
        if !kept::has_credentials(&report) {
            // They were there when the file was measured.
            return Err(EnvelopeError::InputChanged.into());
        }
        kept::note_kept(&mut report);
        input.seek(SeekFrom::Start(start))?;
        sealed.write_all(&original_len.to_be_bytes())?;
        Some(kept::seal(
            &mut input,
            original_len,
            name,
            &mut sealed,
            &content_digest,
        )?)
    } else {
        None
    };
    let original_part = original.as_ref().map_or(0, |o| 8 + o.len);

    if options.tiles.is_some() && options.expect_digest.is_none() {
        // The tile root was computed from a file; it must be this one.
        return Err(EnvelopeError::InputChanged.into());
    }
    let opening = options.opening.unwrap_or_else(Opening::random);
    let manifest = Manifest {
        file_name: safe_file_name(&options.file_name),
        media_type: report.media_type.clone(),
        message: options.message,
        content_digest,
        opening: opening.clone(),
        strip_report: report.clone(),
        reply_recipient: options.reply_recipient.map(|r| r.trim().to_string()),
        tiles: options.tiles,
        original,
    };
    let commitment = opening.commit(manifest.committed());
    let mut manifest_json =
        serde_json::to_vec(&manifest).map_err(|e| EnvelopeError::Malformed(e.to_string()))?;
    drop(manifest);
    let written = (|| -> Result<u64, Error> {
        if manifest_json.len() > MAX_MANIFEST as usize {
            return Err(EnvelopeError::MessageTooLong.into());
        }
        sealed.write_all(&(manifest_json.len() as u32).to_be_bytes())?;
        sealed.write_all(&manifest_json)?;
        Ok(manifest_json.len() as u64)
    })();
    manifest_json.zeroize();
    let plain_len = FIXED_LEN + content_len + original_part + written?;
    let padded_len = padding::padded_len(plain_len);
    write_zeros(&mut sealed, padded_len - plain_len)?;
    sealed.finish()?.flush()?;

    Ok(SealReceipt {
        content_digest,
        opening,
        commitment,
        strip_report: report,
        padded_len,
        kind: sealed_to,
    })
}

/// The stripped file on its way into the envelope, digested as it passes.
struct SealStream<'a, W: Write> {
    sealed: Counter<&'a mut W>,
    digest: DigestSink,
}

impl<W: Write> Write for SealStream<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.sealed.write_all(buf)?;
        self.digest.write_all(buf)?;
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        self.sealed.flush()
    }
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
/// to `output`, and checks the framing, the digest and the padding. A kept
/// original is checked and dropped; [`open_keeping`] writes it.
///
/// The file is written before the last checks finish: write it to a
/// temporary place and keep it only if this returns `Ok`.
pub fn open<R: Read, W: Write>(
    envelope: R,
    identities: &[&dyn age::Identity],
    output: W,
) -> Result<Opened, Error> {
    open_keeping(envelope, identities, output, io::sink())
}

/// [`open`], writing the original file the source kept for its Content
/// Credentials, if any, to `original`, after checking that it is the
/// same picture as the stripped file and has the SHA-256 the manifest
/// holds. Like the file, keep it only if this returns `Ok`.
pub fn open_keeping<R: Read, W: Write, O: Write>(
    envelope: R,
    identities: &[&dyn age::Identity],
    output: W,
    original: O,
) -> Result<Opened, Error> {
    let head = std::cell::RefCell::new(Vec::new());
    let decryptor = age::Decryptor::new_buffered(BufReader::new(Head {
        inner: envelope,
        head: &head,
    }))
    .map_err(decrypt_error)?;
    // The header has been read through `Head` by now.
    let sealed_to = recipient::sealed_kind(&head.borrow());
    // The header parsed as age: a stanza an identity finds malformed now
    // means damage, not another format.
    let reader = decryptor
        .decrypt(identities.iter().copied())
        .map_err(|e| match e {
            age::DecryptError::InvalidHeader => EnvelopeError::Damaged,
            e => decrypt_error(e),
        })?;
    let mut plain = Watched {
        inner: BufReader::new(reader),
        failed: false,
    };
    let result = read_payload(&mut plain, output, original, sealed_to);
    if plain.failed {
        // Whatever the parser made of it, the cause is the ciphertext.
        return Err(EnvelopeError::Damaged.into());
    }
    result
}

/// A reader that keeps a copy of the first [`HEAD`] bytes read through
/// it: the age header, to say what kind of key protects the file.
struct Head<'a, R> {
    inner: R,
    head: &'a std::cell::RefCell<Vec<u8>>,
}

const HEAD: usize = 64 * 1024;

impl<R: Read> Read for Head<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut head = self.head.borrow_mut();
        let keep = n.min(HEAD.saturating_sub(head.len()));
        head.extend_from_slice(&buf[..keep]);
        Ok(n)
    }
}

fn read_payload<R: Read, W: Write, O: Write>(
    plain: &mut R,
    output: W,
    original: O,
    sealed_to: Option<recipient::Kind>,
) -> Result<Opened, Error> {
    let malformed = |what: &str| EnvelopeError::Malformed(what.to_string());
    let mut fixed = [0u8; 17];
    read_exact(plain, &mut fixed)?;
    if &fixed[..8] != MAGIC {
        return Err(malformed("no Darkroom header").into());
    }
    let version = fixed[8];
    if version != VERSION && version != VERSION_KEPT {
        return Err(EnvelopeError::UnsupportedVersion(version).into());
    }
    let mut len = [0u8; 8];
    len.copy_from_slice(&fixed[9..17]);
    let content_len = u64::from_be_bytes(len);

    let mut tee = Tee {
        inner: plain.take(content_len),
        out: Counter::new(output),
    };
    let (digest, report) = match ContentDigest::of(&mut tee, None) {
        Ok(x) => x,
        Err(StripError::Empty) => return Err(malformed("empty file").into()),
        Err(e) => return Err(e.into()),
    };
    if tee.out.count() != content_len {
        return Err(malformed("envelope ends early").into());
    }
    tee.out.into_inner().flush()?;

    let mut kept_original = None;
    if version == VERSION_KEPT {
        let mut olen = [0u8; 8];
        read_exact(plain, &mut olen)?;
        let len = u64::from_be_bytes(olen);
        kept_original = Some((len, kept::read(&mut *plain, len, original)?));
    }

    let mut mlen = [0u8; 4];
    read_exact(plain, &mut mlen)?;
    let manifest_len = u32::from_be_bytes(mlen);
    if manifest_len > MAX_MANIFEST {
        return Err(malformed("manifest larger than 1 MiB").into());
    }
    let mut manifest_json = vec![0u8; manifest_len as usize];
    read_exact(plain, &mut manifest_json)?;
    let parsed = serde_json::from_slice::<Manifest>(&manifest_json);
    manifest_json.zeroize();
    let manifest = parsed.map_err(|e| EnvelopeError::Malformed(format!("bad manifest: {e}")))?;
    if digest != manifest.content_digest {
        return Err(EnvelopeError::DigestMismatch.into());
    }
    if !report.removed.is_empty() || report.media_type != manifest.media_type {
        return Err(malformed("the file is not in the stripped form its manifest claims").into());
    }
    let original_len = match kept_original {
        Some((len, found)) => {
            kept::check(found, len, manifest.original.as_ref(), &digest)?;
            Some(len)
        }
        None if manifest.original.is_some() => {
            return Err(malformed("a manifest naming an original file it lacks").into())
        }
        None => None,
    };

    let plain_len =
        FIXED_LEN + u64::from(manifest_len) + content_len + original_len.map_or(0, |n| 8 + n);
    let mut pad = 0u64;
    let mut buf = [0u8; 8192];
    loop {
        let n = plain.read(&mut buf)?;
        if n == 0 {
            break;
        }
        if buf[..n].iter().any(|&b| b != 0) {
            return Err(malformed("non-zero padding").into());
        }
        pad += n as u64;
    }
    if plain_len + pad != padding::padded_len(plain_len) {
        return Err(malformed("padding of the wrong length").into());
    }
    let commitment = manifest.opening.commit(manifest.committed());
    Ok(Opened {
        manifest,
        commitment,
        content_len,
        sealed_to,
        original_len,
    })
}

fn read_exact(r: &mut impl Read, buf: &mut [u8]) -> Result<(), EnvelopeError> {
    r.read_exact(buf).map_err(|e| match e.kind() {
        io::ErrorKind::UnexpectedEof => EnvelopeError::Malformed("envelope ends early".to_string()),
        _ => EnvelopeError::Io(e),
    })
}

fn decrypt_error(e: age::DecryptError) -> EnvelopeError {
    match e {
        age::DecryptError::NoMatchingKeys => EnvelopeError::NoMatchingKey,
        age::DecryptError::InvalidHeader | age::DecryptError::UnknownFormat => {
            EnvelopeError::NotAnEnvelope
        }
        age::DecryptError::Io(e) if e.kind() == io::ErrorKind::UnexpectedEof => {
            EnvelopeError::NotAnEnvelope
        }
        age::DecryptError::Io(e) => EnvelopeError::Io(e),
        _ => EnvelopeError::Damaged,
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn key() -> (age::x25519::Identity, Vec<String>) {
        let id = age::x25519::Identity::generate();
        let r = vec![id.to_public().to_string()];
        (id, r)
    }

    /// A reply key of the other kind than the newsroom's is refused before
    /// anything is written, and one of the same kind is sealed and opens.
    #[test]
    fn the_reply_key_is_of_the_newsroom_kind() {
        let newsroom = crate::hybrid::Identity::generate();
        let to = vec![newsroom.to_public().to_string()];
        let pdf = b"%PDF-1.7 x".to_vec();
        let options = |reply: String| SealOptions {
            reply_recipient: Some(reply),
            ..SealOptions::new("a.pdf", to.clone()).sending_as_is()
        };
        let classical = age::x25519::Identity::generate().to_public().to_string();
        let mut out = Vec::new();
        let e = seal(Cursor::new(pdf.clone()), options(classical), &mut out).unwrap_err();
        assert!(
            matches!(e, crate::Error::Envelope(EnvelopeError::MixedRecipients)),
            "{e}"
        );
        assert!(out.is_empty());
        let hybrid = crate::hybrid::Identity::generate().to_public().to_string();
        let receipt = seal(Cursor::new(pdf), options(hybrid.clone()), &mut out).unwrap();
        assert_eq!(receipt.kind, recipient::Kind::Hybrid);
        let opened = open(&out[..], &[&newsroom], std::io::sink()).unwrap();
        assert_eq!(opened.manifest.reply_recipient, Some(hybrid));
        assert_eq!(opened.sealed_to, Some(recipient::Kind::Hybrid));
    }

    #[test]
    fn round_trips_every_kind() {
        let (id, to) = key();
        let samples = [
            ("a.jpg", crate::strip::tests::sample_jpeg()),
            ("a.png", crate::strip::tests::sample_png()),
            ("a.webp", crate::strip::tests::sample_webp()),
            ("a.bin", (vec![7u8; 200_000], vec![7u8; 200_000])),
        ];
        for (name, (input, stripped)) in samples {
            let mut sealed = Vec::new();
            let mut opts = SealOptions::new(name, to.clone()).sending_as_is();
            opts.message = Some("hello".into());
            let receipt = seal(Cursor::new(&input), opts, &mut sealed).unwrap();
            let (digest, _) = ContentDigest::of(&input[..], None).unwrap();
            assert_eq!(receipt.content_digest, digest, "{name}");
            let mut out = Vec::new();
            let opened = open(&sealed[..], &[&id as &dyn age::Identity], &mut out).unwrap();
            assert_eq!(out, stripped, "{name}");
            assert_eq!(opened.commitment, receipt.commitment);
            assert_eq!(opened.manifest.message.as_deref(), Some("hello"));
            assert_eq!(opened.manifest.file_name, name);
            assert_eq!(receipt.strip_report.output_bytes, stripped.len() as u64);
        }
    }

    #[test]
    fn ciphertext_size_depends_only_on_the_bucket() {
        let (_, to) = key();
        // age adds random "grease" stanzas to its header, so compare what
        // follows the header.
        let sizes: Vec<usize> = [1usize, 1000, 30_000]
            .iter()
            .map(|&n| {
                let mut sealed = Vec::new();
                seal(
                    Cursor::new(vec![1u8; n]),
                    SealOptions::new("f.bin", to.clone()).sending_as_is(),
                    &mut sealed,
                )
                .unwrap();
                let mac = memchr::memmem::find(&sealed, b"\n--- ").unwrap();
                let header_end = mac + 1 + memchr::memchr(b'\n', &sealed[mac + 1..]).unwrap() + 1;
                sealed.len() - header_end
            })
            .collect();
        assert!(sizes.windows(2).all(|w| w[0] == w[1]), "{sizes:?}");
    }

    /// A file that grows between the measuring pass and the sealing pass.
    struct Growing {
        inner: Cursor<Vec<u8>>,
        rewinds: u32,
    }

    impl Read for Growing {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            self.inner.read(buf)
        }
    }

    impl Seek for Growing {
        fn seek(&mut self, pos: SeekFrom) -> io::Result<u64> {
            if pos == SeekFrom::Start(0) {
                self.rewinds += 1;
                if self.rewinds == 1 {
                    self.inner
                        .get_mut()
                        .extend_from_slice(b"appended meanwhile");
                }
            }
            self.inner.seek(pos)
        }
    }

    #[test]
    fn a_file_changing_during_seal_is_refused() {
        let (_, to) = key();
        let input = Growing {
            inner: Cursor::new(b"GIF89a original".to_vec()),
            rewinds: 0,
        };
        let err = seal(
            input,
            SealOptions::new("f.gif", to).sending_as_is(),
            Vec::new(),
        )
        .unwrap_err();
        assert!(
            matches!(err, crate::Error::Envelope(EnvelopeError::InputChanged)),
            "{err}"
        );
    }

    #[test]
    fn what_cannot_be_cleaned_is_not_sealed_by_default() {
        let (id, to) = key();
        let pdf = b"%PDF-1.7\n/Author (someone)\n".to_vec();
        let mut sealed = Vec::new();
        let err = seal(
            Cursor::new(&pdf),
            SealOptions::new("memo.pdf", to.clone()),
            &mut sealed,
        )
        .unwrap_err();
        assert!(
            matches!(
                err,
                crate::Error::Strip(StripError::CannotClean { kind: "PDF", .. })
            ),
            "{err}"
        );
        assert!(sealed.is_empty(), "wrote {} bytes", sealed.len());

        let options = SealOptions::new("memo.pdf", to).sending_as_is();
        let receipt = seal(Cursor::new(&pdf), options, &mut sealed).unwrap();
        assert!(!receipt.strip_report.metadata_removed);
        let mut out = Vec::new();
        open(&sealed[..], &[&id as &dyn age::Identity], &mut out).unwrap();
        assert_eq!(out, pdf);
    }

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

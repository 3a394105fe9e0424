//! Lossless, allow-list metadata removal, and the canonical content stream.
//!
//! For each format, only what a decoder needs is kept, byte for byte; every
//! other segment or chunk is dropped and named in the [`StripReport`]. What
//! is kept, in order, is the *canonical content stream* that the content
//! digest covers (see `docs/formats.md`):
//!
//! - JPEG: SOI, DQT, DHT, DAC, SOFn, DHP, EXP, DRI, DNL, SOS with its
//!   entropy-coded data and RSTn markers (every scan), a normalised APP14
//!   "Adobe" segment where present, EOI. Fill bytes are dropped. The stripped
//!   file *is* the canonical stream.
//! - PNG: the signature, then IHDR, PLTE, tRNS, IDAT, acTL, fcTL, fdAT, IEND
//!   with their CRCs. The stripped file is the canonical stream.
//! - WebP: VP8X (flags normalised), VP8, VP8L, ALPH, ANIM, ANMF chunks, pad
//!   bytes zeroed. The stripped file is `RIFF`, its size, `WEBP`, then the
//!   canonical stream.
//! - HEIF/HEIC/AVIF: `ftyp`, a rewritten `meta` holding only the image
//!   items and the properties that decode them, and one `mdat` with only
//!   their data (see `heif`). The stripped file is the canonical stream.
//! - MP4, MOV, M4A, 3GP: `ftyp`, every `mdat` untouched, a rewritten
//!   `moov` without user data, metadata, timed-metadata tracks or times
//!   (see `mp4`). The stripped file is the canonical stream.
//! - PDF: the document written again as one revision without its Info
//!   dictionary, XMP, IDs, annotation authors or embedded images' metadata
//!   (see `pdf`). The stripped file is the canonical stream.
//! - Word, Excel, PowerPoint and OpenDocument files: the ZIP package
//!   written again without properties, thumbnails, printer settings, edit
//!   ids or author names, its images cleaned (see `office`). The stripped
//!   file is the canonical stream.
//! - Anything else is refused, unless the source chooses to send it as it
//!   is; then it passes through unchanged and the canonical stream is the
//!   whole file.
//!
//! Stripping streams: memory stays bounded whatever the file's size, but
//! for TIFF, PDF and office documents, which are read into memory whole
//! (up to a limit; a larger document can only be sent as it is).

mod bmff;
pub(crate) mod c2pa;
mod flac;
mod heif;
mod inspect;
mod jpeg;
mod mp3;
mod mp4;
mod office;
mod ogg;
mod pdf;
mod png;
mod source;
mod tiff;
mod wav;
mod webp;

use std::io::{self, Cursor, Read, Seek, SeekFrom, Write};

use crate::media::{MediaKind, SNIFF_LEN};
use crate::report::StripReport;
use crate::StripError;

use source::Source;
pub(crate) use source::{Counter, Tee};

/// The size of the `RIFF`, size, `WEBP` (or `WAVE`) header that starts a
/// stripped WebP or WAV and is not part of its canonical stream.
pub const RIFF_HEADER_LEN: u64 = 12;
/// The identifier that opens a Darkroom capture attestation's APP11
/// segment (whose payload `capture` reads and writes): stripping names the
/// segment by it.
pub const CAPTURE_APP11_ID: &[u8; 17] = b"darkroom-capture\0";

/// What to do with a file whose metadata Darkroom cannot remove.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Uncleanable {
    /// Refuse it with [`StripError::CannotClean`], before any byte is written.
    #[default]
    Refuse,
    /// Pass it through unchanged, because the source explicitly chose to
    /// send it as it is; the report says that nothing was removed.
    SendAsIs,
}

/// Removes the metadata from `input` and writes the result to `output`.
///
/// `name` is the file's name, if known: when its extension claims a format
/// that the content is not, the file is refused rather than passed through.
/// A file whose metadata cannot be removed is refused unless `uncleanable`
/// is [`Uncleanable::SendAsIs`]. On error, `output` may hold a partial
/// result: write to a temporary place and discard it.
pub fn strip<R: Read + Seek, W: Write>(
    mut input: R,
    name: Option<&str>,
    uncleanable: Uncleanable,
    output: W,
) -> Result<StripReport, StripError> {
    let start = input.stream_position()?;
    let (kind, head) = sniff(&mut input, name)?;
    refuse_uncleanable(kind, uncleanable)?;
    let mut out = Counter::new(output);
    let mut report = match kind {
        // A WebP's or WAV's RIFF header states the size of what follows
        // it, so the kept chunks are measured in a first pass and copied in
        // a second.
        MediaKind::Webp | MediaKind::Wav => {
            let mut measure = Counter::new(io::sink());
            canonicalize(
                kind,
                Cursor::new(&head).chain(&mut input),
                &mut measure,
                uncleanable,
            )?;
            input.seek(SeekFrom::Start(start))?;
            let body = u32::try_from(measure.count() + 4).map_err(|_| {
                StripError::corrupt(kind.name(), "larger than the 4 GiB the format allows")
            })?;
            out.write_all(b"RIFF")?;
            out.write_all(&body.to_le_bytes())?;
            out.write_all(if kind == MediaKind::Wav {
                b"WAVE"
            } else {
                b"WEBP"
            })?;
            canonicalize(kind, &mut input, &mut out, uncleanable)?
        }
        _ => canonicalize(
            kind,
            Cursor::new(&head).chain(&mut input),
            &mut out,
            uncleanable,
        )?,
    };
    out.flush()?;
    report.output_bytes = out.count();
    Ok(report)
}

/// Recognises the file `input` starts with and refuses it, as [`strip`]
/// would, when its metadata cannot be removed: a check before anything
/// else is done with the file (a network connection, a proof). Documents,
/// whose cleanability depends on what is inside them, are read whole.
pub fn check_cleanable<R: Read>(
    mut input: R,
    name: Option<&str>,
    uncleanable: Uncleanable,
) -> Result<MediaKind, StripError> {
    let (kind, head) = sniff(&mut input, name)?;
    refuse_uncleanable(kind, uncleanable)?;
    if is_document(kind) {
        canonicalize(
            kind,
            Cursor::new(head).chain(input),
            io::sink(),
            uncleanable,
        )?;
    }
    Ok(kind)
}

/// Kinds read whole and cleaned as documents, which may turn out to be
/// uncleanable only once they are read (an encrypted PDF, a ZIP archive
/// that is not an office document, an Ogg file that is not Vorbis or Opus).
fn is_document(kind: MediaKind) -> bool {
    matches!(kind, MediaKind::Pdf | MediaKind::Zip | MediaKind::Ogg)
}

/// Refuses `kind` when its metadata cannot be removed and the source did
/// not choose to send it as it is.
pub fn refuse_uncleanable(kind: MediaKind, uncleanable: Uncleanable) -> Result<(), StripError> {
    match kind.passthrough_advice() {
        Some(advice) if uncleanable == Uncleanable::Refuse => Err(StripError::CannotClean {
            kind: kind.name(),
            advice,
        }),
        _ => Ok(()),
    }
}

/// Recognises `input`'s kind from its first bytes, which it returns for the
/// caller to replay.
pub(crate) fn sniff<R: Read>(
    input: &mut R,
    name: Option<&str>,
) -> Result<(MediaKind, Vec<u8>), StripError> {
    let mut head = Vec::with_capacity(SNIFF_LEN);
    input.take(SNIFF_LEN as u64).read_to_end(&mut head)?;
    if head.is_empty() {
        return Err(StripError::Empty);
    }
    let kind = MediaKind::sniff(&head);
    if let Some(claimed) = name.and_then(MediaKind::claimed_by_name) {
        if claimed != kind {
            return Err(StripError::WrongType {
                claimed: claimed.name(),
                found: if kind == MediaKind::Other {
                    "not a format Darkroom recognises"
                } else {
                    kind.name()
                },
            });
        }
    }
    Ok((kind, head))
}

/// Writes the canonical content stream of `input` (of `kind`, read from its
/// first byte) to `sink`, and reports what was left out. A document that
/// turns out to be uncleanable is refused, or with
/// [`Uncleanable::SendAsIs`] copied whole (its report says so).
pub(crate) fn canonicalize<R: Read, W: Write>(
    kind: MediaKind,
    mut input: R,
    mut sink: W,
    uncleanable: Uncleanable,
) -> Result<StripReport, StripError> {
    canonicalize_dyn(kind, &mut input, &mut sink, uncleanable)
}

/// [`canonicalize`] compiled once: every format's cleaner is instantiated
/// for one reader and one writer type, not once per caller's pair (the
/// browser client carried about twenty copies of each, some 0.8 MB). The
/// reader is buffered and writes are whole chunks, so the indirect calls
/// cost nothing measurable (`darkroom-bench strip-seal`).
fn canonicalize_dyn(
    kind: MediaKind,
    input: &mut dyn Read,
    sink: &mut dyn Write,
    uncleanable: Uncleanable,
) -> Result<StripReport, StripError> {
    let mut report = StripReport::new(kind);
    let mut src = Source::new(input, kind.name());
    let mut out = Counter::new(sink);
    match kind {
        MediaKind::Jpeg => jpeg::canonicalize(&mut src, &mut out, &mut report)?,
        MediaKind::Png => png::canonicalize(&mut src, &mut out, &mut report)?,
        MediaKind::Webp => webp::canonicalize(&mut src, &mut out, &mut report)?,
        MediaKind::Heif => heif::canonicalize(&mut src, &mut out, &mut report)?,
        MediaKind::Video => mp4::canonicalize(&mut src, &mut out, &mut report)?,
        MediaKind::Mp3 => mp3::canonicalize(&mut src, &mut out, &mut report)?,
        MediaKind::Flac => flac::canonicalize(&mut src, &mut out, &mut report)?,
        MediaKind::Wav => wav::canonicalize(&mut src, &mut out, &mut report)?,
        MediaKind::Tiff => tiff::canonicalize(&mut src, &mut out, &mut report)?,
        MediaKind::Pdf | MediaKind::Zip | MediaKind::Ogg => {
            document(kind, &mut src, &mut out, &mut report, uncleanable)?
        }
        _ => src.copy(u64::MAX, &mut out).map(|_| ())?,
    }
    report.input_bytes = src.position();
    report.output_bytes = out.count();
    Ok(report)
}

/// The most of a document read into memory to be cleaned.
const MAX_DOCUMENT: u64 = 512 << 20;
const TOO_LARGE: &str = "It is larger than the 512 MiB Darkroom reads into memory to clean a document or an Ogg recording. Split it or export a smaller copy, then choose that one.";

/// Reads a PDF, office document or Ogg file whole and writes it cleaned,
/// or (when it cannot be cleaned and the source chose so) as it is.
fn document<R: Read, W: Write>(
    kind: MediaKind,
    src: &mut Source<R>,
    out: &mut W,
    report: &mut StripReport,
    uncleanable: Uncleanable,
) -> Result<(), StripError> {
    let mut file = Vec::new();
    while file.len() as u64 <= MAX_DOCUMENT {
        let buf = src.fill_buf()?;
        if buf.is_empty() {
            break;
        }
        let n = buf.len();
        file.extend_from_slice(buf);
        src.consume(n);
    }
    let cleaned = if file.len() as u64 > MAX_DOCUMENT {
        Err(StripError::CannotClean {
            kind: kind.name(),
            advice: TOO_LARGE,
        })
    } else {
        match kind {
            MediaKind::Pdf => pdf::clean(&file, report),
            MediaKind::Ogg => ogg::clean(&file, report),
            _ => office::clean(&file, report),
        }
    };
    match cleaned {
        Ok(cleaned) => out.write_all(&cleaned)?,
        Err(StripError::CannotClean { kind: name, advice })
            if uncleanable == Uncleanable::SendAsIs =>
        {
            *report = StripReport::new(kind);
            report.sent_as_is(name, advice);
            out.write_all(&file)?;
            src.copy(u64::MAX, out)?;
        }
        Err(e) => return Err(e),
    }
    Ok(())
}

/// Cleans an image found inside a document, when it is of a kind Darkroom
/// cleans: the cleaned image and its report, or `None` for other kinds.
fn embedded(bytes: &[u8]) -> Result<(Option<Vec<u8>>, StripReport), StripError> {
    let kind = MediaKind::sniff(&bytes[..bytes.len().min(SNIFF_LEN)]);
    if !matches!(
        kind,
        MediaKind::Jpeg | MediaKind::Png | MediaKind::Webp | MediaKind::Tiff | MediaKind::Heif
    ) {
        return Ok((None, StripReport::new(kind)));
    }
    let mut cleaned = Vec::with_capacity(bytes.len());
    let report = strip(Cursor::new(bytes), None, Uncleanable::Refuse, &mut cleaned)?;
    Ok((Some(cleaned), report))
}

#[cfg(test)]
pub(crate) mod tests;

//! WebP: keep the image chunks, drop EXIF, XMP, ICCP and unknown chunks.
//!
//! The canonical stream is the kept chunks without the RIFF header, whose
//! size field depends on what was dropped. Pad bytes are written as zero
//! and the VP8X flags are rewritten to say what is left.

use std::io::{Read, Write};

use super::inspect::{self, INSPECT_LIMIT};
use super::source::Source;
use crate::report::{Category, StripReport};
use crate::StripError;

/// VP8X flags that describe the image itself: alpha and animation.
const VP8X_IMAGE_FLAGS: u8 = 0x10 | 0x02;

pub(super) fn canonicalize<R: Read, W: Write>(
    src: &mut Source<R>,
    out: &mut W,
    report: &mut StripReport,
) -> Result<(), StripError> {
    let header: [u8; 12] = src.array()?;
    if &header[..4] != b"RIFF" || &header[8..] != b"WEBP" {
        return Err(src.corrupt("bad RIFF/WEBP header"));
    }
    let riff_size = u32::from_le_bytes([header[4], header[5], header[6], header[7]]);
    if riff_size < 4 {
        return Err(src.corrupt("RIFF size too small"));
    }
    let end = 8 + u64::from(riff_size);
    let mut has_image = false;
    let mut first = true;
    while src.position() < end {
        if end - src.position() < 8 {
            return Err(src.corrupt("a chunk header runs past the RIFF size"));
        }
        let fourcc: [u8; 4] = src.array()?;
        let size = u32::from_le_bytes(src.array()?);
        let padded = u64::from(size) + u64::from(size & 1);
        if src.position() + padded > end {
            return Err(src.corrupt("a chunk runs past the RIFF size"));
        }
        let is_image = matches!(&fourcc, b"VP8 " | b"VP8L" | b"ANMF");
        if first && !matches!(&fourcc, b"VP8 " | b"VP8L" | b"VP8X") {
            return Err(src.corrupt("the first chunk is not VP8, VP8L or VP8X"));
        }
        first = false;
        match &fourcc {
            b"VP8X" => {
                if size != 10 {
                    return Err(src.corrupt("VP8X chunk of the wrong size"));
                }
                let mut data: [u8; 10] = src.array()?;
                data[0] &= VP8X_IMAGE_FLAGS;
                data[1..4].fill(0);
                out.write_all(b"VP8X")?;
                out.write_all(&size.to_le_bytes())?;
                out.write_all(&data)?;
            }
            b"VP8 " | b"VP8L" | b"ALPH" | b"ANIM" => {
                out.write_all(&fourcc)?;
                out.write_all(&size.to_le_bytes())?;
                src.copy(u64::from(size), out)?;
                skip_pad(src, out, size)?;
            }
            b"ANMF" => {
                out.write_all(&fourcc)?;
                out.write_all(&size.to_le_bytes())?;
                copy_frame(src, out, size)?;
                skip_pad(src, out, size)?;
            }
            _ => {
                let data = src.take_or_skip(padded, INSPECT_LIMIT, |_| {})?;
                describe(&fourcc, data.as_deref().unwrap_or_default(), report);
                let name = inspect::printable(&fourcc).trim_end().to_string();
                report.removed(name, padded + 8);
            }
        }
        has_image |= is_image;
    }
    if !has_image {
        return Err(src.corrupt("no image chunk"));
    }
    let (n, head) = src.drain()?;
    inspect::trailer(report, n, &head);
    Ok(())
}

/// Reads a chunk's pad byte, if it has one, and writes it as zero.
fn skip_pad<R: Read, W: Write>(
    src: &mut Source<R>,
    out: &mut W,
    size: u32,
) -> Result<(), StripError> {
    if size & 1 == 1 {
        src.u8()?;
        out.write_all(&[0])?;
    }
    Ok(())
}

/// Copies an ANMF frame: its 16-byte header, then ALPH/VP8/VP8L sub-chunks.
fn copy_frame<R: Read, W: Write>(
    src: &mut Source<R>,
    out: &mut W,
    size: u32,
) -> Result<(), StripError> {
    if size < 16 {
        return Err(src.corrupt("animation frame too small"));
    }
    let end = src.position() + u64::from(size);
    src.copy(16, out)?;
    while src.position() < end {
        if end - src.position() < 8 {
            return Err(src.corrupt("a frame's chunk header runs past the frame"));
        }
        let fourcc: [u8; 4] = src.array()?;
        let sub = u32::from_le_bytes(src.array()?);
        if src.position() + u64::from(sub) + u64::from(sub & 1) > end {
            return Err(src.corrupt("a frame's chunk runs past the frame"));
        }
        if !matches!(&fourcc, b"VP8 " | b"VP8L" | b"ALPH") {
            // The frame's size is already written, so an unknown sub-chunk
            // cannot be dropped while streaming; no encoder writes one.
            return Err(src.corrupt(format!(
                "unsupported chunk {} inside an animation frame",
                inspect::printable(&fourcc)
            )));
        }
        out.write_all(&fourcc)?;
        out.write_all(&sub.to_le_bytes())?;
        src.copy(u64::from(sub), out)?;
        skip_pad(src, out, sub)?;
    }
    Ok(())
}

fn describe(fourcc: &[u8; 4], data: &[u8], report: &mut StripReport) {
    match fourcc {
        b"EXIF" => {
            let tiff = data.strip_prefix(b"Exif\0\0").unwrap_or(data);
            inspect::exif(report, tiff);
        }
        b"XMP " => inspect::xmp(report, data),
        b"ICCP" => report.found(Category::ColourProfile, "ICC profile"),
        _ => {}
    }
}

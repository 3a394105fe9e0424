//! JPEG: keep the segments a decoder needs and every scan, drop the rest.
//!
//! The parser walks every segment itself, including past the first SOS:
//! progressive files interleave DHT segments and further scans, and
//! metadata segments may legally appear between scans too.

use std::io::{Read, Write};

use super::inspect::{self, INSPECT_LIMIT};
use super::source::Source;
use crate::report::{Category, StripReport};
use crate::StripError;

const SOI: u8 = 0xD8;
const EOI: u8 = 0xD9;
const SOS: u8 = 0xDA;
const APP14: u8 = 0xEE;
const COM: u8 = 0xFE;

/// Markers whose segments a decoder needs, besides SOS.
fn is_kept(marker: u8) -> bool {
    matches!(marker,
        0xDB              // DQT
        | 0xC4            // DHT
        | 0xCC            // DAC
        | 0xDD            // DRI
        | 0xDC            // DNL
        | 0xDE | 0xDF     // DHP, EXP (hierarchical)
        | 0xC0..=0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF // SOFn
    )
}

fn is_sof(marker: u8) -> bool {
    matches!(marker, 0xC0..=0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF | 0xDE)
}

pub(super) fn canonicalize<R: Read, W: Write>(
    src: &mut Source<R>,
    out: &mut W,
    report: &mut StripReport,
) -> Result<(), StripError> {
    if src.array::<2>()? != [0xFF, SOI] {
        return Err(src.corrupt("missing start-of-image marker"));
    }
    out.write_all(&[0xFF, SOI])?;
    let mut seen_frame = false;
    let mut seen_scan = false;
    let mut next = read_marker(src)?;
    loop {
        let marker = next;
        match marker {
            EOI => {
                if !seen_scan {
                    return Err(src.corrupt("image ends before any image data"));
                }
                out.write_all(&[0xFF, EOI])?;
                let (n, head) = src.drain()?;
                inspect::trailer(report, n, &head);
                return Ok(());
            }
            SOI => return Err(src.corrupt("a second start-of-image marker")),
            0xD0..=0xD7 => return Err(src.corrupt("a restart marker outside image data")),
            0x01 => {
                // TEM: a standalone marker with no payload and no meaning
                // for decoders; drop it.
                report.removed("TEM", 2);
                next = read_marker(src)?;
                continue;
            }
            _ => {}
        }
        let len = u16::from_be_bytes(src.array()?);
        if len < 2 {
            return Err(src.corrupt(format!("segment length {len} is too short")));
        }
        let payload = u64::from(len - 2);
        if marker == SOS {
            if !seen_frame {
                return Err(src.corrupt("image data before the frame header"));
            }
            seen_scan = true;
            out.write_all(&[0xFF, SOS])?;
            out.write_all(&len.to_be_bytes())?;
            src.copy(payload, out)?;
            next = copy_entropy_coded(src, out)?;
            continue;
        }
        if is_kept(marker) {
            seen_frame |= is_sof(marker);
            out.write_all(&[0xFF, marker])?;
            out.write_all(&len.to_be_bytes())?;
            src.copy(payload, out)?;
        } else if (0xE0..=0xEF).contains(&marker) || marker == COM {
            let data = src.take_or_skip(payload, INSPECT_LIMIT, |_| {})?;
            let data = data.unwrap_or_default();
            if marker == APP14 {
                if let Some(transform) = adobe_transform(&data) {
                    // Kept, normalised: the colour transform tells decoders
                    // whether 3- or 4-channel data is YCbCr/YCCK or RGB/CMYK,
                    // so dropping it would change the decoded pixels. The
                    // version and flag words carry nothing a decoder uses
                    // and could carry anything, so they are zeroed.
                    out.write_all(&[0xFF, APP14, 0, 14])?;
                    out.write_all(b"Adobe\x00\x64\x00\x00\x00\x00")?;
                    out.write_all(&[transform])?;
                    next = read_marker(src)?;
                    continue;
                }
            }
            let name = describe(marker, &data, report);
            report.removed(name, u64::from(len) + 2);
        } else {
            // JPGn extensions and reserved markers: no decoder in use needs
            // them, and an allow-list keeps only what is known.
            let _ = src.take_or_skip(payload, 0, |_| {})?;
            report.removed(format!("marker 0x{marker:02X}"), u64::from(len) + 2);
        }
        next = read_marker(src)?;
    }
}

/// Reads `0xFF`, any fill bytes, and the marker code after them.
fn read_marker<R: Read>(src: &mut Source<R>) -> Result<u8, StripError> {
    if src.u8()? != 0xFF {
        return Err(src.corrupt("expected a marker"));
    }
    loop {
        match src.u8()? {
            0xFF => continue,
            0x00 => return Err(src.corrupt("a stuffed byte outside image data")),
            m => return Ok(m),
        }
    }
}

/// Copies entropy-coded data with its stuffed bytes and restart markers,
/// and returns the marker that ends it. Fill bytes before it are dropped.
fn copy_entropy_coded<R: Read, W: Write>(
    src: &mut Source<R>,
    out: &mut W,
) -> Result<u8, StripError> {
    loop {
        // Fast path: copy the buffered run up to the first `FF` that is not
        // a stuffed `FF 00` or a restart marker, in one write.
        let (run, at_ff) = {
            let buf = src.fill_buf()?;
            if buf.is_empty() {
                return Err(src.corrupt("image data ends without an end-of-image marker"));
            }
            let mut from = 0;
            let stop = loop {
                match memchr::memchr(0xFF, &buf[from..]) {
                    None => break None,
                    Some(off) => {
                        let at = from + off;
                        match buf.get(at + 1) {
                            Some(0x00 | 0xD0..=0xD7) => from = at + 2,
                            // A marker, fill bytes, or an `FF` whose next byte
                            // is not buffered yet: the slow path decides.
                            _ => break Some(at),
                        }
                    }
                }
            };
            let end = stop.unwrap_or(buf.len());
            out.write_all(&buf[..end])?;
            (end, stop.is_some())
        };
        src.consume(run);
        if !at_ff {
            continue;
        }
        src.consume(1);
        loop {
            match src.u8()? {
                0xFF => continue,
                b @ (0x00 | 0xD0..=0xD7) => {
                    out.write_all(&[0xFF, b])?;
                    break;
                }
                m => return Ok(m),
            }
        }
    }
}

/// The colour transform of a well-formed Adobe APP14 payload.
fn adobe_transform(data: &[u8]) -> Option<u8> {
    if data.len() >= 12 && data.starts_with(b"Adobe") && data[11] <= 2 {
        Some(data[11])
    } else {
        None
    }
}

type Inspector = fn(&mut StripReport, &[u8]);

/// Names a removed APPn/COM segment and records what it disclosed.
fn describe(marker: u8, data: &[u8], report: &mut StripReport) -> String {
    if marker == COM {
        report.found(Category::Text, "JPEG comment");
        return "COM comment".to_string();
    }
    let n = marker - 0xE0;
    let (label, inspect): (&str, Option<Inspector>) = match (n, data) {
        (0, d) if d.starts_with(b"JFIF\0") => ("JFIF", None),
        (0, d) if d.starts_with(b"JFXX\0") => (
            "JFIF extension",
            Some(|r, _| r.found(Category::Thumbnail, "JFXX thumbnail")),
        ),
        (1, d) if d.starts_with(b"Exif\0") => {
            ("Exif", Some(|r, d| inspect::exif(r, &d[6.min(d.len())..])))
        }
        (1, d) if d.starts_with(b"http://ns.adobe.com/xap/1.0/\0") => ("XMP", Some(inspect::xmp)),
        (1, d) if d.starts_with(b"http://ns.adobe.com/xmp/extension/\0") => {
            ("extended XMP", Some(inspect::xmp))
        }
        (2, d) if d.starts_with(b"ICC_PROFILE\0") => (
            "ICC profile",
            Some(|r, _| r.found(Category::ColourProfile, "ICC profile")),
        ),
        (2, d) if d.starts_with(b"MPF\0") => (
            "multi-picture index",
            Some(|r, _| r.found(Category::Thumbnail, "multi-picture index")),
        ),
        (2, d) if d.starts_with(b"FPXR\0") => ("FlashPix", None),
        (11, d) if d.starts_with(super::CAPTURE_APP11_ID) => (
            "Darkroom capture attestation",
            Some(|r, d| {
                // The signature names the device; the fields are the exact
                // time and place (offsets from `capture`'s layout).
                r.found(Category::DeviceSerial, "capture device key");
                r.found(Category::Timestamp, "capture time");
                if d.get(58..62).is_some_and(|lat| lat != [0xff; 4]) {
                    r.found(Category::Location, "capture position");
                }
            }),
        ),
        (11, d) if super::c2pa::is_c2pa(d) => {
            ("C2PA Content Credentials", Some(super::c2pa::inspect))
        }
        (11, _) => ("JPEG XT/JUMBF", None),
        (13, d) if d.starts_with(b"Photoshop 3.0\0") => (
            "Photoshop/IPTC",
            Some(|r, _| r.found(Category::Text, "IPTC/Photoshop record")),
        ),
        (14, _) => ("Adobe", None),
        _ => ("", None),
    };
    if let Some(f) = inspect {
        f(report, data);
    }
    if label.is_empty() {
        format!("APP{n}")
    } else {
        format!("APP{n} {label}")
    }
}

//! PNG: keep the chunks that make up the image, drop every other.
//!
//! Kept: IHDR, PLTE, tRNS, IDAT, IEND, and the APNG chunks acTL, fcTL and
//! fdAT, which hold the frames of an animation and so are image data. Dropped:
//! every other ancillary chunk, including sRGB, gAMA, cHRM, iCCP, sBIT and
//! pHYs: they change how a viewer renders colours or sizes, never the decoded
//! sample values, and each of them can carry device or software traits.

use std::io::{Read, Write};

use super::inspect::{self, INSPECT_LIMIT};
use super::source::Source;
use crate::report::{Category, StripReport};
use crate::StripError;

const SIGNATURE: &[u8; 8] = b"\x89PNG\r\n\x1a\n";
const KEPT: [&[u8; 4]; 8] = [
    b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND", b"acTL", b"fcTL", b"fdAT",
];

pub(super) fn canonicalize<R: Read, W: Write>(
    src: &mut Source<R>,
    out: &mut W,
    report: &mut StripReport,
) -> Result<(), StripError> {
    if &src.array::<8>()? != SIGNATURE {
        return Err(src.corrupt("bad PNG signature"));
    }
    out.write_all(SIGNATURE)?;
    let mut first = true;
    loop {
        let len = u32::from_be_bytes(src.array()?);
        if len > 0x7FFF_FFFF {
            return Err(src.corrupt(format!("chunk length {len} is larger than PNG allows")));
        }
        let kind: [u8; 4] = src.array()?;
        if !kind.iter().all(u8::is_ascii_alphabetic) {
            return Err(src.corrupt("a chunk type that is not four letters"));
        }
        if first && (&kind != b"IHDR" || len != 13) {
            return Err(src.corrupt("the first chunk is not a valid IHDR"));
        }
        first = false;
        let mut crc = crc32fast::Hasher::new();
        crc.update(&kind);
        let keep = KEPT.contains(&&kind);
        if keep {
            out.write_all(&len.to_be_bytes())?;
            out.write_all(&kind)?;
            src.copy_with(u64::from(len), out, |b| crc.update(b))?;
        } else if kind[0].is_ascii_uppercase() {
            // A critical chunk we do not know: a decoder must refuse the file
            // too, and we cannot know what dropping it would change.
            return Err(src.corrupt(format!(
                "unknown critical chunk {}",
                inspect::printable(&kind)
            )));
        }
        let data = if keep {
            None
        } else {
            src.take_or_skip(u64::from(len), INSPECT_LIMIT, |b| crc.update(b))?
        };
        let stored = src.array::<4>()?;
        if u32::from_be_bytes(stored) != crc.finalize() {
            return Err(src.corrupt(format!(
                "bad checksum on chunk {}",
                inspect::printable(&kind)
            )));
        }
        if keep {
            out.write_all(&stored)?;
            if &kind == b"IEND" {
                let (n, head) = src.drain()?;
                inspect::trailer(report, n, &head);
                return Ok(());
            }
        } else {
            let name = if &kind == b"caBX" {
                "caBX C2PA Content Credentials".to_string()
            } else {
                String::from_utf8_lossy(&kind).into_owned()
            };
            describe(&kind, data.as_deref(), report);
            report.removed(name, u64::from(len) + 12);
        }
    }
}

fn describe(kind: &[u8; 4], data: Option<&[u8]>, report: &mut StripReport) {
    let data = data.unwrap_or_default();
    let keyword = data.split(|&b| b == 0).next().unwrap_or_default();
    match kind {
        b"tEXt" | b"zTXt" => inspect::text_keyword(report, "text", keyword),
        b"iTXt" => {
            if keyword == b"XML:com.adobe.xmp" {
                inspect::xmp(report, data);
            } else {
                inspect::text_keyword(report, "text", keyword);
            }
        }
        b"eXIf" => inspect::exif(report, data),
        b"tIME" => report.found(Category::Timestamp, "tIME last modification"),
        b"iCCP" => report.found(Category::ColourProfile, "iCCP colour profile"),
        b"caNv" | b"orNT" => report.found(Category::Device, "camera-specific chunk"),
        b"caBX" => super::c2pa::inspect(report, data),
        _ => {}
    }
}

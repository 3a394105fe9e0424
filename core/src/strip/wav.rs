//! WAV (RIFF `WAVE`): keep `fmt `, `fact` and `data`, drop every other
//! chunk (`LIST`/`INFO` text, `bext` with its originator and time, `iXML`,
//! `id3 `, `_PMX` XMP, cue points, padding).
//!
//! As for WebP, the canonical stream is the kept chunks without the RIFF
//! header, whose size depends on what was dropped; pad bytes are written as
//! zero.

use std::io::{Read, Write};

use super::inspect::{self, INSPECT_LIMIT};
use super::source::Source;
use crate::report::{Category, StripReport};
use crate::StripError;

pub(super) fn canonicalize<R: Read, W: Write>(
    src: &mut Source<R>,
    out: &mut W,
    report: &mut StripReport,
) -> Result<(), StripError> {
    let header: [u8; 12] = src.array()?;
    if &header[..4] != b"RIFF" || &header[8..] != b"WAVE" {
        return Err(src.corrupt("bad RIFF/WAVE header"));
    }
    let riff_size = u32::from_le_bytes([header[4], header[5], header[6], header[7]]);
    let end = 8 + u64::from(riff_size);
    let (mut fmt, mut data) = (false, false);
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
        match &fourcc {
            b"fmt " | b"fact" | b"data" => {
                if &fourcc == b"data" && !fmt {
                    return Err(src.corrupt("audio data before its format chunk"));
                }
                fmt |= &fourcc == b"fmt ";
                data |= &fourcc == b"data";
                out.write_all(&fourcc)?;
                out.write_all(&size.to_le_bytes())?;
                src.copy(u64::from(size), out)?;
                if size & 1 == 1 {
                    src.u8()?;
                    out.write_all(&[0])?;
                }
            }
            _ => {
                let body = src.take_or_skip(padded, INSPECT_LIMIT, |_| {})?;
                describe(&fourcc, body.as_deref().unwrap_or_default(), report);
                let name = inspect::printable(&fourcc).trim_end().to_string();
                report.removed(name, padded + 8);
            }
        }
    }
    if !data {
        return Err(src.corrupt("no audio data chunk"));
    }
    let (n, head) = src.drain()?;
    if n > 0 {
        report.removed("data after the end of the audio", n);
        inspect_text(report, &head);
    }
    Ok(())
}

fn describe(fourcc: &[u8; 4], body: &[u8], report: &mut StripReport) {
    match fourcc {
        b"LIST" => {
            // INFO sub-chunks: four-letter ids with text.
            const IDS: &[(&[u8; 4], Category, &str)] = &[
                (b"IART", Category::Person, "INFO artist"),
                (b"ICOP", Category::Person, "INFO copyright"),
                (b"IENG", Category::Person, "INFO engineer"),
                (b"ICRD", Category::Timestamp, "INFO creation date"),
                (b"ISFT", Category::Software, "INFO software"),
                (b"ICMT", Category::Text, "INFO comment"),
                (b"INAM", Category::Text, "INFO title"),
            ];
            for (id, category, field) in IDS {
                if inspect::contains(body, *id) {
                    report.found(*category, *field);
                }
            }
        }
        b"bext" => {
            report.found(Category::Person, "broadcast originator");
            report.found(Category::Timestamp, "broadcast origination date");
        }
        b"_PMX" => inspect::xmp(report, body),
        b"iXML" | b"id3 " | b"ID3 " => inspect_text(report, body),
        _ => {}
    }
}

fn inspect_text(report: &mut StripReport, body: &[u8]) {
    if !body.iter().all(|&b| b == 0) {
        report.found(Category::Text, "embedded metadata");
    }
}

//! FLAC: keep `STREAMINFO` and `SEEKTABLE` and every audio frame; drop
//! Vorbis comments, pictures, cue sheets, application blocks, padding, and
//! an ID3v2 tag some tools put in front.

use std::io::{Read, Write};

use super::inspect::{self, INSPECT_LIMIT};
use super::mp3::skip_id3v2;
use super::source::Source;
use crate::report::{Category, StripReport};
use crate::StripError;

pub(super) fn canonicalize<R: Read, W: Write>(
    src: &mut Source<R>,
    out: &mut W,
    report: &mut StripReport,
) -> Result<(), StripError> {
    let mut head: [u8; 4] = src.array()?;
    while head.starts_with(b"ID3") {
        skip_id3v2(src, head, report)?;
        head = src.array()?;
    }
    if &head != b"fLaC" {
        return Err(src.corrupt("no fLaC marker"));
    }
    out.write_all(b"fLaC")?;
    // Kept blocks are written one behind, so the last one can carry the
    // "last block" flag.
    let mut held: Option<(u8, Vec<u8>)> = None;
    let mut first = true;
    loop {
        let header: [u8; 4] = src.array()?;
        let last = header[0] & 0x80 != 0;
        let kind = header[0] & 0x7F;
        let len = u32::from_be_bytes([0, header[1], header[2], header[3]]);
        if first && kind != 0 {
            return Err(src.corrupt("the first metadata block is not STREAMINFO"));
        }
        first = false;
        match kind {
            0 | 3 => {
                if let Some((k, body)) = held.take() {
                    write_block(out, k, &body, false)?;
                }
                let mut body = vec![0; len as usize];
                src.read_exact(&mut body)?;
                held = Some((kind, body));
            }
            127 => return Err(src.corrupt("an invalid metadata block type")),
            _ => {
                let body = src.take_or_skip(u64::from(len), INSPECT_LIMIT, |_| {})?;
                let name = match kind {
                    1 => "padding",
                    2 => "application block",
                    4 => "Vorbis comment",
                    5 => "cue sheet",
                    6 => "picture",
                    _ => "unknown metadata block",
                };
                if kind != 1 {
                    report.removed(name, u64::from(len) + 4);
                }
                describe(kind, body.as_deref().unwrap_or_default(), report);
            }
        }
        if last {
            break;
        }
    }
    let (k, body) = held.ok_or_else(|| src.corrupt("no STREAMINFO block"))?;
    write_block(out, k, &body, true)?;
    // The audio frames, to the end.
    let mut frames = false;
    src.copy_with(u64::MAX, out, |b| frames |= !b.is_empty())?;
    if !frames {
        return Err(src.corrupt("no audio frames"));
    }
    Ok(())
}

fn write_block<W: Write>(out: &mut W, kind: u8, body: &[u8], last: bool) -> Result<(), StripError> {
    let len = (body.len() as u32).to_be_bytes();
    out.write_all(&[kind | if last { 0x80 } else { 0 }, len[1], len[2], len[3]])?;
    out.write_all(body)?;
    Ok(())
}

fn describe(kind: u8, body: &[u8], report: &mut StripReport) {
    match kind {
        4 => vorbis_comments(report, body),
        6 => report.found(Category::Thumbnail, "cover picture"),
        5 => report.found(Category::Text, "cue sheet"),
        _ => {}
    }
}

/// Names Vorbis comment fields by their names (`ARTIST=`, `DATE=`, …).
pub(super) fn vorbis_comments(report: &mut StripReport, body: &[u8]) {
    const FIELDS: &[(&str, Category)] = &[
        ("ARTIST=", Category::Person),
        ("PERFORMER=", Category::Person),
        ("COPYRIGHT=", Category::Person),
        ("DATE=", Category::Timestamp),
        ("ENCODER=", Category::Software),
        ("LOCATION=", Category::Location),
        ("COMMENT=", Category::Text),
        ("DESCRIPTION=", Category::Text),
        ("TITLE=", Category::Text),
    ];
    let upper: Vec<u8> = body.iter().map(u8::to_ascii_uppercase).collect();
    report.found(Category::Text, "Vorbis comment");
    for (name, category) in FIELDS {
        if inspect::contains(&upper, name.as_bytes()) {
            report.found(*category, name.trim_end_matches('='));
        }
    }
    if inspect::contains(body, b"reference libFLAC") || inspect::contains(body, b"Lavf") {
        report.found(Category::Software, "encoder");
    }
}

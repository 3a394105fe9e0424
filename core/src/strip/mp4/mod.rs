//! MP4, QuickTime (MOV), M4A and 3GP: keep the media data untouched and
//! the boxes that describe it, drop user data, metadata and XMP, and zero
//! the creation and modification times.
//!
//! Top-level boxes: `ftyp` and every `mdat` are copied as they are; `moov`
//! is rewritten; any other box (`udta`, `meta`, `uuid` XMP, `free`, `wide`,
//! …) is dropped, except that boxes between `moov` and a later `mdat`
//! become one `free` box of the same total size, all zeros, so that the
//! media data stays where `moov` says it is. The file is read once, front to
//! back, with only `moov` held in memory.
//!
//! In `moov`: `mvhd`, `tkhd` and `mdhd` get zero creation and modification
//! times; `udta`, `meta`, `uuid` and unknown boxes go, at every level down
//! to the sample table; timed-metadata (`meta`) and timecode (`tmcd`)
//! tracks go, and references to them; chunk offsets (`stco`, `co64`) are
//! moved by as much as the data they point at moved. Fragmented files
//! (`moof`, `mvex`) and sample auxiliary offsets (`saio`) are refused.

use std::io::{self, Read, Write};

use super::bmff::{self, children, write_box, Buf, Child};
use super::inspect::{self, INSPECT_LIMIT};
use super::source::Source;
use crate::report::{Category, StripReport};
use crate::StripError;

const FORMAT: &str = "MP4/MOV";

const NOTE_TRACK_DATA: &str = "A timed-metadata or timecode track was removed from the index; its samples stay, unreferenced, inside the untouched media data, where no player looks but a forensic tool could.";
/// The largest `moov` held in memory: hours of video from a phone take a
/// few tens of MiB.
const MAX_MOOV: u64 = 256 << 20;

/// Track children kept; anything else in a track goes.
const TRACK_BOXES: &[&[u8; 4]] = &[
    b"tkhd", b"tref", b"edts", b"mdia", b"tapt", b"clip", b"matt", b"load", b"imap", b"txas",
    b"trgr",
];

/// Where the media data went: input `[start, end)` moved by `shift`.
struct Moved {
    start: u64,
    end: u64,
    shift: i64,
}

pub(super) fn canonicalize<R: Read, W: Write>(
    src: &mut Source<R>,
    out: &mut W,
    report: &mut StripReport,
) -> Result<(), StripError> {
    let head = bmff::read_ftyp(src)?;
    out.write_all(&head)?;
    let mut written = head.len() as u64;

    let mut moved: Vec<Moved> = Vec::new();
    // Once moov is written: how far everything after it moved, and the
    // chunk offsets that point after it, which later boxes must keep whole.
    let mut after_moov: Option<Vec<u64>> = None;
    // Bytes of boxes dropped after moov and not yet written: they become
    // one zeroed `free` box when media data follows them, and nothing at
    // the end of the file.
    let mut pending = 0u64;
    loop {
        let at = src.position();
        let Some(h) = bmff::next_header(src)? else {
            break;
        };
        let total = h.body_len.map(|n| h.header_len + n);
        match &h.kind {
            b"mdat" => {
                written += write_free(out, std::mem::take(&mut pending))?;
                let header = header_bytes(&h);
                out.write_all(&header)?;
                let n = match h.body_len {
                    Some(n) => src.copy(n, out)?,
                    None => src.copy(u64::MAX, out)?,
                };
                moved.push(Moved {
                    start: at,
                    end: at + h.header_len + n,
                    shift: written as i64 - at as i64,
                });
                written += header.len() as u64 + n;
            }
            b"moov" => {
                if after_moov.is_some() {
                    return Err(src.corrupt("two moov boxes"));
                }
                let len = h.body_len.unwrap_or(MAX_MOOV + 1).min(MAX_MOOV + 1);
                let body = if h.body_len.is_none() {
                    let mut v = Vec::new();
                    src.copy_with(u64::MAX, &mut io::sink(), |b| {
                        if (v.len() as u64) <= MAX_MOOV {
                            v.extend_from_slice(b);
                        }
                    })?;
                    v
                } else {
                    match src.take_or_skip(len, MAX_MOOV, |_| {})? {
                        Some(b) => b,
                        None => return Err(src.corrupt("the moov box is larger than 256 MiB")),
                    }
                };
                if body.len() as u64 > MAX_MOOV {
                    return Err(src.corrupt("the moov box is larger than 256 MiB"));
                }
                let end = src.position();
                let plan = Moov::read(&body)?;
                // Its new size does not depend on the offsets inside it.
                let size = 8 + plan
                    .write(&|o| Some(o), &mut StripReport::new(report.kind))?
                    .len() as u64;
                let size = if size > u64::from(u32::MAX) {
                    size + 8
                } else {
                    size
                };
                let shift = (written + size) as i64 - end as i64;
                let mut later = Vec::new();
                let body_out = plan.write(
                    &|o| {
                        if o >= end {
                            return o.checked_add_signed(shift);
                        }
                        let m = moved.iter().find(|m| m.start <= o && o < m.end)?;
                        o.checked_add_signed(m.shift)
                    },
                    report,
                )?;
                later.extend(plan.offsets().filter(|&o| o >= end));
                later.sort_unstable();
                let mut moov = Vec::new();
                write_box(&mut moov, b"moov", &body_out);
                debug_assert_eq!(moov.len() as u64, size);
                out.write_all(&moov)?;
                written += moov.len() as u64;
                after_moov = Some(later);
            }
            b"moof" | b"mfra" | b"sidx" | b"styp" => {
                return Err(
                    src.corrupt("it is a fragmented video, which Darkroom does not clean yet")
                )
            }
            kind => {
                let Some(total) = total else {
                    // Runs to the end of the file: nothing can come after it.
                    let (n, head) = src.drain()?;
                    removed_box(report, kind, h.header_len + n, &head);
                    break;
                };
                let body_len = total - h.header_len;
                let mut zeros = true;
                let payload = src.take_or_skip(body_len, INSPECT_LIMIT, |b| {
                    zeros &= b.iter().all(|&x| x == 0);
                })?;
                // Padding of zeros (as this stripper writes) holds nothing.
                if !(zeros && matches!(kind, b"free" | b"skip" | b"wide")) {
                    removed_box(report, kind, total, payload.as_deref().unwrap_or(&[]));
                }
                if let Some(later) = &after_moov {
                    // Kept in place as zeros, unless media data is inside.
                    let i = later.partition_point(|&o| o < at);
                    if later.get(i).is_some_and(|&o| o < at + total) {
                        return Err(src.corrupt("media data lies inside a metadata box"));
                    }
                    pending += total;
                }
            }
        }
    }
    let Some(later) = after_moov else {
        return Err(src.corrupt("it has no moov box, so nothing says how to play it"));
    };
    if later.last().is_some_and(|&o| o >= src.position()) {
        return Err(src.corrupt("media data lies past the end of the file"));
    }
    Ok(())
}

fn header_bytes(h: &bmff::Header) -> Vec<u8> {
    let mut v = Vec::new();
    match (h.header_len, h.body_len) {
        (_, None) => {
            v.extend_from_slice(&0u32.to_be_bytes());
            v.extend_from_slice(&h.kind);
        }
        (16, Some(n)) => {
            v.extend_from_slice(&1u32.to_be_bytes());
            v.extend_from_slice(&h.kind);
            v.extend_from_slice(&(n + 16).to_be_bytes());
        }
        (_, Some(n)) => {
            v.extend_from_slice(&((n + 8) as u32).to_be_bytes());
            v.extend_from_slice(&h.kind);
        }
    }
    v
}

/// Writes a `free` box of `total` bytes, all zeros (nothing for 0).
fn write_free<W: Write>(out: &mut W, total: u64) -> Result<u64, StripError> {
    if total == 0 {
        return Ok(0);
    }
    if let Ok(small) = u32::try_from(total) {
        out.write_all(&small.to_be_bytes())?;
        out.write_all(b"free")?;
        write_zeros(out, total - 8)?;
    } else {
        out.write_all(&1u32.to_be_bytes())?;
        out.write_all(b"free")?;
        out.write_all(&total.to_be_bytes())?;
        write_zeros(out, total - 16)?;
    }
    Ok(total)
}

fn write_zeros<W: Write>(out: &mut W, mut n: u64) -> Result<(), StripError> {
    let zeros = [0u8; 8192];
    while n > 0 {
        let k = n.min(zeros.len() as u64) as usize;
        out.write_all(&zeros[..k])?;
        n -= k as u64;
    }
    Ok(())
}

/// Names a dropped box and what it held.
fn removed_box(report: &mut StripReport, kind: &[u8; 4], bytes: u64, payload: &[u8]) {
    let name = match kind {
        b"udta" => "user data box 'udta'".to_string(),
        b"meta" => "metadata box 'meta'".to_string(),
        b"uuid" if crate::strip::c2pa::is_c2pa(payload) => {
            "C2PA Content Credentials (box 'uuid')".to_string()
        }
        b"uuid" => "box 'uuid'".to_string(),
        b"trak" => "timed metadata or timecode track".to_string(),
        k => format!("box {}", bmff::name(k)),
    };
    report.removed(name, bytes);
    crate::strip::c2pa::inspect(report, payload);
    inspect_payload(report, payload);
}

/// What QuickTime and MP4 metadata keys reveal, by name.
const KEYS: &[(&[u8], Category, &str)] = &[
    (b"\xa9xyz", Category::Location, "location (\u{a9}xyz)"),
    (b"ISO6709", Category::Location, "location (ISO 6709)"),
    (b"\xa9mak", Category::Device, "make (\u{a9}mak)"),
    (b"\xa9mod", Category::Device, "model (\u{a9}mod)"),
    (b"quicktime.make", Category::Device, "make"),
    (b"quicktime.model", Category::Device, "model"),
    (b"quicktime.camera", Category::Device, "camera"),
    (b"mdtamake", Category::Device, "make"),
    (b"mdtamodel", Category::Device, "model"),
    (
        b"com.android.version",
        Category::Software,
        "Android version",
    ),
    (b"\xa9swr", Category::Software, "software (\u{a9}swr)"),
    (b"\xa9too", Category::Software, "encoder (\u{a9}too)"),
    (b"quicktime.software", Category::Software, "software"),
    (b"\xa9day", Category::Timestamp, "date (\u{a9}day)"),
    (b"creationdate", Category::Timestamp, "creation date"),
    (b"\xa9ART", Category::Person, "artist (\u{a9}ART)"),
    (b"\xa9aut", Category::Person, "author (\u{a9}aut)"),
    (b"quicktime.author", Category::Person, "author"),
    (b"\xa9cmt", Category::Text, "comment (\u{a9}cmt)"),
    (b"\xa9nam", Category::Text, "title (\u{a9}nam)"),
    (b"\xa9des", Category::Text, "description (\u{a9}des)"),
];

fn inspect_payload(report: &mut StripReport, payload: &[u8]) {
    if inspect::contains(payload, b"<x:xmpmeta") || inspect::contains(payload, b"<x:xapmeta") {
        inspect::xmp(report, payload);
    }
    for (needle, category, field) in KEYS {
        if inspect::contains(payload, needle) {
            report.found(*category, *field);
        }
    }
}

/// The parts of `moov` that are kept, with the chunk offsets to move.
struct Moov<'a> {
    body: &'a [u8],
    dropped_tracks: Vec<u32>,
}

impl<'a> Moov<'a> {
    fn read(body: &'a [u8]) -> Result<Self, StripError> {
        let mut dropped_tracks = Vec::new();
        let mut tracks = 0;
        for c in children(body, FORMAT)? {
            match &c.kind {
                b"mvex" => {
                    return Err(StripError::corrupt(
                        FORMAT,
                        "it is a fragmented video, which Darkroom does not clean yet",
                    ))
                }
                b"trak" => {
                    tracks += 1;
                    if let Some(id) = metadata_track(c.body)? {
                        dropped_tracks.push(id);
                    }
                }
                _ => {}
            }
        }
        if tracks == dropped_tracks.len() {
            return Err(StripError::corrupt(
                FORMAT,
                "it has no video or audio track",
            ));
        }
        Ok(Moov {
            body,
            dropped_tracks,
        })
    }

    /// Every chunk offset in the kept tracks.
    fn offsets(&self) -> impl Iterator<Item = u64> + '_ {
        let mut all = Vec::new();
        let _ = self.walk_offsets(&mut all);
        all.into_iter()
    }

    fn walk_offsets(&self, all: &mut Vec<u64>) -> Result<(), StripError> {
        for trak in children(self.body, FORMAT)?
            .into_iter()
            .filter(|c| &c.kind == b"trak")
        {
            if metadata_track(trak.body)?.is_some() {
                continue;
            }
            for stbl in find_path(trak.body, &[b"mdia", b"minf", b"stbl"])? {
                for c in children(stbl, FORMAT)? {
                    if matches!(&c.kind, b"stco" | b"co64") {
                        all.extend(chunk_offsets(&c)?);
                    }
                }
            }
        }
        Ok(())
    }

    /// The new `moov` body, with chunk offsets moved by `map` (`None`: the
    /// offset points at nothing kept).
    fn write(
        &self,
        map: &dyn Fn(u64) -> Option<u64>,
        report: &mut StripReport,
    ) -> Result<Vec<u8>, StripError> {
        let mut out = Vec::new();
        for c in children(self.body, FORMAT)? {
            match &c.kind {
                b"mvhd" => write_box(&mut out, b"mvhd", &zero_times(&c, report, "movie")?),
                b"iods" => out.extend_from_slice(c.whole),
                b"trak" => {
                    if metadata_track(c.body)?.is_some() {
                        removed_box(report, b"trak", c.whole.len() as u64, &[]);
                        report.note(NOTE_TRACK_DATA);
                        continue;
                    }
                    let t = self.write_trak(c.body, map, report)?;
                    write_box(&mut out, b"trak", &t);
                }
                kind => removed_box(report, kind, c.whole.len() as u64, inspectable(c.body)),
            }
        }
        Ok(out)
    }

    fn write_trak(
        &self,
        body: &[u8],
        map: &dyn Fn(u64) -> Option<u64>,
        report: &mut StripReport,
    ) -> Result<Vec<u8>, StripError> {
        let mut out = Vec::new();
        for c in children(body, FORMAT)? {
            match &c.kind {
                b"tkhd" => write_box(&mut out, b"tkhd", &zero_times(&c, report, "track")?),
                b"mdia" => {
                    let handler = handler(body)?;
                    let m = write_container(c.body, map, report, Level::Mdia, handler)?;
                    write_box(&mut out, b"mdia", &m);
                }
                b"tref" => {
                    if let Some(t) = self.write_tref(c.body)? {
                        write_box(&mut out, b"tref", &t);
                    }
                }
                kind if TRACK_BOXES.contains(&kind) => out.extend_from_slice(c.whole),
                kind => removed_box(report, kind, c.whole.len() as u64, inspectable(c.body)),
            }
        }
        Ok(out)
    }

    /// Track references without the dropped tracks.
    fn write_tref(&self, body: &[u8]) -> Result<Option<Vec<u8>>, StripError> {
        let mut out = Vec::new();
        for r in children(body, FORMAT)? {
            let mut b = Buf::new(r.body, FORMAT);
            let mut ids = Vec::new();
            while !b.is_empty() {
                let id = b.u32("a track reference")?;
                if !self.dropped_tracks.contains(&id) {
                    ids.push(id);
                }
            }
            if !ids.is_empty() {
                let body: Vec<u8> = ids.iter().flat_map(|i| i.to_be_bytes()).collect();
                write_box(&mut out, &r.kind, &body);
            }
        }
        Ok((!out.is_empty()).then_some(out))
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Level {
    Mdia,
    Minf,
    Stbl,
}

/// `mdia`, `minf` and `stbl`: every child kept but user data, metadata and
/// `uuid` boxes; `mdhd` times zeroed; chunk offsets moved.
fn write_container(
    body: &[u8],
    map: &dyn Fn(u64) -> Option<u64>,
    report: &mut StripReport,
    level: Level,
    handler: [u8; 4],
) -> Result<Vec<u8>, StripError> {
    let mut out = Vec::new();
    for c in children(body, FORMAT)? {
        match (&c.kind, level) {
            (b"udta" | b"meta" | b"uuid", _) => {
                removed_box(report, &c.kind, c.whole.len() as u64, inspectable(c.body))
            }
            (b"mdhd", Level::Mdia) => write_box(&mut out, b"mdhd", &zero_times(&c, report, "media")?),
            (b"minf", Level::Mdia) => {
                let m = write_container(c.body, map, report, Level::Minf, handler)?;
                write_box(&mut out, b"minf", &m);
            }
            (b"stbl", Level::Minf) => {
                let s = write_container(c.body, map, report, Level::Stbl, handler)?;
                write_box(&mut out, b"stbl", &s);
            }
            (b"stsd", Level::Stbl) => {
                let s = write_stsd(c.body, handler, report)?;
                write_box(&mut out, b"stsd", &s);
            }
            (b"saio", Level::Stbl) => {
                return Err(StripError::corrupt(
                    FORMAT,
                    "it carries sample auxiliary data at absolute offsets, which Darkroom does not rewrite",
                ))
            }
            (b"stco" | b"co64", Level::Stbl) => {
                let wide = &c.kind == b"co64";
                let mut b = Vec::new();
                b.extend_from_slice(&c.body[..8]);
                for o in chunk_offsets(&c)? {
                    let new = map(o).ok_or_else(|| {
                        StripError::corrupt(FORMAT, "a chunk offset points outside the media data")
                    })?;
                    if wide {
                        b.extend_from_slice(&new.to_be_bytes());
                    } else {
                        let new = u32::try_from(new).map_err(|_| {
                            StripError::corrupt(FORMAT, "a chunk offset no longer fits in 32 bits")
                        })?;
                        b.extend_from_slice(&new.to_be_bytes());
                    }
                }
                write_box(&mut out, &c.kind, &b);
            }
            _ => out.extend_from_slice(c.whole),
        }
    }
    Ok(out)
}

/// At most [`INSPECT_LIMIT`] bytes of a removed box, to name what it held.
fn inspectable(body: &[u8]) -> &[u8] {
    &body[..body.len().min(INSPECT_LIMIT as usize)]
}

/// The entries of an `stco` or `co64` box.
fn chunk_offsets(c: &Child) -> Result<Vec<u64>, StripError> {
    let mut b = Buf::new(c.body, FORMAT);
    b.full("a chunk offset table")?;
    let n = b.u32("a chunk offset table")?;
    let size = if &c.kind == b"co64" { 8 } else { 4 };
    if u64::from(n) * size as u64 != b.rest().len() as u64 {
        return Err(b.corrupt("a chunk offset table has the wrong size"));
    }
    (0..n).map(|_| b.uint(size, "a chunk offset")).collect()
}

/// The bodies at `path` below `body` (every match at each level).
fn find_path<'a>(body: &'a [u8], path: &[&[u8; 4]]) -> Result<Vec<&'a [u8]>, StripError> {
    let Some((first, rest)) = path.split_first() else {
        return Ok(vec![body]);
    };
    let mut out = Vec::new();
    for c in children(body, FORMAT)? {
        if &c.kind == *first {
            out.extend(find_path(c.body, rest)?);
        }
    }
    Ok(out)
}

/// The sample descriptions, with the encoder's name and vendor code
/// (which decoders ignore) zeroed in video and audio entries.
fn write_stsd(
    body: &[u8],
    handler: [u8; 4],
    report: &mut StripReport,
) -> Result<Vec<u8>, StripError> {
    let mut b = Buf::new(body, FORMAT);
    b.full("the sample descriptions")?;
    b.u32("the sample descriptions")?;
    let mut out = body[..8].to_vec();
    for entry in children(b.rest(), FORMAT)? {
        let mut e = entry.whole.to_vec();
        // (start, end) of the vendor and quality fields, and for video the
        // compressor name.
        let spans: &[(usize, usize)] = match &handler {
            b"vide" if e.len() >= 86 => &[(20, 32), (50, 82)],
            b"soun" if e.len() >= 28 => &[(20, 24)],
            _ => &[],
        };
        for &(from, to) in spans {
            if e[from..to].iter().any(|&x| x != 0) {
                report.found(Category::Software, "encoder name or vendor");
                e[from..to].fill(0);
            }
        }
        out.extend_from_slice(&e);
    }
    Ok(out)
}

/// A track's handler type (`vide`, `soun`, `meta`, …).
fn handler(trak: &[u8]) -> Result<[u8; 4], StripError> {
    let mut handler = None;
    for hdlr in find_path(trak, &[b"mdia", b"hdlr"])? {
        let mut b = Buf::new(hdlr, FORMAT);
        b.full("a handler box")?;
        b.u32("a handler box")?;
        handler = Some(b.fourcc("a handler box")?);
    }
    handler.ok_or_else(|| StripError::corrupt(FORMAT, "a track has no handler"))
}

/// The track's id when it is a timed-metadata or timecode track, which is
/// dropped.
fn metadata_track(trak: &[u8]) -> Result<Option<u32>, StripError> {
    let handler = handler(trak)?;
    if !matches!(&handler, b"meta" | b"tmcd") {
        return Ok(None);
    }
    let tkhd = children(trak, FORMAT)?
        .into_iter()
        .find(|c| &c.kind == b"tkhd")
        .ok_or_else(|| StripError::corrupt(FORMAT, "a track has no header"))?;
    let mut b = Buf::new(tkhd.body, FORMAT);
    let (v, _) = b.full("a track header")?;
    b.take(if v == 1 { 16 } else { 8 }, "a track header")?;
    Ok(Some(b.u32("a track header")?))
}

/// An `mvhd`, `tkhd` or `mdhd` body with its creation and modification
/// times set to zero.
fn zero_times(c: &Child, report: &mut StripReport, what: &str) -> Result<Vec<u8>, StripError> {
    let mut body = c.body.to_vec();
    let version = *body
        .first()
        .ok_or_else(|| StripError::corrupt(FORMAT, "an empty header box"))?;
    let span = if version == 1 { 4..20 } else { 4..12 };
    let times = body
        .get_mut(span)
        .ok_or_else(|| StripError::corrupt(FORMAT, "a header box is too short"))?;
    if times.iter().any(|&b| b != 0) {
        report.found(Category::Timestamp, format!("{what} creation time"));
        times.fill(0);
    }
    Ok(body)
}

#[cfg(test)]
mod tests;

//! HEIF, HEIC and AVIF still images: keep every image item byte for byte,
//! drop the Exif, XMP and other metadata items.
//!
//! The stripped file is `ftyp` (as it was), a rewritten `meta`, and one
//! `mdat` holding only the kept items' data, in their original order; it is
//! the canonical stream. In `meta`:
//!
//! - `hdlr` loses its name; `dinf` becomes the one self-contained entry;
//!   `pitm` stays.
//! - `iinf` keeps the image items (`hvc1`, `av01`, `grid`, …), with their
//!   names emptied; `Exif`, `mime` (XMP), `uri ` and unknown items go, and
//!   so do thumbnails, depth maps, HDR gain maps and mattes, with the tiles
//!   and renditions made from them (see [`extras`]).
//! - `iref`, `ipma` and `grpl` lose every mention of a dropped item; `ipco`
//!   keeps the properties a decoder uses and drops the rest, ICC colour
//!   profiles included (a dropped property marked essential makes the file
//!   refused instead).
//! - `iloc` is rewritten with the new offsets; `idat` keeps only what kept
//!   items use.
//! - Every other box, in `meta` or at the top level, is dropped.
//!
//! The input is read once, front to back. Most writers put `meta` before
//! the data it points to, and such a file is streamed; Samsung phones put
//! `mdat` first, and an `mdat` met before `meta` is held in memory (up to
//! [`MAX_EARLY`]) until `meta` says which of its bytes to keep.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Read, Write};

mod extras;
mod meta;
mod rewrite;

use super::bmff::{self, Child};
use super::inspect::{self, INSPECT_LIMIT};
use super::source::Source;
use crate::report::{Category, StripReport};
use crate::StripError;
use extras::{Auxiliary, Extra};

const FORMAT: &str = "HEIF";

/// The largest `meta` box read into memory.
const MAX_META: u64 = 16 << 20;

/// The most image data read into memory when it comes before `meta`.
const MAX_EARLY: u64 = 512 << 20;

/// Item types that hold or derive an image: kept.
const IMAGE_ITEMS: &[&[u8; 4]] = &[
    b"hvc1", b"hvt1", b"lhv1", b"av01", b"avc1", b"vvc1", b"jpeg", b"j2k1", b"unci", b"grid",
    b"iovl", b"iden", b"tmap", b"mski",
];

/// Item properties a decoder uses: kept. Anything else (user descriptions,
/// vendor boxes) is dropped.
const DECODING_PROPERTIES: &[&[u8; 4]] = &[
    b"hvcC", b"lhvC", b"av1C", b"avcC", b"vvcC", b"jpgC", b"j2kH", b"uncC", b"cmpd", b"ispe",
    b"pixi", b"colr", b"rloc", b"irot", b"imir", b"clap", b"pasp", b"auxC", b"lsel", b"a1op",
    b"a1lx", b"oinf", b"tols", b"clli", b"mdcv", b"cclv", b"amve",
];

const NOTE_GAIN_MAP: &str = "The HDR gain map was removed; HDR screens show the photo in standard range, and its pixels are unchanged.";

const NOTE_DEPTH: &str = "The depth map was removed; the background blur can no longer be edited, and the photo's pixels are unchanged.";

const NOTE_COLOUR: &str = "The colour profile was removed; colours may look slightly different in some viewers, but every decoded sample is unchanged.";

struct Item {
    id: u32,
    kind: [u8; 4],
    /// The `infe` box as it will be written (name emptied), for kept items.
    infe: Vec<u8>,
    keep: bool,
    /// For `mime` items, the content type.
    content_type: Vec<u8>,
    /// Whether the item had a name (emptied when kept).
    named: bool,
    /// Why an image item is dropped, when it is.
    extra: Option<extras::Extra>,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Extent {
    offset: u64,
    len: u64,
}

struct Location {
    method: u8,
    extents: Vec<Extent>,
}

/// What `meta` said, parsed.
struct Meta<'a> {
    children: Vec<Child<'a>>,
    items: Vec<Item>,
    locations: BTreeMap<u32, Location>,
    idat: &'a [u8],
    iinf_version: u8,
    primary: Option<u32>,
}

pub(super) fn canonicalize<R: Read, W: Write>(
    src: &mut Source<R>,
    out: &mut W,
    report: &mut StripReport,
) -> Result<(), StripError> {
    // ftyp, as it is.
    let mut head = bmff::read_ftyp(src)?;

    // Everything up to meta is dropped, except mdat boxes, held in memory
    // (with where their bodies start) until meta says what to keep.
    let mut early: Vec<(u64, Vec<u8>)> = Vec::new();
    let mut early_len = 0u64;
    let (meta_start, meta_body) = loop {
        let at = src.position();
        let h = bmff::next_header(src)?.ok_or_else(|| src.corrupt("no meta box"))?;
        let len = h
            .body_len
            .ok_or_else(|| src.corrupt("a box before meta runs to the end of the file"))?;
        match &h.kind {
            b"meta" => {
                if len > MAX_META {
                    return Err(src.corrupt("the meta box is larger than 16 MiB"));
                }
                let body = src.take_or_skip(len, MAX_META, |_| {})?.unwrap_or_default();
                break (at, (h.header_len, body));
            }
            b"mdat" => {
                early_len += len;
                if early_len > MAX_EARLY {
                    return Err(src.corrupt(format!(
                        "its image data comes before its index (meta box) and is over {} MiB, \
                         more than Darkroom holds in memory",
                        MAX_EARLY >> 20
                    )));
                }
                let body_start = src.position();
                // Grown as read, not reserved from the header's claim.
                let mut body = Vec::new();
                src.copy(len, &mut body)?;
                early.push((body_start, body));
            }
            b"moov" => return Err(src.corrupt(
                "it is an image sequence (it has a moov box), which Darkroom does not clean yet",
            )),
            b"uuid" => {
                // Content Credentials travel in a top-level `uuid` box.
                let data = src.take_or_skip(len, INSPECT_LIMIT, |_| {})?;
                let data = data.as_deref().unwrap_or_default();
                let name = if super::c2pa::is_c2pa(data) {
                    "C2PA Content Credentials (box 'uuid')".to_string()
                } else {
                    format!("box {}", bmff::name(b"uuid"))
                };
                super::c2pa::inspect(report, data);
                report.removed(name, h.header_len + len);
            }
            kind => {
                src.copy(len, &mut io::sink())?;
                report.removed(format!("box {}", bmff::name(kind)), h.header_len + len);
            }
        }
    };
    let (meta_header_len, meta_body) = meta_body;
    let meta_end = src.position();
    let meta = meta::parse(&meta_body)?;

    // Which bytes go where: kept data in mdat (method 0) or idat (method 1),
    // each distinct extent once, in its original order.
    let mut kept_file: BTreeSet<Extent> = BTreeSet::new();
    let mut kept_idat: BTreeSet<Extent> = BTreeSet::new();
    for item in meta.items.iter().filter(|i| i.keep) {
        let Some(loc) = meta.locations.get(&item.id) else {
            continue;
        };
        match loc.method {
            0 => kept_file.extend(loc.extents.iter().copied()),
            1 => kept_idat.extend(loc.extents.iter().copied()),
            _ => {
                return Err(StripError::corrupt(
                    FORMAT,
                    "an item's data is stored inside another item",
                ))
            }
        }
    }
    check_disjoint(&kept_file)?;
    check_disjoint(&kept_idat)?;
    for e in &kept_idat {
        if e.offset + e.len > meta.idat.len() as u64 {
            return Err(StripError::corrupt(
                FORMAT,
                "an item's data runs past its idat box",
            ));
        }
    }
    let body_start = meta_start + meta_header_len;
    for e in &kept_file {
        let inside_meta = e.offset >= body_start && e.offset + e.len <= meta_end;
        let early_box = e.offset < meta_start && early_bytes(&early, e).is_some();
        if e.offset < meta_end && !inside_meta && !early_box {
            return Err(StripError::corrupt(
                FORMAT,
                "an item's data lies outside the boxes that hold image data",
            ));
        }
    }
    let mdat_len: u64 = kept_file.iter().map(|e| e.len).sum();
    let mdat_header_len = if mdat_len + 8 > u64::from(u32::MAX) {
        16
    } else {
        8
    };

    // New positions, then the new meta (whose size does not depend on them).
    let mut file_map = BTreeMap::new();
    let mut at = 0;
    for e in &kept_file {
        file_map.insert(*e, at);
        at += e.len;
    }
    let mut idat_map = BTreeMap::new();
    let mut new_idat = Vec::new();
    for e in &kept_idat {
        idat_map.insert(*e, new_idat.len() as u64);
        let start = e.offset as usize;
        new_idat.extend_from_slice(&meta.idat[start..start + e.len as usize]);
    }
    // Offsets need 8 bytes when the data may end past 4 GiB (the new meta
    // is at most a little larger than the old).
    let large =
        mdat_len + head.len() as u64 + 2 * meta_body.len() as u64 + 4096 > u64::from(u32::MAX);
    let sizing = rewrite::meta(&meta, &file_map, &idat_map, &new_idat, 0, large, report)?;
    let data_start = head.len() as u64 + sizing.len() as u64 + mdat_header_len;
    let mut meta_out = rewrite::meta(
        &meta,
        &file_map,
        &idat_map,
        &new_idat,
        data_start,
        large,
        &mut StripReport::new(report.kind),
    )?;
    debug_assert_eq!(meta_out.len(), sizing.len());
    head.append(&mut meta_out);
    out.write_all(&head)?;
    if mdat_header_len == 16 {
        out.write_all(&1u32.to_be_bytes())?;
        out.write_all(b"mdat")?;
        out.write_all(&(mdat_len + 16).to_be_bytes())?;
    } else {
        out.write_all(&((mdat_len + 8) as u32).to_be_bytes())?;
        out.write_all(b"mdat")?;
    }

    // Data kept from before meta (held in memory), from inside meta (rare),
    // then from the rest of the file.
    let mut early_kept = 0u64;
    for e in kept_file.iter().filter(|e| e.offset < meta_end) {
        if e.offset < meta_start {
            out.write_all(early_bytes(&early, e).expect("checked above"))?;
            early_kept += e.len;
        } else {
            let from = (e.offset - body_start) as usize;
            out.write_all(&meta_body[from..from + e.len as usize])?;
        }
    }
    let removed = removed_extents(&meta);
    let mut payloads = Vec::new();
    for (e, k) in removed.iter().filter(|(e, _)| e.offset < meta_start) {
        if let Some(bytes) = early_bytes(&early, e).filter(|b| b.len() as u64 <= INSPECT_LIMIT) {
            payloads.push((*k, bytes.to_vec()));
        }
    }
    drop(early);
    let rest = stream_rest(src, out, &kept_file, meta_end, &removed, report)?;
    payloads.extend(rest.payloads);
    let removed_data: u64 = removed.iter().map(|(e, _)| e.len).sum();
    let loose = (early_len - early_kept + rest.unreferenced).saturating_sub(removed_data);
    if loose > 0 {
        report.removed("data no image item uses", loose);
    }
    for (k, item) in meta.items.iter().enumerate().filter(|(_, i)| !i.keep) {
        if let Some(loc) = meta.locations.get(&item.id).filter(|l| l.method == 1) {
            let mut bytes = Vec::new();
            for e in &loc.extents {
                let start = e.offset as usize;
                if let Some(d) = meta.idat.get(start..start + e.len as usize) {
                    bytes.extend_from_slice(d);
                }
            }
            payloads.push((k, bytes));
        }
    }
    for (k, bytes) in payloads {
        inspect_item(report, &meta.items[k], &bytes);
    }
    report.removed_items(&meta);
    Ok(())
}

/// The bytes of `e` when it lies whole inside one mdat read before meta.
fn early_bytes<'a>(early: &'a [(u64, Vec<u8>)], e: &Extent) -> Option<&'a [u8]> {
    early.iter().find_map(|(start, body)| {
        let from = e.offset.checked_sub(*start)?;
        let to = from.checked_add(e.len)?;
        body.get(usize::try_from(from).ok()?..usize::try_from(to).ok()?)
    })
}

/// Refuses kept extents that overlap without being the same.
fn check_disjoint(extents: &BTreeSet<Extent>) -> Result<(), StripError> {
    let mut end = 0;
    for (k, e) in extents.iter().enumerate() {
        if k > 0 && e.offset < end {
            return Err(StripError::corrupt(FORMAT, "two items' data overlap"));
        }
        end = e.offset + e.len;
    }
    Ok(())
}

/// The dropped items' data in the file, with the item's index, for the
/// report's findings.
fn removed_extents(meta: &Meta) -> Vec<(Extent, usize)> {
    let mut v = Vec::new();
    for (k, item) in meta.items.iter().enumerate().filter(|(_, i)| !i.keep) {
        if let Some(loc) = meta.locations.get(&item.id).filter(|l| l.method == 0) {
            v.extend(loc.extents.iter().map(|e| (*e, k)));
        }
    }
    v.sort();
    v
}

/// What [`stream_rest`] read past meta.
struct Rest {
    /// Dropped items' data (by item index), to name what it held.
    payloads: Vec<(usize, Vec<u8>)>,
    /// Bytes in data boxes that no kept item uses (dropped items' included).
    unreferenced: u64,
}

/// Walks the boxes after meta, copying the kept extents and reading the
/// dropped items' data only to name what it held.
fn stream_rest<R: Read, W: Write>(
    src: &mut Source<R>,
    out: &mut W,
    kept: &BTreeSet<Extent>,
    meta_end: u64,
    removed: &[(Extent, usize)],
    report: &mut StripReport,
) -> Result<Rest, StripError> {
    let mut wanted = kept.iter().filter(|e| e.offset >= meta_end).peekable();
    let mut dropped = removed
        .iter()
        .filter(|(e, _)| e.offset >= meta_end)
        .peekable();
    let mut unreferenced = 0u64;
    let mut payloads: Vec<(usize, Vec<u8>)> = Vec::new();
    while let Some(h) = bmff::next_header(src)? {
        let body_start = src.position();
        let end = h.body_len.map(|n| body_start + n);
        if &h.kind == b"moov" {
            return Err(src.corrupt(
                "it is an image sequence (it has a moov box), which Darkroom does not clean yet",
            ));
        }
        let within = |e: &Extent| end.is_none_or(|end| e.offset + e.len <= end);
        let mut touched = false;
        loop {
            let next_kept = wanted.peek().copied().copied();
            // A dropped item's data is read, to name what it held, only
            // where it lies whole in this box and clear of kept data.
            while let Some((d, _)) = dropped.peek() {
                let clear = next_kept
                    .is_none_or(|k| d.offset + d.len <= k.offset || d.offset >= k.offset + k.len);
                let ahead = d.offset >= src.position();
                if ahead && clear && within(d) {
                    break;
                }
                if end.is_some_and(|end| d.offset >= end) && ahead {
                    break;
                }
                dropped.next();
            }
            let next_dropped = dropped.peek().map(|(d, _)| *d);
            let take_kept = match (next_kept, next_dropped) {
                (Some(k), Some(d)) => k.offset <= d.offset,
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => break,
            };
            let next = if take_kept {
                next_kept.expect("some")
            } else {
                next_dropped.expect("some")
            };
            if end.is_some_and(|end| next.offset >= end) {
                break;
            }
            if next.offset < src.position() || !within(&next) {
                return Err(src.corrupt("an item's data lies across a box boundary"));
            }
            let gap = next.offset - src.position();
            src.copy(gap, &mut io::sink())?;
            unreferenced += gap;
            touched = true;
            if take_kept {
                wanted.next();
                src.copy(next.len, out)?;
            } else {
                let (_, k) = *dropped.next().expect("peeked");
                unreferenced += next.len;
                if let Some(bytes) = src.take_or_skip(next.len, INSPECT_LIMIT, |_| {})? {
                    payloads.push((k, bytes));
                }
            }
        }
        match end {
            Some(end) => {
                let rest = end - src.position();
                src.copy(rest, &mut io::sink())?;
                if touched || &h.kind == b"mdat" {
                    unreferenced += rest;
                } else {
                    report.removed(
                        format!("box {}", bmff::name(&h.kind)),
                        h.header_len + (end - body_start),
                    );
                }
            }
            None => {
                let (n, _) = src.drain()?;
                unreferenced += n;
            }
        }
    }
    if wanted.peek().is_some() {
        return Err(src.corrupt("an item's data lies past the end of the file"));
    }
    Ok(Rest {
        payloads,
        unreferenced,
    })
}

/// Names what a dropped Exif or XMP item held.
fn inspect_item(report: &mut StripReport, item: &Item, bytes: &[u8]) {
    match &item.kind {
        b"Exif" => {
            // A 4-byte offset to the TIFF header, which follows it.
            let skip = bytes
                .get(..4)
                .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize);
            match skip.and_then(|s| bytes.get(4 + s..)) {
                Some(tiff) => inspect::exif(report, tiff),
                None => report.found(Category::Text, "unreadable EXIF block"),
            }
        }
        b"mime" if item.content_type == b"application/rdf+xml" => inspect::xmp(report, bytes),
        _ => {}
    }
}

impl StripReport {
    /// Names each dropped item once its data has been read.
    fn removed_items(&mut self, meta: &Meta) {
        for item in meta.items.iter().filter(|i| !i.keep) {
            let bytes: u64 = meta
                .locations
                .get(&item.id)
                .map_or(0, |l| l.extents.iter().map(|e| e.len).sum());
            let what = item_name(item);
            self.removed(what, bytes);
            match item.extra {
                Some(Extra::Thumbnail) => self.found(Category::Thumbnail, "thumbnail image"),
                Some(Extra::Auxiliary(Auxiliary::GainMap)) => self.note(NOTE_GAIN_MAP),
                Some(Extra::Auxiliary(Auxiliary::Depth)) => self.note(NOTE_DEPTH),
                _ => {}
            }
        }
        let named = meta.items.iter().filter(|i| i.keep && i.named).count();
        if named > 0 {
            self.removed("image item names", named as u64);
        }
        if meta.primary.is_none() {
            self.note("This file names no primary image; viewers show its first image.");
        }
    }
}

fn item_name(item: &Item) -> String {
    if let Some(extra) = item.extra {
        return extra.name().to_string();
    }
    match &item.kind {
        b"Exif" => "Exif item".to_string(),
        b"mime" if item.content_type == b"application/rdf+xml" => "XMP item".to_string(),
        b"mime" => format!("'{}' item", inspect::printable(&item.content_type)),
        kind => format!("{} item", bmff::name(kind)),
    }
}

#[cfg(test)]
mod tests;

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
//!   so do thumbnails (an editor that crops a photo may leave its old
//!   thumbnail whole).
//! - `iref`, `ipma` and `grpl` lose every mention of a dropped item; `ipco`
//!   keeps the properties a decoder uses and drops the rest, ICC colour
//!   profiles included (a dropped property marked essential makes the file
//!   refused instead).
//! - `iloc` is rewritten with the new offsets; `idat` keeps only what kept
//!   items use.
//! - Every other box, in `meta` or at the top level, is dropped.
//!
//! The input is read once, front to back: `meta` must come before the data
//! it points to, as every HEIF writer we know puts it.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Read, Write};

use super::bmff::{self, children, write_box, write_full, write_uint, Buf, Child};
use super::inspect::{self, INSPECT_LIMIT};
use super::source::Source;
use crate::report::{Category, StripReport};
use crate::Error;

const FORMAT: &str = "HEIF";

/// The largest `ftyp` and `meta` boxes read into memory.
const MAX_FTYP: u64 = 4096;
const MAX_META: u64 = 16 << 20;

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
    /// Whether it is an image dropped as another's thumbnail.
    thumbnail: bool,
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
) -> Result<(), Error> {
    // ftyp, as it is.
    let ftyp = bmff::next_header(src)?.ok_or_else(|| src.corrupt("no ftyp box"))?;
    let ftyp_len = match ftyp.body_len {
        Some(n) if &ftyp.kind == b"ftyp" && (8..=MAX_FTYP).contains(&n) => n,
        _ => return Err(src.corrupt("the file does not start with a valid ftyp box")),
    };
    let ftyp_body = src
        .take_or_skip(ftyp_len, MAX_FTYP, |_| {})?
        .unwrap_or_default();
    let mut head = Vec::new();
    write_box(&mut head, b"ftyp", &ftyp_body);

    // Everything up to meta is dropped; image data there could not be
    // reached in one pass.
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
            b"mdat" | b"moov" => return Err(src.corrupt(
                "its image data comes before its index (meta box), which Darkroom cannot rewrite",
            )),
            kind => {
                src.copy(len, &mut io::sink())?;
                report.removed(format!("box {}", bmff::name(kind)), h.header_len + len);
            }
        }
    };
    let (meta_header_len, meta_body) = meta_body;
    let meta_end = src.position();
    let meta = parse_meta(&meta_body)?;

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
                return Err(Error::corrupt(
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
            return Err(Error::corrupt(
                FORMAT,
                "an item's data runs past its idat box",
            ));
        }
    }
    let body_start = meta_start + meta_header_len;
    for e in &kept_file {
        let inside_meta = e.offset >= body_start && e.offset + e.len <= meta_end;
        if e.offset < meta_end && !inside_meta {
            return Err(Error::corrupt(
                FORMAT,
                "an item's data lies before or across its meta box",
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
    let sizing = write_meta(&meta, &file_map, &idat_map, &new_idat, 0, large, report)?;
    let data_start = head.len() as u64 + sizing.len() as u64 + mdat_header_len;
    let mut meta_out = write_meta(
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

    // Data kept from inside meta (rare), then from the rest of the file.
    for e in kept_file.iter().filter(|e| e.offset < meta_end) {
        let from = (e.offset - body_start) as usize;
        out.write_all(&meta_body[from..from + e.len as usize])?;
    }
    let removed = removed_extents(&meta);
    let mut payloads = stream_rest(src, out, &kept_file, meta_end, &removed, report)?;
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

/// Refuses kept extents that overlap without being the same.
fn check_disjoint(extents: &BTreeSet<Extent>) -> Result<(), Error> {
    let mut end = 0;
    for (k, e) in extents.iter().enumerate() {
        if k > 0 && e.offset < end {
            return Err(Error::corrupt(FORMAT, "two items' data overlap"));
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

/// Walks the boxes after meta, copying the kept extents and reading the
/// dropped items' data only to name what it held.
fn stream_rest<R: Read, W: Write>(
    src: &mut Source<R>,
    out: &mut W,
    kept: &BTreeSet<Extent>,
    meta_end: u64,
    removed: &[(Extent, usize)],
    report: &mut StripReport,
) -> Result<Vec<(usize, Vec<u8>)>, Error> {
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
    let removed_data: u64 = removed.iter().map(|(e, _)| e.len).sum();
    let loose = unreferenced.saturating_sub(removed_data);
    if loose > 0 {
        report.removed("data no image item uses", loose);
    }
    Ok(payloads)
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
            if item.thumbnail {
                self.found(Category::Thumbnail, "thumbnail image");
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
    if item.thumbnail {
        return "thumbnail image item".to_string();
    }
    match &item.kind {
        b"Exif" => "Exif item".to_string(),
        b"mime" if item.content_type == b"application/rdf+xml" => "XMP item".to_string(),
        b"mime" => format!("'{}' item", inspect::printable(&item.content_type)),
        kind => format!("{} item", bmff::name(kind)),
    }
}

fn parse_meta(body: &[u8]) -> Result<Meta<'_>, Error> {
    let mut b = Buf::new(body, FORMAT);
    let (version, _) = b.full("the meta box")?;
    if version != 0 {
        return Err(b.corrupt(format!("meta box version {version}")));
    }
    let children = children(b.rest(), FORMAT)?;
    let mut meta = Meta {
        children: Vec::new(),
        items: Vec::new(),
        locations: BTreeMap::new(),
        idat: &[],
        iinf_version: 0,
        primary: None,
    };
    let mut seen = BTreeSet::new();
    for c in &children {
        if matches!(
            &c.kind,
            b"hdlr" | b"pitm" | b"iinf" | b"iloc" | b"idat" | b"iprp" | b"iref" | b"dinf"
        ) && !seen.insert(c.kind)
        {
            return Err(b.corrupt(format!("two {} boxes", bmff::name(&c.kind))));
        }
        match &c.kind {
            b"hdlr" => {
                let mut h = Buf::new(c.body, FORMAT);
                h.full("the hdlr box")?;
                h.take(4, "the hdlr box")?;
                if &h.fourcc("the hdlr box")? != b"pict" {
                    return Err(h.corrupt("it is not a picture (its handler is not 'pict')"));
                }
            }
            b"pitm" => {
                let mut p = Buf::new(c.body, FORMAT);
                let (v, _) = p.full("the pitm box")?;
                meta.primary = Some(if v == 0 {
                    u32::from(p.u16("the pitm box")?)
                } else {
                    p.u32("the pitm box")?
                });
            }
            b"iinf" => {
                let (v, items) = parse_iinf(c.body)?;
                meta.iinf_version = v;
                meta.items = items;
            }
            b"iloc" => meta.locations = parse_iloc(c.body)?,
            b"idat" => meta.idat = c.body,
            b"dinf" => check_dinf(c.body)?,
            _ => {}
        }
    }
    if !seen.contains(b"hdlr") || !seen.contains(b"iinf") || !seen.contains(b"iloc") {
        return Err(b.corrupt("its meta box lacks hdlr, iinf or iloc"));
    }
    // Thumbnails are dropped: nothing needs them to show the photo, and an
    // editor that crops the photo may leave the old one whole.
    if let Some(iref) = children.iter().find(|c| &c.kind == b"iref") {
        for thumb in thumbnails(iref.body)? {
            if let Some(item) = meta.items.iter_mut().find(|i| i.id == thumb) {
                if meta.primary != Some(thumb) && item.keep {
                    item.keep = false;
                    item.thumbnail = true;
                }
            }
        }
    }
    if let Some(p) = meta.primary {
        if !meta.items.iter().any(|i| i.id == p && i.keep) {
            return Err(b.corrupt("its primary item is not an image"));
        }
    }
    if !meta.items.iter().any(|i| i.keep) {
        return Err(b.corrupt("it holds no image item"));
    }
    for item in meta.items.iter().filter(|i| i.keep) {
        if !meta.locations.contains_key(&item.id)
            && !matches!(&item.kind, b"grid" | b"iovl" | b"iden")
        {
            // Derived images may be described by properties alone; coded
            // ones need data.
            if !matches!(&item.kind, b"tmap") {
                return Err(b.corrupt("an image item has no location"));
            }
        }
    }
    meta.children = children;
    Ok(meta)
}

/// The items that are the thumbnail (`thmb`) of another.
fn thumbnails(body: &[u8]) -> Result<Vec<u32>, Error> {
    let mut b = Buf::new(body, FORMAT);
    let (version, _) = b.full("the iref box")?;
    let mut out = Vec::new();
    for r in children(b.rest(), FORMAT)? {
        if &r.kind == b"thmb" {
            let mut rb = Buf::new(r.body, FORMAT);
            out.push(if version == 0 {
                u32::from(rb.u16("an item reference")?)
            } else {
                rb.u32("an item reference")?
            });
        }
    }
    Ok(out)
}

fn parse_iinf(body: &[u8]) -> Result<(u8, Vec<Item>), Error> {
    let mut b = Buf::new(body, FORMAT);
    let (version, _) = b.full("the iinf box")?;
    let count = if version == 0 {
        u32::from(b.u16("the iinf box")?)
    } else {
        b.u32("the iinf box")?
    };
    let entries = children(b.rest(), FORMAT)?;
    if entries.len() as u64 != u64::from(count) {
        return Err(b.corrupt("its iinf box counts its items wrong"));
    }
    let mut items = Vec::with_capacity(entries.len());
    let mut ids = BTreeSet::new();
    for e in entries {
        if &e.kind != b"infe" {
            return Err(b.corrupt(format!("iinf holds a {} box", bmff::name(&e.kind))));
        }
        let mut i = Buf::new(e.body, FORMAT);
        let (v, flags) = i.full("an infe box")?;
        let id = match v {
            2 => u32::from(i.u16("an infe box")?),
            3 => i.u32("an infe box")?,
            _ => return Err(i.corrupt(format!("infe box version {v}"))),
        };
        let protection = i.u16("an infe box")?;
        let kind = i.fourcc("an infe box")?;
        let named = !i.cstr("an item name")?.is_empty();
        let content_type = if &kind == b"mime" {
            i.cstr("an item's content type")?.to_vec()
        } else {
            Vec::new()
        };
        if !ids.insert(id) {
            return Err(i.corrupt("two items have the same id"));
        }
        let keep = IMAGE_ITEMS.contains(&&kind);
        if keep && protection != 0 {
            return Err(i.corrupt("an image item is encrypted"));
        }
        let mut infe_body = Vec::new();
        write_full(&mut infe_body, v, flags);
        if v == 2 {
            infe_body.extend_from_slice(&(id as u16).to_be_bytes());
        } else {
            infe_body.extend_from_slice(&id.to_be_bytes());
        }
        infe_body.extend_from_slice(&0u16.to_be_bytes());
        infe_body.extend_from_slice(&kind);
        infe_body.push(0);
        let mut infe = Vec::new();
        write_box(&mut infe, b"infe", &infe_body);
        items.push(Item {
            id,
            kind,
            infe,
            keep,
            content_type,
            named,
            thumbnail: false,
        });
    }
    Ok((version, items))
}

fn parse_iloc(body: &[u8]) -> Result<BTreeMap<u32, Location>, Error> {
    let mut b = Buf::new(body, FORMAT);
    let (version, _) = b.full("the iloc box")?;
    if version > 2 {
        return Err(b.corrupt(format!("iloc box version {version}")));
    }
    let sizes = b.u16("the iloc box")?;
    let offset_size = (sizes >> 12) as u8;
    let length_size = ((sizes >> 8) & 0xF) as u8;
    let base_size = ((sizes >> 4) & 0xF) as u8;
    let index_size = if version >= 1 { (sizes & 0xF) as u8 } else { 0 };
    let count = if version < 2 {
        u32::from(b.u16("the iloc box")?)
    } else {
        b.u32("the iloc box")?
    };
    let mut locations = BTreeMap::new();
    for _ in 0..count {
        let id = if version < 2 {
            u32::from(b.u16("an iloc entry")?)
        } else {
            b.u32("an iloc entry")?
        };
        let method = if version >= 1 {
            (b.u16("an iloc entry")? & 0xF) as u8
        } else {
            0
        };
        if method > 1 {
            return Err(b.corrupt("an item's data is stored inside another item"));
        }
        let dref = b.u16("an iloc entry")?;
        if dref > 1 {
            return Err(b.corrupt("an item's data is in another file"));
        }
        let base = b.uint(base_size, "an iloc base offset")?;
        let n = b.u16("an iloc entry")?;
        let mut extents = Vec::with_capacity(usize::from(n));
        for _ in 0..n {
            let index = b.uint(index_size, "an iloc extent index")?;
            if index != 0 {
                return Err(b.corrupt("an item uses extent indices"));
            }
            let offset = b.uint(offset_size, "an iloc extent")?;
            let len = b.uint(length_size, "an iloc extent")?;
            if len == 0 {
                return Err(b.corrupt("an item's data has no stated length"));
            }
            let offset = base
                .checked_add(offset)
                .filter(|o| o.checked_add(len).is_some())
                .ok_or_else(|| b.corrupt("an item's data lies beyond any file"))?;
            extents.push(Extent { offset, len });
        }
        if locations.insert(id, Location { method, extents }).is_some() {
            return Err(b.corrupt("two iloc entries for one item"));
        }
    }
    Ok(locations)
}

/// Accepts only data references to this same file.
fn check_dinf(body: &[u8]) -> Result<(), Error> {
    for c in children(body, FORMAT)? {
        if &c.kind != b"dref" {
            continue;
        }
        let mut d = Buf::new(c.body, FORMAT);
        d.full("the dref box")?;
        d.u32("the dref box")?;
        for e in children(d.rest(), FORMAT)? {
            let mut u = Buf::new(e.body, FORMAT);
            let (_, flags) = u.full("a data reference")?;
            if flags & 1 == 0 {
                return Err(u.corrupt("it refers to data in another file"));
            }
        }
    }
    Ok(())
}

/// The rewritten meta box, with item data starting at `data_start` in the
/// output (mdat) and `new_idat` as its idat.
fn write_meta(
    meta: &Meta,
    file_map: &BTreeMap<Extent, u64>,
    idat_map: &BTreeMap<Extent, u64>,
    new_idat: &[u8],
    data_start: u64,
    large: bool,
    report: &mut StripReport,
) -> Result<Vec<u8>, Error> {
    let kept: BTreeSet<u32> = meta.items.iter().filter(|i| i.keep).map(|i| i.id).collect();
    let mut body = Vec::new();
    write_full(&mut body, 0, 0);
    for c in &meta.children {
        match &c.kind {
            b"hdlr" => {
                let mut h = Vec::new();
                h.extend_from_slice(&c.body[..12.min(c.body.len())]);
                h.extend_from_slice(&[0; 12]);
                h.push(0);
                write_box(&mut body, b"hdlr", &h);
                if c.body.len() > 25 {
                    report.removed("handler name", (c.body.len() - 25) as u64);
                }
            }
            b"pitm" => body.extend_from_slice(c.whole),
            b"dinf" => {
                let mut url = Vec::new();
                write_full(&mut url, 0, 1);
                let mut dref = Vec::new();
                write_full(&mut dref, 0, 0);
                dref.extend_from_slice(&1u32.to_be_bytes());
                write_box(&mut dref, b"url ", &url);
                let mut dinf = Vec::new();
                write_box(&mut dinf, b"dref", &dref);
                write_box(&mut body, b"dinf", &dinf);
            }
            b"iinf" => {
                let mut i = Vec::new();
                let items: Vec<&Item> = meta.items.iter().filter(|i| i.keep).collect();
                write_full(&mut i, meta.iinf_version, 0);
                if meta.iinf_version == 0 {
                    i.extend_from_slice(&(items.len() as u16).to_be_bytes());
                } else {
                    i.extend_from_slice(&(items.len() as u32).to_be_bytes());
                }
                for item in items {
                    i.extend_from_slice(&item.infe);
                }
                write_box(&mut body, b"iinf", &i);
            }
            b"iref" => {
                if let Some(r) = rewrite_iref(c.body, &kept)? {
                    write_box(&mut body, b"iref", &r);
                }
            }
            b"iprp" => {
                let r = rewrite_iprp(c.body, &kept, report)?;
                write_box(&mut body, b"iprp", &r);
            }
            b"iloc" => {
                let r = write_iloc(meta, &kept, file_map, idat_map, data_start, large);
                write_box(&mut body, b"iloc", &r);
            }
            b"idat" => {
                if !new_idat.is_empty() {
                    write_box(&mut body, b"idat", new_idat);
                }
            }
            b"grpl" => {
                if let Some(r) = rewrite_grpl(c.body, &kept)? {
                    write_box(&mut body, b"grpl", &r);
                }
            }
            kind => report.removed(
                format!("meta box {}", bmff::name(kind)),
                c.whole.len() as u64,
            ),
        }
    }
    let mut out = Vec::new();
    write_box(&mut out, b"meta", &body);
    Ok(out)
}

fn write_iloc(
    meta: &Meta,
    kept: &BTreeSet<u32>,
    file_map: &BTreeMap<Extent, u64>,
    idat_map: &BTreeMap<Extent, u64>,
    data_start: u64,
    large: bool,
) -> Vec<u8> {
    let entries: Vec<(&u32, &Location)> = meta
        .locations
        .iter()
        .filter(|(id, _)| kept.contains(id))
        .collect();
    let wide_ids = entries.iter().any(|(id, _)| **id > u32::from(u16::MAX));
    let uses_idat = entries.iter().any(|(_, l)| l.method == 1);
    let version: u8 = if wide_ids {
        2
    } else if uses_idat {
        1
    } else {
        0
    };
    let long_extent = entries
        .iter()
        .flat_map(|(_, l)| &l.extents)
        .any(|e| e.len > u64::from(u32::MAX));
    let offset_size: u8 = if large { 8 } else { 4 };
    let length_size: u8 = if long_extent { 8 } else { 4 };
    let mut b = Vec::new();
    write_full(&mut b, version, 0);
    b.extend_from_slice(
        &((u16::from(offset_size) << 12) | (u16::from(length_size) << 8)).to_be_bytes(),
    );
    if version < 2 {
        b.extend_from_slice(&(entries.len() as u16).to_be_bytes());
    } else {
        b.extend_from_slice(&(entries.len() as u32).to_be_bytes());
    }
    for (id, loc) in entries {
        if version < 2 {
            b.extend_from_slice(&(*id as u16).to_be_bytes());
        } else {
            b.extend_from_slice(&id.to_be_bytes());
        }
        if version >= 1 {
            b.extend_from_slice(&u16::from(loc.method).to_be_bytes());
        }
        b.extend_from_slice(&0u16.to_be_bytes());
        b.extend_from_slice(&(loc.extents.len() as u16).to_be_bytes());
        for e in &loc.extents {
            let at = if loc.method == 0 {
                data_start + file_map[e]
            } else {
                idat_map[e]
            };
            write_uint(&mut b, offset_size, at);
            write_uint(&mut b, length_size, e.len);
        }
    }
    b
}

fn rewrite_iref(body: &[u8], kept: &BTreeSet<u32>) -> Result<Option<Vec<u8>>, Error> {
    let mut b = Buf::new(body, FORMAT);
    let (version, flags) = b.full("the iref box")?;
    let read_id = |b: &mut Buf| -> Result<u32, Error> {
        if version == 0 {
            Ok(u32::from(b.u16("an item reference")?))
        } else {
            b.u32("an item reference")
        }
    };
    let mut out = Vec::new();
    write_full(&mut out, version, flags);
    let mut any = false;
    for r in children(b.rest(), FORMAT)? {
        let mut rb = Buf::new(r.body, FORMAT);
        let from = read_id(&mut rb)?;
        let n = rb.u16("an item reference")?;
        let mut to = Vec::with_capacity(usize::from(n));
        for _ in 0..n {
            let id = read_id(&mut rb)?;
            if kept.contains(&id) {
                to.push(id);
            }
        }
        if !kept.contains(&from) || to.is_empty() {
            continue;
        }
        let mut rbody = Vec::new();
        let size = if version == 0 { 2 } else { 4 };
        write_uint(&mut rbody, size, u64::from(from));
        rbody.extend_from_slice(&(to.len() as u16).to_be_bytes());
        for id in to {
            write_uint(&mut rbody, size, u64::from(id));
        }
        write_box(&mut out, &r.kind, &rbody);
        any = true;
    }
    Ok(any.then_some(out))
}

fn rewrite_iprp(
    body: &[u8],
    kept: &BTreeSet<u32>,
    report: &mut StripReport,
) -> Result<Vec<u8>, Error> {
    let parts = children(body, FORMAT)?;
    let ipco = parts
        .iter()
        .find(|c| &c.kind == b"ipco")
        .ok_or_else(|| Error::corrupt(FORMAT, "its iprp box has no ipco"))?;
    let props = children(ipco.body, FORMAT)?;
    // Old 1-based index -> new one, for the properties kept.
    let mut new_index = vec![0u16; props.len() + 1];
    // Dropped properties an image may still be shown without, even when
    // marked essential: colour profiles.
    let mut harmless = vec![false; props.len() + 1];
    let mut ipco_out = Vec::new();
    let mut next = 1u16;
    for (k, p) in props.iter().enumerate() {
        let icc = &p.kind == b"colr" && matches!(p.body.get(..4), Some(b"prof" | b"rICC"));
        if icc {
            harmless[k + 1] = true;
            report.removed("colour profile", p.whole.len() as u64);
            report.found(Category::ColourProfile, "ICC profile");
            report.note(NOTE_COLOUR);
        } else if DECODING_PROPERTIES.contains(&&p.kind) {
            new_index[k + 1] = next;
            next += 1;
            ipco_out.extend_from_slice(p.whole);
        } else {
            report.removed(
                format!("item property {}", bmff::name(&p.kind)),
                p.whole.len() as u64,
            );
            if &p.kind == b"udes" {
                report.found(Category::Text, "user description");
            }
        }
    }
    let mut out = Vec::new();
    write_box(&mut out, b"ipco", &ipco_out);
    for part in &parts {
        match &part.kind {
            b"ipco" => {}
            b"ipma" => {
                let r = rewrite_ipma(part.body, kept, &new_index, &harmless)?;
                write_box(&mut out, b"ipma", &r);
            }
            kind => report.removed(format!("box {}", bmff::name(kind)), part.whole.len() as u64),
        }
    }
    Ok(out)
}

fn rewrite_ipma(
    body: &[u8],
    kept: &BTreeSet<u32>,
    new_index: &[u16],
    harmless: &[bool],
) -> Result<Vec<u8>, Error> {
    let mut b = Buf::new(body, FORMAT);
    let (version, flags) = b.full("the ipma box")?;
    let wide = flags & 1 == 1;
    let count = b.u32("the ipma box")?;
    let mut entries = Vec::new();
    for _ in 0..count {
        let id = if version < 1 {
            u32::from(b.u16("an ipma entry")?)
        } else {
            b.u32("an ipma entry")?
        };
        let n = b.u8("an ipma entry")?;
        let mut assoc = Vec::new();
        for _ in 0..n {
            let (essential, index) = if wide {
                let v = b.u16("a property association")?;
                (v & 0x8000 != 0, v & 0x7FFF)
            } else {
                let v = b.u8("a property association")?;
                (v & 0x80 != 0, u16::from(v & 0x7F))
            };
            if index == 0 {
                continue;
            }
            let new = *new_index
                .get(usize::from(index))
                .ok_or_else(|| b.corrupt("an item has a property that does not exist"))?;
            if new == 0 {
                if essential && kept.contains(&id) && !harmless[usize::from(index)] {
                    return Err(b.corrupt(
                        "an image depends on a property Darkroom does not know, so it cannot be cleaned safely",
                    ));
                }
                continue;
            }
            assoc.push((essential, new));
        }
        if kept.contains(&id) {
            entries.push((id, assoc));
        }
    }
    let wide_out = entries.iter().flat_map(|(_, a)| a).any(|(_, i)| *i > 0x7F);
    let mut out = Vec::new();
    write_full(&mut out, version, u32::from(wide_out));
    out.extend_from_slice(&(entries.len() as u32).to_be_bytes());
    for (id, assoc) in entries {
        if version < 1 {
            out.extend_from_slice(&(id as u16).to_be_bytes());
        } else {
            out.extend_from_slice(&id.to_be_bytes());
        }
        out.push(assoc.len() as u8);
        for (essential, index) in assoc {
            if wide_out {
                out.extend_from_slice(&((u16::from(essential) << 15) | index).to_be_bytes());
            } else {
                out.push((u8::from(essential) << 7) | index as u8);
            }
        }
    }
    Ok(out)
}

fn rewrite_grpl(body: &[u8], kept: &BTreeSet<u32>) -> Result<Option<Vec<u8>>, Error> {
    let mut out = Vec::new();
    for g in children(body, FORMAT)? {
        let mut b = Buf::new(g.body, FORMAT);
        let (v, flags) = b.full("an entity group")?;
        let group = b.u32("an entity group")?;
        let n = b.u32("an entity group")?;
        let mut ids = Vec::new();
        for _ in 0..n {
            let id = b.u32("an entity group")?;
            if kept.contains(&id) {
                ids.push(id);
            }
        }
        if ids.is_empty() {
            continue;
        }
        let mut gb = Vec::new();
        write_full(&mut gb, v, flags);
        gb.extend_from_slice(&group.to_be_bytes());
        gb.extend_from_slice(&(ids.len() as u32).to_be_bytes());
        for id in ids {
            gb.extend_from_slice(&id.to_be_bytes());
        }
        write_box(&mut out, &g.kind, &gb);
    }
    Ok((!out.is_empty()).then_some(out))
}

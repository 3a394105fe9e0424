//! TIFF (scanners, fax, some cameras): every page kept with only the tags
//! a decoder needs, its strips or tiles copied byte for byte.
//!
//! The file is read into memory (at most 1 GiB): a TIFF may put its
//! directories anywhere. It is written again as the header, then for each
//! page its image data, its out-of-line values and its directory, in the
//! file's own byte order, so the stripped file is the canonical stream.
//! Dropped: EXIF, GPS and Interoperability directories, XMP, IPTC,
//! Photoshop and ICC blocks, maker notes, Make, Model, Software, DateTime,
//! Artist, HostComputer, Copyright, descriptions and names, resolution and
//! orientation, and every private or unknown tag. Refused: BigTIFF (not
//! recognised), sub-images (`SubIFDs`, as in DNG raw files), old-style JPEG
//! compression, and anything malformed.

use std::collections::BTreeSet;
use std::io::{self, Read, Write};

use super::inspect;
use super::source::Source;
use crate::report::StripReport;
use crate::StripError;

const FORMAT: &str = "TIFF";
const MAX_TIFF: u64 = 1 << 30;
const MAX_PAGES: usize = 4096;

/// Tags a decoder uses: kept.
const DECODING_TAGS: &[u16] = &[
    254, 255, 256, 257, 258, 259, 262, 263, 266, 273, 277, 278, 279, 284, 290, 291, 292, 293, 301,
    317, 318, 319, 320, 322, 323, 324, 325, 332, 338, 339, 340, 341, 347, 529, 530, 531, 532,
];
const STRIP_OFFSETS: u16 = 273;
const STRIP_COUNTS: u16 = 279;
const TILE_OFFSETS: u16 = 324;
const TILE_COUNTS: u16 = 325;

const NOTE_TIFF: &str = "The resolution and orientation tags were removed with the rest; some viewers may show the image at another size or rotation, but every pixel value is unchanged.";

/// The size of one value of a TIFF field type.
fn type_size(t: u16) -> Option<u64> {
    Some(match t {
        1 | 2 | 6 | 7 => 1,
        3 | 8 => 2,
        4 | 9 | 11 | 13 => 4,
        5 | 10 | 12 => 8,
        _ => return None,
    })
}

struct Order(bool); // true: little-endian

impl Order {
    fn u16(&self, b: &[u8]) -> u16 {
        let a = [b[0], b[1]];
        if self.0 {
            u16::from_le_bytes(a)
        } else {
            u16::from_be_bytes(a)
        }
    }
    fn u32(&self, b: &[u8]) -> u32 {
        let a = [b[0], b[1], b[2], b[3]];
        if self.0 {
            u32::from_le_bytes(a)
        } else {
            u32::from_be_bytes(a)
        }
    }
    fn put16(&self, out: &mut Vec<u8>, v: u16) {
        out.extend_from_slice(&if self.0 {
            v.to_le_bytes()
        } else {
            v.to_be_bytes()
        });
    }
    fn put32(&self, out: &mut Vec<u8>, v: u32) {
        out.extend_from_slice(&if self.0 {
            v.to_le_bytes()
        } else {
            v.to_be_bytes()
        });
    }
}

struct Entry<'a> {
    tag: u16,
    kind: u16,
    count: u32,
    value: &'a [u8],
}

fn corrupt(detail: &str) -> StripError {
    StripError::corrupt(FORMAT, detail.to_string())
}

pub(super) fn canonicalize<R: Read, W: Write>(
    src: &mut Source<R>,
    out: &mut W,
    report: &mut StripReport,
) -> Result<(), StripError> {
    let mut file = Vec::new();
    src.copy_with(u64::MAX, &mut io::sink(), |b| {
        if (file.len() as u64) <= MAX_TIFF {
            file.extend_from_slice(b);
        }
    })?;
    if file.len() as u64 > MAX_TIFF {
        return Err(corrupt("larger than the 1 GiB Darkroom reads into memory"));
    }
    if file.len() < 8 {
        return Err(corrupt("the file ends inside its header"));
    }
    let o = Order(&file[..2] == b"II");
    let at = |off: u64, len: u64| -> Result<&[u8], StripError> {
        let end = off.checked_add(len).filter(|&e| e <= file.len() as u64);
        end.map(|e| &file[off as usize..e as usize])
            .ok_or_else(|| corrupt("a value or image lies past the end of the file"))
    };
    // What the original holds, by name, before anything is dropped.
    inspect::exif(report, &file);

    let mut result = Vec::new();
    result.extend_from_slice(&file[..4]);
    o.put32(&mut result, 0); // first IFD offset, patched below
    let mut link_at = 4usize;
    let mut next = u64::from(o.u32(&file[4..8]));
    let mut seen = BTreeSet::new();
    let mut pages = 0;
    while next != 0 {
        if !seen.insert(next) || pages == MAX_PAGES {
            return Err(corrupt("its directories loop or are too many"));
        }
        pages += 1;
        let n = u64::from(o.u16(at(next, 2)?));
        let dir = at(next + 2, n * 12 + 4)?;
        let mut entries = Vec::new();
        for k in 0..n as usize {
            let e = &dir[k * 12..k * 12 + 12];
            let (tag, kind, count) = (o.u16(e), o.u16(&e[2..]), o.u32(&e[4..]));
            let size = type_size(kind).ok_or_else(|| corrupt("a tag of an unknown type"))?;
            let len = size * u64::from(count);
            let value = if len <= 4 {
                &e[8..8 + len as usize]
            } else {
                at(u64::from(o.u32(&e[8..])), len)?
            };
            match tag {
                330 => return Err(corrupt(
                    "it holds sub-images (as raw camera files do), which Darkroom does not clean",
                )),
                513 | 514 => {
                    return Err(corrupt(
                        "it uses old-style JPEG compression, which Darkroom does not rewrite",
                    ))
                }
                t if DECODING_TAGS.contains(&t) => entries.push(Entry {
                    tag,
                    kind,
                    count,
                    value,
                }),
                t => report.removed(format!("TIFF tag {t}"), 12 + if len > 4 { len } else { 0 }),
            }
        }
        next = u64::from(o.u32(&dir[n as usize * 12..]));
        write_page(&o, &mut entries, &mut result, &mut link_at, &at)?;
    }
    if pages == 0 {
        return Err(corrupt("it has no image"));
    }
    if report
        .removed
        .iter()
        .any(|r| r.name == "TIFF tag 274" || r.name == "TIFF tag 282")
    {
        report.note(NOTE_TIFF);
    }
    out.write_all(&result)?;
    Ok(())
}

/// Appends one page: its image data, its out-of-line values, then its
/// directory, whose offset goes where `link_at` points.
fn write_page<'f>(
    o: &Order,
    entries: &mut [Entry<'f>],
    out: &mut Vec<u8>,
    link_at: &mut usize,
    at: &dyn Fn(u64, u64) -> Result<&'f [u8], StripError>,
) -> Result<(), StripError> {
    let value_of = |tag: u16, entries: &[Entry]| -> Option<Vec<u64>> {
        let e = entries.iter().find(|e| e.tag == tag)?;
        let size = type_size(e.kind)? as usize;
        Some(
            e.value
                .chunks(size)
                .map(|c| match size {
                    2 => u64::from(o.u16(c)),
                    4 => u64::from(o.u32(c)),
                    _ => u64::MAX,
                })
                .collect(),
        )
    };
    let (offsets_tag, counts_tag) = if entries.iter().any(|e| e.tag == TILE_OFFSETS) {
        (TILE_OFFSETS, TILE_COUNTS)
    } else {
        (STRIP_OFFSETS, STRIP_COUNTS)
    };
    let offsets =
        value_of(offsets_tag, entries).ok_or_else(|| corrupt("a page has no image data"))?;
    let counts =
        value_of(counts_tag, entries).ok_or_else(|| corrupt("a page has no image data sizes"))?;
    if offsets.len() != counts.len() || offsets.contains(&u64::MAX) || counts.contains(&u64::MAX) {
        return Err(corrupt("a page's image data is described wrongly"));
    }
    // The image data, each strip or tile once more in order.
    let mut new_offsets = Vec::with_capacity(offsets.len());
    for (&off, &len) in offsets.iter().zip(&counts) {
        if out.len() % 2 == 1 {
            out.push(0);
        }
        new_offsets.push(u32::try_from(out.len()).map_err(|_| corrupt("larger than 4 GiB"))?);
        out.extend_from_slice(at(off, len)?);
    }
    entries.sort_by_key(|e| e.tag);
    // Out-of-line values, then the directory.
    let mut values: Vec<(usize, u32)> = Vec::new();
    let offsets_bytes: Vec<u8> = {
        let mut v = Vec::new();
        for x in &new_offsets {
            o.put32(&mut v, *x);
        }
        v
    };
    let mut bodies: Vec<(u16, u16, u32, Vec<u8>)> = Vec::new();
    for e in entries.iter() {
        if e.tag == offsets_tag {
            bodies.push((e.tag, 4, e.count, offsets_bytes.clone()));
        } else {
            bodies.push((e.tag, e.kind, e.count, e.value.to_vec()));
        }
    }
    for (k, (_, _, _, body)) in bodies.iter().enumerate() {
        if body.len() > 4 {
            if out.len() % 2 == 1 {
                out.push(0);
            }
            values.push((
                k,
                u32::try_from(out.len()).map_err(|_| corrupt("larger than 4 GiB"))?,
            ));
            out.extend_from_slice(body);
        }
    }
    if out.len() % 2 == 1 {
        out.push(0);
    }
    let dir_at = u32::try_from(out.len()).map_err(|_| corrupt("larger than 4 GiB"))?;
    let mut link = Vec::new();
    o.put32(&mut link, dir_at);
    out[*link_at..*link_at + 4].copy_from_slice(&link);
    o.put16(out, bodies.len() as u16);
    for (k, (tag, kind, count, body)) in bodies.iter().enumerate() {
        o.put16(out, *tag);
        o.put16(out, *kind);
        o.put32(out, *count);
        match values.iter().find(|(i, _)| *i == k) {
            Some((_, off)) => o.put32(out, *off),
            None => {
                let mut inline = body.clone();
                inline.resize(4, 0);
                out.extend_from_slice(&inline);
            }
        }
    }
    *link_at = out.len();
    o.put32(out, 0);
    Ok(())
}

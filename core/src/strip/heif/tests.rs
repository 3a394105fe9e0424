//! A hand-built HEIF that exercises the paths real encoders rarely take:
//! item data in `idat`, a grid, a dropped property, references to dropped
//! items. Real HEIC and AVIF files from libheif are tested against exiftool,
//! mat2 and heif-convert in `tests/strip_peers.rs`.

use std::io::Cursor;

use super::super::bmff::{write_box, write_full};
use super::super::inspect::contains;
use super::super::*;
use crate::digest::ContentDigest;
use crate::report::Category;

const TILE: &[u8] = b"HEVC-CODED-TILE-BYTES";
const EXIF: &[u8] = b"\0\0\0\0MM\0*\0\0\0\x08\0\0";
const XMP: &[u8] = b"<x:xmpmeta><tiff:Make>Cam</tiff:Make></x:xmpmeta>";
const GRID: &[u8] = &[0, 0, 0, 63, 0, 63];

fn full(kind: &[u8; 4], version: u8, body: &[u8]) -> Vec<u8> {
    let mut b = Vec::new();
    write_full(&mut b, version, 0);
    b.extend_from_slice(body);
    let mut out = Vec::new();
    write_box(&mut out, kind, &b);
    out
}

fn infe(id: u16, kind: &[u8; 4], name: &str, extra: &[u8]) -> Vec<u8> {
    let mut b = id.to_be_bytes().to_vec();
    b.extend_from_slice(&0u16.to_be_bytes());
    b.extend_from_slice(kind);
    b.extend_from_slice(name.as_bytes());
    b.push(0);
    b.extend_from_slice(extra);
    full(b"infe", 2, &b)
}

/// ftyp, meta, free, mdat: a grid (id 1, data in idat) of one tile (id 2,
/// in mdat), its Exif (id 3, in mdat) and XMP (id 4, in idat).
fn sample_heif() -> Vec<u8> {
    heif_with_mdat(false)
}

/// The same photo; with `mdat_first`, laid out ftyp, mdat, meta, free, as
/// Samsung phones write it. `mdat_at` is where the builder puts mdat; the
/// iloc offsets follow it.
fn heif_with_mdat(mdat_first: bool) -> Vec<u8> {
    let build = |mdat_at: u32| -> Vec<u8> {
        let mut ftyp = Vec::new();
        write_box(&mut ftyp, b"ftyp", b"heic\0\0\0\0mif1heic");
        let mut hdlr = b"\0\0\0\0\0\0\0\0pict".to_vec();
        hdlr.extend_from_slice(&[0; 12]);
        hdlr.extend_from_slice(b"Vendor handler\0");
        let mut iinf_body = 4u16.to_be_bytes().to_vec();
        iinf_body.extend(infe(1, b"grid", "", &[]));
        iinf_body.extend(infe(2, b"hvc1", "tile by PhoneMaker", &[]));
        iinf_body.extend(infe(3, b"Exif", "", &[]));
        iinf_body.extend(infe(4, b"mime", "", b"application/rdf+xml\0"));
        // iref: dimg 1 -> 2, cdsc 3 -> 1, cdsc 4 -> 1.
        let mut iref_body = Vec::new();
        for (kind, from, to) in [(b"dimg", 1u16, 2u16), (b"cdsc", 3, 1), (b"cdsc", 4, 1)] {
            let mut r = from.to_be_bytes().to_vec();
            r.extend_from_slice(&1u16.to_be_bytes());
            r.extend_from_slice(&to.to_be_bytes());
            write_box(&mut iref_body, kind, &r);
        }
        // ipco: 1 ispe, 2 udes (dropped), 3 hvcC, 4 colr prof (dropped).
        let mut ipco = Vec::new();
        ipco.extend(full(b"ispe", 0, &[0, 0, 0, 64, 0, 0, 0, 64]));
        ipco.extend(full(b"udes", 0, b"en\0Jane's photo\0\0\0"));
        write_box(&mut ipco, b"hvcC", b"\x01config");
        write_box(&mut ipco, b"colr", b"profICC-PROFILE-BYTES");
        let mut ipma = Vec::new();
        write_full(&mut ipma, 0, 0);
        ipma.extend_from_slice(&2u32.to_be_bytes());
        ipma.extend_from_slice(&[0, 1, 3, 0x81, 0x02, 0x84]); // grid: ispe*, udes, colr*
        ipma.extend_from_slice(&[0, 2, 2, 0x83, 0x01]); // tile: hvcC*, ispe
        let mut iprp = Vec::new();
        write_box(&mut iprp, b"ipco", &ipco);
        write_box(&mut iprp, b"ipma", &ipma);
        // idat: GRID then XMP.
        let mut idat = GRID.to_vec();
        idat.extend_from_slice(XMP);
        // iloc v1, offset/length 4 bytes, no base offsets.
        let mut iloc = vec![0x44, 0x00];
        iloc.extend_from_slice(&4u16.to_be_bytes());
        let mut entry = |id: u16, method: u16, offset: u32, len: u32| {
            iloc.extend_from_slice(&id.to_be_bytes());
            iloc.extend_from_slice(&method.to_be_bytes());
            iloc.extend_from_slice(&0u16.to_be_bytes());
            iloc.extend_from_slice(&1u16.to_be_bytes());
            iloc.extend_from_slice(&offset.to_be_bytes());
            iloc.extend_from_slice(&len.to_be_bytes());
        };
        entry(1, 1, 0, GRID.len() as u32);
        entry(2, 0, mdat_at + 8 + 3, TILE.len() as u32);
        entry(
            3,
            0,
            mdat_at + 8 + 3 + TILE.len() as u32 + 5,
            EXIF.len() as u32,
        );
        entry(4, 1, GRID.len() as u32, XMP.len() as u32);
        let mut meta = Vec::new();
        write_full(&mut meta, 0, 0);
        write_box(&mut meta, b"hdlr", &hdlr);
        meta.extend(full(b"pitm", 0, &1u16.to_be_bytes()));
        meta.extend(full(b"iinf", 0, &iinf_body));
        meta.extend(full(b"iref", 0, &iref_body));
        write_box(&mut meta, b"iprp", &iprp);
        meta.extend(full(b"iloc", 1, &iloc));
        write_box(&mut meta, b"idat", &idat);
        write_box(&mut meta, b"xml ", b"<vendor/>");
        let mut mdat = b"pad".to_vec();
        mdat.extend_from_slice(TILE);
        mdat.extend_from_slice(b"-gap-");
        mdat.extend_from_slice(EXIF);
        let mut file = ftyp;
        if mdat_first {
            write_box(&mut file, b"mdat", &mdat);
        }
        write_box(&mut file, b"meta", &meta);
        write_box(&mut file, b"free", b"padding");
        if !mdat_first {
            write_box(&mut file, b"mdat", &mdat);
        }
        file
    };
    let guess = build(0);
    let at = if mdat_first {
        guess.windows(4).position(|w| w == b"mdat").unwrap() - 4
    } else {
        guess.len() - (8 + 3 + TILE.len() + 5 + EXIF.len())
    };
    build(at as u32)
}

fn strip_heif(input: &[u8]) -> Result<(Vec<u8>, StripReport), StripError> {
    let mut out = Vec::new();
    let report = strip(
        Cursor::new(input),
        Some("photo.heic"),
        Uncleanable::Refuse,
        &mut out,
    )?;
    Ok((out, report))
}

#[test]
fn heif_keeps_image_items_and_drops_the_rest() {
    let input = sample_heif();
    let (out, report) = strip_heif(&input).unwrap();
    assert!(report.metadata_removed);
    // Image data whole, metadata gone.
    for kept in [TILE, GRID, b"hvcC".as_slice(), b"ispe", b"pict"] {
        assert!(
            contains(&out, kept),
            "lost {:?}",
            String::from_utf8_lossy(kept)
        );
    }
    for gone in [
        EXIF,
        XMP,
        b"Jane".as_slice(),
        b"PhoneMaker",
        b"Vendor handler",
        b"ICC-PROFILE",
        b"udes",
        b"xml ",
        b"padding",
        b"-gap-",
        b"Exif",
        b"cdsc",
    ] {
        assert!(
            !contains(&out, gone),
            "kept {:?}",
            String::from_utf8_lossy(gone)
        );
    }
    let names: Vec<&str> = report.removed.iter().map(|r| r.name.as_str()).collect();
    for name in [
        "Exif item",
        "XMP item",
        "colour profile",
        "item property 'udes'",
        "meta box 'xml '",
        "box 'free'",
    ] {
        assert!(names.contains(&name), "{name} not in {names:?}");
    }
    assert!(report
        .findings
        .iter()
        .any(|f| f.category == Category::Device && f.field == "XMP tiff:Make"));
    // The tile's new location points at the tile, the grid's at the grid.
    let at = out.windows(TILE.len()).position(|w| w == TILE).unwrap();
    let iloc = out.windows(4).position(|w| w == b"iloc").unwrap();
    let body = &out[iloc + 4..];
    // version 1, sizes 0x44, count 2; entry 1 (grid, idat, offset 0).
    assert_eq!(&body[..8], &[1, 0, 0, 0, 0x44, 0, 0, 2]);
    assert_eq!(&body[8..12], &[0, 1, 0, 1]);
    assert_eq!(&body[16..20], &0u32.to_be_bytes());
    // entry 2: the tile, in the file.
    assert_eq!(&body[24..28], &[0, 2, 0, 0]);
    assert_eq!(&body[32..36], &(at as u32).to_be_bytes());
    assert_eq!(&body[36..40], &(TILE.len() as u32).to_be_bytes());

    // Idempotent, and the digest does not move.
    let (again, second) = strip_heif(&out).unwrap();
    assert_eq!(again, out);
    assert!(second.removed.is_empty(), "{:?}", second.removed);
    let (d1, _) = ContentDigest::of(&input[..], Some("a.heic")).unwrap();
    let (d2, _) = ContentDigest::of(&out[..], Some("a.heic")).unwrap();
    assert_eq!(d1, d2);
}

#[test]
fn heif_truncations_and_corruptions_are_refused_with_one_sentence() {
    let input = sample_heif();
    for cut in 1..input.len() {
        let err = strip_heif(&input[..cut]).unwrap_err().to_string();
        assert!(
            err.contains("damaged") || err.contains("named like a HEIC"),
            "cut at {cut}: {err}"
        );
    }
    for at in 0..input.len() {
        for flip in [0x01u8, 0x80, 0xFF] {
            let mut bad = input.clone();
            bad[at] ^= flip;
            // No panic; either clean output or one sentence.
            if let Err(e) = strip_heif(&bad) {
                assert!(!e.to_string().contains('\n'));
            }
        }
    }
}

#[test]
fn heif_refuses_what_it_cannot_rewrite() {
    let base = sample_heif();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        // An unknown property marked essential: udes (index 2) made essential.
        ("property Darkroom does not know", {
            let mut b = base.clone();
            let at = b
                .windows(6)
                .position(|w| w == [0, 1, 3, 0x81, 0x02, 0x84])
                .unwrap();
            b[at + 4] = 0x82;
            b
        }),
        // An image sequence.
        ("image sequence", {
            let meta_at = base.windows(4).position(|w| w == b"meta").unwrap() - 4;
            let mut b = base[..meta_at].to_vec();
            write_box(&mut b, b"moov", b"x");
            b.extend_from_slice(&base[meta_at..]);
            b
        }),
        // The tile's data pointed into a box before meta that is not mdat.
        ("outside the boxes that hold image data", {
            let mut b = heif_with_mdat(true);
            let at = b.windows(4).position(|w| w == b"mdat").unwrap();
            b[at..at + 4].copy_from_slice(b"skip");
            b
        }),
    ];
    for (expect, input) in cases {
        let err = strip_heif(&input).unwrap_err().to_string();
        assert!(err.contains(expect), "{expect}: {err}");
    }
}

#[test]
fn heif_with_its_data_before_its_index_comes_out_as_if_written_index_first() {
    // Samsung's layout: ftyp, mdat, meta. The cleaned file is the canonical
    // one, so it is the same bytes as for the same photo laid out meta first.
    let samsung = heif_with_mdat(true);
    let usual = sample_heif();
    assert_ne!(samsung, usual);
    let (out, report) = strip_heif(&samsung).unwrap();
    let (expected, usual_report) = strip_heif(&usual).unwrap();
    assert_eq!(out, expected);
    let names = |r: &StripReport| {
        let mut v: Vec<(String, u64)> = r
            .removed
            .iter()
            .map(|x| (x.name.clone(), x.bytes))
            .collect();
        v.sort();
        v
    };
    assert_eq!(names(&report), names(&usual_report));
    assert!(report
        .findings
        .iter()
        .any(|f| f.category == Category::Device && f.field == "XMP tiff:Make"));
    let (d1, _) = ContentDigest::of(&samsung[..], Some("a.heic")).unwrap();
    let (d2, _) = ContentDigest::of(&usual[..], Some("a.heic")).unwrap();
    assert_eq!(d1, d2);
    // Every cut is refused, except the one that leaves out the trailing
    // free box whole: that is a complete file.
    let free_at = samsung.windows(4).position(|w| w == b"free").unwrap() - 4;
    for cut in (1..samsung.len()).filter(|&c| c != free_at) {
        let err = strip_heif(&samsung[..cut]).unwrap_err().to_string();
        assert!(
            err.contains("damaged") || err.contains("named like a HEIC"),
            "cut at {cut}: {err}"
        );
    }
    assert_eq!(strip_heif(&samsung[..free_at]).unwrap().0, expected);
    // No flipped bit makes it panic; a refusal is one sentence.
    for at in 0..samsung.len() {
        for flip in [0x01u8, 0x80, 0xFF] {
            let mut bad = samsung.clone();
            bad[at] ^= flip;
            if let Err(e) = strip_heif(&bad) {
                assert!(!e.to_string().contains('\n'));
            }
        }
    }
}

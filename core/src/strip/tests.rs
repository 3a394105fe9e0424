//! Hand-built files that exercise each parser's paths. Real files made by
//! real encoders are tested against exiftool and mat2 in `tests/`.

use std::io::Cursor;

use super::inspect::contains;
use super::*;
use crate::digest::ContentDigest;
use crate::report::Category;

fn seg(marker: u8, payload: &[u8]) -> Vec<u8> {
    let mut v = vec![0xFF, marker];
    v.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
    v.extend_from_slice(payload);
    v
}

/// A minimal TIFF (little-endian) with Make, a GPS IFD and a serial number.
fn tiny_exif() -> Vec<u8> {
    let mut t = b"II*\0\x08\0\0\0".to_vec();
    // IFD0: 2 entries: Make (ASCII, 4 bytes inline "Cam\0"), GPS IFD pointer.
    t.extend_from_slice(&2u16.to_le_bytes());
    t.extend_from_slice(&[0x0F, 0x01, 2, 0, 4, 0, 0, 0]);
    t.extend_from_slice(b"Cam\0");
    t.extend_from_slice(&[0x25, 0x88, 4, 0, 1, 0, 0, 0]);
    t.extend_from_slice(&38u32.to_le_bytes());
    t.extend_from_slice(&0u32.to_le_bytes());
    // GPS IFD at 38: GPSLatitudeRef "N", and BodySerialNumber is not GPS, so
    // keep it simple: one entry.
    t.extend_from_slice(&1u16.to_le_bytes());
    t.extend_from_slice(&[0x01, 0x00, 2, 0, 2, 0, 0, 0]);
    t.extend_from_slice(b"N\0\0\0");
    t.extend_from_slice(&0u32.to_le_bytes());
    t
}

pub(crate) fn sample_jpeg() -> (Vec<u8>, Vec<u8>) {
    let mut exif = b"Exif\0\0".to_vec();
    exif.extend(tiny_exif());
    let kept: Vec<Vec<u8>> = vec![
        seg(0xDB, &[0; 65]),
        seg(0xC0, &[8, 0, 1, 0, 1, 1, 1, 0x11, 0]),
        seg(0xC4, &[0; 17]),
    ];
    let sos = seg(0xDA, &[1, 1, 0, 0, 63, 0]);
    let ecs = [0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56];
    let mut input = vec![0xFF, 0xD8];
    input.extend(seg(0xE0, b"JFIF\0\x01\x02\0\0\x01\0\x01\0\0"));
    input.extend(seg(0xE1, &exif));
    input.extend(seg(0xFE, b"shot by J. Doe"));
    let mut expected = vec![0xFF, 0xD8];
    for k in &kept {
        input.extend(k);
        expected.extend(k);
    }
    input.extend(&sos);
    expected.extend(&sos);
    input.extend(ecs);
    expected.extend(ecs);
    // Fill bytes before EOI are dropped; the trailer after it too.
    input.extend([0xFF, 0xFF, 0xD9]);
    expected.extend([0xFF, 0xD9]);
    input.extend([0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3]);
    (input, expected)
}

fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut v = (data.len() as u32).to_be_bytes().to_vec();
    v.extend_from_slice(kind);
    v.extend_from_slice(data);
    let mut crc = crc32fast::Hasher::new();
    crc.update(kind);
    crc.update(data);
    v.extend_from_slice(&crc.finalize().to_be_bytes());
    v
}

pub(crate) fn sample_png() -> (Vec<u8>, Vec<u8>) {
    let sig = b"\x89PNG\r\n\x1a\n".to_vec();
    let ihdr = chunk(b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
    let idat = chunk(b"IDAT", &[0x78, 0x9c, 0x63, 0x60, 0, 0, 0, 2, 0, 1]);
    let iend = chunk(b"IEND", &[]);
    // APNG: the animation control and a second frame are image data.
    let actl = chunk(b"acTL", &[0, 0, 0, 2, 0, 0, 0, 0]);
    let fctl = chunk(b"fcTL", &[0; 26]);
    let fdat = chunk(
        b"fdAT",
        &[0, 0, 0, 1, 0x78, 0x9c, 0x63, 0x60, 0, 0, 0, 2, 0, 1],
    );
    let mut input = sig.clone();
    input.extend(&ihdr);
    input.extend(&actl);
    input.extend(chunk(b"tEXt", b"Author\0Jane"));
    input.extend(chunk(b"tIME", &[7, 0xE9, 1, 1, 0, 0, 0]));
    input.extend(chunk(b"eXIf", &tiny_exif()));
    input.extend(chunk(b"gAMA", &[0, 0, 0xB1, 0x8F]));
    input.extend(&idat);
    input.extend(&fctl);
    input.extend(chunk(b"tEXt", b"Comment\0between frames"));
    input.extend(&fdat);
    input.extend(&iend);
    let expected = [sig, ihdr, actl, idat, fctl, fdat, iend].concat();
    (input, expected)
}

fn riff_chunk(fourcc: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut v = fourcc.to_vec();
    v.extend_from_slice(&(data.len() as u32).to_le_bytes());
    v.extend_from_slice(data);
    if data.len() % 2 == 1 {
        v.push(0);
    }
    v
}

fn riff(body: &[u8]) -> Vec<u8> {
    let mut v = b"RIFF".to_vec();
    v.extend_from_slice(&((body.len() + 4) as u32).to_le_bytes());
    v.extend_from_slice(b"WEBP");
    v.extend_from_slice(body);
    v
}

pub(crate) fn sample_webp() -> (Vec<u8>, Vec<u8>) {
    let vp8l = riff_chunk(b"VP8L", &[0x2F, 0, 0, 0, 0, 0x10, 0x07]);
    let mut vp8x_in = [0u8; 10];
    vp8x_in[0] = 0x20 | 0x10 | 0x08 | 0x04; // ICC, alpha, EXIF, XMP
    vp8x_in[1] = 0xAB; // reserved, must be zero
    let mut vp8x_out = [0u8; 10];
    vp8x_out[0] = 0x10;
    let mut body = riff_chunk(b"VP8X", &vp8x_in);
    body.extend(riff_chunk(b"ICCP", &[1, 2, 3]));
    body.extend(&vp8l);
    let mut exif = b"Exif\0\0".to_vec();
    exif.extend(tiny_exif());
    body.extend(riff_chunk(b"EXIF", &exif));
    body.extend(riff_chunk(
        b"XMP ",
        b"<x:xmpmeta><xmp:CreatorTool>Editor</xmp:CreatorTool>",
    ));
    let mut kept = riff_chunk(b"VP8X", &vp8x_out);
    kept.extend(&vp8l);
    (riff(&body), riff(&kept))
}

/// Every cut of `input` (named `name`) is refused, with an error
/// `refused` accepts or a wrong-type one, and writes nothing.
pub(crate) fn every_cut_is_refused(input: &[u8], name: &str, refused: fn(&StripError) -> bool) {
    for cut in 1..input.len() {
        let mut out = Vec::new();
        let err = strip(
            Cursor::new(&input[..cut]),
            Some(name),
            Uncleanable::Refuse,
            &mut out,
        )
        .unwrap_err();
        assert!(
            refused(&err) || matches!(err, StripError::WrongType { .. }),
            "{name} cut at {cut}: {err}"
        );
        assert!(
            out.is_empty(),
            "{name} cut at {cut} wrote {} bytes",
            out.len()
        );
    }
}

fn strip_vec(input: &[u8], name: Option<&str>) -> Result<(Vec<u8>, StripReport), StripError> {
    let mut out = Vec::new();
    let report = strip(Cursor::new(input), name, Uncleanable::SendAsIs, &mut out)?;
    Ok((out, report))
}

fn check_sample(input: &[u8], expected: &[u8]) -> StripReport {
    let (out, report) = strip_vec(input, None).unwrap();
    assert_eq!(out, expected);
    assert_eq!(report.input_bytes, input.len() as u64);
    assert_eq!(report.output_bytes, expected.len() as u64);
    // Idempotent, and the digest does not move.
    let (again, second) = strip_vec(&out, None).unwrap();
    assert_eq!(again, out);
    assert!(second.removed.is_empty());
    let (d1, _) = ContentDigest::of(input, None).unwrap();
    let (d2, _) = ContentDigest::of(&out[..], None).unwrap();
    assert_eq!(d1, d2);
    report
}

#[test]
fn jpeg_keeps_only_what_decoders_need() {
    let (input, expected) = sample_jpeg();
    let report = check_sample(&input, &expected);
    let names: Vec<_> = report.removed.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "APP0 JFIF",
            "APP1 Exif",
            "COM comment",
            "data after end of image"
        ]
    );
    assert!(report.findings.contains(&crate::report::Finding {
        category: Category::Location,
        field: "GPSLatitudeRef".into()
    }));
    assert!(report
        .findings
        .iter()
        .any(|f| f.category == Category::Device));
    assert!(report.findings.iter().any(|f| f.field == "appended image"));
}

#[test]
fn png_keeps_only_image_chunks() {
    let (input, expected) = sample_png();
    let report = check_sample(&input, &expected);
    let names: Vec<_> = report.removed.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["tEXt", "tIME", "eXIf", "gAMA"]);
    assert_eq!(
        report.removed[0].count, 2,
        "both text chunks, one between frames"
    );
    assert_eq!(
        report.summary(),
        "GPS position, camera make or model, person's name, timestamp, text comment"
    );
}

#[test]
fn webp_drops_metadata_and_fixes_flags() {
    let (input, expected) = sample_webp();
    let report = check_sample(&input, &expected);
    let names: Vec<_> = report.removed.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["ICCP", "EXIF", "XMP"]);
    assert!(report
        .findings
        .iter()
        .any(|f| f.category == Category::Software));
}

#[test]
fn digest_changes_with_any_image_byte() {
    for (input, expected) in [sample_jpeg(), sample_png(), sample_webp()] {
        let (d, _) = ContentDigest::of(&input[..], None).unwrap();
        // Flip each byte of the stripped file: wherever the result still
        // parses and its stripped form differs (flag bits that stripping
        // normalises do not), the digest must differ.
        let mut moved = 0;
        for i in 0..expected.len() {
            let mut altered = expected.clone();
            altered[i] ^= 0x01;
            if let Ok((d2, _)) = ContentDigest::of(&altered[..], None) {
                let (canonical, _) = strip_vec(&altered, None).unwrap();
                if canonical != expected {
                    assert_ne!(d, d2, "byte {i} changed without changing the digest");
                    moved += 1;
                }
            }
        }
        assert!(moved > 0);
    }
}

#[test]
fn what_cannot_be_cleaned_is_refused_unless_sent_as_is() {
    for (name, input) in [
        ("memo.pdf", b"%PDF-1.7\n%author: someone\n".to_vec()),
        ("notes.bin", b"\x00\x01 anything at all".to_vec()),
        ("anim.gif", b"GIF89a\x01\x00\x01\x00".to_vec()),
    ] {
        let mut out = Vec::new();
        let err = strip(
            Cursor::new(&input),
            Some(name),
            Uncleanable::Refuse,
            &mut out,
        )
        .unwrap_err();
        assert!(
            matches!(err, StripError::CannotClean { .. }),
            "{name}: {err}"
        );
        let msg = err.to_string();
        assert!(
            msg.contains("was refused, because Darkroom cannot remove its metadata"),
            "{msg}"
        );
        assert!(msg.contains("--send-as-is"), "{msg}");
        assert!(out.is_empty(), "{name}: wrote {} bytes", out.len());
    }
}

#[test]
fn other_files_pass_through_and_say_so() {
    let input = b"%PDF-1.7\n%author: someone\n".to_vec();
    let (out, report) = strip_vec(&input, Some("memo.pdf")).unwrap();
    assert_eq!(out, input);
    assert!(!report.metadata_removed);
    assert!(report.residual_risks[0].contains("NOT removed"));
}

#[test]
fn every_truncation_is_a_clear_error() {
    for (input, expected) in [sample_jpeg(), sample_png(), sample_webp()] {
        for cut in 1..expected.len() {
            let r = strip_vec(&expected[..cut], None);
            // A cut inside the magic makes it an unknown file, passed through.
            if let Ok((out, report)) = r {
                assert!(!report.metadata_removed, "cut at {cut} accepted");
                assert_eq!(out, &expected[..cut]);
            } else {
                let msg = r.unwrap_err().to_string();
                assert!(msg.contains("damaged"), "{msg}");
            }
        }
        let _ = input;
    }
}

#[test]
fn no_single_byte_corruption_panics() {
    for (input, _) in [sample_jpeg(), sample_png(), sample_webp()] {
        for i in 0..input.len() {
            for v in [0x00, 0xFF, input[i] ^ 0x80] {
                let mut bad = input.clone();
                bad[i] = v;
                let _ = strip_vec(&bad, None);
                let _ = ContentDigest::of(&bad[..], None);
            }
        }
    }
}

#[test]
fn hostile_inputs_get_one_clear_error() {
    let cases: Vec<(&str, Vec<u8>, Option<&str>, &str)> = vec![
        ("empty", vec![], None, "empty"),
        (
            "wrong magic",
            b"GIF89a....".to_vec(),
            Some("photo.jpg"),
            "named like a JPEG",
        ),
        (
            "png named webp",
            sample_png().0,
            Some("x.webp"),
            "named like a WebP",
        ),
        (
            "segment past end",
            {
                let mut v = vec![0xFF, 0xD8];
                v.extend([0xFF, 0xE1, 0xFF, 0xFF, 1, 2, 3]);
                v
            },
            None,
            "ends early",
        ),
        (
            "jpeg without scan",
            vec![0xFF, 0xD8, 0xFF, 0xD9],
            None,
            "before any image data",
        ),
        (
            "scan before frame",
            {
                let mut v = vec![0xFF, 0xD8];
                v.extend(seg(0xDA, &[1, 1, 0, 0, 63, 0]));
                v
            },
            None,
            "before the frame header",
        ),
        (
            "png bad crc",
            {
                let mut v = sample_png().0;
                let n = v.len();
                v[n - 1] ^= 1;
                v
            },
            None,
            "bad checksum",
        ),
        (
            "png unknown critical",
            {
                let (mut v, _) = sample_png();
                let iend = v.split_off(v.len() - 12);
                v.extend(chunk(b"ABCD", b"x"));
                v.extend(iend);
                v
            },
            None,
            "unknown critical chunk",
        ),
        (
            "webp chunk past riff",
            {
                let mut v = riff(&riff_chunk(b"VP8L", &[1, 2, 3, 4]));
                v[4] = 8; // RIFF size smaller than its chunk
                v
            },
            None,
            "past the RIFF size",
        ),
        (
            "webp without image",
            riff(&riff_chunk(b"VP8X", &[0; 10])),
            None,
            "no image chunk",
        ),
    ];
    for (what, input, name, needle) in cases {
        let err = strip_vec(&input, name).unwrap_err().to_string();
        assert!(err.contains(needle), "{what}: {err}");
    }
}

const MP3: &[u8] = include_bytes!("../../../fuzz/corpus/strip/audio-full.mp3");
const FLAC: &[u8] = include_bytes!("../../../fuzz/corpus/strip/audio-full.flac");
const WAV: &[u8] = include_bytes!("../../../fuzz/corpus/strip/audio-full.wav");

#[test]
fn audio_is_cleaned_and_damage_is_refused_in_one_sentence() {
    for (name, input) in [("a.mp3", MP3), ("a.flac", FLAC), ("a.wav", WAV)] {
        let (out, report) = strip_vec(input, Some(name)).unwrap();
        assert!(
            report.metadata_removed && !report.removed.is_empty(),
            "{name}"
        );
        assert!(!contains(&out, b"Jane Example"), "{name}");
        let (again, second) = strip_vec(&out, Some(name)).unwrap();
        assert_eq!(again, out, "{name}");
        assert!(second.removed.is_empty(), "{name}: {:?}", second.removed);
        for cut in 1..input.len() {
            match strip_vec(&input[..cut], Some(name)) {
                Err(e) => {
                    let msg = e.to_string();
                    assert!(
                        !msg.contains('\n')
                            && (msg.contains("damaged") || msg.contains("named like")),
                        "{name} cut at {cut}: {msg}"
                    );
                }
                // MP3 and FLAC frames are not checked one by one: a cut at
                // a frame boundary (or, for FLAC, anywhere in the audio) is
                // a shorter recording, and must come out clean.
                Ok((short, _)) => {
                    assert!(name != "a.wav", "a cut WAV at {cut} was accepted");
                    assert!(!contains(&short, b"Jane Example"), "{name} cut at {cut}");
                }
            }
        }
    }
    // Anything between MP3 frames that is neither audio nor a tag.
    let (clean, _) = strip_vec(MP3, Some("a.mp3")).unwrap();
    let first =
        crate::media::mp3_frame_len([clean[0], clean[1], clean[2], clean[3]]).unwrap() as usize;
    let mut junk = clean.clone();
    junk.splice(first..first, *b"hidden words");
    let err = strip_vec(&junk, Some("a.mp3")).unwrap_err().to_string();
    assert!(err.contains("neither audio nor a tag"), "{err}");
}

const TIFF_FAX: &[u8] = include_bytes!("../../../fuzz/corpus/strip/tiff-fax-full.tif");

#[test]
fn tiff_is_cleaned_and_every_cut_is_refused() {
    let (out, report) = strip_vec(TIFF_FAX, Some("scan.tif")).unwrap();
    assert!(report.metadata_removed && !report.removed.is_empty());
    assert!(!contains(&out, b"Jane Example") && !contains(&out, b"JANE-PC"));
    let (again, second) = strip_vec(&out, Some("scan.tif")).unwrap();
    assert_eq!(again, out);
    assert!(second.removed.is_empty(), "{:?}", second.removed);
    // Directories can be anywhere, so a cut may leave a smaller valid file
    // only if nothing any page uses was cut off; otherwise one sentence.
    for cut in 1..TIFF_FAX.len() {
        if let Err(e) = strip_vec(&TIFF_FAX[..cut], Some("scan.tif")) {
            let msg = e.to_string();
            assert!(
                !msg.contains('\n') && (msg.contains("damaged") || msg.contains("named like")),
                "cut at {cut}: {msg}"
            );
        }
    }
    for at in 0..TIFF_FAX.len() {
        let mut bad = TIFF_FAX.to_vec();
        bad[at] ^= 0xA5;
        if let Err(e) = strip_vec(&bad, Some("scan.tif")) {
            assert!(!e.to_string().contains('\n'));
        }
    }
    // Sub-images (a raw camera file's) are refused.
    let mut raw = out.clone();
    let dir = u32::from_le_bytes([raw[4], raw[5], raw[6], raw[7]]) as usize;
    assert_eq!(&raw[..2], b"II");
    raw[dir + 2..dir + 4].copy_from_slice(&330u16.to_le_bytes());
    let err = strip_vec(&raw, Some("scan.tif")).unwrap_err().to_string();
    assert!(err.contains("sub-images"), "{err}");
}

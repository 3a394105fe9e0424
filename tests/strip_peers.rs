use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::*;

/// exiftool's family-0 groups that must be empty after stripping.
const FORBIDDEN_GROUPS: &[&str] = &[
    "EXIF",
    "XMP",
    "IPTC",
    "MakerNotes",
    "ICC_Profile",
    "Photoshop",
    "JFIF",
    "FlashPix",
    "MPF",
    "XML",
];
/// The PDF tags exiftool reads from a document's structure; any other PDF
/// tag is metadata.
const PDF_STRUCTURE: &[&str] = &["PDFVersion", "Linearized", "PageCount"];
/// The PNG tags exiftool reads from IHDR; any other PNG tag is metadata.
const PNG_STRUCTURE: &[&str] = &[
    "ImageWidth",
    "ImageHeight",
    "BitDepth",
    "ColorType",
    "Compression",
    "Filter",
    "Interlace",
];

/// exiftool's tags for `file`, as "Group0:Group1:Tag" keys.
pub(crate) fn exiftool_tags(exiftool: &Path, file: &Path) -> Vec<String> {
    let out = ok(Command::new(exiftool)
        .args(["-j", "-a", "-G0:1", "-s"])
        .arg(file));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    v[0].as_object().unwrap().keys().cloned().collect()
}

/// exiftool's family-1 groups of QuickTime/MP4 metadata.
const FORBIDDEN_AV_GROUPS: &[&str] = &["Keys", "ItemList", "UserData"];

/// exiftool's names for the TIFF tags a decoder needs, which live in its
/// EXIF:IFD groups and are kept.
const TIFF_STRUCTURE: &[&str] = &[
    "ImageWidth",
    "ImageHeight",
    "BitsPerSample",
    "Compression",
    "PhotometricInterpretation",
    "StripOffsets",
    "SamplesPerPixel",
    "RowsPerStrip",
    "StripByteCounts",
    "PlanarConfiguration",
    "Predictor",
    "TileWidth",
    "TileLength",
    "TileOffsets",
    "TileByteCounts",
    "SubfileType",
    "FillOrder",
    "T4Options",
    "T6Options",
    "SampleFormat",
    "ExtraSamples",
    "JPEGTables",
    "YCbCrSubSampling",
    "YCbCrPositioning",
    "ReferenceBlackWhite",
    "WhitePoint",
    "PrimaryChromaticities",
    "ColorMap",
    "PreviewImage",
    "PreviewImageStart",
    "PreviewImageLength",
];

pub(crate) fn metadata_tags(tags: &[String]) -> Vec<String> {
    tags.iter()
        .filter(|k| {
            // A TIFF's image structure is where exiftool files its EXIF.
            let ifd = k.starts_with("EXIF:IFD");
            if ifd && TIFF_STRUCTURE.contains(&k.rsplit(':').next().unwrap_or_default()) {
                return false;
            }
            let group = k.split(':').next().unwrap_or_default();
            let group1 = k.split(':').nth(1).unwrap_or_default();
            let tag = k.rsplit(':').next().unwrap_or_default();
            FORBIDDEN_GROUPS.contains(&group)
                || FORBIDDEN_AV_GROUPS.contains(&group1)
                || tag.contains("GPS")
                || tag == "Comment"
                || (group == "PNG" && !PNG_STRUCTURE.contains(&tag))
                || (group == "PDF" && !PDF_STRUCTURE.contains(&tag))
        })
        .cloned()
        .collect()
}

pub(crate) fn strip_all(name: &str) -> Option<Vec<(PathBuf, PathBuf)>> {
    let files = match corpus() {
        Some(dir) => {
            let mut v: Vec<PathBuf> = fs::read_dir(dir)
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            v.sort();
            assert!(v.len() >= 35, "corpus too small: {v:?}");
            v
        }
        None => return None,
    };
    let out = scratch(name);
    Some(
        files
            .into_iter()
            .map(|f| {
                let dest = out.join(f.file_name().unwrap());
                ok(darkroom().arg("strip").arg(&f).arg("-o").arg(&dest));
                (f, dest)
            })
            .collect(),
    )
}

#[test]
fn exiftool_finds_no_metadata_after_strip() {
    let exiftool = require!("exiftool");
    let Some(pairs) = strip_all("peers-exiftool") else {
        return;
    };
    for (original, stripped) in pairs {
        let name = original.file_name().unwrap().to_string_lossy().into_owned();
        let before = metadata_tags(&exiftool_tags(&exiftool, &original));
        if is_av(&original) {
            // Checked value by value in `recordings_play_the_same_…`.
        } else if name.contains("full") {
            // The corpus really carries what we claim to remove.
            for g in ["EXIF", "XMP", "ICC_Profile"] {
                assert!(
                    before.iter().any(|k| k.starts_with(g)),
                    "{name} lacks {g}: {before:?}"
                );
            }
        }
        let after = metadata_tags(&exiftool_tags(&exiftool, &stripped));
        assert!(after.is_empty(), "{name} still has {after:?}");
    }
}

#[test]
fn mat2_finds_nothing_to_clean() {
    let mat2 = require!("mat2");
    let Some(pairs) = strip_all("peers-mat2") else {
        return;
    };
    let mut checked = 0;
    for (original, stripped) in pairs {
        let name = original.file_name().unwrap().to_string_lossy().into_owned();
        let out = ok(Command::new(&mat2).arg("--show").arg(&stripped));
        if out.contains("is not supported") {
            // Debian 12's mat2 has no WebP, AVIF, MOV or M4A parser;
            // exiftool covers them.
            assert!(
                [".webp", ".avif", ".mov", ".m4a"]
                    .iter()
                    .any(|e| name.ends_with(e)),
                "{name}: {out}"
            );
            continue;
        }
        if is_av(&original) || name.ends_with(".tif") {
            // mat2 lists a video's or a TIFF's structure (brands, sizes, handlers); none
            // of it may name a device, a person, a place or a time.
            for line in out.lines().skip(1) {
                assert!(!identifying(line), "{name}: {line}");
            }
            checked += 1;
            continue;
        }
        if is_document(&original) && name.ends_with(".pdf") {
            // mat2 lists what poppler reports of any PDF: its version, and
            // dates it could not find (-1).
            for line in out.lines().skip(1).map(str::trim) {
                assert!(
                    line.starts_with("format: PDF-") || line.ends_with("-date: -1"),
                    "{name}: {line}"
                );
            }
            checked += 1;
            continue;
        }
        if name == "jpeg-cmyk.jpg" {
            // The Adobe APP14 segment is kept on purpose (see
            // `adobe_segment_changes_decoded_pixels`); mat2 lists its fields.
            let listed: Vec<&str> = out.lines().skip(1).map(str::trim).collect();
            for l in &listed {
                assert!(
                    [
                        "APP14Flags0",
                        "APP14Flags1",
                        "ColorTransform",
                        "DCTEncodeVersion"
                    ]
                    .iter()
                    .any(|k| l.starts_with(k)),
                    "{name}: {l}"
                );
            }
            assert!(
                out.contains("APP14Flags0: (none)"),
                "flags are zeroed: {out}"
            );
            continue;
        }
        assert!(out.contains("No metadata found"), "{name}: {out}");
        checked += 1;
    }
    assert!(checked >= 16, "mat2 checked only {checked} files");
}

/// Per-frame pixel signatures from ImageMagick (libjpeg-turbo, libpng and
/// libwebp underneath); ICC profiles are not applied, so this compares the
/// decoded sample values themselves.
pub(crate) fn pixel_signatures(identify: &Path, file: &Path) -> String {
    ok(Command::new(identify)
        .args(["-format", "%# %wx%h\n"])
        .arg(file))
}

/// What libheif's own decoder makes of a HEIF file, as ImageMagick's pixel
/// signature of the PNG that `heif-convert` writes (ImageMagick's HEIF
/// reader would also apply the colour profile, which stripping removes);
/// for a file of several images (a stereo pair, a burst), each one's.
pub(crate) fn heif_signature(identify: &Path, file: &Path) -> String {
    let stem = format!("{}.decoded", file.file_name().unwrap().to_string_lossy());
    let png = file.with_file_name(format!("{stem}.png"));
    ok(Command::new("heif-convert").arg(file).arg(&png));
    if png.exists() {
        return pixel_signatures(identify, &png);
    }
    // heif-convert names them stem-1.png, stem-2.png, …
    let mut all = String::new();
    for k in 1.. {
        let each = file.with_file_name(format!("{stem}-{k}.png"));
        if !each.exists() {
            break;
        }
        all.push_str(&pixel_signatures(identify, &each));
    }
    assert!(
        !all.is_empty(),
        "heif-convert wrote nothing for {}",
        file.display()
    );
    all
}

/// Video and audio in ISO-BMFF.
fn is_bmff(file: &Path) -> bool {
    file.extension()
        .is_some_and(|e| e == "mp4" || e == "mov" || e == "m4a")
}

/// Video and audio.
pub(crate) fn is_av(file: &Path) -> bool {
    is_bmff(file)
        || file
            .extension()
            .is_some_and(|e| ["mp3", "flac", "wav", "ogg", "opus"].contains(&&*e.to_string_lossy()))
}

/// A line of a peer's listing that names a device, a person, software, a
/// place, or a time that is not zero.
pub(crate) fn identifying(line: &str) -> bool {
    // A field left empty names nothing (an Ogg file's vendor string).
    if line
        .split_once(" : ")
        .is_some_and(|(_, v)| v.trim().is_empty())
    {
        return false;
    }
    let l = line.to_ascii_lowercase();
    [
        "gps",
        "make",
        "model",
        "software",
        "encoder",
        "vendor",
        "compressorname",
        "artist",
        "author",
        "creator",
        "location",
        "timecode",
        "android",
        "jane",
        "title",
        "comment",
        "originator",
        "picture",
        "office",
        "democam",
    ]
    .iter()
    .any(|w| l.contains(w))
        || (l.contains("date") && !l.contains("0000:00:00 00:00:00"))
}

/// Every value exiftool reads from `file`, embedded ones included, a line
/// each, without the file system's and exiftool's own.
pub(crate) fn exiftool_values(exiftool: &Path, file: &Path) -> String {
    ok(Command::new(exiftool)
        .args([
            "-a",
            "-G0:1",
            "-s",
            "-ee",
            "-x",
            "System:all",
            "-x",
            "ExifTool:all",
        ])
        .arg(file))
}

/// ffmpeg's checksum of every decoded video frame and audio packet, with
/// their timestamps (for audio files, the audio only: a cover picture is
/// metadata).
pub(crate) fn frame_md5s(file: &Path) -> String {
    let video = if is_bmff(file) { "0:v?" } else { "0:a" };
    let out = ok(Command::new("ffmpeg")
        .args(["-loglevel", "error", "-i"])
        .arg(file)
        .args(["-map", video, "-map", "0:a?", "-f", "framemd5", "-"]));
    out.lines()
        .filter(|l| !l.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn recordings_play_the_same_and_keep_no_metadata() {
    let exiftool = require!("exiftool");
    require!("ffmpeg");
    let Some(pairs) = strip_all("peers-video") else {
        return;
    };
    let mut checked = 0;
    for (original, stripped) in pairs.iter().filter(|(o, _)| is_av(o)) {
        let name = original.display();
        let frames = frame_md5s(original);
        assert!(frames.lines().count() >= 5, "{name}: {frames}");
        assert_eq!(frames, frame_md5s(stripped), "{name}");
        // Every value exiftool reads, embedded ones included.
        let out = exiftool_values(&exiftool, stripped);
        for line in out.lines() {
            assert!(!identifying(line), "{name}: {line}");
        }
        // The original had something to remove.
        let before = exiftool_values(&exiftool, original);
        assert!(before.lines().any(identifying), "{name}: {before}");
        if !is_bmff(original) {
            checked += 1;
            continue;
        }
        assert!(out.contains("CreateDate"), "{name}: {out}");
        // The media data is untouched: the same bytes, in one piece.
        let data = |f: &Path| {
            let v: serde_json::Value = serde_json::from_str(&ok(Command::new(&exiftool)
                .args(["-j", "-n", "-MediaDataOffset", "-MediaDataSize"])
                .arg(f)))
            .unwrap();
            let (at, len) = (
                v[0]["MediaDataOffset"].as_u64().unwrap() as usize,
                v[0]["MediaDataSize"].as_u64().unwrap() as usize,
            );
            fs::read(f).unwrap()[at..at + len].to_vec()
        };
        assert!(data(original) == data(stripped), "{name}: mdat changed");
        checked += 1;
    }
    assert!(checked >= 9, "only {checked} recordings");
}

/// A PDF or office document.
pub(crate) fn is_document(file: &Path) -> bool {
    file.extension().is_some_and(|e| {
        ["pdf", "docx", "xlsx", "pptx", "odt"].contains(&e.to_string_lossy().as_ref())
    })
}

fn is_heif(file: &Path) -> bool {
    file.extension().is_some_and(|e| e == "heic" || e == "avif")
}

#[test]
fn stripped_images_decode_to_the_same_pixels() {
    let identify = require!("/usr/bin/identify");
    let Some(pairs) = strip_all("peers-pixels") else {
        return;
    };
    let mut heif = 0;
    for (original, stripped) in pairs
        .into_iter()
        .filter(|(o, _)| !is_av(o) && !is_document(o))
    {
        let signature = |f: &Path| {
            if is_heif(f) {
                heif_signature(&identify, f)
            } else {
                pixel_signatures(&identify, f)
            }
        };
        heif += usize::from(is_heif(&original));
        // libtiff applies a TIFF's orientation when it decodes JPEG-in-TIFF;
        // stripping removes that flag (as for JPEG), so compare with the
        // original without it, which exiftool makes.
        let original = if original.extension().is_some_and(|e| e == "tif") {
            let upright = stripped.with_file_name(format!(
                "upright-{}",
                original.file_name().unwrap().to_string_lossy()
            ));
            fs::copy(&original, &upright).unwrap();
            ok(Command::new("exiftool")
                .args(["-q", "-overwrite_original", "-Orientation="])
                .arg(&upright));
            upright
        } else {
            original
        };
        let a = signature(&original);
        let b = signature(&stripped);
        assert!(!a.trim().is_empty());
        assert_eq!(a, b, "{}", original.display());
    }
    assert!(heif >= 5, "only {heif} HEIF files decoded");
}

#[test]
fn adobe_segment_changes_decoded_pixels() {
    // Why APP14 "Adobe" is kept: without it, a decoder reads YCCK as CMYK.
    let identify = require!("/usr/bin/identify");
    let Some(pairs) = strip_all("peers-adobe") else {
        return;
    };
    let (_, stripped) = pairs
        .iter()
        .find(|(o, _)| o.ends_with("jpeg-cmyk.jpg"))
        .unwrap();
    let bytes = fs::read(stripped).unwrap();
    let at = bytes
        .windows(2)
        .position(|w| w == [0xFF, 0xEE])
        .expect("APP14 kept");
    let len = u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]) as usize;
    assert_eq!(&bytes[at + 4..at + 9], b"Adobe");
    let mut without = bytes[..at].to_vec();
    without.extend(&bytes[at + 2 + len..]);
    let p = stripped.with_extension("no-adobe.jpg");
    fs::write(&p, without).unwrap();
    assert_ne!(
        pixel_signatures(&identify, stripped),
        pixel_signatures(&identify, &p)
    );
}

#[test]
fn digest_survives_strip_and_strip_is_idempotent() {
    let Some(pairs) = strip_all("peers-digest") else {
        return;
    };
    for (original, stripped) in pairs {
        let d1 = ok(darkroom().arg("digest").arg(&original));
        let d2 = ok(darkroom().arg("digest").arg(&stripped));
        assert_eq!(d1, d2, "{}", original.display());
        let again = stripped.with_extension("again");
        // The name keeps the extension check meaningful.
        let again = again.with_file_name(format!(
            "again-{}",
            stripped.file_name().unwrap().to_string_lossy()
        ));
        ok(darkroom().arg("strip").arg(&stripped).arg("-o").arg(&again));
        assert_eq!(fs::read(&again).unwrap(), fs::read(&stripped).unwrap());
    }
}

#[test]
fn digest_tells_encodings_apart() {
    let Some(dir) = corpus() else { return };
    // Same picture, different encodings: different image data, different h.
    let mut seen = std::collections::HashSet::new();
    for f in [
        "jpeg-baseline.jpg",
        "jpeg-progressive.jpg",
        "jpeg-restart.jpg",
        "png-plain.png",
        "webp-lossy-plain.webp",
    ] {
        assert!(
            seen.insert(ok(darkroom().arg("digest").arg(dir.join(f)))),
            "{f}"
        );
    }
    // And a file with metadata added has the digest of the one without.
    assert_eq!(
        ok(darkroom()
            .arg("digest")
            .arg(dir.join("jpeg-progressive.jpg"))),
        ok(darkroom()
            .arg("digest")
            .arg(dir.join("jpeg-progressive-full.jpg")))
    );
}

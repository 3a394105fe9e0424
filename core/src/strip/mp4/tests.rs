//! MP4/MOV stripping on a real file: an iPhone-style MOV that ffmpeg made
//! with Apple's metadata keys and a timecode track, and exiftool gave XMP
//! (`fuzz/corpus/strip`, built by `tests/corpus/generate.sh`). Frames and
//! peers are checked in `tests/strip_peers.rs`.

use std::io::Cursor;

use super::super::bmff::write_box;
use super::super::inspect::contains;
use super::super::*;
use crate::digest::ContentDigest;

const MOV: &[u8] = include_bytes!("../../../../fuzz/corpus/strip/video-iphone-full.mov");
const FASTSTART: &[u8] = include_bytes!("../../../../fuzz/corpus/strip/video-faststart-full.mp4");

fn strip_mp4(input: &[u8]) -> Result<(Vec<u8>, StripReport), StripError> {
    let mut out = Vec::new();
    let report = strip(
        Cursor::new(input),
        Some("clip.mov"),
        Uncleanable::Refuse,
        &mut out,
    )?;
    Ok((out, report))
}

#[test]
fn mp4_keeps_the_media_and_drops_the_metadata() {
    for input in [MOV, FASTSTART] {
        let (out, report) = strip_mp4(input).unwrap();
        assert!(report.metadata_removed);
        for gone in [
            b"com.apple.quicktime".as_slice(),
            b"Jane Example",
            b"DemoCam",
            b"x:xmpmeta",
            b"udta",
        ] {
            assert!(
                !contains(&out, gone),
                "kept {:?}",
                String::from_utf8_lossy(gone)
            );
        }
        let (again, second) = strip_mp4(&out).unwrap();
        assert_eq!(again, out, "idempotent");
        assert!(second.findings.is_empty(), "{:?}", second.findings);
        let (d1, _) = ContentDigest::of(input, Some("a.mov")).unwrap();
        let (d2, _) = ContentDigest::of(&out[..], Some("a.mov")).unwrap();
        assert_eq!(d1, d2);
    }
    let (_, report) = strip_mp4(MOV).unwrap();
    let names: Vec<&str> = report.removed.iter().map(|r| r.name.as_str()).collect();
    assert!(
        names.contains(&"timed metadata or timecode track"),
        "{names:?}"
    );
    let summary = report.summary();
    for said in ["GPS position", "camera make", "timestamps"] {
        assert!(summary.contains(said), "{summary}");
    }
}

#[test]
fn mp4_truncations_are_refused_and_corruption_never_panics() {
    for cut in 1..MOV.len() {
        let err = strip_mp4(&MOV[..cut]).unwrap_err().to_string();
        assert!(
            err.contains("damaged") || err.contains("named like a MP4/MOV"),
            "cut at {cut}: {err}"
        );
    }
    for at in (0..MOV.len()).step_by(7) {
        let mut bad = MOV.to_vec();
        bad[at] ^= 0x5A;
        if let Err(e) = strip_mp4(&bad) {
            assert!(!e.to_string().contains('\n'));
        }
    }
}

#[test]
fn mp4_refuses_fragments_and_media_inside_dropped_boxes() {
    let mut fragmented = MOV.to_vec();
    write_box(&mut fragmented, b"moof", b"\0\0\0\0");
    let err = strip_mp4(&fragmented).unwrap_err().to_string();
    assert!(err.contains("fragmented"), "{err}");

    // FASTSTART has moov before mdat: renaming mdat makes its data lie in
    // a box that is dropped.
    let mut hidden = FASTSTART.to_vec();
    let at = hidden.windows(4).rposition(|w| w == b"mdat").unwrap();
    hidden[at..at + 4].copy_from_slice(b"junk");
    let err = strip_mp4(&hidden).unwrap_err().to_string();
    assert!(
        err.contains("media data lies inside a metadata box"),
        "{err}"
    );
}

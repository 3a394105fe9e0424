//! Coefficients read from real JPEGs code back to the same bytes.

use super::*;

/// Where the first `marker` segment of the main image starts (walking
/// segments, so an embedded thumbnail's markers are skipped).
fn segment(jpeg: &[u8], marker: u8) -> usize {
    let mut at = 2;
    loop {
        assert_eq!(jpeg[at], 0xFF);
        if jpeg[at + 1] == marker {
            return at;
        }
        let len = usize::from(jpeg[at + 2]) << 8 | usize::from(jpeg[at + 3]);
        at += 2 + len;
    }
}

/// The entropy-coded data of each scan in `jpeg`: from after its header
/// to the next marker that is not a restart.
fn scans(jpeg: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut at = 2;
    while at + 4 <= jpeg.len() {
        let m = jpeg[at + 1];
        if m == 0xD9 {
            break;
        }
        let len = usize::from(jpeg[at + 2]) << 8 | usize::from(jpeg[at + 3]);
        at += 2 + len;
        if m == 0xDA {
            let start = at;
            while !(jpeg[at] == 0xFF && jpeg[at + 1] != 0 && !(0xD0..=0xD7).contains(&jpeg[at + 1]))
            {
                at += 1;
            }
            out.push(&jpeg[start..at]);
        }
    }
    out
}

#[test]
fn the_demo_photo_codes_back_to_its_own_bytes() {
    let jpeg = include_bytes!("../../../assets/demo-photo.jpg");
    let c = decode(jpeg).unwrap();
    assert!(c.width > 0 && !c.components.is_empty());
    let originals = scans(jpeg);
    assert_eq!(originals.len(), c.scans.len());
    for (scan, original) in c.scans.iter().zip(originals) {
        assert_eq!(encode_scan(&c, scan).unwrap(), original);
    }
}

#[test]
fn one_changed_coefficient_changes_the_scan_and_reads_back() {
    let jpeg = include_bytes!("../../../assets/demo-photo.jpg");
    let mut c = decode(jpeg).unwrap();
    let before = encode_scan(&c, &c.scans[0]).unwrap();
    c.components[0].blocks[3][5] += 1;
    let after = encode_scan(&c, &c.scans[0]).unwrap();
    assert_ne!(before, after);
    // Splice the new scan in and read it again.
    let start = segment(jpeg, 0xDA);
    let len = usize::from(jpeg[start + 2]) << 8 | usize::from(jpeg[start + 3]);
    let mut edited = jpeg[..start + 2 + len].to_vec();
    edited.extend_from_slice(&after);
    edited.extend_from_slice(&[0xFF, 0xD9]);
    let again = decode(&edited).unwrap();
    assert!(again.components == c.components);
}

#[test]
fn damaged_and_unsupported_jpegs_are_refused_without_panicking() {
    let jpeg = include_bytes!("../../../assets/demo-photo.jpg");
    assert!(matches!(
        decode(&jpeg[..jpeg.len() / 2]),
        Err(crate::jpeg::JpegError::Invalid(..))
    ));
    assert!(matches!(
        decode(b"not a jpeg"),
        Err(crate::jpeg::JpegError::Invalid(..))
    ));
    let mut arithmetic = jpeg.to_vec();
    let sof = segment(jpeg, 0xC0);
    arithmetic[sof + 1] = 0xC9;
    assert!(matches!(
        decode(&arithmetic),
        Err(JpegError::Unsupported(_))
    ));
    // A sequential scan in a frame that says progressive.
    let mut mislabelled = jpeg.to_vec();
    mislabelled[sof + 1] = 0xC2;
    assert!(matches!(decode(&mislabelled), Err(JpegError::Invalid(_))));
    // Flipped bytes through the scan: an error or other coefficients,
    // never a panic.
    let start = segment(jpeg, 0xDA) + 20;
    for i in (start..jpeg.len() - 2).step_by(997) {
        let mut bad = jpeg.to_vec();
        bad[i] ^= 0x5A;
        let _ = decode(&bad);
    }
}

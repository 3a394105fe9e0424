//! JPEG coefficients (`darkroom_core::jpeg`) against libjpeg-turbo: files
//! cjpeg writes with every common sampling and with restart markers code
//! back to their own bytes, and jpegtran's lossless rewrites of them (other
//! Huffman tables, other restart intervals, progressive scans with
//! spectral selection and successive approximation: the same coefficients)
//! read as exactly the same coefficients.

use std::process::Command;

use darkroom_core::jpeg;

use crate::util::*;

#[test]
fn coefficients_agree_with_libjpeg_turbos_lossless_rewrites() {
    let djpeg = require!("djpeg");
    let cjpeg = require!("cjpeg");
    let jpegtran = require!("jpegtran");
    let dir = scratch("coefficients");
    let ppm = dir.join("photo.ppm");
    let photo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo-photo.jpg");
    let out = run(Command::new(&djpeg).arg("-outfile").arg(&ppm).arg(&photo));
    assert!(out.status.success());
    let mut checked = 0;
    for (name, args) in [
        ("444", &["-sample", "1x1"][..]),
        ("422", &["-sample", "2x1"][..]),
        ("420", &["-sample", "2x2"][..]),
        ("grey", &["-grayscale"][..]),
        ("restart", &["-restart", "1"][..]),
        ("restart-blocks", &["-restart", "7B", "-sample", "2x2"][..]),
    ] {
        let file = dir.join(format!("{name}.jpg"));
        let out = run(Command::new(&cjpeg)
            .args(["-quality", "85"])
            .args(args)
            .arg("-outfile")
            .arg(&file)
            .arg(&ppm));
        assert!(out.status.success(), "{name}");
        let bytes = std::fs::read(&file).unwrap();
        let ours = jpeg::decode(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        // Coded back to the very bytes cjpeg wrote.
        let sos = bytes.windows(2).rposition(|w| w == [0xFF, 0xDA]).unwrap();
        let len = usize::from(bytes[sos + 2]) << 8 | usize::from(bytes[sos + 3]);
        let data = &bytes[sos + 2 + len..bytes.len() - 2];
        assert!(
            jpeg::encode_scan(&ours, &ours.scans[0]).unwrap() == data,
            "{name}: the scan does not code back to the same bytes"
        );
        // libjpeg-turbo rewrites it losslessly: optimal Huffman tables, and
        // other restart intervals. The coefficients stay; ours must read
        // them the same from every version.
        for (how, extra) in [
            ("optimized", &["-optimize"][..]),
            ("restart-2", &["-restart", "2"][..]),
            ("no-restart", &["-restart", "0", "-optimize"][..]),
            ("progressive", &["-progressive"][..]),
            (
                "progressive-restart",
                &["-progressive", "-restart", "3"][..],
            ),
        ] {
            let rewritten = dir.join(format!("{name}-{how}.jpg"));
            let out = run(Command::new(&jpegtran)
                .args(["-copy", "none"])
                .args(extra)
                .arg("-outfile")
                .arg(&rewritten)
                .arg(&file));
            assert!(out.status.success(), "{name} {how}");
            let theirs = jpeg::decode(&std::fs::read(&rewritten).unwrap())
                .unwrap_or_else(|e| panic!("{name} {how}: {e}"));
            assert!(
                theirs.components == ours.components,
                "{name} {how}: other coefficients"
            );
            assert_eq!((theirs.width, theirs.height), (ours.width, ours.height));
            checked += 1;
        }
    }
    assert_eq!(checked, 30);
}

/// The entropy-coded data after the last scan header.
fn last_scan(bytes: &[u8]) -> &[u8] {
    let sos = bytes.windows(2).rposition(|w| w == [0xFF, 0xDA]).unwrap();
    let len = usize::from(bytes[sos + 2]) << 8 | usize::from(bytes[sos + 3]);
    &bytes[sos + 2 + len..bytes.len() - 2]
}

#[test]
fn written_files_match_jpegtrans_optimal_tables_and_decode_to_the_same_pixels() {
    let djpeg = require!("djpeg");
    let cjpeg = require!("cjpeg");
    let jpegtran = require!("jpegtran");
    let dir = scratch("coefficients-write");
    let ppm = dir.join("photo.ppm");
    let photo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo-photo.jpg");
    assert!(
        run(Command::new(&djpeg).arg("-outfile").arg(&ppm).arg(&photo))
            .status
            .success()
    );
    let pixels = |file: &std::path::Path| {
        let out = run(Command::new(&djpeg).arg(file));
        assert!(
            out.status.success(),
            "djpeg cannot decode {}",
            file.display()
        );
        out.stdout
    };
    for (name, args) in [
        ("444", &["-sample", "1x1"][..]),
        ("422", &["-sample", "2x1"][..]),
        ("420", &["-sample", "2x2", "-restart", "2"][..]),
        ("grey", &["-grayscale"][..]),
        ("progressive", &["-sample", "2x2", "-progressive"][..]),
    ] {
        let file = dir.join(format!("{name}.jpg"));
        assert!(run(Command::new(&cjpeg)
            .args(["-quality", "90"])
            .args(args)
            .arg("-outfile")
            .arg(&file)
            .arg(&ppm))
        .status
        .success());
        let original = std::fs::read(&file).unwrap();
        let coefficients = jpeg::decode(&original).unwrap();
        let ours = jpeg::write(&coefficients).unwrap();
        let mine = dir.join(format!("{name}-ours.jpg"));
        std::fs::write(&mine, &ours).unwrap();
        // libjpeg-turbo reads it as the very same image.
        assert!(
            pixels(&mine) == pixels(&file),
            "{name}: djpeg decodes other pixels"
        );
        let back = jpeg::decode(&ours).unwrap();
        assert!(back
            .components
            .iter()
            .zip(&coefficients.components)
            .all(|(a, b)| a.blocks == b.blocks
                && (a.blocks_wide, a.blocks_high) == (b.blocks_wide, b.blocks_high)));
        if name == "progressive" {
            assert!(!back.progressive && coefficients.progressive);
            continue;
        }
        // jpegtran -optimize builds its Huffman tables from the same
        // counts by the same rule: the same tables and the same bits.
        let theirs = dir.join(format!("{name}-jpegtran.jpg"));
        assert!(run(Command::new(&jpegtran)
            .args(["-copy", "none", "-optimize", "-restart", "0", "-outfile"])
            .arg(&theirs)
            .arg(&file))
        .status
        .success());
        let theirs = std::fs::read(&theirs).unwrap();
        let t = jpeg::decode(&theirs).unwrap();
        assert_eq!(back.dc_tables, t.dc_tables, "{name}: DC tables");
        assert_eq!(back.ac_tables, t.ac_tables, "{name}: AC tables");
        assert!(
            last_scan(&ours) == last_scan(&theirs),
            "{name}: other entropy-coded data than jpegtran's"
        );
    }
}

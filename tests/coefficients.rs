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

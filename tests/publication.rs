//! Publishable provenance end to end with the CLI: a 12-megapixel photo
//! from a real phone (an iPhone 13 Pro's HEIC, made a JPEG by libheif and
//! libjpeg) is signed by a capture device (attestation v2), submitted with
//! a proof to a real drop box (`darkroom submit`), exported and opened
//! offline, published with two redactions and a crop, and verified. Peers: libjpeg-turbo decodes the published image, and its
//! visible pixels equal the original's (ImageMagick `compare -metric AE`
//! = 0); ImageMagick's edit-and-save, one changed coefficient and a
//! drawn-over hidden area all fail, while jpegtran's lossless rewrite
//! still verifies.

use std::path::{Path, PathBuf};
use std::process::Command;

use darkroom_core::jpeg;

use crate::provenance::T;
use crate::server_live::{config, serve, submit_proved};
use crate::server_util::*;
use crate::util::*;

/// `darkroom publish`, from what `newsroom open` wrote.
fn publish(photo: &Path, out: &Path, extra: &[&str]) -> Command {
    let mut c = darkroom();
    c.arg("publish")
        .arg(photo)
        .args(extra)
        .arg("-o")
        .arg(out)
        .arg("--proof")
        .arg(with_ext(out, "proof.json"));
    c
}

fn with_ext(p: &Path, ext: &str) -> PathBuf {
    p.with_extension(ext)
}

/// `darkroom verify` of a publication bundle, trusting the test
/// newsroom's registry.
fn verify_published(image: &Path) -> Command {
    let n = newsroom();
    let mut c = darkroom();
    c.arg("verify")
        .arg(with_ext(image, "proof.json"))
        .arg("--image")
        .arg(image)
        .arg("--keys")
        .arg(&n.keys)
        .arg("--insecure-dev-keys")
        .arg("--registry")
        .arg(&n.registry);
    c
}

fn with_suffix(p: &Path, suffix: &str) -> PathBuf {
    let mut s = p.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// The pixels libjpeg-turbo decodes, with box upsampling of the colour
/// (`-nosmooth`): each pixel then depends on its own MCU only. (The
/// default "fancy" upsampling blends colour across MCU edges, so pixels
/// at a crop or redaction edge would show their old neighbours' colour.)
fn decode(djpeg: &Path, jpeg: &Path, ppm: &Path) {
    let out = run(Command::new(djpeg)
        .args(["-nosmooth", "-outfile"])
        .arg(ppm)
        .arg(jpeg));
    assert!(
        out.status.success(),
        "djpeg cannot decode {}: {}",
        jpeg.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// ImageMagick's count of differing pixels.
fn differing(compare: &Path, a: &Path, b: &Path) -> u64 {
    let out = run(Command::new(compare)
        .args(["-metric", "AE"])
        .arg(a)
        .arg(b)
        .arg("null:"));
    let said = String::from_utf8_lossy(&out.stderr);
    said.split_whitespace()
        .next()
        .and_then(|n| n.parse::<f64>().ok())
        .unwrap_or_else(|| panic!("compare said {said:?}")) as u64
}

/// Grey rectangles drawn over `rects` (x, y, w, h), for both sides of a
/// comparison.
fn masked(
    convert: &Path,
    input: &Path,
    crop: Option<(usize, usize, usize, usize)>,
    rects: &[(usize, usize, usize, usize)],
    out: &Path,
) {
    let mut c = Command::new(convert);
    c.arg(input);
    if let Some((x, y, w, h)) = crop {
        c.args(["-crop", &format!("{w}x{h}+{x}+{y}"), "+repage"]);
    }
    c.args(["-fill", "gray50"]);
    for (x, y, w, h) in rects {
        c.args([
            "-draw",
            &format!("rectangle {x},{y} {},{}", x + w - 1, y + h - 1),
        ]);
    }
    let o = run(c.arg(out));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// The crop and the two redactions both publications below use.
const CROP_AND_REDACTIONS: [&str; 6] = [
    "--crop",
    "500,300,3000,2500",
    "--redact",
    "1000,1000,300,300",
    "--redact",
    "2600,2000,700,64",
];

/// `image`, checked against `public`'s bundle (copied beside it), fails
/// with `why`.
fn rejected(public: &Path, image: &Path, why: &str) {
    std::fs::copy(
        with_ext(public, "proof.json"),
        with_ext(image, "proof.json"),
    )
    .unwrap();
    does_not_hold(&mut verify_published(image), why);
}

#[test]
fn a_phone_photo_is_signed_submitted_opened_published_and_verified() {
    let Some(samples) = device_samples() else {
        return;
    };
    let heif = require!("heif-convert");
    let djpeg = require!("djpeg");
    let jpegtran = require!("jpegtran");
    let convert = require!("convert");
    let compare = require!("compare");
    let n = newsroom();
    let dir = &scratch("publication");

    // A 12-megapixel JPEG of a real phone photo.
    let photo = dir.join("pug.jpg");
    let out = run(Command::new(&heif)
        .args(["-q", "90"])
        .arg(samples.join("pug.heic"))
        .arg(&photo));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let c = jpeg::decode(&std::fs::read(&photo).unwrap()).unwrap();
    assert_eq!((c.width, c.height), (4032, 3024));

    // Captured by the newsroom's registered device, submitted with a
    // proof to a real drop box, exported and opened offline.
    let signed = dir.join("signed.jpg");
    ok(capture_sign(&photo, &n.device_key, &signed).args(["--time", T]));
    let server = serve(dir, &config(dir, ""));
    let said = ok(&mut submit_proved(&server.url, &signed));
    assert!(said.contains("label: proof attached"), "{said}");
    drop(server);
    let (opened, report) = export_and_open(dir, &dir.join("data"), &n.identity);
    let original = opened.join(report["submissions"][0]["file"].as_str().unwrap());
    // Kept beside it: the opening with the tile seed, and the proof.
    assert!(with_suffix(&original, ".opening.json").exists());
    assert!(with_suffix(&original, ".proof.json").exists());

    // Publish: two redactions (a face-sized one and a strip) and a crop.
    let public = dir.join("public.jpg");
    let said = ok(&mut publish(&original, &public, &CROP_AND_REDACTIONS));
    assert!(
        said.contains(
            "the crop 500,300,3000,2500 snapped outward to the tile grid: 448,256,3072,2560"
        ),
        "{said}"
    );
    assert!(
        said.contains("redaction 1000,1000,300,300: hidden as 960,960,384,384"),
        "{said}"
    );
    assert!(
        said.contains("redaction 2600,2000,700,64: hidden as 2560,1984,768,128"),
        "{said}"
    );
    let total = 63 * 48;
    let hidden = 6 * 6 + 12 * 2;
    let shown = 48 * 40 - hidden;
    assert!(
        said.contains(&format!(
            "{shown} of {total} tiles shown; the rest hidden by the publisher"
        )),
        "{said}"
    );
    // The bundle is under 1% of the photo's size.
    let photo_len = std::fs::metadata(&original).unwrap().len();
    let bundle_len = std::fs::metadata(with_ext(&public, "proof.json"))
        .unwrap()
        .len();
    assert!(
        bundle_len * 100 <= photo_len,
        "the bundle is {bundle_len} bytes, over 1% of {photo_len}"
    );

    // Anyone verifies it, with the image and the registry they trust.
    let said = ok(&mut verify_published(&public));
    assert!(said.starts_with("VALID: "), "{said}");
    assert!(
        said.contains(&format!(
            "{shown} of {total} tiles shown; the rest hidden by the publisher"
        )),
        "{said}"
    );
    assert!(
        said.contains("from (448, 256), 3072×2560 pixels, with 60 tiles inside it blanked"),
        "{said}"
    );
    assert!(said.contains("2026-11-"), "{said}");

    // libjpeg-turbo decodes it, and every visible pixel is the original's.
    let (a, b) = (dir.join("original.ppm"), dir.join("public.ppm"));
    decode(&djpeg, &original, &a);
    decode(&djpeg, &public, &b);
    let holes = [
        (960 - 448, 960 - 256, 384, 384),
        (2560 - 448, 1984 - 256, 768, 128),
    ];
    let (ma, mb) = (
        dir.join("original-masked.ppm"),
        dir.join("public-masked.ppm"),
    );
    masked(&convert, &a, Some((448, 256, 3072, 2560)), &holes, &ma);
    masked(&convert, &b, None, &holes, &mb);
    assert_eq!(differing(&compare, &ma, &mb), 0);
    // The hidden areas are flat grey: nothing of the photo is left there.
    let hole = dir.join("hole.ppm");
    masked(
        &convert,
        &b,
        Some((960 - 448, 960 - 256, 384, 384)),
        &[],
        &hole,
    );
    let out = ok(Command::new(&convert).arg(&hole).args([
        "-format",
        "%[fx:minima.r*255],%[fx:maxima.r*255],%[fx:minima.g*255],%[fx:maxima.b*255]",
        "info:",
    ]));
    let values: Vec<f64> = out.trim().split(',').map(|v| v.parse().unwrap()).collect();
    assert!(values.iter().all(|v| (127.0..=129.0).contains(v)), "{out}");

    // A progressive original (jpegtran's lossless rewrite: the same
    // coefficients, so the same tile root and proof) publishes to the very
    // same image, and its decoded pixels agree as well.
    let progressive_original = dir.join("original-progressive.jpg");
    assert!(run(Command::new(&jpegtran)
        .args(["-progressive", "-copy", "none", "-outfile"])
        .arg(&progressive_original)
        .arg(&original))
    .status
    .success());
    assert!(
        jpeg::decode(&std::fs::read(&progressive_original).unwrap())
            .unwrap()
            .progressive
    );
    for suffix in [".opening.json", ".proof.json"] {
        std::fs::copy(
            with_suffix(&original, suffix),
            with_suffix(&progressive_original, suffix),
        )
        .unwrap();
    }
    let public2 = dir.join("public-from-progressive.jpg");
    ok(&mut publish(
        &progressive_original,
        &public2,
        &CROP_AND_REDACTIONS,
    ));
    assert!(std::fs::read(&public2).unwrap() == std::fs::read(&public).unwrap());
    let c = dir.join("original-progressive.ppm");
    decode(&djpeg, &progressive_original, &c);
    let mc = dir.join("original-progressive-masked.ppm");
    masked(&convert, &c, Some((448, 256, 3072, 2560)), &holes, &mc);
    assert_eq!(differing(&compare, &mc, &mb), 0);

    // A lossless rewrite (progressive, other tables) is the same image.
    let progressive = dir.join("progressive.jpg");
    assert!(run(Command::new(&jpegtran)
        .args(["-progressive", "-outfile"])
        .arg(&progressive)
        .arg(&public))
    .status
    .success());
    std::fs::copy(
        with_ext(&public, "proof.json"),
        with_ext(&progressive, "proof.json"),
    )
    .unwrap();
    assert!(ok(&mut verify_published(&progressive)).starts_with("VALID: "));

    // Edited in ImageMagick and saved: not the published image.
    let edited = dir.join("edited.jpg");
    assert!(run(Command::new(&convert)
        .arg(&public)
        .args(["-fill", "red", "-draw", "point 100,100", "-quality", "95"])
        .arg(&edited))
    .status
    .success());
    rejected(
        &public,
        &edited,
        "NOT an untouched part of the signed capture",
    );
    // One coefficient of a visible tile changed.
    let mut c = jpeg::decode(&std::fs::read(&public).unwrap()).unwrap();
    c.components[0].blocks[40][3] += 1;
    let one = dir.join("one.jpg");
    std::fs::write(&one, jpeg::write(&c).unwrap()).unwrap();
    rejected(&public, &one, "NOT an untouched part of the signed capture");
    // Something drawn back into a hidden area.
    let mut c = jpeg::decode(&std::fs::read(&public).unwrap()).unwrap();
    let y = &mut c.components[0];
    let at = (1000 - 256) / 8 * y.stride + (1000 - 448) / 8;
    y.blocks[at][0] = 50;
    let drawn = dir.join("drawn.jpg");
    std::fs::write(&drawn, jpeg::write(&c).unwrap()).unwrap();
    rejected(&public, &drawn, "is not blank in the image");
}

#[test]
fn publishing_refuses_bad_input_with_one_line_and_writes_nothing() {
    let n = newsroom();
    let dir = scratch("publication-refusals");
    let (opening, bundle) = (dir.join("opening.json"), dir.join("proof.json"));
    std::fs::write(&opening, &n.opening).unwrap();
    std::fs::write(&bundle, &n.proof_only).unwrap();
    let out = dir.join("public.jpg");
    let attempt = |photo: &Path, extra: &[String]| {
        let mut c = darkroom();
        c.arg("publish")
            .arg(photo)
            .args(extra)
            .arg("-o")
            .arg(&out)
            .arg("--proof")
            .arg(dir.join("public.proof.json"));
        c
    };
    let with = |extra: &[&str]| {
        let mut v = vec![
            "--opening",
            opening.to_str().unwrap(),
            "--bundle",
            bundle.to_str().unwrap(),
        ];
        v.extend_from_slice(extra);
        v.into_iter().map(String::from).collect::<Vec<_>>()
    };
    for (extra, why) in [
        (with(&["--crop", "1,2,3"]), "is not a rectangle"),
        (with(&["--redact", "0,0,0,10"]), "is not a rectangle"),
        (with(&["--crop", "400,0,10,10"]), "lies outside"),
        (with(&["--redact", "0,0,320,240"]), "nothing would be shown"),
        (vec![], "is missing"),
    ] {
        fails(&mut attempt(&n.signed_photo, &extra), why);
        assert!(!out.exists(), "{why}: something was written");
    }
    // Another photo than the proof's, or a damaged one (a byte in the
    // middle of its scan).
    let other = dir.join("other.jpg");
    let mut bytes = std::fs::read(&n.signed_photo).unwrap();
    let at = bytes.len() / 2;
    bytes[at] ^= 0x40;
    std::fs::write(&other, &bytes).unwrap();
    let said = run(&mut attempt(&other, &with(&[])));
    assert!(!said.status.success());
    assert_eq!(String::from_utf8_lossy(&said.stderr).lines().count(), 1);
    assert!(!out.exists());
    // The same photo with one coefficient changed. (The unsigned original,
    // or any lossless rewrite, is the same image and publishes.)
    let mut c = jpeg::decode(&std::fs::read(&n.signed_photo).unwrap()).unwrap();
    c.components[1].blocks[7][0] += 1;
    std::fs::write(&other, jpeg::write(&c).unwrap()).unwrap();
    fails(&mut attempt(&other, &with(&[])), "commitment differs");
    assert!(!out.exists());
}

/// `jpeg` with a segment (`marker`, `body`) put in after its first
/// `after` bytes.
fn insert_segment(jpeg: &[u8], after: usize, marker: u8, body: &[u8]) -> Vec<u8> {
    let mut out = jpeg[..after].to_vec();
    out.extend_from_slice(&[0xFF, marker]);
    out.extend_from_slice(&((body.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(body);
    out.extend_from_slice(&jpeg[after..]);
    out
}

/// Where the segment with `marker` starts (its 0xFF), before any scan.
fn segment_at(jpeg: &[u8], marker: u8) -> usize {
    let mut at = 2;
    while jpeg[at + 1] != marker {
        at += 2 + usize::from(u16::from_be_bytes([jpeg[at + 2], jpeg[at + 3]]));
    }
    at
}

/// The red-team's forgeries of a VALID publication: each keeps every
/// coefficient (so `T` and the proof still hold) and changes what a
/// decoder draws, or carries more than the image. Each is refused with a
/// sentence naming what was added; the lossless rewrites that change only
/// the entropy coding still verify. djpeg shows that the quantization-table
/// forgery really draws something else.
#[test]
fn a_valid_publication_cannot_be_made_to_show_something_else() {
    let exiftool = require!("exiftool");
    let jpegtran = require!("jpegtran");
    let djpeg = require!("djpeg");
    let compare = require!("compare");
    let n = newsroom();
    let dir = scratch("publication-forgeries");
    let (opening, bundle) = (dir.join("opening.json"), dir.join("proof.json"));
    std::fs::write(&opening, &n.opening).unwrap();
    std::fs::write(&bundle, &n.proof_only).unwrap();
    let public = dir.join("public.jpg");
    ok(darkroom()
        .arg("publish")
        .arg(&n.signed_photo)
        .arg("--opening")
        .arg(&opening)
        .arg("--bundle")
        .arg(&bundle)
        .args(["--redact", "64,64,64,64", "-o"])
        .arg(&public)
        .arg("--proof")
        .arg(with_ext(&public, "proof.json")));
    assert!(ok(&mut verify_published(&public)).starts_with("VALID: "));
    let bytes = std::fs::read(&public).unwrap();
    let after_jfif = 2 + 18;
    let forged = |name: &str, content: Vec<u8>| {
        let p = dir.join(name);
        std::fs::write(&p, content).unwrap();
        p
    };
    let tool = |c: &mut Command| assert!(run(c).status.success(), "{c:?}");

    // A second quantization table before the scan, the capture's after
    // it: the codec kept the last (T hashes it), libjpeg draws with the
    // first.
    let dqt = segment_at(&bytes, 0xDB);
    let dqt_len = 2 + usize::from(u16::from_be_bytes([bytes[dqt + 2], bytes[dqt + 3]]));
    let real = bytes[dqt..dqt + dqt_len].to_vec();
    let mut fake = real.clone();
    for q in &mut fake[5..5 + 64] {
        *q = q.saturating_mul(2);
    }
    let mut swapped = bytes[..dqt].to_vec();
    swapped.extend_from_slice(&fake);
    swapped.extend_from_slice(&bytes[dqt + dqt_len..bytes.len() - 2]);
    swapped.extend_from_slice(&real);
    swapped.extend_from_slice(&[0xFF, 0xD9]);
    let two_tables = forged("two-tables.jpg", swapped);
    let (a, b) = (dir.join("public.ppm"), dir.join("two-tables.ppm"));
    decode(&djpeg, &public, &a);
    decode(&djpeg, &two_tables, &b);
    assert!(
        differing(&compare, &a, &b) > 1000,
        "the forgery draws another image"
    );

    // EXIF orientation (exiftool), a colour profile (exiftool, with
    // Ghostscript's sRGB profile), a comment (exiftool).
    let rotated = dir.join("rotated.jpg");
    tool(
        Command::new(&exiftool)
            .args(["-q", "-n", "-Orientation=3", "-o"])
            .arg(&rotated)
            .arg(&public),
    );
    let profiled = dir.join("profiled.jpg");
    tool(
        Command::new(&exiftool)
            .args([
                "-q",
                "-icc_profile<=/usr/share/color/icc/ghostscript/srgb.icc",
                "-o",
            ])
            .arg(&profiled)
            .arg(&public),
    );
    let commented = dir.join("commented.jpg");
    tool(
        Command::new(&exiftool)
            .args(["-q", "-Comment=the unredacted face is at 64,64", "-o"])
            .arg(&commented)
            .arg(&public),
    );
    // The JFIF header swapped for an Adobe marker (decoders then read
    // the components as RGB); the unredacted original appended.
    let without_jfif = [&bytes[..2], &bytes[after_jfif..]].concat();
    let adobe = forged(
        "adobe.jpg",
        insert_segment(&without_jfif, 2, 0xEE, b"Adobe\0\x64\0\0\0\0\0"),
    );
    let appended = forged(
        "appended.jpg",
        [bytes.clone(), std::fs::read(&n.signed_photo).unwrap()].concat(),
    );
    let cases: [(&Path, &str); 6] = [
        (
            &two_tables,
            "a quantization table defined after the first scan",
        ),
        (&rotated, "EXIF metadata"),
        (&profiled, "a colour profile (ICC)"),
        (&commented, "a comment"),
        (&adobe, "an Adobe marker"),
        (&appended, "bytes after the end of the image"),
    ];
    for (image, why) in cases {
        // Each still holds every coefficient: only what surrounds them
        // changed.
        let c = jpeg::decode(&std::fs::read(image).unwrap()).unwrap();
        assert!(
            c.components == jpeg::decode(&bytes).unwrap().components,
            "{why}"
        );
        std::fs::copy(
            with_ext(&public, "proof.json"),
            with_ext(image, "proof.json"),
        )
        .unwrap();
        let err = does_not_hold(&mut verify_published(image), why);
        assert!(err.contains("NOT exactly what was verified"), "{err}");
    }

    // Lossless rewrites of the entropy coding alone still verify.
    for (name, args) in [
        ("optimized.jpg", vec!["-optimize", "-copy", "none"]),
        ("progressive.jpg", vec!["-progressive", "-copy", "none"]),
        ("restarts.jpg", vec!["-restart", "1", "-copy", "none"]),
    ] {
        let out = dir.join(name);
        tool(
            Command::new(&jpegtran)
                .args(&args)
                .arg("-outfile")
                .arg(&out)
                .arg(&public),
        );
        std::fs::copy(
            with_ext(&public, "proof.json"),
            with_ext(&out, "proof.json"),
        )
        .unwrap();
        assert!(
            ok(&mut verify_published(&out)).starts_with("VALID: "),
            "{name}"
        );
    }
}

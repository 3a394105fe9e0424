//! Content Credentials (C2PA) made by the Content Authenticity
//! Initiative's own SDK (`c2pa-python`), with a test CA made here by
//! `openssl`: `darkroom strip` names the manifest store and what it
//! reveals, without its values, and removes all of it (the SDK and
//! `exiftool` find nothing left); kept for the newsroom instead, they
//! open valid offline in JPEG, PNG, HEIC and MP4.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::*;

/// In the signing certificate's subject: it must not reach the report.
pub(crate) const CANARY: &str = "CANARY-CAMERA-SERIAL-7731";

/// The SDK's script, or `None` (outside CI) when the package is missing.
pub(crate) fn sdk() -> Option<PathBuf> {
    let python = tool("python3")?;
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/py/c2pa_sign.py");
    let has = run(Command::new(&python).args(["-c", "import c2pa"]))
        .status
        .success();
    if !has {
        skip("the c2pa-python package is not installed; run scripts/install-test-deps");
        return None;
    }
    Some(script)
}

/// `original` (a JPEG) signed with Content Credentials by the test CA in
/// `dir` (made on first use; its root is `dir/ca.pem`), written to `out`;
/// `None` outside CI when the SDK is missing.
pub(crate) fn signed_jpeg(dir: &Path, original: &Path, out: &Path) -> Option<()> {
    let script = sdk()?;
    let (chain, key) = test_ca(dir);
    ok(Command::new("python3")
        .arg(&script)
        .arg(original)
        .arg(out)
        .arg("image/jpeg")
        .arg(&chain)
        .arg(&key));
    Some(())
}

/// As [`signed_jpeg`], by a certificate of the same CA that was valid
/// only in January 2024: signed on 15 January 2024 (under `faketime`, as
/// the SDK refuses to sign with a certificate not valid now), so it is
/// expired when it is checked.
pub(crate) fn expired_signed_jpeg(dir: &Path, original: &Path, out: &Path) -> Option<()> {
    let script = sdk()?;
    let faketime = tool("faketime")?;
    test_ca(dir);
    let o = |args: &[&str]| {
        ok(Command::new("openssl").current_dir(dir).args(args));
    };
    fs::write(dir.join("index.txt"), "").unwrap();
    fs::write(dir.join("serial"), "1000\n").unwrap();
    fs::write(
        dir.join("ca.cnf"),
        "[ca]\ndefault_ca=test\n[test]\ndatabase=index.txt\nserial=serial\nnew_certs_dir=.\n\
         default_md=sha256\npolicy=any\n[any]\ncommonName=supplied\norganizationName=optional\n",
    )
    .unwrap();
    o(&[
        "ca",
        "-batch",
        "-config",
        "ca.cnf",
        "-cert",
        "ca.pem",
        "-keyfile",
        "ca.key",
        "-in",
        "leaf.csr",
        "-out",
        "expired.pem",
        "-startdate",
        "20240101000000Z",
        "-enddate",
        "20240201000000Z",
        "-extfile",
        "ext.cnf",
        "-extensions",
        "leaf",
        "-notext",
    ]);
    let chain = chain_to_test_ca(dir, "expired.pem", "expired-chain.pem");
    ok(Command::new(faketime)
        .arg("2024-01-15 12:00:00")
        .arg("python3")
        .arg(&script)
        .arg(original)
        .arg(out)
        .arg("image/jpeg")
        .arg(&chain)
        .arg(dir.join("leaf.pk8")));
    Some(())
}

/// A P-256 root CA (`ca.pem`) and a signing certificate under it (ES256),
/// as C2PA wants them, made in `dir` once: (chain PEM, PKCS#8 key).
fn test_ca(dir: &Path) -> (PathBuf, PathBuf) {
    let chain = dir.join("chain.pem");
    if chain.exists() {
        return (chain, dir.join("leaf.pk8"));
    }
    let openssl = tool("openssl").expect("openssl");
    let ext = dir.join("ext.cnf");
    fs::write(
        &ext,
        "[ca]\nbasicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n\
         [leaf]\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=emailProtection\n\
         subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n",
    )
    .unwrap();
    let o = |args: &[&str]| {
        ok(Command::new(&openssl).current_dir(dir).args(args));
    };
    let p256_key = |name: &str| {
        o(&[
            "ecparam",
            "-name",
            "prime256v1",
            "-genkey",
            "-noout",
            "-out",
            name,
        ])
    };
    p256_key("ca.key");
    o(&[
        "req",
        "-x509",
        "-new",
        "-key",
        "ca.key",
        "-sha256",
        "-days",
        "30",
        "-subj",
        "/CN=Darkroom Test Root CA",
        "-config",
        "ext.cnf",
        "-extensions",
        "ca",
        "-out",
        "ca.pem",
    ]);
    p256_key("leaf.key");
    o(&[
        "pkcs8", "-topk8", "-nocrypt", "-in", "leaf.key", "-out", "leaf.pk8",
    ]);
    o(&[
        "req",
        "-new",
        "-key",
        "leaf.key",
        "-subj",
        &format!("/CN={CANARY}/O=Test Camera Maker"),
        "-config",
        "ext.cnf",
        "-out",
        "leaf.csr",
    ]);
    o(&[
        "x509",
        "-req",
        "-in",
        "leaf.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "30",
        "-sha256",
        "-extfile",
        "ext.cnf",
        "-extensions",
        "leaf",
        "-out",
        "leaf.pem",
    ]);
    let chain = chain_to_test_ca(dir, "leaf.pem", "chain.pem");
    (chain, dir.join("leaf.pk8"))
}

/// Writes `leaf` followed by the test CA's certificate to `name` in `dir`:
/// the chain a signer hands the SDK.
fn chain_to_test_ca(dir: &Path, leaf: &str, name: &str) -> PathBuf {
    let chain = dir.join(name);
    let mut pem = fs::read(dir.join(leaf)).unwrap();
    pem.extend(fs::read(dir.join("ca.pem")).unwrap());
    fs::write(&chain, pem).unwrap();
    chain
}

#[test]
fn content_credentials_are_named_without_values_and_removed() {
    let Some(script) = sdk() else { return };
    let exiftool = require!("exiftool");
    let convert = require!("convert");
    let dir = scratch("c2pa-strip");
    let (chain, key) = test_ca(&dir);
    let jpeg = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo-photo.jpg");
    let png = dir.join("photo.png");
    ok(Command::new(&convert)
        .arg(&jpeg)
        .args(["-resize", "320x240"])
        .arg(&png));
    let heic = dir.join("photo.heic");
    ok(Command::new(require!("heif-enc"))
        .args(["-q", "50", "-o"])
        .arg(&heic)
        .arg(&png));
    let mp4 = dir.join("clip.mp4");
    ok(Command::new(require!("ffmpeg"))
        .args(["-loglevel", "error", "-y", "-f", "lavfi", "-i"])
        .args([
            "testsrc=duration=1:size=160x120:rate=10",
            "-pix_fmt",
            "yuv420p",
        ])
        .arg(&mp4));
    let (identity, recipient) = our_keygen(&dir, "newsroom.key");
    let uuid_box = "C2PA Content Credentials (box 'uuid')";
    // Debian's exiftool reads JUMBF in JPEG and PNG only.
    for (original, mime, ext, removed_as, exiftool_reads) in [
        (
            jpeg,
            "image/jpeg",
            "jpg",
            "APP11 C2PA Content Credentials",
            true,
        ),
        (
            png,
            "image/png",
            "png",
            "caBX C2PA Content Credentials",
            true,
        ),
        (heic, "image/heic", "heic", uuid_box, false),
        (mp4, "video/mp4", "mp4", uuid_box, false),
    ] {
        let signed = dir.join(format!("signed.{ext}"));
        ok(Command::new("python3")
            .arg(&script)
            .arg(&original)
            .arg(&signed)
            .args([mime])
            .arg(&chain)
            .arg(&key));
        // The SDK reads back what it signed (valid; its root is not one it
        // trusts), and exiftool sees a C2PA store.
        let state = ok(Command::new("python3")
            .arg(&script)
            .args(["--read"])
            .arg(&signed)
            .arg(mime));
        assert_eq!(state.trim(), "Valid", "{ext}");
        if exiftool_reads {
            let tags = ok(Command::new(&exiftool)
                .args(["-a", "-G1", "-JUMBF:all"])
                .arg(&signed));
            assert!(tags.contains("c2pa.actions"), "{ext}: {tags}");
        }

        let out = dir.join(format!("clean.{ext}"));
        let report_path = dir.join(format!("report-{ext}.json"));
        let said = ok(darkroom()
            .arg("strip")
            .arg(&signed)
            .arg("-o")
            .arg(&out)
            .arg("--report-json")
            .arg(&report_path));
        assert!(said.contains("Content Credentials (C2PA)"), "{ext}: {said}");
        let text = fs::read_to_string(&report_path).unwrap();
        assert!(!text.contains(CANARY), "{ext}: a value reached the report");
        let report: serde_json::Value = serde_json::from_str(&text).unwrap();
        let removed = report_list(&report, "removed", "name");
        assert!(removed.contains(&removed_as), "{ext}: {removed:?}");
        let findings = report_list(&report, "findings", "field");
        for f in [
            "C2PA signing certificate",
            "C2PA claim generator",
            "C2PA edit actions",
        ] {
            assert!(findings.contains(&f), "{ext}: {f} not in {findings:?}");
        }

        // Nothing of it is left: no bytes of the store or the certificate,
        // and neither the SDK nor exiftool finds a manifest.
        let clean = fs::read(&out).unwrap();
        for needle in [&b"jumb"[..], b"c2pa", CANARY.as_bytes()] {
            assert!(
                clean.windows(needle.len()).all(|w| w != needle),
                "{ext}: {:?} left",
                String::from_utf8_lossy(needle)
            );
        }
        let o = run(Command::new("python3")
            .arg(&script)
            .args(["--read"])
            .arg(&out)
            .arg(mime));
        assert_eq!(
            o.status.code(),
            Some(2),
            "{ext}: {}",
            String::from_utf8_lossy(&o.stdout)
        );
        let tags = ok(Command::new(&exiftool)
            .args(["-a", "-G1", "-JUMBF:all"])
            .arg(&out));
        assert!(tags.trim().is_empty(), "{ext}: {tags}");

        // Kept for the newsroom instead, they check out offline in every
        // container (tests/c2pa_kept.rs tampers with them).
        let env = dir.join(format!("kept-{ext}.age"));
        ok(seal(&signed, &recipient, &env).arg("--keep-credentials"));
        let said = ok(
            newsroom_open(&env, &identity, dir.join(format!("opened-{ext}")))
                .arg("--c2pa-trust")
                .arg(dir.join("ca.pem")),
        );
        assert!(
            said.contains(&format!(
                "Content Credentials: valid, signed by CN={CANARY}"
            )),
            "{ext}: {said}"
        );
    }
}

//! Content Credentials kept for the newsroom (`--keep-credentials`):
//! photos signed by the c2pa-python SDK with a test CA, sealed with their
//! original, checked offline by `newsroom open --c2pa-trust` with the
//! `c2pa` crate; every tampered variant is flagged, and without the option
//! nothing of the manifest is in the envelope (typage decrypts it to see).

use std::fs;
use std::path::{Path, PathBuf};

use crate::age_peer::age_decrypt;
use crate::c2pa_peer::{expired_signed_jpeg, signed_jpeg, CANARY};
use crate::server_live::{assert_no_trace, config, contains, serve, submit};
use crate::server_util::*;
use crate::util::*;

fn demo_photo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo-photo.jpg")
}

/// A scratch folder `name` with the demo photo signed by its test CA in
/// it: (folder, `signed.jpg`); `None` outside CI without the SDK.
fn signed_photo(name: &str) -> Option<(PathBuf, PathBuf)> {
    let dir = scratch(name);
    let signed = dir.join("signed.jpg");
    signed_jpeg(&dir, &demo_photo(), &signed)?;
    Some((dir, signed))
}

/// The envelope's plaintext, as typage decrypts it.
fn plaintext(env: &Path, identity: &Path) -> Vec<u8> {
    age_decrypt(Path::new("age"), identity, env)
}

/// `bytes` with one bit of its first entropy-coded scan changed: the
/// picture, not the manifest store.
fn pixel_changed(bytes: &[u8]) -> Vec<u8> {
    let mut at = 2;
    while bytes[at + 1] != 0xDA {
        at += 2 + usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
    }
    let scan = at + 2 + usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
    let mut out = bytes.to_vec();
    out[scan + 100] ^= 0x01;
    out
}

/// `bytes` with the last byte of the claim signature changed: the COSE
/// signature ends the `cbor` box of the `c2pa.signature` superbox.
fn signature_changed(bytes: &[u8]) -> Vec<u8> {
    let find = |from: usize, what: &[u8]| {
        from + bytes[from..]
            .windows(what.len())
            .position(|w| w == what)
            .unwrap()
    };
    let label = find(0, b"c2pa.signature\0");
    let cbor = find(label, b"cbor");
    let size = u32::from_be_bytes(bytes[cbor - 4..cbor].try_into().unwrap()) as usize;
    let mut out = bytes.to_vec();
    out[cbor - 4 + size - 1] ^= 0x01;
    out
}

/// `bytes` with 16 bytes in the middle of the claim's CBOR zeroed: a
/// manifest store that no longer parses as C2PA.
fn claim_broken(bytes: &[u8]) -> Vec<u8> {
    let label = bytes
        .windows(14)
        .position(|w| w == b"c2pa.claim.v2\0")
        .unwrap();
    let mut out = bytes.to_vec();
    out[label + 60..label + 76].fill(0);
    out
}

/// Exports `dir/data` and opens it offline with `dir`'s test CA as the
/// trust list: (stdout, output folder).
pub(crate) fn open_export_trusting_the_test_ca(dir: &Path) -> (String, PathBuf) {
    let export = dir.join("export.tar");
    ok(&mut admin_export(&dir.join("data"), &export));
    let opened = dir.join("opened");
    let said = ok(newsroom_open(&export, &newsroom().identity, &opened)
        .arg("--c2pa-trust")
        .arg(dir.join("ca.pem")));
    (said, opened)
}

/// Seals `photo` with its credentials kept and opens it with `trust`:
/// (exit code, stdout, output folder).
fn seal_and_open(
    dir: &Path,
    name: &str,
    photo: &Path,
    (identity, recipient): (&Path, &str),
    trust: Option<&Path>,
) -> (Option<i32>, String, PathBuf) {
    let env = dir.join(format!("{name}.age"));
    ok(seal(photo, recipient, &env).arg("--keep-credentials"));
    let out = dir.join(format!("opened-{name}"));
    let mut c = newsroom_open(&env, identity, &out);
    if let Some(t) = trust {
        c.arg("--c2pa-trust").arg(t);
    }
    let o = run(&mut c);
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        out,
    )
}

#[test]
fn kept_credentials_open_valid_offline_and_every_tampered_variant_is_flagged() {
    let Some((dir, signed)) = signed_photo("c2pa-kept") else {
        return;
    };
    let ca = dir.join("ca.pem");
    let (identity, recipient) = our_keygen(&dir, "newsroom.key");
    let newsroom = (identity.as_path(), recipient.as_str());
    let original = fs::read(&signed).unwrap();

    // Kept: the source is told, and the original travels inside the
    // envelope, byte for byte (typage decrypts it).
    let env = dir.join("kept.age");
    let said = ok(seal(&signed, &recipient, &env).arg("--keep-credentials"));
    assert!(
        said.contains("You chose to keep them for the newsroom"),
        "{said}"
    );
    let plain = plaintext(&env, &identity);
    assert_eq!(plain[8], 2, "a kept original is envelope version 2");
    let at = plain
        .windows(64)
        .position(|w| w == &original[..64])
        .expect("the original is sealed");
    assert_eq!(&plain[at..at + original.len()], &original[..]);

    // Opened offline against the test CA: valid, by whom, to which root.
    let (code, said, out) = seal_and_open(&dir, "valid", &signed, newsroom, Some(&ca));
    assert_eq!(code, Some(0), "{said}");
    assert!(
        said.contains(&format!(
            "Content Credentials: valid, signed by CN={CANARY}, O=Test Camera Maker, chain to CN=Darkroom Test Root CA"
        )),
        "{said}"
    );
    assert!(said.contains("c2pa.created (digitalCapture)"), "{said}");
    assert_eq!(fs::read(out.join("signed.original.jpg")).unwrap(), original);
    let stripped = fs::read(out.join("signed.jpg")).unwrap();
    assert!(!contains(&stripped, CANARY.as_bytes()));
    assert!(!contains(&stripped, b"c2pa"));
    let record: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("signed.jpg.manifest.json")).unwrap())
            .unwrap();
    assert_eq!(record["original"], "signed.original.jpg");
    assert_eq!(record["content_credentials"]["state"], "valid", "{record}");
    assert_eq!(
        record["content_credentials"]["root"],
        "CN=Darkroom Test Root CA"
    );

    // No trust list: the signature holds, but nobody vouches for it.
    let (code, said, _) = seal_and_open(&dir, "no-trust", &signed, newsroom, None);
    assert_eq!(code, Some(0), "{said}");
    assert!(said.contains("no trust list was given"), "{said}");
    assert!(!said.contains("Content Credentials: valid"), "{said}");

    // A root the newsroom does not trust.
    let other = scratch("c2pa-kept-other-ca");
    signed_jpeg(&other, &demo_photo(), &other.join("unused.jpg")).unwrap();
    let (code, said, _) = seal_and_open(
        &dir,
        "untrusted",
        &signed,
        newsroom,
        Some(&other.join("ca.pem")),
    );
    assert_eq!(code, Some(0), "{said}");
    assert!(
        said.contains("NOT trusted") && said.contains("does not chain to a root in the trust list"),
        "{said}"
    );

    // Tampered originals, each sealed as a source would: flagged, exit 3.
    let pixel = dir.join("pixel.jpg");
    fs::write(&pixel, pixel_changed(&original)).unwrap();
    let signature = dir.join("signature.jpg");
    fs::write(&signature, signature_changed(&original)).unwrap();
    let expired = dir.join("expired.jpg");
    expired_signed_jpeg(&dir, &demo_photo(), &expired).unwrap();
    let claim = dir.join("claim.jpg");
    fs::write(&claim, claim_broken(&original)).unwrap();
    for (name, photo, why) in [
        ("pixel", &pixel, "(assertion.dataHash.mismatch)"),
        ("signature", &signature, "(claimSignature.mismatch)"),
        ("expired", &expired, "(signingCredential.expired)"),
        ("claim", &claim, ""),
    ] {
        let (code, said, _) = seal_and_open(&dir, name, photo, newsroom, Some(&ca));
        assert_eq!(code, Some(3), "{name}: {said}");
        assert!(
            (said.contains("Content Credentials: NOT valid")
                || said.contains("Content Credentials: cannot be read"))
                && said.contains(why),
            "{name}: {said}"
        );
    }

    // A file with no credentials to keep: one sentence, nothing written.
    let nothing = dir.join("nothing.age");
    fails(
        seal(&demo_photo(), &recipient, &nothing).arg("--keep-credentials"),
        "carries no Content Credentials (C2PA) to keep",
    );
    assert!(!nothing.exists());
    // A trust list that is not one: refused before anything is opened.
    let not_pem = dir.join("roots.txt");
    fs::write(&not_pem, "not a certificate\n").unwrap();
    let refused = dir.join("refused");
    fails(
        newsroom_open(&env, &identity, &refused)
            .arg("--c2pa-trust")
            .arg(&not_pem),
        "holds no PEM certificates",
    );
    assert!(!refused.exists());
}

/// Without the option, nothing of the manifest is sealed: the plaintext
/// typage decrypts has neither the store nor the certificate, and
/// `newsroom open` writes no original.
#[test]
fn without_the_option_nothing_of_the_manifest_is_sealed() {
    let Some((dir, signed)) = signed_photo("c2pa-not-kept") else {
        return;
    };
    let (identity, recipient) = our_keygen(&dir, "newsroom.key");
    let env = dir.join("plain.age");
    ok(&mut seal(&signed, &recipient, &env));
    let plain = plaintext(&env, &identity);
    assert_eq!(plain[8], 1);
    for needle in [CANARY.as_bytes(), b"c2pa", b"jumb"] {
        assert!(
            !contains(&plain, needle),
            "{:?} sealed",
            String::from_utf8_lossy(needle)
        );
    }
    let out = dir.join("opened");
    let said = ok(newsroom_open(&env, &identity, &out)
        .arg("--c2pa-trust")
        .arg(dir.join("ca.pem")));
    assert!(!said.contains("Content Credentials"), "{said}");
    let mut names: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["signed.jpg", "signed.jpg.manifest.json"]);
}

/// `darkroom submit --keep-credentials` to a real server: the server's
/// disk and output never hold the certificate's canary, and the export
/// opens offline with valid credentials.
#[test]
fn submitted_credentials_reach_only_the_newsroom() {
    let Some((dir, signed)) = signed_photo("c2pa-kept-live") else {
        return;
    };
    let cfg = config(&dir, "");
    let server = serve(&dir, &cfg);
    let said = ok(submit(&server.url, &signed).arg("--keep-credentials"));
    assert!(
        said.contains("You chose to keep them for the newsroom"),
        "{said}"
    );
    let data = dir.join("data");
    assert_eq!(stored(&data).0, 1);
    let log = server.output.clone();
    drop(server);
    let original = fs::read(&signed).unwrap();
    let tail = &original[original.len() - 200..original.len() - 152];
    assert_no_trace(&[&data], &log, CANARY, tail);

    let (said, opened) = open_export_trusting_the_test_ca(&dir);
    assert!(said.contains("Content Credentials: valid"), "{said}");
    let report: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(opened.join("report.json")).unwrap()).unwrap();
    let sub = &report["submissions"][0];
    assert_eq!(sub["credentials"]["state"], "valid", "{sub}");
    let kept = opened.join(sub["original"].as_str().unwrap());
    assert_eq!(fs::read(kept).unwrap(), original);
    let html = fs::read_to_string(opened.join("report.html")).unwrap();
    assert!(html.contains("Content Credentials: valid"), "report.html");
}

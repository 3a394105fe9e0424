use std::io::Cursor;
use std::path::Path;

use ark_ff::{BigInteger, PrimeField};
use darkroom_circuits::{commitment, field};
use darkroom_core::{strip, ContentDigest};
use sha2::{Digest, Sha256};

fn vectors() -> serde_json::Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/testdata/vectors.json");
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

fn formats_doc() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/formats.md")).unwrap()
}

#[test]
fn content_digest_vectors() {
    let v = vectors();
    let doc = formats_doc();
    let list = v["content_digest"].as_array().unwrap();
    let names: Vec<&str> = list.iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        ["jpeg", "png", "webp", "file", "wav", "mp3", "ogg", "tiff", "pdf"]
    );
    for case in list {
        let name = case["name"].as_str().unwrap();
        let input = hex::decode(case["input"].as_str().unwrap()).unwrap();
        let stripped = hex::decode(case["stripped"].as_str().unwrap()).unwrap();
        let digest = case["digest"].as_str().unwrap();

        // "file" is of no kind Darkroom knows, refused unless sent as it
        // is; then its canonical stream is the whole file.
        let uncleanable = if name == "file" {
            strip::Uncleanable::SendAsIs
        } else {
            strip::Uncleanable::Refuse
        };
        let mut out = Vec::new();
        strip::strip(Cursor::new(&input), None, uncleanable, &mut out).unwrap();
        assert_eq!(
            hex::encode(&out),
            hex::encode(&stripped),
            "{name}: stripped form"
        );
        let (d, _) = ContentDigest::of(&input[..], None).unwrap();
        assert_eq!(d.to_hex(), digest, "{name}: digest");

        // The definition, computed here with sha2 alone: the domain line,
        // then the canonical stream (for WebP and WAV, the file after its
        // RIFF header).
        let canonical = if name == "webp" || name == "wav" {
            &stripped[12..]
        } else {
            &stripped[..]
        };
        let mut h = Sha256::new();
        h.update(format!("darkroom-content-v1 {name}\n"));
        h.update(canonical);
        assert_eq!(hex::encode(h.finalize()), digest, "{name}: definition");

        assert!(
            doc.contains(digest),
            "docs/formats.md lacks the {name} vector"
        );
        assert!(
            doc.contains(&case["input"].as_str().unwrap()[..40]),
            "docs/formats.md lacks the {name} input"
        );
    }
}

#[test]
fn commitment_vectors() {
    let doc = formats_doc();
    for case in vectors()["commitment"].as_array().unwrap() {
        let mut h = [0u8; 32];
        hex::decode_to_slice(case["digest"].as_str().unwrap(), &mut h).unwrap();
        let (hi, lo) = commitment::digest_halves(&h);
        assert_eq!(hi.into_bigint().to_string(), case["h_hi"].as_str().unwrap());
        assert_eq!(lo.into_bigint().to_string(), case["h_lo"].as_str().unwrap());
        assert!(hi.into_bigint().num_bits() <= 128);
        let r = field::from_hex(case["opening"].as_str().unwrap()).unwrap();
        let c = field::to_hex(&commitment::commit(&h, &r));
        assert_eq!(c, case["commitment"].as_str().unwrap());
        assert!(
            doc.contains(&c),
            "docs/formats.md lacks the commitment vector"
        );
    }
}

/// The newsroom key, manifest and reply vectors of docs/formats.md §8 and
/// §6: Darkroom and Debian's `minisign` both accept them, and both refuse
/// them changed.
#[test]
fn newsroom_vectors_verify_here_and_with_minisign() {
    use darkroom_core::newsroom::{Manifest, NewsroomKey};
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/testdata/newsroom");
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap();
    let key_text = read("newsroom-key.txt");
    let key = NewsroomKey::parse(&key_text).unwrap();
    let doc = formats_doc();
    assert!(doc.contains(&format!("key: `{key}`, key id `{}`", key.key_id())));
    assert!(doc.contains(&format!("fingerprint: `{}`", key.fingerprint())));

    let json = read("manifest.json");
    let sig = read("manifest.json.minisig");
    let m = Manifest::claimed_key(json.as_bytes()).unwrap();
    assert_eq!(m, key);
    let issued: u64 = 1_796_083_200;
    let manifest = Manifest::verify(json.as_bytes(), &sig, &key, issued + 1).unwrap();
    assert_eq!(manifest.newsroom, "Example Desk");
    assert_eq!(manifest.registries[0].devices, 128);
    let changed = json.replace("Example Desk", "Example Dusk");
    assert!(Manifest::verify(changed.as_bytes(), &sig, &key, issued + 1).is_err());

    let to = read("reply-to.txt");
    let message = darkroom_core::reply::signed_message(&to, "Can you call on Tuesday?");
    assert!(message.starts_with(b"darkroom-reply v1\nage1"));
    let reply_sig = read("reply.minisig");
    key.verify(&message, &reply_sig).unwrap();
    assert!(key
        .verify(
            &darkroom_core::reply::signed_message(&to, "Can you call on Monday?"),
            &reply_sig
        )
        .is_err());

    // The reference minisign agrees, both ways round.
    let minisign = require!("minisign");
    let scratch_dir = crate::util::scratch("vectors-minisign");
    let check = |data: &[u8], sig: &str| {
        let f = scratch_dir.join("data");
        std::fs::write(&f, data).unwrap();
        let s = scratch_dir.join("data.minisig");
        std::fs::write(&s, sig).unwrap();
        std::process::Command::new(&minisign)
            .args(["-V", "-q", "-m"])
            .arg(&f)
            .args(["-x"])
            .arg(&s)
            .args(["-P", key_text.trim()])
            .status()
            .unwrap()
            .success()
    };
    assert!(check(json.as_bytes(), &sig));
    assert!(!check(changed.as_bytes(), &sig));
    assert!(check(&message, &reply_sig));
    assert!(!check(b"darkroom-reply v1\nsomething else", &reply_sig));
}

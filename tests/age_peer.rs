use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::util::*;

/// The parts of an envelope's plaintext: (version, manifest, content, padding).
fn parse(plain: &[u8]) -> (u8, serde_json::Value, Vec<u8>, Vec<u8>) {
    assert_eq!(&plain[..8], b"darkroom");
    let version = plain[8];
    let clen = u64::from_be_bytes(plain[9..17].try_into().unwrap()) as usize;
    let content = plain[17..17 + clen].to_vec();
    let at = 17 + clen;
    let mlen = u32::from_be_bytes(plain[at..at + 4].try_into().unwrap()) as usize;
    let manifest = serde_json::from_slice(&plain[at + 4..at + 4 + mlen]).unwrap();
    let padding = plain[at + 4 + mlen..].to_vec();
    (version, manifest, content, padding)
}

fn frame(version: u8, manifest: &[u8], content: &[u8], padding: &[u8]) -> Vec<u8> {
    let mut v = b"darkroom".to_vec();
    v.push(version);
    v.extend((content.len() as u64).to_be_bytes());
    v.extend(content);
    v.extend((manifest.len() as u32).to_be_bytes());
    v.extend(manifest);
    v.extend(padding);
    v
}

/// Encrypts `plain` to `recipient` into `out` with a reference
/// implementation: the Go `age` at `age` for X25519 recipients, typage for
/// hybrid ones.
pub(crate) fn age_encrypt(age: &Path, recipient: &str, plain: &[u8], out: &Path) {
    if recipient.starts_with("age1pq1") {
        use base64::Engine;
        let b64 = base64::engine::general_purpose::STANDARD;
        let request = serde_json::json!({"op": "encrypt", "recipients": [recipient], "plain": b64.encode(plain)});
        let answers = node_json("age-pq.mjs", "age-encryption", &[request])
            .expect("typage (npm age-encryption) is installed by .ci/run");
        let file = answers[0]["file"]
            .as_str()
            .unwrap_or_else(|| panic!("typage did not encrypt: {}", answers[0]));
        fs::write(out, b64.decode(file).unwrap()).unwrap();
        return;
    }
    let mut child = Command::new(age)
        .args(["-r", recipient, "-o"])
        .arg(out)
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(plain).unwrap();
    assert!(child.wait().unwrap().success());
}

/// Decrypts `env` with the identity file `key` by a reference
/// implementation: the Go `age` at `age` for X25519 identities, typage
/// (run by node) for hybrid ones, which Debian's `age` 1.1 does not read.
pub(crate) fn age_decrypt(age: &Path, key: &Path, env: &Path) -> Vec<u8> {
    let text = fs::read_to_string(key).unwrap();
    if let Some(identity) = text.lines().find(|l| l.starts_with("AGE-SECRET-KEY-PQ-")) {
        return typage_decrypt(identity, &fs::read(env).unwrap());
    }
    let out = run(Command::new(age).arg("-d").arg("-i").arg(key).arg(env));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// typage's decryption of `file` with a hybrid `identity`.
pub(crate) fn typage_decrypt(identity: &str, file: &[u8]) -> Vec<u8> {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD;
    let request =
        serde_json::json!({"op": "decrypt", "identity": identity, "file": b64.encode(file)});
    let answers = node_json("age-pq.mjs", "age-encryption", &[request])
        .expect("typage (npm age-encryption) is installed by .ci/run");
    let plain = answers[0]["plain"]
        .as_str()
        .unwrap_or_else(|| panic!("typage did not decrypt: {}", answers[0]));
    b64.decode(plain).unwrap()
}

/// Envelopes sealed by `darkroom seal` to our classical key (read by the
/// Go `age`) and to our hybrid key (read by typage) hold exactly the
/// framing the format says, and the CLI says which kind protects each.
#[test]
fn reference_age_decrypts_our_envelopes() {
    let age = require!("age");
    let dir = scratch("age-decrypts-ours");
    let keys = [
        (our_classical_keygen(&dir, "classical.key"), "X25519 only"),
        (our_keygen(&dir, "hybrid.key"), "hybrid post-quantum"),
    ];
    let photo = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo-photo.jpg");
    let clean = dir.join("clean.jpg");
    ok(darkroom().arg("strip").arg(&photo).arg("-o").arg(&clean));
    for ((key, recipient), said) in keys {
        let env = dir.join(format!(
            "{}.age",
            key.file_stem().unwrap().to_string_lossy()
        ));
        let out = ok(darkroom()
            .arg("seal")
            .arg(&photo)
            .args(["--to", &recipient, "--message", "hi", "-o"])
            .arg(&env));
        assert!(
            out.contains("protected by: ") && out.contains(said),
            "{out}"
        );
        let plain = age_decrypt(&age, &key, &env);
        let (version, manifest, content, padding) = parse(&plain);
        assert_eq!(version, 1);
        assert_eq!(manifest["message"], "hi");
        assert_eq!(manifest["media_type"], "image/jpeg");
        assert_eq!(content, fs::read(&clean).unwrap());
        assert!(padding.iter().all(|&b| b == 0));
        assert_eq!(
            plain.len(),
            64 * 1024,
            "small files pad to the 64 KiB bucket"
        );
    }
}

#[test]
fn age_keygen_identities_work_as_newsroom_keys() {
    let age = require!("age");
    let dir = scratch("age-keygen-keys");
    let Some((key_a, rec_a)) = age_keygen(&dir, "a.txt") else {
        return;
    };
    let Some((key_b, rec_b)) = age_keygen(&dir, "b.txt") else {
        return;
    };
    let photo = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo-photo.jpg");
    let env = dir.join("two.age");
    ok(darkroom()
        .arg("seal")
        .arg(&photo)
        .args(["--to", &rec_a, "--to", &rec_b, "-o"])
        .arg(&env));
    for (i, key) in [&key_a, &key_b].into_iter().enumerate() {
        ok(&mut newsroom_open(&env, key, dir.join(format!("out{i}"))));
        // And the reference tool agrees each key is a recipient.
        age_decrypt(&age, key, &env);
    }
}

#[test]
fn our_identities_work_with_reference_age() {
    let age = require!("age");
    let dir = scratch("age-uses-ours");
    let (key, recipient) = our_classical_keygen(&dir, "ours.key");
    let env = dir.join("x.age");
    age_encrypt(&age, &recipient, b"secret from age", &env);
    assert_eq!(age_decrypt(&age, &key, &env), b"secret from age");
}

#[test]
fn crafted_plaintexts_are_refused() {
    let age = require!("age");
    let dir = scratch("age-crafted");
    let (key, recipient) = our_classical_keygen(&dir, "ours.key");
    let photo = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo-photo.jpg");
    let env = dir.join("e.age");
    ok(&mut seal(&photo, &recipient, &env));
    let (_, manifest, content, padding) = parse(&age_decrypt(&age, &key, &env));
    let m = serde_json::to_vec(&manifest).unwrap();

    let mut wrong_digest = manifest.clone();
    wrong_digest["content_digest"] = serde_json::Value::from("00".repeat(32));
    let wrong_digest = serde_json::to_vec(&wrong_digest).unwrap();
    let mut dirty_pad = padding.clone();
    dirty_pad[10] = 1;
    let mut altered = content.clone();
    let n = altered.len();
    altered[n - 10] ^= 0x01; // inside the entropy-coded data
    let mut with_meta = content.clone();
    with_meta.splice(2..2, [0xFF, 0xFE, 0, 4, b'h', b'i']); // a COM segment
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "version",
            frame(3, &m, &content, &padding),
            "format version 3",
        ),
        (
            // Version 2 says a kept original follows the file: here the
            // manifest's length and bytes are read as one.
            "version 2 without an original",
            frame(2, &m, &content, &padding),
            "malformed",
        ),
        (
            "digest",
            frame(1, &wrong_digest, &content, &padding),
            "does not match its recorded content digest",
        ),
        (
            "altered",
            frame(1, &m, &altered, &padding),
            "does not match its recorded content digest",
        ),
        (
            "padding",
            frame(1, &m, &content, &dirty_pad),
            "non-zero padding",
        ),
        (
            "short-pad",
            frame(1, &m, &content, &padding[1..]),
            "padding of the wrong length",
        ),
        (
            "not-stripped",
            frame(1, &m, &with_meta, &padding[6..]),
            "not in the stripped form",
        ),
        (
            "manifest",
            frame(1, b"{\"file_name\":1}", &content, &padding),
            "bad manifest",
        ),
        (
            "huge-manifest",
            {
                let mut v = frame(1, b"", &content, b"");
                let n = v.len();
                v[n - 4..].copy_from_slice(&u32::MAX.to_be_bytes());
                v
            },
            "larger than 1 MiB",
        ),
        (
            "short-content",
            {
                let mut v = frame(1, &m, &content, &padding);
                v[9..17].copy_from_slice(&(1u64 << 40).to_be_bytes());
                v
            },
            "ends early",
        ),
        (
            "foreign",
            b"just some age-encrypted text".to_vec(),
            "no Darkroom header",
        ),
    ];
    for (name, plain, needle) in cases {
        let path = dir.join(format!("{name}.age"));
        age_encrypt(&age, &recipient, &plain, &path);
        let out = dir.join(format!("out-{name}"));
        fails(&mut newsroom_open(&path, &key, &out), needle);
        assert!(!out.exists(), "{name} left its output folder behind");
    }
}

/// The parallel STREAM writer's files, read by the reference `age -d`, at
/// every size where a chunk or a batch of chunks ends: empty, one byte, a
/// chunk less one, exactly one, one more, and across the 64-chunk batches
/// the writer seals on all cores. Two recipients, both able to decrypt.
#[test]
fn reference_age_reads_the_parallel_writer_at_chunk_edges() {
    use darkroom_core::age_stream::{AgeWriter, CHUNK};
    let age = require!("age");
    let dir = scratch("age-parallel-writer");
    let (key, recipient) = our_classical_keygen(&dir, "ours.key");
    let other = age::x25519::Identity::generate();
    let ours: age::x25519::Recipient = recipient.parse().unwrap();
    let batch = 64 * CHUNK;
    for len in [
        0,
        1,
        CHUNK - 1,
        CHUNK,
        CHUNK + 1,
        3 * CHUNK,
        batch - 1,
        batch,
        batch + 1,
        2 * batch + CHUNK + 17,
    ] {
        let plain: Vec<u8> = (0..len)
            .map(|i| (i % 251) as u8 ^ (i >> 16) as u8)
            .collect();
        let mut w = AgeWriter::new(&[&ours, &other.to_public()], Vec::new()).unwrap();
        w.write_all(&plain).unwrap();
        let file = w.finish().unwrap();
        let path = dir.join(format!("{len}.age"));
        fs::write(&path, &file).unwrap();
        assert!(
            age_decrypt(&age, &key, &path) == plain,
            "age -d disagrees at {len} bytes"
        );
        // The second recipient's stanza opens it too.
        let d = age::Decryptor::new(&file[..]).unwrap();
        let mut r = d
            .decrypt(std::iter::once(&other as &dyn age::Identity))
            .unwrap();
        let mut back = Vec::new();
        std::io::Read::read_to_end(&mut r, &mut back).unwrap();
        assert!(back == plain, "the age crate disagrees at {len} bytes");
    }
}

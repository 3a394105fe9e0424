//! age's hybrid post-quantum recipients (`mlkem768x25519`) against typage,
//! the reference TypeScript age (`age-encryption` on npm): the same keys,
//! and files sealed by either opened by the other.

use std::io::{Read, Write};

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use darkroom_core::hybrid;
use serde_json::{json, Value};

use crate::util::*;

fn typage(requests: &[Value]) -> Option<Vec<Value>> {
    node_json("age-pq.mjs", "age-encryption", requests)
}

fn seal(recipients: &[&dyn age::Recipient], plain: &[u8]) -> Vec<u8> {
    let e = age::Encryptor::with_recipients(recipients.iter().copied()).unwrap();
    let mut out = Vec::new();
    let mut w = e.wrap_output(&mut out).unwrap();
    w.write_all(plain).unwrap();
    w.finish().unwrap();
    out
}

fn open(identity: &hybrid::Identity, file: &[u8]) -> Result<Vec<u8>, age::DecryptError> {
    let d = age::Decryptor::new(file)?;
    let mut r = d.decrypt(std::iter::once(identity as &dyn age::Identity))?;
    let mut plain = Vec::new();
    r.read_to_end(&mut plain).unwrap();
    Ok(plain)
}

#[test]
fn typage_and_darkroom_agree_on_hybrid_keys_and_files_both_ways() {
    let ours = hybrid::Identity::generate();
    let ours_secret = ours.to_secret_string();
    let plain: Vec<u8> = (0..70_000u32).map(|i| (i * 7 % 251) as u8).collect();
    let sealed = seal(&[&ours.to_public()], &plain);
    let Some(first) = typage(&[json!({"op": "generate"})]) else {
        return;
    };
    let theirs: hybrid::Identity = first[0]["identity"].as_str().unwrap().parse().unwrap();
    let their_recipient = first[0]["recipient"].as_str().unwrap();
    let to_them = seal(
        &[&their_recipient.parse::<hybrid::Recipient>().unwrap()],
        &plain,
    );
    let answers = typage(&[
        // Their recipient for our identity is ours.
        json!({"op": "recipient", "identity": ours_secret.as_str()}),
        // They open what we sealed to our key, and to theirs.
        json!({"op": "decrypt", "identity": ours_secret.as_str(), "file": STANDARD.encode(&sealed)}),
        json!({"op": "decrypt", "identity": first[0]["identity"], "file": STANDARD.encode(&to_them)}),
        // They seal to our recipient.
        json!({"op": "encrypt", "recipients": [ours.to_public().to_string()], "plain": STANDARD.encode(&plain)}),
        // A file for our key does not open with theirs.
        json!({"op": "decrypt", "identity": first[0]["identity"], "file": STANDARD.encode(&sealed)}),
    ])
    .unwrap();
    // Our identity gives the recipient they derive, and theirs the one they gave.
    assert_eq!(answers[0]["recipient"], ours.to_public().to_string());
    assert_eq!(theirs.to_public().to_string(), their_recipient);
    assert_eq!(
        STANDARD
            .decode(answers[1]["plain"].as_str().unwrap())
            .unwrap(),
        plain
    );
    assert_eq!(
        STANDARD
            .decode(answers[2]["plain"].as_str().unwrap())
            .unwrap(),
        plain
    );
    let from_them = STANDARD
        .decode(answers[3]["file"].as_str().unwrap())
        .unwrap();
    let header = String::from_utf8_lossy(&from_them[..200]).to_string();
    assert!(header.contains("\n-> mlkem768x25519 "), "{header}");
    assert_eq!(open(&ours, &from_them).unwrap(), plain);
    assert!(answers[4]["error"].is_string(), "{}", answers[4]);
    assert!(matches!(
        open(&theirs, &sealed),
        Err(age::DecryptError::NoMatchingKeys)
    ));
}

/// A hybrid envelope whose stanza was damaged (the encapsulation cut or
/// grown, the body cut, the tag changed to another kind or an unknown
/// one) is refused by `newsroom open` in one sentence, and nothing is
/// written; the undamaged envelope opens and says it is hybrid.
#[test]
fn damaged_hybrid_stanzas_get_one_sentence_and_write_nothing() {
    let dir = scratch("pq-damaged-stanzas");
    let (key, recipient) = our_keygen(&dir, "newsroom.key");
    let photo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo-photo.jpg");
    let env = dir.join("good.age");
    ok(darkroom()
        .arg("seal")
        .arg(&photo)
        .args(["--to", &recipient, "-o"])
        .arg(&env));
    let said = ok(&mut newsroom_open(&env, &key, dir.join("good")));
    assert!(
        said.contains("sealed to hybrid post-quantum keys"),
        "{said}"
    );

    let file = std::fs::read(&env).unwrap();
    let header_end = file.windows(4).position(|w| w == b"\n---").unwrap();
    let header = std::str::from_utf8(&file[..header_end]).unwrap();
    let stanza = header
        .lines()
        .find(|l| l.starts_with("-> mlkem768x25519 "))
        .unwrap();
    let arg = stanza.trim_start_matches("-> mlkem768x25519 ");
    let b64 = base64::engine::general_purpose::STANDARD_NO_PAD;
    let enc = b64.decode(arg).unwrap();
    assert_eq!(enc.len(), hybrid::ENCAPSULATION_LEN);
    let body = header.lines().skip_while(|l| *l != stanza).nth(1).unwrap();
    // Cut or grown by whole bytes, in canonical base64, so that age's
    // header parser takes them and the identity is what judges them.
    let sealed_key = b64.decode(body).unwrap();
    let with = |from: &str, to: &str| -> Vec<u8> {
        let mut out = header.replacen(from, to, 1).into_bytes();
        out.extend_from_slice(&file[header_end..]);
        out
    };
    let cases = [
        (
            "encapsulation cut",
            with(arg, &b64.encode(&enc[..enc.len() - 3])),
            "truncated or has been tampered with",
        ),
        (
            "encapsulation grown",
            with(arg, &b64.encode([&enc[..], &[7u8; 3]].concat())),
            "truncated or has been tampered with",
        ),
        (
            "body cut",
            with(
                &format!("{stanza}\n{body}"),
                &format!(
                    "{stanza}\n{}",
                    b64.encode(&sealed_key[..sealed_key.len() - 3])
                ),
            ),
            "truncated or has been tampered with",
        ),
        (
            "tag of the other kind",
            with("-> mlkem768x25519 ", "-> X25519 "),
            "none of the given keys can open this envelope",
        ),
        (
            "unknown tag",
            with("-> mlkem768x25519 ", "-> mlkem1024x448 "),
            "none of the given keys can open this envelope",
        ),
    ];
    for (what, bytes, needle) in cases {
        let path = dir.join(format!("{}.age", what.replace(' ', "-")));
        std::fs::write(&path, bytes).unwrap();
        let out = dir.join(what.replace(' ', "-"));
        let err = fails(&mut newsroom_open(&path, &key, &out), needle);
        assert!(!err.contains("AGE-SECRET"), "{what}: {err}");
        let written = std::fs::read_dir(&out).map(|d| d.count()).unwrap_or(0);
        assert_eq!(written, 0, "{what}: nothing written");
    }
}

//! The hostile-input catalogue: named inputs for every parser and endpoint
//! a source, a server or a newsroom feeds untrusted bytes to. For each, the
//! answer is one clear sentence that names the problem, and nothing
//! changes: no submission, blob or temporary file on the server, no output
//! file from the CLI. docs/reliability.md lists them.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use axum::body::Body;
use axum::http::Request;
use darkroom_server::App;

use crate::server_util::*;
use crate::util::*;

/// One hostile request to the server.
struct Request_ {
    name: &'static str,
    method: &'static str,
    path: &'static str,
    content_type: String,
    body: Vec<u8>,
    status: u16,
    needle: &'static str,
}

fn form(
    name: &'static str,
    path: &'static str,
    parts: &[Part],
    status: u16,
    needle: &'static str,
) -> Request_ {
    let (content_type, body) = multipart(parts);
    Request_ {
        name,
        method: "POST",
        path,
        content_type,
        body,
        status,
        needle,
    }
}

fn raw(
    name: &'static str,
    path: &'static str,
    content_type: &str,
    body: &[u8],
    status: u16,
    needle: &'static str,
) -> Request_ {
    Request_ {
        name,
        method: "POST",
        path,
        content_type: content_type.to_string(),
        body: body.to_vec(),
        status,
        needle,
    }
}

fn age_to(recipients: &[&dyn age::Recipient], plain: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut w = age::Encryptor::with_recipients(recipients.iter().copied())
        .unwrap()
        .wrap_output(&mut out)
        .unwrap();
    w.write_all(plain).unwrap();
    w.finish().unwrap();
    out
}

fn hex32() -> String {
    "ab".repeat(32)
}

/// A publication of the test newsroom's signed photo, and forgeries of
/// its image (each keeps every coefficient).
struct Publications {
    bundle: String,
    image: Vec<u8>,
    rotated: Vec<u8>,
    appended: Vec<u8>,
    overlapping: String,
    huge: Vec<u8>,
}

fn publications() -> Publications {
    use darkroom_core::publication::{publish, Kept};
    let n = newsroom();
    let kept = Kept::from_json(&n.opening).unwrap();
    let proof = darkroom_core::bundle::Bundle::parse(&n.proof_only).unwrap();
    let photo = std::fs::read(&n.signed_photo).unwrap();
    let p = publish(
        &photo,
        &kept.tiles.seed,
        &kept.opening,
        &proof,
        None,
        &["64,64,64,64".parse().unwrap()],
    )
    .unwrap();
    // After SOI and the JFIF header: an EXIF segment (orientation 3).
    let exif =
        b"\xFF\xE1\x00\x22Exif\0\0MM\0*\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0\x03\0\0\0\0\0\0";
    let rotated = [&p.jpeg[..20], &exif[..], &p.jpeg[20..]].concat();
    let appended = [&p.jpeg[..], &photo[..]].concat();
    let mut overlapping = p.publication.clone();
    // Past four times the crop's area, within the bundle's size limit.
    overlapping.hidden = vec![overlapping.hidden[0]; 100];
    Publications {
        bundle: p.publication.to_json(),
        image: p.jpeg.clone(),
        rotated,
        appended,
        overlapping: overlapping.to_json(),
        huge: darkroom_core::jpeg::flat(16384, 16384, 1),
    }
}

fn server_catalogue() -> Vec<Request_> {
    let n = newsroom();
    let pubs = publications();
    let envelope = &n.envelope_plain;
    let mut truncated = envelope.clone();
    truncated.truncate(envelope.len() / 2);
    let mut longer = envelope.clone();
    longer.push(0);
    let passphrase = {
        let mut out = Vec::new();
        let mut w =
            age::Encryptor::with_user_passphrase(age::secrecy::SecretString::from("hunter2"))
                .wrap_output(&mut out)
                .unwrap();
        w.write_all(&[0u8; 70_000]).unwrap();
        w.finish().unwrap();
        out
    };
    let newsroom_recipient: darkroom_core::recipient::Recipient = n.recipient.parse().unwrap();
    let stranger = darkroom_core::hybrid::Identity::generate().to_public();
    let two_recipients = age_to(&[&newsroom_recipient, &stranger], &[0u8; 65_536]);
    // A well-formed, padded envelope sealed to a classical key: an old
    // client, or one a hostile server pointed at an X25519 key, for a
    // newsroom whose keys are hybrid.
    let classical = age_to(
        &[&age::x25519::Identity::generate().to_public()],
        &[0u8; 65_536],
    );
    let armored = {
        let mut out = Vec::new();
        let w = age::armor::ArmoredWriter::wrap_output(&mut out, age::armor::Format::AsciiArmor)
            .unwrap();
        let mut e = age::Encryptor::with_recipients(std::iter::once(
            &newsroom_recipient as &dyn age::Recipient,
        ))
        .unwrap()
        .wrap_output(w)
        .unwrap();
        e.write_all(&[0u8; 65_536]).unwrap();
        e.finish().unwrap().finish().unwrap();
        out
    };
    let mut huge_header = b"age-encryption.org/v1\n-> X25519 ".to_vec();
    huge_header.extend(std::iter::repeat_n(b'A', 200_000));
    let mut other_circuit = n.bundle.clone();
    let text = String::from_utf8(other_circuit.clone()).unwrap();
    let bundle: serde_json::Value = serde_json::from_str(&text).unwrap();
    let circuit = bundle["circuit"].as_str().unwrap().to_string();
    other_circuit = text
        .replace(&circuit, &"00".repeat(circuit.len() / 2))
        .into_bytes();
    let mut unknown_field: serde_json::Value = bundle.clone();
    unknown_field["extra"] = serde_json::json!("x");
    let unknown_field = unknown_field.to_string().into_bytes();
    let mut big_codename = br#"{"lookup":""#.to_vec();
    big_codename.extend(std::iter::repeat_n(b'a', 5000));
    big_codename.extend_from_slice(br#""}"#);
    let bad_lookup = format!(r#"{{"lookup":"zz","verifier":"{}"}}"#, hex32());
    let (ct, cut) = multipart(&[("envelope", Some("e.age"), envelope)]);
    let cut = cut[..cut.len() - 200].to_vec();
    let png = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/strip/png-plain.png"),
    )
    .unwrap();
    let jpeg = std::fs::read(photo()).unwrap();
    let long_message = vec![b'm'; darkroom_core::envelope::MAX_MESSAGE + 1];
    let api = "/api/v1/submissions";
    vec![
        raw(
            "upload: empty body",
            api,
            &ct,
            b"",
            400,
            "not a valid form upload",
        ),
        raw(
            "upload: not a form",
            api,
            "text/plain",
            b"hello",
            400,
            "form",
        ),
        raw("upload: form cut short", api, &ct, &cut, 400, "cut short"),
        form(
            "upload: no envelope",
            api,
            &[("bundle", Some("b.json"), &n.bundle)],
            400,
            "envelope",
        ),
        form(
            "upload: empty envelope",
            api,
            &[("envelope", Some("e.age"), b"")],
            422,
            "cut short",
        ),
        form(
            "upload: random bytes",
            api,
            &[("envelope", Some("e.age"), &[7u8; 70_000])],
            422,
            "not an age-encrypted",
        ),
        form(
            "upload: a JPEG, not sealed",
            api,
            &[("envelope", Some("e.age"), &jpeg)],
            422,
            "not an age-encrypted",
        ),
        form(
            "upload: ASCII-armored age",
            api,
            &[("envelope", Some("e.age"), &armored)],
            422,
            "armor",
        ),
        form(
            "upload: passphrase (scrypt) envelope",
            api,
            &[("envelope", Some("e.age"), &passphrase)],
            422,
            "passphrase",
        ),
        form(
            "upload: sealed to a stranger too",
            api,
            &[("envelope", Some("e.age"), &two_recipients)],
            422,
            "recipient",
        ),
        form(
            "upload: sealed to a classical key, the newsroom's are hybrid",
            api,
            &[("envelope", Some("e.age"), &classical)],
            422,
            "X25519 only, not protected against a future quantum computer",
        ),
        form(
            "upload: truncated envelope",
            api,
            &[("envelope", Some("e.age"), &truncated)],
            422,
            "size",
        ),
        form(
            "upload: one byte appended",
            api,
            &[("envelope", Some("e.age"), &longer)],
            422,
            "size",
        ),
        form(
            "upload: 200 KB header line",
            api,
            &[("envelope", Some("e.age"), &huge_header)],
            422,
            "header",
        ),
        form(
            "upload: two envelopes",
            api,
            &[
                ("envelope", Some("a.age"), envelope),
                ("envelope", Some("b.age"), envelope),
            ],
            400,
            "envelope",
        ),
        form(
            "upload: unknown part",
            api,
            &[("envelope", Some("e.age"), envelope), ("evil", None, b"x")],
            400,
            "unexpected form part",
        ),
        form(
            "upload: garbage bundle",
            api,
            &[
                ("envelope", Some("e.age"), envelope),
                ("bundle", Some("b"), b"\x00\x01garbage"),
            ],
            422,
            "bundle",
        ),
        form(
            "upload: bundle for another circuit",
            api,
            &[
                ("envelope", Some("e.age"), envelope),
                ("bundle", Some("b.json"), &other_circuit),
            ],
            422,
            "circuit",
        ),
        form(
            "upload: bundle with an unknown field",
            api,
            &[
                ("envelope", Some("e.age"), envelope),
                ("bundle", Some("b.json"), &unknown_field),
            ],
            422,
            "bundle",
        ),
        form(
            "upload: codename not JSON",
            api,
            &[
                ("codename", None, b"not json"),
                ("envelope", Some("e.age"), envelope),
            ],
            422,
            "codename keys are malformed",
        ),
        form(
            "upload: codename lookup not hex",
            api,
            &[
                ("codename", None, bad_lookup.as_bytes()),
                ("envelope", Some("e.age"), envelope),
            ],
            422,
            "codename keys are malformed",
        ),
        form(
            "upload: codename part over 4 KiB",
            api,
            &[
                ("codename", None, &big_codename),
                ("envelope", Some("e.age"), envelope),
            ],
            413,
            "larger than",
        ),
        form(
            "no-JS submit: no file",
            "/submit",
            &[("message", None, b"hello")],
            400,
            "file",
        ),
        form(
            "no-JS submit: empty file",
            "/submit",
            &[("file", Some("a.txt"), b"")],
            400,
            "empty",
        ),
        form(
            "no-JS submit: message not UTF-8",
            "/submit",
            &[
                ("message", None, b"\xff\xfe"),
                ("file", Some("a.txt"), b"x"),
            ],
            400,
            "not text",
        ),
        form(
            "no-JS submit: message too long",
            "/submit",
            &[
                ("message", None, &long_message),
                ("file", Some("a.txt"), b"x"),
            ],
            413,
            "message",
        ),
        form(
            "no-JS submit: PNG named .jpg",
            "/submit",
            &[("file", Some("photo.jpg"), &png)],
            422,
            "JPEG",
        ),
        form(
            "no-JS submit: truncated JPEG",
            "/submit",
            &[("file", Some("photo.jpg"), &jpeg[..jpeg.len() / 3])],
            422,
            "JPEG",
        ),
        form(
            "verify page: no bundle",
            "/verify",
            &[("opening", None, b"00")],
            400,
            "proof",
        ),
        form(
            "verify page: garbage bundle",
            "/verify",
            &[("bundle", Some("b.json"), b"{not json")],
            422,
            "bundle",
        ),
        form(
            "verify page: a published image with EXIF orientation added",
            "/verify",
            &[
                ("bundle", Some("p.json"), pubs.bundle.as_bytes()),
                ("image", Some("p.jpg"), &pubs.rotated),
            ],
            422,
            "EXIF metadata",
        ),
        form(
            "verify page: a published image with the original appended",
            "/verify",
            &[
                ("bundle", Some("p.json"), pubs.bundle.as_bytes()),
                ("image", Some("p.jpg"), &pubs.appended),
            ],
            422,
            "bytes after the end of the image",
        ),
        form(
            "verify page: one hidden area listed 100 times over",
            "/verify",
            &[
                ("bundle", Some("p.json"), pubs.overlapping.as_bytes()),
                ("image", Some("p.jpg"), &pubs.image),
            ],
            422,
            "overlap over and over",
        ),
        form(
            "verify page: a 16384×16384 image in a megabyte",
            "/verify",
            &[
                ("bundle", Some("p.json"), pubs.bundle.as_bytes()),
                ("image", Some("p.jpg"), &pubs.huge),
            ],
            422,
            "more than the 64 megapixels",
        ),
        form(
            "verify page: opening not hex",
            "/verify",
            &[
                ("bundle", Some("p.json"), &n.proof_only),
                ("image", Some("p.jpg"), &jpeg),
                ("opening", None, b"zz"),
            ],
            400,
            "opening",
        ),
        raw(
            "inbox: not JSON",
            "/api/v1/inbox",
            "application/json",
            b"{{{",
            422,
            "codename keys are malformed",
        ),
        raw(
            "inbox: no verifier",
            "/api/v1/inbox",
            "application/json",
            format!(r#"{{"lookup":"{}"}}"#, hex32()).as_bytes(),
            422,
            "codename keys are malformed",
        ),
        raw(
            "inbox: lookup not hex",
            "/api/v1/inbox",
            "application/json",
            bad_lookup.as_bytes(),
            422,
            "codename keys are malformed",
        ),
        raw(
            "inbox: unknown codename",
            "/api/v1/inbox",
            "application/json",
            format!(r#"{{"lookup":"{0}","verifier":"{0}"}}"#, hex32()).as_bytes(),
            401,
            "no account matches",
        ),
        raw(
            "inbox delete: nothing named",
            "/api/v1/inbox/delete",
            "application/json",
            b"{}",
            400,
            "lookup, verifier",
        ),
        raw(
            "inbox delete: unknown field",
            "/api/v1/inbox/delete",
            "application/json",
            format!(
                r#"{{"lookup":"{0}","verifier":"{0}","everything":true}}"#,
                hex32()
            )
            .as_bytes(),
            400,
            "lookup, verifier",
        ),
        raw(
            "journalist login: no security token",
            "/journalist/login",
            "application/x-www-form-urlencoded",
            b"name=a&password=b&code=1",
            403,
            "security token",
        ),
    ]
}

/// Sends a request and returns (status, the sentence it carries).
async fn answer(app: &Arc<App>, r: &Request_) -> (u16, String) {
    let request = Request::builder()
        .method(r.method)
        .uri(r.path)
        .header("content-type", &r.content_type)
        .body(Body::from(r.body.clone()))
        .unwrap();
    let a = send(app, request).await;
    let text = a.text();
    let sentence = match serde_json::from_str::<serde_json::Value>(&text) {
        Ok(v) => v["error"].as_str().unwrap_or_default().to_string(),
        // A page: the sentence is in it; strip the markup around it.
        Err(_) => text,
    };
    (a.status.as_u16(), sentence)
}

#[tokio::test]
async fn hostile_requests_get_one_clear_sentence_and_change_nothing() {
    let n = newsroom();
    let dir = scratch("hostile-server");
    let app = app_in(&dir, config_file(n));
    let mut wrong = Vec::new();
    for r in server_catalogue() {
        let before = stored(&dir);
        let (status, sentence) = answer(&app, &r).await;
        let after = stored(&dir);
        let clear = !sentence.is_empty()
            && sentence.contains(r.needle)
            && !sentence.contains("panicked")
            && !sentence.contains("src/");
        if status != r.status || !clear || before != after {
            wrong.push(format!(
                "{}: {status} (expected {}), store {before:?} → {after:?}, said {:?}",
                r.name,
                r.status,
                sentence.chars().take(300).collect::<String>()
            ));
        }
        // A JSON refusal is one sentence on one line.
        if r.path.starts_with("/api/") {
            assert!(!sentence.contains('\n'), "{}: {sentence}", r.name);
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// One hostile file for a parser the CLI runs.
struct File_ {
    name: &'static str,
    /// `strip`, `open`, `verify` or `export`.
    command: &'static str,
    file_name: &'static str,
    bytes: Vec<u8>,
    needle: &'static str,
}

fn file(
    name: &'static str,
    command: &'static str,
    file_name: &'static str,
    bytes: Vec<u8>,
    needle: &'static str,
) -> File_ {
    File_ {
        name,
        command,
        file_name,
        bytes,
        needle,
    }
}

/// A tar of `members`, after those of `base` (an archive) if given.
fn tar_of(members: &[(&str, &[u8], tar::EntryType)]) -> Vec<u8> {
    tar_after(None, members)
}

fn tar_after(base: Option<&[u8]>, members: &[(&str, &[u8], tar::EntryType)]) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    if let Some(base) = base {
        let mut archive = tar::Archive::new(base);
        for entry in archive.entries().unwrap() {
            let mut entry = entry.unwrap();
            let header = entry.header().clone();
            let mut data = Vec::new();
            std::io::Read::read_to_end(&mut entry, &mut data).unwrap();
            b.append(&header, &data[..]).unwrap();
        }
    }
    for (path, data, kind) in members {
        let mut h = tar::Header::new_ustar();
        h.as_mut_bytes()[..path.len()].copy_from_slice(path.as_bytes());
        h.set_size(data.len() as u64);
        h.set_entry_type(*kind);
        h.set_mode(0o644);
        h.set_cksum();
        b.append(&h, *data).unwrap();
    }
    b.into_inner().unwrap()
}

fn file_catalogue() -> Vec<File_> {
    let n = newsroom();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus");
    let read = |p: &str| std::fs::read(corpus.join(p)).unwrap();
    let jpeg = read("strip/jpeg-baseline.jpg");
    let png = read("strip/png-plain.png");
    let webp = read("strip/webp-lossy-plain.webp");
    let mut bad_crc = png.clone();
    bad_crc[29] ^= 0xFF; // the IHDR chunk's CRC
    let mut webp_lies = webp.clone();
    webp_lies[4..8].copy_from_slice(&u32::MAX.to_le_bytes());
    let mut seg_past_end = jpeg[..2].to_vec();
    seg_past_end.extend_from_slice(&[0xFF, 0xE1, 0xFF, 0xFF, b'E', b'x']);
    let mut png_huge_chunk = png[..33].to_vec();
    png_huge_chunk.extend_from_slice(&[0xFF, 0xFF, 0xFF, 0xF0, b't', b'E', b'X', b't']);
    let mut jpeg_no_eoi = jpeg.clone();
    jpeg_no_eoi.truncate(jpeg.len() - 2);
    let envelope = n.envelope_plain.clone();
    let mut tampered = envelope.clone();
    let last = tampered.len() - 100;
    tampered[last] ^= 1;
    let stranger = darkroom_core::hybrid::Identity::generate().to_public();
    let for_stranger = age_to(&[&stranger], &[0u8; 65_536]);
    let not_darkroom = age_to(
        &[&n.recipient
            .parse::<darkroom_core::recipient::Recipient>()
            .unwrap()],
        &[0u8; 65_536],
    );
    let bundle = n.proof_only.clone();
    let text = String::from_utf8(bundle.clone()).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut version = v.clone();
    version["version"] = serde_json::json!(9);
    let mut non_canonical = v.clone();
    // p itself, which is not a canonical field element.
    non_canonical["public_inputs"][0] =
        serde_json::json!("0x30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001");
    let mut window = v.clone();
    let inputs = window["public_inputs"].as_array().unwrap().clone();
    window["public_inputs"][2] = inputs[3].clone();
    window["public_inputs"][3] = inputs[2].clone();
    let mut forged = v.clone();
    forged["proof"] = serde_json::json!(format!("{}", "ab".repeat(128)));
    let export = read("export/two.tar");
    let j = |v: serde_json::Value| v.to_string().into_bytes();
    let reg = tar::EntryType::Regular;
    vec![
        file("strip: empty file", "strip", "a.jpg", Vec::new(), "empty"),
        file(
            "strip: JPEG cut in half",
            "strip",
            "a.jpg",
            jpeg[..jpeg.len() / 2].to_vec(),
            "JPEG",
        ),
        file(
            "strip: JPEG without its end marker",
            "strip",
            "a.jpg",
            jpeg_no_eoi,
            "JPEG",
        ),
        file(
            "strip: JPEG segment past the end",
            "strip",
            "a.jpg",
            seg_past_end,
            "JPEG",
        ),
        file(
            "strip: PNG with a bad CRC",
            "strip",
            "a.png",
            bad_crc,
            "PNG",
        ),
        file(
            "strip: PNG chunk of 4 GiB",
            "strip",
            "a.png",
            png_huge_chunk,
            "PNG",
        ),
        file(
            "strip: WebP whose RIFF size lies",
            "strip",
            "a.webp",
            webp_lies,
            "WebP",
        ),
        file(
            "strip: PNG named .jpg",
            "strip",
            "a.jpg",
            png.clone(),
            "JPEG",
        ),
        file(
            "strip: JPEG named .webp",
            "strip",
            "a.webp",
            jpeg.clone(),
            "WebP",
        ),
        file(
            "open: sealed to someone else",
            "open",
            "e.age",
            for_stranger,
            "sealed to another newsroom key",
        ),
        file(
            "open: a byte flipped",
            "open",
            "e.age",
            tampered,
            "tampered with",
        ),
        file(
            "open: cut in half",
            "open",
            "e.age",
            envelope[..envelope.len() / 2].to_vec(),
            "envelope",
        ),
        file(
            "open: age, but not a Darkroom envelope",
            "open",
            "e.age",
            not_darkroom,
            "malformed (no Darkroom header)",
        ),
        file(
            "open: a photo, not an envelope",
            "open",
            "e.age",
            jpeg.clone(),
            "not an age",
        ),
        file(
            "verify: not JSON",
            "verify",
            "b.json",
            b"{{{".to_vec(),
            "bundle",
        ),
        file(
            "verify: unknown version",
            "verify",
            "b.json",
            j(version),
            "version 9",
        ),
        file(
            "verify: non-canonical field element",
            "verify",
            "b.json",
            j(non_canonical),
            "canonical",
        ),
        file(
            "verify: empty time window",
            "verify",
            "b.json",
            j(window),
            "time window",
        ),
        file(
            "verify: forged proof bytes",
            "verify",
            "b.json",
            j(forged),
            "proof",
        ),
        file(
            "verify: binary bundle cut short",
            "verify",
            "b.bin",
            b"DRKPROOF\x01".to_vec(),
            "cut short",
        ),
        file(
            "export: cut in the middle",
            "export",
            "x.tar",
            export[..export.len() / 2 + 100].to_vec(),
            "no export.json",
        ),
        file(
            "export: a member escaping with ..",
            "export",
            "x.tar",
            tar_after(Some(&export), &[("darkroom-export/../evil", b"x", reg)]),
            "not a path the export format allows",
        ),
        file(
            "export: an absolute member",
            "export",
            "x.tar",
            tar_after(Some(&export), &[("/etc/evil", b"x", reg)]),
            "not a path the export format allows",
        ),
        file(
            "export: a symbolic link",
            "export",
            "x.tar",
            tar_after(
                Some(&export),
                &[(
                    "darkroom-export/calm-owl-9/proof.json",
                    b"",
                    tar::EntryType::Symlink,
                )],
            ),
            "not a regular file",
        ),
        file(
            "export: an index that is not JSON",
            "export",
            "x.tar",
            tar_of(&[("darkroom-export/export.json", b"{{{", reg)]),
            "export index file is damaged",
        ),
    ]
}

#[test]
fn hostile_files_get_one_clear_line_and_no_output() {
    let n = newsroom();
    let dir = scratch("hostile-files");
    let mut wrong = Vec::new();
    for (i, f) in file_catalogue().into_iter().enumerate() {
        let case = dir.join(i.to_string());
        std::fs::create_dir_all(&case).unwrap();
        let input = case.join(f.file_name);
        std::fs::write(&input, &f.bytes).unwrap();
        let out = case.join("out");
        let mut c = darkroom();
        match f.command {
            "strip" => c.arg("strip").arg(&input).arg("-o").arg(&out),
            // The seed export is sealed to the fuzzing identity.
            "open" | "export" => c
                .args(["newsroom", "open"])
                .arg(&input)
                .arg("-i")
                .arg(if f.command == "open" {
                    n.identity.clone()
                } else {
                    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/fuzz-identity.txt")
                })
                .arg("-o")
                .arg(&out),
            _ => c
                .arg("verify")
                .arg(&input)
                .arg("--keys")
                .arg(&n.keys)
                .arg("--insecure-dev-keys"),
        };
        let o = run(&mut c);
        let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
        let lines: Vec<&str> = stderr.lines().collect();
        let said = lines.join(" / ");
        // An export with bad members is still opened: what it holds is
        // reported, members outside the format are not written.
        let exported_problem = f.command == "export"
            && std::fs::read_to_string(out.join("report.json")).is_ok_and(|r| r.contains(f.needle));
        // A proof that reads but does not verify is a check that failed
        // (exit 3, src/exit.rs); every other hostile file is refused (1).
        let code = if f.name == "verify: forged proof bytes" {
            3
        } else {
            1
        };
        let refused = o.status.code() == Some(code)
            && lines.len() == 1
            && lines[0].contains(f.needle)
            && !out.exists();
        if !(refused || exported_problem) {
            wrong.push(format!(
                "{}: exit {:?}, output {}, said {said:?}",
                f.name,
                o.status.code(),
                if out.exists() { "written" } else { "absent" }
            ));
        }
        if exported_problem {
            // The good members were opened; the hostile one was written
            // nowhere, inside the output folder or out of it.
            for (path, _) in crate::server_live::every_file(&dir) {
                assert!(
                    !path.to_string_lossy().contains("evil"),
                    "{}: wrote {}",
                    f.name,
                    path.display()
                );
            }
            assert!(!Path::new("/etc/evil").exists());
        }
        assert!(!said.contains("panicked"), "{}: {said}", f.name);
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_catalogue_has_at_least_50_named_inputs() {
    let names: Vec<&str> = server_catalogue()
        .iter()
        .map(|r| r.name)
        .chain(file_catalogue().iter().map(|f| f.name))
        .collect();
    let unique: BTreeSet<&str> = names.iter().copied().collect();
    assert_eq!(unique.len(), names.len(), "a name used twice");
    assert!(names.len() >= 50, "{} named inputs", names.len());
}

//! `darkroom newsroom open` on export archives, as the offline newsroom
//! runs it: every check, the report, no network, and hostile exports that
//! must be flagged without anything escaping the output folder.

use std::io::Read;
use std::path::Path;
use std::process::Command;

use darkroom_core::export::{Entry, Index};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::server_util::{newsroom, photo};
use crate::util::*;

/// One member of a hand-made archive: a raw path, a type, the data.
struct Member {
    path: String,
    kind: tar::EntryType,
    data: Vec<u8>,
    /// A size to claim instead of the data's.
    claimed: Option<u64>,
}

fn file(path: &str, data: Vec<u8>) -> Member {
    Member {
        path: format!("darkroom-export/{path}"),
        kind: tar::EntryType::Regular,
        data,
        claimed: None,
    }
}

struct Sub {
    designation: String,
    envelope: Vec<u8>,
    proof: Option<Vec<u8>>,
    label: &'static str,
}

fn sub(designation: &str, envelope: &[u8], proof: Option<&[u8]>) -> Sub {
    Sub {
        designation: designation.into(),
        envelope: envelope.to_vec(),
        proof: proof.map(<[u8]>::to_vec),
        label: if proof.is_some() {
            "attested"
        } else {
            "no proof"
        },
    }
}

fn hex_sha(b: &[u8]) -> String {
    hex::encode(Sha256::digest(b))
}

/// The members of a well-formed export of `subs`, as the server writes
/// them.
fn members(subs: &[Sub]) -> Vec<Member> {
    members_edit(subs, |_| {})
}

/// The same, with the index changed by `edit` before it is listed in
/// `SHA256SUMS`.
fn members_edit(subs: &[Sub], edit: impl FnOnce(&mut Index)) -> Vec<Member> {
    let mut out = Vec::new();
    let mut sums = String::new();
    let mut entries = Vec::new();
    for s in subs {
        let envelope = format!("{}/envelope.age", s.designation);
        sums.push_str(&format!("{}  {envelope}\n", hex_sha(&s.envelope)));
        out.push(file(&envelope, s.envelope.clone()));
        let proof = s.proof.as_ref().map(|p| {
            let path = format!("{}/proof.json", s.designation);
            sums.push_str(&format!("{}  {path}\n", hex_sha(p)));
            out.push(file(&path, p.clone()));
            path
        });
        entries.push(Entry {
            designation: s.designation.clone(),
            arrival_day: "2026-11-26".into(),
            size: s.envelope.len() as u64,
            label: s.label.into(),
            window: None,
            region: None,
            envelope,
            envelope_sha256: hex_sha(&s.envelope),
            proof,
            source: None,
        });
    }
    let mut index = Index {
        format: "darkroom-export".into(),
        version: 1,
        created_day: "2026-11-27".into(),
        submissions: entries,
    };
    edit(&mut index);
    let index = serde_json::to_vec(&index).unwrap();
    sums.push_str(&format!("{}  export.json\n", hex_sha(&index)));
    out.push(file("export.json", index));
    out.push(file("SHA256SUMS", sums.into_bytes()));
    out
}

/// Writes members with their raw paths (the tar crate's own path checks
/// would refuse the hostile ones).
fn write_tar(path: &Path, members: &[Member]) {
    let mut b = tar::Builder::new(std::fs::File::create(path).unwrap());
    for m in members {
        let mut h = tar::Header::new_ustar();
        let name = m.path.as_bytes();
        h.as_old_mut().name[..name.len()].copy_from_slice(name);
        h.set_entry_type(m.kind);
        h.set_mode(0o644);
        h.set_size(m.claimed.unwrap_or(m.data.len() as u64));
        if m.kind == tar::EntryType::Symlink {
            h.set_link_name("/etc/passwd").unwrap();
        }
        h.set_cksum();
        b.append(&h, &m.data[..]).unwrap();
    }
    b.into_inner().unwrap();
}

fn open(export: &Path, out: &Path) -> Command {
    let n = newsroom();
    let mut c = newsroom_open(export, &n.identity, out);
    c.arg("--insecure-dev-keys")
        .arg("--keys")
        .arg(&n.keys)
        .arg("--registry")
        .arg(&n.registry);
    c
}

fn report(out: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(out.join("report.json")).unwrap()).unwrap()
}

fn by_designation<'a>(report: &'a Value, d: &str) -> &'a Value {
    report["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["designation"] == d)
        .unwrap_or_else(|| panic!("{d} in {report}"))
}

fn digest_of(path: &Path) -> String {
    ok(darkroom().arg("digest").arg(path))
        .split_whitespace()
        .next()
        .unwrap()
        .to_string()
}

#[test]
fn an_export_opens_offline_with_every_check_and_a_report() {
    let n = newsroom();
    let dir = scratch("newsroom-export");
    // A second identity, passphrase-protected, holds one of the envelopes.
    let pass = dir.join("pass.txt");
    std::fs::write(&pass, "correct horse battery staple\n").unwrap();
    let key2 = dir.join("second.key");
    let recipient2 = ok(darkroom()
        .args(["newsroom", "keygen", "--passphrase", "-o"])
        .arg(&key2)
        .env("DARKROOM_PASSPHRASE_FILE", &pass));
    let env2 = dir.join("second.age");
    ok(&mut seal(&photo(), recipient2.trim(), &env2));
    // A third, from the reference age-keygen.
    let (key3, recipient3) = age_keygen(&dir, "age-keygen.key").expect("age-keygen");
    let env3 = dir.join("third.age");
    ok(&mut seal(&photo(), &recipient3, &env3));
    let export = dir.join("export.tar");
    write_tar(
        &export,
        &members(&[
            sub("amber-fox-1", &n.envelope_plain, None),
            sub("calm-owl-2", &n.envelope_proven, Some(&n.bundle)),
            sub("quiet-lynx-3", &std::fs::read(&env2).unwrap(), None),
            sub("tidal-wren-4", &std::fs::read(&env3).unwrap(), None),
        ]),
    );

    // No network at all: a namespace with no interfaces.
    let out = dir.join("out");
    let mut c = open(&export, &out);
    c.arg("-i").arg(&key2).arg("-i").arg(&key3);
    let unshare = require!("unshare");
    let mut offline = Command::new(unshare);
    offline.arg("-n").arg(c.get_program()).args(c.get_args());
    offline.env("DARKROOM_PASSPHRASE_FILE", &pass);
    let said = ok(&mut offline);
    assert!(said.contains("4 of 4 submission(s) opened"), "{said}");

    let r = report(&out);
    assert_eq!(r["format"], "darkroom-newsroom-report");
    for d in ["amber-fox-1", "calm-owl-2", "quiet-lynx-3", "tidal-wren-4"] {
        let s = by_designation(&r, d);
        assert_eq!(s["status"], "ok", "{s}");
        let written = out.join(s["file"].as_str().unwrap());
        assert_eq!(
            digest_of(&written),
            digest_of(&n.signed_photo),
            "the stripped photo"
        );
        assert!(s["findings"].to_string().contains("GPS"), "{s}");
        assert!(!s["residual_risks"].as_array().unwrap().is_empty());
    }
    let proven = by_designation(&r, "calm-owl-2");
    assert_eq!(proven["proof"]["verdict"], "valid", "{proven}");
    assert!(proven["proof"]["window"]
        .as_str()
        .unwrap()
        .starts_with("between "));
    let text = proven["proof"]["text"].as_str().unwrap();
    assert!(text.contains("the registry is one you trust"), "{text}");
    assert!(text.contains("captured by one of 32 devices"), "{text}");

    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("Content-Security-Policy") && html.contains("default-src 'none'"));
    assert_eq!(
        html.matches("src=\"data:image/jpeg;base64,").count(),
        4,
        "a thumbnail each"
    );
    for external in ["http:", "https:", "<script", "src=\"/", "href="] {
        assert!(
            !html.contains(external),
            "the report loads nothing: {external}"
        );
    }
    assert!(html.contains("Metadata the source removed") && html.contains("Residual risks"));

    // The extracted folder opens the same way, and without --keys the
    // proof is matched to its file but reported as not verified.
    ok(Command::new("tar")
        .arg("-xf")
        .arg(&export)
        .arg("-C")
        .arg(&dir));
    let out2 = dir.join("out2");
    let said = ok(
        newsroom_open(&dir.join("darkroom-export"), &n.identity, &out2)
            .arg("-i")
            .arg(&key2)
            .arg("-i")
            .arg(&key3)
            .env("DARKROOM_PASSPHRASE_FILE", &pass),
    );
    assert!(said.contains("4 of 4"), "{said}");
    assert_eq!(
        by_designation(&report(&out2), "calm-owl-2")["proof"]["verdict"],
        "not checked"
    );
    // With the keys but no registry the newsroom trusts, a valid proof is
    // reported as naming an untrusted registry, never as valid.
    let out3 = dir.join("out3");
    ok(
        newsroom_open(&dir.join("darkroom-export"), &n.identity, &out3)
            .args(["-i"])
            .arg(&key2)
            .arg("-i")
            .arg(&key3)
            .arg("--insecure-dev-keys")
            .arg("--keys")
            .arg(&n.keys)
            .env("DARKROOM_PASSPHRASE_FILE", &pass),
    );
    let r3 = report(&out3);
    let proof = &by_designation(&r3, "calm-owl-2")["proof"];
    assert_eq!(proof["verdict"], "untrusted registry", "{proof}");
    assert!(
        proof["text"].as_str().unwrap().starts_with("UNTRUSTED"),
        "{proof}"
    );
    let html = std::fs::read_to_string(out3.join("report.html")).unwrap();
    assert!(!html.contains("VALID:") && html.contains("UNTRUSTED"));
}

#[test]
fn a_proof_for_another_image_is_flagged_at_the_top_and_in_the_exit_code() {
    let n = newsroom();
    let dir = scratch("newsroom-mismatch");
    let export = dir.join("export.tar");
    // A valid proof of the same capture, but committing with another
    // opening: it is not a proof about this envelope's file.
    write_tar(
        &export,
        &members(&[
            sub("amber-fox-1", &n.envelope_plain, None),
            sub("calm-owl-2", &n.envelope_proven, Some(&n.proof_only)),
        ]),
    );
    let out = dir.join("out");
    let o = run(&mut open(&export, &out));
    assert_eq!(
        o.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("PROOF DOES NOT MATCH THIS IMAGE"));
    let r = report(&out);
    assert_eq!(
        by_designation(&r, "calm-owl-2")["proof"]["verdict"],
        "does not match this image"
    );
    assert_eq!(
        by_designation(&r, "amber-fox-1")["status"],
        "ok",
        "the others are still opened"
    );
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    let alarm = html.find("PROOF DOES NOT MATCH THIS IMAGE").unwrap();
    assert!(
        alarm < html.find("<section>").unwrap(),
        "the alarm comes before every entry"
    );
}

/// The plaintext of an envelope, and the same envelope re-sealed with a
/// changed plaintext.
fn reseal(envelope: &[u8], edit: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
    let n = newsroom();
    let key = std::fs::read_to_string(&n.identity).unwrap();
    let identity: darkroom_core::hybrid::Identity = key
        .lines()
        .find(|l| l.starts_with("AGE-SECRET-KEY-PQ-"))
        .unwrap()
        .parse()
        .unwrap();
    let decryptor = age::Decryptor::new(envelope).unwrap();
    let mut plain = Vec::new();
    decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .unwrap()
        .read_to_end(&mut plain)
        .unwrap();
    edit(&mut plain);
    let recipient = identity.to_public();
    let mut out = Vec::new();
    let mut w = age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
        .unwrap()
        .wrap_output(&mut out)
        .unwrap();
    std::io::Write::write_all(&mut w, &plain).unwrap();
    w.finish().unwrap();
    out
}

#[test]
fn hostile_exports_are_flagged_and_nothing_escapes_the_output_folder() {
    let n = newsroom();
    let dir = scratch("newsroom-hostile");
    let work = dir.join("work");
    std::fs::create_dir_all(&work).unwrap();

    // Envelopes a compromised server, or a damaged copy, could hand over.
    let (_, stranger) = our_keygen(&dir, "stranger.key");
    let foreign = dir.join("foreign.age");
    ok(&mut seal(&photo(), &stranger, &foreign));
    let truncated = n.envelope_plain[..n.envelope_plain.len() - 1000].to_vec();
    let wrong_digest = reseal(&n.envelope_plain, |plain| {
        let key = b"\"content_digest\":\"";
        let at = plain.windows(key.len()).position(|w| w == key).unwrap() + key.len();
        plain[at] = if plain[at] == b'0' { b'1' } else { b'0' };
    });
    let html = dir.join("html.age");
    ok(seal(&photo(), &n.recipient, &html)
        .args(["--file-name", "<b onmouseover=alert(1)>x.jpg"])
        .args(["--message", "<img src=x onerror=alert(2)> & \"quotes\""]));
    // A valid bundle from other keys.
    let other_keys = dir.join("other-keys");
    ok(darkroom().args(["setup", "--dev", "-o"]).arg(&other_keys));
    let other_signed = dir.join("other.age");
    ok(seal(&n.signed_photo, &n.recipient, &other_signed)
        .arg("--prove")
        .arg("--registry")
        .arg(&n.registry)
        .arg("--keys")
        .arg(&other_keys));
    let other_bundle = std::fs::read(dir.join("other.age.proof.json")).unwrap();

    let mut m = members_edit(
        &[
            sub("good-one-1", &n.envelope_plain, None),
            sub("foreign-key-2", &std::fs::read(&foreign).unwrap(), None),
            sub("truncated-3", &truncated, None),
            sub("wrong-digest-4", &wrong_digest, None),
            sub("html-5", &std::fs::read(&html).unwrap(), None),
            sub(
                "other-circuit-6",
                &std::fs::read(&other_signed).unwrap(),
                Some(&other_bundle),
            ),
            sub("twice-9", &n.envelope_plain, None),
        ],
        // The index names one designation twice.
        |index| {
            let again = index.submissions[0].clone();
            index.submissions.push(again);
        },
    );
    // And the archive holds one member twice.
    m.push(file("twice-9/envelope.age", n.envelope_proven.clone()));
    // Members the format does not allow.
    let evil = |path: &str, kind| Member {
        path: path.into(),
        kind,
        data: if kind == tar::EntryType::Regular {
            b"escaped".to_vec()
        } else {
            Vec::new()
        },
        claimed: None,
    };
    m.insert(
        0,
        evil(
            "darkroom-export/../../escape-dotdot.txt",
            tar::EntryType::Regular,
        ),
    );
    m.insert(
        0,
        evil(
            &format!("{}/escape-absolute.txt", work.display()),
            tar::EntryType::Regular,
        ),
    );
    m.insert(
        0,
        evil(
            "darkroom-export/link-7/envelope.age",
            tar::EntryType::Symlink,
        ),
    );
    m.insert(
        0,
        evil(
            "darkroom-export/device-8/envelope.age",
            tar::EntryType::Char,
        ),
    );
    m.insert(
        0,
        evil(
            "darkroom-export/good-one-1/../../../escape.txt",
            tar::EntryType::Regular,
        ),
    );
    let export = dir.join("hostile.tar");
    write_tar(&export, &m);

    let out = work.join("out");
    let o = run(&mut open(&export, &out));
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert_eq!(o.status.code(), Some(3), "an invalid proof: {err}");
    assert!(!err.contains("panicked"), "{err}");

    let r = report(&out);
    let problems = r["problems"].to_string();
    for needle in [
        "escape-dotdot",
        "escape-absolute",
        "link-7",
        "device-8",
        "escape.txt",
    ] {
        assert!(problems.contains(needle), "{needle} flagged: {problems}");
    }
    let status = |d: &str| by_designation(&r, d).clone();
    assert_eq!(status("good-one-1")["status"], "ok");
    let dup = r["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["designation"] == "good-one-1")
        .nth(1)
        .unwrap();
    assert!(
        dup["problems"].to_string().contains("appears twice"),
        "{dup}"
    );
    for (d, why) in [
        ("foreign-key-2", "key"),
        ("truncated-3", "truncated"),
        ("wrong-digest-4", "digest"),
        ("twice-9", "appears twice"),
    ] {
        let s = status(d);
        assert_eq!(s["status"], "error", "{s}");
        assert!(
            s["problems"]
                .to_string()
                .to_lowercase()
                .contains(&why.to_lowercase()),
            "{d}: {s}"
        );
        assert!(!out.join(d).exists(), "nothing written for {d}");
    }
    let other = status("other-circuit-6");
    assert_eq!(other["proof"]["verdict"], "invalid");
    assert!(
        other["proof"]["text"].as_str().unwrap().contains("circuit"),
        "{other}"
    );

    // HTML in names and messages is text, never markup.
    let page = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(
        !page.contains("<b onmouseover") && !page.contains("<img src=x"),
        "escaped"
    );
    assert!(
        page.contains("&#60;b onmouseover=alert(1)&#62;x.jpg"),
        "shown as text"
    );
    assert!(page.contains("&#60;img src=x onerror=alert(2)&#62; &#38; &#34;quotes&#34;"));

    // Nothing escaped: the work folder holds only the output, and the output
    // only designation folders and the two reports.
    assert_eq!(listing(&work), ["out"]);
    for name in listing(&out) {
        let p = out.join(&name);
        assert!(
            name == "report.json" || name == "report.html" || (p.is_dir() && !p.is_symlink()),
            "{name}"
        );
    }
    assert!(!dir.join("escape-dotdot.txt").exists() && !Path::new("/escape.txt").exists());

    // An extracted export where an envelope, and another's folder, are links.
    let good = dir.join("good.tar");
    write_tar(
        &good,
        &members(&[
            sub("kept-1", &n.envelope_plain, None),
            sub("linked-2", &n.envelope_plain, None),
            sub("folder-3", &n.envelope_plain, None),
        ]),
    );
    let x = dir.join("extracted");
    std::fs::create_dir_all(&x).unwrap();
    ok(Command::new("tar").arg("-xf").arg(&good).arg("-C").arg(&x));
    let root = x.join("darkroom-export");
    std::fs::remove_file(root.join("linked-2/envelope.age")).unwrap();
    std::os::unix::fs::symlink(
        root.join("kept-1/envelope.age"),
        root.join("linked-2/envelope.age"),
    )
    .unwrap();
    std::fs::rename(root.join("folder-3"), x.join("elsewhere")).unwrap();
    std::os::unix::fs::symlink(x.join("elsewhere"), root.join("folder-3")).unwrap();
    let out = work.join("out-links");
    let o = run(&mut newsroom_open(&root, &n.identity, &out));
    assert_eq!(o.status.code(), Some(1));
    let r = report(&out);
    assert_eq!(by_designation(&r, "kept-1")["status"], "ok");
    for d in ["linked-2", "folder-3"] {
        assert_eq!(by_designation(&r, d)["status"], "error", "{d}: {r}");
    }
}

#[test]
fn oversize_and_broken_indexes_get_one_clear_error() {
    let n = newsroom();
    let dir = scratch("newsroom-bombs");
    let mut m = members(&[sub("a-1", &n.envelope_plain, None)]);
    // export.json claims 300 MiB (the archive ends long before).
    let index = m
        .iter_mut()
        .find(|x| x.path.ends_with("export.json"))
        .unwrap();
    index.claimed = Some(300 << 20);
    index.data = Vec::new();
    let export = dir.join("bomb.tar");
    write_tar(&export, &m[..m.len() - 1]);
    fails(
        &mut open(&export, &dir.join("out")),
        "export.json is 314572800 bytes",
    );

    let mut m = members(&[sub("a-1", &n.envelope_plain, None)]);
    m.retain(|x| !x.path.ends_with("export.json"));
    let export = dir.join("no-index.tar");
    write_tar(&export, &m);
    fails(&mut open(&export, &dir.join("out2")), "no export.json");

    let mut m = members(&[sub("a-1", &n.envelope_plain, None)]);
    let index = m
        .iter_mut()
        .find(|x| x.path.ends_with("export.json"))
        .unwrap();
    index.data = b"{\"format\":\"something-else\"}".to_vec();
    let export = dir.join("bad-index.tar");
    write_tar(&export, &m);
    fails(&mut open(&export, &dir.join("out3")), "export index");
    assert!(!dir.join("out3").exists() || listing(&dir.join("out3")).is_empty());
}

use std::fs;
use std::path::Path;

use crate::util::*;

fn sample_jpeg(dir: &Path) -> std::path::PathBuf {
    let p = dir.join("photo.jpg");
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo-photo.jpg"),
        &p,
    )
    .unwrap();
    p
}

#[test]
fn usage_errors_exit_2() {
    let out = run(&mut darkroom());
    assert_eq!(out.status.code(), Some(2));
    let out = run(darkroom().args(["strip", "x.jpg"]));
    assert_eq!(out.status.code(), Some(2), "missing -o is a usage error");
}

/// Every subcommand, given something that is not there (a file, a
/// folder, a server nobody listens on), refuses with exit code 1 and one
/// line that names it, and writes nothing; `--help` says what each exit
/// code means. The list is checked against `darkroom --help`, so a new
/// subcommand must join it.
#[test]
fn every_command_refuses_what_is_not_there_with_exit_1_and_one_line() {
    let dir = scratch("cli-refusals");
    let missing = dir.join("missing");
    let m = missing.to_str().unwrap();
    let out = dir.join("out");
    let o = out.to_str().unwrap();
    let nobody = "http://127.0.0.1:9";
    // A path under a file: nothing can be made there.
    fs::write(dir.join("a-file"), b"").unwrap();
    let under_file = dir.join("a-file").join("keys");
    let f = under_file.to_str().unwrap();
    let key = "RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3";
    let cases: Vec<(&str, Vec<&str>, &str)> = vec![
        ("strip", vec![m, "-o", o], "missing"),
        ("digest", vec![m], "missing"),
        (
            "seal",
            vec![m, "--to", "age1x", "-o", o],
            "not a newsroom key",
        ),
        (
            "setup",
            vec!["--dev", "--output", f, "--statement", "v2"],
            "Not a directory",
        ),
        ("ceremony", vec!["verify", m, "--ptau", m], "missing"),
        ("capture", vec!["sign", m, "--key", m, "-o", o], "missing"),
        ("registry", vec!["root", m], "missing"),
        (
            "prove",
            vec![m, "-o", o, "--opening-out", o, "--registry", m, "--keys", m],
            "missing",
        ),
        ("publish", vec![m, "-o", o, "--proof", m], "missing"),
        ("verify", vec![m, "--keys", m], "missing"),
        (
            "export",
            vec!["snarkjs", m, "--keys", m, "-o", o],
            "missing",
        ),
        (
            "newsroom",
            vec!["open", m, "--identity", m, "-o", o],
            "missing",
        ),
        ("doctor", vec!["--config", m, "--torrc", m], "missing"),
        ("serve", vec!["--config", m], "missing"),
        ("submit", vec![m, "--server", nobody], "missing"),
        (
            "inbox",
            vec!["--server", nobody, "--codename-file", m],
            "missing",
        ),
        (
            "check-server",
            vec![nobody, "--newsroom-key", key],
            "127.0.0.1:9",
        ),
        ("admin", vec!["torrc", "--config", m], "missing"),
        ("demo", vec!["--dir", o, m], "missing"),
    ];
    let help = ok(darkroom().arg("--help"));
    let listed: Vec<&str> = help
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .collect();
    let named: Vec<&str> = cases.iter().map(|(c, _, _)| *c).collect();
    assert_eq!(listed, named, "every subcommand's refusal is walked");
    for code in [
        "0  done",
        "1  refused",
        "2  usage",
        "3  checked, and it does NOT hold",
    ] {
        assert!(
            help.contains(code),
            "--help documents exit {code:?}: {help}"
        );
    }
    for (command, args, needle) in cases {
        if command == "doctor" {
            // A deployment check: it reports every check on its own line
            // and exits 3 when one fails.
            let out = run(darkroom().arg(command).args(&args));
            let said = String::from_utf8_lossy(&out.stdout);
            assert_eq!(out.status.code(), Some(3), "{said}");
            assert!(said.contains("FAIL  configuration: cannot read"), "{said}");
            assert!(said.contains(needle), "{said}");
            continue;
        }
        let said = fails(darkroom().arg(command).args(&args), needle);
        assert!(said.starts_with("darkroom: "), "{command}: {said}");
        assert!(!out.exists(), "{command} wrote {o}");
    }
}

#[test]
fn strip_writes_file_and_report() {
    let dir = scratch("cli-strip");
    let photo = sample_jpeg(&dir);
    let out = ok(darkroom()
        .arg("strip")
        .arg(&photo)
        .arg("-o")
        .arg(dir.join("clean.jpg"))
        .arg("--report-json")
        .arg(dir.join("report.json")));
    assert!(out.contains("GPS position"), "{out}");
    let report: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.join("report.json")).unwrap()).unwrap();
    assert_eq!(report["kind"], "jpeg");
    assert_eq!(report["metadata_removed"], true);
    let removed = report_list(&report, "removed", "name");
    assert!(
        removed.contains(&"APP1 Exif") && removed.contains(&"COM comment"),
        "{removed:?}"
    );
    // The report names what it found, never the values.
    let text = fs::read_to_string(dir.join("report.json")).unwrap();
    assert!(
        !text.contains("Jane") && !text.contains("SN-0000"),
        "{text}"
    );
    assert_eq!(listing(&dir), ["clean.jpg", "photo.jpg", "report.json"]);
}

#[test]
fn digest_is_unchanged_by_strip() {
    let dir = scratch("cli-digest");
    let photo = sample_jpeg(&dir);
    let clean = dir.join("clean.jpg");
    ok(darkroom().arg("strip").arg(&photo).arg("-o").arg(&clean));
    let a = ok(darkroom().arg("digest").arg(&photo));
    let b = ok(darkroom().arg("digest").arg(&clean));
    assert_eq!(a, b);
    assert_eq!(a.trim().len(), 64);
}

#[test]
fn seal_and_open_round_trip() {
    let dir = scratch("cli-roundtrip");
    let photo = sample_jpeg(&dir);
    let (key, recipient) = our_keygen(&dir, "newsroom.key");
    let clean = dir.join("clean.jpg");
    ok(darkroom().arg("strip").arg(&photo).arg("-o").arg(&clean));
    let env = dir.join("photo.age");
    let out = ok(darkroom()
        .arg("seal")
        .arg(&photo)
        .args([
            "--to",
            &recipient,
            "--message",
            "meet at the usual place",
            "-o",
        ])
        .arg(&env));
    let commitment = out
        .lines()
        .find_map(|l| l.strip_prefix("commitment: "))
        .expect("commitment printed")
        .to_string();
    let opened = dir.join("opened");
    ok(&mut newsroom_open(&env, &key, &opened));
    assert_eq!(listing(&opened), ["photo.jpg", "photo.jpg.manifest.json"]);
    assert_eq!(
        fs::read(opened.join("photo.jpg")).unwrap(),
        fs::read(&clean).unwrap()
    );
    let m: serde_json::Value =
        serde_json::from_slice(&fs::read(opened.join("photo.jpg.manifest.json")).unwrap()).unwrap();
    assert_eq!(m["manifest"]["message"], "meet at the usual place");
    assert_eq!(m["commitment"], commitment.as_str());
    // The ciphertext's size is a bucket, not the file's size.
    let size = fs::metadata(&env).unwrap().len();
    assert!(size >= 64 * 1024, "{size}");

    // Opening again never overwrites: the second copy gets a new name.
    ok(&mut newsroom_open(&env, &key, &opened));
    assert_eq!(
        listing(&opened),
        [
            "photo (2).jpg",
            "photo (2).jpg.manifest.json",
            "photo.jpg",
            "photo.jpg.manifest.json"
        ]
    );
}

#[test]
fn hostile_images_leave_nothing_behind() {
    let dir = scratch("cli-hostile");
    let good =
        fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo-photo.jpg")).unwrap();
    let (_, recipient) = our_keygen(&dir, "newsroom.key");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.jpg", vec![], "empty"),
        ("truncated.jpg", good[..good.len() / 2].to_vec(), "damaged"),
        (
            "text.jpg",
            b"this is not a photo".to_vec(),
            "named like a JPEG",
        ),
        (
            "past-end.jpg",
            vec![0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xF0, 0, 0],
            "damaged",
        ),
        (
            "bad.png",
            b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec(),
            "damaged",
        ),
        (
            "bad.webp",
            b"RIFF\x10\0\0\0WEBPVP8 \x20\0\0\0".to_vec(),
            "damaged",
        ),
        (
            "wrong.webp",
            b"\x89PNG\r\n\x1a\n".to_vec(),
            "named like a WebP",
        ),
    ];
    for (name, bytes, needle) in cases {
        let case = dir.join(name.replace('.', "-"));
        fs::create_dir_all(&case).unwrap();
        let input = case.join(name);
        fs::write(&input, &bytes).unwrap();
        fails(
            darkroom()
                .arg("strip")
                .arg(&input)
                .arg("-o")
                .arg(case.join("out")),
            needle,
        );
        fails(&mut seal(&input, &recipient, case.join("out.age")), needle);
        assert_eq!(listing(&case), [name], "{name}: nothing written");
    }
}

#[test]
fn bad_arguments_get_one_clear_sentence() {
    let dir = scratch("cli-args");
    let photo = sample_jpeg(&dir);
    fails(
        &mut seal(&photo, "age1notakey", dir.join("x.age")),
        "is not a newsroom key",
    );
    fails(
        darkroom()
            .arg("strip")
            .arg(dir.join("missing.jpg"))
            .arg("-o")
            .arg(dir.join("x.jpg")),
        "cannot open",
    );
    fails(
        darkroom()
            .arg("strip")
            .arg(&dir)
            .arg("-o")
            .arg(dir.join("x.jpg")),
        "is a folder",
    );
    let long = dir.join("long.txt");
    fs::write(&long, "x".repeat(300 * 1024)).unwrap();
    let recipient = "age1n5fv2aef72f3pg4wtnaex7897z4k9euggsekdek8fka4dk5e3aaqye9znf";
    fails(
        darkroom()
            .arg("seal")
            .arg(&photo)
            .args(["--to", recipient, "--message-file"])
            .arg(&long)
            .arg("-o")
            .arg(dir.join("x.age")),
        "message is too long",
    );
    let binary = dir.join("binary.txt");
    fs::write(&binary, [0xFF, 0xFE, 0x00]).unwrap();
    fails(
        darkroom()
            .arg("seal")
            .arg(&photo)
            .args(["--to", recipient, "--message-file"])
            .arg(&binary)
            .arg("-o")
            .arg(dir.join("x.age")),
        "is not UTF-8 text",
    );
    assert_eq!(listing(&dir), ["binary.txt", "long.txt", "photo.jpg"]);
}

#[test]
fn keygen_never_overwrites_and_is_private() {
    let dir = scratch("cli-keygen");
    let (key, recipient) = our_keygen(&dir, "k.txt");
    assert!(recipient.starts_with("age1"), "{recipient}");
    let before = fs::read(&key).unwrap();
    fails(
        darkroom().args(["newsroom", "keygen", "-o"]).arg(&key),
        "already exists",
    );
    assert_eq!(fs::read(&key).unwrap(), before);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            fs::metadata(&key).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
}

#[test]
fn passphrase_protected_identity() {
    let dir = scratch("cli-passphrase");
    let pass = dir.join("pass.txt");
    fs::write(&pass, "correct horse battery staple\n").unwrap();
    let key = dir.join("k.age");
    let out = ok(darkroom()
        .args(["newsroom", "keygen", "--passphrase", "-o"])
        .arg(&key)
        .env("DARKROOM_PASSPHRASE_FILE", &pass));
    let recipient = out.trim().to_string();
    let text = fs::read_to_string(&key).unwrap();
    assert!(
        text.starts_with("-----BEGIN AGE ENCRYPTED FILE-----"),
        "{text}"
    );
    assert!(!text.contains("AGE-SECRET-KEY"));

    let photo = sample_jpeg(&dir);
    let env = dir.join("p.age");
    ok(&mut seal(&photo, &recipient, &env));
    ok(newsroom_open(&env, &key, dir.join("out")).env("DARKROOM_PASSPHRASE_FILE", &pass));
    fs::write(&pass, "wrong\n").unwrap();
    fails(
        newsroom_open(&env, &key, dir.join("out2")).env("DARKROOM_PASSPHRASE_FILE", &pass),
        "wrong passphrase",
    );

    // A key wrapped with more work than darkroom will do is refused as
    // such, not as a wrong passphrase (the header's work factor is read
    // before any work is done, so the edit is never reached by its MAC).
    fs::write(&pass, "correct horse battery staple\n").unwrap();
    let unwrapped = dir.join("plain.key");
    let plain_recipient = ok(darkroom()
        .args(["newsroom", "keygen", "-o"])
        .arg(&unwrapped));
    let env = dir.join("p2.age");
    ok(&mut seal(&photo, plain_recipient.trim(), &env));
    let wrapped = wrap_with_work(&fs::read(&unwrapped).unwrap(), 10);
    let light = dir.join("light.age");
    fs::write(&light, &wrapped).unwrap();
    ok(newsroom_open(&env, &light, dir.join("out3")).env("DARKROOM_PASSPHRASE_FILE", &pass));
    let heavy = dir.join("heavy.age");
    let at = wrapped
        .windows(4)
        .position(|w| w == b" 10\n")
        .expect("the scrypt stanza names its work factor");
    let mut edited = wrapped.clone();
    edited[at..at + 4].copy_from_slice(b" 23\n");
    fs::write(&heavy, &edited).unwrap();
    fails(
        newsroom_open(&env, &heavy, dir.join("out4")).env("DARKROOM_PASSPHRASE_FILE", &pass),
        "asks for more passphrase work (scrypt 2^23)",
    );
    assert!(!dir.join("out2").exists() && !dir.join("out4").exists());
}

/// `text` wrapped with a passphrase as `age -p` would, at scrypt work
/// `2^log_n`, in age's binary format.
fn wrap_with_work(text: &[u8], log_n: u8) -> Vec<u8> {
    use std::io::Write;
    let mut recipient =
        age::scrypt::Recipient::new("correct horse battery staple".to_string().into());
    recipient.set_work_factor(log_n);
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
            .unwrap();
    let mut out = Vec::new();
    let mut w = encryptor.wrap_output(&mut out).unwrap();
    w.write_all(text).unwrap();
    w.finish().unwrap();
    out
}

#[test]
fn hostile_envelopes_are_refused_and_write_nothing() {
    let dir = scratch("cli-envelopes");
    let photo = sample_jpeg(&dir);
    let (key, recipient) = our_keygen(&dir, "ours.key");
    let (_, other) = our_keygen(&dir, "other.key");
    let env = dir.join("good.age");
    ok(&mut seal(&photo, &recipient, &env));
    let good = fs::read(&env).unwrap();

    let to_other = dir.join("other.age");
    ok(&mut seal(&photo, &other, &to_other));
    let mut tampered = good.clone();
    let mid = good.len() / 2;
    tampered[mid] ^= 0x40;
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "other-key",
            fs::read(&to_other).unwrap(),
            "another newsroom key",
        ),
        ("tampered", tampered, "tampered"),
        ("truncated", good[..good.len() - 1000].to_vec(), "truncated"),
        (
            "not-age",
            b"hello, this is not an envelope".to_vec(),
            "not a Darkroom envelope",
        ),
        ("empty", vec![], "not a Darkroom envelope"),
    ];
    for (name, bytes, needle) in cases {
        let path = dir.join(format!("{name}.age"));
        fs::write(&path, bytes).unwrap();
        let out = dir.join(format!("out-{name}"));
        fails(&mut newsroom_open(&path, &key, &out), needle);
        assert!(!out.exists(), "{name}: the output folder was left behind");
    }

    // A folder: the good one opens, the bad ones are named, the exit says so.
    let batch = dir.join("batch");
    fs::create_dir_all(&batch).unwrap();
    fs::write(batch.join("1-good.age"), &good).unwrap();
    fs::write(batch.join("2-bad.age"), b"nope").unwrap();
    let out = run(&mut newsroom_open(&batch, &key, dir.join("batch-out")));
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("2-bad.age") && err.contains("1 of 2"), "{err}");
    assert_eq!(
        listing(&dir.join("batch-out")),
        ["photo.jpg", "photo.jpg.manifest.json"]
    );
}

#[test]
fn demo_runs_end_to_end() {
    let dir = scratch("cli-demo");
    let out = ok(darkroom().arg("demo").arg("--dir").arg(dir.join("demo")));
    assert!(out.contains("DEMO"), "{out}");
    assert!(out.contains("digest checked"), "{out}");
    // The photo was signed by a demo device, the attestation stripped with
    // the rest, and the proof sealed beside the envelope checks out.
    assert!(
        out.contains("removed APP11 Darkroom capture attestation"),
        "{out}"
    );
    // The DEMO registry holds its one device, and says so.
    assert!(
        out.contains("VALID: captured by the only device in registry"),
        "{out}"
    );
    // Part of it is published, and checks.
    assert!(
        out.contains("tiles shown; the rest hidden by the publisher"),
        "{out}"
    );
    assert!(dir.join("demo/public.jpg").exists());
    let opened = dir.join("demo/opened/signed-demo-photo.jpg");
    assert_eq!(
        fs::read(opened).unwrap(),
        fs::read(dir.join("demo/stripped.jpg")).unwrap()
    );
}

#[test]
fn a_file_darkroom_cannot_clean_is_refused_unless_sent_as_is() {
    let dir = scratch("cli-as-is");
    let (key, recipient) = our_keygen(&dir, "newsroom.key");
    // A GIF with a comment naming its author, which Darkroom does not clean.
    let gif_file = dir.join("memo.gif");
    let mut gif = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff".to_vec();
    gif.extend_from_slice(b"\x21\xfe\x0cJane Example\x00");
    gif.extend_from_slice(b"\x2c\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02\x44\x01\x00\x3b");
    fs::write(&gif_file, gif).unwrap();
    let before = listing(&dir);
    let said = fails(
        darkroom()
            .arg("strip")
            .arg(&gif_file)
            .arg("-o")
            .arg(dir.join("clean.gif")),
        "this GIF was refused, because Darkroom cannot remove its metadata",
    );
    assert!(
        said.contains("--send-as-is") && said.lines().count() == 1,
        "{said}"
    );
    fails(
        darkroom()
            .arg("seal")
            .arg(&gif_file)
            .args(["--to", &recipient, "-o"])
            .arg(dir.join("memo.age")),
        "was refused",
    );
    // Refused before the server is contacted: nothing listens on port 9.
    fails(
        darkroom().arg("submit").arg(&gif_file).args([
            "--server",
            "http://127.0.0.1:9",
            "--trust-on-first-use",
        ]),
        "was refused",
    );
    // A file named like a HEIC that is not one is refused as well.
    let fake = dir.join("fake.heic");
    fs::copy(&gif_file, &fake).unwrap();
    fails(
        darkroom()
            .arg("strip")
            .arg(&fake)
            .arg("-o")
            .arg(dir.join("x.heic")),
        "named like a HEIC/HEIF",
    );
    fs::remove_file(&fake).unwrap();
    assert_eq!(listing(&dir), before, "a refusal wrote something");

    // Chosen explicitly, it goes unchanged, and the report says so.
    let out = ok(darkroom()
        .arg("strip")
        .arg(&gif_file)
        .arg("--send-as-is")
        .arg("-o")
        .arg(dir.join("as-is.gif")));
    assert!(out.contains("metadata NOT removed"), "{out}");
    assert_eq!(
        fs::read(dir.join("as-is.gif")).unwrap(),
        fs::read(&gif_file).unwrap()
    );
    let env = dir.join("memo.age");
    ok(darkroom()
        .arg("seal")
        .arg(&gif_file)
        .args(["--send-as-is", "--to", &recipient, "-o"])
        .arg(&env));
    let opened = dir.join("opened");
    ok(&mut newsroom_open(&env, &key, &opened));
    assert_eq!(
        fs::read(opened.join("memo.gif")).unwrap(),
        fs::read(&gif_file).unwrap()
    );
    let m: serde_json::Value =
        serde_json::from_slice(&fs::read(opened.join("memo.gif.manifest.json")).unwrap()).unwrap();
    assert_eq!(m["manifest"]["strip_report"]["metadata_removed"], false);
}

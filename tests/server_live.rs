//! A real `darkroom serve` on 127.0.0.1:0: the CLI source client, admin
//! commands, login over HTTP, a kill -9 mid-upload, configurations it
//! refuses, and a canary that must never reach the disk or the logs.

use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use darkroom_server::auth;

use crate::server::check_archive;
use crate::server_util::*;
use crate::util::*;

pub(crate) fn config(dir: &Path, extra: &str) -> PathBuf {
    let data = dir.join("data");
    let path = dir.join("darkroom.toml");
    std::fs::write(&path, config_toml(newsroom(), &data, extra)).unwrap();
    path
}

/// Starts a server; each start logs to a file of its own.
pub(crate) fn serve(dir: &Path, cfg: &Path) -> Server {
    let runs = std::fs::read_dir(dir)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("server-")
        })
        .count();
    let log = dir.join(format!("server-{runs}.log"));
    Server::start(&[OsStr::new("--config"), cfg.as_os_str()], &log)
}

/// `darkroom submit FILE --server URL --newsroom-key KEY`, with the test
/// newsroom's key.
pub(crate) fn submit(url: &str, file: &Path) -> Command {
    let mut c = darkroom();
    c.arg("submit")
        .arg(file)
        .args(["--server", url, "--newsroom-key", &newsroom().newsroom_key]);
    c
}

/// `submit`, proving the file against the test newsroom's registry and
/// proof keys; add options before running.
pub(crate) fn submit_proved(url: &str, file: &Path) -> Command {
    let n = newsroom();
    let mut c = submit(url, file);
    c.arg("--prove")
        .arg("--registry")
        .arg(&n.registry)
        .arg("--keys")
        .arg(&n.keys);
    c
}

/// The current TOTP code for a base32 secret, from `oathtool` (the OATH
/// Toolkit) when it is installed, else from ours.
pub(crate) fn totp_code(secret: &str) -> String {
    match tool("oathtool") {
        Some(oathtool) => ok(Command::new(oathtool).args(["--totp", "-b", secret]))
            .trim()
            .to_string(),
        None => auth::current_code(secret).unwrap(),
    }
}

/// A logged-in HTTP client for the real server (the TOTP code from
/// [`totp_code`]).
pub(crate) fn log_in(
    url: &str,
    name: &str,
    password: &str,
    secret: &str,
) -> reqwest::blocking::Client {
    let client = reqwest::blocking::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let page = client
        .get(format!("{url}/journalist/login"))
        .send()
        .unwrap()
        .text()
        .unwrap();
    let csrf = page.split("name=\"csrf\" value=\"").nth(1).unwrap()[..64].to_string();
    let code = totp_code(secret);
    let r = client
        .post(format!("{url}/journalist/login"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("name", name),
            ("password", password),
            ("code", &code),
        ])
        .send()
        .unwrap();
    assert_eq!(r.status(), 303, "{}", r.text().unwrap());
    client
}

pub(crate) fn submissions_page(client: &reqwest::blocking::Client, url: &str) -> String {
    client
        .get(format!("{url}/journalist"))
        .send()
        .unwrap()
        .text()
        .unwrap()
}

pub(crate) fn printed_value(out: &str, key: &str) -> String {
    out.lines()
        .find_map(|l| l.trim().strip_prefix(key))
        .unwrap_or_else(|| panic!("{key} in {out}"))
        .trim()
        .to_string()
}

#[test]
fn darkroom_submit_admin_and_login_against_a_real_server() {
    let n = newsroom();
    let dir = scratch("live-submit");
    let cfg = config(&dir, "");
    let server = serve(&dir, &cfg);

    let plain = ok(&mut submit(&server.url, &photo()));
    assert!(plain.contains("label: no proof"), "{plain}");
    assert!(
        plain.contains("GPS"),
        "the source sees what was removed: {plain}"
    );
    let proven = ok(submit_proved(&server.url, &n.signed_photo).args(["--time-window", "day"]));
    assert!(proven.contains("label: proof attached"), "{proven}");
    assert!(proven.contains("camera: one of 32 devices"), "{proven}");
    assert!(proven.contains("newsroom: Test Desk (key "), "{proven}");
    assert!(proven.contains("window: between"), "{proven}");
    let designation = printed_value(&proven, "designation:");

    // Refused before anything is sealed: a registry the newsroom does not trust.
    let other = scratch("live-submit-other");
    let public = ok(darkroom()
        .args(["capture", "keygen", "-o"])
        .arg(other.join("d.key")));
    let (other_registry, _) = registry(&other, &public);
    ok(&mut capture_sign(
        &photo(),
        &other.join("d.key"),
        &other.join("s.jpg"),
    ));
    fails(
        submit(&server.url, &other.join("s.jpg"))
            .arg("--prove")
            .arg("--registry")
            .arg(&other_registry)
            .arg("--keys")
            .arg(&n.keys),
        "is not one the newsroom trusts",
    );
    fails(
        &mut submit("http://127.0.0.1:9", &photo()),
        "cannot reach the Darkroom server",
    );
    fails(
        &mut submit("ftp://x", &photo()),
        "--server must start with http://",
    );

    // A journalist, added by the operator, logs in with password and TOTP.
    let data = dir.join("data");
    let out = ok(darkroom()
        .args(["admin", "add-journalist", "ana", "--data"])
        .arg(&data));
    let password = printed_value(&out, "password:");
    let secret = printed_value(&out, "TOTP secret:");
    assert!(
        out.contains("otpauth://totp/") && out.contains('█'),
        "a terminal QR code: {out}"
    );
    fails(
        darkroom()
            .args(["admin", "add-journalist", "ana", "--data"])
            .arg(&data),
        "already exists",
    );
    fails(
        darkroom()
            .args(["admin", "add-journalist", "Ana Smith", "--data"])
            .arg(&data),
        "not a valid name",
    );
    let client = log_in(&server.url, "ana", &password, &secret);
    let list = submissions_page(&client, &server.url);
    assert!(
        list.contains(&designation) && list.contains("proof attached"),
        "{list}"
    );

    // The operator's export.
    let archive = dir.join("all.tar");
    let said = ok(&mut admin_export(&data, &archive));
    assert!(said.contains("exported 2 submission(s)"), "{said}");
    check_archive(&archive, &scratch("live-submit-export"), 2);
    fails(&mut admin_export(&data, &archive), "already exists");
    fails(
        &mut admin_export(&dir.join("nowhere"), &dir.join("x.tar")),
        "not a Darkroom data directory",
    );

    // Requests leave no trace in the server's output.
    let printed = server.printed();
    for needle in [
        "127.0.0.1:",
        "POST",
        "GET",
        "darkroom/",
        "reqwest",
        "Mozilla",
    ] {
        let found = printed
            .lines()
            .any(|l| l.contains(needle) && !l.starts_with("Darkroom is listening on"));
        assert!(!found, "{needle:?} in the server's output: {printed}");
    }
}

#[test]
fn a_kill_9_mid_upload_leaves_the_whole_submission_or_none() {
    let n = newsroom();
    let dir = scratch("live-kill");
    let cfg = config(&dir, "");
    let data = dir.join("data");
    let mut server = serve(&dir, &cfg);
    // One acknowledged submission.
    ok(&mut submit(&server.url, &photo()));

    // Half of a second upload, then SIGKILL.
    let (ct, body) = multipart(&[("envelope", Some("e.age"), &n.envelope_plain)]);
    let addr = server.url.trim_start_matches("http://").to_string();
    let mut stream = std::net::TcpStream::connect(&addr).unwrap();
    write!(
        stream,
        "POST /api/v1/submissions HTTP/1.1\r\nHost: {addr}\r\nContent-Type: {ct}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .unwrap();
    stream.write_all(&body[..body.len() / 2]).unwrap();
    stream.flush().unwrap();
    let started = std::time::Instant::now();
    while std::fs::read_dir(data.join("tmp")).unwrap().count() == 0 {
        assert!(
            started.elapsed().as_secs() < 30,
            "the upload never reached the disk"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    server.kill();
    assert_eq!(stored(&data).0, 1);

    let server = serve(&dir, &cfg);
    assert!(
        server.printed().contains("removed 1 unfinished upload(s)"),
        "{}",
        server.printed()
    );
    assert_eq!(
        stored(&data),
        (1, 1, 0),
        "the acknowledged one, whole; the cut one, gone"
    );
    drop(stream);
}

#[test]
fn serve_refuses_identities_and_demo_data_and_demo_mode_works() {
    let dir = scratch("live-refusals");
    let n = newsroom();
    let key = std::fs::read_to_string(&n.identity).unwrap();
    let secret_line = key
        .lines()
        .find(|l| l.starts_with("AGE-SECRET-KEY-"))
        .unwrap();
    let bad = dir.join("bad.toml");
    std::fs::write(&bad, format!("recipients = [\"{secret_line}\"]\n")).unwrap();
    let err = fails(
        darkroom().args(["serve", "--config"]).arg(&bad),
        "holds an age identity",
    );
    assert!(!err.contains(secret_line), "the key is not echoed");
    fails(darkroom().arg("serve"), "--demo");
    let typo = dir.join("typo.toml");
    std::fs::write(&typo, "recipients = []\nretention = 3\n").unwrap();
    fails(
        darkroom().args(["serve", "--config"]).arg(&typo),
        "not a valid configuration",
    );

    // Demo mode: keys in the data directory, a journalist, a banner.
    let demo_data = dir.join("demo-data");
    let server = Server::start(
        &[
            OsStr::new("--demo"),
            OsStr::new("--data"),
            demo_data.as_os_str(),
            OsStr::new("--listen"),
            OsStr::new("127.0.0.1:0"),
        ],
        &dir.join("demo.log"),
    );
    let out = server.printed();
    assert!(out.contains("DEMO"), "{out}");
    // A DEMO signing key and manifest, the key on a line of its own.
    let demo_key = printed_key(&out);
    assert!(demo_key.starts_with("RW"), "{out}");
    let manifest: serde_json::Value = serde_json::from_slice(
        &reqwest::blocking::get(format!("{}/.well-known/darkroom/manifest.json", server.url))
            .unwrap()
            .bytes()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(manifest["demo"], true);
    assert_eq!(manifest["signing_key"], demo_key.as_str());
    assert_eq!(manifest["registries"][0]["devices"], 1);
    let password = printed_value(&out, "password:");
    let secret = printed_value(&out, "TOTP secret:");
    let client = log_in(&server.url, "demo", &password, &secret);
    let list = submissions_page(&client, &server.url);
    assert!(
        list.contains("DEMO: this server runs with demo keys"),
        "{list}"
    );
    // The demo device can prove to the demo server.
    let signed = dir.join("signed.jpg");
    ok(&mut capture_sign(
        &photo(),
        &demo_data.join("DEMO-device.key"),
        &signed,
    ));
    // The README's command: the demo's key from its file; its one-device
    // registry is accepted because the manifest says DEMO, and says so.
    let mut c = darkroom();
    c.arg("submit")
        .arg(&signed)
        .args(["--server", &server.url, "--newsroom-key-file"])
        .arg(demo_data.join("DEMO-newsroom-signing.key.pub"));
    let said = ok(c
        .arg("--prove")
        .arg("--registry")
        .arg(demo_data.join("DEMO-registry.json"))
        .arg("--keys")
        .arg(demo_data.join("DEMO-proof-keys")));
    assert!(said.contains("label: proof attached"), "{said}");
    assert!(said.contains("this is a DEMO newsroom"), "{said}");
    drop(server);

    // The demo data directory is refused outside demo mode.
    let cfg = dir.join("real.toml");
    std::fs::write(&cfg, config_toml(n, &demo_data, "")).unwrap();
    fails(
        darkroom().args(["serve", "--config"]).arg(&cfg),
        "DEMO newsroom identity",
    );
}

/// A hosting provider who edits the configuration (no code change) to add
/// its own recipient, trust its own registry or swap the proof keys: the
/// server refuses to start, because the newsroom's manifest says
/// otherwise. So does a server without a manifest, with an expired one, or
/// with one signed by another key.
#[test]
fn serve_refuses_a_configuration_the_newsroom_did_not_sign() {
    let n = newsroom();
    let dir = scratch("live-manifest-refusals");
    let data = dir.join("data");
    let start = |name: &str, toml: String| {
        let path = dir.join(format!("{name}.toml"));
        std::fs::write(&path, toml).unwrap();
        let mut c = darkroom();
        c.args(["serve", "--config"]).arg(&path);
        c
    };
    let base = config_toml(n, &data, "");
    let (_, attacker) = our_keygen(&dir, "attacker.key");
    let edited = base.replace(
        &format!("recipients = [{:?}]", n.recipient),
        &format!("recipients = [{:?}, {attacker:?}]", n.recipient),
    );
    assert_ne!(edited, base);
    fails(&mut start("recipient", edited), "its recipients differ");
    let swapped = base.replace(&n.recipient, &attacker);
    fails(&mut start("swapped", swapped), "its recipients differ");
    let other_root = base.replace(
        &format!("registry_roots = [{:?}]", n.root),
        &format!("registry_roots = [{:?}, \"0x{}\"]", n.root, "07".repeat(32)),
    );
    fails(
        &mut start("root", other_root),
        "which the newsroom did not sign",
    );
    let other_keys = dir.join("other-keys");
    ok(darkroom().args(["setup", "--dev", "-o"]).arg(&other_keys));
    let keys_swapped = base.replace(
        &format!("{:?}", n.keys.join("verifying.key")),
        &format!("{:?}", other_keys.join("verifying.key")),
    );
    fails(&mut start("keys", keys_swapped), "proof keys differ");
    let renamed = base.replace("newsroom = \"Test Desk\"", "newsroom = \"Other Desk\"");
    fails(&mut start("name", renamed), "signed for \"Test Desk\"");
    // The manifest signed by another key than the one configured.
    let (other_key, other_public) = {
        let k = dir.join("other-signing.key");
        let said = ok(darkroom()
            .args(["newsroom", "signing-keygen", "-o"])
            .arg(&k));
        (k, printed_key(&said))
    };
    let wrong_key = base.replace(&n.newsroom_key, &other_public);
    fails(
        &mut start("wrong-key", wrong_key),
        "is not signed by the newsroom key",
    );
    // No manifest at all.
    let without: String = base
        .lines()
        .filter(|l| !l.starts_with("manifest") && !l.starts_with("newsroom_key"))
        .map(|l| format!("{l}\n"))
        .collect();
    fails(&mut start("none", without), "names no newsroom manifest");
    // A manifest that expired: made valid for one day, read a day later
    // is not possible here, so its signature is over a backdated copy.
    let stale = dir.join("stale.json");
    let mut m: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&n.manifest).unwrap()).unwrap();
    m["issued"] = 1_000_000_000u64.into();
    m["expires"] = 1_000_086_400u64.into();
    m["signing_key"] = other_public.clone().into();
    let text = format!("{}\n", serde_json::to_string_pretty(&m).unwrap());
    std::fs::write(&stale, &text).unwrap();
    let sig = dir.join("stale.json.minisig");
    let minisign = tool("minisign");
    if let Some(minisign) = &minisign {
        // Debian's minisign signs with our key file: the formats agree.
        ok(Command::new(minisign)
            .args(["-S", "-s"])
            .arg(&other_key)
            .arg("-m")
            .arg(&stale)
            .arg("-x")
            .arg(&sig));
        let expired = base
            .replace(&format!("{:?}", n.manifest), &format!("{stale:?}"))
            .replace(&n.newsroom_key, &other_public);
        fails(&mut start("expired", expired), "expired on 2001-09-10");
    }
    // A manifest about to expire: the server starts, and warns.
    let soon = dir.join("soon.json");
    ok(sign_manifest(&n.signing_key, &n.recipient, &soon)
        .arg("--registry")
        .arg(&n.registry)
        .arg("--keys")
        .arg(&n.keys)
        .args(["--valid-days", "3"]));
    let soon_cfg = dir.join("soon.toml");
    std::fs::write(
        &soon_cfg,
        base.replace(&format!("{:?}", n.manifest), &format!("{soon:?}")),
    )
    .unwrap();
    let warned = Server::start(
        &[OsStr::new("--config"), soon_cfg.as_os_str()],
        &dir.join("soon.log"),
    );
    let printed = warned.printed();
    assert!(
        printed.contains("warning: the newsroom manifest expires on")
            && (printed.contains("(2 day(s) left)") || printed.contains("(3 day(s) left)")),
        "{printed}"
    );
    drop(warned);

    // The server that agrees starts, serves the files byte for byte, and
    // Debian's minisign checks them with the newsroom's key.
    let cfg = dir.join("good.toml");
    std::fs::write(&cfg, base).unwrap();
    let server = Server::start(
        &[OsStr::new("--config"), cfg.as_os_str()],
        &dir.join("good.log"),
    );
    assert!(
        server.printed().contains("newsroom manifest: signed by"),
        "{}",
        server.printed()
    );
    let get = |p: &str| {
        reqwest::blocking::get(format!("{}/.well-known/darkroom/{p}", server.url))
            .unwrap()
            .bytes()
            .unwrap()
            .to_vec()
    };
    assert_eq!(get("manifest.json"), std::fs::read(&n.manifest).unwrap());
    let mut sig_path = n.manifest.as_os_str().to_owned();
    sig_path.push(".minisig");
    assert_eq!(
        get("manifest.json.minisig"),
        std::fs::read(&sig_path).unwrap()
    );
    if let Some(minisign) = minisign {
        let served = dir.join("served.json");
        std::fs::write(&served, get("manifest.json")).unwrap();
        std::fs::write(
            dir.join("served.json.minisig"),
            get("manifest.json.minisig"),
        )
        .unwrap();
        ok(Command::new(minisign)
            .args(["-V", "-m"])
            .arg(&served)
            .args(["-P", &n.newsroom_key]));
    }
}

/// Every file under `dir`, read whole.
pub(crate) fn every_file(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((p.clone(), std::fs::read(&p).unwrap_or_default()));
            }
        }
    }
    out
}

/// Neither the canary nor a run of the plaintext is in any file under
/// `roots`, and the canary is not in the server's output `log`.
pub(crate) fn assert_no_trace(roots: &[&Path], log: &Path, canary: &str, plaintext: &[u8]) {
    for root in roots {
        for (path, bytes) in every_file(root) {
            assert!(
                !contains(&bytes, canary.as_bytes()),
                "the canary is in {}",
                path.display()
            );
            assert!(
                !contains(&bytes, plaintext),
                "plaintext is in {}",
                path.display()
            );
        }
    }
    let printed = std::fs::read_to_string(log).unwrap();
    assert!(!printed.contains(canary), "{printed}");
}

pub(crate) fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn a_canary_never_reaches_the_servers_disk_or_output() {
    let n = newsroom();
    let dir = scratch("live-canary");
    let tmp = dir.join("tmp");
    std::fs::create_dir_all(&tmp).unwrap();
    let canary = format!("canary{}", hex::encode(rand::random::<[u8; 8]>()));

    // The image carries the canary in a comment, and its name and the
    // message carry it too.
    let photo = std::fs::read(photo()).unwrap();
    let mut image = photo[..2].to_vec();
    image.extend_from_slice(&[0xFF, 0xFE]);
    image.extend_from_slice(&((canary.len() + 2) as u16).to_be_bytes());
    image.extend_from_slice(canary.as_bytes());
    image.extend_from_slice(&photo[2..]);
    let file = dir.join(format!("{canary}.jpg"));
    std::fs::write(&file, &image).unwrap();
    // A run of the image's own data, which only plaintext would contain.
    let pixels = image[image.len() / 2..image.len() / 2 + 48].to_vec();

    let cfg = config(&dir, "");
    let log = dir.join("server.log");
    // The server's temporary files, if it made any, would land in `tmp`.
    let server = Server::start_in(&[OsStr::new("--config"), cfg.as_os_str()], &log, Some(&tmp));

    // 1. The CLI: sealed here, uploaded as ciphertext.
    ok(submit(&server.url, &file).args(["--message", &canary]));
    // 2. The form, without JavaScript: sealed by the server in memory.
    let client = reqwest::blocking::Client::new();
    let form = reqwest::blocking::multipart::Form::new()
        .text("message", canary.clone())
        .part(
            "file",
            reqwest::blocking::multipart::Part::bytes(image.clone())
                .file_name(format!("{canary}.jpg")),
        );
    let r = client
        .post(format!("{}/submit", server.url))
        .multipart(form)
        .send()
        .unwrap();
    assert_eq!(r.status(), 201);
    // 3. The verify page, with the photo and its opening.
    let form = reqwest::blocking::multipart::Form::new()
        .part(
            "bundle",
            reqwest::blocking::multipart::Part::bytes(n.proof_only.clone()).file_name("p.json"),
        )
        .part(
            "image",
            reqwest::blocking::multipart::Part::bytes(image.clone())
                .file_name(format!("{canary}.jpg")),
        )
        .text("opening", n.opening.clone());
    let r = client
        .post(format!("{}/verify", server.url))
        .multipart(form)
        .send()
        .unwrap();
    let verdict = r.text().unwrap();
    assert!(
        verdict.contains("this image is the one committed"),
        "{verdict}"
    );
    // The query string of a source page goes nowhere either.
    client
        .get(format!("{}/?{canary}", server.url))
        .send()
        .unwrap();

    let data = dir.join("data");
    assert_eq!(stored(&data).0, 2);
    drop(server);
    assert_no_trace(&[&data, &tmp], &log, &canary, &pixels);

    // The newsroom does get all of it.
    let export = dir.join("export.tar");
    ok(&mut admin_export(&data, &export));
    let out = scratch("live-canary-opened");
    ok(Command::new("tar")
        .arg("-xf")
        .arg(&export)
        .arg("-C")
        .arg(&out));
    let opened = out.join("opened");
    for (envelope, _) in every_file(&out)
        .into_iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "age"))
    {
        let name = envelope.parent().unwrap().file_name().unwrap().to_owned();
        ok(&mut newsroom_open(
            &envelope,
            &n.identity,
            opened.join(name),
        ));
    }
    let manifests: Vec<String> = every_file(&opened)
        .into_iter()
        .filter(|(p, _)| p.to_string_lossy().ends_with(".json"))
        .map(|(_, b)| String::from_utf8(b).unwrap())
        .collect();
    assert_eq!(manifests.len(), 2);
    for m in &manifests {
        assert!(
            m.contains(&format!("{canary}.jpg")) && m.matches(&canary).count() >= 2,
            "{m}"
        );
    }
}

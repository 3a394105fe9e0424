//! Trust anchored in the newsroom: a source's client believes only what the
//! newsroom's pinned key signed. A proxy that rewrites the recipient in
//! every answer (as a hosting provider in front of the server could), first
//! contact without a key, a pinned key that changes, the `check-server`
//! watchdog, and the signing key and manifest against Debian's `minisign`.

use std::path::Path;
use std::process::Command;

use crate::server_live::{config, serve};
use crate::server_util::*;
use crate::util::*;

/// A proxy in front of `upstream` that replaces `from` with `to` in every
/// answer whose path `rewrites` (JSON and HTML alike), as an attacker
/// between the source and the server would. Returns its address; it runs
/// until the test process ends.
pub(crate) fn rewriting_proxy(
    upstream: &str,
    from: &str,
    to: &str,
    rewrites: fn(&str) -> bool,
) -> String {
    proxy(
        std::sync::Arc::new(std::sync::Mutex::new(upstream.to_string())),
        Some((from.to_string(), to.to_string(), rewrites)),
        None,
    )
}

/// A proxy in front of `upstream` that answers some requests itself: with
/// what `answer` returns for their path and headers, when it returns
/// something.
pub(crate) fn answering_proxy(upstream: &str, answer: Answer) -> String {
    proxy(
        std::sync::Arc::new(std::sync::Mutex::new(upstream.to_string())),
        None,
        Some(answer),
    )
}

/// A proxy in front of whichever server `upstream` names at each request,
/// as a hosting provider can switch what an address serves.
fn switching_proxy(upstream: std::sync::Arc<std::sync::Mutex<String>>) -> String {
    proxy(upstream, None, None)
}

/// A text replacement in the answers to the paths it names.
type Rewrite = (String, String, fn(&str) -> bool);

/// An answer of the proxy's own for a request's path and headers.
pub(crate) type Answer = fn(&str, &axum::http::HeaderMap) -> Option<Vec<u8>>;

/// Forwards every request to the server `upstream` names at that moment,
/// with its content type and proof of work, and rewrites the JSON and
/// HTML answers `rewrite` names.
fn proxy(
    upstream: std::sync::Arc<std::sync::Mutex<String>>,
    rewrite: Option<Rewrite>,
    answer: Option<Answer>,
) -> String {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(format!("http://{}", listener.local_addr().unwrap()))
                .unwrap();
            let client = reqwest::Client::new();
            let app =
                axum::Router::new().fallback(move |req: axum::http::Request<axum::body::Body>| {
                    let (client, upstream, rewrite) =
                        (client.clone(), upstream.clone(), rewrite.clone());
                    async move {
                        use axum::response::IntoResponse;
                        let to = upstream.lock().unwrap().clone();
                        let path = req
                            .uri()
                            .path_and_query()
                            .map(|p| p.as_str().to_string())
                            .unwrap_or_default();
                        let method = req.method().clone();
                        let headers = req.headers().clone();
                        if let Some(own) = answer.and_then(|a| a(&path, &headers)) {
                            return own.into_response();
                        }
                        let body = axum::body::to_bytes(req.into_body(), usize::MAX)
                            .await
                            .unwrap();
                        let mut forward = client.request(method, format!("{to}{path}")).body(body);
                        for name in ["content-type", "darkroom-pow"] {
                            if let Some(v) = headers.get(name) {
                                forward = forward.header(name, v.clone());
                            }
                        }
                        let answer = forward.send().await.unwrap();
                        let status = answer.status();
                        let ct = answer
                            .headers()
                            .get("content-type")
                            .and_then(|v| v.to_str().ok())
                            .unwrap_or("")
                            .to_string();
                        let mut bytes = answer.bytes().await.unwrap().to_vec();
                        if let Some((from, to, rewrites)) = &rewrite {
                            if rewrites(&path) && (ct.contains("json") || ct.contains("html")) {
                                bytes = String::from_utf8_lossy(&bytes)
                                    .replace(from.as_str(), to)
                                    .into_bytes();
                            }
                        }
                        (status, [("content-type", ct)], bytes).into_response()
                    }
                });
            axum::serve(listener, app).await.unwrap();
        });
    });
    rx.recv().unwrap()
}

/// A provider that tells Tor Browser from other clients by the codings it
/// accepts, and sends it another WebAssembly client: the watchdog asks as
/// Tor Browser does, and in each coding, and sees it (exit 3).
#[test]
fn check_server_asks_for_the_client_in_every_coding() {
    let n = newsroom();
    let dir = scratch("trust-codings");
    let server = serve(&dir, &config(&dir, ""));
    let proxy = answering_proxy(&server.url, another_client_for_tor_browser);
    let out = run(darkroom().args(["check-server", &proxy, "--newsroom-key", &n.newsroom_key]));
    let said = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(3), "{said}");
    assert!(
        said.contains("DISAGREES: the WebAssembly client served (as Tor Browser asks) hashes to"),
        "{said}"
    );
    assert!(
        said.contains("ok: the WebAssembly client (identity)"),
        "{said}"
    );
    assert!(said.contains("ok: the WebAssembly client (gzip)"), "{said}");
    // The real server passes in every coding.
    let said = ok(darkroom().args([
        "check-server",
        &server.url,
        "--newsroom-key",
        &n.newsroom_key,
    ]));
    for coding in ["identity", "gzip", "as Tor Browser asks"] {
        assert!(
            said.contains(&format!("ok: the WebAssembly client ({coding})"))
                && said.contains(&format!("ok: the script worker.js ({coding})")),
            "{coding}: {said}"
        );
    }
}

fn another_client_for_tor_browser(path: &str, headers: &axum::http::HeaderMap) -> Option<Vec<u8>> {
    let tor_browser = headers
        .get("accept-encoding")
        .is_some_and(|v| v == "gzip, deflate, br, zstd");
    (path.split('?').next() == Some("/static/client/darkroom_web_bg.wasm") && tor_browser).then(
        || {
            let mut other = darkroom_server::client::WASM.to_vec();
            other[100] ^= 1;
            other
        },
    )
}

fn everything(_: &str) -> bool {
    true
}

fn config_only(path: &str) -> bool {
    path.ends_with("/config.json")
}

fn landing_only(path: &str) -> bool {
    path == "/"
}

/// `darkroom submit FILE --server URL`, with the given pin options.
fn submit_to(url: &str, file: &Path) -> Command {
    let mut c = darkroom();
    c.arg("submit").arg(file).args(["--server", url]);
    c
}

#[test]
fn a_proxy_that_swaps_the_recipient_gets_nothing_from_the_cli() {
    let n = newsroom();
    let dir = scratch("trust-proxy");
    let cfg = config(&dir, "");
    let data = dir.join("data");
    let server = serve(&dir, &cfg);
    let (_, attacker) = our_keygen(&dir, "attacker.key");

    // Every JSON and HTML answer rewritten: the manifest's signature fails.
    let proxy = rewriting_proxy(&server.url, &n.recipient, &attacker, everything);
    let landing = reqwest::blocking::get(format!("{proxy}/"))
        .unwrap()
        .text()
        .unwrap();
    assert!(landing.contains(&attacker), "the proxy rewrites");
    let err = fails(
        submit_to(&proxy, &photo()).args(["--newsroom-key", &n.newsroom_key]),
        "is not signed by the newsroom key",
    );
    assert!(!err.contains(&n.recipient));
    // Only the configuration rewritten: it disagrees with the manifest.
    let proxy2 = rewriting_proxy(&server.url, &n.recipient, &attacker, config_only);
    fails(
        submit_to(&proxy2, &photo()).args(["--newsroom-key", &n.newsroom_key]),
        "disagrees with the newsroom's signed manifest",
    );
    // Nothing was uploaded, and the file was not even read into an envelope.
    assert_eq!(stored(&data), (0, 0, 0));

    // The watchdog reports the disagreement (exit 3), and passes the real
    // server (exit 0).
    let out = run(darkroom().args(["check-server", &proxy2, "--newsroom-key", &n.newsroom_key]));
    let said = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(3), "{said}");
    assert!(
        said.contains("DISAGREES: config.json: the server's recipients"),
        "{said}"
    );
    // Only the landing page rewritten: the watchdog reads pages too.
    let proxy3 = rewriting_proxy(&server.url, &n.recipient, &attacker, landing_only);
    let out = run(darkroom().args(["check-server", &proxy3, "--newsroom-key", &n.newsroom_key]));
    let said = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(3), "{said}");
    assert!(
        said.contains(&format!(
            "/ shows a recipient the newsroom did not sign: {attacker}"
        )),
        "{said}"
    );
    let out = run(darkroom().args(["check-server", &proxy, "--newsroom-key", &n.newsroom_key]));
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stdout)
        .contains("DISAGREES: the newsroom manifest is not signed"));
    let said = ok(darkroom().args([
        "check-server",
        &server.url,
        "--newsroom-key",
        &n.newsroom_key,
    ]));
    assert!(said.contains("serves what Test Desk signed"), "{said}");
    assert!(!said.contains("DISAGREES"), "{said}");
    for pinned in [
        "common.js",
        "submit.js",
        "inbox.js",
        "worker.js",
        "the WebAssembly client",
    ] {
        assert!(said.contains(pinned), "{pinned}: {said}");
    }
    // A watchdog given another newsroom's key refuses everything.
    let other = dir.join("other.key");
    let other_key = printed_key(&ok(darkroom()
        .args(["newsroom", "signing-keygen", "-o"])
        .arg(&other)));
    let out = run(darkroom().args(["check-server", &server.url, "--newsroom-key", &other_key]));
    assert_eq!(out.status.code(), Some(3));

    // With the real server, the same command goes through.
    let said = ok(submit_to(&server.url, &photo()).args(["--newsroom-key", &n.newsroom_key]));
    assert!(said.contains("Submitted."), "{said}");
    assert_eq!(stored(&data).0, 1);
}

#[test]
fn first_contact_needs_the_key_or_says_to_trust_it_and_pins_stay() {
    let n = newsroom();
    let dir = scratch("trust-pins");
    let cfg = config(&dir, "");
    let data = dir.join("data");
    let server = serve(&dir, &cfg);
    let pins = dir.join("source-config");
    let with_pins = |c: &mut Command| {
        c.env("DARKROOM_CONFIG_DIR", &pins);
    };

    // No key and no pin: the key and its words are shown, nothing is sent.
    let mut c = submit_to(&server.url, &photo());
    with_pins(&mut c);
    let err = fails(&mut c, "first contact with");
    assert!(err.contains(&n.newsroom_key), "{err}");
    let words = darkroom_core::newsroom::NewsroomKey::parse(&n.newsroom_key)
        .unwrap()
        .fingerprint();
    assert!(err.contains(&words), "{err}");
    assert!(!pins.join("newsrooms.json").exists());
    assert_eq!(stored(&data).0, 0);

    // Trusted on first use: pinned, and used from then on.
    let mut c = submit_to(&server.url, &photo());
    with_pins(&mut c);
    let said = ok(c.arg("--trust-on-first-use"));
    assert!(said.contains("trusting newsroom key"), "{said}");
    let pinned = std::fs::read_to_string(pins.join("newsrooms.json")).unwrap();
    assert!(pinned.contains(&n.newsroom_key), "{pinned}");
    let mut c = submit_to(&server.url, &photo());
    with_pins(&mut c);
    ok(&mut c);
    assert_eq!(stored(&data).0, 2);

    // Another key given for a pinned server is refused; replacing the pin
    // with it then fails the manifest's signature.
    let other = dir.join("other.key");
    let other_key = printed_key(&ok(darkroom()
        .args(["newsroom", "signing-keygen", "-o"])
        .arg(&other)));
    let mut c = submit_to(&server.url, &photo());
    with_pins(&mut c);
    fails(
        c.args(["--newsroom-key", &other_key]),
        "is not the one pinned",
    );
    let mut c = submit_to(&server.url, &photo());
    with_pins(&mut c);
    fails(
        c.args(["--newsroom-key", &other_key, "--replace-pin"]),
        "is not signed by the newsroom key",
    );
    assert!(std::fs::read_to_string(pins.join("newsrooms.json"))
        .unwrap()
        .contains(&n.newsroom_key));
    assert_eq!(stored(&data).0, 2);
}

#[test]
fn signing_keys_and_manifests_agree_with_minisign() {
    let n = newsroom();
    let dir = scratch("trust-minisign");
    // keygen makes the identity and the signing key; never overwrites.
    let id = dir.join("newsroom.key");
    let sk = dir.join("signing.key");
    let said = ok(darkroom()
        .args(["newsroom", "keygen", "-o"])
        .arg(&id)
        .arg("--signing-key-out")
        .arg(&sk));
    let public = printed_key(&said);
    assert!(said.lines().next().unwrap().starts_with("age1"), "{said}");
    assert_eq!(
        std::fs::read_to_string(dir.join("signing.key.pub"))
            .unwrap()
            .lines()
            .nth(1),
        Some(public.as_str())
    );
    let before = std::fs::read(&sk).unwrap();
    fails(
        darkroom()
            .args(["newsroom", "signing-keygen", "-o"])
            .arg(&sk),
        "never overwrites",
    );
    fails(
        darkroom()
            .args(["newsroom", "keygen", "-o"])
            .arg(dir.join("second.key"))
            .arg("--signing-key-out")
            .arg(&sk),
        "never overwrites",
    );
    assert!(!dir.join("second.key").exists());
    assert_eq!(std::fs::read(&sk).unwrap(), before);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&sk).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }

    // A manifest: what it lists, and refusals that write nothing.
    let manifest = dir.join("manifest.json");
    let said = ok(sign_manifest(&sk, &n.recipient, &manifest)
        .arg("--registry")
        .arg(&n.registry)
        .arg("--keys")
        .arg(&n.keys)
        .args(["--onion", "exampledesk7.onion", "--valid-days", "30"]));
    assert!(
        said.contains(&format!("newsroom signing key: {public}")),
        "{said}"
    );
    let m: serde_json::Value = serde_json::from_slice(&std::fs::read(&manifest).unwrap()).unwrap();
    assert_eq!(m["recipients"][0], n.recipient.as_str());
    assert_eq!(m["registries"][0]["root"], n.root.as_str());
    assert_eq!(m["registries"][0]["devices"], REGISTRY_SIZE);
    assert_eq!(m["circuit"]["setup"], "development");
    assert_eq!(m["onion"], "exampledesk7.onion");
    assert_eq!(
        m["expires"].as_u64().unwrap() - m["issued"].as_u64().unwrap(),
        30 * 86_400
    );
    assert_eq!(
        m["client"]["wasm_sha256"],
        darkroom_server::client::HASHES.wasm_sha256.as_str()
    );
    for (bad, needle) in [
        (vec!["--recipients", "age1nope"], "not a newsroom key"),
        (vec!["--onion", "example.com"], "onion address"),
        (vec!["--valid-days", "0"], "--valid-days"),
    ] {
        let out = dir.join("bad.json");
        let mut c = sign_manifest(&sk, &n.recipient, &out);
        fails(c.args(bad), needle);
        assert!(!out.exists());
    }
    let out = dir.join("bad.json");
    fails(
        sign_manifest(&sk, &n.recipient, &out)
            .arg("--registry")
            .arg(&n.registry),
        "--registry needs --keys",
    );

    // Debian's minisign checks our signatures, and we check its.
    let Some(minisign) = tool("minisign") else {
        return;
    };
    ok(Command::new(&minisign)
        .args(["-V", "-m"])
        .arg(&manifest)
        .args(["-P", &public]));
    let tampered = dir.join("tampered.json");
    std::fs::write(
        &tampered,
        std::fs::read_to_string(&manifest)
            .unwrap()
            .replace(&n.recipient, &our_keygen(&dir, "x.key").1),
    )
    .unwrap();
    std::fs::copy(
        dir.join("manifest.json.minisig"),
        dir.join("tampered.json.minisig"),
    )
    .unwrap();
    let refused = run(Command::new(&minisign)
        .args(["-V", "-m"])
        .arg(&tampered)
        .args(["-P", &public]));
    assert!(!refused.status.success());
    // A manifest signed by minisign itself, with our key file, verifies
    // with `darkroom verify --manifest`.
    let resigned = dir.join("resigned.json");
    std::fs::copy(&manifest, &resigned).unwrap();
    ok(Command::new(&minisign)
        .args(["-S", "-s"])
        .arg(&sk)
        .arg("-m")
        .arg(&resigned));
    let said = ok(darkroom()
        .arg("verify")
        .arg(&{
            let b = dir.join("bundle.json");
            std::fs::write(&b, &n.proof_only).unwrap();
            b
        })
        .args(["--keys"])
        .arg(&n.keys)
        .arg("--insecure-dev-keys")
        .arg("--manifest")
        .arg(&resigned)
        .args(["--newsroom-key", &public]));
    assert!(
        said.starts_with("VALID: captured by one of 32 devices"),
        "{said}"
    );
}

/// A passphrase-protected signing key (minisign's own scrypt scheme) signs
/// with the passphrase, and not without it.
#[test]
fn a_passphrase_protects_the_signing_key() {
    let n = newsroom();
    let dir = scratch("trust-passphrase");
    let pass = dir.join("pass.txt");
    std::fs::write(&pass, "correct horse battery staple\n").unwrap();
    let sk = dir.join("signing.key");
    let said = ok(darkroom()
        .args(["newsroom", "signing-keygen", "--passphrase", "-o"])
        .arg(&sk)
        .env("DARKROOM_PASSPHRASE_FILE", &pass));
    let public = printed_key(&said);
    let manifest = dir.join("manifest.json");
    ok(sign_manifest(&sk, &n.recipient, &manifest).env("DARKROOM_PASSPHRASE_FILE", &pass));
    let wrong = dir.join("wrong.txt");
    std::fs::write(&wrong, "wrong\n").unwrap();
    fails(
        sign_manifest(&sk, &n.recipient, &dir.join("m2.json"))
            .env("DARKROOM_PASSPHRASE_FILE", &wrong),
        "wrong passphrase",
    );
    assert!(!dir.join("m2.json").exists());
    if let Some(minisign) = tool("minisign") {
        ok(Command::new(minisign)
            .args(["-V", "-m"])
            .arg(&manifest)
            .args(["-P", &public]));
    }
}

/// A newsroom manifest signed now by the test newsroom's key, for
/// `recipient`, with `extra` options, and a server configured to match it.
fn server_for(dir: &Path, recipient: &str, extra: &[&str]) -> (Server, std::path::PathBuf) {
    let n = newsroom();
    std::fs::create_dir_all(dir).unwrap();
    let manifest = dir.join("manifest.json");
    ok(sign_manifest(&n.signing_key, recipient, &manifest)
        .arg("--registry")
        .arg(&n.registry)
        .arg("--keys")
        .arg(&n.keys)
        .args(extra));
    let data = dir.join("data");
    let toml = config_toml(n, &data, "")
        .replace(&format!("{:?}", n.recipient), &format!("{recipient:?}"))
        .replace(&format!("{:?}", n.manifest), &format!("{manifest:?}"));
    let cfg = dir.join("darkroom.toml");
    std::fs::write(&cfg, toml).unwrap();
    (serve(dir, &cfg), data)
}

#[test]
fn an_older_manifest_than_one_taken_is_refused() {
    let n = newsroom();
    let dir = scratch("trust-rollback");
    let pins = dir.join("source-config");
    let pinned = |c: &mut Command| {
        c.env("DARKROOM_CONFIG_DIR", &pins);
    };
    // Manifest A (the newsroom's first, recipient A) and, a second later,
    // manifest B (recipient B, which retires A), both signed and valid.
    let old = serve(&dir, &config(&dir, ""));
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let (_, recipient_b) = our_keygen(&dir, "b.key");
    let (new, new_data) = server_for(&dir.join("b"), &recipient_b, &[]);
    let upstream = std::sync::Arc::new(std::sync::Mutex::new(new.url.clone()));
    let address = switching_proxy(upstream.clone());

    // The source takes manifest B through the address.
    let mut c = submit_to(&address, &photo());
    pinned(&mut c);
    ok(c.args(["--newsroom-key", &n.newsroom_key]));
    assert_eq!(stored(&new_data).0, 1);

    // The address serves A again: refused before the file is read, naming
    // both dates; nothing sealed to the retired recipient A.
    *upstream.lock().unwrap() = old.url.clone();
    let mut c = submit_to(&address, &photo());
    pinned(&mut c);
    let err = fails(&mut c, "older than the one issued on");
    assert!(!err.contains(&n.recipient), "{err}");
    assert_eq!(stored(&dir.join("data")), (0, 0, 0));
    // What let the client tell: the pin keeps the newest manifest taken.
    let pin = std::fs::read_to_string(pins.join("newsrooms.json")).unwrap();
    assert!(pin.contains("\"seen\""), "{pin}");
    // The watchdog on this device refuses it too.
    let mut c = darkroom();
    pinned(&mut c);
    let out = run(c.args(["check-server", &address, "--newsroom-key", &n.newsroom_key]));
    let said = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(3), "{said}");
    assert!(
        said.contains("DISAGREES: the server serves a newsroom manifest issued on"),
        "{said}"
    );

    // Back to B: taken again.
    *upstream.lock().unwrap() = new.url.clone();
    let mut c = submit_to(&address, &photo());
    pinned(&mut c);
    ok(&mut c);
    assert_eq!(stored(&new_data).0, 2);
}

/// A SOCKS5 proxy that plays Tor for any onion name: it records each name
/// it is asked for and connects it to `upstream` (host:port).
fn relaying_tor(upstream: String) -> (u16, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let asked = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let record = asked.clone();
    std::thread::spawn(move || {
        for s in listener.incoming() {
            let Ok(mut s) = s else { continue };
            let (upstream, record) = (upstream.clone(), record.clone());
            std::thread::spawn(move || {
                let mut head = [0u8; 2];
                s.read_exact(&mut head).unwrap();
                let mut methods = vec![0u8; usize::from(head[1])];
                s.read_exact(&mut methods).unwrap();
                s.write_all(&[5, 0]).unwrap();
                let mut req = [0u8; 5];
                s.read_exact(&mut req).unwrap();
                assert_eq!(req[3], 3, "a name, looked up inside Tor");
                let mut name = vec![0u8; usize::from(req[4])];
                s.read_exact(&mut name).unwrap();
                let mut port = [0u8; 2];
                s.read_exact(&mut port).unwrap();
                record
                    .lock()
                    .unwrap()
                    .push(String::from_utf8_lossy(&name).into_owned());
                let up = std::net::TcpStream::connect(&upstream).unwrap();
                s.write_all(&[5, 0, 0, 1, 127, 0, 0, 1, 0, 80]).unwrap();
                let (mut a, b) = (s.try_clone().unwrap(), up.try_clone().unwrap());
                std::thread::spawn(move || {
                    let _ = std::io::copy(&mut a, &mut b.try_clone().unwrap());
                    let _ = b.shutdown(std::net::Shutdown::Write);
                });
                let (mut up, mut s) = (up, s);
                let _ = std::io::copy(&mut up, &mut s);
                let _ = s.shutdown(std::net::Shutdown::Write);
            });
        }
    });
    (port, asked)
}

#[test]
fn every_spelling_of_an_onion_address_is_one_address() {
    let n = newsroom();
    let dir = scratch("trust-onion");
    let desk = "darkroomdeskaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.onion";
    let phish = "darkroomphishaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.onion";
    let (server, data) = server_for(&dir, &n.recipient, &["--onion", desk]);
    let (port, asked) = relaying_tor(server.url.trim_start_matches("http://").to_string());
    let pins = dir.join("source-config");
    let send = |url: &str| {
        let mut c = submit_to(url, &photo());
        c.env("DARKROOM_CONFIG_DIR", &pins)
            .args(["--newsroom-key", &n.newsroom_key])
            .args(["--proxy", &format!("socks5h://127.0.0.1:{port}")]);
        c
    };

    // The phishing onion relays the genuine manifest: refused however it
    // is spelled (these two went through before).
    for spelling in [
        format!("http://{phish}."),
        format!("http://{}.", phish.to_ascii_uppercase()),
        format!("http://{phish}"),
    ] {
        fails(
            &mut send(&spelling),
            &format!("the newsroom's drop box is {desk}"),
        );
    }
    // Spellings that can be read two ways are refused before any
    // connection.
    let before = asked.lock().unwrap().len();
    for spelling in [
        format!("http://{phish}?"),
        format!("http://{phish}#"),
        format!("http://user@{phish}"),
        format!("http://{desk}?x"),
    ] {
        fails(&mut send(&spelling), "give the address alone");
    }
    assert_eq!(
        asked.lock().unwrap().len(),
        before,
        "no connection for them"
    );
    assert_eq!(stored(&data).0, 0);

    // The newsroom's onion, however spelled, is one pin, and Tor is asked
    // for its one name.
    for spelling in [
        format!("http://{desk}"),
        format!("http://{}./", desk.to_ascii_uppercase()),
        format!("http://{desk}.:80"),
    ] {
        ok(&mut send(&spelling));
    }
    assert_eq!(stored(&data).0, 3);
    let pin: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(pins.join("newsrooms.json")).unwrap())
            .unwrap();
    let origins: Vec<&String> = pin["pins"].as_object().unwrap().keys().collect();
    assert_eq!(origins, vec![&format!("http://{desk}")]);
    let asked = asked.lock().unwrap();
    assert!(asked.iter().all(|a| a == desk || a == phish), "{asked:?}");
    assert!(asked.iter().any(|a| a == desk), "{asked:?}");
}

fn submit_page_only(path: &str) -> bool {
    path == "/submit"
}

/// The two scripts that passed the watchdog's text search, put into the
/// submit page by a proxy: a browser runs both, and the watchdog now sees
/// both (exit 3).
#[test]
fn check_server_sees_every_script_a_browser_would_run() {
    let n = newsroom();
    let dir = scratch("trust-watchdog");
    let server = serve(&dir, &config(&dir, ""));
    for injected in [
        "<SCRIPT src=/static/client/evil.js></SCRIPT>",
        r#"<script data-a=' src="/static/client/submit.js" integrity="sha384-x"' src='/static/client/evil.js'></script>"#,
    ] {
        let proxy = rewriting_proxy(
            &server.url,
            "</body>",
            &format!("{injected}</body>"),
            submit_page_only,
        );
        let out = run(darkroom().args(["check-server", &proxy, "--newsroom-key", &n.newsroom_key]));
        let said = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(3), "{said}");
        assert!(
            said.contains("DISAGREES: /submit loads a script the manifest does not list: /static/client/evil.js"),
            "{injected}: {said}"
        );
    }
}

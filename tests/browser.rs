//! The submit page in real Chromium (Debian's `chromium` and
//! `chromium-driver`, headless, driven over WebDriver): a signed photo is
//! stripped, proven and sealed in the browser, and only ciphertext reaches
//! the server; without WebAssembly, and without JavaScript, the page falls
//! back to the plain form and says why.

use std::ffi::OsStr;
use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

use crate::age_peer::age_decrypt;
use crate::server_live::{assert_no_trace, contains};
use crate::server_util::*;
use crate::strip_peers::{
    exiftool_tags, exiftool_values, frame_md5s, heif_signature, identifying, metadata_tags,
    pixel_signatures,
};
use crate::util::*;

/// Headless Chromium under chromedriver (or Firefox under geckodriver),
/// closed on drop.
pub struct Browser {
    pub client: Client,
    driver: Child,
}

impl Drop for Browser {
    /// Ends chromedriver and the Chromium it started (its process group),
    /// even when a test fails before closing the session.
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.driver.id())])
            .stderr(Stdio::null())
            .status();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Browser {
    /// Starts chromedriver and a fresh headless Chromium profile with these
    /// extra command-line switches and preferences. `None` when chromium or
    /// chromedriver is missing outside CI (the test then skips loudly).
    pub async fn start(name: &str, switches: &[&str], prefs: Value) -> Option<Browser> {
        Browser::start_with(name, switches, json!({ "prefs": prefs })).await
    }

    /// As [`Browser::start`], emulating a phone's screen of `width` ×
    /// `height` CSS pixels (Chromium's mobile emulation: the viewport, the
    /// pixel ratio and touch).
    pub async fn start_phone(name: &str, width: u32, height: u32) -> Option<Browser> {
        let device = json!({ "deviceMetrics": { "width": width, "height": height, "pixelRatio": 2.625, "touch": true } });
        Browser::start_with(name, &[], json!({ "mobileEmulation": device })).await
    }

    /// Chromium with these switches and more `goog:chromeOptions`.
    async fn start_with(name: &str, switches: &[&str], options: Value) -> Option<Browser> {
        let chromium = tool("chromium")?;
        let chromedriver = tool("chromedriver")?;
        let port = free_port();
        let driver = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .process_group(0)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let profile = scratch(&format!("chromium-{name}"));
        let mut args: Vec<String> = [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--no-first-run",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        args.push(format!("--user-data-dir={}", profile.display()));
        args.extend(switches.iter().map(|s| s.to_string()));
        let mut chrome = json!({ "binary": chromium, "args": args });
        for (k, v) in options.as_object().into_iter().flatten() {
            chrome[k] = v.clone();
        }
        let mut caps = serde_json::Map::new();
        caps.insert("goog:chromeOptions".into(), chrome);
        Some(Browser::session(driver, port, caps).await)
    }

    /// A WebDriver session with `caps` on the driver listening on `port`
    /// (it takes a moment to start).
    async fn session(driver: Child, port: u16, caps: serde_json::Map<String, Value>) -> Browser {
        let url = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        let client = loop {
            match ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
                .capabilities(caps.clone())
                .connect(&url)
                .await
            {
                Ok(c) => break c,
                Err(e) => {
                    assert!(
                        started.elapsed() < Duration::from_secs(60),
                        "the WebDriver did not start a session: {e}"
                    );
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
            }
        };
        Browser { client, driver }
    }

    /// Starts geckodriver and a fresh headless Firefox ESR (Debian's
    /// `firefox-esr`) with these preferences. `None` when either is
    /// missing outside CI (the test then skips loudly).
    pub async fn start_firefox(prefs: Value) -> Option<Browser> {
        let firefox = tool("firefox-esr")?;
        let geckodriver = tool("geckodriver")?;
        let port = free_port();
        let driver = Command::new(geckodriver)
            .args(["--port", &port.to_string()])
            .process_group(0)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("geckodriver starts");
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), json!("firefox"));
        caps.insert(
            "moz:firefoxOptions".into(),
            json!({ "binary": firefox, "args": ["-headless"], "prefs": prefs }),
        );
        Some(Browser::session(driver, port, caps).await)
    }

    /// Sets the window's outer size.
    pub async fn set_size(&self, width: u32, height: u32) {
        self.client
            .set_window_size(width, height)
            .await
            .expect("the window is resized");
    }

    pub async fn goto(&self, url: &str) {
        self.client.goto(url).await.expect(url);
    }

    /// Runs `script` (a function body) and returns its value.
    pub async fn eval(&self, script: &str) -> Value {
        self.client.execute(script, vec![]).await.expect(script)
    }

    /// The submit page's client state (`loading`, `ready`, `busy`, …).
    pub async fn state(&self) -> String {
        self.state_of("client").await
    }

    /// The `data-state` of the element with this id.
    pub async fn state_of(&self, id: &str) -> String {
        let v = self
            .client
            .execute(
                "const c = document.getElementById(arguments[0]); return c ? c.dataset.state : 'none';",
                vec![json!(id)],
            )
            .await
            .expect("state");
        v.as_str().unwrap_or_default().to_string()
    }

    /// Waits until the submit page's state is one of `wanted`, and returns it.
    pub async fn wait_state(&self, wanted: &[&str], limit: Duration) -> String {
        self.wait_for("client", wanted, limit).await
    }

    /// Waits until the `data-state` of the element with this id is one of
    /// `wanted`, and returns it.
    pub async fn wait_for(&self, id: &str, wanted: &[&str], limit: Duration) -> String {
        let started = Instant::now();
        loop {
            let s = self.state_of(id).await;
            if wanted.contains(&s.as_str()) {
                return s;
            }
            assert!(
                started.elapsed() < limit,
                "still {s:?} after {limit:?}; page says: {}",
                self.text("main").await
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits (30 s at most) until the page's review of the chosen files
    /// satisfies `done`, and returns its text.
    pub async fn review(&self, done: impl Fn(&str) -> bool) -> String {
        let started = Instant::now();
        loop {
            let t = self.text("#client-review").await;
            if done(&t) {
                return t;
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "no review: {t}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Sends the chosen files and waits (`limit` at most) until the page
    /// says they were stored.
    pub async fn send(&self, limit: Duration) {
        self.click("#client-send").await;
        let end = self.wait_state(&["done", "failed"], limit).await;
        assert_eq!(end, "done", "{}", self.text("#client-error").await);
    }

    pub async fn text(&self, css: &str) -> String {
        match self.client.find(Locator::Css(css)).await {
            Ok(e) => e.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        }
    }

    pub async fn shown(&self, css: &str) -> bool {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap()
            .is_displayed()
            .await
            .unwrap()
    }

    pub async fn click(&self, css: &str) {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
    }

    /// Types `text` into an element; for a file input, `text` is a path
    /// and this chooses that file, as a person does.
    pub async fn type_into(&self, css: &str, text: &str) {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap()
            .send_keys(text)
            .await
            .unwrap();
    }

    /// Sets a file input to `path`, as a person choosing a file does.
    pub async fn choose(&self, css: &str, path: &Path) {
        self.type_into(css, path.to_str().unwrap()).await;
    }
}

/// The newsroom's configuration with the proving key and registry served
/// to browsers.
pub(crate) fn browser_config(dir: &Path) -> PathBuf {
    let n = newsroom();
    let extra = format!(
        "proving_key = {:?}\nregistries = [{:?}]\n",
        n.keys.join("proving.key"),
        n.registry
    );
    let path = dir.join("darkroom.toml");
    std::fs::write(&path, config_toml(n, &dir.join("data"), &extra)).unwrap();
    path
}

/// A server with the proof keys served (its files in `dir`) and a browser
/// on its submit page, with the client ready.
async fn submit_page(dir: &Path, name: &str) -> Option<(Server, Browser)> {
    let cfg = browser_config(dir);
    let log = dir.join("server.log");
    let server = Server::start_in(&[OsStr::new("--config"), cfg.as_os_str()], &log, None);
    let browser = Browser::start(name, &[], json!({})).await?;
    browser.goto(&format!("{}/submit", server.url)).await;
    let state = browser
        .wait_state(&["ready", "unavailable"], Duration::from_secs(60))
        .await;
    assert_eq!(state, "ready", "{}", browser.text("main").await);
    Some((server, browser))
}

/// `jpeg` with a comment segment holding `text` right after SOI. Comments
/// are not part of the content digest, so a signed photo stays provable.
fn with_comment(jpeg: &[u8], text: &str) -> Vec<u8> {
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xFE]);
    out.extend_from_slice(&((text.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(text.as_bytes());
    out.extend_from_slice(&jpeg[2..]);
    out
}

#[tokio::test]
async fn the_browser_strips_proves_and_seals_and_the_server_sees_only_ciphertext() {
    let n = newsroom();
    let dir = scratch("browser-submit");
    let canary = format!("canary{}", hex::encode(rand::random::<[u8; 8]>()));
    let signed = std::fs::read(&n.signed_photo).unwrap();
    let image = with_comment(&signed, &format!("comment {canary}"));
    let upload = dir.join("upload");
    std::fs::create_dir_all(&upload).unwrap();
    let file = upload.join(format!("{canary}.jpg"));
    std::fs::write(&file, &image).unwrap();
    // A run of the image's own data, which only plaintext would contain.
    let plain_run = image[image.len() / 2..image.len() / 2 + 48].to_vec();

    let tmp = dir.join("tmp");
    std::fs::create_dir_all(&tmp).unwrap();
    let cfg = browser_config(&dir);
    let log = dir.join("server.log");
    let server = Server::start_in(&[OsStr::new("--config"), cfg.as_os_str()], &log, Some(&tmp));
    let Some(browser) = Browser::start("submit", &[], json!({})).await else {
        return;
    };
    browser.goto(&format!("{}/submit", server.url)).await;
    browser
        .wait_state(&["ready", "unavailable"], Duration::from_secs(60))
        .await;
    assert_eq!(
        browser.state().await,
        "ready",
        "{}",
        browser.text("main").await
    );
    assert!(!browser.shown("#plain").await, "the plain form is put away");
    assert!(
        !browser.shown("#client-proof").await,
        "no proof offered yet"
    );
    // The newsroom's key and its words, checked in WebAssembly against the
    // signed manifest, with the advice to compare them.
    let trust = browser.text("#client-newsroom").await;
    let key = darkroom_core::newsroom::NewsroomKey::parse(&n.newsroom_key).unwrap();
    assert!(trust.contains(&n.newsroom_key), "{trust}");
    assert!(trust.contains(&key.fingerprint()), "{trust}");
    assert!(
        trust.contains("Compare this with what Test Desk publishes"),
        "{trust}"
    );
    // Which kind of key the signed manifest names, before anything is sent.
    assert!(
        trust
            .contains("Files are sealed to its hybrid post-quantum keys (ML-KEM-768 with X25519)."),
        "{trust}"
    );
    // Pasting the newsroom's key checks the manifest against it.
    browser
        .type_into("#newsroom-key-input", &n.newsroom_key)
        .await;
    browser
        .eval("document.getElementById('newsroom-key-input').dispatchEvent(new Event('change')); return null;")
        .await;
    let started = Instant::now();
    while !browser.shown("#newsroom-key-checked").await {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "{}",
            browser.text("main").await
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // Before sending: what will be removed, what remains, and the proof.
    browser.choose("#client-files", &file).await;
    let review = browser
        .review(|t| t.contains("Will be removed") || t.contains("Cannot be sent"))
        .await;
    for said in [
        "GPS position",
        "serial number",
        "Still there:",
        "quantization tables",
        "Signed by a capture device",
    ] {
        assert!(review.contains(said), "{said:?} in {review}");
    }
    browser
        .wait_state(&["ready"], Duration::from_secs(30))
        .await;
    assert!(browser.shown("#client-proof").await);
    let defaults = browser
        .eval("return [document.getElementById('proof-on').checked, document.getElementById('proof-window').value, document.getElementById('proof-region').value];")
        .await;
    assert_eq!(
        defaults,
        json!([false, "day", "none"]),
        "opt-in, the day, no place"
    );
    browser.click("#proof-on").await;
    browser
        .type_into("#client-message", &format!("message {canary}"))
        .await;
    browser.send(Duration::from_secs(300)).await;
    let receipt = browser.text("#client-receipts").await;
    assert!(receipt.contains("proof attached"), "{receipt}");
    assert!(receipt.contains("Proof shows time"), "{receipt}");
    // What the page's own sealing says protects it (not the server's word).
    assert!(
        receipt.contains("Sealed to")
            && receipt.contains("hybrid post-quantum keys (ML-KEM-768 with X25519)"),
        "{receipt}"
    );
    let designation = browser
        .eval("return document.querySelector('#client-receipts dl').dataset.designation;")
        .await;
    let designation = designation.as_str().unwrap().to_string();
    // The proof was split across one worker per core (at most 8).
    let workers = browser
        .eval("return [Number(document.querySelector('#client-receipts dl').dataset.proveWorkers), navigator.hardwareConcurrency];")
        .await;
    let cores = workers[1].as_u64().unwrap().clamp(1, 8);
    if cores == 1 {
        eprintln!("NOTE: this browser reports one core, so the proof was made by one worker");
    }
    assert_eq!(workers[0].as_u64(), Some(cores), "{workers}");
    browser.client.clone().close().await.unwrap();

    // The server's disk and output hold no canary and no plaintext.
    let data = dir.join("data");
    assert_eq!(stored(&data).0, 1);
    drop(server);
    assert_no_trace(&[&data, &tmp], &log, &canary, &plain_run);

    // The newsroom opens the export offline: the proof verifies and its
    // commitment opens, the pixels are the photo's, no metadata is left,
    // and the reference age decrypts the envelope.
    let export = dir.join("export.tar");
    ok(&mut admin_export(&data, &export));
    let opened = dir.join("opened");
    let said = ok(darkroom()
        .args(["newsroom", "open"])
        .arg(&export)
        .arg("-i")
        .arg(&n.identity)
        .arg("-o")
        .arg(&opened)
        .arg("--insecure-dev-keys")
        .arg("--keys")
        .arg(&n.keys)
        .arg("--registry")
        .arg(&n.registry));
    assert!(said.contains(&designation), "{said}");
    let report: Value =
        serde_json::from_slice(&std::fs::read(opened.join("report.json")).unwrap()).unwrap();
    let sub = &report["submissions"][0];
    assert_eq!(report["submissions"].as_array().unwrap().len(), 1);
    assert_eq!(sub["designation"], designation.as_str());
    // "ok": the digest matched, and the commitment the proof discloses was
    // recomputed from the file and the opening sealed with it.
    assert_eq!(sub["status"], "ok", "{sub}");
    // The page sealed it to the newsroom's hybrid keys, and the offline
    // machine read that from the envelope itself.
    assert_eq!(
        sub["sealed_to"], "hybrid post-quantum keys (ML-KEM-768 with X25519)",
        "{sub}"
    );
    assert_eq!(sub["label"], "proof attached");
    assert_eq!(sub["proof"]["verdict"], "valid", "{sub}");
    assert!(
        sub["proof"]["window"]
            .as_str()
            .unwrap()
            .ends_with("23:59:59 UTC"),
        "the day, by default: {sub}"
    );
    assert!(sub["proof"]["region"]
        .as_str()
        .unwrap()
        .contains("undisclosed"));
    assert_eq!(sub["message"], format!("message {canary}").as_str());
    assert_eq!(sub["original_name"], format!("{canary}.jpg").as_str());
    let out = opened.join(sub["file"].as_str().unwrap());
    // The page sealed the capture's tile seed: newsroom open kept it with
    // the opening and the proof, so part of the photo can be published,
    // and the publication verifies.
    let public = dir.join("public.jpg");
    let said = ok(darkroom()
        .arg("publish")
        .arg(&out)
        .args(["--crop", "10,10,200,150", "--redact", "64,64,10,10", "-o"])
        .arg(&public)
        .arg("--proof")
        .arg(dir.join("public.proof.json")));
    assert!(said.contains("11 of 20 tiles shown"), "{said}");
    let said = ok(darkroom()
        .arg("verify")
        .arg(dir.join("public.proof.json"))
        .arg("--image")
        .arg(&public)
        .arg("--keys")
        .arg(&n.keys)
        .arg("--insecure-dev-keys")
        .arg("--registry")
        .arg(&n.registry));
    assert!(
        said.starts_with("VALID: ") && said.contains("11 of 20 tiles shown"),
        "{said}"
    );
    if let Some(exiftool) = tool("exiftool") {
        let left = metadata_tags(&exiftool_tags(&exiftool, &out));
        assert!(left.is_empty(), "{left:?}");
    }
    if let Some(identify) = tool("/usr/bin/identify") {
        assert_eq!(
            pixel_signatures(&identify, &out),
            pixel_signatures(&identify, &file)
        );
    }
    if let Some(age) = tool("age") {
        let x = dir.join("x");
        std::fs::create_dir_all(&x).unwrap();
        ok(Command::new("tar")
            .arg("-xf")
            .arg(&export)
            .arg("-C")
            .arg(&x));
        let envelope = x.join(format!("darkroom-export/{designation}/envelope.age"));
        assert!(
            contains(&age_decrypt(&age, &n.identity, &envelope), &plain_run),
            "age -d gives the photo's own data back"
        );
    }
}

/// Submits `file` through the plain form, as a person without JavaScript
/// (or WebAssembly) does, and returns the page's heading.
pub(crate) async fn plain_form(browser: &Browser, file: &Path) -> String {
    browser.choose("#file", file).await;
    browser.click("#plain button[type=submit]").await;
    let started = Instant::now();
    loop {
        // Empty while the next page loads (no heading to find yet).
        let h = browser.text("h1").await;
        if !h.is_empty() && h != "Submit files" {
            return h;
        }
        assert!(started.elapsed() < Duration::from_secs(60));
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// V8 without its compilers has no WebAssembly, as Tor Browser's "Safer"
/// level (or Chromium's "V8 optimizer" setting turned off): the page runs
/// the JavaScript build of the client, says so, and seals in the browser.
/// (The same in Gecko, with a 10 MB photo, a reply and a publication:
/// `tor_browser`.)
#[tokio::test]
async fn without_webassembly_chromium_seals_in_the_browser_with_the_javascript_build() {
    let dir = scratch("browser-nowasm");
    let cfg = browser_config(&dir);
    let server = Server::start(&[OsStr::new("--config"), cfg.as_os_str()], &dir.join("log"));
    let Some(browser) = Browser::start("nowasm", &["--js-flags=--jitless"], json!({})).await else {
        return;
    };
    assert_eq!(
        browser.eval("return typeof WebAssembly;").await,
        "undefined"
    );
    browser.goto(&format!("{}/submit", server.url)).await;
    let s = browser
        .wait_state(
            &["ready", "unavailable", "refused"],
            Duration::from_secs(120),
        )
        .await;
    assert_eq!(s, "ready", "{}", browser.text("main").await);
    assert!(browser.shown("#client-js-note").await);
    assert!(!browser.shown("#plain").await);
    assert!(!browser.shown("#client-unavailable").await);
    browser.choose("#client-files", &photo()).await;
    browser.review(|t| t.contains("Will be removed")).await;
    browser
        .wait_state(&["ready"], Duration::from_secs(60))
        .await;
    browser.send(Duration::from_secs(300)).await;
    let receipt = browser.text("#client-receipts").await;
    assert!(
        receipt.contains("on this device, in this browser (the JavaScript version"),
        "{receipt}"
    );
    assert!(receipt.contains("no proof"), "{receipt}");
    assert_eq!(stored(&dir.join("data")).0, 1);
}

/// A provider that edits the JavaScript client it serves (one more line
/// at the end, as an added exfiltration would be): the submit page and the
/// inbox check the bytes before they run them, refuse, and offer no form
/// at all (the server's form would hand the file to the same provider).
#[tokio::test]
async fn without_webassembly_an_edited_javascript_client_is_refused() {
    fn edited_client(path: &str, _: &axum::http::HeaderMap) -> Option<Vec<u8>> {
        (path.split('?').next() == Some("/static/client/darkroom_web_js.js")).then(|| {
            let mut js = darkroom_server::client::JS_CLIENT.to_vec();
            js.extend_from_slice(b"\nfetch('/x?' + 1);\n");
            js
        })
    }
    let (server, proxy) = behind_a_provider("browser-edited-js", edited_client);
    let Some(browser) = Browser::start("edited-js", &["--js-flags=--jitless"], json!({})).await
    else {
        return;
    };
    let said = submit_is_refused(&browser, &proxy, Duration::from_secs(120)).await;
    assert!(said.contains("Do not send anything here"), "{said}");
    // The inbox too: no form where the server would open replies.
    browser.goto(&format!("{proxy}/inbox")).await;
    let s = browser
        .wait_for(
            "inbox",
            &["ready", "refused", "unavailable"],
            Duration::from_secs(120),
        )
        .await;
    assert_eq!(s, "refused", "{}", browser.text("main").await);
    assert!(browser
        .text("#inbox-error")
        .await
        .contains("not the published build"));
    assert!(!browser.shown("#plain-inbox").await);
    // The same client from the server itself is taken.
    browser.goto(&format!("{}/submit", server.url)).await;
    let s = browser
        .wait_state(
            &["ready", "refused", "unavailable"],
            Duration::from_secs(120),
        )
        .await;
    assert_eq!(s, "ready", "{}", browser.text("main").await);
}

/// The same provider with the WebAssembly client: one byte changed. The
/// page fetches it and the worker checks its hash before compiling it;
/// the page refuses and offers no form.
#[tokio::test]
async fn an_edited_webassembly_client_is_refused() {
    fn edited_client(path: &str, _: &axum::http::HeaderMap) -> Option<Vec<u8>> {
        (path.split('?').next() == Some("/static/client/darkroom_web_bg.wasm")).then(|| {
            let mut wasm = darkroom_server::client::WASM.to_vec();
            wasm[100] ^= 1;
            wasm
        })
    }
    let (_server, proxy) = behind_a_provider("browser-edited-wasm", edited_client);
    let Some(browser) = Browser::start("edited-wasm", &[], json!({})).await else {
        return;
    };
    submit_is_refused(&browser, &proxy, Duration::from_secs(60)).await;
}

/// A test server with the browser tests' configuration, behind a provider
/// that answers some requests itself (`answer`): the server, and the
/// provider's address.
fn behind_a_provider(name: &str, answer: crate::trust::Answer) -> (Server, String) {
    let dir = scratch(name);
    let cfg = browser_config(&dir);
    let server = Server::start(&[OsStr::new("--config"), cfg.as_os_str()], &dir.join("log"));
    let proxy = crate::trust::answering_proxy(&server.url, answer);
    (server, proxy)
}

/// Opens `/submit` through `proxy`, which edits the client: the page
/// refuses, naming the code as not the published build, and offers no
/// form at all. Returns what it says.
async fn submit_is_refused(browser: &Browser, proxy: &str, limit: Duration) -> String {
    browser.goto(&format!("{proxy}/submit")).await;
    let s = browser
        .wait_state(&["ready", "refused", "unavailable"], limit)
        .await;
    assert_eq!(s, "refused", "{}", browser.text("main").await);
    let said = browser.text("#client-refused").await;
    assert!(said.contains("not the published build"), "{said}");
    assert!(!browser.shown("#client-form").await);
    assert!(!browser.shown("#plain").await, "no form is offered either");
    said
}

#[tokio::test]
async fn without_javascript_the_plain_form_works() {
    let dir = scratch("browser-nojs");
    let cfg = browser_config(&dir);
    let server = Server::start(&[OsStr::new("--config"), cfg.as_os_str()], &dir.join("log"));
    // JavaScript blocked for every site, as Tor Browser's "Safest" level.
    let Some(browser) = Browser::start(
        "nojs",
        &[],
        json!({ "profile": { "managed_default_content_settings": { "javascript": 2 } } }),
    )
    .await
    else {
        return;
    };
    browser.goto(&format!("{}/submit", server.url)).await;
    assert!(browser.shown("#plain").await);
    assert!(
        !browser.shown("#client").await,
        "the client needs JavaScript"
    );
    assert!(!browser.shown("#client-unavailable").await, "no script ran");
    assert_eq!(
        plain_form(&browser, &newsroom().signed_photo).await,
        "Received"
    );
    assert_eq!(stored(&dir.join("data")).0, 1);
}

/// A proxy in front of the server rewrites the newsroom's recipient in
/// every answer (JSON and HTML), or only in the configuration: either way
/// the page refuses to send, and says why. A pasted key that is not the
/// newsroom's is refused the same way.
#[tokio::test]
async fn the_page_refuses_a_server_that_disagrees_with_the_signed_manifest() {
    let n = newsroom();
    let dir = scratch("browser-proxy");
    let cfg = browser_config(&dir);
    let server = Server::start(&[OsStr::new("--config"), cfg.as_os_str()], &dir.join("log"));
    let (_, attacker) = our_keygen(&dir, "attacker.key");
    let everything = crate::trust::rewriting_proxy(&server.url, &n.recipient, &attacker, |_| true);
    let config_only = crate::trust::rewriting_proxy(&server.url, &n.recipient, &attacker, |p| {
        p.ends_with("/config.json")
    });
    let Some(browser) = Browser::start("proxy", &[], json!({})).await else {
        return;
    };
    for (proxy, why) in [
        (&everything, "not signed by the newsroom key"),
        (
            &config_only,
            "disagrees with the newsroom's signed manifest",
        ),
    ] {
        browser.goto(&format!("{proxy}/submit")).await;
        let s = browser
            .wait_state(
                &["ready", "refused", "unavailable"],
                Duration::from_secs(60),
            )
            .await;
        assert_eq!(s, "refused", "{}", browser.text("main").await);
        let said = browser.text("#client-refused").await;
        assert!(
            said.contains("Do not send anything here") && said.contains(why),
            "{said}"
        );
        assert!(!browser.shown("#client-form").await);
        assert!(!browser.shown("#plain").await, "no form is offered either");
    }
    // The real server, with a pasted key that is not the newsroom's.
    let other = dir.join("other.key");
    let other_key = printed_key(&ok(darkroom()
        .args(["newsroom", "signing-keygen", "-o"])
        .arg(&other)));
    browser.goto(&format!("{}/submit", server.url)).await;
    browser
        .wait_state(&["ready"], Duration::from_secs(60))
        .await;
    browser.type_into("#newsroom-key-input", &other_key).await;
    browser
        .eval("document.getElementById('newsroom-key-input').dispatchEvent(new Event('change')); return null;")
        .await;
    let s = browser
        .wait_state(&["refused"], Duration::from_secs(30))
        .await;
    assert_eq!(s, "refused");
    browser.client.clone().close().await.unwrap();
    assert_eq!(stored(&dir.join("data")).0, 0);
}

/// Two photos with Content Credentials (C2PA, signed by the SDK with a
/// test CA) sent through the page, the source keeping the credentials of
/// one: the review names them and says what keeping them gives the
/// newsroom before anything is sent; nothing of either manifest (its
/// certificate's subject) reaches the server's disk or log; offline, the
/// kept one's original opens with valid credentials, and of the other
/// nothing is left but the names of what was removed.
#[tokio::test]
async fn content_credentials_never_leave_the_page_unless_kept_for_the_newsroom() {
    let dir = scratch("browser-c2pa");
    let upload = dir.join("upload");
    std::fs::create_dir_all(&upload).unwrap();
    let file = upload.join("photo.jpg");
    let kept = upload.join("kept.jpg");
    let original = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo-photo.jpg");
    let Some(()) = crate::c2pa_peer::signed_jpeg(&dir, &original, &file) else {
        return;
    };
    crate::c2pa_peer::signed_jpeg(&dir, &original, &kept).unwrap();
    let canary = crate::c2pa_peer::CANARY;
    let image = std::fs::read(&file).unwrap();
    assert!(
        contains(&image, canary.as_bytes()),
        "the canary is in the file"
    );
    let plain_run = image[image.len() - 200..image.len() - 152].to_vec();
    let Some((server, browser)) = submit_page(&dir, "c2pa").await else {
        return;
    };
    let both = format!("{}\n{}", file.display(), kept.display());
    browser.type_into("#client-files", &both).await;
    let review = browser
        .review(|t| t.matches("Will be removed").count() >= 2)
        .await;
    assert!(review.contains("Content Credentials (C2PA)"), "{review}");
    assert!(
        review.contains("The newsroom will learn everything in it: the device's certificate"),
        "{review}"
    );
    browser
        .wait_state(&["ready"], Duration::from_secs(30))
        .await;
    browser
        .client
        .find(Locator::XPath(
            "//li[strong[text()='kept.jpg']]//input[@class='keep-credentials']",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser.send(Duration::from_secs(120)).await;
    browser.client.clone().close().await.unwrap();
    let data = dir.join("data");
    assert_eq!(stored(&data).0, 2);
    let log = dir.join("server.log");
    drop(server);
    assert_no_trace(&[&data], &log, canary, &plain_run);

    let (said, opened) = crate::c2pa_kept::open_export_trusting_the_test_ca(&dir);
    assert_eq!(
        said.matches("Content Credentials: valid").count(),
        1,
        "{said}"
    );
    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(opened.join("report.json")).unwrap())
            .unwrap();
    let subs = report["submissions"].as_array().unwrap();
    let (with, without): (Vec<&Value>, Vec<&Value>) =
        subs.iter().partition(|s| s["original"].is_string());
    let (with, without) = (with[0], without[0]);
    assert_eq!(with["original_name"], "kept.jpg", "{with}");
    assert_eq!(with["credentials"]["state"], "valid", "{with}");
    let kept_back = std::fs::read(opened.join(with["original"].as_str().unwrap())).unwrap();
    assert_eq!(kept_back, std::fs::read(&kept).unwrap());
    // The other: names of what was removed, no value, no original.
    assert!(!without.to_string().contains(canary), "{without}");
    assert!(without["credentials"].is_null(), "{without}");
    assert!(
        without["removed"].as_array().unwrap().iter().any(|r| r
            .as_str()
            .unwrap()
            .starts_with("APP11 C2PA Content Credentials")),
        "{without}"
    );
    let file = opened.join(without["file"].as_str().unwrap());
    assert!(!contains(&std::fs::read(file).unwrap(), canary.as_bytes()));
}

/// A phone's HEIC and MP4 and a PDF, chosen together with photos from a
/// real iPhone 13 Pro and a real Galaxy S25 Ultra (which writes its image
/// data first): the page cleans the photos and the video, refuses to send
/// anything while the PDF is not chosen to go as it is, and sends all five
/// once it is; the newsroom gets the photos and the MP4 with no metadata,
/// the same pixels (libheif) and the same frames (ffmpeg), and the PDF
/// unchanged. The server asks every upload for a proof of work, which the
/// page's worker solves.
#[tokio::test]
async fn the_page_cleans_a_heic_and_sends_an_uncleanable_file_only_when_chosen() {
    let Some(corpus) = corpus() else { return };
    let Some(devices) = device_samples() else {
        return;
    };
    let n = newsroom();
    let dir = scratch("browser-formats");
    let upload = dir.join("upload");
    std::fs::create_dir_all(&upload).unwrap();
    let heic = upload.join("IMG_0001.heic");
    std::fs::copy(corpus.join("heic-thumb-full.heic"), &heic).unwrap();
    let video = upload.join("VID_0001.mp4");
    std::fs::copy(corpus.join("video-android-full.mp4"), &video).unwrap();
    let pdf = upload.join("memo.pdf");
    std::fs::write(&pdf, b"%PDF-1.4\n%%Author: Jane Example\n%%EOF\n").unwrap();
    // As the phones name them.
    let iphone = upload.join("IMG_4032.HEIC");
    std::fs::copy(devices.join("pug.heic"), &iphone).unwrap();
    let samsung = upload.join("20250301_101500.heic");
    std::fs::copy(devices.join("aux_YCbCr.heic"), &samsung).unwrap();

    let cfg = browser_config(&dir);
    // A busy drop box: every upload needs a proof of work, which the
    // page's worker solves.
    let mut text = std::fs::read_to_string(&cfg).unwrap();
    text.push_str("[limits]\nupload_pow = \"always\"\npow_difficulty = 5\npow_memory_kib = 256\n");
    std::fs::write(&cfg, text).unwrap();
    let log = dir.join("server.log");
    let server = Server::start_in(&[OsStr::new("--config"), cfg.as_os_str()], &log, None);
    let Some(browser) = Browser::start("formats", &[], json!({})).await else {
        return;
    };
    browser.goto(&format!("{}/submit", server.url)).await;
    let state = browser
        .wait_state(&["ready", "unavailable"], Duration::from_secs(60))
        .await;
    assert_eq!(state, "ready", "{}", browser.text("main").await);
    let all = [&heic, &video, &pdf, &iphone, &samsung]
        .map(|f| f.display().to_string())
        .join("\n");
    browser.type_into("#client-files", &all).await;
    let review = browser
        .review(|t| t.matches("Will be removed").count() + t.matches("cannot remove").count() >= 5)
        .await;
    for said in [
        "GPS position",
        "preview image",
        "colour profile",
        "camera make",
    ] {
        assert!(review.contains(said), "{said:?} in {review}");
    }
    assert!(
        review.contains("Darkroom cannot remove the metadata from this PDF"),
        "{review}"
    );
    browser
        .wait_state(&["ready"], Duration::from_secs(30))
        .await;

    // Not chosen: nothing is sent, not even the HEIC.
    browser.click("#client-send").await;
    let end = browser
        .wait_state(&["failed", "done"], Duration::from_secs(60))
        .await;
    assert_eq!(end, "failed");
    let error = browser.text("#client-error").await;
    assert!(
        error.contains("Nothing was sent") && error.contains("memo.pdf"),
        "{error}"
    );
    let data = dir.join("data");
    assert_eq!(stored(&data).0, 0);

    // Chosen for that file: all three go.
    browser.click("input.send-as-is").await;
    browser.send(Duration::from_secs(120)).await;
    browser.client.clone().close().await.unwrap();
    assert_eq!(stored(&data).0, 5);
    drop(server);

    let (opened, report) = export_and_open(&dir, &data, &n.identity);
    let file_of = |name: &str| {
        let sub = report["submissions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["original_name"] == name)
            .unwrap_or_else(|| panic!("{name} in {report}"));
        opened.join(sub["file"].as_str().unwrap())
    };
    let clean = file_of("IMG_0001.heic");
    assert_eq!(
        std::fs::read(file_of("memo.pdf")).unwrap(),
        std::fs::read(&pdf).unwrap()
    );
    let exiftool = require!("exiftool");
    let left = metadata_tags(&exiftool_tags(&exiftool, &clean));
    assert!(left.is_empty(), "{left:?}");
    let identify = require!("/usr/bin/identify");
    assert_eq!(
        heif_signature(&identify, &clean),
        heif_signature(&identify, &heic)
    );
    for (name, original, maker) in [
        ("IMG_4032.HEIC", &iphone, "apple"),
        ("20250301_101500.heic", &samsung, "samsung"),
    ] {
        let clean = file_of(name);
        let left = metadata_tags(&exiftool_tags(&exiftool, &clean));
        assert!(left.is_empty(), "{name}: {left:?}");
        let values = exiftool_values(&exiftool, &clean).to_ascii_lowercase();
        assert!(
            !values.contains(maker) && !values.contains("gps"),
            "{name}: {values}"
        );
        assert_eq!(
            heif_signature(&identify, &clean),
            heif_signature(&identify, original),
            "{name}"
        );
    }
    let clean_video = file_of("VID_0001.mp4");
    require!("ffmpeg");
    assert_eq!(frame_md5s(&clean_video), frame_md5s(&video));
    let tags = exiftool_values(&exiftool, &clean_video);
    for line in tags.lines() {
        assert!(!identifying(line), "{line}");
    }
}

/// A 200 MiB recording sent from the page: the worker reads it a slice at
/// a time and hands the envelope over in pieces, so the WebAssembly client
/// never holds the file or its envelope (its memory stays far below the
/// file's size), the progress bar moves, and the newsroom gets exactly what
/// `darkroom strip` makes of it.
#[tokio::test]
async fn the_page_seals_a_large_recording_a_slice_at_a_time() {
    let ffmpeg = require!("ffmpeg");
    let dir = scratch("browser-large");
    let n = newsroom();
    let upload = dir.join("upload");
    std::fs::create_dir_all(&upload).unwrap();
    // Uncompressed video: large and quick to make (640x360 RGB, 300 frames).
    let video = upload.join("VID_LARGE.mov");
    ok(std::process::Command::new(ffmpeg)
        .args(["-loglevel", "error", "-f", "lavfi", "-i"])
        .arg("testsrc2=size=640x360:rate=30")
        .args(["-t", "10", "-c:v", "rawvideo", "-pix_fmt", "rgb24"])
        .args([
            "-movflags",
            "use_metadata_tags",
            "-metadata",
            "make=DemoCam",
        ])
        .arg(&video));
    let size = std::fs::metadata(&video).unwrap().len();
    assert!(size > 200_000_000, "{size}");

    let Some((server, browser)) = submit_page(&dir, "large").await else {
        return;
    };
    browser
        .type_into("#client-files", &video.display().to_string())
        .await;
    let started = Instant::now();
    loop {
        let t = browser.text("#client-review").await;
        if t.contains("Will be removed") {
            assert!(t.contains("camera make"), "{t}");
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "no review: {t}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    browser
        .wait_state(&["ready"], Duration::from_secs(30))
        .await;
    browser.click("#client-send").await;
    // The bar shows how far sealing has got.
    let mut moved = false;
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(300) {
        let v = browser
            .eval("const b = document.getElementById('client-progress'); return b && b.hasAttribute('value') ? b.value / b.max : null;")
            .await;
        if v.as_f64().is_some_and(|f| f > 0.0 && f < 1.0) {
            moved = true;
        }
        if ["done", "failed"].contains(&browser.state().await.as_str()) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let end = browser
        .wait_state(&["done", "failed"], Duration::from_secs(10))
        .await;
    assert_eq!(end, "done", "{}", browser.text("#client-error").await);
    assert!(moved, "the progress bar never moved");
    let memory = browser
        .eval("return Number(document.querySelector('#client-receipts dl').dataset.clientMemory);")
        .await
        .as_f64()
        .unwrap();
    eprintln!(
        "the client held {:.0} MiB after sealing a {:.0} MiB file",
        memory / 1048576.0,
        size as f64 / 1048576.0
    );
    assert!(
        memory > 0.0 && memory < 64.0 * 1048576.0,
        "the client holds {memory} bytes for a {size}-byte file"
    );
    browser.client.clone().close().await.unwrap();
    let data = dir.join("data");
    assert_eq!(stored(&data).0, 1);
    drop(server);

    let (opened, report) = export_and_open(&dir, &data, &n.identity);
    let file = opened.join(report["submissions"][0]["file"].as_str().unwrap());
    let cli = dir.join("cli.mov");
    ok(darkroom().arg("strip").arg(&video).arg("-o").arg(&cli));
    assert!(
        std::fs::read(&file).unwrap() == std::fs::read(&cli).unwrap(),
        "the page's file differs from the command line's"
    );
}

/// The worker proves with helpers it starts from its own checked script,
/// each holding its share of the proving key, however many it is asked
/// for, or alone; every bundle verifies with the command-line tool.
#[tokio::test]
async fn a_proof_split_across_workers_verifies() {
    let n = newsroom();
    let dir = scratch("browser-workers");
    let Some((_server, browser)) = submit_page(&dir, "workers").await else {
        return;
    };
    let photo = std::fs::read(&n.signed_photo).unwrap();
    let script = r#"
const [photoB64, counts, done] = arguments;
const client = document.getElementById('client');
const served = await Darkroom.served();
const call = Darkroom.worker(client);
const provingKey = await (await fetch(served.config.proving_key + '?form=compact')).arrayBuffer();
const registries = await Promise.all(served.config.registries.map(async (u) => (await fetch(u)).text()));
const photo = Uint8Array.from(atob(photoB64), (c) => c.charCodeAt(0));
try {
  await Darkroom.newsroom(call, client, served, null);
  const warm = await call({ op: 'warm' });
  const made = [{ warm: warm.workers, cores: navigator.hardwareConcurrency }];
  for (const workers of counts) {
    const r = await call({ op: 'seal', file: new Blob([photo]), name: 'signed.jpg', message: null,
      replyRecipient: null, proof: { sidecar: null, registries, provingKey: provingKey.slice(0),
      window: 'day', region: 'none', workers } });
    made.push({ asked: workers, workers: r.proveWorkers, steps: r.proveSteps, ms: r.proveMs, bundle: r.bundle });
  }
  done(made);
} catch (e) {
  done({ error: String(e.message || e) });
}
"#;
    use base64::Engine;
    let counts = json!([3, 1, 2, 2]);
    let made = browser
        .client
        .execute_async(
            script,
            vec![
                json!(base64::engine::general_purpose::STANDARD.encode(&photo)),
                counts,
            ],
        )
        .await
        .unwrap();
    browser.client.clone().close().await.unwrap();
    let made = made.as_array().unwrap_or_else(|| panic!("{made}"));
    // Warming up starts a worker per core (at most 8).
    let cores = made[0]["cores"].as_u64().unwrap().clamp(1, 8);
    assert_eq!(made[0]["warm"].as_u64(), Some(cores), "{}", made[0]);
    let made = &made[1..];
    assert_eq!(made.len(), 4);
    for (i, m) in made.iter().enumerate() {
        assert_eq!(m["workers"], m["asked"], "{m}");
        eprintln!("{} workers: {} ms, {}", m["workers"], m["ms"], m["steps"]);
        let bundle = dir.join(format!("b{i}.json"));
        std::fs::write(&bundle, m["bundle"].as_str().unwrap()).unwrap();
        let said = ok(darkroom()
            .arg("verify")
            .arg(&bundle)
            .arg("--keys")
            .arg(&n.keys)
            .arg("--insecure-dev-keys")
            .arg("--registry")
            .arg(&n.registry));
        assert!(said.starts_with("VALID: "), "{said}");
    }
    // Every proof is fresh, also with the helpers kept from the last one.
    assert_ne!(made[2]["bundle"], made[3]["bundle"]);
}

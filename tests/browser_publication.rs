//! A 12-megapixel photo from an iPhone 13 Pro (libheif and libjpeg made
//! the JPEG), signed by the test newsroom's capture device, is proven and
//! sealed on the submit page in real Chromium, exported and opened
//! offline, published with a crop and two redactions, and checked on the
//! verify page in WebAssembly (the photo is not uploaded), which draws it
//! with the hidden areas outlined; the single-file checker the page offers
//! does the same opened from disk, with no server.

use std::ffi::OsStr;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::browser::{browser_config, Browser};
use crate::server_util::*;
use crate::util::*;

/// Chooses the bundle and photo, clicks Check, and waits for the verdict:
/// (valid, text, milliseconds in WebAssembly).
pub(crate) async fn check(browser: &Browser, bundle: &Path, image: &Path) -> (bool, String, u64) {
    browser.eval("document.getElementById('pub-verdict').dataset.valid = 'waiting'; document.getElementById('pub-bundle').value = ''; document.getElementById('pub-image').value = ''; return null;").await;
    browser.choose("#pub-bundle", bundle).await;
    browser.choose("#pub-image", image).await;
    browser.click("#pub-check").await;
    let started = Instant::now();
    loop {
        let v = browser
            .eval("const v = document.getElementById('pub-verdict'); return [v.dataset.valid, v.textContent, v.dataset.ms];")
            .await;
        match v[0].as_str() {
            Some("true") | Some("false") => {
                return (
                    v[0] == "true",
                    v[1].as_str().unwrap_or_default().to_string(),
                    v[2].as_str().unwrap_or_default().parse().unwrap_or(0),
                )
            }
            _ => {}
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "no verdict: {}",
            browser.text("main, body").await
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The verify page's canvas, sampled on a grid away from the outlines of
/// the hidden areas, is within 3 levels of `rgb` (`width` pixels a row, as
/// djpeg decodes the published image).
async fn assert_drawn_as(browser: &Browser, rgb: &[u8], width: usize) {
    let points: Vec<(usize, usize)> = (400..=2800)
        .step_by(120)
        .flat_map(|x| (100..=1400).step_by(100).map(move |y| (x, y)))
        .collect();
    let drawn = browser
        .eval(&format!(
            "const c = document.getElementById('pub-canvas').getContext('2d'); return {}.map(([x, y]) => Array.from(c.getImageData(x, y, 1, 1).data.slice(0, 3)));",
            json!(points)
        ))
        .await;
    let drawn = drawn.as_array().unwrap();
    assert_eq!(drawn.len(), points.len());
    let mut worst = 0i64;
    for (&(x, y), got) in points.iter().zip(drawn) {
        for (k, v) in got.as_array().unwrap().iter().enumerate() {
            let want = i64::from(rgb[(y * width + x) * 3 + k]);
            worst = worst.max((v.as_i64().unwrap() - want).abs());
        }
    }
    assert!(
        worst <= 3,
        "the page draws other pixels than djpeg decodes (off by {worst})"
    );
}

/// Sends `file` with a proof from the submit page; its designation.
pub(crate) async fn submit_with_proof(browser: &Browser, url: &str, file: &Path) -> String {
    browser.goto(&format!("{url}/submit")).await;
    let state = browser
        .wait_state(&["ready", "unavailable"], Duration::from_secs(60))
        .await;
    assert_eq!(state, "ready", "{}", browser.text("main").await);
    browser.choose("#client-files", file).await;
    let started = Instant::now();
    loop {
        let t = browser.text("#client-review").await;
        if t.contains("Signed by a capture device") {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "no review: {t}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    browser
        .wait_state(&["ready"], Duration::from_secs(60))
        .await;
    browser.click("#proof-on").await;
    browser.send(Duration::from_secs(300)).await;
    let receipt = browser.text("#client-receipts").await;
    assert!(receipt.contains("proof attached"), "{receipt}");
    browser
        .eval("return document.querySelector('#client-receipts dl').dataset.designation;")
        .await
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn a_phone_photo_goes_from_the_submit_page_to_a_publication_checked_on_the_verify_page() {
    let Some(samples) = device_samples() else {
        return;
    };
    let heif = require!("heif-convert");
    let n = newsroom();
    let dir = scratch("browser-publication");

    // A 12-megapixel phone photo, signed by the registered device.
    let photo = dir.join("pug.jpg");
    ok(Command::new(&heif)
        .args(["-q", "90"])
        .arg(samples.join("pug.heic"))
        .arg(&photo));
    let signed = dir.join("signed.jpg");
    ok(&mut capture_sign(&photo, &n.device_key, &signed));

    // Proven and sealed in the browser, sent, exported, opened offline.
    let cfg = browser_config(&dir);
    let log = dir.join("server.log");
    let server = Server::start_in(&[OsStr::new("--config"), cfg.as_os_str()], &log, None);
    let Some(browser) = Browser::start("publication", &[], json!({})).await else {
        return;
    };
    let designation = submit_with_proof(&browser, &server.url, &signed).await;
    drop(server);
    let (opened, report) = export_and_open(&dir, &dir.join("data"), &n.identity);
    let sub = &report["submissions"][0];
    assert_eq!(sub["designation"], designation.as_str());
    let original = opened.join(sub["file"].as_str().unwrap());

    // Published offline, with a crop and two redactions.
    let public = dir.join("public.jpg");
    let publication = dir.join("public.proof.json");
    ok(darkroom()
        .arg("publish")
        .arg(&original)
        .args([
            "--crop",
            "0,0,4032,2048",
            "--redact",
            "100,100,200,200",
            "--redact",
            "3000,1500,300,300",
        ])
        .arg("-o")
        .arg(&public)
        .arg("--proof")
        .arg(&publication));
    let said = ok(darkroom()
        .arg("verify")
        .arg(&publication)
        .arg("--image")
        .arg(&public)
        .arg("--keys")
        .arg(&n.keys)
        .arg("--insecure-dev-keys")
        .arg("--registry")
        .arg(&n.registry));
    assert!(said.starts_with("VALID: "), "{said}");
    // One coefficient changed in a visible tile.
    let mut c = darkroom_core::jpeg::decode(&std::fs::read(&public).unwrap()).unwrap();
    c.components[0].blocks[700][2] += 1;
    let tampered = dir.join("tampered.jpg");
    std::fs::write(&tampered, darkroom_core::jpeg::write(&c).unwrap()).unwrap();

    // The verify page, from the drop box again.
    let log = dir.join("server-2.log");
    let server = Server::start_in(&[OsStr::new("--config"), cfg.as_os_str()], &log, None);
    browser.goto(&format!("{}/verify", server.url)).await;
    assert!(
        browser.shown("#published-check").await,
        "{}",
        browser.text("main").await
    );
    let (valid, text, ms) = check(&browser, &publication, &public).await;
    assert!(valid, "{text}");
    let grid = 63 * 48;
    let shown = 63 * 32 - 4 * 4 - 6 * 6;
    assert!(
        text.contains(&format!(
            "{shown} of {grid} tiles shown; the rest hidden by the publisher"
        )),
        "{text}"
    );
    assert!(text.contains("captured by one of"), "{text}");
    assert!(text.contains("Test Desk"), "{text}");
    let hidden = browser
        .eval("const c = document.getElementById('pub-canvas'); return [c.dataset.hidden, c.width, c.height, !c.hidden];")
        .await;
    assert_eq!(hidden, json!(["2", 4032, 2048, true]));
    eprintln!("the page checked a 12-megapixel publication in {ms} ms");
    // What the page draws is what libjpeg-turbo decodes from the verified
    // coefficients: sampled away from the outlines of the hidden areas.
    let djpeg = require!("djpeg");
    let ppm = dir.join("public.ppm");
    ok(Command::new(&djpeg).arg("-outfile").arg(&ppm).arg(&public));
    let decoded = std::fs::read(&ppm).unwrap();
    let pixels = &decoded[decoded.len() - 4032 * 2048 * 3..];
    assert_drawn_as(&browser, pixels, 4032).await;
    // And so does Firefox ESR, with Gecko's own JPEG and canvas: the same
    // page says VALID for the same publication and draws the same pixels.
    if let Some(firefox) = Browser::start_firefox(json!({})).await {
        firefox.goto(&format!("{}/verify", server.url)).await;
        let (valid, text, _) = check(&firefox, &publication, &public).await;
        assert!(valid, "Firefox: {text}");
        assert_drawn_as(&firefox, pixels, 4032).await;
        firefox.client.clone().close().await.unwrap();
    }
    // And Firefox as Tor Browser at Standard (resistFingerprinting: timers
    // clamped, another hardwareConcurrency, canvas reads blocked): the
    // page checks and draws all the same; only this test's own reading of
    // the canvas is blocked, so the drawing is checked by its size.
    if let Some(tor) = Browser::start_firefox(crate::tor_browser::prefs(
        crate::tor_browser::Level::Standard,
    ))
    .await
    {
        tor.goto(&format!("{}/verify", server.url)).await;
        let (valid, text, _) = check(&tor, &publication, &public).await;
        assert!(valid, "Tor Browser's preferences: {text}");
        let drawn = tor
            .eval("const c = document.getElementById('pub-canvas'); return [c.hidden, c.width, c.height, c.dataset.hidden];")
            .await;
        assert_eq!(drawn, json!([false, 4032, 2048, "2"]));
        tor.client.clone().close().await.unwrap();
    }
    // The photo went nowhere: the page fetched its own code and nothing
    // else.
    let fetched = browser
        .eval("return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname);")
        .await;
    for path in fetched.as_array().unwrap() {
        let path = path.as_str().unwrap();
        // (The browser asks for an icon by itself.)
        assert!(
            path.starts_with("/static/") || path == "/favicon.ico",
            "the page fetched {path}"
        );
    }
    let (valid, text, _) = check(&browser, &publication, &tampered).await;
    assert!(!valid && text.contains("NOT an untouched part"), "{text}");

    // The single file, saved and opened from disk with no server.
    let offline = reqwest::get(format!("{}/verify/offline.html", server.url))
        .await
        .unwrap();
    assert!(offline
        .headers()
        .get("content-disposition")
        .is_some_and(|v| v.to_str().unwrap().contains("attachment")));
    let html = offline.text().await.unwrap();
    assert!(html.contains("connect-src 'none'"));
    let file = dir.join("darkroom-verify.html");
    std::fs::write(&file, &html).unwrap();
    drop(server);
    browser.goto(&format!("file://{}", file.display())).await;
    let (valid, text, _) = check(&browser, &publication, &public).await;
    assert!(valid, "{text}");
    assert!(
        text.contains(&format!("{shown} of {grid} tiles shown")),
        "{text}"
    );
    let (valid, _, _) = check(&browser, &publication, &tampered).await;
    assert!(!valid);
    browser.client.clone().close().await.unwrap();
}

/// Chooses any two files on the single-file checker of `url` in a browser
/// that cannot run its WebAssembly, clicks Check, and returns the verdict:
/// [valid, text, class]. Nothing is read before the checking code loads,
/// so the files need not be a publication.
async fn check_without_the_checker(browser: &Browser, url: &str, dir: &Path) -> Value {
    // Saved, then opened from disk, as a reader keeps it.
    let html = reqwest::get(format!("{url}/verify/offline.html"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let file = dir.join("darkroom-verify.html");
    std::fs::write(&file, html).unwrap();
    browser.goto(&format!("file://{}", file.display())).await;
    let (bundle, image) = (dir.join("p.proof.json"), dir.join("p.jpg"));
    std::fs::write(&bundle, b"{}").unwrap();
    std::fs::write(&image, b"\xff\xd8\xff").unwrap();
    browser.choose("#pub-bundle", &bundle).await;
    browser.choose("#pub-image", &image).await;
    browser.click("#pub-check").await;
    let started = Instant::now();
    loop {
        let v = browser
            .eval("const v = document.getElementById('pub-verdict'); return [v.dataset.valid, v.textContent, v.className];")
            .await;
        if !matches!(v[0].as_str(), Some("") | None) {
            return v;
        }
        assert!(started.elapsed() < Duration::from_secs(60), "no verdict");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Without WebAssembly (Tor Browser's "Safer" level turns it off) the
/// single-file checker, which carries only the WebAssembly, cannot check
/// a publication, and says so: never NOT VALID, which would tell a reader
/// that a genuine photo is fake. (The served verify page checks with the
/// JavaScript build there: `tor_browser`.)
#[tokio::test]
async fn without_webassembly_the_single_file_checker_says_it_did_not_check() {
    let dir = scratch("browser-verify-nowasm");
    let cfg = browser_config(&dir);
    let server = Server::start(&[OsStr::new("--config"), cfg.as_os_str()], &dir.join("log"));
    let Some(browser) = Browser::start("verify-nowasm", &["--js-flags=--jitless"], json!({})).await
    else {
        return;
    };
    let v = check_without_the_checker(&browser, &server.url, &dir).await;
    let text = v[1].as_str().unwrap_or_default();
    assert_eq!(v[0], "unchecked", "{text}");
    assert!(text.starts_with("NOT CHECKED: "), "{text}");
    assert!(text.contains("WebAssembly is turned off"), "{text}");
    assert!(
        text.contains("says nothing about the publication"),
        "{text}"
    );
    assert!(!text.contains("NOT VALID"), "{text}");
    assert!(
        !v[2].as_str().unwrap_or_default().contains("invalid"),
        "{v}"
    );
}

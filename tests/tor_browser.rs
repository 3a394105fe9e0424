//! The pages in Gecko as sources meet them: Firefox ESR (Debian's
//! `firefox-esr`, under geckodriver) with Tor Browser's preferences at
//! each security level.
//!
//! - Standard: a photo is stripped, proven and sealed in the browser;
//!   another sent with a codename; the signed reply read in the inbox; a
//!   publication checked VALID.
//! - Safer (no WebAssembly, no JIT): the JavaScript build of the client
//!   strips and seals in the browser, opens signed replies, and checks
//!   publications; only proofs are left to Standard and the CLI.
//! - Safest (no script): the plain form, labelled.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::{Map, Value};

use crate::browser::{browser_config, plain_form, Browser};
use crate::browser_publication::{check, submit_with_proof};
use crate::browser_replies::{codename_shown, journalist_replies};
use crate::server_live::{config as live_config, serve, submit_proved};
use crate::server_util::*;
use crate::util::*;

/// Tor Browser's security levels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Level {
    Standard,
    Safer,
    Safest,
}

/// Firefox preferences that make it behave as Tor Browser at `level`,
/// named in one place with their source (`tests/testdata/tor-browser-prefs.json`,
/// which `darkroom-bench slow-link` reads too):
///
/// - every level, from Tor Browser's `browser/app/profile/001-base-profile.js`:
///   resistFingerprinting and its letterboxing, first-party isolation,
///   private browsing only, no disk cache;
/// - Safer and Safest, from `toolkit/components/securitylevel/SecurityLevel.sys.mjs`
///   (`kSecuritySettings`): Ion, the baseline JIT and native regular
///   expressions off, asm.js and WebAssembly off, MathML off, Graphite and
///   SVG-in-OpenType fonts off; Safest also turns SVG off;
/// - NoScript's part: at Safer it blocks WebAssembly on every site (the
///   `wasm` capability; `javascript.options.wasm` stands in), at Safest
///   every script (`javascript.enabled` stands in).
pub fn prefs(level: Level) -> Value {
    let all: Value = serde_json::from_str(include_str!("testdata/tor-browser-prefs.json")).unwrap();
    let layers: &[&str] = match level {
        Level::Standard => &["every"],
        Level::Safer => &["every", "safer"],
        Level::Safest => &["every", "safer", "safest"],
    };
    let mut p = Map::new();
    for layer in layers {
        for (k, v) in all[*layer].as_object().unwrap() {
            p.insert(k.clone(), v.clone());
        }
    }
    Value::Object(p)
}

#[tokio::test]
async fn at_standard_firefox_proves_seals_reads_a_reply_and_checks_a_publication() {
    let dir = scratch("tor-browser-standard");
    let cfg = browser_config(&dir);
    let server = Server::start(&[OsStr::new("--config"), cfg.as_os_str()], &dir.join("log"));
    let Some(firefox) = Browser::start_firefox(prefs(Level::Standard)).await else {
        return;
    };
    assert_eq!(firefox.eval("return typeof WebAssembly;").await, "object");
    let designation = submit_with_proof(&firefox, &server.url, &newsroom().signed_photo).await;
    assert!(!designation.is_empty());
    // resistFingerprinting reports a core count that is not the machine's;
    // the proof splits its work by it and is made all the same.
    let cores = firefox
        .eval("return [navigator.hardwareConcurrency, Number(document.querySelector('#client-receipts dl').dataset.proveWorkers)];")
        .await;
    let (reported, workers) = (cores[0].as_u64().unwrap(), cores[1].as_u64().unwrap());
    assert!((1..=reported.min(8)).contains(&workers), "{cores}");
    eprintln!(
        "standard: Firefox reports {reported} cores ({} here); the proof took {workers} workers",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    let data = dir.join("data");
    let (envelopes, proofs, _) = stored(&data);
    assert_eq!((envelopes, proofs), (1, 1));

    // Without a proof, with a codename: the WebAssembly client, and the
    // receipt says the page sealed it.
    let url = server.url.clone();
    firefox.goto(&format!("{url}/submit")).await;
    firefox
        .wait_state(&["ready"], Duration::from_secs(60))
        .await;
    assert!(!firefox.shown("#client-js-note").await);
    firefox.choose("#client-files", &photo()).await;
    firefox.review(|t| t.contains("Will be removed")).await;
    firefox
        .wait_state(&["ready"], Duration::from_secs(60))
        .await;
    firefox.click("#codename-on").await;
    let codename = codename_shown(&firefox, Duration::from_secs(60)).await;
    firefox.send(Duration::from_secs(120)).await;
    let receipt = firefox.text("#client-receipts").await;
    assert!(receipt.contains("no proof"), "{receipt}");
    assert!(
        receipt.contains("on this device, in this browser, before it was sent"),
        "{receipt}"
    );

    // A signed reply, read in the inbox.
    let reply = format!("reply{}", hex::encode(rand::random::<[u8; 8]>()));
    journalist_replies(&firefox, &url, &data, &dir, &reply).await;
    firefox.goto(&format!("{url}/inbox")).await;
    firefox
        .wait_for("inbox", &["ready"], Duration::from_secs(60))
        .await;
    firefox.type_into("#inbox-codename", &codename).await;
    firefox.click("#inbox-open").await;
    let opened = firefox
        .wait_for("inbox", &["failed", "open"], Duration::from_secs(60))
        .await;
    assert_eq!(opened, "open", "{}", firefox.text("#inbox-error").await);
    let list = firefox.text("#inbox-list").await;
    assert!(
        list.contains(&reply) && list.contains("Signed by the newsroom."),
        "{list}"
    );

    // A publication, checked on the verify page.
    let (bundle, public) = cli_publication(&dir);
    firefox.goto(&format!("{url}/verify")).await;
    let (valid, text, _) = check(&firefox, &bundle, &public).await;
    assert!(valid, "{text}");
    firefox.client.clone().close().await.unwrap();
}

/// A photo of about 10 MB, as a newer phone writes them: two real iPhone
/// frames side by side, decoded by libheif and libjpeg-turbo and encoded
/// by libjpeg-turbo at quality 100, full-resolution colour.
fn ten_megabyte_photo(dir: &Path) -> Option<PathBuf> {
    let samples = device_samples()?;
    let (heif, djpeg, cjpeg) = (tool("heif-convert")?, tool("djpeg")?, tool("cjpeg")?);
    let frame = dir.join("frame.jpg");
    ok(Command::new(heif)
        .args(["-q", "100"])
        .arg(samples.join("pug.heic"))
        .arg(&frame));
    let ppm = run(Command::new(djpeg).arg("-pnm").arg(&frame)).stdout;
    // P6, width, height, 255, then the pixels.
    let mut fields = ppm.splitn(5, |b| b.is_ascii_whitespace());
    let (_, w, h, _) = (fields.next(), fields.next(), fields.next(), fields.next());
    let number =
        |f: Option<&[u8]>| -> usize { std::str::from_utf8(f.unwrap()).unwrap().parse().unwrap() };
    let (w, h) = (number(w), number(h));
    let pixels = fields.next().unwrap();
    let mut wide = format!("P6\n{} {h}\n255\n", 2 * w).into_bytes();
    for row in pixels.chunks(3 * w).take(h) {
        wide.extend_from_slice(row);
        // The mirror image beside it.
        for px in row.chunks(3).rev() {
            wide.extend_from_slice(px);
        }
    }
    let wide_ppm = dir.join("wide.ppm");
    std::fs::write(&wide_ppm, wide).unwrap();
    let photo = dir.join("IMG_5001.jpg");
    let out = run(Command::new(cjpeg)
        .args(["-quality", "100", "-sample", "1x1", "-outfile"])
        .arg(&photo)
        .arg(&wide_ppm));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let size = std::fs::metadata(&photo).unwrap().len();
    assert!((9_000_000..12_000_000).contains(&size), "{size} bytes");
    Some(photo)
}

/// A valid publication of the test newsroom's signed photo, made with the
/// command-line tool (proved, sent, opened offline, published): the
/// bundle and the published image.
pub(crate) fn cli_publication(dir: &Path) -> (PathBuf, PathBuf) {
    let n = newsroom();
    let cli = dir.join("cli");
    std::fs::create_dir_all(&cli).unwrap();
    let server = serve(&cli, &live_config(&cli, ""));
    let said = ok(&mut submit_proved(&server.url, &n.signed_photo));
    assert!(said.contains("label: proof attached"), "{said}");
    drop(server);
    let (opened, report) = export_and_open(&cli, &cli.join("data"), &n.identity);
    let original = opened.join(report["submissions"][0]["file"].as_str().unwrap());
    let (public, bundle) = (dir.join("public.jpg"), dir.join("public.proof.json"));
    ok(darkroom()
        .arg("publish")
        .arg(&original)
        .arg("-o")
        .arg(&public)
        .arg("--proof")
        .arg(&bundle));
    (bundle, public)
}

/// Tor Browser at "Safer": JavaScript, but no WebAssembly and no JIT. The
/// page runs the JavaScript build of the client: it checks the newsroom's
/// manifest and shows its key, strips and seals a 10 MB photo and a PDF in
/// the browser (the server's own sealing is never used: every stored
/// envelope is labelled sealed on the device, and opens offline), makes a
/// codename (saying first how long that takes here), reads a signed reply
/// in the inbox, and checks a publication on the verify page: VALID.
#[tokio::test]
async fn at_safer_firefox_seals_on_the_device_reads_a_signed_reply_and_checks_a_publication() {
    let n = newsroom();
    let dir = scratch("tor-browser-safer");
    let Some(photo) = ten_megabyte_photo(&dir) else {
        return;
    };
    let pdf = dir.join("memo.pdf");
    std::fs::write(&pdf, b"%PDF-1.4\n%%Author: Jane Example\n%%EOF\n").unwrap();
    let (bundle, public) = cli_publication(&dir);
    let cfg = browser_config(&dir);
    let data = dir.join("data");
    let server = Server::start(&[OsStr::new("--config"), cfg.as_os_str()], &dir.join("log"));
    let url = server.url.clone();
    let Some(firefox) = Browser::start_firefox(prefs(Level::Safer)).await else {
        return;
    };
    // JavaScript runs, WebAssembly does not.
    assert_eq!(
        firefox.eval("return typeof WebAssembly;").await,
        "undefined"
    );
    // A window of an odd size, which Tor Browser letterboxes: the page
    // gets a content area rounded down (to 1000 × 600 here), and the whole
    // journey below runs in it.
    firefox.set_size(1033, 771).await;

    // The submit page: the JavaScript client, the newsroom checked.
    let t = Instant::now();
    firefox.goto(&format!("{url}/submit")).await;
    let s = firefox
        .wait_state(
            &["ready", "unavailable", "refused"],
            Duration::from_secs(180),
        )
        .await;
    assert_eq!(s, "ready", "{}", firefox.text("main").await);
    eprintln!("safer: the submit page was ready in {:?}", t.elapsed());
    let area = firefox
        .eval(
            "const r = document.getElementById('client-files').getBoundingClientRect(); \
             return [innerWidth, innerHeight, document.documentElement.scrollWidth, r.left, r.right];",
        )
        .await;
    assert_eq!(area[0], 1000, "letterboxed: {area}");
    assert_eq!(area[1], 600, "letterboxed: {area}");
    assert!(
        area[2].as_f64() <= area[0].as_f64(),
        "no horizontal scroll in the letterboxed page: {area}"
    );
    assert!(
        area[3].as_f64() >= Some(0.0) && area[4].as_f64() <= area[0].as_f64(),
        "the file chooser is inside the page's width: {area}"
    );
    assert!(firefox.shown("#client-js-note").await);
    assert!(
        !firefox.shown("#plain").await,
        "the server's form is put away"
    );
    let trust = firefox.text("#client-newsroom").await;
    let key = darkroom_core::newsroom::NewsroomKey::parse(&n.newsroom_key).unwrap();
    assert!(trust.contains(&n.newsroom_key), "{trust}");
    assert!(trust.contains(&key.fingerprint()), "{trust}");

    // A signed photo: no proof offered here, and the page says where.
    firefox.choose("#client-files", &n.signed_photo).await;
    firefox
        .review(|t| t.contains("Signed by a capture device"))
        .await;
    firefox
        .wait_state(&["ready"], Duration::from_secs(60))
        .await;
    assert!(firefox.shown("#client-proof-js").await);
    assert!(!firefox.shown("#client-proof").await);
    assert!(firefox
        .text("#client-proof-js")
        .await
        .contains("darkroom prove"));

    // A codename: the page says how long it takes before it is made.
    firefox.click("#codename-on").await;
    let said = firefox.text("#client-status").await;
    assert!(
        said.contains("without WebAssembly, this takes about"),
        "{said}"
    );
    let t = Instant::now();
    let codename = codename_shown(&firefox, Duration::from_secs(600)).await;
    eprintln!(
        "safer: a codename took {:?} (Argon2id, 64 MiB)",
        t.elapsed()
    );
    assert!(darkroom_core::codename::normalize(&codename).is_ok());

    // The 10 MB photo and the PDF, stripped and sealed here.
    // (A file input keeps what was chosen before: emptied first.)
    firefox
        .eval("document.getElementById('client-files').value = ''; return null;")
        .await;
    let both = format!("{}\n{}", photo.display(), pdf.display());
    firefox.type_into("#client-files", &both).await;
    firefox
        .review(|t| {
            t.contains("Will be removed") && t.contains("cannot remove the metadata from this PDF")
        })
        .await;
    firefox
        .wait_state(&["ready"], Duration::from_secs(60))
        .await;
    firefox.click("input.send-as-is").await;
    let t = Instant::now();
    firefox.send(Duration::from_secs(600)).await;
    eprintln!(
        "safer: a 10 MB photo and a PDF were sealed and sent in {:?}",
        t.elapsed()
    );
    let receipt = firefox.text("#client-receipts").await;
    assert_eq!(
        receipt
            .matches("on this device, in this browser (the JavaScript version")
            .count(),
        2,
        "{receipt}"
    );
    assert!(!receipt.contains("sealed by server"), "{receipt}");
    assert!(firefox
        .text("footer")
        .await
        .contains("stores nothing it can read"));
    assert_eq!(stored(&data).0, 2);

    // The journalist replies, signed on the offline machine.
    let reply = format!("reply{}", hex::encode(rand::random::<[u8; 8]>()));
    journalist_replies(&firefox, &url, &data, &dir, &reply).await;

    // The inbox opens it here, and checks the newsroom's signature.
    firefox.goto(&format!("{url}/inbox")).await;
    assert_eq!(
        firefox
            .wait_for(
                "inbox",
                &["ready", "unavailable", "refused"],
                Duration::from_secs(180)
            )
            .await,
        "ready"
    );
    assert!(!firefox.shown("#plain-inbox").await);
    firefox.type_into("#inbox-codename", &codename).await;
    firefox.click("#inbox-open").await;
    let said = firefox.text("#inbox-status").await;
    assert!(
        said.contains("without WebAssembly, this takes about"),
        "{said}"
    );
    let opened = firefox
        .wait_for("inbox", &["failed", "open"], Duration::from_secs(600))
        .await;
    assert_eq!(opened, "open", "{}", firefox.text("#inbox-error").await);
    let list = firefox.text("#inbox-list").await;
    assert!(list.contains(&reply), "{list}");
    assert!(list.contains("Signed by the newsroom."), "{list}");

    // The verify page checks a valid publication: VALID.
    firefox.goto(&format!("{url}/verify")).await;
    let t = Instant::now();
    let (valid, text, ms) = check(&firefox, &bundle, &public).await;
    eprintln!(
        "safer: the verify page checked a publication in {:?} ({ms} ms in the client)",
        t.elapsed()
    );
    assert!(valid, "{text}");
    assert!(text.starts_with("VALID: "), "{text}");
    // resistFingerprinting blocks reading a canvas back, not drawing on
    // it: the page draws what it verified.
    assert!(firefox.shown("#pub-canvas").await);
    let rfp = firefox
        .eval("const c = document.getElementById('pub-canvas'); return [c.dataset.hidden, navigator.hardwareConcurrency, navigator.language];")
        .await;
    assert_eq!(rfp[0], "0", "nothing hidden in this publication: {rfp}");
    // What resistFingerprinting reports, whatever the machine.
    assert_eq!(rfp[2], "en-US", "{rfp}");
    eprintln!("safer: resistFingerprinting reports {rfp}");
    firefox.client.clone().close().await.unwrap();
    drop(server);

    // Nothing was sealed by the server; the envelopes open offline.
    let (opened, report) = export_and_open(&dir, &data, &n.identity);
    let subs = report["submissions"].as_array().unwrap();
    assert_eq!(subs.len(), 2, "{report}");
    for sub in subs {
        assert_eq!(sub["label"], "no proof", "sealed by the page: {sub}");
    }
    let pdf_out = subs
        .iter()
        .find(|s| s["original_name"] == "memo.pdf")
        .unwrap();
    assert_eq!(
        std::fs::read(opened.join(pdf_out["file"].as_str().unwrap())).unwrap(),
        std::fs::read(&pdf).unwrap()
    );
    let jpeg = subs
        .iter()
        .find(|s| s["original_name"] == "IMG_5001.jpg")
        .unwrap();
    let cleaned = std::fs::read(opened.join(jpeg["file"].as_str().unwrap())).unwrap();
    assert!(cleaned.len() > 9_000_000, "{}", cleaned.len());
}

#[tokio::test]
async fn at_safest_firefox_gets_the_plain_form() {
    let dir = scratch("tor-browser-safest");
    let cfg = browser_config(&dir);
    let server = Server::start(&[OsStr::new("--config"), cfg.as_os_str()], &dir.join("log"));
    let Some(firefox) = Browser::start_firefox(prefs(Level::Safest)).await else {
        return;
    };
    firefox.goto(&format!("{}/submit", server.url)).await;
    assert!(firefox.shown("#plain").await);
    assert!(!firefox.shown("#client").await);
    assert!(!firefox.shown("#client-loading").await);
    let plain = firefox.text("#plain").await;
    assert!(
        plain.contains("This form works without JavaScript"),
        "{plain}"
    );
    // Before a file is chosen, with no script: who seals it here, the
    // newsroom's key and words from its signed manifest, and how to keep
    // the file on the device.
    assert!(
        plain.contains("Your file reaches this server before it is encrypted"),
        "{plain}"
    );
    let n = newsroom();
    let key = darkroom_core::newsroom::NewsroomKey::parse(&n.newsroom_key).unwrap();
    let shown = firefox.text("#plain-newsroom").await;
    assert!(shown.contains(&n.newsroom_key), "{shown}");
    assert!(shown.contains(&key.fingerprint()), "{shown}");
    let keep = firefox.text("#plain-keep").await;
    assert!(keep.contains("\"Safer\""), "{keep}");
    assert!(
        plain.contains(&format!("darkroom submit FILE --server {}", server.url))
            && plain.contains(&format!("--newsroom-key {}", n.newsroom_key)),
        "{plain}"
    );
    assert_eq!(
        plain_form(&firefox, &newsroom().signed_photo).await,
        "Received"
    );
    assert_eq!(stored(&dir.join("data")).0, 1);
    firefox.client.clone().close().await.unwrap();
}

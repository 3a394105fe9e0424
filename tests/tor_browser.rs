//! The pages in Gecko as sources meet them: Firefox ESR (Debian's
//! `firefox-esr`, under geckodriver) with Tor Browser's preferences at
//! each security level.
//!
//! - Standard: a photo is stripped, proven and sealed in the browser.
//! - Safer (no WebAssembly, no JIT): the page says it cannot encrypt here
//!   and why, offers the server's form only then, and the receipt says
//!   the server sealed the file; the verify page says it did not check,
//!   never that a publication is not valid; the inbox says why it offers
//!   its plain form.
//! - Safest (no script): the plain form, labelled.

use std::ffi::OsStr;
use std::time::Duration;

use serde_json::{json, Map, Value};

use crate::browser::{browser_config, plain_form, Browser};
use crate::browser_publication::{check_without_the_checker, submit_with_proof};
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
/// named in one place with their source.
///
/// - Every level, from Tor Browser's `browser/app/profile/001-base-profile.js`:
///   resistFingerprinting, first-party isolation, private browsing only,
///   no disk cache.
/// - Safer and Safest, from `toolkit/components/securitylevel/SecurityLevel.sys.mjs`
///   (`kSecuritySettings`): Ion, the baseline JIT and native regular
///   expressions off, asm.js and WebAssembly off, MathML off, Graphite and
///   SVG-in-OpenType fonts off; Safest also turns SVG off.
/// - NoScript's part: at Safer it blocks WebAssembly on every site (the
///   `wasm` capability; `javascript.options.wasm` above stands in), at
///   Safest every script (`javascript.enabled` stands in).
pub fn prefs(level: Level) -> Value {
    let mut p = Map::new();
    for (name, value) in [
        ("privacy.resistFingerprinting", json!(true)),
        ("privacy.firstparty.isolate", json!(true)),
        ("browser.privatebrowsing.autostart", json!(true)),
        ("browser.cache.disk.enable", json!(false)),
    ] {
        p.insert(name.into(), value);
    }
    if level != Level::Standard {
        for name in [
            "javascript.options.ion",
            "javascript.options.baselinejit",
            "javascript.options.native_regexp",
            "javascript.options.asmjs",
            "javascript.options.wasm",
            "gfx.font_rendering.graphite.enabled",
            "gfx.font_rendering.opentype_svg.enabled",
        ] {
            p.insert(name.into(), json!(false));
        }
        p.insert("mathml.disabled".into(), json!(true));
    }
    if level == Level::Safest {
        p.insert("svg.disabled".into(), json!(true));
        p.insert("javascript.enabled".into(), json!(false));
    }
    Value::Object(p)
}

#[tokio::test]
async fn at_standard_firefox_proves_and_seals_a_photo_in_the_browser() {
    let dir = scratch("tor-browser-standard");
    let cfg = browser_config(&dir);
    let server = Server::start(&[OsStr::new("--config"), cfg.as_os_str()], &dir.join("log"));
    let Some(firefox) = Browser::start_firefox(prefs(Level::Standard)).await else {
        return;
    };
    assert_eq!(firefox.eval("return typeof WebAssembly;").await, "object");
    let designation = submit_with_proof(&firefox, &server.url, &newsroom().signed_photo).await;
    assert!(!designation.is_empty());
    let (envelopes, proofs, _) = stored(&dir.join("data"));
    assert_eq!((envelopes, proofs), (1, 1));
    firefox.client.clone().close().await.unwrap();
}

#[tokio::test]
async fn at_safer_firefox_is_told_why_the_server_seals_and_every_page_says_what_it_did() {
    let dir = scratch("tor-browser-safer");
    let cfg = browser_config(&dir);
    let server = Server::start(&[OsStr::new("--config"), cfg.as_os_str()], &dir.join("log"));
    let Some(firefox) = Browser::start_firefox(prefs(Level::Safer)).await else {
        return;
    };
    // JavaScript runs, WebAssembly does not.
    let wasm = firefox.eval("return typeof WebAssembly;").await;
    assert_eq!(wasm, "undefined");

    // The submit page: why it cannot encrypt, and only then the form.
    firefox.goto(&format!("{}/submit", server.url)).await;
    let s = firefox
        .wait_state(&["ready", "unavailable"], Duration::from_secs(60))
        .await;
    assert_eq!(s, "unavailable");
    let note = firefox.text("#client-unavailable").await;
    assert!(note.contains("WebAssembly is turned off"), "{note}");
    assert!(note.contains("darkroom submit"), "{note}");
    assert!(!note.contains("for this page only"), "{note}");
    assert!(!firefox.shown("#client-loading").await);
    assert!(firefox.shown("#plain").await);
    assert_eq!(
        plain_form(&firefox, &newsroom().signed_photo).await,
        "Received"
    );
    let receipt = firefox.text("main").await;
    assert!(receipt.contains("sealed by server"), "{receipt}");
    assert!(receipt.contains("encrypted it in memory"), "{receipt}");
    assert!(!firefox.text("footer").await.contains("cannot read"));
    assert_eq!(stored(&dir.join("data")).0, 1);

    // The inbox says why it offers its plain form.
    firefox.goto(&format!("{}/inbox", server.url)).await;
    assert_eq!(
        firefox
            .wait_for("inbox", &["ready", "unavailable"], Duration::from_secs(60))
            .await,
        "unavailable"
    );
    let said = firefox.text("#plain-inbox").await;
    assert!(said.contains("WebAssembly is turned off"), "{said}");

    // The verify page does not call anything NOT VALID it did not check.
    let verdict = check_without_the_checker(&firefox, &server.url, &dir).await;
    assert_eq!(verdict[0], "unchecked", "{verdict}");
    assert!(
        verdict[1]
            .as_str()
            .unwrap_or_default()
            .starts_with("NOT CHECKED"),
        "{verdict}"
    );
    firefox.client.clone().close().await.unwrap();
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
    assert_eq!(
        plain_form(&firefox, &newsroom().signed_photo).await,
        "Received"
    );
    assert_eq!(stored(&dir.join("data")).0, 1);
    firefox.client.clone().close().await.unwrap();
}

//! The submit journey in Arabic, right to left, in Chromium and in
//! Firefox with Tor Browser's preferences: a signed photo with a proof, a
//! codename and a message in Arabic, sent from the page, received, and
//! opened offline with the message as it was typed.

use std::ffi::OsStr;
use std::time::Duration;

use serde_json::json;

use crate::browser::{browser_config, Browser};
use crate::browser_replies::codename_shown;
use crate::server_util::*;
use crate::tor_browser::{prefs, Level};
use crate::util::*;

/// A message in Arabic, with a number and a Latin word inside.
const MESSAGE: &str = "صور من المستودع رقم 12، التقطت يوم الثلاثاء — Darkroom";

async fn journey_in_arabic(name: &str, b: Browser) {
    let n = newsroom();
    let dir = scratch(&format!("arabic-{name}"));
    let cfg = browser_config(&dir);
    let data = dir.join("data");
    let server = Server::start(&[OsStr::new("--config"), cfg.as_os_str()], &dir.join("log"));
    let url = &server.url;
    b.goto(&format!("{url}/?lang=ar")).await;
    // The landing page's link to the submit page keeps the language.
    b.click("header nav a[href^='/submit']").await;
    b.wait_state(&["ready"], Duration::from_secs(60)).await;
    let page = b
        .eval("return [document.documentElement.lang, document.documentElement.dir, location.search, getComputedStyle(document.querySelector('main h1')).direction];")
        .await;
    assert_eq!(page, json!(["ar", "rtl", "?lang=ar", "rtl"]), "{name}");
    assert!(b.text("h1").await.contains("إرسال ملفات"), "{name}");
    // Keys stay left to right inside the right-to-left page.
    let key = b
        .eval("return getComputedStyle(document.querySelector('#client-newsroom code.newsroom-key')).direction;")
        .await;
    assert_eq!(key, json!("ltr"), "{name}");
    b.choose("#client-files", &n.signed_photo).await;
    b.review(|t| t.contains("Signed by a capture device")).await;
    b.wait_state(&["ready"], Duration::from_secs(30)).await;
    b.click("#proof-on").await;
    b.click("#codename-on").await;
    let codename = codename_shown(&b, Duration::from_secs(60)).await;
    assert_eq!(codename.split(' ').count(), 7, "{codename}");
    assert!(
        codename.is_ascii(),
        "the codename's words are not translated"
    );
    b.type_into("#client-message", MESSAGE).await;
    b.send(Duration::from_secs(300)).await;
    assert!(b.shown("#client-receipt").await);
    assert!(b.text("#client-receipt h2").await.contains("تم الاستلام"));
    b.client.clone().close().await.unwrap();
    drop(server);

    let (_, report) = export_and_open(&dir, &data, &n.identity);
    let sub = &report["submissions"][0];
    assert_eq!(sub["message"], MESSAGE, "{name}: {sub}");
    assert_eq!(sub["label"], "proof attached", "{name}: {sub}");
    assert!(
        sub["proof"]["text"]
            .as_str()
            .unwrap()
            .starts_with("The proof matches this file"),
        "{name}: {sub}"
    );
}

#[tokio::test]
async fn the_submit_journey_in_arabic_in_chromium() {
    let Some(b) = Browser::start("arabic", &[], json!({})).await else {
        return;
    };
    journey_in_arabic("chromium", b).await;
}

#[tokio::test]
async fn the_submit_journey_in_arabic_in_firefox() {
    let Some(b) = Browser::start_firefox(prefs(Level::Standard)).await else {
        return;
    };
    journey_in_arabic("firefox", b).await;
}

/// Waits (a minute at most) until the page's heading is `heading`.
async fn heading_is(b: &Browser, heading: &str) {
    let started = std::time::Instant::now();
    while b.text("h1").await != heading {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "{heading:?} never came; the page says {:?}",
            b.text("main").await
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Tor Browser at "Safest" (no script), in Persian: the plain form, its
/// refusal of a file it cannot clean and its receipt are all in Persian,
/// right to left, and the language survives each form sent.
#[tokio::test]
async fn at_safest_in_persian_the_plain_form_refuses_and_receives_in_persian() {
    let Some(firefox) = Browser::start_firefox(prefs(Level::Safest)).await else {
        return;
    };
    let n = newsroom();
    let dir = scratch("persian-safest");
    let cfg = browser_config(&dir);
    let server = Server::start(&[OsStr::new("--config"), cfg.as_os_str()], &dir.join("log"));
    let fa = darkroom_server::i18n::Tr::new(Some("fa"), "/");
    firefox.goto(&format!("{}/?lang=fa", server.url)).await;
    firefox.click("header nav a[href^='/submit']").await;
    heading_is(&firefox, &fa.plain("submit-heading")).await;
    assert!(firefox.shown("#plain").await);
    let page = firefox
        .eval("return [document.documentElement.lang, document.documentElement.dir, document.querySelector('#plain form').getAttribute('action')];")
        .await;
    assert_eq!(page, json!(["fa", "rtl", "/submit?lang=fa"]));

    // A file Darkroom cannot clean, not chosen to go as it is: refused.
    let pdf = dir.join("memo.pdf");
    std::fs::write(&pdf, b"%PDF-1.4\n%%Author: Jane Example\n%%EOF\n").unwrap();
    firefox.choose("#file", &pdf).await;
    firefox.click("#plain button[type=submit]").await;
    heading_is(&firefox, &fa.plain("error-refused")).await;
    assert!(firefox
        .text("main")
        .await
        .contains(&fa.plain("error-nothing-stored")));
    assert_eq!(stored(&dir.join("data")).0, 0);

    // A photo: received, and the receipt says how, in Persian.
    firefox
        .goto(&format!("{}/submit?lang=fa", server.url))
        .await;
    firefox.choose("#file", &n.signed_photo).await;
    firefox.click("#plain button[type=submit]").await;
    heading_is(&firefox, &fa.plain("thanks-title")).await;
    let receipt = firefox.text(".receipt").await;
    for id in [
        "label-sealed-by-server",
        "protection-hybrid",
        "receipt-reference",
    ] {
        assert!(receipt.contains(&fa.plain(id)), "{id} in {receipt}");
    }
    assert_eq!(
        firefox
            .eval("return [document.documentElement.lang, document.documentElement.dir];")
            .await,
        json!(["fa", "rtl"])
    );
    assert_eq!(stored(&dir.join("data")).0, 1);
    firefox.client.clone().close().await.unwrap();
}

//! The source's pages on a phone's screen (Tor Browser for Android's
//! sizes, 412×915 and 360×640, in Chromium): no sideways scrolling, the
//! file chooser on the first screen, and targets a thumb can hit. The
//! screenshots are kept in `target/tmp/screenshots/`.

use std::ffi::OsStr;
use std::path::PathBuf;
use std::time::Duration;

use serde_json::json;

use crate::browser::{browser_config, Browser};
use crate::server_util::*;
use crate::util::*;

/// Where the screenshots go.
fn screenshots() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/tmp/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The layout as the page reports it: [scroll width, viewport width,
/// top of `first` (in the page) or -1, viewport height, and each visible
/// target smaller than 44 px as "tag#id h×w"].
const LAYOUT: &str = "
  const first = arguments[0] ? document.querySelector(arguments[0]) : null;
  const small = [];
  for (const e of document.querySelectorAll('button, select, input, textarea, summary, a')) {
    const r = e.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || e.type === 'hidden') { continue; }
    // A link inside a sentence is exempt, as WCAG 2.5.8 exempts it.
    if (e.tagName === 'A' && e.closest('p, li, dt, dd, td, label, footer')) { continue; }
    const target = e.type === 'checkbox' ? (e.closest('label') || e) : e;
    const t = target.getBoundingClientRect();
    if (t.height < 44) { small.push(e.tagName.toLowerCase() + '#' + (e.id || e.name || e.textContent.trim().slice(0, 20)) + ' ' + Math.round(t.height)); }
  }
  return [document.documentElement.scrollWidth, window.innerWidth,
          first ? first.getBoundingClientRect().top + window.scrollY : -1,
          window.innerHeight, small];
";

/// Waits until `page` is as a source first sees it: the client ready on
/// the submit page and the inbox, laid out elsewhere.
async fn settle(browser: &Browser, page: &str) {
    match page {
        "/submit" => {
            browser
                .wait_state(&["ready"], Duration::from_secs(60))
                .await;
        }
        "/inbox" => {
            browser
                .wait_for("inbox", &["ready"], Duration::from_secs(60))
                .await;
        }
        _ => tokio::time::sleep(Duration::from_millis(300)).await,
    };
}

#[tokio::test]
async fn on_a_phone_the_pages_fit_and_the_file_chooser_is_on_the_first_screen() {
    let dir = scratch("phone");
    let cfg = browser_config(&dir);
    let server = Server::start(&[OsStr::new("--config"), cfg.as_os_str()], &dir.join("log"));
    for (w, h) in [(412, 915), (360, 640)] {
        let Some(browser) = Browser::start_phone(&format!("phone-{w}"), w, h).await else {
            return;
        };
        for (page, first) in [
            ("/submit", Some("#client-files")),
            ("/inbox", Some("#inbox-codename")),
            ("/verify", Some("#pub-bundle")),
            ("/", None),
        ] {
            browser.goto(&format!("{}{page}", server.url)).await;
            settle(&browser, page).await;
            let shot = browser.client.screenshot().await.unwrap();
            let name = format!("{}-{w}x{h}.png", page.trim_matches('/').replace('/', "-"));
            let name = if name.starts_with('-') {
                format!("landing{name}")
            } else {
                name
            };
            std::fs::write(screenshots().join(&name), &shot).unwrap();
            let l = browser
                .client
                .execute(LAYOUT, vec![json!(first)])
                .await
                .unwrap();
            eprintln!("{page} at {w}x{h}: {l}");
            // Wider content would widen the page past the screen (and the
            // phone would show it shrunk), or scroll sideways.
            let (scroll, width) = (l[0].as_f64().unwrap(), l[1].as_f64().unwrap());
            assert!(
                scroll <= f64::from(w) && width <= f64::from(w),
                "{page} at {w}x{h} is wider than the screen: {l}"
            );
            if let Some(first) = first {
                let (top, height) = (l[2].as_f64().unwrap(), l[3].as_f64().unwrap());
                assert!(
                    (0.0..height - 44.0).contains(&top),
                    "{page} at {w}x{h}: {first} is below the first screen: {l}"
                );
            }
            assert_eq!(l[4], json!([]), "{page} at {w}x{h}: targets under 44 px");
        }
        browser.client.clone().close().await.unwrap();
    }
}

/// Every element a page shows lies within the screen's width: the layout
/// the page reports as [scroll width, viewport width, the elements that
/// stick out as "tag#id left..right"].
const WITHIN: &str = "
  const out = [];
  const w = window.innerWidth;
  for (const e of document.body.querySelectorAll('*')) {
    const r = e.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) { continue; }
    if (r.left < -0.5 || r.right > w + 0.5) {
      out.push(e.tagName.toLowerCase() + '#' + (e.id || e.className || '') + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
    }
  }
  return [document.documentElement.scrollWidth, w, out.slice(0, 10),
          document.documentElement.lang, document.documentElement.dir];
";

/// Every page in every language (the source's, the reader's, an error and
/// the journalist's login), and in the pseudo-languages (English
/// accented and 40% longer, and the same right to left), at 360 px: no
/// sideways scrolling and nothing sticking out of the screen, with the
/// language menu open. The submit page in Arabic and Persian is kept as
/// screenshots, at a phone's size and a desktop's.
#[tokio::test]
async fn every_page_in_every_language_fits_a_phone() {
    let dir = scratch("phone-languages");
    let cfg = browser_config(&dir);
    let server = Server::start(&[OsStr::new("--config"), cfg.as_os_str()], &dir.join("log"));
    let Some(browser) = Browser::start_phone("phone-languages", 360, 640).await else {
        return;
    };
    let codes = darkroom_server::i18n::LOCALES
        .iter()
        .map(|l| (l.code, l.rtl))
        .chain(darkroom_server::i18n::PSEUDO.iter().copied());
    for (code, rtl) in codes {
        for page in crate::languages::PAGES {
            browser
                .goto(&format!("{}{page}?lang={code}", server.url))
                .await;
            settle(&browser, page).await;
            browser.click("details.languages summary").await;
            let l = browser.client.execute(WITHIN, vec![]).await.unwrap();
            let (scroll, width) = (l[0].as_f64().unwrap(), l[1].as_f64().unwrap());
            assert!(
                scroll <= 360.0 && width <= 360.0,
                "{page}?lang={code} at 360 px is wider than the screen: {l}"
            );
            assert_eq!(l[2], json!([]), "{page}?lang={code}: elements stick out");
            assert_eq!(l[3], json!(code), "{page}?lang={code}");
            assert_eq!(
                l[4],
                json!(if rtl { "rtl" } else { "ltr" }),
                "{page}?lang={code}"
            );
            if page == "/submit" && ["ar", "fa", "en-XA", "ar-XB"].contains(&code) {
                let shot = browser.client.screenshot().await.unwrap();
                std::fs::write(
                    screenshots().join(format!("submit-{code}-360x640.png")),
                    &shot,
                )
                .unwrap();
            }
        }
    }
    browser.client.clone().close().await.unwrap();
    let Some(desktop) = Browser::start("desktop-languages", &[], json!({})).await else {
        return;
    };
    desktop.set_size(1280, 900).await;
    for code in ["ar", "fa"] {
        desktop
            .goto(&format!("{}/submit?lang={code}", server.url))
            .await;
        desktop
            .wait_state(&["ready"], Duration::from_secs(60))
            .await;
        let shot = desktop.client.screenshot().await.unwrap();
        std::fs::write(
            screenshots().join(format!("submit-{code}-1280x900.png")),
            &shot,
        )
        .unwrap();
        // Right to left: the newsroom's name (the home link) is at the
        // right of the header, the navigation at its left.
        let sides = desktop
            .eval("const h = document.querySelector('header .home').getBoundingClientRect(); const n = document.querySelector('header nav').getBoundingClientRect(); return [h.left, n.left];")
            .await;
        assert!(
            sides[0].as_f64() > sides[1].as_f64(),
            "{code}: the header is not mirrored: {sides}"
        );
    }
    desktop.client.clone().close().await.unwrap();
}

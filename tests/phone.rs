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
            }
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

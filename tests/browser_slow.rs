//! The submit page over a slow link, as over a Tor circuit: it says that
//! its code is loading and how far, offers no form meanwhile, and a second
//! visit takes the code the browser kept under its versioned address
//! instead of downloading it again.

use std::ffi::OsStr;
use std::time::{Duration, Instant};

use serde_json::json;

use crate::browser::{browser_config, Browser};
use crate::server_util::*;
use crate::util::*;

/// chromedriver's network emulation for the session (its
/// `POST /session/{id}/chromium/network_conditions`).
#[derive(Debug)]
struct NetworkConditions {
    latency_ms: u64,
    bytes_per_sec: u64,
}

impl fantoccini::wd::WebDriverCompatibleCommand for NetworkConditions {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/chromium/network_conditions",
            session.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (axum::http::Method, Option<String>) {
        let body = json!({
            "network_conditions": {
                "offline": false,
                "latency": self.latency_ms,
                "download_throughput": self.bytes_per_sec,
                "upload_throughput": self.bytes_per_sec,
            }
        });
        (axum::http::Method::POST, Some(body.to_string()))
    }
}

/// Resource Timing's (transferSize, decodedBodySize) of the last fetch of
/// the worker script on this page.
async fn worker_fetch(browser: &Browser) -> (u64, u64) {
    let entry = browser
        .eval(
            "const e = performance.getEntriesByType('resource')
               .filter((r) => new URL(r.name).pathname === '/static/client/worker.js').pop();
             return e ? [e.transferSize, e.decodedBodySize] : null;",
        )
        .await;
    let n = |i: usize| entry[i].as_u64().unwrap_or_else(|| panic!("{entry}"));
    (n(0), n(1))
}

#[tokio::test]
async fn on_a_slow_link_the_page_shows_it_is_loading_and_a_second_visit_keeps_the_code() {
    let dir = scratch("browser-slow");
    let cfg = browser_config(&dir);
    let server = Server::start(&[OsStr::new("--config"), cfg.as_os_str()], &dir.join("log"));
    let Some(browser) = Browser::start("slow", &[], json!({})).await else {
        return;
    };
    // 1.5 Mbit/s each way and 400 ms round trips, like a Tor circuit.
    browser
        .client
        .issue_cmd(NetworkConditions {
            latency_ms: 400,
            bytes_per_sec: 1_500_000 / 8,
        })
        .await
        .expect("chromedriver's network conditions");
    browser.goto(&format!("{}/submit", server.url)).await;
    // Until the client is ready the page says it is loading, and offers
    // neither its own form nor the server's.
    let started = Instant::now();
    let mut seen_loading = 0;
    let mut seen_progress = false;
    loop {
        // One look at the page, taken at once.
        let look = browser
            .eval(
                "const $ = (id) => document.getElementById(id);
                 return [$('client').dataset.state, !$('client-loading').hidden,
                         !$('plain').hidden, !$('client').hidden,
                         $('client-loading-text').textContent];",
            )
            .await;
        let state = look[0].as_str().unwrap_or_default();
        if state == "ready" {
            break;
        }
        assert_eq!(state, "loading", "{look}");
        if look[1] == true {
            seen_loading += 1;
            assert_eq!(look[2], false, "the server's form while loading: {look}");
            assert_eq!(look[3], false, "{look}");
            let text = look[4].as_str().unwrap_or_default();
            assert!(text.starts_with("Loading the code that encrypts"), "{text}");
            seen_progress |= text.contains(" of ");
        }
        assert!(started.elapsed() < Duration::from_secs(120), "never ready");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    eprintln!("loading seen {seen_loading} times, with progress: {seen_progress}");
    assert!(
        seen_loading >= 2,
        "the loading note was seen {seen_loading} times"
    );
    assert!(!browser.shown("#client-loading").await);
    assert!(!browser.shown("#plain").await);
    let (cold, worker_size) = worker_fetch(&browser).await;
    assert_eq!(
        worker_size,
        darkroom_server::client::file("worker.js").unwrap().0.len() as u64
    );
    // Sent compressed: fewer bytes crossed the link than the script has.
    assert!(
        cold > 0 && cold < worker_size / 2,
        "{cold} of {worker_size}"
    );

    // A second visit: the browser keeps the script under its versioned
    // address and does not ask again; its bytes do not cross the link.
    browser.goto(&format!("{}/submit", server.url)).await;
    browser
        .wait_state(&["ready"], Duration::from_secs(120))
        .await;
    let (warm, size) = worker_fetch(&browser).await;
    assert_eq!(size, worker_size);
    assert!(
        warm == 0,
        "{warm} bytes crossed for a script kept under its versioned address"
    );
}

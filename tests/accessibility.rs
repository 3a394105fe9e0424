//! axe-core (npm, pinned in `tests/js/package.json`) on every page and
//! every state that matters, in Chromium and in Firefox with Tor Browser's
//! preferences: zero violations of the WCAG 2.0, 2.1 and 2.2 A and AA
//! rules. Progress and verdicts are announced (`aria-live`).

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::json;

use crate::browser::{browser_config, Browser};
use crate::browser_publication::check;
use crate::browser_replies::{codename_shown, journalist_on_source_page, open_inbox};
use crate::server_util::*;
use crate::tor_browser::{cli_publication, prefs, Level};
use crate::util::*;

/// axe-core's source, from the test peers' npm packages (`None`, with a
/// loud message, when they are not installed outside CI).
fn axe_source() -> Option<String> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/js/node_modules/axe-core/axe.min.js");
    match std::fs::read_to_string(&path) {
        Ok(s) => Some(s),
        Err(_) => {
            skip("axe-core is not installed (npm ci --prefix tests/js)");
            None
        }
    }
}

/// The WCAG rules axe checks: 2.0, 2.1 and 2.2, levels A and AA.
const TAGS: [&str; 6] = [
    "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa",
];

/// Runs axe on the page as it is; returns each violation as "rule: the
/// elements" and the number of rules that passed. The page's CSP does
/// not apply to WebDriver's scripts, so axe is injected that way.
async fn axe(b: &Browser, source: &str) -> (Vec<String>, u64) {
    let loaded = b.eval("return typeof window.axe === 'object';").await;
    if loaded != json!(true) {
        b.client
            .execute(&format!("{source}\nreturn null;"), vec![])
            .await
            .expect("axe-core loads");
    }
    let result = b
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { runOnly: { type: 'tag', values: arguments[0] }, resultTypes: ['violations'] })
               .then(r => done([r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ')).join(', ')), r.passes.length]))
               .catch(e => done([['axe failed: ' + e], 0]));",
            vec![json!(TAGS)],
        )
        .await
        .expect("axe runs");
    let found = result[0]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    (found, result[1].as_u64().unwrap_or(0))
}

/// What an audit found, state by state.
struct Audit {
    browser: &'static str,
    source: String,
    found: Vec<String>,
}

impl Audit {
    async fn state(&mut self, b: &Browser, name: &str) {
        let (violations, passed) = axe(b, &self.source).await;
        assert!(
            passed > 10,
            "{}: {name}: axe ran {passed} rules",
            self.browser
        );
        eprintln!(
            "{} · {name}: {} violations, {passed} rules passed",
            self.browser,
            violations.len()
        );
        self.found.extend(
            violations
                .into_iter()
                .map(|v| format!("{} · {name}: {v}", self.browser)),
        );
    }
}

/// Waits (`limit` at most) until `script` returns true.
async fn until(b: &Browser, script: &str, limit: Duration) {
    let started = Instant::now();
    while b.eval(script).await != json!(true) {
        assert!(
            started.elapsed() < limit,
            "{script}: not after {limit:?}; page: {}",
            b.text("main").await
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The elements that announce progress and verdicts, and how.
const LIVE: &str = "return ['client-status', 'client-loading', 'client-review', 'client-error', 'client-refused', 'inbox-status', 'inbox-error', 'pub-verdict']
  .map(id => { const e = document.getElementById(id); return e ? id + '=' + (e.getAttribute('aria-live') || e.getAttribute('role') || '-') : null; })
  .filter(x => x);";

struct Files {
    dir: PathBuf,
    pdf: PathBuf,
    bundle: PathBuf,
    publication: (PathBuf, PathBuf),
}

/// Every page and state, in one browser.
async fn journey(audit: &mut Audit, b: &Browser, url: &str, data: &Path, files: &Files) {
    let n = newsroom();
    // The landing page, in English and right to left.
    b.goto(&format!("{url}/")).await;
    audit.state(b, "landing").await;
    b.goto(&format!("{url}/?lang=ar")).await;
    b.click("details.languages summary").await;
    audit
        .state(b, "landing in Arabic, language menu open")
        .await;

    // The submit page, before and after choosing files.
    b.goto(&format!("{url}/submit")).await;
    b.wait_state(&["ready"], Duration::from_secs(60)).await;
    audit.state(b, "submit").await;
    let live = b.eval(LIVE).await;
    for expected in [
        "client-status=polite",
        "client-loading=polite",
        "client-review=polite",
        "client-error=alert",
    ] {
        assert!(
            live.as_array().unwrap().contains(&json!(expected)),
            "{}: {expected} in {live}",
            audit.browser
        );
    }
    let both = format!("{}\n{}", n.signed_photo.display(), files.pdf.display());
    b.type_into("#client-files", &both).await;
    b.review(|t| t.contains("Signed by a capture device") && t.contains("cannot remove"))
        .await;
    b.wait_state(&["ready"], Duration::from_secs(30)).await;
    audit
        .state(b, "submit, a signed photo and a PDF chosen: the review")
        .await;
    // Refused: the PDF is not sent as it is unless chosen.
    b.click("#client-send").await;
    assert_eq!(
        b.wait_state(&["failed", "done"], Duration::from_secs(60))
            .await,
        "failed"
    );
    audit.state(b, "submit, refused").await;
    b.click("input.send-as-is").await;
    b.click("#proof-on").await;
    b.click("#codename-on").await;
    let codename = codename_shown(b, Duration::from_secs(60)).await;
    audit
        .state(b, "submit, a proof and a codename chosen")
        .await;
    b.type_into("#client-message", "hello").await;
    b.click("#client-send").await;
    until(
        b,
        "return document.getElementById('client').dataset.state === 'busy' && !document.getElementById('client-progress').hidden;",
        Duration::from_secs(30),
    )
    .await;
    audit.state(b, "submit, in progress").await;
    let end = b
        .wait_state(&["done", "failed"], Duration::from_secs(300))
        .await;
    assert_eq!(end, "done", "{}", b.text("#client-error").await);
    audit.state(b, "submit, the receipts").await;

    // The plain form's receipt and a refusal, as pages.
    b.goto(&format!("{url}/nope")).await;
    audit.state(b, "a page that is not there").await;

    // The inbox: a wrong codename, then the right one.
    b.goto(&format!("{url}/inbox")).await;
    b.wait_for("inbox", &["ready"], Duration::from_secs(60))
        .await;
    audit.state(b, "inbox").await;
    assert_eq!(
        open_inbox(b, &darkroom_core::codename::generate()).await,
        "failed"
    );
    audit.state(b, "inbox, a wrong codename").await;
    b.eval("document.getElementById('inbox-codename').value = ''; return null;")
        .await;
    assert_eq!(open_inbox(b, &codename).await, "open");
    audit.state(b, "inbox, open").await;

    // The verify page: a publication checked in the browser, and a proof
    // bundle checked by the server.
    b.goto(&format!("{url}/verify")).await;
    until(
        b,
        "return !document.getElementById('published-check').hidden;",
        Duration::from_secs(60),
    )
    .await;
    audit.state(b, "verify").await;
    let (valid, said, _) = check(b, &files.publication.0, &files.publication.1).await;
    assert!(valid, "{said}");
    audit.state(b, "verify, a publication VALID").await;
    let wrong = files.dir.join("wrong.jpg");
    std::fs::copy(&n.signed_photo, &wrong).unwrap();
    let (valid, said, _) = check(b, &files.publication.0, &wrong).await;
    assert!(!valid, "{said}");
    audit.state(b, "verify, a publication NOT VALID").await;
    b.choose("#bundle", &files.bundle).await;
    b.click("form[action='/verify'] button[type=submit]").await;
    until(
        b,
        "return !!document.querySelector('.verdict.valid');",
        Duration::from_secs(60),
    )
    .await;
    audit.state(b, "verify, a proof bundle VALID").await;

    // The journalist's pages.
    b.goto(&format!("{url}/journalist/login")).await;
    audit.state(b, "journalist login").await;
    let (link, _) = journalist_on_source_page(b, url, data).await;
    b.goto(&format!("{url}/journalist")).await;
    audit.state(b, "journalist, submissions").await;
    b.goto(&format!("{url}{link}")).await;
    audit.state(b, "journalist, a source").await;
}

async fn audit_in(name: &'static str, browser: Option<Browser>, files: &Files) -> Option<Audit> {
    let b = browser?;
    let source = axe_source()?;
    let dir = scratch(&format!("axe-{name}"));
    let cfg = browser_config(&dir);
    let log = dir.join("server.log");
    let server = Server::start(&[OsStr::new("--config"), cfg.as_os_str()], &log);
    let mut audit = Audit {
        browser: name,
        source,
        found: Vec::new(),
    };
    journey(&mut audit, &b, &server.url, &dir.join("data"), files).await;
    b.client.clone().close().await.unwrap();
    Some(audit)
}

#[tokio::test]
async fn axe_finds_no_wcag_violation_on_any_page_in_chromium_or_firefox() {
    let dir = scratch("axe");
    let pdf = dir.join("memo.pdf");
    std::fs::write(&pdf, b"%PDF-1.4\n%%Author: Jane Example\n%%EOF\n").unwrap();
    let bundle = dir.join("proof.json");
    std::fs::write(&bundle, &newsroom().proof_only).unwrap();
    let files = Files {
        publication: cli_publication(&dir),
        dir,
        pdf,
        bundle,
    };
    let mut found = Vec::new();
    let mut audits = 0;
    let chromium = Browser::start("axe", &[], json!({})).await;
    if let Some(a) = audit_in("Chromium", chromium, &files).await {
        found.extend(a.found);
        audits += 1;
    }
    let firefox = Browser::start_firefox(prefs(Level::Standard)).await;
    if let Some(a) = audit_in("Firefox", firefox, &files).await {
        found.extend(a.found);
        audits += 1;
    }
    if audits < 2 {
        return;
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// The checker finds what it is here to find: an unlabelled field and
/// text too faint to read, put on a page for the purpose.
#[tokio::test]
async fn axe_finds_an_unlabelled_field_and_faint_text() {
    let Some(source) = axe_source() else { return };
    let Some(b) = Browser::start("axe-negative", &[], json!({})).await else {
        return;
    };
    let dir = scratch("axe-negative");
    let cfg = browser_config(&dir);
    let server = Server::start(&[OsStr::new("--config"), cfg.as_os_str()], &dir.join("log"));
    b.goto(&format!("{}/", server.url)).await;
    b.eval("const i = document.createElement('input'); i.type = 'text'; document.querySelector('main').append(i); const p = document.createElement('p'); p.textContent = 'faint'; p.style.color = '#eee'; document.querySelector('main').append(p); return null;")
        .await;
    let (found, _) = axe(&b, &source).await;
    let rules: Vec<&str> = found.iter().map(|v| v.split(' ').next().unwrap()).collect();
    assert!(rules.contains(&"label"), "{found:?}");
    assert!(rules.contains(&"color-contrast"), "{found:?}");
    b.client.clone().close().await.unwrap();
}

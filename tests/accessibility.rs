//! axe-core (npm, pinned in `tests/js/package.json`) on every page and
//! every state that matters, in Chromium and in Firefox with Tor Browser's
//! preferences: zero violations of the WCAG 2.0, 2.1 and 2.2 A and AA
//! rules. Progress and verdicts are announced (`aria-live`).

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
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

/// Each of `expected` ("id=polite", "id=alert") is how that element
/// announces itself.
async fn announced(b: &Browser, expected: &[&str]) {
    let live = b.eval(LIVE).await;
    for e in expected {
        assert!(
            live.as_array().unwrap().contains(&json!(e)),
            "{e} in {live}"
        );
    }
}

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
    announced(
        b,
        &[
            "client-status=polite",
            "client-loading=polite",
            "client-review=polite",
            "client-error=alert",
        ],
    )
    .await;
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
    announced(b, &["inbox-status=polite", "inbox-error=alert"]).await;
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
    announced(b, &["pub-verdict=polite"]).await;
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

/// Presses `keys` together (the first ones held, as Shift is), then lets
/// them go: a keyboard, through WebDriver's actions.
async fn press(b: &Browser, keys: &[Key]) {
    let mut actions = KeyActions::new("keyboard".into());
    for k in keys {
        actions = actions.then(KeyAction::Down { value: (*k).into() });
    }
    for k in keys.iter().rev() {
        actions = actions.then(KeyAction::Up { value: (*k).into() });
    }
    b.client
        .perform_actions(actions)
        .await
        .expect("keys pressed");
}

/// The focused element, whether it matches `css`, and whether its focus
/// shows (`:focus-visible` with an outline or a shadow).
const FOCUSED: &str = "const e = document.activeElement; const s = getComputedStyle(e);
  const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
  return [e === document.body ? 'body' : e.tagName.toLowerCase() + '#' + (e.id || e.getAttribute('href') || e.textContent.trim().slice(0, 20)),
          e.matches(arguments[0]), e === document.body || (e.matches(':focus-visible') && ring)];";

/// Presses Tab (or Shift-Tab, `back`) until the focus is on `css`, checking
/// at every step that the focus shows.
async fn tab_to(b: &Browser, css: &str, back: bool) {
    let keys: &[Key] = if back {
        &[Key::Shift, Key::Tab]
    } else {
        &[Key::Tab]
    };
    for _ in 0..80 {
        press(b, keys).await;
        let f = b.client.execute(FOCUSED, vec![json!(css)]).await.unwrap();
        assert_eq!(f[2], json!(true), "the focus does not show on {}", f[0]);
        if f[1] == json!(true) {
            return;
        }
    }
    panic!("{css} is not reached with the keyboard");
}

/// Types `text` where the focus is (for a file input, the path a person
/// types into the file dialog).
async fn type_here(b: &Browser, text: &str) {
    b.client
        .active_element()
        .await
        .unwrap()
        .send_keys(text)
        .await
        .unwrap();
}

/// Only Tab, Shift-Tab, Enter, Space and typing: two files sent with a
/// message and a codename, the receipt read (the focus moves to it), the
/// inbox opened with the codename, and a publication verified.
#[tokio::test]
async fn with_the_keyboard_alone_a_source_sends_reads_and_verifies() {
    let n = newsroom();
    let dir = scratch("keyboard");
    let publication = cli_publication(&dir);
    let cfg = browser_config(&dir);
    let server = Server::start(&[OsStr::new("--config"), cfg.as_os_str()], &dir.join("log"));
    let Some(b) = Browser::start("keyboard", &[], json!({})).await else {
        return;
    };
    let url = &server.url;
    b.goto(&format!("{url}/submit")).await;
    b.wait_state(&["ready"], Duration::from_secs(60)).await;
    tab_to(&b, "#client-files", false).await;
    let two = format!("{}\n{}", n.signed_photo.display(), photo().display());
    type_here(&b, &two).await;
    b.review(|t| t.matches("Will be removed").count() >= 2)
        .await;
    b.wait_state(&["ready"], Duration::from_secs(30)).await;
    tab_to(&b, "#codename-on", false).await;
    press(&b, &[Key::Space]).await;
    let codename = codename_shown(&b, Duration::from_secs(60)).await;
    tab_to(&b, "#client-message", false).await;
    type_here(&b, "Two photos, sent with the keyboard.").await;
    tab_to(&b, "#client-send", false).await;
    tab_to(&b, "#client-message", true).await;
    tab_to(&b, "#client-send", false).await;
    press(&b, &[Key::Enter]).await;
    let end = b
        .wait_state(&["done", "failed"], Duration::from_secs(120))
        .await;
    assert_eq!(end, "done", "{}", b.text("#client-error").await);
    // The focus is on the receipts, and they are read from there.
    let f = b
        .client
        .execute(FOCUSED, vec![json!("#client-receipt-heading")])
        .await
        .unwrap();
    assert_eq!(f[1], json!(true), "the focus is on {}", f[0]);
    assert_eq!(
        b.text("#client-receipts")
            .await
            .matches("Envelope SHA-256")
            .count(),
        2
    );

    // To the inbox, by the header's link.
    tab_to(&b, "header a[href='/inbox']", true).await;
    press(&b, &[Key::Enter]).await;
    b.wait_for("inbox", &["ready"], Duration::from_secs(60))
        .await;
    tab_to(&b, "#inbox-codename", false).await;
    type_here(&b, &codename).await;
    press(&b, &[Key::Enter]).await;
    let opened = b
        .wait_for("inbox", &["open", "failed"], Duration::from_secs(60))
        .await;
    assert_eq!(opened, "open", "{}", b.text("#inbox-error").await);
    assert!(b.shown("#inbox-empty").await);

    // To the verify page; a publication checked with Space.
    tab_to(&b, "header a[href='/verify']", true).await;
    press(&b, &[Key::Enter]).await;
    until(
        &b,
        "return !document.getElementById('published-check').hidden;",
        Duration::from_secs(60),
    )
    .await;
    tab_to(&b, "#pub-bundle", false).await;
    type_here(&b, &publication.0.display().to_string()).await;
    tab_to(&b, "#pub-image", false).await;
    type_here(&b, &publication.1.display().to_string()).await;
    tab_to(&b, "#pub-check", false).await;
    press(&b, &[Key::Space]).await;
    until(
        &b,
        "return document.getElementById('pub-verdict').dataset.valid === 'true';",
        Duration::from_secs(120),
    )
    .await;
    assert!(b.text("#pub-verdict").await.starts_with("VALID"));
    b.client.clone().close().await.unwrap();
}

//! Codenames and replies in real Chromium: a source asks for a codename on
//! the submit page, a journalist uploads a reply signed and sealed on the
//! offline machine from the source's page, and the source reads it in the
//! inbox (opened and its signature checked in their browser), beside a
//! reply the server made up, which shows as forged; then a wrong codename,
//! and deletion. The server's disk and output never hold the codename, the
//! message or the reply.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::json;

use crate::browser::{browser_config, Browser};
use crate::server_live::{assert_no_trace, printed_value, totp_code};
use crate::server_util::*;
use crate::util::*;

/// Waits until the text of `css` contains `needle`, and returns it.
async fn wait_text(b: &Browser, css: &str, needle: &str) -> String {
    let started = Instant::now();
    loop {
        let t = b.text(css).await;
        if t.contains(needle) {
            return t;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "{needle:?} not in {css}: {t:?}; page: {}",
            b.text("main").await
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Types a codename into the inbox and opens it; returns the end state
/// (`open` or `failed`).
pub(crate) async fn open_inbox(b: &Browser, codename: &str) -> String {
    b.type_into("#inbox-codename", codename).await;
    b.click("#inbox-open").await;
    b.wait_for("inbox", &["failed", "open"], Duration::from_secs(60))
        .await
}

const NO_ACCOUNT: &str = "No account matches this codename";

/// Waits (`limit` at most) until the submit page shows the codename it
/// made, and returns it.
pub(crate) async fn codename_shown(b: &Browser, limit: Duration) -> String {
    let started = Instant::now();
    loop {
        let c = b.text("#codename").await;
        if !c.is_empty() {
            return c;
        }
        assert!(started.elapsed() < limit, "no codename");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A journalist logs in (a new account, `ana`) and opens the page of the
/// only source: that page's path and the source's reply recipient.
pub(crate) async fn journalist_on_source_page(
    browser: &Browser,
    url: &str,
    data: &Path,
) -> (String, String) {
    let admin = ok(darkroom()
        .args(["admin", "add-journalist", "ana", "--data"])
        .arg(data));
    let secret = printed_value(&admin, "TOTP secret:");
    let code = totp_code(&secret);
    browser.goto(&format!("{url}/journalist/login")).await;
    browser.type_into("#name", "ana").await;
    browser
        .type_into("#password", &printed_value(&admin, "password:"))
        .await;
    browser.type_into("#code", &code).await;
    browser.click("main form button[type=submit]").await;
    wait_text(browser, "h1", "Submissions").await;
    let link = browser
        .eval("const a = document.querySelector('a[href^=\"/journalist/sources/\"]'); return a ? a.getAttribute('href') : null;")
        .await;
    let link = link.as_str().expect("a source link").to_string();
    browser.goto(&format!("{url}{link}")).await;
    let page = browser.text("#reply-offline").await;
    let recipient = page
        .split("--to ")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .expect("the source's reply recipient")
        .to_string();
    (link, recipient)
}

/// `text`, signed and sealed to `recipient` on the newsroom's offline
/// machine (`darkroom newsroom reply`).
fn offline_reply(dir: &Path, recipient: &str, text: &str) -> PathBuf {
    let n = newsroom();
    let message = dir.join("reply.txt");
    std::fs::write(&message, text).unwrap();
    let sealed = dir.join("reply.age");
    ok(darkroom()
        .args(["newsroom", "reply", "-s"])
        .arg(&n.signing_key)
        .args(["--to", recipient, "-r", &n.recipient, "--message-file"])
        .arg(&message)
        .arg("-o")
        .arg(&sealed));
    sealed
}

/// Uploads a sealed reply from the source's page at `link`.
async fn upload_reply(browser: &Browser, url: &str, link: &str, file: &Path) {
    browser.goto(&format!("{url}{link}")).await;
    browser.choose("#sealed", file).await;
    browser.click("#reply-offline button[type=submit]").await;
    wait_text(browser, "main", "The sealed reply is stored").await;
}

/// A journalist replies to the only source with `text`, signed offline.
pub(crate) async fn journalist_replies(
    browser: &Browser,
    url: &str,
    data: &Path,
    dir: &Path,
    text: &str,
) {
    let (link, recipient) = journalist_on_source_page(browser, url, data).await;
    let sealed = offline_reply(dir, &recipient, text);
    upload_reply(browser, url, &link, &sealed).await;
}

#[tokio::test]
async fn a_codename_a_signed_reply_and_a_forged_one_read_in_the_browser() {
    let dir = scratch("browser-replies");
    let cfg = browser_config(&dir);
    let data = dir.join("data");
    let log = dir.join("server.log");
    let server = Server::start(&[OsStr::new("--config"), cfg.as_os_str()], &log);
    let url = server.url.clone();
    let canary = format!("canary{}", hex::encode(rand::random::<[u8; 8]>()));
    let reply_canary = format!("reply{}", hex::encode(rand::random::<[u8; 8]>()));
    let Some(browser) = Browser::start("replies", &[], json!({})).await else {
        return;
    };

    // The source asks for a codename and sends a photo with a message.
    browser.goto(&format!("{url}/submit")).await;
    browser
        .wait_state(&["ready"], Duration::from_secs(60))
        .await;
    assert!(browser.shown("#client-codename").await);
    let defaults = browser
        .eval("return document.getElementById('codename-on').checked;")
        .await;
    assert_eq!(defaults, json!(false), "a codename is opt-in");
    browser.choose("#client-files", &photo()).await;
    browser
        .wait_state(&["ready"], Duration::from_secs(30))
        .await;
    browser.click("#codename-on").await;
    let codename = codename_shown(&browser, Duration::from_secs(60)).await;
    assert_eq!(codename.split(' ').count(), 7, "{codename}");
    assert!(darkroom_core::codename::normalize(&codename).is_ok());
    assert!(browser
        .text("#codename-box")
        .await
        .contains("Write it on paper"));
    browser
        .type_into("#client-message", &format!("message {canary}"))
        .await;
    browser.send(Duration::from_secs(120)).await;

    // A journalist logs in, finds the source by designation, and replies.
    let (link, recipient) = journalist_on_source_page(&browser, &url, &data).await;
    // On the offline machine: signed and sealed. Then uploaded here.
    let n = newsroom();
    let sealed = offline_reply(&dir, &recipient, &format!("Can we talk? {reply_canary}"));
    // And one the server makes up: it knows the recipient, not the key.
    let forged = dir.join("forged.age");
    std::fs::write(
        &forged,
        darkroom_core::reply::seal(
            "Meet me at noon.",
            &recipient,
            &darkroom_core::reply::next_place(None, 20_000),
            None,
            std::slice::from_ref(&n.recipient),
        )
        .unwrap(),
    )
    .unwrap();
    // The genuine reply goes up twice: a server can serve one again.
    for file in [&sealed, &forged, &sealed] {
        upload_reply(&browser, &url, &link, file).await;
    }
    browser.goto(&format!("{url}{link}")).await;
    assert_eq!(browser.text("#replies").await.matches("sealed").count(), 3);

    // The source opens the inbox with the codename; the reply is opened in
    // the browser.
    browser.goto(&format!("{url}/inbox")).await;
    browser
        .wait_for("inbox", &["ready", "unavailable"], Duration::from_secs(60))
        .await;
    assert_eq!(browser.state_of("inbox").await, "ready");
    assert!(!browser.shown("#plain-inbox").await);
    // A wrong codename first.
    let wrong = open_inbox(&browser, &darkroom_core::codename::generate()).await;
    assert_eq!(wrong, "failed");
    assert!(browser.text("#inbox-error").await.contains(NO_ACCOUNT));
    let opened = open_inbox(&browser, &codename).await;
    assert_eq!(opened, "open", "{}", browser.text("#inbox-error").await);
    let list = browser.text("#inbox-list").await;
    assert!(list.contains(&reply_canary), "{list}");
    // The newsroom's reply is marked signed and dated by the newsroom;
    // the server's, forged; the genuine reply served again, named so.
    let marks = browser
        .eval("return Array.from(document.querySelectorAll('#inbox-list li')).map(li => [li.dataset.genuine, li.textContent, li.dataset.note || '']);")
        .await;
    let marks = marks.as_array().unwrap();
    assert_eq!(marks.len(), 3, "{marks:?}");
    let notes: Vec<&str> = marks.iter().map(|m| m[2].as_str().unwrap()).collect();
    assert_eq!(notes, ["", "yes", ""], "{marks:?}");
    assert!(
        marks[1][1]
            .as_str()
            .unwrap()
            .contains("Reply 1 again: the server showed it more than once."),
        "{marks:?}"
    );
    for m in marks {
        let (genuine, text) = (m[0].as_str().unwrap(), m[1].as_str().unwrap());
        if text.contains(&reply_canary) {
            assert_eq!(genuine, "yes", "{text}");
            assert!(text.contains("Signed by the newsroom."), "{text}");
            assert!(text.contains("Reply 1, dated "), "{text}");
        } else {
            assert_eq!(genuine, "no", "{text}");
            assert!(
                text.contains("FORGED: this reply carries no newsroom signature"),
                "{text}"
            );
        }
    }
    assert!(browser
        .text("#inbox-newsroom")
        .await
        .contains(&n.newsroom_key));

    // Deleting the replies, then the account.
    browser.click("#inbox-list button").await;
    wait_text(&browser, "#inbox-status", "2 replies").await;
    browser.click("#inbox-list button").await;
    wait_text(&browser, "#inbox-status", "1 reply").await;
    browser.click("#inbox-list button").await;
    wait_text(&browser, "#inbox-status", "0 replies").await;
    browser
        .eval("window.confirm = () => true; return null;")
        .await;
    browser.click("#inbox-delete-account").await;
    browser
        .wait_for("inbox", &["deleted", "failed"], Duration::from_secs(60))
        .await;
    assert_eq!(browser.state_of("inbox").await, "deleted");
    assert_eq!(open_inbox(&browser, &codename).await, "failed");
    assert!(browser.text("#inbox-error").await.contains(NO_ACCOUNT));
    browser.client.clone().close().await.unwrap();

    drop(server);
    assert_no_trace(&[&data], &log, &canary, reply_canary.as_bytes());
    assert_no_trace(&[&data], &log, &codename, codename.as_bytes());
    assert_no_trace(&[&data], &log, &reply_canary, canary.as_bytes());
}

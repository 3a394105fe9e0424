//! Attacks on the journalist login, written before the defence: telling
//! real names from unknown ones, locking a journalist out by failing on
//! purpose, racing one TOTP code, and keeping a session alive after the
//! operator ended it. In-process (`tower::ServiceExt::oneshot`), plus the
//! operator's `darkroom admin` commands against a real server.

use std::sync::Arc;

use axum::http::StatusCode;
use darkroom_server::{auth, App};

use crate::server::{form_post, get_as, log_in, session_of};
use crate::server_util::*;
use crate::util::*;

/// A failed login's page with its per-form random token taken out.
fn without_tokens(page: &str) -> String {
    let mut out = String::new();
    let mut rest = page;
    while let Some(at) = rest.find("value=\"") {
        out.push_str(&rest[..at + 7]);
        rest = &rest[at + 7..];
        let end = rest.find('"').unwrap_or(0);
        if end == 64 && rest[..64].bytes().all(|b| b.is_ascii_hexdigit()) {
            rest = &rest[64..];
        }
    }
    out.push_str(rest);
    out
}

fn wrong_code(code: &str) -> String {
    format!("{:06}", (code.parse::<u32>().unwrap() + 1) % 1_000_000)
}

#[tokio::test]
async fn failed_logins_say_nothing_about_the_name_and_never_lock_the_account() {
    let n = newsroom();
    let app = app_in(&scratch("auth-enumeration"), config_file(n));
    let creds = auth::enroll(&*app.store, "ana", "Test", false).unwrap();
    let code = auth::current_code(&creds.totp_base32).unwrap();

    // Four failures each for a real name and an unknown one: the same
    // status and the same page, every time (the attempts after the third
    // wait their turn, alike for both).
    for attempt in 0..4 {
        let real = log_in(&app, "ana", "wrong-password", &code).await;
        let unknown = log_in(&app, "nobody", "wrong-password", &code).await;
        assert_eq!(real.status, StatusCode::UNAUTHORIZED, "attempt {attempt}");
        assert_eq!(unknown.status, real.status, "attempt {attempt}");
        assert_eq!(
            without_tokens(&real.text()),
            without_tokens(&unknown.text()),
            "attempt {attempt}"
        );
        assert!(real.text().contains("Wrong name, password or code"));
    }
    // After them, the right password and code still get in.
    let a = log_in(&app, "ana", &creds.password, &code).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.text());
    let session = session_of(&a);
    assert_eq!(
        send(&app, get_as("/journalist", &session)).await.status,
        StatusCode::OK
    );
    // The same code again, right password: refused, as wrong.
    let again = log_in(&app, "ana", &creds.password, &code).await;
    assert_eq!(again.status, StatusCode::UNAUTHORIZED);
    // And with a code off by one.
    let off = log_in(&app, "ana", &creds.password, &wrong_code(&code)).await;
    assert_eq!(off.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_burst_of_logins_is_spaced_and_answered_busy_alike_for_any_name() {
    let n = newsroom();
    let mut file = config_file(n);
    // Turns booked at most 2 s ahead: three at once, one a second later,
    // then "busy".
    file.limits.queue_wait_secs = 2;
    let app = app_in(&scratch("auth-burst"), file);
    let creds = auth::enroll(&*app.store, "ana", "Test", false).unwrap();
    let code = auth::current_code(&creds.totp_base32).unwrap();
    let burst = |app: Arc<App>, name: &'static str| {
        let code = code.clone();
        async move {
            let tries: Vec<_> = (0..6)
                .map(|_| {
                    let (app, code) = (app.clone(), code.clone());
                    tokio::spawn(async move { log_in(&app, name, "wrong", &code).await.status })
                })
                .collect();
            let mut statuses = Vec::new();
            for t in tries {
                statuses.push(t.await.unwrap());
            }
            statuses.sort();
            statuses
        }
    };
    let real = burst(app.clone(), "ana").await;
    let unknown = burst(app.clone(), "nobody").await;
    assert_eq!(real, unknown);
    let busy = real
        .iter()
        .filter(|s| **s == StatusCode::SERVICE_UNAVAILABLE)
        .count();
    let wrong = real
        .iter()
        .filter(|s| **s == StatusCode::UNAUTHORIZED)
        .count();
    assert!(busy >= 1 && wrong >= 3 && busy + wrong == 6, "{real:?}");
}

#[tokio::test]
async fn sessions_end_when_the_account_is_reset_removed_or_ended() {
    let n = newsroom();
    let app = app_in(&scratch("auth-sessions"), config_file(n));
    let start = |name: &'static str| {
        let app = app.clone();
        async move {
            let creds = auth::enroll(&*app.store, name, "Desk: Investigations", false).unwrap();
            let code = auth::current_code(&creds.totp_base32).unwrap();
            let a = log_in(&app, name, &creds.password, &code).await;
            assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.text());
            session_of(&a)
        }
    };
    let live = |session: String| {
        let app = app.clone();
        async move { send(&app, get_as("/journalist", &session)).await.status == StatusCode::OK }
    };
    let (ana, bo, cy) = (start("ana").await, start("bo").await, start("cy").await);
    assert!(live(ana.clone()).await && live(bo.clone()).await && live(cy.clone()).await);

    // `admin end-sessions ana`: ana is out, the others are not.
    assert_eq!(app.store.end_sessions(Some("ana")).unwrap(), 1);
    let a = send(&app, get_as("/journalist", &ana)).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
    assert_eq!(a.headers["location"], "/journalist/login");
    assert!(live(bo.clone()).await);
    // Not even a form post with the right CSRF token gets through.
    let a = send(&app, form_post("/journalist/logout", &ana, String::new())).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);

    // `admin add-journalist --reset bo`: bo's old session is over.
    auth::enroll(&*app.store, "bo", "Test", true).unwrap();
    assert!(!live(bo).await);
    // `admin remove-journalist cy`.
    assert!(app.store.remove_journalist("cy").unwrap());
    assert!(!live(cy).await);
}

/// The operator's commands, against a running server and its data folder.
#[test]
fn the_operator_ends_sessions_and_removes_journalists_from_the_command_line() {
    let dir = scratch("auth-admin");
    let data = dir.join("data");
    let cfg = crate::server_live::config(&dir, "");
    let server = crate::server_live::serve(&dir, &cfg);
    let mut sessions = Vec::new();
    for name in ["ana", "bo"] {
        let out = ok(darkroom()
            .args(["admin", "add-journalist", name, "--data"])
            .arg(&data));
        let password = crate::server_live::printed_value(&out, "password:");
        let secret = crate::server_live::printed_value(&out, "TOTP secret:");
        sessions.push(crate::server_live::log_in(
            &server.url,
            name,
            &password,
            &secret,
        ));
    }
    let listed = |client: &reqwest::blocking::Client| {
        client
            .get(format!("{}/journalist", server.url))
            .send()
            .unwrap()
            .status()
            == 200
    };
    assert!(listed(&sessions[0]) && listed(&sessions[1]));

    let said = ok(darkroom()
        .args(["admin", "end-sessions", "ana", "--data"])
        .arg(&data));
    assert!(said.contains("ana's sessions end"), "{said}");
    assert!(!listed(&sessions[0]) && listed(&sessions[1]));

    fails(
        darkroom()
            .args(["admin", "remove-journalist", "nobody", "--data"])
            .arg(&data),
        "there is no journalist \"nobody\"",
    );
    let said = ok(darkroom()
        .args(["admin", "remove-journalist", "bo", "--data"])
        .arg(&data));
    assert!(said.contains("journalist bo removed"), "{said}");
    assert!(!listed(&sessions[1]));

    let said = ok(darkroom()
        .args(["admin", "end-sessions", "--all", "--data"])
        .arg(&data));
    assert!(said.contains("(1: ana)"), "{said}");
    // Neither a name nor --all: clap's usage error, and nothing ended.
    let out = run(darkroom()
        .args(["admin", "end-sessions", "--data"])
        .arg(&data));
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("<NAME>"));
}

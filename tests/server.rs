//! The drop-box server driven in-process (`tower::ServiceExt::oneshot`):
//! submissions with and without proofs, refusals that store nothing,
//! journalist login, export and delete, retention, the no-JavaScript path,
//! the verify page, and the headers every page sends.

use std::process::Command;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use darkroom_core::recipient::Kind;
use darkroom_server::store::{self, Label, SqliteStore, Store};
use darkroom_server::{auth, CSP};
use serde_json::json;

use crate::server_util::*;
use crate::util::*;

#[tokio::test]
async fn envelopes_with_and_without_proofs_are_stored_and_labelled() {
    let n = newsroom();
    let dir = scratch("server-api-labels");
    let app = app_in(&dir, config_file(n));

    let a = send(
        &app,
        post_multipart(
            "/api/v1/submissions",
            &[("envelope", Some("e.age"), &n.envelope_plain)],
        ),
    )
    .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.text());
    let plain = a.json();
    assert_eq!(plain["label"], "no proof");
    assert!(plain.get("window").is_none());

    let a = send(
        &app,
        post_multipart(
            "/api/v1/submissions",
            &[
                ("envelope", Some("e.age"), &n.envelope_proven),
                ("bundle", Some("proof.json"), &n.bundle),
            ],
        ),
    )
    .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.text());
    let proven = a.json();
    assert_eq!(proven["label"], "proof attached");
    // Trusted by its root alone here, so the set's size is not known.
    assert_eq!(proven["camera"], "one of an unknown number of devices");
    assert!(proven["window"].as_str().unwrap().starts_with("between "));
    assert!(proven["region"]
        .as_str()
        .unwrap()
        .contains("undisclosed place"));
    assert!(a.cookies().is_empty(), "no cookie for a source");

    let store = SqliteStore::open(&dir).unwrap();
    let list = store.list().unwrap();
    assert_eq!(list.len(), 2);
    for s in &list {
        let mut body = Vec::new();
        std::io::Read::read_to_end(&mut store.envelope(&s.id).unwrap(), &mut body).unwrap();
        let (expected, label) = if s.designation == proven["designation"] {
            (&n.envelope_proven, Label::ProofAttached)
        } else {
            assert_eq!(s.designation, plain["designation"]);
            (&n.envelope_plain, Label::NoProof)
        };
        assert_eq!(&body, expected, "the envelope is stored byte for byte");
        assert_eq!(s.label, label);
        assert_eq!(s.arrival_day, store::today());
        assert_eq!(
            s.envelope_sha256,
            hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&body))
        );
    }
    assert_eq!(stored(&dir), (2, 2, 0));

    // A proof is taken once: the same bundle again, here with an envelope
    // it says nothing about, is refused and nothing is stored. (The server
    // cannot see whether a proof is about its envelope; the label says so.)
    let a = send(
        &app,
        post_multipart(
            "/api/v1/submissions",
            &[
                ("envelope", Some("e.age"), &n.envelope_plain),
                ("bundle", Some("proof.json"), &n.bundle),
            ],
        ),
    )
    .await;
    assert_eq!(a.status, StatusCode::CONFLICT, "{}", a.text());
    assert!(a.json()["error"].as_str().unwrap().contains("sent before"));
    assert_eq!(stored(&dir), (2, 2, 0));
}

#[tokio::test]
async fn bad_uploads_get_one_clear_4xx_and_store_nothing() {
    let n = newsroom();
    let dir = scratch("server-api-refusals");
    let mut file = config_file(n);
    file.limits.max_upload_mib = 1;
    let app = app_in(&dir, file);

    // A valid proof for another registry, and a proof with a changed input.
    let mut bundle: serde_json::Value = serde_json::from_slice(&n.bundle).unwrap();
    bundle["public_inputs"][2] =
        serde_json::json!("0x0000000000000000000000000000000000000000000000000000000000000001");
    let tampered = bundle.to_string().into_bytes();
    let mut other_root = config_file(n);
    other_root.registry_roots =
        vec!["0x0000000000000000000000000000000000000000000000000000000000000007".into()];
    let dir2 = scratch("server-api-refusals-root");
    let app2 = app_in(&dir2, other_root);

    // An envelope over the 1 MiB limit: a real Darkroom envelope.
    let big_dir = scratch("server-api-big");
    let big_file = big_dir.join("big.bin");
    std::fs::write(&big_file, vec![7u8; 1_500_000]).unwrap();
    ok(seal(&big_file, &n.recipient, big_dir.join("big.age")).arg("--send-as-is"));
    let big = std::fs::read(big_dir.join("big.age")).unwrap();
    // Sealed to two recipients for a newsroom with one.
    let (_, second) = our_keygen(&big_dir, "second.key");
    ok(seal(&photo(), &n.recipient, big_dir.join("two.age")).args(["--to", &second]));
    let two = std::fs::read(big_dir.join("two.age")).unwrap();
    // A plain age file of an unpadded size, from the reference tool.
    let odd = big_dir.join("odd.age");
    let age_file = tool("age").map(|age| {
        crate::age_peer::age_encrypt(&age, &n.recipient, &std::fs::read(photo()).unwrap(), &odd);
        std::fs::read(&odd).unwrap()
    });

    let env = |bytes: &[u8]| vec![("envelope", Some("e.age"), bytes.to_vec())];
    type Owned<'a> = Vec<(&'a str, Option<&'a str>, Vec<u8>)>;
    let mut cases: Vec<(&str, Owned, StatusCode, &str)> = vec![
        (
            "not age",
            env(b"PK\x03\x04 a zip file"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "not an age-encrypted",
        ),
        (
            "oversize",
            env(&big),
            StatusCode::PAYLOAD_TOO_LARGE,
            "larger than this server takes",
        ),
        (
            "wrong recipients",
            env(&two),
            StatusCode::UNPROCESSABLE_ENTITY,
            "2 hybrid recipient",
        ),
        (
            "cut short",
            env(&n.envelope_plain[..n.envelope_plain.len() / 2]),
            StatusCode::UNPROCESSABLE_ENTITY,
            "size is not one a Darkroom envelope",
        ),
        (
            "invalid proof",
            vec![
                ("envelope", Some("e.age"), n.envelope_proven.clone()),
                ("bundle", None, tampered.clone()),
            ],
            StatusCode::UNPROCESSABLE_ENTITY,
            "INVALID",
        ),
        (
            "garbage bundle",
            vec![
                ("envelope", Some("e.age"), n.envelope_proven.clone()),
                ("bundle", None, b"{}".to_vec()),
            ],
            StatusCode::UNPROCESSABLE_ENTITY,
            "not a valid proof bundle",
        ),
        (
            "no envelope",
            vec![("bundle", None, n.bundle.clone())],
            StatusCode::BAD_REQUEST,
            "no `envelope`",
        ),
        (
            "unknown part",
            vec![("file", Some("x"), b"x".to_vec())],
            StatusCode::BAD_REQUEST,
            "unexpected form part",
        ),
    ];
    if let Some(bytes) = age_file {
        cases.push((
            "unpadded age file",
            env(&bytes),
            StatusCode::UNPROCESSABLE_ENTITY,
            "size is not one",
        ));
    }
    for (what, parts, status, needle) in &cases {
        let parts: Vec<Part> = parts
            .iter()
            .map(|(a, b, c)| (*a, *b, c.as_slice()))
            .collect();
        let a = send(&app, post_multipart("/api/v1/submissions", &parts)).await;
        assert_eq!(a.status, *status, "{what}: {}", a.text());
        let error = a.json()["error"].as_str().unwrap().to_string();
        assert!(error.contains(needle), "{what}: {error}");
        assert!(!error.contains('\n'), "{what}: one sentence");
        assert_eq!(stored(&dir), (0, 0, 0), "{what}: nothing stored");
    }

    // A multipart body cut off in the middle of the envelope.
    let (ct, body) = multipart(&[("envelope", Some("e.age"), &n.envelope_plain)]);
    let cut = body[..body.len() - 5000].to_vec();
    let a = send(
        &app,
        Request::post("/api/v1/submissions")
            .header("content-type", ct)
            .body(Body::from(cut))
            .unwrap(),
    )
    .await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST, "{}", a.text());
    assert!(a.json()["error"].as_str().unwrap().contains("cut short"));
    assert_eq!(stored(&dir), (0, 0, 0));

    // Not multipart at all.
    let a = send(
        &app,
        Request::post("/api/v1/submissions")
            .header("content-type", "application/json")
            .body(Body::from("{}"))
            .unwrap(),
    )
    .await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);

    // A valid proof for a registry this newsroom does not trust.
    let a = send(
        &app2,
        post_multipart(
            "/api/v1/submissions",
            &[
                ("envelope", Some("e.age"), &n.envelope_proven),
                ("bundle", None, &n.bundle),
            ],
        ),
    )
    .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        a.json()["error"]
            .as_str()
            .unwrap()
            .contains("not a registry this newsroom trusts"),
        "{}",
        a.text()
    );
    assert_eq!(stored(&dir2), (0, 0, 0));
}

#[tokio::test]
async fn source_pages_send_strict_headers_and_no_cookie() {
    let n = newsroom();
    let dir = scratch("server-headers");
    let app = app_in(&dir, config_file(n));
    for path in [
        "/",
        "/submit",
        "/verify",
        "/inbox",
        "/.well-known/darkroom/config.json",
        "/static/darkroom.css",
        "/nope",
    ] {
        let a = send(&app, get(path)).await;
        let h = |name: &str| a.headers.get(name).map(|v| v.to_str().unwrap().to_string());
        assert_eq!(h("cache-control").as_deref(), Some("no-store"), "{path}");
        assert_eq!(
            h("referrer-policy").as_deref(),
            Some("no-referrer"),
            "{path}"
        );
        // Only the pages that run the client may start its (checked)
        // worker from a blob: address and compile WebAssembly there; the
        // verify page compiles WebAssembly but starts no worker.
        let expected = if ["/submit", "/inbox"].contains(&path) {
            darkroom_server::CSP_CLIENT
        } else if path == "/verify" {
            darkroom_server::CSP_VERIFY
        } else {
            CSP
        };
        assert_eq!(
            h("content-security-policy").as_deref(),
            Some(expected),
            "{path}"
        );
        assert!(
            !CSP.contains("wasm-unsafe-eval") && !CSP.contains("unsafe-inline"),
            "only the client's worker may compile WebAssembly"
        );
        assert!(
            !darkroom_server::CSP_CLIENT.contains("unsafe-inline")
                && !darkroom_server::CSP_CLIENT.contains("'unsafe-eval'")
        );
        assert!(a.cookies().is_empty(), "{path} sets no cookie");
        if path.ends_with(".css") || path.ends_with(".json") {
            continue;
        }
        let html = a.text();
        // Nothing from another origin, and no script but this origin's
        // files, each with its integrity hash.
        for tag in html.match_indices("<script").map(|(i, _)| &html[i..]) {
            let tag = &tag[..tag.find('>').unwrap()];
            assert!(tag.starts_with("<script src=\"/static/client/"), "{tag}");
            assert!(tag.contains(" integrity=\"sha384-"), "{tag}");
        }
        for needle in ["http://", "https://", "//cdn"] {
            let found = html.match_indices(needle).any(|(i, _)| {
                // The CLI example names this server.
                !html[i..].starts_with("http://THIS-SERVER")
            });
            assert!(!found, "{path} refers to {needle}");
        }
        assert!(!html.contains("DEMO:"), "no demo banner outside demo mode");
    }
    let a = send(&app, get("/nope")).await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);

    let config = send(&app, get("/.well-known/darkroom/config.json"))
        .await
        .json();
    assert_eq!(config["recipients"][0], n.recipient.as_str());
    assert_eq!(config["registry_roots"][0], n.root.as_str());
    let vk = hex::decode(config["verifying_key"].as_str().unwrap()).unwrap();
    assert_eq!(vk, std::fs::read(n.keys.join("verifying.key")).unwrap());
    let circuit = ok(darkroom()
        .arg("verify")
        .arg(scratch_file("server-headers-proof.json", &n.proof_only))
        .arg("--insecure-dev-keys")
        .arg("--keys")
        .arg(&n.keys)
        .arg("--root")
        .arg(&n.root));
    assert!(circuit.starts_with("VALID"), "{circuit}");
    assert_eq!(config["statement"], "darkroom-provenance-v2");
    assert_eq!(config["keys_setup"], "development");
    assert_eq!(config["server_sealing"], true);

    // The demo banner, on every page, in demo mode.
    let mut file = config_file(n);
    file.newsroom = "Demo Desk".into();
    let config = darkroom_server::Config::from_file(file, std::path::Path::new("."), true).unwrap();
    let demo_dir = scratch("server-headers-demo");
    let store = SqliteStore::open(&demo_dir).unwrap();
    let demo = darkroom_server::App::new(config, std::sync::Arc::new(store));
    for path in ["/", "/submit", "/verify", "/journalist/login", "/nope"] {
        let html = send(&demo, get(path)).await.text();
        assert!(
            html.contains("DEMO: this server runs with demo keys"),
            "{path}"
        );
    }
}

/// Logs in through the form; returns the session cookie.
pub(crate) async fn log_in(
    app: &std::sync::Arc<darkroom_server::App>,
    name: &str,
    password: &str,
    code: &str,
) -> Answer {
    let page = send(app, get("/journalist/login")).await;
    let cookie = page.cookies()[0].split(';').next().unwrap().to_string();
    assert!(
        page.cookies()[0].contains("HttpOnly") && page.cookies()[0].contains("SameSite=Strict")
    );
    let csrf = page.text().split("name=\"csrf\" value=\"").nth(1).unwrap()[..64].to_string();
    let body = format!("csrf={csrf}&name={name}&password={password}&code={code}");
    send(
        app,
        Request::post("/journalist/login")
            .header("content-type", "application/x-www-form-urlencoded")
            .header("cookie", cookie)
            .body(Body::from(body))
            .unwrap(),
    )
    .await
}

pub(crate) fn session_of(a: &Answer) -> String {
    a.cookies()
        .into_iter()
        .find(|c| c.starts_with("darkroom_session="))
        .expect("a session cookie")
        .split(';')
        .next()
        .unwrap()
        .to_string()
}

/// A GET with a session cookie.
pub(crate) fn get_as(path: &str, cookie: &str) -> Request<Body> {
    Request::get(path)
        .header("cookie", cookie)
        .body(Body::empty())
        .unwrap()
}

pub(crate) fn form_post(path: &str, cookie: &str, body: String) -> Request<Body> {
    Request::post(path)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", cookie)
        .body(Body::from(body))
        .unwrap()
}

#[tokio::test]
async fn journalists_log_in_with_totp_then_list_export_and_delete() {
    let n = newsroom();
    let dir = scratch("server-journalist");
    let app = app_in(&dir, config_file(n));
    for (e, b) in [
        (&n.envelope_plain, None),
        (&n.envelope_proven, Some(&n.bundle)),
    ] {
        let mut parts: Vec<Part> = vec![("envelope", Some("e.age"), e)];
        if let Some(b) = b {
            parts.push(("bundle", None, b));
        }
        assert_eq!(
            send(&app, post_multipart("/api/v1/submissions", &parts))
                .await
                .status,
            StatusCode::CREATED
        );
    }
    let creds = auth::enroll(&*app.store, "ana", "Test", false).unwrap();
    let code = auth::current_code(&creds.totp_base32).unwrap();

    // Not logged in: sent to the login page.
    let a = send(&app, get("/journalist")).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
    assert_eq!(a.headers["location"], "/journalist/login");

    // A wrong TOTP code: 401, no session.
    let wrong = format!("{:06}", (code.parse::<u32>().unwrap() + 1) % 1_000_000);
    let a = log_in(&app, "ana", &creds.password, &wrong).await;
    assert_eq!(a.status, StatusCode::UNAUTHORIZED);
    assert!(a.text().contains("Wrong name, password or code"));
    assert!(!a
        .cookies()
        .iter()
        .any(|c| c.starts_with("darkroom_session=")));
    // The login form without its CSRF token.
    let a = send(
        &app,
        form_post(
            "/journalist/login",
            "",
            format!("name=ana&password={}&code={code}", &*creds.password),
        ),
    )
    .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);

    let a = log_in(&app, "ana", &creds.password, &code).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.text());
    let session = session_of(&a);
    let set = a
        .cookies()
        .into_iter()
        .find(|c| c.starts_with("darkroom_session="))
        .unwrap();
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Strict"),
        "{set}"
    );

    let list = send(&app, get_as("/journalist", &session)).await;
    assert_eq!(list.status, StatusCode::OK);
    let html = list.text();
    let subs = SqliteStore::open(&dir).unwrap().list().unwrap();
    for s in &subs {
        assert!(html.contains(&s.designation));
    }
    assert!(
        html.contains("proof attached; it matches the content only when opened offline")
            && html.contains("no proof")
    );
    // Where each was sealed: all of these on the source's device.
    assert_eq!(
        html.matches("<td>on the source’s device</td>").count(),
        subs.len(),
        "{html}"
    );
    assert!(!html.contains("by this server"));
    assert!(html.contains(&store_day()));
    // The padded size, as stored: one 64 KiB bucket plus age's overhead
    // (a hybrid stanza is about 1.6 KiB), whose header length varies with
    // its random "grease" stanza.
    for s in &subs {
        let shown = darkroom_server::pages::human_size(s.size);
        assert!(
            (shown.starts_with("65.") || shown.starts_with("66.")) && shown.ends_with(" KiB"),
            "{shown}"
        );
        assert!(html.contains(&shown), "padded size shown: {html}");
    }
    let csrf = html.split("name=\"csrf\" value=\"").nth(1).unwrap()[..64].to_string();

    // Download one envelope.
    let a = send(
        &app,
        get_as(
            &format!("/journalist/submissions/{}/envelope", subs[0].id),
            &session,
        ),
    )
    .await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.body == n.envelope_plain || a.body == n.envelope_proven);

    // Delete without the CSRF token: refused, nothing deleted.
    let victim = &subs[0];
    let path = format!("/journalist/submissions/{}/delete", victim.id);
    let a = send(&app, form_post(&path, &session, String::new())).await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    let a = send(
        &app,
        form_post(&path, &session, format!("csrf={}", "0".repeat(64))),
    )
    .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    assert_eq!(stored(&dir), (2, 2, 0));

    // Export both; the archive is checked by GNU tar and sha256sum, and the
    // envelopes in it open with the newsroom key.
    let body = format!("csrf={csrf}&id={}&id={}", subs[0].id, subs[1].id);
    let a = send(&app, form_post("/journalist/export", &session, body)).await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.headers["content-disposition"]
        .to_str()
        .unwrap()
        .contains(".tar"));
    let out = scratch("server-journalist-export");
    std::fs::write(out.join("export.tar"), &a.body).unwrap();
    check_archive(&out.join("export.tar"), &out, 2);
    // Without a selection: refused.
    let a = send(
        &app,
        form_post("/journalist/export", &session, format!("csrf={csrf}")),
    )
    .await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);

    // Delete with the token.
    let a = send(&app, form_post(&path, &session, format!("csrf={csrf}"))).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
    assert_eq!(stored(&dir), (1, 1, 0));

    // Log out: the session is gone.
    let a = send(
        &app,
        form_post("/journalist/logout", &session, format!("csrf={csrf}")),
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
    let a = send(&app, get_as("/journalist", &session)).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
}

fn store_day() -> String {
    darkroom_core::calendar::format_day(store::today())
}

/// Extracts an export with GNU tar, checks it with `sha256sum -c`, and
/// opens every envelope in it with the newsroom key (and with the
/// reference `age`, when installed).
pub fn check_archive(archive: &std::path::Path, dir: &std::path::Path, expected: usize) {
    let n = newsroom();
    ok(Command::new("tar")
        .arg("-xf")
        .arg(archive)
        .arg("-C")
        .arg(dir));
    let root = dir.join("darkroom-export");
    let sums = ok(Command::new("sha256sum")
        .arg("-c")
        .arg("SHA256SUMS")
        .current_dir(&root));
    assert!(sums.lines().all(|l| l.ends_with(": OK")), "{sums}");
    let index: serde_json::Value =
        serde_json::from_slice(&std::fs::read(root.join("export.json")).unwrap()).unwrap();
    assert_eq!(index["format"], "darkroom-export");
    let subs = index["submissions"].as_array().unwrap();
    assert_eq!(subs.len(), expected);
    assert_eq!(
        sums.lines().count(),
        expected + 1 + subs.iter().filter(|s| !s["proof"].is_null()).count()
    );
    for s in subs {
        let envelope = root.join(s["envelope"].as_str().unwrap());
        let opened = dir.join(format!("opened-{}", s["designation"].as_str().unwrap()));
        let said = ok(&mut newsroom_open(&envelope, &n.identity, &opened));
        assert!(
            said.contains("digest checked, sealed to hybrid post-quantum keys"),
            "{said}"
        );
        if let Some(age) = tool("age") {
            assert!(
                crate::age_peer::age_decrypt(&age, &n.identity, &envelope).len() >= 64 * 1024,
                "a padded plaintext"
            );
        }
        if let Some(proof) = s["proof"].as_str() {
            assert_eq!(s["label"], "proof attached");
            let v = ok(darkroom()
                .arg("verify")
                .arg(root.join(proof))
                .arg("--insecure-dev-keys")
                .arg("--keys")
                .arg(&n.keys)
                .arg("--root")
                .arg(&n.root));
            assert!(v.starts_with("VALID"), "{v}");
        }
    }
}

#[tokio::test]
async fn expired_submissions_are_deleted_with_jittered_expiry() {
    let n = newsroom();
    let dir = scratch("server-retention");
    let mut file = config_file(n);
    file.retention_days = 0;
    file.retention_jitter_days = 0;
    let app = app_in(&dir, file);
    let a = send(
        &app,
        post_multipart(
            "/api/v1/submissions",
            &[("envelope", None, &n.envelope_plain)],
        ),
    )
    .await;
    assert_eq!(a.status, StatusCode::CREATED);
    let today = store::today();
    assert_eq!(
        app.sweep_expired(today).await.unwrap(),
        0,
        "kept through its last day"
    );
    assert_eq!(stored(&dir), (1, 1, 0));
    assert_eq!(app.sweep_expired(today + 1).await.unwrap(), 1);
    assert_eq!(stored(&dir), (0, 0, 0));

    // The default: 90 days plus up to 14 random days.
    let app = app_in(&scratch("server-retention-default"), config_file(n));
    let days: std::collections::BTreeSet<u64> =
        (0..300).map(|_| app.expires_day(today) - today).collect();
    assert_eq!(days.first(), Some(&90));
    assert_eq!(days.last(), Some(&104));
    assert!(days.len() > 10, "{days:?}");
}

#[tokio::test]
async fn the_form_path_seals_on_the_server_and_can_be_turned_off() {
    let n = newsroom();
    let dir = scratch("server-form");
    let app = app_in(&dir, config_file(n));
    let photo = std::fs::read(photo()).unwrap();
    let a = send(
        &app,
        post_multipart(
            "/submit",
            &[
                ("message", None, b"from the form"),
                ("file", Some("holiday.jpg"), &photo),
            ],
        ),
    )
    .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.text());
    assert!(a.text().contains("sealed by server"));
    assert!(
        a.text()
            .contains("removed its metadata and encrypted it in memory"),
        "the receipt says who sealed the file"
    );
    assert!(!a.text().contains("cannot read them"));
    assert!(a.cookies().is_empty());
    let subs = SqliteStore::open(&dir).unwrap().list().unwrap();
    assert_eq!(subs.len(), 1);
    assert_eq!(subs[0].label, Label::SealedByServer);
    // The newsroom opens it: the photo was stripped, the message kept.
    let env = dir.join("blobs").join(format!("{}.age", subs[0].id));
    let out = scratch("server-form-opened");
    ok(&mut newsroom_open(&env, &n.identity, &out));
    let manifest = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with(".json"))
        .unwrap();
    let manifest = std::fs::read_to_string(manifest).unwrap();
    assert!(
        manifest.contains("from the form") && manifest.contains("holiday.jpg"),
        "{manifest}"
    );
    assert!(
        manifest.contains("GPS"),
        "the strip report names what was removed: {manifest}"
    );

    // Over the sealing limit, an empty file, and the message after the file.
    let mut file = config_file(n);
    file.limits.server_sealing_max_mib = 1;
    let dir2 = scratch("server-form-refusals");
    let app2 = app_in(&dir2, file);
    let big = vec![1u8; 1_200_000];
    let cases: Vec<(Vec<Part>, StatusCode)> = vec![
        (
            vec![("file", Some("big.bin"), &big[..])],
            StatusCode::PAYLOAD_TOO_LARGE,
        ),
        (
            vec![("file", Some("empty.txt"), &b""[..])],
            StatusCode::BAD_REQUEST,
        ),
        (
            vec![
                ("file", Some("a.txt"), &b"abc"[..]),
                ("message", None, &b"late"[..]),
            ],
            StatusCode::BAD_REQUEST,
        ),
        (
            vec![(
                "file",
                Some("broken.jpg"),
                &b"\xFF\xD8\xFF\xE0 not really a jpeg"[..],
            )],
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        // A file it cannot clean, without the choice to send it as it is.
        (
            vec![("file", Some("memo.pdf"), &b"%PDF-1.7 /Author (Jane)"[..])],
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        // The choice must come before the file.
        (
            vec![
                ("file", Some("memo.pdf"), &b"%PDF-1.7 /Author (Jane)"[..]),
                ("send_as_is", None, &b"yes"[..]),
            ],
            StatusCode::BAD_REQUEST,
        ),
    ];
    for (parts, status) in cases {
        let a = send(&app2, post_multipart("/submit", &parts)).await;
        assert_eq!(a.status, status, "{}", a.text());
        assert!(a.text().contains("Nothing was stored"));
        assert_eq!(stored(&dir2), (0, 0, 0));
    }

    let refused = send(
        &app2,
        post_multipart("/submit", &[("file", Some("memo.pdf"), b"%PDF-1.7 x")]),
    )
    .await
    .text();
    assert!(
        refused.contains("cannot remove the metadata from this PDF")
            && refused.contains("tick &#34;Send it as it is&#34;"),
        "{refused}"
    );
    // Chosen, it is sealed unchanged.
    let a = send(
        &app2,
        post_multipart(
            "/submit",
            &[
                ("send_as_is", None, b"yes"),
                ("file", Some("memo.pdf"), b"%PDF-1.7 x"),
            ],
        ),
    )
    .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.text());
    assert_eq!(stored(&dir2), (1, 1, 0));

    let mut file = config_file(n);
    file.server_sealing = false;
    let dir3 = scratch("server-form-off");
    let app3 = app_in(&dir3, file);
    let a = send(
        &app3,
        post_multipart("/submit", &[("file", Some("a.txt"), b"abc")]),
    )
    .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    assert_eq!(stored(&dir3), (0, 0, 0));
    let landing = send(&app3, get("/")).await.text();
    assert!(landing.contains("turned off"));
    assert!(send(&app, get("/"))
        .await
        .text()
        .contains("What this path trusts"));
}

#[tokio::test]
async fn the_verify_page_gives_the_same_verdict_as_the_cli() {
    let n = newsroom();
    let dir = scratch("server-verify");
    let mut file = config_file(n);
    file.registries = vec![n.registry.clone()];
    let app = app_in(&dir, file);
    let cli = ok(darkroom()
        .arg("verify")
        .arg(scratch_file("server-verify-bundle.json", &n.proof_only))
        .arg("--insecure-dev-keys")
        .arg("--keys")
        .arg(&n.keys)
        .arg("--registry")
        .arg(&n.registry));
    assert!(cli.contains("captured by one of 32 devices"), "{cli}");
    let cli_text = cli
        .lines()
        .next()
        .unwrap()
        .trim_start_matches("VALID: ")
        .trim_end_matches('.')
        .to_string();

    let a = send(
        &app,
        post_multipart("/verify", &[("bundle", Some("p.json"), &n.proof_only)]),
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text());
    let html = a.text();
    assert!(
        html.contains("VALID") && html.contains(&cli_text),
        "{html}\n{cli_text}"
    );
    assert!(html.contains("within latitude 48.0000000..49.0000000"));

    let with_image = |image: Vec<u8>| {
        let app = app.clone();
        async move {
            let parts: [Part; 3] = [
                ("bundle", Some("p.json"), &n.proof_only),
                ("image", Some("photo.jpg"), &image),
                ("opening", None, n.opening.as_bytes()),
            ];
            send(&app, post_multipart("/verify", &parts)).await
        }
    };
    let a = with_image(std::fs::read(&n.signed_photo).unwrap()).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text());
    assert!(a.text().contains("this image is the one committed"));

    // The same photo with one byte of image data changed.
    let mut other = std::fs::read(photo_path()).unwrap();
    let mid = other.len() / 2;
    other[mid] ^= 0x01;
    let a = with_image(other).await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        a.text().contains("not the one the proof commits to"),
        "{}",
        a.text()
    );

    let mut tampered: serde_json::Value = serde_json::from_slice(&n.proof_only).unwrap();
    tampered["public_inputs"][3] = tampered["public_inputs"][2].clone();
    let a = send(
        &app,
        post_multipart(
            "/verify",
            &[("bundle", None, tampered.to_string().as_bytes())],
        ),
    )
    .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(a.text().contains("NOT VALID"));
    assert_eq!(stored(&dir), (0, 0, 0), "the verify page stores nothing");
}

#[tokio::test]
async fn the_browser_client_is_served_with_its_hashes_and_the_proof_inputs() {
    use darkroom_server::client::{self, HASHES};
    let n = newsroom();
    let mut file = config_file(n);
    file.proving_key = Some(n.keys.join("proving.key"));
    file.registries = vec![n.registry.clone()];
    let app = app_in(&scratch("server-client"), file);

    // Each file of the bundle, as built, with its type; the worker alone
    // may compile WebAssembly, and it is served as one script with the glue.
    let worker = [client::GLUE, b"\n", client::WORKER_SRC].concat();
    for (name, bytes, media_type) in [
        ("darkroom_web_bg.wasm", client::WASM, "application/wasm"),
        (
            "submit.js",
            client::SUBMIT_JS,
            "text/javascript; charset=utf-8",
        ),
        ("worker.js", &worker[..], "text/javascript; charset=utf-8"),
        (
            "common.js",
            client::COMMON_JS,
            "text/javascript; charset=utf-8",
        ),
        (
            "inbox.js",
            client::INBOX_JS,
            "text/javascript; charset=utf-8",
        ),
    ] {
        let a = send(&app, get(&format!("/static/client/{name}"))).await;
        assert_eq!(a.status, StatusCode::OK, "{name}");
        assert_eq!(a.body, bytes, "{name}");
        assert_eq!(a.headers["content-type"], media_type, "{name}");
        let csp = a.headers["content-security-policy"].to_str().unwrap();
        assert_eq!(
            csp.contains("'wasm-unsafe-eval'"),
            name == "worker.js",
            "{name}"
        );
    }
    // As a browser asks for them: precompressed, kept but asked again
    // each time, and not sent again while the bundle is the same.
    let with = |path: &str, headers: &[(&str, &str)]| {
        let mut r = Request::get(path);
        for (k, v) in headers {
            r = r.header(*k, *v);
        }
        r.body(Body::empty()).unwrap()
    };
    let wasm = "/static/client/darkroom_web_bg.wasm";
    for (accept, coding) in [
        // Tor Browser (Firefox ESR 153) and Chromium.
        ("gzip, deflate, br, zstd", Some(client::Coding::Brotli)),
        ("gzip, deflate", Some(client::Coding::Gzip)),
        ("br;q=0, gzip;q=0", None),
        ("identity", None),
    ] {
        let a = send(&app, with(wasm, &[("accept-encoding", accept)])).await;
        assert_eq!(a.status, StatusCode::OK, "{accept}");
        let sent = a
            .headers
            .get("content-encoding")
            .map(|v| v.to_str().unwrap());
        assert_eq!(sent, coding.map(client::Coding::token), "{accept}");
        let body = match coding {
            Some(c) => client::encoded("darkroom_web_bg.wasm", c).unwrap(),
            None => client::WASM,
        };
        assert!(a.body == body, "{accept}: {} bytes", a.body.len());
        assert_eq!(a.headers["vary"], "Accept-Encoding");
        assert_eq!(a.headers["cache-control"], "no-cache");
        let etag = a.headers["etag"].to_str().unwrap().to_string();
        assert_eq!(etag, client::etag(&client::HASHES.bundle_sha256, coding));
        // The same bundle again: 304, no body.
        let again = send(
            &app,
            with(
                wasm,
                &[("accept-encoding", accept), ("if-none-match", &etag)],
            ),
        )
        .await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED, "{accept}");
        assert!(again.body.is_empty());
        assert_eq!(again.headers["etag"], etag.as_str());
        // Another coding's tag, or another bundle's, gets the file.
        let other = send(
            &app,
            with(
                wasm,
                &[
                    ("accept-encoding", accept),
                    ("if-none-match", "\"0.br\", \"0.gzip\""),
                ],
            ),
        )
        .await;
        assert_eq!(other.status, StatusCode::OK, "{accept}");
        assert!(other.body == body);
    }
    // Under the bundle's version, as the pages ask: kept for good (a new
    // release has another address); under another version, asked again.
    let versioned = format!("{wasm}?v={}", HASHES.version);
    let kept = send(&app, with(&versioned, &[("accept-encoding", "br")])).await;
    assert_eq!(kept.status, StatusCode::OK);
    assert_eq!(kept.headers["cache-control"], client::IMMUTABLE);
    assert_eq!(kept.headers["vary"], "Accept-Encoding");
    assert!(kept.body == client::encoded("darkroom_web_bg.wasm", client::Coding::Brotli).unwrap());
    for other in [format!("{wasm}?v=0000000000000000"), format!("{wasm}?x=1")] {
        let asked = send(&app, with(&other, &[("accept-encoding", "br")])).await;
        assert_eq!(asked.headers["cache-control"], "no-cache", "{other}");
    }
    assert_eq!(HASHES.version, HASHES.bundle_sha256[..16]);
    let submit_page = send(&app, get("/submit")).await.text();
    assert!(submit_page.contains(&format!(
        "data-worker=\"/static/client/worker.js?v={}\"",
        HASHES.version
    )));
    let brotli = send(
        &app,
        with(wasm, &[("accept-encoding", "gzip, deflate, br, zstd")]),
    )
    .await;
    assert!(
        brotli.body.len() * 3 < client::WASM.len(),
        "{} of {}",
        brotli.body.len(),
        client::WASM.len()
    );
    // The pages themselves are never kept.
    let page = send(&app, with("/submit", &[("accept-encoding", "br")])).await;
    assert_eq!(page.headers["cache-control"], "no-store");
    assert!(page.headers.get("content-encoding").is_none());

    // Nothing unpinned is served: the glue comes only inside the worker.
    for missing in [
        "/static/client/x.js",
        "/static/client/..%2Fdarkroom.css",
        "/static/client/darkroom_web.js",
        "/static/client/reply.js",
    ] {
        assert_eq!(send(&app, get(missing)).await.status, StatusCode::NOT_FOUND);
    }

    // The pages carry the hashes of what is served.
    let submit = send(&app, get("/submit")).await.text();
    assert!(
        submit.contains(&format!(
            "<script src=\"/static/client/submit.js?v={}\" integrity=\"{}\"",
            HASHES.version,
            client::sri(client::SUBMIT_JS)
        )),
        "{submit}"
    );
    assert!(submit.contains(&format!("data-sha256=\"{}\"", HASHES.wasm_sha256)));
    // The worker is fetched and checked against its integrity value.
    assert_eq!(HASHES.worker_sri, client::sri(&worker));
    assert!(submit.contains(&format!("data-worker-sri=\"{}\"", HASHES.worker_sri)));
    let inbox = send(&app, get("/inbox")).await.text();
    for (name, bytes) in [
        ("common.js", client::COMMON_JS),
        ("inbox.js", client::INBOX_JS),
    ] {
        let tag = format!(
            "<script src=\"/static/client/{name}?v={}\" integrity=\"{}\"",
            HASHES.version,
            client::sri(bytes)
        );
        assert!(
            inbox.contains(&tag) && submit.contains(&tag) == (name == "common.js"),
            "{name}"
        );
    }
    let landing = send(&app, get("/")).await.text();
    for h in [
        &HASHES.bundle_sha256,
        &HASHES.wasm_sha256,
        &HASHES.submit_sri,
        &HASHES.js_sri,
        &HASHES.verify_js_sri,
    ] {
        assert!(landing.contains(h.as_str()), "{h} on the landing page");
    }
    // `sha256sum -c` agrees with the bundle's SHA256SUMS.
    let sums = ok(Command::new("sha256sum")
        .args(["-c", "SHA256SUMS"])
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/web/dist")));
    assert_eq!(
        sums.lines().filter(|l| l.ends_with(": OK")).count(),
        9,
        "{sums}"
    );
    // The README publishes the same hashes.
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    assert!(
        readme.contains(&HASHES.bundle_sha256)
            && readme.contains(&HASHES.wasm_sha256)
            && readme.contains(&HASHES.submit_sri)
            && readme.contains(&HASHES.js_sri)
            && readme.contains(&HASHES.verify_js_sri),
        "README.md must publish the bundle's hashes (run scripts/readme-hashes)"
    );

    // What a browser needs to prove: the proving key and the registry.
    let config = send(&app, get("/.well-known/darkroom/config.json"))
        .await
        .json();
    assert_eq!(config["proving_key"], "/static/proof/proving.key");
    assert_eq!(
        config["registries"],
        serde_json::json!(["/static/proof/registry-0.json"])
    );
    assert_eq!(config["client"]["wasm_sha256"], HASHES.wasm_sha256.as_str());
    let pk = send(&app, get("/static/proof/proving.key")).await;
    let key = std::fs::read(n.keys.join("proving.key")).unwrap();
    assert_eq!(pk.body, key);
    assert!(pk.headers.get("content-encoding").is_none());
    // In brotli for a browser (Tor Browser and Chromium both take it), in
    // gzip for one that takes only gzip; kept but asked again, not sent
    // twice. Each decodes, by a decoder other than the encoder, to the key.
    let fetch = |accept: &'static str, tag: Option<String>| {
        let mut r = Request::get("/static/proof/proving.key").header("accept-encoding", accept);
        if let Some(t) = tag {
            r = r.header("if-none-match", t);
        }
        send(&app, r.body(Body::empty()).unwrap())
    };
    let br = fetch("gzip, deflate, br, zstd", None).await;
    assert_eq!(br.headers["content-encoding"], "br");
    assert_eq!(br.headers["cache-control"], "no-cache");
    let mut unbrotlied = Vec::new();
    std::io::Read::read_to_end(
        &mut brotli_decompressor::Decompressor::new(&br.body[..], 1 << 16),
        &mut unbrotlied,
    )
    .unwrap();
    assert!(unbrotlied == key, "the key in brotli decodes to the key");
    let gz = fetch("gzip, deflate", None).await;
    assert_eq!(gz.headers["content-encoding"], "gzip");
    assert_eq!(gz.headers["cache-control"], "no-cache");
    let mut unzipped = Vec::new();
    std::io::Read::read_to_end(
        &mut flate2::read::GzDecoder::new(&gz.body[..]),
        &mut unzipped,
    )
    .unwrap();
    assert!(unzipped == key, "the gzipped key decodes to the key");
    // Brotli is the smaller (over a Tor circuit, seconds fewer).
    assert!(
        br.body.len() < gz.body.len() * 4 / 5 && gz.body.len() < key.len(),
        "brotli {}, gzip {}, key {}",
        br.body.len(),
        gz.body.len(),
        key.len()
    );
    let tags = [&pk, &br, &gz].map(|r| r.headers["etag"].to_str().unwrap().to_string());
    assert!(
        tags[0] != tags[1] && tags[1] != tags[2] && tags[0] != tags[2],
        "{tags:?}"
    );
    let again = fetch("gzip, deflate, br, zstd", Some(tags[1].clone())).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.body.is_empty());
    // The gzip tag does not stand for the brotli answer.
    let other = fetch("gzip, deflate, br, zstd", Some(tags[2].clone())).await;
    assert_eq!(other.status, StatusCode::OK);
    assert!(other.body == br.body);
    // The compact form the submit page fetches: under a fifth of the key
    // in brotli, tagged apart from it, and it expands to the key without
    // its matrices (the start of the key file, byte for byte).
    let compact = send(
        &app,
        Request::get("/static/proof/proving.key?form=compact")
            .header("accept-encoding", "gzip, deflate, br, zstd")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(compact.status, StatusCode::OK);
    assert_eq!(compact.headers["content-encoding"], "br");
    assert_eq!(compact.headers["cache-control"], "no-cache");
    assert!(compact.body.len() * 5 < key.len() && compact.body.len() < br.body.len() * 3 / 5);
    assert!(!tags.contains(&compact.headers["etag"].to_str().unwrap().to_string()));
    let mut unbrotlied = Vec::new();
    std::io::Read::read_to_end(
        &mut brotli_decompressor::Decompressor::new(&compact.body[..], 1 << 16),
        &mut unbrotlied,
    )
    .unwrap();
    let expanded = darkroom_circuits::groth16::expand_compact_proving_key(&unbrotlied).unwrap();
    assert!(expanded.len() < key.len() && expanded[..] == key[..expanded.len()]);
    // The submit page is told its size, for the progress it shows.
    let submit = send(&app, get("/submit")).await.text();
    assert!(
        submit.contains(&format!("data-proving-key-size=\"{}\"", unbrotlied.len())),
        "the submit page gives the compact key's size"
    );
    // No other form.
    let other_form = send(&app, get("/static/proof/proving.key?form=full")).await;
    assert_eq!(other_form.status, StatusCode::NOT_FOUND);
    let reg = send(&app, get("/static/proof/registry-0.json")).await;
    assert_eq!(reg.body, std::fs::read(&n.registry).unwrap());
    for missing in [
        "registry-1.json",
        "registry-00x.json",
        "registry-.json",
        "proving.keyx",
    ] {
        let a = send(&app, get(&format!("/static/proof/{missing}"))).await;
        assert_eq!(a.status, StatusCode::NOT_FOUND, "{missing}");
    }

    // Without them, nothing is offered.
    let plain = app_in(&scratch("server-client-none"), config_file(n));
    let config = send(&plain, get("/.well-known/darkroom/config.json"))
        .await
        .json();
    assert_eq!(config["proving_key"], serde_json::Value::Null);
    assert_eq!(config["registries"], serde_json::json!([]));
    let a = send(&plain, get("/static/proof/proving.key")).await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
}

#[test]
fn development_keys_are_refused_unless_the_config_says_insecure() {
    let n = newsroom();
    let mut f = config_file(n);
    f.insecure_dev_keys = false;
    let e = darkroom_server::Config::from_file(f, std::path::Path::new("."), false)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        e.contains("development keys") && e.contains("insecure_dev_keys = true"),
        "{e}"
    );
}

#[test]
fn a_proving_key_must_match_the_verifying_key_and_come_with_registries() {
    let n = newsroom();
    let other = scratch("server-other-keys");
    ok(darkroom()
        .args(["setup", "--dev", "-o"])
        .arg(other.join("k")));
    let build = |pk: std::path::PathBuf, registries: Vec<std::path::PathBuf>| {
        let mut f = config_file(n);
        f.proving_key = Some(pk);
        f.registries = registries;
        darkroom_server::Config::from_file(f, std::path::Path::new("."), false)
            .err()
            .map(|e| e.to_string())
    };
    let e = build(other.join("k/proving.key"), vec![n.registry.clone()]).unwrap();
    assert!(e.contains("does not match the verifying key"), "{e}");
    let e = build(n.keys.join("proving.key"), vec![]).unwrap();
    assert!(e.contains("no registries"), "{e}");
    let e = build(n.keys.join("verifying.key"), vec![n.registry.clone()]).unwrap();
    assert!(
        e.contains("proving.key") || e.contains("verifying.key"),
        "{e}"
    );
    assert_eq!(
        build(n.keys.join("proving.key"), vec![n.registry.clone()]),
        None
    );
}

fn photo_path() -> std::path::PathBuf {
    photo()
}

fn scratch_file(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = scratch("server-files").join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn json_post(path: &str, body: String) -> Request<Body> {
    Request::post(path)
        .header("content-type", "application/json")
        .body(Body::from(body))
        .unwrap()
}

#[tokio::test]
async fn codename_and_reply_input_is_checked_and_bad_input_changes_nothing() {
    use darkroom_core::codename;
    let n = newsroom();
    let dir = scratch("server-codenames");
    let app = app_in(&dir, config_file(n));
    let config = send(&app, get("/.well-known/darkroom/config.json"))
        .await
        .json();
    let salt = codename::parse_salt(config["codenames"]["salt"].as_str().unwrap()).unwrap();
    assert_eq!(config["codenames"]["memory_kib"], 65536);
    assert_eq!(
        config["server_inbox"], false,
        "off unless the operator says so"
    );
    let keys = codename::derive(&codename::generate(), &salt).unwrap();
    let claim = json!({
        "lookup": keys.lookup_hex(),
        "verifier": *keys.verifier_hex(),
        "recipient": keys.recipient(Kind::Hybrid),
    })
    .to_string();
    let submit = |claim: String| {
        post_multipart(
            "/api/v1/submissions",
            &[
                ("codename", None, claim.as_bytes()),
                ("envelope", Some("e.age"), &n.envelope_plain),
            ],
        )
    };
    // Hostile codename parts: nothing is stored, no account is made.
    let other = codename::derive(&codename::generate(), &salt).unwrap();
    for (bad, status) in [
        ("{}".to_string(), StatusCode::UNPROCESSABLE_ENTITY),
        ("not json".to_string(), StatusCode::UNPROCESSABLE_ENTITY),
        (
            json!({"lookup": "ab", "verifier": *keys.verifier_hex(), "recipient": keys.recipient(Kind::Hybrid)}).to_string(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            json!({"lookup": keys.lookup_hex(), "verifier": *keys.verifier_hex(), "recipient": "AGE-SECRET-KEY-1"}).to_string(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            json!({"lookup": keys.lookup_hex(), "verifier": *keys.verifier_hex()}).to_string(),
            StatusCode::FORBIDDEN,
        ),
    ] {
        let a = send(&app, submit(bad.clone())).await;
        assert_eq!(a.status, status, "{bad}: {}", a.text());
        assert!(a.json()["error"].as_str().unwrap().contains("codename"), "{}", a.text());
    }
    assert_eq!(stored(&dir).0, 0);
    assert!(app
        .store
        .source_by_lookup(&keys.lookup_hex())
        .unwrap()
        .is_none());

    // The first submission makes the account; a second with the same
    // lookup but another verifier is refused.
    assert_eq!(
        send(&app, submit(claim.clone())).await.status,
        StatusCode::CREATED
    );
    let source = app
        .store
        .source_by_lookup(&keys.lookup_hex())
        .unwrap()
        .unwrap();
    assert_eq!(source.recipient, keys.recipient(Kind::Hybrid));
    assert!(source.designation.split('-').count() >= 2);
    let forged = json!({
        "lookup": keys.lookup_hex(),
        "verifier": *other.verifier_hex(),
        "recipient": keys.recipient(Kind::Hybrid),
    })
    .to_string();
    let a = send(&app, submit(forged)).await;
    assert_eq!(a.status, StatusCode::FORBIDDEN, "{}", a.text());
    assert_eq!(stored(&dir).0, 1);

    // The inbox API: a wrong verifier and malformed bodies get one error
    // and no cookie; the right one lists nothing yet.
    let auth_body = |k: &codename::CodenameKeys| {
        json!({"lookup": keys.lookup_hex(), "verifier": *k.verifier_hex()}).to_string()
    };
    let a = send(&app, json_post("/api/v1/inbox", auth_body(&other))).await;
    assert_eq!(a.status, StatusCode::UNAUTHORIZED);
    assert!(a.cookies().is_empty());
    for bad in ["", "[]", "{\"lookup\": 1}"] {
        let a = send(&app, json_post("/api/v1/inbox", bad.into())).await;
        assert!(a.status.is_client_error(), "{bad}");
        assert!(a.json()["error"].is_string());
    }
    let a = send(&app, json_post("/api/v1/inbox", auth_body(&keys))).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text());
    assert_eq!(a.json()["replies"], json!([]));
    assert!(a.cookies().is_empty(), "the API keeps no session");
    let a = send(
        &app,
        json_post(
            "/api/v1/inbox/delete",
            json!({"lookup": keys.lookup_hex(), "verifier": *keys.verifier_hex(), "reply": "0".repeat(32)}).to_string(),
        ),
    )
    .await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    let a = send(
        &app,
        json_post(
            "/api/v1/inbox/delete",
            json!({"lookup": keys.lookup_hex(), "verifier": *keys.verifier_hex(), "reply": "x", "account": true}).to_string(),
        ),
    )
    .await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);

    // The no-JavaScript inbox is off by default, and says what to use.
    let a = send(
        &app,
        Request::post("/inbox")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from("codename=x"))
            .unwrap(),
    )
    .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    assert!(a.text().contains("darkroom inbox"));

    // Replies: only a journalist may store one, with the form's token, and
    // only a sealed reply of the right shape.
    let creds = auth::enroll(&*app.store, "ana", "Test", false).unwrap();
    let code = auth::current_code(&creds.totp_base32).unwrap();
    let session = session_of(&log_in(&app, "ana", &creds.password, &code).await);
    let page = send(
        &app,
        get_as(
            &format!("/journalist/sources/{}", source.designation),
            &session,
        ),
    )
    .await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    let csrf = html.split("name=\"csrf\" value=\"").nth(1).unwrap()[..64].to_string();
    assert!(html.contains(&keys.recipient(Kind::Hybrid)) && html.contains(&n.recipient));
    assert!(
        !html.contains("name=\"reply") && !html.contains("name=\"text"),
        "the reply's text is never a form field"
    );
    // Replies are signed offline; the page only takes the sealed file.
    assert!(html.contains("darkroom newsroom reply -s"), "{html}");
    assert!(
        !html.contains("reply.js"),
        "no reply is written in this browser"
    );
    let sealed = darkroom_core::reply::seal(
        "hello",
        &keys.recipient(Kind::Hybrid),
        &darkroom_core::reply::next_place(None, 20_000),
        None,
        std::slice::from_ref(&n.recipient),
    )
    .unwrap();
    let to_source_only = darkroom_core::reply::seal(
        "hello",
        &keys.recipient(Kind::Hybrid),
        &darkroom_core::reply::next_place(None, 20_000),
        None,
        &[],
    )
    .unwrap();
    let post_reply = |token: &str, body: &[u8]| {
        let (ct, body) = multipart(&[
            ("csrf", None, token.as_bytes()),
            ("sealed", Some("r.age"), body),
        ]);
        Request::post(format!(
            "/journalist/sources/{}/replies",
            source.designation
        ))
        .header("content-type", ct)
        .header("cookie", &session)
        .header("x-requested-with", "darkroom")
        .body(Body::from(body))
        .unwrap()
    };
    for (token, body, status) in [
        ("0".repeat(64), sealed.clone(), StatusCode::FORBIDDEN),
        (
            csrf.clone(),
            to_source_only,
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            csrf.clone(),
            n.envelope_plain.clone(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            csrf.clone(),
            b"hello".to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    ] {
        let a = send(&app, post_reply(&token, &body)).await;
        assert_eq!(a.status, status, "{}", a.text());
    }
    assert!(app.store.replies(&source.id).unwrap().is_empty());
    let a = send(&app, post_reply(&csrf, &sealed)).await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.text());
    // Not logged in: no reply.
    let (ct, body) = multipart(&[
        ("csrf", None, csrf.as_bytes()),
        ("sealed", Some("r.age"), &sealed),
    ]);
    let a = send(
        &app,
        Request::post(format!(
            "/journalist/sources/{}/replies",
            source.designation
        ))
        .header("content-type", ct)
        .body(Body::from(body))
        .unwrap(),
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
    let a = send(&app, json_post("/api/v1/inbox", auth_body(&keys))).await;
    let listed = a.json()["replies"].as_array().unwrap().clone();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["day"].as_str().unwrap().len(), 10, "only the day");
    use base64::Engine;
    let got = base64::engine::general_purpose::STANDARD
        .decode(listed[0]["sealed"].as_str().unwrap())
        .unwrap();
    assert_eq!(
        *darkroom_core::reply::open(&got, &keys).unwrap().text,
        "hello"
    );

    // Codenames can be turned off.
    let mut off = config_file(n);
    off.codenames = false;
    let off_dir = scratch("server-codenames-off");
    let app = app_in(&off_dir, off);
    let a = send(&app, submit(claim)).await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    assert_eq!(stored(&off_dir).0, 0);
    assert_eq!(
        send(&app, get("/.well-known/darkroom/config.json"))
            .await
            .json()["codenames"],
        serde_json::Value::Null
    );
}

//! What a request leaves behind and what every answer carries: no client
//! address or user agent in any store or log, and every route's response
//! headers audited against one list. (The canary in a file's content, name
//! and message is followed through the CLI and no-JavaScript paths in
//! `server_live`, and through the browser in `browser`.)

use std::collections::BTreeSet;
use std::ffi::OsStr;

use crate::openapi::router_routes;
use crate::server_live::{config, contains};
use crate::server_util::*;
use crate::util::*;

/// Headers every answer carries, with their exact values.
const REQUIRED: [(&str, &str); 5] = [
    ("referrer-policy", "no-referrer"),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("cross-origin-opener-policy", "same-origin"),
    ("cross-origin-resource-policy", "same-origin"),
];

/// Headers an answer may carry besides those.
const ALLOWED: [&str; 7] = [
    "content-security-policy",
    "content-type",
    "content-length",
    "date",
    "location",
    "set-cookie",
    "content-disposition",
];

/// Headers only the client's files and the proving key carry: they may be
/// kept, are asked for again each time (`Cache-Control: no-cache`, checked below), and come
/// precompressed when the request accepts it.
const CLIENT_FILE_ALLOWED: [&str; 3] = ["etag", "vary", "content-encoding"];

/// What `Cache-Control` says of an answer to `path`: nothing is kept but
/// the client's files and the proving key.
fn cache_control_for(path: &str, status: reqwest::StatusCode) -> &'static str {
    if status != reqwest::StatusCode::OK {
        return "no-store";
    }
    match path.strip_prefix("/static/client/") {
        Some(file) if file != "SHA256SUMS" => "no-cache",
        _ if path == "/static/proof/proving.key" => "no-cache",
        _ => "no-store",
    }
}

/// A concrete path for a route pattern.
fn concrete(route: &str) -> String {
    route
        .replace("{file}", "worker.js")
        .replace("{name}", "registry-0.json")
        .replace("{id}", "no-such-id")
        .replace("{designation}", "no-such-source")
}

#[test]
fn every_route_answers_with_the_audited_headers_and_no_address_is_kept() {
    let dir = scratch("leaks");
    let cfg = config(&dir, "");
    let data = dir.join("data");
    let log = dir.join("server.log");
    let server = Server::start(&[OsStr::new("--config"), cfg.as_os_str()], &log);
    let agent = format!("LeakProbe/{}", hex::encode(rand::random::<[u8; 6]>()));
    // Addresses a proxy in front would add; the server must not keep them.
    let forwarded = "203.0.113.77";
    let client = reqwest::blocking::Client::builder()
        .user_agent(&agent)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let send = |method: &str, path: &str| {
        let url = format!("{}{path}", server.url);
        let request = match method {
            "get" => client.get(url),
            _ => client
                .post(url)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(""),
        };
        request
            .header("x-forwarded-for", forwarded)
            .header("x-real-ip", forwarded)
            .header("forwarded", format!("for={forwarded}"))
            .send()
            .unwrap()
    };

    let mut audited = 0;
    let mut routes: Vec<(String, &str)> = router_routes()
        .into_iter()
        .flat_map(|(route, methods)| methods.into_iter().map(move |m| (concrete(&route), m)))
        .collect();
    // The fallback too, and a real submission so that the stores are used.
    routes.push(("/no/such/page".into(), "get"));
    ok(&mut crate::server_live::submit(&server.url, &photo()));
    let n = newsroom();
    let (ct, body) = multipart(&[("envelope", Some("e.age"), &n.envelope_plain)]);
    let r = client
        .post(format!("{}/api/v1/submissions", server.url))
        .header("content-type", ct)
        .header("x-forwarded-for", forwarded)
        .body(body)
        .send()
        .unwrap();
    assert_eq!(r.status(), 201);
    for (path, method) in &routes {
        let r = send(method, path);
        let status = r.status();
        assert!(!status.is_server_error(), "{method} {path}: {status}");
        let h = r.headers();
        for (name, value) in REQUIRED {
            assert_eq!(
                h.get(name).and_then(|v| v.to_str().ok()),
                Some(value),
                "{method} {path} ({status}): {name}"
            );
        }
        assert_eq!(
            h.get("cache-control").and_then(|v| v.to_str().ok()),
            Some(cache_control_for(path, status)),
            "{method} {path} ({status}): cache-control"
        );
        let csp = h["content-security-policy"].to_str().unwrap();
        // The pages that run the client start its checked worker from a
        // blob: address, where it runs under the page's policy.
        let expected = if path == darkroom_server::WORKER_PATH {
            darkroom_server::CSP_WORKER
        } else if ["/submit", "/inbox"].contains(&path.as_str()) {
            darkroom_server::CSP_CLIENT
        } else if path == darkroom_server::VERIFY_PATH {
            darkroom_server::CSP_VERIFY
        } else {
            darkroom_server::CSP
        };
        assert_eq!(csp, expected, "{method} {path}");
        let names: BTreeSet<&str> = h.keys().map(|k| k.as_str()).collect();
        for name in names {
            assert!(
                REQUIRED.iter().any(|(r, _)| *r == name)
                    || name == "cache-control"
                    || ALLOWED.contains(&name)
                    || (cache_control_for(path, status) == "no-cache"
                        && CLIENT_FILE_ALLOWED.contains(&name)),
                "{method} {path} ({status}) answers with an unaudited header {name}"
            );
        }
        for cookie in h.get_all("set-cookie") {
            let cookie = cookie.to_str().unwrap();
            assert!(
                cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
                "{method} {path}: {cookie}"
            );
        }
        audited += 1;
    }
    assert_eq!(audited, routes.len());
    assert!(audited >= 27, "{audited} answers audited");
    drop(server);

    // Neither the user agent nor any address is in the store or the log.
    let printed = std::fs::read_to_string(&log).unwrap();
    for (path, bytes) in crate::server_live::every_file(&data) {
        for needle in [agent.as_str(), forwarded, "127.0.0.1"] {
            assert!(
                !contains(&bytes, needle.as_bytes()),
                "{needle} is in {}",
                path.display()
            );
        }
    }
    assert!(!printed.contains(&agent), "{printed}");
    assert!(!printed.contains(forwarded), "{printed}");
    // The log names the address it listens on, and no other.
    for line in printed.lines().filter(|l| l.contains("127.0.0.1")) {
        assert!(line.starts_with("Darkroom is listening on "), "{line}");
    }
}

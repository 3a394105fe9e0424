//! The API's OpenAPI description (docs/openapi.json) against the router it
//! describes, and schemathesis (a fuzzer written by others) run from it
//! against a real server on loopback, bounded in time.

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsStr;
use std::path::Path;
use std::process::Command;

use crate::server_live::config;
use crate::server_util::*;
use crate::util::*;

/// Every route in `server/src/lib.rs`'s router, with its methods, read from
/// the source: path → {"get", "post"}.
pub(crate) fn router_routes() -> BTreeMap<String, BTreeSet<&'static str>> {
    let source =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("server/src/lib.rs"))
            .unwrap();
    // `source_routes` and `journalist_routes`, which `router` merges.
    let body = &source[source.find("fn source_routes(").unwrap()..];
    let journalist = body.find("fn journalist_routes(").unwrap();
    let body = &body[..journalist + body[journalist..].find("\n}\n").unwrap()];
    let mut routes = BTreeMap::new();
    for chunk in body.split(".route(").skip(1) {
        let path = chunk.split('"').nth(1).unwrap().to_string();
        let mut methods = BTreeSet::new();
        for (needle, method) in [("get(", "get"), ("post(", "post")] {
            if chunk.contains(needle) {
                methods.insert(method);
            }
        }
        assert!(!methods.is_empty(), "no method for {path}");
        assert!(
            routes.insert(path.clone(), methods).is_none(),
            "{path} twice"
        );
    }
    assert!(routes.len() >= 20, "{routes:?}");
    routes
}

fn spec() -> serde_json::Value {
    serde_json::from_slice(
        &std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/openapi.json")).unwrap(),
    )
    .unwrap()
}

#[test]
fn the_spec_describes_exactly_the_routers_api() {
    let spec = spec();
    let described: BTreeMap<String, BTreeSet<String>> = spec["paths"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(path, ops)| {
            (
                path.clone(),
                ops.as_object().unwrap().keys().cloned().collect(),
            )
        })
        .collect();
    let routed: BTreeMap<String, BTreeSet<String>> = router_routes()
        .into_iter()
        .filter(|(p, _)| p.starts_with("/api/") || p.starts_with("/.well-known/"))
        .map(|(p, m)| (p, m.into_iter().map(String::from).collect()))
        .collect();
    assert_eq!(described, routed, "docs/openapi.json and the router differ");
    // Every operation documents its refusals with the one error shape.
    for (path, ops) in spec["paths"].as_object().unwrap() {
        for (method, op) in ops.as_object().unwrap() {
            let responses = op["responses"].as_object().unwrap();
            assert!(
                responses.keys().any(|s| s.starts_with('2')),
                "{method} {path}"
            );
            if method == "post" {
                assert!(
                    responses.contains_key("400") || responses.contains_key("422"),
                    "{method} {path}"
                );
            }
        }
    }
}

#[test]
fn schemathesis_finds_no_server_error_or_undocumented_answer() {
    let st = require!("st");
    let dir = scratch("openapi");
    let cfg = config(&dir, "");
    let data = dir.join("data");
    let log = dir.join("server.log");
    let server = Server::start(&[OsStr::new("--config"), cfg.as_os_str()], &log);
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/openapi.json");
    // Bounded: at most 40 s of fuzzing, a fixed seed, on loopback.
    // `positive_data_acceptance` is left out: no schema can say what an
    // age ciphertext or codename keys are, so schema-valid data is refused.
    let out = run(Command::new(&st)
        .args(["--no-color", "run"])
        .arg(&spec)
        .args(["--url", &server.url])
        .args([
            "--max-time",
            "40",
            "--max-examples",
            "40",
            "--seed",
            "20261127",
        ])
        .args(["--exclude-checks", "positive_data_acceptance"])
        .args(["--request-timeout", "30", "--workers", "1"])
        .current_dir(&dir));
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    println!("{printed}");
    assert!(
        out.status.success(),
        "schemathesis found failures:\n{printed}"
    );
    assert!(printed.contains("Tested: 7"), "{printed}");
    let generated: usize = printed
        .lines()
        .find_map(|l| {
            let (n, rest) = l.trim().split_once(" generated, ")?;
            rest.ends_with(" passed").then(|| n.parse().ok())?
        })
        .unwrap_or_else(|| panic!("no count of test cases in:\n{printed}"));
    assert!(generated >= 100, "{generated} cases");
    drop(server);
    // Nothing it sent was stored, nothing half-written is left, and the
    // server never panicked.
    assert_eq!(stored(&data), (0, 0, 0));
    let printed = std::fs::read_to_string(&log).unwrap();
    assert!(!printed.contains("panicked"), "{printed}");
}

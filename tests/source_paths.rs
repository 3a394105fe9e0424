//! One source path: the CLI (`darkroom submit --prove`) and the page's
//! client (`darkroom-web`, run natively here on the bytes the page would
//! fetch) take the same cases against the same real server, and agree on
//! each: both prove, or both refuse, with the same sentence wherever the
//! decision is core's.

use std::path::Path;

use darkroom_circuits::eddsa::PrivateKey;
use darkroom_core::registry::Registry;
use darkroom_web::client;

use crate::server_live::{config, serve, submit};
use crate::server_util::*;
use crate::util::*;

/// What the page is served: manifest, signature and configuration, and
/// the code it runs (taken here from the manifest: the page's own check
/// of its code is tested in the browser tests).
fn page_newsroom(url: &str) -> client::Newsroom {
    let get = |p: &str| {
        reqwest::blocking::get(format!("{url}/.well-known/darkroom/{p}"))
            .unwrap()
            .bytes()
            .unwrap()
            .to_vec()
    };
    let json = get("manifest.json");
    let sig = String::from_utf8(get("manifest.json.minisig")).unwrap();
    let config = String::from_utf8(get("config.json")).unwrap();
    let manifest: serde_json::Value = serde_json::from_slice(&json).unwrap();
    let loaded = serde_json::json!({
        "wasm_sha256": manifest["client"]["wasm_sha256"],
        "scripts": manifest["client"]["scripts"],
    })
    .to_string();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    client::newsroom(
        &json,
        &sig,
        now,
        Some(&newsroom().newsroom_key),
        &config,
        "127.0.0.1",
        &loaded,
    )
    .unwrap()
}

/// The page's proof of `photo` against `registries` with `keys`: the
/// disclosed time `month` and no place, as the CLI's defaults.
fn page_proves(
    n: &client::Newsroom,
    photo: &Path,
    registries: &[&Path],
    keys: &Path,
) -> Result<client::Proven, String> {
    let registries: Vec<String> = registries
        .iter()
        .map(|r| std::fs::read_to_string(r).unwrap())
        .collect();
    let bytes = std::fs::read(photo).unwrap();
    let key = std::fs::read(keys.join("proving.key")).unwrap();
    let name = photo.file_name().unwrap().to_string_lossy().into_owned();
    client::prove(&bytes, &name, None, &registries, &key, n, "month", "none").map_err(|e| e.0)
}

#[test]
fn the_cli_and_the_page_prove_and_refuse_alike() {
    let dir = scratch("source-paths");
    let server = serve(&dir, &config(&dir, ""));
    let n = newsroom();
    let page = page_newsroom(&server.url);

    // A registry that holds the camera, with enough devices, but that the
    // newsroom never signed: the server (or a proxy) offers it.
    let signed = Registry::from_json(&std::fs::read_to_string(&n.registry).unwrap()).unwrap();
    let mut devices = signed.devices().to_vec();
    devices.push(PrivateKey::from_bytes([1; 32]).public());
    let unsigned = dir.join("unsigned-registry.json");
    std::fs::write(&unsigned, Registry::new(devices).unwrap().to_json()).unwrap();
    // A photo with no capture attestation, and a signed one edited after.
    let unsigned_photo = dir.join("unsigned.jpg");
    std::fs::copy(photo(), &unsigned_photo).unwrap();
    let mut edited = std::fs::read(&n.signed_photo).unwrap();
    let middle = edited.len() / 2;
    edited[middle] ^= 1;
    let edited_photo = dir.join("edited.jpg");
    std::fs::write(&edited_photo, edited).unwrap();
    // Proof keys of another setup.
    let other_keys = dir.join("other-keys");
    ok(darkroom().args(["setup", "--dev", "-o"]).arg(&other_keys));

    // What, the photo, the registries, the proof keys, and the refusal
    // both must give (none: both prove).
    type Case<'a> = (&'a str, &'a Path, Vec<&'a Path>, &'a Path, Option<&'a str>);
    let cases: Vec<Case> = vec![
        ("signed", &n.signed_photo, vec![&n.registry], &n.keys, None),
        (
            "unsigned registry",
            &n.signed_photo,
            vec![&n.registry, &unsigned],
            &n.keys,
            Some("is not one the newsroom trusts"),
        ),
        (
            "no attestation",
            &unsigned_photo,
            vec![&n.registry],
            &n.keys,
            Some("no capture attestation"),
        ),
        (
            "edited",
            &edited_photo,
            vec![&n.registry],
            &n.keys,
            Some("different image"),
        ),
        // Each client refuses other keys in its own words.
        (
            "other keys",
            &n.signed_photo,
            vec![&n.registry],
            &other_keys,
            Some(""),
        ),
    ];
    for (what, photo, registries, keys, refusal) in cases {
        let mut cli = submit(&server.url, photo);
        cli.arg("--prove").arg("--keys").arg(keys);
        for r in &registries {
            cli.arg("--registry").arg(r);
        }
        let page_said = page_proves(&page, photo, &registries, keys);
        match refusal {
            None => {
                let said = ok(&mut cli);
                assert!(said.contains("Submitted"), "{what}: {said}");
                let proven = page_said.unwrap_or_else(|e| panic!("{what}: the page: {e}"));
                assert_eq!(proven.devices, 32, "{what}");
                assert_eq!(
                    darkroom_circuits::field::to_hex(&proven.bundle.public.root),
                    n.root,
                    "{what}"
                );
                assert!(said.contains("one of 32 devices"), "{what}: {said}");
            }
            Some(needle) => {
                let cli_said = fails(&mut cli, needle);
                let page_said = page_said
                    .err()
                    .unwrap_or_else(|| panic!("{what}: the page proved what the CLI refused"));
                assert!(
                    page_said.contains(needle),
                    "{what}: the page said {page_said}"
                );
                assert!(!cli_said.contains("Submitted"), "{what}");
            }
        }
    }
}

//! `darkroom check-server`: the watchdog. It fetches what a drop box
//! serves to sources (its manifest, configuration, pages, browser client,
//! registries and proving key) and reports every place where it differs
//! from what the newsroom signed. Run it from anywhere, often: a server
//! that serves one thing to the watchdog and another to sources is still
//! caught by the sources' own clients, which run the same checks.

use crate::output::printable;
use std::io::Read;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use darkroom_core::newsroom::Manifest;
use darkroom_core::registry::Registry;
use reqwest::blocking::Client;
use sha2::{Digest, Sha256};

/// The exit code when the server disagrees with the manifest.
pub const EXIT_DISAGREES: u8 = 3;

/// The largest file fetched (the proving key is a few MiB).
const MAX_FETCH: u64 = 64 << 20;

struct Watch<'a> {
    client: &'a Client,
    base: &'a str,
    problems: Vec<String>,
}

impl Watch<'_> {
    fn get(&self, path: &str) -> Result<Vec<u8>> {
        let url = format!("{}{path}", self.base);
        let r = self
            .client
            .get(&url)
            .send()
            .and_then(|r| r.error_for_status())
            .with_context(|| format!("cannot fetch {url}"))?;
        let mut bytes = Vec::new();
        r.take(MAX_FETCH + 1).read_to_end(&mut bytes)?;
        if bytes.len() as u64 > MAX_FETCH {
            bail!("{url} is larger than anything a drop box serves");
        }
        Ok(bytes)
    }

    fn text(&self, path: &str) -> Result<String> {
        String::from_utf8(self.get(path)?).with_context(|| format!("{path} is not text"))
    }

    fn check(&mut self, ok: bool, what: &str, problem: impl FnOnce() -> String) {
        if ok {
            println!("ok: {what}");
        } else {
            let p = problem();
            println!("DISAGREES: {}", printable(&p));
            self.problems.push(p);
        }
    }
}

/// Every `<script src=… integrity=…>` of a page, as (src, integrity).
fn scripts(html: &str) -> Vec<(String, Option<String>)> {
    let attr = |tag: &str, name: &str| {
        let key = format!("{name}=\"");
        tag.find(&key).map(|i| {
            let rest = &tag[i + key.len()..];
            rest[..rest.find('"').unwrap_or(rest.len())].to_string()
        })
    };
    html.split("<script")
        .skip(1)
        .map(|s| {
            let tag = &s[..s.find('>').unwrap_or(s.len())];
            (attr(tag, "src").unwrap_or_default(), attr(tag, "integrity"))
        })
        .collect()
}

/// The value of `data-NAME="…"` in a page, the first one.
fn data_attr(html: &str, name: &str) -> Option<String> {
    let key = format!("data-{name}=\"");
    let i = html.find(&key)? + key.len();
    let rest = &html[i..];
    Some(rest[..rest.find('"')?].to_string())
}

pub fn run(
    server: &str,
    proxy: Option<&str>,
    key: Option<&str>,
    key_file: Option<&Path>,
) -> Result<ExitCode> {
    let Some(key) = super::trust::explicit_key(key, key_file)? else {
        bail!("give the newsroom's signing key with --newsroom-key or --newsroom-key-file");
    };
    let (client, base, config) = super::submit::connect(server, proxy)?;
    let mut w = Watch {
        client: &client,
        base: &base,
        problems: Vec::new(),
    };
    let (json, sig) = super::trust::fetch_manifest(&client, &base)?;
    let manifest = match Manifest::verify(&json, &sig, &key, darkroom_server::config::now()) {
        Ok(m) => {
            println!(
                "ok: the manifest is signed by {key} (fingerprint: {}), valid until {}",
                key.fingerprint(),
                darkroom_core::calendar::format(m.expires)
            );
            m
        }
        Err(e) => {
            println!("DISAGREES: {}", printable(&e.to_string()));
            eprintln!("darkroom: {base} serves a manifest the newsroom key does not vouch for; nothing else it serves can be checked");
            return Ok(ExitCode::from(EXIT_DISAGREES));
        }
    };
    let host = super::trust::origin(&base);
    let host = host.split_once("://").map(|(_, h)| h).unwrap_or_default();
    let onion = manifest.check_host(host.split(':').next().unwrap_or_default());
    w.check(onion.is_ok(), "the onion address is the newsroom's", || {
        onion.err().map(|e| e.to_string()).unwrap_or_default()
    });

    // The configuration clients read.
    let found = manifest.disagreements(&config);
    if found.is_empty() {
        println!("ok: config.json says what the manifest says");
    }
    for d in found {
        w.check(false, "", || format!("config.json: {d}"));
    }

    // The browser client, file by file.
    let sums = w.get("/static/client/SHA256SUMS")?;
    let bundle = hex::encode(Sha256::digest(&sums));
    w.check(
        bundle == manifest.client.bundle_sha256,
        "the client bundle's SHA256SUMS",
        || {
            format!(
                "the client bundle's SHA256SUMS hashes to {bundle}, not the manifest's {}",
                manifest.client.bundle_sha256
            )
        },
    );
    let wasm = hex::encode(Sha256::digest(
        w.get("/static/client/darkroom_web_bg.wasm")?,
    ));
    w.check(
        wasm == manifest.client.wasm_sha256,
        "the WebAssembly client",
        || {
            format!(
                "the WebAssembly client served hashes to {wasm}, not the manifest's {}",
                manifest.client.wasm_sha256
            )
        },
    );
    for (name, sri) in &manifest.client.scripts {
        let served = darkroom_server::client::sri(&w.get(&format!("/static/client/{name}"))?);
        w.check(served == *sri, &format!("the script {name}"), || {
            format!("the script {name} served is {served}, not the manifest's {sri}")
        });
    }

    // The pages: every script they load is pinned to the manifest's value,
    // the WebAssembly hash they check is the manifest's, and the keys they
    // show are the newsroom's.
    for page in ["/", "/submit", "/inbox"] {
        let html = w.text(page)?;
        for (src, integrity) in scripts(&html) {
            let name = src.rsplit('/').next().unwrap_or_default().to_string();
            let signed = manifest.client.scripts.get(&name);
            w.check(
                signed.is_some() && integrity.as_ref() == signed,
                &format!("{page} loads {src}, pinned"),
                || match signed {
                    None => format!("{page} loads a script the manifest does not list: {src}"),
                    Some(s) => format!(
                        "{page} loads {src} with integrity {}, not the manifest's {s}",
                        integrity.as_deref().unwrap_or("(none)")
                    ),
                },
            );
        }
        if let Some(sha) = data_attr(&html, "sha256") {
            w.check(sha == manifest.client.wasm_sha256, &format!("{page} checks the manifest's WebAssembly hash"), || {
                format!("{page} tells the worker to accept WebAssembly with SHA-256 {sha}, not the manifest's")
            });
        }
        if let Some(sri) = data_attr(&html, "worker-sri") {
            let signed = manifest.client.scripts.get("worker.js");
            w.check(
                Some(&sri) == signed,
                &format!("{page} pins the worker"),
                || format!("{page} pins the worker to {sri}, not the manifest's value"),
            );
        }
        for token in html.split(|c: char| !c.is_ascii_alphanumeric()) {
            if token.starts_with("age1")
                && token.len() > 50
                && !manifest.recipients.iter().any(|r| r == token)
            {
                w.check(false, "", || {
                    format!("{page} shows a recipient the newsroom did not sign: {token}")
                });
            }
        }
        if page == "/" {
            w.check(
                html.contains(&key.to_base64()),
                "/ shows the newsroom's signing key",
                || "/ does not show the newsroom's signing key".to_string(),
            );
        }
    }

    // What browsers prove with.
    for url in config["registries"].as_array().into_iter().flatten() {
        let Some(url) = url.as_str().filter(|u| u.starts_with("/static/proof/")) else {
            w.check(false, "", || {
                format!("config.json names a registry outside this server: {url}")
            });
            continue;
        };
        let verdict = String::from_utf8(w.get(url)?)
            .map_err(|e| e.to_string())
            .and_then(|t| Registry::from_json(&t).map_err(|e| e.to_string()))
            .and_then(|r| manifest.check_registry(&r).map_err(|e| e.to_string()));
        w.check(verdict.is_ok(), &format!("the registry at {url}"), || {
            format!("{url}: {}", verdict.err().unwrap_or_default())
        });
    }
    if let Some(url) = config["proving_key"].as_str() {
        let signed =
            darkroom_circuits::groth16::read_proving_key(std::io::Cursor::new(w.get(url)?))
                .is_ok_and(|(pk, version)| {
                    manifest
                        .check_keys(version, &darkroom_circuits::groth16::circuit_id(&pk.vk))
                        .is_ok()
                });
        w.check(
            signed,
            "the proving key is the one the newsroom signed",
            || "the proving key served is not the one the newsroom signed".to_string(),
        );
    }

    if w.problems.is_empty() {
        println!(
            "{base} serves what {} signed.",
            printable(&manifest.newsroom)
        );
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!(
            "darkroom: {base} disagrees with the newsroom's manifest in {} place(s); tell the newsroom through another channel",
            w.problems.len()
        );
        Ok(ExitCode::from(EXIT_DISAGREES))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_and_data_attributes_are_read_from_pages() {
        let html = r#"<section data-sha256="ab" data-worker-sri="sha384-x"></section>
<script src="/static/client/common.js" integrity="sha384-a" defer></script>
<script src="/evil.js"></script>"#;
        assert_eq!(
            scripts(html),
            vec![
                (
                    "/static/client/common.js".to_string(),
                    Some("sha384-a".to_string())
                ),
                ("/evil.js".to_string(), None)
            ]
        );
        assert_eq!(data_attr(html, "sha256").as_deref(), Some("ab"));
        assert_eq!(data_attr(html, "worker-sri").as_deref(), Some("sha384-x"));
        assert_eq!(data_attr(html, "nope"), None);
    }
}

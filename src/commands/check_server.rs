//! `darkroom check-server`: the watchdog. It fetches what a drop box
//! serves to sources (its manifest, configuration, pages, browser client,
//! registries and proving key) and reports every place where it differs
//! from what the newsroom signed. Run it from anywhere, often: a server
//! that serves one thing to the watchdog and another to sources is still
//! caught by the sources' own clients, which run the same checks.

use crate::output::printable;
use crate::transport::Server;
use std::io::Read;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use darkroom_core::newsroom::Manifest;
use darkroom_core::registry::Registry;
use darkroom_server as server;
use reqwest::blocking::Client;
use sha2::{Digest, Sha256};

/// The largest file fetched (the proving key is a few MiB).
const MAX_FETCH: u64 = 64 << 20;

struct Watch<'a> {
    client: &'a Client,
    base: &'a str,
    problems: Vec<String>,
}

impl Watch<'_> {
    /// `path`'s bytes and the `Content-Security-Policy` headers it came
    /// with, asked for as Tor Browser asks for a page (`headers`) or a
    /// file (none beyond the client's own).
    fn fetch(&self, path: &str, headers: &[(&str, &str)]) -> Result<(Vec<u8>, Vec<String>)> {
        let url = format!("{}{path}", self.base);
        let mut request = self.client.get(&url);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let r = request
            .send()
            .and_then(|r| r.error_for_status())
            .with_context(|| format!("cannot fetch {url}"))?;
        let csp = r
            .headers()
            .get_all(reqwest::header::CONTENT_SECURITY_POLICY)
            .iter()
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
            .collect();
        let mut bytes = Vec::new();
        r.take(MAX_FETCH + 1).read_to_end(&mut bytes)?;
        if bytes.len() as u64 > MAX_FETCH {
            bail!("{url} is larger than anything a drop box serves");
        }
        Ok((bytes, csp))
    }

    fn get(&self, path: &str) -> Result<Vec<u8>> {
        Ok(self.fetch(path, &[])?.0)
    }

    /// A page, fetched as Tor Browser fetches it: its text and every
    /// `Content-Security-Policy` header it came with.
    fn page(&self, path: &str) -> Result<(String, Vec<String>)> {
        let (bytes, csp) = self.fetch(path, &TOR_BROWSER_HEADERS)?;
        let text = String::from_utf8(bytes).with_context(|| format!("{path} is not text"))?;
        Ok((text, csp))
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

/// Request headers as Tor Browser sends them for a page (a Firefox ESR on
/// Windows, as resistFingerprinting reports every platform), so that a
/// server cannot serve the watchdog one page and sources another by the
/// headers alone.
const TOR_BROWSER_HEADERS: [(&str, &str); 6] = [
    ("user-agent", crate::transport::TOR_BROWSER_USER_AGENT),
    (
        "accept",
        "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    ),
    (
        "accept-language",
        crate::transport::TOR_BROWSER_ACCEPT_LANGUAGE,
    ),
    (
        "accept-encoding",
        crate::transport::TOR_BROWSER_ACCEPT_ENCODING,
    ),
    ("upgrade-insecure-requests", "1"),
    ("sec-fetch-mode", "navigate"),
];

/// How the client's files are asked for: as Tor Browser's page fetches
/// them (it accepts brotli, so gets the precompressed copy), and with one
/// coding or none, so every copy the server keeps is checked. The HTTP
/// client decodes each answer, whatever the server sent.
const FILE_REQUESTS: [(&str, &[(&str, &str)]); 3] = [
    (
        "as Tor Browser asks",
        &[
            ("user-agent", crate::transport::TOR_BROWSER_USER_AGENT),
            ("accept", "*/*"),
            (
                "accept-language",
                crate::transport::TOR_BROWSER_ACCEPT_LANGUAGE,
            ),
            (
                "accept-encoding",
                crate::transport::TOR_BROWSER_ACCEPT_ENCODING,
            ),
        ],
    ),
    ("gzip", &[("accept-encoding", "gzip")]),
    ("identity", &[("accept-encoding", "identity")]),
];

/// Every page a source or a reader loads.
const PAGES: [&str; 5] = ["/", "/submit", "/inbox", "/verify", "/verify/offline.html"];

/// Where the client's files are served.
const CLIENT_DIR: &str = "/static/client/";

/// Where its WebAssembly is served.
const CLIENT_WASM: &str = "/static/client/darkroom_web_bg.wasm";
/// Where the client's JavaScript build is served (the submit and inbox
/// pages').
const CLIENT_JS: &str = "/static/client/darkroom_web_js.js";
/// Where the verify page's JavaScript build (with the publication checker)
/// is served.
const CLIENT_VERIFY_JS: &str = "/static/client/darkroom_verify_js.js";

/// The query every client address carries: the signed bundle's version.
fn version_suffix(manifest: &Manifest) -> String {
    format!(
        "?v={}",
        server::client::version_of(&manifest.client.bundle_sha256)
    )
}

/// What one page loads and runs, read with an HTML parser as a browser
/// reads it (attribute names in any case, quoted values as one value, the
/// first of two same-named attributes), compared with the manifest: each
/// finding is `Ok(what holds)` or `Err(what disagrees)`.
fn audit_page(
    page: &str,
    html: &str,
    manifest: &Manifest,
    inline: &[u8],
) -> Vec<Result<String, String>> {
    use scraper::{ElementRef, Html};
    let scripts = &manifest.client.scripts;
    let worker_sri = scripts.get("worker.js").map(String::as_str);
    let js_sri = scripts.get("darkroom_web_js.js").map(String::as_str);
    // Every client address carries the signed bundle's version.
    let versioned = |path: &str| format!("{path}{}", version_suffix(manifest));
    let doc = Html::parse_document(html);
    let mut found = Vec::new();
    for el in doc
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
    {
        let e = el.value();
        let attr = |name: &str| e.attr(name);
        for (name, _) in e.attrs() {
            if name.starts_with("on") {
                found.push(Err(format!(
                    "{page} has an inline event handler ({name}) on <{}>",
                    e.name()
                )));
            }
        }
        match e.name() {
            "script" => {
                let kind = attr("type").map(|t| t.trim().to_ascii_lowercase());
                let src = attr("src");
                match (kind.as_deref(), src) {
                    // A data block: never run.
                    (Some("application/json"), None) => {}
                    (None | Some("text/javascript"), Some(src)) => {
                        let name = src
                            .strip_prefix(CLIENT_DIR)
                            .and_then(|n| n.strip_suffix(version_suffix(manifest).as_str()))
                            .unwrap_or_default();
                        let signed = scripts
                            .get(name)
                            .filter(|_| !name.contains(['/', '?', '#']));
                        let integrity = attr("integrity");
                        found.push(match signed {
                            Some(s) if integrity == Some(s.as_str()) => Ok(format!(
                                "{page} loads {src}, pinned to the manifest's value"
                            )),
                            Some(s) => Err(format!(
                                "{page} loads {src} with integrity {}, not the manifest's {s}",
                                integrity.unwrap_or("(none)")
                            )),
                            None => Err(format!(
                                "{page} loads a script the manifest does not list: {src}"
                            )),
                        });
                    }
                    (None | Some("text/javascript"), None) => {
                        let text: String = el.text().collect();
                        found.push(if !inline.is_empty() && text.as_bytes() == inline {
                            Ok(format!(
                                "{page} runs inline exactly the scripts the manifest signed"
                            ))
                        } else {
                            Err(format!(
                                "{page} runs an inline script the newsroom did not sign"
                            ))
                        });
                    }
                    (Some(other), _) => found.push(Err(format!(
                        "{page} has a script of type {other:?}, which no Darkroom page has"
                    ))),
                }
            }
            "link" => {
                let rel = attr("rel").unwrap_or_default().to_ascii_lowercase();
                let href = attr("href").unwrap_or_default();
                if !(rel == "stylesheet" && href == "/static/darkroom.css") {
                    found.push(Err(format!(
                        "{page} links {href} as {rel:?}, which no Darkroom page does"
                    )));
                }
            }
            "style" if inline.is_empty() => {
                found.push(Err(format!("{page} carries an inline style sheet")))
            }
            "iframe" | "frame" | "frameset" | "object" | "embed" | "applet" | "base" | "portal" => {
                found.push(Err(format!("{page} has a <{}> element", e.name())))
            }
            "meta" if attr("http-equiv").is_some_and(|h| h.eq_ignore_ascii_case("refresh")) => {
                found.push(Err(format!("{page} redirects with a <meta> refresh")))
            }
            _ => {}
        }
        // What the page tells its client to run and accept.
        let expect = |name: &str, want: Option<&str>, what: &str| match attr(name) {
            None => None,
            Some(v) if Some(v) == want => Some(Ok(format!("{page} {what}"))),
            Some(v) => Some(Err(format!(
                "{page} has {name}={v:?}: it does not match the manifest ({what})"
            ))),
        };
        found.extend(
            [
                expect(
                    "data-worker",
                    Some(&versioned(server::WORKER_PATH)),
                    "starts the signed worker",
                ),
                expect(
                    "data-worker-sri",
                    worker_sri,
                    "pins the worker to the manifest's value",
                ),
                expect(
                    "data-wasm",
                    Some(&versioned(CLIENT_WASM)),
                    "loads the client's WebAssembly",
                ),
                expect(
                    "data-sha256",
                    Some(&manifest.client.wasm_sha256),
                    "checks the manifest's WebAssembly hash",
                ),
                expect(
                    "data-js",
                    Some(&versioned(CLIENT_JS)),
                    "loads the client's JavaScript build where WebAssembly is off",
                ),
                expect(
                    "data-js-sri",
                    js_sri,
                    "pins the JavaScript build to the manifest's value",
                ),
            ]
            .into_iter()
            .flatten(),
        );
    }
    found
}

pub fn run(args: &crate::cli::CheckServerArgs) -> Result<ExitCode> {
    let Some(key) = super::trust::explicit_key(
        args.newsroom_key.as_deref(),
        args.newsroom_key_file.as_deref(),
    )?
    else {
        bail!("give the newsroom's signing key with --newsroom-key or --newsroom-key-file");
    };
    let drop_box = Server::connect(&args.server, args.proxy.as_deref())?;
    let (client, address, config) = (&drop_box.client, &drop_box.address, &drop_box.config);
    let base = address.base();
    let mut w = Watch {
        client,
        base: &base,
        problems: Vec::new(),
    };
    let (json, sig) = drop_box.manifest()?;
    let manifest = match Manifest::verify(&json, &sig, &key, crate::clock::now()) {
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
            return Ok(ExitCode::from(crate::exit::DOES_NOT_HOLD));
        }
    };
    let newest = super::trust::take_checked(address, &key, &json, &manifest);
    w.check(
        newest.is_ok(),
        "the manifest is no older than the newest this device took from this server",
        || newest.err().map(|e| e.to_string()).unwrap_or_default(),
    );
    let onion = manifest.check_host(address.host());
    w.check(onion.is_ok(), "the onion address is the newsroom's", || {
        onion.err().map(|e| e.to_string()).unwrap_or_default()
    });

    // The configuration clients read.
    let found = manifest.disagreements(config);
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
    // Each file as Tor Browser's page asks for it (at the address the
    // pages use, with the bundle's version), and in each coding on its
    // own: a server that sent the watchdog one file and browsers another,
    // by their headers or the coding they accept, is caught here (and, for
    // the source, by the page's own checks).
    let version = version_suffix(&manifest);
    for (asked, headers) in FILE_REQUESTS {
        let wasm = hex::encode(Sha256::digest(
            w.fetch(&format!("{CLIENT_WASM}{version}"), headers)?.0,
        ));
        w.check(
            wasm == manifest.client.wasm_sha256,
            &format!("the WebAssembly client ({asked})"),
            || {
                format!(
                    "the WebAssembly client served ({asked}) hashes to {wasm}, not the manifest's {}",
                    manifest.client.wasm_sha256
                )
            },
        );
        for (name, sri) in &manifest.client.scripts {
            let path = format!("{CLIENT_DIR}{name}{version}");
            let served = darkroom_server::client::sri(&w.fetch(&path, headers)?.0);
            w.check(
                served == *sri,
                &format!("the script {name} ({asked})"),
                || {
                    format!(
                        "the script {name} served ({asked}) is {served}, not the manifest's {sri}"
                    )
                },
            );
        }
    }

    // The pages, as a browser reads them: every script, worker and style
    // they load pinned to the manifest's value (or this release's), no
    // other active content, the policy this release serves them with, and
    // only the newsroom's keys shown.
    let served_css = w.get("/static/darkroom.css")?;
    w.check(
        served_css == server::client::CSS.as_bytes(),
        "the style sheet is this release's",
        || "/static/darkroom.css is not this release's style sheet".to_string(),
    );
    let verify_script = w.get(&format!("{CLIENT_DIR}verify.js"))?;
    let offline_inline = String::from_utf8_lossy(&verify_script).replace("</", "<\\/");
    for page in PAGES {
        let (html, csp) = w.page(page)?;
        let want = server::csp_for(page);
        w.check(
            csp.len() == 1 && csp[0] == want,
            &format!("{page} is served with this release's content security policy"),
            || format!("{page} is served with the content security policy {csp:?}, not {want:?}"),
        );
        let inline = if page == "/verify/offline.html" {
            offline_inline.as_bytes()
        } else {
            &[]
        };
        for finding in audit_page(page, &html, &manifest, inline) {
            match finding {
                Ok(what) => w.check(true, &what, String::new),
                Err(problem) => w.check(false, "", || problem),
            }
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
        if page.starts_with("/verify") {
            w.check(
                checker_wasm_sha256(
                    &html,
                    manifest
                        .client
                        .scripts
                        .get("darkroom_verify_js.js")
                        .map(String::as_str),
                    &version_suffix(&manifest),
                )
                .as_deref()
                    == Some(manifest.client.wasm_sha256.as_str()),
                &format!("{page} checks publications with the manifest's code"),
                || format!("{page} checks publications with other code than the manifest's"),
            );
        }
    }

    // What browsers prove with.
    for url in &config.registries {
        if !url.starts_with("/static/proof/") {
            w.check(false, "", || {
                format!("config.json names a registry outside this server: {url:?}")
            });
            continue;
        }
        let verdict = String::from_utf8(w.get(url)?)
            .map_err(|e| e.to_string())
            .and_then(|t| Registry::from_json(&t).map_err(|e| e.to_string()))
            .and_then(|r| manifest.check_registry(&r).map_err(|e| e.to_string()));
        w.check(verdict.is_ok(), &format!("the registry at {url}"), || {
            format!("{url}: {}", verdict.err().unwrap_or_default())
        });
    }
    if let Some(url) = &config.proving_key {
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
        Ok(ExitCode::from(crate::exit::DOES_NOT_HOLD))
    }
}

/// SHA-256 (hex) of the WebAssembly a publication checker runs, from its
/// data block (`verify-data`): the one it carries (`wasm_base64`, the
/// single file), or the hash it checks the served client against
/// (`wasm_sha256`, with `wasm` the client's own path). `None` for anything
/// else.
fn checker_wasm_sha256(html: &str, js_sri: Option<&str>, version: &str) -> Option<String> {
    use base64::Engine;
    use scraper::{ElementRef, Html};
    let doc = Html::parse_document(html);
    let data = doc
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name() == "script" && e.value().id() == Some("verify-data"))?;
    let text: String = data.text().collect();
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    if let Some(inline) = json["wasm_base64"].as_str() {
        let wasm = base64::engine::general_purpose::STANDARD
            .decode(inline)
            .ok()?;
        return Some(hex::encode(Sha256::digest(wasm)));
    }
    // The JavaScript build it falls back to, if it names one, must be the
    // manifest's too.
    if json.get("js").is_some()
        && (json["js"] != format!("{CLIENT_VERIFY_JS}{version}")
            || json["js_sri"].as_str() != js_sri)
    {
        return None;
    }
    (json["wasm"] == format!("{CLIENT_WASM}{version}"))
        .then(|| json["wasm_sha256"].as_str().map(str::to_string))
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn manifest() -> Manifest {
        let scripts: BTreeMap<String, String> = [
            ("common.js", "sha384-common"),
            ("submit.js", "sha384-submit"),
            ("worker.js", "sha384-worker"),
            ("darkroom_web_js.js", "sha384-js"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        serde_json::from_value(serde_json::json!({
            "format": "darkroom-newsroom-manifest", "version": 1, "newsroom": "Desk",
            "signing_key": "RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3",
            "demo": false, "recipients": [], "registries": [],
            "client": {"release": "0.1.0", "bundle_sha256": "11", "wasm_sha256": "ab", "scripts": scripts},
            "issued": 1, "expires": 2
        }))
        .unwrap()
    }

    fn problems(html: &str) -> Vec<String> {
        audit_page("/submit", html, &manifest(), &[])
            .into_iter()
            .filter_map(Result::err)
            .collect()
    }

    const GOOD: &str = r#"<!doctype html><html><head><link rel="stylesheet" href="/static/darkroom.css"></head><body>
<section data-worker="/static/client/worker.js?v=11" data-worker-sri="sha384-worker" data-wasm="/static/client/darkroom_web_bg.wasm?v=11" data-sha256="ab" data-js="/static/client/darkroom_web_js.js?v=11" data-js-sri="sha384-js"></section>
<script type="application/json" id="d">{"x": 1}</script>
<script src="/static/client/common.js?v=11" integrity="sha384-common" defer></script>
<script src="/static/client/submit.js?v=11" integrity="sha384-submit" defer></script>
</body></html>"#;

    #[test]
    fn a_page_that_loads_only_what_the_newsroom_signed_passes() {
        assert_eq!(problems(GOOD), Vec::<String>::new());
        let held = audit_page("/submit", GOOD, &manifest(), &[]);
        assert_eq!(held.iter().filter(|f| f.is_ok()).count(), 8, "{held:?}");
    }

    #[test]
    fn every_script_a_browser_would_run_is_seen() {
        let evil = |tag: &str| GOOD.replace("</body>", &format!("{tag}</body>"));
        for (tag, want) in [
            // The two that passed a text search.
            (
                r#"<SCRIPT src=/static/client/evil.js></SCRIPT>"#,
                "does not list: /static/client/evil.js",
            ),
            (
                r#"<script data-a=' src="/static/client/submit.js" integrity="sha384-submit"' src='/static/client/evil.js'></script>"#,
                "does not list: /static/client/evil.js",
            ),
            // Two src attributes: a browser takes the first.
            (
                r#"<script src="/static/client/evil.js" src="/static/client/submit.js" integrity="sha384-submit"></script>"#,
                "does not list: /static/client/evil.js",
            ),
            (
                r#"<script src="/static/client/submit.js?v=11" integrity="sha384-other"></script>"#,
                "not the manifest's",
            ),
            (
                r#"<script src="/static/client/submit.js?v=11"></script>"#,
                "(none)",
            ),
            // Another bundle's address, or none: not what the newsroom signed.
            (
                r#"<script src="/static/client/submit.js?v=22" integrity="sha384-submit"></script>"#,
                "does not list: /static/client/submit.js?v=22",
            ),
            (
                r#"<script src="/static/client/submit.js" integrity="sha384-submit"></script>"#,
                "does not list: /static/client/submit.js",
            ),
            (
                r#"<div data-wasm="/static/client/darkroom_web_bg.wasm"></div>"#,
                "data-wasm",
            ),
            (
                r#"<script src="//evil.example/static/client/submit.js" integrity="sha384-submit"></script>"#,
                "does not list",
            ),
            (
                r#"<script src="/static/client/../client/submit.js" integrity="sha384-submit"></script>"#,
                "does not list",
            ),
            (r#"<script>fetch("/x")</script>"#, "inline script"),
            (
                r#"<script type="module" src="/static/client/submit.js" integrity="sha384-submit"></script>"#,
                "type \"module\"",
            ),
            (
                r#"<img src=x onerror="alert(1)">"#,
                "event handler (onerror)",
            ),
            (r#"<iframe src="/x"></iframe>"#, "<iframe>"),
            (r#"<base href="http://evil.example/">"#, "<base>"),
            (
                r#"<link rel="modulepreload" href="/static/client/evil.js">"#,
                "modulepreload",
            ),
            (r#"<style>.warning{display:none}</style>"#, "inline style"),
            (
                r#"<meta http-equiv="Refresh" content="0; url=http://evil.example/">"#,
                "refresh",
            ),
            (
                r#"<div data-worker-sri="sha384-x"></div>"#,
                "data-worker-sri",
            ),
            (r#"<div data-sha256="cd"></div>"#, "data-sha256"),
            (r#"<div data-js="/static/client/evil.js"></div>"#, "data-js"),
            (r#"<div data-js-sri="sha384-x"></div>"#, "data-js-sri"),
            (
                r#"<div data-worker="/static/client/evil.js"></div>"#,
                "data-worker",
            ),
        ] {
            let found = problems(&evil(tag));
            assert!(found.iter().any(|p| p.contains(want)), "{tag}: {found:?}");
        }
    }

    #[test]
    fn the_single_file_checker_runs_only_the_signed_script_inline() {
        let page = r#"<html><body><script type="application/json" id="verify-data">{"wasm_base64": "AGFzbQ=="}</script><script>glue<\/script>checker</script></body></html>"#;
        let inline = br"glue<\/script>checker";
        let found = audit_page("/verify/offline.html", page, &manifest(), inline);
        assert!(found.iter().all(Result::is_ok), "{found:?}");
        let other = audit_page("/verify/offline.html", page, &manifest(), b"other");
        assert!(other.iter().any(Result::is_err));
        assert_eq!(
            checker_wasm_sha256(page, Some("sha384-js"), "?v=11").unwrap(),
            hex::encode(Sha256::digest(b"\0asm"))
        );
        // The served checker: the hash it checks, for the client's path only.
        let served = |wasm: &str| {
            format!(
                r#"<script type="application/json" id="verify-data">{{"wasm": "{wasm}", "wasm_sha256": "ab"}}</script>"#
            )
        };
        let js = Some("sha384-js");
        let v = "?v=11";
        assert_eq!(
            checker_wasm_sha256(&served("/static/client/darkroom_web_bg.wasm?v=11"), js, v)
                .as_deref(),
            Some("ab")
        );
        assert_eq!(
            checker_wasm_sha256(&served("/static/client/darkroom_web_bg.wasm?v=22"), js, v),
            None
        );
        assert_eq!(
            checker_wasm_sha256(&served("/static/evil.wasm"), js, v),
            None
        );
        // And the JavaScript build it falls back to: the manifest's, or none.
        let with_js = |path: &str, sri: &str| {
            format!(
                r#"<script type="application/json" id="verify-data">{{"wasm": "/static/client/darkroom_web_bg.wasm?v=11", "wasm_sha256": "ab", "js": "{path}", "js_sri": "{sri}"}}</script>"#
            )
        };
        assert_eq!(
            checker_wasm_sha256(
                &with_js("/static/client/darkroom_verify_js.js?v=11", "sha384-js"),
                js,
                v
            )
            .as_deref(),
            Some("ab")
        );
        assert_eq!(
            checker_wasm_sha256(
                &with_js("/static/client/darkroom_verify_js.js?v=11", "sha384-x"),
                js,
                v
            ),
            None
        );
        // The source pages' build has no checker: not the verify page's.
        assert_eq!(
            checker_wasm_sha256(
                &with_js("/static/client/darkroom_web_js.js?v=11", "sha384-js"),
                js,
                v
            ),
            None
        );
        assert_eq!(
            checker_wasm_sha256(&with_js("/static/evil.js", "sha384-js"), js, v),
            None
        );
    }
}

//! What a source's client trusts: the newsroom signing key pinned for a
//! server, and the manifest that key signed. Nothing the server says is
//! believed unless the manifest backs it, and the manifest is checked
//! before the file to send is read.
//!
//! Pins live in `newsrooms.json` in the user's configuration folder
//! (`$DARKROOM_CONFIG_DIR`, else `$XDG_CONFIG_HOME/darkroom`, else
//! `~/.config/darkroom`): one newsroom key per server address.

use crate::output::printable;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use darkroom_core::newsroom::{self, Manifest, NewsroomKey};
use reqwest::blocking::Client;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::cli::PinArgs;
use crate::output::{open_input, Pending};

/// Where a client looks for its pins, for scripts and tests.
pub const CONFIG_DIR_ENV: &str = "DARKROOM_CONFIG_DIR";
const PINS: &str = "newsrooms.json";

/// The newsroom a server belongs to, as its signed manifest says.
pub struct Newsroom {
    /// The key that signed it (pinned).
    pub key: NewsroomKey,
    /// What it signed, checked.
    pub manifest: Manifest,
}

/// The user's Darkroom configuration folder.
fn config_dir() -> Result<PathBuf> {
    if let Some(d) = std::env::var_os(CONFIG_DIR_ENV) {
        return Ok(PathBuf::from(d));
    }
    if let Some(d) = std::env::var_os("XDG_CONFIG_HOME").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(d).join("darkroom"));
    }
    match std::env::var_os("HOME") {
        Some(h) => Ok(PathBuf::from(h).join(".config").join("darkroom")),
        None => bail!("cannot find a configuration folder to keep the newsroom's key in; set {CONFIG_DIR_ENV}"),
    }
}

#[derive(Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Pins {
    version: u8,
    /// Server address → newsroom key (`RW…`).
    pins: BTreeMap<String, String>,
}

impl Pins {
    fn path() -> Result<PathBuf> {
        Ok(config_dir()?.join(PINS))
    }

    fn load() -> Result<Pins> {
        let path = Pins::path()?;
        if !path.exists() {
            return Ok(Pins {
                version: 1,
                pins: BTreeMap::new(),
            });
        }
        let mut text = String::new();
        open_input(&path)?.take(1 << 20).read_to_string(&mut text)?;
        serde_json::from_str(&text).with_context(|| {
            format!(
                "{} is damaged; move it away to start again (every newsroom key will be asked for again)",
                path.display()
            )
        })
    }

    fn save(&self) -> Result<()> {
        let path = Pins::path()?;
        let dir = path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let mut out = Pending::beside(&path)?;
        serde_json::to_writer_pretty(&mut out, self)?;
        std::io::Write::write_all(&mut out, b"\n")?;
        out.commit(&path)
    }
}

/// `scheme://host[:port]`, lower case: what a pin is kept under.
pub fn origin(base: &str) -> String {
    let (scheme, rest) = base.split_once("://").unwrap_or(("http", base));
    let host = rest.split('/').next().unwrap_or_default();
    format!(
        "{}://{}",
        scheme.to_ascii_lowercase(),
        host.to_ascii_lowercase()
    )
}

/// The host name of a server address, without its port.
fn host(base: &str) -> String {
    let o = origin(base);
    let h = o.split_once("://").map(|(_, h)| h).unwrap_or_default();
    h.rsplit_once(':')
        .filter(|(_, port)| port.bytes().all(|b| b.is_ascii_digit()))
        .map(|(h, _)| h)
        .unwrap_or(h)
        .to_string()
}

/// The key given with `--newsroom-key` or `--newsroom-key-file`, if any.
pub fn explicit_key(key: Option<&str>, file: Option<&Path>) -> Result<Option<NewsroomKey>> {
    if let Some(k) = key {
        return Ok(Some(NewsroomKey::parse(k)?));
    }
    if let Some(f) = file {
        let mut text = String::new();
        open_input(f)?
            .take(4096)
            .read_to_string(&mut text)
            .with_context(|| format!("{} is not a key file", f.display()))?;
        return Ok(Some(NewsroomKey::parse(&text)?));
    }
    Ok(None)
}

/// The manifest and its signature, as the server serves them.
pub fn fetch_manifest(client: &Client, base: &str) -> Result<(Vec<u8>, String)> {
    let get = |path: &str| -> Result<Vec<u8>> {
        let r = client
            .get(format!("{base}/.well-known/darkroom/{path}"))
            .send()
            .with_context(|| format!("cannot reach the Darkroom server at {base}"))?;
        if r.status() == reqwest::StatusCode::NOT_FOUND {
            bail!("{base} publishes no signed newsroom manifest, so nothing it serves can be checked; send nothing unless the newsroom tells you otherwise");
        }
        let r = r
            .error_for_status()
            .with_context(|| format!("{base} did not serve its newsroom manifest"))?;
        let mut bytes = Vec::new();
        r.take(newsroom::MAX_MANIFEST as u64 + 1)
            .read_to_end(&mut bytes)
            .with_context(|| format!("{base} did not serve its newsroom manifest"))?;
        if bytes.len() > newsroom::MAX_MANIFEST {
            bail!("{base} serves a newsroom manifest larger than any can be; send nothing");
        }
        Ok(bytes)
    };
    let json = get("manifest.json")?;
    let sig = String::from_utf8(get("manifest.json.minisig")?).map_err(|_| {
        anyhow::anyhow!("the newsroom manifest's signature is not text; send nothing")
    })?;
    Ok((json, sig))
}

/// Which key checks this server's manifest: the one given, else the one
/// pinned, else (with `--trust-on-first-use`) the one the manifest names.
/// Refuses a given key that differs from the pin, and a first contact
/// without either.
fn choose_key(base: &str, json: &[u8], pin: &PinArgs, pins: &Pins) -> Result<(NewsroomKey, bool)> {
    let given = explicit_key(
        pin.newsroom_key.as_deref(),
        pin.newsroom_key_file.as_deref(),
    )?;
    let pinned = pins
        .pins
        .get(&origin(base))
        .map(|k| NewsroomKey::parse(k))
        .transpose()?;
    if pin.replace_pin && given.is_none() {
        bail!("--replace-pin needs the newsroom's new key, with --newsroom-key or --newsroom-key-file");
    }
    match (given, pinned) {
        (Some(g), Some(p)) if g != p && !pin.replace_pin => bail!(
            "the newsroom key you gave ({g}) is not the one pinned for {} ({p}); if the newsroom announced a new key, run again with --replace-pin, otherwise send nothing",
            origin(base)
        ),
        (Some(g), p) => {
            let new = p.as_ref() != Some(&g);
            Ok((g, new))
        }
        (None, Some(p)) => Ok((p, false)),
        (None, None) => {
            let claimed = Manifest::claimed_key(json)?;
            if !pin.trust_on_first_use {
                bail!(
                    "first contact with {}: its manifest is signed by newsroom key {claimed} (fingerprint: {}); compare it with what the newsroom publishes elsewhere, then run again with --newsroom-key {claimed} (or --trust-on-first-use)",
                    origin(base),
                    claimed.fingerprint()
                );
            }
            println!(
                "trusting newsroom key {claimed} (fingerprint: {}) on first use; it is now pinned for {}",
                claimed.fingerprint(),
                origin(base)
            );
            Ok((claimed, true))
        }
    }
}

/// Checks the server's manifest against the pinned key, the dates, the
/// server's address and its configuration, and pins the key. Nothing the
/// server serves is used before this returns.
pub fn newsroom(client: &Client, base: &str, config: &Value, pin: &PinArgs) -> Result<Newsroom> {
    let (json, sig) = fetch_manifest(client, base)?;
    let mut pins = Pins::load()?;
    let (key, new) = choose_key(base, &json, pin, &pins)?;
    let manifest = Manifest::verify(&json, &sig, &key, darkroom_server::config::now())?;
    manifest.check_host(&host(base))?;
    manifest.check_config(config)?;
    if new {
        pins.version = 1;
        pins.pins.insert(origin(base), key.to_base64());
        pins.save()?;
    }
    if manifest.demo {
        println!("note: this is a DEMO newsroom; do not send anything real");
    }
    println!(
        "newsroom: {} (key {key}, fingerprint: {}); manifest valid until {}",
        printable(&manifest.newsroom),
        key.fingerprint(),
        darkroom_core::calendar::format(manifest.expires)
    );
    Ok(Newsroom { key, manifest })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_and_hosts() {
        assert_eq!(origin("HTTP://Abc.onion/"), "http://abc.onion");
        assert_eq!(
            origin("https://x.example:8443/path"),
            "https://x.example:8443"
        );
        assert_eq!(host("http://127.0.0.1:8080"), "127.0.0.1");
        assert_eq!(host("http://abc.onion"), "abc.onion");
    }
}

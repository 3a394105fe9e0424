//! What a source's client trusts: the newsroom signing key pinned for a
//! server, and the manifest that key signed. Nothing the server says is
//! believed unless the manifest backs it, and the manifest is checked
//! before the file to send is read.
//!
//! Pins live in `newsrooms.json` in the user's configuration folder
//! (`$DARKROOM_CONFIG_DIR`, else `$XDG_CONFIG_HOME/darkroom`, else
//! `~/.config/darkroom`): per server address, one newsroom key and the
//! issue date and SHA-256 of the newest manifest it signed that this
//! device took, so that a server cannot roll a source back to an older
//! one.

use crate::output::printable;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use darkroom_core::newsroom::{Manifest, NewsroomKey, Seen};
use darkroom_core::source;
use serde::{Deserialize, Serialize};

use crate::address::ServerAddress;
use crate::cli::PinArgs;
use crate::output::{open_input, Pending};
use crate::transport::Server;

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

/// The pin file: server origin → the newsroom key pinned for it and the
/// newest manifest taken from it. Version 1 files (a key alone) are read,
/// and written back as version 2.
#[derive(Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Pins {
    version: u8,
    pins: BTreeMap<String, Pin>,
}

/// What is kept for one server.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(from = "PinForm", into = "PinForm")]
struct Pin {
    /// The newsroom key (`RW…`).
    key: String,
    /// The newest manifest that key signed which this device took from
    /// the server: an older one is refused.
    seen: Option<Seen>,
}

/// A pin as written: version 1's bare key, or version 2's object.
#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum PinForm {
    Key(String),
    Full {
        key: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        seen: Option<Seen>,
    },
}

impl From<PinForm> for Pin {
    fn from(f: PinForm) -> Pin {
        match f {
            PinForm::Key(key) => Pin { key, seen: None },
            PinForm::Full { key, seen } => Pin { key, seen },
        }
    }
}

impl From<Pin> for PinForm {
    fn from(p: Pin) -> PinForm {
        PinForm::Full {
            key: p.key,
            seen: p.seen,
        }
    }
}

impl Pins {
    fn path() -> Result<PathBuf> {
        Ok(config_dir()?.join(PINS))
    }

    fn load() -> Result<Pins> {
        let path = Pins::path()?;
        if !path.exists() {
            return Ok(Pins {
                version: 2,
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

    fn save(&mut self) -> Result<()> {
        self.version = 2;
        let path = Pins::path()?;
        let dir = path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let mut out = Pending::beside(&path)?;
        serde_json::to_writer_pretty(&mut out, self)?;
        std::io::Write::write_all(&mut out, b"\n")?;
        out.commit(&path)
    }

    /// The newest manifest taken from `origin` under `key` (none under
    /// another key: a new key, first contact or `--replace-pin`, starts
    /// its own history).
    fn newest(&self, origin: &str, key: &NewsroomKey) -> Option<&Seen> {
        self.pins
            .get(origin)
            .filter(|p| p.key == key.to_base64())
            .and_then(|p| p.seen.as_ref())
    }

    /// Keeps `key` for `origin`, and `seen` as the newest manifest taken.
    fn keep(&mut self, origin: &str, key: &NewsroomKey, seen: Seen) -> Result<()> {
        let now = Pin {
            key: key.to_base64(),
            seen: Some(seen),
        };
        if self.pins.get(origin) != Some(&now) {
            self.pins.insert(origin.to_string(), now);
            self.save()?;
        }
        Ok(())
    }

    /// Refuses `manifest` (bytes `json`, signed by `key`) if it is older
    /// than the newest one taken from `origin` under the same key, then
    /// keeps `key` and this manifest as the newest.
    fn take(
        &mut self,
        origin: &str,
        key: &NewsroomKey,
        json: &[u8],
        manifest: &Manifest,
    ) -> Result<()> {
        let seen = manifest.check_not_older(json, self.newest(origin, key))?;
        self.keep(origin, key, seen)
    }
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

/// Which key checks this server's manifest: the one given, else the one
/// pinned, else (with `--trust-on-first-use`) the one the manifest names.
/// Refuses a given key that differs from the pin, and a first contact
/// without either.
fn choose_key(origin: &str, json: &[u8], pin: &PinArgs, pins: &Pins) -> Result<NewsroomKey> {
    let given = explicit_key(
        pin.newsroom_key.as_deref(),
        pin.newsroom_key_file.as_deref(),
    )?;
    let pinned = pins
        .pins
        .get(origin)
        .map(|p| NewsroomKey::parse(&p.key))
        .transpose()?;
    if pin.replace_pin && given.is_none() {
        bail!("--replace-pin needs the newsroom's new key, with --newsroom-key or --newsroom-key-file");
    }
    match (given, pinned) {
        (Some(g), Some(p)) if g != p && !pin.replace_pin => bail!(
            "the newsroom key you gave ({g}) is not the one pinned for {} ({p}); if the newsroom announced a new key, run again with --replace-pin, otherwise send nothing",
            origin
        ),
        (Some(g), _) => Ok(g),
        (None, Some(p)) => Ok(p),
        (None, None) => {
            let claimed = Manifest::claimed_key(json)?;
            if !pin.trust_on_first_use {
                bail!(
                    "first contact with {}: its manifest is signed by newsroom key {claimed} (fingerprint: {}); compare it with what the newsroom publishes elsewhere, then run again with --newsroom-key {claimed} (or --trust-on-first-use)",
                    origin,
                    claimed.fingerprint()
                );
            }
            println!(
                "trusting newsroom key {claimed} (fingerprint: {}) on first use; it is now pinned for {}",
                claimed.fingerprint(),
                origin
            );
            Ok(claimed)
        }
    }
}

/// Checks the server's manifest against the pinned key, the dates, the
/// newest manifest taken from this server before, the server's address
/// and its configuration, and pins the key. Nothing the server serves is
/// used before this returns.
pub fn newsroom(server: &Server, pin: &PinArgs) -> Result<Newsroom> {
    let address = &server.address;
    let origin = address.origin();
    let (json, sig) = server.manifest()?;
    let mut pins = Pins::load()?;
    let key = choose_key(&origin, &json, pin, &pins)?;
    let newest = pins.newest(&origin, &key).cloned();
    let trusted = source::trust(
        &json,
        &sig,
        &key,
        crate::clock::now(),
        newest.as_ref(),
        address.host(),
        &server.config,
    )?;
    pins.keep(&origin, &key, trusted.seen)?;
    let manifest = trusted.manifest;
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

/// For `check-server`, which is given the key: refuses a manifest older
/// than the newest this device took from `address` under `key`, and keeps
/// this one as the newest. A server pinned to another key is left as it
/// is (the watchdog checks; it does not re-pin).
pub fn take_checked(
    address: &ServerAddress,
    key: &NewsroomKey,
    json: &[u8],
    manifest: &Manifest,
) -> Result<()> {
    let origin = address.origin();
    let mut pins = Pins::load()?;
    match pins.pins.get(&origin) {
        Some(p) if p.key != key.to_base64() => Ok(()),
        _ => pins.take(&origin, key, json, manifest),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_1_pins_are_read_and_written_as_version_2() {
        let key = "RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3";
        let v1 = format!(r#"{{"version": 1, "pins": {{"http://abc.onion": "{key}"}}}}"#);
        let mut pins: Pins = serde_json::from_str(&v1).unwrap();
        let pin = &pins.pins["http://abc.onion"];
        assert_eq!(pin.key, key);
        assert_eq!(pin.seen, None);
        pins.version = 2;
        let text = serde_json::to_string(&pins).unwrap();
        assert_eq!(
            text,
            format!(r#"{{"version":2,"pins":{{"http://abc.onion":{{"key":"{key}"}}}}}}"#)
        );
        let back: Pins = serde_json::from_str(&text).unwrap();
        assert_eq!(back.pins["http://abc.onion"], pins.pins["http://abc.onion"]);
        assert!(
            matches!(serde_json::from_str::<Pins>(r#"{"version": 2, "pins": {"x": 3}}"#), Err(e) if e.to_string().contains("PinForm"))
        );
    }
}

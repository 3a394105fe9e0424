//! The newsroom's trust anchors: its offline signing key and the manifest
//! it signs, which is the only thing a source's client believes.
//!
//! The newsroom keeps a signing key (minisign format, Ed25519) offline,
//! beside its age identity, and publishes the public key (`RW…`) where a
//! source can find it without the drop box. It signs a [`Manifest`] that
//! names what a client may encrypt to, prove against and run: the
//! newsroom's age recipients, the device registries it trusts with their
//! sizes, the proof keys, the browser client's hashes, its onion address,
//! and how long all this holds. The server serves the manifest and its
//! signature verbatim; it cannot change them without the signature
//! failing. Every client path (CLI, page, watchdog) calls
//! [`Manifest::verify`] and then uses only what it returns.
//!
//! The file is JSON (`docs/formats.md` §8):
//!
//! ```json
//! { "format": "darkroom-newsroom-manifest", "version": 1,
//!   "newsroom": "…", "signing_key": "RW…", "demo": false,
//!   "recipients": ["age1…"],
//!   "registries": [{"root": "0x…", "devices": 120}],
//!   "circuit": {"statement": "darkroom-provenance-v2", "id": "<64 hex>",
//!               "setup": "ceremony <64 hex>"},
//!   "client": {"release": "0.1.0", "bundle_sha256": "…", "wasm_sha256": "…",
//!              "scripts": {"common.js": "sha384-…", …}},
//!   "onion": "….onion",
//!   "issued": 1764460800, "expires": 1772236800 }
//! ```
//!
//! and the signature is minisign's, over the file's exact bytes, in
//! `manifest.json.minisig`: `minisign -Vm manifest.json -P RW…` checks it.

use std::collections::BTreeMap;

use base64::Engine;
use darkroom_circuits::babyjubjub::Point;
use darkroom_circuits::statement::Version;
use darkroom_circuits::{field, Fr};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub use crate::error::TrustError;
use crate::registry::Registry;
use crate::served::{Disagreement, ServedConfig};
use crate::{calendar, codename, envelope};

/// The manifest's format name.
pub const FORMAT: &str = "darkroom-newsroom-manifest";
/// The manifest's format version.
pub const VERSION: u8 = 1;
/// The largest manifest (or signature) a client reads.
pub const MAX_MANIFEST: usize = 256 * 1024;
/// The fewest devices a registry may hold for a client to prove against
/// it, unless the user asks for fewer: a proof says "one of N devices".
pub const MIN_ANONYMITY: usize = 32;
/// A manifest whose `issued` is this far in the client's future is
/// refused (clocks drift; a day is generous).
pub const CLOCK_SLACK: u64 = 86_400;
/// Words in a key's fingerprint: 6 × log₂ 7776 ≈ 77 bits.
pub const FINGERPRINT_WORDS: usize = 6;

/// A newsroom's public signing key, as a source pins it.
#[derive(Clone, Debug)]
pub struct NewsroomKey {
    key: minisign_verify::PublicKey,
    /// The 42 bytes minisign encodes: algorithm, key id, Ed25519 key.
    raw: [u8; 42],
}

impl PartialEq for NewsroomKey {
    fn eq(&self, other: &Self) -> bool {
        self.raw == other.raw
    }
}
impl Eq for NewsroomKey {}

impl NewsroomKey {
    /// Parses a key as published: the `RW…` line alone, or a whole
    /// minisign `.pub` file (a comment line, then the key).
    pub fn parse(text: &str) -> Result<NewsroomKey, TrustError> {
        let line = text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.starts_with("untrusted comment:"))
            .unwrap_or("");
        let bad = || TrustError::BadKey(short(line));
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(line)
            .map_err(|_| bad())?;
        let raw: [u8; 42] = bytes.try_into().map_err(|_| bad())?;
        // Ed25519 ("Ed"), the only algorithm minisign keys have.
        if &raw[..2] != b"Ed" {
            return Err(bad());
        }
        let key = minisign_verify::PublicKey::from_base64(line).map_err(|_| bad())?;
        Ok(NewsroomKey { key, raw })
    }

    /// The key as minisign prints it: `RW…`.
    pub fn to_base64(&self) -> String {
        base64::engine::general_purpose::STANDARD.encode(self.raw)
    }

    /// The key id minisign shows (`minisign -V` prints it in hex,
    /// upper case, from the little-endian bytes).
    pub fn key_id(&self) -> String {
        let mut id = self.raw[2..10].to_vec();
        id.reverse();
        hex::encode_upper(id)
    }

    /// Six words from the EFF list that name this key, for reading aloud
    /// and comparing with what the newsroom publishes.
    pub fn fingerprint(&self) -> String {
        let mut h = Sha256::new();
        h.update(b"darkroom-newsroom-key-fingerprint v1\n");
        h.update(self.raw);
        let digest = h.finalize();
        let mut n = u128::from_be_bytes(digest[..16].try_into().unwrap_or([0; 16]));
        let list = codename::wordlist();
        let size = list.len() as u128;
        let mut words = Vec::with_capacity(FINGERPRINT_WORDS);
        for _ in 0..FINGERPRINT_WORDS {
            words.push(list[(n % size) as usize]);
            n /= size;
        }
        words.join(" ")
    }

    /// Checks a minisign signature (the text of a `.minisig` file) over
    /// `data`. Only pre-hashed signatures, minisign's default, are taken.
    pub fn verify(&self, data: &[u8], signature: &str) -> Result<(), TrustError> {
        let refused = || TrustError::BadSignature(self.to_base64());
        if signature.len() > MAX_MANIFEST {
            return Err(refused());
        }
        let sig = minisign_verify::Signature::decode(signature).map_err(|_| refused())?;
        self.key.verify(data, &sig, false).map_err(|_| refused())
    }
}

impl std::fmt::Display for NewsroomKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_base64())
    }
}

fn short(s: &str) -> String {
    s.chars().take(64).collect()
}

/// A registry the newsroom trusts, and how many devices it holds: the
/// anonymity set of a proof made against it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegistryAnchor {
    /// Its root, `0x…`.
    pub root: String,
    /// Its device count.
    pub devices: usize,
}

/// The proof keys the newsroom uses.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CircuitAnchor {
    /// The statement they prove.
    pub statement: String,
    /// The circuit id, 64 hex digits (the SHA-256 of the verifying key).
    pub id: String,
    /// Where they came from: `development`, or `ceremony <final hash>`.
    pub setup: String,
}

/// The browser client this newsroom's drop box serves.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientAnchor {
    /// The Darkroom release it comes from.
    pub release: String,
    /// SHA-256 of the bundle's `SHA256SUMS`, hex.
    pub bundle_sha256: String,
    /// SHA-256 of the WebAssembly client, hex.
    pub wasm_sha256: String,
    /// Subresource-integrity values of the scripts the pages load, by
    /// file name.
    pub scripts: BTreeMap<String, String>,
}

/// What the newsroom signs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// [`FORMAT`].
    pub format: String,
    /// [`VERSION`].
    pub version: u8,
    /// The newsroom's name.
    pub newsroom: String,
    /// The key that signs this manifest, `RW…` (the one sources pin).
    pub signing_key: String,
    /// Whether this is a demo newsroom (demo keys; a registry may be tiny).
    #[serde(default)]
    pub demo: bool,
    /// The age recipients envelopes are sealed to.
    pub recipients: Vec<String>,
    /// The registries proofs may name: their roots for the statement of
    /// `circuit`.
    pub registries: Vec<RegistryAnchor>,
    /// The proof keys, if the newsroom takes proofs.
    pub circuit: Option<CircuitAnchor>,
    /// The browser client the drop box serves.
    pub client: ClientAnchor,
    /// The drop box's onion address (`….onion`), if it has one.
    pub onion: Option<String>,
    /// When it was signed, Unix seconds.
    pub issued: u64,
    /// When it stops being valid, Unix seconds.
    pub expires: u64,
}

impl Manifest {
    /// The signed file's bytes: pretty JSON and a final newline.
    pub fn to_json(&self) -> String {
        let mut out = serde_json::to_string_pretty(self).unwrap_or_default();
        out.push('\n');
        out
    }

    /// The key a manifest names as its signer, read without checking the
    /// signature: only for showing a key on first contact, which the
    /// source must then confirm.
    pub fn claimed_key(json: &[u8]) -> Result<NewsroomKey, TrustError> {
        let m = Manifest::parse(json)?;
        NewsroomKey::parse(&m.signing_key)
    }

    fn parse(json: &[u8]) -> Result<Manifest, TrustError> {
        if json.len() > MAX_MANIFEST {
            return Err(TrustError::Malformed("it is larger than 256 KiB".into()));
        }
        let m: Manifest = serde_json::from_slice(json)
            .map_err(|e| TrustError::Malformed(short(&e.to_string())))?;
        if m.format != FORMAT || m.version != VERSION {
            return Err(TrustError::Malformed(
                "it is not a version 1 newsroom manifest".into(),
            ));
        }
        m.check_fields()?;
        Ok(m)
    }

    /// Checks `json` against its minisign `signature` and the pinned `key`,
    /// then its format and dates at `now` (Unix seconds). The signature is
    /// checked before anything in the file is believed.
    pub fn verify(
        json: &[u8],
        signature: &str,
        key: &NewsroomKey,
        now: u64,
    ) -> Result<Manifest, TrustError> {
        let m = Manifest::verify_signed(json, signature, key)?;
        if now > m.expires {
            return Err(TrustError::Expired(calendar::format(m.expires)));
        }
        if m.issued > now.saturating_add(CLOCK_SLACK) {
            return Err(TrustError::NotYetValid(calendar::format(m.issued)));
        }
        Ok(m)
    }

    /// A manifest `key` signed, whatever its dates: what the newsroom said
    /// while it was valid. Checking a proof about a past capture needs no
    /// more; sending to the newsroom needs [`Manifest::verify`].
    pub fn verify_signed(
        json: &[u8],
        signature: &str,
        key: &NewsroomKey,
    ) -> Result<Manifest, TrustError> {
        key.verify(json, signature)?;
        let m = Manifest::parse(json)?;
        if NewsroomKey::parse(&m.signing_key)? != *key {
            return Err(TrustError::Malformed(
                "it names another signing key than the one that signed it".into(),
            ));
        }
        Ok(m)
    }

    /// The kind of key the newsroom's recipients are (all one kind, as
    /// [`Manifest::check_fields`] requires): what protects an envelope
    /// sealed to them.
    pub fn kind(&self) -> Result<crate::recipient::Kind, TrustError> {
        crate::recipient::kind_of(&self.recipients)
            .map_err(|e| TrustError::Malformed(short(&e.to_string())))
    }

    /// The rules a manifest keeps whoever signed it.
    pub fn check_fields(&self) -> Result<(), TrustError> {
        let bad = |s: &str| Err(TrustError::Malformed(s.into()));
        if self.newsroom.trim().is_empty() || self.newsroom.len() > 200 {
            return bad("its newsroom name is empty or too long");
        }
        envelope::parse_recipients(&self.recipients)
            .map_err(|e| TrustError::Malformed(short(&e.to_string())))?;
        let mut roots = std::collections::HashSet::new();
        for r in &self.registries {
            let root = field::from_hex(&r.root).map_err(|_| {
                TrustError::Malformed("a registry root is not 0x and 64 hex digits".into())
            })?;
            if r.devices == 0 {
                return bad("a registry has no devices");
            }
            if !roots.insert(root) {
                return bad("a registry is listed twice");
            }
        }
        if let Some(c) = &self.circuit {
            if c.id.len() != 64 || hex::decode(&c.id).is_err() {
                return bad("its circuit id is not 64 hex digits");
            }
        } else if !self.registries.is_empty() {
            return bad("it lists registries but no proof keys");
        }
        if self.issued >= self.expires {
            return bad("it expires before it was issued");
        }
        if let Some(onion) = &self.onion {
            if !onion.ends_with(".onion") || onion.contains('/') {
                return bad("its onion address is not a host name ending in .onion");
            }
        }
        Ok(())
    }

    /// The device count of a registry root the newsroom trusts.
    pub fn devices_in(&self, root: &Fr) -> Option<usize> {
        let hex = field::to_hex(root);
        self.registries
            .iter()
            .find(|r| r.root == hex)
            .map(|r| r.devices)
    }

    /// The fewest devices a proof's registry may hold for a client of this
    /// newsroom: `requested`, or [`MIN_ANONYMITY`]; a demo newsroom's
    /// registry may hold one device.
    pub fn min_anonymity(&self, requested: Option<usize>) -> usize {
        match requested {
            Some(n) => n.max(1),
            None if self.demo => 1,
            None => MIN_ANONYMITY,
        }
    }

    /// The statement the newsroom's proof keys prove, if it has keys and
    /// this client knows the statement. Its registry roots are the roots
    /// of that statement's trees.
    pub fn statement(&self) -> Result<Version, TrustError> {
        let c = self.circuit.as_ref().ok_or_else(|| {
            TrustError::Unlisted(
                "the newsroom takes no proofs (its manifest names no proof keys)".into(),
            )
        })?;
        Version::from_id(&c.statement).ok_or_else(|| {
            TrustError::Unlisted(format!(
                "the newsroom's proof keys prove {:?}, which this version of Darkroom does not know; send without a proof, or update Darkroom",
                c.statement
            ))
        })
    }

    /// Checks proof keys against the manifest: they must prove its
    /// statement and be its circuit (the verifying key's id). Every client
    /// that proves for the newsroom, and the watchdog, asks this.
    pub fn check_keys(&self, version: Version, circuit_id: &[u8; 32]) -> Result<(), TrustError> {
        let statement = self.statement()?;
        let id = hex::encode(circuit_id);
        let signed = self.circuit.as_ref().map(|c| c.id.as_str());
        if statement != version || signed != Some(id.as_str()) {
            return Err(TrustError::Unlisted(format!(
                "these proof keys ({}, circuit {id}) are not the ones the newsroom signed ({}, circuit {})",
                version.id(),
                statement.id(),
                signed.unwrap_or("")
            )));
        }
        Ok(())
    }

    /// Checks a registry file against the manifest: its root for the
    /// manifest's statement must be listed with exactly its device count.
    pub fn check_registry(&self, registry: &Registry) -> Result<(), TrustError> {
        let root = registry.root(self.statement()?);
        let hex = field::to_hex(&root);
        match self.devices_in(&root) {
            Some(n) if n == registry.devices().len() => Ok(()),
            Some(n) => Err(TrustError::Unlisted(format!(
                "registry {hex} holds {} devices, but the newsroom signed it with {n}; do not prove against it",
                registry.devices().len()
            ))),
            None => Err(TrustError::Unlisted(format!(
                "registry {hex} is not one the newsroom trusts (its signed manifest does not list it)"
            ))),
        }
    }

    /// Whether the served configuration (`config.json`) says what the
    /// manifest says: name, demo or not, recipients, registries, proof keys
    /// and client. Returns every disagreement. This is the one agreement
    /// check: the client asks it of a server, and the server of itself
    /// before it serves anything.
    pub fn disagreements(&self, config: &ServedConfig) -> Vec<Disagreement> {
        let mut out = Vec::new();
        if config.demo != self.demo {
            out.push(Disagreement::Demo { signed: self.demo });
        }
        if config.newsroom != self.newsroom {
            out.push(Disagreement::Newsroom {
                served: config.newsroom.clone(),
                signed: self.newsroom.clone(),
            });
        }
        let sorted = |v: &[String]| {
            let mut v = v.to_vec();
            v.sort();
            v
        };
        let (served, signed) = (sorted(&config.recipients), sorted(&self.recipients));
        if served != signed {
            out.push(Disagreement::Recipients { served, signed });
        }
        let roots: Vec<String> = self.registries.iter().map(|r| r.root.clone()).collect();
        if sorted(&config.registry_roots) != sorted(&roots) {
            out.push(Disagreement::Registries);
        }
        let circuit = self.circuit.as_ref();
        if config.circuit_id.as_deref() != circuit.map(|c| c.id.as_str()) {
            out.push(Disagreement::ProofKeys);
        }
        if config.keys_setup.as_deref() != circuit.map(|c| c.setup.as_str()) {
            out.push(Disagreement::Setup);
        }
        if config.client.bundle_sha256 != self.client.bundle_sha256
            || config.client.wasm_sha256 != self.client.wasm_sha256
        {
            out.push(Disagreement::Client);
        }
        out
    }

    /// Refuses a server whose configuration disagrees with the manifest.
    pub fn check_config(&self, config: &ServedConfig) -> Result<(), TrustError> {
        match self.disagreements(config).into_iter().next() {
            None => Ok(()),
            Some(first) => Err(TrustError::Disagrees(first.to_string())),
        }
    }

    /// Refuses a manifest for another onion address than `host`, when the
    /// client is talking to an onion service.
    /// Every spelling of one host is compared as one ([`normal_host`]).
    pub fn check_host(&self, host: &str) -> Result<(), TrustError> {
        let host = normal_host(host)?;
        match &self.onion {
            Some(onion) if host.ends_with(".onion") && Ok(&host) != normal_host(onion).as_ref() => {
                Err(TrustError::Disagrees(format!(
                    "this is {host}, but the newsroom's drop box is {onion}"
                )))
            }
            _ => Ok(()),
        }
    }

    /// Refuses this manifest (whose exact bytes are `json`) if it is older
    /// than the newest one this client has already `seen` from the same
    /// server and key, or another manifest of the same date: a server that
    /// serves an older manifest, still signed and not yet expired, would
    /// take a source back to recipients, keys or code the newsroom has
    /// since retired. Returns what to keep as seen from now on.
    pub fn check_not_older(&self, json: &[u8], seen: Option<&Seen>) -> Result<Seen, TrustError> {
        let this = Seen::of(json, self);
        this.check_against(seen)?;
        Ok(this)
    }
}

/// The newest manifest a client has accepted from a server: kept beside
/// the pinned key (the CLI) or for the tab's life (the page), so that an
/// older one is refused ([`Manifest::check_not_older`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Seen {
    /// Its `issued`, Unix seconds.
    pub issued: u64,
    /// SHA-256 of its exact bytes, hex.
    pub sha256: String,
}

impl Seen {
    /// What to keep of `manifest`, whose exact bytes are `json`.
    pub fn of(json: &[u8], manifest: &Manifest) -> Seen {
        Seen {
            issued: manifest.issued,
            sha256: hex::encode(Sha256::digest(json)),
        }
    }

    /// Refuses this manifest if it is older than `newest`, or another
    /// manifest of the same date.
    pub fn check_against(&self, newest: Option<&Seen>) -> Result<(), TrustError> {
        match newest {
            Some(s) if self.issued < s.issued => Err(TrustError::Rollback {
                served: calendar::format(self.issued),
                seen: calendar::format(s.issued),
            }),
            Some(s) if self.issued == s.issued && self.sha256 != s.sha256 => {
                Err(TrustError::Rollback {
                    served: format!(
                        "{} (another manifest of that date)",
                        calendar::format(self.issued)
                    ),
                    seen: calendar::format(s.issued),
                })
            }
            _ => Ok(()),
        }
    }
}

/// One spelling of a host name: lower case, without the trailing dot that
/// names the same host (`ABC.onion.` is `abc.onion`). Refuses a name with
/// an empty label or a character no host name holds, so that no spelling
/// is one host to one check and another to the next. IPv6 addresses come
/// in brackets.
pub fn normal_host(host: &str) -> Result<String, TrustError> {
    let h = host.to_ascii_lowercase();
    let bad = |why: &str| {
        Err(TrustError::BadHost(format!(
            "{:?} is not a host name a drop box can have: {why}",
            short(host)
        )))
    };
    if let Some(v6) = h.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
        if v6.contains(':')
            && v6
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
        {
            return Ok(h);
        }
        return bad("it is not an IPv6 address");
    }
    let h = h.strip_suffix('.').unwrap_or(&h);
    if h.is_empty() || h.split('.').any(str::is_empty) {
        return bad("it has an empty label");
    }
    if !h
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
    {
        return bad("it holds a character no host name does");
    }
    Ok(h.to_string())
}

/// Picks the registry a proof names: the largest of `trusted` that holds
/// `device`, refused if it holds fewer than `min` devices (a proof then
/// narrows the camera down to one of that few).
pub fn pick_registry<'a>(
    trusted: &'a [Registry],
    device: &Point,
    min: usize,
) -> Result<&'a Registry, TrustError> {
    let best = trusted
        .iter()
        .filter(|r| r.contains(device))
        .max_by_key(|r| r.devices().len())
        .ok_or_else(|| {
            TrustError::Anonymity(
                "the device that signed this photo is in none of the registries trusted here, so no proof can be made; send it without a proof".into(),
            )
        })?;
    let n = best.devices().len();
    if n < min {
        return Err(TrustError::Anonymity(format!(
            "the largest trusted registry holding this device has only {n} device(s), fewer than the {min} needed: a proof would narrow the camera down to one of {n}; send without a proof, or accept the smaller set with --min-anonymity {n}"
        )));
    }
    Ok(best)
}

/// "one of N devices", as every verdict says it.
pub fn anonymity_set(devices: Option<usize>) -> String {
    match devices {
        Some(1) => "the only device".to_string(),
        Some(n) => format!("one of {n} devices"),
        None => "one of an unknown number of devices".to_string(),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use darkroom_circuits::eddsa::PrivateKey;

    /// A signing key pair as `darkroom newsroom signing-keygen` makes one.
    pub(crate) fn signer() -> (minisign::SecretKey, NewsroomKey) {
        let kp = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
        let public = NewsroomKey::parse(&kp.pk.to_base64()).unwrap();
        (kp.sk, public)
    }

    /// A minisign signature over `data`, as the newsroom's tool makes it.
    pub(crate) fn sign(sk: &minisign::SecretKey, data: &[u8]) -> String {
        minisign::sign(None, sk, data, None, None)
            .unwrap()
            .into_string()
    }

    fn registry(devices: u8) -> Registry {
        Registry::new(
            (1..=devices)
                .map(|i| PrivateKey::from_bytes([i; 32]).public())
                .collect(),
        )
        .unwrap()
    }

    fn manifest(key: &NewsroomKey) -> Manifest {
        let r = registry(40);
        Manifest {
            format: FORMAT.into(),
            version: VERSION,
            newsroom: "Test Desk".into(),
            signing_key: key.to_base64(),
            demo: false,
            recipients: vec![age::x25519::Identity::generate().to_public().to_string()],
            registries: vec![RegistryAnchor {
                root: field::to_hex(&r.root(Version::V2)),
                devices: 40,
            }],
            circuit: Some(CircuitAnchor {
                statement: "darkroom-provenance-v2".into(),
                id: "ab".repeat(32),
                setup: "development".into(),
            }),
            client: ClientAnchor {
                release: "0.1.0".into(),
                bundle_sha256: "11".repeat(32),
                wasm_sha256: "22".repeat(32),
                scripts: BTreeMap::new(),
            },
            onion: Some("example2345.onion".into()),
            issued: 1_000_000,
            expires: 2_000_000,
        }
    }

    #[test]
    fn keys_parse_from_a_line_or_a_pub_file_and_refuse_junk() {
        let kp = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
        let line = kp.pk.to_base64();
        let k = NewsroomKey::parse(&line).unwrap();
        assert_eq!(k.to_base64(), line);
        let file = kp.pk.to_box().unwrap().into_string();
        assert!(file.starts_with("untrusted comment:"), "{file}");
        assert_eq!(NewsroomKey::parse(&file).unwrap(), k);
        // minisign names keys by their id, printed from its little-endian
        // bytes, as in its comment line.
        assert!(file.contains(&k.key_id()), "{file} {}", k.key_id());
        for bad in ["", "RW", "age1abc", &line[..40], &format!("{line}AA")] {
            assert!(
                matches!(NewsroomKey::parse(bad), Err(TrustError::BadKey(_))),
                "{bad}"
            );
        }
        let words = k.fingerprint();
        assert_eq!(words.split(' ').count(), FINGERPRINT_WORDS);
        assert!(words.split(' ').all(|w| codename::wordlist().contains(&w)));
        let (_, other) = signer();
        assert_ne!(other.fingerprint(), words);
    }

    #[test]
    fn a_signed_manifest_verifies_and_every_change_is_refused() {
        let (sk, key) = signer();
        let m = manifest(&key);
        let json = m.to_json();
        let sig = sign(&sk, json.as_bytes());
        assert_eq!(
            Manifest::verify(json.as_bytes(), &sig, &key, 1_500_000).unwrap(),
            m
        );
        assert_eq!(Manifest::claimed_key(json.as_bytes()).unwrap(), key);

        // One recipient swapped, as a hosting provider would.
        let attacker = age::x25519::Identity::generate().to_public().to_string();
        let swapped = json.replace(&m.recipients[0], &attacker);
        assert!(matches!(
            Manifest::verify(swapped.as_bytes(), &sig, &key, 1_500_000),
            Err(TrustError::BadSignature(_))
        ));
        // Re-signed by the attacker's key, while the source pins the real one.
        let (their_sk, their_key) = signer();
        let mut theirs = m.clone();
        theirs.signing_key = their_key.to_base64();
        theirs.recipients = vec![attacker];
        let their_json = theirs.to_json();
        let their_sig = sign(&their_sk, their_json.as_bytes());
        assert!(matches!(
            Manifest::verify(their_json.as_bytes(), &their_sig, &key, 1_500_000),
            Err(TrustError::BadSignature(_))
        ));
        // Signed by the right key but naming another.
        let mut lying = m.clone();
        lying.signing_key = their_key.to_base64();
        let lying_json = lying.to_json();
        let e = Manifest::verify(
            lying_json.as_bytes(),
            &sign(&sk, lying_json.as_bytes()),
            &key,
            1_500_000,
        )
        .unwrap_err();
        assert!(e.to_string().contains("another signing key"), "{e}");
        // Dates.
        assert!(matches!(
            Manifest::verify(json.as_bytes(), &sig, &key, 2_000_001),
            Err(TrustError::Expired(_))
        ));
        assert!(matches!(
            Manifest::verify(json.as_bytes(), &sig, &key, 1_000_000 - CLOCK_SLACK - 1),
            Err(TrustError::NotYetValid(_))
        ));
        // A damaged signature, and junk.
        assert!(matches!(
            Manifest::verify(json.as_bytes(), "junk", &key, 1_500_000),
            Err(crate::newsroom::TrustError::BadSignature(..))
        ));
        assert!(matches!(
            Manifest::verify(b"{}", &sign(&sk, b"{}"), &key, 1_500_000),
            Err(TrustError::Malformed(..))
        ));
    }

    #[test]
    fn signed_manifests_keep_their_rules() {
        let (_, key) = signer();
        let ok = manifest(&key);
        ok.check_fields().unwrap();
        type Edit = Box<dyn Fn(&mut Manifest)>;
        // What is broken, and the words the refusal says it with.
        let broken: Vec<(&str, Edit)> = vec![
            ("no newsroom key given", Box::new(|m| m.recipients.clear())),
            (
                "\"age1nope\" is not a newsroom key",
                Box::new(|m| m.recipients = vec!["age1nope".into()]),
            ),
            (
                "a registry has no devices",
                Box::new(|m| m.registries[0].devices = 0),
            ),
            (
                "a registry is listed twice",
                Box::new(|m| m.registries.push(m.registries[0].clone())),
            ),
            (
                "a registry root is not 0x and 64 hex digits",
                Box::new(|m| m.registries[0].root = "0x12".into()),
            ),
            (
                "it lists registries but no proof keys",
                Box::new(|m| m.circuit = None),
            ),
            (
                "it expires before it was issued",
                Box::new(|m| m.expires = m.issued),
            ),
            (
                "its onion address is not a host name ending in .onion",
                Box::new(|m| m.onion = Some("example.com".into())),
            ),
            (
                "its newsroom name is empty or too long",
                Box::new(|m| m.newsroom = " ".into()),
            ),
        ];
        for (says, f) in broken {
            let mut m = ok.clone();
            f(&mut m);
            assert!(
                matches!(m.check_fields(), Err(TrustError::Malformed(e)) if e.contains(says)),
                "{says}"
            );
        }
    }

    #[test]
    fn served_configurations_are_compared_with_the_manifest() {
        let (_, key) = signer();
        let m = manifest(&key);
        let config = ServedConfig::parse(
            serde_json::json!({
                "format": "darkroom-config",
                "version": 1,
                "newsroom": "Test Desk",
                "recipients": m.recipients,
                "registry_roots": [m.registries[0].root],
                "circuit_id": "ab".repeat(32),
                "keys_setup": "development",
                "client": {"bundle_sha256": "11".repeat(32), "wasm_sha256": "22".repeat(32)},
            })
            .to_string()
            .as_bytes(),
        )
        .unwrap();
        assert_eq!(m.disagreements(&config), []);
        m.check_config(&config).unwrap();
        let mut edited = config.clone();
        let other = age::x25519::Identity::generate().to_public().to_string();
        edited.recipients[0] = other.clone();
        edited.circuit_id = Some("cd".repeat(32));
        edited.client.wasm_sha256 = "33".repeat(32);
        edited.demo = true;
        assert_eq!(
            m.disagreements(&edited),
            [
                Disagreement::Demo { signed: false },
                Disagreement::Recipients {
                    served: vec![other],
                    signed: m.recipients.clone()
                },
                Disagreement::ProofKeys,
                Disagreement::Client
            ]
        );
        assert_eq!(
            m.check_config(&edited),
            Err(TrustError::Disagrees(
                Disagreement::Demo { signed: false }.to_string()
            ))
        );
        // Onion addresses: another onion is refused; a local address is not
        // an onion and is let through (tests, and a newsroom's own check).
        m.check_host("example2345.onion").unwrap();
        m.check_host("127.0.0.1").unwrap();
        assert!(matches!(
            m.check_host("phishing234.onion"),
            Err(TrustError::Disagrees(..))
        ));
        // Every spelling of the phishing onion is refused, and every
        // spelling of the newsroom's is let through.
        for spelling in [
            "PHISHING234.onion",
            "phishing234.onion.",
            "Phishing234.ONION.",
        ] {
            assert!(
                matches!(m.check_host(spelling), Err(TrustError::Disagrees(_))),
                "{spelling}"
            );
        }
        for spelling in ["EXAMPLE2345.onion", "example2345.onion."] {
            m.check_host(spelling).unwrap();
        }
        for odd in [
            "phishing234.onion?",
            "phishing234.onion#",
            "user@phishing234.onion",
            "phishing234.onion..",
            ".onion",
            "",
        ] {
            assert!(
                matches!(m.check_host(odd), Err(TrustError::BadHost(_))),
                "{odd}"
            );
        }
    }

    #[test]
    fn an_older_manifest_than_one_seen_is_refused() {
        let m = manifest(&signer().1);
        let json = m.to_json();
        let first = m.check_not_older(json.as_bytes(), None).unwrap();
        assert_eq!(first.issued, m.issued);
        // The same manifest again, and a newer one, are taken.
        assert_eq!(
            m.check_not_older(json.as_bytes(), Some(&first)).unwrap(),
            first
        );
        let mut newer = m.clone();
        newer.issued += 86_400;
        newer.recipients.clear();
        let newer_json = newer.to_json();
        let second = newer
            .check_not_older(newer_json.as_bytes(), Some(&first))
            .unwrap();
        assert_eq!(second.issued, newer.issued);
        // Back to the first: refused, naming both dates.
        let e = m
            .check_not_older(json.as_bytes(), Some(&second))
            .unwrap_err();
        assert!(matches!(e, TrustError::Rollback { .. }), "{e}");
        assert!(e.to_string().contains("older"), "{e}");
        // Another manifest of the same date: refused too.
        let mut twin = newer.clone();
        twin.newsroom.push('!');
        let twin_json = twin.to_json();
        assert!(matches!(
            twin.check_not_older(twin_json.as_bytes(), Some(&second)),
            Err(TrustError::Rollback { .. })
        ));
    }

    #[test]
    fn the_largest_trusted_registry_is_picked_and_small_ones_refused() {
        let device = PrivateKey::from_bytes([3; 32]).public();
        let small = registry(5);
        let large = registry(40);
        let stranger = PrivateKey::from_bytes([99; 32]).public();
        let trusted = [small.clone(), large.clone()];
        assert_eq!(
            pick_registry(&trusted, &device, MIN_ANONYMITY)
                .unwrap()
                .devices()
                .len(),
            40
        );
        let e = pick_registry(std::slice::from_ref(&small), &device, MIN_ANONYMITY).unwrap_err();
        assert!(e.to_string().contains("only 5 device(s)"), "{e}");
        assert_eq!(
            pick_registry(&[small], &device, 5).unwrap().devices().len(),
            5
        );
        assert!(matches!(
            pick_registry(&trusted, &stranger, 1),
            Err(TrustError::Anonymity(..))
        ));
        // A registry file whose count disagrees with the manifest's.
        let (_, key) = signer();
        let mut m = manifest(&key);
        m.check_registry(&large).unwrap();
        // The roots listed are the roots of the manifest's statement: the
        // same registry under v1 keys is another root, not listed.
        let mut v1 = m.clone();
        v1.circuit.as_mut().unwrap().statement = "darkroom-provenance-v1".into();
        assert!(matches!(
            v1.check_registry(&large),
            Err(TrustError::Unlisted(..))
        ));
        v1.registries[0].root = field::to_hex(&large.root(Version::V1));
        v1.check_registry(&large).unwrap();
        // Proof keys: the statement and the circuit the manifest names.
        m.check_keys(Version::V2, &[0xab; 32]).unwrap();
        assert!(matches!(
            m.check_keys(Version::V1, &[0xab; 32]),
            Err(TrustError::Unlisted(..))
        ));
        assert!(matches!(
            m.check_keys(Version::V2, &[0xac; 32]),
            Err(TrustError::Unlisted(..))
        ));
        let mut none = m.clone();
        none.circuit = None;
        assert!(matches!(
            none.check_keys(Version::V2, &[0xab; 32]),
            Err(TrustError::Unlisted(..))
        ));
        let mut unknown = m.clone();
        unknown.circuit.as_mut().unwrap().statement = "darkroom-provenance-v9".into();
        let e = unknown.check_registry(&large).unwrap_err();
        assert!(e.to_string().contains("does not know"), "{e}");
        m.registries[0].devices = 41;
        assert!(matches!(
            m.check_registry(&large),
            Err(TrustError::Unlisted(..))
        ));
        assert!(matches!(
            m.check_registry(&registry(6)),
            Err(TrustError::Unlisted(..))
        ));
        assert_eq!(m.min_anonymity(None), MIN_ANONYMITY);
        assert_eq!(m.min_anonymity(Some(4)), 4);
        m.demo = true;
        assert_eq!(m.min_anonymity(None), 1);
    }

    #[test]
    fn anonymity_sets_are_named() {
        assert_eq!(anonymity_set(Some(120)), "one of 120 devices");
        assert_eq!(anonymity_set(Some(1)), "the only device");
        assert!(anonymity_set(None).contains("unknown"));
    }
}

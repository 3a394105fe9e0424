//! What a drop box serves its sources' clients, as types: the
//! configuration (`/.well-known/darkroom/config.json`) and the receipt of
//! an upload. The server writes these types and every client (the CLI and
//! the page) reads them, so the two cannot drift apart; the proof-of-work
//! challenge is [`crate::pow::Challenge`].
//!
//! Nothing here is trusted on its own: a client believes the configuration
//! only where the newsroom's signed manifest says the same
//! ([`crate::newsroom::Manifest::disagreements`]).

use serde::{Deserialize, Serialize};

/// [`ServedConfig::format`].
pub const CONFIG_FORMAT: &str = "darkroom-config";
/// [`ServedConfig::version`].
pub const CONFIG_VERSION: u8 = 1;
/// The most of a served configuration a client reads.
pub const MAX_CONFIG: usize = 1 << 20;

/// `config.json`: what a client needs to seal and prove for the newsroom.
/// Fields a later server adds are ignored; a field this version reads is
/// never guessed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServedConfig {
    /// [`CONFIG_FORMAT`].
    pub format: String,
    /// [`CONFIG_VERSION`].
    pub version: u8,
    /// The newsroom's name.
    pub newsroom: String,
    /// Whether this is a demo drop box.
    #[serde(default)]
    pub demo: bool,
    /// The age recipients envelopes are sealed to.
    pub recipients: Vec<String>,
    /// The registry roots proofs may name, `0x…`.
    #[serde(default)]
    pub registry_roots: Vec<String>,
    /// The statement the proof keys prove, if the drop box takes proofs.
    #[serde(default)]
    pub statement: Option<String>,
    /// The verifying key file, hex.
    #[serde(default)]
    pub verifying_key: Option<String>,
    /// The verifying key's circuit id, 64 hex digits.
    #[serde(default)]
    pub circuit_id: Option<String>,
    /// Where the proof keys came from ([`darkroom_circuits::groth16::Setup::line`]).
    #[serde(default)]
    pub keys_setup: Option<String>,
    /// Where the proving key is served, if it is.
    #[serde(default)]
    pub proving_key: Option<String>,
    /// Where each registry file is served.
    #[serde(default)]
    pub registries: Vec<String>,
    /// The largest upload taken, bytes.
    #[serde(default)]
    pub max_upload: u64,
    /// Whether the no-JavaScript form (sealed by the server) is offered.
    #[serde(default)]
    pub server_sealing: bool,
    /// How codenames are stretched on this drop box, if it offers them.
    #[serde(default)]
    pub codenames: Option<CodenameParams>,
    /// Whether the no-JavaScript inbox is offered.
    #[serde(default)]
    pub server_inbox: bool,
    /// The browser client the drop box serves.
    pub client: ServedClient,
}

/// How a codename is stretched into keys on one drop box.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodenameParams {
    /// The drop box's salt, hex.
    pub salt: String,
    /// `argon2id`.
    pub kdf: String,
    /// Argon2id memory, KiB.
    pub memory_kib: u32,
    /// Argon2id passes.
    pub iterations: u32,
    /// Words in a codename.
    pub words: usize,
}

impl CodenameParams {
    /// This release's parameters with a drop box's `salt`.
    pub fn new(salt: &[u8]) -> CodenameParams {
        CodenameParams {
            salt: hex::encode(salt),
            kdf: "argon2id".into(),
            memory_kib: crate::codename::KDF_MEMORY_KIB,
            iterations: crate::codename::KDF_ITERATIONS,
            words: crate::codename::WORDS,
        }
    }
}

/// The hashes of the browser client a drop box serves.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServedClient {
    /// SHA-256 of the bundle's `SHA256SUMS`, hex.
    pub bundle_sha256: String,
    /// SHA-256 of the WebAssembly client, hex.
    pub wasm_sha256: String,
}

/// Why a served configuration cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// Not JSON of this shape.
    #[error("the server's configuration is not one Darkroom reads ({0}); send nothing")]
    Malformed(String),
    /// Another format or a version this client does not know.
    #[error("the server's configuration is {format:?} version {version}, which this version of Darkroom does not read; update Darkroom, or send nothing")]
    Unknown {
        /// Its `format`.
        format: String,
        /// Its `version`.
        version: u8,
    },
}

impl ServedConfig {
    /// Reads a served configuration.
    pub fn parse(json: &[u8]) -> Result<ServedConfig, ConfigError> {
        if json.len() > MAX_CONFIG {
            return Err(ConfigError::Malformed("it is larger than 1 MiB".into()));
        }
        let c: ServedConfig = serde_json::from_slice(json).map_err(|e| {
            let mut e = e.to_string();
            e.truncate(120);
            ConfigError::Malformed(e)
        })?;
        if c.format != CONFIG_FORMAT || c.version != CONFIG_VERSION {
            return Err(ConfigError::Unknown {
                format: c.format,
                version: c.version,
            });
        }
        Ok(c)
    }
}

/// What the source is told once a submission is stored: the API's 201
/// answer and the no-JavaScript thanks page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    /// The submission's designation.
    pub designation: String,
    /// The arrival day, `YYYY-MM-DD`.
    pub day: String,
    /// `proof attached`, `no proof` or `sealed by server`.
    pub label: String,
    /// What an attached proof disclosed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window: Option<String>,
    /// The region it disclosed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// The camera's anonymity set ("one of N devices").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub camera: Option<String>,
    /// The envelope's size in bytes.
    pub size: u64,
    /// SHA-256 of the stored envelope, so the source can check it.
    pub envelope_sha256: String,
    /// What kind of key the envelope is sealed to (the only kind this
    /// drop box takes), in words.
    pub sealed_to: String,
}

impl Receipt {
    /// Its fields in the order a source reads them, name and value, the
    /// ones absent left out.
    pub fn lines(&self) -> Vec<(&'static str, String)> {
        let mut out = vec![
            ("designation", self.designation.clone()),
            ("day", self.day.clone()),
            ("label", self.label.clone()),
        ];
        for (name, v) in [
            ("window", &self.window),
            ("region", &self.region),
            ("camera", &self.camera),
        ] {
            if let Some(v) = v {
                out.push((name, v.clone()));
            }
        }
        out.push(("size", self.size.to_string()));
        out.push(("envelope_sha256", self.envelope_sha256.clone()));
        out.push(("sealed_to", self.sealed_to.clone()));
        out
    }
}

/// A refusal from the API: `{"error": …}`, with a fresh proof-of-work
/// challenge when the refusal is for a missing or wrong one (428).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refusal {
    /// One sentence for the source.
    pub error: String,
    /// The challenge to solve before sending again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pow: Option<crate::pow::Challenge>,
}

/// One way a drop box's configuration differs from what the newsroom
/// signed ([`crate::newsroom::Manifest::disagreements`]); its text is for a source.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Disagreement {
    /// Another newsroom's name.
    Newsroom {
        /// What the server calls itself.
        served: String,
        /// The manifest's newsroom.
        signed: String,
    },
    /// A demo drop box with a real manifest, or the other way round.
    Demo {
        /// Whether the manifest is a demo one.
        signed: bool,
    },
    /// Other recipients (both lists sorted).
    Recipients {
        /// The server's.
        served: Vec<String>,
        /// The newsroom's.
        signed: Vec<String>,
    },
    /// Other registries.
    Registries,
    /// Other proof keys.
    ProofKeys,
    /// Proof keys from another setup.
    Setup,
    /// Another browser client.
    Client,
}

impl std::fmt::Display for Disagreement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Disagreement::Newsroom { served, signed } => write!(
                f,
                "the server calls itself {served:?}, but the manifest is {signed:?}'s"
            ),
            Disagreement::Demo { signed: true } => {
                f.write_str("the newsroom signed a demo manifest, but the server says it is real")
            }
            Disagreement::Demo { signed: false } => {
                f.write_str("the server says it is a demo, but the newsroom signed a real manifest")
            }
            Disagreement::Recipients { served, signed } => write!(
                f,
                "the server's recipients ({}) are not the newsroom's ({})",
                served.join(", "),
                signed.join(", ")
            ),
            Disagreement::Registries => {
                f.write_str("the server trusts other registries than the newsroom signed")
            }
            Disagreement::ProofKeys => {
                f.write_str("the server's proof keys are not the ones the newsroom signed")
            }
            Disagreement::Setup => f.write_str(
                "the server's proof keys come from another setup than the newsroom signed",
            ),
            Disagreement::Client => {
                f.write_str("the server offers another browser client than the newsroom signed")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> String {
        serde_json::json!({
            "format": "darkroom-config", "version": 1, "newsroom": "N", "demo": true,
            "recipients": ["age1x"], "registry_roots": [], "statement": null,
            "verifying_key": null, "circuit_id": null, "keys_setup": null,
            "proving_key": null, "registries": [], "max_upload": 5,
            "server_sealing": false, "codenames": null, "server_inbox": false,
            "client": {"bundle_sha256": "b", "wasm_sha256": "w"},
            "added_by_a_later_server": 1,
        })
        .to_string()
    }

    #[test]
    fn a_configuration_is_read_and_later_fields_are_ignored() {
        let c = ServedConfig::parse(config().as_bytes()).unwrap();
        assert_eq!(c.recipients, ["age1x"]);
        assert_eq!(c.client.wasm_sha256, "w");
        assert_eq!(c.max_upload, 5);
    }

    #[test]
    fn another_format_or_version_or_shape_is_refused_by_name() {
        let other = config().replace("\"version\":1", "\"version\":2");
        assert_eq!(
            ServedConfig::parse(other.as_bytes()),
            Err(ConfigError::Unknown {
                format: CONFIG_FORMAT.into(),
                version: 2
            })
        );
        let wrong = config().replace("[\"age1x\"]", "\"age1x\"");
        assert!(matches!(
            ServedConfig::parse(wrong.as_bytes()),
            Err(ConfigError::Malformed(_))
        ));
        assert!(matches!(
            ServedConfig::parse(b"<html>"),
            Err(ConfigError::Malformed(_))
        ));
    }

    #[test]
    fn a_receipt_reads_in_order_without_its_absent_fields() {
        let r = Receipt {
            designation: "d".into(),
            day: "2026-12-07".into(),
            label: "no proof".into(),
            window: None,
            region: Some("r".into()),
            camera: None,
            size: 7,
            envelope_sha256: "e".into(),
            sealed_to: "s".into(),
        };
        let names: Vec<_> = r.lines().into_iter().map(|(n, _)| n).collect();
        assert_eq!(
            names,
            [
                "designation",
                "day",
                "label",
                "region",
                "size",
                "envelope_sha256",
                "sealed_to"
            ]
        );
        let json = serde_json::to_string(&r).unwrap();
        assert!(!json.contains("window"));
        assert_eq!(serde_json::from_str::<Receipt>(&json).unwrap(), r);
    }
}

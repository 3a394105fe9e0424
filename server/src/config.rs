//! The server's configuration: newsroom recipients (never an identity), the
//! registries and proof keys it trusts, its limits, and the manifest the
//! newsroom signed, which it serves verbatim and must agree with.

use std::path::{Path, PathBuf};

use darkroom_circuits::field;
use darkroom_circuits::groth16::{self, Verifier};
use darkroom_core::newsroom::{Manifest, NewsroomKey};
use darkroom_core::provenance::TrustedRoot;
use darkroom_core::recipient::Kind;
use darkroom_core::registry::Registry;
use darkroom_core::served::{self, CodenameParams, Disagreement, ServedClient, ServedConfig};
use serde::Deserialize;

/// The file that marks a data directory made by `--demo`.
pub const DEMO_MARKER: &str = "DEMO-newsroom-identity.txt";

/// A configuration the server refuses to start with.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The configuration holds a private key.
    #[error("{0} holds an age identity (a private key). The server takes the newsroom's recipients (age1…) only; keep the identity on the offline newsroom machine")]
    HoldsIdentity(String),
    /// A file could not be read.
    #[error("cannot read {path}")]
    Read {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The TOML is malformed or has unknown keys.
    #[error("{path} is not a valid configuration: {detail}")]
    Syntax {
        /// The file.
        path: String,
        /// What the parser said.
        detail: String,
    },
    /// A value is wrong.
    #[error("invalid configuration: {0}")]
    Invalid(String),
    /// The newsroom's manifest is refused, or disagrees with this
    /// configuration (clients would refuse this server).
    #[error("the newsroom manifest {path}: {detail}")]
    Manifest {
        /// The manifest file.
        path: String,
        /// What is wrong.
        detail: String,
    },
}

/// Limits, all with defaults.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    /// The largest envelope taken, in MiB (default: room for a 2 GiB file).
    pub max_upload_mib: u64,
    /// The largest file the server seals itself (no-JavaScript path), in
    /// MiB. That plaintext is held in memory only, so this stays small.
    pub server_sealing_max_mib: u64,
    /// Uploads received at once, from everyone together.
    pub upload_concurrency: usize,
    /// Files sealed by the server at once.
    pub sealing_concurrency: usize,
    /// How long one upload may take, in seconds.
    pub body_deadline_secs: u64,
    /// How long an upload waits for a free slot before it is turned away.
    pub queue_wait_secs: u64,
    /// Codename checks (Argon2id) run at once: logins, and submissions
    /// under a codename.
    pub codename_concurrency: usize,
    /// Journalist password checks (Argon2id) run at once.
    pub login_concurrency: usize,
    /// Proofs checked at once on the verify page (its own pool, so slow
    /// verify posts never close the no-JavaScript form).
    pub verify_concurrency: usize,
    /// Connections open at once on each listener; past it, new ones are
    /// closed unanswered.
    pub max_connections: usize,
    /// How long a connection may take to send a request's headers (and an
    /// idle kept-alive connection to start its next request), in seconds.
    pub header_timeout_secs: u64,
    /// An upload that sends nothing for this long is cut off, in seconds.
    pub upload_idle_secs: u64,
    /// An upload slower than this on average is cut off, in KiB/s…
    pub upload_min_kib_per_sec: u64,
    /// …once this many seconds have passed since it started.
    pub upload_grace_secs: u64,
    /// Uploads are refused (503, nothing stored) while the data
    /// directory's filesystem has less than this free, in MiB.
    pub min_free_mib: u64,
    /// Proof of work for API uploads: "adaptive" (asked while the upload
    /// pool is full, and `pow_cooldown_secs` after), "always" or "off".
    pub upload_pow: PowMode,
    /// The least difficulty asked (zero bits; each one doubles a source's
    /// work); one more for each doubling of the queue.
    pub pow_difficulty: u8,
    /// Argon2id memory per proof-of-work hash, in KiB.
    pub pow_memory_kib: u32,
    /// How long the proof of work stays on after the pool was last full.
    pub pow_cooldown_secs: u64,
}

/// When uploads must bring a proof of work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PowMode {
    /// While the upload pool is full, and for a while after.
    Adaptive,
    /// Always.
    Always,
    /// Never.
    Off,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            // A 2 GiB video, sealed and padded (Padmé adds at most 12%).
            max_upload_mib: 2304,
            server_sealing_max_mib: 64,
            upload_concurrency: 16,
            sealing_concurrency: 2,
            body_deadline_secs: 3600,
            queue_wait_secs: 60,
            codename_concurrency: 2,
            login_concurrency: 2,
            verify_concurrency: 2,
            max_connections: 512,
            header_timeout_secs: 20,
            upload_idle_secs: 30,
            upload_min_kib_per_sec: 2,
            upload_grace_secs: 60,
            min_free_mib: 1024,
            upload_pow: PowMode::Adaptive,
            pow_difficulty: 10,
            pow_memory_kib: darkroom_core::pow::MEMORY_KIB,
            pow_cooldown_secs: 600,
        }
    }
}

impl Limits {
    /// The largest envelope, in bytes.
    pub fn max_upload(&self) -> u64 {
        self.max_upload_mib.saturating_mul(1 << 20)
    }
    /// The free-space floor, in bytes.
    pub fn min_free(&self) -> u64 {
        self.min_free_mib.saturating_mul(1 << 20)
    }
    /// The largest file sealed by the server, in bytes.
    pub fn server_sealing_max(&self) -> u64 {
        self.server_sealing_max_mib.saturating_mul(1 << 20)
    }
}

/// `darkroom.toml`, as written by an operator.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct File {
    /// The newsroom's name, shown on every page.
    #[serde(default = "default_name")]
    pub newsroom: String,
    /// Where to listen; a local address behind an onion service.
    #[serde(default = "default_listen")]
    pub listen: String,
    /// Where to serve the journalist pages, behind their own onion service
    /// with client authorization; `listen` then answers 404 for them.
    /// Without it, `listen` serves both (fine for a demo, not for a
    /// newsroom).
    #[serde(default)]
    pub journalist_listen: Option<String>,
    /// The data directory (SQLite database and envelope files).
    pub data: Option<PathBuf>,
    /// The newsroom's age recipients, `age1…`.
    pub recipients: Vec<String>,
    /// Registry roots whose devices the newsroom trusts, `0x…`.
    #[serde(default)]
    pub registry_roots: Vec<String>,
    /// The provenance verifying key (`verifying.key` from `darkroom setup`).
    pub verifying_key: Option<PathBuf>,
    /// The matching proving key (`proving.key`), public like the verifying
    /// key: served to browsers so sources can prove on their own device.
    pub proving_key: Option<PathBuf>,
    /// Registry files (`darkroom registry build`), served to browsers for
    /// proving; their roots are trusted as if listed in `registry_roots`.
    #[serde(default)]
    pub registries: Vec<PathBuf>,
    /// Whether sources without JavaScript may have the server seal a file.
    #[serde(default = "yes")]
    pub server_sealing: bool,
    /// Whether sources may ask for a codename, so journalists can reply.
    #[serde(default = "yes")]
    pub codenames: bool,
    /// Whether a source without JavaScript may read replies by typing the
    /// codename into a plain form: the server then derives the reply key
    /// in memory, decrypts for display, and forgets it. Off by default.
    #[serde(default)]
    pub server_inbox: bool,
    /// Days a submission is kept before it is deleted.
    #[serde(default = "default_retention")]
    pub retention_days: u32,
    /// Up to this many random extra days, so expiry hides the arrival day.
    #[serde(default = "default_jitter")]
    pub retention_jitter_days: u32,
    /// Minutes between settlings, which rewrite recent envelopes so that
    /// the disk keeps no arrival time finer than the day (the last
    /// arrival's time is on disk until the next one).
    #[serde(default = "default_settle")]
    pub settle_minutes: u64,
    /// Minutes a journalist's session lasts without activity.
    #[serde(default = "default_idle")]
    pub session_idle_minutes: u64,
    /// Hours a journalist's session lasts at most, however active.
    #[serde(default = "default_lifetime")]
    pub session_lifetime_hours: u64,
    /// Marks session cookies `Secure` (for a server reached over HTTPS).
    #[serde(default)]
    pub secure_cookies: bool,
    /// Accept proof keys from `darkroom setup --dev`. Whoever made them can
    /// forge proofs, so this is for testing only; `serve --demo` sets it.
    #[serde(default)]
    pub insecure_dev_keys: bool,
    /// The manifest the newsroom signed (`darkroom newsroom manifest`); its
    /// signature is read from the same path with `.minisig` added. Served
    /// verbatim; the server refuses to start if it disagrees with this
    /// file.
    pub manifest: Option<PathBuf>,
    /// The newsroom's public signing key (`RW…`), which must have signed
    /// the manifest.
    pub newsroom_key: Option<String>,
    /// Upload and sealing limits.
    #[serde(default)]
    pub limits: Limits,
}

fn default_name() -> String {
    "Darkroom".into()
}
fn default_listen() -> String {
    "127.0.0.1:8080".into()
}
fn yes() -> bool {
    true
}
fn default_retention() -> u32 {
    90
}
fn default_jitter() -> u32 {
    14
}
fn default_settle() -> u64 {
    30
}
fn default_idle() -> u64 {
    30
}

fn default_lifetime() -> u64 {
    12
}

/// The error for a file that cannot be read.
fn unreadable(path: &Path) -> impl FnOnce(std::io::Error) -> ConfigError + '_ {
    move |source| ConfigError::Read {
        path: path.display().to_string(),
        source,
    }
}

/// Refuses text that holds an age identity, in any case.
pub fn refuse_identity(text: &str, source: &str) -> Result<(), ConfigError> {
    if text.to_ascii_uppercase().contains("AGE-SECRET-KEY-") {
        return Err(ConfigError::HoldsIdentity(source.to_string()));
    }
    Ok(())
}

impl File {
    /// Reads and parses a configuration file.
    pub fn load(path: &Path) -> Result<File, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(unreadable(path))?;
        File::parse(&text, &path.display().to_string())
    }

    /// Parses configuration text; `source` names it in errors.
    pub fn parse(text: &str, source: &str) -> Result<File, ConfigError> {
        refuse_identity(text, source)?;
        toml::from_str(text).map_err(|e| ConfigError::Syntax {
            path: source.to_string(),
            detail: e.message().to_string(),
        })
    }

    /// A configuration with these recipients and every default.
    pub fn with_recipients(recipients: Vec<String>) -> File {
        File {
            newsroom: default_name(),
            listen: default_listen(),
            journalist_listen: None,
            data: None,
            recipients,
            registry_roots: Vec::new(),
            verifying_key: None,
            proving_key: None,
            registries: Vec::new(),
            server_sealing: true,
            codenames: true,
            server_inbox: false,
            retention_days: default_retention(),
            retention_jitter_days: default_jitter(),
            settle_minutes: default_settle(),
            session_idle_minutes: default_idle(),
            session_lifetime_hours: default_lifetime(),
            secure_cookies: false,
            insecure_dev_keys: false,
            manifest: None,
            newsroom_key: None,
            limits: Limits::default(),
        }
    }
}

/// The newsroom's signed manifest, as served.
pub struct Published {
    /// The file's exact bytes.
    pub json: axum::body::Bytes,
    /// Its minisign signature, exactly as read.
    pub signature: String,
    /// What it says.
    pub manifest: Manifest,
    /// The key that signed it.
    pub key: NewsroomKey,
}

/// Days before a manifest expires when the server starts warning.
pub const MANIFEST_WARNING_DAYS: u64 = 14;

impl Published {
    /// A warning for the operator when the manifest expires within
    /// [`MANIFEST_WARNING_DAYS`] of `now`.
    pub fn expiry_warning(&self, now: u64) -> Option<String> {
        let left = self.manifest.expires.saturating_sub(now);
        (left < MANIFEST_WARNING_DAYS * 86_400).then(|| {
            format!(
                "warning: the newsroom manifest expires on {} ({} day(s) left); sources will refuse this server after that. Ask the newsroom to sign a new one (darkroom newsroom manifest) and restart",
                darkroom_core::calendar::format(self.manifest.expires),
                left / 86_400
            )
        })
    }
}

/// The current time, Unix seconds.
pub fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// A checked configuration, ready to serve.
pub struct Config {
    /// The newsroom's name.
    pub newsroom: String,
    /// The recipients, as written (`age1pq1…` or `age1…`).
    pub recipients: Vec<String>,
    /// Their kind (all one): the only stanzas an upload may carry.
    pub kind: Kind,
    /// Trusted registry roots, with their device counts where known.
    pub registry_roots: Vec<TrustedRoot>,
    /// The verifier for provenance proofs, if the newsroom takes them.
    pub verifier: Option<Verifier>,
    /// The proving key's bytes, served to browsers, if set (shared, not
    /// copied, by each response).
    pub proving_key: Option<axum::body::Bytes>,
    /// The same key compact (points compressed, no matrices: a fifth of
    /// it), which the submit page fetches and expands.
    pub proving_key_compact: Option<axum::body::Bytes>,
    /// Registry JSON texts, served to browsers.
    pub registries: Vec<String>,
    /// Whether the no-JavaScript path is open.
    pub server_sealing: bool,
    /// Whether sources may ask for codenames.
    pub codenames: bool,
    /// Whether the no-JavaScript inbox is open (the server derives).
    pub server_inbox: bool,
    /// Days kept.
    pub retention_days: u32,
    /// Random extra days.
    pub retention_jitter_days: u32,
    /// Time between settlings.
    pub settle_every: std::time::Duration,
    /// Session idle timeout.
    pub session_idle: std::time::Duration,
    /// Session absolute lifetime.
    pub session_lifetime: std::time::Duration,
    /// `Secure` cookies.
    pub secure_cookies: bool,
    /// Limits.
    pub limits: Limits,
    /// Whether this is a demo: a banner says so on every page.
    pub demo: bool,
    /// The newsroom's signed manifest, if configured.
    pub published: Option<Published>,
}

impl Config {
    /// Checks a parsed file: recipients must be `age1…` keys, roots field
    /// elements, and the verifying key readable. Relative paths are taken
    /// from `base`.
    pub fn from_file(file: File, base: &Path, demo: bool) -> Result<Config, ConfigError> {
        for r in &file.recipients {
            refuse_identity(r, "the recipients list")?;
        }
        let kind = darkroom_core::recipient::kind_of(&file.recipients)
            .map_err(|e| ConfigError::Invalid(e.to_string()))?;
        if file.recipients.len() > crate::intake::MAX_RECIPIENTS {
            return Err(ConfigError::Invalid(format!(
                "the recipients list has {} keys; a drop box takes at most {}",
                file.recipients.len(),
                crate::intake::MAX_RECIPIENTS
            )));
        }
        let mut registry_roots = file
            .registry_roots
            .iter()
            .map(|r| {
                field::from_hex(r.trim())
                    .map(|root| TrustedRoot {
                        root,
                        devices: None,
                    })
                    .map_err(|_| {
                        ConfigError::Invalid(format!(
                            "registry root {r:?} is not 0x and 64 hex digits"
                        ))
                    })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let verifier = match &file.verifying_key {
            Some(p) => {
                let path = base.join(p);
                let f = std::fs::File::open(&path).map_err(unreadable(&path))?;
                let (vk, version, setup) = groth16::read_verifying_key(std::io::BufReader::new(f))
                    .map_err(|e| ConfigError::Invalid(format!("{}: {e}", path.display())))?;
                if setup.is_development() && !file.insecure_dev_keys {
                    return Err(ConfigError::Invalid(format!(
                        "{} holds development keys (darkroom setup --dev): whoever made them can forge proofs. \
                         Use keys from a ceremony (darkroom ceremony finalize), or set insecure_dev_keys = true for testing only",
                        path.display()
                    )));
                }
                Some(Verifier::new(vk, version, setup))
            }
            None => None,
        };
        let mut registries = Vec::new();
        for p in &file.registries {
            let path = base.join(p);
            let text = std::fs::read_to_string(&path).map_err(unreadable(&path))?;
            let registry = Registry::from_json(&text)
                .map_err(|e| ConfigError::Invalid(format!("{}: {e}", path.display())))?;
            let devices = Some(registry.devices().len());
            // The root proofs made with this server's keys name.
            let root = registry.root(
                verifier
                    .as_ref()
                    .map_or(darkroom_circuits::statement::Version::V2, |v| v.version()),
            );
            match registry_roots.iter_mut().find(|t| t.root == root) {
                Some(t) => t.devices = devices,
                None => registry_roots.push(TrustedRoot { root, devices }),
            }
            registries.push(text);
        }
        let (proving_key, proving_key_compact) = match &file.proving_key {
            Some(p) => {
                let (key, compact) = read_proving_key(&base.join(p), verifier.as_ref())?;
                (Some(key.into()), Some(compact.into()))
            }
            None => (None, None),
        };
        if proving_key.is_some() && registries.is_empty() {
            return Err(ConfigError::Invalid(
                "a proving key is set but no registries: browsers need the registry files to prove"
                    .into(),
            ));
        }
        if verifier.is_some() && registry_roots.is_empty() {
            return Err(ConfigError::Invalid(
                "a verifying key is set but no registry_roots: list the registries whose devices you trust".into(),
            ));
        }
        if file.limits.upload_concurrency == 0
            || file.limits.sealing_concurrency == 0
            || file.limits.codename_concurrency == 0
            || file.limits.login_concurrency == 0
            || file.limits.verify_concurrency == 0
            || file.limits.max_connections == 0
            || file.limits.header_timeout_secs == 0
            || file.limits.upload_idle_secs == 0
        {
            return Err(ConfigError::Invalid(
                "concurrency limits, max_connections, header_timeout_secs and upload_idle_secs must be at least 1"
                    .into(),
            ));
        }
        let published = match &file.manifest {
            Some(p) => Some(load_manifest(
                &base.join(p),
                file.newsroom_key.as_deref(),
                now(),
            )?),
            None if file.newsroom_key.is_some() => {
                return Err(ConfigError::Invalid(
                    "newsroom_key is set but no manifest: give the manifest the newsroom signed with it".into(),
                ))
            }
            None => None,
        };
        let mut config = Config {
            newsroom: file.newsroom,
            recipients: file
                .recipients
                .iter()
                .map(|r| r.trim().to_string())
                .collect(),
            kind,
            registry_roots,
            verifier,
            proving_key,
            proving_key_compact,
            registries,
            server_sealing: file.server_sealing,
            codenames: file.codenames,
            server_inbox: file.codenames && file.server_inbox,
            retention_days: file.retention_days,
            retention_jitter_days: file.retention_jitter_days,
            settle_every: std::time::Duration::from_secs(
                file.settle_minutes.clamp(1, 24 * 60) * 60,
            ),
            session_idle: std::time::Duration::from_secs(file.session_idle_minutes.max(1) * 60),
            session_lifetime: std::time::Duration::from_secs(
                file.session_lifetime_hours.clamp(1, 24 * 7) * 3600,
            ),
            secure_cookies: file.secure_cookies,
            limits: file.limits,
            demo,
            published: None,
        };
        if let Some(p) = published {
            config
                .agree_with(&p)
                .map_err(|detail| ConfigError::Manifest {
                    path: file
                        .manifest
                        .as_ref()
                        .map(|m| base.join(m).display().to_string())
                        .unwrap_or_default(),
                    detail,
                })?;
            // Counts the operator listed only as roots come from the manifest.
            for t in &mut config.registry_roots {
                t.devices = t.devices.or(p.manifest.devices_in(&t.root));
            }
            config.published = Some(p);
        }
        Ok(config)
    }

    /// What `GET /.well-known/darkroom/config.json` serves, with the
    /// codename parameters if codenames are on.
    pub fn served(&self, codenames: Option<CodenameParams>) -> ServedConfig {
        let (verifying_key, circuit_id) = match &self.verifier {
            Some(v) => {
                let mut bytes = Vec::new();
                // Writing into a Vec cannot fail.
                let _ = groth16::write_verifying_key(v.key(), v.version(), v.setup(), &mut bytes);
                (Some(hex::encode(bytes)), Some(hex::encode(v.circuit_id())))
            }
            None => (None, None),
        };
        let client = &crate::client::HASHES;
        ServedConfig {
            format: served::CONFIG_FORMAT.into(),
            version: served::CONFIG_VERSION,
            newsroom: self.newsroom.clone(),
            demo: self.demo,
            recipients: self.recipients.clone(),
            registry_roots: self
                .registry_roots
                .iter()
                .map(|t| field::to_hex(&t.root))
                .collect(),
            statement: self.verifier.as_ref().map(|v| v.version().id().into()),
            verifying_key,
            circuit_id,
            keys_setup: self.verifier.as_ref().map(|v| v.setup().line()),
            proving_key: self
                .proving_key
                .as_ref()
                .map(|_| "/static/proof/proving.key".into()),
            registries: (0..self.registries.len())
                .map(|i| format!("/static/proof/registry-{i}.json"))
                .collect(),
            max_upload: self.limits.max_upload(),
            server_sealing: self.server_sealing,
            codenames: codenames.filter(|_| self.codenames),
            server_inbox: self.server_inbox,
            client: ServedClient {
                bundle_sha256: client.bundle_sha256.clone(),
                wasm_sha256: client.wasm_sha256.clone(),
            },
        }
    }

    /// Refuses a configuration that says anything other than what the
    /// newsroom signed: sources' clients would refuse this server. One
    /// sentence for the operator, naming the first disagreement. What
    /// clients compare is [`Manifest::disagreements`], asked here of what
    /// this server would serve; the device counts and page scripts, which
    /// `config.json` does not carry, are checked after it.
    fn agree_with(&self, p: &Published) -> Result<(), String> {
        let m = &p.manifest;
        let client = &crate::client::HASHES;
        let other_client = || {
            format!(
                "it names another browser client (bundle {}) than this server's (bundle {}); sign a manifest with this release's `darkroom newsroom manifest`",
                m.client.bundle_sha256, client.bundle_sha256
            )
        };
        if let Some(first) = m.disagreements(&self.served(None)).into_iter().next() {
            return Err(match first {
                Disagreement::Demo { signed: true } => {
                    "it is a DEMO manifest; sign a real one with `darkroom newsroom manifest`".into()
                }
                Disagreement::Demo { signed: false } => {
                    "a demo server cannot serve a real newsroom's manifest".into()
                }
                Disagreement::Newsroom { served, signed } => format!(
                    "it is signed for {signed:?}, but this configuration's newsroom is {served:?}"
                ),
                Disagreement::Recipients { .. } => "its recipients differ from this configuration's; the server would take envelopes sealed to keys the newsroom did not sign, or the other way round".into(),
                Disagreement::Registries => {
                    let signed: Vec<String> = m.registries.iter().map(|r| r.root.clone()).collect();
                    match self
                        .registry_roots
                        .iter()
                        .map(|t| field::to_hex(&t.root))
                        .find(|root| !signed.contains(root))
                    {
                        Some(root) => format!(
                            "this configuration trusts registry {root}, which the newsroom did not sign"
                        ),
                        None => "it lists registries this configuration does not trust".into(),
                    }
                }
                Disagreement::ProofKeys | Disagreement::Setup => {
                    "its proof keys differ from this configuration's verifying_key".into()
                }
                // Disagreement::Client, and any a later core adds.
                _ => other_client(),
            });
        }
        let signed =
            darkroom_core::provenance::TrustedRoot::from_manifest(m).map_err(|e| e.to_string())?;
        for t in &self.registry_roots {
            if let Some(s) = signed.iter().find(|s| s.root == t.root) {
                if t.devices.is_some() && t.devices != s.devices {
                    return Err(format!(
                        "registry {} holds {} devices here, but the newsroom signed it with {}",
                        field::to_hex(&t.root),
                        t.devices.unwrap_or(0),
                        s.devices.unwrap_or(0)
                    ));
                }
            }
        }
        if m.client.scripts != client.scripts() {
            return Err(other_client());
        }
        Ok(())
    }
}

/// Reads the manifest at `path` and its signature at `path.minisig`, and
/// checks the signature with `key` and the dates at `now`.
fn load_manifest(path: &Path, key: Option<&str>, now: u64) -> Result<Published, ConfigError> {
    let fail = |detail: String| ConfigError::Manifest {
        path: path.display().to_string(),
        detail,
    };
    let key = key.ok_or_else(|| {
        fail(
            "newsroom_key is not set: give the newsroom's public signing key (RW…) that signed it"
                .into(),
        )
    })?;
    let key = NewsroomKey::parse(key).map_err(|e| fail(e.to_string()))?;
    let json = std::fs::read(path).map_err(unreadable(path))?;
    let mut sig_path = path.as_os_str().to_owned();
    sig_path.push(".minisig");
    let sig_path = PathBuf::from(sig_path);
    let signature = std::fs::read_to_string(&sig_path).map_err(unreadable(&sig_path))?;
    let manifest =
        Manifest::verify(&json, &signature, &key, now).map_err(|e| fail(e.to_string()))?;
    Ok(Published {
        json: json.into(),
        signature,
        manifest,
        key,
    })
}

/// Reads a proving key and checks that it belongs to the verifying key, so
/// browsers never make proofs this server would refuse; returns it and its
/// compact form.
fn read_proving_key(
    path: &Path,
    verifier: Option<&Verifier>,
) -> Result<(Vec<u8>, Vec<u8>), ConfigError> {
    let Some(verifier) = verifier else {
        return Err(ConfigError::Invalid(
            "a proving key is set without its verifying_key".into(),
        ));
    };
    let bytes = std::fs::read(path).map_err(unreadable(path))?;
    let (pk, _) = groth16::read_proving_key(std::io::Cursor::new(&bytes))
        .map_err(|e| ConfigError::Invalid(format!("{}: {e}", path.display())))?;
    if &groth16::circuit_id(&pk.vk) != verifier.circuit_id() {
        return Err(ConfigError::Invalid(format!(
            "{} does not match the verifying key (another setup made it)",
            path.display()
        )));
    }
    let compact = groth16::compact_proving_key(&bytes)
        .map_err(|e| ConfigError::Invalid(format!("{}: {e}", path.display())))?;
    Ok((bytes, compact))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_identity_anywhere_is_refused() {
        let text = "recipients = [\"AGE-SECRET-KEY-1QQQ\"]\n";
        let err = File::parse(text, "darkroom.toml").unwrap_err();
        assert!(matches!(err, ConfigError::HoldsIdentity(_)), "{err}");
        let text = "# age-secret-key-1abc\nrecipients = []\n";
        assert!(matches!(
            File::parse(text, "x").unwrap_err(),
            ConfigError::HoldsIdentity(_)
        ));
    }

    #[test]
    fn unknown_keys_and_bad_recipients_are_refused() {
        assert!(matches!(
            File::parse("recipients = []\nidentity = \"x\"\n", "x").unwrap_err(),
            ConfigError::Syntax { .. }
        ));
        let file = File::parse("recipients = [\"age1nope\"]\n", "x").unwrap();
        assert!(matches!(
            Config::from_file(file, Path::new("."), false),
            Err(ConfigError::Invalid(..))
        ));
    }

    /// A hosting provider who adds a classical key beside the newsroom's
    /// hybrid ones (or lists too many) is refused at start; a hybrid
    /// private key pasted in is named as one.
    #[test]
    fn recipients_are_one_kind_and_bounded() {
        let hybrid = || darkroom_core::hybrid::Identity::generate();
        let h: Vec<String> = (0..2).map(|_| hybrid().to_public().to_string()).collect();
        let c = age::x25519::Identity::generate().to_public().to_string();
        let config = Config::from_file(File::with_recipients(h.clone()), Path::new("."), false);
        assert_eq!(config.unwrap().kind, Kind::Hybrid);
        let mixed = Config::from_file(
            File::with_recipients(vec![h[0].clone(), c.clone()]),
            Path::new("."),
            false,
        );
        let e = mixed.err().unwrap().to_string();
        assert!(e.contains("mix hybrid post-quantum"), "{e}");
        let many = vec![c; crate::intake::MAX_RECIPIENTS + 1];
        let e = Config::from_file(File::with_recipients(many), Path::new("."), false);
        assert!(e.err().unwrap().to_string().contains("at most 32"));
        let secret = format!("recipients = [\"{}\"]\n", &*hybrid().to_secret_string());
        assert!(matches!(
            File::parse(&secret, "x").unwrap_err(),
            ConfigError::HoldsIdentity(_)
        ));
    }
}

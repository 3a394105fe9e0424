//! What the submit page does on the source's device, as plain Rust: the
//! same calls `darkroom seal` and `darkroom submit --prove` make, over
//! bytes in memory or over a file read a slice at a time.

use std::fmt;
use std::io::{Cursor, Read, Seek, SeekFrom, Write};

use darkroom_circuits::statement::NO_FIX;
use darkroom_circuits::{field, statement};
use darkroom_circuits::{groth16, shares};
use darkroom_core::capture::{self, unshift, Attestation};
use darkroom_core::digest::ContentDigest;
use darkroom_core::envelope::{self, SealOptions};
use darkroom_core::newsroom::{self, Manifest, NewsroomKey};
use darkroom_core::provenance::{Region, TimeWindow};
use darkroom_core::recipient::Kind;
use darkroom_core::registry::Registry;
use darkroom_core::report::StripReport;
use darkroom_core::served::{ConfigError, ServedConfig};
use darkroom_core::source::{self, Pending, Planned, ProofRequest, Trusted};
use darkroom_core::strip::Uncleanable;
use darkroom_core::{calendar, EnvelopeError, Error, MediaKind, ProofError, StripError};
use serde_json::json;
use zeroize::Zeroizing;

/// One sentence for the source; nothing in it comes from the file's
/// removed metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientError(pub String);

impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Core's errors are one sentence each, whatever their concern; the page
/// shows that sentence.
macro_rules! one_sentence {
    ($($error:ty),*) => {$(
        impl From<$error> for ClientError {
            fn from(e: $error) -> Self {
                ClientError(e.to_string())
            }
        }
    )*};
}
one_sentence!(
    Error,
    StripError,
    EnvelopeError,
    ProofError,
    newsroom::TrustError,
    ConfigError
);

fn fail(s: impl Into<String>) -> ClientError {
    ClientError(s.into())
}

/// The newsroom this page's server belongs to, as its signed manifest says:
/// the only thing the page encrypts to, proves against or believes.
pub struct Newsroom {
    /// The key that signed the manifest.
    pub key: NewsroomKey,
    /// What it signed, checked.
    pub manifest: Manifest,
    /// Its date and hash, which the page keeps for the tab's life: a later
    /// load of the page refuses an older manifest ([`Newsroom::check_seen`]).
    pub seen: newsroom::Seen,
}

/// What the page loaded, to compare with the manifest: the WebAssembly
/// hash the worker checked, and every script's integrity value by name.
#[derive(serde::Deserialize)]
pub struct Loaded {
    /// SHA-256 of the WebAssembly client the worker checked, hex.
    pub wasm_sha256: String,
    /// `name → sha384-…` of each script the page and worker run.
    pub scripts: std::collections::BTreeMap<String, String>,
}

/// Checks the server's manifest and everything else the page was given
/// against it: the signature (with the key the source pasted, if any,
/// else the key the manifest names, whose fingerprint the page shows),
/// the dates at `now`, the onion address the page is on, the served
/// configuration, and the code the page runs.
pub fn newsroom(
    json: &[u8],
    signature: &str,
    now: u64,
    pinned: Option<&str>,
    config: &str,
    host: &str,
    loaded: &str,
) -> Result<Newsroom, ClientError> {
    let key = match pinned.map(str::trim).filter(|k| !k.is_empty()) {
        Some(k) => NewsroomKey::parse(k)?,
        None => Manifest::claimed_key(json)?,
    };
    // The tab's newest manifest is checked after (`check_seen`): the page
    // keeps it, not this worker.
    let config = ServedConfig::parse(config.as_bytes())?;
    let Trusted { manifest, seen } =
        source::trust(json, signature, &key, now, None, host, &config)?;
    let loaded: Loaded = serde_json::from_str(loaded)
        .map_err(|_| fail("the page could not say what code it runs"))?;
    if loaded.wasm_sha256 != manifest.client.wasm_sha256 {
        return Err(fail(
            "this page runs another encryption code than the newsroom signed; send nothing",
        ));
    }
    for (name, sri) in &loaded.scripts {
        if manifest.client.scripts.get(name) != Some(sri) {
            return Err(fail(format!(
                "this page runs a script ({name}) the newsroom did not sign; send nothing"
            )));
        }
    }
    Ok(Newsroom {
        key,
        manifest,
        seen,
    })
}

impl Newsroom {
    /// Refuses this manifest if it is older than the newest one this tab
    /// took from the server under the same key (`newest`, JSON, as the
    /// summary's `seen`; none on the tab's first load).
    pub fn check_seen(&self, newest: Option<&str>) -> Result<(), ClientError> {
        let newest: Option<newsroom::Seen> = newest
            .map(serde_json::from_str)
            .transpose()
            .map_err(|_| fail("this tab's record of the newsroom's manifest is damaged; close the tab and open the page again"))?;
        Ok(self.seen.check_against(newest.as_ref())?)
    }

    /// What the page shows of it, as JSON.
    pub fn summary_json(&self) -> String {
        json!({
            "issued": calendar::format(self.manifest.issued),
            "seen": self.seen,
            "newsroom": self.manifest.newsroom,
            "key": self.key.to_base64(),
            "fingerprint": self.key.fingerprint(),
            "expires": calendar::format(self.manifest.expires),
            "demo": self.manifest.demo,
            "recipients": self.manifest.recipients,
            "protection": self.kind().describe(),
            "registries": self.manifest.registries,
            "min_anonymity": self.manifest.min_anonymity(None),
        })
        .to_string()
    }

    /// The kind of the newsroom's keys (checked to be one kind when the
    /// manifest was).
    pub fn kind(&self) -> Kind {
        self.manifest.kind().unwrap_or(Kind::Classical)
    }

    /// Opens the replies a server served (each sealed reply in `sealed`)
    /// with a codename's keys, checks who signed each, and puts them in
    /// the newsroom's order ([`darkroom_core::reply::thread`]): a JSON
    /// array of `{"served", "text", "genuine", "verdict", "heading",
    /// "note"}`, or `{"served", "error"}` for one that cannot be opened.
    pub fn open_replies(
        &self,
        keys: &darkroom_core::codename::CodenameKeys,
        sealed: &[&[u8]],
    ) -> String {
        let shown: Vec<_> =
            darkroom_core::reply::open_all(sealed, keys, Some(&self.key), &keys.recipients())
                .into_iter()
                .map(|read| match read.reply {
                    Ok((reply, a)) => json!({
                        "served": read.shown.served,
                        "text": darkroom_core::text::printable(&reply.text),
                        "genuine": a.is_genuine(),
                        "verdict": a.describe(),
                        "heading": read.shown.heading(),
                        "note": read.shown.note,
                    }),
                    Err(e) => json!({"served": read.shown.served, "error": e.to_string()}),
                })
                .collect();
        serde_json::Value::Array(shown).to_string()
    }
}

/// `darkroom-web VERSION (STATEMENTS)`: the statements it proves and checks.
pub fn version() -> String {
    let statements: Vec<&str> = statement::Version::ALL.iter().map(|v| v.id()).collect();
    format!(
        "darkroom-web {} ({})",
        env!("CARGO_PKG_VERSION"),
        statements.join(", ")
    )
}

/// The attestation for a file: a `.capture.json` sidecar the source chose
/// with it, else one embedded in a JPEG. `Ok(None)` when there is none.
fn attestation(bytes: &[u8], sidecar: Option<&str>) -> Result<Option<Attestation>, ProofError> {
    if let Some(text) = sidecar {
        return Attestation::from_json(text).map(Some);
    }
    if MediaKind::sniff(bytes) == MediaKind::Jpeg {
        return capture::find_in_jpeg(bytes);
    }
    Ok(None)
}

/// A report of what sealing would do, as JSON:
///
/// ```json
/// { "kind": "JPEG", "media_type": "image/jpeg", "metadata_removed": true,
///   "summary": "GPS position fields, serial number, 2 timestamps",
///   "removed": [{"name": "APP1 Exif", "count": 1, "bytes": 1234}],
///   "notes": [], "residual_risks": ["…"], "input_bytes": 1, "output_bytes": 1,
///   "capture": null | {"day": "2026-11-27", "has_position": true}
///              | {"error": "…"} }
/// ```
///
/// `capture` tells the page whether a proof can be offered; its day is
/// shown only to the source, on their own device.
pub fn inspect(bytes: &[u8], name: &str, sidecar: Option<&str>) -> Result<String, ClientError> {
    inspect_stream(Cursor::new(bytes), name, sidecar)
}

/// The largest JPEG read whole to look for a capture attestation inside.
const MAX_SIGNED_JPEG: u64 = 64 << 20;

/// As [`inspect`], reading `input` in one streaming pass (and a JPEG of up
/// to 64 MiB a second time, for its capture attestation).
pub fn inspect_stream<R: Read + Seek>(
    mut input: R,
    name: &str,
    sidecar: Option<&str>,
) -> Result<String, ClientError> {
    let (_, report) = ContentDigest::of(&mut input, Some(name))?;
    let mut bytes = Vec::new();
    if sidecar.is_none() && report.kind == MediaKind::Jpeg && report.input_bytes <= MAX_SIGNED_JPEG
    {
        input.seek(SeekFrom::Start(0)).map_err(Error::from)?;
        input.read_to_end(&mut bytes).map_err(Error::from)?;
    }
    let capture = match attestation(&bytes, sidecar) {
        Ok(Some(a)) => match a.verify() {
            Ok(()) => json!({
                "day": calendar::format_day(a.capture.t / 86_400),
                "has_position": a.capture.lat != NO_FIX,
            }),
            Err(e) => json!({ "error": e.to_string() }),
        },
        Ok(None) => serde_json::Value::Null,
        Err(e) => json!({ "error": e.to_string() }),
    };
    Ok(json!({
        "kind": report.kind.name(),
        "media_type": report.media_type,
        "metadata_removed": report.metadata_removed,
        "summary": report.summary(),
        "removed": report.removed,
        "notes": report.notes,
        "residual_risks": report.residual_risks,
        "input_bytes": report.input_bytes,
        "output_bytes": report.output_bytes,
        "capture": capture,
        "content_credentials": darkroom_core::kept::has_credentials(&report),
    })
    .to_string())
}

pub use darkroom_core::source::Proven;

/// The disclosed region for a capture: `none`, or `cell:DEG`, the cell of a
/// DEG-degree grid (1, 5, 10, 30 or 90) that holds the capture.
pub fn region_for(choice: &str, attestation: &Attestation) -> Result<Region, ClientError> {
    if choice == "none" {
        return Ok(Region::None);
    }
    let size: f64 = match choice.strip_prefix("cell:").map(str::parse::<u32>) {
        Some(Ok(g @ (1 | 5 | 10 | 30 | 90))) => f64::from(g),
        _ => return Err(fail(format!("{choice:?} is not a region choice"))),
    };
    let c = &attestation.capture;
    let (Some(lat), Some(lon)) = (unshift(c.lat, 90), unshift(c.lon, 180)) else {
        return Err(fail(
            "the camera had no position fix for this photo, so the proof cannot show a region; choose \"no place\"",
        ));
    };
    let cell = |deg: f64, limit: f64| {
        let lo = ((deg / size).floor() * size).clamp(-limit, limit - size);
        (lo, lo + size)
    };
    let (lat_lo, lat_hi) = cell(lat, 90.0);
    let (lon_lo, lon_hi) = cell(lon, 180.0);
    Ok(Region::Box(lat_lo, lon_lo, lat_hi, lon_hi))
}

/// Proves `bytes`' provenance with the newsroom's proving key, against the
/// largest registry the newsroom signed that holds the camera (registries
/// it did not sign are ignored), refusing keys other than the ones it
/// signed and registries smaller than its minimum.
///
/// The proof is started here and split into `shares` for the page's
/// workers ([`Started`]); [`prove`] makes it in one piece.
#[allow(clippy::too_many_arguments)]
pub fn start_proof(
    bytes: &[u8],
    name: &str,
    sidecar: Option<&str>,
    registries: &[String],
    proving_key: &[u8],
    newsroom: &Newsroom,
    window: &str,
    region: &str,
    shares: usize,
) -> Result<Started, ClientError> {
    let window: TimeWindow = match window {
        "day" | "month" | "year" | "none" => window.parse()?,
        _ => return Err(fail(format!("{window:?} is not a time window choice"))),
    };
    let attestation = attestation(bytes, sidecar)?.ok_or(ProofError::NoAttestation)?;
    let region = region_for(region, &attestation)?;
    let m = &newsroom.manifest;
    let registries = registries
        .iter()
        .map(|text| Registry::from_json(text))
        .collect::<Result<Vec<_>, _>>()?;
    let checked = source::check_proof(ProofRequest {
        bytes,
        name,
        attestation: Some(attestation),
        registries: &registries,
        newsroom: Some(m),
        min_anonymity: None,
        window,
        region,
    })?;
    let prover = groth16::Prover::read(Cursor::new(proving_key))
        .map_err(|e| fail(format!("the newsroom's proving key could not be read: {e}")))?;
    let version = prover.version();
    let id = groth16::circuit_id(&prover.key().vk);
    if m.check_keys(version, &id).is_err() {
        return Err(fail(
            "the proving key this server sent is not the one the newsroom signed; send without a proof",
        ));
    }
    let Planned {
        public,
        witness,
        pending,
    } = checked.plan(version, id)?;
    let job = shares::Job::start(&prover, &public, witness, shares, &mut rand::rngs::OsRng)
        .map_err(|e| fail(format!("proving failed: {e}")))?;
    Ok(Started {
        job,
        prover,
        pending: Some(pending),
    })
}

/// Proves `bytes`' provenance here, in one piece: [`start_proof`] with
/// every share computed by this worker.
#[allow(clippy::too_many_arguments)]
pub fn prove(
    bytes: &[u8],
    name: &str,
    sidecar: Option<&str>,
    registries: &[String],
    proving_key: &[u8],
    newsroom: &Newsroom,
    window: &str,
    region: &str,
) -> Result<Proven, ClientError> {
    let mut started = start_proof(
        bytes,
        name,
        sidecar,
        registries,
        proving_key,
        newsroom,
        window,
        region,
        1,
    )?;
    started.compute(0)?;
    started.finish()
}

/// A proof under way, split into shares of its multi-scalar
/// multiplications (`darkroom_circuits::shares`) for the page's workers:
/// this worker hands out each share's scalars, takes the sums back (or
/// computes a share itself), and adds them up.
pub struct Started {
    job: shares::Job,
    prover: groth16::Prover,
    pending: Option<Pending>,
}

impl Started {
    /// How many shares the proof is split into.
    pub fn shares(&self) -> usize {
        self.job.shares()
    }

    /// The encoded scalars of share `index`: secret, for another of the
    /// page's workers only.
    pub fn scalars(&self, index: usize) -> Result<Zeroizing<Vec<u8>>, ClientError> {
        Ok(self.job.scalars(index).map_err(share_error)?.to_bytes())
    }

    /// Computes share `index` here.
    pub fn compute(&mut self, index: usize) -> Result<(), ClientError> {
        let of = self.job.shares();
        let key = shares::KeyShare::new(self.prover.key(), index, of).map_err(share_error)?;
        let part = key
            .sum(&self.job.scalars(index).map_err(share_error)?)
            .map_err(share_error)?;
        self.job.add(part).map_err(share_error)
    }

    /// Takes another worker's sums for a share.
    pub fn add(&mut self, partial: &[u8]) -> Result<(), ClientError> {
        let part = shares::Partial::from_bytes(partial).map_err(share_error)?;
        self.job.add(part).map_err(share_error)
    }

    /// The shares whose sums are still missing.
    pub fn missing(&self) -> Vec<usize> {
        self.job.missing()
    }

    /// The proof, checked. After a refusal (another worker sent wrong
    /// sums) the shares can be computed here and this called again.
    pub fn finish(&mut self) -> Result<Proven, ClientError> {
        if self.pending.is_none() {
            return Err(fail("this proof was already finished"));
        }
        let proof = self
            .job
            .finish(&self.prover)
            .map_err(|e| fail(format!("proving failed: {e}")))?;
        match self.pending.take() {
            Some(pending) => Ok(pending.finish(proof)),
            None => Err(fail("this proof was already finished")),
        }
    }
}

fn share_error(e: groth16::KeyError) -> ClientError {
    fail(format!("proving failed: {e}"))
}

/// Another worker's part of a proof: its share of the proving key, which
/// sums the scalars of the same share.
pub struct ProvingShare(shares::KeyShare);

impl ProvingShare {
    /// Share `index` of `of` of the key in a proving key file.
    pub fn read(proving_key: &[u8], index: usize, of: usize) -> Result<Self, ClientError> {
        shares::KeyShare::read(proving_key, index, of)
            .map(ProvingShare)
            .map_err(|e| fail(format!("the newsroom's proving key could not be read: {e}")))
    }

    /// The encoded sums for a share's encoded scalars.
    pub fn sum(&self, scalars: &[u8]) -> Result<Vec<u8>, ClientError> {
        let scalars = shares::Scalars::from_bytes(scalars).map_err(share_error)?;
        Ok(self.0.sum(&scalars).map_err(share_error)?.to_bytes())
    }
}

/// A sealed envelope and what the source is told about it.
pub struct Sealed {
    /// The age file.
    pub envelope: Vec<u8>,
    /// What was removed.
    pub report: StripReport,
    /// `C`, `0x…`.
    pub commitment: String,
    /// The kind of key it is sealed to.
    pub kind: Kind,
}

impl Sealed {
    /// The strip report as JSON, with its one-line summary and what
    /// protects the envelope (`sealed_to`).
    pub fn report_json(&self) -> String {
        let mut v = serde_json::to_value(&self.report).unwrap_or_default();
        v["summary"] = self.report.summary().into();
        v["sealed_to"] = self.kind.describe().into();
        v.to_string()
    }
}

/// What the source sends with a file, and whether a file Darkroom cannot
/// clean goes as it is (the source chose so for this file) or is refused.
#[derive(Debug, Default)]
pub struct Send {
    /// A message for the newsroom.
    pub message: Option<String>,
    /// The codename's reply recipient.
    pub reply_recipient: Option<String>,
    /// The source's explicit choice to send an uncleanable file as it is.
    pub send_as_is: bool,
    /// The source's explicit choice, for this file, to keep its Content
    /// Credentials for the newsroom: the original is sealed too.
    pub keep_credentials: bool,
}

/// Strips and seals `bytes` to the newsroom's recipients (the manifest's,
/// never the page's); with `proven`, its opening goes inside and the file
/// must still have the digest the proof was made for; with a codename,
/// its reply recipient goes inside too.
pub fn seal(
    bytes: &[u8],
    name: &str,
    newsroom: &Newsroom,
    send: Send,
    proven: Option<&Proven>,
) -> Result<Sealed, ClientError> {
    let mut envelope = Vec::with_capacity(bytes.len() + bytes.len() / 8 + 4096);
    let mut sealed = seal_stream(
        Cursor::new(bytes),
        name,
        newsroom,
        send,
        proven,
        &mut envelope,
    )?;
    sealed.envelope = envelope;
    Ok(sealed)
}

/// As [`seal`], reading `input` and writing the envelope to `output` as it
/// is made, so that neither the file nor its envelope is ever whole in
/// memory (the returned `envelope` is empty).
pub fn seal_stream<R: Read + Seek, W: Write>(
    input: R,
    name: &str,
    newsroom: &Newsroom,
    send: Send,
    proven: Option<&Proven>,
    mut output: W,
) -> Result<Sealed, ClientError> {
    let options = SealOptions {
        message: send.message.filter(|m| !m.is_empty()),
        reply_recipient: send.reply_recipient.filter(|r| !r.is_empty()),
        uncleanable: if send.send_as_is {
            Uncleanable::SendAsIs
        } else {
            Uncleanable::Refuse
        },
        keep_credentials: send.keep_credentials,
        ..SealOptions::new(name, newsroom.manifest.recipients.clone())
    }
    .proven(proven);
    let receipt = envelope::seal(input, options, &mut output)?;
    output.flush().map_err(Error::from)?;
    Ok(Sealed {
        envelope: Vec::new(),
        report: receipt.strip_report,
        commitment: field::to_hex(&receipt.commitment.0),
        kind: receipt.kind,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use darkroom_circuits::eddsa::PrivateKey;
    use darkroom_core::registry::Registry;

    fn attested(lat: Option<(f64, f64)>) -> Attestation {
        let key = PrivateKey::from_bytes([7; 32]);
        let (la, lo) = match lat {
            Some((a, b)) => (
                capture::shift_lat(a).unwrap(),
                capture::shift_lon(b).unwrap(),
            ),
            None => (NO_FIX, NO_FIX),
        };
        Attestation::sign(&key, &ContentDigest([1; 32]), 1_700_000_000, la, lo)
    }

    #[test]
    fn region_cells_hold_the_capture() {
        let a = attested(Some((48.8566, 2.3522)));
        assert_eq!(
            region_for("cell:10", &a).unwrap(),
            Region::Box(40.0, 0.0, 50.0, 10.0)
        );
        assert_eq!(
            region_for("cell:1", &a).unwrap(),
            Region::Box(48.0, 2.0, 49.0, 3.0)
        );
        let south = attested(Some((-33.9, -70.6)));
        assert_eq!(
            region_for("cell:5", &south).unwrap(),
            Region::Box(-35.0, -75.0, -30.0, -70.0)
        );
        // The poles and the antimeridian stay inside valid coordinates.
        let edge = attested(Some((90.0, 180.0)));
        assert_eq!(
            region_for("cell:30", &edge).unwrap(),
            Region::Box(60.0, 150.0, 90.0, 180.0)
        );
        assert_eq!(region_for("none", &edge).unwrap(), Region::None);
    }

    #[test]
    fn region_refuses_odd_choices_and_missing_fixes() {
        let a = attested(Some((1.0, 1.0)));
        for bad in ["cell:3", "cell:", "cell:-1", "box", "10", ""] {
            assert!(
                matches!(region_for(bad, &a), Err(ClientError(m)) if m.contains("is not a region choice")),
                "{bad}"
            );
        }
        let e = region_for("cell:10", &attested(None)).unwrap_err();
        assert!(e.0.contains("no position fix"), "{e}");
    }

    #[test]
    fn inspect_reports_a_file_without_attestation() {
        let text = inspect(b"plain notes\n", "notes.txt", None).unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["capture"], serde_json::Value::Null);
        assert_eq!(v["metadata_removed"], false);
        assert!(v["summary"].as_str().unwrap().contains("NOT removed"));
    }

    #[test]
    fn inspect_names_a_broken_sidecar() {
        let text = inspect(b"plain notes\n", "notes.txt", Some("{")).unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert!(v["capture"]["error"].as_str().is_some(), "{v}");
    }

    /// A signed manifest for these tests, the key that signed it, and the
    /// configuration and code it vouches for.
    fn signed() -> (Vec<u8>, String, String, String, String) {
        signed_with(None, false)
    }

    /// The same, listing `registry` (with the proof keys `"00…"`).
    fn signed_with(
        registry: Option<&Registry>,
        demo: bool,
    ) -> (Vec<u8>, String, String, String, String) {
        signed_for(registry, demo, &"00".repeat(32))
    }

    /// The same, with v2 proof keys whose circuit id is `id`.
    fn signed_for(
        registry: Option<&Registry>,
        demo: bool,
        id: &str,
    ) -> (Vec<u8>, String, String, String, String) {
        let kp = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
        let key = NewsroomKey::parse(&kp.pk.to_base64()).unwrap();
        let recipient = age::x25519::Identity::generate().to_public().to_string();
        let m = Manifest {
            format: newsroom::FORMAT.into(),
            version: newsroom::VERSION,
            newsroom: "Desk".into(),
            signing_key: key.to_base64(),
            demo,
            recipients: vec![recipient.clone()],
            registries: registry
                .iter()
                .map(|r| newsroom::RegistryAnchor {
                    root: field::to_hex(&r.root(statement::Version::V2)),
                    devices: r.devices().len(),
                })
                .collect(),
            circuit: registry.map(|_| newsroom::CircuitAnchor {
                statement: statement::Version::V2.id().into(),
                id: id.to_string(),
                setup: "development".into(),
            }),
            client: newsroom::ClientAnchor {
                release: "0".into(),
                bundle_sha256: "11".repeat(32),
                wasm_sha256: "22".repeat(32),
                scripts: [("worker.js".to_string(), "sha384-w".to_string())].into(),
            },
            onion: Some("desk234.onion".into()),
            issued: 100,
            expires: 1_000,
        };
        let json = m.to_json().into_bytes();
        let sig = minisign::sign(None, &kp.sk, &json[..], None, None)
            .unwrap()
            .into_string();
        let roots: Vec<String> = registry
            .iter()
            .map(|r| field::to_hex(&r.root(statement::Version::V2)))
            .collect();
        let circuit = registry.map(|_| id.to_string());
        let setup = registry.map(|_| "development");
        let config = json!({
            "format": "darkroom-config", "version": 1, "demo": demo,
            "newsroom": "Desk", "recipients": [recipient], "registry_roots": roots,
            "circuit_id": circuit, "keys_setup": setup,
            "client": {"bundle_sha256": "11".repeat(32), "wasm_sha256": "22".repeat(32)},
        })
        .to_string();
        let loaded = json!({"wasm_sha256": "22".repeat(32), "scripts": {"worker.js": "sha384-w"}})
            .to_string();
        (json, sig, config, loaded, key.to_base64())
    }

    #[test]
    fn the_page_believes_only_a_manifest_that_vouches_for_everything() {
        let (json, sig, config, loaded, key) = signed();
        let n = newsroom(&json, &sig, 500, None, &config, "desk234.onion", &loaded).unwrap();
        assert_eq!(n.key.to_base64(), key);
        let summary: serde_json::Value = serde_json::from_str(&n.summary_json()).unwrap();
        assert_eq!(summary["fingerprint"], n.key.fingerprint());
        // Sealing uses the manifest's recipients, whatever the page says.
        let as_is = || Send {
            send_as_is: true,
            ..Send::default()
        };
        let sealed = seal(b"%PDF-1.7 x", "a.pdf", &n, as_is(), None).unwrap();
        assert!(!sealed.envelope.is_empty());
        // A file it cannot clean, unless the source chose to send it as is.
        let Err(e) = seal(b"%PDF-1.7 x", "a.pdf", &n, Send::default(), None) else {
            panic!("sealed a PDF it cannot clean");
        };
        assert!(
            e.0.contains("was refused, because Darkroom cannot remove its metadata"),
            "{}",
            e.0
        );

        // What the page is refused with, changing one thing at a time.
        let check = |json: &[u8],
                     now: u64,
                     pinned: Option<&str>,
                     config: &str,
                     host: &str,
                     loaded: &str| {
            newsroom(json, &sig, now, pinned, config, host, loaded)
                .err()
                .map(|e| e.0)
        };
        let host = "desk234.onion";
        // A pasted key that is not the signer's.
        let other = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
        let e = check(
            &json,
            500,
            Some(&other.pk.to_base64()),
            &config,
            host,
            &loaded,
        )
        .unwrap();
        assert!(e.contains("not signed by the newsroom key"), "{e}");
        // A configuration rewritten to another recipient.
        let attacker = age::x25519::Identity::generate().to_public().to_string();
        let mut edited: serde_json::Value = serde_json::from_str(&config).unwrap();
        edited["recipients"] = json!([attacker]);
        let e = check(&json, 500, None, &edited.to_string(), host, &loaded).unwrap();
        assert!(e.contains("disagrees"), "{e}");
        // The manifest itself rewritten.
        let rewritten = String::from_utf8(json.clone())
            .unwrap()
            .replace("Desk", "Dusk");
        assert!(check(rewritten.as_bytes(), 500, None, &config, host, &loaded).is_some());
        // Another onion, an expired manifest, other code.
        assert!(check(&json, 500, None, &config, "phish234.onion", &loaded).is_some());
        assert!(check(&json, 5_000, None, &config, host, &loaded).is_some());
        let other_code = loaded.replace("sha384-w", "sha384-x");
        assert!(check(&json, 500, None, &config, host, &other_code).is_some());
        let other_wasm = loaded.replace(&"22".repeat(32), &"33".repeat(32));
        assert!(check(&json, 500, None, &config, host, &other_wasm).is_some());
    }

    /// A registry of one device names the camera: refused, unless the
    /// newsroom's manifest says it is a demo.
    #[test]
    fn a_one_device_registry_is_refused_unless_the_manifest_is_a_demo() {
        let device = PrivateKey::from_bytes([7; 32]);
        let registry = Registry::new(vec![device.public()]).unwrap();
        let bytes = b"%PDF-1.7 a memo";
        let (digest, _) = ContentDigest::of(&bytes[..], Some("memo.pdf")).unwrap();
        let sidecar = Attestation::sign(&device, &digest, 1_700_000_000, NO_FIX, NO_FIX).to_json();
        for demo in [false, true] {
            let (json, sig, config, loaded, _) = signed_with(Some(&registry), demo);
            let n = newsroom(&json, &sig, 500, None, &config, "127.0.0.1", &loaded).unwrap();
            let e = prove(
                bytes,
                "memo.pdf",
                Some(&sidecar),
                &[registry.to_json()],
                b"no key",
                &n,
                "day",
                "none",
            )
            .err()
            .unwrap()
            .0;
            if demo {
                // Past the anonymity check, to the (missing) proving key.
                assert!(e.contains("proving key could not be read"), "{e}");
            } else {
                assert!(
                    e.contains("only 1 device(s), fewer than the 32 needed"),
                    "{e}"
                );
            }
        }
    }

    #[test]
    fn prove_refuses_before_any_work() {
        let (json, sig, config, loaded, _) = signed();
        let n = newsroom(&json, &sig, 500, None, &config, "127.0.0.1", &loaded).unwrap();
        let r = prove(b"plain", "a.txt", None, &[], &[], &n, "week", "none");
        assert!(r.err().unwrap().0.contains("time window"));
        let r = prove(b"plain", "a.txt", None, &[], &[], &n, "day", "none");
        assert!(r.err().unwrap().0.contains("no capture attestation"));
    }

    /// A proof in three shares, two of them summed by other workers from
    /// the bytes they would be sent, verifies; wrong sums from a worker
    /// are caught before a proof is returned, and the share can then be
    /// computed here.
    #[test]
    fn a_proof_in_shares_verifies_and_a_wrong_share_is_caught() {
        use darkroom_circuits::groth16::{Setup, Verifier};
        use darkroom_circuits::statement::Version;
        use rand::SeedableRng;
        let mut rng = rand::rngs::StdRng::seed_from_u64(5);
        let (pk, vk) = groth16::setup_dev(Version::V2, &mut rng).unwrap();
        let mut key = Vec::new();
        groth16::write_proving_key(&pk, Version::V2, Setup::Development, &mut key).unwrap();
        let id = hex::encode(groth16::circuit_id(&vk));
        let verifier = Verifier::new(vk, Version::V2, Setup::Development);
        let device = PrivateKey::from_bytes([7; 32]);
        let registry = Registry::new(vec![device.public()]).unwrap();
        let bytes = b"%PDF-1.7 a memo";
        let (digest, _) = ContentDigest::of(&bytes[..], Some("memo.pdf")).unwrap();
        let sidecar = Attestation::sign(&device, &digest, 1_700_000_000, NO_FIX, NO_FIX).to_json();
        let (json, sig, config, loaded, _) = signed_for(Some(&registry), true, &id);
        let n = newsroom(&json, &sig, 500, None, &config, "127.0.0.1", &loaded).unwrap();
        let registries = [registry.to_json()];
        let start = || {
            start_proof(
                bytes,
                "memo.pdf",
                Some(&sidecar),
                &registries,
                &key,
                &n,
                "day",
                "none",
                3,
            )
            .unwrap()
        };
        let helpers = [1, 2].map(|i| ProvingShare::read(&key, i, 3).unwrap());

        let mut s = start();
        assert_eq!((s.shares(), s.missing()), (3, vec![0, 1, 2]));
        s.compute(0).unwrap();
        for (i, h) in [1, 2].into_iter().zip(&helpers) {
            let sums = h.sum(&s.scalars(i).unwrap()).unwrap();
            s.add(&sums).unwrap();
        }
        assert!(s.missing().is_empty());
        let proven = s.finish().unwrap();
        verifier
            .verify(&proven.bundle.public, &proven.bundle.proof)
            .unwrap();
        assert_eq!(proven.devices, 1);
        assert!(s.finish().err().unwrap().0.contains("already finished"));

        // Share 1's sums sent again as share 2's.
        let mut s = start();
        s.compute(0).unwrap();
        let one = helpers[0].sum(&s.scalars(1).unwrap()).unwrap();
        s.add(&one).unwrap();
        let mut as_two = one.clone();
        as_two[0] = 2;
        s.add(&as_two).unwrap();
        let e = s.finish().err().unwrap().0;
        assert!(e.starts_with("proving failed"), "{e}");
        s.compute(2).unwrap();
        let proven = s.finish().unwrap();
        verifier
            .verify(&proven.bundle.public, &proven.bundle.proof)
            .unwrap();

        // A worker asked for another share's sums, or sent garbage.
        let s = start();
        assert!(
            matches!(helpers[0].sum(&s.scalars(2).unwrap()), Err(ClientError(m)) if m.contains("proof share is corrupt"))
        );
        let mut s = start();
        assert!(
            matches!(s.add(b"not sums"), Err(ClientError(m)) if m.contains("proof share is corrupt"))
        );
        assert!(
            matches!(s.scalars(3), Err(ClientError(m)) if m.contains("proof share is corrupt"))
        );
        assert!(
            matches!(ProvingShare::read(b"no key", 0, 2), Err(ClientError(m)) if m.contains("bad header"))
        );
        assert!(
            matches!(ProvingShare::read(&key, 2, 2), Err(ClientError(m)) if m.contains("proof share is corrupt"))
        );
    }
}

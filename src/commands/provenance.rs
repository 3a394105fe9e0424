//! Capture devices, the device registry, proof keys, proving, verifying and
//! exporting provenance proofs.

use std::io::{BufReader, Cursor, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use darkroom_circuits::eddsa::{self, PrivateKey};
use darkroom_circuits::groth16::{self, Setup, Verifier};
use darkroom_circuits::statement::{Version, NO_FIX};
use darkroom_circuits::{field, snarkjs};
use darkroom_core::bundle::Bundle;
use darkroom_core::capture::{self, Attestation};
use darkroom_core::digest::{ContentDigest, Opening};
use darkroom_core::newsroom::{Manifest, NewsroomKey};
use darkroom_core::provenance::{self, Region, TimeWindow, TrustedRoot};
use darkroom_core::publication::{Kept, Publication};
use darkroom_core::registry::Registry;
use darkroom_core::source::{self, ProofRequest};
use darkroom_core::tiles::Seed;
use darkroom_core::{MediaKind, ProofError};
use rand::rngs::OsRng;
use rand::RngCore;
use zeroize::Zeroizing;

use crate::cli::{CaptureSignArgs, ExportSnarkjsArgs, ProofArgs, ProveArgs, VerifyArgs};
use crate::output::{open_input, with_suffix, Pending};

const PROVING_KEY: &str = "proving.key";
const VERIFYING_KEY: &str = "verifying.key";
const DEVICE_KEY_HEADER: &str = "darkroom-device-key v1";

pub(super) fn read_all(path: &Path) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    open_input(path)?.read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut out = Pending::beside(path)?;
    out.write_all(bytes)?;
    out.commit(path)
}

fn write_new(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut out = Pending::beside(path)?;
    out.write_all(bytes)?;
    out.commit_new(path)
        .with_context(|| format!("{} already exists; it was left alone", path.display()))
}

pub fn setup_dev(dir: &Path, version: Version) -> Result<ExitCode> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    for name in [PROVING_KEY, VERIFYING_KEY] {
        if dir.join(name).exists() {
            bail!(
                "{} already exists; it was left alone",
                dir.join(name).display()
            );
        }
    }
    eprintln!("WARNING: DEVELOPMENT KEYS. This setup ran on one machine, so whoever ran it");
    eprintln!("WARNING: knows its trapdoor and can forge proofs of anything. Never use these");
    eprintln!(
        "WARNING: keys for real submissions; production keys come from a multi-party ceremony."
    );
    let (pk, vk) = groth16::setup_dev(version, &mut OsRng)?;
    let mut pk_bytes = Vec::new();
    groth16::write_proving_key(&pk, version, Setup::Development, &mut pk_bytes)?;
    let mut vk_bytes = Vec::new();
    groth16::write_verifying_key(&vk, version, Setup::Development, &mut vk_bytes)?;
    write_new(&dir.join(PROVING_KEY), &pk_bytes)?;
    write_new(&dir.join(VERIFYING_KEY), &vk_bytes)?;
    println!(
        "development keys for {} written to {}",
        version.id(),
        dir.display()
    );
    println!("circuit id: {}", hex::encode(groth16::circuit_id(&vk)));
    Ok(ExitCode::SUCCESS)
}

pub fn device_keygen(path: &Path) -> Result<ExitCode> {
    let mut secret = Zeroizing::new([0u8; 32]);
    OsRng.fill_bytes(&mut secret[..]);
    let key = PrivateKey::from_bytes(*secret);
    let text = Zeroizing::new(format!(
        "{DEVICE_KEY_HEADER}\n{}\n",
        hex::encode(key.as_bytes())
    ));
    write_new(path, text.as_bytes())?;
    println!("{}", eddsa::public_key_hex(&key.public()));
    Ok(ExitCode::SUCCESS)
}

pub fn read_device_key(path: &Path) -> Result<PrivateKey> {
    let mut text = Zeroizing::new(String::new());
    open_input(path)?
        .take(4096)
        .read_to_string(&mut text)
        .with_context(|| format!("{} is not a device key", path.display()))?;
    let mut lines = text.lines();
    if lines.next() != Some(DEVICE_KEY_HEADER) {
        bail!("{} is not a Darkroom device key", path.display());
    }
    let mut bytes = Zeroizing::new([0u8; 32]);
    let hex_line = lines.next().unwrap_or("").trim();
    hex::decode_to_slice(hex_line, &mut bytes[..])
        .ok()
        .filter(|_| lines.all(|l| l.trim().is_empty()))
        .with_context(|| format!("{} is not a valid device key", path.display()))?;
    Ok(PrivateKey::from_bytes(*bytes))
}

/// `PHOTO.jpg` → `PHOTO.capture.json`.
fn sidecar_path(image: &Path) -> PathBuf {
    image.with_extension("capture.json")
}

pub fn sign(args: &CaptureSignArgs) -> Result<ExitCode> {
    let (input, output) = (&args.input, &args.output);
    let key = read_device_key(&args.key)?;
    let bytes = read_all(input)?;
    let (digest, report) = ContentDigest::of(Cursor::new(&bytes), Some(&super::file_name(input)))?;
    let jpeg = report.media_type == MediaKind::Jpeg.media_type();
    let t = match args.time {
        Some(t) => t,
        None => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0),
    };
    let (lat, lon) = match args.lat.zip(args.lon) {
        Some((lat, lon)) => (capture::shift_lat(lat)?, capture::shift_lon(lon)?),
        None => (NO_FIX, NO_FIX),
    };
    let attestation = if jpeg && !args.v1 {
        let c = darkroom_core::jpeg::decode(&bytes).map_err(|e| {
            anyhow::anyhow!(
                "cannot sign this JPEG's tiles ({e}); --v1 signs its content digest instead"
            )
        })?;
        Attestation::sign_tiles(&key, &c, t, lat, lon)
    } else {
        Attestation::sign(&key, &digest, t, lat, lon)
    };
    if args.sidecar {
        write_file(output, &bytes)?;
        let path = sidecar_path(output);
        write_file(&path, attestation.to_json().as_bytes())?;
        println!("attestation written to {}", path.display());
    } else {
        if !jpeg {
            bail!(
                "only JPEG photos can carry an embedded attestation; use --sidecar for this file"
            );
        }
        write_file(output, &capture::embed_in_jpeg(&bytes, &attestation)?)?;
        println!("signed photo written to {}", output.display());
    }
    if attestation.seed.is_some() {
        println!(
            "tile root: {} (attestation version 2: parts of the photo can be published)",
            ContentDigest(attestation.capture.digest).to_hex()
        );
    } else {
        println!("content digest: {}", digest.to_hex());
    }
    println!("device: {}", eddsa::public_key_hex(&attestation.device));
    Ok(ExitCode::SUCCESS)
}

pub fn registry_build(input: &Path, output: &Path) -> Result<ExitCode> {
    let text = String::from_utf8(read_all(input)?)
        .with_context(|| format!("{} is not a text file", input.display()))?;
    let registry = Registry::from_device_list(&text)?;
    write_file(output, registry.to_json().as_bytes())?;
    println!(
        "{} devices; root {} (v1), {} (v2)",
        registry.devices().len(),
        field::to_hex(&registry.root(Version::V1)),
        field::to_hex(&registry.root(Version::V2))
    );
    Ok(ExitCode::SUCCESS)
}

pub(super) fn load_registry(path: &Path) -> Result<Registry> {
    let text = String::from_utf8(read_all(path)?)
        .with_context(|| format!("{} is not a registry file", path.display()))?;
    Ok(Registry::from_json(&text)?)
}

pub fn registry_root(input: &Path, version: Version) -> Result<ExitCode> {
    println!("{}", field::to_hex(&load_registry(input)?.root(version)));
    Ok(ExitCode::SUCCESS)
}

/// Reads the verifying key in `keys`. Development keys are refused
/// unless `insecure_dev_keys`: whoever made them can forge proofs.
pub(super) fn load_verifier(keys: &Path, insecure_dev_keys: bool) -> Result<Verifier> {
    let path = keys.join(VERIFYING_KEY);
    let file = BufReader::new(open_input(&path)?);
    let (vk, version, setup) = groth16::read_verifying_key(file)
        .with_context(|| format!("cannot use {}", path.display()))?;
    if setup.is_development() && !insecure_dev_keys {
        bail!(
            "{} holds development keys (darkroom setup --dev): whoever made them can forge proofs of anything. \
             Use keys from a ceremony (darkroom ceremony finalize), or pass --insecure-dev-keys to accept them for testing",
            path.display()
        );
    }
    Ok(Verifier::new(vk, version, setup))
}

/// The attestation for a photo: `--attestation`, else an APP11 segment,
/// else a sidecar beside the photo.
fn load_attestation(image: &Path, bytes: &[u8], explicit: Option<&Path>) -> Result<Attestation> {
    if let Some(path) = explicit {
        return read_sidecar(path);
    }
    if MediaKind::sniff(bytes) == MediaKind::Jpeg {
        if let Some(att) = capture::find_in_jpeg(bytes)? {
            return Ok(att);
        }
    }
    let path = sidecar_path(image);
    if path.exists() {
        return read_sidecar(&path);
    }
    Err(ProofError::NoAttestation.into())
}

fn read_sidecar(path: &Path) -> Result<Attestation> {
    let text = String::from_utf8(read_all(path)?).map_err(|_| {
        ProofError::Attestation(format!("{} is not a JSON sidecar", path.display()))
    })?;
    Ok(Attestation::from_json(&text)?)
}

pub use darkroom_core::source::Proven;

/// Proves `input`'s provenance as `args` asks, against the largest of the
/// `--registry` files that holds the camera. With a newsroom's manifest,
/// only registries it lists (with the same device count) and the proof
/// keys it names are used.
pub fn make_proof(input: &Path, args: &ProofArgs, newsroom: Option<&Manifest>) -> Result<Proven> {
    let Some(keys) = &args.keys else {
        bail!("proving needs --registry and --keys");
    };
    if args.registry.is_empty() {
        bail!("proving needs --registry and --keys");
    }
    let window: TimeWindow = args.time_window.parse()?;
    let region: Region = args.region.parse()?;
    let mut registries = Vec::new();
    for path in &args.registry {
        let r = load_registry(path)?;
        if let Some(m) = newsroom {
            // Named here, with the file; plan_proof refuses it too.
            m.check_registry(&r)
                .with_context(|| format!("cannot prove against {}", path.display()))?;
        }
        registries.push(r);
    }
    let bytes = read_all(input)?;
    let attestation = load_attestation(input, &bytes, args.attestation.as_deref())?;
    let name = super::file_name(input);
    let checked = source::check_proof(ProofRequest {
        bytes: &bytes,
        name: &name,
        attestation: Some(attestation),
        registries: &registries,
        newsroom,
        min_anonymity: args.min_anonymity,
        window,
        region,
    })?;
    let path = keys.join(PROVING_KEY);
    let prover = groth16::Prover::read(BufReader::new(open_input(&path)?))
        .with_context(|| format!("cannot use {}", path.display()))?;
    let version = prover.version();
    let circuit_id = groth16::circuit_id(&prover.key().vk);
    if let Some(m) = newsroom {
        m.check_keys(version, &circuit_id).with_context(|| {
            format!(
                "{} cannot make proofs this newsroom accepts",
                path.display()
            )
        })?;
    }
    let planned = checked.plan(version, circuit_id)?;
    let proof = prover.prove(&planned.public, planned.witness, &mut OsRng)?;
    Ok(planned.pending.finish(proof))
}

/// Writes a bundle: binary for a `.bin` name, JSON otherwise.
pub fn write_bundle(bundle: &Bundle, path: &Path) -> Result<()> {
    if path.extension().is_some_and(|e| e == "bin") {
        write_file(path, &bundle.to_bytes())
    } else {
        write_file(path, bundle.to_json().as_bytes())
    }
}

pub fn prove_cmd(args: &ProveArgs) -> Result<ExitCode> {
    let (output, opening_out) = (&args.output, &args.opening_out);
    let proven = make_proof(&args.input, &args.proof, None)?;
    // A version 2 capture: the tile seed goes with the opening, in the
    // form `newsroom open` keeps (and `darkroom publish` reads).
    let opening = match &proven.tiles {
        Some(tiles) => Kept {
            format: darkroom_core::publication::KEPT_FORMAT.into(),
            commitment: proven.opening.commit(&tiles.root),
            opening: proven.opening.clone(),
            tiles: tiles.clone(),
        }
        .to_json(),
        None => Zeroizing::new(format!("{}\n", field::to_hex(proven.opening.value()))),
    };
    write_file(opening_out, opening.as_bytes())?;
    write_bundle(&proven.bundle, output)?;
    println!("proof written to {}", output.display());
    println!(
        "it shows: {}",
        provenance::describe(&proven.bundle.public, Some(proven.devices))
    );
    println!(
        "the opening is in {}: keep it secret; with it and the photo, anyone can link the proof to the photo",
        opening_out.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// An opening file: `0x` and 64 hex digits (what `prove` writes for a
/// version 1 capture), or the JSON `newsroom open` and `prove` write for a
/// version 2 capture, which holds the tile seed too.
pub(super) fn read_opening(path: &Path) -> Result<(Opening, Option<Seed>)> {
    let text = Zeroizing::new(String::from_utf8(read_all(path)?).unwrap_or_default());
    if text.trim_start().starts_with('{') {
        let kept = Kept::from_json(&text)?;
        return Ok((kept.opening, Some(kept.tiles.seed)));
    }
    let r = field::from_hex(text.trim()).map_err(|_| {
        anyhow::anyhow!(
            "{} does not hold an opening (0x and 64 hex digits, or an opening file from newsroom open)",
            path.display()
        )
    })?;
    Ok((Opening::from(r), None))
}

/// The registries a verifier trusts: `--root` values (device count
/// unknown), `--registry` files, and the registries of a `--manifest`
/// checked against `--newsroom-key`.
fn trusted(args: &VerifyArgs) -> Result<Vec<TrustedRoot>> {
    let mut trusted = Vec::new();
    for r in &args.root {
        let root = field::from_hex(r.trim())
            .map_err(|_| anyhow::anyhow!("--root must be 0x and 64 hex digits"))?;
        trusted.push(TrustedRoot {
            root,
            devices: None,
        });
    }
    let registries = args
        .registry
        .iter()
        .map(|p| load_registry(p))
        .collect::<Result<Vec<_>>>()?;
    trusted.extend(TrustedRoot::of(&registries));
    if let Some((path, key)) = args.manifest.as_deref().zip(args.newsroom_key.as_deref()) {
        let key = NewsroomKey::parse(key)?;
        let json = read_all(path)?;
        let sig = String::from_utf8(read_all(&with_suffix(path, ".minisig"))?)
            .map_err(|_| anyhow::anyhow!("the manifest's signature is not text"))?;
        let m = Manifest::verify(&json, &sig, &key, crate::clock::now())?;
        trusted.extend(TrustedRoot::from_manifest(&m)?);
    }
    Ok(trusted)
}

pub fn verify(args: &VerifyArgs) -> Result<ExitCode> {
    let (image, opening) = (args.image.as_deref(), args.opening.as_deref());
    let bytes = read_all(&args.bundle)?;
    let (bundle, image, published) = if Publication::sniff(&bytes) {
        let publication = Publication::from_json(&String::from_utf8_lossy(&bytes))?;
        if opening.is_some() {
            bail!("a publication bundle holds its own opening; give only --image, the published image");
        }
        let Some(image) = image else {
            bail!("a publication bundle is checked against the published image: pass --image FILE");
        };
        // The image read, what it shows is checked: a refusal from here on
        // means it is not the publication (exit 3), not bad input.
        let checked = publication
            .check_image(&read_all(image)?)
            .map_err(|e| crate::exit::DoesNotHold(e.to_string()))?;
        (checked.bundle.clone(), None, Some(checked))
    } else {
        let image = match (image, opening) {
            (Some(image), Some(opening)) => {
                let (opening, seed) = read_opening(opening)?;
                let committed = match seed {
                    // Version 2: the commitment is to the tile root.
                    Some(seed) => {
                        let bytes = read_all(image)?;
                        let c = darkroom_core::publication::decode_bounded(&bytes, "photo").map_err(|e| {
                            crate::exit::DoesNotHold(format!(
                                "{} is not the one the proof commits to: its tiles cannot be read ({e})",
                                image.display()
                            ))
                        })?;
                        ContentDigest(darkroom_core::tiles::root(&c, &seed))
                    }
                    None => {
                        ContentDigest::of(
                            BufReader::new(open_input(image)?),
                            Some(&super::file_name(image)),
                        )?
                        .0
                    }
                };
                Some((committed, opening))
            }
            (Some(_), None) => {
                bail!("checking a photo against a proof needs its opening: pass --opening FILE")
            }
            _ => None,
        };
        (Bundle::parse(&bytes)?, image, None)
    };
    let verifier = load_verifier(&args.keys, args.insecure_dev_keys)?;
    let trusted = trusted(args)?;
    let image = image.as_ref().map(|(d, o)| (d, o));
    let shown = published.map(|c| format!("{}.", c.describe()));
    if trusted.is_empty() {
        // The proof is checked all the same, so an invalid one says so.
        let text = provenance::check(&bundle, &verifier, None, image)?;
        println!(
            "UNTRUSTED: the proof verifies, but registry {} is not one you said you trust, so it proves nothing about the camera: it could be a registry of one device, or of devices anyone holds the keys of.",
            field::to_hex(&bundle.public.root)
        );
        println!("It would show: {text}.");
        if let Some(shown) = shown {
            println!("{shown}");
        }
        println!("Keys: {}.", verifier.setup());
        println!("Pass --registry FILE, --root HEX or --manifest FILE --newsroom-key KEY for the registries you trust.");
        return Ok(ExitCode::from(crate::exit::DOES_NOT_HOLD));
    }
    let text = provenance::check(&bundle, &verifier, Some(&trusted), image)?;
    println!("VALID: {text}.");
    if let Some(shown) = shown {
        println!("{shown}");
    }
    println!("Keys: {}.", verifier.setup());
    Ok(ExitCode::SUCCESS)
}

pub fn export_snarkjs(args: &ExportSnarkjsArgs) -> Result<ExitCode> {
    let output = &args.output;
    let bundle = Bundle::parse(&read_all(&args.bundle)?)?;
    // Exporting asserts nothing; whoever checks the export judges the keys.
    let verifier = load_verifier(&args.keys, true)?;
    if &bundle.circuit_id != verifier.circuit_id() {
        bail!("the bundle was made for other keys (its circuit id differs)");
    }
    let proof = groth16::decode_proof(&bundle.proof)?;
    std::fs::create_dir_all(output)
        .with_context(|| format!("cannot create {}", output.display()))?;
    write_file(
        &output.join("verification_key.json"),
        snarkjs::verification_key(verifier.key()).as_bytes(),
    )?;
    write_file(
        &output.join("proof.json"),
        snarkjs::proof(&proof).as_bytes(),
    )?;
    write_file(
        &output.join("public.json"),
        snarkjs::public(&bundle.public.to_field_elements()).as_bytes(),
    )?;
    println!(
        "wrote verification_key.json, proof.json and public.json to {}",
        output.display()
    );
    println!("check with: snarkjs groth16 verify verification_key.json public.json proof.json");
    Ok(ExitCode::SUCCESS)
}

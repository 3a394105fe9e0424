//! `darkroom demo`: the whole source-to-newsroom path on one machine, with
//! a demo key that says what it is.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};

use crate::cli::{
    CaptureSignArgs, NewsroomOpenArgs, ProofArgs, PublishArgs, SealArgs, SendArgs, StripArgs,
    VerifyArgs,
};
use crate::keys;

/// A sample photo with fake identifying metadata (made by
/// `tests/corpus/generate.sh`), used when no photo is given.
const SAMPLE: &[u8] = include_bytes!("../../assets/demo-photo.jpg");
const IDENTITY: &str = darkroom_server::config::DEMO_MARKER;
const DEVICE_KEY: &str = "DEMO-device.key";
const KEYS: &str = "DEMO-proof-keys";
/// The demo newsroom's signing key (its public key beside it, `.pub`).
pub const SIGNING_KEY: &str = "DEMO-newsroom-signing.key";

pub fn run(dir: &Path, photo: Option<&Path>) -> Result<ExitCode> {
    // A photo that cannot be read is refused before anything is made.
    if let Some(p) = photo {
        crate::output::open_input(p)?;
    }
    println!("================================================================");
    println!(" DARKROOM DEMO: the key below is a demo key, stored unprotected");
    println!(" in {}. Never use it for real submissions.", dir.display());
    println!("================================================================");
    let (identity_path, recipient) = newsroom_identity(dir)?;
    println!("newsroom recipient (public): {recipient}\n");

    let photo = match photo {
        Some(p) => p.to_path_buf(),
        None => {
            let p = dir.join("demo-photo.jpg");
            fs::write(&p, SAMPLE)?;
            p
        }
    };

    println!("0. A capture device signs the photo (DEMO device key and DEMO proof keys):");
    let proof_args = provenance_setup(dir)?;
    let is_jpeg = fs::read(&photo)?.starts_with(&[0xFF, 0xD8, 0xFF]);
    let signed = dir.join(format!(
        "signed-{}",
        photo
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    ));
    super::provenance::sign(&CaptureSignArgs {
        input: photo.clone(),
        key: dir.join(DEVICE_KEY),
        time: None,
        lat: None,
        lon: None,
        sidecar: !is_jpeg,
        v1: false,
        output: signed.clone(),
    })?;

    println!("\n1. The source strips the photo on their own device:");
    super::strip::run(&StripArgs {
        input: signed.clone(),
        output: dir.join("stripped.jpg"),
        report_json: None,
        send_as_is: false,
    })?;

    println!("\n2. The source seals it to the newsroom and proves where it came from;");
    println!("   the envelope and the proof are all a server ever sees:");
    let sealed = dir.join("envelope.age");
    let registries = proof_args.registry.clone();
    super::seal::run(&SealArgs {
        input: signed,
        to: vec![recipient],
        message: Some("Demo message: this is what the source writes.".to_string()),
        message_file: None,
        naming: SendArgs {
            file_name: None,
            send_as_is: false,
            keep_credentials: false,
        },
        output: sealed.clone(),
        prove: true,
        proof: proof_args,
    })?;
    println!(
        "envelope size: {} bytes (padded)",
        fs::metadata(&sealed)?.len()
    );

    println!("\n3. The newsroom opens it offline and checks the digest:");
    let opened = dir.join("opened");
    if opened.exists() {
        fs::remove_dir_all(&opened)?;
    }
    super::newsroom::open(&NewsroomOpenArgs {
        input: sealed.clone(),
        identities: vec![identity_path],
        output: opened.clone(),
        keys: None,
        registry: Vec::new(),
        insecure_dev_keys: false,
        c2pa_trust: None,
    })?;

    println!("\n4. Anyone who trusts the registry checks the proof, without the photo");
    println!("   (the DEMO registry holds one device, so this proof hides nothing about it):");
    // The demo's own development keys, labelled as such.
    let verify = |bundle: PathBuf, image: Option<PathBuf>| {
        super::provenance::verify(&VerifyArgs {
            bundle,
            keys: dir.join(KEYS),
            root: Vec::new(),
            registry: registries.clone(),
            manifest: None,
            newsroom_key: None,
            image,
            opening: None,
            insecure_dev_keys: true,
        })
    };
    verify(super::seal::bundle_path(&sealed), None)?;
    // A JPEG signed with a version 2 attestation can be published in part.
    let opened_photo = opened.join(format!(
        "signed-{}",
        photo
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    ));
    if super::publish::opening_path(&opened_photo).exists() {
        println!("\n5. The newsroom publishes part of the photo, cropped with one area hidden,");
        println!("   and anyone checks that what is shown is untouched:");
        let c = darkroom_core::jpeg::decode(&fs::read(&opened_photo)?)?;
        let (w, h) = (usize::from(c.width), usize::from(c.height));
        let crop = format!("{},{},{},{}", w / 8, h / 8, w * 3 / 4, h * 3 / 4);
        let redact = [format!("{},{},{},{}", w / 2, h / 2, w / 8, h / 8)];
        let public = dir.join("public.jpg");
        let proof = dir.join("public.proof.json");
        super::publish::run(&PublishArgs {
            input: opened_photo,
            opening: None,
            bundle: Some(super::seal::bundle_path(&sealed)),
            redact: redact.to_vec(),
            crop: Some(crop),
            keys: None,
            insecure_dev_keys: true,
            output: public.clone(),
            proof: proof.clone(),
        })?;
        verify(proof, Some(public))?;
    }
    println!(
        "\nDone. Compare {} with the original using `exiftool -a -G1`.",
        opened.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// The demo newsroom identity in `dir`, made once: (file, recipient).
pub fn newsroom_identity(dir: &Path) -> Result<(std::path::PathBuf, String)> {
    fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let identity_path = dir.join(IDENTITY);
    if !identity_path.exists() {
        keys::generate(&identity_path, None, darkroom_core::recipient::Kind::Hybrid)?;
        println!("made a demo newsroom identity: {}", identity_path.display());
    }
    let recipient = recipient_of(&identity_path)?;
    Ok((identity_path, recipient))
}

/// The demo newsroom's signing key in `dir`, made once.
pub fn signing_key(dir: &Path) -> Result<keys::SigningKey> {
    let path = dir.join(SIGNING_KEY);
    if !path.exists() {
        keys::generate_signing(&path, None)?;
        println!("made a demo newsroom signing key: {}", path.display());
    }
    keys::read_signing(&path)
}

/// Demo proof keys, a demo capture device and a registry listing it, made
/// once in the demo folder.
pub fn provenance_setup(dir: &Path) -> Result<ProofArgs> {
    let keys = dir.join(KEYS);
    if !keys.join("verifying.key").exists() {
        super::provenance::setup_dev(&keys, darkroom_circuits::statement::Version::V2)?;
    }
    let device = dir.join(DEVICE_KEY);
    if !device.exists() {
        super::provenance::device_keygen(&device)?;
    }
    let public = super::provenance::read_device_key(&device)?.public();
    let devices = dir.join("DEMO-devices.txt");
    fs::write(
        &devices,
        format!("{}\n", darkroom_circuits::eddsa::public_key_hex(&public)),
    )?;
    let registry = dir.join("DEMO-registry.json");
    super::provenance::registry_build(&devices, &registry)?;
    Ok(ProofArgs {
        registry: vec![registry],
        // The DEMO registry lists the one demo device.
        min_anonymity: Some(1),
        keys: Some(keys),
        time_window: "month".into(),
        region: "none".into(),
        attestation: None,
    })
}

fn recipient_of(identity_path: &Path) -> Result<String> {
    let text = zeroize::Zeroizing::new(fs::read_to_string(identity_path)?);
    let line = text
        .lines()
        .find(|l| l.starts_with("AGE-SECRET-KEY-"))
        .context("the demo identity file is damaged; delete the demo folder and run again")?;
    let damaged = || anyhow::anyhow!("the demo identity file is damaged; delete the demo folder");
    // Demo folders made before hybrid keys hold an X25519 identity.
    if line.starts_with("AGE-SECRET-KEY-PQ-") {
        let identity: darkroom_core::hybrid::Identity = line.parse().map_err(|_| damaged())?;
        return Ok(identity.to_public().to_string());
    }
    let identity: age::x25519::Identity = line.parse().map_err(|_| damaged())?;
    Ok(identity.to_public().to_string())
}

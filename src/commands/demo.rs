//! `darkroom demo`: the whole source-to-newsroom path on one machine, with
//! a demo key that says what it is.

use std::fs;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};

use crate::keys;

/// A sample photo with fake identifying metadata (made by
/// `tests/corpus/generate.sh`), used when no photo is given.
const SAMPLE: &[u8] = include_bytes!("../../assets/demo-photo.jpg");
const IDENTITY: &str = "DEMO-newsroom-identity.txt";

pub fn run(dir: &Path, photo: Option<&Path>) -> Result<ExitCode> {
    println!("================================================================");
    println!(" DARKROOM DEMO: the key below is a demo key, stored unprotected");
    println!(" in {}. Never use it for real submissions.", dir.display());
    println!("================================================================");
    fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let identity_path = dir.join(IDENTITY);
    if !identity_path.exists() {
        keys::generate(&identity_path, None)?;
        println!("made a demo newsroom identity: {}", identity_path.display());
    }
    let recipient = recipient_of(&identity_path)?;
    println!("newsroom recipient (public): {recipient}\n");

    let photo = match photo {
        Some(p) => p.to_path_buf(),
        None => {
            let p = dir.join("demo-photo.jpg");
            fs::write(&p, SAMPLE)?;
            p
        }
    };

    println!("1. The source strips the photo on their own device:");
    super::strip::run(&photo, &dir.join("stripped.jpg"), None)?;

    println!("\n2. The source seals it to the newsroom; the envelope is all a server ever sees:");
    let sealed = dir.join("envelope.age");
    super::seal::run(
        &photo,
        vec![recipient],
        Some("Demo message: this is what the source writes.".to_string()),
        None,
        &sealed,
        None,
    )?;
    println!(
        "envelope size: {} bytes (padded)",
        fs::metadata(&sealed)?.len()
    );

    println!("\n3. The newsroom opens it offline and checks the digest:");
    let opened = dir.join("opened");
    if opened.exists() {
        fs::remove_dir_all(&opened)?;
    }
    super::newsroom::open(&sealed, &[identity_path], &opened)?;
    println!(
        "\nDone. Compare {} with the original using `exiftool -a -G1`.",
        opened.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn recipient_of(identity_path: &Path) -> Result<String> {
    let text = zeroize::Zeroizing::new(fs::read_to_string(identity_path)?);
    let line = text
        .lines()
        .find(|l| l.starts_with("AGE-SECRET-KEY-"))
        .context("the demo identity file is damaged; delete the demo folder and run again")?;
    let identity: age::x25519::Identity = line.parse().map_err(|_| {
        anyhow::anyhow!("the demo identity file is damaged; delete the demo folder")
    })?;
    Ok(identity.to_public().to_string())
}

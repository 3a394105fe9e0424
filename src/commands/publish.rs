//! `darkroom publish`: part of a signed photo, and the bundle that proves
//! it an untouched part of the capture.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use darkroom_core::bundle::Bundle;
use darkroom_core::publication::{self, Kept, Rect};
use zeroize::Zeroizing;

use super::provenance::read_all;
use crate::cli::PublishArgs;
use crate::output::{with_suffix, Pending};

pub fn run(a: &PublishArgs) -> Result<ExitCode> {
    let crop: Option<Rect> = a.crop.as_deref().map(str::parse).transpose()?;
    let redact: Vec<Rect> = a
        .redact
        .iter()
        .map(|r| r.parse())
        .collect::<Result<_, _>>()?;
    let opening_path = a.opening.clone().unwrap_or_else(|| opening_path(&a.input));
    let bundle_path = a
        .bundle
        .clone()
        .unwrap_or_else(|| with_suffix(&a.input, ".proof.json"));
    if !opening_path.exists() {
        bail!(
            "{} is missing: `newsroom open` writes it beside photos whose capture attestation is version 2, the only ones that can be published (or pass --opening FILE)",
            opening_path.display()
        );
    }
    let kept_text = Zeroizing::new(String::from_utf8(read_all(&opening_path)?).unwrap_or_default());
    let kept = Kept::from_json(&kept_text)?;
    let bundle = Bundle::parse(
        &read_all(&bundle_path)
            .with_context(|| "the photo's proof is needed (pass --bundle FILE)".to_string())?,
    )?;
    if let Some(keys) = &a.keys {
        let verifier = super::provenance::load_verifier(keys, a.insecure_dev_keys)?;
        bundle.verify(&verifier)?;
    }
    let photo = Zeroizing::new(read_all(&a.input)?);
    let published = publication::publish(
        &photo,
        &kept.tiles.seed,
        &kept.opening,
        &bundle,
        crop,
        &redact,
    )?;
    let mut image = Pending::beside(&a.output)?;
    image.write_all(&published.jpeg)?;
    let json = published.publication.to_json();
    let mut proof = Pending::beside(&a.proof)?;
    proof.write_all(json.as_bytes())?;
    image.commit(&a.output)?;
    proof.commit(&a.proof)?;

    if let Some(asked) = crop {
        if asked != published.crop {
            println!(
                "the crop {asked} snapped outward to the tile grid: {}",
                published.crop
            );
        }
    }
    let mut inside = published.redacted.iter();
    for asked in &redact {
        println!(
            "redaction {asked}: {}",
            match inside.next() {
                Some(r) if r == asked => "hidden exactly".to_string(),
                Some(r) => format!("hidden as {r} (snapped outward to the tile grid)"),
                None => "outside the crop, nothing to hide".to_string(),
            }
        );
    }
    println!("published image written to {}", a.output.display());
    let percent = |n: usize| 100.0 * json.len() as f64 / n.max(1) as f64;
    println!(
        "publication bundle written to {} ({} bytes: {:.2}% of the photo, {:.2}% of the published image)",
        a.proof.display(),
        json.len(),
        percent(photo.len()),
        percent(published.jpeg.len())
    );
    println!("{}.", published.checked.describe());
    Ok(ExitCode::SUCCESS)
}

/// Writes `PHOTO.opening.json` beside an opened photo that can be
/// published (`darkroom publish`). Mode 0600: it is secret until then.
pub fn keep_opening(kept: &Kept, photo: &Path) -> Result<()> {
    let mut out = Pending::beside(photo)?;
    out.write_all(kept.to_json().as_bytes())?;
    out.commit_new(&opening_path(photo))
}

/// `PHOTO` → `PHOTO.opening.json`.
pub fn opening_path(photo: &Path) -> std::path::PathBuf {
    with_suffix(photo, ".opening.json")
}

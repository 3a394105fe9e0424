use std::fs;
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use darkroom_core::envelope::{self, Opened};
use serde_json::json;

use crate::keys;
use crate::output::{open_input, Pending};

pub fn keygen(output: &Path, passphrase: bool) -> Result<ExitCode> {
    let passphrase = if passphrase {
        Some(keys::passphrase(
            "Passphrase for the new newsroom identity",
            true,
        )?)
    } else {
        None
    };
    let recipient = keys::generate(output, passphrase)?;
    eprintln!(
        "wrote the newsroom identity to {}; keep it on the offline machine",
        output.display()
    );
    println!("{recipient}");
    Ok(ExitCode::SUCCESS)
}

pub fn open(
    input: &Path,
    identities: &[PathBuf],
    outdir: &Path,
    keys: Option<&Path>,
    registry: Option<&Path>,
    insecure_dev_keys: bool,
) -> Result<ExitCode> {
    if let Some(export) = super::newsroom_export::Source::detect(input)? {
        return super::newsroom_export::run(
            export,
            identities,
            outdir,
            keys,
            registry,
            insecure_dev_keys,
        );
    }
    if keys.is_some() || registry.is_some() {
        bail!("--keys and --registry check the proofs in an export; give an export archive or its folder (proofs beside envelopes are checked with `darkroom verify`)");
    }
    let ids = keys::read(identities)?;
    let ids: Vec<&dyn age::Identity> = ids
        .iter()
        .map(|i| i.as_ref() as &dyn age::Identity)
        .collect();
    let envelopes = envelopes(input)?;
    // A folder made for this run is removed again if nothing was opened
    // into it, so a refused envelope leaves nothing behind.
    let made = !outdir.exists();
    fs::create_dir_all(outdir).with_context(|| format!("cannot create {}", outdir.display()))?;
    let result = open_all(&envelopes, &ids, outdir);
    if result.is_err() && made {
        // Only succeeds while the folder is empty.
        let _ = fs::remove_dir(outdir);
    }
    result
}

fn open_all(envelopes: &[PathBuf], ids: &[&dyn age::Identity], outdir: &Path) -> Result<ExitCode> {
    // One envelope: its error is the command's error, in one line.
    let single = envelopes.len() == 1;
    let mut failed = 0;
    for path in envelopes {
        match open_one(path, ids, outdir) {
            Ok(written) => println!(
                "{}: digest checked, opened as {}",
                path.display(),
                written.display()
            ),
            Err(e) if single => return Err(e),
            Err(e) => {
                failed += 1;
                eprintln!("darkroom: {}: {e:#}", path.display());
            }
        }
    }
    if failed > 0 {
        bail!(
            "{failed} of {} envelope(s) could not be opened; nothing was written for them",
            envelopes.len()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The envelope itself, or the regular files in a folder, in name order.
fn envelopes(input: &Path) -> Result<Vec<PathBuf>> {
    let meta =
        fs::symlink_metadata(input).with_context(|| format!("cannot open {}", input.display()))?;
    if !meta.is_dir() {
        return Ok(vec![input.to_path_buf()]);
    }
    let mut files = Vec::new();
    for entry in fs::read_dir(input)? {
        let entry = entry?;
        if entry.file_type()?.is_file() {
            files.push(entry.path());
        }
    }
    files.sort();
    if files.is_empty() {
        bail!("{} holds no envelopes", input.display());
    }
    Ok(files)
}

fn open_one(path: &Path, ids: &[&dyn age::Identity], outdir: &Path) -> Result<PathBuf> {
    let file = BufReader::new(open_input(path)?);
    let mut content = Pending::new_in(outdir)?;
    let Opened {
        manifest,
        commitment,
        content_len,
    } = envelope::open(file, ids, &mut content)?;
    let name = envelope::safe_file_name(&manifest.file_name);
    let dest = unique(outdir, &name);
    let mut meta = Pending::new_in(outdir)?;
    let record = json!({
        "envelope": path.file_name().map(|n| n.to_string_lossy()),
        "file": dest.file_name().map(|n| n.to_string_lossy()),
        "content_len": content_len,
        "commitment": commitment,
        "manifest": manifest,
    });
    serde_json::to_writer_pretty(&mut meta, &record)?;
    content.commit_new(&dest)?;
    meta.commit_new(&manifest_path(&dest))?;
    Ok(dest)
}

fn manifest_path(dest: &Path) -> PathBuf {
    let mut s = dest.as_os_str().to_owned();
    s.push(".manifest.json");
    PathBuf::from(s)
}

/// `name`, or `name (2)`, `name (3)`… whichever is free with its manifest.
pub(super) fn unique(dir: &Path, name: &str) -> PathBuf {
    let (stem, ext) = match name.rsplit_once('.') {
        Some((s, e)) if !s.is_empty() => (s.to_string(), format!(".{e}")),
        _ => (name.to_string(), String::new()),
    };
    (1..)
        .map(|i| {
            if i == 1 {
                dir.join(name)
            } else {
                dir.join(format!("{stem} ({i}){ext}"))
            }
        })
        .find(|p| !p.exists() && !manifest_path(p).exists())
        .unwrap_or_else(|| dir.join(name))
}

/// `darkroom newsroom reply`: seals a reply to a source and the newsroom.
pub fn reply(
    to: &str,
    recipients: &[String],
    message_file: Option<&Path>,
    output: &Path,
) -> Result<ExitCode> {
    use std::io::Read;
    let limit = darkroom_core::reply::MAX_REPLY as u64;
    let mut bytes = zeroize::Zeroizing::new(Vec::new());
    match message_file {
        Some(p) => open_input(p)?.take(limit + 1).read_to_end(&mut bytes)?,
        None => std::io::stdin().take(limit + 1).read_to_end(&mut bytes)?,
    };
    let text = std::str::from_utf8(&bytes).context("the reply is not UTF-8 text")?;
    let all: Vec<String> = std::iter::once(to.to_string())
        .chain(recipients.iter().cloned())
        .collect();
    let sealed = darkroom_core::reply::seal(text, &all)?;
    let mut pending = Pending::beside(output)?;
    std::io::Write::write_all(&mut pending, &sealed)?;
    pending.commit_new(output)?;
    eprintln!(
        "sealed the reply to the source and {} newsroom recipient(s): {}",
        recipients.len(),
        output.display()
    );
    Ok(ExitCode::SUCCESS)
}

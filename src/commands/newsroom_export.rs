//! `newsroom open` on an export (docs/formats.md §5), on the offline
//! machine. The export is untrusted: the server that made it may have been
//! compromised. Every member path is checked against what the format
//! allows, nothing is unpacked by the archive's own names, every envelope
//! is checked against `SHA256SUMS`, decrypted, its digest and padding
//! checked, and its proof's commitment compared with the decrypted file.
//! A bad entry is reported and skipped; the others are still processed.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::{self, File};
use std::io::{self, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use darkroom_circuits::groth16::Verifier;
use darkroom_circuits::{field, Fr};
use darkroom_core::archive;
use darkroom_core::bundle::Bundle;
use darkroom_core::envelope::{self, Opened};
use darkroom_core::export::{self, Entry, HashingReader, Index, ROOT};
use darkroom_core::provenance;
use darkroom_core::provenance::TrustedRoot;
use darkroom_core::publication::Kept;
use sha2::{Digest, Sha256};

use super::credentials::{self, TrustList};
use super::newsroom_report::{self, Proof, Report, Submission};
use crate::keys;
use crate::output::{with_suffix, Pending};

/// The largest proof bundle read (a JSON bundle is under 1 KiB).
const MAX_BUNDLE: u64 = 64 * 1024;

/// Where an export's members are read from.
pub enum Source {
    /// A tar archive: members indexed by their checked paths.
    Tar {
        file: File,
        members: BTreeMap<String, (u64, u64)>,
        problems: Vec<String>,
    },
    /// An extracted export folder (the one holding `export.json`).
    Dir { root: PathBuf },
}

impl Source {
    /// An export at `input`, or `None` if it is an envelope or a folder of
    /// envelopes.
    pub fn detect(input: &Path) -> Result<Option<Source>> {
        let meta = fs::symlink_metadata(input)
            .with_context(|| format!("cannot open {}", input.display()))?;
        if meta.is_dir() {
            for root in [input.to_path_buf(), input.join(ROOT)] {
                if fs::symlink_metadata(root.join("export.json")).is_ok_and(|m| m.is_file()) {
                    return Ok(Some(Source::Dir { root }));
                }
            }
            return Ok(None);
        }
        let mut file = File::open(input)?;
        let mut head = [0u8; 263];
        let n = read_up_to(&mut file, &mut head)?;
        if n < 263 || &head[257..262] != b"ustar" {
            return Ok(None);
        }
        file.seek(SeekFrom::Start(0))?;
        Source::index_tar(file).map(Some)
    }

    /// Lists a tar archive's members without extracting anything.
    fn index_tar(file: File) -> Result<Source> {
        let listing = archive::list(file)?;
        Ok(Source::Tar {
            file: listing.file,
            members: listing.members,
            problems: listing.problems,
        })
    }

    fn problems(&self) -> Vec<String> {
        match self {
            Source::Tar { problems, .. } => problems.clone(),
            Source::Dir { .. } => Vec::new(),
        }
    }

    /// A member's bytes, read up to `limit`.
    fn reader(&mut self, name: &str) -> Result<Option<(Box<dyn Read + '_>, u64)>> {
        if !export::valid_member(name) {
            return Ok(None);
        }
        match self {
            Source::Tar { file, members, .. } => match members.get(name) {
                None => Ok(None),
                Some(&(archive::DUPLICATE, _)) => bail!("it appears twice in the archive"),
                Some(&(offset, size)) => {
                    file.seek(SeekFrom::Start(offset))?;
                    Ok(Some((Box::new(BufReader::new(&*file).take(size)), size)))
                }
            },
            Source::Dir { root } => {
                let (folder, _) = name.split_once('/').unwrap_or(("", name));
                // Neither the member nor its folder may be a link.
                if !folder.is_empty()
                    && !fs::symlink_metadata(root.join(folder)).is_ok_and(|m| m.is_dir())
                {
                    return Ok(None);
                }
                let path = root.join(name);
                match fs::symlink_metadata(&path) {
                    Ok(m) if m.is_file() => {
                        let f = File::open(&path)?;
                        Ok(Some((Box::new(BufReader::new(f)), m.len())))
                    }
                    Ok(_) => bail!("it is not a regular file (a link or a device)"),
                    Err(_) => Ok(None),
                }
            }
        }
    }

    /// A small member whole, refusing one over `limit` bytes.
    fn small(&mut self, name: &str, limit: u64) -> Result<Option<Vec<u8>>> {
        let Some((r, size)) = self.reader(name)? else {
            return Ok(None);
        };
        if size > limit {
            bail!("{name} is {size} bytes, more than the {limit} an export's {name} can be");
        }
        let mut buf = Vec::new();
        r.take(limit).read_to_end(&mut buf)?;
        Ok(Some(buf))
    }
}

fn read_up_to(r: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

/// What checks the proofs.
struct Checks {
    verifier: Option<Verifier>,
    /// The registries the newsroom said it trusts; none given, a proof is
    /// reported as naming an untrusted registry.
    trusted: Vec<TrustedRoot>,
    /// The roots the newsroom trusts to sign Content Credentials.
    c2pa: Option<TrustList>,
}

pub fn run(
    mut source: Source,
    identities: &[PathBuf],
    outdir: &Path,
    keys_dir: Option<&Path>,
    registries: &[PathBuf],
    insecure_dev_keys: bool,
    c2pa: Option<TrustList>,
) -> Result<ExitCode> {
    let ids = keys::read(identities)?;
    let ids: Vec<&dyn age::Identity> = ids
        .iter()
        .map(|i| i.as_ref() as &dyn age::Identity)
        .collect();
    let checks = Checks {
        verifier: keys_dir
            .map(|k| super::provenance::load_verifier(k, insecure_dev_keys))
            .transpose()?,
        trusted: TrustedRoot::of(
            &registries
                .iter()
                .map(|p| super::provenance::load_registry(p))
                .collect::<Result<Vec<_>>>()?,
        ),
        c2pa,
    };
    let index_bytes = source
        .small("export.json", export::MAX_INDEX)?
        .context("this export has no export.json; it is not a Darkroom export")?;
    let index = Index::parse(&index_bytes)?;
    let sums_text = source
        .small("SHA256SUMS", export::MAX_INDEX)?
        .context("this export has no SHA256SUMS; it is incomplete")?;
    let sums = export::parse_sums(&String::from_utf8_lossy(&sums_text))?;
    fs::create_dir_all(outdir).with_context(|| format!("cannot create {}", outdir.display()))?;

    let mut report = Report::new(&index.created_day);
    report.problems = source.problems();
    if sums.get("export.json") != Some(&Sha256::digest(&index_bytes).into()) {
        report.problems.push(
            "export.json does not match SHA256SUMS: the index was changed after export".into(),
        );
    }
    let total: u64 = index.submissions.iter().map(|e| e.size).sum();
    let progress = indicatif::ProgressBar::new(total).with_style(
        indicatif::ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let mut seen = BTreeSet::new();
    for entry in &index.submissions {
        progress.set_message(newsroom_report::printable(&entry.designation));
        let mut sub = Submission::from_entry(entry);
        if !seen.insert(entry.designation.clone()) {
            sub.fail(format!(
                "designation {:?} appears twice in the index; only the first is opened",
                sub.designation
            ));
        } else if let Err(e) =
            open_entry(&mut source, entry, &sums, &ids, &checks, outdir, &mut sub)
        {
            sub.fail(format!("{e:#}"));
            // A folder made for it stays only if something is in it.
            if export::valid_designation(&entry.designation) {
                let _ = fs::remove_dir(outdir.join(&entry.designation));
            }
        }
        progress.inc(entry.size);
        report.submissions.push(sub);
    }
    progress.finish_and_clear();
    newsroom_report::write(&report, outdir)?;
    Ok(newsroom_report::summarise(&report, outdir))
}

fn open_entry(
    source: &mut Source,
    entry: &Entry,
    sums: &BTreeMap<String, [u8; 32]>,
    ids: &[&dyn age::Identity],
    checks: &Checks,
    outdir: &Path,
    sub: &mut Submission,
) -> Result<()> {
    let d = &entry.designation;
    if !export::valid_designation(d) {
        bail!("its designation is not one the export format allows; skipped");
    }
    if entry.envelope != format!("{d}/envelope.age") {
        bail!(
            "its envelope path {:?} is not {d}/envelope.age; skipped",
            newsroom_report::printable(&entry.envelope)
        );
    }
    let expected = *sums
        .get(&entry.envelope)
        .context("its envelope is not listed in SHA256SUMS; skipped")?;

    let folder = outdir.join(d);
    fs::create_dir_all(&folder)?;
    let mut content = Pending::new_in(&folder)?;
    let mut original = Pending::new_in(&folder)?;
    let (digest, opened) = {
        let (reader, _) = source
            .reader(&entry.envelope)?
            .context("its envelope is missing from the export")?;
        let mut hashing = HashingReader::new(reader);
        let opened = envelope::open_keeping(&mut hashing, ids, &mut content, &mut original);
        // Whatever the decryptor left unread still counts for the checksum.
        io::copy(&mut hashing, &mut io::sink())?;
        let digest = hashing.finish();
        (digest, opened)
    };
    if digest != expected || hex::encode(digest) != entry.envelope_sha256 {
        bail!("its envelope does not match SHA256SUMS and the index: it was damaged or altered after export; nothing was written");
    }
    let opened = opened?;
    if opened.manifest.tiles.is_some() {
        // Read back only a photo that can be published.
        opened.manifest.check_tiles(&content.read_back()?)?;
    }
    let kept = Kept::of(&opened);
    let Opened {
        manifest,
        commitment,
        content_len,
        sealed_to,
        original_len,
    } = opened;
    sub.sealed_to = sealed_to.map(|k| k.describe().to_string());
    let name = envelope::safe_file_name(&manifest.file_name);
    let dest = crate::output::unique(&folder, &name);
    content.commit_new(&dest)?;
    if original_len.is_some() {
        let (path, verdict) =
            credentials::keep(original, &manifest.media_type, &dest, checks.c2pa.as_ref())?;
        sub.original = path
            .strip_prefix(outdir)
            .ok()
            .map(|p| p.to_string_lossy().into_owned());
        sub.credentials = Some(verdict);
    }
    if let Some(kept) = &kept {
        super::publish::keep_opening(kept, &dest)?;
    }
    sub.opened(&manifest, &commitment, content_len, &dest, outdir);

    match (&entry.proof, entry.label.as_str()) {
        (None, "proof attached" | "attested") => {
            sub.fail("it is labelled as having a proof but the export holds no proof".into())
        }
        (None, _) => {}
        (Some(path), _) => {
            if *path != format!("{d}/proof.json") {
                sub.proof = Some(Proof::invalid(format!(
                    "its proof path {:?} is not {d}/proof.json",
                    newsroom_report::printable(path)
                )));
                return Ok(());
            }
            sub.proof = Some(check_proof(source, path, sums, checks, &commitment.0));
            // A photo that can be published keeps its proof beside it.
            if kept.is_some() {
                if let Some(bundle) = source
                    .small(path, MAX_BUNDLE)?
                    .and_then(|b| Bundle::parse(&b).ok())
                    .filter(|b| b.public.commitment == commitment.0)
                {
                    let mut out = Pending::beside(&dest)?;
                    out.write_all(bundle.to_json().as_bytes())?;
                    out.commit_new(&with_suffix(&dest, ".proof.json"))?;
                }
            }
        }
    }
    Ok(())
}

fn check_proof(
    source: &mut Source,
    path: &str,
    sums: &BTreeMap<String, [u8; 32]>,
    checks: &Checks,
    commitment: &Fr,
) -> Proof {
    let bytes = match source.small(path, MAX_BUNDLE) {
        Ok(Some(b)) => b,
        Ok(None) => return Proof::invalid("the proof is missing from the export".into()),
        Err(e) => return Proof::invalid(format!("{e:#}")),
    };
    if sums.get(path) != Some(&Sha256::digest(&bytes).into()) {
        return Proof::invalid("the proof does not match SHA256SUMS".into());
    }
    let bundle = match Bundle::parse(&bytes) {
        Ok(b) => b,
        Err(e) => return Proof::invalid(e.to_string()),
    };
    let window = provenance::describe_time(&bundle.public);
    let region = provenance::describe_place(&bundle.public);
    let root = field::to_hex(&bundle.public.root);
    if &bundle.public.commitment != commitment {
        return Proof::mismatch(window, region, root);
    }
    match &checks.verifier {
        None => Proof::unchecked(window, region, root),
        Some(v) if checks.trusted.is_empty() => match provenance::check(&bundle, v, None, None) {
            Ok(_) => Proof::untrusted(window, region, root),
            Err(e) => Proof::invalid(e.to_string()),
        },
        Some(v) => match provenance::check(&bundle, v, Some(&checks.trusted), None) {
            Ok(text) => Proof::valid(text, window, region, root),
            Err(e) => Proof::invalid(e.to_string()),
        },
    }
}

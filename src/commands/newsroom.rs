use std::fs;
use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use darkroom_circuits::field;
use darkroom_circuits::statement::Version;
use darkroom_core::calendar;
use darkroom_core::envelope::{self, Opened};
use darkroom_core::newsroom::{self, CircuitAnchor, Manifest, NewsroomKey, RegistryAnchor};
use darkroom_core::publication::Kept;
use darkroom_core::recipient::Kind;
use serde_json::json;

use super::credentials::{self, TrustList, Verdict};
use crate::cli::{NewsroomKeygenArgs, NewsroomManifestArgs, NewsroomOpenArgs, NewsroomReplyArgs};
use crate::keys;
use crate::output::{manifest_path, open_input, printable, unique, with_suffix, Pending};

pub fn keygen(args: &NewsroomKeygenArgs) -> Result<ExitCode> {
    let (output, signing_key) = (&args.output, args.signing_key_out.as_deref());
    let kind = if args.classical {
        Kind::Classical
    } else {
        Kind::Hybrid
    };
    let passphrase = if args.passphrase {
        Some(keys::passphrase(
            "Passphrase for the new newsroom keys",
            true,
        )?)
    } else {
        None
    };
    if let Some(s) = signing_key {
        // Refuse before anything is made, so a second run changes nothing.
        for p in [s.to_path_buf(), keys::public_path(s)] {
            if p.exists() {
                bail!(
                    "{} already exists; Darkroom never overwrites a key",
                    p.display()
                );
            }
        }
    }
    let recipient = keys::generate(output, passphrase.clone(), kind)?;
    eprintln!(
        "wrote the newsroom identity ({}) to {}; keep it on the offline machine",
        kind.describe(),
        output.display()
    );
    println!("{recipient}");
    if let Some(s) = signing_key {
        let public = keys::generate_signing(s, passphrase)?;
        print_signing_key(s, &public);
    }
    Ok(ExitCode::SUCCESS)
}

fn print_signing_key(path: &Path, public: &NewsroomKey) {
    eprintln!(
        "wrote the newsroom signing key to {} (public key: {}); keep it offline, beside the identity",
        path.display(),
        keys::public_path(path).display()
    );
    println!("newsroom signing key: {public}");
    println!("fingerprint: {}", public.fingerprint());
    eprintln!("Publish the signing key where sources can find it without the drop box: your website, print, directories.");
}

pub fn signing_keygen(output: &Path, passphrase: bool) -> Result<ExitCode> {
    let passphrase = if passphrase {
        Some(keys::passphrase(
            "Passphrase for the new signing key",
            true,
        )?)
    } else {
        None
    };
    let public = keys::generate_signing(output, passphrase)?;
    print_signing_key(output, &public);
    Ok(ExitCode::SUCCESS)
}

/// What a manifest says, before it is signed.
pub struct ManifestContent {
    pub name: String,
    pub recipients: Vec<String>,
    pub registries: Vec<PathBuf>,
    pub keys: Option<PathBuf>,
    pub onion: Option<String>,
    pub valid_days: u64,
    pub demo: bool,
}

/// The manifest for `args`, signed by `key`'s owner, issued now.
pub fn build_manifest(args: &ManifestContent, key: &NewsroomKey) -> Result<Manifest> {
    envelope::parse_recipients(&args.recipients)?;
    let mut version = Version::V2;
    let circuit = match &args.keys {
        Some(k) => {
            let verifier = super::provenance::load_verifier(k, true)?;
            version = verifier.version();
            if verifier.setup().is_development() && !args.demo {
                eprintln!("warning: {} holds DEVELOPMENT keys: whoever made them can forge proofs; sign keys from a ceremony for real use", k.display());
            }
            Some(CircuitAnchor {
                statement: verifier.version().id().to_string(),
                id: hex::encode(verifier.circuit_id()),
                setup: verifier.setup().line(),
            })
        }
        None if !args.registries.is_empty() => {
            bail!("--registry needs --keys: the proof keys sources prove with")
        }
        None => None,
    };
    let mut registries = Vec::new();
    for path in &args.registries {
        let r = super::provenance::load_registry(path)?;
        let devices = r.devices().len();
        if devices < newsroom::MIN_ANONYMITY && !args.demo {
            eprintln!(
                "warning: {} holds {devices} device(s); sources' clients refuse to prove against fewer than {} unless the source asks",
                path.display(),
                newsroom::MIN_ANONYMITY
            );
        }
        registries.push(RegistryAnchor {
            // The root of the tree the keys' statement proves membership in.
            root: field::to_hex(&r.root(version)),
            devices,
        });
    }
    if args.valid_days == 0 || args.valid_days > 3660 {
        bail!("--valid-days must be between 1 and 3660");
    }
    let issued = crate::clock::now();
    let manifest = Manifest {
        format: newsroom::FORMAT.to_string(),
        version: newsroom::VERSION,
        newsroom: args.name.clone(),
        signing_key: key.to_base64(),
        demo: args.demo,
        recipients: args
            .recipients
            .iter()
            .map(|r| r.trim().to_string())
            .collect(),
        registries,
        circuit,
        client: darkroom_server::client::HASHES.anchor(),
        onion: args.onion.as_ref().map(|o| {
            o.trim()
                .trim_start_matches("http://")
                .trim_end_matches('/')
                .to_string()
        }),
        issued,
        expires: issued + args.valid_days * 86_400,
    };
    manifest.check_fields()?;
    Ok(manifest)
}

/// Signs `manifest` with `key` and writes it to `output` and its signature
/// to `output.minisig`.
pub fn write_signed(manifest: &Manifest, key: &keys::SigningKey, output: &Path) -> Result<()> {
    let json = manifest.to_json();
    let comment = format!(
        "darkroom newsroom manifest for {}, issued {}, expires {}",
        manifest.newsroom.replace(['\n', '\r'], " "),
        calendar::format(manifest.issued),
        calendar::format(manifest.expires)
    );
    let signature = key.sign(json.as_bytes(), &comment)?;
    let sig_path = with_suffix(output, ".minisig");
    let mut m = Pending::beside(output)?;
    m.write_all(json.as_bytes())?;
    let mut sig = Pending::beside(&sig_path)?;
    sig.write_all(signature.as_bytes())?;
    m.commit(output)?;
    sig.commit(&sig_path)?;
    Ok(())
}

pub fn manifest(args: &NewsroomManifestArgs) -> Result<ExitCode> {
    let output = &args.output;
    let key = keys::read_signing(&args.signing_key)?;
    let content = ManifestContent {
        name: args.name.clone(),
        recipients: args.recipients.clone(),
        registries: args.registry.clone(),
        keys: args.keys.clone(),
        onion: args.onion.clone(),
        valid_days: args.valid_days,
        demo: false,
    };
    let m = build_manifest(&content, &key.public())?;
    write_signed(&m, &key, output)?;
    println!(
        "manifest written to {} and signed in {}.minisig",
        output.display(),
        output.display()
    );
    println!("newsroom signing key: {}", key.public());
    println!("fingerprint: {}", key.public().fingerprint());
    println!("valid until: {}", calendar::format(m.expires));
    println!("Copy both files to the drop box (manifest = …, newsroom_key = … in darkroom.toml); check with `minisign -Vm {} -P {}`.", output.display(), key.public());
    Ok(ExitCode::SUCCESS)
}

pub fn open(args: &NewsroomOpenArgs) -> Result<ExitCode> {
    let (input, identities, outdir) = (&args.input, &args.identities, &args.output);
    let (keys, registry) = (args.keys.as_deref(), &args.registry);
    // A trust list that cannot be read stops everything before anything
    // is opened.
    let trust = args
        .c2pa_trust
        .as_deref()
        .map(TrustList::read)
        .transpose()?;
    if let Some(export) = super::newsroom_export::Source::detect(input)? {
        return super::newsroom_export::run(
            export,
            identities,
            outdir,
            keys,
            registry,
            args.insecure_dev_keys,
            trust,
        );
    }
    if keys.is_some() || !registry.is_empty() {
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
    let result = open_all(&envelopes, &ids, outdir, trust.as_ref());
    if result.is_err() && made {
        // Only succeeds while the folder is empty.
        let _ = fs::remove_dir(outdir);
    }
    result
}

fn open_all(
    envelopes: &[PathBuf],
    ids: &[&dyn age::Identity],
    outdir: &Path,
    trust: Option<&TrustList>,
) -> Result<ExitCode> {
    // One envelope: its error is the command's error, in one line.
    let single = envelopes.len() == 1;
    let mut failed = 0;
    let mut invalid = 0;
    for path in envelopes {
        match open_one(path, ids, outdir, trust) {
            Ok((written, kind, kept)) => {
                println!(
                    "{}: digest checked, sealed to {}, opened as {}",
                    path.display(),
                    kind.map_or("keys of an unknown kind", Kind::describe),
                    written.display()
                );
                if let Some((original, verdict)) = kept {
                    println!(
                        "{}: the source kept the original for its Content Credentials: {}",
                        path.display(),
                        original.display()
                    );
                    println!("{}: {}", path.display(), printable(&verdict.line()));
                    invalid += usize::from(verdict.alarming());
                }
            }
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
    if invalid > 0 {
        eprintln!(
            "darkroom: {invalid} file(s) carry Content Credentials that are NOT valid; see above"
        );
        return Ok(ExitCode::from(crate::exit::DOES_NOT_HOLD));
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

/// What a kept original became: its path and its credentials' verdict.
type KeptOriginal = Option<(PathBuf, Verdict)>;

fn open_one(
    path: &Path,
    ids: &[&dyn age::Identity],
    outdir: &Path,
    trust: Option<&TrustList>,
) -> Result<(PathBuf, Option<Kind>, KeptOriginal)> {
    let file = BufReader::new(open_input(path)?);
    let mut content = Pending::new_in(outdir)?;
    let mut original = Pending::new_in(outdir)?;
    let opened = envelope::open_keeping(file, ids, &mut content, &mut original)?;
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
    let name = envelope::safe_file_name(&manifest.file_name);
    let dest = unique(outdir, &name);
    let mut meta = Pending::new_in(outdir)?;
    content.commit_new(&dest)?;
    let kept_original = match original_len {
        Some(_) => Some(credentials::keep(
            original,
            &manifest.media_type,
            &dest,
            trust,
        )?),
        None => None,
    };
    let record = json!({
        "envelope": path.file_name().map(|n| n.to_string_lossy()),
        "sealed_to": sealed_to.map(Kind::name),
        "file": dest.file_name().map(|n| n.to_string_lossy()),
        "content_len": content_len,
        "commitment": commitment,
        "manifest": manifest,
        "original": kept_original.as_ref().map(|(p, _)| p.file_name().map(|n| n.to_string_lossy())),
        "content_credentials": kept_original.as_ref().map(|(_, v)| v),
    });
    serde_json::to_writer_pretty(&mut meta, &record)?;
    meta.commit_new(&manifest_path(&dest))?;
    if let Some(kept) = kept {
        super::publish::keep_opening(&kept, &dest)?;
    }
    Ok((dest, sealed_to, kept_original))
}

/// Whom a reply goes to.
pub enum ReplyTo {
    /// A recipient given on the command line.
    Recipient(String),
    /// The recipient a source sealed, from an opened export's report.
    Report { report: PathBuf, source: String },
}

impl ReplyTo {
    pub fn from_args(
        to: Option<String>,
        report: Option<PathBuf>,
        source: Option<String>,
    ) -> Result<ReplyTo> {
        match (to, report, source) {
            (Some(to), None, None) => Ok(ReplyTo::Recipient(to)),
            (None, Some(report), Some(source)) => Ok(ReplyTo::Report { report, source }),
            _ => bail!("give --to RECIPIENT, or --report report.json --source DESIGNATION"),
        }
    }

    /// The recipient, checked.
    fn resolve(&self) -> Result<String> {
        let to = match self {
            ReplyTo::Recipient(to) => to.trim().to_string(),
            ReplyTo::Report { report, source } => {
                let text = std::fs::read_to_string(report)
                    .with_context(|| format!("cannot read {}", report.display()))?;
                let r: serde_json::Value = serde_json::from_str(&text)
                    .with_context(|| format!("{} is not a report.json", report.display()))?;
                let mut found = None;
                for s in r["submissions"].as_array().into_iter().flatten() {
                    if s["source"].as_str() != Some(source.as_str()) {
                        continue;
                    }
                    if s["reply_to_sealed"] != true {
                        continue;
                    }
                    let to = s["reply_to"].as_str().unwrap_or_default().to_string();
                    if found.as_ref().is_some_and(|f: &String| *f != to) {
                        bail!("the submissions of source {source} seal different reply keys; check the report");
                    }
                    found = Some(to);
                }
                found.with_context(|| {
                    format!("{} holds no reply key sealed by source {source} (only envelopes sealed with a codename carry one)", report.display())
                })?
            }
        };
        envelope::parse_recipients(std::slice::from_ref(&to))?;
        Ok(to)
    }
}

/// The newsroom's record of its replies: for each source's reply
/// recipient, the place and hash of the last reply signed to it, so the
/// next is numbered after it and chained to it. Kept on the offline
/// machine beside the signing key; losing it makes the next reply to a
/// source restart its thread (which the source's client shows).
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Threads {
    format: String,
    threads: std::collections::BTreeMap<String, LastReply>,
}

#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct LastReply {
    place: darkroom_core::reply::Place,
    hash: String,
}

const THREADS_FORMAT: &str = "darkroom-reply-threads v1";

impl Threads {
    fn load(path: &Path) -> Result<Threads> {
        if !path.exists() {
            return Ok(Threads {
                format: THREADS_FORMAT.into(),
                threads: Default::default(),
            });
        }
        let text =
            fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
        let t: Threads = serde_json::from_str(&text)
            .ok()
            .filter(|t: &Threads| t.format == THREADS_FORMAT)
            .with_context(|| format!("{} is not the newsroom's record of replies; give the right one with --thread-file", path.display()))?;
        Ok(t)
    }

    fn save(&self, path: &Path) -> Result<()> {
        let mut out = Pending::beside(path)?;
        serde_json::to_writer_pretty(&mut out, self)?;
        out.write_all(b"\n")?;
        out.commit(path)
    }
}

/// `darkroom newsroom reply`: signs a reply with the newsroom's signing
/// key, numbered, dated and chained in its thread to the source, and seals
/// it to the source and the newsroom.
pub fn reply(args: &NewsroomReplyArgs) -> Result<ExitCode> {
    use std::io::Read;
    let (signing_key, recipients, output) = (&args.signing_key, &args.recipients, &args.output);
    let to = ReplyTo::from_args(args.to.clone(), args.report.clone(), args.source.clone())?;
    let to = to.resolve()?;
    envelope::parse_recipients(recipients)?;
    let limit = darkroom_core::reply::MAX_REPLY as u64;
    let mut bytes = zeroize::Zeroizing::new(Vec::new());
    match &args.message_file {
        Some(p) => open_input(p)?.take(limit + 1).read_to_end(&mut bytes)?,
        None => std::io::stdin().take(limit + 1).read_to_end(&mut bytes)?,
    };
    let text = std::str::from_utf8(&bytes).context("the reply is not UTF-8 text")?;
    if text.len() as u64 > limit {
        return Err(darkroom_core::EnvelopeError::ReplyTooLong.into());
    }
    let thread_path = match &args.thread_file {
        Some(p) => p.to_path_buf(),
        None => signing_key.with_file_name("replies.json"),
    };
    let mut threads = Threads::load(&thread_path)?;
    let key = keys::read_signing(signing_key)?;
    let last = threads.threads.get(to.trim());
    let place = darkroom_core::reply::next_place(
        last.map(|l| (&l.place, l.hash.as_str())),
        crate::clock::now() / 86_400,
    );
    let signature = key.sign(
        &darkroom_core::reply::signed_message(&to, Some(&place), text),
        "darkroom reply",
    )?;
    let sealed = darkroom_core::reply::seal(text, &to, &place, Some(&signature), recipients)?;
    let mut pending = Pending::beside(output)?;
    std::io::Write::write_all(&mut pending, &sealed)?;
    pending.commit_new(output)?;
    threads.threads.insert(
        to.trim().to_string(),
        LastReply {
            hash: darkroom_core::reply::hash_of(&to, &place, text),
            place: place.clone(),
        },
    );
    threads.save(&thread_path).with_context(|| {
        format!(
            "the reply is written, but {} could not be updated: the next reply to this source would repeat number {}",
            thread_path.display(),
            place.seq
        )
    })?;
    eprintln!(
        "signed reply {} to the source ({to}), dated {}, and sealed it to the source and {} newsroom recipient(s): {}",
        place.seq,
        calendar::format_day(place.day),
        recipients.len(),
        output.display()
    );
    Ok(ExitCode::SUCCESS)
}

//! `darkroom ceremony`: the multi-party setup of the proof keys.
//!
//! A transcript is a folder of numbered files: `0000.initial` (phase 1 and
//! the circuit's key with δ = 1), then one `NNNN.contribution` or
//! `NNNN.beacon` per step. Every command that reads it replays and checks
//! all of it first, so nobody contributes to, or finalises, a broken one,
//! and every one reads the public `.ptau` file again: the transcript's
//! copy of phase 1 must be that file's, point for point, or whoever made
//! it may know its secrets.

use std::fs;
use std::io::{BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use darkroom_circuits::ceremony::{self, Phase1, Powers, Replay};
use darkroom_circuits::groth16::{self, Setup};
use darkroom_circuits::statement::{ProvenanceCircuit, Version};
use rand::rngs::OsRng;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::cli::{
    CeremonyBeaconArgs, CeremonyContributeArgs, CeremonyFinalizeArgs, CeremonyInitArgs,
    CeremonyVerifyArgs,
};
use crate::exit::DoesNotHold;
use crate::output::{open_input, Pending};

const INITIAL: &str = "0000.initial";
/// An initial file for the largest allowed domain is well under this.
const MAX_INITIAL: u64 = 1 << 30;
const MAX_CONTRIBUTION: u64 = 256 << 20;

fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>> {
    let file = open_input(path)?;
    if file.metadata()?.len() > limit {
        bail!(
            "{} is larger than any transcript file can be",
            path.display()
        );
    }
    let mut bytes = Vec::new();
    file.take(limit).read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn write_new(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut out = Pending::beside(path)?;
    out.write_all(bytes)?;
    out.commit_new(path).with_context(|| {
        format!(
            "{} already exists (someone else contributed at the same time?); it was left alone",
            path.display()
        )
    })
}

fn sha256_file(path: &Path) -> Result<[u8; 32]> {
    let mut r = BufReader::new(open_input(path)?);
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = r.read(&mut buf)?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(h.finalize().into())
}

/// The transcript's files after `0000.initial`, in order.
fn steps(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut found = std::collections::BTreeMap::new();
    let entries = fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
    for entry in entries {
        let name = entry?.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some((num, ext)) = name.split_once('.') else {
            continue;
        };
        if num.len() != 4 || !num.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        if !matches!(ext, "contribution" | "beacon") {
            continue;
        }
        let index: usize = num.parse()?;
        if found.insert(index, dir.join(name)).is_some() {
            bail!("two transcript files are numbered {num}; a transcript is one chain");
        }
    }
    for (expected, index) in (1..).zip(found.keys()) {
        if *index != expected {
            bail!("the transcript has no file numbered {expected:04}, but has {index:04}: files are missing");
        }
    }
    Ok(found.into_values().collect())
}

fn name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The powers of tau the circuit of `statement` needs, from the public
/// `.ptau` file.
fn powers(ptau: &Path, statement: Version) -> Result<Powers> {
    let n = ceremony::domain_size_for(ProvenanceCircuit::shape(statement))?;
    Powers::from_ptau(BufReader::new(open_input(ptau)?), n)
        .with_context(|| format!("cannot use {}", ptau.display()))
}

/// Replays and checks the whole transcript against the public phase 1 in
/// `ptau`, printing each step. A step that does not check is a
/// [`DoesNotHold`]; a file that cannot be read is not.
fn replay(dir: &Path, ptau: &Path, quiet: bool) -> Result<Replay> {
    let initial_path = dir.join(INITIAL);
    if !initial_path.exists() {
        bail!(
            "{} has no {INITIAL}; start a transcript with `darkroom ceremony init`",
            dir.display()
        );
    }
    let initial = read_limited(&initial_path, MAX_INITIAL)?;
    // A statement this version does not know cannot be checked at all.
    let statement =
        ceremony::statement_of(&initial).map_err(|e| anyhow::anyhow!("{INITIAL}: {e}"))?;
    let powers = powers(ptau, statement)?;
    let mut state = Replay::start(
        &initial,
        statement,
        ProvenanceCircuit::shape(statement),
        &powers,
        &mut OsRng,
    )
    .map_err(|e| DoesNotHold(format!("{INITIAL}: {e}")))?;
    drop(initial);
    drop(powers);
    if !quiet {
        println!(
            "{INITIAL}: phase 1 equals the powers of tau in {}, and the initial key of {} ok",
            ptau.display(),
            statement.id()
        );
        let digest = sha256_file(ptau)?;
        if &digest != state.ptau_sha256() {
            // The points decide; a prepared and an unprepared copy of the
            // same powers differ as files.
            println!(
                "note: the transcript names a .ptau with SHA-256 {}, and {} has SHA-256 {}; their powers of tau are the same",
                hex::encode(state.ptau_sha256()),
                ptau.display(),
                hex::encode(digest)
            );
        }
    }
    for (i, path) in (1..).zip(steps(dir)?) {
        let bytes = read_limited(&path, MAX_CONTRIBUTION)?;
        let applied = state.apply(&bytes, &mut OsRng).map_err(|e| {
            DoesNotHold(format!(
                "contribution {i} ({}) is refused: {e}",
                name(&path)
            ))
        })?;
        let is_beacon = name(&path).ends_with(".beacon");
        if applied.beacon != is_beacon {
            return Err(DoesNotHold(format!(
                "contribution {i} ({}) is refused: its file name and its kind disagree",
                name(&path)
            ))
            .into());
        }
        if !quiet {
            println!(
                "{}: {} ok, hash {}",
                name(&path),
                if applied.beacon {
                    "beacon"
                } else {
                    "contribution"
                },
                hex::encode(applied.hash)
            );
        }
    }
    Ok(state)
}

/// [`replay`] before adding to the transcript or finishing it: a transcript
/// that does not check is refused (exit 1), as nothing was asked to be
/// checked.
fn replay_to_extend(dir: &Path, ptau: &Path, quiet: bool) -> Result<Replay> {
    replay(dir, ptau, quiet).map_err(|e| match e.downcast::<DoesNotHold>() {
        Ok(DoesNotHold(why)) => anyhow::anyhow!("{why}"),
        Err(e) => e,
    })
}

fn next_path(dir: &Path, kind: &str) -> Result<PathBuf> {
    let n = steps(dir)?.len() + 1;
    if n > 9999 {
        bail!("a transcript holds at most 9,999 contributions");
    }
    Ok(dir.join(format!("{n:04}.{kind}")))
}

pub fn init(args: &CeremonyInitArgs) -> Result<ExitCode> {
    let (ptau, dir, statement) = (&args.ptau, &args.output, args.statement);
    if dir.join(INITIAL).exists() {
        bail!(
            "{} already holds a transcript; it was left alone",
            dir.display()
        );
    }
    let n = ceremony::domain_size_for(ProvenanceCircuit::shape(statement))?;
    println!(
        "reading phase 1 for a domain of {n} ({}) from {}…",
        statement.id(),
        ptau.display()
    );
    let digest = sha256_file(ptau)?;
    let phase1 = Phase1::from_ptau(BufReader::new(open_input(ptau)?), n)
        .with_context(|| format!("cannot use {}", ptau.display()))?;
    phase1
        .check(&mut OsRng)
        .with_context(|| format!("cannot use {}", ptau.display()))?;
    let bytes = ceremony::initial_file(
        &phase1,
        &digest,
        statement,
        ProvenanceCircuit::shape(statement),
    )?;
    fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    write_new(&dir.join(INITIAL), &bytes)?;
    println!("transcript started in {}", dir.display());
    println!(
        "phase 1: {} (SHA-256 {})",
        ptau.display(),
        hex::encode(digest)
    );
    println!("initial hash: {}", hex::encode(ceremony::file_hash(&bytes)));
    println!(
        "next: each participant runs `darkroom ceremony contribute {}` in turn",
        dir.display()
    );
    Ok(ExitCode::SUCCESS)
}

pub fn contribute(args: &CeremonyContributeArgs) -> Result<ExitCode> {
    let (dir, ptau) = (&args.transcript, &args.ptau);
    let entropy = Zeroizing::new(args.entropy.clone().unwrap_or_default());
    println!("checking the transcript before contributing…");
    let state = replay_to_extend(dir, ptau, true)?;
    let path = next_path(dir, "contribution")?;
    let c = state.contribute(&mut OsRng, entropy.as_bytes());
    let bytes = c.to_bytes();
    write_new(&path, &bytes)?;
    println!("contribution written to {}", path.display());
    println!(
        "contribution hash: {}",
        hex::encode(ceremony::file_hash(&bytes))
    );
    println!("Publish this hash where others can see it. Your secret was never written down and is gone.");
    Ok(ExitCode::SUCCESS)
}

pub fn beacon(args: &CeremonyBeaconArgs) -> Result<ExitCode> {
    let (dir, ptau, iterations) = (&args.transcript, &args.ptau, args.iterations);
    let beacon = hex::decode(args.beacon.trim())
        .ok()
        .filter(|b| !b.is_empty() && b.len() <= 256)
        .context("the beacon must be 1 to 256 bytes of hex")?;
    if iterations > ceremony::MAX_BEACON_ITERATIONS {
        bail!(
            "at most {} iterations are allowed",
            ceremony::MAX_BEACON_ITERATIONS
        );
    }
    let state = replay_to_extend(dir, ptau, true)?;
    if state.contributions() == 0 {
        bail!("the transcript has no contribution yet; a beacon alone hides no secret");
    }
    let path = next_path(dir, "beacon")?;
    let bytes = state.beacon(&beacon, iterations).to_bytes();
    write_new(&path, &bytes)?;
    println!("beacon written to {}", path.display());
    println!("beacon hash: {}", hex::encode(ceremony::file_hash(&bytes)));
    Ok(ExitCode::SUCCESS)
}

/// Checks a transcript; what does not check exits 3 ([`DoesNotHold`]).
pub fn verify(args: &CeremonyVerifyArgs) -> Result<ExitCode> {
    let (dir, ptau) = (&args.transcript, &args.ptau);
    if let Some(want) = &args.ptau_sha256 {
        let want = want.trim().to_ascii_lowercase();
        if want.len() != 64 || !want.bytes().all(|b| b.is_ascii_hexdigit()) {
            bail!("--ptau-sha256 takes the file's SHA-256 as 64 hex digits");
        }
        let found = hex::encode(sha256_file(ptau)?);
        if found != want {
            return Err(DoesNotHold(format!(
                "{} has SHA-256 {found}, not the {want} you named: it is not the file its publisher announced; check nothing against it",
                ptau.display()
            ))
            .into());
        }
        println!("{} has the SHA-256 you named", ptau.display());
    }
    let state = replay(dir, ptau, false)?;
    println!(
        "transcript verified: {} contribution(s), {} beacon(s); final hash {}",
        state.contributions(),
        state.beacons(),
        hex::encode(state.hash())
    );
    if let Some(keys) = &args.keys {
        check_keys(&state, keys)?;
        println!("{} holds this transcript's keys", keys.display());
    }
    if state.contributions() == 0 {
        println!("WARNING: nobody has contributed yet; these parameters are not secure");
    }
    Ok(ExitCode::SUCCESS)
}

fn check_keys(state: &Replay, keys: &Path) -> Result<()> {
    let pk = state.proving_key();
    let vk_path = keys.join("verifying.key");
    let (vk, version, setup) = groth16::read_verifying_key(BufReader::new(open_input(&vk_path)?))
        .with_context(|| format!("cannot use {}", vk_path.display()))?;
    if vk != pk.vk || version != state.statement() {
        return Err(DoesNotHold(format!(
            "{} is not this transcript's verifying key",
            vk_path.display()
        ))
        .into());
    }
    if setup != Setup::Ceremony(*state.hash()) {
        return Err(DoesNotHold(format!(
            "{} is this transcript's key, but its header says {setup}",
            vk_path.display()
        ))
        .into());
    }
    let pk_path = keys.join("proving.key");
    let (their, their_version) = groth16::read_proving_key(BufReader::new(open_input(&pk_path)?))
        .with_context(|| format!("cannot use {}", pk_path.display()))?;
    if &their != pk || their_version != version {
        return Err(DoesNotHold(format!(
            "{} is not this transcript's proving key",
            pk_path.display()
        ))
        .into());
    }
    Ok(())
}

pub fn finalize(args: &CeremonyFinalizeArgs) -> Result<ExitCode> {
    let (dir, ptau, keys) = (&args.transcript, &args.ptau, &args.output);
    for name in ["proving.key", "verifying.key"] {
        if keys.join(name).exists() {
            bail!(
                "{} already exists; it was left alone",
                keys.join(name).display()
            );
        }
    }
    let state = replay_to_extend(dir, ptau, false)?;
    if state.contributions() == 0 {
        bail!("the transcript has no contribution; keys from it would be insecure");
    }
    let setup = Setup::Ceremony(*state.hash());
    let pk = state.proving_key();
    let mut pk_bytes = Vec::new();
    groth16::write_proving_key(pk, state.statement(), setup, &mut pk_bytes)?;
    let mut vk_bytes = Vec::new();
    groth16::write_verifying_key(&pk.vk, state.statement(), setup, &mut vk_bytes)?;
    fs::create_dir_all(keys).with_context(|| format!("cannot create {}", keys.display()))?;
    write_new(&keys.join("proving.key"), &pk_bytes)?;
    write_new(&keys.join("verifying.key"), &vk_bytes)?;
    println!("keys written to {}", keys.display());
    println!("circuit id: {}", hex::encode(groth16::circuit_id(&pk.vk)));
    println!("ceremony: {}", hex::encode(state.hash()));
    if state.beacons() == 0 {
        println!("NOTE: the transcript ends without a random beacon; see docs/ceremony.md");
    }
    Ok(ExitCode::SUCCESS)
}

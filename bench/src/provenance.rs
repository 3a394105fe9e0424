//! `darkroom-bench provenance`: each statement (v1, v2) proven natively,
//! and the same statement written with circomlib and proven by snarkjs, in
//! one run.
//!
//! Our figures are measured in this process (setup, proof, verification)
//! and in a child `darkroom prove` (peak memory, whole-command time).
//! snarkjs is timed inside one node process by `tests/js/bench-prove.mjs`,
//! so node's start-up is not counted against it.

use std::fs;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use darkroom_circuits::babyjubjub::Point;
use darkroom_circuits::eddsa::PrivateKey;
use darkroom_circuits::field;
use darkroom_circuits::groth16::{self, Verifier};
use darkroom_circuits::snarkjs as snarkjs_json;
use darkroom_circuits::statement::{self, PublicInputs, Version, Witness};
use darkroom_core::capture::{self, Attestation};
use darkroom_core::digest::{ContentDigest, Opening};
use darkroom_core::provenance::{self, Region, TimeWindow};
use darkroom_core::registry::Registry;
use rand::rngs::OsRng;
use rand::RngCore;

use crate::strip_seal::{median_of, peak_rss};

fn random_key() -> PrivateKey {
    let mut b = [0u8; 32];
    OsRng.fill_bytes(&mut b);
    PrivateKey::from_bytes(b)
}

struct Fixture {
    public: PublicInputs,
    witness: Witness,
    file: Vec<u8>,
    attestation: Attestation,
    registry: Registry,
}

/// A signed file from a device in a registry of 64, proven for its month
/// and a one-degree box, for statement `version`.
fn fixture(version: Version) -> Result<Fixture> {
    let mut file = b"%PDF-1.7 benchmark ".to_vec();
    let mut noise = [0u8; 4096];
    OsRng.fill_bytes(&mut noise);
    file.extend_from_slice(&noise);
    let (digest, _) = ContentDigest::of(Cursor::new(&file), Some("bench.pdf"))?;
    let key = random_key();
    let attestation = Attestation::sign(
        &key,
        &digest,
        1_795_696_496,
        capture::shift_lat(48.8566)?,
        capture::shift_lon(2.3522)?,
    );
    let mut devices: Vec<Point> = (0..63).map(|_| random_key().public()).collect();
    devices.insert(37, key.public());
    let registry = Registry::new(devices)?;
    let (public, witness) = provenance::prepare(
        version,
        &attestation,
        &digest,
        &registry,
        TimeWindow::Month,
        Region::Box(48.0, 2.0, 49.0, 3.0),
        &Opening::random(),
    )?;
    Ok(Fixture {
        public,
        witness,
        file,
        attestation,
        registry,
    })
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / 1_048_576.0)
}

/// Our figures for one statement, measured in this process.
struct Ours {
    msms: Vec<Msm>,
    constraints: usize,
    setup: Duration,
    prove: Duration,
    rebuild: Duration,
    verify: Duration,
    pk_bytes: Vec<u8>,
    vk_bytes: Vec<u8>,
}

fn ours(version: Version, f: &Fixture, proofs: usize) -> Result<Ours> {
    eprintln!("darkroom {}: setup…", version.id());
    let start = Instant::now();
    let (pk, vk) = groth16::setup_dev(version, &mut OsRng)?;
    let setup = start.elapsed();
    let mut pk_bytes = Vec::new();
    groth16::write_proving_key(&pk, version, groth16::Setup::Development, &mut pk_bytes)?;
    let mut vk_bytes = Vec::new();
    groth16::write_verifying_key(&vk, version, groth16::Setup::Development, &mut vk_bytes)?;
    eprintln!("darkroom {}: {proofs} proofs…", version.id());
    // As `darkroom prove` and the page do: the matrices come with the key.
    let prover = groth16::Prover::read(&pk_bytes[..])?;
    let mut prove_times = Vec::new();
    let mut rebuild_times = Vec::new();
    let mut proof = [0u8; groth16::PROOF_LEN];
    for _ in 0..proofs {
        let start = Instant::now();
        proof = prover.prove(&f.public, f.witness.clone(), &mut OsRng)?;
        prove_times.push(start.elapsed());
        // arkworks' Groth16::prove, which builds the matrices every time.
        let start = Instant::now();
        groth16::prove(&pk, version, &f.public, f.witness.clone(), &mut OsRng)?;
        rebuild_times.push(start.elapsed());
    }
    let verifier = Verifier::new(vk, version, groth16::Setup::Development);
    let mut verify_times = Vec::new();
    for _ in 0..20 {
        let start = Instant::now();
        verifier.verify(&f.public, &proof)?;
        verify_times.push(start.elapsed());
    }
    Ok(Ours {
        msms: msms(prover.key())?,
        constraints: statement::constraint_count_of(version),
        setup,
        prove: median_of(prove_times),
        rebuild: median_of(rebuild_times),
        verify: median_of(verify_times),
        pk_bytes,
        vk_bytes,
    })
}

/// One multi-scalar multiplication over a query of the proving key, by
/// arkworks and by the prover.
struct Msm {
    what: &'static str,
    points: usize,
    arkworks: Duration,
    ours: Duration,
}

/// The proving key's largest G1 query (`H`) and its G2 query (`B`), summed
/// with random full-size scalars (most of a witness's are), median of 9.
fn msms(pk: &ark_groth16::ProvingKey<ark_bn254::Bn254>) -> Result<Vec<Msm>> {
    use ark_ec::VariableBaseMSM;
    use ark_ff::UniformRand;
    use darkroom_circuits::msm::msm;
    fn time<G: PartialEq + std::fmt::Debug>(
        what: &'static str,
        points: usize,
        theirs: impl Fn() -> G,
        ours: impl Fn() -> G,
    ) -> Result<Msm> {
        let (mut a, mut o) = (Vec::new(), Vec::new());
        for _ in 0..9 {
            let start = Instant::now();
            let x = theirs();
            a.push(start.elapsed());
            let start = Instant::now();
            let y = ours();
            o.push(start.elapsed());
            if x != y {
                bail!("{what}: the prover's sum differs from arkworks'");
            }
        }
        Ok(Msm {
            what,
            points,
            arkworks: median_of(a),
            ours: median_of(o),
        })
    }
    let h = &pk.h_query;
    let s: Vec<ark_bn254::Fr> = (0..h.len())
        .map(|_| ark_bn254::Fr::rand(&mut OsRng))
        .collect();
    let b = &pk.b_g2_query;
    let t: Vec<ark_bn254::Fr> = (0..b.len())
        .map(|_| ark_bn254::Fr::rand(&mut OsRng))
        .collect();
    Ok(vec![
        time(
            "H query, G1",
            h.len(),
            || ark_bn254::G1Projective::msm_unchecked(h, &s),
            || msm(h, &s),
        )?,
        time(
            "B query, G2",
            b.len(),
            || ark_bn254::G2Projective::msm_unchecked(b, &t),
            || msm(b, &t),
        )?,
    ])
}

pub fn run(proofs: usize, js: &Path, circuits: &[(Version, &Path)]) -> Result<ExitCode> {
    let proofs = proofs.max(1);
    let node_modules = js.join("node_modules");
    for needed in [
        "snarkjs/cli.js",
        "circom2/cli.js",
        "circomlib/circuits/eddsaposeidon.circom",
    ] {
        if !node_modules.join(needed).exists() {
            bail!(
                "the comparison needs {} (run `npm ci --prefix {}`)",
                node_modules.join(needed).display(),
                js.display()
            );
        }
    }
    for (_, circom) in circuits {
        if !circom.exists() {
            bail!(
                "the comparison circuit {} is missing; run from the repository root",
                circom.display()
            );
        }
    }
    let me = crate::darkroom();
    let dir = tempfile::Builder::new()
        .prefix("darkroom-bench-zk-")
        .tempdir()?;
    let d = dir.path();
    let ptau = prepared_ptau(d, js)?;

    let mut rows = Vec::new();
    let mut last = None;
    for &(version, circom) in circuits {
        let f = fixture(version)?;
        let o = ours(version, &f, proofs)?;
        let sub = d.join(version.id());
        fs::create_dir_all(&sub)?;
        let theirs = snarkjs(&sub, js, circom, &ptau, &f, proofs)?;
        rows.push((version, o, theirs));
        last = Some(f);
    }
    let Some((version, o, _)) = rows.last() else {
        bail!("no statement to measure");
    };
    let f = last.context("no statement to measure")?;

    // A whole `darkroom prove` with the last statement's keys, for its
    // peak memory.
    let keys = d.join("keys");
    fs::create_dir_all(&keys)?;
    fs::write(keys.join("proving.key"), &o.pk_bytes)?;
    fs::write(keys.join("verifying.key"), &o.vk_bytes)?;
    fs::write(d.join("registry.json"), f.registry.to_json())?;
    fs::write(d.join("doc.pdf"), &f.file)?;
    fs::write(d.join("doc.capture.json"), f.attestation.to_json())?;
    let start = Instant::now();
    let rss = peak_rss(
        Command::new(me)
            .arg("prove")
            .arg(d.join("doc.pdf"))
            .arg("--registry")
            .arg(d.join("registry.json"))
            .arg("--keys")
            .arg(&keys)
            .args(["--region", "48,2,49,3", "-o"])
            .arg(d.join("bundle.json"))
            .arg("--opening-out")
            .arg(d.join("opening.txt")),
    )?;
    let whole = start.elapsed();

    let ratio = |a: Duration, b: Duration| format!("{:.1}x", a.as_secs_f64() / b.as_secs_f64());
    println!();
    println!(
        "| statement | what | darkroom (arkworks, native) | snarkjs (circom, node) | snarkjs / darkroom |"
    );
    println!("|---|---|---|---|---|");
    for (v, o, theirs) in &rows {
        let v = v.id();
        println!(
            "| {v} | constraints | {} | {} | {:.3} |",
            o.constraints,
            theirs.constraints,
            theirs.constraints as f64 / o.constraints as f64
        );
        println!(
            "| {v} | setup (theirs: from a prepared 2^14 ptau) | {} | {} | {} |",
            ms(o.setup),
            ms(theirs.setup),
            ratio(theirs.setup, o.setup)
        );
        println!(
            "| {v} | prove: witness + proof, median of {proofs} | {} | {} | {} |",
            ms(o.prove),
            ms(theirs.prove),
            ratio(theirs.prove, o.prove)
        );
        println!(
            "| {v} | prove with arkworks' Groth16::prove (rebuilds the matrices; arkworks' MSMs) | {} | | ours {} faster |",
            ms(o.rebuild),
            ratio(o.rebuild, o.prove)
        );
        println!(
            "| {v} | verify, median of 20 | {} | {} | {} |",
            ms(o.verify),
            ms(theirs.verify),
            ratio(theirs.verify, o.verify)
        );
        println!(
            "| {v} | proving key | {} (uncompressed) | {} (zkey) | |",
            mib(o.pk_bytes.len() as u64),
            mib(theirs.zkey_len)
        );
    }
    let v = version.id();
    println!(
        "| {v} | whole `darkroom prove` (reads keys, proves, checks, writes) | {} | | |",
        ms(whole)
    );
    println!(
        "| {v} | peak RSS of `darkroom prove` | {:.1} MiB | | |",
        rss as f64 / 1024.0
    );
    println!();
    println!(
        "| statement | multi-scalar multiplication (random full-size scalars) | points | arkworks | darkroom | arkworks / darkroom |"
    );
    println!("|---|---|---|---|---|---|");
    for (v, o, _) in &rows {
        for m in &o.msms {
            println!(
                "| {} | {} | {} | {} | {} | {} |",
                v.id(),
                m.what,
                m.points,
                ms(m.arkworks),
                ms(m.ours),
                ratio(m.arkworks, m.ours)
            );
        }
    }
    println!();
    println!("targets (v2): constraints < 8192; prove <= 150 ms on 2 cores and >= 5x faster than snarkjs; verify <= 1 ms.");
    println!("public inputs ({v}): {}", public_line(&f.public));
    Ok(ExitCode::SUCCESS)
}

fn public_line(p: &PublicInputs) -> String {
    p.to_field_elements()
        .iter()
        .map(field::to_hex)
        .collect::<Vec<_>>()
        .join(" ")
}

struct Theirs {
    constraints: usize,
    setup: Duration,
    prove: Duration,
    verify: Duration,
    zkey_len: u64,
}

pub(super) fn node(js: &Path) -> Command {
    let mut c = Command::new("node");
    c.current_dir(js);
    c
}

pub(super) fn checked(c: &mut Command) -> Result<String> {
    let out = c
        .stderr(Stdio::piped())
        .output()
        .with_context(|| format!("cannot run {:?}", c.get_program()))?;
    if !out.status.success() {
        bail!("{:?} failed: {}", c, String::from_utf8_lossy(&out.stderr));
    }
    Ok(strip_ansi(&String::from_utf8_lossy(&out.stdout)))
}

fn strip_ansi(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The circom version of the statement, compiled.
pub(super) struct Circom {
    pub r1cs: PathBuf,
    pub wasm: PathBuf,
    pub constraints: usize,
}

/// Compiles `circom` with circom2 into `d/circom` and counts its constraints.
pub(super) fn compile_circom(d: &Path, js: &Path, circom: &Path) -> Result<Circom> {
    let snarkjs = js.join("node_modules/snarkjs/cli.js");
    let out = d.join("circom");
    fs::create_dir_all(&out)?;
    eprintln!("snarkjs: compiling the circom circuit…");
    checked(
        node(js)
            .arg(js.join("node_modules/circom2/cli.js"))
            .arg(circom)
            .args(["--r1cs", "--wasm", "--O2", "-l"])
            .arg(js.join("node_modules"))
            .arg("-o")
            .arg(&out),
    )?;
    let stem = circom
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("circuit")
        .to_string();
    let r1cs = out.join(format!("{stem}.r1cs"));
    let wasm = out.join(format!("{stem}_js/{stem}.wasm"));
    let info = checked(node(js).arg(&snarkjs).args(["r1cs", "info"]).arg(&r1cs))?;
    let constraints = info
        .lines()
        .find_map(|l| l.split("# of Constraints:").nth(1))
        .and_then(|n| n.trim().parse().ok())
        .context("snarkjs printed no constraint count")?;
    Ok(Circom {
        r1cs,
        wasm,
        constraints,
    })
}

/// A prepared 2^14 powers of tau for snarkjs's setups (not timed).
fn prepared_ptau(d: &Path, js: &Path) -> Result<PathBuf> {
    let js = fs::canonicalize(js)?;
    let snarkjs = js.join("node_modules/snarkjs/cli.js");
    eprintln!("snarkjs: powers of tau (2^14, not timed)…");
    let pot = d.join("pot.ptau");
    let pot_final = d.join("pot_final.ptau");
    checked(
        node(&js)
            .arg(&snarkjs)
            .args(["powersoftau", "new", "bn128", "14"])
            .arg(&pot),
    )?;
    checked(
        node(&js)
            .arg(&snarkjs)
            .args(["powersoftau", "prepare", "phase2"])
            .arg(&pot)
            .arg(&pot_final),
    )?;
    Ok(pot_final)
}

fn snarkjs(
    d: &Path,
    js: &Path,
    circom: &Path,
    pot_final: &Path,
    f: &Fixture,
    proofs: usize,
) -> Result<Theirs> {
    let js = fs::canonicalize(js)?;
    let circom = fs::canonicalize(circom)?;
    let snarkjs = js.join("node_modules/snarkjs/cli.js");
    let Circom {
        r1cs,
        wasm,
        constraints,
    } = compile_circom(d, &js, &circom)?;
    eprintln!("snarkjs: setup…");
    let zkey = d.join("circuit.zkey");
    let start = Instant::now();
    checked(
        node(&js)
            .arg(&snarkjs)
            .args(["groth16", "setup"])
            .arg(&r1cs)
            .arg(pot_final)
            .arg(&zkey),
    )?;
    let setup = start.elapsed();
    let vkey = d.join("vkey.json");
    checked(
        node(&js)
            .arg(&snarkjs)
            .args(["zkey", "export", "verificationkey"])
            .arg(&zkey)
            .arg(&vkey),
    )?;
    let input = d.join("input.json");
    fs::write(&input, snarkjs_json::circom_input(&f.public, &f.witness))?;
    eprintln!("snarkjs: {proofs} proofs…");
    let line = checked(
        node(&js)
            .arg(js.join("bench-prove.mjs"))
            .arg(&wasm)
            .arg(&zkey)
            .arg(&input)
            .arg(&vkey)
            .arg(proofs.to_string()),
    )?;
    let v: serde_json::Value =
        serde_json::from_str(line.trim()).context("bench-prove.mjs output")?;
    if v["ok"] != serde_json::Value::Bool(true) {
        bail!("snarkjs did not verify its own proofs of the same statement");
    }
    let times = |k: &str| -> Vec<Duration> {
        v[k].as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_f64())
                    .map(|ms| Duration::from_secs_f64(ms / 1e3))
                    .collect()
            })
            .unwrap_or_default()
    };
    Ok(Theirs {
        constraints,
        setup,
        prove: median_of(times("prove_ms")),
        verify: median_of(times("verify_ms")),
        zkey_len: fs::metadata(&zkey)?.len(),
    })
}

//! The multi-party setup of the provenance keys.
//!
//! Groth16 keys hide a trapdoor; whoever knows it can forge proofs. Here
//! the trapdoor is split across a ceremony, and the keys are sound if any
//! one participant threw their share away:
//!
//! - **Phase 1** is a public powers-of-tau transcript (snarkjs `.ptau`,
//!   e.g. the Perpetual Powers of Tau). [`Phase1`] holds the part this
//!   circuit needs: `τ^i`, `α·τ^i`, `β·τ^i` and their Lagrange forms over
//!   the circuit's evaluation domain. [`Phase1::check`] proves they are
//!   consistent powers of one `τ` (it cannot tell which `τ`: the file's
//!   digest says which public transcript it came from).
//! - **Phase 2** fixes the circuit: [`initial`] turns phase 1 and the
//!   constraint matrices into a proving key with `δ = 1`. Each contributor
//!   multiplies `δ` by a secret `d` and divides the `H` and `L` queries by
//!   it ([`contribute`]), publishing a proof of knowledge of `d` in the
//!   style of Bowe–Gabizon–Miers (2017): `s`, `s·d` in G1 and `r·d` in G2,
//!   where `r` is hashed onto G2 from the previous contribution's hash and
//!   `s`, `s·d`, so a proof cannot be copied from elsewhere. A public
//!   random beacon ([`beacon`]) may close the ceremony; its `d` is derived
//!   from the beacon, so anyone can recompute it.
//! - Every file of the transcript is hashed with SHA-256, and each
//!   contribution names the hash of the one before it, so the transcript
//!   is a hash chain. [`Replay`] checks it all: phase 1, that the initial
//!   key is this circuit's, and for every contribution the chain link, the
//!   proof of knowledge, the `δ` update in G1 and G2, and that every `H`
//!   and `L` element was divided by the same `d` (one random linear
//!   combination per query, checked by pairings).
//!
//! File formats are in `docs/ceremony.md`.

use ark_bn254::{Bn254, Fq, Fq2, Fr, G1Affine, G1Projective, G2Affine, G2Projective};
use ark_ec::pairing::Pairing;
use ark_ec::{AffineRepr, CurveGroup, PrimeGroup, VariableBaseMSM};
use ark_ff::{BigInt, BigInteger, Field, One, PrimeField, UniformRand, Zero};
use ark_groth16::{ProvingKey, VerifyingKey};
use ark_poly::{EvaluationDomain, GeneralEvaluationDomain};
use ark_relations::gr1cs::{
    ConstraintSynthesizer, ConstraintSystem, OptimizationGoal, SynthesisMode, R1CS_PREDICATE_LABEL,
};
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize, Compress, Validate};
use ark_std::rand::{CryptoRng, RngCore, SeedableRng};
use rand_chacha::ChaCha20Rng;
use sha2::{Digest, Sha256};
use zeroize::{Zeroize, Zeroizing};

use crate::statement::STATEMENT_ID;

const MAGIC: &str = "darkroom-ceremony v1";

/// The largest domain a transcript may use (2^20 constraints): far above
/// the v1 circuit, and a bound on what a hostile file can make us read.
pub const MAX_DOMAIN_LOG2: u32 = 20;

/// Why a ceremony file or step was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CeremonyError {
    /// Not a snarkjs powers-of-tau file, or a damaged one.
    #[error("not a usable powers-of-tau (.ptau) file: {0}")]
    Ptau(String),
    /// The powers of tau cover fewer constraints than the circuit has.
    #[error("the powers of tau go up to 2^{have} constraints, but this circuit needs 2^{need}; use a .ptau file of power {need} or more")]
    PtauTooSmall {
        /// The file's power.
        have: u32,
        /// The power the circuit needs.
        need: u32,
    },
    /// The phase-1 points are not consistent powers of one secret.
    #[error("the powers of tau are inconsistent: {0}")]
    Phase1(&'static str),
    /// A transcript file's header or body is malformed.
    #[error("{0}")]
    Malformed(String),
    /// The transcript's phase 1 is not the `.ptau` file's.
    #[error("the transcript's phase 1 is not the one in the .ptau file given: its powers of tau differ, so whoever made it may know its τ, α and β and could forge proofs; start the ceremony again from the public .ptau file")]
    OtherPhase1,
    /// The initial parameters were made for another circuit.
    #[error("the transcript's initial parameters are not this circuit's (another circuit, statement or phase 1 made them)")]
    OtherCircuit,
    /// A contribution failed a check.
    #[error("{0}")]
    Step(#[from] StepError),
    /// The constraint system could not be built.
    #[error("the circuit could not be synthesised")]
    Synthesis,
}

/// Why one contribution was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum StepError {
    /// The file is not a contribution.
    #[error("it is not a valid contribution file")]
    Malformed,
    /// It names another file than the one before it.
    #[error("the hash chain is broken: it does not name the hash of the contribution before it")]
    Chain,
    /// A point that must not be zero is zero.
    #[error("its public key holds the point at infinity")]
    Zero,
    /// `e(s, r·d) ≠ e(s·d, r)`.
    #[error("its proof of knowledge does not hold")]
    ProofOfKnowledge,
    /// The new `δ` in G1 is not the old one times the `d` of the proof.
    #[error("its δ update is inconsistent with its proof of knowledge")]
    Delta,
    /// `δ` in G1 and G2 differ.
    #[error("its δ in G1 and its δ in G2 disagree")]
    DeltaG2,
    /// The query lengths changed.
    #[error("it changes the number of H or L elements")]
    Length,
    /// Some `H` element was not divided by `d`.
    #[error("its H query was not updated consistently with δ (an element is altered)")]
    H,
    /// Some `L` element was not divided by `d`.
    #[error("its L query was not updated consistently with δ (an element is altered)")]
    L,
    /// A beacon contribution that its beacon does not reproduce.
    #[error("it does not match its beacon: recomputing d from the beacon gives another key")]
    Beacon,
}

// ---------------------------------------------------------------------------
// Phase 1

/// The phase-1 points a circuit with an `n`-element domain needs.
#[derive(Clone, Debug, PartialEq, CanonicalSerialize, CanonicalDeserialize)]
pub struct Phase1 {
    /// `τ^i·G1`, `i < 2n − 1`.
    pub tau_g1: Vec<G1Affine>,
    /// `τ^i·G2`, `i < n`.
    pub tau_g2: Vec<G2Affine>,
    /// `α·τ^i·G1`, `i < n`.
    pub alpha_tau_g1: Vec<G1Affine>,
    /// `β·τ^i·G1`, `i < n`.
    pub beta_tau_g1: Vec<G1Affine>,
    /// `β·G2`.
    pub beta_g2: G2Affine,
    /// `L_j(τ)·G1` for the domain's Lagrange polynomials.
    pub lagrange_g1: Vec<G1Affine>,
    /// `L_j(τ)·G2`.
    pub lagrange_g2: Vec<G2Affine>,
    /// `α·L_j(τ)·G1`.
    pub alpha_lagrange_g1: Vec<G1Affine>,
    /// `β·L_j(τ)·G1`.
    pub beta_lagrange_g1: Vec<G1Affine>,
}

/// The powers of tau themselves, as a `.ptau` file holds them: what binds
/// a transcript to its public phase 1. (The Lagrange forms follow from
/// them, and [`Phase1::check`] checks that they do.)
#[derive(Clone, Debug, PartialEq)]
pub struct Powers {
    /// `τ^i·G1`, `i < 2n − 1`.
    pub tau_g1: Vec<G1Affine>,
    /// `τ^i·G2`, `i < n`.
    pub tau_g2: Vec<G2Affine>,
    /// `α·τ^i·G1`, `i < n`.
    pub alpha_tau_g1: Vec<G1Affine>,
    /// `β·τ^i·G1`, `i < n`.
    pub beta_tau_g1: Vec<G1Affine>,
    /// `β·G2`.
    pub beta_g2: G2Affine,
}

impl Powers {
    /// Reads the powers an `n`-element domain needs from a snarkjs `.ptau`
    /// file, without its Lagrange forms (so it is quick for any file).
    pub fn from_ptau<R: std::io::Read + std::io::Seek>(
        mut r: R,
        n: usize,
    ) -> Result<Powers, CeremonyError> {
        Ptau::read_powers(&mut r, n).map(|(p, _)| p)
    }
}

fn domain(n: usize) -> Result<GeneralEvaluationDomain<Fr>, CeremonyError> {
    GeneralEvaluationDomain::<Fr>::new(n)
        .filter(|d| d.size() == n)
        .ok_or_else(|| CeremonyError::Malformed(format!("{n} is not a power-of-two domain size")))
}

/// A random scalar of 128 bits, enough for a random linear combination.
fn rho(rng: &mut dyn RngCore, n: usize) -> Vec<Fr> {
    (0..n)
        .map(|_| Fr::from(((rng.next_u64() as u128) << 64) | rng.next_u64() as u128))
        .collect()
}

fn msm1(bases: &[G1Affine], scalars: &[Fr]) -> G1Projective {
    G1Projective::msm_unchecked(bases, scalars)
}

fn msm2(bases: &[G2Affine], scalars: &[Fr]) -> G2Projective {
    G2Projective::msm_unchecked(bases, scalars)
}

/// `e(a0, b1) == e(a1, b0)`: the ratio `a1/a0` in G1 equals `b1/b0` in G2.
fn same_ratio(a: (G1Projective, G1Projective), b: (G2Projective, G2Projective)) -> bool {
    let lhs = Bn254::multi_pairing(
        [a.0.into_affine(), (-a.1).into_affine()],
        [b.1.into_affine(), b.0.into_affine()],
    );
    lhs.is_zero()
}

impl Phase1 {
    /// Whether these are exactly `powers`: every `τ^i` in G1 and G2, every
    /// `α·τ^i` and `β·τ^i`, and `β` in G2.
    pub fn has_powers(&self, powers: &Powers) -> bool {
        self.tau_g1 == powers.tau_g1
            && self.tau_g2 == powers.tau_g2
            && self.alpha_tau_g1 == powers.alpha_tau_g1
            && self.beta_tau_g1 == powers.beta_tau_g1
            && self.beta_g2 == powers.beta_g2
    }

    /// The powers of tau this phase 1 is made of.
    pub fn powers(&self) -> Powers {
        Powers {
            tau_g1: self.tau_g1.clone(),
            tau_g2: self.tau_g2.clone(),
            alpha_tau_g1: self.alpha_tau_g1.clone(),
            beta_tau_g1: self.beta_tau_g1.clone(),
            beta_g2: self.beta_g2,
        }
    }

    /// The evaluation domain's size `n`.
    pub fn domain_size(&self) -> usize {
        self.lagrange_g1.len()
    }

    /// Checks that the points are consistent powers of one secret `τ`
    /// (with one `α` and one `β`), that `τ` is neither 0 nor 1, and that the
    /// Lagrange forms are those of the same powers over this domain.
    pub fn check(&self, rng: &mut dyn RngCore) -> Result<(), CeremonyError> {
        let n = self.domain_size();
        let d = domain(n)?;
        if self.tau_g1.len() != 2 * n - 1
            || [
                self.tau_g2.len(),
                self.alpha_tau_g1.len(),
                self.beta_tau_g1.len(),
                self.lagrange_g2.len(),
                self.alpha_lagrange_g1.len(),
                self.beta_lagrange_g1.len(),
            ]
            .iter()
            .any(|&l| l != n)
            || n < 2
        {
            return Err(CeremonyError::Phase1("the sections have the wrong lengths"));
        }
        let g1 = G1Projective::generator();
        let g2 = G2Projective::generator();
        if self.tau_g1[0] != g1.into_affine() || self.tau_g2[0] != g2.into_affine() {
            return Err(CeremonyError::Phase1("τ^0 is not the generator"));
        }
        if self.tau_g1[1].is_zero() || self.tau_g1[1] == g1.into_affine() {
            return Err(CeremonyError::Phase1(
                "τ is 0 or 1: nobody contributed to these powers of tau",
            ));
        }
        if self.alpha_tau_g1[0].is_zero() || self.beta_tau_g1[0].is_zero() {
            return Err(CeremonyError::Phase1("α or β is zero"));
        }
        let tau2 = self.tau_g2[1].into_group();
        // Successive powers in G1: Σρ·τ^i and Σρ·τ^{i+1} differ by τ.
        let shift = |v: &[G1Affine], rng: &mut dyn RngCore| {
            let r = rho(rng, v.len() - 1);
            (msm1(&v[..v.len() - 1], &r), msm1(&v[1..], &r))
        };
        if !same_ratio(shift(&self.tau_g1, rng), (g2, tau2)) {
            return Err(CeremonyError::Phase1("τ^i·G1 are not successive powers"));
        }
        if !same_ratio(shift(&self.alpha_tau_g1, rng), (g2, tau2)) {
            return Err(CeremonyError::Phase1("α·τ^i·G1 are not successive powers"));
        }
        if !same_ratio(shift(&self.beta_tau_g1, rng), (g2, tau2)) {
            return Err(CeremonyError::Phase1("β·τ^i·G1 are not successive powers"));
        }
        let r = rho(rng, n - 1);
        let (a, b) = (msm2(&self.tau_g2[..n - 1], &r), msm2(&self.tau_g2[1..], &r));
        if !same_ratio((g1, self.tau_g1[1].into_group()), (a, b)) {
            return Err(CeremonyError::Phase1("τ^i·G2 are not successive powers"));
        }
        if !same_ratio(
            (g1, self.beta_tau_g1[0].into_group()),
            (g2, self.beta_g2.into_group()),
        ) {
            return Err(CeremonyError::Phase1("β in G1 and G2 disagree"));
        }
        // Lagrange forms: Σρ_j·L_j(τ) = Σ σ_i·τ^i with σ = IFFT(ρ).
        let r = rho(rng, n);
        let s = d.ifft(&r);
        let pairs: [(&[G1Affine], &[G1Affine], &'static str); 3] = [
            (
                &self.lagrange_g1,
                &self.tau_g1[..n],
                "the Lagrange form L_j(τ)·G1 is not of these powers",
            ),
            (
                &self.alpha_lagrange_g1,
                &self.alpha_tau_g1,
                "the Lagrange form α·L_j(τ)·G1 is not of these powers",
            ),
            (
                &self.beta_lagrange_g1,
                &self.beta_tau_g1,
                "the Lagrange form β·L_j(τ)·G1 is not of these powers",
            ),
        ];
        for (lagrange, powers, refusal) in pairs {
            if msm1(lagrange, &r) != msm1(powers, &s) {
                return Err(CeremonyError::Phase1(refusal));
            }
        }
        if msm2(&self.lagrange_g2, &r) != msm2(&self.tau_g2, &s) {
            return Err(CeremonyError::Phase1(
                "the Lagrange form L_j(τ)·G2 is not of these powers",
            ));
        }
        Ok(())
    }

    /// Computes the Lagrange forms from the powers (an inverse FFT over the
    /// group), for transcripts that were not prepared for phase 2.
    fn fill_lagrange(&mut self) -> Result<(), CeremonyError> {
        let n = self.tau_g2.len();
        let d = domain(n)?;
        let g1 = |v: &[G1Affine]| {
            let p: Vec<G1Projective> = v[..n].iter().map(|a| a.into_group()).collect();
            G1Projective::normalize_batch(&d.ifft(&p))
        };
        self.lagrange_g1 = g1(&self.tau_g1);
        self.alpha_lagrange_g1 = g1(&self.alpha_tau_g1);
        self.beta_lagrange_g1 = g1(&self.beta_tau_g1);
        let p: Vec<G2Projective> = self.tau_g2.iter().map(|a| a.into_group()).collect();
        self.lagrange_g2 = G2Projective::normalize_batch(&d.ifft(&p));
        Ok(())
    }

    /// Reads what an `n`-element domain needs from a snarkjs `.ptau` file
    /// (BN254). The Lagrange sections of a file prepared for phase 2 are
    /// used when present, otherwise computed. Call [`Phase1::check`] next.
    pub fn from_ptau<R: std::io::Read + std::io::Seek>(
        mut r: R,
        n: usize,
    ) -> Result<Phase1, CeremonyError> {
        Ptau::read(&mut r, n)
    }
    /// Phase 1 from known secrets, for tests (whoever holds `τ`, `α`, `β`
    /// can forge proofs).
    #[cfg(test)]
    fn insecure_from_secrets(tau: Fr, alpha: Fr, beta: Fr, n: usize) -> Phase1 {
        let g1 = G1Projective::generator();
        let g2 = G2Projective::generator();
        let powers: Vec<Fr> = std::iter::successors(Some(Fr::one()), |p| Some(*p * tau))
            .take(2 * n - 1)
            .collect();
        let batch1 = |s: &mut dyn Iterator<Item = Fr>| {
            G1Projective::normalize_batch(&s.map(|x| g1 * x).collect::<Vec<_>>())
        };
        let mut p1 = Phase1 {
            tau_g1: batch1(&mut powers.iter().copied()),
            tau_g2: G2Projective::normalize_batch(
                &powers[..n].iter().map(|x| g2 * x).collect::<Vec<_>>(),
            ),
            alpha_tau_g1: batch1(&mut powers[..n].iter().map(|x| *x * alpha)),
            beta_tau_g1: batch1(&mut powers[..n].iter().map(|x| *x * beta)),
            beta_g2: (g2 * beta).into_affine(),
            lagrange_g1: vec![],
            lagrange_g2: vec![],
            alpha_lagrange_g1: vec![],
            beta_lagrange_g1: vec![],
        };
        // n is a power of two by contract.
        let _ = p1.fill_lagrange();
        p1
    }
}

/// The snarkjs `.ptau` reader: `ptau`, version, section count, then
/// sections `(u32 type, u64 size, bytes)`. Points are affine, coordinates
/// little-endian in Montgomery form, the point at infinity all zeros.
struct Ptau;

/// A seekable reader, taken as a trait object so the reader is compiled here.
trait ReadSeek: std::io::Read + std::io::Seek {}
impl<T: std::io::Read + std::io::Seek> ReadSeek for T {}

/// A `.ptau` file's sections: type → (offset, size).
type Sections = std::collections::BTreeMap<u32, (u64, u64)>;

fn ptau_bad(m: &str) -> CeremonyError {
    CeremonyError::Ptau(m.to_string())
}

fn ptau_io(_: std::io::Error) -> CeremonyError {
    ptau_bad("the file is truncated or unreadable")
}

/// Reads `count` points of `size` bytes from section `kind`, skipping
/// `skip` of them. The caller has checked the section is long enough.
fn read_points(
    r: &mut dyn ReadSeek,
    sections: &Sections,
    kind: u32,
    skip: u64,
    count: usize,
    size: usize,
) -> Result<Vec<u8>, CeremonyError> {
    let (p, _) = sections[&kind];
    r.seek(std::io::SeekFrom::Start(p + skip * size as u64))
        .map_err(ptau_io)?;
    let mut buf = vec![0u8; count * size];
    r.read_exact(&mut buf).map_err(ptau_io)?;
    Ok(buf)
}

fn available(sections: &Sections, kind: u32, points: u64, size: u64) -> Result<(), CeremonyError> {
    match sections.get(&kind) {
        Some(&(_, s)) if s >= points * size => Ok(()),
        _ => Err(ptau_bad("a section is missing or too short")),
    }
}

fn g1s(b: Vec<u8>) -> Result<Vec<G1Affine>, CeremonyError> {
    b.chunks(64).map(g1_from_ptau).collect()
}

fn g2s(b: Vec<u8>) -> Result<Vec<G2Affine>, CeremonyError> {
    b.chunks(128).map(g2_from_ptau).collect()
}

impl Ptau {
    fn read(r: &mut dyn ReadSeek, n: usize) -> Result<Phase1, CeremonyError> {
        let (powers, sections) = Ptau::read_powers(r, n)?;
        let mut p1 = Phase1 {
            tau_g1: powers.tau_g1,
            tau_g2: powers.tau_g2,
            alpha_tau_g1: powers.alpha_tau_g1,
            beta_tau_g1: powers.beta_tau_g1,
            beta_g2: powers.beta_g2,
            lagrange_g1: vec![],
            lagrange_g2: vec![],
            alpha_lagrange_g1: vec![],
            beta_lagrange_g1: vec![],
        };
        // Prepared files hold, per section, the Lagrange forms for every
        // domain 2^0 … 2^power one after the other: ours starts at n − 1.
        let prepared = [12u32, 13, 14, 15].iter().all(|k| sections.contains_key(k));
        if prepared {
            let skip = n as u64 - 1;
            for (k, size) in [(12, 64), (13, 128), (14, 64), (15, 64)] {
                available(&sections, k, skip + n as u64, size)?;
            }
            p1.lagrange_g1 = g1s(read_points(r, &sections, 12, skip, n, 64)?)?;
            p1.lagrange_g2 = g2s(read_points(r, &sections, 13, skip, n, 128)?)?;
            p1.alpha_lagrange_g1 = g1s(read_points(r, &sections, 14, skip, n, 64)?)?;
            p1.beta_lagrange_g1 = g1s(read_points(r, &sections, 15, skip, n, 64)?)?;
        } else {
            p1.fill_lagrange()?;
        }
        Ok(p1)
    }

    /// The powers an `n`-element domain needs, and the file's sections.
    fn read_powers(r: &mut dyn ReadSeek, n: usize) -> Result<(Powers, Sections), CeremonyError> {
        use std::io::SeekFrom;
        let mut head = [0u8; 12];
        r.read_exact(&mut head).map_err(ptau_io)?;
        if &head[..4] != b"ptau" {
            return Err(ptau_bad("it does not start with \"ptau\""));
        }
        let version = u32::from_le_bytes(head[4..8].try_into().unwrap_or_default());
        if version != 1 {
            return Err(ptau_bad("only version 1 is known"));
        }
        let count = u32::from_le_bytes(head[8..12].try_into().unwrap_or_default());
        if count > 64 {
            return Err(ptau_bad("too many sections"));
        }
        let mut sections = Sections::new();
        let mut pos = 12u64;
        for _ in 0..count {
            let mut h = [0u8; 12];
            r.read_exact(&mut h).map_err(ptau_io)?;
            let kind = u32::from_le_bytes(h[..4].try_into().unwrap_or_default());
            let size = u64::from_le_bytes(h[4..].try_into().unwrap_or_default());
            pos += 12;
            if sections.insert(kind, (pos, size)).is_some() {
                return Err(ptau_bad("a section appears twice"));
            }
            pos = pos
                .checked_add(size)
                .ok_or_else(|| ptau_bad("a section size overflows"))?;
            r.seek(SeekFrom::Start(pos)).map_err(ptau_io)?;
        }
        let end = r.seek(SeekFrom::End(0)).map_err(ptau_io)?;
        if pos > end {
            return Err(ptau_bad("the file is shorter than its sections"));
        }
        // Header: n8, q, power, ceremony power.
        let &(hpos, hsize) = sections
            .get(&1)
            .ok_or_else(|| ptau_bad("no header section"))?;
        if hsize != 4 + 32 + 8 {
            return Err(ptau_bad("the header is not BN254's (32-byte field)"));
        }
        r.seek(SeekFrom::Start(hpos)).map_err(ptau_io)?;
        let mut h = [0u8; 44];
        r.read_exact(&mut h).map_err(ptau_io)?;
        let q = Fq::MODULUS.to_bytes_le();
        if h[..4] != 32u32.to_le_bytes() || h[4..36] != q[..] {
            return Err(ptau_bad("the curve is not BN254 (bn128)"));
        }
        let power = u32::from_le_bytes(h[36..40].try_into().unwrap_or_default());
        let need = n.trailing_zeros();
        if !n.is_power_of_two() || need > MAX_DOMAIN_LOG2 {
            return Err(ptau_bad("the circuit's domain is out of range"));
        }
        if power < need {
            return Err(CeremonyError::PtauTooSmall { have: power, need });
        }
        if power > 28 {
            return Err(ptau_bad("its power is above BN254's 2^28 limit"));
        }
        let big = 1u64 << power;
        available(&sections, 2, 2 * big - 1, 64)?;
        available(&sections, 3, big, 128)?;
        available(&sections, 4, big, 64)?;
        available(&sections, 5, big, 64)?;
        available(&sections, 6, 1, 128)?;
        let powers = Powers {
            tau_g1: g1s(read_points(r, &sections, 2, 0, 2 * n - 1, 64)?)?,
            tau_g2: g2s(read_points(r, &sections, 3, 0, n, 128)?)?,
            alpha_tau_g1: g1s(read_points(r, &sections, 4, 0, n, 64)?)?,
            beta_tau_g1: g1s(read_points(r, &sections, 5, 0, n, 64)?)?,
            beta_g2: g2s(read_points(r, &sections, 6, 0, 1, 128)?)?[0],
        };
        Ok((powers, sections))
    }
}

fn fq_from_ptau(b: &[u8]) -> Result<Fq, CeremonyError> {
    let mut limbs = [0u64; 4];
    for (l, c) in limbs.iter_mut().zip(b.chunks(8)) {
        *l = u64::from_le_bytes(c.try_into().unwrap_or_default());
    }
    let mont = BigInt::new(limbs);
    if mont >= Fq::MODULUS {
        return Err(CeremonyError::Ptau(
            "a coordinate is not below the modulus".into(),
        ));
    }
    Ok(Fq::new_unchecked(mont))
}

fn g1_from_ptau(b: &[u8]) -> Result<G1Affine, CeremonyError> {
    let (x, y) = (fq_from_ptau(&b[..32])?, fq_from_ptau(&b[32..64])?);
    let p = G1Affine::new_unchecked(x, y);
    if p.is_zero() || !p.is_on_curve() || !p.is_in_correct_subgroup_assuming_on_curve() {
        return Err(CeremonyError::Ptau("a G1 point is invalid or zero".into()));
    }
    Ok(p)
}

fn g2_from_ptau(b: &[u8]) -> Result<G2Affine, CeremonyError> {
    let x = Fq2::new(fq_from_ptau(&b[..32])?, fq_from_ptau(&b[32..64])?);
    let y = Fq2::new(fq_from_ptau(&b[64..96])?, fq_from_ptau(&b[96..128])?);
    let p = G2Affine::new_unchecked(x, y);
    if p.is_zero() || !p.is_on_curve() || !p.is_in_correct_subgroup_assuming_on_curve() {
        return Err(CeremonyError::Ptau("a G2 point is invalid or zero".into()));
    }
    Ok(p)
}

// ---------------------------------------------------------------------------
// Phase 2: the initial key

/// The evaluation domain size a circuit needs, as arkworks' prover uses it.
pub fn domain_size_for<C: ConstraintSynthesizer<Fr>>(circuit: C) -> Result<usize, CeremonyError> {
    let r = synthesize(circuit)?;
    domain_len(&r)
}

struct Synthesized {
    matrices: Vec<Vec<Vec<(Fr, usize)>>>,
    instance: usize,
    witness: usize,
    constraints: usize,
}

fn synthesize<C: ConstraintSynthesizer<Fr>>(circuit: C) -> Result<Synthesized, CeremonyError> {
    let cs = ConstraintSystem::new_ref();
    cs.set_optimization_goal(OptimizationGoal::Constraints);
    cs.set_mode(SynthesisMode::Setup);
    circuit
        .generate_constraints(cs.clone())
        .map_err(|_| CeremonyError::Synthesis)?;
    cs.finalize();
    let matrices = cs
        .to_matrices()
        .ok()
        .and_then(|mut m| m.remove(R1CS_PREDICATE_LABEL))
        .ok_or(CeremonyError::Synthesis)?;
    Ok(Synthesized {
        matrices,
        instance: cs.num_instance_variables(),
        witness: cs.num_witness_variables(),
        constraints: cs.num_constraints(),
    })
}

fn domain_len(s: &Synthesized) -> Result<usize, CeremonyError> {
    GeneralEvaluationDomain::<Fr>::new(s.constraints + s.instance)
        .map(|d| d.size())
        .ok_or(CeremonyError::Synthesis)
}

/// `Σ coeff·bases[row]` over one column of a matrix. Columns are short,
/// so each term is one scalar multiplication (±1 are additions); a
/// multi-scalar multiplication per column costs more than it saves.
fn column<G: CurveGroup<ScalarField = Fr>>(bases: &[G::Affine], col: &[(usize, Fr)]) -> G {
    let mut acc = G::zero();
    for &(row, coeff) in col {
        if coeff.is_one() {
            acc += bases[row];
        } else if (-coeff).is_one() {
            acc -= bases[row];
        } else {
            acc += bases[row] * coeff;
        }
    }
    acc
}

/// `f` over every item, across cores in native builds.
fn map_all<T: Sync, U: Send>(items: &[T], f: impl Fn(&T) -> U + Sync + Send) -> Vec<U> {
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        items.par_iter().map(f).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        items.iter().map(f).collect()
    }
}

/// The proving key with `δ = 1`, from phase 1 and the circuit's matrices,
/// exactly as arkworks' generator lays it out (libsnark's reduction: each
/// public input `i` also enters `A` at row `constraints + i`; `γ = 1`).
pub fn initial<C: ConstraintSynthesizer<Fr>>(
    phase1: &Phase1,
    circuit: C,
) -> Result<ProvingKey<Bn254>, CeremonyError> {
    initial_from(phase1, &synthesize(circuit)?)
}

// Not generic, so that it is compiled (optimised) in this crate rather
// than in each caller: the same holds for every heavy function below.
fn initial_from(phase1: &Phase1, s: &Synthesized) -> Result<ProvingKey<Bn254>, CeremonyError> {
    let n = domain_len(s)?;
    if phase1.domain_size() != n {
        return Err(CeremonyError::OtherCircuit);
    }
    let vars = s.instance + s.witness;
    let mut cols = vec![vec![Vec::new(); vars]; 3];
    for (m, matrix) in s.matrices.iter().enumerate().take(3) {
        for (row, terms) in matrix.iter().enumerate() {
            for &(coeff, var) in terms {
                cols[m][var].push((row, coeff));
            }
        }
    }
    for (i, col) in cols[0].iter_mut().enumerate().take(s.instance) {
        col.push((s.constraints + i, Fr::one()));
    }
    let (a, b, c) = (&cols[0], &cols[1], &cols[2]);
    let a_query: Vec<G1Projective> = map_all(a, |col| column(&phase1.lagrange_g1, col));
    let b_g1: Vec<G1Projective> = map_all(b, |col| column(&phase1.lagrange_g1, col));
    let b_g2: Vec<G2Projective> = map_all(b, |col| column(&phase1.lagrange_g2, col));
    let index: Vec<usize> = (0..vars).collect();
    let abc: Vec<G1Projective> = map_all(&index, |&i| {
        column::<G1Projective>(&phase1.beta_lagrange_g1, &a[i])
            + column::<G1Projective>(&phase1.alpha_lagrange_g1, &b[i])
            + column::<G1Projective>(&phase1.lagrange_g1, &c[i])
    });
    let h: Vec<G1Projective> = (0..n - 1)
        .map(|i| phase1.tau_g1[i + n].into_group() - phase1.tau_g1[i])
        .collect();
    let abc = G1Projective::normalize_batch(&abc);
    let vk = VerifyingKey::<Bn254> {
        alpha_g1: phase1.alpha_tau_g1[0],
        beta_g2: phase1.beta_g2,
        gamma_g2: G2Affine::generator(),
        delta_g2: G2Affine::generator(),
        gamma_abc_g1: abc[..s.instance].to_vec(),
    };
    Ok(ProvingKey {
        vk,
        beta_g1: phase1.beta_tau_g1[0],
        delta_g1: G1Affine::generator(),
        a_query: G1Projective::normalize_batch(&a_query),
        b_g1_query: G1Projective::normalize_batch(&b_g1),
        b_g2_query: G2Projective::normalize_batch(&b_g2),
        h_query: G1Projective::normalize_batch(&h),
        l_query: abc[s.instance..].to_vec(),
    })
}

/// Whether `pk` is [`initial`]'s key for this phase 1 and circuit, checked
/// without recomputing it: for random `ρ`, `Σρ_i·Q_i` must equal the
/// Lagrange bases weighted by `Σρ_i·M[j][i]` for each query `Q` and its
/// matrix `M` (a forgery passes with probability about 2^-128).
fn is_initial(
    phase1: &Phase1,
    s: &Synthesized,
    pk: &ProvingKey<Bn254>,
    rng: &mut dyn RngCore,
) -> Result<bool, CeremonyError> {
    let n = domain_len(s)?;
    let vars = s.instance + s.witness;
    if phase1.domain_size() != n
        || pk.a_query.len() != vars
        || pk.b_g1_query.len() != vars
        || pk.b_g2_query.len() != vars
        || pk.vk.gamma_abc_g1.len() != s.instance
        || pk.l_query.len() != s.witness
        || pk.h_query.len() != n - 1
    {
        return Ok(false);
    }
    let g1 = G1Affine::generator();
    let g2 = G2Affine::generator();
    if pk.vk.alpha_g1 != phase1.alpha_tau_g1[0]
        || pk.beta_g1 != phase1.beta_tau_g1[0]
        || pk.vk.beta_g2 != phase1.beta_g2
        || pk.vk.gamma_g2 != g2
        || pk.vk.delta_g2 != g2
        || pk.delta_g1 != g1
    {
        return Ok(false);
    }
    let h_ok = (0..n - 1).all(|i| {
        pk.h_query[i].into_group() == phase1.tau_g1[i + n].into_group() - phase1.tau_g1[i]
    });
    if !h_ok {
        return Ok(false);
    }
    let r = rho(rng, vars);
    // w[m][j] = Σ_i ρ_i·M_m[j][i], with the public-input rows of A.
    let mut w = vec![vec![Fr::zero(); n]; 3];
    for (m, matrix) in s.matrices.iter().enumerate().take(3) {
        for (row, terms) in matrix.iter().enumerate() {
            w[m][row] = terms.iter().map(|&(coeff, var)| coeff * r[var]).sum();
        }
    }
    for (i, ri) in r.iter().enumerate().take(s.instance) {
        w[0][s.constraints + i] += ri;
    }
    let abc: Vec<G1Affine> = pk
        .vk
        .gamma_abc_g1
        .iter()
        .chain(&pk.l_query)
        .copied()
        .collect();
    Ok(msm1(&pk.a_query, &r) == msm1(&phase1.lagrange_g1, &w[0])
        && msm1(&pk.b_g1_query, &r) == msm1(&phase1.lagrange_g1, &w[1])
        && msm2(&pk.b_g2_query, &r) == msm2(&phase1.lagrange_g2, &w[1])
        && msm1(&abc, &r)
            == msm1(&phase1.beta_lagrange_g1, &w[0])
                + msm1(&phase1.alpha_lagrange_g1, &w[1])
                + msm1(&phase1.lagrange_g1, &w[2]))
}

// ---------------------------------------------------------------------------
// Files

/// A file's header lines, as (name, value).
type Fields = Vec<(String, String)>;

/// The headers of a ceremony file, and where its body starts.
fn split_header(bytes: &[u8]) -> Result<(Fields, &[u8]), CeremonyError> {
    let bad = || CeremonyError::Malformed("not a darkroom ceremony file (bad header)".into());
    let end = bytes
        .windows(2)
        .take(2048)
        .position(|w| w == b"\n\n")
        .ok_or_else(bad)?;
    let text = std::str::from_utf8(&bytes[..end]).map_err(|_| bad())?;
    let mut lines = text.lines();
    if lines.next() != Some(MAGIC) {
        return Err(bad());
    }
    let fields = lines
        .map(|l| {
            l.split_once(": ")
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .ok_or_else(bad)
        })
        .collect::<Result<Vec<_>, _>>()?;
    if fields.len() > 8 {
        return Err(bad());
    }
    Ok((fields, &bytes[end + 2..]))
}

fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

fn hash32(hex_text: Option<&str>) -> Option<[u8; 32]> {
    let mut out = [0u8; 32];
    hex::decode_to_slice(hex_text?, &mut out).ok()?;
    Some(out)
}

/// SHA-256 of a file's bytes: how the chain names a file.
pub fn file_hash(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// The transcript's first file: phase 1 and the circuit's key with `δ = 1`.
pub fn initial_file<C: ConstraintSynthesizer<Fr>>(
    phase1: &Phase1,
    ptau_sha256: &[u8; 32],
    circuit: C,
) -> Result<Vec<u8>, CeremonyError> {
    let pk = initial(phase1, circuit)?;
    let mut out = format!(
        "{MAGIC}\nkind: initial\nstatement: {STATEMENT_ID}\nptau-sha256: {}\ndomain: {}\n\n",
        hex::encode(ptau_sha256),
        phase1.domain_size()
    )
    .into_bytes();
    let ser = |e| CeremonyError::Malformed(format!("cannot encode the parameters: {e}"));
    phase1.serialize_compressed(&mut out).map_err(ser)?;
    pk.serialize_compressed(&mut out).map_err(ser)?;
    Ok(out)
}

/// What a contribution changes: `δ` and the `H` and `L` queries.
#[derive(Clone, Debug, PartialEq, CanonicalSerialize, CanonicalDeserialize)]
pub struct Delta {
    /// `δ·G1`.
    pub delta_g1: G1Affine,
    /// `δ·G2`.
    pub delta_g2: G2Affine,
    /// `τ^i·Z(τ)/δ`.
    pub h: Vec<G1Affine>,
    /// `(β·A_i(τ) + α·B_i(τ) + C_i(τ))/δ` for the private variables.
    pub l: Vec<G1Affine>,
}

impl Delta {
    fn of(pk: &ProvingKey<Bn254>) -> Delta {
        Delta {
            delta_g1: pk.delta_g1,
            delta_g2: pk.vk.delta_g2,
            h: pk.h_query.clone(),
            l: pk.l_query.clone(),
        }
    }
}

/// A contributor's public key: the proof of knowledge of `d`.
#[derive(Clone, Debug, PartialEq, CanonicalSerialize, CanonicalDeserialize)]
pub struct PublicKey {
    /// A random point `s`.
    pub s: G1Affine,
    /// `s·d`.
    pub s_delta: G1Affine,
    /// `r·d`, with `r` hashed onto G2 from the chain and `s`, `s·d`.
    pub r_delta: G2Affine,
}

/// How a contribution's `d` was chosen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Fresh randomness, thrown away.
    Contribution,
    /// Derived from a public beacon by `iterations` rounds of SHA-256.
    Beacon {
        /// The beacon value.
        beacon: Vec<u8>,
        /// Rounds of SHA-256 applied to it.
        iterations: u64,
    },
}

/// One parsed contribution file.
#[derive(Clone, Debug)]
pub struct Contribution {
    /// How `d` was chosen.
    pub kind: Kind,
    /// The hash of the file before it.
    pub previous: [u8; 32],
    /// The proof of knowledge.
    pub key: PublicKey,
    /// The new `δ`, `H` and `L`.
    pub delta: Delta,
}

/// The most SHA-256 rounds a beacon may ask for (about a minute here).
pub const MAX_BEACON_ITERATIONS: u64 = 1 << 28;

impl Contribution {
    /// Encodes the file.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = format!("{MAGIC}\n").into_bytes();
        match &self.kind {
            Kind::Contribution => out.extend_from_slice(b"kind: contribution\n"),
            Kind::Beacon { beacon, iterations } => out.extend_from_slice(
                format!(
                    "kind: beacon\nbeacon: {}\niterations: {iterations}\n",
                    hex::encode(beacon)
                )
                .as_bytes(),
            ),
        }
        out.extend_from_slice(format!("previous: {}\n\n", hex::encode(self.previous)).as_bytes());
        // Writing into a Vec cannot fail.
        let _ = self.key.serialize_compressed(&mut out);
        let _ = self.delta.serialize_compressed(&mut out);
        out
    }

    /// Decodes a file, validating every point.
    pub fn from_bytes(bytes: &[u8]) -> Result<Contribution, StepError> {
        let (fields, mut body) = split_header(bytes).map_err(|_| StepError::Malformed)?;
        let kind = match field(&fields, "kind") {
            Some("contribution") => Kind::Contribution,
            Some("beacon") => {
                let beacon = field(&fields, "beacon")
                    .and_then(|b| hex::decode(b).ok())
                    .filter(|b| !b.is_empty() && b.len() <= 256)
                    .ok_or(StepError::Malformed)?;
                let iterations = field(&fields, "iterations")
                    .and_then(|i| i.parse::<u64>().ok())
                    .filter(|i| *i <= MAX_BEACON_ITERATIONS)
                    .ok_or(StepError::Malformed)?;
                Kind::Beacon { beacon, iterations }
            }
            _ => return Err(StepError::Malformed),
        };
        let previous = hash32(field(&fields, "previous")).ok_or(StepError::Malformed)?;
        let key = PublicKey::deserialize_with_mode(&mut body, Compress::Yes, Validate::Yes)
            .map_err(|_| StepError::Malformed)?;
        let delta = Delta::deserialize_with_mode(&mut body, Compress::Yes, Validate::Yes)
            .map_err(|_| StepError::Malformed)?;
        if !body.is_empty() {
            return Err(StepError::Malformed);
        }
        Ok(Contribution {
            kind,
            previous,
            key,
            delta,
        })
    }
}

/// `r`: the G2 point the proof of knowledge is checked against, hashed
/// from the chain and the contributor's `s`, `s·d` (a seeded ChaCha20
/// stream picks a random curve point, so nobody knows its logarithm).
fn hash_to_g2(previous: &[u8; 32], s: &G1Affine, s_delta: &G1Affine) -> G2Projective {
    let mut h = Sha256::new();
    h.update(b"darkroom-ceremony r v1\n");
    h.update(previous);
    let mut bytes = Vec::new();
    let _ = s.serialize_compressed(&mut bytes);
    let _ = s_delta.serialize_compressed(&mut bytes);
    h.update(&bytes);
    let mut rng = ChaCha20Rng::from_seed(h.finalize().into());
    G2Projective::rand(&mut rng)
}

fn apply(previous: &[u8; 32], old: &Delta, d: Fr, s: G1Projective, kind: Kind) -> Contribution {
    let d_inv = d.inverse().unwrap_or_default();
    let s_delta = s * d;
    let r = hash_to_g2(previous, &s.into_affine(), &s_delta.into_affine());
    let div = |v: &[G1Affine]| G1Projective::normalize_batch(&map_all(v, |p| *p * d_inv));
    Contribution {
        kind,
        previous: *previous,
        key: PublicKey {
            s: s.into_affine(),
            s_delta: s_delta.into_affine(),
            r_delta: (r * d).into_affine(),
        },
        delta: Delta {
            delta_g1: (old.delta_g1 * d).into_affine(),
            delta_g2: (old.delta_g2 * d).into_affine(),
            h: div(&old.h),
            l: div(&old.l),
        },
    }
}

/// A non-zero scalar and a random G1 point from a seeded stream.
fn secret_from(seed: [u8; 32]) -> (Fr, G1Projective) {
    let mut rng = ChaCha20Rng::from_seed(seed);
    let mut d = Fr::rand(&mut rng);
    while d.is_zero() {
        d = Fr::rand(&mut rng);
    }
    (d, G1Projective::rand(&mut rng))
}

/// The seed a beacon gives: `iterations` rounds of SHA-256 over it.
fn beacon_seed(beacon: &[u8], iterations: u64) -> [u8; 32] {
    let mut h: [u8; 32] = Sha256::digest(beacon).into();
    for _ in 0..iterations {
        h = Sha256::digest(h).into();
    }
    let mut s = Sha256::new();
    s.update(b"darkroom-ceremony beacon v1\n");
    s.update(h);
    s.finalize().into()
}

/// A transcript replayed up to its last file: the current key and hash.
#[derive(Clone, Debug)]
pub struct Replay {
    pk: ProvingKey<Bn254>,
    hash: [u8; 32],
    ptau_sha256: [u8; 32],
    contributions: usize,
    beacons: usize,
}

/// What [`Replay::apply`] checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    /// The contribution's hash, which its contributor publishes.
    pub hash: [u8; 32],
    /// Whether it came from a beacon.
    pub beacon: bool,
}

impl Replay {
    /// Checks the initial file against the public phase 1 (`powers`, read
    /// from the `.ptau` file everyone can fetch: the transcript's own copy
    /// must equal it point for point) and this circuit.
    pub fn start<C: ConstraintSynthesizer<Fr>>(
        bytes: &[u8],
        circuit: C,
        powers: &Powers,
        rng: &mut dyn RngCore,
    ) -> Result<Replay, CeremonyError> {
        Replay::start_with(bytes, &synthesize(circuit)?, powers, rng)
    }

    fn start_with(
        bytes: &[u8],
        circuit: &Synthesized,
        powers: &Powers,
        rng: &mut dyn RngCore,
    ) -> Result<Replay, CeremonyError> {
        let (fields, mut body) = split_header(bytes)?;
        let bad = |m: &str| CeremonyError::Malformed(format!("the initial file is {m}"));
        if field(&fields, "kind") != Some("initial") {
            return Err(bad("not an initial file"));
        }
        if field(&fields, "statement") != Some(STATEMENT_ID) {
            return Err(CeremonyError::OtherCircuit);
        }
        let ptau_sha256 =
            hash32(field(&fields, "ptau-sha256")).ok_or_else(|| bad("missing its ptau digest"))?;
        let n: usize = field(&fields, "domain")
            .and_then(|d| d.parse().ok())
            .filter(|n: &usize| n.is_power_of_two() && n.trailing_zeros() <= MAX_DOMAIN_LOG2)
            .ok_or_else(|| bad("missing a valid domain size"))?;
        let phase1 = Phase1::deserialize_with_mode(&mut body, Compress::Yes, Validate::Yes)
            .map_err(|_| bad("damaged (phase 1)"))?;
        if phase1.domain_size() != n {
            return Err(bad("damaged (phase 1 has another domain)"));
        }
        // Before anything else: a phase 1 whose τ, α or β its maker knows
        // makes every later check meaningless.
        if !phase1.has_powers(powers) {
            return Err(CeremonyError::OtherPhase1);
        }
        phase1.check(rng)?;
        let pk =
            ProvingKey::<Bn254>::deserialize_with_mode(&mut body, Compress::Yes, Validate::Yes)
                .map_err(|_| bad("damaged (the initial key)"))?;
        if !body.is_empty() {
            return Err(bad("longer than its contents"));
        }
        if !is_initial(&phase1, circuit, &pk, rng)? {
            return Err(CeremonyError::OtherCircuit);
        }
        Ok(Replay {
            pk,
            hash: file_hash(bytes),
            ptau_sha256,
            contributions: 0,
            beacons: 0,
        })
    }

    /// Checks one contribution file against the state so far and applies it.
    pub fn apply(&mut self, bytes: &[u8], rng: &mut dyn RngCore) -> Result<Applied, StepError> {
        let c = Contribution::from_bytes(bytes)?;
        if c.previous != self.hash {
            return Err(StepError::Chain);
        }
        let old = Delta::of(&self.pk);
        let k = &c.key;
        if k.s.is_zero() || k.s_delta.is_zero() || k.r_delta.is_zero() || c.delta.delta_g1.is_zero()
        {
            return Err(StepError::Zero);
        }
        let r = hash_to_g2(&c.previous, &k.s, &k.s_delta);
        let r_delta = k.r_delta.into_group();
        if !same_ratio((k.s.into_group(), k.s_delta.into_group()), (r, r_delta)) {
            return Err(StepError::ProofOfKnowledge);
        }
        if !same_ratio(
            (old.delta_g1.into_group(), c.delta.delta_g1.into_group()),
            (r, r_delta),
        ) {
            return Err(StepError::Delta);
        }
        if !same_ratio(
            (G1Projective::generator(), c.delta.delta_g1.into_group()),
            (G2Projective::generator(), c.delta.delta_g2.into_group()),
        ) {
            return Err(StepError::DeltaG2);
        }
        if c.delta.h.len() != old.h.len() || c.delta.l.len() != old.l.len() {
            return Err(StepError::Length);
        }
        // new_i = old_i / d for every i: e(Σρ·new, δ_new) = e(Σρ·old, δ_old).
        let check = |old_v: &[G1Affine], new_v: &[G1Affine], rng: &mut dyn RngCore| {
            let r = rho(rng, old_v.len());
            same_ratio(
                (msm1(new_v, &r), msm1(old_v, &r)),
                (old.delta_g2.into_group(), c.delta.delta_g2.into_group()),
            )
        };
        if !check(&old.h, &c.delta.h, rng) {
            return Err(StepError::H);
        }
        if !check(&old.l, &c.delta.l, rng) {
            return Err(StepError::L);
        }
        if let Kind::Beacon { beacon, iterations } = &c.kind {
            let (mut d, s) = secret_from(beacon_seed(beacon, *iterations));
            let expected = apply(&c.previous, &old, d, s, c.kind.clone());
            d.zeroize();
            if expected.key != c.key || expected.delta.delta_g1 != c.delta.delta_g1 {
                return Err(StepError::Beacon);
            }
            self.beacons += 1;
        } else {
            self.contributions += 1;
        }
        self.pk.delta_g1 = c.delta.delta_g1;
        self.pk.vk.delta_g2 = c.delta.delta_g2;
        self.pk.h_query = c.delta.h;
        self.pk.l_query = c.delta.l;
        self.hash = file_hash(bytes);
        Ok(Applied {
            hash: self.hash,
            beacon: matches!(c.kind, Kind::Beacon { .. }),
        })
    }

    /// The hash of the last file, which the next contribution names.
    pub fn hash(&self) -> &[u8; 32] {
        &self.hash
    }

    /// The SHA-256 of the `.ptau` file phase 1 was read from.
    pub fn ptau_sha256(&self) -> &[u8; 32] {
        &self.ptau_sha256
    }

    /// Contributions with fresh randomness so far.
    pub fn contributions(&self) -> usize {
        self.contributions
    }

    /// Beacon contributions so far.
    pub fn beacons(&self) -> usize {
        self.beacons
    }

    /// The proving key as of the last file.
    pub fn proving_key(&self) -> &ProvingKey<Bn254> {
        &self.pk
    }

    /// A new contribution on top of this state, with `d` from `rng` mixed
    /// with the contributor's `entropy`. The secret is wiped before return.
    pub fn contribute<R: RngCore + CryptoRng>(&self, rng: &mut R, entropy: &[u8]) -> Contribution {
        let mut fresh = Zeroizing::new([0u8; 32]);
        rng.fill_bytes(&mut fresh[..]);
        self.contribute_with(&fresh, entropy)
    }

    fn contribute_with(&self, fresh: &[u8; 32], entropy: &[u8]) -> Contribution {
        let mut h = Sha256::new();
        h.update(b"darkroom-ceremony contribution v1\n");
        h.update(fresh);
        h.update(entropy);
        let mut seed: [u8; 32] = h.finalize().into();
        let (mut d, s) = secret_from(seed);
        seed.zeroize();
        let c = apply(&self.hash, &Delta::of(&self.pk), d, s, Kind::Contribution);
        d.zeroize();
        c
    }

    /// The beacon's contribution on top of this state: anyone can redo it.
    pub fn beacon(&self, beacon: &[u8], iterations: u64) -> Contribution {
        let (d, s) = secret_from(beacon_seed(beacon, iterations));
        apply(
            &self.hash,
            &Delta::of(&self.pk),
            d,
            s,
            Kind::Beacon {
                beacon: beacon.to_vec(),
                iterations,
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ark_groth16::Groth16;
    use ark_r1cs_std::alloc::AllocVar;
    use ark_r1cs_std::eq::EqGadget;
    use ark_r1cs_std::fields::fp::FpVar;
    use ark_r1cs_std::GR1CSVar;
    use ark_relations::gr1cs::{ConstraintSystemRef, SynthesisError};
    use ark_snark::SNARK;
    use ark_std::rand::rngs::StdRng;

    /// `z = x·y` with `z` public, then `extra` squarings of `x`.
    #[derive(Clone)]
    struct Toy {
        x: Fr,
        y: Fr,
        z: Fr,
        extra: usize,
    }

    impl ConstraintSynthesizer<Fr> for Toy {
        fn generate_constraints(self, cs: ConstraintSystemRef<Fr>) -> Result<(), SynthesisError> {
            let z = FpVar::new_input(cs.clone(), || Ok(self.z))?;
            let x = FpVar::new_witness(cs.clone(), || Ok(self.x))?;
            let y = FpVar::new_witness(cs.clone(), || Ok(self.y))?;
            (&x * &y).enforce_equal(&z)?;
            let mut t = x;
            for _ in 0..self.extra {
                t = &t * &t;
                FpVar::new_witness(cs.clone(), || t.value())?.enforce_equal(&t)?;
            }
            Ok(())
        }
    }

    fn toy(extra: usize) -> Toy {
        Toy {
            x: Fr::from(3u64),
            y: Fr::from(5u64),
            z: Fr::from(15u64),
            extra,
        }
    }

    fn rng() -> StdRng {
        StdRng::seed_from_u64(7)
    }

    struct Setup {
        initial: Vec<u8>,
        powers: Powers,
        replay: Replay,
    }

    /// The public phase 1 of these tests.
    fn public_phase1(n: usize) -> Phase1 {
        Phase1::insecure_from_secrets(Fr::from(1234u64), Fr::from(55u64), Fr::from(77u64), n)
    }

    fn setup(extra: usize) -> Setup {
        let n = domain_size_for(toy(extra)).unwrap();
        let p1 = public_phase1(n);
        let initial = initial_file(&p1, &[9; 32], toy(extra)).unwrap();
        let powers = p1.powers();
        let replay = Replay::start(&initial, toy(extra), &powers, &mut rng()).unwrap();
        Setup {
            initial,
            powers,
            replay,
        }
    }

    fn contribution(replay: &Replay) -> Contribution {
        replay.contribute(&mut rng(), b"test")
    }

    #[test]
    fn the_lagrange_forms_are_the_lagrange_polynomials_at_tau() {
        let tau = Fr::from(1234u64);
        let p1 = Phase1::insecure_from_secrets(tau, Fr::from(2u64), Fr::from(3u64), 8);
        let d = domain(8).unwrap();
        let expected: Vec<G1Affine> = d
            .evaluate_all_lagrange_coefficients(tau)
            .iter()
            .map(|l| (G1Projective::generator() * l).into_affine())
            .collect();
        assert_eq!(p1.lagrange_g1, expected);
        p1.check(&mut rng()).unwrap();
    }

    #[test]
    fn phase1_tampering_is_caught() {
        let good = Phase1::insecure_from_secrets(Fr::from(9u64), Fr::from(2u64), Fr::from(3u64), 8);
        let g = G1Affine::generator();
        let mut p = good.clone();
        p.tau_g1[5] = (p.tau_g1[5] + g).into_affine();
        assert!(
            matches!(p.check(&mut rng()), Err(CeremonyError::Phase1(m)) if m.contains("τ^i·G1"))
        );
        let mut p = good.clone();
        p.lagrange_g1[3] = (p.lagrange_g1[3] + g).into_affine();
        assert!(
            matches!(p.check(&mut rng()), Err(CeremonyError::Phase1(m)) if m.contains("Lagrange"))
        );
        let mut p = good.clone();
        p.beta_g2 = (p.beta_g2 + G2Affine::generator()).into_affine();
        assert!(p.check(&mut rng()).is_err());
        let one = Phase1::insecure_from_secrets(Fr::one(), Fr::from(2u64), Fr::from(3u64), 8);
        assert!(
            matches!(one.check(&mut rng()), Err(CeremonyError::Phase1(m)) if m.contains("nobody contributed"))
        );
    }

    #[test]
    fn a_ceremony_with_a_beacon_makes_keys_that_prove_and_verify() {
        let Setup { mut replay, .. } = setup(4);
        let before = replay.proving_key().clone();
        for i in 0..3 {
            let c = replay.contribute(&mut StdRng::seed_from_u64(100 + i), b"party");
            let bytes = c.to_bytes();
            let applied = replay.apply(&bytes, &mut rng()).unwrap();
            assert_eq!(applied.hash, file_hash(&bytes));
            assert!(!applied.beacon);
        }
        let b = replay.beacon(b"public randomness", 1000);
        assert!(replay.apply(&b.to_bytes(), &mut rng()).unwrap().beacon);
        assert_eq!((replay.contributions(), replay.beacons()), (3, 1));
        let pk = replay.proving_key().clone();
        assert_ne!(pk.delta_g1, before.delta_g1);
        assert_ne!(pk.h_query, before.h_query);
        assert_eq!(pk.a_query, before.a_query);
        let proof = Groth16::<Bn254>::prove(&pk, toy(4), &mut rng()).unwrap();
        assert!(Groth16::<Bn254>::verify(&pk.vk, &[Fr::from(15u64)], &proof).unwrap());
        assert!(!Groth16::<Bn254>::verify(&pk.vk, &[Fr::from(16u64)], &proof).unwrap());
        // The initial key (δ = 1) proves too: the layout is arkworks'.
        let proof = Groth16::<Bn254>::prove(&before, toy(4), &mut rng()).unwrap();
        assert!(Groth16::<Bn254>::verify(&before.vk, &[Fr::from(15u64)], &proof).unwrap());
    }

    #[test]
    fn a_beacon_is_reproducible() {
        let s = setup(2);
        let a = s.replay.beacon(b"beacon", 10).to_bytes();
        let b = s.replay.beacon(b"beacon", 10).to_bytes();
        assert_eq!(a, b);
        assert_ne!(a, s.replay.beacon(b"beacon", 11).to_bytes());
    }

    #[test]
    fn an_inconsistent_delta_update_is_refused() {
        let s = setup(3);
        let mut c = contribution(&s.replay);
        let other = apply(
            s.replay.hash(),
            &Delta::of(s.replay.proving_key()),
            Fr::from(42u64),
            G1Projective::generator(),
            Kind::Contribution,
        );
        c.delta = other.delta;
        let mut r = s.replay.clone();
        assert_eq!(r.apply(&c.to_bytes(), &mut rng()), Err(StepError::Delta));
    }

    #[test]
    fn a_wrong_proof_of_knowledge_is_refused() {
        let s = setup(3);
        let mut c = contribution(&s.replay);
        c.key.r_delta = (c.key.r_delta * Fr::from(2u64)).into_affine();
        let mut r = s.replay.clone();
        assert_eq!(
            r.apply(&c.to_bytes(), &mut rng()),
            Err(StepError::ProofOfKnowledge)
        );
        // A proof copied onto another chain position does not hold either.
        let mut c = contribution(&s.replay);
        let mut r = s.replay.clone();
        r.apply(&contribution(&s.replay).to_bytes(), &mut rng())
            .unwrap();
        c.previous = *r.hash();
        assert_eq!(
            r.apply(&c.to_bytes(), &mut rng()),
            Err(StepError::ProofOfKnowledge)
        );
    }

    #[test]
    fn an_altered_h_or_l_element_is_refused() {
        let s = setup(3);
        let g = G1Affine::generator();
        let mut c = contribution(&s.replay);
        c.delta.h[1] = (c.delta.h[1] + g).into_affine();
        assert_eq!(
            s.replay.clone().apply(&c.to_bytes(), &mut rng()),
            Err(StepError::H)
        );
        let mut c = contribution(&s.replay);
        let last = c.delta.l.len() - 1;
        c.delta.l[last] = (c.delta.l[last] + g).into_affine();
        assert_eq!(
            s.replay.clone().apply(&c.to_bytes(), &mut rng()),
            Err(StepError::L)
        );
        let mut c = contribution(&s.replay);
        c.delta.delta_g2 = (c.delta.delta_g2 + G2Affine::generator()).into_affine();
        assert_eq!(
            s.replay.clone().apply(&c.to_bytes(), &mut rng()),
            Err(StepError::DeltaG2)
        );
        let mut c = contribution(&s.replay);
        c.delta.h.pop();
        assert_eq!(
            s.replay.clone().apply(&c.to_bytes(), &mut rng()),
            Err(StepError::Length)
        );
    }

    #[test]
    fn a_broken_hash_chain_is_refused() {
        let s = setup(3);
        let mut c = contribution(&s.replay);
        c.previous[31] ^= 1;
        assert_eq!(
            s.replay.clone().apply(&c.to_bytes(), &mut rng()),
            Err(StepError::Chain)
        );
        // Replaying a contribution twice breaks the chain too.
        let c = contribution(&s.replay).to_bytes();
        let mut r = s.replay.clone();
        r.apply(&c, &mut rng()).unwrap();
        assert_eq!(r.apply(&c, &mut rng()), Err(StepError::Chain));
    }

    #[test]
    fn a_beacon_that_its_beacon_does_not_reproduce_is_refused() {
        let s = setup(3);
        let mut b = s.replay.beacon(b"the real beacon", 5);
        b.kind = Kind::Beacon {
            beacon: b"another beacon".to_vec(),
            iterations: 5,
        };
        assert_eq!(
            s.replay.clone().apply(&b.to_bytes(), &mut rng()),
            Err(StepError::Beacon)
        );
        // A contribution relabelled as a beacon is refused the same way.
        let mut c = contribution(&s.replay);
        c.kind = Kind::Beacon {
            beacon: b"x".to_vec(),
            iterations: 1,
        };
        assert_eq!(
            s.replay.clone().apply(&c.to_bytes(), &mut rng()),
            Err(StepError::Beacon)
        );
    }

    #[test]
    fn a_transcript_for_another_circuit_is_refused() {
        let s = setup(3);
        assert_eq!(
            Replay::start(&s.initial, toy(4), &s.powers, &mut rng()).unwrap_err(),
            CeremonyError::OtherCircuit
        );
        // A much larger circuit needs another domain.
        assert_eq!(
            Replay::start(&s.initial, toy(40), &s.powers, &mut rng()).unwrap_err(),
            CeremonyError::OtherCircuit
        );
        assert!(Replay::start(&s.initial, toy(3), &s.powers, &mut rng()).is_ok());
    }

    #[test]
    fn an_initial_key_that_is_not_the_circuits_is_refused() {
        let n = domain_size_for(toy(3)).unwrap();
        let p1 =
            Phase1::insecure_from_secrets(Fr::from(1234u64), Fr::from(55u64), Fr::from(77u64), n);
        let good = initial(&p1, toy(3)).unwrap();
        let s = synthesize(toy(3)).unwrap();
        assert!(is_initial(&p1, &s, &good, &mut rng()).unwrap());
        let g = G1Affine::generator();
        let bump = |v: &mut Vec<G1Affine>, i: usize| v[i] = (v[i] + g).into_affine();
        let mut pk = good.clone();
        bump(&mut pk.a_query, 2);
        assert!(!is_initial(&p1, &s, &pk, &mut rng()).unwrap());
        let mut pk = good.clone();
        bump(&mut pk.b_g1_query, 1);
        assert!(!is_initial(&p1, &s, &pk, &mut rng()).unwrap());
        let mut pk = good.clone();
        pk.b_g2_query[1] = (pk.b_g2_query[1] + G2Affine::generator()).into_affine();
        assert!(!is_initial(&p1, &s, &pk, &mut rng()).unwrap());
        let mut pk = good.clone();
        bump(&mut pk.l_query, 0);
        assert!(!is_initial(&p1, &s, &pk, &mut rng()).unwrap());
        let mut pk = good.clone();
        bump(&mut pk.vk.gamma_abc_g1, 0);
        assert!(!is_initial(&p1, &s, &pk, &mut rng()).unwrap());
        let mut pk = good.clone();
        bump(&mut pk.h_query, 0);
        assert!(!is_initial(&p1, &s, &pk, &mut rng()).unwrap());
        let mut pk = good;
        pk.delta_g1 = (pk.delta_g1 + g).into_affine();
        assert!(!is_initial(&p1, &s, &pk, &mut rng()).unwrap());
    }

    /// A coordinator builds phase 1 from its own τ, α and β, and writes
    /// the genuine `.ptau` file's digest into the header. Every check of
    /// the transcript alone passes; binding to the public powers does not.
    #[test]
    fn a_phase1_forged_under_the_genuine_digest_is_refused() {
        let n = domain_size_for(toy(3)).unwrap();
        let genuine = public_phase1(n);
        let genuine_digest = [9u8; 32];
        let forged =
            Phase1::insecure_from_secrets(Fr::from(4321u64), Fr::from(5u64), Fr::from(7u64), n);
        // The forgery is internally consistent: it passes its own checks.
        forged.check(&mut rng()).unwrap();
        let initial = initial_file(&forged, &genuine_digest, toy(3)).unwrap();
        let honest = initial_file(&genuine, &genuine_digest, toy(3)).unwrap();
        assert_eq!(
            split_header(&initial).unwrap().0,
            split_header(&honest).unwrap().0,
            "the headers are identical"
        );
        // Contributions on top of it chain and check as usual…
        let mut coordinator =
            Replay::start(&initial, toy(3), &forged.powers(), &mut rng()).unwrap();
        let c = coordinator.contribute(&mut rng(), b"party");
        coordinator.apply(&c.to_bytes(), &mut rng()).unwrap();
        // …but anyone replaying against the public powers (verify,
        // contribute and finalize all start here) refuses it.
        assert_eq!(
            Replay::start(&initial, toy(3), &genuine.powers(), &mut rng()).unwrap_err(),
            CeremonyError::OtherPhase1
        );
        // One changed point is enough: β in G2 alone, say.
        let mut one = genuine.powers();
        one.beta_g2 = (one.beta_g2 + G2Affine::generator()).into_affine();
        assert_eq!(
            Replay::start(&honest, toy(3), &one, &mut rng()).unwrap_err(),
            CeremonyError::OtherPhase1
        );
        Replay::start(&honest, toy(3), &genuine.powers(), &mut rng()).unwrap();
    }

    #[test]
    fn damaged_files_are_refused_without_panicking() {
        let s = setup(2);
        let c = contribution(&s.replay).to_bytes();
        for cut in [0, 10, c.len() / 2, c.len() - 1] {
            assert_eq!(
                Contribution::from_bytes(&c[..cut]).unwrap_err(),
                StepError::Malformed
            );
        }
        let mut longer = c.clone();
        longer.push(0);
        assert_eq!(
            Contribution::from_bytes(&longer).unwrap_err(),
            StepError::Malformed
        );
        let mut flipped = c.clone();
        let at = flipped.len() - 40;
        flipped[at] ^= 0x55;
        assert!(s.replay.clone().apply(&flipped, &mut rng()).is_err());
        for cut in [0, 20, s.initial.len() / 3, s.initial.len() - 1] {
            assert!(Replay::start(&s.initial[..cut], toy(2), &s.powers, &mut rng()).is_err());
        }
    }
}

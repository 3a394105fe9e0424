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

//!
//! # Layout
//! - `ptau`: phase 1, read from snarkjs `.ptau` files, and its checks.
//! - `keys`: the circuit's initial key (`δ = 1`) and the check that a key
//!   is it.
//! - `contribution`: contributions and beacons, and their proofs of
//!   knowledge.
//! - `file`: the transcript's file format (headers, hashes).
//! - `replay`: checking a whole transcript in order.

use ark_bn254::{Bn254, Fr, G1Affine, G1Projective, G2Affine, G2Projective};
use ark_ec::pairing::Pairing;
use ark_ec::{CurveGroup, VariableBaseMSM};
use ark_ff::Zero;
use ark_poly::{EvaluationDomain, GeneralEvaluationDomain};
use ark_std::rand::RngCore;

mod contribution;
mod file;
mod keys;
mod ptau;
mod replay;
#[cfg(test)]
mod tests;

pub use contribution::{Contribution, Delta, Kind, PublicKey, MAX_BEACON_ITERATIONS};
pub use file::{file_hash, initial_file, statement_of};
pub use keys::{domain_size_for, initial};
pub use ptau::{Phase1, Powers};
pub use replay::{Applied, Replay};

use contribution::*;
use file::*;
use keys::*;

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

//! Contributions and beacons: `δ` multiplied by a secret, `H` and `L`
//! divided by it, and a proof of knowledge bound to the chain.

use ark_bn254::{Bn254, Fr, G1Affine, G1Projective, G2Affine, G2Projective};
use ark_ec::CurveGroup;
use ark_ff::{Field, UniformRand, Zero};
use ark_groth16::ProvingKey;
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize, Compress, Validate};
use ark_std::rand::SeedableRng;
use rand_chacha::ChaCha20Rng;
use sha2::{Digest, Sha256};

use super::*;

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
    pub(super) fn of(pk: &ProvingKey<Bn254>) -> Delta {
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
pub(super) fn hash_to_g2(previous: &[u8; 32], s: &G1Affine, s_delta: &G1Affine) -> G2Projective {
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

pub(super) fn apply(
    previous: &[u8; 32],
    old: &Delta,
    d: Fr,
    s: G1Projective,
    kind: Kind,
) -> Contribution {
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
pub(super) fn secret_from(seed: [u8; 32]) -> (Fr, G1Projective) {
    let mut rng = ChaCha20Rng::from_seed(seed);
    let mut d = Fr::rand(&mut rng);
    while d.is_zero() {
        d = Fr::rand(&mut rng);
    }
    (d, G1Projective::rand(&mut rng))
}

/// The seed a beacon gives: `iterations` rounds of SHA-256 over it.
pub(super) fn beacon_seed(beacon: &[u8], iterations: u64) -> [u8; 32] {
    let mut h: [u8; 32] = Sha256::digest(beacon).into();
    for _ in 0..iterations {
        h = Sha256::digest(h).into();
    }
    let mut s = Sha256::new();
    s.update(b"darkroom-ceremony beacon v1\n");
    s.update(h);
    s.finalize().into()
}

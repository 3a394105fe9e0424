//! Checking a transcript in order, from its public phase 1 to its last
//! contribution.

use ark_bn254::{Bn254, Fr, G1Affine, G1Projective, G2Projective};
use ark_ec::{AffineRepr, PrimeGroup};
use ark_groth16::ProvingKey;
use ark_relations::gr1cs::ConstraintSynthesizer;
use ark_serialize::{CanonicalDeserialize, Compress, Validate};
use ark_std::rand::{CryptoRng, RngCore};
use sha2::{Digest, Sha256};
use zeroize::{Zeroize, Zeroizing};

use crate::statement::Version;

use super::*;

/// A transcript replayed up to its last file: the current key and hash.
#[derive(Clone, Debug)]
pub struct Replay {
    statement: Version,
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
    /// must equal it point for point) and this circuit, which proves
    /// `statement` (the file must name it: see [`statement_of`]).
    pub fn start<C: ConstraintSynthesizer<Fr>>(
        bytes: &[u8],
        statement: Version,
        circuit: C,
        powers: &Powers,
        rng: &mut dyn RngCore,
    ) -> Result<Replay, CeremonyError> {
        Replay::start_with(bytes, statement, &synthesize(circuit)?, powers, rng)
    }

    pub(super) fn start_with(
        bytes: &[u8],
        statement: Version,
        circuit: &Synthesized,
        powers: &Powers,
        rng: &mut dyn RngCore,
    ) -> Result<Replay, CeremonyError> {
        let (fields, mut body) = split_header(bytes)?;
        let bad = |m: &str| CeremonyError::Malformed(format!("the initial file is {m}"));
        if field(&fields, "kind") != Some("initial") {
            return Err(bad("not an initial file"));
        }
        if field(&fields, "statement") != Some(statement.id()) {
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
            statement,
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

    /// The statement the transcript's keys prove.
    pub fn statement(&self) -> Version {
        self.statement
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

    pub(super) fn contribute_with(&self, fresh: &[u8; 32], entropy: &[u8]) -> Contribution {
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

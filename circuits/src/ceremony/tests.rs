//! Malicious and honest transcripts over a toy circuit.

use super::*;
use crate::statement::Version;
use ark_ec::{AffineRepr, PrimeGroup};
use ark_ff::One;
use ark_groth16::Groth16;
use ark_r1cs_std::alloc::AllocVar;
use ark_r1cs_std::eq::EqGadget;
use ark_r1cs_std::fields::fp::FpVar;
use ark_r1cs_std::GR1CSVar;
use ark_relations::gr1cs::ConstraintSynthesizer;
use ark_relations::gr1cs::{ConstraintSystemRef, SynthesisError};
use ark_snark::SNARK;
use ark_std::rand::rngs::StdRng;
use ark_std::rand::SeedableRng;

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
    let initial = initial_file(&p1, &[9; 32], Version::V1, toy(extra)).unwrap();
    let powers = p1.powers();
    let replay = Replay::start(&initial, Version::V1, toy(extra), &powers, &mut rng()).unwrap();
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
    assert!(matches!(p.check(&mut rng()), Err(CeremonyError::Phase1(m)) if m.contains("τ^i·G1")));
    let mut p = good.clone();
    p.lagrange_g1[3] = (p.lagrange_g1[3] + g).into_affine();
    assert!(matches!(p.check(&mut rng()), Err(CeremonyError::Phase1(m)) if m.contains("Lagrange")));
    let mut p = good.clone();
    p.beta_g2 = (p.beta_g2 + G2Affine::generator()).into_affine();
    assert!(
        matches!(p.check(&mut rng()), Err(CeremonyError::Phase1(m)) if m.contains("β in G1 and G2"))
    );
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
        Replay::start(&s.initial, Version::V1, toy(4), &s.powers, &mut rng()).unwrap_err(),
        CeremonyError::OtherCircuit
    );
    // A much larger circuit needs another domain.
    assert_eq!(
        Replay::start(&s.initial, Version::V1, toy(40), &s.powers, &mut rng()).unwrap_err(),
        CeremonyError::OtherCircuit
    );
    assert!(Replay::start(&s.initial, Version::V1, toy(3), &s.powers, &mut rng()).is_ok());
    // The same circuit under another statement's name: the file says
    // which statement its keys prove, and the replay must agree.
    assert_eq!(statement_of(&s.initial).unwrap(), Version::V1);
    assert_eq!(
        Replay::start(&s.initial, Version::V2, toy(3), &s.powers, &mut rng()).unwrap_err(),
        CeremonyError::OtherCircuit
    );
    let renamed = String::from_utf8_lossy(&s.initial[..200])
        .replacen("darkroom-provenance-v1", "darkroom-provenance-v9", 1)
        .into_bytes();
    assert!(
        matches!(statement_of(&renamed), Err(CeremonyError::Malformed(m)) if m.contains("does not know"))
    );
}

#[test]
fn an_initial_key_that_is_not_the_circuits_is_refused() {
    let n = domain_size_for(toy(3)).unwrap();
    let p1 = Phase1::insecure_from_secrets(Fr::from(1234u64), Fr::from(55u64), Fr::from(77u64), n);
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
    let initial = initial_file(&forged, &genuine_digest, Version::V1, toy(3)).unwrap();
    let honest = initial_file(&genuine, &genuine_digest, Version::V1, toy(3)).unwrap();
    assert_eq!(
        split_header(&initial).unwrap().0,
        split_header(&honest).unwrap().0,
        "the headers are identical"
    );
    // Contributions on top of it chain and check as usual…
    let mut coordinator =
        Replay::start(&initial, Version::V1, toy(3), &forged.powers(), &mut rng()).unwrap();
    let c = coordinator.contribute(&mut rng(), b"party");
    coordinator.apply(&c.to_bytes(), &mut rng()).unwrap();
    // …but anyone replaying against the public powers (verify,
    // contribute and finalize all start here) refuses it.
    assert_eq!(
        Replay::start(&initial, Version::V1, toy(3), &genuine.powers(), &mut rng()).unwrap_err(),
        CeremonyError::OtherPhase1
    );
    // One changed point is enough: β in G2 alone, say.
    let mut one = genuine.powers();
    one.beta_g2 = (one.beta_g2 + G2Affine::generator()).into_affine();
    assert_eq!(
        Replay::start(&honest, Version::V1, toy(3), &one, &mut rng()).unwrap_err(),
        CeremonyError::OtherPhase1
    );
    Replay::start(&honest, Version::V1, toy(3), &genuine.powers(), &mut rng()).unwrap();
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
    assert!(matches!(
        s.replay.clone().apply(&flipped, &mut rng()),
        Err(StepError::L)
    ));
    for cut in [0, 20, s.initial.len() / 3, s.initial.len() - 1] {
        assert!(matches!(
            Replay::start(
                &s.initial[..cut],
                Version::V1,
                toy(2),
                &s.powers,
                &mut rng()
            ),
            Err(CeremonyError::Malformed(_))
        ));
    }
}

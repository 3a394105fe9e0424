use ark_ff::{BigInteger, PrimeField};
use darkroom_circuits::{commitment, field, poseidon, Fr};
use rand::{Rng, RngCore, SeedableRng};

use crate::util::*;

/// poseidon-lite's outputs for each line of decimal inputs.
fn poseidon_lite(inputs: &[Vec<Fr>]) -> Option<Vec<String>> {
    let lines: Vec<String> = inputs
        .iter()
        .map(|row| {
            let dec: Vec<String> = row.iter().map(|x| x.into_bigint().to_string()).collect();
            serde_json::to_string(&dec).unwrap()
        })
        .collect();
    node_oracle("poseidon.mjs", "poseidon-lite", &lines)
}

fn random_fr(rng: &mut impl RngCore) -> Fr {
    let mut wide = [0u8; 64];
    rng.fill_bytes(&mut wide);
    field::from_wide_bytes(&wide)
}

#[test]
fn poseidon_matches_poseidon_lite_for_every_arity() {
    let mut rng = rand::rngs::StdRng::seed_from_u64(0xDA4C);
    let mut rows = Vec::new();
    for n in 1..=poseidon::MAX_INPUTS {
        rows.push(vec![Fr::from(0u64); n]);
        rows.push((0..n).map(|_| -Fr::from(1u64)).collect()); // p - 1
        for _ in 0..4 {
            rows.push((0..n).map(|_| random_fr(&mut rng)).collect());
        }
    }
    let Some(theirs) = poseidon_lite(&rows) else {
        return;
    };
    assert_eq!(theirs.len(), rows.len());
    for (row, expected) in rows.iter().zip(theirs) {
        assert_eq!(
            field::to_hex(&poseidon::hash(row).unwrap()),
            expected,
            "arity {}",
            row.len()
        );
    }
}

#[test]
fn commitment_matches_poseidon_lite() {
    let mut rng = rand::rngs::StdRng::seed_from_u64(7);
    let mut rows = Vec::new();
    let mut ours = Vec::new();
    for _ in 0..16 {
        let mut h = [0u8; 32];
        rng.fill(&mut h[..]);
        let r = random_fr(&mut rng);
        // The halves, computed independently of `digest_halves`.
        let hi = Fr::from_be_bytes_mod_order(&h[..16]);
        let lo = Fr::from_be_bytes_mod_order(&h[16..]);
        assert!(hi.into_bigint().num_bits() <= 128 && lo.into_bigint().num_bits() <= 128);
        rows.push(vec![hi, lo, r]);
        ours.push(field::to_hex(&commitment::commit(&h, &r)));
    }
    let Some(theirs) = poseidon_lite(&rows) else {
        return;
    };
    assert_eq!(ours, theirs);
}

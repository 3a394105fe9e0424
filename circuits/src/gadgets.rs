//! R1CS gadgets for the statement: Poseidon, Baby Jubjub points, EdDSA
//! verification, Merkle membership and range checks. Each mirrors a native
//! twin in this crate; tests compare them.

use ark_crypto_primitives::sponge::constraints::CryptographicSpongeVar;
use ark_crypto_primitives::sponge::poseidon::constraints::PoseidonSpongeVar;
use ark_ec::twisted_edwards::TECurveConfig;
use ark_ec::AffineRepr;
use ark_ff::{Field, PrimeField};
use ark_r1cs_std::fields::fp::FpVar;
use ark_r1cs_std::groups::curves::twisted_edwards::AffineVar;
use ark_r1cs_std::prelude::*;
use ark_relations::gr1cs::{ConstraintSystemRef, SynthesisError};

use crate::babyjubjub::{self, Circom, Scalar};
use crate::{merkle, poseidon, Fr};

/// A Baby Jubjub point in circomlib's coordinates, in the circuit.
pub type PointVar = AffineVar<Circom, FpVar<Fr>>;

/// circomlib's `Poseidon(n)`: absorb the inputs, permute once, read
/// `state[0]`.
pub fn poseidon(
    cs: &ConstraintSystemRef<Fr>,
    inputs: &[FpVar<Fr>],
) -> Result<FpVar<Fr>, SynthesisError> {
    let config = poseidon::config(inputs.len()).map_err(|_| SynthesisError::Unsatisfiable)?;
    let mut sponge = PoseidonSpongeVar::new(cs.clone(), config);
    sponge.absorb(&inputs.to_vec())?;
    let _ = sponge.squeeze_field_elements(1)?;
    Ok(sponge.state[0].clone())
}

/// Enforces `x < 2ⁿ` by decomposing it into `n` bits, which it returns.
pub fn range_check(x: &FpVar<Fr>, n: usize) -> Result<Vec<Boolean<Fr>>, SynthesisError> {
    Ok(x.to_bits_le_with_top_bits_zero(n)?.0)
}

/// A point from two witness coordinates, enforced to be on the curve
/// (`a·x² + y² = 1 + d·x²·y²`).
pub fn point_on_curve(x: FpVar<Fr>, y: FpVar<Fr>) -> Result<PointVar, SynthesisError> {
    let x2 = x.square()?;
    let y2 = y.square()?;
    let a = <Circom as TECurveConfig>::COEFF_A;
    let d = <Circom as TECurveConfig>::COEFF_D;
    let lhs = &x2 * d - Fr::ONE;
    let rhs = &x2 * a - Fr::ONE;
    // d·x²·y² − y² = a·x² − 1
    lhs.mul_equals(&y2, &rhs)?;
    Ok(PointVar::new(x, y))
}

/// `2ⁱ·B8` for `i` in `0..n`, the table for fixed-base multiplication.
fn base8_powers(n: usize) -> Vec<babyjubjub::Projective8> {
    let mut out = Vec::with_capacity(n);
    let mut p = babyjubjub::base8().into_group();
    for _ in 0..n {
        out.push(p);
        p = p + p;
    }
    out
}

/// Bits in a signature scalar: `l < 2²⁵¹`.
pub const SCALAR_BITS: usize = 251;

/// Verifies an EdDSA-Poseidon signature `(R8, S)` by `A` on `m`, cofactored:
/// `A` and `R8` on the curve (the caller allocates them with
/// [`point_on_curve`]), `8·A ≠ 0`, `S < l`, and
/// `8·(S·B8 − R8 − H·(8·A)) = 0` with `H = Poseidon(R8, A, m)`.
pub fn verify_eddsa(
    cs: &ConstraintSystemRef<Fr>,
    a: &PointVar,
    r8: &PointVar,
    s: &FpVar<Fr>,
    m: &FpVar<Fr>,
) -> Result<(), SynthesisError> {
    // A must not have small order: 8·A is then the identity, whose x is 0;
    // otherwise 8·A has order l and a nonzero x.
    let mut a8 = a.clone();
    for _ in 0..3 {
        a8.double_in_place()?;
    }
    a8.x.enforce_not_equal(&FpVar::zero())?;

    let h = poseidon(
        cs,
        &[
            r8.x.clone(),
            r8.y.clone(),
            a.x.clone(),
            a.y.clone(),
            m.clone(),
        ],
    )?;
    // Strict: the bits of H are its unique canonical representation.
    let h_bits = h.to_bits_le()?;

    // S < l, from its bits.
    let s_bits = range_check(s, SCALAR_BITS)?;
    let l_minus_one = (-Scalar::ONE).into_bigint();
    Boolean::enforce_smaller_or_equal_than_le(&s_bits, l_minus_one)?;

    let mut sb = PointVar::zero();
    let powers = base8_powers(SCALAR_BITS);
    sb.precomputed_base_scalar_mul_le(s_bits.iter().zip(powers.iter()))?;
    let ha = a8.scalar_mul_le(h_bits.iter())?;

    let mut diff = sb + r8.negate()? + ha.negate()?;
    for _ in 0..3 {
        diff.double_in_place()?;
    }
    diff.enforce_equal(&PointVar::zero())
}

/// Enforces that `leaf` sits in the tree with root `root` along the given
/// siblings and direction bits (true: the node is a right child).
pub fn merkle_root(
    cs: &ConstraintSystemRef<Fr>,
    leaf: &FpVar<Fr>,
    siblings: &[FpVar<Fr>],
    directions: &[Boolean<Fr>],
) -> Result<FpVar<Fr>, SynthesisError> {
    assert_eq!(siblings.len(), merkle::DEPTH);
    assert_eq!(directions.len(), merkle::DEPTH);
    let mut node = leaf.clone();
    for (sibling, right) in siblings.iter().zip(directions) {
        let left = right.select(sibling, &node)?;
        let right_child = &node + sibling - &left;
        node = poseidon(cs, &[left, right_child])?;
    }
    Ok(node)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eddsa::{self, PrivateKey};
    use ark_relations::gr1cs::ConstraintSystem;

    fn witness(cs: &ConstraintSystemRef<Fr>, v: Fr) -> FpVar<Fr> {
        FpVar::new_witness(cs.clone(), || Ok(v)).unwrap()
    }

    #[test]
    fn poseidon_gadget_matches_native() {
        for n in [2usize, 3, 5] {
            let cs = ConstraintSystem::<Fr>::new_ref();
            let inputs: Vec<Fr> = (0..n as u64).map(|i| Fr::from(i * 7 + 1)).collect();
            let vars: Vec<_> = inputs.iter().map(|v| witness(&cs, *v)).collect();
            let out = poseidon(&cs, &vars).unwrap();
            assert_eq!(out.value().unwrap(), poseidon::hash(&inputs).unwrap());
            assert!(cs.is_satisfied().unwrap());
        }
    }

    #[test]
    fn eddsa_gadget_accepts_what_native_accepts() {
        let key = PrivateKey::from_bytes([5u8; 32]);
        let a = key.public();
        let m = Fr::from(77u64);
        let sig = key.sign(&m);
        eddsa::verify(&a, &m, &sig).unwrap();
        let s_fr = Fr::from_le_bytes_mod_order(&babyjubjub::scalar_to_le(&sig.s));

        let run = |m_in: Fr| {
            let cs = ConstraintSystem::<Fr>::new_ref();
            let av = point_on_curve(witness(&cs, a.x), witness(&cs, a.y)).unwrap();
            let rv = point_on_curve(witness(&cs, sig.r8.x), witness(&cs, sig.r8.y)).unwrap();
            let sv = witness(&cs, s_fr);
            let mv = witness(&cs, m_in);
            verify_eddsa(&cs, &av, &rv, &sv, &mv).unwrap();
            cs.is_satisfied().unwrap()
        };
        assert!(run(m));
        assert!(!run(m + Fr::ONE));
    }
}

//! R1CS gadgets for the statement: Poseidon, Baby Jubjub points, EdDSA
//! verification, Merkle membership and range checks. Each mirrors a native
//! twin in this crate; tests compare them.

use ark_crypto_primitives::sponge::constraints::CryptographicSpongeVar;
use ark_crypto_primitives::sponge::poseidon::constraints::PoseidonSpongeVar;
use ark_ec::twisted_edwards::TECurveConfig;
use ark_ec::{AffineRepr, CurveGroup};
use ark_ff::{Field, PrimeField};
use ark_r1cs_std::fields::fp::FpVar;
use ark_r1cs_std::groups::curves::twisted_edwards::AffineVar;
use ark_r1cs_std::prelude::*;
use ark_relations::gr1cs::{ConstraintSystemRef, SynthesisError};

use crate::babyjubjub::{self, Circom, Point, Scalar};
use crate::{merkle, montgomery, poseidon, Fr};

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

/// `(x, y)` of `table[bits]` for a table of constant points, 1 to 8 of
/// them (1 to 3 bits). Two bits cost one constraint (their product); the
/// third bit adds one multiplexer per coordinate.
fn lookup_constant(
    bits: &[Boolean<Fr>],
    table: &[Point],
) -> Result<(FpVar<Fr>, FpVar<Fr>), SynthesisError> {
    assert_eq!(table.len(), 1 << bits.len());
    let two_bit = |b0: &Boolean<Fr>, b1: Option<(&Boolean<Fr>, &Boolean<Fr>)>, t: &[Point]| {
        let f0 = FpVar::from(b0.clone());
        let coord = |c: &dyn Fn(&Point) -> Fr| -> FpVar<Fr> {
            let mut v = FpVar::constant(c(&t[0])) + &f0 * (c(&t[1]) - c(&t[0]));
            if let Some((b1, b01)) = b1 {
                v += FpVar::from(b1.clone()) * (c(&t[2]) - c(&t[0]));
                v += FpVar::from(b01.clone()) * (c(&t[3]) - c(&t[2]) - c(&t[1]) + c(&t[0]));
            }
            v
        };
        (coord(&|p| p.x), coord(&|p| p.y))
    };
    match bits.len() {
        1 => Ok(two_bit(&bits[0], None, table)),
        2 | 3 => {
            let b01 = &bits[0] & &bits[1];
            let lower = two_bit(&bits[0], Some((&bits[1], &b01)), &table[..4]);
            if bits.len() == 2 {
                return Ok(lower);
            }
            let upper = two_bit(&bits[0], Some((&bits[1], &b01)), &table[4..]);
            let x = bits[2].select(&upper.0, &lower.0)?;
            let y = bits[2].select(&upper.1, &lower.1)?;
            Ok((x, y))
        }
        _ => unreachable!("tables of 1 to 3 bits"),
    }
}

/// `k·B8` for `k` given by its little-endian bits, three bits at a time
/// from tables of constant multiples of `B8`.
pub fn fixed_base_mul(bits: &[Boolean<Fr>]) -> Result<PointVar, SynthesisError> {
    let mut acc: Option<PointVar> = None;
    let mut base = babyjubjub::base8().into_group();
    for chunk in bits.chunks(3) {
        let mut table = Vec::with_capacity(1 << chunk.len());
        let mut multiple = babyjubjub::Projective8::default();
        for _ in 0..1 << chunk.len() {
            table.push(multiple.into_affine());
            multiple += base;
        }
        let (x, y) = lookup_constant(chunk, &table)?;
        let term = PointVar::new(x, y);
        acc = Some(match acc {
            None => term,
            Some(a) => a + term,
        });
        for _ in 0..chunk.len() {
            base = base + base;
        }
    }
    Ok(acc.unwrap_or_else(PointVar::zero))
}

/// `k·P` for a point in the circuit and `k` given by its little-endian bits:
/// two bits at a time, most significant first, from the table
/// `[0, P, 2P, 3P]`. Baby Jubjub's twisted-Edwards formulas are complete, so
/// no input makes an addition or a doubling exceptional.
pub fn variable_base_mul(p: &PointVar, bits: &[Boolean<Fr>]) -> Result<PointVar, SynthesisError> {
    let p2 = p.double()?;
    let p3 = &p2 + p;
    let zero = FpVar::zero();
    let one = FpVar::one();
    let mut acc: Option<PointVar> = None;
    let windows: Vec<&[Boolean<Fr>]> = bits.chunks(2).collect();
    for w in windows.into_iter().rev() {
        let term = match w {
            [b0] => PointVar::new(b0.select(&p.x, &zero)?, b0.select(&p.y, &one)?),
            [b0, b1] => {
                let lx = b0.select(&p.x, &zero)?;
                let ly = b0.select(&p.y, &one)?;
                let ux = b0.select(&p3.x, &p2.x)?;
                let uy = b0.select(&p3.y, &p2.y)?;
                PointVar::new(b1.select(&ux, &lx)?, b1.select(&uy, &ly)?)
            }
            _ => unreachable!("chunks of two"),
        };
        acc = Some(match acc {
            None => term,
            Some(mut a) => {
                for _ in 0..w.len() {
                    a.double_in_place()?;
                }
                a + term
            }
        });
    }
    Ok(acc.unwrap_or_else(PointVar::zero))
}

/// Bits in a signature scalar: `l < 2²⁵¹`.
pub const SCALAR_BITS: usize = 251;

/// `8·A`, enforced not to be the identity, and the strict bits of
/// `H = Poseidon(R8, A, m)`: what both versions of the signature check
/// start with.
fn key_and_challenge(
    cs: &ConstraintSystemRef<Fr>,
    a: &PointVar,
    r8: &PointVar,
    m: &FpVar<Fr>,
) -> Result<(PointVar, Vec<Boolean<Fr>>), SynthesisError> {
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
    Ok((a8, h_bits))
}

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
    let (a8, h_bits) = key_and_challenge(cs, a, r8, m)?;

    // S < l, from its bits.
    let s_bits = range_check(s, SCALAR_BITS)?;
    let l_minus_one = (-Scalar::ONE).into_bigint();
    Boolean::enforce_smaller_or_equal_than_le(&s_bits, l_minus_one)?;

    let sb = fixed_base_mul(&s_bits)?;
    let ha = variable_base_mul(&a8, &h_bits)?;

    let mut diff = sb + r8.negate()? + ha.negate()?;
    for _ in 0..3 {
        diff.double_in_place()?;
    }
    diff.enforce_equal(&PointVar::zero())
}

/// Enforces that `leaf` sits in a tree of this shape along the given
/// siblings and direction bits (the leaf's index, least significant
/// first), and returns the root it leads to.
pub fn merkle_root(
    cs: &ConstraintSystemRef<Fr>,
    shape: merkle::Shape,
    leaf: &FpVar<Fr>,
    siblings: &[FpVar<Fr>],
    directions: &[Boolean<Fr>],
) -> Result<FpVar<Fr>, SynthesisError> {
    assert_eq!(siblings.len(), shape.path_len());
    assert_eq!(directions.len(), merkle::INDEX_BITS);
    let k = shape.arity - 1;
    let bits = shape.bits_per_level();
    let mut node = leaf.clone();
    for level in 0..shape.depth {
        let s = &siblings[level * k..(level + 1) * k];
        let b = &directions[level * bits..(level + 1) * bits];
        let children = match shape.arity {
            // b: the node is the right child.
            2 => {
                let left = b[0].select(&s[0], &node)?;
                let right = &node + &s[0] - &left;
                vec![left, right]
            }
            // Position b0 + 2·b1 among s0, s1, s2 (6 constraints): the node
            // pairs with sA in one half (swapped by b0), sB and sC fill the
            // other half, and b1 says which half comes first.
            4 => {
                let s_a = b[1].select(&s[2], &s[0])?;
                let s_b = b[1].select(&s[0], &s[1])?;
                let s_c = b[1].select(&s[1], &s[2])?;
                let p0 = b[0].select(&s_a, &node)?;
                let p1 = &node + &s_a - &p0;
                let c0 = b[1].select(&s_b, &p0)?;
                let c1 = b[1].select(&s_c, &p1)?;
                let c2 = &s_b + &p0 - &c0;
                let c3 = &s_c + &p1 - &c1;
                vec![c0, c1, c2, c3]
            }
            _ => unreachable!("trees of arity 2 and 4"),
        };
        node = poseidon(cs, &children)?;
    }
    Ok(node)
}

/// Verifies an EdDSA-Poseidon signature `(R8, S)` by `A` on `m` for
/// statement v2: the same checks as [`verify_eddsa`] (`A`, `R8` on the
/// curve, `8·A ≠ 0`, `S < l`, `H` decomposed strictly), with the equation
/// doubled, `8·(2S·B8 − 2·R8 − 2H·(8·A)) = 0`, which holds exactly when
/// v1's does (the curve's order is `8·l` with `l` odd), and computed on the
/// Montgomery form ([`montgomery`]):
///
/// - `F = 2S·B8 + w·G` ([`montgomery::fixed_base_mul`] with base `2·B8`),
/// - `V = 2ⁿ·G + (2H + 1)·P` with `P = 8·A` ([`montgomery::variable_base_mul`]),
/// - `E = (F − V) + P = 2S·B8 − 2H·P + (w − 2ⁿ)·G`, each addition exceptional
///   only if a multiple of `G` is a known multiple of `B8`,
///
/// then, in complete twisted-Edwards arithmetic (`R8` may have any order),
/// `8·(E − (w − 2ⁿ)·G − 2·R8) = 0`.
pub fn verify_eddsa_v2(
    cs: &ConstraintSystemRef<Fr>,
    a: &PointVar,
    r8: &PointVar,
    s: &FpVar<Fr>,
    m: &FpVar<Fr>,
) -> Result<(), SynthesisError> {
    let (a8, h_bits) = key_and_challenge(cs, a, r8, m)?;

    // S < l: both S and l − 1 − S fit in 251 bits. (If S ≥ l, the field
    // element l − 1 − S is at least p − 2²⁵¹, far above 2²⁵¹.)
    let s_bits = range_check(s, SCALAR_BITS)?;
    let l_minus_one =
        Fr::from_bigint((-Scalar::ONE).into_bigint()).unwrap_or_else(|| unreachable!("l < p"));
    range_check(&(FpVar::constant(l_minus_one) - s), SCALAR_BITS)?;

    let b8 = babyjubjub::base8().into_group();
    let p = montgomery::MontVar::from_edwards(&a8)?;
    let f = montgomery::fixed_base_mul(&(b8 + b8).into_affine(), &s_bits)?;
    let v = montgomery::variable_base_mul(&p, &h_bits)?;
    let e = f.add(&v.negate())?.add(&p)?.to_edwards()?;

    let offset = montgomery::fixed_base_offset(s_bits.len())
        - montgomery::variable_base_offset(h_bits.len());
    let mut diff = e + PointVar::constant(-offset) + r8.double()?.negate()?;
    for _ in 0..3 {
        diff.double_in_place()?;
    }
    diff.enforce_equal(&PointVar::zero())
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

    fn bits_of(cs: &ConstraintSystemRef<Fr>, k: Fr, n: usize) -> Vec<Boolean<Fr>> {
        range_check(&witness(cs, k), n).unwrap()
    }

    #[test]
    fn scalar_multiplications_match_native() {
        let b = babyjubjub::base8();
        let p = (b * Scalar::from(987_654_321u64)).into_affine();
        let ks = [
            Fr::from(0u64),
            Fr::from(1u64),
            Fr::from(6u64),
            -Fr::ONE,
            Fr::from(2u64).pow([250u64]) + Fr::from(12345u64),
        ];
        for k in ks {
            let cs = ConstraintSystem::<Fr>::new_ref();
            let big = k.into_bigint();
            let fixed = fixed_base_mul(&bits_of(&cs, k.min_251(), 251)).unwrap();
            let expect = babyjubjub::mul_bigint(&b, k.min_251().into_bigint());
            assert_eq!(
                (fixed.x.value().unwrap(), fixed.y.value().unwrap()),
                (expect.x, expect.y)
            );
            let pv = point_on_curve(witness(&cs, p.x), witness(&cs, p.y)).unwrap();
            let var = variable_base_mul(&pv, &witness(&cs, k).to_bits_le().unwrap()).unwrap();
            let expect = babyjubjub::mul_bigint(&p, big);
            assert_eq!(
                (var.x.value().unwrap(), var.y.value().unwrap()),
                (expect.x, expect.y)
            );
            assert!(cs.is_satisfied().unwrap());
        }
    }

    trait Min251 {
        fn min_251(&self) -> Fr;
    }
    impl Min251 for Fr {
        // Keeps the value below 2^251 for the fixed-base table's width.
        fn min_251(&self) -> Fr {
            let mut big = self.into_bigint();
            big.0[3] &= (1u64 << 59) - 1;
            Fr::from_bigint(big).unwrap()
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

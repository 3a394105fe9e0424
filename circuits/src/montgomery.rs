//! Scalar multiplication on Baby Jubjub's Montgomery form, for statement v2.
//!
//! Baby Jubjub is birationally equivalent to the Montgomery curve
//! `v² = u³ + 168698·u² + u` (`B = 1`), with `u = (1 + y)/(1 − y)` and
//! `v = u/x` (circomlib's `Edwards2Montgomery`). Montgomery addition costs 3
//! constraints and a doubling followed by an addition 5, where the complete
//! twisted-Edwards formulas cost 6 and 5 each; but the Montgomery formulas
//! are *incomplete*: adding two points with the same `u` (`P + P`,
//! `P + (−P)`) or touching the identity is exceptional. In R1CS an
//! exceptional addition of equal points would leave its slope unconstrained,
//! so this module makes them unreachable:
//!
//! - every point here lies in the prime-order subgroup (the caller passes
//!   `8·A`, `Base8` multiples and [`offset`]), where `u` determines a point
//!   up to sign and no point has order 2;
//! - every accumulator starts from a multiple of the constant [`offset`]
//!   point `G`, whose discrete logarithm to `Base8` nobody knows (it is
//!   hashed to the curve). An exceptional step would need two sums with
//!   different multiples of `G` and known multiples of `Base8` and `8·A` to
//!   coincide, which yields that logarithm. (A device's owner knows `A`'s
//!   logarithm, so `8·A` counts as a known multiple of `Base8`.)
//!
//! The multiples of `G` each function adds are listed with it, and
//! `gadgets::verify_eddsa_v2` removes them. Tests compare every
//! gadget with arkworks' own twisted-Edwards arithmetic.

use std::sync::OnceLock;

use ark_ec::twisted_edwards::TECurveConfig;
use ark_ec::{AffineRepr, CurveGroup};
use ark_ff::{Field, MontFp, PrimeField};
use ark_r1cs_std::fields::fp::FpVar;
use ark_r1cs_std::prelude::*;
use ark_relations::gr1cs::SynthesisError;
use sha2::{Digest, Sha256};

use crate::babyjubjub::{self, Circom, Point, Projective8};
use crate::Fr;

/// A twisted-Edwards point in the circuit (the same type as
/// `gadgets::PointVar`, which builds on this module).
type PointVar = ark_r1cs_std::groups::curves::twisted_edwards::AffineVar<Circom, FpVar<Fr>>;

/// The Montgomery coefficient `A = 2(a + d)/(a − d)`; `B = 1`.
pub const COEFF_A: Fr = MontFp!("168698");

/// The domain of [`offset`]'s hash.
pub const OFFSET_DOMAIN: &[u8] = b"darkroom-provenance-v2 offset point";

/// Window width of [`fixed_base_mul`]: three bits, eight points a table.
pub const WINDOW: usize = 3;

/// The offset point `G`: for `i = 0, 1, …`, `y = SHA-256(OFFSET_DOMAIN ‖
/// i as u32 big-endian)` reduced mod p, `x` the root of the curve equation
/// at or below (p−1)/2 when there is one, and `G = 8·(x, y)` for the first
/// `i` where that is not the identity.
pub fn offset() -> Point {
    static G: OnceLock<Point> = OnceLock::new();
    *G.get_or_init(|| {
        let a = <Circom as TECurveConfig>::COEFF_A;
        let d = <Circom as TECurveConfig>::COEFF_D;
        for i in 0u32.. {
            let digest = Sha256::new()
                .chain_update(OFFSET_DOMAIN)
                .chain_update(i.to_be_bytes())
                .finalize();
            let y = Fr::from_be_bytes_mod_order(&digest);
            let y2 = y.square();
            let Some(den) = (a - d * y2).inverse() else {
                continue;
            };
            let Some(mut x) = ((Fr::ONE - y2) * den).sqrt() else {
                continue;
            };
            if x.into_bigint() > Fr::MODULUS_MINUS_ONE_DIV_TWO {
                x = -x;
            }
            let g = Point::new_unchecked(x, y).mul_by_cofactor();
            if !g.is_zero() {
                return g;
            }
        }
        unreachable!("half of all y are on the curve")
    })
}

/// A point in Montgomery coordinates `(u, v)`: never the identity here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mont {
    /// `u = (1 + y)/(1 − y)`.
    pub u: Fr,
    /// `v = u/x`.
    pub v: Fr,
}

/// The Montgomery form of an Edwards point other than `(0, ±1)`.
pub fn to_mont(p: &Point) -> Mont {
    let inv = |f: Fr| f.inverse().unwrap_or_default();
    let u = (Fr::ONE + p.y) * inv(Fr::ONE - p.y);
    Mont { u, v: u * inv(p.x) }
}

/// The Edwards form of a Montgomery point.
pub fn to_edwards(m: &Mont) -> Point {
    let inv = |f: Fr| f.inverse().unwrap_or_default();
    Point::new_unchecked(m.u * inv(m.v), (m.u - Fr::ONE) * inv(m.u + Fr::ONE))
}

/// A point in the circuit, Montgomery coordinates.
#[derive(Clone, Debug)]
pub struct MontVar {
    /// `u`.
    pub u: FpVar<Fr>,
    /// `v`.
    pub v: FpVar<Fr>,
}

fn value(f: &FpVar<Fr>) -> Result<Fr, SynthesisError> {
    f.value()
}

/// `num/den`, or 0 when `den` is 0: the witness is then whatever it is and
/// the constraint that `den` appears in is left unsatisfied (no point
/// reaches it in an honest proof).
fn quotient(num: Fr, den: Fr) -> Result<Fr, SynthesisError> {
    Ok(num * den.inverse().unwrap_or_default())
}

/// A witness variable computed from other variables' values (missing at
/// setup, which never evaluates it).
fn computed(
    cs: &ark_relations::gr1cs::ConstraintSystemRef<Fr>,
    f: impl FnOnce() -> Result<Fr, SynthesisError>,
) -> Result<FpVar<Fr>, SynthesisError> {
    FpVar::new_witness(cs.clone(), f)
}

impl MontVar {
    /// A constant point.
    pub fn constant(m: Mont) -> Self {
        MontVar {
            u: FpVar::constant(m.u),
            v: FpVar::constant(m.v),
        }
    }

    /// The Montgomery form of an Edwards point in the prime-order subgroup
    /// other than the identity (2 constraints). For such a point
    /// `1 − y ≠ 0` and `x ≠ 0`, so both coordinates are forced.
    pub fn from_edwards(p: &PointVar) -> Result<Self, SynthesisError> {
        let cs = p.x.cs().or(p.y.cs());
        let one = FpVar::one();
        let u = computed(&cs, || {
            quotient(Fr::ONE + value(&p.y)?, Fr::ONE - value(&p.y)?)
        })?;
        u.mul_equals(&(&one - &p.y), &(&one + &p.y))?;
        let v = computed(&cs, || quotient(value(&u)?, value(&p.x)?))?;
        v.mul_equals(&p.x, &u)?;
        Ok(MontVar { u, v })
    }

    /// The Edwards form (2 constraints): `x·v = u`, `y·(u + 1) = u − 1`.
    /// Forced for points of the prime-order subgroup (`v ≠ 0`; no point of
    /// the curve has `u = −1`, since `d` is not a square).
    pub fn to_edwards(&self) -> Result<PointVar, SynthesisError> {
        let cs = self.u.cs().or(self.v.cs());
        let x = computed(&cs, || quotient(value(&self.u)?, value(&self.v)?))?;
        x.mul_equals(&self.v, &self.u)?;
        let y = computed(&cs, || {
            quotient(value(&self.u)? - Fr::ONE, value(&self.u)? + Fr::ONE)
        })?;
        y.mul_equals(&(&self.u + Fr::ONE), &(&self.u - Fr::ONE))?;
        Ok(PointVar::new(x, y))
    }

    /// `−P`: free.
    pub fn negate(&self) -> Self {
        MontVar {
            u: self.u.clone(),
            v: self
                .v
                .negate()
                .unwrap_or_else(|_| unreachable!("negation is linear")),
        }
    }

    fn cs(&self, other: &MontVar) -> ark_relations::gr1cs::ConstraintSystemRef<Fr> {
        self.u
            .cs()
            .or(self.v.cs())
            .or(other.u.cs())
            .or(other.v.cs())
    }

    /// `P + Q` for `P ≠ ±Q` (3 constraints).
    pub fn add(&self, q: &MontVar) -> Result<Self, SynthesisError> {
        let cs = self.cs(q);
        let (p, q) = (self, q);
        let lambda = computed(&cs, || {
            quotient(value(&q.v)? - value(&p.v)?, value(&q.u)? - value(&p.u)?)
        })?;
        lambda.mul_equals(&(&q.u - &p.u), &(&q.v - &p.v))?;
        let u = computed(&cs, || {
            Ok(value(&lambda)?.square() - COEFF_A - value(&p.u)? - value(&q.u)?)
        })?;
        lambda.square_equals(&(&u + COEFF_A + &p.u + &q.u))?;
        let v = computed(&cs, || {
            Ok(value(&lambda)? * (value(&p.u)? - value(&u)?) - value(&p.v)?)
        })?;
        lambda.mul_equals(&(&p.u - &u), &(&v + &p.v))?;
        Ok(MontVar { u, v })
    }

    /// `2·Q + T` as `(Q + T) + Q`, without the middle point's `v`
    /// (5 constraints; `Q ≠ ±T` and `Q + T ≠ ±Q`).
    pub fn double_and_add(&self, t: &MontVar) -> Result<Self, SynthesisError> {
        let cs = self.cs(t);
        let q = self;
        let l1 = computed(&cs, || {
            quotient(value(&t.v)? - value(&q.v)?, value(&t.u)? - value(&q.u)?)
        })?;
        l1.mul_equals(&(&t.u - &q.u), &(&t.v - &q.v))?;
        let ur = computed(&cs, || {
            Ok(value(&l1)?.square() - COEFF_A - value(&q.u)? - value(&t.u)?)
        })?;
        l1.square_equals(&(&ur + COEFF_A + &q.u + &t.u))?;
        // The slope through R = Q + T and Q: λ₂ = 2·v_Q/(u_Q − u_R) − λ₁.
        let l2 = computed(&cs, || {
            Ok(quotient(value(&q.v)? + value(&q.v)?, value(&q.u)? - value(&ur)?)? - value(&l1)?)
        })?;
        (&l1 + &l2).mul_equals(&(&q.u - &ur), &q.v.double()?)?;
        let u = computed(&cs, || {
            Ok(value(&l2)?.square() - COEFF_A - value(&ur)? - value(&q.u)?)
        })?;
        l2.square_equals(&(&u + COEFF_A + &ur + &q.u))?;
        let v = computed(&cs, || {
            Ok(value(&l2)? * (value(&q.u)? - value(&u)?) - value(&q.v)?)
        })?;
        l2.mul_equals(&(&q.u - &u), &(&v + &q.v))?;
        Ok(MontVar { u, v })
    }
}

/// The Montgomery form of a constant Edwards point.
fn constant(p: &Projective8) -> MontVar {
    MontVar::constant(to_mont(&p.into_affine()))
}

/// `(u, v)` of `table[bits]` for 2, 4 or 8 constant points: at most two
/// bits cost one constraint (their product), a third bit one more per
/// coordinate.
fn lookup(bits: &[Boolean<Fr>], table: &[Mont]) -> Result<MontVar, SynthesisError> {
    assert_eq!(table.len(), 1 << bits.len());
    let f = |b: &Boolean<Fr>| FpVar::from(b.clone());
    let b01 = if bits.len() >= 2 {
        Some(f(&(&bits[0] & &bits[1])))
    } else {
        None
    };
    // c[0] + b0·(c[1]−c[0]) (+ b1·(c[2]−c[0]) + b0·b1·(c[3]−c[2]−c[1]+c[0])).
    let low = |c: &[Fr]| -> FpVar<Fr> {
        let mut v = FpVar::constant(c[0]) + f(&bits[0]) * (c[1] - c[0]);
        if let Some(b01) = &b01 {
            v += f(&bits[1]) * (c[2] - c[0]);
            v += b01 * (c[3] - c[2] - c[1] + c[0]);
        }
        v
    };
    let coordinate = |c: Vec<Fr>| -> Result<FpVar<Fr>, SynthesisError> {
        if bits.len() < 3 {
            return Ok(low(&c));
        }
        let (lo, hi) = (low(&c[..4]), low(&c[4..]));
        Ok(&lo + f(&bits[2]) * (hi - &lo))
    };
    Ok(MontVar {
        u: coordinate(table.iter().map(|m| m.u).collect())?,
        v: coordinate(table.iter().map(|m| m.v).collect())?,
    })
}

/// `k·B + (w + 1)·G` for a constant point `B` of the prime-order subgroup,
/// `k` given by its little-endian bits and `w` the number of
/// [`WINDOW`]-bit windows (`bits.len() / 3` rounded up).
///
/// Window `j` looks up `digit·8ʲ·B + G` (window 0: `+ 2·G`) and adds it
/// (3 + 3 constraints). After window `j` the accumulator holds
/// `(j + 2)·G` and the next term one `G`, so two of them coincide or cancel
/// only if `(j + 1)·G` or `(j + 3)·G` is a known multiple of `B`.
pub fn fixed_base_mul(base: &Point, bits: &[Boolean<Fr>]) -> Result<MontVar, SynthesisError> {
    let g = offset().into_group();
    let mut window_base = base.into_group();
    let mut acc: Option<MontVar> = None;
    for (j, chunk) in bits.chunks(WINDOW).enumerate() {
        let start = if j == 0 { g + g } else { g };
        let mut table = Vec::with_capacity(1 << chunk.len());
        let mut entry = start;
        for _ in 0..1 << chunk.len() {
            table.push(to_mont(&entry.into_affine()));
            entry += window_base;
        }
        let term = lookup(chunk, &table)?;
        acc = Some(match acc {
            None => term,
            Some(a) => a.add(&term)?,
        });
        for _ in 0..WINDOW {
            window_base = window_base + window_base;
        }
    }
    Ok(acc.unwrap_or_else(|| constant(&(g + g))))
}

/// `2ⁿ·G + (2k + 1)·P` for a point `P` of the prime-order subgroup (not the
/// identity) and `k` given by its `n` little-endian bits: from `G + P`,
/// most significant bit first, `acc ← 2·acc ± P` with `+` for a 1 bit and
/// `−` for a 0 (6 constraints a bit). With signed digits
/// `Σ (2bᵢ − 1)·2ⁱ = 2k + 1 − 2ⁿ`.
///
/// After `i` steps the accumulator is `2ⁱ·G + m·P` for an integer `m`, so
/// `acc = ±P` or `2·acc ± P = 0` would give `G`'s logarithm.
pub fn variable_base_mul(p: &MontVar, bits: &[Boolean<Fr>]) -> Result<MontVar, SynthesisError> {
    let cs = p.u.cs().or(p.v.cs());
    let mut acc = constant(&offset().into_group()).add(p)?;
    for b in bits.iter().rev() {
        let sign = FpVar::from(b.clone()).double()? - Fr::ONE;
        let v = computed(&cs, || Ok(value(&sign)? * value(&p.v)?))?;
        sign.mul_equals(&p.v, &v)?;
        let t = MontVar { u: p.u.clone(), v };
        acc = acc.double_and_add(&t)?;
    }
    Ok(acc)
}

/// `(w + 1)·G`, what [`fixed_base_mul`] adds for `bits` bits.
pub fn fixed_base_offset(bits: usize) -> Projective8 {
    offset() * babyjubjub::Scalar::from((bits.div_ceil(WINDOW) + 1) as u64)
}

/// `2ⁿ·G`, what [`variable_base_mul`] adds for `n` bits.
pub fn variable_base_offset(n: usize) -> Projective8 {
    let mut g = offset().into_group();
    for _ in 0..n {
        g = g + g;
    }
    g
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::babyjubjub::Scalar;
    use ark_relations::gr1cs::{ConstraintSystem, ConstraintSystemRef};

    fn point_on_curve(x: FpVar<Fr>, y: FpVar<Fr>) -> Result<PointVar, SynthesisError> {
        assert!(babyjubjub::is_on_curve(&x.value()?, &y.value()?));
        Ok(PointVar::new(x, y))
    }

    fn range_check(x: &FpVar<Fr>, n: usize) -> Result<Vec<Boolean<Fr>>, SynthesisError> {
        Ok(x.to_bits_le_with_top_bits_zero(n)?.0)
    }

    fn witness(cs: &ConstraintSystemRef<Fr>, v: Fr) -> FpVar<Fr> {
        FpVar::new_witness(cs.clone(), || Ok(v)).unwrap()
    }

    fn mont_value(m: &MontVar) -> Mont {
        Mont {
            u: m.u.value().unwrap(),
            v: m.v.value().unwrap(),
        }
    }

    #[test]
    fn offset_is_in_the_subgroup_and_conversions_round_trip() {
        let g = offset();
        assert!(babyjubjub::is_on_curve(&g.x, &g.y));
        assert!(!babyjubjub::has_small_order(&g));
        assert!(babyjubjub::mul_bigint(&g, Scalar::MODULUS).is_zero());
        let m = to_mont(&g);
        assert_eq!(
            m.v.square(),
            m.u * m.u.square() + COEFF_A * m.u.square() + m.u
        );
        assert_eq!(to_edwards(&m), g);
    }

    #[test]
    fn gadgets_match_edwards_arithmetic() {
        let b = babyjubjub::base8();
        let p = (b * Scalar::from(987_654_321u64)).into_affine();
        let q = (b * Scalar::from(123_456u64)).into_affine();
        let cs = ConstraintSystem::<Fr>::new_ref();
        let pv = point_on_curve(witness(&cs, p.x), witness(&cs, p.y)).unwrap();
        let qv = point_on_curve(witness(&cs, q.x), witness(&cs, q.y)).unwrap();
        let pm = MontVar::from_edwards(&pv).unwrap();
        let qm = MontVar::from_edwards(&qv).unwrap();
        assert_eq!(mont_value(&pm), to_mont(&p));
        let sum = pm.add(&qm).unwrap();
        assert_eq!(to_edwards(&mont_value(&sum)), (p + q).into_affine());
        let dbl_add = pm.double_and_add(&qm.negate()).unwrap();
        assert_eq!(to_edwards(&mont_value(&dbl_add)), (p + p - q).into_affine());
        let back = sum.to_edwards().unwrap();
        assert_eq!(
            (back.x.value().unwrap(), back.y.value().unwrap()),
            ((p + q).into_affine().x, (p + q).into_affine().y)
        );
        assert!(cs.is_satisfied().unwrap());
    }

    #[test]
    fn scalar_multiplications_match_native() {
        let b = babyjubjub::base8();
        let p = (b * Scalar::from(55_555u64)).into_affine();
        for k in [
            Fr::from(0u64),
            Fr::from(1u64),
            Fr::from(6u64),
            -Fr::ONE,
            Fr::from(2u64).pow([250u64]) + Fr::from(12345u64),
        ] {
            let cs = ConstraintSystem::<Fr>::new_ref();
            let bits = witness(&cs, k).to_bits_le().unwrap();
            let k_int = k.into_bigint();
            let pv = point_on_curve(witness(&cs, p.x), witness(&cs, p.y)).unwrap();
            let pm = MontVar::from_edwards(&pv).unwrap();
            let var = variable_base_mul(&pm, &bits).unwrap();
            // 2ⁿ·G + (2k + 1)·P
            let two_k_plus_one = babyjubjub::mul_bigint(&p, k_int) * Scalar::from(2u64) + p;
            let expect = variable_base_offset(bits.len()) + two_k_plus_one;
            assert_eq!(to_edwards(&mont_value(&var)), expect.into_affine());

            // Below 2²⁵¹, as a signature scalar is.
            let mut s = (Fr::from(1_000_003u64) * k).into_bigint();
            s.0[3] &= (1u64 << 59) - 1;
            let bits = range_check(&witness(&cs, Fr::from_bigint(s).unwrap()), 251).unwrap();
            let fixed = fixed_base_mul(&b, &bits).unwrap();
            let expect = babyjubjub::mul_bigint(&b, s) + fixed_base_offset(251);
            assert_eq!(to_edwards(&mont_value(&fixed)), expect.into_affine());
            assert!(cs.is_satisfied().unwrap(), "{k}");
        }
    }

    #[test]
    fn costs() {
        let cs = ConstraintSystem::<Fr>::new_ref();
        let b = babyjubjub::base8();
        let pv = point_on_curve(witness(&cs, b.x), witness(&cs, b.y)).unwrap();
        let n = cs.num_constraints();
        let pm = MontVar::from_edwards(&pv).unwrap();
        assert_eq!(cs.num_constraints() - n, 2);
        let bits = range_check(&witness(&cs, Fr::from(77u64)), 251).unwrap();
        let n = cs.num_constraints();
        fixed_base_mul(&b, &bits).unwrap();
        let fixed = cs.num_constraints() - n;
        let n = cs.num_constraints();
        variable_base_mul(&pm, &bits).unwrap();
        let var = cs.num_constraints() - n;
        // 84 windows: 83 three-bit lookups and additions, one two-bit lookup.
        assert_eq!(fixed, 83 * 3 + 1 + 83 * 3, "fixed base");
        assert_eq!(var, 3 + 251 * 6, "variable base");
    }
}

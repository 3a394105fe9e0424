//! Baby Jubjub in circomlib's coordinates.
//!
//! circomlib writes the curve as `168700·x² + y² = 1 + 168696·x²·y²` over the
//! BN254 scalar field. `ark-ed-on-bn254` describes the same group in the
//! isomorphic form with `a = 1` (`x' = √168700 · x`). Rather than mapping
//! every x-coordinate at the boundary, this module gives arkworks circomlib's
//! own curve parameters; arkworks' twisted-Edwards arithmetic (native and
//! R1CS) takes any `a`, and keys, signatures and hashes then use circomlib's
//! coordinates everywhere, with nothing to convert. A test checks the
//! isomorphism against `ark-ed-on-bn254`.
//!
//! Points travel as circomlib's 32-byte packed form (`babyJub.packPoint`):
//! `y` little-endian, with the top bit set when `x > (p−1)/2`. Unpacking
//! refuses non-canonical encodings and points off the curve.

use ark_ec::models::CurveConfig;
use ark_ec::twisted_edwards::{Affine, MontCurveConfig, Projective, TECurveConfig};
use ark_ec::{AffineRepr, CurveGroup};
use ark_ff::{BigInteger, Field, MontFp, PrimeField, Zero};

use crate::{field, Error, Fr};

/// The order `l` of the prime-order subgroup; signature scalars live here.
pub use ark_ed_on_bn254::Fr as Scalar;

/// circomlib's Baby Jubjub parameters (`a = 168700`, `d = 168696`), with
/// circomlib's `Base8` as the generator of the prime-order subgroup.
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub struct Circom;

impl CurveConfig for Circom {
    type BaseField = Fr;
    type ScalarField = Scalar;
    const COFACTOR: &'static [u64] = &[8];
    const COFACTOR_INV: Scalar =
        MontFp!("2394026564107420727433200628387514462817212225638746351800188703329891451411");
}

impl TECurveConfig for Circom {
    const COEFF_A: Fr = MontFp!("168700");
    const COEFF_D: Fr = MontFp!("168696");
    const GENERATOR: Point = Point::new_unchecked(BASE8_X, BASE8_Y);
    type MontCurveConfig = Circom;
}

impl MontCurveConfig for Circom {
    // B·v² = u³ + A·u² + u with A = 2(a+d)/(a−d), B = 4/(a−d).
    const COEFF_A: Fr = MontFp!("168698");
    const COEFF_B: Fr = MontFp!("1");
    type TECurveConfig = Circom;
}

/// An affine point in circomlib's coordinates.
pub type Point = Affine<Circom>;
/// A projective point, for arithmetic.
pub type Projective8 = Projective<Circom>;

/// circomlib's `Base8`, x-coordinate.
pub const BASE8_X: Fr =
    MontFp!("5299619240641551281634865583518297030282874472190772894086521144482721001553");
/// circomlib's `Base8`, y-coordinate.
pub const BASE8_Y: Fr =
    MontFp!("16950150798460657717958625567821834550301663161624707787222815936182638968203");

/// circomlib's `Base8`, which generates the prime-order subgroup.
pub fn base8() -> Point {
    Circom::GENERATOR
}

/// Whether `(x, y)` satisfies the curve equation.
pub fn is_on_curve(x: &Fr, y: &Fr) -> bool {
    let x2 = x.square();
    let y2 = y.square();
    <Circom as TECurveConfig>::COEFF_A * x2 + y2
        == Fr::ONE + <Circom as TECurveConfig>::COEFF_D * x2 * y2
}

/// A point from coordinates, refusing points off the curve.
pub fn point(x: Fr, y: Fr) -> Result<Point, Error> {
    if is_on_curve(&x, &y) {
        Ok(Point::new_unchecked(x, y))
    } else {
        Err(Error::NotOnCurve)
    }
}

/// Whether `8·P` is the identity (P is one of the eight small-order points).
pub fn has_small_order(p: &Point) -> bool {
    p.mul_by_cofactor().is_zero()
}

/// `k·P` for a scalar given as a little-endian integer of any size.
pub fn mul_bigint(p: &Point, k: impl AsRef<[u64]>) -> Point {
    p.mul_bigint(k).into_affine()
}

fn half_modulus() -> <Fr as PrimeField>::BigInt {
    Fr::MODULUS_MINUS_ONE_DIV_TWO
}

/// circomlib's `packPoint`.
pub fn pack(p: &Point) -> [u8; 32] {
    let mut out = [0u8; 32];
    out.copy_from_slice(&p.y.into_bigint().to_bytes_le());
    if p.x.into_bigint() > half_modulus() {
        out[31] |= 0x80;
    }
    out
}

/// circomlib's `unpackPoint`, strict: `y` below the modulus, a point on the
/// curve, and no sign bit on `x = 0`.
pub fn unpack(bytes: &[u8; 32]) -> Result<Point, Error> {
    let sign = bytes[31] & 0x80 != 0;
    let mut le = *bytes;
    le[31] &= 0x7f;
    let mut be = le;
    be.reverse();
    let y = field::from_bytes(&be).map_err(|_| Error::BadPoint)?;
    let y2 = y.square();
    let num = Fr::ONE - y2;
    let den = <Circom as TECurveConfig>::COEFF_A - <Circom as TECurveConfig>::COEFF_D * y2;
    let x2 = num * den.inverse().ok_or(Error::BadPoint)?;
    let mut x = x2.sqrt().ok_or(Error::BadPoint)?;
    if x.into_bigint() > half_modulus() {
        x = -x;
    }
    if sign {
        if x.is_zero() {
            return Err(Error::BadPoint);
        }
        x = -x;
    }
    point(x, y)
}

/// A scalar from 32 little-endian bytes, refusing values at or above `l`.
pub fn scalar_from_le(bytes: &[u8; 32]) -> Result<Scalar, Error> {
    let s = Scalar::from_le_bytes_mod_order(bytes);
    if s.into_bigint().to_bytes_le() == bytes[..] {
        Ok(s)
    } else {
        Err(Error::BadScalar)
    }
}

/// A scalar as 32 little-endian bytes.
pub fn scalar_to_le(s: &Scalar) -> [u8; 32] {
    let mut out = [0u8; 32];
    out.copy_from_slice(&s.into_bigint().to_bytes_le());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ark_ec::twisted_edwards::Affine as TeAffine;
    use ark_ed_on_bn254::EdwardsConfig;

    #[test]
    fn base8_is_on_the_curve_and_has_order_l() {
        let b = base8();
        assert!(is_on_curve(&b.x, &b.y));
        assert!(!has_small_order(&b));
        let l = Scalar::MODULUS;
        assert!(mul_bigint(&b, l).is_zero());
    }

    // circomlib's equation and ark-ed-on-bn254's are the same group under
    // x' = √168700 · x: Base8 maps onto a point of arkworks' curve with the
    // same y, and scalar multiplication commutes with the map.
    #[test]
    fn isomorphic_to_ark_ed_on_bn254() {
        let root = <Circom as TECurveConfig>::COEFF_A.sqrt().unwrap();
        let to_ark = |p: &Point| TeAffine::<EdwardsConfig>::new_unchecked(p.x * root, p.y);
        let b = base8();
        let mapped = to_ark(&b);
        assert!(mapped.is_on_curve());
        assert!(mapped.is_in_correct_subgroup_assuming_on_curve());
        let k = Scalar::from(123_456_789u64);
        assert_eq!(to_ark(&(b * k).into_affine()), (mapped * k).into_affine());
    }

    #[test]
    fn pack_round_trips_and_refuses_junk() {
        let mut p = base8();
        for i in 1..20u64 {
            p = (p * Scalar::from(i + 7)).into_affine();
            assert_eq!(unpack(&pack(&p)).unwrap(), p);
        }
        // y = p (not canonical).
        let mut bad = [0u8; 32];
        let mut m = Fr::MODULUS.to_bytes_le();
        m.truncate(32);
        bad.copy_from_slice(&m);
        assert_eq!(unpack(&bad), Err(Error::BadPoint));
        // The identity (0, 1) with the sign bit set names no point.
        let mut id = [0u8; 32];
        id[0] = 1;
        assert!(unpack(&id).is_ok());
        id[31] |= 0x80;
        assert_eq!(unpack(&id), Err(Error::BadPoint));
    }

    #[test]
    fn small_order_points_are_recognised() {
        let id = point(Fr::zero(), Fr::ONE).unwrap();
        let two = point(Fr::zero(), -Fr::ONE).unwrap();
        assert!(has_small_order(&id) && has_small_order(&two));
    }
}

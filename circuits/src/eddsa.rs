//! EdDSA-Poseidon on Baby Jubjub, as circomlibjs `signPoseidon` /
//! `verifyPoseidon` and `@zk-kit/eddsa-poseidon` define it.
//!
//! A private key is 32 bytes. BLAKE-512 of it gives the secret scalar `s`
//! (first half, pruned as circomlib prunes it) and the nonce key (second
//! half). The public key is `A = (s >> 3)·B8`. A signature on the field
//! element `m` is `(R8, S)` with `r = BLAKE-512(nonce key ‖ m) mod l`,
//! `R8 = r·B8`, `S = r + H·s mod l` and `H = Poseidon(R8.x, R8.y, A.x, A.y, m)`.
//!
//! Verification is cofactored, exactly as the circuit checks it: `A` and
//! `R8` on the curve, `A` not of small order, `S < l`, and
//! `8·(S·B8 − R8 − H·(8·A)) = 0`.

use ark_ec::{AffineRepr, CurveGroup};
use ark_ff::{BigInt, BigInteger, PrimeField};
use blake_hash::{Blake512, Digest};
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::babyjubjub::{self, Point, Scalar};
use crate::{poseidon, Error, Fr};

/// A device's private key: 32 secret bytes, wiped on drop.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct PrivateKey([u8; 32]);

/// A signature `(R8, S)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Signature {
    /// The nonce point.
    pub r8: Point,
    /// The response, below `l`.
    pub s: Scalar,
}

impl std::fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PrivateKey(..)")
    }
}

fn blake512(parts: &[&[u8]]) -> [u8; 64] {
    let mut h = Blake512::new();
    for p in parts {
        h.update(p);
    }
    let mut out = [0u8; 64];
    out.copy_from_slice(&h.finalize());
    out
}

impl PrivateKey {
    /// The key with these 32 bytes.
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        PrivateKey(bytes)
    }

    /// The 32 secret bytes.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// `(s, nonce key)`: circomlib's pruned secret scalar as a 256-bit
    /// integer, and the second half of the hash. Both are secret.
    fn expand(&self) -> (BigInt<4>, [u8; 32]) {
        let mut h = blake512(&[&self.0]);
        h[0] &= 0xf8;
        h[31] &= 0x7f;
        h[31] |= 0x40;
        let mut s = BigInt::<4>::new([0; 4]);
        for (i, limb) in s.0.iter_mut().enumerate() {
            let mut word = [0u8; 8];
            word.copy_from_slice(&h[8 * i..8 * i + 8]);
            *limb = u64::from_le_bytes(word);
        }
        let mut nonce_key = [0u8; 32];
        nonce_key.copy_from_slice(&h[32..]);
        h.zeroize();
        (s, nonce_key)
    }

    /// The public key `A = (s >> 3)·B8`.
    pub fn public(&self) -> Point {
        let (mut s, mut nonce_key) = self.expand();
        nonce_key.zeroize();
        // circomlib shifts the 256-bit integer, not its residue mod l.
        s >>= 3;
        let a = babyjubjub::mul_bigint(&babyjubjub::base8(), s);
        s.0.zeroize();
        a
    }

    /// circomlib's `signPoseidon(key, m)`.
    pub fn sign(&self, m: &Fr) -> Signature {
        let (mut s_int, mut nonce_key) = self.expand();
        let mut s = Scalar::from_le_bytes_mod_order(&s_int.to_bytes_le());
        s_int.0.zeroize();
        let a = self.public();
        let mut wide = blake512(&[&nonce_key, &m.into_bigint().to_bytes_le()]);
        let mut r = Scalar::from_le_bytes_mod_order(&wide);
        let r8 = (babyjubjub::base8() * r).into_affine();
        let h = challenge(&r8, &a, m);
        let sig = Signature { r8, s: r + h * s };
        s.zeroize();
        r.zeroize();
        nonce_key.zeroize();
        wide.zeroize();
        sig
    }
}

/// `H = Poseidon(R8.x, R8.y, A.x, A.y, m)` as an integer mod `l`.
fn challenge(r8: &Point, a: &Point, m: &Fr) -> Scalar {
    Scalar::from_le_bytes_mod_order(&challenge_field(r8, a, m).into_bigint().to_bytes_le())
}

/// `H = Poseidon(R8.x, R8.y, A.x, A.y, m)`.
pub fn challenge_field(r8: &Point, a: &Point, m: &Fr) -> Fr {
    match poseidon::hash(&[r8.x, r8.y, a.x, a.y, *m]) {
        Ok(h) => h,
        Err(_) => unreachable!("Poseidon(5) is defined"),
    }
}

/// Verifies `sig` on `m` under `a`, cofactored, as the circuit does.
pub fn verify(a: &Point, m: &Fr, sig: &Signature) -> Result<(), Error> {
    for p in [a, &sig.r8] {
        if !babyjubjub::is_on_curve(&p.x, &p.y) {
            return Err(Error::NotOnCurve);
        }
    }
    if babyjubjub::has_small_order(a) {
        return Err(Error::SmallOrder);
    }
    let a8 = a.mul_by_cofactor_to_group();
    let h = challenge(&sig.r8, a, m);
    let lhs = babyjubjub::base8() * sig.s - sig.r8.into_group() - a8 * h;
    if lhs.into_affine().mul_by_cofactor().is_zero() {
        Ok(())
    } else {
        Err(Error::BadSignature)
    }
}

impl Signature {
    /// circomlib's `packSignature`: packed `R8` then `S` little-endian.
    pub fn to_bytes(&self) -> [u8; 64] {
        let mut out = [0u8; 64];
        out[..32].copy_from_slice(&babyjubjub::pack(&self.r8));
        out[32..].copy_from_slice(&babyjubjub::scalar_to_le(&self.s));
        out
    }

    /// circomlib's `unpackSignature`, refusing `S ≥ l` and bad points.
    pub fn from_bytes(bytes: &[u8; 64]) -> Result<Self, Error> {
        let mut r = [0u8; 32];
        r.copy_from_slice(&bytes[..32]);
        let mut s = [0u8; 32];
        s.copy_from_slice(&bytes[32..]);
        Ok(Signature {
            r8: babyjubjub::unpack(&r)?,
            s: babyjubjub::scalar_from_le(&s)?,
        })
    }
}

/// A public key as circomlib's packed point, in hex.
pub fn public_key_hex(a: &Point) -> String {
    hex::encode(babyjubjub::pack(a))
}

/// Parses [`public_key_hex`]'s form, refusing small-order points.
pub fn public_key_from_hex(s: &str) -> Result<Point, Error> {
    let mut bytes = [0u8; 32];
    hex::decode_to_slice(s.trim(), &mut bytes).map_err(|_| Error::BadPoint)?;
    let a = babyjubjub::unpack(&bytes)?;
    if babyjubjub::has_small_order(&a) {
        return Err(Error::SmallOrder);
    }
    Ok(a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signs_and_verifies() {
        let key = PrivateKey::from_bytes([3u8; 32]);
        let a = key.public();
        let m = Fr::from(1234u64);
        let sig = key.sign(&m);
        verify(&a, &m, &sig).unwrap();
        assert_eq!(
            verify(&a, &Fr::from(1235u64), &sig),
            Err(Error::BadSignature)
        );
        let back = Signature::from_bytes(&sig.to_bytes()).unwrap();
        assert_eq!(back, sig);
    }

    #[test]
    fn refuses_small_order_keys_and_large_s() {
        let key = PrivateKey::from_bytes([4u8; 32]);
        let m = Fr::from(9u64);
        let sig = key.sign(&m);
        let id = babyjubjub::point(Fr::from(0u64), Fr::from(1u64)).unwrap();
        assert_eq!(verify(&id, &m, &sig), Err(Error::SmallOrder));
        let mut bytes = sig.to_bytes();
        bytes[32..].copy_from_slice(&[0xff; 32]);
        bytes[63] = 0x0f;
        assert_eq!(Signature::from_bytes(&bytes), Err(Error::BadScalar));
    }
}

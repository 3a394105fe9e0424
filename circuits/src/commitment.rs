//! The commitment to a photo's content digest: `C = Poseidon(h_hi, h_lo, r)`.
//!
//! The 32-byte SHA-256 digest `h` is split into two 128-bit halves read as
//! big-endian integers (`h_hi` = bytes 0..16, `h_lo` = bytes 16..32), so
//! each fits the field with room to spare and the circuit can range-check it.

use ark_ff::PrimeField;

use crate::{poseidon, Fr};

/// `(h_hi, h_lo)`: the digest's two big-endian 128-bit halves.
pub fn digest_halves(h: &[u8; 32]) -> (Fr, Fr) {
    (
        Fr::from_be_bytes_mod_order(&h[..16]),
        Fr::from_be_bytes_mod_order(&h[16..]),
    )
}

/// `Poseidon(h_hi, h_lo, r)`.
pub fn commit(h: &[u8; 32], r: &Fr) -> Fr {
    let (hi, lo) = digest_halves(h);
    // Three inputs is always within circomlib's arity.
    match poseidon::hash(&[hi, lo, *r]) {
        Ok(c) => c,
        Err(_) => unreachable!("Poseidon(3) is defined"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halves_are_big_endian() {
        let mut h = [0u8; 32];
        h[15] = 1;
        h[31] = 2;
        assert_eq!(digest_halves(&h), (Fr::from(1u64), Fr::from(2u64)));
    }

    #[test]
    fn binds_digest_and_opening() {
        let h = [9u8; 32];
        let r = Fr::from(5u64);
        let c = commit(&h, &r);
        assert_ne!(c, commit(&h, &Fr::from(6u64)));
        let mut h2 = h;
        h2[31] ^= 1;
        assert_ne!(c, commit(&h2, &r));
    }
}

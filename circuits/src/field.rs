//! Canonical encodings of BN254 scalars: 32 big-endian bytes, or `0x` and 64
//! lowercase hex digits. A value at or above the modulus is refused rather
//! than reduced, so one number has exactly one encoding.

use ark_ff::{BigInteger, PrimeField};

use crate::{Error, Fr};

/// 32 big-endian bytes.
pub fn to_bytes(x: &Fr) -> [u8; 32] {
    let mut out = [0u8; 32];
    out.copy_from_slice(&x.into_bigint().to_bytes_be());
    out
}

/// Parses 32 big-endian bytes, refusing values at or above the modulus.
pub fn from_bytes(bytes: &[u8; 32]) -> Result<Fr, Error> {
    let x = Fr::from_be_bytes_mod_order(bytes);
    if to_bytes(&x) == *bytes {
        Ok(x)
    } else {
        Err(Error::NonCanonicalField)
    }
}

/// Reduces 64 uniformly random bytes to a field element. The result is
/// uniform up to a bias below 2⁻²⁵⁰, so this is how random openings are made.
pub fn from_wide_bytes(bytes: &[u8; 64]) -> Fr {
    Fr::from_be_bytes_mod_order(bytes)
}

/// `0x` followed by 64 lowercase hex digits.
pub fn to_hex(x: &Fr) -> String {
    format!("0x{}", hex::encode(to_bytes(x)))
}

/// The canonical integer in decimal, as circom and snarkjs write it.
pub fn to_decimal(x: &Fr) -> String {
    x.into_bigint().to_string()
}

/// Parses the form [`to_hex`] writes (upper-case digits are accepted).
pub fn from_hex(s: &str) -> Result<Fr, Error> {
    let digits = s.strip_prefix("0x").ok_or(Error::NonCanonicalField)?;
    let mut bytes = [0u8; 32];
    hex::decode_to_slice(digits, &mut bytes).map_err(|_| Error::NonCanonicalField)?;
    from_bytes(&bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_refuses_the_modulus() {
        let x = Fr::from(0x1234_5678u64);
        assert_eq!(from_hex(&to_hex(&x)).unwrap(), x);
        let modulus = Fr::MODULUS.to_bytes_be();
        let mut m = [0u8; 32];
        m.copy_from_slice(&modulus);
        assert_eq!(from_bytes(&m), Err(Error::NonCanonicalField));
        assert!(matches!(
            from_hex("0x12"),
            Err(crate::Error::NonCanonicalField)
        ));
        assert!(matches!(
            from_hex(&"0x".repeat(33)),
            Err(crate::Error::NonCanonicalField)
        ));
    }
}

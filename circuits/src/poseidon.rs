//! Poseidon over the BN254 scalar field, bit for bit as circomlib computes it.
//!
//! circomlib's `Poseidon(n)` uses a state of `t = n + 1` elements, the x⁵
//! S-box, 8 full rounds and a partial-round count that depends on `t`. Its
//! round constants and MDS matrix come from the Grain LFSR of the Poseidon
//! paper, which `ark-crypto-primitives` reproduces. The state starts as
//! `[0, in₁, …, inₙ]`, is permuted once, and circomlib outputs `state[0]`.
//! The arkworks sponge's squeeze would return `state[1]` instead, so this
//! module reads `state[0]` after the permutation.

use std::sync::OnceLock;

use ark_crypto_primitives::sponge::poseidon::{
    find_poseidon_ark_and_mds, PoseidonConfig, PoseidonSponge,
};
use ark_crypto_primitives::sponge::{CryptographicSponge, FieldBasedCryptographicSponge};

use crate::{Error, Fr};

/// The most inputs circomlib's Poseidon takes (state width 17).
pub const MAX_INPUTS: usize = 16;

/// circomlib's partial-round counts, indexed by `t - 2` (`t` = inputs + 1).
const PARTIAL_ROUNDS: [u64; MAX_INPUTS] = [
    56, 57, 56, 60, 60, 63, 64, 63, 60, 66, 60, 65, 70, 60, 64, 68,
];
const FULL_ROUNDS: u64 = 8;
const ALPHA: u64 = 5;
const PRIME_BITS: u64 = 254;

/// The parameters for `n` inputs (rate `n`, capacity 1), derived once.
pub fn config(n: usize) -> Result<&'static PoseidonConfig<Fr>, Error> {
    static CONFIGS: [OnceLock<PoseidonConfig<Fr>>; MAX_INPUTS] =
        [const { OnceLock::new() }; MAX_INPUTS];
    if n == 0 || n > MAX_INPUTS {
        return Err(Error::PoseidonArity(n));
    }
    Ok(CONFIGS[n - 1].get_or_init(|| {
        let partial = PARTIAL_ROUNDS[n - 1];
        let (ark, mds) = find_poseidon_ark_and_mds::<Fr>(PRIME_BITS, n, FULL_ROUNDS, partial, 0);
        PoseidonConfig::new(
            FULL_ROUNDS as usize,
            partial as usize,
            ALPHA,
            mds,
            ark,
            n,
            1,
        )
    }))
}

/// circomlib's `Poseidon(n)` of `inputs` (1 to 16 of them).
pub fn hash(inputs: &[Fr]) -> Result<Fr, Error> {
    let mut sponge = PoseidonSponge::new(config(inputs.len())?);
    // Absorbing exactly `rate` elements fills state[1..]; the squeeze then
    // runs the one permutation, after which circomlib's output is state[0].
    sponge.absorb(&inputs);
    let _ = sponge.squeeze_native_field_elements(1);
    Ok(sponge.state[0])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::field::to_hex;

    // Published circomlib/poseidon-lite outputs; the integration tests also
    // compare many more inputs against poseidon-lite itself.
    #[test]
    fn matches_circomlib_vectors() {
        let h = hash(&[Fr::from(1u64), Fr::from(2u64)]).unwrap();
        assert_eq!(
            to_hex(&h),
            "0x115cc0f5e7d690413df64c6b9662e9cf2a3617f2743245519e19607a4417189a"
        );
        let h = hash(&[Fr::from(1u64)]).unwrap();
        assert_eq!(
            to_hex(&h),
            "0x29176100eaa962bdc1fe6c654d6a3c130e96a4d1168b33848b897dc502820133"
        );
    }

    #[test]
    fn rejects_arity_outside_circomlib() {
        assert_eq!(hash(&[]), Err(Error::PoseidonArity(0)));
        assert_eq!(hash(&[Fr::from(0u64); 17]), Err(Error::PoseidonArity(17)));
    }
}

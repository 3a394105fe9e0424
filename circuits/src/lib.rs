//! The provenance statement's arithmetic, shared by the source's device, the
//! drop-box server and the newsroom.
//!
//! This crate is pure: no file, network or clock access, and it builds for
//! `wasm32-unknown-unknown`.
//!
//! # Layout
//! - [`poseidon`]: Poseidon over BN254, bit-compatible with circomlib.
//! - [`field`]: canonical byte encodings of field elements.
//! - [`commitment`]: the commitment `C = Poseidon(h_hi, h_lo, r)` to a
//!   photo's content digest.
//!
//! ```
//! use darkroom_circuits::{commitment, poseidon, Fr};
//! let h = [7u8; 32];
//! let r = Fr::from(42u64);
//! let c = commitment::commit(&h, &r);
//! let (hi, lo) = commitment::digest_halves(&h);
//! assert_eq!(c, poseidon::hash(&[hi, lo, r]).unwrap());
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod commitment;
pub mod field;
pub mod poseidon;

/// The scalar field of BN254: every value in the statement lives here.
pub use ark_bn254::Fr;

/// Errors from this crate.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Poseidon was asked to hash a number of inputs circomlib does not define.
    #[error("Poseidon takes 1 to 16 inputs, not {0}")]
    PoseidonArity(usize),
    /// A field element's encoding was not 32 bytes below the BN254 modulus.
    #[error("not a canonical BN254 field element (32 big-endian bytes below the modulus)")]
    NonCanonicalField,
}

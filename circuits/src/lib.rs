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

pub mod babyjubjub;
pub mod ceremony;
pub mod commitment;
pub mod eddsa;
pub mod field;
pub mod gadgets;
pub mod groth16;
pub mod merkle;
pub mod montgomery;
pub mod msm;
pub mod poseidon;
pub mod shares;
pub mod snarkjs;
pub mod statement;

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
    /// A point's encoding was not canonical or named no point of Baby Jubjub.
    #[error("not a valid Baby Jubjub point")]
    BadPoint,
    /// A point is not on Baby Jubjub.
    #[error("point is not on the Baby Jubjub curve")]
    NotOnCurve,
    /// A public key of small order, which would verify forged signatures.
    #[error("public key has small order")]
    SmallOrder,
    /// A signature scalar at or above the subgroup order.
    #[error("signature scalar is not below the subgroup order")]
    BadScalar,
    /// A signature that does not verify.
    #[error("signature does not verify")]
    BadSignature,
    /// More devices than the registry tree holds.
    #[error("a registry holds at most 2^20 devices, not {0}")]
    RegistryFull(usize),
    /// A public time or location bound outside its integer range.
    #[error("a public time or location bound is out of range")]
    BoundOutOfRange,
}

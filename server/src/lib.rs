//! The drop-box server: routes, storage and authentication.
//!
//! It stores ciphertext and proofs only; it never holds a newsroom identity.
//! Its routes build on the envelope format in `darkroom-core`.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub use darkroom_core as core;

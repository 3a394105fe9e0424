//! Browser bindings of Darkroom's core and circuits.
//!
//! For now this crate proves that `darkroom-core` and `darkroom-circuits`
//! build for `wasm32-unknown-unknown` with the browser's randomness source;
//! the wasm-bindgen surface for the submit page builds on it.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub use darkroom_circuits as circuits;
pub use darkroom_core as core;

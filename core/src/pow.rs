//! The proof of work a busy drop box asks of each upload.
//!
//! The server hands out a challenge (an opaque token, a difficulty `d` and
//! Argon2id parameters); the client finds a nonce `n` such that
//!
//! ```text
//! Argon2id(password = n as 8 little-endian bytes, salt = token,
//!          memory = memory_kib, passes = iterations, lanes = 1, 32 bytes)
//! ```
//!
//! starts with `d` zero bits: `2^d` hashes on average, one for the server
//! to check. Argon2id is memory-hard, so a flood costs memory bandwidth as
//! well as cores, and the browser runs the same code (WebAssembly).

use argon2::{Algorithm, Argon2, Block, Params, Version};

/// Memory per hash, in KiB (default).
pub const MEMORY_KIB: u32 = 1024;
/// Passes per hash (default).
pub const ITERATIONS: u32 = 1;
/// The most a server may ask for: beyond it a client refuses rather than
/// spin for hours.
pub const MAX_DIFFICULTY: u8 = 24;

/// A challenge, as `GET /api/v1/pow` and a 428 answer give it.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct Challenge {
    /// Whether an upload needs it now.
    pub required: bool,
    /// The token (hex): the salt of every hash.
    pub token: String,
    /// Zero bits a solution's hash starts with.
    pub difficulty: u8,
    /// Argon2id memory, KiB.
    pub memory_kib: u32,
    /// Argon2id passes.
    pub iterations: u32,
    /// Seconds it stays valid.
    pub expires_in: u64,
}

impl Challenge {
    /// The token's bytes.
    pub fn token_bytes(&self) -> Result<Vec<u8>, PowError> {
        hex::decode(&self.token).map_err(|_| PowError::Malformed)
    }

    /// The puzzle this challenge sets, over its `token` bytes
    /// ([`Challenge::token_bytes`]); refused when out of range.
    pub fn puzzle<'a>(&self, token: &'a [u8]) -> Result<Puzzle<'a>, PowError> {
        Puzzle::new(token, self.difficulty, self.memory_kib, self.iterations)
    }

    /// Finds a solution, starting the search at `start` (a random number,
    /// so that two clients do not search the same nonces): the
    /// `Darkroom-PoW` header's value, `token:nonce`.
    pub fn solve(&self, start: u64) -> Result<String, PowError> {
        let token = self.token_bytes()?;
        Ok(self.answer(self.puzzle(&token)?.solve(start)))
    }

    /// The `Darkroom-PoW` header's value for a `nonce` found elsewhere
    /// (the page's workers).
    pub fn answer(&self, nonce: u64) -> String {
        format!("{}:{nonce}", self.token)
    }
}

/// Why a challenge cannot be worked on.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum PowError {
    /// Parameters out of range.
    #[error("the drop box asked for an unreasonable proof of work ({0})")]
    Unreasonable(&'static str),
    /// Its token is not hex.
    #[error("the drop box sent a malformed proof-of-work challenge")]
    Malformed,
}

/// A challenge's parameters, with the work memory they need.
pub struct Puzzle<'a> {
    token: &'a [u8],
    difficulty: u8,
    argon: Argon2<'static>,
    memory: Vec<Block>,
}

impl<'a> Puzzle<'a> {
    /// A puzzle over `token` (8 to 64 bytes).
    pub fn new(
        token: &'a [u8],
        difficulty: u8,
        memory_kib: u32,
        iterations: u32,
    ) -> Result<Puzzle<'a>, PowError> {
        if !(8..=64).contains(&token.len()) {
            return Err(PowError::Unreasonable("token length"));
        }
        if difficulty > MAX_DIFFICULTY {
            return Err(PowError::Unreasonable("difficulty"));
        }
        if !(8..=64 * 1024).contains(&memory_kib) || !(1..=8).contains(&iterations) {
            return Err(PowError::Unreasonable("Argon2id parameters"));
        }
        let params = Params::new(memory_kib, iterations, 1, Some(32))
            .map_err(|_| PowError::Unreasonable("Argon2id parameters"))?;
        let memory = vec![Block::default(); params.block_count()];
        Ok(Puzzle {
            token,
            difficulty,
            argon: Argon2::new(Algorithm::Argon2id, Version::V0x13, params),
            memory,
        })
    }

    /// The hash of one nonce.
    pub fn hash(&mut self, nonce: u64) -> [u8; 32] {
        let mut out = [0u8; 32];
        self.argon
            .hash_password_into_with_memory(
                &nonce.to_le_bytes(),
                self.token,
                &mut out,
                &mut self.memory[..],
            )
            .expect("parameters were checked");
        out
    }

    /// Whether `nonce` solves it.
    pub fn check(&mut self, nonce: u64) -> bool {
        leading_zero_bits(&self.hash(nonce)) >= u32::from(self.difficulty)
    }

    /// Searches from `start` for up to `tries` nonces; the solution, if
    /// found. (The browser's worker calls it in slices, to report
    /// progress.)
    pub fn search(&mut self, start: u64, tries: u64) -> Option<u64> {
        (0..tries)
            .map(|i| start.wrapping_add(i))
            .find(|&n| self.check(n))
    }

    /// Searches until it finds a solution.
    pub fn solve(&mut self, start: u64) -> u64 {
        let mut n = start;
        loop {
            if self.check(n) {
                return n;
            }
            n = n.wrapping_add(1);
        }
    }
}

/// Zero bits at the start of `h`.
pub fn leading_zero_bits(h: &[u8]) -> u32 {
    let mut bits = 0;
    for b in h {
        if *b == 0 {
            bits += 8;
        } else {
            return bits + b.leading_zeros();
        }
    }
    bits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_solution_checks_and_a_neighbour_mostly_does_not() {
        let token = b"0123456789abcdef";
        let mut p = Puzzle::new(token, 6, 64, 1).unwrap();
        let n = p.solve(1000);
        assert!(p.check(n));
        assert!(leading_zero_bits(&p.hash(n)) >= 6);
        // Another token, same nonce: a solution is bound to its token.
        let mut other = Puzzle::new(b"0123456789abcdeX", 6, 64, 1).unwrap();
        let misses = (0..8).filter(|i| !other.check(n + i)).count();
        assert!(misses >= 4);
        // Difficulty 0 is any nonce.
        assert!(Puzzle::new(token, 0, 64, 1).unwrap().check(7));
    }

    #[test]
    fn the_hash_is_argon2id_as_the_crate_computes_it() {
        let mut p = Puzzle::new(b"saltsaltsalt", 0, 64, 2).unwrap();
        let mut expected = [0u8; 32];
        Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(64, 2, 1, Some(32)).unwrap(),
        )
        .hash_password_into(&42u64.to_le_bytes(), b"saltsaltsalt", &mut expected)
        .unwrap();
        assert_eq!(p.hash(42), expected);
    }

    #[test]
    fn unreasonable_parameters_are_refused() {
        assert!(matches!(
            Puzzle::new(b"short", 1, 64, 1),
            Err(crate::pow::PowError::Unreasonable(..))
        ));
        assert!(matches!(
            Puzzle::new(b"0123456789", MAX_DIFFICULTY + 1, 64, 1),
            Err(crate::pow::PowError::Unreasonable(..))
        ));
        assert!(matches!(
            Puzzle::new(b"0123456789", 1, 1 << 20, 1),
            Err(crate::pow::PowError::Unreasonable(..))
        ));
        assert!(matches!(
            Puzzle::new(b"0123456789", 1, 64, 0),
            Err(crate::pow::PowError::Unreasonable(..))
        ));
        assert_eq!(leading_zero_bits(&[0, 0x10, 0xff]), 11);
    }
}

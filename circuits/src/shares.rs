//! A Groth16 proof split into shares of its multi-scalar multiplications,
//! so that workers which share no memory (the browser's Web Workers) can
//! each compute one, and the prover only adds them up.
//!
//! The prover ([`Job`], from [`Job::start`]) synthesises the witness,
//! computes the quotient polynomial `h` and draws the randomisers `r`,
//! `s`. Share `k` of `n` covers every `n`-th index from `k`: of the full
//! assignment (for the `A` and `B` queries), of its witness part (for `L`)
//! and of `h` (for `H`), so that each share gets the same mix of cheap
//! scalars (bits, small numbers) and full ones. A worker holds that share
//! of the proving key's queries ([`KeyShare`]) and returns four sums
//! ([`Partial`]); [`Job::finish`] adds the key's fixed terms and the
//! randomisers exactly as arkworks' prover does (the result is the same
//! proof, to the byte), then verifies it, so a wrong partial sum gives a
//! refusal, never a bad proof.
//!
//! The scalars a share carries ([`Scalars`]) are the witness: the capture
//! signature, the device key, the commitment's opening. They pass only
//! between the page's own workers, and every buffer of them this crate
//! owns is zeroized when dropped.

use std::io::Cursor;

use ark_bn254::{Bn254, Fr, G1Affine, G1Projective, G2Affine, G2Projective};
use ark_ec::CurveGroup;
use ark_ff::{Field, UniformRand, Zero};
use ark_groth16::{Proof, ProvingKey};
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize, Compress, Validate};
use ark_std::rand::{CryptoRng, RngCore};
use zeroize::{Zeroize, Zeroizing};

use crate::groth16::{read_proving_key, KeyError, Prover, PROOF_LEN};
use crate::msm::msm;
use crate::statement::{PublicInputs, Witness};

/// The most shares a proof may be split into.
pub const MAX_SHARES: usize = 64;

fn bad() -> KeyError {
    KeyError::Corrupt("proof share")
}

fn check_split(index: usize, of: usize) -> Result<(), KeyError> {
    if of == 0 || of > MAX_SHARES || index >= of {
        return Err(bad());
    }
    Ok(())
}

/// A share's index and count, as the encodings start.
fn write_header(out: &mut Vec<u8>, index: usize, of: usize) {
    out.extend_from_slice(&(index as u32).to_le_bytes());
    out.extend_from_slice(&(of as u32).to_le_bytes());
}

/// Reads [`write_header`] and checks it; the rest of the encoding.
fn read_header(bytes: &[u8]) -> Result<(usize, usize, &[u8]), KeyError> {
    if bytes.len() < 8 {
        return Err(bad());
    }
    let index = u32::from_le_bytes(bytes[0..4].try_into().expect("4 bytes")) as usize;
    let of = u32::from_le_bytes(bytes[4..8].try_into().expect("4 bytes")) as usize;
    check_split(index, of)?;
    Ok((index, of, &bytes[8..]))
}

fn strided<T: Copy>(all: &[T], index: usize, of: usize) -> Vec<T> {
    all.iter().skip(index).step_by(of).copied().collect()
}

/// One worker's share of a proving key: every `of`-th point of its `A`,
/// `B` (in G1 and G2), `L` and `H` queries, from `index`.
#[derive(Clone, Debug)]
pub struct KeyShare {
    index: usize,
    of: usize,
    a: Vec<G1Affine>,
    b_g1: Vec<G1Affine>,
    b_g2: Vec<G2Affine>,
    l: Vec<G1Affine>,
    h: Vec<G1Affine>,
}

impl KeyShare {
    /// Share `index` of `of` of `pk`.
    pub fn new(pk: &ProvingKey<Bn254>, index: usize, of: usize) -> Result<KeyShare, KeyError> {
        check_split(index, of)?;
        Ok(KeyShare {
            index,
            of,
            a: strided(&pk.a_query, index, of),
            b_g1: strided(&pk.b_g1_query, index, of),
            b_g2: strided(&pk.b_g2_query, index, of),
            l: strided(&pk.l_query, index, of),
            h: strided(&pk.h_query, index, of),
        })
    }

    /// Share `index` of `of` of the key in a proving key file (the
    /// constraint matrices it may carry are not needed).
    pub fn read(file: &[u8], index: usize, of: usize) -> Result<KeyShare, KeyError> {
        let (pk, _) = read_proving_key(Cursor::new(file))?;
        KeyShare::new(&pk, index, of)
    }

    /// Which share this is.
    pub fn index(&self) -> usize {
        self.index
    }

    /// The four sums of this share, for the scalars of the same share.
    pub fn sum(&self, s: &Scalars) -> Result<Partial, KeyError> {
        if s.index != self.index
            || s.of != self.of
            || s.full.len() != self.a.len()
            || s.full.len() != self.b_g1.len()
            || s.full.len() != self.b_g2.len()
            || s.aux.len() != self.l.len()
            || s.h.len() != self.h.len()
        {
            return Err(bad());
        }
        let key = Queries {
            a: &self.a,
            b_g1: &self.b_g1,
            b_g2: &self.b_g2,
            l: &self.l,
            h: &self.h,
        };
        Ok(key.sum(self.index, self.of, &s.full, &s.aux, &s.h))
    }
}

/// The queries a share sums over: a [`KeyShare`]'s, or a whole key's.
struct Queries<'a> {
    a: &'a [G1Affine],
    b_g1: &'a [G1Affine],
    b_g2: &'a [G2Affine],
    l: &'a [G1Affine],
    h: &'a [G1Affine],
}

impl Queries<'_> {
    fn of_key(pk: &ProvingKey<Bn254>) -> Queries<'_> {
        Queries {
            a: &pk.a_query,
            b_g1: &pk.b_g1_query,
            b_g2: &pk.b_g2_query,
            l: &pk.l_query,
            h: &pk.h_query,
        }
    }

    /// The four sums for the full assignment's scalars, the witness part's
    /// and `h`'s.
    fn sum(&self, index: usize, of: usize, full: &[Fr], aux: &[Fr], h: &[Fr]) -> Partial {
        Partial {
            index,
            of,
            a: msm(self.a, full),
            b_g1: msm(self.b_g1, full),
            b_g2: msm(self.b_g2, full),
            c: msm(self.l, aux) + msm(self.h, h),
        }
    }
}

/// The scalars of one share: secret, zeroized when dropped.
pub struct Scalars {
    index: usize,
    of: usize,
    full: Vec<Fr>,
    aux: Vec<Fr>,
    h: Vec<Fr>,
}

impl Drop for Scalars {
    fn drop(&mut self) {
        self.full.zeroize();
        self.aux.zeroize();
        self.h.zeroize();
    }
}

impl std::fmt::Debug for Scalars {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Scalars(share {} of {}, secret)", self.index, self.of)
    }
}

impl Scalars {
    /// Which share they are for.
    pub fn index(&self) -> usize {
        self.index
    }

    /// Their encoding: the share's index and count (u32, little-endian),
    /// then the three vectors in arkworks' uncompressed encoding.
    pub fn to_bytes(&self) -> Zeroizing<Vec<u8>> {
        let mut out = Zeroizing::new(Vec::with_capacity(
            8 + 24 + 32 * (self.full.len() + self.aux.len() + self.h.len()),
        ));
        write_header(&mut out, self.index, self.of);
        for v in [&self.full, &self.aux, &self.h] {
            v.serialize_uncompressed(&mut *out)
                .expect("writing to a vector");
        }
        out
    }

    /// Reads [`Scalars::to_bytes`], refusing non-canonical field elements
    /// and trailing bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Scalars, KeyError> {
        let (index, of, mut r) = read_header(bytes)?;
        let mut read = || {
            Vec::<Fr>::deserialize_with_mode(&mut r, Compress::No, Validate::Yes).map_err(|_| bad())
        };
        let mut s = Scalars {
            index,
            of,
            full: Vec::new(),
            aux: Vec::new(),
            h: Vec::new(),
        };
        s.full = read()?;
        s.aux = read()?;
        s.h = read()?;
        if !r.is_empty() {
            return Err(bad());
        }
        Ok(s)
    }
}

/// A share's four sums: over the `A` query, the `B` query in G1 and in
/// G2, and the `L` and `H` queries together.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Partial {
    index: usize,
    of: usize,
    a: G1Projective,
    b_g1: G1Projective,
    b_g2: G2Projective,
    c: G1Projective,
}

impl Partial {
    /// Which share it is.
    pub fn index(&self) -> usize {
        self.index
    }

    /// Its encoding: index and count (u32, little-endian), then the four
    /// points, affine and uncompressed.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(8 + 320);
        write_header(&mut out, self.index, self.of);
        let g1 = G1Projective::normalize_batch(&[self.a, self.b_g1, self.c]);
        (g1[0], g1[1], self.b_g2.into_affine(), g1[2])
            .serialize_uncompressed(&mut out)
            .expect("writing to a vector");
        out
    }

    /// Reads [`Partial::to_bytes`], checking that every point is on its
    /// curve and in the prime-order subgroup.
    pub fn from_bytes(bytes: &[u8]) -> Result<Partial, KeyError> {
        let (index, of, mut r) = read_header(bytes)?;
        let (a, b_g1, b_g2, c) = <(G1Affine, G1Affine, G2Affine, G1Affine)>::deserialize_with_mode(
            &mut r,
            Compress::No,
            Validate::Yes,
        )
        .map_err(|_| bad())?;
        if !r.is_empty() {
            return Err(bad());
        }
        Ok(Partial {
            index,
            of,
            a: a.into(),
            b_g1: b_g1.into(),
            b_g2: b_g2.into(),
            c: c.into(),
        })
    }
}

/// A proof under way: the assignment, `h` and the randomisers, waiting
/// for the partial sums of its shares. Its secrets are zeroized when it is
/// dropped.
pub struct Job {
    public: PublicInputs,
    r: Fr,
    s: Fr,
    full: Vec<Fr>,
    h: Vec<Fr>,
    num_inputs: usize,
    parts: Vec<Option<Partial>>,
}

impl Drop for Job {
    fn drop(&mut self) {
        self.full.zeroize();
        self.h.zeroize();
        self.r.zeroize();
        self.s.zeroize();
    }
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Job({} shares, secret)", self.parts.len())
    }
}

impl Job {
    /// Synthesises the witness and computes `h`, for a proof in `of`
    /// shares.
    pub fn start<R: RngCore + CryptoRng>(
        prover: &Prover,
        public: &PublicInputs,
        witness: Witness,
        of: usize,
        rng: &mut R,
    ) -> Result<Job, KeyError> {
        check_split(0, of)?;
        let mut job = Job {
            public: *public,
            r: Fr::zero(),
            s: Fr::zero(),
            full: prover.assign(public, witness)?,
            h: Vec::new(),
            num_inputs: prover.num_inputs(),
            parts: vec![None; of],
        };
        job.h = prover.quotient(&job.full)?;
        job.r = Fr::rand(rng);
        job.s = Fr::rand(rng);
        Ok(job)
    }

    /// How many shares the proof is split into.
    pub fn shares(&self) -> usize {
        self.parts.len()
    }

    /// The scalars of share `index`.
    pub fn scalars(&self, index: usize) -> Result<Scalars, KeyError> {
        let of = self.parts.len();
        check_split(index, of)?;
        Ok(Scalars {
            index,
            of,
            full: strided(&self.full, index, of),
            aux: strided(&self.full[self.num_inputs..], index, of),
            h: strided(&self.h, index, of),
        })
    }

    /// Takes a share's partial sums (a later one for the same share
    /// replaces it).
    pub fn add(&mut self, part: Partial) -> Result<(), KeyError> {
        if part.of != self.parts.len() || part.index >= part.of {
            return Err(bad());
        }
        self.parts[part.index] = Some(part);
        Ok(())
    }

    /// The shares still missing.
    pub fn missing(&self) -> Vec<usize> {
        (0..self.parts.len())
            .filter(|&i| self.parts[i].is_none())
            .collect()
    }

    /// Adds up the shares into the proof, as arkworks' prover does, and
    /// checks it before returning it. After a refusal (a wrong share) the
    /// job stays usable: shares added again replace the ones it had.
    pub fn finish(&self, prover: &Prover) -> Result<[u8; PROOF_LEN], KeyError> {
        let pk = prover.key();
        let (mut a, mut b_g1, mut b_g2, mut c) = (
            G1Projective::zero(),
            G1Projective::zero(),
            G2Projective::zero(),
            G1Projective::zero(),
        );
        for part in &self.parts {
            let p = part.as_ref().ok_or(KeyError::Corrupt("proof share"))?;
            a += p.a;
            b_g1 += p.b_g1;
            b_g2 += p.b_g2;
            c += p.c;
        }
        let (r, s) = (self.r, self.s);
        let g_a = pk.delta_g1 * r + pk.vk.alpha_g1 + a;
        let g1_b = if r.is_zero() {
            G1Projective::zero()
        } else {
            pk.delta_g1 * s + pk.beta_g1 + b_g1
        };
        let g2_b = pk.vk.delta_g2 * s + pk.vk.beta_g2 + b_g2;
        let g_c = g_a * s + g1_b * r - pk.delta_g1 * (r * s) + c;
        let proof = Proof::<Bn254> {
            a: g_a.into_affine(),
            b: g2_b.into_affine(),
            c: g_c.into_affine(),
        };
        prover.check(&self.public, &proof)
    }
}

impl Prover {
    /// Proves the statement and checks the proof before returning it: one
    /// share, summed here over the whole key.
    pub fn prove<R: RngCore + CryptoRng>(
        &self,
        public: &PublicInputs,
        witness: Witness,
        rng: &mut R,
    ) -> Result<[u8; PROOF_LEN], KeyError> {
        let mut job = Job::start(self, public, witness, 1, rng)?;
        let part =
            Queries::of_key(self.key()).sum(0, 1, &job.full, &job.full[job.num_inputs..], &job.h);
        job.add(part)?;
        job.finish(self)
    }

    /// Proves in `of` shares, computed here one after another: what a page
    /// does when it has no other worker, and the reference the shares are
    /// tested against.
    pub fn prove_in_shares<R: RngCore + CryptoRng>(
        &self,
        public: &PublicInputs,
        witness: Witness,
        of: usize,
        rng: &mut R,
    ) -> Result<[u8; PROOF_LEN], KeyError> {
        let mut job = Job::start(self, public, witness, of, rng)?;
        for index in 0..of {
            let part = KeyShare::new(self.key(), index, of)?.sum(&job.scalars(index)?)?;
            job.add(part)?;
        }
        job.finish(self)
    }
}

/// Runs the multi-scalar multiplications a share needs on a few hundred
/// points, so that a browser's WebAssembly engine compiles their hot code
/// with its optimising tier before a proof needs it. Returns whether the
/// sums are what they must be (they are computed two ways).
pub fn warm_up() -> bool {
    use ark_ec::{AffineRepr, PrimeGroup};
    const N: u64 = 256;
    // Inverses: full-size scalars, the kind most of a proof's are.
    let scalars: Vec<Fr> = (1..=N)
        .map(|i| Fr::from(i + 6).inverse().expect("non-zero"))
        .collect();
    let mut total = Fr::zero();
    for (i, s) in scalars.iter().enumerate() {
        total += *s * Fr::from(i as u64 + 1);
    }
    // Bases g, 2g, 3g, …: the sum is g times Σ s_i·i.
    let mut g1 = Vec::new();
    let mut g2 = Vec::new();
    let (mut p1, mut p2) = (G1Projective::zero(), G2Projective::zero());
    for _ in 0..N {
        p1 += G1Affine::generator();
        p2 += G2Affine::generator();
        g1.push(p1);
        g2.push(p2);
    }
    let g1 = G1Projective::normalize_batch(&g1);
    let g2 = G2Projective::normalize_batch(&g2);
    msm(&g1, &scalars) == G1Projective::generator() * total
        && msm(&g2, &scalars) == G2Projective::generator() * total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warming_up_computes_what_it_must() {
        assert!(warm_up());
    }

    #[test]
    fn splits_are_checked() {
        assert!(check_split(0, 1).is_ok());
        assert!(check_split(63, 64).is_ok());
        assert!(matches!(
            check_split(1, 1),
            Err(crate::groth16::KeyError::Corrupt(..))
        ));
        assert!(matches!(
            check_split(0, 0),
            Err(crate::groth16::KeyError::Corrupt(..))
        ));
        assert!(matches!(
            check_split(0, 65),
            Err(crate::groth16::KeyError::Corrupt(..))
        ));
        assert_eq!(strided(&[0, 1, 2, 3, 4, 5, 6], 1, 3), vec![1, 4]);
        assert_eq!(strided(&[0, 1], 2, 3), Vec::<i32>::new());
    }
}

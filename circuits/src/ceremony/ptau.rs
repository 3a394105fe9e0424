//! Phase 1: the powers of tau, read from a snarkjs `.ptau` file, and the
//! checks that they are consistent powers of one secret.

use ark_bn254::{Fq, Fq2, G1Affine, G1Projective, G2Affine, G2Projective};
use ark_ec::{AffineRepr, CurveGroup, PrimeGroup};
#[cfg(test)]
use ark_ff::One;
use ark_ff::{BigInt, BigInteger, PrimeField};
use ark_poly::EvaluationDomain;
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize};
use ark_std::rand::RngCore;

use super::*;

/// The phase-1 points a circuit with an `n`-element domain needs.
#[derive(Clone, Debug, PartialEq, CanonicalSerialize, CanonicalDeserialize)]
pub struct Phase1 {
    /// `τ^i·G1`, `i < 2n − 1`.
    pub tau_g1: Vec<G1Affine>,
    /// `τ^i·G2`, `i < n`.
    pub tau_g2: Vec<G2Affine>,
    /// `α·τ^i·G1`, `i < n`.
    pub alpha_tau_g1: Vec<G1Affine>,
    /// `β·τ^i·G1`, `i < n`.
    pub beta_tau_g1: Vec<G1Affine>,
    /// `β·G2`.
    pub beta_g2: G2Affine,
    /// `L_j(τ)·G1` for the domain's Lagrange polynomials.
    pub lagrange_g1: Vec<G1Affine>,
    /// `L_j(τ)·G2`.
    pub lagrange_g2: Vec<G2Affine>,
    /// `α·L_j(τ)·G1`.
    pub alpha_lagrange_g1: Vec<G1Affine>,
    /// `β·L_j(τ)·G1`.
    pub beta_lagrange_g1: Vec<G1Affine>,
}

/// The powers of tau themselves, as a `.ptau` file holds them: what binds
/// a transcript to its public phase 1. (The Lagrange forms follow from
/// them, and [`Phase1::check`] checks that they do.)
#[derive(Clone, Debug, PartialEq)]
pub struct Powers {
    /// `τ^i·G1`, `i < 2n − 1`.
    pub tau_g1: Vec<G1Affine>,
    /// `τ^i·G2`, `i < n`.
    pub tau_g2: Vec<G2Affine>,
    /// `α·τ^i·G1`, `i < n`.
    pub alpha_tau_g1: Vec<G1Affine>,
    /// `β·τ^i·G1`, `i < n`.
    pub beta_tau_g1: Vec<G1Affine>,
    /// `β·G2`.
    pub beta_g2: G2Affine,
}

impl Powers {
    /// Reads the powers an `n`-element domain needs from a snarkjs `.ptau`
    /// file, without its Lagrange forms (so it is quick for any file).
    pub fn from_ptau<R: std::io::Read + std::io::Seek>(
        mut r: R,
        n: usize,
    ) -> Result<Powers, CeremonyError> {
        Ptau::read_powers(&mut r, n).map(|(p, _)| p)
    }
}

impl Phase1 {
    /// Whether these are exactly `powers`: every `τ^i` in G1 and G2, every
    /// `α·τ^i` and `β·τ^i`, and `β` in G2.
    pub fn has_powers(&self, powers: &Powers) -> bool {
        self.tau_g1 == powers.tau_g1
            && self.tau_g2 == powers.tau_g2
            && self.alpha_tau_g1 == powers.alpha_tau_g1
            && self.beta_tau_g1 == powers.beta_tau_g1
            && self.beta_g2 == powers.beta_g2
    }

    /// The powers of tau this phase 1 is made of.
    pub fn powers(&self) -> Powers {
        Powers {
            tau_g1: self.tau_g1.clone(),
            tau_g2: self.tau_g2.clone(),
            alpha_tau_g1: self.alpha_tau_g1.clone(),
            beta_tau_g1: self.beta_tau_g1.clone(),
            beta_g2: self.beta_g2,
        }
    }

    /// The evaluation domain's size `n`.
    pub fn domain_size(&self) -> usize {
        self.lagrange_g1.len()
    }

    /// Checks that the points are consistent powers of one secret `τ`
    /// (with one `α` and one `β`), that `τ` is neither 0 nor 1, and that the
    /// Lagrange forms are those of the same powers over this domain.
    pub fn check(&self, rng: &mut dyn RngCore) -> Result<(), CeremonyError> {
        let n = self.domain_size();
        let d = domain(n)?;
        if self.tau_g1.len() != 2 * n - 1
            || [
                self.tau_g2.len(),
                self.alpha_tau_g1.len(),
                self.beta_tau_g1.len(),
                self.lagrange_g2.len(),
                self.alpha_lagrange_g1.len(),
                self.beta_lagrange_g1.len(),
            ]
            .iter()
            .any(|&l| l != n)
            || n < 2
        {
            return Err(CeremonyError::Phase1("the sections have the wrong lengths"));
        }
        let g1 = G1Projective::generator();
        let g2 = G2Projective::generator();
        if self.tau_g1[0] != g1.into_affine() || self.tau_g2[0] != g2.into_affine() {
            return Err(CeremonyError::Phase1("τ^0 is not the generator"));
        }
        if self.tau_g1[1].is_zero() || self.tau_g1[1] == g1.into_affine() {
            return Err(CeremonyError::Phase1(
                "τ is 0 or 1: nobody contributed to these powers of tau",
            ));
        }
        if self.alpha_tau_g1[0].is_zero() || self.beta_tau_g1[0].is_zero() {
            return Err(CeremonyError::Phase1("α or β is zero"));
        }
        let tau2 = self.tau_g2[1].into_group();
        // Successive powers in G1: Σρ·τ^i and Σρ·τ^{i+1} differ by τ.
        let shift = |v: &[G1Affine], rng: &mut dyn RngCore| {
            let r = rho(rng, v.len() - 1);
            (msm1(&v[..v.len() - 1], &r), msm1(&v[1..], &r))
        };
        if !same_ratio(shift(&self.tau_g1, rng), (g2, tau2)) {
            return Err(CeremonyError::Phase1("τ^i·G1 are not successive powers"));
        }
        if !same_ratio(shift(&self.alpha_tau_g1, rng), (g2, tau2)) {
            return Err(CeremonyError::Phase1("α·τ^i·G1 are not successive powers"));
        }
        if !same_ratio(shift(&self.beta_tau_g1, rng), (g2, tau2)) {
            return Err(CeremonyError::Phase1("β·τ^i·G1 are not successive powers"));
        }
        let r = rho(rng, n - 1);
        let (a, b) = (msm2(&self.tau_g2[..n - 1], &r), msm2(&self.tau_g2[1..], &r));
        if !same_ratio((g1, self.tau_g1[1].into_group()), (a, b)) {
            return Err(CeremonyError::Phase1("τ^i·G2 are not successive powers"));
        }
        if !same_ratio(
            (g1, self.beta_tau_g1[0].into_group()),
            (g2, self.beta_g2.into_group()),
        ) {
            return Err(CeremonyError::Phase1("β in G1 and G2 disagree"));
        }
        // Lagrange forms: Σρ_j·L_j(τ) = Σ σ_i·τ^i with σ = IFFT(ρ).
        let r = rho(rng, n);
        let s = d.ifft(&r);
        let pairs: [(&[G1Affine], &[G1Affine], &'static str); 3] = [
            (
                &self.lagrange_g1,
                &self.tau_g1[..n],
                "the Lagrange form L_j(τ)·G1 is not of these powers",
            ),
            (
                &self.alpha_lagrange_g1,
                &self.alpha_tau_g1,
                "the Lagrange form α·L_j(τ)·G1 is not of these powers",
            ),
            (
                &self.beta_lagrange_g1,
                &self.beta_tau_g1,
                "the Lagrange form β·L_j(τ)·G1 is not of these powers",
            ),
        ];
        for (lagrange, powers, refusal) in pairs {
            if msm1(lagrange, &r) != msm1(powers, &s) {
                return Err(CeremonyError::Phase1(refusal));
            }
        }
        if msm2(&self.lagrange_g2, &r) != msm2(&self.tau_g2, &s) {
            return Err(CeremonyError::Phase1(
                "the Lagrange form L_j(τ)·G2 is not of these powers",
            ));
        }
        Ok(())
    }

    /// Computes the Lagrange forms from the powers (an inverse FFT over the
    /// group), for transcripts that were not prepared for phase 2.
    pub(super) fn fill_lagrange(&mut self) -> Result<(), CeremonyError> {
        let n = self.tau_g2.len();
        let d = domain(n)?;
        let g1 = |v: &[G1Affine]| {
            let p: Vec<G1Projective> = v[..n].iter().map(|a| a.into_group()).collect();
            G1Projective::normalize_batch(&d.ifft(&p))
        };
        self.lagrange_g1 = g1(&self.tau_g1);
        self.alpha_lagrange_g1 = g1(&self.alpha_tau_g1);
        self.beta_lagrange_g1 = g1(&self.beta_tau_g1);
        let p: Vec<G2Projective> = self.tau_g2.iter().map(|a| a.into_group()).collect();
        self.lagrange_g2 = G2Projective::normalize_batch(&d.ifft(&p));
        Ok(())
    }

    /// Reads what an `n`-element domain needs from a snarkjs `.ptau` file
    /// (BN254). The Lagrange sections of a file prepared for phase 2 are
    /// used when present, otherwise computed. Call [`Phase1::check`] next.
    pub fn from_ptau<R: std::io::Read + std::io::Seek>(
        mut r: R,
        n: usize,
    ) -> Result<Phase1, CeremonyError> {
        Ptau::read(&mut r, n)
    }
    /// Phase 1 from known secrets, for tests (whoever holds `τ`, `α`, `β`
    /// can forge proofs).
    #[cfg(test)]
    pub(super) fn insecure_from_secrets(tau: Fr, alpha: Fr, beta: Fr, n: usize) -> Phase1 {
        let g1 = G1Projective::generator();
        let g2 = G2Projective::generator();
        let powers: Vec<Fr> = std::iter::successors(Some(Fr::one()), |p| Some(*p * tau))
            .take(2 * n - 1)
            .collect();
        let batch1 = |s: &mut dyn Iterator<Item = Fr>| {
            G1Projective::normalize_batch(&s.map(|x| g1 * x).collect::<Vec<_>>())
        };
        let mut p1 = Phase1 {
            tau_g1: batch1(&mut powers.iter().copied()),
            tau_g2: G2Projective::normalize_batch(
                &powers[..n].iter().map(|x| g2 * x).collect::<Vec<_>>(),
            ),
            alpha_tau_g1: batch1(&mut powers[..n].iter().map(|x| *x * alpha)),
            beta_tau_g1: batch1(&mut powers[..n].iter().map(|x| *x * beta)),
            beta_g2: (g2 * beta).into_affine(),
            lagrange_g1: vec![],
            lagrange_g2: vec![],
            alpha_lagrange_g1: vec![],
            beta_lagrange_g1: vec![],
        };
        // n is a power of two by contract.
        let _ = p1.fill_lagrange();
        p1
    }
}

/// The snarkjs `.ptau` reader: `ptau`, version, section count, then
/// sections `(u32 type, u64 size, bytes)`. Points are affine, coordinates
/// little-endian in Montgomery form, the point at infinity all zeros.
pub(super) struct Ptau;

/// A seekable reader, taken as a trait object so the reader is compiled here.
pub(super) trait ReadSeek: std::io::Read + std::io::Seek {}
impl<T: std::io::Read + std::io::Seek> ReadSeek for T {}

/// A `.ptau` file's sections: type → (offset, size).
pub(super) type Sections = std::collections::BTreeMap<u32, (u64, u64)>;

pub(super) fn ptau_bad(m: &str) -> CeremonyError {
    CeremonyError::Ptau(m.to_string())
}

pub(super) fn ptau_io(_: std::io::Error) -> CeremonyError {
    ptau_bad("the file is truncated or unreadable")
}

/// Reads `count` points of `size` bytes from section `kind`, skipping
/// `skip` of them. The caller has checked the section is long enough.
pub(super) fn read_points(
    r: &mut dyn ReadSeek,
    sections: &Sections,
    kind: u32,
    skip: u64,
    count: usize,
    size: usize,
) -> Result<Vec<u8>, CeremonyError> {
    let (p, _) = sections[&kind];
    r.seek(std::io::SeekFrom::Start(p + skip * size as u64))
        .map_err(ptau_io)?;
    let mut buf = vec![0u8; count * size];
    r.read_exact(&mut buf).map_err(ptau_io)?;
    Ok(buf)
}

pub(super) fn available(
    sections: &Sections,
    kind: u32,
    points: u64,
    size: u64,
) -> Result<(), CeremonyError> {
    match sections.get(&kind) {
        Some(&(_, s)) if s >= points * size => Ok(()),
        _ => Err(ptau_bad("a section is missing or too short")),
    }
}

pub(super) fn g1s(b: Vec<u8>) -> Result<Vec<G1Affine>, CeremonyError> {
    b.chunks(64).map(g1_from_ptau).collect()
}

pub(super) fn g2s(b: Vec<u8>) -> Result<Vec<G2Affine>, CeremonyError> {
    b.chunks(128).map(g2_from_ptau).collect()
}

impl Ptau {
    pub(super) fn read(r: &mut dyn ReadSeek, n: usize) -> Result<Phase1, CeremonyError> {
        let (powers, sections) = Ptau::read_powers(r, n)?;
        let mut p1 = Phase1 {
            tau_g1: powers.tau_g1,
            tau_g2: powers.tau_g2,
            alpha_tau_g1: powers.alpha_tau_g1,
            beta_tau_g1: powers.beta_tau_g1,
            beta_g2: powers.beta_g2,
            lagrange_g1: vec![],
            lagrange_g2: vec![],
            alpha_lagrange_g1: vec![],
            beta_lagrange_g1: vec![],
        };
        // Prepared files hold, per section, the Lagrange forms for every
        // domain 2^0 … 2^power one after the other: ours starts at n − 1.
        let prepared = [12u32, 13, 14, 15].iter().all(|k| sections.contains_key(k));
        if prepared {
            let skip = n as u64 - 1;
            for (k, size) in [(12, 64), (13, 128), (14, 64), (15, 64)] {
                available(&sections, k, skip + n as u64, size)?;
            }
            p1.lagrange_g1 = g1s(read_points(r, &sections, 12, skip, n, 64)?)?;
            p1.lagrange_g2 = g2s(read_points(r, &sections, 13, skip, n, 128)?)?;
            p1.alpha_lagrange_g1 = g1s(read_points(r, &sections, 14, skip, n, 64)?)?;
            p1.beta_lagrange_g1 = g1s(read_points(r, &sections, 15, skip, n, 64)?)?;
        } else {
            p1.fill_lagrange()?;
        }
        Ok(p1)
    }

    /// The powers an `n`-element domain needs, and the file's sections.
    pub(super) fn read_powers(
        r: &mut dyn ReadSeek,
        n: usize,
    ) -> Result<(Powers, Sections), CeremonyError> {
        use std::io::SeekFrom;
        let mut head = [0u8; 12];
        r.read_exact(&mut head).map_err(ptau_io)?;
        if &head[..4] != b"ptau" {
            return Err(ptau_bad("it does not start with \"ptau\""));
        }
        let version = u32::from_le_bytes(head[4..8].try_into().unwrap_or_default());
        if version != 1 {
            return Err(ptau_bad("only version 1 is known"));
        }
        let count = u32::from_le_bytes(head[8..12].try_into().unwrap_or_default());
        if count > 64 {
            return Err(ptau_bad("too many sections"));
        }
        let mut sections = Sections::new();
        let mut pos = 12u64;
        for _ in 0..count {
            let mut h = [0u8; 12];
            r.read_exact(&mut h).map_err(ptau_io)?;
            let kind = u32::from_le_bytes(h[..4].try_into().unwrap_or_default());
            let size = u64::from_le_bytes(h[4..].try_into().unwrap_or_default());
            pos += 12;
            if sections.insert(kind, (pos, size)).is_some() {
                return Err(ptau_bad("a section appears twice"));
            }
            pos = pos
                .checked_add(size)
                .ok_or_else(|| ptau_bad("a section size overflows"))?;
            r.seek(SeekFrom::Start(pos)).map_err(ptau_io)?;
        }
        let end = r.seek(SeekFrom::End(0)).map_err(ptau_io)?;
        if pos > end {
            return Err(ptau_bad("the file is shorter than its sections"));
        }
        // Header: n8, q, power, ceremony power.
        let &(hpos, hsize) = sections
            .get(&1)
            .ok_or_else(|| ptau_bad("no header section"))?;
        if hsize != 4 + 32 + 8 {
            return Err(ptau_bad("the header is not BN254's (32-byte field)"));
        }
        r.seek(SeekFrom::Start(hpos)).map_err(ptau_io)?;
        let mut h = [0u8; 44];
        r.read_exact(&mut h).map_err(ptau_io)?;
        let q = Fq::MODULUS.to_bytes_le();
        if h[..4] != 32u32.to_le_bytes() || h[4..36] != q[..] {
            return Err(ptau_bad("the curve is not BN254 (bn128)"));
        }
        let power = u32::from_le_bytes(h[36..40].try_into().unwrap_or_default());
        let need = n.trailing_zeros();
        if !n.is_power_of_two() || need > MAX_DOMAIN_LOG2 {
            return Err(ptau_bad("the circuit's domain is out of range"));
        }
        if power < need {
            return Err(CeremonyError::PtauTooSmall { have: power, need });
        }
        if power > 28 {
            return Err(ptau_bad("its power is above BN254's 2^28 limit"));
        }
        let big = 1u64 << power;
        available(&sections, 2, 2 * big - 1, 64)?;
        available(&sections, 3, big, 128)?;
        available(&sections, 4, big, 64)?;
        available(&sections, 5, big, 64)?;
        available(&sections, 6, 1, 128)?;
        let powers = Powers {
            tau_g1: g1s(read_points(r, &sections, 2, 0, 2 * n - 1, 64)?)?,
            tau_g2: g2s(read_points(r, &sections, 3, 0, n, 128)?)?,
            alpha_tau_g1: g1s(read_points(r, &sections, 4, 0, n, 64)?)?,
            beta_tau_g1: g1s(read_points(r, &sections, 5, 0, n, 64)?)?,
            beta_g2: g2s(read_points(r, &sections, 6, 0, 1, 128)?)?[0],
        };
        Ok((powers, sections))
    }
}

pub(super) fn fq_from_ptau(b: &[u8]) -> Result<Fq, CeremonyError> {
    let mut limbs = [0u64; 4];
    for (l, c) in limbs.iter_mut().zip(b.chunks(8)) {
        *l = u64::from_le_bytes(c.try_into().unwrap_or_default());
    }
    let mont = BigInt::new(limbs);
    if mont >= Fq::MODULUS {
        return Err(CeremonyError::Ptau(
            "a coordinate is not below the modulus".into(),
        ));
    }
    Ok(Fq::new_unchecked(mont))
}

pub(super) fn g1_from_ptau(b: &[u8]) -> Result<G1Affine, CeremonyError> {
    let (x, y) = (fq_from_ptau(&b[..32])?, fq_from_ptau(&b[32..64])?);
    let p = G1Affine::new_unchecked(x, y);
    if p.is_zero() || !p.is_on_curve() || !p.is_in_correct_subgroup_assuming_on_curve() {
        return Err(CeremonyError::Ptau("a G1 point is invalid or zero".into()));
    }
    Ok(p)
}

pub(super) fn g2_from_ptau(b: &[u8]) -> Result<G2Affine, CeremonyError> {
    let x = Fq2::new(fq_from_ptau(&b[..32])?, fq_from_ptau(&b[32..64])?);
    let y = Fq2::new(fq_from_ptau(&b[64..96])?, fq_from_ptau(&b[96..128])?);
    let p = G2Affine::new_unchecked(x, y);
    if p.is_zero() || !p.is_on_curve() || !p.is_in_correct_subgroup_assuming_on_curve() {
        return Err(CeremonyError::Ptau("a G2 point is invalid or zero".into()));
    }
    Ok(p)
}

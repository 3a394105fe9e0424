//! The prover's multi-scalar multiplications, with buckets added in
//! affine coordinates a batch at a time.
//!
//! A Groth16 proof is five sums `Σ sᵢ·Pᵢ` over the proving key's points,
//! and most of a proof's time goes into them. Scalars that fit in 64 bits
//! (or whose negation does: the witness has many bits and ±1) go to
//! arkworks' own multi-scalar multiplication, which groups them by size.
//! The full-size ones, most of them, go to a windowed (Pippenger) sum with
//! signed digits, where each window adds its points into its buckets in
//! batches: every addition of a batch needs one field inversion, and the
//! batch shares one ([`ark_ff::serial_batch_inversion_and_mul`]), so a
//! point costs about six field multiplications against ten for arkworks'
//! extended Jacobian buckets. An addition that would have to wait for
//! another in the same batch (two points for one bucket) waits for the
//! next batch; if its bucket is busy again, it is added at once in
//! arkworks' extended coordinates. Windows run in parallel natively.
//!
//! The result is the same group element as arkworks' `msm_unchecked`; the
//! tests below check it on random, small, repeated, opposite and identity
//! points in G1 and G2. Like arkworks', these sums take a time that depends
//! on the scalars; they run on the source's own machine. The digits, which
//! come from the witness, are zeroized when dropped.

use ark_ec::short_weierstrass::{Affine, Bucket, Projective, SWCurveConfig};
use ark_ec::{AdditiveGroup, AffineRepr, CurveConfig, VariableBaseMSM};
use ark_ff::{serial_batch_inversion_and_mul, BigInteger, Field, One, PrimeField, Zero};
use zeroize::{Zeroize, Zeroizing};

type BigInt<P> = <<P as CurveConfig>::ScalarField as PrimeField>::BigInt;

/// Below this many full-size scalars, arkworks' sum is as fast.
const MIN_BATCHED: usize = 64;

/// `Σ scalars[i]·bases[i]`, over the shorter of the two slices.
pub fn msm<P: SWCurveConfig>(bases: &[Affine<P>], scalars: &[P::ScalarField]) -> Projective<P> {
    let mut small_bases = Vec::new();
    let mut small = Zeroizing::new(Vec::new());
    let mut big_bases = Vec::new();
    let mut big = Zeroizing::new(Vec::new());
    for (base, scalar) in bases.iter().zip(scalars) {
        if base.is_zero() || scalar.is_zero() {
            continue;
        }
        let mut value = scalar.into_bigint();
        let mut negated = P::ScalarField::MODULUS;
        negated.sub_with_borrow(&value);
        if value.num_bits() <= 64 || negated.num_bits() <= 64 {
            small_bases.push(*base);
            small.push(value);
        } else {
            big_bases.push(*base);
            big.push(value);
        }
        value.zeroize();
        negated.zeroize();
    }
    if big.len() < MIN_BATCHED {
        small_bases.append(&mut big_bases);
        small.append(&mut big);
    }
    let mut total = Projective::<P>::zero();
    if !small.is_empty() {
        total += Projective::<P>::msm_bigint(&small_bases, &small);
    }
    total + windowed(&big_bases, &big)
}

/// How many bits a window takes for `n` points: the fewest field
/// multiplications, counting about 8 for a point added into a bucket (with
/// its share of the inversion and of the additions that collide) and 24
/// for each bucket when a window's buckets are summed. Measured on BN254:
/// 10 bits for 8,192 points, 9 for 4,096.
fn window_bits(n: usize, scalar_bits: usize) -> usize {
    (4..=16)
        .min_by_key(|&c| (scalar_bits + 1).div_ceil(c) * (8 * n + 24 * (1 << (c - 1))))
        .expect("a range of window sizes")
}

/// The scalars' signed digits, window by window: digit `i` of window `w`
/// is at `w·n + i`, in `(-2^(c-1), 2^(c-1)]`, and `Σ_w digit·2^(c·w)` is
/// the scalar.
fn signed_digits<B: BigInteger>(scalars: &[B], c: usize, windows: usize) -> Zeroizing<Vec<i32>> {
    let n = scalars.len();
    let mut digits = Zeroizing::new(vec![0i32; n * windows]);
    let half = 1i64 << (c - 1);
    for (i, scalar) in scalars.iter().enumerate() {
        let limbs = scalar.as_ref();
        let mut carry = 0i64;
        for w in 0..windows {
            let at = w * c;
            let (limb, shift) = (at / 64, at % 64);
            let mut bits = limbs.get(limb).map_or(0, |l| l >> shift);
            if shift + c > 64 {
                bits |= limbs.get(limb + 1).map_or(0, |l| l << (64 - shift));
            }
            let v = (bits & ((1u64 << c) - 1)) as i64 + carry;
            (digits[w * n + i], carry) = if v > half {
                ((v - (1 << c)) as i32, 1)
            } else {
                (v as i32, 0)
            };
        }
        debug_assert_eq!(carry, 0, "the top window has room for the last carry");
    }
    digits
}

/// The windowed sum over full-size scalars.
fn windowed<P: SWCurveConfig>(bases: &[Affine<P>], scalars: &[BigInt<P>]) -> Projective<P> {
    let n = bases.len().min(scalars.len());
    if n == 0 {
        return Projective::zero();
    }
    let bits = P::ScalarField::MODULUS_BIT_SIZE as usize;
    let c = window_bits(n, bits);
    // One bit more than the scalars have, for the last window's carry.
    let windows = (bits + 1).div_ceil(c);
    let digits = signed_digits(&scalars[..n], c, windows);
    let window = |w: usize| Buckets::new(c).sum(&bases[..n], &digits[w * n..(w + 1) * n]);
    #[cfg(feature = "parallel")]
    let sums: Vec<Projective<P>> = {
        use rayon::prelude::*;
        (0..windows).into_par_iter().map(window).collect()
    };
    #[cfg(not(feature = "parallel"))]
    let sums: Vec<Projective<P>> = (0..windows).map(window).collect();
    let mut total = Projective::<P>::zero();
    for sum in sums.iter().rev() {
        for _ in 0..c {
            total.double_in_place();
        }
        total += sum;
    }
    total
}

/// One window's buckets: bucket `b` sums the points whose digit is `±(b+1)`.
struct Buckets<P: SWCurveConfig> {
    buckets: Vec<Affine<P>>,
    /// Whether a bucket has an addition in the batch under way.
    busy: Vec<bool>,
    /// The batch: a bucket and the point to add to it.
    batch: Vec<(usize, Affine<P>)>,
    /// Additions that found their bucket busy, for the next batch.
    waiting: Vec<(usize, Affine<P>)>,
    /// Additions that found their bucket busy twice, done at once in
    /// extended coordinates: what keeps a window whose digits fall in a
    /// few buckets (the top one; repeated scalars) from waiting forever.
    extra: Vec<Bucket<P>>,
    /// The batch's denominators, then their inverses.
    inverses: Vec<P::BaseField>,
    batch_size: usize,
}

impl<P: SWCurveConfig> Buckets<P> {
    fn new(c: usize) -> Self {
        let count = 1usize << (c - 1);
        let batch_size = (count / 2).clamp(16, 1024);
        Buckets {
            buckets: vec![Affine::identity(); count],
            busy: vec![false; count],
            batch: Vec::with_capacity(batch_size),
            waiting: Vec::new(),
            extra: vec![Bucket::ZERO; count],
            inverses: Vec::with_capacity(batch_size),
            batch_size,
        }
    }

    /// `Σ digit·base` for one window.
    fn sum(mut self, bases: &[Affine<P>], digits: &[i32]) -> Projective<P> {
        for (base, &digit) in bases.iter().zip(digits) {
            if digit == 0 {
                continue;
            }
            let point = if digit > 0 { *base } else { -*base };
            self.add(digit.unsigned_abs() as usize - 1, point, false);
            if self.batch.len() == self.batch_size || self.waiting.len() == self.batch_size {
                self.flush();
            }
        }
        while !self.batch.is_empty() || !self.waiting.is_empty() {
            self.flush();
        }
        // Σ (b+1)·bucket[b], as running sums from the top bucket down.
        let mut running = Bucket::<P>::ZERO;
        let mut total = Bucket::<P>::ZERO;
        for (bucket, extra) in self.buckets.iter().zip(&self.extra).rev() {
            running += bucket;
            running += extra;
            total += &running;
        }
        total.into()
    }

    /// Schedules `bucket += point`: at once if the bucket is empty, in the
    /// batch if it has no addition there yet, else after the batch (or,
    /// for an addition that already waited, into the bucket's extra sum).
    fn add(&mut self, bucket: usize, point: Affine<P>, waited: bool) {
        if self.busy[bucket] {
            if waited {
                self.extra[bucket] += &point;
            } else {
                self.waiting.push((bucket, point));
            }
        } else if self.buckets[bucket].is_zero() {
            self.buckets[bucket] = point;
        } else {
            self.busy[bucket] = true;
            self.batch.push((bucket, point));
        }
    }

    /// Carries out the batch's additions, then schedules the additions
    /// that were waiting.
    fn flush(&mut self) {
        self.apply();
        for (bucket, point) in std::mem::take(&mut self.waiting) {
            self.add(bucket, point, true);
            if self.batch.len() == self.batch_size {
                self.apply();
            }
        }
    }

    /// Carries out the batch's additions with one shared inversion.
    fn apply(&mut self) {
        self.inverses.clear();
        for &(b, q) in &self.batch {
            let p = &self.buckets[b];
            self.inverses.push(if p.x != q.x {
                q.x - p.x
            } else if p.y == q.y && !p.y.is_zero() {
                p.y.double()
            } else {
                // p = -q: the sum is the identity and needs no inverse.
                P::BaseField::one()
            });
        }
        serial_batch_inversion_and_mul(&mut self.inverses, &P::BaseField::one());
        for (&(b, q), inverse) in self.batch.iter().zip(&self.inverses) {
            let p = self.buckets[b];
            self.busy[b] = false;
            let slope = if p.x != q.x {
                (q.y - p.y) * inverse
            } else if p.y == q.y && !p.y.is_zero() {
                let x2 = p.x.square();
                (x2.double() + x2 + P::COEFF_A) * inverse
            } else {
                self.buckets[b] = Affine::identity();
                continue;
            };
            let x = slope.square() - p.x - q.x;
            let y = slope * (p.x - x) - p.y;
            self.buckets[b] = Affine::new_unchecked(x, y);
        }
        self.batch.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ark_bn254::{Fr, G1Affine, G1Projective, G2Affine, G2Projective};
    use ark_ec::{CurveGroup, PrimeGroup};
    use ark_ff::UniformRand;
    use ark_std::rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha20Rng;

    fn points<G: CurveGroup>(rng: &mut ChaCha20Rng, n: usize, distinct: usize) -> Vec<G::Affine> {
        let pool: Vec<G> = (0..distinct.max(1)).map(|_| G::rand(rng)).collect();
        let all: Vec<G> = (0..n).map(|i| pool[i % pool.len()]).collect();
        G::normalize_batch(&all)
    }

    /// Scalars of every kind a witness has: zero, ±1, small, 64-bit,
    /// the top of the field and random full-size ones.
    fn scalars(rng: &mut ChaCha20Rng, n: usize) -> Vec<Fr> {
        (0..n)
            .map(|i| match i % 11 {
                0 => Fr::zero(),
                1 => Fr::one(),
                2 => -Fr::one(),
                3 => Fr::from(rng.gen::<u16>()),
                4 => -Fr::from(rng.gen::<u64>()),
                5 => -Fr::from(2u64),
                _ => Fr::rand(rng),
            })
            .collect()
    }

    fn agrees_with_arkworks(n: usize, distinct: usize, seed: u64) {
        let rng = &mut ChaCha20Rng::seed_from_u64(seed);
        let g1 = points::<G1Projective>(rng, n, distinct);
        let g2 = points::<G2Projective>(rng, n, distinct);
        let s = scalars(rng, n);
        assert_eq!(
            msm(&g1, &s),
            G1Projective::msm_unchecked(&g1, &s),
            "G1, n = {n}"
        );
        assert_eq!(
            msm(&g2, &s),
            G2Projective::msm_unchecked(&g2, &s),
            "G2, n = {n}"
        );
    }

    #[test]
    fn sums_agree_with_arkworks_on_random_points() {
        for (n, seed) in [
            (0, 1),
            (1, 2),
            (63, 3),
            (64, 4),
            (200, 5),
            (1500, 6),
            (5000, 7),
        ] {
            agrees_with_arkworks(n, n, seed);
        }
    }

    #[test]
    fn repeated_points_double_in_their_bucket() {
        // One point, or three, repeated: most batch additions are then a
        // point added to itself or to its negation.
        agrees_with_arkworks(700, 1, 8);
        agrees_with_arkworks(700, 3, 9);
    }

    #[test]
    fn a_point_and_its_negation_cancel() {
        let rng = &mut ChaCha20Rng::seed_from_u64(10);
        let p = G1Projective::rand(rng).into_affine();
        let s: Vec<Fr> = (0..300).map(|_| Fr::rand(rng)).collect();
        // s·P + s·(-P) for every s, interleaved with the identity.
        let mut bases = Vec::new();
        let mut scalars = Vec::new();
        for x in &s {
            bases.extend([p, -p, G1Affine::identity()]);
            scalars.extend([*x, *x, Fr::rand(rng)]);
        }
        assert!(msm(&bases, &scalars).is_zero());
        // And g·Σ i·sᵢ for bases g, 2g, 3g, … through the generator.
        let g: Vec<G2Projective> = (1..=300u64)
            .map(|i| G2Projective::generator() * Fr::from(i))
            .collect();
        let g = G2Projective::normalize_batch(&g);
        let total: Fr = s.iter().zip(1u64..).map(|(x, i)| *x * Fr::from(i)).sum();
        let g: &[G2Affine] = &g;
        assert_eq!(msm(g, &s), G2Projective::generator() * total);
    }

    #[test]
    fn digits_give_back_the_scalar() {
        let rng = &mut ChaCha20Rng::seed_from_u64(11);
        let mut s: Vec<Fr> = (0..50).map(|_| Fr::rand(rng)).collect();
        s.extend([-Fr::one(), Fr::zero(), Fr::one()]);
        let big: Vec<_> = s.iter().map(|x| x.into_bigint()).collect();
        for c in 4..=16 {
            let windows = 255usize.div_ceil(c);
            let digits = signed_digits(&big, c, windows);
            for (i, x) in s.iter().enumerate() {
                let mut back = Fr::zero();
                for w in (0..windows).rev() {
                    back *= Fr::from(1u64 << c);
                    let d = digits[w * s.len() + i];
                    assert!(d > -(1 << (c - 1)) && d <= 1 << (c - 1));
                    back += Fr::from(d.unsigned_abs() as u64)
                        * if d < 0 { -Fr::one() } else { Fr::one() };
                }
                assert_eq!(back, *x, "c = {c}");
            }
        }
    }

    #[test]
    fn window_sizes_grow_with_the_points() {
        assert!(window_bits(100, 254) < window_bits(8000, 254));
        assert!((4..=16).contains(&window_bits(1, 254)));
        assert!((4..=16).contains(&window_bits(1 << 24, 254)));
    }
}

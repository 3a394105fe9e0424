//! Phase 2's start: the circuit's initial key (`δ = 1`) from phase 1 and
//! the constraint matrices, and the check that a key is it.

use ark_bn254::{Bn254, Fr, G1Affine, G1Projective, G2Affine, G2Projective};
use ark_ec::{AffineRepr, CurveGroup};
use ark_ff::{One, Zero};
use ark_groth16::{ProvingKey, VerifyingKey};
use ark_poly::{EvaluationDomain, GeneralEvaluationDomain};
use ark_relations::gr1cs::{
    ConstraintSynthesizer, ConstraintSystem, OptimizationGoal, SynthesisMode, R1CS_PREDICATE_LABEL,
};
use ark_std::rand::RngCore;

use super::*;

/// The evaluation domain size a circuit needs, as arkworks' prover uses it.
pub fn domain_size_for<C: ConstraintSynthesizer<Fr>>(circuit: C) -> Result<usize, CeremonyError> {
    let r = synthesize(circuit)?;
    domain_len(&r)
}

pub(super) struct Synthesized {
    matrices: Vec<Vec<Vec<(Fr, usize)>>>,
    instance: usize,
    witness: usize,
    constraints: usize,
}

pub(super) fn synthesize<C: ConstraintSynthesizer<Fr>>(
    circuit: C,
) -> Result<Synthesized, CeremonyError> {
    let cs = ConstraintSystem::new_ref();
    cs.set_optimization_goal(OptimizationGoal::Constraints);
    cs.set_mode(SynthesisMode::Setup);
    circuit
        .generate_constraints(cs.clone())
        .map_err(|_| CeremonyError::Synthesis)?;
    cs.finalize();
    let matrices = cs
        .to_matrices()
        .ok()
        .and_then(|mut m| m.remove(R1CS_PREDICATE_LABEL))
        .ok_or(CeremonyError::Synthesis)?;
    Ok(Synthesized {
        matrices,
        instance: cs.num_instance_variables(),
        witness: cs.num_witness_variables(),
        constraints: cs.num_constraints(),
    })
}

pub(super) fn domain_len(s: &Synthesized) -> Result<usize, CeremonyError> {
    GeneralEvaluationDomain::<Fr>::new(s.constraints + s.instance)
        .map(|d| d.size())
        .ok_or(CeremonyError::Synthesis)
}

/// `Σ coeff·bases[row]` over one column of a matrix. Columns are short,
/// so each term is one scalar multiplication (±1 are additions); a
/// multi-scalar multiplication per column costs more than it saves.
pub(super) fn column<G: CurveGroup<ScalarField = Fr>>(
    bases: &[G::Affine],
    col: &[(usize, Fr)],
) -> G {
    let mut acc = G::zero();
    for &(row, coeff) in col {
        if coeff.is_one() {
            acc += bases[row];
        } else if (-coeff).is_one() {
            acc -= bases[row];
        } else {
            acc += bases[row] * coeff;
        }
    }
    acc
}

/// `f` over every item, across cores in native builds.
pub(super) fn map_all<T: Sync, U: Send>(items: &[T], f: impl Fn(&T) -> U + Sync + Send) -> Vec<U> {
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        items.par_iter().map(f).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        items.iter().map(f).collect()
    }
}

/// The proving key with `δ = 1`, from phase 1 and the circuit's matrices,
/// exactly as arkworks' generator lays it out (libsnark's reduction: each
/// public input `i` also enters `A` at row `constraints + i`; `γ = 1`).
pub fn initial<C: ConstraintSynthesizer<Fr>>(
    phase1: &Phase1,
    circuit: C,
) -> Result<ProvingKey<Bn254>, CeremonyError> {
    initial_from(phase1, &synthesize(circuit)?)
}

// Not generic, so that it is compiled (optimised) in this crate rather
// than in each caller: the same holds for every heavy function below.
pub(super) fn initial_from(
    phase1: &Phase1,
    s: &Synthesized,
) -> Result<ProvingKey<Bn254>, CeremonyError> {
    let n = domain_len(s)?;
    if phase1.domain_size() != n {
        return Err(CeremonyError::OtherCircuit);
    }
    let vars = s.instance + s.witness;
    let mut cols = vec![vec![Vec::new(); vars]; 3];
    for (m, matrix) in s.matrices.iter().enumerate().take(3) {
        for (row, terms) in matrix.iter().enumerate() {
            for &(coeff, var) in terms {
                cols[m][var].push((row, coeff));
            }
        }
    }
    for (i, col) in cols[0].iter_mut().enumerate().take(s.instance) {
        col.push((s.constraints + i, Fr::one()));
    }
    let (a, b, c) = (&cols[0], &cols[1], &cols[2]);
    let a_query: Vec<G1Projective> = map_all(a, |col| column(&phase1.lagrange_g1, col));
    let b_g1: Vec<G1Projective> = map_all(b, |col| column(&phase1.lagrange_g1, col));
    let b_g2: Vec<G2Projective> = map_all(b, |col| column(&phase1.lagrange_g2, col));
    let index: Vec<usize> = (0..vars).collect();
    let abc: Vec<G1Projective> = map_all(&index, |&i| {
        column::<G1Projective>(&phase1.beta_lagrange_g1, &a[i])
            + column::<G1Projective>(&phase1.alpha_lagrange_g1, &b[i])
            + column::<G1Projective>(&phase1.lagrange_g1, &c[i])
    });
    let h: Vec<G1Projective> = (0..n - 1)
        .map(|i| phase1.tau_g1[i + n].into_group() - phase1.tau_g1[i])
        .collect();
    let abc = G1Projective::normalize_batch(&abc);
    let vk = VerifyingKey::<Bn254> {
        alpha_g1: phase1.alpha_tau_g1[0],
        beta_g2: phase1.beta_g2,
        gamma_g2: G2Affine::generator(),
        delta_g2: G2Affine::generator(),
        gamma_abc_g1: abc[..s.instance].to_vec(),
    };
    Ok(ProvingKey {
        vk,
        beta_g1: phase1.beta_tau_g1[0],
        delta_g1: G1Affine::generator(),
        a_query: G1Projective::normalize_batch(&a_query),
        b_g1_query: G1Projective::normalize_batch(&b_g1),
        b_g2_query: G2Projective::normalize_batch(&b_g2),
        h_query: G1Projective::normalize_batch(&h),
        l_query: abc[s.instance..].to_vec(),
    })
}

/// Whether `pk` is [`initial`]'s key for this phase 1 and circuit, checked
/// without recomputing it: for random `ρ`, `Σρ_i·Q_i` must equal the
/// Lagrange bases weighted by `Σρ_i·M[j][i]` for each query `Q` and its
/// matrix `M` (a forgery passes with probability about 2^-128).
pub(super) fn is_initial(
    phase1: &Phase1,
    s: &Synthesized,
    pk: &ProvingKey<Bn254>,
    rng: &mut dyn RngCore,
) -> Result<bool, CeremonyError> {
    let n = domain_len(s)?;
    let vars = s.instance + s.witness;
    if phase1.domain_size() != n
        || pk.a_query.len() != vars
        || pk.b_g1_query.len() != vars
        || pk.b_g2_query.len() != vars
        || pk.vk.gamma_abc_g1.len() != s.instance
        || pk.l_query.len() != s.witness
        || pk.h_query.len() != n - 1
    {
        return Ok(false);
    }
    let g1 = G1Affine::generator();
    let g2 = G2Affine::generator();
    if pk.vk.alpha_g1 != phase1.alpha_tau_g1[0]
        || pk.beta_g1 != phase1.beta_tau_g1[0]
        || pk.vk.beta_g2 != phase1.beta_g2
        || pk.vk.gamma_g2 != g2
        || pk.vk.delta_g2 != g2
        || pk.delta_g1 != g1
    {
        return Ok(false);
    }
    let h_ok = (0..n - 1).all(|i| {
        pk.h_query[i].into_group() == phase1.tau_g1[i + n].into_group() - phase1.tau_g1[i]
    });
    if !h_ok {
        return Ok(false);
    }
    let r = rho(rng, vars);
    // w[m][j] = Σ_i ρ_i·M_m[j][i], with the public-input rows of A.
    let mut w = vec![vec![Fr::zero(); n]; 3];
    for (m, matrix) in s.matrices.iter().enumerate().take(3) {
        for (row, terms) in matrix.iter().enumerate() {
            w[m][row] = terms.iter().map(|&(coeff, var)| coeff * r[var]).sum();
        }
    }
    for (i, ri) in r.iter().enumerate().take(s.instance) {
        w[0][s.constraints + i] += ri;
    }
    let abc: Vec<G1Affine> = pk
        .vk
        .gamma_abc_g1
        .iter()
        .chain(&pk.l_query)
        .copied()
        .collect();
    Ok(msm1(&pk.a_query, &r) == msm1(&phase1.lagrange_g1, &w[0])
        && msm1(&pk.b_g1_query, &r) == msm1(&phase1.lagrange_g1, &w[1])
        && msm2(&pk.b_g2_query, &r) == msm2(&phase1.lagrange_g2, &w[1])
        && msm1(&abc, &r)
            == msm1(&phase1.beta_lagrange_g1, &w[0])
                + msm1(&phase1.alpha_lagrange_g1, &w[1])
                + msm1(&phase1.lagrange_g1, &w[2]))
}

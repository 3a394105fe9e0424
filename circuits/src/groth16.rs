//! Groth16 keys, proofs and verification for both versions of the
//! statement; a key file names its version.
//!
//! Key files start with a short text header and a blank line, then the
//! arkworks serialisation of the key:
//!
//! ```text
//! darkroom-groth16 v1
//! kind: verifying-key            (or proving-key)
//! statement: darkroom-provenance-v1   (or -v2)
//! circuit: <64 hex digits>
//! setup: development             (or: ceremony <64 hex digits>)
//!
//! <key bytes>
//! ```
//!
//! The `setup` line says where the keys came from: `darkroom setup --dev`
//! (one machine knew the trapdoor; files without the line count as this),
//! or a ceremony, named by the hash of its last contribution (see
//! [`crate::ceremony`]). It is a label for operators, not a proof: anyone
//! can edit it, and `darkroom ceremony verify --keys` checks keys against
//! their transcript.
//!
//! The circuit id is `SHA-256("darkroom-circuit-id v1\n" ‖ vk)` over the
//! compressed verifying key, so it names the exact keys a proof needs. The
//! verifying key is compressed and fully validated on reading; the proving
//! key is stored uncompressed and read without subgroup checks (it is
//! large, and a corrupt one can only make proofs that fail verification,
//! which [`prove`] checks before it returns).
//!
//! A proving key file written by this version also carries the statement's
//! constraint matrices after the key ([`Matrices`]), so that a proof only
//! computes its witness and the multi-scalar multiplications
//! ([`Prover`]); a file without them (written before) still works, and the
//! matrices are then rebuilt. Like the rest of the proving key they are
//! not covered by the circuit id: wrong matrices make a proof that fails
//! the check [`Prover::prove`] makes before it returns.

use std::io::{BufRead, Cursor, Read, Write};

use ark_bn254::{Bn254, Fr};
use ark_groth16::{Groth16, PreparedVerifyingKey, Proof, ProvingKey, VerifyingKey};
use ark_relations::gr1cs::{
    ConstraintSynthesizer, ConstraintSystem, Matrix, OptimizationGoal, SynthesisMode,
    R1CS_PREDICATE_LABEL,
};
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize, Compress, Validate};
use ark_snark::SNARK;
use ark_std::rand::{CryptoRng, RngCore};
use sha2::{Digest, Sha256};

use crate::statement::{ProvenanceCircuit, PublicInputs, Version, Witness, NUM_PUBLIC};

/// A compressed proof's length.
pub const PROOF_LEN: usize = 128;

const MAGIC: &str = "darkroom-groth16 v1";

/// Errors from keys and proofs.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum KeyError {
    /// Reading or writing failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// The header is missing or wrong.
    #[error("not a darkroom {0} file (bad header)")]
    Header(&'static str),
    /// The key is for a statement this version does not know.
    #[error("the key is for statement {0:?}, which this version of darkroom does not know")]
    Statement(String),
    /// The header's circuit id does not match the key.
    #[error("the key does not match the circuit id in its header")]
    CircuitId,
    /// The key bytes are not a valid key.
    #[error("the {0} is corrupt")]
    Corrupt(&'static str),
    /// Proving failed: the witness does not satisfy the statement.
    #[error("the capture does not satisfy the statement")]
    Unsatisfied,
    /// A proof's bytes are not a valid proof.
    #[error("the proof is malformed")]
    MalformedProof,
    /// The proof does not verify against these keys and public inputs.
    #[error("the proof is invalid for these public inputs")]
    Invalid,
    /// A proving key whose proofs would not be blinded (δ in G1 zero or not
    /// a point of the group, or its verifying key's points invalid).
    #[error("the proving key's δ in G1 is zero or not a point of the group: proofs made with it would carry no blinding (they would show more of the capture than the statement), so it is refused")]
    Unblinded,
    /// Keys labelled as a ceremony's whose δ nobody contributed to.
    #[error("the keys say they come from a ceremony, but their δ is {0}: no contribution was applied, so whoever made them can forge proofs; use keys from `darkroom ceremony finalize`")]
    TrivialDelta(&'static str),
}

/// Where a pair of keys came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Setup {
    /// A single-party setup (`darkroom setup --dev`): whoever ran it can
    /// forge proofs.
    Development,
    /// A multi-party ceremony, named by its transcript's final hash.
    Ceremony([u8; 32]),
}

impl Setup {
    /// How key files, manifests and `config.json` name it:
    /// `development`, or `ceremony <final hash>`.
    pub fn line(&self) -> String {
        match self {
            Setup::Development => "development".into(),
            Setup::Ceremony(h) => format!("ceremony {}", hex::encode(h)),
        }
    }

    fn parse(v: Option<&str>) -> Option<Setup> {
        match v {
            None | Some("development") => Some(Setup::Development),
            Some(v) => {
                let mut h = [0u8; 32];
                hex::decode_to_slice(v.strip_prefix("ceremony ")?, &mut h).ok()?;
                Some(Setup::Ceremony(h))
            }
        }
    }

    /// Whether these are development keys.
    pub fn is_development(&self) -> bool {
        matches!(self, Setup::Development)
    }
}

impl std::fmt::Display for Setup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Setup::Development => f.write_str("development keys (single-party setup: INSECURE)"),
            Setup::Ceremony(h) => write!(f, "ceremony {}", hex::encode(h)),
        }
    }
}

/// Runs a single-party setup for a version of the statement. Whoever runs
/// it knows the trapdoor and can forge proofs: for development only.
pub fn setup_dev<R: RngCore + CryptoRng>(
    version: Version,
    rng: &mut R,
) -> Result<(ProvingKey<Bn254>, VerifyingKey<Bn254>), KeyError> {
    Groth16::<Bn254>::circuit_specific_setup(ProvenanceCircuit::shape(version), rng)
        .map_err(|_| KeyError::Corrupt("setup"))
}

/// The circuit id of a verifying key.
pub fn circuit_id(vk: &VerifyingKey<Bn254>) -> [u8; 32] {
    let mut bytes = Vec::new();
    // Serialising into a Vec cannot fail.
    let _ = vk.serialize_compressed(&mut bytes);
    let mut h = Sha256::new();
    h.update(b"darkroom-circuit-id v1\n");
    h.update(&bytes);
    h.finalize().into()
}

fn write_header<W: Write>(
    w: &mut W,
    kind: &str,
    id: &[u8; 32],
    version: Version,
    setup: Setup,
) -> std::io::Result<()> {
    write!(
        w,
        "{MAGIC}\nkind: {kind}\nstatement: {}\ncircuit: {}\nsetup: {}\n\n",
        version.id(),
        hex::encode(id),
        setup.line()
    )
}

/// Reads the header; returns the circuit id, version and setup it names.
fn read_header<R: BufRead>(
    r: &mut R,
    kind: &'static str,
) -> Result<([u8; 32], Version, Setup), KeyError> {
    let mut lines = Vec::new();
    loop {
        let mut line = String::new();
        let mut limited = r.take(200);
        limited.read_line(&mut line)?;
        if !line.ends_with('\n') {
            return Err(KeyError::Header(kind));
        }
        if line == "\n" {
            break;
        }
        lines.push(line.trim_end().to_string());
        if lines.len() > 8 {
            return Err(KeyError::Header(kind));
        }
    }
    let field = |name: &str| {
        lines
            .iter()
            .find_map(|l| l.strip_prefix(name).map(|v| v.trim().to_string()))
    };
    if lines.first().map(String::as_str) != Some(MAGIC)
        || field("kind:").as_deref() != Some(kind.replace(' ', "-").as_str())
    {
        return Err(KeyError::Header(kind));
    }
    let statement = field("statement:").ok_or(KeyError::Header(kind))?;
    let version = Version::from_id(&statement).ok_or(KeyError::Statement(statement))?;
    let mut id = [0u8; 32];
    field("circuit:")
        .and_then(|h| hex::decode_to_slice(h, &mut id).ok())
        .ok_or(KeyError::Header(kind))?;
    let setup = Setup::parse(field("setup:").as_deref()).ok_or(KeyError::Header(kind))?;
    Ok((id, version, setup))
}

/// Writes a verifying key file for a version of the statement.
pub fn write_verifying_key<W: Write>(
    vk: &VerifyingKey<Bn254>,
    version: Version,
    setup: Setup,
    mut w: W,
) -> Result<(), KeyError> {
    write_header(&mut w, "verifying-key", &circuit_id(vk), version, setup)?;
    vk.serialize_compressed(&mut w)
        .map_err(|_| KeyError::Corrupt("verifying key"))?;
    Ok(w.flush()?)
}

/// Reads and validates a verifying key file; returns it with its version
/// and setup.
pub fn read_verifying_key<R: BufRead>(
    mut r: R,
) -> Result<(VerifyingKey<Bn254>, Version, Setup), KeyError> {
    let (id, version, setup) = read_header(&mut r, "verifying key")?;
    let vk = VerifyingKey::<Bn254>::deserialize_with_mode(&mut r, Compress::Yes, Validate::Yes)
        .map_err(|_| KeyError::Corrupt("verifying key"))?;
    if vk.gamma_abc_g1.len() != NUM_PUBLIC + 1 {
        return Err(KeyError::Corrupt("verifying key"));
    }
    if circuit_id(&vk) != id {
        return Err(KeyError::CircuitId);
    }
    check_setup(&vk, setup)?;
    Ok((vk, version, setup))
}

/// Refuses keys labelled as a ceremony's whose δ is still γ or the
/// generator: the ceremony's initial key, or a single-party setup with
/// δ = γ, where knowing α alone forges proofs.
fn check_setup(vk: &VerifyingKey<Bn254>, setup: Setup) -> Result<(), KeyError> {
    use ark_ec::AffineRepr;
    if let Setup::Ceremony(_) = setup {
        if vk.delta_g2 == vk.gamma_g2 {
            return Err(KeyError::TrivialDelta("equal to γ"));
        }
        if vk.delta_g2 == ark_bn254::G2Affine::generator() {
            return Err(KeyError::TrivialDelta("the generator of G2"));
        }
    }
    Ok(())
}

/// Writes a proving key file for a version of the statement.
pub fn write_proving_key<W: Write>(
    pk: &ProvingKey<Bn254>,
    version: Version,
    setup: Setup,
    mut w: W,
) -> Result<(), KeyError> {
    write_header(&mut w, "proving-key", &circuit_id(&pk.vk), version, setup)?;
    pk.serialize_uncompressed(&mut w)
        .map_err(|_| KeyError::Corrupt("proving key"))?;
    Matrices::of(version)?.write(&mut w)?;
    Ok(w.flush()?)
}

/// Reads a proving key file; returns it with its version (the matrices
/// after it, if any, are left unread).
pub fn read_proving_key<R: BufRead>(mut r: R) -> Result<(ProvingKey<Bn254>, Version), KeyError> {
    let (pk, version, _) = read_key_as(&mut r, "proving key", Compress::No)?;
    Ok((pk, version))
}

/// A proving key's header (of `kind`) and the key, its points written
/// compressed or not, checked against the header's circuit id and setup.
fn read_key_as<R: BufRead>(
    r: &mut R,
    kind: &'static str,
    compress: Compress,
) -> Result<(ProvingKey<Bn254>, Version, Setup), KeyError> {
    let (id, version, setup) = read_header(r, kind)?;
    let pk = ProvingKey::<Bn254>::deserialize_with_mode(&mut *r, compress, Validate::No)
        .map_err(|_| KeyError::Corrupt("proving key"))?;
    if circuit_id(&pk.vk) != id {
        return Err(KeyError::CircuitId);
    }
    check_setup(&pk.vk, setup)?;
    check_blinding(&pk)?;
    Ok((pk, version, setup))
}

/// A proof's blinding: `A` gets `r·δ` with the proving key's δ in G1, `B`
/// gets `s·δ` with the verifying key's δ in G2. The circuit id covers only
/// the verifying key, so a server could send a proving key whose δ in G1
/// is zero (with β and the `B` queries in G1 zeroed as well): its proofs
/// still verify, but their `A` is the same for any `r`, a function of the
/// witness alone. With δ in G1 a point of the group other than zero, and
/// the verifying key's points valid, `A` and `B` of every proof are
/// uniform, and a proof that verifies (each is checked before it is used)
/// has its `C` fixed by them. The key is read without checking its other
/// points, so this is not all a key's sender could try: the newsroom's
/// manifest names only the circuit id, not the proving key's hash.
fn check_blinding(pk: &ProvingKey<Bn254>) -> Result<(), KeyError> {
    use ark_ec::AffineRepr;
    use ark_serialize::Valid;
    let paired = !pk.delta_g1.is_zero()
        && pk.delta_g1.check().is_ok()
        && !pk.vk.delta_g2.is_zero()
        && pk.vk.check().is_ok();
    if paired {
        Ok(())
    } else {
        Err(KeyError::Unblinded)
    }
}

/// The proving key as browsers fetch it (`kind: compact-proving-key`): the
/// same header, then the key with each curve point compressed (its x
/// coordinate and a flag), and no constraint matrices. A v2 key is 1.5 MB
/// so, against 8.7 MB as a key file (whose points and matrices take 2.65
/// MB in brotli): over a Tor circuit, the difference is most of a proof's
/// wait. The browser expands it ([`expand_compact_proving_key`]) and
/// rebuilds the matrices, about a second of work.
pub fn compact_proving_key(file: &[u8]) -> Result<Vec<u8>, KeyError> {
    let (pk, version, setup) = read_key_as(&mut Cursor::new(file), "proving key", Compress::No)?;
    let mut out = Vec::new();
    write_header(
        &mut out,
        "compact-proving-key",
        &circuit_id(&pk.vk),
        version,
        setup,
    )?;
    pk.serialize_compressed(&mut out)
        .map_err(|_| KeyError::Corrupt("proving key"))?;
    Ok(out)
}

/// A compact proving key ([`compact_proving_key`]) as a proving key file
/// without matrices, as [`write_proving_key`] writes one (so the start of
/// the key file it was made from, byte for byte). Anything else, or
/// anything after the key, is refused.
pub fn expand_compact_proving_key(compact: &[u8]) -> Result<Vec<u8>, KeyError> {
    let mut r = Cursor::new(compact);
    let (pk, version, setup) = read_key_as(&mut r, "compact proving key", Compress::Yes)?;
    if r.position() != compact.len() as u64 {
        return Err(KeyError::Corrupt("proving key"));
    }
    let mut out = Vec::new();
    write_header(&mut out, "proving-key", &circuit_id(&pk.vk), version, setup)?;
    pk.serialize_uncompressed(&mut out)
        .map_err(|_| KeyError::Corrupt("proving key"))?;
    Ok(out)
}

/// The R1CS matrices `A`, `B`, `C` of a version of the statement, over its
/// instance variables (the constant one and the public inputs) and then
/// its witness variables: what the prover needs to compute the quotient
/// polynomial, and the same for every proof.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Matrices {
    abc: Vec<Matrix<Fr>>,
    num_inputs: usize,
    num_constraints: usize,
}

impl Matrices {
    /// Synthesises the statement with no witness and reduces it to
    /// matrices, as the setup does.
    pub fn of(version: Version) -> Result<Matrices, KeyError> {
        let cs = ConstraintSystem::<Fr>::new_ref();
        cs.set_optimization_goal(OptimizationGoal::Constraints);
        cs.set_mode(SynthesisMode::Setup);
        ProvenanceCircuit::shape(version)
            .generate_constraints(cs.clone())
            .map_err(|_| KeyError::Corrupt("statement"))?;
        cs.finalize();
        let mut all = cs
            .to_matrices()
            .map_err(|_| KeyError::Corrupt("statement"))?;
        let abc = all
            .remove(R1CS_PREDICATE_LABEL)
            .ok_or(KeyError::Corrupt("statement"))?;
        Ok(Matrices {
            abc,
            num_inputs: cs.num_instance_variables(),
            num_constraints: cs.num_constraints(),
        })
    }

    /// `A`, `B` and `C`, a row per constraint.
    pub fn abc(&self) -> &[Matrix<Fr>] {
        &self.abc
    }

    fn write<W: Write>(&self, mut w: W) -> Result<(), KeyError> {
        let bad = |_| KeyError::Corrupt("constraint matrices");
        (self.num_inputs as u64)
            .serialize_uncompressed(&mut w)
            .map_err(bad)?;
        (self.num_constraints as u64)
            .serialize_uncompressed(&mut w)
            .map_err(bad)?;
        self.abc.serialize_uncompressed(&mut w).map_err(bad)
    }

    /// Reads matrices written by [`Matrices::write`] and checks their
    /// shape against `version` and `pk`, so a damaged section cannot make
    /// the prover index outside the assignment.
    fn read<R: Read>(mut r: R, version: Version, pk: &ProvingKey<Bn254>) -> Result<Self, KeyError> {
        let bad = || KeyError::Corrupt("constraint matrices");
        let num_inputs = u64::deserialize_uncompressed(&mut r).map_err(|_| bad())? as usize;
        let num_constraints = u64::deserialize_uncompressed(&mut r).map_err(|_| bad())? as usize;
        let num_variables = pk.a_query.len();
        if num_inputs != NUM_PUBLIC + 1
            || num_constraints != version.constraints()
            || pk.vk.gamma_abc_g1.len() != num_inputs
        {
            return Err(bad());
        }
        let abc = Vec::<Matrix<Fr>>::deserialize_with_mode(&mut r, Compress::No, Validate::Yes)
            .map_err(|_| bad())?;
        let fits = abc.len() == 3
            && abc.iter().all(|m| {
                m.len() == num_constraints && m.iter().flatten().all(|(_, i)| *i < num_variables)
            });
        if !fits {
            return Err(bad());
        }
        Ok(Matrices {
            abc,
            num_inputs,
            num_constraints,
        })
    }
}

/// A proving key with its statement's matrices: each proof synthesises
/// only its witness (no constraints are built) before the multi-scalar
/// multiplications.
#[derive(Clone, Debug)]
pub struct Prover {
    pk: ProvingKey<Bn254>,
    version: Version,
    matrices: Matrices,
    pvk: PreparedVerifyingKey<Bn254>,
}

impl Prover {
    /// A prover for `pk`, rebuilding the matrices of `version`.
    pub fn new(pk: ProvingKey<Bn254>, version: Version) -> Result<Prover, KeyError> {
        let matrices = Matrices::of(version)?;
        Ok(Prover::with(pk, version, matrices))
    }

    fn with(pk: ProvingKey<Bn254>, version: Version, matrices: Matrices) -> Prover {
        Prover {
            pvk: ark_groth16::prepare_verifying_key(&pk.vk),
            pk,
            version,
            matrices,
        }
    }

    /// Reads a proving key file, with its matrices when it carries them.
    pub fn read<R: BufRead>(mut r: R) -> Result<Prover, KeyError> {
        let (pk, version) = read_proving_key(&mut r)?;
        if r.fill_buf()?.is_empty() {
            return Prover::new(pk, version);
        }
        let matrices = Matrices::read(&mut r, version, &pk)?;
        if !r.fill_buf()?.is_empty() {
            return Err(KeyError::Corrupt("proving key"));
        }
        Ok(Prover::with(pk, version, matrices))
    }

    /// The proving key.
    pub fn key(&self) -> &ProvingKey<Bn254> {
        &self.pk
    }

    /// The version of the statement it proves.
    pub fn version(&self) -> Version {
        self.version
    }

    /// Its matrices.
    pub fn matrices(&self) -> &Matrices {
        &self.matrices
    }

    /// The full assignment (the constant one, the public inputs, then the
    /// witness variables), from a witness-only synthesis.
    pub(crate) fn assign(
        &self,
        public: &PublicInputs,
        witness: Witness,
    ) -> Result<Vec<Fr>, KeyError> {
        let cs = ConstraintSystem::<Fr>::new_ref();
        cs.set_optimization_goal(OptimizationGoal::Constraints);
        cs.set_mode(SynthesisMode::Prove {
            construct_matrices: false,
            generate_lc_assignments: false,
        });
        ProvenanceCircuit::of(self.version, public, witness)
            .generate_constraints(cs.clone())
            .map_err(|_| KeyError::Unsatisfied)?;
        cs.finalize();
        let mut full = cs
            .instance_assignment()
            .map_err(|_| KeyError::Unsatisfied)?;
        full.extend(cs.witness_assignment().map_err(|_| KeyError::Unsatisfied)?);
        if full.len() != self.pk.a_query.len() || full.len() != self.pk.b_g2_query.len() {
            full.iter_mut().for_each(zeroize::Zeroize::zeroize);
            return Err(KeyError::Corrupt("proving key"));
        }
        Ok(full)
    }

    /// The quotient polynomial's coefficients for a full assignment, as
    /// many as the key's `H` query has points.
    pub(crate) fn quotient(&self, full: &[Fr]) -> Result<Vec<Fr>, KeyError> {
        use ark_groth16::r1cs_to_qap::{LibsnarkReduction, R1CSToQAP};
        let m = &self.matrices;
        let mut h = LibsnarkReduction::witness_map_from_matrices::<
            Fr,
            ark_poly::GeneralEvaluationDomain<Fr>,
        >(&m.abc, m.num_inputs, m.num_constraints, full)
        .map_err(|_| KeyError::Unsatisfied)?;
        h.truncate(self.pk.h_query.len());
        Ok(h)
    }

    /// How many of the assignment's variables are the constant one and
    /// the public inputs.
    pub(crate) fn num_inputs(&self) -> usize {
        self.matrices.num_inputs
    }

    /// Serialises a proof after checking it against the public inputs.
    pub(crate) fn check(
        &self,
        public: &PublicInputs,
        proof: &Proof<Bn254>,
    ) -> Result<[u8; PROOF_LEN], KeyError> {
        let mut out = [0u8; PROOF_LEN];
        proof
            .serialize_compressed(&mut out[..])
            .map_err(|_| KeyError::MalformedProof)?;
        match Groth16::<Bn254>::verify_with_processed_vk(
            &self.pvk,
            &public.to_field_elements(),
            proof,
        ) {
            Ok(true) => Ok(out),
            _ => Err(KeyError::Unsatisfied),
        }
    }
}

/// A verifying key prepared for repeated verification, with its id.
#[derive(Clone, Debug)]
pub struct Verifier {
    pvk: PreparedVerifyingKey<Bn254>,
    vk: VerifyingKey<Bn254>,
    id: [u8; 32],
    version: Version,
    setup: Setup,
}

impl Verifier {
    /// Prepares `vk` for a version of the statement, which came from `setup`.
    pub fn new(vk: VerifyingKey<Bn254>, version: Version, setup: Setup) -> Self {
        Verifier {
            pvk: ark_groth16::prepare_verifying_key(&vk),
            id: circuit_id(&vk),
            vk,
            version,
            setup,
        }
    }

    /// The version of the statement the key checks.
    pub fn version(&self) -> Version {
        self.version
    }

    /// Where the keys came from.
    pub fn setup(&self) -> Setup {
        self.setup
    }

    /// The circuit id.
    pub fn circuit_id(&self) -> &[u8; 32] {
        &self.id
    }

    /// The verifying key.
    pub fn key(&self) -> &VerifyingKey<Bn254> {
        &self.vk
    }

    /// Checks a compressed proof against the public inputs.
    pub fn verify(&self, public: &PublicInputs, proof: &[u8; PROOF_LEN]) -> Result<(), KeyError> {
        let proof = decode_proof(proof)?;
        match Groth16::<Bn254>::verify_with_processed_vk(
            &self.pvk,
            &public.to_field_elements(),
            &proof,
        ) {
            Ok(true) => Ok(()),
            _ => Err(KeyError::Invalid),
        }
    }
}

/// Decodes and validates a compressed proof.
pub fn decode_proof(bytes: &[u8; PROOF_LEN]) -> Result<Proof<Bn254>, KeyError> {
    Proof::<Bn254>::deserialize_with_mode(&bytes[..], Compress::Yes, Validate::Yes)
        .map_err(|_| KeyError::MalformedProof)
}

/// Proves a version of the statement with its proving key and checks the
/// proof before returning it.
pub fn prove<R: RngCore + CryptoRng>(
    pk: &ProvingKey<Bn254>,
    version: Version,
    public: &PublicInputs,
    witness: Witness,
    rng: &mut R,
) -> Result<[u8; PROOF_LEN], KeyError> {
    let circuit = ProvenanceCircuit::of(version, public, witness);
    let proof = Groth16::<Bn254>::prove(pk, circuit, rng).map_err(|_| KeyError::Unsatisfied)?;
    let mut out = [0u8; PROOF_LEN];
    proof
        .serialize_compressed(&mut out[..])
        .map_err(|_| KeyError::MalformedProof)?;
    let pvk = ark_groth16::prepare_verifying_key(&pk.vk);
    match Groth16::<Bn254>::verify_with_processed_vk(&pvk, &public.to_field_elements(), &proof) {
        Ok(true) => Ok(out),
        _ => Err(KeyError::Unsatisfied),
    }
}

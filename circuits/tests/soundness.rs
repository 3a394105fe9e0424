//! Soundness of both versions of the statement: an honest witness satisfies
//! it, and changing any one witness value (or signing something the public
//! inputs exclude) leaves it unsatisfied. Every test runs on v1 and v2.

use ark_ec::{AffineRepr, CurveGroup};
use ark_ff::{Field, PrimeField};
use ark_relations::gr1cs::{
    ConstraintSynthesizer, ConstraintSystem, OptimizationGoal, SynthesisMode,
};
use ark_std::rand::SeedableRng;
use darkroom_circuits::babyjubjub::{self, Point, Scalar};
use darkroom_circuits::eddsa::{PrivateKey, Signature};
use darkroom_circuits::merkle::{self, Tree};
use darkroom_circuits::statement::{
    Capture, ProvenanceCircuit, PublicInputs, Version, Witness, NO_FIX, NUM_PUBLIC,
};
use darkroom_circuits::{commitment, Fr};

const DEVICE_INDEX: usize = 5;

struct Fixture {
    version: Version,
    public: PublicInputs,
    witness: Witness,
}

fn device_key(i: u8) -> PrivateKey {
    PrivateKey::from_bytes([i; 32])
}

/// A registry of eight devices, plus any extra points, with ours at index 5
/// (so its path turns both ways).
fn registry(version: Version, extra: &[Point]) -> (Tree, Vec<Point>) {
    let mut points: Vec<Point> = (1..=8u8).map(|i| device_key(i).public()).collect();
    points.extend_from_slice(extra);
    let tree = Tree::with_shape(version.tree(), points.iter().map(merkle::leaf).collect()).unwrap();
    (tree, points)
}

fn fixture_for(
    version: Version,
    capture: Capture,
    public_bounds: (u64, u64, u32, u32, u32, u32),
) -> Fixture {
    let key = device_key(DEVICE_INDEX as u8 + 1);
    let sig = key.sign(&capture.message());
    let (tree, points) = registry(version, &[]);
    assert_eq!(points[DEVICE_INDEX], key.public());
    let r = Fr::from(987_654_321u64);
    let (t_lo, t_hi, lat_lo, lat_hi, lon_lo, lon_hi) = public_bounds;
    let public = PublicInputs {
        root: tree.root(),
        commitment: commitment::commit(&capture.digest, &r),
        t_lo,
        t_hi,
        lat_lo,
        lat_hi,
        lon_lo,
        lon_hi,
    };
    let witness = Witness::new(
        &capture,
        r,
        &key.public(),
        &sig,
        &tree.path(DEVICE_INDEX).unwrap(),
    );
    Fixture {
        version,
        public,
        witness,
    }
}

const T: u64 = 1_795_000_000;
// 48.8566° N, 2.3522° E, shifted.
const LAT: u32 = 488_566_000 + 900_000_000;
const LON: u32 = 23_522_000 + 1_800_000_000;

fn capture() -> Capture {
    let mut digest = [0u8; 32];
    for (i, b) in digest.iter_mut().enumerate() {
        *b = (i as u8).wrapping_mul(37).wrapping_add(11);
    }
    Capture {
        digest,
        t: T,
        lat: LAT,
        lon: LON,
    }
}

fn window() -> (u64, u64, u32, u32, u32, u32) {
    (
        T - 86_400,
        T + 86_400,
        LAT - 1000,
        LAT + 1000,
        LON - 1000,
        LON + 1000,
    )
}

fn fixture(version: Version) -> Fixture {
    fixture_for(version, capture(), window())
}

fn satisfied(version: Version, public: [Fr; NUM_PUBLIC], witness: Witness) -> bool {
    let cs = ConstraintSystem::<Fr>::new_ref();
    ProvenanceCircuit {
        version,
        public: Some(public),
        witness: Some(witness),
    }
    .generate_constraints(cs.clone())
    .expect("witness generation itself never fails");
    cs.is_satisfied().unwrap()
}

fn check(f: &Fixture) -> bool {
    satisfied(f.version, f.public.to_field_elements(), f.witness.clone())
}

impl Fixture {
    /// Whether the statement holds with this witness in place of the honest one.
    fn accepts(&self, w: Witness) -> bool {
        satisfied(self.version, self.public.to_field_elements(), w)
    }
}

#[test]
fn honest_witness_satisfies() {
    for v in Version::ALL {
        assert!(check(&fixture(v)), "{v:?}");
    }
}

type Tamper = Box<dyn Fn(&mut Witness)>;

#[test]
fn every_tampered_witness_element_is_rejected() {
    for v in Version::ALL {
        tampered_witness_elements_are_rejected(fixture(v));
    }
}

fn tampered_witness_elements_are_rejected(f: Fixture) {
    let one = Fr::ONE;
    let tampers: Vec<(&str, Tamper)> = vec![
        ("h_hi", Box::new(move |w| w.h_hi += one)),
        ("h_lo", Box::new(move |w| w.h_lo += one)),
        ("r", Box::new(move |w| w.r += one)),
        ("t", Box::new(move |w| w.t += one)),
        ("lat", Box::new(move |w| w.lat += one)),
        ("lon", Box::new(move |w| w.lon += one)),
        ("A.x", Box::new(move |w| w.a.0 += one)),
        ("A.y", Box::new(move |w| w.a.1 += one)),
        ("A.x negated", Box::new(move |w| w.a.0 = -w.a.0)),
        ("R8.x", Box::new(move |w| w.r8.0 += one)),
        ("R8.y", Box::new(move |w| w.r8.1 += one)),
        ("R8.x negated", Box::new(move |w| w.r8.0 = -w.r8.0)),
        ("S", Box::new(move |w| w.s += one)),
    ];
    for (name, tamper) in tampers {
        let mut w = f.witness.clone();
        tamper(&mut w);
        assert!(
            !f.accepts(w),
            "{:?}: tampered {name} was accepted",
            f.version
        );
    }
    assert_eq!(f.witness.siblings.len(), f.version.tree().path_len());
    for i in 0..f.witness.siblings.len() {
        let mut w = f.witness.clone();
        w.siblings[i] += one;
        assert!(!f.accepts(w), "{:?}: tampered sibling {i}", f.version);
    }
    for i in 0..merkle::INDEX_BITS {
        let mut w = f.witness.clone();
        w.directions[i] = !w.directions[i];
        assert!(!f.accepts(w), "{:?}: flipped direction bit {i}", f.version);
    }
}

#[test]
fn every_tampered_public_input_is_rejected() {
    for v in Version::ALL {
        tampered_public_inputs_are_rejected(fixture(v));
    }
}

fn tampered_public_inputs_are_rejected(f: Fixture) {
    for i in 0..NUM_PUBLIC {
        let mut public = f.public.to_field_elements();
        // Moving a bound inwards past the value, or changing R or C.
        public[i] = match i {
            2 | 4 | 6 => Fr::from(f.witness_value(i) + 1),
            3 | 5 | 7 => Fr::from(f.witness_value(i) - 1),
            _ => public[i] + Fr::ONE,
        };
        assert!(
            !satisfied(f.version, public, f.witness.clone()),
            "{:?}: public input {i}",
            f.version
        );
    }
}

impl Fixture {
    /// The witness value a bound at public index `i` constrains.
    fn witness_value(&self, i: usize) -> u64 {
        let v = match i {
            2 | 3 => self.witness.t,
            4 | 5 => self.witness.lat,
            _ => self.witness.lon,
        };
        v.into_bigint().0[0]
    }
}

#[test]
fn another_registered_device_cannot_claim_the_signature() {
    for v in Version::ALL {
        let f = fixture(v);
        let (tree, points) = registry(v, &[]);
        let mut w = f.witness.clone();
        w.a = (points[2].x, points[2].y);
        let path = tree.path(2).unwrap();
        w.siblings = path.siblings.to_vec();
        w.directions = (0..merkle::INDEX_BITS).map(|i| path.direction(i)).collect();
        assert!(!f.accepts(w), "{v:?}");
    }
}

#[test]
fn unregistered_device_is_rejected() {
    for v in Version::ALL {
        unregistered_device_is_rejected_by(v);
    }
}

fn unregistered_device_is_rejected_by(v: Version) {
    // A genuine signature by a device that is not in the registry.
    let outsider = device_key(99);
    let capture = capture();
    let sig = outsider.sign(&capture.message());
    let f = fixture(v);
    let mut w = Witness::new(
        &capture,
        f.witness.r,
        &outsider.public(),
        &sig,
        &registry(v, &[]).0.path(DEVICE_INDEX).unwrap(),
    );
    assert!(!f.accepts(w.clone()));
    // And it does satisfy a registry that does list it: the rejection above
    // is the membership check, not a bad signature.
    let (tree, _) = registry(v, &[outsider.public()]);
    let path = tree.path(8).unwrap();
    w.siblings = path.siblings.to_vec();
    w.directions = (0..merkle::INDEX_BITS).map(|i| path.direction(i)).collect();
    let mut public = f.public;
    public.root = tree.root();
    assert!(satisfied(v, public.to_field_elements(), w));
}

#[test]
fn s_at_or_above_l_is_rejected() {
    // S + l names the same point S·B8, so only the S < l check catches it.
    // It needs S + l < 2²⁵¹ to get past the bit decomposition: search for a
    // capture whose signature has a small enough S.
    for v in Version::ALL {
        s_plus_l_is_rejected_by(v);
    }
}

fn s_plus_l_is_rejected_by(v: Version) {
    let l = Fr::from_bigint(Scalar::MODULUS).unwrap();
    let limit = Fr::from(2u64).pow([251u64]) - l;
    for t in T..T + 64 {
        let mut c = capture();
        c.t = t;
        let f = fixture_for(v, c, window());
        if f.witness.s.into_bigint() >= limit.into_bigint() {
            continue;
        }
        assert!(check(&f));
        let s_plus_l = f.witness.s + l;
        let s = Scalar::from_bigint(f.witness.s.into_bigint()).unwrap();
        assert_eq!(
            (babyjubjub::base8() * s).into_affine(),
            babyjubjub::mul_bigint(&babyjubjub::base8(), s_plus_l.into_bigint()),
        );
        let mut w = f.witness.clone();
        w.s = s_plus_l;
        assert!(!f.accepts(w), "{v:?}");
        return;
    }
    panic!("no signature with S < 2^251 - l in 64 tries");
}

#[test]
fn small_order_device_keys_are_rejected() {
    // With 8·A = 0 the equation reduces to S·B8 = R8, which anyone can
    // satisfy. Register such a key and forge a "signature" for it.
    let capture = capture();
    let s = Scalar::from(12345u64);
    let r8 = (babyjubjub::base8() * s).into_affine();
    let forged = Signature { r8, s };
    for a in [
        babyjubjub::point(Fr::from(0u64), Fr::ONE).unwrap(),
        babyjubjub::point(Fr::from(0u64), -Fr::ONE).unwrap(),
    ] {
        assert!(babyjubjub::has_small_order(&a));
        for v in Version::ALL {
            let (tree, _) = registry(v, &[a]);
            let r = Fr::from(5u64);
            let public = PublicInputs {
                root: tree.root(),
                commitment: commitment::commit(&capture.digest, &r),
                t_lo: T - 10,
                t_hi: T + 10,
                lat_lo: 0,
                lat_hi: u32::MAX,
                lon_lo: 0,
                lon_hi: u32::MAX,
            };
            let w = Witness::new(&capture, r, &a, &forged, &tree.path(8).unwrap());
            assert!(!satisfied(v, public.to_field_elements(), w), "{v:?}");
        }
    }
}

#[test]
fn time_outside_the_window_is_rejected() {
    for v in Version::ALL {
        time_outside_the_window_is_rejected_by(v);
    }
}

fn time_outside_the_window_is_rejected_by(v: Version) {
    let (t_lo, t_hi, ..) = window();
    for t in [t_lo - 1, t_hi + 1, 0, u64::MAX] {
        let mut c = capture();
        c.t = t;
        assert!(!check(&fixture_for(v, c, window())), "t = {t}");
    }
    for t in [t_lo, t_hi] {
        let mut c = capture();
        c.t = t;
        assert!(check(&fixture_for(v, c, window())), "t = {t}");
    }
}

#[test]
fn place_outside_the_box_is_rejected() {
    for v in Version::ALL {
        place_outside_the_box_is_rejected_by(v);
    }
}

fn place_outside_the_box_is_rejected_by(v: Version) {
    let (_, _, lat_lo, lat_hi, lon_lo, lon_hi) = window();
    for (lat, lon) in [
        (lat_lo - 1, LON),
        (lat_hi + 1, LON),
        (LAT, lon_lo - 1),
        (LAT, lon_hi + 1),
    ] {
        let mut c = capture();
        c.lat = lat;
        c.lon = lon;
        assert!(!check(&fixture_for(v, c, window())), "({lat}, {lon})");
    }
}

#[test]
fn no_fix_is_rejected_by_a_finite_box_and_accepted_by_none() {
    for v in Version::ALL {
        no_fix_is_rejected_by_a_finite_box_and_accepted_by_none_in(v);
    }
}

fn no_fix_is_rejected_by_a_finite_box_and_accepted_by_none_in(v: Version) {
    let mut c = capture();
    c.lat = NO_FIX;
    c.lon = NO_FIX;
    assert!(!check(&fixture_for(v, c, window())));
    // The largest finite box there is: every valid coordinate.
    let whole_earth = (T - 1, T + 1, 0, 1_800_000_000, 0, 3_600_000_000);
    assert!(!check(&fixture_for(v, c, whole_earth)));
    let none = (T - 1, T + 1, 0, u32::MAX, 0, u32::MAX);
    assert!(check(&fixture_for(v, c, none)));
}

type Matrices = std::collections::BTreeMap<String, Vec<Vec<Vec<(Fr, usize)>>>>;

fn matrices(circuit: ProvenanceCircuit, setup: bool) -> Matrices {
    let cs = ConstraintSystem::<Fr>::new_ref();
    cs.set_optimization_goal(OptimizationGoal::Constraints);
    if setup {
        cs.set_mode(SynthesisMode::Setup);
    }
    circuit.generate_constraints(cs.clone()).unwrap();
    cs.finalize();
    cs.to_matrices()
        .unwrap()
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect()
}

#[test]
fn matrices_do_not_depend_on_the_witness() {
    for v in Version::ALL {
        matrices_do_not_depend_on_the_witness_in(v);
    }
}

fn matrices_do_not_depend_on_the_witness_in(v: Version) {
    let a = fixture(v);
    let mut c = capture();
    c.digest = [0xff; 32];
    c.t = 7;
    c.lat = NO_FIX;
    c.lon = 0;
    let b = fixture_for(v, c, (0, u64::MAX, 0, u32::MAX, 0, u32::MAX));
    let shape = matrices(ProvenanceCircuit::shape(v), true);
    assert!(!shape.is_empty());
    for f in [a, b] {
        let m = matrices(
            ProvenanceCircuit::of(v, &f.public, f.witness.clone()),
            false,
        );
        assert!(m == shape, "matrices changed with the witness");
    }
}

#[test]
fn constraint_count_is_documented() {
    let doc = include_str!("../../docs/provenance.md");
    for v in Version::ALL {
        let cs = ConstraintSystem::<Fr>::new_ref();
        cs.set_mode(SynthesisMode::Setup);
        ProvenanceCircuit::shape(v)
            .generate_constraints(cs.clone())
            .unwrap();
        let n = cs.num_constraints();
        println!("{}: {n} constraints", v.id());
        // docs/provenance.md states the counts; keep them in step.
        assert!(
            doc.contains(&format!("**{n} constraints**")),
            "docs/provenance.md does not state {}'s current count, {n}",
            v.id()
        );
    }
}

#[test]
fn groth16_proves_verifies_and_refuses_tampering() {
    for v in Version::ALL {
        groth16_proves_verifies_and_refuses_tampering_in(v);
    }
}

fn groth16_proves_verifies_and_refuses_tampering_in(v: Version) {
    use darkroom_circuits::groth16;
    let mut rng = ark_std::rand::rngs::StdRng::seed_from_u64(7);
    let (pk, vk) = groth16::setup_dev(v, &mut rng).unwrap();
    let domain = pk
        .a_query
        .len()
        .max(pk.h_query.len() + 1)
        .next_power_of_two();
    assert_eq!(domain, if v == Version::V1 { 1 << 14 } else { 1 << 13 });

    let mut pk_file = Vec::new();
    groth16::write_proving_key(&pk, v, groth16::Setup::Development, &mut pk_file).unwrap();
    let mut vk_file = Vec::new();
    groth16::write_verifying_key(&vk, v, groth16::Setup::Development, &mut vk_file).unwrap();
    let (pk, read_version) = groth16::read_proving_key(&pk_file[..]).unwrap();
    assert_eq!(read_version, v);

    // The compact form browsers fetch: a fifth of the file or less, and it
    // expands to the same key (the start of the file, byte for byte),
    // which a prover reads, rebuilding the matrices.
    let compact = groth16::compact_proving_key(&pk_file).unwrap();
    assert!(
        compact.len() * 5 < pk_file.len(),
        "{} of {}",
        compact.len(),
        pk_file.len()
    );
    let expanded = groth16::expand_compact_proving_key(&compact).unwrap();
    assert!(expanded.len() < pk_file.len());
    assert!(expanded[..] == pk_file[..expanded.len()]);
    let prover = groth16::Prover::read(&expanded[..]).unwrap();
    assert!(prover.key() == &pk && prover.version() == v);
    // Refused: a key file given as compact, a compact key given as a key
    // file or compacted again, a cut one, one with bytes after it, and one
    // whose verifying key is not the header's circuit.
    use groth16::KeyError;
    assert!(matches!(
        groth16::expand_compact_proving_key(&pk_file),
        Err(KeyError::Header("compact proving key"))
    ));
    assert!(matches!(
        groth16::read_proving_key(&compact[..]),
        Err(KeyError::Header("proving key"))
    ));
    assert!(matches!(
        groth16::compact_proving_key(&compact),
        Err(KeyError::Header("proving key"))
    ));
    assert!(matches!(
        groth16::expand_compact_proving_key(&compact[..compact.len() - 1]),
        Err(KeyError::Corrupt("proving key"))
    ));
    assert!(matches!(
        groth16::expand_compact_proving_key(&[&compact[..], b"\0"].concat()),
        Err(KeyError::Corrupt("proving key"))
    ));
    let mut other_vk = compact.clone();
    let header_end = compact.windows(2).position(|w| w == b"\n\n").unwrap() + 2;
    // The verifying key comes first: its α in G1, compressed.
    other_vk[header_end] ^= 1;
    assert!(matches!(
        groth16::expand_compact_proving_key(&other_vk),
        Err(KeyError::CircuitId | KeyError::Corrupt("proving key"))
    ));
    let (read_vk, read_version, setup) = groth16::read_verifying_key(&vk_file[..]).unwrap();
    assert_eq!((read_version, setup), (v, groth16::Setup::Development));
    let verifier = groth16::Verifier::new(read_vk, v, setup);
    assert_eq!(verifier.circuit_id(), &groth16::circuit_id(&vk));

    // The setup line round-trips; a file without one counts as development,
    // and a malformed one is refused.
    let h = [0xab; 32];
    let mut ceremony_file = Vec::new();
    groth16::write_verifying_key(&vk, v, groth16::Setup::Ceremony(h), &mut ceremony_file).unwrap();
    assert_eq!(
        groth16::read_verifying_key(&ceremony_file[..]).unwrap().2,
        groth16::Setup::Ceremony(h)
    );
    let text = String::from_utf8_lossy(&ceremony_file[..200]).into_owned();
    let line = text
        .lines()
        .find(|l| l.starts_with("setup:"))
        .unwrap()
        .to_string();
    let without: Vec<u8> = {
        let at = ceremony_file
            .windows(line.len())
            .position(|w| w == line.as_bytes())
            .unwrap();
        [&ceremony_file[..at], &ceremony_file[at + line.len() + 1..]].concat()
    };
    assert_eq!(
        groth16::read_verifying_key(&without[..]).unwrap().2,
        groth16::Setup::Development
    );
    let broken: Vec<u8> = {
        let at = ceremony_file
            .windows(line.len())
            .position(|w| w == line.as_bytes())
            .unwrap();
        [
            &ceremony_file[..at],
            b"setup: ceremony xyz",
            &ceremony_file[at + line.len()..],
        ]
        .concat()
    };
    assert!(matches!(
        groth16::read_verifying_key(&broken[..]),
        Err(groth16::KeyError::Header(..))
    ));

    // Keys labelled as a ceremony's whose δ is still γ or the generator
    // (no contribution applied) are refused, verifying and proving keys
    // alike; labelled as development keys they read, as what they are.
    for (delta, what) in [
        (vk.gamma_g2, "equal to γ"),
        (ark_bn254::G2Affine::generator(), "the generator"),
    ] {
        let mut trivial = vk.clone();
        trivial.delta_g2 = delta;
        let mut file = Vec::new();
        groth16::write_verifying_key(&trivial, v, groth16::Setup::Ceremony(h), &mut file).unwrap();
        let e = groth16::read_verifying_key(&file[..]).unwrap_err();
        assert!(matches!(e, groth16::KeyError::TrivialDelta(_)), "{e}");
        assert!(e.to_string().contains(what), "{e}");
        let mut trivial_pk = pk.clone();
        trivial_pk.vk = trivial.clone();
        let mut file = Vec::new();
        groth16::write_proving_key(&trivial_pk, v, groth16::Setup::Ceremony(h), &mut file).unwrap();
        assert!(matches!(
            groth16::read_proving_key(&file[..]),
            Err(groth16::KeyError::TrivialDelta(_))
        ));
        let mut file = Vec::new();
        groth16::write_verifying_key(&trivial, v, groth16::Setup::Development, &mut file).unwrap();
        assert!(groth16::read_verifying_key(&file[..])
            .unwrap()
            .2
            .is_development());
    }

    let f = fixture(v);
    let proof = groth16::prove(&pk, v, &f.public, f.witness.clone(), &mut rng).unwrap();
    verifier.verify(&f.public, &proof).unwrap();

    // The attack: a server sends the page a proving key with the verifying
    // key (so the circuit id) the newsroom signed, but δ in G1 zero, and β
    // and the B queries in G1 zeroed. arkworks' prover makes proofs with it
    // that verify against the signed key, and their A (the first 32 bytes)
    // is the same whatever the randomness: a function of the witness
    // alone. An honest key's A differs every time.
    let mut unblinded = pk.clone();
    unblinded.delta_g1 = ark_bn254::G1Affine::zero();
    unblinded.beta_g1 = ark_bn254::G1Affine::zero();
    unblinded
        .b_g1_query
        .iter_mut()
        .for_each(|p| *p = ark_bn254::G1Affine::zero());
    let p1 = groth16::prove(&unblinded, v, &f.public, f.witness.clone(), &mut rng).unwrap();
    let p2 = groth16::prove(&unblinded, v, &f.public, f.witness.clone(), &mut rng).unwrap();
    verifier.verify(&f.public, &p1).unwrap();
    verifier.verify(&f.public, &p2).unwrap();
    assert_eq!(p1[..32], p2[..32], "the unblinded key's A repeats");
    let honest = groth16::prove(&pk, v, &f.public, f.witness.clone(), &mut rng).unwrap();
    assert_ne!(honest[..32], proof[..32], "an honest key's A does not");
    // The defence: such a key is refused wherever one is read, as a key
    // file, compacted, or as the page reads it, and so is one whose δ in
    // G1 is not on the curve (its multiples need not be uniform).
    let mut off_curve = pk.clone();
    off_curve.delta_g1 =
        ark_bn254::G1Affine::new_unchecked(pk.delta_g1.x, pk.delta_g1.y + ark_bn254::Fq::ONE);
    for bad in [&unblinded, &off_curve] {
        let mut file = Vec::new();
        groth16::write_proving_key(bad, v, groth16::Setup::Development, &mut file).unwrap();
        assert!(matches!(
            groth16::read_proving_key(&file[..]),
            Err(groth16::KeyError::Unblinded)
        ));
        assert!(matches!(
            groth16::compact_proving_key(&file),
            Err(groth16::KeyError::Unblinded)
        ));
        assert!(matches!(
            groth16::Prover::read(&file[..]),
            Err(groth16::KeyError::Unblinded)
        ));
        assert!(matches!(
            darkroom_circuits::shares::KeyShare::read(&file, 1, 2),
            Err(groth16::KeyError::Unblinded)
        ));
    }
    let mut other = f.public;
    other.t_hi += 1;
    assert!(matches!(
        verifier.verify(&other, &proof),
        Err(groth16::KeyError::Invalid)
    ));
    let mut bad = proof;
    bad[5] ^= 1;
    assert!(matches!(
        verifier.verify(&f.public, &bad),
        Err(groth16::KeyError::Invalid | groth16::KeyError::MalformedProof)
    ));

    // A witness that does not satisfy the statement yields no proof.
    let mut w = f.witness.clone();
    w.t += Fr::ONE;
    assert!(matches!(
        groth16::prove(&pk, v, &f.public, w, &mut rng),
        Err(groth16::KeyError::Unsatisfied)
    ));
    // Nor does proving the other version's statement with these keys.
    let other = Version::ALL.into_iter().find(|o| *o != v).unwrap();
    let g = fixture(other);
    assert!(matches!(
        groth16::prove(&pk, other, &g.public, g.witness.clone(), &mut rng),
        Err(groth16::KeyError::Unsatisfied)
    ));
    // The header names the version; an unknown statement is refused.
    let text = String::from_utf8_lossy(&vk_file[..200]).into_owned();
    assert!(text.contains(&format!("statement: {}\n", v.id())), "{text}");
    let unknown = String::from_utf8_lossy(&vk_file)
        .replacen(v.id(), "darkroom-provenance-v9", 1)
        .into_bytes();
    assert!(matches!(
        groth16::read_verifying_key(&unknown[..]),
        Err(groth16::KeyError::Statement(_))
    ));

    // Key files refuse a swapped kind, a truncated body and a wrong id.
    assert!(matches!(
        groth16::read_verifying_key(&pk_file[..]),
        Err(groth16::KeyError::Header(..))
    ));
    assert!(matches!(
        groth16::read_verifying_key(&vk_file[..vk_file.len() - 1]),
        Err(groth16::KeyError::Corrupt(..))
    ));
    let mut wrong_id = vk_file.clone();
    let at = wrong_id.windows(8).position(|w| w == b"circuit:").unwrap() + 10;
    wrong_id[at] = if wrong_id[at] == b'0' { b'1' } else { b'0' };
    assert!(matches!(
        groth16::read_verifying_key(&wrong_id[..]),
        Err(groth16::KeyError::CircuitId)
    ));
}

/// The prover that reads the matrices from the key file agrees with
/// arkworks' own: the matrices are those a proving synthesis builds, its
/// proofs verify, and a key file without them (written before) or with
/// them damaged never yields a proof that does not verify.
#[test]
fn the_prover_with_stored_matrices_agrees_with_arkworks() {
    use ark_serialize::CanonicalSerialize;
    use darkroom_circuits::groth16::{self, Matrices, Prover};
    use darkroom_circuits::statement::constraint_count_of;
    for v in Version::ALL {
        let mut rng = ark_std::rand::rngs::StdRng::seed_from_u64(11);
        let (pk, vk) = groth16::setup_dev(v, &mut rng).unwrap();
        let verifier = groth16::Verifier::new(vk, v, groth16::Setup::Development);
        let f = fixture(v);

        // The matrices a proving synthesis with this witness builds.
        let cs = ConstraintSystem::<Fr>::new_ref();
        cs.set_optimization_goal(OptimizationGoal::Constraints);
        cs.set_mode(SynthesisMode::Prove {
            construct_matrices: true,
            generate_lc_assignments: false,
        });
        ProvenanceCircuit::of(v, &f.public, f.witness.clone())
            .generate_constraints(cs.clone())
            .unwrap();
        cs.finalize();
        let built = cs.to_matrices().unwrap()[ark_relations::gr1cs::R1CS_PREDICATE_LABEL].clone();
        let ours = Matrices::of(v).unwrap();
        assert!(
            ours.abc() == &built[..],
            "{}: setup and proving matrices differ",
            v.id()
        );
        assert_eq!(ours.abc()[0].len(), constraint_count_of(v));

        let mut file = Vec::new();
        groth16::write_proving_key(&pk, v, groth16::Setup::Development, &mut file).unwrap();
        let prover = Prover::read(&file[..]).unwrap();
        assert_eq!(prover.version(), v);
        assert!(prover.matrices() == &ours);
        for _ in 0..2 {
            let proof = prover
                .prove(&f.public, f.witness.clone(), &mut rng)
                .unwrap();
            verifier.verify(&f.public, &proof).unwrap();
        }
        let mut w = f.witness.clone();
        w.lat += Fr::ONE;
        assert!(matches!(
            prover.prove(&f.public, w, &mut rng),
            Err(groth16::KeyError::Unsatisfied)
        ));

        // A file from before the matrices were stored.
        let header = file.windows(2).position(|w| w == b"\n\n").unwrap() + 2;
        let old = &file[..header + pk.uncompressed_size()];
        let rebuilt = Prover::read(old).unwrap();
        assert!(rebuilt.matrices() == &ours);
        let proof = rebuilt
            .prove(&f.public, f.witness.clone(), &mut rng)
            .unwrap();
        verifier.verify(&f.public, &proof).unwrap();

        // Trailing bytes, a cut, or a changed byte anywhere in the
        // matrices: refused on reading, or no proof.
        let mut longer = file.clone();
        longer.push(0);
        assert!(matches!(
            Prover::read(&longer[..]),
            Err(groth16::KeyError::Corrupt(..))
        ));
        assert!(matches!(
            Prover::read(&file[..file.len() - 3]),
            Err(groth16::KeyError::Corrupt(..))
        ));
        let section = file.len() - old.len();
        for k in 0..24 {
            let mut damaged = file.clone();
            let at = old.len() + (k * 7919 + 3) % section;
            damaged[at] ^= 0x10;
            let made = Prover::read(&damaged[..])
                .and_then(|p| p.prove(&f.public, f.witness.clone(), &mut rng));
            if let Ok(proof) = made {
                verifier.verify(&f.public, &proof).unwrap();
            }
        }
    }
}

/// Every variable of the system, not only the statement's own witness: a
/// gadget's intermediate value (a slope, a bit, a looked-up coordinate)
/// that no constraint pinned down would let a prover swap it. Changing any
/// single one of them, everything else kept, must break a constraint.
/// Checked on the finished matrices, `(A·z) ∘ (B·z) = C·z`.
#[test]
fn every_intermediate_variable_is_constrained() {
    for v in Version::ALL {
        let f = fixture(v);
        let cs = ConstraintSystem::<Fr>::new_ref();
        cs.set_optimization_goal(OptimizationGoal::Constraints);
        ProvenanceCircuit::of(v, &f.public, f.witness.clone())
            .generate_constraints(cs.clone())
            .unwrap();
        cs.finalize();
        let z: Vec<Fr> = {
            let cs = cs.borrow().unwrap();
            let a = &cs.assignments;
            a.instance_assignment
                .iter()
                .chain(&a.witness_assignment)
                .copied()
                .collect()
        };
        let matrices = cs.to_matrices().unwrap();
        let [a, b, c] = &matrices.values().next().unwrap()[..] else {
            panic!("one R1CS predicate")
        };
        let row = |m: &Vec<Vec<(Fr, usize)>>, r: usize, z: &[Fr]| -> Fr {
            m[r].iter().map(|(k, i)| *k * z[*i]).sum()
        };
        let holds = |r: usize, z: &[Fr]| row(a, r, z) * row(b, r, z) == row(c, r, z);
        assert!((0..a.len()).all(|r| holds(r, &z)), "{v:?}: honest witness");
        // The rows each variable appears in.
        let mut rows_of = vec![Vec::new(); z.len()];
        for m in [a, b, c] {
            for (r, terms) in m.iter().enumerate() {
                for (_, i) in terms {
                    rows_of[*i].push(r);
                }
            }
        }
        let first_witness = cs.num_instance_variables();
        let mut free = Vec::new();
        let mut z = z;
        for i in first_witness..z.len() {
            z[i] += Fr::from(3u64);
            if rows_of[i].iter().all(|&r| holds(r, &z)) {
                free.push(i - first_witness);
            }
            z[i] -= Fr::from(3u64);
        }
        assert!(z.len() - first_witness > a.len() / 2);
        assert!(
            free.is_empty(),
            "{v:?}: variables {free:?} are unconstrained"
        );
    }
}

/// A proof computed in shares (as the page's workers compute it) is the
/// proof arkworks' prover makes with the same randomisers, to the byte,
/// for every number of shares; a missing, foreign or wrong share gives no
/// proof, and the encodings refuse what they should.
#[test]
fn a_proof_in_shares_is_arkworks_proof_to_the_byte() {
    use darkroom_circuits::groth16::{self, Prover};
    use darkroom_circuits::shares::{Job, KeyShare, Partial, Scalars};
    for v in Version::ALL {
        let mut rng = ark_std::rand::rngs::StdRng::seed_from_u64(21);
        let (pk, vk) = groth16::setup_dev(v, &mut rng).unwrap();
        let verifier = groth16::Verifier::new(vk, v, groth16::Setup::Development);
        let mut file = Vec::new();
        groth16::write_proving_key(&pk, v, groth16::Setup::Development, &mut file).unwrap();
        let prover = Prover::read(&file[..]).unwrap();
        let f = fixture(v);
        for of in [1, 2, 3, 7] {
            let seed = 100 + of as u64;
            // arkworks' own prover (`Groth16::prove`), with the same
            // randomisers; ours, over the whole key, must match it.
            let reference =
                groth16::prove(&pk, v, &f.public, f.witness.clone(), &mut rand_seeded(seed))
                    .unwrap();
            let ours = prover
                .prove(&f.public, f.witness.clone(), &mut rand_seeded(seed))
                .unwrap();
            assert_eq!(ours, reference, "{}: Prover::prove", v.id());
            // Each share's key and scalars travel as bytes, as between
            // workers.
            let mut job = Job::start(
                &prover,
                &f.public,
                f.witness.clone(),
                of,
                &mut rand_seeded(seed),
            )
            .unwrap();
            assert_eq!(job.missing(), (0..of).collect::<Vec<_>>());
            for index in (0..of).rev() {
                let key = KeyShare::read(&file, index, of).unwrap();
                let scalars = Scalars::from_bytes(&job.scalars(index).unwrap().to_bytes()).unwrap();
                let part = Partial::from_bytes(&key.sum(&scalars).unwrap().to_bytes()).unwrap();
                job.add(part).unwrap();
            }
            assert!(job.missing().is_empty());
            let shared = job.finish(&prover).unwrap();
            assert_eq!(shared, reference, "{} in {of} shares", v.id());
            verifier.verify(&f.public, &shared).unwrap();
            let again = prover
                .prove_in_shares(&f.public, f.witness.clone(), of, &mut rand_seeded(seed))
                .unwrap();
            assert_eq!(again, reference);
        }

        // Two shares, one of them wrong in each way a worker could be.
        let start = || {
            Job::start(
                &prover,
                &f.public,
                f.witness.clone(),
                2,
                &mut rand_seeded(7),
            )
            .unwrap()
        };
        let keys = [
            KeyShare::new(&pk, 0, 2).unwrap(),
            KeyShare::new(&pk, 1, 2).unwrap(),
        ];
        let honest = |job: &Job, i: usize| keys[i].sum(&job.scalars(i).unwrap()).unwrap();
        // Missing.
        let mut job = start();
        job.add(honest(&job, 0)).unwrap();
        assert!(matches!(
            job.finish(&prover),
            Err(groth16::KeyError::Corrupt(..))
        ));
        // Share 0's sums sent for both (a share's sums under another index
        // are refused when decoded only by their length check, so build it).
        let mut job = start();
        let zero = honest(&job, 0);
        let mut as_one = zero.to_bytes();
        as_one[0] = 1;
        job.add(zero).unwrap();
        job.add(Partial::from_bytes(&as_one).unwrap()).unwrap();
        assert!(matches!(
            job.finish(&prover),
            Err(groth16::KeyError::Unsatisfied)
        ));
        // Sums over a tampered scalar.
        let mut job = start();
        let mut bytes = job.scalars(1).unwrap().to_bytes();
        bytes[8 + 8 + 40] ^= 1;
        let tampered = Scalars::from_bytes(&bytes).unwrap();
        job.add(honest(&job, 0)).unwrap();
        job.add(keys[1].sum(&tampered).unwrap()).unwrap();
        assert!(matches!(
            job.finish(&prover),
            Err(groth16::KeyError::Unsatisfied)
        ));
        // A key share for other scalars, and a count that is not the job's.
        let job = start();
        assert!(matches!(
            keys[0].sum(&job.scalars(1).unwrap()),
            Err(groth16::KeyError::Corrupt(..))
        ));
        assert!(matches!(
            KeyShare::new(&pk, 0, 3)
                .unwrap()
                .sum(&job.scalars(0).unwrap()),
            Err(groth16::KeyError::Corrupt(..))
        ));
        let mut job = start();
        let three = KeyShare::new(&pk, 0, 3).unwrap();
        let other = Job::start(
            &prover,
            &f.public,
            f.witness.clone(),
            3,
            &mut rand_seeded(7),
        )
        .unwrap();
        assert!(matches!(
            job.add(three.sum(&other.scalars(0).unwrap()).unwrap()),
            Err(groth16::KeyError::Corrupt(..))
        ));
        assert!(matches!(
            job.scalars(2),
            Err(groth16::KeyError::Corrupt(..))
        ));
        assert!(matches!(
            KeyShare::new(&pk, 2, 2),
            Err(groth16::KeyError::Corrupt(..))
        ));
        assert!(matches!(
            Job::start(
                &prover,
                &f.public,
                f.witness.clone(),
                0,
                &mut rand_seeded(7)
            ),
            Err(groth16::KeyError::Corrupt(..))
        ));

        // Encodings: a non-canonical scalar, trailing or missing bytes,
        // a point off the curve.
        let good = job.scalars(0).unwrap().to_bytes();
        let mut high = good.to_vec();
        high[8 + 8 + 31] = 0xff;
        assert!(matches!(
            Scalars::from_bytes(&high),
            Err(groth16::KeyError::Corrupt(..))
        ));
        let mut longer = good.to_vec();
        longer.push(0);
        assert!(matches!(
            Scalars::from_bytes(&longer),
            Err(groth16::KeyError::Corrupt(..))
        ));
        assert!(matches!(
            Scalars::from_bytes(&good[..good.len() - 1]),
            Err(groth16::KeyError::Corrupt(..))
        ));
        let part = honest(&job, 0).to_bytes();
        let mut off = part.clone();
        off[8 + 5] ^= 1;
        assert!(matches!(
            Partial::from_bytes(&off),
            Err(groth16::KeyError::Corrupt(..))
        ));
        assert!(matches!(
            Partial::from_bytes(&part[..part.len() - 1]),
            Err(groth16::KeyError::Corrupt(..))
        ));
        let mut big_index = part.clone();
        big_index[0] = 2;
        assert!(matches!(
            Partial::from_bytes(&big_index),
            Err(groth16::KeyError::Corrupt(..))
        ));
        assert_eq!(Partial::from_bytes(&part).unwrap(), honest(&job, 0));
        job.add(honest(&job, 0)).unwrap();
        job.add(honest(&job, 1)).unwrap();
        verifier
            .verify(&f.public, &job.finish(&prover).unwrap())
            .unwrap();
    }
}

fn rand_seeded(seed: u64) -> ark_std::rand::rngs::StdRng {
    ark_std::rand::rngs::StdRng::seed_from_u64(seed)
}

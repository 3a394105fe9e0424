//! The provenance statement, in two versions with the same public inputs
//! and the same meaning (v2 is smaller and proves about twice as fast).
//!
//! Public: registry root `R`, commitment `C`, time window `[t_lo, t_hi]`,
//! latitude box `[lat_lo, lat_hi]`, longitude box `[lon_lo, lon_hi]`, in
//! that order. Witness: `h_hi, h_lo, r, t, lat, lon`, device key `A`,
//! signature `(R8, S)` and the Merkle path. The circuit enforces:
//!
//! 1. `h_hi, h_lo < 2¹²⁸`;
//! 2. `M = Poseidon(h_hi, h_lo, t, lat, lon)`;
//! 3. EdDSA-Poseidon: `A`, `R8` on the curve, `8·A ≠ 0`, `S < l`,
//!    `8·(S·B8 − R8 − H·8A) = 0`, `H = Poseidon(R8, A, M)`;
//! 4. `Poseidon(A.x, A.y)` is a leaf of the tree with root `R`
//!    (direction bits are booleans): v1's binary tree of depth 20, v2's
//!    quaternary tree of depth 10 ([`merkle`]);
//! 5. `C = Poseidon(h_hi, h_lo, r)`;
//! 6. `t − t_lo < 2⁶⁴` and `t_hi − t < 2⁶⁴`, and the same for `lat` and
//!    `lon` with 32 bits. With the bounds themselves below 2⁶⁴ (2³²), which
//!    every verifier checks on the public inputs before it verifies, this
//!    is `t_lo ≤ t ≤ t_hi` over the integers (no sum here can wrap the
//!    254-bit field).
//!
//! v2 computes the signature check on the Montgomery form
//! ([`gadgets::verify_eddsa_v2`]) and checks `S < l` with a second range
//! check; v1 keeps its twisted-Edwards gadgets.
//!
//! Nothing in the circuit's shape depends on the witness: setup synthesises
//! it with no values at all.

use ark_ff::PrimeField;
use ark_r1cs_std::fields::fp::FpVar;
use ark_r1cs_std::prelude::*;
use ark_relations::gr1cs::{ConstraintSynthesizer, ConstraintSystemRef, SynthesisError};

use crate::babyjubjub::{self, Point};
use crate::eddsa::Signature;
use crate::gadgets;
use crate::merkle::{self, Path};
use crate::{commitment, poseidon, Error, Fr};

/// The v1 statement's identifier, carried by keys and bundles.
pub const STATEMENT_ID: &str = "darkroom-provenance-v1";

/// The v2 statement's identifier.
pub const STATEMENT_ID_V2: &str = "darkroom-provenance-v2";

/// A version of the statement.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Version {
    /// Binary registry tree, twisted-Edwards signature check (11,350
    /// constraints).
    #[default]
    V1,
    /// Quaternary registry tree, Montgomery signature check (under 8,192
    /// constraints, a 2¹³ proving domain).
    V2,
}

impl Version {
    /// Every version, oldest first.
    pub const ALL: [Version; 2] = [Version::V1, Version::V2];

    /// The identifier keys and bundles carry.
    pub fn id(self) -> &'static str {
        match self {
            Version::V1 => STATEMENT_ID,
            Version::V2 => STATEMENT_ID_V2,
        }
    }

    /// The version with this identifier.
    pub fn from_id(id: &str) -> Option<Version> {
        Version::ALL.into_iter().find(|v| v.id() == id)
    }

    /// How many constraints the version's circuit has: what a proving
    /// key's stored matrices are checked against without synthesising the
    /// circuit again (a test keeps it equal to [`constraint_count_of`]).
    pub const fn constraints(self) -> usize {
        match self {
            Version::V1 => 11_350,
            Version::V2 => 7_948,
        }
    }

    /// The registry tree this version proves membership in.
    pub fn tree(self) -> merkle::Shape {
        match self {
            Version::V1 => merkle::BINARY,
            Version::V2 => merkle::QUATERNARY,
        }
    }
}

/// `lat`/`lon` value meaning the device had no position fix.
pub const NO_FIX: u32 = u32::MAX;

/// Number of public inputs.
pub const NUM_PUBLIC: usize = 8;

/// The statement's public inputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PublicInputs {
    /// `R`: the device registry's Merkle root.
    pub root: Fr,
    /// `C`: the commitment to the photo's content digest.
    pub commitment: Fr,
    /// Earliest capture time, Unix seconds.
    pub t_lo: u64,
    /// Latest capture time, Unix seconds.
    pub t_hi: u64,
    /// Southern bound, degrees×10⁷ + 90×10⁷.
    pub lat_lo: u32,
    /// Northern bound, shifted the same way.
    pub lat_hi: u32,
    /// Western bound, degrees×10⁷ + 180×10⁷.
    pub lon_lo: u32,
    /// Eastern bound, shifted the same way.
    pub lon_hi: u32,
}

impl PublicInputs {
    /// The inputs as the verifier feeds them to Groth16, in order.
    pub fn to_field_elements(&self) -> [Fr; NUM_PUBLIC] {
        [
            self.root,
            self.commitment,
            Fr::from(self.t_lo),
            Fr::from(self.t_hi),
            Fr::from(self.lat_lo),
            Fr::from(self.lat_hi),
            Fr::from(self.lon_lo),
            Fr::from(self.lon_hi),
        ]
    }

    /// Parses the field elements back, refusing bounds that do not fit
    /// their integer types (the circuit's range checks rely on that).
    pub fn from_field_elements(x: &[Fr; NUM_PUBLIC]) -> Result<Self, Error> {
        let u64_of = |f: &Fr| -> Result<u64, Error> {
            let big = f.into_bigint();
            if big.0[1] != 0 || big.0[2] != 0 || big.0[3] != 0 {
                return Err(Error::BoundOutOfRange);
            }
            Ok(big.0[0])
        };
        let u32_of = |f: &Fr| -> Result<u32, Error> {
            u32::try_from(u64_of(f)?).map_err(|_| Error::BoundOutOfRange)
        };
        Ok(PublicInputs {
            root: x[0],
            commitment: x[1],
            t_lo: u64_of(&x[2])?,
            t_hi: u64_of(&x[3])?,
            lat_lo: u32_of(&x[4])?,
            lat_hi: u32_of(&x[5])?,
            lon_lo: u32_of(&x[6])?,
            lon_hi: u32_of(&x[7])?,
        })
    }
}

/// Every witness value, as raw field elements so that tests can tamper with
/// any one of them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Witness {
    /// High 128 bits of the content digest.
    pub h_hi: Fr,
    /// Low 128 bits of the content digest.
    pub h_lo: Fr,
    /// The commitment's opening.
    pub r: Fr,
    /// Capture time.
    pub t: Fr,
    /// Shifted latitude, or [`NO_FIX`].
    pub lat: Fr,
    /// Shifted longitude, or [`NO_FIX`].
    pub lon: Fr,
    /// Device key `A`, `(x, y)`.
    pub a: (Fr, Fr),
    /// Signature nonce point `R8`, `(x, y)`.
    pub r8: (Fr, Fr),
    /// Signature scalar `S`, as a base-field element.
    pub s: Fr,
    /// Merkle siblings, leaf level first (`arity − 1` a level).
    pub siblings: Vec<Fr>,
    /// Direction bits: the leaf's index, least significant first.
    pub directions: Vec<bool>,
}

/// What a capture device signed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Capture {
    /// The content digest `h`.
    pub digest: [u8; 32],
    /// Unix seconds.
    pub t: u64,
    /// Shifted latitude, or [`NO_FIX`].
    pub lat: u32,
    /// Shifted longitude, or [`NO_FIX`].
    pub lon: u32,
}

impl Capture {
    /// `M = Poseidon(h_hi, h_lo, t, lat, lon)`, the message a device signs.
    pub fn message(&self) -> Fr {
        let (hi, lo) = commitment::digest_halves(&self.digest);
        match poseidon::hash(&[
            hi,
            lo,
            Fr::from(self.t),
            Fr::from(self.lat),
            Fr::from(self.lon),
        ]) {
            Ok(m) => m,
            Err(_) => unreachable!("Poseidon(5) is defined"),
        }
    }
}

impl Drop for Witness {
    // The witness names the photo (h), the device (A) and the exact time and
    // place: wipe it once proving is done.
    fn drop(&mut self) {
        use zeroize::Zeroize;
        for x in [
            &mut self.h_hi,
            &mut self.h_lo,
            &mut self.r,
            &mut self.t,
            &mut self.lat,
            &mut self.lon,
            &mut self.a.0,
            &mut self.a.1,
            &mut self.r8.0,
            &mut self.r8.1,
            &mut self.s,
        ] {
            x.zeroize();
        }
        self.siblings.zeroize();
        self.directions.zeroize();
    }
}

impl Witness {
    /// The witness for a signed capture, its opening and its registry path
    /// (in the tree of the version it will prove).
    pub fn new(capture: &Capture, r: Fr, device: &Point, sig: &Signature, path: &Path) -> Self {
        let (h_hi, h_lo) = commitment::digest_halves(&capture.digest);
        Witness {
            h_hi,
            h_lo,
            r,
            t: Fr::from(capture.t),
            lat: Fr::from(capture.lat),
            lon: Fr::from(capture.lon),
            a: (device.x, device.y),
            r8: (sig.r8.x, sig.r8.y),
            s: Fr::from_le_bytes_mod_order(&babyjubjub::scalar_to_le(&sig.s)),
            siblings: path.siblings.to_vec(),
            directions: (0..merkle::INDEX_BITS).map(|i| path.direction(i)).collect(),
        }
    }
}

/// The number of constraints in the v1 circuit.
pub fn constraint_count() -> usize {
    constraint_count_of(Version::V1)
}

/// The number of constraints in a version's circuit.
pub fn constraint_count_of(version: Version) -> usize {
    use ark_relations::gr1cs::{ConstraintSystem, SynthesisMode};
    let cs = ConstraintSystem::<Fr>::new_ref();
    cs.set_mode(SynthesisMode::Setup);
    match ProvenanceCircuit::shape(version).generate_constraints(cs.clone()) {
        Ok(()) => cs.num_constraints(),
        Err(_) => 0,
    }
}

/// The circuit. With `None` values it is the shape alone, for setup.
#[derive(Clone, Debug, Default)]
pub struct ProvenanceCircuit {
    /// Which statement.
    pub version: Version,
    /// Public inputs, as field elements.
    pub public: Option<[Fr; NUM_PUBLIC]>,
    /// The witness.
    pub witness: Option<Witness>,
}

impl ProvenanceCircuit {
    /// The v1 circuit for proving.
    pub fn new(public: &PublicInputs, witness: Witness) -> Self {
        ProvenanceCircuit::of(Version::V1, public, witness)
    }

    /// A version's circuit for proving.
    pub fn of(version: Version, public: &PublicInputs, witness: Witness) -> Self {
        ProvenanceCircuit {
            version,
            public: Some(public.to_field_elements()),
            witness: Some(witness),
        }
    }
}

impl ProvenanceCircuit {
    /// A version's shape alone, for setup.
    pub fn shape(version: Version) -> Self {
        ProvenanceCircuit {
            version,
            public: None,
            witness: None,
        }
    }
}

impl ConstraintSynthesizer<Fr> for ProvenanceCircuit {
    fn generate_constraints(self, cs: ConstraintSystemRef<Fr>) -> Result<(), SynthesisError> {
        let public = self.public;
        let input = |i: usize| {
            FpVar::new_input(cs.clone(), || {
                public
                    .map(|p| p[i])
                    .ok_or(SynthesisError::AssignmentMissing)
            })
        };
        let root = input(0)?;
        let c = input(1)?;
        let t_lo = input(2)?;
        let t_hi = input(3)?;
        let lat_lo = input(4)?;
        let lat_hi = input(5)?;
        let lon_lo = input(6)?;
        let lon_hi = input(7)?;

        let w = self.witness.as_ref();
        let witness = |f: &dyn Fn(&Witness) -> Fr| {
            FpVar::new_witness(cs.clone(), || {
                w.map(f).ok_or(SynthesisError::AssignmentMissing)
            })
        };
        let h_hi = witness(&|w| w.h_hi)?;
        let h_lo = witness(&|w| w.h_lo)?;
        let r = witness(&|w| w.r)?;
        let t = witness(&|w| w.t)?;
        let lat = witness(&|w| w.lat)?;
        let lon = witness(&|w| w.lon)?;
        let a = gadgets::point_on_curve(witness(&|w| w.a.0)?, witness(&|w| w.a.1)?)?;
        let r8 = gadgets::point_on_curve(witness(&|w| w.r8.0)?, witness(&|w| w.r8.1)?)?;
        let s = witness(&|w| w.s)?;
        let tree = self.version.tree();
        let mut siblings = Vec::with_capacity(tree.path_len());
        for i in 0..tree.path_len() {
            siblings.push(witness(&|w| {
                w.siblings.get(i).copied().unwrap_or_default()
            })?);
        }
        let mut directions = Vec::with_capacity(merkle::INDEX_BITS);
        for i in 0..merkle::INDEX_BITS {
            directions.push(Boolean::new_witness(cs.clone(), || {
                w.map(|w| w.directions.get(i).copied().unwrap_or_default())
                    .ok_or(SynthesisError::AssignmentMissing)
            })?);
        }

        // 1. The digest halves are 128-bit numbers.
        gadgets::range_check(&h_hi, 128)?;
        gadgets::range_check(&h_lo, 128)?;

        // 2. The signed message.
        let m = gadgets::poseidon(
            &cs,
            &[
                h_hi.clone(),
                h_lo.clone(),
                t.clone(),
                lat.clone(),
                lon.clone(),
            ],
        )?;

        // 3. The device's signature on it.
        match self.version {
            Version::V1 => gadgets::verify_eddsa(&cs, &a, &r8, &s, &m)?,
            Version::V2 => gadgets::verify_eddsa_v2(&cs, &a, &r8, &s, &m)?,
        }

        // 4. The device is in the registry.
        let leaf = gadgets::poseidon(&cs, &[a.x.clone(), a.y.clone()])?;
        gadgets::merkle_root(&cs, tree, &leaf, &siblings, &directions)?.enforce_equal(&root)?;

        // 5. The commitment opens to the same digest.
        gadgets::poseidon(&cs, &[h_hi, h_lo, r])?.enforce_equal(&c)?;

        // 6. Time and place lie inside the public window and box.
        for (value, lo, hi, bits) in [
            (&t, &t_lo, &t_hi, 64),
            (&lat, &lat_lo, &lat_hi, 32),
            (&lon, &lon_lo, &lon_hi, 32),
        ] {
            gadgets::range_check(&(value - lo), bits)?;
            gadgets::range_check(&(hi - value), bits)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stated_counts_are_the_circuits() {
        for v in Version::ALL {
            assert_eq!(v.constraints(), constraint_count_of(v), "{}", v.id());
        }
    }

    #[test]
    fn v2_fits_a_2_13_domain() {
        let v1 = constraint_count_of(Version::V1);
        let v2 = constraint_count_of(Version::V2);
        assert!(v2 < v1, "v1 {v1}, v2 {v2}");
        assert!(v2 + NUM_PUBLIC < 1 << 13, "{v2}");
    }
}

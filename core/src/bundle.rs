//! Proof bundles: a provenance proof with everything needed to check it
//! except the verifying key, which the circuit id names.
//!
//! JSON:
//!
//! ```json
//! { "format": "darkroom-proof", "version": 1,
//!   "statement": "darkroom-provenance-v1", "circuit": "<64 hex>",
//!   "public_inputs": ["0x…", … 8 of them, in the statement's order],
//!   "proof": "<256 hex: the compressed Groth16 proof>" }
//! ```
//!
//! Binary: `DRKPROOF`, version byte 1, statement id length (1 byte) and
//! bytes, circuit id (32), eight 32-byte big-endian field elements, and
//! the 128-byte proof. Both forms carry the same data; parsing is strict
//! (canonical field elements, bounds within their integer ranges, no
//! unknown fields, no trailing bytes).

use darkroom_circuits::groth16::{Verifier, PROOF_LEN};
use darkroom_circuits::statement::{PublicInputs, Version, NUM_PUBLIC};
use darkroom_circuits::{field, Fr};
use serde::{Deserialize, Serialize};

use crate::ProofError;

const FORMAT: &str = "darkroom-proof";
const MAGIC: &[u8; 8] = b"DRKPROOF";
/// The bundle format's version.
pub const VERSION: u8 = 1;

/// A proof with its public inputs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bundle {
    /// The statement it proves.
    pub statement: Version,
    /// The circuit id of the keys that made it.
    pub circuit_id: [u8; 32],
    /// The public inputs.
    pub public: PublicInputs,
    /// The compressed Groth16 proof.
    pub proof: [u8; PROOF_LEN],
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Json {
    format: String,
    version: u8,
    statement: String,
    circuit: String,
    public_inputs: Vec<String>,
    proof: String,
}

/// Largest shifted latitude (90° N).
pub const MAX_LAT: u32 = 1_800_000_000;
/// Largest shifted longitude (180° E).
pub const MAX_LON: u32 = 3_600_000_000;

/// Refuses public inputs whose meaning would be unclear: an empty window,
/// or a box that is neither "anywhere" nor a box of valid coordinates (a
/// box reaching 2³²−1 would quietly include captures with no fix).
pub fn check_public(p: &PublicInputs) -> Result<(), ProofError> {
    if p.t_lo > p.t_hi {
        return Err(ProofError::Bundle("its time window is empty".into()));
    }
    let anywhere = (p.lat_lo, p.lat_hi, p.lon_lo, p.lon_hi) == (0, u32::MAX, 0, u32::MAX);
    let finite =
        p.lat_lo <= p.lat_hi && p.lat_hi <= MAX_LAT && p.lon_lo <= p.lon_hi && p.lon_hi <= MAX_LON;
    if !(anywhere || finite) {
        return Err(ProofError::Bundle("its region is not a valid box".into()));
    }
    Ok(())
}

fn bad(detail: impl Into<String>) -> ProofError {
    ProofError::Bundle(detail.into())
}

fn public_from(elements: &[Fr]) -> Result<PublicInputs, ProofError> {
    let arr: [Fr; NUM_PUBLIC] = elements
        .try_into()
        .map_err(|_| bad(format!("it needs {NUM_PUBLIC} public inputs")))?;
    let public = PublicInputs::from_field_elements(&arr).map_err(|e| bad(e.to_string()))?;
    check_public(&public)?;
    Ok(public)
}

impl Bundle {
    /// The JSON form.
    pub fn to_json(&self) -> String {
        let j = Json {
            format: FORMAT.into(),
            version: VERSION,
            statement: self.statement.id().into(),
            circuit: hex::encode(self.circuit_id),
            public_inputs: self
                .public
                .to_field_elements()
                .iter()
                .map(field::to_hex)
                .collect(),
            proof: hex::encode(self.proof),
        };
        let mut out = serde_json::to_string_pretty(&j).unwrap_or_default();
        out.push('\n');
        out
    }

    /// The binary form.
    pub fn to_bytes(&self) -> Vec<u8> {
        let id = self.statement.id();
        let mut out = Vec::with_capacity(8 + 2 + id.len() + 32 + 32 * NUM_PUBLIC + PROOF_LEN);
        out.extend_from_slice(MAGIC);
        out.push(VERSION);
        out.push(id.len() as u8);
        out.extend_from_slice(id.as_bytes());
        out.extend_from_slice(&self.circuit_id);
        for x in self.public.to_field_elements() {
            out.extend_from_slice(&field::to_bytes(&x));
        }
        out.extend_from_slice(&self.proof);
        out
    }

    /// Parses either form.
    pub fn parse(bytes: &[u8]) -> Result<Self, ProofError> {
        if bytes.starts_with(MAGIC) {
            Self::from_bytes(bytes)
        } else {
            let text = std::str::from_utf8(bytes)
                .map_err(|_| bad("it is neither JSON nor a binary bundle"))?;
            Self::from_json(text)
        }
    }

    fn check_statement(statement: &str) -> Result<Version, ProofError> {
        Version::from_id(statement).ok_or_else(|| {
            let known: Vec<&str> = Version::ALL.iter().map(|v| v.id()).collect();
            bad(format!(
                "it proves statement {statement:?}, which this version of Darkroom does not know (it knows {})",
                known.join(" and ")
            ))
        })
    }

    /// Parses the JSON form.
    pub fn from_json(text: &str) -> Result<Self, ProofError> {
        let j: Json = serde_json::from_str(text).map_err(|e| bad(format!("{e}")))?;
        if j.format != FORMAT {
            return Err(bad("it is not a Darkroom proof bundle"));
        }
        if j.version != VERSION {
            return Err(bad(format!("format version {} is unknown", j.version)));
        }
        let statement = Self::check_statement(&j.statement)?;
        let circuit_id: [u8; 32] = hex::decode(&j.circuit)
            .ok()
            .and_then(|v| v.try_into().ok())
            .ok_or_else(|| bad("its circuit id is not 64 hex digits"))?;
        let elements = j
            .public_inputs
            .iter()
            .map(|s| {
                field::from_hex(s).map_err(|_| {
                    bad(format!(
                        "public input {s:?} is not a canonical field element"
                    ))
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let proof: [u8; PROOF_LEN] = hex::decode(&j.proof)
            .ok()
            .and_then(|v| v.try_into().ok())
            .ok_or_else(|| bad("its proof is not 128 bytes of hex"))?;
        Ok(Bundle {
            statement,
            circuit_id,
            public: public_from(&elements)?,
            proof,
        })
    }

    /// Parses the binary form.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, ProofError> {
        let rest = bytes
            .strip_prefix(&MAGIC[..])
            .ok_or_else(|| bad("it is not a Darkroom proof bundle"))?;
        let short = || bad("it is cut short");
        let (&version, rest) = rest.split_first().ok_or_else(short)?;
        if version != VERSION {
            return Err(bad(format!("format version {version} is unknown")));
        }
        let (&n, rest) = rest.split_first().ok_or_else(short)?;
        let statement = rest.get(..n as usize).ok_or_else(short)?;
        let statement = Self::check_statement(&String::from_utf8_lossy(statement))?;
        let rest = &rest[n as usize..];
        let need = 32 + 32 * NUM_PUBLIC + PROOF_LEN;
        if rest.len() != need {
            return Err(if rest.len() < need {
                short()
            } else {
                bad("it has trailing bytes")
            });
        }
        let mut circuit_id = [0u8; 32];
        circuit_id.copy_from_slice(&rest[..32]);
        let elements = rest[32..32 + 32 * NUM_PUBLIC]
            .chunks(32)
            .map(|c| {
                let mut b = [0u8; 32];
                b.copy_from_slice(c);
                field::from_bytes(&b)
                    .map_err(|_| bad("a public input is not a canonical field element"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let mut proof = [0u8; PROOF_LEN];
        proof.copy_from_slice(&rest[32 + 32 * NUM_PUBLIC..]);
        Ok(Bundle {
            statement,
            circuit_id,
            public: public_from(&elements)?,
            proof,
        })
    }

    /// Whether these keys made it: the same statement and circuit.
    pub fn made_by(&self, verifier: &Verifier) -> Result<(), ProofError> {
        if self.statement != verifier.version() {
            return Err(ProofError::ProofInvalid(format!(
                "it proves {}, but these keys are for {}",
                self.statement.id(),
                verifier.version().id()
            )));
        }
        if &self.circuit_id != verifier.circuit_id() {
            return Err(ProofError::ProofInvalid(format!(
                "it was made for circuit {}, but these keys are for circuit {}",
                hex::encode(self.circuit_id),
                hex::encode(verifier.circuit_id())
            )));
        }
        Ok(())
    }

    /// Verifies the proof with these keys.
    pub fn verify(&self, verifier: &Verifier) -> Result<(), ProofError> {
        self.made_by(verifier)?;
        verifier
            .verify(&self.public, &self.proof)
            .map_err(|e| ProofError::ProofInvalid(e.to_string()))
    }
}

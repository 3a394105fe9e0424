//! The circom versions of both statements (circomlib's
//! EdDSAPoseidonVerifier, Poseidon and Num2Bits), compiled by circom 2,
//! accept the witness our prover builds, and refuse it when a public bound
//! excludes the capture or the registry path is wrong: circomlib agrees with
//! our native code on every value the statements use, the quaternary
//! registry tree included.

use std::io::Cursor;
use std::path::Path;
use std::process::Command;

use darkroom_circuits::eddsa::PrivateKey;
use darkroom_circuits::groth16;
use darkroom_circuits::snarkjs::{self, circom_input};
use darkroom_circuits::statement::{PublicInputs, Version, Witness};
use darkroom_core::capture::{self, Attestation};
use darkroom_core::digest::{ContentDigest, Opening};
use darkroom_core::provenance::{self, Region, TimeWindow};
use darkroom_core::registry::Registry;

use crate::util::*;

#[test]
fn circomlib_accepts_our_witness_and_refuses_a_tampered_one() {
    for v in Version::ALL {
        circomlib_agrees_on(v);
    }
}

fn circomlib_agrees_on(version: Version) {
    let node = require!("node");
    let js = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/js");
    if !js.join("node_modules/circom2").exists() {
        require!("tests/js/node_modules/circom2 (npm ci --prefix tests/js)");
    }
    let circuit_name = format!("provenance_v{}", version.id().rsplit('v').next().unwrap());
    let dir = scratch(&format!("circom-peer-{circuit_name}"));

    let (attestation, mut public, witness) = fixture(version);

    let circuit = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("circuits/circom")
        .join(format!("{circuit_name}.circom"));
    ok(Command::new(&node)
        .arg(js.join("node_modules/circom2/cli.js"))
        .arg(&circuit)
        .args(["--wasm", "-l"])
        .arg(js.join("node_modules"))
        .arg("-o")
        .arg(&dir));
    let gen = dir.join(format!("{circuit_name}_js"));
    let witness_of = |name: &str, input: String| {
        let path = dir.join(format!("{name}.json"));
        std::fs::write(&path, input).unwrap();
        run(Command::new(&node)
            .arg(gen.join("generate_witness.js"))
            .arg(gen.join(format!("{circuit_name}.wasm")))
            .arg(&path)
            .arg(dir.join(format!("{name}.wtns"))))
    };

    let out = witness_of("honest", circom_input(&public, &witness));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir.join("honest.wtns").exists());

    // A sibling out of place: the path leads to another root.
    let mut moved = witness.clone();
    moved.siblings.swap(0, 1);
    let out = witness_of("moved", circom_input(&public, &moved));
    assert!(
        !out.status.success(),
        "{circuit_name}: circom accepted a wrong path"
    );

    public.t_hi = attestation.capture.t - 1;
    public.t_lo = public.t_hi - 10;
    let out = witness_of("late", circom_input(&public, &witness));
    assert!(
        !out.status.success(),
        "circom accepted a capture outside the window"
    );
}

/// A signed memo from the sixth of six devices, proven for its day and a
/// one-degree box, with the registry path in `version`'s tree.
fn fixture(version: Version) -> (Attestation, PublicInputs, Witness) {
    let file = b"%PDF-1.7 a memo".to_vec();
    let (digest, _) = ContentDigest::of(Cursor::new(&file), Some("memo.pdf")).unwrap();
    let key = PrivateKey::from_bytes([42; 32]);
    let attestation = Attestation::sign(
        &key,
        &digest,
        1_795_696_496,
        capture::shift_lat(-33.8688).unwrap(),
        capture::shift_lon(151.2093).unwrap(),
    );
    let devices = (1..=5u8)
        .map(|i| PrivateKey::from_bytes([i; 32]).public())
        .chain([key.public()])
        .collect();
    let registry = Registry::new(devices).unwrap();
    let (public, witness) = provenance::prepare(
        version,
        &attestation,
        &digest,
        &registry,
        TimeWindow::Day,
        Region::Box(-34.0, 151.0, -33.0, 152.0),
        &Opening::random(),
    )
    .unwrap();
    (attestation, public, witness)
}

/// snarkjs checks a v2 proof made by our prover against our verifying key,
/// and refuses it for other public inputs.
#[test]
fn snarkjs_verifies_a_v2_proof() {
    let node = require!("node");
    let cli = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/js/node_modules/snarkjs/cli.js");
    if !cli.exists() {
        require!("tests/js/node_modules/snarkjs (npm ci --prefix tests/js)");
    }
    let dir = scratch("snarkjs-v2");
    let (_, public, witness) = fixture(Version::V2);
    let mut rng = rand::rngs::OsRng;
    let (pk, vk) = groth16::setup_dev(Version::V2, &mut rng).unwrap();
    let bytes = groth16::prove(&pk, Version::V2, &public, witness, &mut rng).unwrap();
    let proof = groth16::decode_proof(&bytes).unwrap();
    std::fs::write(dir.join("vk.json"), snarkjs::verification_key(&vk)).unwrap();
    std::fs::write(dir.join("proof.json"), snarkjs::proof(&proof)).unwrap();
    let verify = |inputs: &PublicInputs| {
        std::fs::write(
            dir.join("public.json"),
            snarkjs::public(&inputs.to_field_elements()),
        )
        .unwrap();
        run(Command::new(&node)
            .arg(&cli)
            .args(["groth16", "verify"])
            .arg(dir.join("vk.json"))
            .arg(dir.join("public.json"))
            .arg(dir.join("proof.json")))
    };
    let out = verify(&public);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && said.contains("OK"), "{said}");
    let mut other = public;
    other.t_lo += 1;
    let out = verify(&other);
    assert!(
        !out.status.success(),
        "snarkjs accepted other public inputs"
    );
}

//! The circom version of the statement (circomlib's EdDSAPoseidonVerifier,
//! Poseidon and Num2Bits), compiled by circom 2, accepts the witness our
//! prover builds, and refuses it when a public bound excludes the capture:
//! circomlib agrees with our native code on every value the statement uses.

use std::io::Cursor;
use std::path::Path;
use std::process::Command;

use darkroom_circuits::eddsa::PrivateKey;
use darkroom_circuits::snarkjs::circom_input;
use darkroom_core::capture::{self, Attestation};
use darkroom_core::digest::{ContentDigest, Opening};
use darkroom_core::provenance::{self, Region, TimeWindow};
use darkroom_core::registry::Registry;

use crate::util::*;

#[test]
fn circomlib_accepts_our_witness_and_refuses_a_tampered_one() {
    let node = require!("node");
    let js = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/js");
    if !js.join("node_modules/circom2").exists() {
        require!("tests/js/node_modules/circom2 (npm ci --prefix tests/js)");
    }
    let dir = scratch("circom-peer");

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
    let (mut public, witness) = provenance::prepare(
        &attestation,
        &digest,
        &registry,
        TimeWindow::Day,
        Region::Box(-34.0, 151.0, -33.0, 152.0),
        &Opening::random(),
    )
    .unwrap();

    let circuit =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("circuits/circom/provenance_v1.circom");
    ok(Command::new(&node)
        .arg(js.join("node_modules/circom2/cli.js"))
        .arg(&circuit)
        .args(["--wasm", "-l"])
        .arg(js.join("node_modules"))
        .arg("-o")
        .arg(&dir));
    let gen = dir.join("provenance_v1_js");
    let witness_of = |name: &str, input: String| {
        let path = dir.join(format!("{name}.json"));
        std::fs::write(&path, input).unwrap();
        run(Command::new(&node)
            .arg(gen.join("generate_witness.js"))
            .arg(gen.join("provenance_v1.wasm"))
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

    public.t_hi = attestation.capture.t - 1;
    public.t_lo = public.t_hi - 10;
    let out = witness_of("late", circom_input(&public, &witness));
    assert!(
        !out.status.success(),
        "circom accepted a capture outside the window"
    );
}

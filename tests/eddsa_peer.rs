//! EdDSA-Poseidon against circomlibjs and @zk-kit/eddsa-poseidon: the same
//! keys give the same public keys and signatures, ours verify there, theirs
//! verify here, and a changed message fails everywhere.

use ark_ff::PrimeField;
use darkroom_circuits::eddsa::{self, PrivateKey, Signature};
use darkroom_circuits::Fr;
use rand::{RngCore, SeedableRng};
use serde_json::{json, Value};

use crate::util::*;

/// Sends one JSON request per line to tests/js/eddsa.mjs.
fn oracle(requests: &[Value]) -> Option<Vec<Value>> {
    node_json("eddsa.mjs", "circomlibjs", requests)
}

fn dec(x: &Fr) -> String {
    x.into_bigint().to_string()
}

#[test]
fn signatures_match_circomlibjs_and_zk_kit_both_ways() {
    let mut rng = rand::rngs::StdRng::seed_from_u64(0xED25);
    let mut cases = Vec::new();
    for _ in 0..6 {
        let mut key = [0u8; 32];
        rng.fill_bytes(&mut key);
        let mut wide = [0u8; 64];
        rng.fill_bytes(&mut wide);
        cases.push((key, darkroom_circuits::field::from_wide_bytes(&wide)));
    }
    let libs = ["circomlibjs", "zk-kit"];
    let mut requests = Vec::new();
    for (key, m) in &cases {
        for lib in libs {
            requests
                .push(json!({"op": "sign", "lib": lib, "key": hex::encode(key), "msg": dec(m)}));
        }
    }
    let Some(signed) = oracle(&requests) else {
        return;
    };

    let mut verify_requests = Vec::new();
    for (i, (key, m)) in cases.iter().enumerate() {
        let ours = PrivateKey::from_bytes(*key);
        let a = ours.public();
        let sig = ours.sign(m);
        for (j, _) in libs.iter().enumerate() {
            let theirs = &signed[2 * i + j];
            // Same public key and the same deterministic signature.
            assert_eq!(theirs["public"], eddsa::public_key_hex(&a), "{theirs}");
            assert_eq!(theirs["signature"], hex::encode(sig.to_bytes()), "{theirs}");
            // Theirs verifies in ours.
            let bytes: [u8; 64] = hex::decode(theirs["signature"].as_str().unwrap())
                .unwrap()
                .try_into()
                .unwrap();
            eddsa::verify(&a, m, &Signature::from_bytes(&bytes).unwrap()).unwrap();
        }
        for lib in libs {
            for msg in [*m, *m + Fr::from(1u64)] {
                verify_requests.push(json!({
                    "op": "verify", "lib": lib,
                    "public": eddsa::public_key_hex(&a),
                    "msg": dec(&msg),
                    "signature": hex::encode(sig.to_bytes()),
                }));
            }
        }
    }
    let verdicts = oracle(&verify_requests).unwrap();
    for (k, v) in verdicts.iter().enumerate() {
        // Even entries are the signed message, odd ones a changed message.
        assert_eq!(v["ok"], json!(k % 2 == 0), "request {}", verify_requests[k]);
    }
}

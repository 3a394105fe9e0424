//! snarkjs' JSON forms of a Groth16 verifying key, proof and public
//! inputs, so that anyone can check a proof with `snarkjs groth16 verify`
//! instead of trusting this code. arkworks' Groth16 and snarkjs' check the
//! same equation over the same curve (snarkjs calls BN254 "bn128").

use ark_bn254::{Bn254, Fq, Fq2, G1Affine, G2Affine};
use ark_ff::PrimeField;
use ark_groth16::{Proof, VerifyingKey};

use crate::statement::{PublicInputs, Witness};
use crate::{field, Fr};

fn dec(x: &Fq) -> String {
    format!("\"{}\"", x.into_bigint())
}

fn g1(p: &G1Affine) -> String {
    format!("[{}, {}, \"1\"]", dec(&p.x), dec(&p.y))
}

fn fq2(x: &Fq2) -> String {
    format!("[{}, {}]", dec(&x.c0), dec(&x.c1))
}

fn g2(p: &G2Affine) -> String {
    format!("[{}, {}, [\"1\", \"0\"]]", fq2(&p.x), fq2(&p.y))
}

/// `verification_key.json`.
pub fn verification_key(vk: &VerifyingKey<Bn254>) -> String {
    let ic: Vec<String> = vk.gamma_abc_g1.iter().map(g1).collect();
    format!(
        "{{\n \"protocol\": \"groth16\",\n \"curve\": \"bn128\",\n \"nPublic\": {},\n \"vk_alpha_1\": {},\n \"vk_beta_2\": {},\n \"vk_gamma_2\": {},\n \"vk_delta_2\": {},\n \"IC\": [\n  {}\n ]\n}}\n",
        vk.gamma_abc_g1.len() - 1,
        g1(&vk.alpha_g1),
        g2(&vk.beta_g2),
        g2(&vk.gamma_g2),
        g2(&vk.delta_g2),
        ic.join(",\n  ")
    )
}

/// `proof.json`.
pub fn proof(p: &Proof<Bn254>) -> String {
    format!(
        "{{\n \"pi_a\": {},\n \"pi_b\": {},\n \"pi_c\": {},\n \"protocol\": \"groth16\",\n \"curve\": \"bn128\"\n}}\n",
        g1(&p.a),
        g2(&p.b),
        g1(&p.c)
    )
}

/// `public.json`: the public inputs as decimal strings, in order.
pub fn public(inputs: &[Fr]) -> String {
    let v: Vec<String> = inputs
        .iter()
        .map(|x| format!("\"{}\"", field::to_decimal(x)))
        .collect();
    format!("[\n {}\n]\n", v.join(",\n "))
}

/// The signals of `circuits/circom/provenance_v1.circom` (circom's
/// `input.json`) for these inputs, so the circom version of the statement can
/// be checked against, and benchmarked on, the same witness.
pub fn circom_input(p: &PublicInputs, w: &Witness) -> String {
    let names = [
        "root",
        "commitment",
        "t_lo",
        "t_hi",
        "lat_lo",
        "lat_hi",
        "lon_lo",
        "lon_hi",
    ];
    let mut fields: Vec<String> = names
        .iter()
        .zip(p.to_field_elements())
        .map(|(n, v)| format!("\"{n}\": \"{}\"", field::to_decimal(&v)))
        .collect();
    for (n, v) in [
        ("h_hi", w.h_hi),
        ("h_lo", w.h_lo),
        ("r", w.r),
        ("t", w.t),
        ("lat", w.lat),
        ("lon", w.lon),
        ("Ax", w.a.0),
        ("Ay", w.a.1),
        ("R8x", w.r8.0),
        ("R8y", w.r8.1),
        ("S", w.s),
    ] {
        fields.push(format!("\"{n}\": \"{}\"", field::to_decimal(&v)));
    }
    let siblings: Vec<String> = w
        .siblings
        .iter()
        .map(|s| format!("\"{}\"", field::to_decimal(s)))
        .collect();
    let directions: Vec<String> = w
        .directions
        .iter()
        .map(|b| format!("\"{}\"", u8::from(*b)))
        .collect();
    fields.push(format!("\"siblings\": [{}]", siblings.join(", ")));
    fields.push(format!("\"directions\": [{}]", directions.join(", ")));
    format!("{{{}}}\n", fields.join(", "))
}

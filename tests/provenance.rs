//! Provenance proofs end to end through the CLI: capture devices, the
//! registry, proving, verifying, sealing with a proof, and snarkjs checking
//! our exported proofs. Bad input gets one clear error and writes nothing.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use serde_json::Value;

use crate::util::*;

pub(crate) const T: &str = "1795696496"; // 2026-11-26 12:34:56 UTC

/// Development keys, made once per test run.
pub(crate) fn keys() -> &'static Path {
    static KEYS: OnceLock<PathBuf> = OnceLock::new();
    KEYS.get_or_init(|| {
        let dir = scratch("provenance-keys").join("keys");
        let out = run(darkroom().args(["setup", "--dev", "-o"]).arg(&dir));
        assert!(out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("DEVELOPMENT KEYS") && err.contains("forge"),
            "{err}"
        );
        dir
    })
}

fn photo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo-photo.jpg")
}

pub(crate) struct World {
    pub dir: PathBuf,
    pub device_key: PathBuf,
    pub registry: PathBuf,
    pub root: String,
}

/// Two registered devices and one outsider.
pub(crate) fn world(name: &str) -> World {
    let dir = scratch(name);
    let mut list = String::new();
    for k in ["device.key", "second.key"] {
        let public = ok(darkroom()
            .args(["capture", "keygen", "-o"])
            .arg(dir.join(k)));
        assert_eq!(public.trim().len(), 64);
        list.push_str(&public);
    }
    ok(darkroom()
        .args(["capture", "keygen", "-o"])
        .arg(dir.join("outsider.key")));
    let (registry, root) = registry(&dir, &list);
    World {
        device_key: dir.join("device.key"),
        dir,
        registry,
        root,
    }
}

pub(crate) fn sign(w: &World, key: &Path, input: &Path, out: &str, extra: &[&str]) -> PathBuf {
    let path = w.dir.join(out);
    ok(capture_sign(input, key, &path)
        .args(["--time", T])
        .args(extra));
    path
}

pub(crate) fn prove(w: &World, input: &Path, bundle: &str, extra: &[&str]) -> Command {
    let mut c = darkroom();
    c.arg("prove")
        .arg(input)
        .arg("--registry")
        .arg(&w.registry)
        .arg("--keys")
        .arg(keys())
        .args(extra)
        .arg("-o")
        .arg(w.dir.join(bundle))
        .arg("--opening-out")
        .arg(w.dir.join(format!("{bundle}.opening")));
    c
}

/// `darkroom verify BUNDLE --keys …`, trusting nothing.
fn verify_untrusted(bundle: &Path) -> Command {
    let mut c = darkroom();
    c.arg("verify")
        .arg(bundle)
        .arg("--keys")
        .arg(keys())
        .arg("--insecure-dev-keys");
    c
}

/// `darkroom verify BUNDLE --keys … --registry REGISTRY`: trusting the
/// world's registry.
pub(crate) fn verify(w: &World, bundle: &Path) -> Command {
    let mut c = verify_untrusted(bundle);
    c.arg("--registry").arg(&w.registry);
    c
}

/// `darkroom verify BUNDLE --keys … --registry … --image IMAGE --opening OPENING`.
fn verify_image(w: &World, bundle: &Path, image: &Path, opening: &Path) -> Command {
    let mut c = verify(w, bundle);
    c.arg("--image").arg(image).arg("--opening").arg(opening);
    c
}

/// `node …/snarkjs/cli.js`, or None (outside CI) when either is missing.
fn snarkjs_cli() -> Option<Command> {
    let node = tool("node")?;
    let cli = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/js/node_modules/snarkjs/cli.js");
    if !cli.exists() {
        tool("tests/js/node_modules/snarkjs (npm ci --prefix tests/js)")?;
    }
    let mut c = Command::new(node);
    c.arg(cli);
    Some(c)
}

fn snarkjs(dir: &Path) -> Option<std::process::Output> {
    Some(run(snarkjs_cli()?
        .args(["groth16", "verify"])
        .arg(dir.join("verification_key.json"))
        .arg(dir.join("public.json"))
        .arg(dir.join("proof.json"))))
}

#[test]
fn prove_verify_and_snarkjs_agree() {
    let w = world("provenance-flow");
    let signed = sign(
        &w,
        &w.device_key,
        &photo(),
        "signed.jpg",
        &["--lat", "48.8566", "--lon", "2.3522"],
    );
    ok(&mut prove(
        &w,
        &signed,
        "bundle.json",
        &["--time-window", "day", "--region", "48,2,49,3"],
    ));
    let bundle = w.dir.join("bundle.json");

    let said = ok(&mut verify(&w, &bundle));
    assert!(
        said.starts_with("VALID: captured by one of 32 devices in registry"),
        "{said}"
    );
    assert!(said.contains(&w.root), "{said}");
    assert!(
        said.contains("between 2026-11-26 00:00:00 UTC and 2026-11-26 23:59:59 UTC"),
        "{said}"
    );
    assert!(
        said.contains("within latitude 48.0000000..49.0000000, longitude 2.0000000..3.0000000"),
        "{said}"
    );
    assert!(
        said.contains("the image and the device are hidden"),
        "{said}"
    );
    // Trusted by its root alone, the registry's size is not known.
    let said = ok(verify_untrusted(&bundle).args(["--root", &w.root]));
    assert!(
        said.contains("VALID: captured by one of an unknown number of devices"),
        "{said}"
    );
    let other_root = format!("0x{}", "11".repeat(32));
    does_not_hold(
        verify_untrusted(&bundle).args(["--root", &other_root]),
        "not a registry you trust",
    );
    // Trusting nothing, a valid proof is UNTRUSTED, with exit code 3.
    let out = run(&mut verify_untrusted(&bundle));
    let said = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(3), "{said}");
    assert!(
        said.starts_with("UNTRUSTED: the proof verifies, but registry"),
        "{said}"
    );
    assert!(!said.contains("VALID:"), "{said}");
    // Trusting a newsroom's signed manifest: its registries, with their
    // sizes, checked against the newsroom's key.
    let signing = w.dir.join("signing.key");
    let public = crate::server_util::printed_key(&ok(darkroom()
        .args(["newsroom", "signing-keygen", "-o"])
        .arg(&signing)));
    let (_, recipient) = our_keygen(&w.dir, "manifest-newsroom.key");
    let manifest = w.dir.join("manifest.json");
    ok(
        crate::server_util::sign_manifest(&signing, &recipient, &manifest)
            .arg("--registry")
            .arg(&w.registry)
            .arg("--keys")
            .arg(keys()),
    );
    let said = ok(verify_untrusted(&bundle)
        .arg("--manifest")
        .arg(&manifest)
        .args(["--newsroom-key", &public]));
    assert!(
        said.starts_with("VALID: captured by one of 32 devices"),
        "{said}"
    );
    let (_, stranger) = {
        let k = w.dir.join("stranger.key");
        let said = ok(darkroom()
            .args(["newsroom", "signing-keygen", "-o"])
            .arg(&k));
        (k, crate::server_util::printed_key(&said))
    };
    fails(
        verify_untrusted(&bundle)
            .arg("--manifest")
            .arg(&manifest)
            .args(["--newsroom-key", &stranger]),
        "not signed by the newsroom key",
    );

    // The anonymity set: a registry of the world's two devices alone is
    // refused for proving unless the source accepts so small a set, and
    // given both, the larger registry is the one the proof names.
    let small_dir = w.dir.join("small");
    std::fs::create_dir_all(&small_dir).unwrap();
    let two = std::fs::read_to_string(w.dir.join("devices.txt"))
        .unwrap()
        .lines()
        .take(2)
        .map(|l| format!("{l}\n"))
        .collect::<String>();
    std::fs::write(small_dir.join("two.txt"), two).unwrap();
    let small = small_dir.join("two.json");
    ok(darkroom()
        .args(["registry", "build"])
        .arg(small_dir.join("two.txt"))
        .arg("-o")
        .arg(&small));
    let prove_with = |registries: &[&Path], out: &str| {
        let mut c = darkroom();
        c.arg("prove").arg(&signed);
        for r in registries {
            c.arg("--registry").arg(r);
        }
        c.arg("--keys")
            .arg(keys())
            .arg("-o")
            .arg(w.dir.join(out))
            .arg("--opening-out")
            .arg(w.dir.join(format!("{out}.opening")));
        c
    };
    fails(
        &mut prove_with(&[&small], "small.json"),
        "only 2 device(s), fewer than the 32 needed",
    );
    assert!(!w.dir.join("small.json").exists());
    let said = ok(prove_with(&[&small], "small.json").args(["--min-anonymity", "2"]));
    assert!(said.contains("captured by one of 2 devices"), "{said}");
    let said = ok(&mut prove_with(&[&small, &w.registry], "large.json"));
    assert!(
        said.contains(&format!("one of 32 devices in registry {}", w.root)),
        "{said}"
    );

    // The stripped photo is still the one committed; another photo is not.
    let stripped = w.dir.join("stripped.jpg");
    ok(darkroom()
        .arg("strip")
        .arg(&signed)
        .arg("-o")
        .arg(&stripped));
    let opening = w.dir.join("bundle.json.opening");
    let said = ok(&mut verify_image(&w, &bundle, &stripped, &opening));
    assert!(
        said.contains("and this image is the one committed"),
        "{said}"
    );
    let other = w.dir.join("other.pdf");
    std::fs::write(&other, b"%PDF-1.7 another file").unwrap();
    does_not_hold(
        &mut verify_image(&w, &bundle, &other, &opening),
        "not the one the proof commits to",
    );

    // The binary form carries the same proof.
    ok(&mut prove(&w, &signed, "bundle.bin", &[]));
    let said = ok(&mut verify(&w, &w.dir.join("bundle.bin")));
    assert!(
        said.contains("between 2026-11-01 00:00:00 UTC and 2026-11-30 23:59:59 UTC"),
        "{said}"
    );
    assert!(said.contains("at an undisclosed place"), "{said}");

    // snarkjs accepts the exported proof, and refuses it with a changed input.
    let out = w.dir.join("snarkjs");
    ok(darkroom()
        .args(["export", "snarkjs", "--keys"])
        .arg(keys())
        .arg(&bundle)
        .arg("-o")
        .arg(&out));
    let Some(res) = snarkjs(&out) else { return };
    let stdout = String::from_utf8_lossy(&res.stdout);
    assert!(res.status.success() && stdout.contains("OK"), "{stdout}");
    let public: Vec<String> =
        serde_json::from_str(&std::fs::read_to_string(out.join("public.json")).unwrap()).unwrap();
    assert_eq!(public.len(), 8);
    let mut tampered = public.clone();
    let t_hi: u64 = tampered[3].parse().unwrap();
    tampered[3] = (t_hi + 1).to_string();
    std::fs::write(
        out.join("public.json"),
        serde_json::to_string(&tampered).unwrap(),
    )
    .unwrap();
    let res = snarkjs(&out).unwrap();
    let stdout = String::from_utf8_lossy(&res.stdout);
    assert!(
        !res.status.success() && stdout.contains("Invalid proof"),
        "{stdout}"
    );
}

/// Keys for statement v1 still prove and verify through the CLI, against
/// the registry's binary-tree root; a v1 proof is refused by v2 keys with
/// one clear line.
#[test]
fn v1_keys_still_prove_and_verify() {
    let w = world("provenance-v1");
    let v1 = w.dir.join("keys-v1");
    let said = ok(darkroom()
        .args(["setup", "--dev", "--statement", "v1", "-o"])
        .arg(&v1));
    assert!(said.contains("darkroom-provenance-v1"), "{said}");
    let root_v1 = ok(darkroom()
        .args(["registry", "root", "--statement", "v1"])
        .arg(&w.registry))
    .trim()
    .to_string();
    assert_ne!(root_v1, w.root, "the two statements' trees have one root");
    let built = ok(darkroom()
        .args(["registry", "build"])
        .arg(w.dir.join("devices.txt"))
        .arg("-o")
        .arg(w.dir.join("again.json")));
    assert!(
        built.contains(&format!("root {root_v1} (v1), {} (v2)", w.root)),
        "{built}"
    );
    let signed = sign(&w, &w.device_key, &photo(), "signed.jpg", &[]);
    ok(darkroom()
        .arg("prove")
        .arg(&signed)
        .arg("--registry")
        .arg(&w.registry)
        .arg("--keys")
        .arg(&v1)
        .arg("-o")
        .arg(w.dir.join("v1.json"))
        .arg("--opening-out")
        .arg(w.dir.join("v1.opening")));
    let bundle: Value =
        serde_json::from_str(&std::fs::read_to_string(w.dir.join("v1.json")).unwrap()).unwrap();
    assert_eq!(bundle["statement"], "darkroom-provenance-v1");
    assert_eq!(bundle["public_inputs"][0], root_v1.as_str());
    let verify_with = |keys: &Path| {
        let mut c = darkroom();
        c.arg("verify")
            .arg(w.dir.join("v1.json"))
            .arg("--keys")
            .arg(keys)
            .arg("--insecure-dev-keys")
            .arg("--registry")
            .arg(&w.registry);
        c
    };
    let said = ok(&mut verify_with(&v1));
    assert!(
        said.starts_with("VALID: captured by one of 32 devices in registry")
            && said.contains(&root_v1),
        "{said}"
    );
    does_not_hold(
        &mut verify_with(keys()),
        "it proves darkroom-provenance-v1, but these keys are for darkroom-provenance-v2",
    );
}

#[test]
fn seal_with_proof_shares_the_commitment_with_the_envelope() {
    let w = world("provenance-seal");
    let signed = sign(&w, &w.device_key, &photo(), "signed.jpg", &[]);
    let (newsroom_key, recipient) = our_keygen(&w.dir, "newsroom.key");
    let envelope = w.dir.join("envelope.age");
    ok(seal(&signed, &recipient, &envelope)
        .args(["--prove", "--registry"])
        .arg(&w.registry)
        .arg("--keys")
        .arg(keys()));
    let bundle_path = w.dir.join("envelope.age.proof.json");
    let bundle: Value =
        serde_json::from_str(&std::fs::read_to_string(&bundle_path).unwrap()).unwrap();
    ok(&mut verify(&w, &bundle_path));

    let opened = w.dir.join("opened");
    ok(&mut newsroom_open(&envelope, &newsroom_key, &opened));
    let record: Value = serde_json::from_str(
        &std::fs::read_to_string(opened.join("signed.jpg.manifest.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(record["commitment"], bundle["public_inputs"][1]);
    // A version 2 capture: the sealed manifest holds the tile seed and
    // root, and newsroom open keeps them with the opening (mode 0600).
    let tiles = &record["manifest"]["tiles"];
    assert_eq!(tiles["seed"].as_str().unwrap().len(), 64);
    let kept = opened.join("signed.jpg.opening.json");
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&kept).unwrap().permissions().mode() & 0o777,
        0o600
    );
    // The newsroom links the proof to the decrypted photo with it.
    let said = ok(&mut verify_image(
        &w,
        &bundle_path,
        &opened.join("signed.jpg"),
        &kept,
    ));
    assert!(
        said.contains("and this image is the one committed"),
        "{said}"
    );
    // The opening alone does not: the commitment is to the tile root.
    let opening = w.dir.join("opening.txt");
    std::fs::write(&opening, record["manifest"]["opening"].as_str().unwrap()).unwrap();
    does_not_hold(
        &mut verify_image(&w, &bundle_path, &opened.join("signed.jpg"), &opening),
        "not the one the proof commits to",
    );

    // Version 1 (the content digest) still works end to end, with the
    // opening alone, and keeps no opening file (nothing to publish).
    let signed1 = sign(&w, &w.device_key, &photo(), "signed1.jpg", &["--v1"]);
    let envelope1 = w.dir.join("envelope1.age");
    ok(seal(&signed1, &recipient, &envelope1)
        .args(["--prove", "--registry"])
        .arg(&w.registry)
        .arg("--keys")
        .arg(keys()));
    ok(&mut newsroom_open(&envelope1, &newsroom_key, &opened));
    assert!(!opened.join("signed1.jpg.opening.json").exists());
    let record: Value = serde_json::from_str(
        &std::fs::read_to_string(opened.join("signed1.jpg.manifest.json")).unwrap(),
    )
    .unwrap();
    assert!(record["manifest"].get("tiles").is_none());
    std::fs::write(&opening, record["manifest"]["opening"].as_str().unwrap()).unwrap();
    let said = ok(&mut verify_image(
        &w,
        &w.dir.join("envelope1.age.proof.json"),
        &opened.join("signed1.jpg"),
        &opening,
    ));
    assert!(
        said.contains("and this image is the one committed"),
        "{said}"
    );

    // A photo that cannot be proven is not sealed either.
    let envelope2 = w.dir.join("unproven.age");
    fails(
        seal(&photo(), &recipient, &envelope2)
            .args(["--prove", "--registry"])
            .arg(&w.registry)
            .arg("--keys")
            .arg(keys()),
        "no capture attestation",
    );
    assert!(!envelope2.exists());
}

#[test]
fn sidecars_carry_attestations_for_any_file() {
    let w = world("provenance-sidecar");
    let doc = w.dir.join("memo.pdf");
    std::fs::write(&doc, b"%PDF-1.7 a scanned memo").unwrap();
    fails(
        &mut capture_sign(&doc, &w.device_key, &w.dir.join("x.pdf")),
        "--sidecar",
    );
    let signed = sign(&w, &w.device_key, &doc, "signed.pdf", &["--sidecar"]);
    assert_eq!(
        std::fs::read(&signed).unwrap(),
        std::fs::read(&doc).unwrap()
    );
    assert!(w.dir.join("signed.capture.json").exists());
    ok(&mut prove(
        &w,
        &signed,
        "bundle.json",
        &["--time-window", "none"],
    ));
    let said = ok(&mut verify(&w, &w.dir.join("bundle.json")));
    assert!(said.contains("at an undisclosed time"), "{said}");
    // --attestation names the sidecar explicitly, for a copy elsewhere.
    let copy = w.dir.join("copy.pdf");
    std::fs::copy(&doc, &copy).unwrap();
    fails(
        &mut prove(&w, &copy, "b2.json", &[]),
        "no capture attestation",
    );
    let mut c = prove(&w, &copy, "b2.json", &[]);
    ok(c.arg("--attestation")
        .arg(w.dir.join("signed.capture.json")));
}

#[test]
fn proving_refuses_what_it_cannot_prove_and_writes_nothing() {
    let w = world("provenance-refuse");
    let outsider = w.dir.join("outsider.key");
    let by_outsider = sign(&w, &outsider, &photo(), "outsider.jpg", &[]);
    let no_fix = sign(&w, &w.device_key, &photo(), "nofix.jpg", &[]);
    let cases: Vec<(Command, &str)> = vec![
        (prove(&w, &photo(), "b.json", &[]), "no capture attestation"),
        (
            prove(&w, &by_outsider, "b.json", &[]),
            "in none of the registries trusted here",
        ),
        (
            prove(
                &w,
                &no_fix,
                "b.json",
                &["--time-window", "2025-01-01..2025-12-31"],
            ),
            "outside the time window",
        ),
        (
            prove(&w, &no_fix, "b.json", &["--region", "48,2,49,3"]),
            "no position fix",
        ),
        (
            prove(&w, &no_fix, "b.json", &["--region", "48,2,95,3"]),
            "not a valid latitude",
        ),
        (
            prove(&w, &no_fix, "b.json", &["--time-window", "fortnight"]),
            "not a time window",
        ),
    ];
    for (mut c, needle) in cases {
        fails(&mut c, needle);
        assert!(!w.dir.join("b.json").exists());
        assert!(!w.dir.join("b.json.opening").exists());
    }
    // A photo whose pixels changed after signing: same attestation, new digest.
    let mut bytes = std::fs::read(w.dir.join("nofix.jpg")).unwrap();
    // A byte in the middle of the scan data (the file ends in a trailer,
    // which is not image content).
    let n = bytes.len();
    bytes[n / 2] ^= 0x01;
    std::fs::write(w.dir.join("edited.jpg"), bytes).unwrap();
    fails(
        &mut prove(&w, &w.dir.join("edited.jpg"), "b.json", &[]),
        "different image",
    );
}

#[test]
fn damaged_keys_bundles_and_attestations_get_one_clear_error() {
    let w = world("provenance-damage");
    let signed = sign(&w, &w.device_key, &photo(), "signed.jpg", &[]);
    ok(&mut prove(&w, &signed, "bundle.json", &[]));
    let good = std::fs::read_to_string(w.dir.join("bundle.json")).unwrap();
    let v: Value = serde_json::from_str(&good).unwrap();
    let p = |name: &str| w.dir.join(name);

    let edits: Vec<(&str, String, &str)> = vec![
        (
            "statement",
            good.replace("darkroom-provenance-v2", "darkroom-provenance-v9"),
            "does not know",
        ),
        (
            "relabelled",
            good.replace("darkroom-provenance-v2", "darkroom-provenance-v1"),
            "it proves darkroom-provenance-v1, but these keys are for darkroom-provenance-v2",
        ),
        (
            "circuit",
            { good.replace(v["circuit"].as_str().unwrap(), &"ab".repeat(32)) },
            "made for circuit",
        ),
        (
            "noncanonical",
            {
                // The BN254 modulus itself.
                good.replace(
                    v["public_inputs"][1].as_str().unwrap(),
                    "0x30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001",
                )
            },
            "canonical",
        ),
        (
            "bound",
            {
                good.replace(
                    v["public_inputs"][3].as_str().unwrap(),
                    "0x0000000000000000000000000000000000000000000000010000000000000000",
                )
            },
            "out of range",
        ),
        (
            "proof",
            {
                let proof = v["proof"].as_str().unwrap();
                let mut flipped = proof.to_string();
                flipped.replace_range(10..12, if &proof[10..12] == "00" { "01" } else { "00" });
                good.replace(proof, &flipped)
            },
            "INVALID",
        ),
        (
            "shortproof",
            {
                let proof = v["proof"].as_str().unwrap();
                good.replace(proof, &proof[..200])
            },
            "128 bytes",
        ),
        (
            "notjson",
            "{\"format\":".to_string(),
            "not a valid proof bundle",
        ),
    ];
    for (name, text, needle) in edits {
        let path = p(&format!("{name}.json"));
        std::fs::write(&path, text).unwrap();
        // A bundle that reads but does not verify is a check that failed
        // (exit 3); one that does not read is refused (exit 1).
        let code = if matches!(name, "relabelled" | "circuit" | "proof") {
            3
        } else {
            1
        };
        fails_with(&mut verify(&w, &path), code, needle);
    }

    // Binary bundle cut short.
    ok(&mut prove(&w, &signed, "bundle.bin", &[]));
    let bin = std::fs::read(p("bundle.bin")).unwrap();
    std::fs::write(p("short.bin"), &bin[..bin.len() - 1]).unwrap();
    fails(&mut verify(&w, &p("short.bin")), "cut short");

    // Keys: a damaged verifying key, a proving key given as a verifying key.
    let bad_keys = p("badkeys");
    std::fs::create_dir_all(&bad_keys).unwrap();
    let mut vk = std::fs::read(keys().join("verifying.key")).unwrap();
    let n = vk.len();
    vk[n - 5] ^= 0xff;
    std::fs::write(bad_keys.join("verifying.key"), &vk).unwrap();
    fails(
        darkroom()
            .arg("verify")
            .arg(p("bundle.json"))
            .arg("--insecure-dev-keys")
            .arg("--keys")
            .arg(&bad_keys),
        "verifying.key",
    );
    std::fs::write(
        bad_keys.join("verifying.key"),
        b"darkroom-groth16 v1\nkind: proving-key\n\n",
    )
    .unwrap();
    fails(
        darkroom()
            .arg("verify")
            .arg(p("bundle.json"))
            .arg("--insecure-dev-keys")
            .arg("--keys")
            .arg(&bad_keys),
        "bad header",
    );

    // Device keys.
    std::fs::write(p("bad.key"), "darkroom-device-key v1\nnothex\n").unwrap();
    fails(
        &mut capture_sign(&photo(), &p("bad.key"), &p("x.jpg")),
        "not a valid device key",
    );
    assert!(!p("x.jpg").exists());

    // Registry lists: a point off the curve, a small-order point.
    for (name, line) in [
        ("offcurve", format!("02{}", "00".repeat(31))),
        ("smallorder", format!("01{}", "00".repeat(31))),
    ] {
        std::fs::write(p(&format!("{name}.txt")), line).unwrap();
        fails(
            darkroom()
                .args(["registry", "build"])
                .arg(p(&format!("{name}.txt")))
                .arg("-o")
                .arg(p("r.json")),
            "registry is invalid",
        );
        assert!(!p("r.json").exists());
    }

    // An attestation segment cut short inside an otherwise whole JPEG.
    let bytes = std::fs::read(&signed).unwrap();
    let at = bytes
        .windows(17)
        .position(|s| s == b"darkroom-capture\0")
        .unwrap();
    let seg_len = u16::from_be_bytes([bytes[at - 2], bytes[at - 1]]) as usize;
    let mut cut = bytes[..at - 2].to_vec();
    cut.extend_from_slice(&((seg_len - 20) as u16).to_be_bytes());
    cut.extend_from_slice(&bytes[at..at + seg_len - 22]);
    cut.extend_from_slice(&bytes[at - 2 + seg_len..]);
    std::fs::write(p("cut.jpg"), cut).unwrap();
    fails(&mut prove(&w, &p("cut.jpg"), "b.json", &[]), "cut short");

    // A sidecar whose S is not below the subgroup order.
    let doc = p("memo.pdf");
    std::fs::write(&doc, b"%PDF-1.7 memo").unwrap();
    sign(&w, &w.device_key, &doc, "signed.pdf", &["--sidecar"]);
    let sidecar = std::fs::read_to_string(p("signed.capture.json")).unwrap();
    let v: Value = serde_json::from_str(&sidecar).unwrap();
    let sig = v["signature"].as_str().unwrap();
    let big_s = format!("{}{}", &sig[..64], "ff".repeat(31) + "0f");
    std::fs::write(p("signed.capture.json"), sidecar.replace(sig, &big_s)).unwrap();
    fails(
        &mut prove(&w, &p("signed.pdf"), "b.json", &[]),
        "subgroup order",
    );
}

/// `snarkjs powersoftau new bn128 POWER` with one contribution: a phase 1
/// that nobody in the test knows the secret of.
fn snarkjs_ptau(dir: &Path, power: u32, contribute: bool) -> Option<PathBuf> {
    let fresh = dir.join(format!("pot{power}_0.ptau"));
    ok(snarkjs_cli()?
        .args(["powersoftau", "new", "bn128", &power.to_string()])
        .arg(&fresh));
    if !contribute {
        return Some(fresh);
    }
    let out = dir.join(format!("pot{power}.ptau"));
    ok(snarkjs_cli()?
        .args(["powersoftau", "contribute"])
        .arg(&fresh)
        .arg(&out)
        .arg("-e=darkroom test phase 1"));
    Some(out)
}

/// `darkroom ceremony ARGS DIR --ptau PTAU`.
fn ceremony(args: &[&str], dir: &Path, ptau: &Path) -> Command {
    let mut c = darkroom();
    c.arg("ceremony")
        .args(args)
        .arg(dir)
        .arg("--ptau")
        .arg(ptau);
    c
}

#[test]
fn a_three_party_ceremony_with_a_beacon_makes_keys_that_prove_and_snarkjs_accepts() {
    let w = world("ceremony");
    let Some(ptau) = snarkjs_ptau(&w.dir, 14, true) else {
        return;
    };
    let t = w.dir.join("transcript");
    let said = ok(darkroom()
        .args(["ceremony", "init", "--ptau"])
        .arg(&ptau)
        .arg("-o")
        .arg(&t));
    assert!(said.contains("initial hash"), "{said}");
    let mut hashes = Vec::new();
    for (i, entropy) in ["first party", "second party", "third party"]
        .iter()
        .enumerate()
    {
        let said = ok(&mut ceremony(
            &["contribute", "--entropy", entropy],
            &t,
            &ptau,
        ));
        let hash = printed_hash(&said, "contribution hash:");
        let file = t.join(format!("{:04}.contribution", i + 1));
        assert_eq!(hash, hex_sha256(&std::fs::read(&file).unwrap()), "{said}");
        hashes.push(hash);
    }
    let said = ok(&mut ceremony(
        &["beacon", "--beacon", "0badc0ffee", "--iterations", "1024"],
        &t,
        &ptau,
    ));
    let beacon = printed_hash(&said, "beacon hash:");
    let said = ok(&mut ceremony(&["verify"], &t, &ptau));
    assert!(said.contains("3 contribution(s), 1 beacon(s)"), "{said}");
    assert!(
        said.contains("phase 1 equals the powers of tau in"),
        "{said}"
    );
    for h in hashes.iter().chain([&beacon]) {
        assert!(said.contains(h.as_str()), "{said}");
    }
    // The operator names the .ptau's announced SHA-256: the file must have
    // it, else nothing is checked against it.
    let sha = hex_sha256(&std::fs::read(&ptau).unwrap());
    let said = ok(&mut ceremony(&["verify", "--ptau-sha256", &sha], &t, &ptau));
    assert!(said.contains("has the SHA-256 you named"), "{said}");
    let other = "ab".repeat(32);
    does_not_hold(
        &mut ceremony(&["verify", "--ptau-sha256", &other], &t, &ptau),
        &format!("not the {other} you named"),
    );
    fails(
        &mut ceremony(&["verify", "--ptau-sha256", "xyz"], &t, &ptau),
        "64 hex digits",
    );
    let final_keys = w.dir.join("keys");
    let said = ok(ceremony(&["finalize", "-o"], &final_keys, &ptau).arg(&t));
    assert!(said.contains(&format!("ceremony: {beacon}")), "{said}");
    ok(ceremony(&["verify", "--keys"], &final_keys, &ptau).arg(&t));
    // The keys name the ceremony, so verifying needs no insecure flag.
    let signed = sign(&w, &w.device_key, &photo(), "signed.jpg", &[]);
    let bundle = w.dir.join("ceremony-bundle.json");
    ok(darkroom()
        .arg("prove")
        .arg(&signed)
        .arg("--registry")
        .arg(&w.registry)
        .arg("--keys")
        .arg(&final_keys)
        .arg("-o")
        .arg(&bundle)
        .arg("--opening-out")
        .arg(w.dir.join("ceremony.opening")));
    let said = ok(darkroom()
        .arg("verify")
        .arg(&bundle)
        .arg("--keys")
        .arg(&final_keys)
        .arg("--registry")
        .arg(&w.registry));
    assert!(said.starts_with("VALID"), "{said}");
    assert!(said.contains(&format!("Keys: ceremony {beacon}")), "{said}");
    // Keys from `setup --dev` are refused without the flag that says so.
    fails(
        darkroom()
            .arg("verify")
            .arg(&bundle)
            .arg("--keys")
            .arg(keys()),
        "--insecure-dev-keys",
    );
    // snarkjs checks the proof made with the ceremony's keys.
    let out = w.dir.join("ceremony-snarkjs");
    ok(darkroom()
        .args(["export", "snarkjs", "--keys"])
        .arg(&final_keys)
        .arg(&bundle)
        .arg("-o")
        .arg(&out));
    let res = snarkjs(&out).unwrap();
    let stdout = String::from_utf8_lossy(&res.stdout);
    assert!(res.status.success() && stdout.contains("OK"), "{stdout}");

    // Malicious transcripts: each refusal names the bad step.
    let copy = |name: &str, upto: usize| {
        let d = w.dir.join(name);
        std::fs::create_dir_all(&d).unwrap();
        for f in std::fs::read_dir(&t).unwrap() {
            let f = f.unwrap().path();
            let n = f.file_name().unwrap().to_string_lossy().into_owned();
            if n[..4].parse::<usize>().unwrap() <= upto {
                std::fs::copy(&f, d.join(&n)).unwrap();
            }
        }
        d
    };
    // Contributions out of order break the chain.
    let swapped = copy("swapped", 2);
    std::fs::rename(swapped.join("0001.contribution"), swapped.join("x")).unwrap();
    std::fs::rename(
        swapped.join("0002.contribution"),
        swapped.join("0001.contribution"),
    )
    .unwrap();
    std::fs::rename(swapped.join("x"), swapped.join("0002.contribution")).unwrap();
    does_not_hold(
        &mut ceremony(&["verify"], &swapped, &ptau),
        "contribution 1 (0001.contribution) is refused: the hash chain is broken",
    );
    // A damaged H or L element.
    let damaged = copy("damaged", 3);
    let path = damaged.join("0002.contribution");
    let mut bytes = std::fs::read(&path).unwrap();
    let at = bytes.len() - 1000;
    bytes[at] ^= 0x01;
    std::fs::write(&path, &bytes).unwrap();
    does_not_hold(
        &mut ceremony(&["verify"], &damaged, &ptau),
        "contribution 2 (0002.contribution) is refused",
    );
    // A beacon whose value was changed afterwards.
    let beacon_changed = copy("beacon-changed", 4);
    let path = beacon_changed.join("0004.beacon");
    let text = std::fs::read(&path).unwrap();
    let edited =
        String::from_utf8_lossy(&text).replacen("beacon: 0badc0ffee", "beacon: 0badc0fffe", 1);
    std::fs::write(
        &path,
        [&edited.as_bytes()[..200.min(edited.len())], &text[200..]].concat(),
    )
    .unwrap();
    does_not_hold(
        &mut ceremony(&["verify"], &beacon_changed, &ptau),
        "contribution 4 (0004.beacon) is refused",
    );
    // Another statement's initial file.
    let other = copy("other-statement", 1);
    let path = other.join("0000.initial");
    let text = std::fs::read(&path).unwrap();
    let at = text.windows(8).position(|w| w == b"-v2\nptau").unwrap();
    let mut edited = text.clone();
    edited[at + 2] = b'1';
    std::fs::write(&path, &edited).unwrap();
    let said = does_not_hold(&mut ceremony(&["verify"], &other, &ptau), "0000.initial: ");
    assert!(
        said.contains("not this circuit's") || said.contains("phase 1"),
        "{said}"
    );
    edited[at + 2] = b'9';
    std::fs::write(&path, &edited).unwrap();
    fails(
        &mut ceremony(&["verify"], &other, &ptau),
        "names statement \"darkroom-provenance-v9\", which this version of Darkroom does not know",
    );
    // Keys from another transcript are not this one's.
    does_not_hold(
        ceremony(&["verify", "--keys"], keys(), &ptau).arg(&t),
        "not this transcript's verifying key",
    );
    // Finalising again never overwrites keys.
    fails(
        ceremony(&["finalize", "-o"], &final_keys, &ptau).arg(&t),
        "already exists",
    );

    // A coordinator who made phase 1 itself and wrote the genuine .ptau
    // file's SHA-256 into the header. Here the genuine file is `public`
    // (one more snarkjs contribution on top of `ptau`), and the transcript
    // was made from `ptau`, whose secrets the attacker is taken to know.
    let public = w.dir.join("pot14_public.ptau");
    ok(snarkjs_cli()
        .unwrap()
        .args(["powersoftau", "contribute"])
        .arg(&ptau)
        .arg(&public)
        .arg("-e=the public phase 1"));
    let forged = copy("forged-phase1", 1);
    let path = forged.join("0000.initial");
    let bytes = std::fs::read(&path).unwrap();
    let theirs = hex_sha256(&std::fs::read(&ptau).unwrap());
    let genuine = hex_sha256(&std::fs::read(&public).unwrap());
    let at = bytes
        .windows(theirs.len())
        .position(|x| x == theirs.as_bytes())
        .unwrap();
    let mut edited = bytes.clone();
    edited[at..at + genuine.len()].copy_from_slice(genuine.as_bytes());
    std::fs::write(&path, &edited).unwrap();
    let refusal = "phase 1 is not the one in the .ptau file given";
    does_not_hold(&mut ceremony(&["verify"], &forged, &public), refusal);
    fails(&mut ceremony(&["contribute"], &forged, &public), refusal);
    assert!(!forged.join("0002.contribution").exists());
    let forged_keys = w.dir.join("forged-keys");
    fails(
        ceremony(&["finalize", "-o"], &forged_keys, &public).arg(&forged),
        refusal,
    );
    assert!(!forged_keys.join("verifying.key").exists());
    // The honest transcript, checked against the other file, is refused
    // the same way: the points decide, not the digest.
    does_not_hold(&mut ceremony(&["verify"], &t, &public), refusal);
    // A phase 1 too small for the circuit: v1 needs 2^14, v2 2^13.
    let small = snarkjs_ptau(&w.dir, 13, false).unwrap();
    fails(
        darkroom()
            .args(["ceremony", "init", "--statement", "v1", "--ptau"])
            .arg(&small)
            .arg("-o")
            .arg(w.dir.join("t13")),
        "needs 2^14",
    );
    assert!(!w.dir.join("t13").join("0000.initial").exists());
    let smaller = snarkjs_ptau(&w.dir, 12, false).unwrap();
    fails(
        darkroom()
            .args(["ceremony", "init", "--ptau"])
            .arg(&smaller)
            .arg("-o")
            .arg(w.dir.join("t12")),
        "needs 2^13",
    );
    assert!(!w.dir.join("t12").join("0000.initial").exists());
}

fn printed_hash(said: &str, label: &str) -> String {
    said.lines()
        .find_map(|l| l.strip_prefix(label))
        .map(|h| h.trim().to_string())
        .unwrap_or_else(|| panic!("no {label} in {said}"))
}

fn hex_sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}

#[test]
fn phase_1_from_a_prepared_ptau_equals_our_own_lagrange_forms() {
    use darkroom_circuits::ceremony::{Phase1, Powers};
    let dir = scratch("ptau-prepared");
    let Some(ptau) = snarkjs_ptau(&dir, 5, true) else {
        return;
    };
    let prepared = dir.join("pot5_prepared.ptau");
    ok(snarkjs_cli()
        .unwrap()
        .args(["powersoftau", "prepare", "phase2"])
        .arg(&ptau)
        .arg(&prepared));
    let open = |p: &Path| std::io::BufReader::new(std::fs::File::open(p).unwrap());
    for n in [4, 16, 32] {
        // snarkjs's Lagrange sections, and ours computed from the powers.
        let theirs = Phase1::from_ptau(open(&prepared), n).unwrap();
        let ours = Phase1::from_ptau(open(&ptau), n).unwrap();
        assert_eq!(theirs, ours, "domain {n}");
        theirs.check(&mut rand::rngs::OsRng).unwrap();
        // The powers a transcript is bound to read the same from both.
        let powers = Powers::from_ptau(open(&prepared), n).unwrap();
        assert_eq!(powers, Powers::from_ptau(open(&ptau), n).unwrap());
        assert!(ours.has_powers(&powers));
    }
    let e = Phase1::from_ptau(open(&ptau), 64).unwrap_err().to_string();
    assert!(e.contains("2^5") && e.contains("2^6"), "{e}");
    // A damaged point, or a file that is not a ptau, is refused.
    let mut bytes = std::fs::read(&ptau).unwrap();
    // τ^3·G1's x: after the file header (12), the header section (12 + 44)
    // and the powers section's own header (12).
    bytes[80 + 3 * 64 + 5] ^= 0x40;
    assert!(matches!(Phase1::from_ptau(std::io::Cursor::new(&bytes), 16)
        .and_then(|p| p.check(&mut rand::rngs::OsRng).map(|_| p)), Err(darkroom_circuits::ceremony::CeremonyError::Ptau(m)) if m.contains("G1 point is invalid")));
    assert!(
        matches!(Phase1::from_ptau(std::io::Cursor::new(b"ptau\x01\0\0\0"), 16), Err(darkroom_circuits::ceremony::CeremonyError::Ptau(m)) if m.contains("truncated or unreadable"))
    );
    assert!(
        matches!(Phase1::from_ptau(std::io::Cursor::new(&bytes[..100]), 16), Err(darkroom_circuits::ceremony::CeremonyError::Ptau(m)) if m.contains("truncated or unreadable"))
    );
}

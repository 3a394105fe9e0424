use std::io::Cursor;
use std::path::Path;

use ark_ff::{BigInteger, PrimeField};
use darkroom_circuits::{commitment, field};
use darkroom_core::{strip, ContentDigest};
use sha2::{Digest, Sha256};

fn vectors() -> serde_json::Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/testdata/vectors.json");
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

fn formats_doc() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/formats.md")).unwrap()
}

#[test]
fn content_digest_vectors() {
    let v = vectors();
    let doc = formats_doc();
    let list = v["content_digest"].as_array().unwrap();
    let names: Vec<&str> = list.iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        ["jpeg", "png", "webp", "file", "wav", "mp3", "ogg", "tiff", "pdf"]
    );
    for case in list {
        let name = case["name"].as_str().unwrap();
        let input = hex::decode(case["input"].as_str().unwrap()).unwrap();
        let stripped = hex::decode(case["stripped"].as_str().unwrap()).unwrap();
        let digest = case["digest"].as_str().unwrap();

        // "file" is of no kind Darkroom knows, refused unless sent as it
        // is; then its canonical stream is the whole file.
        let uncleanable = if name == "file" {
            strip::Uncleanable::SendAsIs
        } else {
            strip::Uncleanable::Refuse
        };
        let mut out = Vec::new();
        strip::strip(Cursor::new(&input), None, uncleanable, &mut out).unwrap();
        assert_eq!(
            hex::encode(&out),
            hex::encode(&stripped),
            "{name}: stripped form"
        );
        let (d, _) = ContentDigest::of(&input[..], None).unwrap();
        assert_eq!(d.to_hex(), digest, "{name}: digest");

        // The definition, computed here with sha2 alone: the domain line,
        // then the canonical stream (for WebP and WAV, the file after its
        // RIFF header).
        let canonical = if name == "webp" || name == "wav" {
            &stripped[12..]
        } else {
            &stripped[..]
        };
        let mut h = Sha256::new();
        h.update(format!("darkroom-content-v1 {name}\n"));
        h.update(canonical);
        assert_eq!(hex::encode(h.finalize()), digest, "{name}: definition");

        assert!(
            doc.contains(digest),
            "docs/formats.md lacks the {name} vector"
        );
        assert!(
            doc.contains(&case["input"].as_str().unwrap()[..40]),
            "docs/formats.md lacks the {name} input"
        );
    }
}

#[test]
fn commitment_vectors() {
    let doc = formats_doc();
    for case in vectors()["commitment"].as_array().unwrap() {
        let mut h = [0u8; 32];
        hex::decode_to_slice(case["digest"].as_str().unwrap(), &mut h).unwrap();
        let (hi, lo) = commitment::digest_halves(&h);
        assert_eq!(hi.into_bigint().to_string(), case["h_hi"].as_str().unwrap());
        assert_eq!(lo.into_bigint().to_string(), case["h_lo"].as_str().unwrap());
        assert!(hi.into_bigint().num_bits() <= 128);
        let r = field::from_hex(case["opening"].as_str().unwrap()).unwrap();
        let c = field::to_hex(&commitment::commit(&h, &r));
        assert_eq!(c, case["commitment"].as_str().unwrap());
        assert!(
            doc.contains(&c),
            "docs/formats.md lacks the commitment vector"
        );
    }
}

/// The newsroom key, manifest and reply vectors of docs/formats.md §8 and
/// §6: Darkroom and Debian's `minisign` both accept them, and both refuse
/// them changed.
#[test]
fn newsroom_vectors_verify_here_and_with_minisign() {
    use darkroom_core::newsroom::{Manifest, NewsroomKey};
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/testdata/newsroom");
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap();
    let key_text = read("newsroom-key.txt");
    let key = NewsroomKey::parse(&key_text).unwrap();
    let doc = formats_doc();
    assert!(doc.contains(&format!("key: `{key}`, key id `{}`", key.key_id())));
    assert!(doc.contains(&format!("fingerprint: `{}`", key.fingerprint())));

    let json = read("manifest.json");
    let sig = read("manifest.json.minisig");
    let m = Manifest::claimed_key(json.as_bytes()).unwrap();
    assert_eq!(m, key);
    let issued: u64 = 1_796_083_200;
    let manifest = Manifest::verify(json.as_bytes(), &sig, &key, issued + 1).unwrap();
    assert_eq!(manifest.newsroom, "Example Desk");
    assert_eq!(manifest.registries[0].devices, 128);
    let changed = json.replace("Example Desk", "Example Dusk");
    assert!(matches!(
        Manifest::verify(changed.as_bytes(), &sig, &key, issued + 1),
        Err(darkroom_core::newsroom::TrustError::BadSignature(_))
    ));

    let to = read("reply-to.txt");
    let message = darkroom_core::reply::signed_message(&to, None, "Can you call on Tuesday?");
    assert!(message.starts_with(b"darkroom-reply v1\nage1"));
    let reply_sig = read("reply.minisig");
    key.verify(&message, &reply_sig).unwrap();
    assert!(matches!(
        key.verify(
            &darkroom_core::reply::signed_message(&to, None, "Can you call on Monday?"),
            &reply_sig
        ),
        Err(darkroom_core::newsroom::TrustError::BadSignature(_))
    ));

    // The reference minisign agrees, both ways round.
    let minisign = require!("minisign");
    let scratch_dir = crate::util::scratch("vectors-minisign");
    let check = |data: &[u8], sig: &str| {
        let f = scratch_dir.join("data");
        std::fs::write(&f, data).unwrap();
        let s = scratch_dir.join("data.minisig");
        std::fs::write(&s, sig).unwrap();
        std::process::Command::new(&minisign)
            .args(["-V", "-q", "-m"])
            .arg(&f)
            .args(["-x"])
            .arg(&s)
            .args(["-P", key_text.trim()])
            .status()
            .unwrap()
            .success()
    };
    assert!(check(json.as_bytes(), &sig));
    assert!(!check(changed.as_bytes(), &sig));
    assert!(check(&message, &reply_sig));
    assert!(!check(b"darkroom-reply v1\nsomething else", &reply_sig));
}

/// The tile root of docs/formats.md §10, computed here from its text with
/// sha2 and hkdf alone (the coefficients are read by `jpeg::decode`, which
/// `tests/coefficients.rs` holds to libjpeg-turbo).
mod tiles {
    use base64::Engine;
    use darkroom_core::jpeg::{self, Coefficients};
    use hkdf::Hkdf;
    use sha2::{Digest, Sha256};

    type Key = [u8; 16];

    fn child(k: &Key, second: bool) -> Key {
        let info: &[u8] = if second {
            b"darkroom tiles v2 second"
        } else {
            b"darkroom tiles v2 first"
        };
        let mut out = [0u8; 16];
        Hkdf::<Sha256>::new(None, k).expand(info, &mut out).unwrap();
        out
    }

    fn root_key(seed: &[u8; 32]) -> Key {
        let mut out = [0u8; 16];
        Hkdf::<Sha256>::from_prk(seed)
            .unwrap()
            .expand(b"darkroom tiles v2 root", &mut out)
            .unwrap();
        out
    }

    /// (cols, rows) of tiles and a tile's (width, height) in MCUs.
    fn grid(c: &Coefficients) -> ((usize, usize), (usize, usize)) {
        let (mw, mh) = c.mcu_pixels();
        let t = (64usize.div_ceil(mw), 64usize.div_ceil(mh));
        let cols = usize::from(c.width).div_ceil(mw * t.0);
        let rows = usize::from(c.height).div_ceil(mh * t.1);
        ((cols, rows), t)
    }

    fn leaf(c: &Coefficients, i: usize, col: usize, row: usize, salt: &Key) -> [u8; 32] {
        let (_, (tw, th)) = grid(c);
        let hmax = c.components.iter().map(|x| usize::from(x.h)).max().unwrap();
        let vmax = c.components.iter().map(|x| usize::from(x.v)).max().unwrap();
        let mut h = Sha256::new();
        h.update([0u8]);
        h.update((i as u32).to_be_bytes());
        h.update(salt);
        for comp in &c.components {
            let (ch, cv) = (usize::from(comp.h), usize::from(comp.v));
            let wide = (usize::from(c.width) * ch).div_ceil(hmax).div_ceil(8);
            let high = (usize::from(c.height) * cv).div_ceil(vmax).div_ceil(8);
            for y in (row * th * cv).min(high)..((row + 1) * th * cv).min(high) {
                for x in (col * tw * ch).min(wide)..((col + 1) * tw * ch).min(wide) {
                    let b = &comp.blocks[y * comp.stride + x];
                    let n = b.iter().rposition(|&v| v != 0).map_or(0, |p| p + 1);
                    h.update([n as u8]);
                    for v in &b[..n] {
                        h.update(v.to_be_bytes());
                    }
                }
            }
        }
        h.finalize().into()
    }

    /// A node: cols c0..c1, rows r0..r1. Returns its hash, and with
    /// `shown`, pushes the disclosure's keys and hashes.
    #[allow(clippy::too_many_arguments)]
    fn node(
        c: &Coefficients,
        (c0, c1, r0, r1): (usize, usize, usize, usize),
        key: &Key,
        shown: &dyn Fn(usize, usize) -> bool,
        keys: &mut Vec<u8>,
        hashes: &mut Vec<u8>,
        top: bool,
    ) -> [u8; 32] {
        let ((cols, _), _) = grid(c);
        let all: Vec<bool> = (r0..r1)
            .flat_map(|r| (c0..c1).map(move |col| (col, r)))
            .map(|(col, r)| shown(col, r))
            .collect();
        let (w, h) = (c1 - c0, r1 - r0);
        let split = |n: usize| 1usize << (usize::BITS - 1 - (n - 1).leading_zeros());
        let hash = if w * h == 1 {
            leaf(c, r0 * cols + c0, c0, r0, key)
        } else {
            let (a, b) = if w >= h {
                let m = c0 + split(w);
                ((c0, m, r0, r1), (m, c1, r0, r1))
            } else {
                let m = r0 + split(h);
                ((c0, c1, r0, m), (c0, c1, m, r1))
            };
            let mixed = all.iter().any(|&v| v) && !all.iter().all(|&v| v);
            let first = node(c, a, &child(key, false), shown, keys, hashes, top && mixed);
            let second = node(c, b, &child(key, true), shown, keys, hashes, top && mixed);
            let mut n = Sha256::new();
            n.update([1u8]);
            n.update(first);
            n.update(second);
            n.finalize().into()
        };
        // The largest whole subtrees: a node is listed when it is all one
        // kind and its parent was not.
        if top && all.iter().all(|&v| v) {
            keys.extend_from_slice(key);
        } else if top && !all.iter().any(|&v| v) {
            hashes.extend_from_slice(&hash);
        }
        hash
    }

    fn tile_root(c: &Coefficients, tree: &[u8; 32]) -> [u8; 32] {
        let (_, (tw, th)) = grid(c);
        let mut h = Sha256::new();
        h.update([2u8]);
        h.update(b"darkroom tiles v2");
        h.update(c.width.to_be_bytes());
        h.update(c.height.to_be_bytes());
        h.update([c.components.len() as u8]);
        for comp in &c.components {
            h.update([comp.h, comp.v]);
            for q in c.quant[usize::from(comp.tq)].unwrap() {
                h.update(q.to_be_bytes());
            }
        }
        h.update([tw as u8, th as u8]);
        h.update(tree);
        h.finalize().into()
    }

    #[test]
    fn tile_root_and_disclosure_vectors() {
        let photo = std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo-photo.jpg"),
        )
        .unwrap();
        let c = jpeg::decode(&photo).unwrap();
        let seed: [u8; 32] = std::array::from_fn(|i| i as u8);
        let ((cols, rows), _) = grid(&c);
        assert_eq!((cols, rows), (5, 4));
        let k = root_key(&seed);
        let (mut keys, mut hashes) = (Vec::new(), Vec::new());
        let tree = node(
            &c,
            (0, cols, 0, rows),
            &k,
            &|_, _| true,
            &mut keys,
            &mut hashes,
            true,
        );
        let t = tile_root(&c, &tree);
        // Our implementation agrees.
        let ours = darkroom_core::tiles::root(&c, &darkroom_core::tiles::Seed::from_bytes(seed));
        assert_eq!(hex::encode(ours), hex::encode(t));
        // The crop of tiles 1..4 × 0..3 with tile (2, 1) hidden.
        let shown =
            |col: usize, row: usize| (1..4).contains(&col) && row < 3 && (col, row) != (2, 1);
        let (mut keys, mut hashes) = (Vec::new(), Vec::new());
        node(
            &c,
            (0, cols, 0, rows),
            &k,
            &shown,
            &mut keys,
            &mut hashes,
            true,
        );
        let visible: Vec<bool> = (0..cols * rows)
            .map(|i| shown(i % cols, i / cols))
            .collect();
        let d = darkroom_core::tiles::disclose(
            &c,
            &darkroom_core::tiles::Seed::from_bytes(seed),
            &visible,
        );
        assert_eq!(d.keys.concat(), keys);
        assert_eq!(d.hashes.concat(), hashes);
        let b64 = base64::engine::general_purpose::STANDARD;
        let v = &super::vectors()["tiles"];
        let doc = super::formats_doc();
        for (name, value) in [
            ("root_key", hex::encode(k)),
            ("first_key", hex::encode(child(&k, false))),
            ("second_key", hex::encode(child(&k, true))),
            (
                "leaf_0",
                hex::encode(leaf(&c, 0, 0, 0, &{
                    // Tile 0's salt: first, first, … down to one tile.
                    let mut key = k;
                    let (c0, r0, mut c1, mut r1) = (0, 0, cols, rows);
                    while (c1 - c0) * (r1 - r0) > 1 {
                        let (w, h) = (c1 - c0, r1 - r0);
                        let split =
                            |n: usize| 1usize << (usize::BITS - 1 - (n - 1).leading_zeros());
                        if w >= h {
                            c1 = c0 + split(w)
                        } else {
                            r1 = r0 + split(h)
                        }
                        key = child(&key, false);
                    }
                    key
                })),
            ),
            ("root", hex::encode(t)),
            ("keys", b64.encode(&keys)),
            ("hashes", b64.encode(&hashes)),
        ] {
            assert_eq!(v[name].as_str().unwrap_or_default(), value, "{name}");
            assert!(doc.contains(&value), "docs/formats.md lacks {name}");
        }
    }
}

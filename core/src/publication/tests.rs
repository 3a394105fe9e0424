//! Publishing the demo photo (320×240, 4:2:0, 5×4 tiles of 64 pixels)
//! and checking what was published. The proof here is a placeholder with
//! the right commitment: the Groth16 check is `provenance::check`'s, and
//! the end-to-end tests run it.

use darkroom_circuits::statement::PublicInputs;
use darkroom_circuits::Fr;

use super::*;
use crate::jpeg::Coefficients;

const PHOTO: &[u8] = include_bytes!("../../../assets/demo-photo.jpg");

fn signed(seed: &Seed, opening: &Opening) -> Bundle {
    let t = tiles::root(&jpeg::decode(PHOTO).unwrap(), seed);
    Bundle {
        statement: darkroom_circuits::statement::Version::V2,
        circuit_id: [0; 32],
        public: PublicInputs {
            root: Fr::from(1u64),
            commitment: opening.commit(&ContentDigest(t)).0,
            t_lo: 0,
            t_hi: u64::MAX,
            lat_lo: 0,
            lat_hi: u32::MAX,
            lon_lo: 0,
            lon_hi: u32::MAX,
        },
        proof: [0; darkroom_circuits::groth16::PROOF_LEN],
    }
}

fn rect(s: &str) -> Rect {
    s.parse().unwrap()
}

#[test]
fn a_crop_and_two_redactions_publish_and_check() {
    let seed = Seed::from_bytes([3; 32]);
    let opening = Opening::random();
    let proof = signed(&seed, &opening);
    // The crop snaps outward to tiles: (64,0)–(320,192).
    let p = publish(
        PHOTO,
        &seed,
        &opening,
        &proof,
        Some(rect("70,10,200,150")),
        &[rect("130,70,10,10"), rect("0,0,80,80")],
    )
    .unwrap();
    assert_eq!(p.crop, rect("64,0,256,192"));
    assert_eq!(p.redacted, vec![rect("128,64,64,64"), rect("64,0,64,128")]);
    let checked = p.publication.check_image(&p.jpeg).unwrap();
    assert_eq!((checked.shown, checked.total, checked.hidden), (9, 20, 3));
    assert!(checked
        .describe()
        .starts_with("9 of 20 tiles shown; the rest hidden by the publisher"));
    // Through JSON and back.
    let again = Publication::from_json(&p.publication.to_json()).unwrap();
    assert!(again.check_image(&p.jpeg).is_ok());

    // The published coefficients are the original's, moved by the crop,
    // and zero where redacted.
    let original = jpeg::decode(PHOTO).unwrap();
    let public = jpeg::decode(&p.jpeg).unwrap();
    assert_eq!((public.width, public.height), (256, 192));
    let y = &public.components[0];
    let o = &original.components[0];
    // Luma block (row 9, column 20) of the image is (9, 28) of the original.
    assert_eq!(y.blocks[9 * y.stride + 20], o.blocks[9 * o.stride + 28]);
    assert!(y.blocks[9 * y.stride + 9] == [0; 64]);
    assert!(y.blocks[9 * y.stride + 9] != o.blocks[9 * o.stride + 17]);
}

#[test]
fn any_change_to_a_visible_tile_a_hidden_tile_or_the_bundle_fails() {
    let seed = Seed::from_bytes([4; 32]);
    let opening = Opening::random();
    let proof = signed(&seed, &opening);
    let p = publish(
        PHOTO,
        &seed,
        &opening,
        &proof,
        None,
        &[rect("100,100,20,20")],
    )
    .unwrap();
    let public = jpeg::decode(&p.jpeg).unwrap();
    let fails = |c: &Coefficients, why: &str| {
        let e = p
            .publication
            .check_image(&jpeg::write(c).unwrap())
            .unwrap_err()
            .to_string();
        assert!(e.contains(why), "{e}");
    };
    // One coefficient of a visible tile, in each component.
    for comp in 0..3 {
        let mut c = public.clone();
        c.components[comp].blocks[0][1] += 1;
        fails(&c, "NOT an untouched part");
    }
    // Something drawn into the hidden tile (luma block 8, 8 of tile (1, 1)).
    let mut c = public.clone();
    let stride = c.components[0].stride;
    c.components[0].blocks[8 * stride + 8][0] = 40;
    fails(&c, "not blank");
    // Cropped further or resized: the size no longer fits.
    fails(
        &public
            .crop(Region {
                x: 0,
                y: 0,
                w: 12,
                h: 15,
            })
            .unwrap(),
        "pixels",
    );
    // A bundle that hides one tile less, or another opening.
    let mut b = p.publication.clone();
    b.hidden.clear();
    assert!(matches!(
        b.check_image(&p.jpeg),
        Err(crate::ProofError::Publication(..))
    ));
    let mut b = p.publication.clone();
    b.opening = Opening::random();
    assert!(b
        .check_image(&p.jpeg)
        .unwrap_err()
        .to_string()
        .contains("NOT"));
    let mut b = p.publication.clone();
    b.keys = b.hashes.clone();
    assert!(matches!(
        b.check_image(&p.jpeg),
        Err(crate::ProofError::Publication(..))
    ));
    // Hidden areas listed over and over are refused before any work.
    let mut b = p.publication.clone();
    b.hidden = vec![b.hidden[0]; 100];
    assert!(b
        .check_image(&p.jpeg)
        .unwrap_err()
        .to_string()
        .contains("overlap"));
    let mut b = p.publication.clone();
    b.hidden = vec![b.crop; 4];
    assert!(matches!(
        b.check_image(&p.jpeg),
        Err(crate::ProofError::Publication(..))
    ));
    // A lossless rewrite (other Huffman tables) still checks: the proof is
    // about coefficients, not bytes.
    assert!(p
        .publication
        .check_image(&jpeg::write(&public).unwrap())
        .is_ok());
}

#[test]
fn publishing_refuses_what_it_cannot_stand_behind() {
    let seed = Seed::from_bytes([5; 32]);
    let opening = Opening::random();
    let proof = signed(&seed, &opening);
    let e = |r: Result<Published, ProofError>| r.err().map(|e| e.to_string()).unwrap_or_default();
    // Another seed or opening: the proof is not for this photo.
    assert!(e(publish(
        PHOTO,
        &Seed::from_bytes([6; 32]),
        &opening,
        &proof,
        None,
        &[]
    ))
    .contains("commitment differs"));
    assert!(
        e(publish(PHOTO, &seed, &Opening::random(), &proof, None, &[]))
            .contains("commitment differs")
    );
    assert!(e(publish(
        PHOTO,
        &seed,
        &opening,
        &proof,
        Some(rect("400,0,10,10")),
        &[]
    ))
    .contains("outside"));
    assert!(e(publish(
        PHOTO,
        &seed,
        &opening,
        &proof,
        None,
        &[rect("0,0,320,240")]
    ))
    .contains("nothing would be shown"));
    assert!(e(publish(b"not a jpeg", &seed, &opening, &proof, None, &[])).contains("cannot read"));
    for bad in ["1,2,3", "1,2,3,0", "a,b,c,d", "1,2,3,4,5", "-1,0,4,4"] {
        assert!(
            matches!(bad.parse::<Rect>(), Err(crate::ProofError::Publication(m)) if m.contains("is not a rectangle")),
            "{bad}"
        );
    }
}

/// The red team's `/verify` exhaustion: an image far larger than any
/// publication is refused from its frame header before any memory is
/// taken, and the overlap limit comes before the hidden areas are looked
/// at (an area that is not blank is not even read).
#[test]
fn the_cheap_bounds_come_before_any_decoding() {
    let small = jpeg::flat(64, 64, 1);
    assert!(
        jpeg::decode(&small).is_ok(),
        "the generator writes real JPEGs"
    );
    let huge = jpeg::flat(16384, 16384, 1);
    assert!(huge.len() < 1_100_000, "{}", huge.len());
    let seed = Seed::from_bytes([5; 32]);
    let opening = Opening::random();
    let proof = signed(&seed, &opening);
    let p = publish(
        PHOTO,
        &seed,
        &opening,
        &proof,
        None,
        &[rect("100,100,20,20")],
    )
    .unwrap();
    let e = p.publication.check_image(&huge).unwrap_err().to_string();
    assert!(e.contains("more than the 64 megapixels"), "{e}");
    let e = decode_bounded(&huge, "photo").unwrap_err().to_string();
    assert!(e.contains("16384×16384"), "{e}");

    // Overlapping areas over a hidden tile that is not blank: the overlap
    // is what is said, because it is checked first.
    let mut c = jpeg::decode(&p.jpeg).unwrap();
    let stride = c.components[0].stride;
    c.components[0].blocks[8 * stride + 8][0] = 40;
    let drawn = jpeg::write(&c).unwrap();
    let mut b = p.publication.clone();
    b.hidden = vec![b.hidden[0]; MAX_HIDDEN];
    let e = b.check_image(&drawn).unwrap_err().to_string();
    assert!(e.contains("overlap over and over"), "{e}");
    // The check hands back what to draw: the verified coefficients
    // written afresh (here, byte for byte what `publish` wrote).
    let checked = p.publication.check_image(&p.jpeg).unwrap();
    assert_eq!(checked.drawing().unwrap(), p.jpeg);
}

//! Properties checked on generated inputs (proptest): stripping is
//! idempotent and leaves the content digest unchanged, sealing round-trips
//! at any size up to 10 MiB, padding stays within its bucket bounds, and
//! proof bundles round-trip in both encodings.

use std::io::Cursor;
use std::path::Path;

use darkroom_circuits::statement::{PublicInputs, Version};
use darkroom_circuits::Fr;
use darkroom_core::bundle::Bundle;
use darkroom_core::bundle::{MAX_LAT, MAX_LON};
use darkroom_core::digest::ContentDigest;
use darkroom_core::envelope::{self, SealOptions};
use darkroom_core::padding::{padded_len, MIN_PADDED};
use darkroom_core::{Error, StripError};
use proptest::prelude::*;

/// The committed seed images (fuzz/corpus/strip), each with metadata.
fn seeds() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus/strip");
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e != "txt"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect();
    out.sort();
    assert!(out.len() >= 30);
    out
}

/// A PDF with `payload` as its title in a new Info dictionary (written
/// again by lopdf, so the layout changes too).
fn plant_pdf(pdf: &[u8], payload: &[u8]) -> Vec<u8> {
    let mut doc = lopdf::Document::load_mem(pdf).unwrap();
    let mut d = lopdf::Dictionary::new();
    d.set(
        "Title",
        lopdf::Object::String(payload.to_vec(), lopdf::StringFormat::Hexadecimal),
    );
    d.set("Author", lopdf::Object::string_literal("Jane Example"));
    let info = doc.add_object(d);
    doc.trailer.set("Info", info);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// An office document with `payload` appended as a thumbnail part.
fn plant_package(package: &[u8], payload: &[u8]) -> Vec<u8> {
    let odf = zip::ZipArchive::new(Cursor::new(package))
        .unwrap()
        .by_name("mimetype")
        .is_ok();
    let mut z = zip::ZipWriter::new_append(Cursor::new(package.to_vec())).unwrap();
    let name = if odf {
        "Thumbnails/planted.png"
    } else {
        "docProps/thumbnail-planted.jpeg"
    };
    z.start_file(name, zip::write::SimpleFileOptions::default())
        .unwrap();
    std::io::Write::write_all(&mut z, payload).unwrap();
    z.finish().unwrap().into_inner()
}

/// An Ogg stream with `payload` as one more comment.
fn plant_ogg(ogg: &[u8], payload: &[u8]) -> Vec<u8> {
    use ogg::writing::PacketWriteEndInfo as End;
    let mut r = ogg::PacketReader::new(Cursor::new(ogg.to_vec()));
    let mut w = ogg::PacketWriter::new(Vec::new());
    let mut index = 0;
    while let Some(p) = r.read_packet().unwrap() {
        let mut data = p.data.clone();
        if index == 1 {
            // Vendor string, comment count, comments (and Vorbis's framing
            // bit): one more comment, its count raised.
            let magic = if data.starts_with(b"OpusTags") { 8 } else { 7 };
            let vendor = u32::from_le_bytes(data[magic..magic + 4].try_into().unwrap()) as usize;
            let at = magic + 4 + vendor;
            let count = u32::from_le_bytes(data[at..at + 4].try_into().unwrap());
            data[at..at + 4].copy_from_slice(&(count + 1).to_le_bytes());
            let comment = [b"COMMENT=".as_slice(), payload].concat();
            let mut c = (comment.len() as u32).to_le_bytes().to_vec();
            c.extend_from_slice(&comment);
            data.splice(at + 4..at + 4, c);
        }
        let end = if p.last_in_stream() {
            End::EndStream
        } else if p.last_in_page() {
            End::EndPage
        } else {
            End::NormalPacket
        };
        w.write_packet(data, p.stream_serial(), end, p.absgp_page())
            .unwrap();
        index += 1;
    }
    w.into_inner()
}

/// `image` with `payload` planted as metadata where its format keeps it:
/// an APPn segment in a JPEG, an ancillary chunk in a PNG, an unknown
/// chunk in a WebP or WAV, a box at the end of a HEIF or MP4, a tag before
/// an MP3, a block in a FLAC, unreferenced bytes in a TIFF, an Info
/// dictionary in a PDF, a thumbnail in an office document, a comment in an
/// Ogg stream.
fn plant(image: &[u8], kind: u8, payload: &[u8]) -> Vec<u8> {
    let payload = &payload[..payload.len().min(60_000)];
    let mut out = Vec::new();
    if image.starts_with(b"%PDF-") {
        return plant_pdf(image, payload);
    } else if image.starts_with(b"PK\x03\x04") {
        return plant_package(image, payload);
    } else if image.starts_with(b"OggS") {
        return plant_ogg(image, payload);
    }
    if image.starts_with(&[0xFF, 0xD8]) {
        out.extend_from_slice(&image[..2]);
        out.extend_from_slice(&[0xFF, 0xE1 + kind % 14]);
        out.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
        out.extend_from_slice(payload);
        out.extend_from_slice(&image[2..]);
    } else if image.starts_with(b"\x89PNG") {
        // After the IHDR chunk (8 + 25 bytes).
        let names: [&[u8; 4]; 4] = [b"tEXt", b"iTXt", b"eXIf", b"zzZz"];
        let name = names[usize::from(kind) % names.len()];
        out.extend_from_slice(&image[..33]);
        out.extend_from_slice(&(payload.len() as u32).to_be_bytes());
        out.extend_from_slice(name);
        out.extend_from_slice(payload);
        let mut crc = crc32fast::Hasher::new();
        crc.update(name);
        crc.update(payload);
        out.extend_from_slice(&crc.finalize().to_be_bytes());
        out.extend_from_slice(&image[33..]);
    } else if image.starts_with(b"II*\0") || image.starts_with(b"MM\0*") {
        // TIFF: bytes no directory points at, after the last.
        out.extend_from_slice(image);
        out.extend_from_slice(payload);
    } else if image.starts_with(b"ID3") {
        // MP3: one more ID3v2 tag in front.
        let size = payload.len() as u32;
        let syncsafe = [
            (size >> 21) as u8 & 0x7F,
            (size >> 14) as u8 & 0x7F,
            (size >> 7) as u8 & 0x7F,
            size as u8 & 0x7F,
        ];
        out.extend_from_slice(b"ID3\x03\0\0");
        out.extend_from_slice(&syncsafe);
        out.extend_from_slice(payload);
        out.extend_from_slice(image);
    } else if image.starts_with(b"fLaC") {
        // FLAC: an application, comment or picture block after STREAMINFO.
        let kind = [2u8, 4, 6][usize::from(kind) % 3];
        let len = (payload.len() as u32).to_be_bytes();
        out.extend_from_slice(&image[..42]);
        out.extend_from_slice(&[kind, len[1], len[2], len[3]]);
        out.extend_from_slice(payload);
        out.extend_from_slice(&image[42..]);
    } else if image.get(4..8) == Some(b"ftyp") {
        // HEIF, MP4, MOV: a box after the last one (item and chunk offsets
        // are absolute, so nothing can go before the data without
        // rewriting them).
        let names: [&[u8; 4]; 3] = [b"uuid", b"free", b"Exif"];
        let name = names[usize::from(kind) % names.len()];
        out.extend_from_slice(image);
        out.extend_from_slice(&(payload.len() as u32 + 8).to_be_bytes());
        out.extend_from_slice(name);
        out.extend_from_slice(payload);
    } else {
        // RIFF size, WEBP, then the first chunk; append an unknown chunk.
        let names: [&[u8; 4]; 3] = [b"EXIF", b"XMP ", b"ZZZZ"];
        let name = names[usize::from(kind) % names.len()];
        out.extend_from_slice(image);
        out.extend_from_slice(name);
        out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
        out.extend_from_slice(payload);
        if payload.len() % 2 == 1 {
            out.push(0);
        }
        let size = (out.len() - 8) as u32;
        out[4..8].copy_from_slice(&size.to_le_bytes());
    }
    out
}

fn strip(input: &[u8]) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    darkroom_core::strip::strip(
        Cursor::new(input),
        None,
        darkroom_core::strip::Uncleanable::Refuse,
        &mut out,
    )?;
    Ok(out)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Stripping a stripped file changes nothing, and the digest of a file
    /// is the digest of its stripped copy, whatever metadata it carries.
    #[test]
    fn strip_is_idempotent_and_keeps_the_digest(
        seed in 0usize..40, kind in any::<u8>(), payload in prop::collection::vec(any::<u8>(), 0..2048),
    ) {
        let seeds = seeds();
        let (name, image) = &seeds[seed % seeds.len()];
        let planted = plant(image, kind, &payload);
        let once = strip(&planted).map_err(|e| TestCaseError::fail(format!("{name}: {e}")))?;
        let twice = strip(&once).unwrap();
        prop_assert!(once == twice, "{}: stripping is not idempotent", name);
        let (d1, _) = ContentDigest::of(&planted[..], None).unwrap();
        let (d2, _) = ContentDigest::of(&once[..], None).unwrap();
        let (d3, _) = ContentDigest::of(&image[..], None).unwrap();
        prop_assert_eq!(d1, d2, "{}: the digest changed with stripping", name);
        prop_assert_eq!(d1, d3, "{}: planted metadata changed the digest", name);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Any file from 1 byte to 10 MiB seals and opens to the same bytes,
    /// with a ciphertext of its padded length; an empty one is refused.
    #[test]
    fn seal_open_round_trips(len in prop_oneof![0usize..=70_000, 0usize..=10 << 20], seed in any::<u64>()) {
        use rand::{RngCore, SeedableRng};
        let mut content = vec![0u8; len];
        rand::rngs::StdRng::seed_from_u64(seed).fill_bytes(&mut content);
        let identity = age::x25519::Identity::generate();
        let options = SealOptions::new("data.bin", vec![identity.to_public().to_string()])
            .sending_as_is();
        let mut sealed = Vec::new();
        let receipt = envelope::seal(Cursor::new(&content), options, &mut sealed);
        if len == 0 {
            prop_assert!(matches!(receipt, Err(Error::Strip(StripError::Empty))));
            prop_assert!(sealed.is_empty());
            return Ok(());
        }
        let receipt = receipt.unwrap();
        let mut opened = Vec::new();
        let id: &dyn age::Identity = &identity;
        let o = envelope::open(&sealed[..], &[id], &mut opened).unwrap();
        prop_assert!(opened == content, "round trip changed {} bytes", len);
        prop_assert_eq!(o.manifest.content_digest, receipt.content_digest);
        prop_assert_eq!(receipt.padded_len, padded_len(receipt.padded_len));
        prop_assert!(receipt.padded_len >= len as u64);
    }

    /// Padmé: at least the length, at least one chunk, a fixed point,
    /// monotonic, and under 12% overhead.
    #[test]
    fn padding_stays_in_its_bucket(a in 0u64..1 << 48, b in 0u64..1 << 48) {
        let (lo, hi) = (a.min(b), a.max(b));
        let p = padded_len(lo);
        prop_assert!(p >= lo && p >= MIN_PADDED);
        prop_assert_eq!(padded_len(p), p);
        prop_assert!(padded_len(hi) >= p);
        if lo > MIN_PADDED {
            prop_assert!((p - lo) as f64 <= 0.12 * lo as f64, "{} pads to {}", lo, p);
        } else {
            prop_assert_eq!(p, MIN_PADDED);
        }
    }

    /// Bundles: binary and JSON encodings decode to what was encoded.
    #[test]
    fn bundles_round_trip(
        circuit_id in any::<[u8; 32]>(), root in any::<[u64; 4]>(), commitment in any::<[u64; 4]>(),
        t in any::<(u64, u64)>(), lat in (0..=MAX_LAT, 0..=MAX_LAT), lon in (0..=MAX_LON, 0..=MAX_LON),
        anywhere in any::<bool>(), proof in prop::collection::vec(any::<u8>(), darkroom_circuits::groth16::PROOF_LEN),
        v2 in any::<bool>(),
    ) {
        let fr = |limbs: [u64; 4]| {
            limbs.iter().fold(Fr::from(0u64), |acc, l| acc * Fr::from(1u128 << 64) + Fr::from(*l))
        };
        let (lat_lo, lat_hi, lon_lo, lon_hi) = if anywhere {
            (0, u32::MAX, 0, u32::MAX)
        } else {
            (lat.0.min(lat.1), lat.0.max(lat.1), lon.0.min(lon.1), lon.0.max(lon.1))
        };
        let bundle = Bundle {
            statement: if v2 { Version::V2 } else { Version::V1 },
            circuit_id,
            public: PublicInputs {
                root: fr(root),
                commitment: fr(commitment),
                t_lo: t.0.min(t.1),
                t_hi: t.0.max(t.1),
                lat_lo, lat_hi, lon_lo, lon_hi,
            },
            proof: proof.try_into().unwrap(),
        };
        prop_assert_eq!(&Bundle::from_bytes(&bundle.to_bytes()).unwrap(), &bundle);
        prop_assert_eq!(&Bundle::from_json(&bundle.to_json()).unwrap(), &bundle);
        prop_assert_eq!(&Bundle::parse(&bundle.to_bytes()).unwrap(), &bundle);
        prop_assert_eq!(&Bundle::parse(bundle.to_json().as_bytes()).unwrap(), &bundle);
    }
}

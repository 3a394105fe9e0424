//! Naming a C2PA manifest store (Content Credentials) that stripping
//! removes, and what it reveals, without its values.
//!
//! A manifest store is JUMBF (ISO/IEC 19566-5): boxes within boxes, each
//! superbox opened by a description box (`jumd`) that holds a 16-byte type
//! UUID, a toggles byte and, when toggle bit 1 is set, a NUL-terminated
//! label. C2PA's own types share the UUID tail `-0011-0010-8000-00AA00389B71`
//! after a four-letter code (`c2pa` for the store, `c2ma` for a manifest,
//! `c2as` for its assertions, `c2cl` for a claim, `c2cs` for a signature).
//! It travels in JPEG APP11 segments (split across several, each starting
//! with `JP`), in a PNG `caBX` chunk, and in an ISO BMFF `uuid` box; each
//! piece is looked into on its own, so a description split between two
//! pieces is missed, while the store itself is still removed.
//!
//! The labels say what the store carries: a signature (an X.509 chain,
//! whose certificate can name the device's maker, model and a serial), a
//! claim (the software that made it), edit actions, ingredients (earlier
//! versions of the file), thumbnails and metadata assertions.

use crate::report::{Category, StripReport};

/// The tail every C2PA JUMBF type UUID shares.
const C2PA_UUID_TAIL: [u8; 12] = [
    0x00, 0x11, 0x00, 0x10, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71,
];
/// The longest label read.
const MAX_LABEL: usize = 256;

/// What a file's Content Credentials can tell, said once per report.
pub(crate) const NOTE_C2PA: &str = "The file carried Content Credentials (C2PA): a record signed by the camera or app that made or edited it. They were removed, because their signing certificate can name the device (its maker, model and a serial) and they describe the original file. Darkroom does not send them unless you choose to keep them for the newsroom.";

/// The same, when the source chose to keep them for the newsroom.
pub(crate) const NOTE_C2PA_KEPT: &str = "The file carried Content Credentials (C2PA): a record signed by the camera or app that made or edited it. You chose to keep them for the newsroom: the original file, with all its metadata (location included) and the credentials' certificate (which can name the device's maker, model and a serial), is sealed for the newsroom only. The stripped file is what anyone else would see.";

/// The labels of the JUMBF description boxes in `data`, with their type
/// code when the type is one of C2PA's.
fn descriptions(data: &[u8]) -> impl Iterator<Item = (Option<[u8; 4]>, &[u8])> {
    memchr::memmem::find_iter(data, b"jumd").filter_map(move |at| {
        let uuid = data.get(at + 4..at + 20)?;
        let toggles = *data.get(at + 20)?;
        let code = (uuid[4..] == C2PA_UUID_TAIL).then(|| {
            let mut c = [0u8; 4];
            c.copy_from_slice(&uuid[..4]);
            c
        });
        let label = if toggles & 0x02 != 0 {
            let rest = data.get(at + 21..)?;
            let end = rest.iter().take(MAX_LABEL).position(|&b| b == 0)?;
            &rest[..end]
        } else {
            &[][..]
        };
        Some((code, label))
    })
}

/// Whether `data` holds (part of) a C2PA manifest store.
pub(crate) fn is_c2pa(data: &[u8]) -> bool {
    descriptions(data).any(|(code, _)| code.is_some())
}

/// Records what a piece of a C2PA manifest store reveals, by its boxes'
/// labels.
pub(crate) fn inspect(report: &mut StripReport, data: &[u8]) {
    if !is_c2pa(data) {
        return;
    }
    report.note(NOTE_C2PA);
    for (code, label) in descriptions(data) {
        let label = String::from_utf8_lossy(label);
        let (category, field) = match (code.as_ref().map(|c| &c[..]), &*label) {
            (Some(b"c2cs"), _) | (_, "c2pa.signature") => {
                (Category::DeviceSerial, "C2PA signing certificate")
            }
            (Some(b"c2cl"), _) | (_, "c2pa.claim" | "c2pa.claim.v2") => {
                (Category::Software, "C2PA claim generator")
            }
            (_, l) if l.starts_with("c2pa.actions") => (Category::EditHistory, "C2PA edit actions"),
            (_, l) if l.starts_with("c2pa.ingredient") => (
                Category::EditHistory,
                "C2PA ingredient (an earlier version)",
            ),
            (_, l) if l.starts_with("c2pa.thumbnail") => (Category::Thumbnail, "C2PA thumbnail"),
            (_, "stds.exif" | "c2pa.metadata" | "stds.xmp") => {
                (Category::Device, "C2PA metadata assertion")
            }
            (_, l) if l.starts_with("stds.schema-org.CreativeWork") => {
                (Category::Person, "C2PA creative work assertion")
            }
            (_, l) if l.starts_with("cawg.identity") => {
                (Category::Person, "C2PA identity assertion")
            }
            _ => continue,
        };
        report.found(category, field);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::media::MediaKind;

    /// A description box: its type code (C2PA's tail) and label.
    fn jumd(code: &[u8; 4], label: &str) -> Vec<u8> {
        let mut body = code.to_vec();
        body.extend_from_slice(&C2PA_UUID_TAIL);
        body.push(0x03);
        body.extend_from_slice(label.as_bytes());
        body.push(0);
        let mut b = ((body.len() + 8) as u32).to_be_bytes().to_vec();
        b.extend_from_slice(b"jumd");
        b.extend_from_slice(&body);
        b
    }

    #[test]
    fn labels_name_what_the_store_reveals_and_nothing_else_counts() {
        let mut store = jumd(b"c2pa", "c2pa");
        for (code, label) in [
            (b"c2ma", "urn:c2pa:1234"),
            (b"c2as", "c2pa.assertions"),
            (b"cbor", "c2pa.actions.v2"),
            (b"cbor", "stds.exif"),
            (b"c2cl", "c2pa.claim.v2"),
            (b"c2cs", "c2pa.signature"),
        ] {
            store.extend(jumd(code, label));
        }
        let mut report = StripReport::new(MediaKind::Jpeg);
        inspect(&mut report, &store);
        let got: Vec<_> = report.findings.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(
            got,
            [
                "C2PA edit actions",
                "C2PA metadata assertion",
                "C2PA claim generator",
                "C2PA signing certificate"
            ]
        );
        assert_eq!(report.notes, [NOTE_C2PA]);

        // Another JUMBF store (not C2PA), a cut box, and plain bytes: no
        // findings, and no panic.
        let mut other = jumd(b"c2pa", "c2pa");
        other[12] ^= 0xFF; // the UUID tail no longer C2PA's
        for data in [&other[..], &store[..10], &store[..28], b"jumd", b""] {
            let mut r = StripReport::new(MediaKind::Jpeg);
            inspect(&mut r, data);
            assert!(r.findings.is_empty() && r.notes.is_empty());
        }
    }
}

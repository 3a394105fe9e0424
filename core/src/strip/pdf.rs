//! PDF documents: parsed with `lopdf` and written again as one revision,
//! without what identifies their author, their software or their history.
//!
//! Removed: the trailer's Info dictionary (Author, Creator, Producer,
//! dates, Title, Subject, Keywords) and `/ID`; every XMP `/Metadata`
//! stream, wherever it hangs; `/PieceInfo` (application private data) and
//! `/LastModified`; the author (`/T`), name and dates of every annotation
//! but form fields (whose `/T` is the field's name); the metadata of
//! embedded JPEG images (cleaned as any JPEG is); and every earlier
//! revision an incremental update left behind. Page content streams,
//! fonts, images and form fields are copied as objects, unchanged.
//!
//! The output is deterministic: objects renumbered in order, a classic
//! cross-reference table, a fixed binary comment. Cleaning it again gives
//! the same bytes, so the stripped file is the canonical stream. Encrypted
//! documents and documents `lopdf` cannot read are not cleaned
//! ([`StripError::CannotClean`]).

use lopdf::xref::{XrefEntry, XrefType};
use lopdf::{Dictionary, Document, Object};

use super::inspect;
use crate::report::{Category, StripReport};
use crate::{MediaKind, StripError};

const ENCRYPTED: &str = "It is encrypted, and Darkroom does not open protected documents. Open it, print it to a new PDF without a password, and choose that one.";
const UNREADABLE: &str = "Darkroom could not read its structure, so it cannot tell what it carries. Open it and print it to a new PDF, then choose that one.";
const EMBEDDED_IMAGE: &str = "One of the images inside it could not be cleaned. Open it and print it to a new PDF, then choose that one.";
/// A residual risk of a PDF with attached files.
const ATTACHMENTS: &str = "Files attached to this PDF stay inside it as they are, with their own metadata: Darkroom does not clean attachments. Save them and send them as separate files if they matter.";

/// The binary comment after the header: fixed, as every producer writes
/// its own.
const BINARY_MARK: &[u8] = &[0xE2, 0xE3, 0xCF, 0xD3];

/// Annotation keys that name or date whoever made the annotation.
const ANNOT_PERSONAL: &[&[u8]] = &[b"T", b"M", b"CreationDate", b"NM"];

fn cannot(advice: &'static str) -> StripError {
    StripError::CannotClean {
        kind: MediaKind::Pdf.name(),
        advice,
    }
}

/// Cleans the PDF `file`, returning the document to send.
pub(super) fn clean(file: &[u8], report: &mut StripReport) -> Result<Vec<u8>, StripError> {
    if trailer_says_encrypted(file) {
        return Err(cannot(ENCRYPTED));
    }
    let mut doc = Document::load_mem(file).map_err(|_| cannot(UNREADABLE))?;
    if doc.is_encrypted() || doc.trailer.has(b"Encrypt") {
        return Err(cannot(ENCRYPTED));
    }
    // `lopdf` skips an object it cannot parse: refuse rather than send a
    // document with a piece missing.
    let lost = doc
        .reference_table
        .entries
        .iter()
        .any(|(&id, entry)| match entry {
            XrefEntry::Normal { generation, .. } => !doc.objects.contains_key(&(id, *generation)),
            XrefEntry::Compressed { .. } => {
                doc.objects.range((id, 0)..=(id, u16::MAX)).next().is_none()
            }
            _ => false,
        });
    if lost {
        return Err(cannot(UNREADABLE));
    }
    // Earlier revisions: each incremental update adds an end-of-file
    // marker; a linearized file has one more without being updated.
    let eofs = memchr::memmem::find_iter(file, b"%%EOF").count();
    let linearized = doc
        .objects
        .values()
        .any(|o| o.as_dict().is_ok_and(|d| d.has(b"Linearized")));
    let updates = eofs.saturating_sub(1 + usize::from(linearized));
    if updates > 0 {
        report.found(Category::EditHistory, "incremental updates");
        for _ in 0..updates {
            report.removed("earlier revision (incremental update)", 0);
        }
    }

    if let Ok(info) = doc.trailer.get(b"Info") {
        let info = match info {
            Object::Reference(id) => doc.get_object(*id).ok().cloned(),
            direct => Some(direct.clone()),
        };
        if let Some(Object::Dictionary(d)) = info {
            inspect_info(report, &d);
        }
        report.removed("Info dictionary", 0);
    }
    doc.trailer.remove(b"Info");
    if doc.trailer.remove(b"ID").is_some() {
        report.removed("document ID", 0);
        report.found(Category::DeviceSerial, "ID");
    }

    // XMP packets first, while their streams are still reachable.
    let mut xmp_ids = Vec::new();
    for object in doc.objects.values() {
        if let Some(Ok(Object::Reference(id))) = dictionary(object).map(|d| d.get(b"Metadata")) {
            xmp_ids.push(*id);
        }
    }
    xmp_ids.sort_unstable();
    xmp_ids.dedup();
    for id in xmp_ids {
        if let Ok(Object::Stream(s)) = doc.get_object(id) {
            let packet = s.get_plain_content().unwrap_or_default();
            inspect::xmp(report, &packet);
            report.removed("XMP metadata", s.content.len() as u64);
        }
    }

    let mut attachments = false;
    for object in doc.objects.values_mut() {
        scrub(object, report, &mut attachments);
        if let Object::Stream(stream) = object {
            if is_jpeg_image(&stream.dict) {
                let (cleaned, sub) =
                    super::embedded(&stream.content).map_err(|_| cannot(EMBEDDED_IMAGE))?;
                if let Some(cleaned) = cleaned.filter(|c| *c != stream.content) {
                    let saved = stream.content.len().saturating_sub(cleaned.len());
                    report.removed("metadata of an embedded JPEG image", saved as u64);
                    for f in sub.findings {
                        report.found(f.category, format!("embedded image {}", f.field));
                    }
                    stream.set_content(cleaned);
                }
            }
        }
    }
    if attachments {
        report.residual_risks.push(ATTACHMENTS.to_string());
    }

    doc.prune_objects();
    doc.renumber_objects();
    doc.binary_mark = BINARY_MARK.to_vec();
    doc.reference_table.cross_reference_type = XrefType::CrossReferenceTable;
    let mut out = Vec::with_capacity(file.len());
    doc.save_to(&mut out).map_err(|_| cannot(UNREADABLE))?;
    Ok(out)
}

/// Whether the last trailer names an `/Encrypt` dictionary: checked before
/// parsing, as `lopdf` may open a document with an empty password.
fn trailer_says_encrypted(file: &[u8]) -> bool {
    let tail = &file[file.len().saturating_sub(4096)..];
    inspect::contains(tail, b"/Encrypt")
}

fn dictionary(object: &Object) -> Option<&Dictionary> {
    match object {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

/// Removes the personal keys of `object` and of every dictionary inside it.
fn scrub(object: &mut Object, report: &mut StripReport, attachments: &mut bool) {
    let dict = match object {
        Object::Dictionary(d) => d,
        Object::Stream(s) => &mut s.dict,
        Object::Array(items) => {
            for item in items {
                scrub(item, report, attachments);
            }
            return;
        }
        _ => return,
    };
    // Counted with its stream above.
    dict.remove(b"Metadata");
    if dict.remove(b"PieceInfo").is_some() {
        report.removed("application private data (PieceInfo)", 0);
        report.found(Category::EditHistory, "PieceInfo");
    }
    if dict.remove(b"LastModified").is_some() {
        report.found(Category::Timestamp, "LastModified");
    }
    if is_annotation(dict) {
        let widget = dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .is_ok_and(|n| n == b"Widget");
        for key in ANNOT_PERSONAL {
            // A form field's /T is its name, which the form needs.
            if widget && (*key == b"T" || *key == b"NM") {
                continue;
            }
            if dict.remove(key).is_some() {
                let (category, what) = if *key == b"T" {
                    (Category::Person, "annotation author")
                } else if *key == b"NM" {
                    (Category::DeviceSerial, "annotation name")
                } else {
                    (Category::Timestamp, "annotation date")
                };
                report.found(category, what);
                report.removed(what, 0);
            }
        }
    }
    if dict.has(b"EmbeddedFiles")
        || dict
            .get(b"Type")
            .and_then(Object::as_name)
            .is_ok_and(|n| n == b"EmbeddedFile" || n == b"Filespec")
    {
        *attachments = true;
    }
    for (_, value) in dict.iter_mut() {
        scrub(value, report, attachments);
    }
}

fn is_annotation(dict: &Dictionary) -> bool {
    let typed = dict.get(b"Type").and_then(Object::as_name);
    match typed {
        Ok(t) => t == b"Annot",
        Err(_) => dict.has(b"Subtype") && dict.has(b"Rect"),
    }
}

/// An image XObject whose only filter is DCTDecode: its data is a JPEG.
fn is_jpeg_image(dict: &Dictionary) -> bool {
    let subtype = dict.get(b"Subtype").and_then(Object::as_name);
    let filter = match dict.get(b"Filter") {
        Ok(Object::Name(n)) => Some(n.as_slice()),
        Ok(Object::Array(a)) if a.len() == 1 => a[0].as_name().ok(),
        _ => None,
    };
    subtype.is_ok_and(|s| s == b"Image") && filter == Some(b"DCTDecode".as_slice())
}

/// Records which Info entries were there (never their values).
fn inspect_info(report: &mut StripReport, info: &Dictionary) {
    for (key, _) in info.iter() {
        let category = match key.as_slice() {
            b"Author" => Category::Person,
            b"Creator" | b"Producer" => Category::Software,
            b"CreationDate" | b"ModDate" => Category::Timestamp,
            b"Title" | b"Subject" | b"Keywords" => Category::Text,
            _ => Category::Text,
        };
        report.found(category, format!("Info {}", inspect::printable(key)));
    }
}

#[cfg(test)]
mod tests;

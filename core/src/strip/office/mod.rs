//! Office documents: Word, Excel and PowerPoint (OOXML) and OpenDocument
//! (ODF) packages, written again as a new ZIP without what names their
//! authors, their software, their printers or their history.
//!
//! Removed or emptied: the document properties (OOXML `docProps/core.xml`,
//! `app.xml`, `custom.xml`; ODF `meta.xml`), which become empty property
//! sets so that every reference to them stays valid; thumbnails; printer
//! settings (OOXML `printerSettings` parts, ODF `PrinterName` and
//! `PrinterSetup`); digital signatures, which name their signer and which
//! any change breaks anyway; Word's and LibreOffice's edit-session ids
//! (`rsid`); the names, initials, user ids and dates of comment and
//! tracked-change authors, replaced by a neutral "Author" and a fixed
//! date; the metadata of embedded images, cleaned as any image is; and
//! the ZIP container's own dates, extra fields and comments. Relationships
//! and manifest entries that pointed to a removed part are removed with it.
//!
//! Every other part is copied with the same content, in the same order;
//! the document's text is unchanged. Parts are recompressed with one fixed
//! setting, so that cleaning a cleaned file gives the same bytes: the
//! stripped file is the canonical stream. Other ZIP archives, encrypted
//! packages and packages that cannot be read are not cleaned
//! ([`StripError::CannotClean`]).

mod xml;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

use crate::report::{Category, StripReport};
use crate::StripError;

use xml::Rules;

const ARCHIVE: &str = "Darkroom cleans Word, Excel, PowerPoint and OpenDocument files, but not other ZIP archives, whose files can each carry metadata. Send the files inside it one by one instead.";
const UNREADABLE: &str = "Darkroom could not read this document's package, so it cannot tell what it carries. Open it and save or export a new copy, then choose that one.";
const ENCRYPTED: &str = "Parts of it are encrypted, and Darkroom does not open protected documents. Save a copy without a password and choose that one.";
const EMBEDDED_IMAGE: &str = "One of the images inside it could not be cleaned. Open it and save or export a new copy, then choose that one.";
const TOO_LARGE: &str = "Unpacked, it is larger than the 512 MiB Darkroom reads into memory to clean a document. Split it or export a smaller copy, then choose that one.";

/// A residual risk of a document with macros or embedded objects.
const EMBEDDED_OBJECTS: &str = "Macros and objects embedded in this document (another document, a chart's workbook) stay inside it as they are, with their own metadata: Darkroom does not clean them.";

/// The most unpacked bytes and parts read from one package.
const MAX_UNPACKED: u64 = 512 << 20;
const MAX_PARTS: usize = 20_000;

/// Which family a package belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Family {
    Ooxml,
    Odf,
}

fn cannot(advice: &'static str) -> StripError {
    StripError::CannotClean {
        kind: if advice == ARCHIVE {
            "ZIP archive"
        } else {
            "office document"
        },
        advice,
    }
}

/// One entry of the package, unpacked.
struct Part {
    name: String,
    data: Vec<u8>,
    stored: bool,
    dir: bool,
}

/// Cleans the package `file`, returning the document to send.
pub(super) fn clean(file: &[u8], report: &mut StripReport) -> Result<Vec<u8>, StripError> {
    let (parts, dated) = unpack(file)?;
    let family = family(&parts).ok_or_else(|| cannot(ARCHIVE))?;
    if dated {
        report.removed("ZIP entry dates, extra fields and comments", 0);
        report.found(Category::Timestamp, "ZIP entry dates");
    }

    // Parts removed whole, and the relationships that pointed to them.
    let dropped: BTreeSet<String> = parts
        .iter()
        .filter(|p| !p.dir && drop_reason(family, &p.name).is_some())
        .map(|p| p.name.clone())
        .collect();
    let mut dead_ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    if family == Family::Ooxml {
        for p in parts.iter().filter(|p| p.name.ends_with(".rels")) {
            let source = rels_source(&p.name);
            let ids = xml::relationships_to(&p.data, &source, &dropped)
                .map_err(|_| cannot(UNREADABLE))?;
            if !ids.is_empty() {
                dead_ids.insert(source, ids);
            }
        }
    }

    let mut out = ZipWriter::new(Cursor::new(Vec::with_capacity(file.len())));
    let mut objects = false;
    for part in &parts {
        if part.dir {
            if family == Family::Odf && part.name.starts_with("Thumbnails") {
                continue;
            }
            out.add_directory(part.name.as_str(), options(true))
                .map_err(|_| cannot(UNREADABLE))?;
            continue;
        }
        if let Some((what, category)) = drop_reason(family, &part.name) {
            report.removed(what, part.data.len() as u64);
            report.found(category, what);
            continue;
        }
        let lower = part.name.to_ascii_lowercase();
        if lower.contains("vbaproject")
            || lower.contains("/embeddings/")
            || lower.starts_with("object ")
        {
            objects = true;
        }
        let data = if let Some(empty) = emptied(family, &part.name) {
            xml::inspect_properties(report, &part.data);
            report.removed(
                if family == Family::Odf {
                    "document properties (meta.xml)"
                } else {
                    "document properties"
                },
                part.data.len() as u64,
            );
            empty.as_bytes().to_vec()
        } else if is_xml(&part.name) {
            let rules = Rules {
                dropped: &dropped,
                dead_ids: if part.name.ends_with(".rels") {
                    dead_ids.get(&rels_source(&part.name))
                } else {
                    dead_ids.get(&part.name)
                },
                odf_printer: family == Family::Odf && part.name == "settings.xml",
            };
            xml::clean(&part.data, &rules, report).map_err(|_| cannot(UNREADABLE))?
        } else {
            let (cleaned, sub) = super::embedded(&part.data).map_err(|_| cannot(EMBEDDED_IMAGE))?;
            match cleaned {
                Some(cleaned) if cleaned != part.data => {
                    report.removed(
                        "metadata of an embedded image",
                        part.data.len().saturating_sub(cleaned.len()) as u64,
                    );
                    for f in sub.findings {
                        report.found(f.category, format!("embedded image {}", f.field));
                    }
                    cleaned
                }
                _ => part.data.clone(),
            }
        };
        out.start_file(part.name.as_str(), options(part.stored))
            .and_then(|()| out.write_all(&data).map_err(Into::into))
            .map_err(|_| cannot(UNREADABLE))?;
    }
    if objects {
        report.residual_risks.push(EMBEDDED_OBJECTS.to_string());
    }
    let cursor = out.finish().map_err(|_| cannot(UNREADABLE))?;
    Ok(cursor.into_inner())
}

/// Every entry's settings: one fixed date, no extra fields or comment,
/// deflated unless the original stored it (ODF's `mimetype` must be).
fn options(stored: bool) -> SimpleFileOptions {
    SimpleFileOptions::DEFAULT
        .last_modified_time(DateTime::DEFAULT)
        .unix_permissions(0o644)
        .compression_method(if stored {
            CompressionMethod::Stored
        } else {
            CompressionMethod::Deflated
        })
        .compression_level(if stored { None } else { Some(6) })
}

/// Reads every entry into memory, refusing what cannot be read; and says
/// whether the container held dates, extra fields or comments.
fn unpack(file: &[u8]) -> Result<(Vec<Part>, bool), StripError> {
    let mut archive = ZipArchive::new(Cursor::new(file)).map_err(|_| cannot(UNREADABLE))?;
    let mut dated = !archive.comment().is_empty();
    if archive.len() > MAX_PARTS {
        return Err(cannot(TOO_LARGE));
    }
    let mut parts = Vec::with_capacity(archive.len());
    let mut total = 0u64;
    let mut names = BTreeSet::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|e| match e {
            zip::result::ZipError::UnsupportedArchive(m)
                if m.contains("ncrypt") || m.contains("assword") =>
            {
                cannot(ENCRYPTED)
            }
            _ => cannot(UNREADABLE),
        })?;
        if entry.encrypted() {
            return Err(cannot(ENCRYPTED));
        }
        let name = entry.name().to_string();
        if !names.insert(name.clone()) {
            return Err(cannot(UNREADABLE));
        }
        dated |= entry
            .last_modified()
            .is_some_and(|t| t != DateTime::DEFAULT)
            || entry.extra_data().is_some_and(|e| !e.is_empty())
            || !entry.comment().is_empty();
        let stored = entry.compression() == CompressionMethod::Stored;
        let dir = entry.is_dir();
        let mut data = Vec::new();
        (&mut entry)
            .take(MAX_UNPACKED - total + 1)
            .read_to_end(&mut data)
            .map_err(|_| cannot(UNREADABLE))?;
        total += data.len() as u64;
        if total > MAX_UNPACKED {
            return Err(cannot(TOO_LARGE));
        }
        parts.push(Part {
            name,
            data,
            stored,
            dir,
        });
    }
    // ODF: `mimetype` first, as the format requires.
    if let Some(i) = parts.iter().position(|p| p.name == "mimetype") {
        let m = parts.remove(i);
        parts.insert(0, m);
    }
    Ok((parts, dated))
}

fn family(parts: &[Part]) -> Option<Family> {
    let part = |n: &str| parts.iter().find(|p| p.name == n);
    if part("[Content_Types].xml").is_some() {
        Some(Family::Ooxml)
    } else if part("mimetype")
        .is_some_and(|p| p.data.starts_with(b"application/vnd.oasis.opendocument."))
        && part("content.xml").is_some()
    {
        Some(Family::Odf)
    } else {
        None
    }
}

/// Why a part is removed whole, if it is.
fn drop_reason(family: Family, name: &str) -> Option<(&'static str, Category)> {
    let lower = name.to_ascii_lowercase();
    match family {
        Family::Ooxml if lower.starts_with("docprops/thumbnail") => {
            Some(("thumbnail", Category::Thumbnail))
        }
        Family::Ooxml if lower.contains("printersettings/") => {
            Some(("printer settings", Category::Device))
        }
        Family::Ooxml if lower.starts_with("_xmlsignatures/") => {
            Some(("digital signature", Category::Person))
        }
        Family::Odf if lower.starts_with("thumbnails/") => Some(("thumbnail", Category::Thumbnail)),
        Family::Odf if lower.starts_with("meta-inf/") && lower.ends_with("signatures.xml") => {
            Some(("digital signature", Category::Person))
        }
        _ => None,
    }
}

/// For a property part: the empty property set that replaces it.
fn emptied(family: Family, name: &str) -> Option<&'static str> {
    match (family, name) {
        (Family::Ooxml, "docProps/core.xml") => Some(xml::EMPTY_CORE),
        (Family::Ooxml, "docProps/app.xml") => Some(xml::EMPTY_APP),
        (Family::Ooxml, "docProps/custom.xml") => Some(xml::EMPTY_CUSTOM),
        (Family::Odf, "meta.xml") => Some(xml::EMPTY_META),
        _ => None,
    }
}

fn is_xml(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".xml") || lower.ends_with(".rels") || lower.ends_with(".rdf")
}

/// The part whose relationships `rels` holds: `word/_rels/document.xml.rels`
/// describes `word/document.xml`; `_rels/.rels` the package (empty name).
fn rels_source(rels: &str) -> String {
    let (dir, file) = rels.rsplit_once('/').unwrap_or(("", rels));
    let dir = dir.strip_suffix("_rels").unwrap_or(dir);
    format!("{dir}{}", file.strip_suffix(".rels").unwrap_or(file))
}

#[cfg(test)]
mod tests;

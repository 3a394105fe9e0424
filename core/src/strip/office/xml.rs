//! The XML parts of an office document: names, dates and edit ids
//! replaced or removed event by event, everything else written back byte
//! for byte.

use std::collections::BTreeSet;

use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesStart, BytesText, Event};
use quick_xml::{Reader, Writer};

use crate::report::{Category, StripReport};

/// The neutral name and initials that replace an author's.
const NEUTRAL_AUTHOR: &str = "Author";
const NEUTRAL_INITIALS: &str = "A";
/// The fixed date that replaces a comment's or change's.
const NEUTRAL_DATE: &str = "2000-01-01T00:00:00Z";
const NEUTRAL_ODF_DATE: &str = "2000-01-01T00:00:00";

pub(super) const EMPTY_CORE: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"/>";
pub(super) const EMPTY_APP: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\"/>";
pub(super) const EMPTY_CUSTOM: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties\" xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\"/>";
pub(super) const EMPTY_META: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-meta xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" office:version=\"1.2\"><office:meta/></office:document-meta>";

const RSID: &str = "edit-session id (rsid)";
const AUTHOR: &str = "comment or change author";
const DATE: &str = "comment or change date";

/// What one part's cleaning needs to know about the package.
pub(super) struct Rules<'a> {
    /// Parts removed whole.
    pub dropped: &'a BTreeSet<String>,
    /// This part's relationship ids that pointed to removed parts; in a
    /// `.rels` part, the ids of the relationships to remove.
    pub dead_ids: Option<&'a BTreeSet<String>>,
    /// ODF `settings.xml`: printer names and settings are emptied.
    pub odf_printer: bool,
}

type XmlResult<T> = Result<T, quick_xml::Error>;

fn reader(data: &[u8]) -> Reader<&[u8]> {
    let mut r = Reader::from_reader(data);
    r.config_mut().check_end_names = true;
    r
}

fn local(name: &[u8]) -> &[u8] {
    name.rsplit(|&b| b == b':').next().unwrap_or(name)
}

fn attr<'a>(e: &'a BytesStart<'_>, key: &[u8]) -> Option<std::borrow::Cow<'a, [u8]>> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == key)
        .map(|a| a.value)
}

/// The ids of the relationships in the `.rels` part `data` (of the part
/// `source`) whose targets are removed.
pub(super) fn relationships_to(
    data: &[u8],
    source: &str,
    dropped: &BTreeSet<String>,
) -> XmlResult<BTreeSet<String>> {
    let base = source.rsplit_once('/').map_or("", |(d, _)| d);
    let mut ids = BTreeSet::new();
    let mut r = reader(data);
    loop {
        match r.read_event()? {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) if local(e.name().as_ref()) == b"Relationship" => {
                if attr(&e, b"TargetMode").is_some_and(|m| m.as_ref() == b"External") {
                    continue;
                }
                let (Some(target), Some(id)) = (attr(&e, b"Target"), attr(&e, b"Id")) else {
                    continue;
                };
                let target = String::from_utf8_lossy(&target).into_owned();
                if dropped.contains(&resolve(base, &target)) {
                    ids.insert(String::from_utf8_lossy(&id).into_owned());
                }
            }
            _ => {}
        }
    }
    Ok(ids)
}

/// A relationship target, relative to the folder `base` or absolute, as a
/// part name.
fn resolve(base: &str, target: &str) -> String {
    let mut path: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        base.split('/').filter(|s| !s.is_empty()).collect()
    };
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                path.pop();
            }
            s => path.push(s),
        }
    }
    path.join("/")
}

/// What to do with one attribute.
enum Act {
    Keep,
    Drop,
    Set(&'static str),
}

fn attribute_rule(
    element: &[u8],
    key: &[u8],
    value: &[u8],
    rules: &Rules<'_>,
) -> (Act, Option<(&'static str, Category)>) {
    let el = local(element);
    let author = Some((AUTHOR, Category::Person));
    let date = Some((DATE, Category::Timestamp));
    match key {
        k if k.starts_with(b"w:rsid")
            || k == b"officeooo:rsid"
            || k == b"officeooo:paragraph-rsid" =>
        {
            (Act::Drop, Some((RSID, Category::EditHistory)))
        }
        b"w:author" | b"w15:author" => (Act::Set(NEUTRAL_AUTHOR), author),
        b"w:initials" => (Act::Set(NEUTRAL_INITIALS), author),
        b"w:date" | b"w16du:dateUtc" | b"dT" => (Act::Set(NEUTRAL_DATE), date),
        b"dt" | b"created" if el == b"cm" || el == b"reply" => (Act::Set(NEUTRAL_DATE), date),
        b"name" | b"displayName" if el == b"cmAuthor" || el == b"author" || el == b"person" => {
            (Act::Set(NEUTRAL_AUTHOR), author)
        }
        b"initials" if el == b"cmAuthor" || el == b"author" => (Act::Set(NEUTRAL_INITIALS), author),
        b"userId" | b"w15:userId" => (Act::Set(NEUTRAL_AUTHOR), author),
        b"providerId" | b"w15:providerId" => (Act::Set("None"), author),
        b"r:id"
            if rules
                .dead_ids
                .is_some_and(|ids| ids.contains(&*String::from_utf8_lossy(value))) =>
        {
            (Act::Drop, None)
        }
        _ => (Act::Keep, None),
    }
}

/// The text that replaces an element's content, if it is replaced.
fn text_rule(
    e: &BytesStart<'_>,
    rules: &Rules<'_>,
) -> Option<(&'static str, &'static str, Category)> {
    match e.name().as_ref() {
        b"dc:creator" => Some((NEUTRAL_AUTHOR, AUTHOR, Category::Person)),
        b"dc:date" => Some((NEUTRAL_ODF_DATE, DATE, Category::Timestamp)),
        b"meta:creator-initials" | b"loext:sender-initials" => {
            Some((NEUTRAL_INITIALS, AUTHOR, Category::Person))
        }
        // Excel's legacy comment authors.
        b"author" => Some((NEUTRAL_AUTHOR, AUTHOR, Category::Person)),
        b"config:config-item" if rules.odf_printer => {
            let name = attr(e, b"config:name")?;
            matches!(name.as_ref(), b"PrinterName" | b"PrinterSetup").then_some((
                "",
                "printer settings",
                Category::Device,
            ))
        }
        _ => None,
    }
}

/// Whether an element is removed with everything inside it.
fn removed_element(e: &BytesStart<'_>, rules: &Rules<'_>) -> Option<&'static str> {
    match e.name().as_ref() {
        b"w:rsids" => Some(RSID),
        b"Relationship" => {
            let id = attr(e, b"Id")?;
            rules
                .dead_ids
                .is_some_and(|ids| ids.contains(&*String::from_utf8_lossy(&id)))
                .then_some("relationship to a removed part")
        }
        b"Override" => {
            let part = attr(e, b"PartName")?;
            let part = String::from_utf8_lossy(&part);
            rules
                .dropped
                .contains(part.trim_start_matches('/'))
                .then_some("content type of a removed part")
        }
        b"manifest:file-entry" => {
            let path = attr(e, b"manifest:full-path")?;
            let path = String::from_utf8_lossy(&path);
            (rules.dropped.contains(&*path) || path.starts_with("Thumbnails/"))
                .then_some("manifest entry of a removed part")
        }
        _ => None,
    }
}

/// `e` with its attributes cleaned; `None` when nothing changed.
fn clean_attributes(
    e: &BytesStart<'_>,
    rules: &Rules<'_>,
    report: &mut StripReport,
) -> XmlResult<Option<BytesStart<'static>>> {
    let mut changed = false;
    let mut kept: Vec<(Vec<u8>, Vec<u8>)> = Vec::new();
    for a in e.attributes() {
        let a = a.map_err(quick_xml::Error::from)?;
        let (act, what) = attribute_rule(e.name().as_ref(), a.key.as_ref(), &a.value, rules);
        match act {
            Act::Keep => kept.push((a.key.as_ref().to_vec(), a.value.to_vec())),
            Act::Drop => changed = true,
            Act::Set(v) if a.value.as_ref() == v.as_bytes() => {
                kept.push((a.key.as_ref().to_vec(), a.value.to_vec()));
                continue;
            }
            Act::Set(v) => {
                changed = true;
                kept.push((a.key.as_ref().to_vec(), v.as_bytes().to_vec()));
            }
        }
        if let Some((what, category)) = what {
            report.removed(what, a.value.len() as u64);
            report.found(category, what);
        }
    }
    if !changed {
        return Ok(None);
    }
    let mut out = e.to_owned();
    out.clear_attributes();
    for (k, v) in &kept {
        // Values stay escaped as they were; a quote is escaped for the
        // double quotes they are written in.
        let v = if v.contains(&b'"') {
            String::from_utf8_lossy(v)
                .replace('"', "&quot;")
                .into_bytes()
        } else {
            v.clone()
        };
        out.push_attribute(Attribute {
            key: quick_xml::name::QName(k),
            value: v.into(),
        });
    }
    Ok(Some(out))
}

/// Cleans one XML part.
pub(super) fn clean(
    data: &[u8],
    rules: &Rules<'_>,
    report: &mut StripReport,
) -> XmlResult<Vec<u8>> {
    let mut r = reader(data);
    let mut w = Writer::new(Vec::with_capacity(data.len()));
    // Depth of an element being removed, or whose text is being replaced.
    let mut skip: Option<usize> = None;
    let mut replace: Option<(usize, &'static str, &'static str, Category)> = None;
    let mut replaced = Vec::new();
    let mut depth = 0usize;
    loop {
        let event = r.read_event()?;
        match &event {
            Event::Eof => break,
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        if let Some(d) = skip {
            if matches!(event, Event::End(_)) && depth < d {
                skip = None;
            }
            continue;
        }
        if let Some((d, text, what, category)) = replace {
            match event {
                Event::End(_) if depth < d => {
                    if replaced != text.as_bytes() {
                        report.removed(what, replaced.len() as u64);
                        report.found(category, what);
                    }
                    w.write_event(Event::Text(BytesText::from_escaped(text)))?;
                    w.write_event(event)?;
                    replace = None;
                }
                Event::Text(t) => replaced.extend_from_slice(&t),
                _ => replaced.push(0),
            }
            continue;
        }
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let start = matches!(event, Event::Start(_));
                if let Some(what) = removed_element(e, rules) {
                    report.removed(what, 0);
                    if what == RSID {
                        report.found(Category::EditHistory, RSID);
                    }
                    if start {
                        skip = Some(depth);
                    }
                    continue;
                }
                let cleaned = clean_attributes(e, rules, report)?;
                let e = cleaned.as_ref().unwrap_or(e);
                if start {
                    if let Some((text, what, category)) = text_rule(e, rules) {
                        replaced.clear();
                        replace = Some((depth, text, what, category));
                    }
                    w.write_event(Event::Start(e.borrow()))?;
                } else {
                    w.write_event(Event::Empty(e.borrow()))?;
                }
            }
            other => w.write_event(other)?,
        }
    }
    Ok(w.into_inner())
}

/// Records which properties a property part held (never their values).
pub(super) fn inspect_properties(report: &mut StripReport, data: &[u8]) {
    let mut r = reader(data);
    while let Ok(event) = r.read_event() {
        let e = match event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => e,
            _ => continue,
        };
        let name = e.name();
        let category = match local(name.as_ref()) {
            b"creator" | b"lastModifiedBy" | b"initial-creator" | b"Manager" | b"Company"
            | b"printed-by" => Category::Person,
            b"created" | b"modified" | b"lastPrinted" | b"creation-date" | b"date"
            | b"print-date" => Category::Timestamp,
            b"Application" | b"AppVersion" | b"generator" => Category::Software,
            b"revision" | b"TotalTime" | b"editing-cycles" | b"editing-duration" => {
                Category::EditHistory
            }
            b"title" | b"subject" | b"description" | b"keywords" | b"keyword" | b"category"
            | b"Template" | b"template" | b"user-defined" | b"property" => Category::Text,
            _ => continue,
        };
        report.found(
            category,
            String::from_utf8_lossy(name.as_ref()).into_owned(),
        );
    }
}

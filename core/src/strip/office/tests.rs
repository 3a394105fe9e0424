use std::io::{Cursor, Read, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use crate::digest::ContentDigest;
use crate::report::Category;
use crate::strip::tests::{every_cut_is_refused, sample_jpeg};
use crate::strip::{inspect, strip, Uncleanable};
use crate::{StripError, StripReport};

fn package(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut z = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in parts {
        let method = if *name == "mimetype" {
            CompressionMethod::Stored
        } else {
            CompressionMethod::Deflated
        };
        let mut options = SimpleFileOptions::default()
            .compression_method(method)
            .into_full_options()
            .with_file_comment("saved on JANE-LAPTOP");
        // An extended timestamp, as Info-ZIP writes one.
        options
            .add_extra_data(0x5455, *b"\x01\x80\x7d\x38\x66", false)
            .unwrap();
        z.start_file(*name, options).unwrap();
        z.write_all(data).unwrap();
    }
    z.set_comment("Jane Example's archive");
    z.finish().unwrap().into_inner()
}

fn unpack(file: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut a = ZipArchive::new(Cursor::new(file)).unwrap();
    (0..a.len())
        .map(|i| {
            let mut f = a.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (f.name().to_string(), data)
        })
        .collect()
}

fn part<'a>(parts: &'a [(String, Vec<u8>)], name: &str) -> Option<&'a str> {
    parts
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, d)| std::str::from_utf8(d).unwrap())
}

fn clean(
    file: &[u8],
    name: &str,
    uncleanable: Uncleanable,
) -> Result<(Vec<u8>, StripReport), StripError> {
    let mut out = Vec::new();
    let report = strip(Cursor::new(file), Some(name), uncleanable, &mut out)?;
    Ok((out, report))
}

/// Cleans `file`, checks what every cleaning must do, and returns the
/// cleaned parts and the report.
fn check(file: &[u8], name: &str) -> (Vec<(String, Vec<u8>)>, StripReport) {
    let (out, report) = clean(file, name, Uncleanable::Refuse).unwrap();
    assert!(report.metadata_removed);
    for needle in [
        &b"Jane"[..],
        b"JANE",
        b"2024-05-06",
        b"DemoOffice",
        b"LaserJet",
    ] {
        assert!(
            !inspect::contains(&unpack_all(&out), needle),
            "{name}: {} survived",
            String::from_utf8_lossy(needle)
        );
    }
    assert!(!inspect::contains(&out, b"JANE-LAPTOP"), "entry comment");
    assert!(!inspect::contains(&out, b"archive"), "archive comment");
    // Every entry dated 1980-01-01, with no extra fields.
    let mut a = ZipArchive::new(Cursor::new(&out)).unwrap();
    for i in 0..a.len() {
        let f = a.by_index(i).unwrap();
        let t = f.last_modified().unwrap();
        assert_eq!((t.year(), t.month(), t.day(), t.hour()), (1980, 1, 1, 0));
        assert!(f.extra_data().is_none_or(|e| e.is_empty()), "{}", f.name());
    }
    // Idempotent, and the digest is the same either way.
    let (again, second) = clean(&out, name, Uncleanable::Refuse).unwrap();
    assert_eq!(again, out);
    assert!(
        second.findings.is_empty(),
        "{name}: found again {:?}",
        second.findings
    );
    let (d1, _) = ContentDigest::of(file, Some(name)).unwrap();
    let (d2, _) = ContentDigest::of(&out[..], Some(name)).unwrap();
    assert_eq!(d1, d2);
    (unpack(&out), report)
}

/// All parts' contents, one after another, for searching.
fn unpack_all(file: &[u8]) -> Vec<u8> {
    unpack(file).into_iter().flat_map(|(_, d)| d).collect()
}

const DOCX_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="jpeg" ContentType="image/jpeg"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/thumbnail.jpeg" ContentType="image/jpeg"/></Types>"#;
const DOCX_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail" Target="docProps/thumbnail.jpeg"/><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#;
const DOCX_CORE: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"><dc:creator>Jane Example</dc:creator><cp:lastModifiedBy>Jane Example</cp:lastModifiedBy><dcterms:created>2024-05-06T07:08:09Z</dcterms:created><cp:revision>12</cp:revision></cp:coreProperties>"#;
const DOCX_APP: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>DemoOffice Word</Application><Company>Jane Example Ltd</Company><TotalTime>42</TotalTime></Properties>"#;
const DOCX_BODY: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body><w:p w:rsidR="00A1B2C3" w:rsidRDefault="00D4E5F6"><w:r w:rsidRPr="00A1B2C3"><w:t xml:space="preserve">The minutes &amp; the budget </w:t></w:r><w:ins w:id="1" w:author="Jane Example" w:date="2024-05-06T07:08:09Z"><w:r><w:t>inserted</w:t></w:r></w:ins><w:commentRangeStart w:id="0"/><w:r><w:t>commented</w:t></w:r><w:commentRangeEnd w:id="0"/></w:p><w:sectPr w:rsidR="00A1B2C3"/></w:body></w:document>"#;
const DOCX_COMMENTS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:comment w:id="0" w:author="Jane Example" w:date="2024-05-06T07:08:09Z" w:initials="JE"><w:p><w:r><w:t>Check with legal</w:t></w:r></w:p></w:comment></w:comments>"#;
const DOCX_PEOPLE: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w15:people xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml"><w15:person w15:author="Jane Example"><w15:presenceInfo w15:providerId="AD" w15:userId="S::jane@example.org::0000"/></w15:person></w15:people>"#;
const DOCX_SETTINGS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:zoom w:percent="100"/><w:rsids><w:rsidRoot w:val="00A1B2C3"/><w:rsid w:val="00D4E5F6"/></w:rsids><w:compat/></w:settings>"#;

#[test]
fn a_word_document_loses_its_people_dates_ids_and_thumbnail_and_keeps_its_text() {
    let (photo, clean_photo) = sample_jpeg();
    let file = package(&[
        ("[Content_Types].xml", DOCX_TYPES.as_bytes()),
        ("_rels/.rels", DOCX_RELS.as_bytes()),
        ("docProps/core.xml", DOCX_CORE.as_bytes()),
        ("docProps/app.xml", DOCX_APP.as_bytes()),
        ("docProps/thumbnail.jpeg", &photo),
        ("word/document.xml", DOCX_BODY.as_bytes()),
        ("word/comments.xml", DOCX_COMMENTS.as_bytes()),
        ("word/people.xml", DOCX_PEOPLE.as_bytes()),
        ("word/settings.xml", DOCX_SETTINGS.as_bytes()),
        ("word/media/image1.jpeg", &photo),
    ]);
    let (parts, report) = check(&file, "memo.docx");
    let names: Vec<&str> = parts.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "[Content_Types].xml",
            "_rels/.rels",
            "docProps/core.xml",
            "docProps/app.xml",
            "word/document.xml",
            "word/comments.xml",
            "word/people.xml",
            "word/settings.xml",
            "word/media/image1.jpeg",
        ]
    );
    // The thumbnail's relationship and content type go with it.
    assert!(!part(&parts, "_rels/.rels").unwrap().contains("thumbnail"));
    assert!(part(&parts, "_rels/.rels")
        .unwrap()
        .contains(r#"Target="word/document.xml""#));
    assert!(!part(&parts, "[Content_Types].xml")
        .unwrap()
        .contains("/docProps/thumbnail"));
    assert!(!part(&parts, "docProps/core.xml")
        .unwrap()
        .contains("creator"));
    // The text, byte for byte, without edit ids; authors made neutral.
    let body = part(&parts, "word/document.xml").unwrap();
    assert_eq!(
        body,
        DOCX_BODY
            .replace(r#" w:rsidR="00A1B2C3" w:rsidRDefault="00D4E5F6""#, "")
            .replace(r#" w:rsidRPr="00A1B2C3""#, "")
            .replace(r#"<w:sectPr w:rsidR="00A1B2C3"/>"#, "<w:sectPr/>")
            .replace("Jane Example", "Author")
            .replace("2024-05-06T07:08:09Z", "2000-01-01T00:00:00Z")
    );
    let comments = part(&parts, "word/comments.xml").unwrap();
    assert!(comments.contains(r#"w:author="Author""#) && comments.contains(r#"w:initials="A""#));
    assert!(comments.contains("Check with legal"));
    assert!(!part(&parts, "word/people.xml")
        .unwrap()
        .contains("example.org"));
    let settings = part(&parts, "word/settings.xml").unwrap();
    assert!(!settings.contains("rsid") && settings.contains("<w:zoom"));
    // The photo inside is cleaned as any photo.
    assert_eq!(parts.last().unwrap().1, clean_photo);

    for category in [
        Category::Person,
        Category::Timestamp,
        Category::Software,
        Category::EditHistory,
        Category::Thumbnail,
        Category::Location,
    ] {
        assert!(
            report.findings.iter().any(|f| f.category == category),
            "{category:?} not in {:?}",
            report.findings
        );
    }
}

const XLSX_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Default Extension="bin" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings"/></Types>"#;
const XLSX_SHEET: &str = r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Budget 2024</t></is></c></row></sheetData><pageSetup orientation="portrait" r:id="rId1"/></worksheet>"#;
const XLSX_SHEET_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/printerSettings" Target="../printerSettings/printerSettings1.bin"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="../comments1.xml"/></Relationships>"#;
const XLSX_COMMENTS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>Jane Example</author></authors><commentList><comment ref="A1" authorId="0"><text><t>Too high</t></text></comment></commentList></comments>"#;
const XLSX_PERSONS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><personList xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"><person displayName="Jane Example" id="{00000000-0000-0000-0000-000000000001}" userId="jane@example.org" providerId="AD"/></personList>"#;

#[test]
fn a_spreadsheet_loses_its_printer_and_comment_authors() {
    let file = package(&[
        ("[Content_Types].xml", XLSX_TYPES.as_bytes()),
        ("xl/worksheets/sheet1.xml", XLSX_SHEET.as_bytes()),
        (
            "xl/worksheets/_rels/sheet1.xml.rels",
            XLSX_SHEET_RELS.as_bytes(),
        ),
        (
            "xl/printerSettings/printerSettings1.bin",
            b"\\\\JANE-PRINT\\HP LaserJet 4000\0\0",
        ),
        ("xl/comments1.xml", XLSX_COMMENTS.as_bytes()),
        ("xl/persons/person.xml", XLSX_PERSONS.as_bytes()),
    ]);
    let (parts, report) = check(&file, "budget.xlsx");
    assert!(part(&parts, "xl/printerSettings/printerSettings1.bin").is_none());
    let rels = part(&parts, "xl/worksheets/_rels/sheet1.xml.rels").unwrap();
    assert!(!rels.contains("printerSettings") && rels.contains("comments1.xml"));
    // The sheet no longer points at the removed part; its cells are intact.
    let sheet = part(&parts, "xl/worksheets/sheet1.xml").unwrap();
    assert_eq!(sheet, XLSX_SHEET.replace(r#" r:id="rId1""#, ""));
    let comments = part(&parts, "xl/comments1.xml").unwrap();
    assert!(comments.contains("<author>Author</author>") && comments.contains("Too high"));
    assert!(!part(&parts, "xl/persons/person.xml")
        .unwrap()
        .contains("example.org"));
    assert!(report.removed.iter().any(|r| r.name == "printer settings"));
}

const ODT_MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="Thumbnails/thumbnail.png" manifest:media-type="image/png"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
const ODT_META: &str = r#"<?xml version="1.0" encoding="UTF-8"?><office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><office:meta><meta:initial-creator>Jane Example</meta:initial-creator><dc:creator>Jane Example</dc:creator><meta:creation-date>2024-05-06T07:08:09</meta:creation-date><meta:generator>DemoOffice/7.4</meta:generator><meta:editing-cycles>9</meta:editing-cycles></office:meta></office:document-meta>"#;
const ODT_CONTENT: &str = r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:officeooo="http://openoffice.org/2009/office"><office:automatic-styles><style:style style:name="P1"><style:text-properties officeooo:rsid="0012ab34" officeooo:paragraph-rsid="0012ab34"/></style:style></office:automatic-styles><office:body><office:text><text:tracked-changes><text:changed-region text:id="ct1"><text:insertion><office:change-info><dc:creator>Jane Example</dc:creator><dc:date>2024-05-06T07:08:09</dc:date></office:change-info></text:insertion></text:changed-region></text:tracked-changes><text:p text:style-name="P1">The minutes<office:annotation><dc:creator>Jane Example</dc:creator><dc:date>2024-05-06T07:08:09</dc:date><text:p>Check with legal</text:p></office:annotation> of the meeting</text:p></office:text></office:body></office:document-content>"#;
const ODT_SETTINGS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><office:document-settings xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0"><office:settings><config:config-item-set config:name="ooo:configuration-settings"><config:config-item config:name="PrinterName" config:type="string">HP LaserJet on JANE-PRINT</config:config-item><config:config-item config:name="PrinterSetup" config:type="base64Binary">SlBBTkUtUFJJTlQ=</config:config-item><config:config-item config:name="AddParaTableSpacing" config:type="boolean">true</config:config-item></config:config-item-set></office:settings></office:document-settings>"#;

#[test]
fn an_opendocument_loses_its_meta_printer_rsids_and_authors() {
    let (photo, clean_photo) = sample_jpeg();
    let file = package(&[
        ("mimetype", b"application/vnd.oasis.opendocument.text"),
        ("META-INF/manifest.xml", ODT_MANIFEST.as_bytes()),
        ("meta.xml", ODT_META.as_bytes()),
        ("content.xml", ODT_CONTENT.as_bytes()),
        ("settings.xml", ODT_SETTINGS.as_bytes()),
        ("Thumbnails/thumbnail.png", b"\x89PNG\r\n\x1a\n not really"),
        ("Pictures/photo.jpg", &photo),
    ]);
    let (parts, report) = check(&file, "minutes.odt");
    assert_eq!(parts[0].0, "mimetype", "first, as ODF requires");
    let mut a = ZipArchive::new(Cursor::new(
        clean(&file, "minutes.odt", Uncleanable::Refuse).unwrap().0,
    ))
    .unwrap();
    assert_eq!(
        a.by_index(0).unwrap().compression(),
        CompressionMethod::Stored
    );
    assert!(part(&parts, "Thumbnails/thumbnail.png").is_none());
    assert!(!part(&parts, "META-INF/manifest.xml")
        .unwrap()
        .contains("Thumbnails"));
    let content = part(&parts, "content.xml").unwrap();
    assert!(!content.contains("rsid"));
    assert!(content.contains("<dc:creator>Author</dc:creator>"));
    assert!(content.contains("<dc:date>2000-01-01T00:00:00</dc:date>"));
    assert!(content.contains("The minutes") && content.contains("Check with legal"));
    let settings = part(&parts, "settings.xml").unwrap();
    assert!(settings
        .contains(r#"config:name="PrinterName" config:type="string"></config:config-item>"#));
    assert!(settings.contains(">true<"));
    let photo = parts
        .iter()
        .find(|(n, _)| n == "Pictures/photo.jpg")
        .unwrap();
    assert_eq!(photo.1, clean_photo);
    assert!(report
        .findings
        .iter()
        .any(|f| f.category == Category::Software));
}

#[test]
fn archives_and_damaged_packages_are_refused_unless_sent_as_is() {
    let archive = package(&[
        ("notes.txt", b"meet at noon"),
        ("photo.jpg", &sample_jpeg().0),
    ]);
    let docx = package(&[
        ("[Content_Types].xml", DOCX_TYPES.as_bytes()),
        ("word/document.xml", b"<w:document><w:body></w:document>"),
    ]);
    for (name, file, says) in [
        ("notes.zip", archive, "other ZIP archives"),
        ("broken.docx", docx, "could not read"),
    ] {
        let err = clean(&file, name, Uncleanable::Refuse).unwrap_err();
        assert!(
            matches!(err, StripError::CannotClean { .. }),
            "{name}: {err}"
        );
        assert!(err.to_string().contains(says), "{name}: {err}");
        let (out, report) = clean(&file, name, Uncleanable::SendAsIs).unwrap();
        assert_eq!(out, file);
        assert!(!report.metadata_removed);
        assert!(report.residual_risks[0].contains("NOT removed"));
    }
}

#[test]
fn every_cut_of_a_package_is_refused() {
    let file = package(&[
        ("[Content_Types].xml", DOCX_TYPES.as_bytes()),
        ("docProps/core.xml", DOCX_CORE.as_bytes()),
        ("word/document.xml", DOCX_BODY.as_bytes()),
    ]);
    every_cut_is_refused(&file, "memo.docx", |e| {
        matches!(e, StripError::CannotClean { .. })
    });
}

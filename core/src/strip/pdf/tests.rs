use std::io::Cursor;

use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Document, Object, Stream, StringFormat};

use crate::digest::ContentDigest;
use crate::report::Category;
use crate::strip::tests::{every_cut_is_refused, sample_jpeg};
use crate::strip::{inspect, strip, Uncleanable};
use crate::StripError;

const XMP: &[u8] = b"<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'><rdf:Description xmlns:dc='http://purl.org/dc/elements/1.1/' xmlns:xmp='http://ns.adobe.com/xap/1.0/'><dc:creator>Jane Example</dc:creator><xmp:CreatorTool>DemoWriter 3</xmp:CreatorTool></rdf:Description></rdf:RDF></x:xmpmeta>";

fn text(s: &str) -> Object {
    Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
}

/// A one-page PDF with everything a word processor and a reviewer leave
/// behind, and a photo with its EXIF inside; and its page's content.
pub(crate) fn sample_pdf() -> (Vec<u8>, Vec<u8>) {
    let (photo, _) = sample_jpeg();
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Courier",
    });
    let image = doc.add_object(Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Image", "Width" => 2, "Height" => 2,
            "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8, "Filter" => "DCTDecode",
        },
        photo,
    ));
    let content = Content {
        operations: vec![
            Operation::new("BT", vec![]),
            Operation::new("Tf", vec!["F1".into(), 24.into()]),
            Operation::new("Td", vec![100.into(), 600.into()]),
            Operation::new("Tj", vec![text("The minutes of the meeting")]),
            Operation::new("ET", vec![]),
            Operation::new("Do", vec!["Im1".into()]),
        ],
    }
    .encode()
    .unwrap();
    let contents = doc.add_object(Stream::new(dictionary! {}, content.clone()));
    let page_xmp = doc.add_object(Stream::new(
        dictionary! { "Type" => "Metadata", "Subtype" => "XML" },
        XMP.to_vec(),
    ));
    let widget = doc.add_object(dictionary! {
        "Type" => "Annot", "Subtype" => "Widget", "FT" => "Tx", "T" => text("case_number"),
        "Rect" => vec![0.into(), 0.into(), 50.into(), 20.into()], "M" => text("D:20240506070809"),
    });
    let page = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Contents" => contents,
        "Resources" => dictionary! {
            "Font" => dictionary! { "F1" => font },
            "XObject" => dictionary! { "Im1" => image },
        },
        "Metadata" => page_xmp,
        "PieceInfo" => dictionary! { "DemoWriter" => dictionary! { "Private" => text("Jane Example") } },
        "LastModified" => text("D:20240506070809"),
        "Annots" => vec![
            Object::Dictionary(dictionary! {
                "Subtype" => "Text", "Rect" => vec![0.into(), 0.into(), 10.into(), 10.into()],
                "Contents" => text("check this"), "T" => text("Jane Example"),
                "M" => text("D:20240506070809"), "NM" => text("a1b2c3-reviewer-guid"),
            }),
            widget.into(),
        ],
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
        ),
    );
    let xmp = doc.add_object(Stream::new(
        dictionary! { "Type" => "Metadata", "Subtype" => "XML" },
        XMP.to_vec(),
    ));
    let catalog = doc.add_object(dictionary! {
        "Type" => "Catalog", "Pages" => pages_id, "Metadata" => xmp,
    });
    let info = doc.add_object(dictionary! {
        "Author" => text("Jane Example"), "Creator" => text("DemoWriter 3"),
        "Producer" => text("DemoPDF 1.0"), "CreationDate" => text("D:20240506070809+02'00'"),
        "Title" => text("Internal memo"),
    });
    doc.trailer.set("Root", catalog);
    doc.trailer.set("Info", info);
    doc.trailer.set(
        "ID",
        vec![
            Object::String(b"DEMO-FILE-ID-0001".to_vec(), StringFormat::Hexadecimal),
            Object::String(b"DEMO-FILE-ID-0001".to_vec(), StringFormat::Hexadecimal),
        ],
    );
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    (out, content)
}

fn clean(
    input: &[u8],
    uncleanable: Uncleanable,
) -> Result<(Vec<u8>, crate::StripReport), StripError> {
    let mut out = Vec::new();
    let report = strip(Cursor::new(input), Some("memo.pdf"), uncleanable, &mut out)?;
    Ok((out, report))
}

#[test]
fn pdf_loses_info_xmp_ids_authors_and_image_metadata_and_keeps_its_page() {
    let (input, content) = sample_pdf();
    for needle in [
        &b"Jane Example"[..],
        b"DemoWriter",
        b"DEMO-FILE-ID",
        b"reviewer-guid",
    ] {
        assert!(inspect::contains(&input, needle) || needle == b"DEMO-FILE-ID");
    }
    let (out, report) = clean(&input, Uncleanable::Refuse).unwrap();
    assert!(report.metadata_removed);
    for needle in [
        &b"Jane Example"[..],
        b"DemoWriter",
        b"DemoPDF",
        b"20240506",
        b"reviewer-guid",
        b"/Info",
        b"/ID",
        b"/Metadata",
        b"/PieceInfo",
        b"Exif",
    ] {
        assert!(
            !inspect::contains(&out, needle),
            "{} survived",
            String::from_utf8_lossy(needle)
        );
    }
    let doc = Document::load_mem(&out).unwrap();
    // The page, its text, its form field's name and its photo's image data.
    let pages = doc.get_pages();
    assert_eq!(pages.len(), 1);
    let page = *pages.values().next().unwrap();
    let streams = doc.get_page_contents(page);
    assert_eq!(streams.len(), 1);
    let stream = doc.get_object(streams[0]).unwrap().as_stream().unwrap();
    assert_eq!(stream.content, content);
    assert!(inspect::contains(&out, b"case_number"));
    let (_, stripped_photo) = sample_jpeg();
    assert!(inspect::contains(&out, &stripped_photo));

    let names: Vec<_> = report.removed.iter().map(|r| r.name.as_str()).collect();
    for name in [
        "Info dictionary",
        "document ID",
        "XMP metadata",
        "application private data (PieceInfo)",
        "annotation author",
        "annotation date",
        "metadata of an embedded JPEG image",
    ] {
        assert!(names.contains(&name), "{name} not in {names:?}");
    }
    for category in [
        Category::Person,
        Category::Software,
        Category::Timestamp,
        Category::Location,
    ] {
        assert!(
            report.findings.iter().any(|f| f.category == category),
            "{category:?} not found"
        );
    }
    assert!(report.residual_risks[0].contains("What the document says"));

    // Idempotent, and the digest is the same either way.
    let (again, second) = clean(&out, Uncleanable::Refuse).unwrap();
    assert_eq!(again, out);
    assert!(second.removed.is_empty(), "{:?}", second.removed);
    let (d1, _) = ContentDigest::of(&input[..], None).unwrap();
    let (d2, _) = ContentDigest::of(&out[..], None).unwrap();
    assert_eq!(d1, d2);
}

#[test]
fn an_encrypted_or_unreadable_pdf_is_refused_unless_sent_as_is() {
    let (input, _) = sample_pdf();
    let mut doc = Document::load_mem(&input).unwrap();
    doc.trailer.set(
        "Encrypt",
        dictionary! { "Filter" => "Standard", "V" => 2, "R" => 3 },
    );
    let mut encrypted = Vec::new();
    doc.save_to(&mut encrypted).unwrap();
    let unreadable = b"%PDF-1.7\nthis is not a PDF at all\n%%EOF\n".to_vec();
    for (file, says) in [(encrypted, "encrypted"), (unreadable, "could not read")] {
        let err = clean(&file, Uncleanable::Refuse).unwrap_err();
        assert!(matches!(err, StripError::CannotClean { .. }), "{err}");
        assert!(err.to_string().contains(says), "{err}");
        let (out, report) = clean(&file, Uncleanable::SendAsIs).unwrap();
        assert_eq!(out, file, "sent as it is");
        assert!(!report.metadata_removed);
        assert!(report.removed.is_empty());
        assert!(report.residual_risks[0].contains("NOT removed"));
        assert!(report.residual_risks[0].contains(says));
        // The digest covers the whole file, as it is sent.
        let (d, _) = ContentDigest::of(&file[..], None).unwrap();
        let (d2, _) = ContentDigest::of(&out[..], None).unwrap();
        assert_eq!(d, d2);
    }
}

#[test]
fn every_cut_of_a_pdf_is_refused_in_one_sentence() {
    let (input, _) = sample_pdf();
    every_cut_is_refused(&input, "memo.pdf", |e| {
        matches!(e, StripError::CannotClean { .. })
    });
}

#[test]
fn a_pdf_with_an_object_the_parser_skips_is_refused_not_sent_short() {
    let (input, _) = sample_pdf();
    let mut doc = Document::load_mem(&input).unwrap();
    let mut deep = Object::Integer(1);
    for _ in 0..1000 {
        deep = Object::Array(vec![deep]);
    }
    let id = doc.add_object(deep);
    let root = doc.trailer.get(b"Root").unwrap().as_reference().unwrap();
    doc.get_dictionary_mut(root).unwrap().set("DeepData", id);
    let mut file = Vec::new();
    doc.save_to(&mut file).unwrap();
    let err = clean(&file, Uncleanable::Refuse).unwrap_err();
    assert!(err.to_string().contains("could not read"), "{err}");
}

//! Naming what removed metadata disclosed. Values are never kept.

use exif::{Context, In, Tag};

use crate::report::{Category, StripReport};

/// The largest metadata block read into memory to be inspected; larger ones
/// are still removed, just not looked into.
pub(crate) const INSPECT_LIMIT: u64 = 1 << 20;

const NOTE_ORIENTATION: &str = "The photo carried a rotation flag, which is metadata and was removed, so some viewers will now show it sideways or upside down. Rotating it for real would change the image data and break any capture proof, so Darkroom leaves the pixels as they are.";

/// Records what a TIFF-structured EXIF block holds.
pub(crate) fn exif(report: &mut StripReport, tiff: &[u8]) {
    let parsed = exif::Reader::new()
        .continue_on_error(true)
        .read_raw(tiff.to_vec())
        .or_else(|e| e.distill_partial_result(|_| {}));
    let Ok(exif) = parsed else {
        report.found(Category::Text, "unreadable EXIF block");
        return;
    };
    for field in exif.fields() {
        let name = field.tag.to_string();
        if field.tag.context() == Context::Gps {
            report.found(Category::Location, name);
            continue;
        }
        let category = match field.tag {
            Tag::Make | Tag::Model | Tag::LensMake | Tag::LensModel => Category::Device,
            Tag::BodySerialNumber | Tag::LensSerialNumber | Tag::ImageUniqueID => {
                Category::DeviceSerial
            }
            Tag::CameraOwnerName | Tag::Artist | Tag::Copyright => Category::Person,
            Tag::DateTime
            | Tag::DateTimeOriginal
            | Tag::DateTimeDigitized
            | Tag::OffsetTime
            | Tag::OffsetTimeOriginal
            | Tag::OffsetTimeDigitized
            | Tag::SubSecTime
            | Tag::SubSecTimeOriginal
            | Tag::SubSecTimeDigitized => Category::Timestamp,
            Tag::Software => Category::Software,
            Tag::MakerNote => Category::MakerNotes,
            Tag::ImageDescription | Tag::UserComment => Category::Text,
            Tag::JPEGInterchangeFormat if field.ifd_num == In::THUMBNAIL => Category::Thumbnail,
            Tag::Orientation => {
                if field.value.get_uint(0).is_some_and(|o| o != 1) {
                    report.note(NOTE_ORIENTATION);
                }
                continue;
            }
            _ => continue,
        };
        report.found(category, name);
    }
}

/// Records what an XMP packet holds, by the property names it mentions.
pub(crate) fn xmp(report: &mut StripReport, packet: &[u8]) {
    const NEEDLES: &[(&str, Category)] = &[
        ("GPSLatitude", Category::Location),
        ("GPSLongitude", Category::Location),
        ("LocationShown", Category::Location),
        ("SerialNumber", Category::DeviceSerial),
        ("ImageUniqueID", Category::DeviceSerial),
        ("DocumentID", Category::DeviceSerial),
        ("tiff:Make", Category::Device),
        ("tiff:Model", Category::Device),
        ("dc:creator", Category::Person),
        ("dc:rights", Category::Person),
        ("photoshop:AuthorsPosition", Category::Person),
        ("CreateDate", Category::Timestamp),
        ("ModifyDate", Category::Timestamp),
        ("DateCreated", Category::Timestamp),
        ("DateTimeOriginal", Category::Timestamp),
        ("CreatorTool", Category::Software),
        ("xmpMM:History", Category::EditHistory),
        ("dc:description", Category::Text),
    ];
    report.found(Category::Text, "XMP packet");
    for (needle, category) in NEEDLES {
        if contains(packet, needle.as_bytes()) {
            report.found(*category, format!("XMP {needle}"));
        }
    }
}

/// Records a PNG text chunk by its keyword.
pub(crate) fn text_keyword(report: &mut StripReport, chunk: &str, keyword: &[u8]) {
    let keyword = printable(keyword);
    let category = match keyword.to_ascii_lowercase().as_str() {
        "author" | "artist" | "copyright" | "owner" | "disclaimer" => Category::Person,
        "creation time" | "date:create" | "date:modify" | "date:timestamp" => Category::Timestamp,
        "software" | "source" => Category::Software,
        k if k.starts_with("raw profile type") => Category::MakerNotes,
        _ => Category::Text,
    };
    report.found(category, format!("{chunk} {keyword}"));
}

/// Up to 79 printable ASCII characters of a keyword from the file.
pub(crate) fn printable(bytes: &[u8]) -> String {
    bytes
        .iter()
        .take(79)
        .map(|&b| {
            if (0x20..0x7f).contains(&b) {
                b as char
            } else {
                '?'
            }
        })
        .collect()
}

pub(crate) fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    memchr::memmem::find(haystack, needle).is_some()
}

/// Names what was appended after an image's end, by its first bytes.
pub(crate) fn trailer(report: &mut StripReport, n: u64, head: &[u8]) {
    if n == 0 {
        return;
    }
    report.removed("data after end of image", n);
    if head.starts_with(&[0xFF, 0xD8]) {
        report.found(Category::Thumbnail, "appended image");
    } else if head.len() >= 8 && &head[4..8] == b"ftyp" {
        report.found(Category::Thumbnail, "appended video (motion photo)");
    } else {
        report.found(Category::Text, "appended data");
    }
}

//! The strip report: what was removed, what it disclosed, and what remains.
//!
//! The report records the *names* of what was found (for example "GPS
//! position", "camera serial number"), never their values: it travels inside
//! the envelope to the newsroom, and the point of stripping is that nobody,
//! the newsroom included, learns the removed values.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::media::MediaKind;

/// The version of the report's JSON form.
pub const REPORT_VERSION: u8 = 1;

/// What [`crate::strip`] did to one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StripReport {
    /// [`REPORT_VERSION`].
    pub version: u8,
    /// The file's kind, recognised from its content.
    pub kind: MediaKind,
    /// Its media type.
    pub media_type: String,
    /// False where the file was passed through unchanged.
    pub metadata_removed: bool,
    /// What was taken out, in file order, merged by name.
    pub removed: Vec<Removed>,
    /// Privacy-relevant fields found in what was removed (names only).
    pub findings: Vec<Finding>,
    /// What no metadata stripper removes.
    pub residual_risks: Vec<String>,
    /// Other things the source should know (for example, a lost rotation).
    pub notes: Vec<String>,
    /// Size of the input in bytes.
    pub input_bytes: u64,
    /// Size of the output in bytes.
    pub output_bytes: u64,
}

/// One kind of segment or chunk removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removed {
    /// For example `APP1 Exif`, `tEXt`, `EXIF`, `data after end of image`.
    pub name: String,
    /// How many of them.
    pub count: u32,
    /// Their total size in bytes, headers included.
    pub bytes: u64,
}

/// A privacy-relevant field found in removed metadata.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Finding {
    /// What it reveals.
    pub category: Category,
    /// The field's name in its format (for example `GPSLatitude`).
    pub field: String,
}

/// What a finding reveals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Category {
    /// Where the photo was taken.
    Location,
    /// A serial number or unique id of the camera, lens or image.
    DeviceSerial,
    /// The camera or phone make and model.
    Device,
    /// A person: owner, artist, author, copyright holder.
    Person,
    /// When it was taken or edited.
    Timestamp,
    /// The software that made or edited it.
    Software,
    /// A preview image, which may show the original before edits.
    Thumbnail,
    /// Manufacturer data, which often holds serial numbers.
    MakerNotes,
    /// An edit history.
    EditHistory,
    /// A colour profile, which can name a device or software.
    ColourProfile,
    /// Free text: comments, descriptions, captions.
    Text,
}

impl Category {
    fn phrase(self, n: usize) -> String {
        let (one, many) = match self {
            Category::Location => ("GPS position", "GPS position fields"),
            Category::DeviceSerial => ("serial number", "serial numbers"),
            Category::Device => ("camera make or model", "camera make and model fields"),
            Category::Person => ("person's name", "names of people"),
            Category::Timestamp => ("timestamp", "timestamps"),
            Category::Software => ("software name", "software names"),
            Category::Thumbnail => ("preview image", "preview images"),
            Category::MakerNotes => ("manufacturer data block", "manufacturer data blocks"),
            Category::EditHistory => ("edit history", "edit histories"),
            Category::ColourProfile => ("colour profile", "colour profiles"),
            Category::Text => ("text comment", "text comments"),
        };
        if n == 1 {
            one.to_string()
        } else {
            format!("{n} {many}")
        }
    }
}

/// Residual risk shared by every photo.
pub const RISK_CONTENT: &str = "What the picture shows can identify you: faces, reflections, screens, documents, landmarks, and the angle it was taken from.";
/// Residual risk of every camera sensor.
pub const RISK_PRNU: &str = "Every camera sensor leaves a faint noise pattern (PRNU) in its photos; someone holding other photos from your camera can match them. No metadata stripper removes it.";
/// Residual risk of every recording with sound.
pub const RISK_SOUND: &str = "What the recording contains can identify you: voices, names said aloud, background sounds, the hum of the mains (which can date a recording), and the sound of the room.";
/// Residual risk of video and audio, whose media data is kept as it is.
pub const RISK_MEDIA_STREAM: &str = "The video and audio data stay exactly as recorded, so that every frame is unchanged; they can name the encoder or app that made them (some encoders write their name into the stream). Only re-encoding removes that, and it changes every frame.";
/// Residual risk of every document.
pub const RISK_DOCUMENT: &str = "What the document says can identify you: its wording, names, reference numbers, the template or layout it uses, and who received this copy (organisations sometimes give each recipient a slightly different version to trace leaks). Scans and printouts can carry a printer's tracking dots.";
/// Residual risk particular to JPEG.
pub const RISK_JPEG_TABLES: &str = "The JPEG quantization tables stay, because the image cannot be decoded without them; they hint at the camera model or the app that saved the photo.";

fn not_removed(kind: &str, advice: &str) -> String {
    format!(
        "Metadata was NOT removed from this {kind}: it can only be sent exactly as it is. {advice}"
    )
}

impl StripReport {
    pub(crate) fn new(kind: MediaKind) -> StripReport {
        let mut residual_risks = Vec::new();
        let mut notes = Vec::new();
        if let Some(advice) = kind.passthrough_advice() {
            residual_risks.push(not_removed(kind.name(), advice));
        }
        let audio = matches!(
            kind,
            MediaKind::Mp3 | MediaKind::Flac | MediaKind::Wav | MediaKind::Ogg
        );
        let document = matches!(kind, MediaKind::Pdf | MediaKind::Zip);
        if document {
            residual_risks.push(RISK_DOCUMENT.to_string());
        } else if kind.is_stripped() && !audio {
            residual_risks.push(RISK_CONTENT.to_string());
            residual_risks.push(RISK_PRNU.to_string());
        }
        if audio || kind == MediaKind::Video {
            residual_risks.push(RISK_SOUND.to_string());
        }
        if kind == MediaKind::Jpeg {
            residual_risks.push(RISK_JPEG_TABLES.to_string());
        }
        if audio || kind == MediaKind::Video {
            residual_risks.push(RISK_MEDIA_STREAM.to_string());
        }
        if kind == MediaKind::Webp || kind == MediaKind::Png {
            notes.push(
                "Colour-profile and gamma chunks were removed; colours may look slightly different in some viewers, but every pixel value is unchanged."
                    .to_string(),
            );
        }
        StripReport {
            version: REPORT_VERSION,
            kind,
            media_type: kind.media_type().to_string(),
            metadata_removed: kind.is_stripped(),
            removed: Vec::new(),
            findings: Vec::new(),
            residual_risks,
            notes,
            input_bytes: 0,
            output_bytes: 0,
        }
    }

    /// Marks a file of a cleaned kind as sent as it is, because this one
    /// could not be cleaned (`name` and `advice` say why).
    pub(crate) fn sent_as_is(&mut self, name: &str, advice: &str) {
        self.metadata_removed = false;
        self.removed.clear();
        self.findings.clear();
        self.residual_risks.insert(0, not_removed(name, advice));
    }

    /// Records one removed segment or chunk of `bytes` bytes.
    pub(crate) fn removed(&mut self, name: impl Into<String>, bytes: u64) {
        let name = name.into();
        match self.removed.iter_mut().find(|r| r.name == name) {
            Some(r) => {
                r.count += 1;
                r.bytes += bytes;
            }
            None => self.removed.push(Removed {
                name,
                count: 1,
                bytes,
            }),
        }
    }

    /// Records a finding once.
    pub(crate) fn found(&mut self, category: Category, field: impl Into<String>) {
        let f = Finding {
            category,
            field: field.into(),
        };
        if !self.findings.contains(&f) {
            self.findings.push(f);
        }
    }

    /// Adds a note once.
    pub(crate) fn note(&mut self, note: &str) {
        if !self.notes.iter().any(|n| n == note) {
            self.notes.push(note.to_string());
        }
    }

    /// One line for people: "GPS position fields, serial number, 2 timestamps".
    pub fn summary(&self) -> String {
        if !self.metadata_removed {
            return format!("metadata NOT removed from this {}", self.kind.name());
        }
        let mut by_cat: BTreeMap<Category, usize> = BTreeMap::new();
        for f in &self.findings {
            *by_cat.entry(f.category).or_default() += 1;
        }
        if by_cat.is_empty() {
            return if self.removed.is_empty() {
                "no metadata found".to_string()
            } else {
                format!(
                    "{} removed, nothing identifying recognised in it",
                    self.removed_phrase()
                )
            };
        }
        by_cat
            .into_iter()
            .map(|(c, n)| c.phrase(n))
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn removed_phrase(&self) -> String {
        let n: u32 = self.removed.iter().map(|r| r.count).sum();
        let bytes: u64 = self.removed.iter().map(|r| r.bytes).sum();
        format!("{n} metadata block(s), {bytes} bytes,")
    }
}

impl fmt::Display for StripReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}: {}", self.kind.name(), self.summary())?;
        for r in &self.removed {
            let times = if r.count > 1 {
                format!(" x{}", r.count)
            } else {
                String::new()
            };
            writeln!(f, "  removed {}{times} ({} bytes)", r.name, r.bytes)?;
        }
        for n in &self.notes {
            writeln!(f, "  note: {n}")?;
        }
        for risk in &self.residual_risks {
            writeln!(f, "  risk: {risk}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_counts_by_category() {
        let mut r = StripReport::new(MediaKind::Jpeg);
        r.removed("APP1 Exif", 100);
        r.removed("APP1 Exif", 50);
        r.found(Category::Location, "GPSLatitude");
        r.found(Category::Location, "GPSLatitude");
        r.found(Category::Timestamp, "DateTime");
        r.found(Category::Timestamp, "DateTimeOriginal");
        r.found(Category::DeviceSerial, "BodySerialNumber");
        assert_eq!(r.summary(), "GPS position, serial number, 2 timestamps");
        assert_eq!(r.removed[0].count, 2);
        assert_eq!(r.removed[0].bytes, 150);
    }

    #[test]
    fn passthrough_says_not_removed() {
        let r = StripReport::new(MediaKind::Gif);
        assert!(!r.metadata_removed);
        assert!(r.residual_risks[0].contains("NOT removed"));
        assert!(r.residual_risks[0].contains("comments and XMP"));
        assert_eq!(r.summary(), "metadata NOT removed from this GIF");
        assert!(StripReport::new(MediaKind::Heif).metadata_removed);
    }
}

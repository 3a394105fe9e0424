//! Recognising a file's type from its first bytes, never from its name.

use serde::{Deserialize, Serialize};

/// How many leading bytes [`MediaKind::sniff`] looks at.
pub const SNIFF_LEN: usize = 16;

/// The kinds of file Darkroom tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum MediaKind {
    /// JPEG/JFIF/Exif: metadata is removed.
    Jpeg,
    /// PNG and APNG: metadata is removed.
    Png,
    /// WebP, lossy, lossless or animated: metadata is removed.
    Webp,
    /// HEIC/HEIF/AVIF photos: metadata is removed.
    Heif,
    /// TIFF: metadata is removed (TIFF-based raw files are refused).
    Tiff,
    /// MP3 audio: metadata is removed.
    Mp3,
    /// FLAC audio: metadata is removed.
    Flac,
    /// WAV audio: metadata is removed.
    Wav,
    /// Ogg Vorbis and Opus audio: metadata is removed (other Ogg streams
    /// can only be sent as they are).
    Ogg,
    /// GIF: passed through unchanged.
    Gif,
    /// PDF documents: metadata is removed (encrypted or unreadable ones
    /// can only be sent as they are).
    Pdf,
    /// ZIP containers: Word, Excel, PowerPoint and OpenDocument files are
    /// cleaned; other archives can only be sent as they are.
    Zip,
    /// MP4, QuickTime, M4A and 3GP video and audio: metadata is removed.
    Video,
    /// Anything else: passed through unchanged.
    Other,
}

impl MediaKind {
    /// Every kind, in the order of the specification (docs/formats.md §1).
    pub const ALL: [MediaKind; 14] = [
        MediaKind::Jpeg,
        MediaKind::Png,
        MediaKind::Webp,
        MediaKind::Heif,
        MediaKind::Tiff,
        MediaKind::Mp3,
        MediaKind::Flac,
        MediaKind::Wav,
        MediaKind::Ogg,
        MediaKind::Gif,
        MediaKind::Pdf,
        MediaKind::Zip,
        MediaKind::Video,
        MediaKind::Other,
    ];

    /// Recognises a file from its first [`SNIFF_LEN`] bytes (fewer if the
    /// file is shorter).
    pub fn sniff(head: &[u8]) -> MediaKind {
        if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
            MediaKind::Jpeg
        } else if head.starts_with(b"\x89PNG\r\n\x1a\n") {
            MediaKind::Png
        } else if head.len() >= 12 && &head[..4] == b"RIFF" && &head[8..12] == b"WEBP" {
            MediaKind::Webp
        } else if head.len() >= 12 && &head[..4] == b"RIFF" && &head[8..12] == b"WAVE" {
            MediaKind::Wav
        } else if head.starts_with(b"OggS") {
            MediaKind::Ogg
        } else if head.starts_with(b"fLaC") {
            MediaKind::Flac
        } else if head.starts_with(b"ID3")
            || (head.len() >= 4 && mp3_frame_len([head[0], head[1], head[2], head[3]]).is_some())
        {
            MediaKind::Mp3
        } else if head.starts_with(b"II*\0") || head.starts_with(b"MM\0*") {
            MediaKind::Tiff
        } else if head.starts_with(b"GIF87a") || head.starts_with(b"GIF89a") {
            MediaKind::Gif
        } else if head.starts_with(b"%PDF-") {
            MediaKind::Pdf
        } else if head.starts_with(b"PK\x03\x04") {
            MediaKind::Zip
        } else if head.len() >= 12 && &head[4..8] == b"ftyp" {
            match &head[8..12] {
                b"heic" | b"heix" | b"hevc" | b"hevx" | b"heim" | b"heis" | b"mif1" | b"msf1"
                | b"avif" | b"avis" => MediaKind::Heif,
                _ => MediaKind::Video,
            }
        } else {
            MediaKind::Other
        }
    }

    /// The kind a file name's extension claims, for the kinds whose
    /// metadata is removed; used to refuse a `.jpg` that is not a JPEG rather
    /// than silently pass it through.
    pub fn claimed_by_name(name: &str) -> Option<MediaKind> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "jpg" | "jpeg" | "jpe" | "jfif" => Some(MediaKind::Jpeg),
            "png" | "apng" => Some(MediaKind::Png),
            "webp" => Some(MediaKind::Webp),
            "heic" | "heif" | "hif" | "avif" => Some(MediaKind::Heif),
            "mp4" | "m4v" | "mov" | "qt" | "m4a" | "3gp" | "3g2" => Some(MediaKind::Video),
            "mp3" => Some(MediaKind::Mp3),
            "flac" => Some(MediaKind::Flac),
            "wav" | "wave" => Some(MediaKind::Wav),
            "ogg" | "oga" | "opus" => Some(MediaKind::Ogg),
            "tif" | "tiff" => Some(MediaKind::Tiff),
            "pdf" => Some(MediaKind::Pdf),
            "docx" | "docm" | "dotx" | "xlsx" | "xlsm" | "xltx" | "pptx" | "pptm" | "potx"
            | "odt" | "ods" | "odp" | "odg" | "ott" | "ots" | "otp" => Some(MediaKind::Zip),
            _ => None,
        }
    }

    /// The IANA media type Darkroom records for this kind.
    pub fn media_type(self) -> &'static str {
        match self {
            MediaKind::Jpeg => "image/jpeg",
            MediaKind::Png => "image/png",
            MediaKind::Webp => "image/webp",
            MediaKind::Heif => "image/heif",
            MediaKind::Tiff => "image/tiff",
            MediaKind::Mp3 => "audio/mpeg",
            MediaKind::Flac => "audio/flac",
            MediaKind::Wav => "audio/wav",
            MediaKind::Ogg => "audio/ogg",
            MediaKind::Gif => "image/gif",
            MediaKind::Pdf => "application/pdf",
            MediaKind::Zip => "application/zip",
            MediaKind::Video => "video/mp4",
            MediaKind::Other => "application/octet-stream",
        }
    }

    /// A short name for people.
    pub fn name(self) -> &'static str {
        match self {
            MediaKind::Jpeg => "JPEG",
            MediaKind::Png => "PNG",
            MediaKind::Webp => "WebP",
            MediaKind::Heif => "HEIC/HEIF",
            MediaKind::Tiff => "TIFF",
            MediaKind::Mp3 => "MP3",
            MediaKind::Flac => "FLAC",
            MediaKind::Wav => "WAV",
            MediaKind::Ogg => "Ogg",
            MediaKind::Gif => "GIF",
            MediaKind::Pdf => "PDF",
            MediaKind::Zip => "ZIP archive or office document",
            MediaKind::Video => "MP4/MOV video or audio",
            MediaKind::Other => "file",
        }
    }

    /// Whether Darkroom removes this kind's metadata.
    pub fn is_stripped(self) -> bool {
        self.passthrough_advice().is_none()
    }

    /// For kinds passed through unchanged: why, and what the source can do.
    pub fn passthrough_advice(self) -> Option<&'static str> {
        Some(match self {
            MediaKind::Jpeg
            | MediaKind::Png
            | MediaKind::Webp
            | MediaKind::Heif
            | MediaKind::Video
            | MediaKind::Mp3
            | MediaKind::Flac
            | MediaKind::Wav
            | MediaKind::Ogg
            | MediaKind::Tiff
            | MediaKind::Pdf
            | MediaKind::Zip => return None,
            MediaKind::Gif => "Darkroom does not rewrite GIF files, which can carry comments and XMP. Convert it to PNG if you can.",
            MediaKind::Other => "Darkroom does not recognise this type of file, so it cannot tell what it reveals.",
        })
    }
}

/// The length of the MPEG audio frame whose header is `h`, or `None` if
/// `h` is not one (free-format frames included: they cannot be walked).
pub(crate) fn mp3_frame_len(h: [u8; 4]) -> Option<u64> {
    if h[0] != 0xFF || h[1] & 0xE0 != 0xE0 {
        return None;
    }
    let version = (h[1] >> 3) & 3; // 0: 2.5, 2: 2, 3: 1
    let layer = (h[1] >> 1) & 3; // 1: III, 2: II, 3: I
    let bitrate_index = usize::from(h[2] >> 4);
    let rate_index = usize::from((h[2] >> 2) & 3);
    let padding = u64::from((h[2] >> 1) & 1);
    if version == 1 || layer == 0 || bitrate_index == 0 || bitrate_index == 15 || rate_index == 3 {
        return None;
    }
    const V1: [[u64; 14]; 3] = [
        [
            32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320,
        ],
        [
            32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384,
        ],
        [
            32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448,
        ],
    ];
    const V2: [[u64; 14]; 2] = [
        [8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
        [
            32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256,
        ],
    ];
    let bitrate = 1000
        * if version == 3 {
            V1[usize::from(layer - 1)][bitrate_index - 1]
        } else {
            V2[usize::from(layer == 3)][bitrate_index - 1]
        };
    let rate = [44_100u64, 48_000, 32_000][rate_index]
        >> match version {
            3 => 0,
            2 => 1,
            _ => 2,
        };
    let len = match layer {
        3 => (12 * bitrate / rate + padding) * 4,
        2 => 144 * bitrate / rate + padding,
        _ if version == 3 => 144 * bitrate / rate + padding,
        _ => 72 * bitrate / rate + padding,
    };
    (len > 4).then_some(len)
}

#[cfg(test)]
mod tests {
    #[test]
    fn all_lists_every_kind_once() {
        // A new kind fails to compile here until it joins ALL.
        let position = |k: MediaKind| match k {
            MediaKind::Jpeg => 0,
            MediaKind::Png => 1,
            MediaKind::Webp => 2,
            MediaKind::Heif => 3,
            MediaKind::Tiff => 4,
            MediaKind::Mp3 => 5,
            MediaKind::Flac => 6,
            MediaKind::Wav => 7,
            MediaKind::Ogg => 8,
            MediaKind::Gif => 9,
            MediaKind::Pdf => 10,
            MediaKind::Zip => 11,
            MediaKind::Video => 12,
            MediaKind::Other => 13,
        };
        for (i, k) in MediaKind::ALL.into_iter().enumerate() {
            assert_eq!(position(k), i, "{k:?}");
        }
    }

    use super::*;

    #[test]
    fn sniffs_by_content() {
        assert_eq!(MediaKind::sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), MediaKind::Jpeg);
        assert_eq!(MediaKind::sniff(b"\x89PNG\r\n\x1a\n\0\0"), MediaKind::Png);
        assert_eq!(MediaKind::sniff(b"RIFF\0\0\0\0WEBPVP8 "), MediaKind::Webp);
        assert_eq!(MediaKind::sniff(b"RIFF\0\0\0\0WAVEfmt "), MediaKind::Wav);
        assert_eq!(MediaKind::sniff(b"RIFF\0\0\0\0AVI LIST"), MediaKind::Other);
        assert_eq!(MediaKind::sniff(b"fLaC\0\0\0\x22"), MediaKind::Flac);
        assert_eq!(MediaKind::sniff(b"ID3\x04\0\0\0\0\0\0"), MediaKind::Mp3);
        assert_eq!(MediaKind::sniff(&[0xFF, 0xFB, 0x50, 0xC4]), MediaKind::Mp3);
        assert_eq!(
            MediaKind::sniff(&[0xFF, 0xF1, 0x50, 0x80]),
            MediaKind::Other
        );
        assert_eq!(MediaKind::sniff(b"\0\0\0\x18ftypheic\0\0"), MediaKind::Heif);
        assert_eq!(
            MediaKind::sniff(b"\0\0\0\x18ftypisom\0\0"),
            MediaKind::Video
        );
        assert_eq!(MediaKind::sniff(b""), MediaKind::Other);
        assert_eq!(MediaKind::sniff(&[0xFF, 0xD8]), MediaKind::Other);
    }
}

//! Ogg Vorbis and Ogg Opus audio: the comment header emptied, every audio
//! packet kept byte for byte.
//!
//! The file is read into memory (at most 512 MiB) and its one logical
//! stream written again with the `ogg` crate: the identification header,
//! an empty comment header (no vendor string, no comments, so no tags,
//! cover pictures or encoder name), the Vorbis setup header, then every
//! audio packet, each page ending where the original's did and with the
//! original's granule position, so that every sample decodes the same and
//! the stream still seeks. Pages are renumbered and their checksums
//! computed anew; cleaning a cleaned file gives the same bytes, so the
//! stripped file is the canonical stream. Other Ogg streams (FLAC, Speex,
//! Theora video), several streams in one file and chained streams are not
//! cleaned ([`StripError::CannotClean`]).

use std::io::Cursor;

use ogg::writing::PacketWriteEndInfo;
use ogg::{PacketReader, PacketWriter};

use crate::report::{Category, StripReport};
use crate::StripError;

const FORMAT: &str = "Ogg";
const OTHER_CODEC: &str = "Darkroom cleans Ogg Vorbis and Opus audio, not other Ogg streams (FLAC, Speex, video), nor files that hold several streams. Convert it to FLAC or MP3, then choose that one.";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Codec {
    Vorbis,
    Opus,
}

impl Codec {
    /// The comment header's magic, and the empty header that replaces it.
    fn comment_magic(self) -> &'static [u8] {
        match self {
            Codec::Vorbis => b"\x03vorbis",
            Codec::Opus => b"OpusTags",
        }
    }

    fn empty_comments(self) -> Vec<u8> {
        let mut p = self.comment_magic().to_vec();
        p.extend_from_slice(&0u32.to_le_bytes()); // vendor string: empty
        p.extend_from_slice(&0u32.to_le_bytes()); // no comments
        if self == Codec::Vorbis {
            p.push(1); // framing bit
        }
        p
    }
}

fn corrupt(detail: impl Into<String>) -> StripError {
    StripError::corrupt(FORMAT, detail)
}

fn cannot() -> StripError {
    StripError::CannotClean {
        kind: FORMAT,
        advice: OTHER_CODEC,
    }
}

/// Cleans the Ogg file `file`, returning the file to send.
pub(super) fn clean(file: &[u8], report: &mut StripReport) -> Result<Vec<u8>, StripError> {
    let mut reader = PacketReader::new(Cursor::new(file));
    let read_error = |e: ogg::OggReadError| match e {
        ogg::OggReadError::ReadError(_) => corrupt("the file ends inside a page"),
        e => corrupt(format!("a page is damaged ({e})")),
    };
    let first = reader
        .read_packet()
        .map_err(read_error)?
        .ok_or_else(|| corrupt("it holds no packets"))?;
    let codec = if first.data.starts_with(b"\x01vorbis") {
        Codec::Vorbis
    } else if first.data.starts_with(b"OpusHead") {
        Codec::Opus
    } else {
        return Err(cannot());
    };
    let serial = first.stream_serial();
    let mut writer = PacketWriter::new(Vec::with_capacity(file.len()));
    let mut packet = Some(first);
    let mut index = 0u64;
    let mut ended = false;
    while let Some(p) = packet {
        if p.stream_serial() != serial || ended {
            return Err(cannot());
        }
        let data = if index == 1 {
            if !p.data.starts_with(codec.comment_magic()) {
                return Err(corrupt("its second packet is not a comment header"));
            }
            inspect_comments(report, &p.data[codec.comment_magic().len()..]);
            let empty = codec.empty_comments();
            if p.data != empty {
                report.removed("comment header", (p.data.len() - empty.len()) as u64);
            }
            empty
        } else {
            p.data.clone()
        };
        let end = if p.last_in_stream() {
            ended = true;
            PacketWriteEndInfo::EndStream
        } else if p.last_in_page() || index < 2 {
            // The identification header has a page of its own.
            PacketWriteEndInfo::EndPage
        } else {
            PacketWriteEndInfo::NormalPacket
        };
        writer
            .write_packet(data, serial, end, p.absgp_page())
            .map_err(|e| corrupt(e.to_string()))?;
        index += 1;
        packet = reader.read_packet().map_err(read_error)?;
    }
    if index < 2 + u64::from(codec == Codec::Vorbis) {
        return Err(corrupt("it ends before its headers do"));
    }
    if !ended {
        return Err(corrupt("the file ends before its stream does"));
    }
    Ok(writer.into_inner())
}

/// Records which comments the header held (never their values).
fn inspect_comments(report: &mut StripReport, body: &[u8]) {
    let u32_at = |at: usize| -> Option<usize> {
        let b = body.get(at..at + 4)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    };
    let Some(vendor) = u32_at(0) else {
        return;
    };
    if vendor > 0 {
        report.found(Category::Software, "vendor string");
    }
    let mut at = 4 + vendor;
    let Some(count) = u32_at(at) else {
        return;
    };
    at += 4;
    for _ in 0..count.min(10_000) {
        let Some(len) = u32_at(at) else {
            return;
        };
        let Some(comment) = body.get(at + 4..at + 4 + len) else {
            return;
        };
        at += 4 + len;
        let field = comment.split(|&b| b == b'=').next().unwrap_or_default();
        let field = String::from_utf8_lossy(field).to_ascii_uppercase();
        let category = match field.as_str() {
            "ARTIST" | "PERFORMER" | "COMPOSER" | "COPYRIGHT" | "ORGANIZATION" | "CONTACT" => {
                Category::Person
            }
            "DATE" | "CREATION_TIME" | "YEAR" => Category::Timestamp,
            "ENCODER" | "ENCODED_BY" | "ENCODER_OPTIONS" => Category::Software,
            "LOCATION" => Category::Location,
            "METADATA_BLOCK_PICTURE" | "COVERART" => Category::Thumbnail,
            _ => Category::Text,
        };
        report.found(
            category,
            format!(
                "Vorbis comment {}",
                super::inspect::printable(field.as_bytes())
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use ogg::writing::PacketWriteEndInfo;
    use ogg::PacketWriter;

    use crate::strip::tests::every_cut_is_refused;
    use crate::strip::{inspect, strip, Uncleanable};
    use crate::{ContentDigest, StripError};

    fn comments(magic: &[u8], vendor: &str, tags: &[&str], vorbis: bool) -> Vec<u8> {
        let mut p = magic.to_vec();
        p.extend_from_slice(&(vendor.len() as u32).to_le_bytes());
        p.extend_from_slice(vendor.as_bytes());
        p.extend_from_slice(&(tags.len() as u32).to_le_bytes());
        for t in tags {
            p.extend_from_slice(&(t.len() as u32).to_le_bytes());
            p.extend_from_slice(t.as_bytes());
        }
        if vorbis {
            p.push(1);
        }
        p
    }

    /// An Opus stream's structure, with made-up audio packets.
    fn sample_opus() -> Vec<u8> {
        let mut w = PacketWriter::new(Vec::new());
        let head = b"OpusHead\x01\x01\x38\x01\x80\xbb\x00\x00\x00\x00\x00".to_vec();
        w.write_packet(head, 7, PacketWriteEndInfo::EndPage, 0)
            .unwrap();
        let tags = comments(
            b"OpusTags",
            "DemoRecorder 2.1",
            &[
                "ARTIST=Jane Example",
                "DATE=2024-05-06",
                "LOCATION=Amsterdam",
            ],
            false,
        );
        w.write_packet(tags, 7, PacketWriteEndInfo::EndPage, 0)
            .unwrap();
        for i in 0..40u64 {
            let end = match i {
                39 => PacketWriteEndInfo::EndStream,
                _ if i % 10 == 9 => PacketWriteEndInfo::EndPage,
                _ => PacketWriteEndInfo::NormalPacket,
            };
            w.write_packet(vec![i as u8; 60 + i as usize], 7, end, 960 * (i + 1))
                .unwrap();
        }
        w.into_inner()
    }

    fn clean(file: &[u8]) -> Result<(Vec<u8>, crate::StripReport), StripError> {
        let mut out = Vec::new();
        let r = strip(
            Cursor::new(file),
            Some("memo.opus"),
            Uncleanable::Refuse,
            &mut out,
        )?;
        Ok((out, r))
    }

    #[test]
    fn ogg_comments_go_and_every_packet_stays() {
        let input = sample_opus();
        let (out, report) = clean(&input).unwrap();
        for needle in [&b"Jane"[..], b"DemoRecorder", b"Amsterdam", b"2024"] {
            assert!(inspect::contains(&input, needle));
            assert!(!inspect::contains(&out, needle));
        }
        assert_eq!(report.removed[0].name, "comment header");
        assert_eq!(
            report.summary(),
            "GPS position, person's name, timestamp, software name"
        );
        // Every packet and granule position, in order.
        let packets = |f: &[u8]| {
            let mut r = ogg::PacketReader::new(Cursor::new(f.to_vec()));
            let mut v = Vec::new();
            while let Some(p) = r.read_packet().unwrap() {
                v.push((p.data.clone(), p.absgp_page(), p.last_in_page()));
            }
            v
        };
        let (a, b) = (packets(&input), packets(&out));
        assert_eq!(a.len(), b.len());
        assert_eq!(a[0], b[0]);
        assert_eq!(a[2..], b[2..]);
        // Idempotent; the digest is the same either way.
        let (again, second) = clean(&out).unwrap();
        assert_eq!(again, out);
        assert!(second.removed.is_empty());
        let (d1, _) = ContentDigest::of(&input[..], None).unwrap();
        let (d2, _) = ContentDigest::of(&out[..], None).unwrap();
        assert_eq!(d1, d2);
    }

    #[test]
    fn every_cut_of_an_ogg_file_is_refused() {
        every_cut_is_refused(&sample_opus(), "memo.opus", |e| {
            matches!(e, StripError::Corrupt { .. })
        });
    }

    #[test]
    fn other_ogg_streams_are_refused_unless_sent_as_is() {
        let mut w = PacketWriter::new(Vec::new());
        w.write_packet(
            b"\x80theora\x03\x02".to_vec(),
            1,
            PacketWriteEndInfo::EndStream,
            0,
        )
        .unwrap();
        let video = w.into_inner();
        let mut out = Vec::new();
        let err = strip(
            Cursor::new(&video),
            Some("v.ogg"),
            Uncleanable::Refuse,
            &mut out,
        )
        .unwrap_err();
        assert!(err.to_string().contains("not other Ogg streams"), "{err}");
        let r = strip(
            Cursor::new(&video),
            Some("v.ogg"),
            Uncleanable::SendAsIs,
            &mut out,
        )
        .unwrap();
        assert_eq!(out, video);
        assert!(!r.metadata_removed);
    }
}

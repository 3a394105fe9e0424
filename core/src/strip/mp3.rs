//! MP3 (MPEG-1/2/2.5 audio, layers I–III): keep the audio frames; drop
//! ID3v2 tags (front, middle or end), ID3v1 and ID3v1.1, APEv2 and
//! Lyrics3 tags.
//!
//! Frames are walked by their headers, so nothing between them survives: a
//! byte that starts neither a frame nor a known tag makes the file refused.
//! The first frame may be a Xing/Info/LAME header, which is kept (players
//! need it for seeking; it names the encoder, like the stream itself).

use std::io::{Read, Write};

use super::inspect;
use super::inspect::INSPECT_LIMIT;
use super::source::Source;
use crate::media::mp3_frame_len as frame_len;
use crate::report::{Category, StripReport};
use crate::StripError;

/// Skips the rest of an ID3v2 tag whose first four bytes were `first`,
/// naming what it held.
pub(super) fn skip_id3v2<R: Read>(
    src: &mut Source<R>,
    first: [u8; 4],
    report: &mut StripReport,
) -> Result<(), StripError> {
    let rest: [u8; 6] = src.array()?;
    let h = [
        first[0], first[1], first[2], first[3], rest[0], rest[1], rest[2], rest[3], rest[4],
        rest[5],
    ];
    if h[6..10].iter().any(|&b| b & 0x80 != 0) {
        return Err(src.corrupt("an ID3 tag with a bad size"));
    }
    let size = h[6..10].iter().fold(0u64, |n, &b| (n << 7) | u64::from(b));
    let footer = if h[5] & 0x10 != 0 { 10 } else { 0 };
    let body = src.take_or_skip(size + footer, INSPECT_LIMIT, |_| {})?;
    report.removed("ID3v2 tag", size + footer + 10);
    id3_frames(report, body.as_deref().unwrap_or_default());
    Ok(())
}

/// Names ID3v2 frames by their ids.
fn id3_frames(report: &mut StripReport, body: &[u8]) {
    const IDS: &[(&[u8], Category, &str)] = &[
        (b"TPE1", Category::Person, "ID3 artist"),
        (b"TCOM", Category::Person, "ID3 composer"),
        (b"TCOP", Category::Person, "ID3 copyright"),
        (b"TENC", Category::Person, "ID3 encoded by"),
        (b"TDRC", Category::Timestamp, "ID3 recording time"),
        (b"TYER", Category::Timestamp, "ID3 year"),
        (b"TDEN", Category::Timestamp, "ID3 encoding time"),
        (b"TSSE", Category::Software, "ID3 encoder settings"),
        (b"APIC", Category::Thumbnail, "ID3 picture"),
        (b"COMM", Category::Text, "ID3 comment"),
        (b"TIT2", Category::Text, "ID3 title"),
        (b"PRIV", Category::Text, "ID3 private data"),
        (b"GEOB", Category::Text, "ID3 embedded object"),
        (b"TXXX", Category::Text, "ID3 user text"),
    ];
    for (id, category, field) in IDS {
        if inspect::contains(body, id) {
            report.found(*category, *field);
        }
    }
}

pub(super) fn canonicalize<R: Read, W: Write>(
    src: &mut Source<R>,
    out: &mut W,
    report: &mut StripReport,
) -> Result<(), StripError> {
    let mut frames = 0u64;
    while !src.fill_buf()?.is_empty() {
        let head: [u8; 4] = src.array()?;
        if let Some(len) = frame_len(head) {
            out.write_all(&head)?;
            src.copy(len - 4, out)?;
            frames += 1;
        } else if head.starts_with(b"ID3") {
            skip_id3v2(src, head, report)?;
        } else if head.starts_with(b"TAG") {
            let enhanced = head[3] == b'+';
            let rest = if enhanced { 227 - 4 } else { 128 - 4 };
            src.copy(rest, &mut std::io::sink())?;
            report.removed("ID3v1 tag", rest + 4);
            report.found(Category::Text, "ID3v1 title, artist or comment");
        } else if &head == b"APET" {
            let h: [u8; 28] = src.array()?;
            if &h[..4] != b"AGEX" {
                return Err(
                    src.corrupt("data between audio frames that is neither audio nor a tag")
                );
            }
            // The header's size counts the items and the footer.
            let size = u64::from(u32::from_le_bytes([h[8], h[9], h[10], h[11]]));
            let flags = u32::from_le_bytes([h[16], h[17], h[18], h[19]]);
            let is_header = flags & (1 << 29) != 0;
            if is_header {
                src.copy(size, &mut std::io::sink())?;
            }
            report.removed("APEv2 tag", 32 + if is_header { size } else { 0 });
            report.found(Category::Text, "APE tag");
        } else if &head == b"LYRI" {
            // Lyrics3: "LYRICSBEGIN" … "LYRICS200" or "LYRICSEND".
            let (n, _) = src.drain()?;
            report.removed("Lyrics3 tag and what follows", n + 4);
            report.found(Category::Text, "lyrics");
        } else {
            return Err(src.corrupt("data between audio frames that is neither audio nor a tag"));
        }
    }
    if frames == 0 {
        return Err(src.corrupt("no audio frames"));
    }
    Ok(())
}

//! The age file format (`age-encryption.org/v1`), written with the
//! payload's chunks encrypted on every core.
//!
//! age's payload is a STREAM of 64 KiB ChaCha20-Poly1305 chunks; each chunk
//! has its own nonce (an 11-byte big-endian counter and a last-chunk flag),
//! so chunks can be sealed independently. The age crate seals them one
//! after another; this writer buffers a batch of chunks and seals them on
//! all cores at once. Everything else is age's own: the file key is wrapped
//! by the recipients' [`age::Recipient::wrap_file_key`], the header and
//! payload keys come from `age_core::primitives::hkdf` with the spec's
//! labels, the header MAC is HMAC-SHA256 (the `hmac` crate) and the AEAD is
//! the `chacha20poly1305` crate's. The bytes are what the spec says, so
//! `age -d` and the age crate read them (tested both ways, for the sizes
//! at the edges of a chunk).

use std::io::{self, Write};

use age_core::format::FileKey;
use age_core::primitives::hkdf;
use base64::Engine;
use chacha20poly1305::aead::AeadInPlace;
use chacha20poly1305::{ChaCha20Poly1305, KeyInit};
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;
use zeroize::Zeroizing;

/// A payload chunk's plaintext length.
pub const CHUNK: usize = 64 * 1024;
const TAG: usize = 16;
/// Chunks sealed together: 4 MiB of plaintext in memory at most.
const BATCH: usize = 64;

/// An age file being written: [`AgeWriter::finish`] seals the last chunk.
pub struct AgeWriter<W: Write> {
    out: W,
    aead: ChaCha20Poly1305,
    /// Plaintext not yet sealed.
    pending: Zeroizing<Vec<u8>>,
    /// The next chunk's counter.
    counter: u64,
    /// Ciphertext of a batch, reused.
    sealed: Vec<u8>,
}

fn stanza_text(out: &mut String, tag: &str, args: &[String], body: &[u8]) {
    out.push_str("-> ");
    out.push_str(tag);
    for a in args {
        out.push(' ');
        out.push_str(a);
    }
    out.push('\n');
    let b64 = base64::engine::general_purpose::STANDARD_NO_PAD.encode(body);
    // Lines of 64 columns; the last one shorter (so empty when the body
    // fills its lines exactly).
    let mut rest = b64.as_str();
    while rest.len() >= 64 {
        out.push_str(&rest[..64]);
        out.push('\n');
        rest = &rest[64..];
    }
    out.push_str(rest);
    out.push('\n');
}

fn nonce(counter: u64, last: bool) -> [u8; 12] {
    let mut n = [0u8; 12];
    n[3..11].copy_from_slice(&counter.to_be_bytes());
    n[11] = u8::from(last);
    n
}

impl<W: Write> AgeWriter<W> {
    /// Writes the header for `recipients` and the payload nonce to `out`.
    pub fn new(recipients: &[&dyn age::Recipient], mut out: W) -> io::Result<Self> {
        if recipients.is_empty() {
            return Err(io::Error::other("no recipients"));
        }
        let mut key = Zeroizing::new([0u8; 16]);
        rand::rngs::OsRng.fill_bytes(&mut key[..]);
        let file_key = FileKey::new(Box::new(*key));
        let mut header = String::from("age-encryption.org/v1\n");
        for r in recipients {
            let (stanzas, labels) = r
                .wrap_file_key(&file_key)
                .map_err(|e| io::Error::other(e.to_string()))?;
            if !labels.is_empty() {
                // Labelled recipients (plugins) have mixing rules this
                // writer does not implement; ours are X25519.
                return Err(io::Error::other("labelled recipients are not supported"));
            }
            for s in &stanzas {
                stanza_text(&mut header, &s.tag, &s.args, &s.body);
            }
        }
        header.push_str("---");
        let mac_key = Zeroizing::new(hkdf(&[], b"header", &key[..]));
        let mut mac = <Hmac<Sha256> as hmac::KeyInit>::new_from_slice(&mac_key[..])
            .map_err(|_| io::Error::other("HMAC key"))?;
        mac.update(header.as_bytes());
        let tag = mac.finalize().into_bytes();
        header.push(' ');
        header.push_str(&base64::engine::general_purpose::STANDARD_NO_PAD.encode(tag));
        header.push('\n');
        out.write_all(header.as_bytes())?;

        let mut payload_nonce = [0u8; 16];
        rand::rngs::OsRng.fill_bytes(&mut payload_nonce);
        out.write_all(&payload_nonce)?;
        let payload_key = Zeroizing::new(hkdf(&payload_nonce, b"payload", &key[..]));
        Ok(AgeWriter {
            out,
            aead: ChaCha20Poly1305::new((&*payload_key).into()),
            pending: Zeroizing::new(Vec::with_capacity(BATCH * CHUNK)),
            counter: 0,
            sealed: Vec::new(),
        })
    }

    /// Seals the first `chunks` full chunks of `pending` (the last of them
    /// the file's last when `last`) and writes them.
    fn seal(&mut self, len: usize, last: bool) -> io::Result<()> {
        let n = len.div_ceil(CHUNK).max(1);
        self.sealed.clear();
        self.sealed.resize(len + n * TAG, 0);
        let first = self.counter;
        let aead = &self.aead;
        let jobs: Vec<(usize, &[u8], &mut [u8])> = self.pending[..len]
            .chunks(CHUNK)
            .chain(if len == 0 { Some(&[][..]) } else { None })
            .zip(self.sealed.chunks_mut(CHUNK + TAG))
            .enumerate()
            .map(|(i, (p, c))| (i, p, c))
            .collect();
        let seal_one = |(i, plain, out): (usize, &[u8], &mut [u8])| -> Result<(), ()> {
            let (body, tag) = out.split_at_mut(plain.len());
            body.copy_from_slice(plain);
            let is_last = last && i + 1 == n;
            let t = aead
                .encrypt_in_place_detached((&nonce(first + i as u64, is_last)).into(), b"", body)
                .map_err(|_| ())?;
            tag.copy_from_slice(&t);
            Ok(())
        };
        run_all(jobs, seal_one).map_err(|_| io::Error::other("encryption failed"))?;
        self.counter += n as u64;
        self.out.write_all(&self.sealed)?;
        self.pending.drain(..len);
        Ok(())
    }

    /// Seals what is left as the last chunk(s) and returns the output.
    pub fn finish(mut self) -> io::Result<W> {
        let len = self.pending.len();
        self.seal(len, true)?;
        self.out.flush()?;
        Ok(self.out)
    }
}

impl<W: Write> Write for AgeWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        // A batch is sealed only once more data follows it, so the last
        // chunk is always sealed by `finish`, with its flag.
        if self.pending.len() == BATCH * CHUNK {
            self.seal(BATCH * CHUNK, false)?;
        }
        let n = buf.len().min(BATCH * CHUNK - self.pending.len());
        self.pending.extend_from_slice(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// Runs `f` on every job, on all cores where there are threads.
#[cfg(not(target_arch = "wasm32"))]
fn run_all<J: Send, E: Send>(jobs: Vec<J>, f: impl Fn(J) -> Result<(), E> + Sync) -> Result<(), E> {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(jobs.len());
    if threads <= 1 {
        return jobs.into_iter().try_for_each(f);
    }
    let mut groups: Vec<Vec<J>> = (0..threads).map(|_| Vec::new()).collect();
    for (i, j) in jobs.into_iter().enumerate() {
        groups[i % threads].push(j);
    }
    let f = &f;
    std::thread::scope(|s| {
        let handles: Vec<_> = groups
            .into_iter()
            .map(|g| s.spawn(move || g.into_iter().try_for_each(f)))
            .collect();
        handles
            .into_iter()
            .try_for_each(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
    })
}

/// In the browser's single-threaded build, one after another.
#[cfg(target_arch = "wasm32")]
fn run_all<J, E>(jobs: Vec<J>, f: impl Fn(J) -> Result<(), E>) -> Result<(), E> {
    jobs.into_iter().try_for_each(f)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn roundtrip(len: usize) {
        let id = age::x25519::Identity::generate();
        let plain: Vec<u8> = (0..len).map(|i| (i * 7 + i / 251) as u8).collect();
        let mut w = AgeWriter::new(&[&id.to_public()], Vec::new()).unwrap();
        // Uneven writes, to cross batch edges anywhere.
        for part in plain.chunks(50_000) {
            w.write_all(part).unwrap();
        }
        let file = w.finish().unwrap();
        let expected_chunks = len.div_ceil(CHUNK).max(1);
        let header_end = file.windows(4).position(|w| w == b"--- ").unwrap();
        let header_len =
            header_end + file[header_end..].iter().position(|&b| b == b'\n').unwrap() + 1;
        assert_eq!(
            file.len(),
            header_len + 16 + len + expected_chunks * TAG,
            "{len}"
        );
        let d = age::Decryptor::new(&file[..]).unwrap();
        let mut r = d
            .decrypt(std::iter::once(&id as &dyn age::Identity))
            .unwrap();
        let mut back = Vec::new();
        r.read_to_end(&mut back).unwrap();
        assert!(back == plain, "{len} bytes do not round-trip");
    }

    #[test]
    fn the_age_crate_reads_every_size_at_a_chunk_edge() {
        for len in [
            0,
            1,
            CHUNK - 1,
            CHUNK,
            CHUNK + 1,
            2 * CHUNK,
            BATCH * CHUNK - 1,
            BATCH * CHUNK,
            BATCH * CHUNK + 1,
            2 * BATCH * CHUNK + 3 * CHUNK,
        ] {
            roundtrip(len);
        }
    }

    #[test]
    fn a_tampered_or_truncated_file_is_refused() {
        let id = age::x25519::Identity::generate();
        let mut w = AgeWriter::new(&[&id.to_public()], Vec::new()).unwrap();
        w.write_all(&vec![5u8; 3 * CHUNK]).unwrap();
        let file = w.finish().unwrap();
        let read = |bytes: &[u8]| -> bool {
            let Ok(d) = age::Decryptor::new(bytes) else {
                return false;
            };
            let Ok(mut r) = d.decrypt(std::iter::once(&id as &dyn age::Identity)) else {
                return false;
            };
            let mut out = Vec::new();
            r.read_to_end(&mut out).is_ok()
        };
        assert!(read(&file));
        // Cut at a chunk boundary: the last chunk's flag is missing.
        let cut = file.len() - (CHUNK + TAG);
        assert!(!read(&file[..cut]));
        let mut flipped = file.clone();
        let at = file.len() - 100;
        flipped[at] ^= 1;
        assert!(!read(&flipped));
        // The header MAC covers the stanzas.
        let mut header = file.clone();
        header[30] ^= 1;
        assert!(!read(&header));
    }
}

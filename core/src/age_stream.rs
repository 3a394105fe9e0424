//! The age file format (`age-encryption.org/v1`), written with the
//! payload's chunks encrypted on every core.
//!
//! age's payload is a STREAM of 64 KiB ChaCha20-Poly1305 chunks; each chunk
//! has its own nonce (an 11-byte big-endian counter and a last-chunk flag),
//! so chunks can be sealed independently. The age crate seals them one
//! after another; this writer gathers the plaintext into batches of chunks,
//! laid out as they will be written (each chunk followed by room for its
//! tag), and hands each full batch to a pool of sealing threads, one per
//! core, which encrypt it in place while the next one is gathered; sealed
//! batches are written in order. Everything else is age's own: the file key is wrapped
//! by the recipients' [`age::Recipient::wrap_file_key`], the header and
//! payload keys come from `age_core::primitives::hkdf` with the spec's
//! labels, the header MAC is HMAC-SHA256 (the `hmac` crate) and the AEAD is
//! the `chacha20poly1305` crate's. The bytes are what the spec says, so
//! `age -d` and the age crate read them (tested both ways, for the sizes
//! at the edges of a chunk).

use std::io::{self, Write};
use std::sync::Arc;

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
/// Chunks sealed together: 4 MiB of plaintext a batch.
const BATCH: usize = 64;
/// Sealing threads at most. A writer holds at most this many batches in
/// flight, one being gathered and one spare: 24 MiB with four threads.
#[cfg(not(target_arch = "wasm32"))]
const MAX_THREADS: usize = 4;

/// An age file being written: [`AgeWriter::finish`] seals the last chunk.
pub struct AgeWriter<W: Write> {
    out: W,
    /// The batch being gathered, in its sealed layout.
    batch: Zeroizing<Vec<u8>>,
    /// Plaintext bytes in `batch`.
    filled: usize,
    /// The first chunk counter of `batch`.
    counter: u64,
    sealer: Sealer,
}

/// A batch of chunks and where it goes: its plaintext laid out with room
/// for each chunk's tag, sealed in place.
struct Batch {
    /// Its place in the file (the pool's threads may finish out of order).
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
    seq: u64,
    first: u64,
    plain: usize,
    last: bool,
    bytes: Zeroizing<Vec<u8>>,
}

/// The length of `plain` plaintext bytes in the sealed layout.
fn sealed_len(plain: usize) -> usize {
    plain + plain.div_ceil(CHUNK).max(1) * TAG
}

/// Seals a batch in place, one chunk after another.
fn seal_batch(aead: &ChaCha20Poly1305, b: &mut Batch) -> Result<(), ()> {
    let n = b.plain.div_ceil(CHUNK).max(1);
    let mut rest = &mut b.bytes[..sealed_len(b.plain)];
    let mut left = b.plain;
    for i in 0..n {
        let len = left.min(CHUNK);
        let (chunk, tail) = rest.split_at_mut(len + TAG);
        let (body, tag) = chunk.split_at_mut(len);
        let is_last = b.last && i + 1 == n;
        let t = aead
            .encrypt_in_place_detached((&nonce(b.first + i as u64, is_last)).into(), b"", body)
            .map_err(|_| ())?;
        tag.copy_from_slice(&t);
        rest = tail;
        left -= len;
    }
    Ok(())
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
        let mut first_labels = None;
        for r in recipients {
            let (stanzas, labels) = r
                .wrap_file_key(&file_key)
                .map_err(|e| io::Error::other(crate::Error::from(e).to_string()))?;
            // age's rule: every recipient of a file gives the same labels
            // (hybrid ones say `postquantum`, X25519 ones nothing), so a
            // post-quantum file never gets a classical stanza beside it.
            if *first_labels.get_or_insert_with(|| labels.clone()) != labels {
                return Err(io::Error::other(
                    "these recipients cannot share a file (age refuses to mix post-quantum and classical keys)",
                ));
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
        let aead = Arc::new(ChaCha20Poly1305::new((&*payload_key).into()));
        Ok(AgeWriter {
            out,
            sealer: Sealer::new(aead),
            batch: Zeroizing::new(vec![0; sealed_len(BATCH * CHUNK)]),
            filled: 0,
            counter: 0,
        })
    }

    /// Hands the gathered batch to the sealers (the file's last when
    /// `last`) and writes whatever is sealed, in order.
    fn send(&mut self, last: bool) -> io::Result<()> {
        let next = if last {
            Zeroizing::new(Vec::new())
        } else {
            self.sealer.spare()
        };
        let bytes = std::mem::replace(&mut self.batch, next);
        let plain = self.filled;
        let batch = Batch {
            seq: 0,
            first: self.counter,
            plain,
            last,
            bytes,
        };
        self.counter += plain.div_ceil(CHUNK).max(1) as u64;
        self.filled = 0;
        self.sealer.seal(batch, &mut self.out)
    }

    /// Seals what is left as the last chunk(s) and returns the output.
    pub fn finish(mut self) -> io::Result<W> {
        self.send(true)?;
        self.sealer.drain(&mut self.out)?;
        self.out.flush()?;
        Ok(self.out)
    }
}

impl<W: Write> Write for AgeWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        // A batch is sent only once more data follows it, so the last
        // chunk is always sealed by `finish`, with its flag.
        if self.filled == BATCH * CHUNK {
            self.send(false)?;
        }
        if self.batch.len() < sealed_len(BATCH * CHUNK) {
            self.batch.resize(sealed_len(BATCH * CHUNK), 0);
        }
        // Up to the end of the current chunk, after the tags before it.
        let in_chunk = self.filled % CHUNK;
        let n = buf.len().min(CHUNK - in_chunk);
        let at = self.filled + (self.filled / CHUNK) * TAG;
        self.batch[at..at + n].copy_from_slice(&buf[..n]);
        self.filled += n;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// Sealing threads, one per core, each taking whole batches; sealed
/// batches come back and are written in order. Without threads (the
/// browser's build, or one core), batches are sealed as they are sent.
struct Sealer {
    /// The payload key's cipher, for batches sealed here (the pool's
    /// threads hold it too).
    aead: Arc<ChaCha20Poly1305>,
    #[cfg(not(target_arch = "wasm32"))]
    pool: Option<Pool>,
    /// An emptied buffer, for the next batch.
    spare: Vec<Zeroizing<Vec<u8>>>,
}

#[cfg(not(target_arch = "wasm32"))]
struct Pool {
    to: Option<std::sync::mpsc::Sender<Batch>>,
    from: std::sync::mpsc::Receiver<Result<Batch, ()>>,
    threads: Vec<std::thread::JoinHandle<()>>,
    /// The next batch's number, and the next one to write.
    sent: u64,
    next: u64,
    /// Batches sealed before their turn.
    early: std::collections::BTreeMap<u64, Batch>,
    /// Batches in flight at most (one per thread, bounding memory).
    limit: u64,
}

#[cfg(not(target_arch = "wasm32"))]
impl Drop for Pool {
    fn drop(&mut self) {
        // Closing the queue ends the threads; what they held is zeroized
        // as it is dropped.
        self.to.take();
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }
}

fn failed() -> io::Error {
    io::Error::other("encryption failed")
}

impl Sealer {
    #[cfg(target_arch = "wasm32")]
    fn new(aead: Arc<ChaCha20Poly1305>) -> Sealer {
        Sealer {
            aead,
            spare: Vec::new(),
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn new(aead: Arc<ChaCha20Poly1305>) -> Sealer {
        let cores = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
            .min(MAX_THREADS);
        Sealer::with_threads(aead, cores)
    }

    /// A sealer with a pool of `cores` threads (none for one).
    #[cfg(not(target_arch = "wasm32"))]
    fn with_threads(aead: Arc<ChaCha20Poly1305>, cores: usize) -> Sealer {
        let mut sealer = Sealer {
            aead: aead.clone(),
            pool: None,
            spare: Vec::new(),
        };
        if cores <= 1 {
            return sealer;
        }
        let (to, work) = std::sync::mpsc::channel::<Batch>();
        let (done, from) = std::sync::mpsc::channel();
        let work = Arc::new(std::sync::Mutex::new(work));
        let mut threads = Vec::new();
        for _ in 0..cores {
            let (work, done, aead) = (work.clone(), done.clone(), aead.clone());
            let spawned = std::thread::Builder::new()
                .name("darkroom-seal".into())
                .spawn(move || loop {
                    let next = match work.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => return,
                    };
                    let Ok(mut b) = next else {
                        return;
                    };
                    let sealed = seal_batch(&aead, &mut b).map(|_| b);
                    if done.send(sealed).is_err() {
                        return;
                    }
                });
            match spawned {
                Ok(t) => threads.push(t),
                Err(_) => break,
            }
        }
        if !threads.is_empty() {
            sealer.pool = Some(Pool {
                to: Some(to),
                from,
                limit: threads.len() as u64,
                threads,
                sent: 0,
                next: 0,
                early: std::collections::BTreeMap::new(),
            });
        }
        sealer
    }

    fn spare(&mut self) -> Zeroizing<Vec<u8>> {
        self.spare
            .pop()
            .unwrap_or_else(|| Zeroizing::new(Vec::new()))
    }

    /// Seals `batch`, here or on the pool, and writes what is sealed and
    /// whose turn it is.
    fn seal<W: Write>(
        &mut self,
        #[allow(unused_mut)] mut batch: Batch,
        out: &mut W,
    ) -> io::Result<()> {
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(pool) = &mut self.pool {
            batch.seq = pool.sent;
            pool.sent += 1;
            pool.to
                .as_ref()
                .ok_or_else(failed)?
                .send(batch)
                .map_err(|_| failed())?;
            // Write what is ready; wait only while too many are in flight.
            loop {
                let got = if pool.sent - pool.next > pool.limit {
                    Some(pool.from.recv().map_err(|_| failed())?)
                } else {
                    pool.from.try_recv().ok()
                };
                let Some(got) = got else {
                    return Ok(());
                };
                let b = got.map_err(|_| failed())?;
                pool.early.insert(b.seq, b);
                write_in_order(pool, &mut self.spare, out)?;
            }
        }
        seal_batch(&self.aead, &mut batch).map_err(|_| failed())?;
        out.write_all(&batch.bytes[..sealed_len(batch.plain)])?;
        keep(&mut self.spare, batch);
        Ok(())
    }

    /// Waits for every batch in flight and writes them, in order.
    fn drain<W: Write>(&mut self, #[allow(unused_variables)] out: &mut W) -> io::Result<()> {
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(pool) = &mut self.pool {
            while pool.next < pool.sent {
                let b = pool
                    .from
                    .recv()
                    .map_err(|_| failed())?
                    .map_err(|_| failed())?;
                pool.early.insert(b.seq, b);
                write_in_order(pool, &mut self.spare, out)?;
            }
        }
        Ok(())
    }
}

/// Keeps an emptied batch buffer for the next batch.
fn keep(spare: &mut Vec<Zeroizing<Vec<u8>>>, b: Batch) {
    if spare.is_empty() && !b.last {
        spare.push(b.bytes);
    }
}

/// Writes the sealed batches whose turn has come.
#[cfg(not(target_arch = "wasm32"))]
fn write_in_order<W: Write>(
    pool: &mut Pool,
    spare: &mut Vec<Zeroizing<Vec<u8>>>,
    out: &mut W,
) -> io::Result<()> {
    while let Some(b) = pool.early.remove(&pool.next) {
        pool.next += 1;
        out.write_all(&b.bytes[..sealed_len(b.plain)])?;
        keep(spare, b);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn roundtrip(len: usize) {
        roundtrip_with(len, None)
    }

    /// As [`roundtrip`], sealing with a pool of `threads` threads whatever
    /// the machine has.
    fn roundtrip_with(len: usize, threads: Option<usize>) {
        let id = age::x25519::Identity::generate();
        let plain: Vec<u8> = (0..len).map(|i| (i * 7 + i / 251) as u8).collect();
        let mut w = AgeWriter::new(&[&id.to_public()], Vec::new()).unwrap();
        if let Some(n) = threads {
            w.sealer = Sealer::with_threads(w.sealer.aead.clone(), n);
            assert_eq!(w.sealer.pool.as_ref().map(|p| p.threads.len()), Some(n));
        }
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

    /// More batches than the pool keeps in flight, sealed out of order by
    /// its threads, are written in order: with the pool this machine gets,
    /// and with several threads even on a one-core machine.
    #[test]
    fn many_batches_are_written_in_order() {
        roundtrip(11 * BATCH * CHUNK + 5);
        for threads in [2, MAX_THREADS] {
            roundtrip_with(11 * BATCH * CHUNK + 5, Some(threads));
        }
    }

    /// Hybrid recipients share a file with each other, never with X25519
    /// ones (age's label rule), in either order.
    #[test]
    fn hybrid_recipients_seal_together_and_never_beside_x25519() {
        let a = crate::hybrid::Identity::generate();
        let b = crate::hybrid::Identity::generate();
        let c = age::x25519::Identity::generate();
        let (ra, rb, rc) = (a.to_public(), b.to_public(), c.to_public());
        let mut w = AgeWriter::new(&[&ra, &rb], Vec::new()).unwrap();
        w.write_all(&[9u8; 1000]).unwrap();
        let file = w.finish().unwrap();
        for id in [&a as &dyn age::Identity, &b] {
            let d = age::Decryptor::new(&file[..]).unwrap();
            let mut back = Vec::new();
            d.decrypt(std::iter::once(id))
                .unwrap()
                .read_to_end(&mut back)
                .unwrap();
            assert_eq!(back, vec![9u8; 1000]);
        }
        for mixed in [
            [&ra as &dyn age::Recipient, &rc],
            [&rc as &dyn age::Recipient, &ra],
        ] {
            let e = AgeWriter::new(&mixed, Vec::new()).err().unwrap();
            assert!(e.to_string().contains("post-quantum"), "{e}");
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

//! The verify page under a flood of the worst publication it still
//! checks (part of `darkroom-bench siege`): an 8192 × 8192 image with
//! three full-resolution components (the largest it decodes: about 400 MB
//! of coefficients) in under a megabyte, with a bundle whose hidden areas
//! cover the crop four times over (the most it looks at). Clients post it
//! over and over, some cutting their connection as soon as the upload is
//! sent; meanwhile an honest source uploads, and the server's resident
//! memory is sampled.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use darkroom_circuits::statement::{PublicInputs, Version};
use darkroom_core::bundle::Bundle;
use darkroom_core::digest::Opening;
use darkroom_core::publication::{Publication, Size, Tiles, FORMAT, VERSION};

/// Its width and height.
pub(crate) const SIDE: u16 = 8192;

/// The worst publication bundle for that image: its proof is well formed
/// (and false), its hidden areas cover the crop four times.
fn bundle(side: u16) -> String {
    let proof = Bundle {
        statement: Version::V2,
        circuit_id: [0; 32],
        public: PublicInputs {
            root: darkroom_circuits::Fr::from(1u64),
            commitment: darkroom_circuits::Fr::from(2u64),
            t_lo: 0,
            t_hi: u64::MAX,
            lat_lo: 0,
            lat_hi: u32::MAX,
            lon_lo: 0,
            lon_hi: u32::MAX,
        },
        proof: [0; darkroom_circuits::groth16::PROOF_LEN],
    };
    let tiles = usize::from(side) / 64;
    let crop = Tiles {
        col: 0,
        row: 0,
        cols: tiles,
        rows: tiles,
    };
    Publication {
        format: FORMAT.into(),
        version: VERSION,
        original: Size {
            width: side,
            height: side,
        },
        crop,
        hidden: vec![crop; 4],
        keys: String::new(),
        hashes: String::new(),
        opening: Opening::random(),
        proof: serde_json::from_str(&proof.to_json()).unwrap_or_default(),
    }
    .to_json()
}

/// A multipart body of the bundle and the image.
fn body(boundary: &str) -> Vec<u8> {
    let mut b = Vec::new();
    for (name, file, data) in [
        ("bundle", "p.json", bundle(SIDE).into_bytes()),
        ("image", "p.jpg", darkroom_core::jpeg::flat(SIDE, SIDE, 3)),
    ] {
        b.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes(),
        );
        b.extend_from_slice(&data);
        b.extend_from_slice(b"\r\n");
    }
    b.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    b
}

/// What the flood's posts were answered: status → count ("cut" for those
/// that hung up on purpose).
pub(crate) type Answers = Arc<Mutex<std::collections::BTreeMap<String, usize>>>;

/// `clients` loops of posts to `/verify` until `stop`; every other client
/// hangs up as soon as its upload is sent.
pub(crate) fn flood(
    addr: &str,
    clients: usize,
    stop: &Arc<AtomicBool>,
) -> (Vec<std::thread::JoinHandle<()>>, Answers) {
    const BOUNDARY: &str = "darkroom-verify-flood";
    let payload = Arc::new(body(BOUNDARY));
    let answers: Answers = Arc::default();
    let threads = (0..clients)
        .map(|k| {
            let (addr, payload, stop, answers) = (
                addr.to_string(),
                payload.clone(),
                stop.clone(),
                answers.clone(),
            );
            std::thread::spawn(move || {
                while !stop.load(Ordering::SeqCst) {
                    let answer = post(&addr, BOUNDARY, &payload, k % 2 == 1)
                        .unwrap_or_else(|e| format!("no answer ({})", e.kind()));
                    *answers
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .entry(answer)
                        .or_default() += 1;
                }
            })
        })
        .collect();
    (threads, answers)
}

fn post(addr: &str, boundary: &str, payload: &[u8], hang_up: bool) -> std::io::Result<String> {
    let mut s = TcpStream::connect(addr)?;
    s.set_read_timeout(Some(Duration::from_secs(120)))?;
    write!(
        s,
        "POST /verify HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        payload.len()
    )?;
    s.write_all(payload)?;
    if hang_up {
        // Long enough for the server to read the upload and start.
        std::thread::sleep(Duration::from_millis(300));
        return Ok("cut".into());
    }
    let mut head = [0u8; 12];
    s.read_exact(&mut head)?;
    Ok(String::from_utf8_lossy(&head[9..12]).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worst_case_is_within_the_bounds_and_refused_only_by_its_proof() {
        let image = darkroom_core::jpeg::flat(SIDE, SIDE, 3);
        assert!(image.len() < 1 << 20, "{}", image.len());
        let p = Publication::from_json(&bundle(SIDE)).unwrap();
        let e = p.check_image(&image).unwrap_err().to_string();
        // Decoded and every hidden tile looked at: only the disclosure
        // fails, after all the work.
        assert!(!e.contains("megapixels") && !e.contains("overlap"), "{e}");
        let small = darkroom_core::jpeg::flat(64, 64, 3);
        let c = darkroom_core::jpeg::decode(&small).unwrap();
        assert_eq!(c.components.len(), 3);
    }
}

//! How the source's client reaches an onion address: only through a
//! `socks5h://` proxy, which is handed the name to look up inside Tor, so
//! no DNS query for it leaves the machine. A SOCKS5 listener here plays
//! Tor and records what it is asked.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::Duration;

use crate::util::*;

const ONION: &str = "darkroomtestaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.onion";

/// Accepts one SOCKS5 connection, answers "no authentication", reads the
/// CONNECT request and refuses it; returns (address type, address, port).
fn fake_tor(listener: TcpListener) -> std::thread::JoinHandle<(u8, Vec<u8>, u16)> {
    std::thread::spawn(move || {
        let (mut s, _) = listener.accept().unwrap();
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        let mut greeting = [0u8; 2];
        s.read_exact(&mut greeting).unwrap();
        assert_eq!(greeting[0], 5, "SOCKS version");
        let mut methods = vec![0u8; usize::from(greeting[1])];
        s.read_exact(&mut methods).unwrap();
        s.write_all(&[5, 0]).unwrap();
        let mut head = [0u8; 4];
        s.read_exact(&mut head).unwrap();
        assert_eq!(&head[..3], &[5, 1, 0], "a CONNECT request");
        let address = match head[3] {
            1 => {
                let mut a = vec![0u8; 4];
                s.read_exact(&mut a).unwrap();
                a
            }
            3 => {
                let mut n = [0u8; 1];
                s.read_exact(&mut n).unwrap();
                let mut a = vec![0u8; usize::from(n[0])];
                s.read_exact(&mut a).unwrap();
                a
            }
            4 => {
                let mut a = vec![0u8; 16];
                s.read_exact(&mut a).unwrap();
                a
            }
            t => panic!("address type {t}"),
        };
        let mut port = [0u8; 2];
        s.read_exact(&mut port).unwrap();
        // "Host unreachable".
        let _ = s.write_all(&[5, 4, 0, 1, 0, 0, 0, 0, 0, 0]);
        (head[3], address, u16::from_be_bytes(port))
    })
}

#[test]
fn an_onion_address_is_looked_up_inside_tor_and_never_here() {
    let dir = scratch("transport");
    let photo = dir.join("photo.jpg");
    std::fs::copy(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo-photo.jpg"),
        &photo,
    )
    .unwrap();
    let submit = |proxy: Option<&str>| {
        let mut c = crate::server_live::submit(&format!("http://{ONION}"), &photo);
        if let Some(p) = proxy {
            c.args(["--proxy", p]);
        }
        c
    };

    // A proxy that would resolve the name here: refused before any
    // connection.
    for p in ["socks5://127.0.0.1:9", "http://127.0.0.1:9"] {
        fails(
            &mut submit(Some(p)),
            "needs Tor's SOCKS proxy as socks5h://",
        );
    }

    // socks5h: the proxy is handed the onion name itself (address type 3),
    // port 80.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let tor = fake_tor(listener);
    let err = fails(
        &mut submit(Some(&format!("socks5h://127.0.0.1:{port}"))),
        "cannot reach the Darkroom server",
    );
    assert!(err.contains("is Tor running?"), "{err}");
    let (kind, address, to_port) = tor.join().unwrap();
    assert_eq!(kind, 3, "a name, not an address resolved here");
    assert_eq!(String::from_utf8(address).unwrap(), ONION);
    assert_eq!(to_port, 80);
}

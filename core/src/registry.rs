//! The device registry: the public keys of trusted capture devices, and the
//! root of their Poseidon Merkle tree (depth 20), which proofs name.
//!
//! ```json
//! { "format": "darkroom-registry", "version": 1, "depth": 20,
//!   "root": "0x…", "devices": ["<packed public key, hex>", …] }
//! ```
//!
//! The file keeps the devices in leaf order and the root; reading it
//! rebuilds the tree and refuses a file whose root does not match.

use darkroom_circuits::babyjubjub::Point;
use darkroom_circuits::merkle::{self, Path, Tree};
use darkroom_circuits::{eddsa, field, Fr};
use serde::{Deserialize, Serialize};

use crate::Error;

const FORMAT: &str = "darkroom-registry";

/// A registry and its tree.
#[derive(Clone, Debug)]
pub struct Registry {
    devices: Vec<Point>,
    tree: Tree,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    format: String,
    version: u8,
    depth: usize,
    root: String,
    devices: Vec<String>,
}

fn bad(detail: impl Into<String>) -> Error {
    Error::Registry(detail.into())
}

impl Registry {
    /// Builds the registry over these devices, in order. Small-order keys
    /// and duplicates are refused.
    pub fn new(devices: Vec<Point>) -> Result<Self, Error> {
        let mut seen = std::collections::HashSet::new();
        for (i, d) in devices.iter().enumerate() {
            if darkroom_circuits::babyjubjub::has_small_order(d) {
                return Err(bad(format!("device {} has a small-order key", i + 1)));
            }
            if !seen.insert(darkroom_circuits::babyjubjub::pack(d)) {
                return Err(bad(format!("device {} is listed twice", i + 1)));
            }
        }
        let tree = Tree::new(devices.iter().map(merkle::leaf).collect())
            .map_err(|e| bad(e.to_string()))?;
        Ok(Registry { devices, tree })
    }

    /// Parses a device list: one packed public key (64 hex digits) a line;
    /// blank lines and `#` comments are ignored.
    pub fn from_device_list(text: &str) -> Result<Self, Error> {
        let mut devices = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let key = eddsa::public_key_from_hex(line)
                .map_err(|e| bad(format!("line {}: {e}", n + 1)))?;
            devices.push(key);
        }
        Registry::new(devices)
    }

    /// The Merkle root.
    pub fn root(&self) -> Fr {
        self.tree.root()
    }

    /// The devices, in leaf order.
    pub fn devices(&self) -> &[Point] {
        &self.devices
    }

    /// The membership path of `device`, if it is registered.
    pub fn path_of(&self, device: &Point) -> Option<Path> {
        let i = self.devices.iter().position(|d| d == device)?;
        self.tree.path(i)
    }

    /// The registry file.
    pub fn to_json(&self) -> String {
        let file = File {
            format: FORMAT.into(),
            version: 1,
            depth: merkle::DEPTH,
            root: field::to_hex(&self.root()),
            devices: self.devices.iter().map(eddsa::public_key_hex).collect(),
        };
        let mut out = serde_json::to_string_pretty(&file).unwrap_or_default();
        out.push('\n');
        out
    }

    /// Reads a registry file and checks its root.
    pub fn from_json(text: &str) -> Result<Self, Error> {
        let file: File = serde_json::from_str(text).map_err(|e| bad(format!("{e}")))?;
        if file.format != FORMAT || file.version != 1 {
            return Err(bad("not a version 1 Darkroom registry"));
        }
        if file.depth != merkle::DEPTH {
            return Err(bad(format!(
                "depth {} is not {}",
                file.depth,
                merkle::DEPTH
            )));
        }
        let root = field::from_hex(&file.root).map_err(|_| bad("bad root"))?;
        let devices = file
            .devices
            .iter()
            .enumerate()
            .map(|(i, d)| {
                eddsa::public_key_from_hex(d).map_err(|e| bad(format!("device {}: {e}", i + 1)))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let registry = Registry::new(devices)?;
        if registry.root() != root {
            return Err(bad("its root does not match its devices"));
        }
        Ok(registry)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use darkroom_circuits::eddsa::PrivateKey;

    #[test]
    fn builds_round_trips_and_refuses_tampering() {
        let keys: Vec<_> = (1..=3u8)
            .map(|i| PrivateKey::from_bytes([i; 32]).public())
            .collect();
        let list: String = keys
            .iter()
            .map(|k| format!("{}  # device\n\n", eddsa::public_key_hex(k)))
            .collect();
        let r = Registry::from_device_list(&list).unwrap();
        let back = Registry::from_json(&r.to_json()).unwrap();
        assert_eq!(back.root(), r.root());
        let path = r.path_of(&keys[2]).unwrap();
        assert_eq!(path.root(merkle::leaf(&keys[2])), r.root());

        let tampered = r.to_json().replacen(
            &eddsa::public_key_hex(&keys[0]),
            &eddsa::public_key_hex(&PrivateKey::from_bytes([9; 32]).public()),
            1,
        );
        assert!(Registry::from_json(&tampered).is_err());
        assert!(
            Registry::from_device_list(&format!("{list}{}", eddsa::public_key_hex(&keys[0])))
                .is_err()
        );
        assert!(Registry::from_device_list("zz").is_err());
        // The identity (0, 1): small order.
        let mut id = "01".to_string();
        id.push_str(&"00".repeat(31));
        assert!(Registry::from_device_list(&id).is_err());
    }
}

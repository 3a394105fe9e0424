//! The device registry's Poseidon Merkle trees. Both hold 2²⁰ (about a
//! million) devices:
//!
//! - [`BINARY`] (statement v1): depth 20, `node = Poseidon(left, right)`;
//! - [`QUATERNARY`] (statement v2): depth 10, `node = Poseidon(c0, c1, c2, c3)`,
//!   which halves the hashes a proof computes.
//!
//! A leaf is `Poseidon(A.x, A.y)` of a device's public key; an empty slot is
//! 0. A path lists, from the leaf's level up, the other children of each
//! node on the way (one per level in the binary tree, three in order in the
//! quaternary one). Its direction bits are the leaf's index, least
//! significant first: in the binary tree bit `i` is 1 when the node at level
//! `i` is a right child; in the quaternary tree bits `2i` and `2i + 1` give
//! the node's position (0 to 3) among its siblings at level `i`.

use crate::babyjubjub::Point;
use crate::{poseidon, Error, Fr};

/// A tree's shape: children per node and levels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Shape {
    /// Children per node: 2 or 4.
    pub arity: usize,
    /// Levels between the leaves and the root.
    pub depth: usize,
}

/// The v1 tree: binary, depth 20.
pub const BINARY: Shape = Shape {
    arity: 2,
    depth: 20,
};

/// The v2 tree: four children per node, depth 10.
pub const QUATERNARY: Shape = Shape {
    arity: 4,
    depth: 10,
};

/// The v1 tree's depth.
pub const DEPTH: usize = BINARY.depth;

/// The bits of a leaf's index, the same for both trees.
pub const INDEX_BITS: usize = 20;

/// The most leaves a tree holds.
pub const CAPACITY: usize = 1 << INDEX_BITS;

impl Shape {
    /// Index bits per level: 1 or 2.
    pub fn bits_per_level(&self) -> usize {
        self.arity.trailing_zeros() as usize
    }

    /// Siblings in a path: `depth · (arity − 1)`.
    pub fn path_len(&self) -> usize {
        self.depth * (self.arity - 1)
    }

    fn hash(&self, children: &[Fr]) -> Fr {
        debug_assert_eq!(children.len(), self.arity);
        match poseidon::hash(children) {
            Ok(h) => h,
            Err(_) => unreachable!("Poseidon(2) and Poseidon(4) are defined"),
        }
    }
}

/// A device's leaf, `Poseidon(A.x, A.y)`.
pub fn leaf(a: &Point) -> Fr {
    BINARY.hash(&[a.x, a.y])
}

/// A membership proof for one leaf.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Path {
    /// The tree it belongs to.
    pub shape: Shape,
    /// The other children of each node on the way, from the leaf's level
    /// up: `arity − 1` a level, in order.
    pub siblings: Vec<Fr>,
    /// The leaf's index; its bits are the path's direction bits.
    pub index: u32,
}

impl Path {
    /// Direction bit `i` (bit `i` of the leaf's index).
    pub fn direction(&self, i: usize) -> bool {
        (self.index >> i) & 1 == 1
    }

    /// The node's position among its siblings at `level`.
    fn position(&self, level: usize) -> usize {
        let bits = self.shape.bits_per_level();
        (self.index as usize >> (bits * level)) & (self.shape.arity - 1)
    }

    /// The root this path leads to from `leaf`.
    pub fn root(&self, leaf: Fr) -> Fr {
        let k = self.shape.arity - 1;
        let mut node = leaf;
        for level in 0..self.shape.depth {
            let mut children = self.siblings[level * k..(level + 1) * k].to_vec();
            children.insert(self.position(level), node);
            node = self.shape.hash(&children);
        }
        node
    }
}

/// A whole tree, every level kept (only the occupied part of each).
#[derive(Clone, Debug)]
pub struct Tree {
    shape: Shape,
    levels: Vec<Vec<Fr>>,
    empty: Vec<Fr>,
}

impl Tree {
    /// Builds the v1 (binary) tree over `leaves`, in order.
    pub fn new(leaves: Vec<Fr>) -> Result<Self, Error> {
        Tree::with_shape(BINARY, leaves)
    }

    /// Builds a tree of this shape over `leaves`, in order.
    pub fn with_shape(shape: Shape, leaves: Vec<Fr>) -> Result<Self, Error> {
        assert!(
            shape == BINARY || shape == QUATERNARY,
            "the statements use two tree shapes"
        );
        if leaves.len() > CAPACITY {
            return Err(Error::RegistryFull(leaves.len()));
        }
        let mut empty = vec![Fr::from(0u64)];
        for level in 0..shape.depth {
            empty.push(shape.hash(&vec![empty[level]; shape.arity]));
        }
        let mut levels = vec![leaves];
        for level in 0..shape.depth {
            let above = levels[level]
                .chunks(shape.arity)
                .map(|group| {
                    let mut children = group.to_vec();
                    children.resize(shape.arity, empty[level]);
                    shape.hash(&children)
                })
                .collect();
            levels.push(above);
        }
        Ok(Tree {
            shape,
            levels,
            empty,
        })
    }

    /// The tree's shape.
    pub fn shape(&self) -> Shape {
        self.shape
    }

    /// The root.
    pub fn root(&self) -> Fr {
        self.levels[self.shape.depth]
            .first()
            .copied()
            .unwrap_or(self.empty[self.shape.depth])
    }

    /// The leaves, in order.
    pub fn leaves(&self) -> &[Fr] {
        &self.levels[0]
    }

    /// The path from leaf `index`, if there is such a leaf.
    pub fn path(&self, index: usize) -> Option<Path> {
        if index >= self.levels[0].len() {
            return None;
        }
        let arity = self.shape.arity;
        let mut siblings = Vec::with_capacity(self.shape.path_len());
        let mut i = index;
        for level in 0..self.shape.depth {
            let first = i - i % arity;
            for j in (first..first + arity).filter(|&j| j != i) {
                siblings.push(
                    self.levels[level]
                        .get(j)
                        .copied()
                        .unwrap_or(self.empty[level]),
                );
            }
            i /= arity;
        }
        Some(Path {
            shape: self.shape,
            siblings,
            index: index as u32,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_lead_to_the_root() {
        for shape in [BINARY, QUATERNARY] {
            let leaves: Vec<Fr> = (1..=21u64).map(Fr::from).collect();
            let tree = Tree::with_shape(shape, leaves.clone()).unwrap();
            for (i, l) in leaves.iter().enumerate() {
                let path = tree.path(i).unwrap();
                assert_eq!(path.siblings.len(), shape.path_len());
                assert_eq!(path.root(*l), tree.root());
            }
            assert!(tree.path(21).is_none());
            for flip in [1, 2] {
                let mut wrong = tree.path(6).unwrap();
                wrong.index ^= flip;
                assert_ne!(wrong.root(leaves[6]), tree.root(), "{shape:?}");
            }
        }
    }

    #[test]
    fn quaternary_nodes_hash_four_children_in_order() {
        let leaves: Vec<Fr> = (1..=5u64).map(Fr::from).collect();
        let tree = Tree::with_shape(QUATERNARY, leaves.clone()).unwrap();
        let h = |c: &[Fr]| poseidon::hash(c).unwrap();
        let zero = Fr::from(0u64);
        let mut empty = vec![zero];
        for level in 0..10 {
            empty.push(h(&[empty[level]; 4]));
        }
        let mut n = h(&[
            h(&leaves[..4]),
            h(&[leaves[4], zero, zero, zero]),
            empty[1],
            empty[1],
        ]);
        for e in &empty[2..10] {
            n = h(&[n, *e, *e, *e]);
        }
        assert_eq!(tree.root(), n);
    }

    #[test]
    fn empty_tree_root_is_the_all_zero_root() {
        for shape in [BINARY, QUATERNARY] {
            let tree = Tree::with_shape(shape, vec![]).unwrap();
            let one = Tree::with_shape(shape, vec![Fr::from(0u64)]).unwrap();
            assert_eq!(tree.root(), one.root());
        }
    }
}

//! Size buckets: an envelope's plaintext is padded so its ciphertext tells
//! an observer the file's size only to within about 12%.
//!
//! The bucket is Padmé (Nikitin et al., "Reducing Metadata Leakage from
//! Encrypted Files and Communication with PURBs", PETS 2019): a length `L`
//! with `E = ⌊log₂ L⌋` is rounded up to a multiple of `2^(E − ⌊log₂ E⌋ − 1)`,
//! which keeps the overhead under 12% and leaks `O(log log L)` bits. Every
//! envelope is at least [`MIN_PADDED`] long, so all short messages and small
//! documents look alike.

/// The smallest padded plaintext: one age chunk (64 KiB).
pub const MIN_PADDED: u64 = 64 * 1024;

/// The padded length for a plaintext of `len` bytes.
pub fn padded_len(len: u64) -> u64 {
    if len <= MIN_PADDED {
        return MIN_PADDED;
    }
    let e = 63 - u64::from(len.leading_zeros()); // ⌊log₂ L⌋ ≥ 16
    let s = 64 - u64::from(e.leading_zeros()); // ⌊log₂ E⌋ + 1
    let mask = (1u64 << (e - s)) - 1;
    // Cannot overflow for any length an envelope can hold (< 2⁶³).
    (len + mask) & !mask
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padme_bounds() {
        assert_eq!(padded_len(0), MIN_PADDED);
        assert_eq!(padded_len(MIN_PADDED), MIN_PADDED);
        // 2^16 + 1: E = 16, S = 5, multiples of 2^11.
        assert_eq!(padded_len(MIN_PADDED + 1), MIN_PADDED + 2048);
        // 1 GB: E = 29, S = 5, multiples of 2^24.
        assert_eq!(padded_len(1_000_000_000), 1_006_632_960);
        for len in [70_000u64, 1 << 20, 12_345_678, 3 << 30, 1 << 40] {
            let p = padded_len(len);
            assert!(p >= len);
            assert!((p - len) as f64 <= 0.12 * len as f64, "{len} -> {p}");
            assert_eq!(padded_len(p), p, "a bucket size is its own bucket");
        }
    }
}

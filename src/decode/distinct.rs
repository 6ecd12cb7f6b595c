//! Finds the samples whose stack repeats an earlier sample's, so that each stack is built
//! into the tree once.
//!
//! Stacks repeat a lot: the Go runtime writes a heap sample per stack *and allocation
//! size*, and a CPU sample per stack and label set (on the large benchmark profile, 7
//! samples in 10 repeat a stack). Building the tree costs a hash lookup per location of
//! every stack it is given, so giving it each stack once does a third of the work there.
//!
//! A hash table keyed by stack would look up every sample at random, and on a large
//! profile nearly every one of those misses the cache and the TLB: that cost more than it
//! saved. Here every stack gets a 96-bit hash in one pass over the packed ids, the
//! (hash, sample) pairs are sorted by radix (in place by the top bits, then each bucket
//! apart: see `radix::sort_unstable`), and equal hashes are then next to each other. Two
//! stacks are taken as the same when their 96-bit hashes (which cover their lengths) are
//! equal; for different stacks that happens with a probability of about n² / 2⁹⁷ (3 ×
//! 10⁻¹⁷ for two million stacks). A profile's author could make it happen on purpose, but
//! could as well write the stacks they want shown.
//!
//! Distinct stacks are numbered in the order of their first samples. The tree builder
//! makes a node where a (parent, location) pair is first seen, and the first sample of
//! any pair is the first sample of its stack, so the tree comes out exactly as it would
//! from every sample.

use super::stack_ids::PackedIds;

/// The distinct stacks, in the order of their first samples.
pub struct Distinct {
    /// Where each distinct stack's packed ids start.
    pub at: Vec<u32>,
    pub depth: Vec<u32>,
    /// Each sample's distinct stack.
    pub stack_of: Vec<u32>,
}

/// A sample with its stack's hash: 64 bits in `hash` and 32 more in `more`, which
/// holds the sample's group once the samples are grouped.
#[derive(Clone, Copy, Default)]
struct Entry {
    hash: u64,
    sample: u32,
    more: u32,
}

/// Groups samples by stack; `depth[s]` is sample `s`'s number of locations, and its
/// packed ids follow those of sample `s - 1`. With `halves`, the two halves of the
/// samples are hashed at once (`par::join`).
pub fn distinct(ids: &PackedIds, depth: &[u32], halves: bool) -> Distinct {
    let n = depth.len();
    let width = ids.width;
    // where a sample's ids start: the sum of the depths before it (no column of them)
    let start_of = |first: usize| depth[..first].iter().map(|&d| d as usize).sum::<usize>() * width;
    let mut entries = vec![Entry::default(); n];
    let hash = |first: usize, out: &mut [Entry]| {
        let mut at = start_of(first);
        for (i, e) in out.iter_mut().enumerate() {
            let s = first + i;
            let len = depth[s] as usize * width;
            let [hash, more] = hash128(ids.bytes(at, len), depth[s]);
            *e = Entry { hash, sample: s as u32, more: more as u32 };
            at += len;
        }
    };
    if halves {
        let (a, b) = entries.split_at_mut(n / 2);
        crate::par::join(|| hash(0, a), || hash(n / 2, b));
    } else {
        hash(0, &mut entries);
    }
    crate::radix::sort_unstable(&mut entries, 32, |e| e.hash >> 32);
    // Runs of equal top bits are mostly one stack's samples (in no order: the sort is not
    // stable). Each group of equal hashes gets a number, and its earliest sample is its
    // head.
    let mut heads: Vec<u64> = Vec::new();
    let mut run = 0;
    while run < n {
        let top = entries[run].hash >> 32;
        let mut end = run + 1;
        while end < n && entries[end].hash >> 32 == top {
            end += 1;
        }
        let group = &mut entries[run..end];
        let key = |e: &Entry| (e.hash, e.more);
        if group.iter().any(|e| key(e) != key(&group[0])) {
            group.sort_unstable_by_key(|e| (key(e), e.sample));
        } else if let Some(earliest) = (0..group.len()).min_by_key(|&i| group[i].sample) {
            group.swap(0, earliest);
        }
        let mut last = None;
        for e in group {
            if last != Some(key(e)) {
                last = Some(key(e));
                heads.push((e.sample as u64) << 32 | heads.len() as u64);
            }
            e.more = heads.len() as u32 - 1;
        }
        run = end;
    }
    // Number the groups in the order of their heads. Each column is made once the one it
    // comes from is no longer needed, to keep the peak down.
    crate::radix::sort(&mut heads, 32, |h| h >> 32);
    let mut number = vec![0u32; heads.len()];
    let (mut at, mut depths) = (Vec::with_capacity(heads.len()), Vec::with_capacity(heads.len()));
    // the heads in sample order: each one's start is summed on the way
    let (mut sample, mut start) = (0usize, 0usize);
    for (i, &h) in heads.iter().enumerate() {
        let head = (h >> 32) as usize;
        start += depth[sample..head].iter().map(|&d| d as usize).sum::<usize>() * width;
        sample = head;
        number[h as u32 as usize] = i as u32;
        at.push(start as u32);
        depths.push(depth[head]);
    }
    drop(heads);
    let mut stack_of = vec![0; n];
    for e in &entries {
        stack_of[e.sample as usize] = number[e.more as usize];
    }
    Distinct { at, depth: depths, stack_of }
}

/// Two independent 64-bit hashes of a stack's packed bytes and its length.
fn hash128(bytes: &[u8], depth: u32) -> [u64; 2] {
    const K0: u64 = 0x9e37_79b9_7f4a_7c15;
    const K1: u64 = 0xc2b2_ae3d_27d4_eb4f;
    let (mut a, mut b) = (depth as u64 ^ K1, (depth as u64).rotate_left(32) ^ K0);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes(c.try_into().unwrap());
        a = (a ^ w).wrapping_mul(K0).rotate_left(29);
        b = (b ^ w).wrapping_mul(K1).rotate_left(31);
    }
    let mut tail = [0u8; 8];
    tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    let w = u64::from_le_bytes(tail);
    a = (a ^ w).wrapping_mul(K0);
    b = (b ^ w).wrapping_mul(K1);
    [fmix(a ^ b.rotate_left(17)), fmix(b ^ a.rotate_left(43))]
}

/// MurmurHash3's finalizer: every input bit affects every output bit.
fn fmix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_differ_by_length_and_content() {
        let h = |b: &[u8], d| hash128(b, d);
        assert_ne!(h(&[1, 2, 3], 3), h(&[1, 2, 3, 0], 4));
        assert_ne!(h(&[1, 2, 3], 3), h(&[1, 2, 4], 3));
        assert_eq!(h(&[9; 20], 20), h(&[9; 20], 20));
    }
}

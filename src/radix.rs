//! Radix sorts: the engine sorts millions of small items by integer keys (stack hashes,
//! netting keys) where a comparison sort or a hash table probed at random would miss the
//! cache on nearly every item. [`sort`] is an LSD sort: each pass reads the items in order
//! and writes them to 2048 places in order, into a buffer as large as the items.
//! [`sort_unstable`] first moves the items into 256 buckets in place, then sorts each
//! bucket the LSD way, with a buffer of the largest bucket's size.

/// Sorts `items` stably by the low `bits` bits of `key`, 11 bits a pass.
pub fn sort<T: Copy + Default>(items: &mut Vec<T>, bits: u32, key: impl Fn(&T) -> u64) {
    let mut to = vec![T::default(); items.len()];
    if sort_with(items, &mut to, bits, &key) {
        std::mem::swap(items, &mut to);
    }
}

/// [`sort`] of a slice, with `to` (as long as `items`) for the passes' output; true when
/// the sorted items are left in `to`.
fn sort_with<T: Copy>(items: &mut [T], to: &mut [T], bits: u32, key: &impl Fn(&T) -> u64) -> bool {
    const BITS: u32 = 11;
    let (mut from, mut into) = (items, to);
    let mut passes = 0;
    for shift in (0..bits).step_by(BITS as usize) {
        let digit = |t: &T| ((key(t) >> shift) & ((1 << BITS) - 1)) as usize;
        let mut count = vec![0usize; 1 << BITS];
        for t in from.iter() {
            count[digit(t)] += 1;
        }
        let mut sum = 0;
        for c in &mut count {
            sum += std::mem::replace(c, sum);
        }
        for t in from.iter() {
            let d = digit(t);
            into[count[d]] = *t;
            count[d] += 1;
        }
        std::mem::swap(&mut from, &mut into);
        passes += 1;
    }
    passes % 2 == 1
}

/// Sorts `items` by the low `bits` bits of `key`, not stably, with no buffer as large as
/// `items`: one pass on the top 8 bits moves each item into its bucket in place (American
/// flag sort), then each bucket is sorted by the rest with a buffer of its own size. Each
/// bucket then fits in the cache, and on the large profile the stack hashing's buffer of
/// 34 MB was the decode's peak.
pub fn sort_unstable<T: Copy + Default>(items: &mut [T], bits: u32, key: impl Fn(&T) -> u64) {
    const TOP: u32 = 8;
    if bits <= TOP {
        let mut to = vec![T::default(); items.len()];
        if sort_with(items, &mut to, bits, &key) {
            items.copy_from_slice(&to);
        }
        return;
    }
    let shift = bits - TOP;
    let digit = |t: &T| ((key(t) >> shift) & ((1 << TOP) - 1)) as usize;
    let mut end = [0usize; 1 << TOP];
    for t in items.iter() {
        end[digit(t)] += 1;
    }
    let mut sum = 0;
    for e in &mut end {
        sum += *e;
        *e = sum;
    }
    let start = |d: usize| if d == 0 { 0 } else { end[d - 1] };
    let mut next: Vec<usize> = (0..1 << TOP).map(start).collect();
    for d in 0..1 << TOP {
        while next[d] < end[d] {
            // the item at the bucket's next place goes to the next place of its own bucket
            let home = digit(&items[next[d]]);
            if home != d {
                items.swap(next[d], next[home]);
            }
            next[home] += 1;
        }
    }
    let largest = (0..1 << TOP).map(|d| end[d] - start(d)).max().unwrap_or(0);
    let mut to = vec![T::default(); largest];
    for d in 0..1 << TOP {
        let bucket = &mut items[start(d)..end[d]];
        let to = &mut to[..bucket.len()];
        if sort_with(bucket, to, shift, &key) {
            bucket.copy_from_slice(to);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn radix_sort_is_stable_and_ordered() {
        let mut items: Vec<(u64, usize)> =
            [5u64, 3, 5, 1 << 31, 3, 0, u32::MAX as u64].iter().copied().zip(0..).collect();
        sort(&mut items, 32, |&(k, _)| k);
        let order: Vec<usize> = items.iter().map(|&(_, i)| i).collect();
        assert_eq!(order, vec![5, 1, 4, 0, 2, 3, 6]);
    }

    /// The in-place sort orders as a comparison sort does, at every width of key (one pass
    /// of the rest or two, buckets empty or large), and keeps every item.
    #[test]
    fn the_in_place_sort_orders_every_item() {
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for (bits, n) in [(8, 1000), (12, 5000), (20, 20_000), (32, 50_000), (32, 3)] {
            let mut items: Vec<(u64, u32)> = (0..n).map(|i| (next() >> (64 - bits), i)).collect();
            // repeats too
            for i in (0..items.len()).step_by(7) {
                items[i].0 = items[0].0;
            }
            let mut want = items.clone();
            want.sort_unstable();
            sort_unstable(&mut items, bits, |&(k, _)| k);
            let keys: Vec<u64> = items.iter().map(|&(k, _)| k).collect();
            assert_eq!(keys, want.iter().map(|&(k, _)| k).collect::<Vec<_>>(), "{bits} bits");
            items.sort_unstable();
            assert_eq!(items, want, "{bits} bits: the same items");
        }
    }
}

//! An LSD radix sort: the engine sorts millions of small items by integer keys (stack
//! hashes, netting keys) where a comparison sort or a hash table probed at random would
//! miss the cache on nearly every item; each pass here reads the items in order and
//! writes them to 2048 places in order.

/// Sorts `items` stably by the low `bits` bits of `key`, 11 bits a pass.
pub fn sort<T: Copy + Default>(items: &mut Vec<T>, bits: u32, key: impl Fn(&T) -> u64) {
    const BITS: u32 = 11;
    let mut to = vec![T::default(); items.len()];
    for shift in (0..bits).step_by(BITS as usize) {
        let digit = |t: &T| ((key(t) >> shift) & ((1 << BITS) - 1)) as usize;
        let mut count = vec![0usize; 1 << BITS];
        for t in items.iter() {
            count[digit(t)] += 1;
        }
        let mut sum = 0;
        for c in &mut count {
            sum += std::mem::replace(c, sum);
        }
        for t in items.iter() {
            let d = digit(t);
            to[count[d]] = *t;
            count[d] += 1;
        }
        std::mem::swap(items, &mut to);
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
}

//! Big goroutine dumps for the benchmarks, made from the real blocks of the corpus's
//! debug=2 dump, repeated with new goroutine ids, argument values and wait minutes, and
//! some top-frame lines moved so the dump has a few hundred groups.

use std::path::{Path, PathBuf};

/// A dump of `goroutines` blocks made from the corpus's, at most `cap` bytes.
pub fn generate(goroutines: usize, cap: usize) -> Vec<u8> {
    let corpus = std::env::var_os("PROFLENS_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    let text = std::fs::read_to_string(corpus.join("go/goroutine_debug2.txt")).unwrap();
    let mut blocks: Vec<&str> = text.split("\n\n").filter(|b| !b.trim().is_empty()).collect();
    // One block per distinct stack (the first frame line tells them apart here).
    blocks.sort_by_key(|b| first_frame(b));
    blocks.dedup_by_key(|b| first_frame(b));
    let mut rng = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    // Blocks are drawn in proportion to their length to the power 1.5: a mix of short and deep
    // stacks of about 300 bytes per goroutine, as the 100k / 30 MB.
    let weights: Vec<usize> = blocks.iter().map(|b| (b.len() as f64).powf(1.5) as usize).collect();
    let sum: usize = weights.iter().sum();
    let mut out = String::with_capacity(goroutines * 320);
    for id in 1..=goroutines {
        let mut pick = next() as usize % sum;
        let i = weights.iter().position(|&w| pick < w || (pick -= w, false).1).unwrap_or(0);
        let block = blocks[i];
        let (header, body) = block.split_once('\n').unwrap_or((block, ""));
        let state = &header[header.find('[').unwrap() + 1..header.rfind(']').unwrap()];
        let state = state.split(", ").next().unwrap();
        let minutes = next() % 40;
        if minutes > 0 && state != "running" && state != "runnable" {
            out += &format!("goroutine {id} [{state}, {minutes} minutes]:\n");
        } else {
            out += &format!("goroutine {id} [{state}]:\n");
        }
        let moved = next() % 300;
        for (i, line) in body.lines().enumerate() {
            if i == 1 && moved < 100 {
                // Some goroutines sit on another line of the same function: a new group.
                if let Some((place, rest)) = line.rsplit_once(':') {
                    let n: u32 = rest.split(' ').next().unwrap_or("0").parse().unwrap_or(0);
                    out += &format!("{place}:{} +0x{:x}\n", n + moved as u32, next() % 4096);
                    continue;
                }
            }
            match line.find("(0x") {
                Some(at) if !line.starts_with('\t') => {
                    out += &format!(
                        "{}(0x{:x}{}\n",
                        &line[..at],
                        next() >> 20,
                        &line[at + 3..].trim_start_matches(|c: char| c.is_ascii_hexdigit())
                    );
                }
                _ => {
                    out += line;
                    out.push('\n');
                }
            }
        }
        out.push('\n');
        if out.len() >= cap {
            break;
        }
    }
    let mut bytes = out.into_bytes();
    bytes.truncate(cap);
    bytes
}

/// A block's first frame line.
fn first_frame(block: &str) -> &str {
    block.split_once('\n').map_or("", |(_, body)| body.lines().next().unwrap_or(""))
}

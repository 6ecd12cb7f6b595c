//! Reading files into the session: one at a time, or two at once on two threads (the two
//! sides of a diff, a trend's snapshots), each file then decoding on one thread. Two at
//! once cost about as much as the larger one, where one after the other cost the sum:
//! the inflate and the read of one file overlap on two threads only in part.

use super::{goroutines, Error, Result, Session};
use crate::decode::goroutines::dump_from_profile;
use crate::decode::{decode_any_owned, gzip, DecodeOptions, Decoded};
use crate::model::goroutines::Dump;
use crate::model::Profile;

/// A file decoded, before the session keeps it.
pub(super) enum Read {
    /// A file of several profiles (speedscope's), each with its own name.
    Several(Vec<(String, Profile)>),
    /// A profile, with its goroutine dump when it is one.
    One(Profile, Option<Dump>),
}

/// Decodes a file (no session state: it may run on another thread).
pub(super) fn read(bytes: Vec<u8>, opts: DecodeOptions) -> Result<Read> {
    if let Some(each) = crate::decode::speedscope::several(&bytes) {
        return each.map(Read::Several).map_err(|e| Error(e.to_string()));
    }
    Ok(match decode_any_owned(bytes, opts).map_err(|e| Error(e.to_string()))? {
        Decoded::Goroutines(d) => Read::One(d.to_profile(), Some(d)),
        Decoded::Profile(p) => {
            let d = dump_from_profile(&p);
            Read::One(p, d)
        }
    })
}

/// The bytes a file will take once inflated, as far as its gzip trailer tells.
fn raw_size(bytes: &[u8]) -> u64 {
    if gzip::is_gzip(bytes) {
        gzip::capacity_for(bytes, u64::MAX) as u64
    } else {
        bytes.len() as u64
    }
}

impl Session {
    /// Keeps what [`read`] made: a file of several profiles keeps each, named
    /// `FILE · PROFILE`, and answers the first id ([`Session::siblings`] names the others).
    pub(super) fn keep_read(&mut self, name: String, read: Result<Read>) -> Result<u32> {
        match read? {
            Read::Several(each) => {
                let ids: Vec<u32> = each
                    .into_iter()
                    .map(|(p, profile)| self.keep(format!("{name} · {p}"), profile, None))
                    .collect();
                self.siblings.insert(ids[0], ids[1..].to_vec());
                Ok(ids[0])
            }
            Read::One(profile, dump) => {
                let id = self.keep(name, profile, None);
                if let Some(d) = dump {
                    self.dumps.insert(id, goroutines::Held::new(d));
                }
                Ok(id)
            }
        }
    }

    /// Loads two files at once, as [`Session::load`] loads each: the second decodes on
    /// another thread where there is one (`crate::par::join`; in one thread, one after the
    /// other). `progress` follows the first. Each answer is that file's own: one file's
    /// error does not lose the other. When the two would not fit in memory together (by
    /// their gzip trailers), they load one after the other.
    pub fn load_two(
        &mut self,
        first: (String, Vec<u8>),
        second: (String, Vec<u8>),
        progress: &mut dyn FnMut(crate::Stage, f64),
    ) -> [Result<u32>; 2] {
        let limit = self.size_limit();
        let (a, b) = (raw_size(&first.1), raw_size(&second.1));
        if crate::par::threads() < 2 || a.saturating_add(b) > limit {
            let one = self.load(first.0, first.1, progress);
            let two = self.load(second.0, second.1, &mut |_, _| {});
            return [one, two];
        }
        // Each may take what the other leaves; one thread each, the machine has two.
        let (bytes_a, bytes_b) = (first.1, second.1);
        let (read_a, read_b) = crate::par::join(
            || {
                read(
                    bytes_a,
                    DecodeOptions { progress: Some(progress), max_decompressed: limit - b, threads: 1 },
                )
            },
            move || read(bytes_b, DecodeOptions { progress: None, max_decompressed: limit - a, threads: 1 }),
        );
        [self.keep_read(first.0, read_a), self.keep_read(second.0, read_b)]
    }
}

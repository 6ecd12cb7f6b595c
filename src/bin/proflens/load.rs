//! Reading the files named on the command line, as profiles or goroutine dumps.

use super::Failure;
use proflens::decode::goroutines::dump_from_profile;
use proflens::decode::{decode_any_owned, DecodeOptions, Decoded};
use proflens::model::goroutines::Dump;
use proflens::Profile;

/// Reads a file as a profile; a goroutine dump becomes its `goroutine/count` profile.
pub fn load(path: &str) -> Result<Profile, Failure> {
    load_any(path, 0).map(Decoded::into_profile)
}

/// Reads several files as profiles, two at a time on two threads (each decoding on one):
/// a diff or a trend then costs about as much as its largest file's share, not the sum.
pub fn load_all<'a>(paths: impl IntoIterator<Item = &'a str>) -> Result<Vec<Profile>, Failure> {
    let paths: Vec<&str> = paths.into_iter().collect();
    let mut out = Vec::with_capacity(paths.len());
    for pair in paths.chunks(2) {
        // a file read alone may build its stack tree on both threads
        let threads = if pair.len() == 1 { 0 } else { 1 };
        let loaded: Vec<_> = std::thread::scope(|scope| {
            let reads: Vec<_> = pair.iter().map(|&p| scope.spawn(move || load_any(p, threads))).collect();
            reads.into_iter().map(|r| r.join().expect("a decode thread does not panic")).collect()
        });
        for d in loaded {
            out.push(d?.into_profile());
        }
    }
    Ok(out)
}

/// Reads a goroutine dump in any of its forms (debug=2, debug=1, proto).
pub fn load_dump(path: &str) -> Result<Dump, Failure> {
    match load_any(path, 0)? {
        Decoded::Goroutines(d) => Ok(d),
        Decoded::Profile(p) => dump_from_profile(&p)
            .ok_or_else(|| Failure::Input(format!("{path}: not a goroutine dump or goroutine profile"))),
    }
}

/// Reads a file as whatever it is; `threads` as in [`DecodeOptions::threads`].
pub fn load_any(path: &str, threads: usize) -> Result<Decoded, Failure> {
    let data = std::fs::read(path).map_err(|e| Failure::Input(format!("{path}: {e}")))?;
    let opts = DecodeOptions { threads, ..Default::default() };
    decode_any_owned(data, opts).map_err(|e| Failure::Input(format!("{path}: {e}")))
}

/// A folder that `proflens watch` wrote stands for its files of the kind `cmd` reads,
/// in time order (their names are the kind, then the UTC time): the heap profiles for
/// `trend`, the goroutine dumps for `goroutines`, every file for `report`. Only visible
/// regular files count (not a file `watch` is still writing). Other arguments stay.
pub fn expand_dirs(cmd: &str, files: Vec<String>) -> Result<Vec<String>, Failure> {
    let Some((prefix, suffix)) = (match cmd {
        "trend" => Some(("heap_", ".pb.gz")),
        "goroutines" => Some(("goroutine_", ".txt")),
        "report" => Some(("", "")),
        _ => None,
    }) else {
        return Ok(files);
    };
    let mut out = Vec::with_capacity(files.len());
    for f in files {
        let Ok(entries) = std::fs::read_dir(&f) else {
            out.push(f);
            continue;
        };
        let mut names: Vec<String> = entries
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| !n.starts_with('.') && n.starts_with(prefix) && n.ends_with(suffix))
            .collect();
        if names.is_empty() {
            return Err(Failure::Input(format!(
                "{f}: a folder with no {prefix}*{suffix} files (as proflens watch writes)"
            )));
        }
        names.sort();
        out.extend(names.into_iter().map(|n| format!("{}/{n}", f.trim_end_matches('/'))));
    }
    Ok(out)
}

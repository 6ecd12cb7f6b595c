//! Frame naming at pprof's granularities. pprof builds one graph node per distinct
//! `NodeInfo`; its printable name is the node's identity in every report, so we key nodes
//! by that name, built exactly as pprof's `NodeInfo.NameComponents` builds it after
//! `Profile.Aggregate` has cleared the fields the granularity ignores.

use super::name_order::NameOrder;
use super::texts::Texts;
use crate::model::{Location, Profile, StrId, NONE};
use rustc_hash::{FxBuildHasher, FxHashMap};
use std::borrow::Cow;
use std::fmt::Write;
use std::hash::BuildHasher;
use std::sync::{Arc, OnceLock};

/// How finely frames are told apart, as pprof's `-granularity` (by its flag's name in
/// requests).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    /// One node per function name (pprof's default).
    #[default]
    Functions,
    /// One node per (function, file).
    FileFunctions,
    /// One node per source file.
    Files,
    /// One node per (function, file, line).
    Lines,
}

impl Granularity {
    pub fn parse(s: &str) -> Option<Granularity> {
        Some(match s {
            "functions" => Granularity::Functions,
            "filefunctions" => Granularity::FileFunctions,
            "files" => Granularity::Files,
            "lines" => Granularity::Lines,
            _ => return None,
        })
    }

    fn keeps_function(self) -> bool {
        self != Granularity::Files
    }

    fn keeps_file(self) -> bool {
        self != Granularity::Functions
    }

    fn keeps_line(self) -> bool {
        self == Granularity::Lines
    }
}

/// Every location expanded into frames, each frame a key into `names`.
pub struct FrameKeys {
    /// The printable name of each key (shared by keys derived from these: a filtered
    /// profile's view would otherwise copy tens of thousands of names).
    pub names: Arc<Texts>,
    /// A representative `file:line` for each key (first occurrence), for tooltips.
    pub places: Arc<Texts>,
    /// `frames[loc_start[l]..loc_start[l + 1]]` are location `l`'s frames, caller first.
    pub loc_start: Vec<u32>,
    pub frames: Vec<u32>,
    /// True for keys that appear as an inlined frame somewhere (not first in a location).
    pub maybe_inline: Vec<bool>,
    /// The keys ranked by name, made on first use (shared by keys derived from these).
    order: OnceLock<Arc<NameOrder>>,
}

impl FrameKeys {
    /// The keys of location `l`, caller first; frames after the first are inlined into
    /// the one before them.
    #[inline]
    pub fn of(&self, l: u32) -> &[u32] {
        &self.frames[self.loc_start[l as usize] as usize..self.loc_start[l as usize + 1] as usize]
    }

    /// The keys ranked by name.
    pub fn name_order(&self) -> &NameOrder {
        self.order.get_or_init(|| Arc::new(NameOrder::new(self)))
    }

    /// `lines_skip[l]` innermost lines of location `l` are left out (see `Prune`).
    pub fn build(p: &Profile, g: Granularity, lines_skip: &[u32]) -> FrameKeys {
        FrameKeys::build_hashing(p, g, lines_skip, |id| FxBuildHasher.hash_one(id))
    }

    /// [`FrameKeys::build`] with the hash that indexes the keys' identities (a test makes
    /// every identity collide).
    fn build_hashing(p: &Profile, g: Granularity, lines_skip: &[u32], hash: fn(&str) -> u64) -> FrameKeys {
        // about a key a function, or a line at the lines granularity: room for them all
        let n = if g.keeps_line() { p.lines.len() } else { p.functions.len() } + 1;
        let mut keys = FrameKeys::empty(p);
        keys.maybe_inline.reserve(n);
        let mut b = Builder {
            p,
            g,
            hash,
            index: FxHashMap::with_capacity_and_hasher(n, Default::default()),
            collided: FxHashMap::default(),
            identities: FxHashMap::default(),
            keys,
            names: Texts::with_capacity(n, n * 32),
            places: Texts::with_capacity(n, n * 48),
            clean: vec![Clean::Unknown; p.strings.len()],
        };
        // Names depend only on (function, line, and the binary when there is no name), so
        // most lines are resolved by this cache without building a string; a named function
        // at a granularity without lines (the default) by its index alone, without hashing.
        let cache_size = if g.keeps_line() { n } else { 0 };
        let mut cache: FxHashMap<(u32, i64, u32), u32> =
            FxHashMap::with_capacity_and_hasher(cache_size, Default::default());
        let mut by_function = vec![u32::MAX; p.functions.len()];
        let mut name = String::new();
        for (l, loc) in p.locations.iter().enumerate() {
            let skip = lines_skip.get(l).map_or(0, |&s| s as usize);
            let lines = &p.location_lines(loc)[skip..];
            if lines.is_empty() {
                name.clear();
                push_objfile(&mut name, p.location_objfile(loc));
                let id = identity(&name, 0, p.location_objfile(loc));
                let key = b.key(&name, id, None);
                b.push(key, false);
            }
            for (depth, ln) in lines.iter().rev().enumerate() {
                let named = ln.function != NONE
                    && g.keeps_function()
                    && !p.str(p.functions[ln.function as usize].name).is_empty();
                let line = if g.keeps_line() { ln.line } else { 0 };
                let binary = if named { NONE } else { loc.mapping };
                let alone = named && line == 0;
                let known = if alone {
                    Some(by_function[ln.function as usize]).filter(|&k| k != u32::MAX)
                } else {
                    cache.get(&(ln.function, line, binary)).copied()
                };
                let key = known.unwrap_or_else(|| {
                    name.clear();
                    let (id, place) = b.name_line(&mut name, loc, ln.function, ln.line);
                    let k = b.key(&name, id, place);
                    if alone {
                        by_function[ln.function as usize] = k;
                    } else {
                        cache.insert((ln.function, line, binary), k);
                    }
                    k
                });
                b.push(key, depth > 0);
            }
            b.keys.loc_start.push(b.keys.frames.len() as u32);
        }
        let Builder { mut keys, names, places, .. } = b;
        (keys.names, keys.places) = (Arc::new(names), Arc::new(places));
        keys
    }

    /// The keys of `p`, a profile a filter derived from `src` (the same functions, mappings,
    /// strings and locations, some locations with fewer lines), from `src`'s keys at the
    /// same granularity: naming every frame again is most of a view's cost, and a line's
    /// name depends only on the line and its location's binary, so each line keeps the key
    /// it has in `src`, found among its location's lines there. Key numbers stay those of
    /// `src` (a key no stack uses any more just has no rows).
    ///
    /// `None` when that cannot be done: a line `src` has no key for (below its
    /// `drop_frames` cut), or a location left with no lines that a stack still uses (its
    /// frame would be named after its binary).
    pub fn derive(
        p: &Profile,
        lines_skip: &[u32],
        src: &Profile,
        src_keys: &FrameKeys,
        src_skip: &[u32],
    ) -> Option<FrameKeys> {
        if p.locations.len() != src.locations.len()
            || p.functions != src.functions
            || p.mappings != src.mappings
        {
            return None;
        }
        let skip = |s: &[u32], l: usize| s.get(l).map_or(0, |&k| k as usize);
        let mut keys = FrameKeys::empty(p);
        let mut emptied = vec![false; p.locations.len()];
        for (l, (loc, src_loc)) in p.locations.iter().zip(&src.locations).enumerate() {
            let lines = p.location_lines(loc).get(skip(lines_skip, l)..)?;
            let src_lines = src.location_lines(src_loc).get(skip(src_skip, l)..)?;
            let src_frames = src_keys.of(l as u32);
            if lines.is_empty() {
                emptied[l] = true;
            } else if src_lines.len() != src_frames.len() {
                return None;
            }
            // caller first, as frames are stored; src's frames run the other way to its lines
            for ln in lines.iter().rev() {
                let j = src_lines.iter().position(|s| s == ln)?;
                keys.frames.push(src_frames[src_frames.len() - 1 - j]);
            }
            keys.loc_start.push(keys.frames.len() as u32);
        }
        if p.stacks.location.iter().any(|&l| emptied[l as usize]) {
            return None;
        }
        keys.names = src_keys.names.clone();
        keys.places = src_keys.places.clone();
        keys.maybe_inline = src_keys.maybe_inline.clone();
        keys.order = src_keys.order.clone();
        Some(keys)
    }

    fn empty(p: &Profile) -> FrameKeys {
        let mut loc_start = Vec::with_capacity(p.locations.len() + 1);
        loc_start.push(0);
        FrameKeys {
            names: Arc::default(),
            places: Arc::default(),
            loc_start,
            frames: Vec::with_capacity(p.lines.len() + p.locations.len()),
            maybe_inline: Vec::new(),
            order: OnceLock::new(),
        }
    }
}

struct Builder<'a> {
    p: &'a Profile,
    g: Granularity,
    hash: fn(&str) -> u64,
    /// Each key by a hash of its identity: no copy of each name is made to look it up.
    /// An identity whose hash another took first is kept whole in `collided`.
    index: FxHashMap<u64, u32>,
    collided: FxHashMap<String, u32>,
    /// The identities that are more than the name (see [`identity`]), by key.
    identities: FxHashMap<u32, String>,
    keys: FrameKeys,
    names: Texts,
    places: Texts,
    /// Per string: whether it is a clean path, once a function's file has asked (a file
    /// has many functions, and the check was a tenth of a view's time in wasm).
    clean: Vec<Clean>,
}

#[derive(Clone, Copy, PartialEq)]
enum Clean {
    Unknown,
    Yes,
    No,
}

/// What a line's node is known by (see [`Builder::name_line`]).
enum Identity {
    /// Its printed name.
    Name,
    /// More than the name (see [`identity`]).
    Owned(String),
}

/// A line's `file:line`, written only for a new key.
struct Place<'a> {
    file: Cow<'a, str>,
    line: i64,
}

impl<'a> Builder<'a> {
    /// Writes pprof's printable name of one line of `loc`; returns the node's identity
    /// and its `file:line` (`None` without a function).
    fn name_line(
        &mut self,
        out: &mut String,
        loc: &Location,
        function: u32,
        line: i64,
    ) -> (Identity, Option<Place<'a>>) {
        let p = self.p;
        let f = match p.functions.get(function as usize) {
            Some(f) if function != NONE => f,
            _ => {
                push_objfile(out, p.location_objfile(loc));
                return (identity(out, 0, p.location_objfile(loc)), None);
            }
        };
        let fname = if self.g.keeps_function() { p.str(f.name) } else { "" };
        let full_file = self.clean_file(f.file);
        let file = if self.g.keeps_file() { &*full_file } else { "" };
        let lineno = if self.g.keeps_line() { line } else { 0 };
        out.push_str(fname);
        let sep = if fname.is_empty() { "" } else { " " };
        if lineno != 0 {
            let _ = write!(out, "{sep}{file}:{lineno}");
        } else if !file.is_empty() {
            out.push_str(sep);
            out.push_str(file);
        } else if fname.is_empty() {
            push_objfile(out, p.location_objfile(loc));
        }
        let id = if fname.is_empty() {
            identity(out, f.start_line, p.location_objfile(loc))
        } else {
            Identity::Name
        };
        let place = (!full_file.is_empty()).then_some(Place { file: full_file, line });
        (id, place)
    }

    /// pprof's cleaned path of a function's file ([`clean_path`]), checked once per string.
    fn clean_file(&mut self, file: StrId) -> Cow<'a, str> {
        let path = self.p.str(file);
        let Some(known) = self.clean.get_mut(file.0 as usize) else { return clean_path(path) };
        if *known == Clean::Yes {
            return Cow::Borrowed(path);
        }
        let cleaned = clean_path(path);
        *known = if matches!(cleaned, Cow::Borrowed(_)) { Clean::Yes } else { Clean::No };
        cleaned
    }

    /// Appends a frame of `key` to the current location.
    fn push(&mut self, key: u32, inlined: bool) {
        if inlined {
            self.keys.maybe_inline[key as usize] = true;
        }
        self.keys.frames.push(key);
    }

    /// The key of a node, added on first sight.
    fn key(&mut self, name: &str, identity: Identity, place: Option<Place>) -> u32 {
        let id = match &identity {
            Identity::Name => name,
            Identity::Owned(s) => s.as_str(),
        };
        let hash = (self.hash)(id);
        let first = self.index.get(&hash).copied();
        if let Some(k) = first {
            if self.identity(k) == id {
                return k;
            }
            if let Some(&k) = self.collided.get(id) {
                return k;
            }
        }
        let k = self.names.len() as u32;
        self.names.push(name);
        match place {
            Some(Place { file, line }) => self.places.push_fmt(format_args!("{file}:{line}")),
            None => self.places.push(""),
        }
        self.keys.maybe_inline.push(false);
        match first {
            None => self.index.insert(hash, k),
            Some(_) => self.collided.insert(id.to_owned(), k),
        };
        if let Identity::Owned(s) = identity {
            self.identities.insert(k, s);
        }
        k
    }

    /// The identity of key `k`.
    fn identity(&self, k: u32) -> &str {
        self.identities.get(&k).map_or(&self.names[k as usize], String::as_str)
    }
}

/// pprof keys graph nodes by the whole `NodeInfo`, not by the printed name. When the
/// function name is absent (no function, or the `files` granularity cleared it), pprof
/// also records the binary and the function's start line, so rows with the same printed
/// name can stay apart. Returns that identity.
fn identity(name: &str, start_line: i64, objfile: &str) -> Identity {
    Identity::Owned(format!("{name}\u{0}{start_line}\u{0}{objfile}"))
}

/// pprof names a frame with no function after its binary: `[basename]`, or `<unknown>`.
fn push_objfile(out: &mut String, objfile: &str) {
    if objfile.is_empty() {
        out.push_str("<unknown>");
    } else {
        out.push('[');
        out.push_str(base_name(objfile));
        out.push(']');
    }
}

/// The last element of a slash-separated path, as Go's `filepath.Base`.
pub fn base_name(path: &str) -> &str {
    let trimmed = path.trim_end_matches('/');
    if trimmed.is_empty() {
        return if path.is_empty() { "." } else { "/" };
    }
    match trimmed.rfind('/') {
        Some(i) => &trimmed[i + 1..],
        None => trimmed,
    }
}

/// Lexical path clean-up, as Go's `filepath.Clean` (pprof cleans source file names).
/// Most paths in a profile are clean already, and are given back as they are: a view
/// names thousands of functions, and copying each path was a good part of it.
pub fn clean_path(path: &str) -> Cow<'_, str> {
    let body = path.strip_prefix('/').unwrap_or(path);
    let clean =
        |b: &[u8]| !b.is_empty() && b.split(|&c| c == b'/').all(|part| !matches!(part, b"" | b"." | b".."));
    if path.is_empty() || clean(body.as_bytes()) {
        return Cow::Borrowed(path);
    }
    let rooted = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => match parts.last() {
                Some(&last) if last != ".." => {
                    parts.pop();
                }
                _ if rooted => {}
                _ => parts.push(".."),
            },
            _ => parts.push(part),
        }
    }
    let joined = parts.join("/");
    Cow::Owned(match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".to_string(),
        (false, false) => joined,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_the_same_when_every_identity_shares_one_hash() {
        // a real Go heap profile: the site's example
        let p = crate::decode(include_bytes!("../../www/public/example/heap_t2.pb.gz")).unwrap();
        for g in [Granularity::Functions, Granularity::FileFunctions, Granularity::Files, Granularity::Lines]
        {
            let (a, b) = (FrameKeys::build(&p, g, &[]), FrameKeys::build_hashing(&p, g, &[], |_| 7));
            assert!(a.names.len() > 5, "{g:?}");
            assert_eq!((&a.names, &a.places, &a.loc_start), (&b.names, &b.places, &b.loc_start), "{g:?}");
            assert_eq!((&a.frames, &a.maybe_inline), (&b.frames, &b.maybe_inline), "{g:?}");
            // named functions: every name is a key of its own
            if g == Granularity::Functions {
                let distinct: std::collections::HashSet<&str> = a.names.iter().collect();
                assert_eq!(distinct.len(), a.names.len());
                assert!(a.names.len() > 10);
            }
        }
    }

    #[test]
    fn clean_path_matches_go() {
        assert_eq!(clean_path("a/./b/../c//d.go"), "a/c/d.go");
        assert_eq!(clean_path("/../x.go"), "/x.go");
        assert_eq!(clean_path("../x.go"), "../x.go");
        // Go's filepath.Clean on the edge cases the quick check must send to the full one
        assert_eq!(clean_path("/"), "/");
        assert_eq!(clean_path("."), ".");
        assert_eq!(clean_path("a/"), "a");
        assert_eq!(clean_path("a/."), "a");
        assert_eq!(clean_path("./a"), "a");
        assert_eq!(clean_path("//a"), "/a");
        assert_eq!(clean_path("a/b/.."), "a");
        // a clean path comes back as it is, not copied
        assert!(matches!(clean_path("/usr/lib/go/src/runtime/proc.go"), Cow::Borrowed(_)));
        assert!(matches!(clean_path("pkg/x.go"), Cow::Borrowed(_)));
        assert_eq!(base_name("/usr/local/bin/app"), "app");
        assert_eq!(base_name("app/"), "app");
    }
}

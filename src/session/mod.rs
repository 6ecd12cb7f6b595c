//! The application, natively: the profiles and goroutine dumps one page has loaded, the
//! profiles derived from them (filters, diffs) with their lineage, the percent base of a
//! filtered view, and one cache of costly results ([`cache`]). Every request the web app
//! makes is a method here, taking and returning typed structs (serde), so all of it is
//! tested with `cargo test`; `crate::wasm` only converts them to and from JS, and the CLI
//! runs its commands over the same methods.

use crate::decode::DecodeOptions;
use crate::model::Profile;
use crate::query::{Granularity, StackView};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

pub mod cache;
pub mod columns;
pub mod compare;
pub mod export;
pub mod filter;
pub mod findings;
pub mod flames;
pub mod goroutines;
pub mod labels;
mod loading;
pub mod navigate;
pub mod protocol;
pub mod summary;
pub mod tables;
pub mod typescript;

pub use columns::{Column, Names};

/// Why a request failed, in words for the user.
#[derive(Debug, Clone, PartialEq)]
pub struct Error(pub String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl From<String> for Error {
    fn from(s: String) -> Error {
        Error(s)
    }
}

pub type Result<T> = std::result::Result<T, Error>;

/// Shorthand for an error result.
fn fail<T>(msg: impl Into<String>) -> Result<T> {
    Err(Error(msg.into()))
}

/// A profile of the session: loaded from a file, or derived from others.
pub struct Loaded {
    pub name: String,
    pub profile: Profile,
    /// Stack views per granularity, built on first use.
    views: HashMap<Granularity, Rc<StackView>>,
    /// For a diff: its two profiles and their stack maps.
    diff: Option<compare::DiffOf>,
    /// For a filtered view: the profile it was filtered from, whose total stays the
    /// percent base (as in pprof).
    filtered_from: Option<u32>,
    /// A filtered view whose filters only dropped samples: it has the frames and the stack
    /// tree of `filtered_from`, so it shares that profile's stack views (see `view_from_source`).
    same_tree_as_source: bool,
    /// pprof's total per sample type, once asked for: the percent base of every profile
    /// filtered from this one, which each of their tables would otherwise sum again.
    totals: RefCell<HashMap<usize, i64>>,
}

#[derive(Default)]
pub struct Session {
    profiles: Vec<Option<Loaded>>,
    /// The first profile of a file that held several, and the others (see `load`).
    siblings: HashMap<u32, Vec<u32>>,
    /// Threads a decode may use: 0 for as many as pay (see `DecodeOptions::threads`).
    threads: usize,
    /// The most a file may decompress to, if lower than what memory allows.
    max_decompressed: Option<u64>,
    /// Goroutine dumps, by the id of their profile (see `goroutines`).
    dumps: HashMap<u32, goroutines::Held>,
    /// Flame trees and call tree values (see `cache`).
    cache: cache::Cache,
}

impl Session {
    pub fn new() -> Session {
        Session::default()
    }

    /// Sets the threads a decode may use; 0 (the default) lets the engine choose, and a
    /// number splits the work that many ways even where it would not pay, which is how
    /// the tests check that the parallel and the sequential paths agree.
    pub fn set_threads(&mut self, threads: usize) {
        self.threads = threads;
    }

    /// Lowers the size limit for files (bytes after decompression), e.g. for tests.
    pub fn set_max_decompressed(&mut self, bytes: u64) {
        self.max_decompressed = Some(bytes);
    }

    /// Decodes a profile (or goroutine dump) and keeps it; returns its id. Bad input is
    /// an error naming the problem. `progress(stage, fraction)` is called during long work.
    /// A file of several profiles (speedscope's) keeps each, named `FILE · PROFILE`: the
    /// first id is returned, and [`Session::siblings`] names the others.
    pub fn load(
        &mut self,
        name: String,
        bytes: Vec<u8>,
        progress: &mut dyn FnMut(crate::Stage, f64),
    ) -> Result<u32> {
        let opts = DecodeOptions {
            progress: Some(progress),
            max_decompressed: self.size_limit(),
            threads: self.threads,
        };
        let read = loading::read(bytes, opts);
        self.keep_read(name, read)
    }

    /// The other profiles that were loaded from the file of `id` (see [`Session::load`]).
    pub fn siblings(&self, id: u32) -> &[u32] {
        self.siblings.get(&id).map_or(&[], Vec::as_slice)
    }

    /// Keeps a profile made elsewhere (the CLI's diff of two files, say) and returns its id.
    pub fn insert(&mut self, name: String, profile: Profile) -> u32 {
        self.keep(name, profile, None)
    }

    /// The profile `id` and its stack view at granularity `g` (made once, then kept).
    pub fn stack_view(&mut self, id: u32, g: Granularity) -> Result<(Rc<StackView>, &Profile)> {
        let (view, l) = self.view(id, g)?;
        Ok((view, &l.profile))
    }

    /// Closes a profile and drops what was kept for it. Profiles derived from it stay; the
    /// two-sided views of a diff of it fail from then on.
    pub fn unload(&mut self, id: u32) {
        if let Some(slot) = self.profiles.get_mut(id as usize) {
            *slot = None;
        }
        self.dumps.remove(&id);
        self.siblings.remove(&id);
        self.cache.forget(id);
    }

    /// The size limit for the next file. wasm32 memory ends at 4 GiB and a failed
    /// allocation aborts the whole engine, losing every loaded profile; decoding needs about
    /// twice the raw size, so a file that cannot fit is refused up front with an error.
    fn size_limit(&self) -> u64 {
        let default = DecodeOptions::default().max_decompressed;
        #[cfg(target_arch = "wasm32")]
        let default = {
            const WASM32_MAX: u64 = 4 << 30;
            let used = core::arch::wasm32::memory_size(0) as u64 * 65536;
            default.min(WASM32_MAX.saturating_sub(used) * 2 / 5)
        };
        default.min(self.max_decompressed.unwrap_or(u64::MAX))
    }

    /// Keeps a profile (loaded or derived) and returns its id.
    fn keep(&mut self, name: String, profile: Profile, diff: Option<compare::DiffOf>) -> u32 {
        self.profiles.push(Some(Loaded {
            name,
            profile,
            views: HashMap::new(),
            diff,
            filtered_from: None,
            same_tree_as_source: false,
            totals: RefCell::default(),
        }));
        (self.profiles.len() - 1) as u32
    }

    /// A loaded or derived profile.
    pub fn get(&self, id: u32) -> Result<&Loaded> {
        match self.profiles.get(id as usize).and_then(Option::as_ref) {
            Some(l) => Ok(l),
            None => fail(format!("no profile with id {id}")),
        }
    }

    /// The view, profile and checked sample index that a query needs.
    fn query(
        &mut self,
        id: u32,
        sample_index: usize,
        g: Granularity,
    ) -> Result<(Rc<StackView>, &Profile, usize)> {
        let (view, l) = self.view(id, g)?;
        let index = check_index(&l.profile, sample_index)?;
        Ok((view, &l.profile, index))
    }

    /// The stack view of a profile whose samples will be read (a diff made as a tree is
    /// completed first, see [`Session::complete`]).
    fn view(&mut self, id: u32, g: Granularity) -> Result<(Rc<StackView>, &Loaded)> {
        self.complete(id)?;
        self.tree_view(id, g)
    }

    /// The stack views of profiles whose samples will be read, as [`Session::view`] makes
    /// each; those to be named afresh are made at once (`par::map`): naming every frame
    /// is most of a view's cost, and a trend asks for a view of each snapshot together.
    fn views(&mut self, ids: &[u32], g: Granularity) -> Result<Vec<Rc<StackView>>> {
        for &id in ids {
            self.complete(id)?;
        }
        let mut fresh: Vec<u32> = ids.iter().copied().filter(|&id| self.needs_own_view(id, g)).collect();
        fresh.sort_unstable();
        fresh.dedup();
        let profiles: Vec<&Profile> =
            fresh.iter().map(|&id| &self.profiles[id as usize].as_ref().unwrap().profile).collect();
        let made = crate::par::map(profiles, |p| StackView::new(p, g));
        for (id, view) in fresh.into_iter().zip(made) {
            self.profiles[id as usize].as_mut().unwrap().views.insert(g, Rc::new(view));
        }
        ids.iter().map(|&id| Ok(self.tree_view(id, g)?.0)).collect()
    }

    /// Whether profile `id` has no view at `g` and none to take its frame keys from (see
    /// [`Session::view_from_source`]); false for an id not loaded.
    fn needs_own_view(&self, id: u32, g: Granularity) -> bool {
        self.get(id).is_ok_and(|l| !l.views.contains_key(&g) && self.source_view(l, g).is_none())
    }

    /// The profile `l` was filtered from, and its view at `g`, if it has one.
    fn source_view(&self, l: &Loaded, g: Granularity) -> Option<(&Loaded, &Rc<StackView>)> {
        let source = self.get(l.filtered_from?).ok()?;
        Some((source, source.views.get(&g)?))
    }

    /// The stack view alone: for a diff's two-sided views, which do not read its samples.
    fn tree_view(&mut self, id: u32, g: Granularity) -> Result<(Rc<StackView>, &Loaded)> {
        let made = self.view_from_source(id, g);
        let Some(l) = self.profiles.get_mut(id as usize).and_then(Option::as_mut) else {
            return fail(format!("no profile with id {id}"));
        };
        let profile = &l.profile;
        let view = l
            .views
            .entry(g)
            .or_insert_with(|| Rc::new(made.unwrap_or_else(|| StackView::new(profile, g))))
            .clone();
        Ok((view, l))
    }

    /// For a filtered profile without a view at `g` yet, its view made from its source's
    /// view at `g`, if the source has one: shared whole when the filters only dropped
    /// samples (`StackView::sharing_keys`: applying a focus is then mostly the filter
    /// itself), else with the frame keys taken from it (`StackView::deriving_keys`: a hide
    /// does not name every frame again).
    fn view_from_source(&self, id: u32, g: Granularity) -> Option<StackView> {
        let l = self.get(id).ok()?;
        if l.views.contains_key(&g) {
            return None;
        }
        let (source, like) = self.source_view(l, g)?;
        Some(if l.same_tree_as_source {
            StackView::sharing_keys(&l.profile, like, true)
        } else {
            StackView::deriving_keys(&l.profile, &source.profile, like)
        })
    }

    /// The kept results' estimated bytes, for tests and memory reports.
    pub fn cached_bytes(&self) -> usize {
        self.cache.used()
    }

    /// How many results are kept.
    pub fn cached_results(&self) -> usize {
        self.cache.len()
    }

    /// Sets the cache's budget (see [`cache::BUDGET_BYTES`], the default), e.g. for tests.
    pub fn set_cache_budget(&mut self, bytes: usize) {
        self.cache = cache::Cache::with_budget(bytes);
    }
}

fn check_index(p: &Profile, sample_index: usize) -> Result<usize> {
    if sample_index < p.sample_types.len() {
        Ok(sample_index)
    } else {
        fail(format!("sample index {sample_index} out of range (the profile has {})", p.sample_types.len()))
    }
}

/// The unit of sample type `index`.
fn unit(p: &Profile, index: usize) -> String {
    p.str(p.sample_types[index].unit).to_string()
}

//! The profile a single-profile command reports on, held in a `Session` as the web app
//! holds it: the file (or the file diffed against `--base`/`--diff-base`, pprof's
//! semantics, see `query::diff`), and with filters the view derived from it, whose
//! percent base stays the unfiltered total (the session's rule, as in pprof).

use super::load::{load, load_all};
use super::options::Options;
use super::Failure;
use proflens::query::diff::{diff, DiffOptions};
use proflens::query::StackView;
use proflens::session::Session;
use proflens::Profile;
use std::rc::Rc;

pub struct Target {
    pub session: Session,
    /// The profile to report on: the filtered view, or the profile itself.
    pub id: u32,
    pub index: usize,
}

impl Target {
    pub fn open(opts: &Options) -> Result<Target, Failure> {
        Target::open_as(opts, false)
    }

    /// [`Target::open`] for a command that reads only a diff's delta (`top`): without
    /// filters or normalize, the diff is made in the session as pprof's merged tree,
    /// valued from its two sides, without summing their samples (see `Session::diff`).
    pub fn open_for_delta(opts: &Options) -> Result<Target, Failure> {
        Target::open_as(opts, true)
    }

    fn open_as(opts: &Options, delta_only: bool) -> Result<Target, Failure> {
        let mut session = Session::new();
        let file = opts.one_file()?;
        let source = match &opts.diff {
            Some((mode, base_file)) if delta_only && opts.filters.is_empty() && !opts.normalize => {
                let mut both = load_all([file, base_file.as_str()])?.into_iter();
                let target = session.insert(file.to_string(), both.next().expect("the file was loaded"));
                let base = session.insert(base_file.clone(), both.next().expect("the base was loaded"));
                session.diff(target, base, *mode, false).map_err(|e| Failure::Input(e.0))?
            }
            _ => session.insert(file.to_string(), load_view_target(opts)?),
        };
        let index = opts.sample_index(&session.get(source).expect("just kept").profile)?;
        let id = if opts.filters.is_empty() {
            source
        } else {
            session
                .filter_stages(source, std::slice::from_ref(&opts.filters))
                .map_err(|e| Failure::Input(e.0))?
        };
        Ok(Target { session, id, index })
    }

    /// The percent base of a filtered view (the total before the filters), else `None`.
    pub fn filtered_base(&self) -> Result<Option<i64>, Failure> {
        self.session.percent_base(self.id, self.index).map_err(|e| Failure::Input(e.0))
    }

    /// pprof's percent base: the total before the filters.
    pub fn percent_base(&mut self) -> Result<i64, Failure> {
        self.session.total(self.id, self.index).map_err(|e| Failure::Input(e.0))
    }

    /// The profile reported on and its stack view at the options' granularity.
    pub fn view(&mut self, opts: &Options) -> Result<(Rc<StackView>, &Profile), Failure> {
        self.session.stack_view(self.id, opts.granularity).map_err(|e| Failure::Input(e.0))
    }

    /// The profile reported on.
    pub fn profile(&self) -> &Profile {
        &self.session.get(self.id).expect("the target is loaded").profile
    }
}

/// The file, or the file diffed against `--base`/`--diff-base`.
fn load_view_target(opts: &Options) -> Result<Profile, Failure> {
    let file = opts.one_file()?;
    let Some((mode, base_file)) = &opts.diff else {
        if opts.normalize {
            return Err(Failure::Usage("--normalize needs --base or --diff-base".into()));
        }
        return load(file);
    };
    let mut both = load_all([file, base_file.as_str()])?.into_iter();
    let (p, base) = (both.next().expect("the file was loaded"), both.next().expect("the base was loaded"));
    diff(&p, &base, DiffOptions { mode: *mode, normalize: opts.normalize })
        .map_err(|e| Failure::Input(format!("{file} and {base_file}: {e}")))
}

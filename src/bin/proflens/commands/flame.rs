//! `proflens flame FILE -o OUT.svg`: the flame graph as SVG.

use crate::load::load_all;
use crate::options::Options;
use crate::Failure;
use proflens::query::diff::{diff_sides, diff_tree, DiffOptions};
use proflens::query::diff_view::{diff_flame, DiffInputs};
use proflens::query::StackView;
use proflens::report;

/// `proflens flame`: the flame graph as SVG; with a diff, the differential one (laid out
/// by the target, coloured by the change). Filters apply to each side before the diff,
/// which for pprof's per-sample filters is the same as after it.
pub fn run(opts: &Options) -> Result<(), Failure> {
    let path = opts.output.as_deref().ok_or_else(|| Failure::Usage("flame needs -o OUT.svg".into()))?;
    let file = opts.one_file()?;
    let base_file = opts.diff.as_ref().map(|(_, f)| f.as_str());
    let mut loaded = load_all(std::iter::once(file).chain(base_file))?.into_iter();
    let target = opts.filters.apply(&loaded.next().expect("the target was loaded")).into_owned();
    let loaded_base = loaded.next();
    let index = opts.sample_index(&target)?;
    let ty = target.str(target.sample_types[index].ty).to_string();
    let unit = target.str(target.sample_types[index].unit).to_string();
    let title = format!("{file}: {ty}");
    let svg_options = |diff| report::flame_svg::SvgOptions {
        title: &title,
        unit: &unit,
        width: 1200.0,
        highlight: opts.search.as_ref(),
        root: None,
        diff,
    };
    let svg = match &opts.diff {
        None => {
            let view = StackView::new(&target, opts.granularity);
            let g = proflens::query::flame::flame(&target, &view, index);
            report::flame_svg::render(&g, &view, &svg_options(None))
        }
        Some((mode, base_file)) => {
            let base = opts.filters.apply(&loaded_base.expect("the base was loaded")).into_owned();
            // the flame graph reads no merged sample: without normalize, the merged tree will do
            let d = if opts.normalize {
                diff_sides(&target, &base, DiffOptions { mode: *mode, normalize: true })
            } else {
                diff_tree(&target, &base, *mode)
            };
            let d = d.map_err(|e| Failure::Input(format!("{file} and {base_file}: {e}")))?;
            let view = StackView::new(&d.profile, opts.granularity);
            let inputs = DiffInputs { merged: &d.profile, sides: &d.sides, target: &target, base: &base };
            let f = diff_flame(&inputs, &view, index);
            report::flame_svg::render(&f.graph, &view, &svg_options(Some((&f.base[..], &f.target[..]))))
        }
    };
    std::fs::write(path, svg).map_err(|e| Failure::Input(format!("{path}: {e}")))
}

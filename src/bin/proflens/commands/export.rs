//! `proflens export FILE -o OUT.pb.gz`: the profile (diffed, filtered, redacted as asked)
//! as gzip'd profile.proto.

use crate::options::Options;
use crate::target::Target;
use crate::Failure;

pub fn run(opts: &Options) -> Result<(), Failure> {
    let mut target = Target::open(opts)?;
    let path = opts.output.as_deref().ok_or_else(|| Failure::Usage("export needs -o OUT.pb.gz".into()))?;
    let bytes =
        target.session.export_profile(target.id, opts.redaction.as_ref()).map_err(|e| Failure::Input(e.0))?;
    std::fs::write(path, bytes).map_err(|e| Failure::Input(format!("{path}: {e}")))
}

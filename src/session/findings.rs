//! The Findings tab's requests: the report of `proflens report` over profiles the page
//! has open (the same analysis and the same typed result as the CLI's JSON), and that
//! report as Markdown with the Export menu's redaction.

use super::{Error, Result, Session};
use crate::query::findings::{redacted, report, Member, Report, Source};
use crate::query::redact::Redaction;

impl Session {
    /// The report of `profiles` (and `after`, the run after a fix, when not empty). Files
    /// that seem to come from several programs are an error that names them; the page
    /// asks the user once and, if they are one, asks again with `same_program`.
    pub fn findings(&mut self, profiles: &[u32], after: &[u32], same_program: bool) -> Result<Report> {
        for &id in profiles.iter().chain(after) {
            self.complete(id)?;
        }
        let before = self.sources(profiles)?;
        let after = self.sources(after)?;
        report(&before, &after, same_program).map_err(|programs| {
            let list: Vec<String> =
                programs.iter().map(|(name, files)| format!("{name}: {}", files.join(", "))).collect();
            Error(format!("These files come from {} programs: {}.", programs.len(), list.join("; ")))
        })
    }

    /// [`Session::findings`] as Markdown, with names redacted as `how` says.
    pub fn findings_markdown(
        &mut self,
        profiles: &[u32],
        after: &[u32],
        same_program: bool,
        how: Option<&Redaction>,
    ) -> Result<String> {
        let r = self.findings(profiles, after, same_program)?;
        let r = match how {
            Some(how) => redacted(&r, how),
            None => r,
        };
        Ok(crate::report::findings::markdown(&r))
    }

    fn sources(&self, ids: &[u32]) -> Result<Vec<Source<'_>>> {
        ids.iter()
            .map(|&id| {
                let loaded = self.get(id)?;
                let member = match self.dumps.get(&id) {
                    Some(held) => Member::Dump(&held.dump),
                    None => Member::Profile(&loaded.profile),
                };
                Ok(Source { name: &loaded.name, member })
            })
            .collect()
    }
}

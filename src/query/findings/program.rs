//! One program: the files of a report must come from one program. Two profiles are of
//! one program when their main mappings (the first mapping with a file) have the same
//! build id or the same file name (a rebuilt binary keeps its name, so a before/after
//! pair of builds still matches). Goroutine dumps, and profiles without a mapping, have
//! neither: they are matched by the functions of the program's own code they share with
//! the profiles (or the files) already placed; functions every Go program has
//! (`main.main`, `main.init` and their closures) do not count. A file with no other own
//! function, or with nothing to compare against, cannot be told: it is kept, and the
//! report says so.

use super::is_own;
use crate::model::goroutines::Dump;
use crate::model::Profile;
use std::collections::BTreeSet;

/// A file to place: a profile or a goroutine dump.
#[derive(Clone, Copy)]
pub enum Member<'a> {
    Profile(&'a Profile),
    Dump(&'a Dump),
}

/// The program the files come from, and the files it could not tell.
#[derive(Debug, PartialEq)]
pub struct Program {
    pub name: String,
    pub unsure: Vec<String>,
}

/// Files of one program, when they are of more than one: its name and its files.
pub type Programs = Vec<(String, Vec<String>)>;

struct Group {
    name: String,
    build_ids: BTreeSet<String>,
    binaries: BTreeSet<String>,
    functions: BTreeSet<String>,
    files: Vec<String>,
}

/// The program of `files`, or the programs they are of when more than one.
pub fn one_program(files: &[(&str, Member)]) -> Result<Program, Programs> {
    let mut groups: Vec<Group> = Vec::new();
    let mut later = Vec::new();
    for (file, m) in files {
        let Member::Profile(p) = m else {
            later.push((*file, m));
            continue;
        };
        let Some((binary, build_id)) = main_mapping(p) else {
            later.push((*file, m));
            continue;
        };
        let at = groups.iter().position(|g| {
            (!build_id.is_empty() && g.build_ids.contains(&build_id)) || g.binaries.contains(&binary)
        });
        let g = match at {
            Some(at) => &mut groups[at],
            None => {
                groups.push(Group {
                    name: binary.clone(),
                    build_ids: BTreeSet::new(),
                    binaries: BTreeSet::new(),
                    functions: BTreeSet::new(),
                    files: Vec::new(),
                });
                groups.last_mut().expect("just pushed")
            }
        };
        if !build_id.is_empty() {
            g.build_ids.insert(build_id);
        }
        g.binaries.insert(binary);
        g.functions.extend(own_functions(m));
        g.files.push(file.to_string());
    }
    let mut unsure = Vec::new();
    for (file, m) in later {
        let mine = own_functions(m);
        let matching: Vec<usize> =
            (0..groups.len()).filter(|&i| !groups[i].functions.is_disjoint(&mine)).collect();
        match matching[..] {
            [i] => {
                groups[i].functions.extend(mine);
                groups[i].files.push(file.to_string());
            }
            [] if !mine.is_empty()
                && (groups.is_empty() || groups.iter().any(|g| !g.functions.is_empty())) =>
            {
                let name = if groups.is_empty() {
                    "the program".to_string()
                } else {
                    format!("the program of {file}")
                };
                groups.push(Group {
                    name,
                    build_ids: BTreeSet::new(),
                    binaries: BTreeSet::new(),
                    functions: mine,
                    files: vec![file.to_string()],
                });
            }
            _ => unsure.push(file.to_string()),
        }
    }
    if groups.len() > 1 {
        return Err(groups.into_iter().map(|g| (g.name, g.files)).collect());
    }
    let name = groups.pop().map_or_else(|| "the program".to_string(), |g| g.name);
    Ok(Program { name, unsure })
}

/// The main mapping's binary (its file's last path element) and build id.
fn main_mapping(p: &Profile) -> Option<(String, String)> {
    let m = p.mappings.iter().find(|m| !p.str(m.file).is_empty())?;
    let file = p.str(m.file);
    let binary = file.rsplit('/').next().unwrap_or(file).to_string();
    Some((binary, p.str(m.build_id).to_string()))
}

/// The program's own functions of a file, but for those every Go program has
/// (`main.main`, `main.init`, their closures), which tell nothing.
fn own_functions(m: &Member) -> BTreeSet<String> {
    let telling = |n: &&str| is_own(n) && !(n.starts_with("main.main") || n.starts_with("main.init"));
    match m {
        Member::Profile(p) => {
            p.functions.iter().map(|f| p.str(f.name)).filter(telling).map(str::to_string).collect()
        }
        Member::Dump(d) => {
            d.frames.function.iter().map(|&s| d.str(s)).filter(telling).map(str::to_string).collect()
        }
    }
}

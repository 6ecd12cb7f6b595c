//! `proflens open FILE|DIR... [--port N] [--no-browser] [--site DIR]`: the page,
//! from the terminal. It serves the site on 127.0.0.1 with the files to open,
//! under a random token, and the page opens them as if they had been dropped.
//!
//! The site is found at run time, not embedded: `--site`, `$PROFLENS_SITE`, a
//! `site/` folder beside the binary (or `../share/proflens/site`), else the
//! `dist/` of the checkout the binary was built from. Embedding would tie every
//! native build of the engine to a build of the site (any change to `dist/`
//! would rebuild the crate), and the site found here is the very build the
//! static site deploys.

use crate::http::server::{self, Reply};
use crate::Failure;
use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::path::{Path, PathBuf};

/// What `open` serves: the site, and the files given (a folder's files are listed
/// anew at each request, so a folder that `watch` fills shows each new snapshot).
pub struct Served {
    site: PathBuf,
    roots: Vec<PathBuf>,
    token: String,
}

/// The options `open` and `watch --open` share.
pub struct OpenOptions {
    pub port: u16,
    pub browser: bool,
    pub site: Option<String>,
}

pub fn run(args: &[String]) -> Result<(), Failure> {
    let mut opts = OpenOptions { port: 0, browser: true, site: None };
    let mut paths = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = || it.next().cloned().ok_or_else(|| Failure::Usage(format!("{a} needs a value")));
        match a.as_str() {
            "--port" => {
                let v = value()?;
                opts.port = v.parse().map_err(|_| Failure::Usage(format!("bad --port {v:?}")))?;
            }
            "--no-browser" => opts.browser = false,
            "--site" => opts.site = Some(value()?),
            f if f.starts_with('-') => return Err(Failure::Usage(format!("unknown option {f:?}"))),
            _ => paths.push(PathBuf::from(a)),
        }
    }
    if paths.is_empty() {
        return Err(Failure::Usage("open needs files or folders".into()));
    }
    for p in &paths {
        if !p.is_file() && !p.is_dir() {
            return Err(Failure::Input(format!("{}: no such file or folder", p.display())));
        }
    }
    serve(paths, &opts, false)
}

/// Serves `roots` and blocks; prints the URL and opens the browser unless told not to.
/// `follow`: the page reads the list again as files arrive (`watch --open`).
pub fn serve(roots: Vec<PathBuf>, opts: &OpenOptions, follow: bool) -> Result<(), Failure> {
    let served = Served { site: find_site(opts.site.as_deref())?, roots, token: token() };
    let listener = server::bind(opts.port)
        .map_err(|e| Failure::Input(format!("cannot listen on 127.0.0.1:{}: {e}", opts.port)))?;
    let port = listener.local_addr().map_err(|e| Failure::Input(e.to_string()))?.port();
    let url = format!(
        "http://127.0.0.1:{port}/{}/?open=files.json{}",
        served.token,
        if follow { "&follow=1" } else { "" }
    );
    println!("Proflens is serving {} on {url}  (Ctrl+C to stop)", describe(&served.roots));
    if opts.browser {
        open_browser(&url);
    }
    server::serve(listener, move |path| served.route(path));
    Ok(())
}

impl Served {
    /// `/<token>/` is the site, `/<token>/files.json` the list of files and
    /// `/<token>/files/<root>/<name>` one of them; anything else is not found.
    fn route(&self, path: &str) -> Reply {
        let Some(rest) = path.strip_prefix('/').and_then(|p| p.strip_prefix(self.token.as_str())) else {
            return Reply::not_found();
        };
        let Some(rest) = rest.strip_prefix('/') else { return Reply::not_found() };
        let Some(rest) = percent_decode(rest) else { return Reply::not_found() };
        if rest == "files.json" {
            return Reply::ok("application/json", self.listing().into_bytes());
        }
        if let Some(file) = rest.strip_prefix("files/") {
            return self.file(file).unwrap_or_else(Reply::not_found);
        }
        self.site_file(if rest.is_empty() { "index.html" } else { &rest }).unwrap_or_else(Reply::not_found)
    }

    /// Each root's files now, oldest first: `{"files":[{"name","url"}]}`.
    fn listing(&self) -> String {
        let mut files = Vec::new();
        for (i, root) in self.roots.iter().enumerate() {
            for (name, modified) in files_of(root) {
                files.push((modified, i, name));
            }
        }
        files.sort();
        let items: Vec<_> = files
            .into_iter()
            .map(|(_, i, name)| serde_json::json!({ "name": name, "url": format!("files/{i}/{}", percent_encode(&name)) }))
            .collect();
        serde_json::json!({ "files": items }).to_string()
    }

    /// `<root>/<name>`: a file that the listing names, and no other.
    fn file(&self, rest: &str) -> Option<Reply> {
        let (i, name) = rest.split_once('/')?;
        let root = self.roots.get(i.parse::<usize>().ok()?)?;
        files_of(root).into_iter().find(|(n, _)| n == name)?;
        let path = if root.is_dir() { root.join(name) } else { root.clone() };
        Some(Reply::ok("application/octet-stream", std::fs::read(path).ok()?))
    }

    fn site_file(&self, rel: &str) -> Option<Reply> {
        let safe = rel.split('/').all(|s| !s.is_empty() && s != "." && s != ".." && !s.contains('\\'));
        let path = self.site.join(rel);
        if !safe || !path.is_file() {
            return None;
        }
        Some(Reply::ok(server::content_type(rel), std::fs::read(path).ok()?))
    }
}

/// A root's files and their modification times: the file itself, or a folder's
/// regular files (not its sub-folders, links, hidden files or files being written).
fn files_of(root: &Path) -> Vec<(String, std::time::SystemTime)> {
    let time = |m: &std::fs::Metadata| m.modified().unwrap_or(std::time::UNIX_EPOCH);
    if root.is_file() {
        let name = root.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        return std::fs::metadata(root).map(|m| vec![(name, time(&m))]).unwrap_or_default();
    }
    let Ok(entries) = std::fs::read_dir(root) else { return Vec::new() };
    entries
        .flatten()
        .filter_map(|e| {
            let meta = e.metadata().ok()?; // of the entry itself: a link is not followed
            let name = e.file_name().into_string().ok()?;
            (meta.is_file() && !name.starts_with('.') && !name.ends_with(".part"))
                .then(|| (name, time(&meta)))
        })
        .collect()
}

fn describe(roots: &[PathBuf]) -> String {
    match roots {
        [one] => one.display().to_string(),
        _ => format!("{} files and folders", roots.len()),
    }
}

/// 128 bits from the OS's randomness (std's hash keys are seeded from it), as hex.
fn token() -> String {
    let word = || {
        let mut h = RandomState::new().build_hasher();
        h.write_u64(std::process::id() as u64);
        h.finish()
    };
    format!("{:016x}{:016x}", word(), word())
}

/// The site named by `--site` or `$PROFLENS_SITE` (only there), else the first of the
/// places a build or an install puts it.
fn find_site(given: Option<&str>) -> Result<PathBuf, Failure> {
    let exe_dir = std::env::current_exe().ok().and_then(|e| e.parent().map(Path::to_path_buf));
    let named = given.map(PathBuf::from).or_else(|| std::env::var_os("PROFLENS_SITE").map(PathBuf::from));
    let candidates: Vec<PathBuf> = match named {
        Some(dir) => vec![dir],
        None => [
            exe_dir.as_ref().map(|d| d.join("site")),
            exe_dir.as_ref().map(|d| d.join("../share/proflens/site")),
            Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("dist")),
        ]
        .into_iter()
        .flatten()
        .collect(),
    };
    if let Some(found) = candidates.iter().find(|d| d.join("index.html").is_file()) {
        return Ok(found.clone());
    }
    let looked: Vec<String> = candidates.iter().map(|d| d.display().to_string()).collect();
    Err(Failure::Input(format!(
        "the site is not built (no index.html in {}): run `npm run build` in {} (it writes dist/), or give --site DIR",
        looked.join(", "),
        env!("CARGO_MANIFEST_DIR")
    )))
}

fn open_browser(url: &str) {
    let (cmd, args): (&str, Vec<&str>) = if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else if cfg!(windows) {
        ("cmd", vec!["/C", "start", "", url])
    } else {
        ("xdg-open", vec![url])
    };
    if let Err(e) = std::process::Command::new(cmd).args(&args).spawn() {
        eprintln!("proflens: could not start {cmd} ({e}): open the URL above yourself");
    }
}

fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|c| match c {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (c as char).to_string(),
            _ => format!("%{c:02X}"),
        })
        .collect()
}

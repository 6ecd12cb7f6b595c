//! Files that `watch` keeps: each written whole under a name nobody has, never
//! over another file, so a snapshot taken is a snapshot kept.

use std::path::{Path, PathBuf};

/// Writes `bytes` as DIR/NAME, or NAME with `-1`, `-2`… before its extension if that
/// exists: first under a hidden temporary name, then renamed, so a reader never sees
/// a partial file.
pub fn write_new(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
    let (stem, ext) = name.split_once('.').unwrap_or((name, ""));
    for n in 0u32.. {
        let candidate = match n {
            0 => name.to_string(),
            _ => format!("{stem}-{n}.{ext}"),
        };
        let path = dir.join(&candidate);
        if path.exists() {
            continue;
        }
        let part = dir.join(format!(".{candidate}.part"));
        std::fs::write(&part, bytes)?;
        // a link fails where the name was taken meanwhile, where a rename would replace it
        match std::fs::hard_link(&part, &path) {
            Ok(()) => {
                std::fs::remove_file(&part)?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => std::fs::remove_file(&part)?,
            Err(_) => {
                std::fs::rename(&part, &path)?;
                return Ok(path);
            }
        }
    }
    unreachable!("some name is free")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_never_reused() {
        let dir = std::env::temp_dir().join(format!("proflens-write-new-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let a = write_new(&dir, "heap_x.pb.gz", b"one").unwrap();
        let b = write_new(&dir, "heap_x.pb.gz", b"two").unwrap();
        assert_eq!(b.file_name().unwrap(), "heap_x-1.pb.gz");
        assert_eq!(std::fs::read(&a).unwrap(), b"one");
        assert_eq!(std::fs::read(&b).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.file_name()).collect();
        assert_eq!(names.len(), 2, "no temporary file is left: {names:?}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

//! www/src/engine/generated.ts must be what the Rust types generate: a request or result
//! changed in Rust without regenerating fails here. Regenerate with
//! `PROFLENS_UPDATE_TS=1 cargo test --test protocol_ts`.

use proflens::session::typescript::typescript_file;
use std::path::Path;

#[test]
fn generated_protocol_types_are_fresh() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("www/src/engine/generated.ts");
    let want = typescript_file();
    if std::env::var_os("PROFLENS_UPDATE_TS").is_some() {
        std::fs::write(&path, &want).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "{} is stale (or missing): run PROFLENS_UPDATE_TS=1 cargo test --test protocol_ts",
        path.display()
    );
}

//! Says, when the crate is first built (as `cargo install --path .` does), whether the
//! site that `proflens open` serves has been built. `open` finds `dist/` at run time and
//! is not rebuilt when the site changes: this runs once, not at every site build.
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let dist = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("dist/index.html");
    let native = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|a| a != "wasm32");
    if native && !dist.is_file() {
        println!(
            "cargo:warning=the site is not built yet, so `proflens open` and `watch --open` will say so: \
             run `npm run build` (or `npm start`) in this checkout; the other commands work as they are"
        );
    }
}

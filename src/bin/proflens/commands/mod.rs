//! The subcommands that have their own flags (the others share `Options` in main.rs).

pub mod clock;
pub mod keep;
pub mod open;
pub mod report;
pub mod snapshot;
pub mod stop;
pub mod watch;

/// `s` after a count that is not one: "1 round", "3 rounds".
pub fn plural(n: u64) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

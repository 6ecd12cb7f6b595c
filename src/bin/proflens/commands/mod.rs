//! The subcommands that have their own flags (the others share `Options` in main.rs).

pub mod open;
pub mod snapshot;
pub mod watch;

//! One file per subcommand: the report commands take the shared `Options` (options.rs);
//! open and watch have flags of their own.

pub mod clock;
pub mod export;
pub mod flame;
pub mod folded;
pub mod goroutines;
pub mod info;
pub mod keep;
pub mod open;
pub mod peek;
pub mod report;
pub mod snapshot;
pub mod stop;
pub mod tags;
pub mod top;
pub mod trend;
pub mod watch;

pub use proflens::units::plural;

//! One file per subcommand; each takes the parsed options and writes its report.

pub mod export;
pub mod flame;
pub mod folded;
pub mod goroutines;
pub mod info;
pub mod peek;
pub mod tags;
pub mod top;
pub mod trend;

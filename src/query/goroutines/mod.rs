//! Goroutine dumps: groups of goroutines in one place and state, the normalized state for
//! filtering, and comparisons of two or more dumps. The definitions are in each module
//! and in the README ("Goroutine dumps").

mod align;
mod diff;
mod group;
mod series;
mod state;
mod waits;
mod wrapper;

pub use align::{align, Aligned, Grouped};
pub use diff::{diff, GroupDiff};
pub use group::{group, Group, LabelCount, StartedBy, WaitStats};
pub use series::{series, SeriesRow};
pub use state::{normalized_state, UNKNOWN};
pub use waits::{states_of, wait_histogram, WAIT_BUCKETS, WAIT_LABELS};
pub use wrapper::is_wrapper;

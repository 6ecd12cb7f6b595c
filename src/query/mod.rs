//! Pure functions from profiles to derived views. Nothing here changes a profile.

pub mod calltree;
pub mod calltree_view;
pub mod diff;
pub mod diff_delta;
pub mod diff_view;
pub mod filter;
pub mod findings;
pub mod flame;
pub mod folded;
pub mod function_lines;
pub mod go_code;
pub mod goroutines;
pub mod granularity;
pub mod kind;
mod location_index;
pub mod merge;
mod merge_stacks;
mod merge_tables;
mod name_order;
pub mod peek;
pub mod prune;
pub mod redact;
pub mod sandwich;
pub mod tag_numbers;
pub mod tags;
pub mod texts;
pub mod top;
pub mod trend;
pub mod values;
pub mod view;
pub mod walk;

pub use granularity::Granularity;
pub use top::{top, InlineMark, SortOrder, Top, TopRow};
pub use view::StackView;

//! The program's own code: the rule lives in `query::go_code`, which the goroutine groups
//! read too.

pub use crate::query::go_code::is_own;

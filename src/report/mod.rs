//! Text, JSON, CSV and Markdown renderings of query results, for the CLI (and the page's
//! exports, which the engine writes too).

pub mod escape;
pub mod findings;
pub mod flame_svg;
pub mod folded_text;
pub mod goroutines_json;
pub mod goroutines_series;
pub mod goroutines_text;
pub mod header;
pub mod info;
pub mod json;
pub mod memstats;
pub mod peek_text;
pub mod table;
pub mod tags_text;
pub mod top_text;
pub mod trend;

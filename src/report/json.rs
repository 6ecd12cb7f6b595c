//! JSON renderings for the CLI. Values stay raw integers in the sample type's unit.

use crate::model::Profile;
use crate::query::{StackView, Top};
use serde::Serialize;

#[derive(Serialize)]
pub(crate) struct SampleType<'a> {
    #[serde(rename = "type")]
    pub ty: &'a str,
    pub unit: &'a str,
}

#[derive(Serialize)]
struct Row<'a> {
    name: &'a str,
    flat: i64,
    cum: i64,
    #[serde(skip_serializing_if = "str::is_empty")]
    inline: &'static str,
}

#[derive(Serialize)]
struct TopJson<'a> {
    sample_type: SampleType<'a>,
    total: i64,
    rows: Vec<Row<'a>>,
}

/// `{"sample_type":{"type":..,"unit":..},"total":N,"rows":[{"name","flat","cum","inline"?}]}`
pub fn top(p: &Profile, view: &StackView, top: &Top) -> String {
    let st = p.sample_types[top.sample_index];
    let doc = TopJson {
        sample_type: SampleType { ty: p.str(st.ty), unit: p.str(st.unit) },
        total: top.total,
        rows: top
            .rows
            .iter()
            .map(|r| Row { name: view.name(r.key), flat: r.flat, cum: r.cum, inline: r.inline.label() })
            .collect(),
    };
    serde_json::to_string(&doc).expect("plain data always serializes")
}

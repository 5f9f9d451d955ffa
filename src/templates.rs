//! The Typst templates, compiled into the binary: one per document and the
//! shared layout module that holds the decree's rules.

/// Every template as (virtual path, source).
pub const FILES: &[(&str, &str)] = &[
    ("/layout.typ", include_str!("../templates/layout.typ")),
    ("/dispatch.typ", include_str!("../templates/dispatch.typ")),
];

/// The templates a document can be rendered with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Template {
    Dispatch,
}

impl Template {
    pub fn path(self) -> &'static str {
        match self {
            Self::Dispatch => "/dispatch.typ",
        }
    }
}

/// Where a template finds its data, as a typed JSON value.
pub const DATA_PATH: &str = "/data.json";

//! The Typst templates, compiled into the binary: one module per document
//! and the shared layout module that holds the decree's rules.
//!
//! Each document module exports `render(data)`. What Typst compiles is a
//! fixed two-line entry file that imports it and hands it the data, so the
//! modules can import each other (the dispatch prints the report form as its
//! appendix) and no data is ever spliced into source.

macro_rules! entry {
    ($module:literal) => {
        concat!("#import \"", $module, "\": render\n#render(json(\"/data.json\"))\n")
    };
}

/// Every template module as (virtual path, source).
pub const FILES: &[(&str, &str)] = &[
    ("/layout.typ", include_str!("../templates/layout.typ")),
    ("/dispatch.typ", include_str!("../templates/dispatch.typ")),
    ("/report.typ", include_str!("../templates/report.typ")),
    ("/guide.typ", include_str!("../templates/guide.typ")),
    ("/flyer.typ", include_str!("../templates/flyer.typ")),
    ("/summary.typ", include_str!("../templates/summary.typ")),
    (Template::Dispatch.entry(), entry!("/dispatch.typ")),
    (Template::Report.entry(), entry!("/report.typ")),
    (Template::Guide.entry(), entry!("/guide.typ")),
    (Template::Flyer.entry(), entry!("/flyer.typ")),
    (Template::Summary.entry(), entry!("/summary.typ")),
];

/// Where a template finds its data, as a typed JSON value.
pub const DATA_PATH: &str = "/data.json";

/// The documents a template can render.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Template {
    Dispatch,
    Report,
    Guide,
    Flyer,
    Summary,
}

impl Template {
    /// The entry file Typst compiles for this document.
    pub const fn entry(self) -> &'static str {
        match self {
            Self::Dispatch => "/main-dispatch.typ",
            Self::Report => "/main-report.typ",
            Self::Guide => "/main-guide.typ",
            Self::Flyer => "/main-flyer.typ",
            Self::Summary => "/main-summary.typ",
        }
    }
}

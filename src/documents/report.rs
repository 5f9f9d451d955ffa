//! The Phụ lục 01 report form: blank for a unit to fill by hand, or filled
//! from a unit's monthly numbers, checked and totalled.

use chrono::NaiveDate;
use serde::Serialize;
use typst_layout::PagedDocument;

use super::Renderer;
use super::dispatch::citation;
use super::parts::{HeaderView, SignatureView, dash_list};
use crate::error::Result;
use crate::model::{Dispatch, Report, Unit, Units};
use crate::render::{self, PdfMeta};
use crate::templates::Template;
use crate::vietnamese;

/// Blanks on a paper form, as dotted leaders: for a name, a code, a day or month.
const NAME_BLANK: &str = "....................";
const CODE_BLANK: &str = ".....";
const DATE_BLANK: &str = "......";

/// What a form needs besides its unit: the units file and the dispatch it answers.
#[derive(Clone, Copy)]
pub struct FormContext<'a> {
    pub units: &'a Units,
    pub dispatch: &'a Dispatch,
}

/// One form, as report.typ prints it.
#[derive(Debug, Serialize)]
pub struct FormView {
    header: HeaderView,
    subject: String,
    reference: String,
    intro: String,
    rows: Vec<RowView>,
    totals: Option<RowView>,
    /// "Tỷ lệ đã cài đặt: …" under the table of a filled report.
    share: Option<String>,
    notes: Option<String>,
    /// A blank form gets empty rows down to the foot of its page.
    blank: bool,
    signature: SignatureView,
}

#[derive(Debug, Serialize)]
struct RowView {
    number: String,
    name: String,
    total: String,
    installed: String,
    not_installed: String,
    reason: String,
}

impl<'a> FormContext<'a> {
    /// The blank form, for one unit or (None) for any unit.
    pub fn blank(self, unit: Option<&Unit>) -> FormView {
        let dispatch = self.dispatch;
        let name = unit.map_or(NAME_BLANK.to_owned(), |unit| unit.name.to_string());
        let code = unit.map_or(CODE_BLANK, |unit| unit.code.get_ref().as_str());
        let parent = unit.map_or(&self.units.parent, |unit| self.units.parent(unit));
        let place_date = format!(
            "{}, ngày {DATE_BLANK} tháng {DATE_BLANK} năm {}",
            dispatch.place,
            chrono::Datelike::year(&dispatch.date.0)
        );
        FormView {
            header: HeaderView {
                parent: Some(parent.as_str().to_uppercase()),
                issuer: vec![format!("ĐƠN VỊ: {}", name.to_uppercase())],
                number: vietnamese::number_and_symbol(None, &format!("BC-{code}")),
                place_date,
            },
            subject: self.units.report.subject.to_string(),
            reference: self.reference(),
            intro: self.intro(&name, None),
            rows: Vec::new(),
            totals: None,
            share: None,
            notes: None,
            blank: true,
            signature: self.signature(unit, None),
        }
    }

    /// A unit's report, filled in. The report was checked against the units.
    pub fn filled(self, report: &Report) -> FormView {
        let unit = self.units.find(&report.unit).expect("a checked report names a known unit");
        let month = report.month;
        let rows = report
            .rows
            .iter()
            .enumerate()
            .map(|(i, row)| {
                RowView {
                    number: (i + 1).to_string(),
                    name: row.name.to_string(),
                    total: vietnamese::count(row.total.into()),
                    installed: vietnamese::count(row.installed.into()),
                    not_installed: vietnamese::count(row.not_installed().into()),
                    reason: row.reason.as_ref().map(ToString::to_string).unwrap_or_default(),
                }
            })
            .collect();
        let (total, installed, not_installed) = report.totals();
        FormView {
            header: HeaderView {
                parent: Some(self.units.parent(unit).as_str().to_uppercase()),
                issuer: vec![format!("ĐƠN VỊ: {}", unit.name.as_str().to_uppercase())],
                number: vietnamese::number_and_symbol(
                    report.number.map(|n| n.0),
                    &format!("BC-{}", unit.code.get_ref().as_str()),
                ),
                place_date: vietnamese::place_and_date(self.dispatch.place.as_str(), report.date.0),
            },
            subject: self.units.report.subject.to_string(),
            reference: self.reference(),
            intro: self.intro(unit.name.as_str(), Some(&month.words())),
            rows,
            totals: Some(RowView {
                number: String::new(),
                name: "Tổng cộng".into(),
                total: vietnamese::count(total),
                installed: vietnamese::count(installed),
                not_installed: vietnamese::count(not_installed),
                reason: String::new(),
            }),
            share: Some(format!(
                "Tỷ lệ đã cài đặt: {} ({} trên {} người).",
                vietnamese::percent(installed, total),
                vietnamese::count(installed),
                vietnamese::count(total)
            )),
            notes: report.notes.as_ref().map(ToString::to_string),
            blank: false,
            signature: self.signature(Some(unit), report.signer.as_ref().map(ToString::to_string)),
        }
    }

    /// "Thực hiện Công văn số 769/UBND-VHXH ngày … về việc …."
    fn reference(self) -> String {
        let subject = self.dispatch.subject.as_str().split_whitespace().collect::<Vec<_>>().join(" ");
        format!("Thực hiện {} về việc {subject}.", citation(self.dispatch))
    }

    fn intro(self, unit: &str, month: Option<&str>) -> String {
        let subject = self.units.report.subject.as_str();
        let topic = subject.strip_prefix("Việc ").unwrap_or(subject);
        let month = month.map(|m| format!(" {m}")).unwrap_or_default();
        format!("Đơn vị {unit} báo cáo triển khai {topic}{month}, kết quả cụ thể như sau:")
    }

    fn signature(self, unit: Option<&Unit>, name: Option<String>) -> SignatureView {
        let head = unit.map_or("THỦ TRƯỞNG CƠ QUAN".to_owned(), |unit| unit.head.as_str().to_uppercase());
        SignatureView {
            title: vec![head],
            note: Some("(Ký tên, đóng dấu)".into()),
            name,
            distribution: dash_list(&self.units.report.distribution),
            signature_image: None,
            seal_image: None,
            seal_mm: 0.0,
        }
    }
}

/// Everything report.typ prints: one form or many, each paged on its own.
#[derive(Debug, Serialize)]
pub struct ReportDocument {
    fonts: Vec<String>,
    #[serde(skip)]
    title: String,
    /// The PDF's timestamps: the report's date, or the dispatch's for blank forms.
    #[serde(skip)]
    date: NaiveDate,
    forms: Vec<FormView>,
    /// The signing line of a form issued as its own signed file.
    signed: Option<Vec<String>>,
}

impl ReportDocument {
    pub fn new(renderer: &Renderer, title: String, date: NaiveDate, forms: Vec<FormView>) -> Self {
        Self { fonts: renderer.families().to_vec(), title, date, forms, signed: None }
    }

    /// Prints the signing line (see `parts::signed_line`) on each form.
    pub fn signed(mut self, line: Option<Vec<String>>) -> Self {
        self.signed = line;
        self
    }

    pub fn layout(&self, renderer: &Renderer) -> Result<PagedDocument> {
        render::compile(&renderer.engine, Template::Report, self, &[])
    }

    /// What the PDF says about itself; `ident` names it.
    pub fn meta<'a>(&'a self, ident: &'a str) -> PdfMeta<'a> {
        PdfMeta { ident, title: &self.title, date: self.date, tagged: self.forms.iter().any(|form| !form.blank) }
    }

    /// The PDF, named `ident` inside the file.
    pub fn render(&self, renderer: &Renderer, ident: &str) -> Result<Vec<u8>> {
        render::pdf(self.layout(renderer)?, &self.meta(ident), renderer.pdf)
    }
}

//! The Phụ lục 01 report form: blank for a unit to fill by hand, or filled
//! from a unit's monthly numbers, checked and totalled.

use chrono::NaiveDate;
use serde::Serialize;
use typst_layout::PagedDocument;

pub mod workbook;

use super::Renderer;
use super::dispatch::citation;
use super::parts::{HeaderView, NATION, SignatureView, dash_list};
use crate::error::Result;
use crate::model::{Dispatch, Report, Unit, Units};
use crate::pdf::form_fields;
use crate::render::{self, PdfMeta};
use crate::templates::Template;
use crate::vietnamese;

/// Blanks on a paper form, as dotted leaders: for a name, a code, a day or month.
const NAME_BLANK: &str = "....................";
const CODE_BLANK: &str = ".....";
const DATE_BLANK: &str = "......";
const YEAR_BLANK: &str = "..........";

/// The form's table head, as the PDF and the workbook print it: each
/// heading as the lines it breaks into ("Chưa | cài đặt", never inside
/// "cài đặt"); `counts` stands over total, installed and not installed.
#[derive(Debug, Serialize)]
pub struct TableHeads {
    pub number: &'static [&'static str],
    pub name: &'static [&'static str],
    pub counts: &'static [&'static str],
    pub total: &'static [&'static str],
    pub installed: &'static [&'static str],
    pub not_installed: &'static [&'static str],
    pub reason: &'static [&'static str],
}

pub const HEADS: TableHeads = TableHeads {
    number: &["Stt"],
    name: &["Tên đơn vị"],
    counts: &["Số lượng"],
    total: &["Tổng số"],
    installed: &["Đã", "cài đặt"],
    not_installed: &["Chưa", "cài đặt"],
    reason: &["Lý do chưa", "cài đặt"],
};

/// The kind of document a form is (ô 5a).
const TYPE_NAME: &str = "BÁO CÁO";
/// The label of the table's totals row.
const TOTALS: &str = "Tổng cộng";

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
    type_name: &'static str,
    heads: &'static TableHeads,
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
    /// A unit's blank form is filled in the file too: its empty cells are
    /// marked for the program to put fields over.
    fillable: bool,
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
        let place_date = format!("{}, ngày {DATE_BLANK} tháng {DATE_BLANK} năm {}", dispatch.place, chrono::Datelike::year(&dispatch.date.0));
        FormView {
            header: HeaderView {
                nation: NATION,
                parent: Some(parent.to_string()),
                issuer: vec![format!("Đơn vị: {name}")],
                number: vietnamese::number_and_symbol(None, &format!("BC-{code}")),
                place_date,
            },
            type_name: TYPE_NAME,
            heads: &HEADS,
            subject: self.units.report.subject.to_string(),
            reference: self.reference(),
            // A unit's own form asks for the month it reports on.
            intro: self.intro(&name, unit.map(|_| format!("tháng {DATE_BLANK} năm {YEAR_BLANK}")).as_deref()),
            rows: Vec::new(),
            totals: None,
            share: None,
            notes: None,
            blank: true,
            fillable: unit.is_some(),
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
            .map(|(i, row)| RowView {
                number: (i + 1).to_string(),
                name: row.name.to_string(),
                total: vietnamese::count(row.total.into()),
                installed: vietnamese::count(row.installed.into()),
                not_installed: vietnamese::count(row.not_installed().into()),
                reason: row.reason.as_ref().map(ToString::to_string).unwrap_or_default(),
            })
            .collect();
        let (total, installed, not_installed) = report.totals();
        FormView {
            header: HeaderView {
                nation: NATION,
                parent: Some(self.units.parent(unit).to_string()),
                issuer: vec![format!("Đơn vị: {}", unit.name)],
                number: vietnamese::number_and_symbol(report.number.map(|n| n.0), &format!("BC-{}", unit.code.get_ref().as_str())),
                place_date: vietnamese::place_and_date(self.dispatch.place.as_str(), report.date.0),
            },
            type_name: TYPE_NAME,
            heads: &HEADS,
            subject: self.units.report.subject.to_string(),
            reference: self.reference(),
            intro: self.intro(unit.name.as_str(), Some(&month.words())),
            rows,
            totals: Some(RowView {
                number: String::new(),
                name: TOTALS.into(),
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
            fillable: false,
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
        let fillable = unit.is_some() && name.is_none();
        let head = unit.map_or("Thủ trưởng cơ quan".to_owned(), |unit| unit.head.to_string());
        SignatureView {
            title: vec![head],
            note: Some("(Ký tên, đóng dấu)".into()),
            name,
            distribution: dash_list(&self.units.report.distribution),
            signature_image: None,
            seal_image: None,
            seal_mm: 0.0,
            fillable,
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
    /// The unit's code, for a form filled in the file: it travels inside.
    #[serde(skip)]
    unit: Option<String>,
}

impl ReportDocument {
    pub fn new(renderer: &Renderer, title: String, date: NaiveDate, forms: Vec<FormView>) -> Self {
        Self { fonts: renderer.families().to_vec(), title, date, forms, signed: None, unit: None }
    }

    /// Prints the signing line (see `parts::signed_line`) on each form.
    pub fn signed(mut self, line: Option<Vec<String>>) -> Self {
        self.signed = line;
        self
    }

    /// Makes the PDF a form the unit `code` fills and signs in any reader.
    pub fn fillable(mut self, code: &str) -> Self {
        self.unit = Some(code.to_owned());
        self
    }

    pub fn layout(&self, renderer: &Renderer) -> Result<PagedDocument> {
        render::compile(&renderer.engine, Template::Report, self, &[])
    }

    /// Adds the text fields to the PDF of a fillable form, laid out as
    /// `document`; other PDFs pass as they are.
    pub fn add_fields(&self, document: &PagedDocument, pdf: Vec<u8>, ident: &str) -> Result<Vec<u8>> {
        let Some(unit) = &self.unit else { return Ok(pdf) };
        let fields = form_fields::places(document, render::signing_place(document));
        form_fields::add(&pdf, &fields, unit).map_err(|e| crate::Error::Fault { document: ident.to_owned(), message: e.to_string() })
    }

    /// What the PDF says about itself; `ident` names it.
    pub fn meta<'a>(&'a self, ident: &'a str) -> PdfMeta<'a> {
        PdfMeta { ident, title: &self.title, date: self.date, tagged: self.forms.iter().any(|form| !form.blank) }
    }
}

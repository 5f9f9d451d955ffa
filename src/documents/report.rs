//! A unit's report form, as the campaign's form data defines it: blank for
//! a unit to fill by hand or in the file, or filled from a unit's numbers,
//! checked and totalled.

use chrono::NaiveDate;
use serde::Serialize;
use typst_layout::PagedDocument;

pub mod workbook;

use super::Renderer;
use super::dispatch::citation;
use super::parts::{HeaderView, NATION, SignatureView, dash_list};
use crate::error::Result;
use crate::model::{Dispatch, Form, Kind, Report, Unit, Units, Value};
use crate::pdf::form_fields::{self, Fillable};
use crate::rebuild::Inputs;
use crate::render::{self, PdfMeta};
use crate::templates::Template;
use crate::vietnamese;

/// Blanks on a paper form, as dotted leaders: for a name, a code, a day or month.
const NAME_BLANK: &str = "....................";
const CODE_BLANK: &str = ".....";
const DATE_BLANK: &str = "......";
const YEAR_BLANK: &str = "..........";

/// The label of the table's totals row.
const TOTALS: &str = "Tổng cộng";
/// The head of the row numbers' column.
const NUMBER_HEAD: &str = "Stt";

/// What a form needs besides its unit: the units file, the form's
/// definition and the dispatch it answers.
#[derive(Clone, Copy)]
pub struct FormContext<'a> {
    pub units: &'a Units,
    pub form: &'a Form,
    pub dispatch: &'a Dispatch,
}

/// A column of the form's table as report.typ draws it.
#[derive(Debug, Serialize)]
struct ColumnView {
    /// Names the column's text fields: dong3_<key>.
    key: String,
    /// The heading as the lines it breaks into.
    heading: Vec<String>,
    /// The heading this column stands under with its neighbours of one group.
    group: Option<String>,
    /// Its width in mm; none for the first, which takes the rest.
    width: Option<f64>,
    /// Text is set flush left, values centred.
    left: bool,
}

/// One form, as report.typ prints it.
#[derive(Debug, Serialize)]
pub struct FormView {
    header: HeaderView,
    type_name: String,
    number_head: &'static str,
    columns: Vec<ColumnView>,
    subject: String,
    reference: String,
    intro: String,
    rows: Vec<RowView>,
    totals: Option<RowView>,
    /// "Tỷ lệ đã …: …" under the table of a filled report, one per indicator.
    shares: Vec<String>,
    notes: Option<String>,
    /// A blank form gets empty rows down to the foot of its page.
    blank: bool,
    /// A unit's blank form is filled in the file too: its empty cells are
    /// marked for the program to put fields over.
    fillable: bool,
    signature: SignatureView,
}

/// A row of the table: its number and each column's text, none where a
/// totals row has nothing to print (a text column).
#[derive(Debug, Serialize)]
struct RowView {
    number: String,
    cells: Vec<Option<String>>,
}

fn columns(form: &Form) -> Vec<ColumnView> {
    form.columns
        .iter()
        .enumerate()
        .map(|(i, column)| ColumnView {
            key: column.key.clone(),
            heading: column.heading.clone(),
            group: column.group.clone(),
            width: (i > 0).then(|| column.printed_width()),
            left: column.kind == Kind::Text,
        })
        .collect()
}

impl<'a> FormContext<'a> {
    /// The blank form, for one unit or (None) for any unit.
    pub fn blank(self, unit: Option<&Unit>) -> FormView {
        let dispatch = self.dispatch;
        let name = unit.map_or(NAME_BLANK.to_owned(), |unit| unit.name.to_string());
        let code = unit.map_or(CODE_BLANK, |unit| unit.code.get_ref().as_str());
        let parent = unit.map_or(&self.units.parent, |unit| self.units.parent(unit));
        let place_date = format!("{}, ngày {DATE_BLANK} tháng {DATE_BLANK} năm {YEAR_BLANK}", dispatch.place);
        FormView {
            header: HeaderView {
                nation: NATION,
                parent: Some(parent.to_string()),
                issuer: vec![format!("Đơn vị: {name}")],
                number: vietnamese::number_and_symbol(None, &format!("BC-{code}")),
                place_date,
            },
            type_name: self.form.type_name.clone(),
            number_head: NUMBER_HEAD,
            columns: columns(self.form),
            subject: self.form.subject.to_string(),
            reference: self.reference(),
            // A unit's own form asks for the period it reports on.
            intro: self.intro(&name, unit.map(|_| format!("{} {DATE_BLANK} năm {YEAR_BLANK}", self.form.every.word())).as_deref()),
            rows: Vec::new(),
            totals: None,
            shares: Vec::new(),
            notes: None,
            blank: true,
            fillable: unit.is_some(),
            signature: self.signature(unit, None),
        }
    }

    /// A unit's report, filled in. The report was checked against the units.
    pub fn filled(self, report: &Report) -> FormView {
        let unit = self.units.find(&report.unit).expect("a checked report names a known unit");
        let form = self.form;
        let show = |i: usize, value: &Option<Value>| value.as_ref().map(|v| form.columns[i].show(v));
        let rows = report
            .rows
            .iter()
            .enumerate()
            .map(|(n, row)| RowView {
                number: (n + 1).to_string(),
                cells: row.cells.iter().enumerate().map(|(i, v)| Some(show(i, v).unwrap_or_default())).collect(),
            })
            .collect();
        let sums = form.totals(&report.rows);
        let mut totals: Vec<Option<String>> = sums.iter().enumerate().map(|(i, v)| show(i, v)).collect();
        totals[0] = Some(TOTALS.into());
        let shares = form
            .indicators
            .iter()
            .map(|indicator| {
                let (part, whole) = (sums[indicator.numerator].as_ref(), sums[indicator.denominator].as_ref());
                let (part, whole) = (part.and_then(Value::amount).unwrap_or(0), whole.and_then(Value::amount).unwrap_or(0));
                let (numerator, denominator) = (&form.columns[indicator.numerator], &form.columns[indicator.denominator]);
                let unit = denominator.unit.as_ref().map(|u| format!(" {u}")).unwrap_or_default();
                format!(
                    "{}: {} ({} trên {}{unit}).",
                    indicator.name,
                    vietnamese::percent(part, whole),
                    numerator.show(&numerator.value_of(part)),
                    denominator.show(&denominator.value_of(whole))
                )
            })
            .collect();
        FormView {
            header: HeaderView {
                nation: NATION,
                parent: Some(self.units.parent(unit).to_string()),
                issuer: vec![format!("Đơn vị: {}", unit.name)],
                number: vietnamese::number_and_symbol(report.number.map(|n| n.0), &format!("BC-{}", unit.code.get_ref().as_str())),
                place_date: vietnamese::place_and_date(self.dispatch.place.as_str(), report.date.0),
            },
            type_name: form.type_name.clone(),
            number_head: NUMBER_HEAD,
            columns: columns(form),
            subject: form.subject.to_string(),
            reference: self.reference(),
            intro: self.intro(unit.name.as_str(), Some(&report.period.words())),
            rows,
            totals: Some(RowView { number: String::new(), cells: totals }),
            shares,
            notes: report.notes.as_ref().map(ToString::to_string),
            blank: false,
            fillable: false,
            signature: self.signature(Some(unit), report.signer.as_ref().map(ToString::to_string)),
        }
    }

    /// What the form is called: "Phụ lục 01" where the dispatch appends
    /// it, else "Biểu mẫu báo cáo".
    pub fn name(self) -> String {
        self.dispatch.form_appendix().map_or_else(|| "Biểu mẫu báo cáo".to_owned(), |a| format!("Phụ lục {}", a.number))
    }

    /// "Thực hiện Công văn số 769/UBND-VHXH ngày … về việc …."
    fn reference(self) -> String {
        let subject = self.dispatch.subject_line();
        format!("Thực hiện {} về việc {subject}.", citation(self.dispatch))
    }

    fn intro(self, unit: &str, month: Option<&str>) -> String {
        let topic = self.form.topic();
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
            distribution: dash_list(&self.form.distribution),
            drafter: None,
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

    /// What the PDF `ident` is made from (its fields name the unit), for a
    /// rebuild to compare.
    pub fn inputs(&self, inputs: Inputs, ident: &str) -> Inputs {
        inputs.document(Template::Report, self, &[]).meta(&self.meta(ident)).text(self.unit.as_deref().unwrap_or(""))
    }

    /// The fields of a fillable form laid out as `document`; None for a
    /// report filled in the file.
    pub fn form_fields<'a>(&'a self, document: &PagedDocument) -> Option<Fillable<'a>> {
        let unit = self.unit.as_deref()?;
        Some(Fillable { unit, fields: form_fields::places(document, render::signing_place(document)) })
    }

    /// What the PDF says about itself; `ident` names it.
    pub fn meta<'a>(&'a self, ident: &'a str) -> PdfMeta<'a> {
        PdfMeta { ident, title: &self.title, date: self.date, tagged: self.forms.iter().any(|form| !form.blank) }
    }
}

//! The consolidated report of a period: every unit's amounts, as the
//! campaign's form declares them, grouped by kind of unit and totalled with
//! the form's indicators; a bar chart of the headline indicator against its
//! target, its change since the period before counted like for like, who has
//! not reported, each unit's deadline, and the reasons given.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::Serialize;
use typst_layout::PagedDocument;

use super::Renderer;
use super::dispatch::citation;
use super::parts::{HeaderView, SignatureView, recipient_lines};
use super::report::FormContext;
use crate::error::Result;
use crate::markup::{self, Span};
use crate::model::{Column, DocDate, Form, Indicator, Period, Report, Row, SignatureRecord, SummarySettings, Value};
use crate::rebuild::{Inputs, Pieces};
use crate::render::{self, PdfMeta, PdfSettings};
use crate::signature::Status as SignatureStatus;
use crate::spreadsheet;
use crate::stamp::Stamp;
use crate::templates::Template;
use crate::vietnamese::{capitalized, decimal, long_date, lowercased, percent, roman, short_date, tenths_of_percent};

mod pieces;
mod workbook;

pub use pieces::PIECE_ROWS;
use pieces::{Rows, piece_data};

const NOT_REPORTED: &str = "Chưa báo cáo";

/// What a table keeps of the text's width (model::TEXT_WIDTH_MM) for a
/// unit's name, in mm.
const TEXT_MM: f64 = crate::model::TEXT_WIDTH_MM;
const NAME_MM: f64 = 45.0;
/// The room of the columns after the name in the table of units (the row
/// numbers take 10 mm) and of the comparison's two columns of one period
/// (beside 9 mm of row numbers and 33 mm of the changes).
const TABLE_ROOM_MM: f64 = TEXT_MM - NAME_MM - 10.0;
const PERIOD_ROOM_MM: f64 = (TEXT_MM - NAME_MM - 9.0 - 33.0) / 2.0;

/// The form's amounts summed over a unit's rows, a group's units or all:
/// one cell per column of the form, the derived ones worked out from the
/// sums as `Form::totals` does.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Tally(Vec<Option<Value>>);

impl Tally {
    fn of(form: &Form, rows: &[Row]) -> Self {
        Self(form.totals(rows))
    }

    /// Nothing counted yet: each amount 0.
    fn zero(form: &Form) -> Self {
        Self::of(form, &[])
    }

    /// Adds another tally: the two summed as two rows of a report are, the
    /// derived amounts worked out again from the new sums.
    fn add(&mut self, form: &Form, other: &Tally) {
        self.0 = form.totals(&[Row { cells: std::mem::take(&mut self.0) }, Row { cells: other.0.clone() }]);
    }

    fn amount(&self, column: usize) -> Option<u64> {
        self.0[column].as_ref().and_then(Value::amount)
    }

    /// A column's amount as the table prints it; empty where there is none.
    fn shown(&self, form: &Form, column: usize) -> String {
        self.0[column].as_ref().map(|value| form.columns[column].show(value)).unwrap_or_default()
    }

    fn parts(&self, indicator: &Indicator) -> (u64, u64) {
        (self.amount(indicator.numerator).unwrap_or(0), self.amount(indicator.denominator).unwrap_or(0))
    }

    /// The indicator's share, 0 to 1; none where its denominator is 0.
    fn share(&self, indicator: &Indicator) -> Option<f64> {
        let (part, whole) = self.parts(indicator);
        (whole > 0).then(|| part as f64 / whole as f64)
    }

    /// The share in tenths of a percent, rounded as it prints.
    fn tenths(&self, indicator: &Indicator) -> Option<i64> {
        let (part, whole) = self.parts(indicator);
        (whole > 0).then(|| tenths_of_percent(part, whole) as i64)
    }

    /// "78,8%", or "-" where the denominator is 0.
    fn share_text(&self, indicator: &Indicator) -> String {
        let (part, whole) = self.parts(indicator);
        percent(part, whole)
    }

    fn met(&self, indicator: &Indicator) -> bool {
        let (part, whole) = self.parts(indicator);
        indicator.met(part, whole)
    }
}

/// The change of the printed share in tenths of a point; none where either
/// period's denominator is 0.
fn change(now: &Tally, before: &Tally, indicator: &Indicator) -> Option<i64> {
    Some(now.tenths(indicator)? - before.tenths(indicator)?)
}

fn sign(n: i64) -> &'static str {
    match n.signum() {
        1 => "+",
        -1 => "−",
        _ => "",
    }
}

/// "+4,2" percentage points, as the change column prints.
fn points(tenths: i64) -> String {
    format!("{}{},{}", sign(tenths), tenths.abs() / 10, tenths.abs() % 10)
}

/// "+114", "−3", "0", "+12,50": a change of an amount with its decimals.
fn signed(n: i64, decimals: u32) -> String {
    format!("{}{}", sign(n), decimal(n.abs(), decimals))
}

/// " người": an amount's unit after its number, where the column has one.
fn unit_after(column: &Column) -> String {
    column.unit.as_ref().map(|unit| format!(" {unit}")).unwrap_or_default()
}

/// A column named as a sentence's subject: its label where that names a
/// number already ("tổng số", "số người đã kích hoạt …"), else "số <unit>
/// <label>": "số người đã kích hoạt" for a label "đã kích hoạt".
fn subject(column: &Column) -> String {
    let label = column.label.as_str();
    match &column.unit {
        Some(unit) if !label.starts_with("số ") && !label.starts_with("tổng số") => format!("số {unit} {label}"),
        _ => label.to_owned(),
    }
}

/// How much wider than its numbers a column is made for its heading: so
/// many mm (in the PDF) or characters (in the workbook) per 8 of its letters.
fn heading_room(title: &str) -> f64 {
    title.chars().count().div_ceil(8) as f64
}

/// Narrows widths in proportion where together they pass `room`.
fn fitted(mut widths: Vec<f64>, room: f64) -> Vec<f64> {
    let total: f64 = widths.iter().sum();
    if total > room {
        widths.iter_mut().for_each(|w| *w *= room / total);
    }
    widths
}

/// Whether a unit reported this period, and how that compares with before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Missing,
    Reported,
    /// No report of the unit in any period before, though other units reported.
    First,
}

impl Status {
    fn words(self) -> &'static str {
        match self {
            Status::Missing => NOT_REPORTED,
            Status::Reported => "Đã báo cáo",
            Status::First => "Báo cáo lần đầu",
        }
    }
}

/// A column of the table of units after the unit's name.
#[derive(Debug, Clone)]
enum Measure {
    /// An amount column of the form, by its index.
    Amount(usize),
    /// An indicator's share.
    Share(Indicator),
    /// The change of the headline share since the period before.
    Change,
}

impl Measure {
    /// Every amount column, each indicator's share, then the headline's change.
    fn all(form: &Form) -> Vec<Measure> {
        let amounts = form.columns.iter().enumerate().filter(|(_, c)| c.kind.is_amount()).map(|(i, _)| Measure::Amount(i));
        let shares = form.indicators.iter().cloned().map(Measure::Share);
        amounts.chain(shares).chain(form.indicators.first().map(|_| Measure::Change)).collect()
    }

    /// Its cell in a row of the printed table.
    fn printed(&self, form: &Form, now: &Tally, change: Option<i64>) -> String {
        match self {
            Measure::Amount(column) => now.shown(form, *column),
            Measure::Share(indicator) => now.share_text(indicator),
            Measure::Change => change.map(points).unwrap_or_default(),
        }
    }

    /// Its heading in the printed table: a share is "Tỷ lệ" where the form
    /// has one indicator, else the indicator's name.
    fn printed_title(&self, form: &Form) -> String {
        match self {
            Measure::Amount(column) => form.columns[*column].title(),
            Measure::Share(indicator) if form.indicators.len() > 1 => indicator.name.clone(),
            Measure::Share(_) => "Tỷ lệ".into(),
            Measure::Change => "Thay đổi (điểm %)".into(),
        }
    }

    /// Its heading in the CSV and the workbook, which have room to say it whole.
    fn sheet_title(&self, form: &Form) -> String {
        match self {
            Measure::Amount(column) => form.columns[*column].title(),
            Measure::Share(indicator) => format!("{} (%)", indicator.name),
            Measure::Change => format!("Thay đổi so với {} trước (điểm %)", form.every.word()),
        }
    }
}

/// A head of the printed table of units after the unit's name.
#[derive(Debug, Serialize)]
struct Head {
    title: String,
    /// In mm: 16 and what its heading needs (a long heading breaks into
    /// fewer lines), the whole fitted to the page.
    width: f64,
}

fn printed_heads(form: &Form, measures: &[Measure]) -> Vec<Head> {
    let titles: Vec<String> = measures.iter().map(|measure| measure.printed_title(form)).collect();
    let widths = fitted(titles.iter().map(|title| 16.0 + heading_room(title)).collect(), TABLE_ROOM_MM);
    titles.into_iter().zip(widths).map(|(title, width)| Head { title, width }).collect()
}

/// One row of the table of units: a group's heading, a unit, a subtotal or
/// the grand total.
#[derive(Debug, Serialize)]
struct Line {
    number: String,
    name: String,
    /// One per head.
    cells: Vec<String>,
    /// False where nobody counted in the row reported: it prints
    /// "Chưa báo cáo", never zeros.
    reported: bool,
    first: bool,
    kind: &'static str,
}

/// A line of the chart: a group's heading, or a unit's bar, its headline
/// share against the target.
#[derive(Debug, Serialize)]
struct ChartLine {
    name: String,
    /// 0 to 1; none where the unit's denominator is 0 (and on a heading).
    share: Option<f64>,
    label: String,
    first: bool,
    /// "group" or "bar".
    kind: &'static str,
}

/// The chart of the headline indicator.
#[derive(Debug, Serialize)]
struct Chart {
    /// "Tỷ lệ đã … của từng đơn vị so với mục tiêu 80 %:"
    caption: String,
    /// 0 to 1: where the target's mark stands; 1 draws none.
    target: f64,
    /// "Mục tiêu 80 %", over the mark.
    target_label: String,
    lines: Vec<ChartLine>,
}

/// The comparison with the period before, where it has reports.
#[derive(Debug, Serialize)]
struct Comparison {
    /// The sentence over the table.
    intro: String,
    /// "Tháng 6/2026", "Tháng 7/2026".
    before: String,
    now: String,
    /// The headline's denominator and numerator, heads under each period.
    whole: String,
    part: String,
    /// Their widths in mm: 11 and 3 per 8 letters of their heads, fitted
    /// to the page.
    widths: Vec<f64>,
    /// "Tăng, giảm (người)".
    change: String,
    lines: Vec<CompareLine>,
}

/// One row of the comparison with the period before: a section's heading,
/// a unit, or the sum over the units that reported both periods.
#[derive(Debug, Default, Serialize)]
struct CompareLine {
    number: String,
    name: String,
    before_whole: String,
    before_part: String,
    now_whole: String,
    now_part: String,
    /// The numerator's change: more or fewer.
    change: String,
    points: String,
    kind: &'static str,
}

impl CompareLine {
    fn new(number: String, name: String, (before, now): (Option<&Tally>, Option<&Tally>), (form, indicator): (&Form, &Indicator), kind: &'static str) -> Self {
        let whole = |t: Option<&Tally>| t.map_or_else(|| NOT_REPORTED.into(), |t| t.shown(form, indicator.denominator));
        let part = |t: Option<&Tally>| t.map(|t| t.shown(form, indicator.numerator)).unwrap_or_default();
        let both = before.zip(now);
        let decimals = form.columns[indicator.numerator].decimals();
        Self {
            number,
            name,
            before_whole: whole(before),
            before_part: part(before),
            now_whole: whole(now),
            now_part: part(now),
            change: both.map(|(b, n)| signed(n.parts(indicator).0 as i64 - b.parts(indicator).0 as i64, decimals)).unwrap_or_default(),
            points: both.and_then(|(b, n)| change(n, b, indicator)).map(points).unwrap_or_default(),
            kind,
        }
    }

    fn section(name: String) -> Self {
        Self { name, kind: "section", ..Self::default() }
    }
}

/// The "Ký số" column: "Có" only where every signature of the returned form
/// verified and a trusted issuer vouches for its signer; otherwise the
/// worst of them.
fn signed_column(signatures: &[SignatureRecord]) -> &'static str {
    if signatures.is_empty() {
        return "Không";
    }
    match signatures.iter().map(|s| s.status).max_by_key(|s| s.map_or(u8::MAX, |s| s as u8)).flatten() {
        None => "Chưa xác minh",
        Some(SignatureStatus::Valid) => "Có",
        Some(SignatureStatus::Untrusted) => "Chưa tin cậy",
        Some(SignatureStatus::Changed) => "Bị sửa",
        Some(SignatureStatus::Invalid) => "Không hợp lệ",
    }
}

#[derive(Debug, Serialize)]
struct DeadlineLine {
    name: String,
    deadline: String,
    share: String,
    status: String,
    /// Whether the report came back digitally signed (vanban import).
    signed: &'static str,
}

/// The reasons given where the form asks for one, counted.
#[derive(Debug, Serialize)]
struct Reasons {
    /// The section's heading: the reason column's title.
    heading: String,
    /// What the section says where no unit gave a reason.
    none: String,
    lines: Vec<ReasonLine>,
}

#[derive(Debug, Serialize)]
struct ReasonLine {
    reason: String,
    mentions: usize,
    units: usize,
}

/// Which row of the table of units: it decides what a workbook sums.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RowKind {
    Unit,
    Subtotal,
    Total,
}

/// One row of the table of units as the CSV and the workbook hold it:
/// numbers, not the printed text.
#[derive(Debug)]
struct TableRow {
    group: String,
    number: String,
    name: String,
    code: String,
    status: Status,
    now: Option<Tally>,
    change: Option<i64>,
    kind: RowKind,
    /// A unit's "Ký số"; empty on sums.
    signed: &'static str,
}

/// The CSV's and the workbook's columns before the measures, and after them.
const SHEET_FIRST: [&str; 5] = ["Nhóm", "Stt", "Đơn vị", "Mã", "Tình trạng"];
const SHEET_LAST: &str = "Ký số";

/// Everything summary.typ prints.
#[derive(Debug, Serialize)]
pub struct SummaryView {
    fonts: Vec<String>,
    header: HeaderView,
    subject: String,
    recipients: Vec<String>,
    intro: Vec<Vec<Span>>,
    overall: Vec<Vec<Span>>,
    comparison: Option<Comparison>,
    /// What the change column compares, where it is printed.
    change_note: Option<String>,
    heads: Vec<Head>,
    lines: Vec<Line>,
    chart: Option<Chart>,
    deadlines: Vec<DeadlineLine>,
    missing: Vec<String>,
    /// None where the form asks for no reason.
    reasons: Option<Reasons>,
    signature: SignatureView,
    #[serde(skip)]
    title: String,
    #[serde(skip)]
    date: NaiveDate,
    /// The table of units as the CSV and the workbook hold it, with the
    /// form's columns that their measures read.
    #[serde(skip)]
    table: Vec<TableRow>,
    #[serde(skip)]
    measures: Vec<Measure>,
    #[serde(skip)]
    columns: Vec<Column>,
    #[serde(skip)]
    sheet_heads: Vec<String>,
    /// Who issues the summary, for the workbook's page header.
    #[serde(skip)]
    issuer: String,
    #[serde(skip)]
    stamps: Vec<Stamp>,
}

/// The reports a summary is made from.
pub struct MonthReports<'a> {
    pub now: Vec<&'a Report>,
    /// The period before's; empty where it has none.
    pub previous: Vec<&'a Report>,
    /// The codes of the units that reported in any period before this one.
    pub earlier: HashSet<String>,
}

/// A unit's amounts this period and the period before.
struct UnitMonth {
    number: usize,
    code: String,
    name: String,
    now: Option<Tally>,
    before: Option<Tally>,
    status: Status,
    /// The "Ký số" column.
    signed: &'static str,
}

/// Sums over some units: of all that reported, and of those that reported
/// both periods (this period's and the period before's amounts).
#[derive(Default)]
struct Sums {
    now: Option<Tally>,
    both: Option<(Tally, Tally)>,
    both_units: usize,
}

impl Sums {
    fn add(&mut self, form: &Form, unit: &UnitMonth) {
        if let Some(now) = &unit.now {
            self.now.get_or_insert_with(|| Tally::zero(form)).add(form, now);
            if let Some(before) = &unit.before {
                let both = self.both.get_or_insert_with(|| (Tally::zero(form), Tally::zero(form)));
                both.0.add(form, now);
                both.1.add(form, before);
                self.both_units += 1;
            }
        }
    }

    /// The like-for-like change of the headline share, in tenths of a point.
    fn change(&self, headline: Option<&Indicator>) -> Option<i64> {
        let (now, before) = self.both.as_ref()?;
        change(now, before, headline?)
    }
}

/// The summary of `period` from its reports and, where there are any, the
/// reports of the period before, for the units, form and dispatch of `context`.
pub fn summarize(
    settings: &SummarySettings,
    context: FormContext,
    period: Period,
    reports: &MonthReports,
    (signature, stamps): (SignatureView, Vec<Stamp>),
    fonts: &[String],
) -> SummaryView {
    let FormContext { units, form, dispatch } = context;
    let issue = settings.months.get(&period.key()).copied();
    // Unless the data dates it, the summary is issued on the day the units' reports are late.
    let date = issue.and_then(|i| i.date).map_or_else(|| form.due.closes(period), |d| d.0);
    let header = HeaderView::new(&settings.issuer, issue.and_then(|i| i.number), &settings.symbol, &dispatch.place, DocDate(date));
    let headline = form.indicators.first();
    let by_code = |list: &[&'_ Report]| list.iter().map(|r| (r.unit.clone(), Tally::of(form, &r.rows))).collect::<HashMap<_, _>>();
    let (now_by_code, before_by_code) = (by_code(&reports.now), by_code(&reports.previous));
    // Each report of the period by its unit, looked up once per unit: the
    // units' table and the deadlines' both show it.
    let report_by_code: HashMap<&str, &Report> = reports.now.iter().map(|r| (r.unit.as_str(), *r)).collect();
    let signed_of = |code: &str| report_by_code.get(code).map_or("-", |r| signed_column(&r.signatures));
    let has_previous = !reports.previous.is_empty();
    let has_history = !reports.earlier.is_empty();

    let mut groups: Vec<(String, &str, Vec<UnitMonth>)> = Vec::new();
    let mut number = 0;
    for kind in units.kinds.iter() {
        let members: Vec<UnitMonth> = units
            .units
            .iter()
            .filter(|u| u.kind.get_ref() == kind.key.get_ref())
            .map(|unit| {
                number += 1;
                let code = unit.code.get_ref().as_str();
                let now = now_by_code.get(code).cloned();
                let status = match now {
                    None => Status::Missing,
                    Some(_) if has_history && !reports.earlier.contains(code) => Status::First,
                    Some(_) => Status::Reported,
                };
                UnitMonth {
                    number,
                    code: code.to_owned(),
                    name: unit.name.to_string(),
                    now,
                    before: before_by_code.get(code).cloned(),
                    status,
                    signed: signed_of(code),
                }
            })
            .collect();
        if !members.is_empty() {
            groups.push((roman(groups.len() + 1), kind.group.as_str(), members));
        }
    }

    // The printed table has the change column where the period before has reports.
    let measures = Measure::all(form);
    let printed: Vec<Measure> = measures.iter().filter(|m| has_previous || !matches!(m, Measure::Change)).cloned().collect();
    let line = |number: String, name: String, now: Option<&Tally>, change: Option<i64>, status: Status, kind: &'static str| Line {
        number,
        name,
        cells: now.map(|now| printed.iter().map(|m| m.printed(form, now, change)).collect()).unwrap_or_default(),
        reported: now.is_some(),
        first: status == Status::First,
        kind,
    };
    let mut table = Vec::new();
    let (mut lines, mut chart, mut all) = (Vec::new(), Vec::new(), Sums::default());
    let reported = |now: &Option<Tally>| if now.is_some() { Status::Reported } else { Status::Missing };
    for (roman, group, members) in &groups {
        lines.push(line(roman.clone(), group.to_string(), None, None, Status::Reported, "group"));
        let (mut sums, mut bars) = (Sums::default(), Vec::new());
        for unit in members {
            sums.add(form, unit);
            all.add(form, unit);
            let change = unit.now.as_ref().zip(unit.before.as_ref()).zip(headline).and_then(|((n, b), h)| change(n, b, h));
            lines.push(line(unit.number.to_string(), unit.name.clone(), unit.now.as_ref(), change, unit.status, "unit"));
            if let (Some(now), Some(headline)) = (&unit.now, headline) {
                let (share, label, first) = (now.share(headline), now.share_text(headline), unit.status == Status::First);
                bars.push(ChartLine { name: unit.name.clone(), share, label, first, kind: "bar" });
            }
            table.push(TableRow {
                group: group.to_string(),
                number: unit.number.to_string(),
                name: unit.name.clone(),
                code: unit.code.clone(),
                status: unit.status,
                now: unit.now.clone(),
                change,
                kind: RowKind::Unit,
                signed: unit.signed,
            });
        }
        if !bars.is_empty() {
            chart.push(ChartLine { name: format!("{roman}. {group}"), share: None, label: String::new(), first: false, kind: "group" });
            chart.extend(bars);
        }
        let name = format!("Cộng {roman}");
        lines.push(line(String::new(), name.clone(), sums.now.as_ref(), sums.change(headline), reported(&sums.now), "subtotal"));
        table.push(TableRow {
            group: group.to_string(),
            number: String::new(),
            name,
            code: String::new(),
            status: reported(&sums.now),
            change: sums.change(headline),
            now: sums.now,
            kind: RowKind::Subtotal,
            signed: "",
        });
    }
    lines.push(line(String::new(), "Tổng cộng".into(), all.now.as_ref(), all.change(headline), reported(&all.now), "total"));
    table.push(TableRow {
        group: String::new(),
        number: String::new(),
        name: "Tổng cộng".into(),
        code: String::new(),
        status: reported(&all.now),
        now: all.now.clone(),
        change: all.change(headline),
        kind: RowKind::Total,
        signed: "",
    });

    let deadlines = units
        .units
        .iter()
        .map(|unit| {
            let deadline = units.deadline(unit).0;
            let code = unit.code.get_ref().as_str();
            let now = now_by_code.get(code);
            let report = report_by_code.get(code);
            DeadlineLine {
                name: unit.name.to_string(),
                deadline: short_date(deadline),
                share: now.zip(headline).map_or_else(|| "-".into(), |(now, headline)| now.share_text(headline)),
                status: status(now.map(|now| headline.is_some_and(|h| now.met(h))), report.map(|r| r.date.0), deadline, date),
                signed: signed_of(code),
            }
        })
        .collect();

    let missing: Vec<String> =
        units.units.iter().filter(|unit| !now_by_code.contains_key(unit.code.get_ref().as_str())).map(|unit| unit.name.to_string()).collect();

    let subject_line = dispatch.subject_line();
    let intro = vec![markup::parse(&format!(
        "Thực hiện {} về việc {subject_line}, {} tổng hợp kết quả thực hiện {} của các cơ quan, đơn vị như sau:",
        citation(dispatch),
        settings.issuer.full_name,
        period.words()
    ))];
    let mut overall = vec![markup::parse(&match &all.now {
        None => format!("Đến {}, chưa đơn vị nào trong {} đơn vị gửi báo cáo.", long_date(date), units.units.len()),
        Some(all) => format!(
            "Đến {}, **{}/{}** đơn vị đã gửi báo cáo. {}.",
            long_date(date),
            reports.now.len(),
            units.units.len(),
            capitalized(&amounts_sentence(form, all))
        ),
    })];
    let both_periods = format!("cả hai {}", period.every.word());
    let mut comparison = None;
    if let (true, Some(headline)) = (has_previous, headline) {
        overall.push(markup::parse(&compared_sentence(period, &all, form, headline)));
        let mut lines = Vec::new();
        let (first, returned, stopped) = apart(groups.iter().flat_map(|(_, _, members)| members), &mut lines, &all, period, (form, headline));
        let (whole, part) = (form.columns[headline.denominator].title(), form.columns[headline.numerator].title());
        comparison = (!lines.is_empty()).then(|| Comparison {
            intro: format!("So sánh với {} (mức thay đổi chỉ tính ở các đơn vị báo cáo {both_periods}):", period.previous().words()),
            before: period.previous().short(),
            now: period.short(),
            widths: fitted([&whole, &part].map(|title| 11.0 + 3.0 * heading_room(title)).to_vec(), PERIOD_ROOM_MM),
            whole,
            part,
            change: match &form.columns[headline.numerator].unit {
                Some(unit) => format!("Tăng, giảm ({unit})"),
                None => "Tăng, giảm".into(),
            },
            lines,
        });
        if first + returned + stopped > 0 {
            let mut parts = Vec::new();
            if first > 0 {
                parts.push(format!("{first} đơn vị báo cáo lần đầu"));
            }
            if returned > 0 {
                parts.push(format!("{returned} đơn vị không báo cáo {}", period.previous().words()));
            }
            if stopped > 0 {
                parts.push(format!("{stopped} đơn vị đã báo cáo {} nhưng chưa báo cáo {}", period.previous().words(), period.words()));
            }
            overall.push(markup::parse(&format!("Không tính vào mức thay đổi: {}; số liệu của các đơn vị này ở bảng dưới.", parts.join(", "))));
        }
    }

    SummaryView {
        fonts: fonts.to_vec(),
        header,
        subject: format!("{} {}", settings.subject, period.words()),
        recipients: recipient_lines(&settings.recipients),
        intro,
        overall,
        comparison,
        change_note: headline.filter(|_| has_previous).map(|headline| {
            format!("Cột “Thay đổi” so sánh {} với {}, chỉ ở các đơn vị báo cáo {both_periods}.", lowercased(&headline.name), period.previous().words())
        }),
        heads: printed_heads(form, &printed),
        lines,
        chart: headline.filter(|_| !chart.is_empty()).map(|headline| Chart {
            caption: format!("{} của từng đơn vị so với mục tiêu {}:", headline.name, headline.target_text()),
            target: headline.target as f64 / 1000.0,
            target_label: format!("Mục tiêu {}", headline.target_text()),
            lines: chart,
        }),
        deadlines,
        missing,
        reasons: form.reason().map(|(column, when)| Reasons {
            heading: form.columns[column].title(),
            none: format!("Các đơn vị không nêu {}.", form.columns[column].label),
            lines: reasons(&reports.now, column, when),
        }),
        signature,
        title: format!("Báo cáo tổng hợp {}", period.words()),
        date,
        table,
        sheet_heads: SHEET_FIRST.iter().map(|h| h.to_string()).chain(measures.iter().map(|m| m.sheet_title(form))).chain([SHEET_LAST.to_owned()]).collect(),
        measures,
        columns: form.columns.clone(),
        issuer: settings.issuer.full_name.to_string(),
        stamps,
    }
}

/// "tổng số **622** người, đã kích hoạt **490** người (**78,8%**), chưa
/// kích hoạt 132 người": each amount column by its label, the typed-in ones in
/// bold, the headline share after its numerator.
fn amounts_sentence(form: &Form, all: &Tally) -> String {
    let headline = form.indicators.first();
    let parts: Vec<String> = form
        .columns
        .iter()
        .enumerate()
        .filter(|(_, column)| column.kind.is_amount())
        .filter_map(|(index, column)| {
            let amount = all.shown(form, index);
            let amount = if amount.is_empty() {
                return None;
            } else if column.formula.is_some() {
                amount
            } else {
                format!("**{amount}**")
            };
            let share = match headline {
                Some(headline) if headline.numerator == index && all.parts(headline).1 > 0 => format!(" (**{}**)", all.share_text(headline)),
                _ => String::new(),
            };
            Some(format!("{} {amount}{}{share}", column.label, unit_after(column)))
        })
        .collect();
    parts.join(", ")
}

/// "So với tháng 6 năm 2026, ở 4 đơn vị báo cáo cả hai tháng, …": the
/// change of the headline's numerator and share over the units that
/// reported both periods only.
fn compared_sentence(period: Period, all: &Sums, form: &Form, headline: &Indicator) -> String {
    let before_words = period.previous().words();
    let word = period.every.word();
    let Some((now, before)) = &all.both else {
        return format!("So với {before_words}, không có đơn vị nào báo cáo cả hai {word} nên chưa so sánh được.");
    };
    let part = &form.columns[headline.numerator];
    let unit = unit_after(part);
    let delta = now.parts(headline).0 as i64 - before.parts(headline).0 as i64;
    let moved = match delta {
        0 => "không đổi".to_owned(),
        d => format!("{} **{}**{unit}", if d > 0 { "tăng" } else { "giảm" }, decimal(d.abs(), part.decimals())),
    };
    let share = match all.change(Some(headline)) {
        Some(change) => format!(
            "; {} thay đổi **{}** điểm phần trăm (từ {} thành {})",
            lowercased(&headline.name),
            points(change),
            before.share_text(headline),
            now.share_text(headline)
        ),
        None => String::new(),
    };
    format!(
        "So với {before_words}, ở **{}** đơn vị báo cáo cả hai {word}, {} {moved} (từ {} thành {}{unit}){share}.",
        all.both_units,
        subject(part),
        before.shown(form, headline.numerator),
        now.shown(form, headline.numerator)
    )
}

/// The comparison table: the units that reported both periods and their
/// sum, then, apart, first reports, units back after a period without, and
/// units that did not report again. Returns how many of each are apart.
fn apart<'a>(
    units: impl Iterator<Item = &'a UnitMonth> + Clone,
    table: &mut Vec<CompareLine>,
    all: &Sums,
    period: Period,
    headline: (&Form, &Indicator),
) -> (usize, usize, usize) {
    let row = |u: &UnitMonth, kind| CompareLine::new(u.number.to_string(), u.name.clone(), (u.before.as_ref(), u.now.as_ref()), headline, kind);
    let both: Vec<_> = units.clone().filter(|u| u.now.is_some() && u.before.is_some()).collect();
    let first: Vec<_> = units.clone().filter(|u| u.status == Status::First).collect();
    let returned: Vec<_> = units.clone().filter(|u| u.status == Status::Reported && u.before.is_none()).collect();
    let stopped: Vec<_> = units.filter(|u| u.now.is_none() && u.before.is_some()).collect();
    let sections = [
        (format!("Báo cáo cả hai {}", period.every.word()), &both),
        ("Báo cáo lần đầu".to_owned(), &first),
        (format!("Không báo cáo {}", period.previous().words()), &returned),
        (format!("Đã báo cáo {}, chưa báo cáo {}", period.previous().words(), period.words()), &stopped),
    ];
    for (index, (title, members)) in sections.into_iter().enumerate() {
        if members.is_empty() {
            continue;
        }
        table.push(CompareLine::section(title));
        table.extend(members.iter().map(|u| row(u, "unit")));
        if index == 0 {
            let (now, before) = all.both.as_ref().map_or((None, None), |(n, b)| (Some(n), Some(b)));
            table.push(CompareLine::new(String::new(), format!("Cộng ({} đơn vị)", all.both_units), (before, now), headline, "sum"));
        }
    }
    (first.len(), returned.len(), stopped.len())
}

/// Met, late, or still open at the summary's date. `met` is none where the
/// unit has not reported, else whether its headline share reaches the target.
fn status(met: Option<bool>, reported: Option<NaiveDate>, deadline: NaiveDate, today: NaiveDate) -> String {
    match (met, reported) {
        (Some(true), Some(reported)) => {
            if reported <= deadline {
                "Đã đạt, đúng hạn".into()
            } else {
                "Đã đạt, sau hạn".into()
            }
        }
        (Some(_), _) if today > deadline => "Quá hạn, chưa đạt".into(),
        (Some(_), _) => format!("Đang thực hiện, còn {} ngày", (deadline - today).num_days()),
        (None, _) if today > deadline => "Chưa báo cáo, đã quá hạn".into(),
        (None, _) => "Chưa báo cáo".into(),
    }
}

/// The reasons given in column `column` on the rows where column `when` is
/// more than 0, split at ";", counted by how many rows and units give
/// them, most given first.
fn reasons(reports: &[&Report], column: usize, when: usize) -> Vec<ReasonLine> {
    let mut found: Vec<(String, String, usize, Vec<&str>)> = Vec::new();
    for report in reports {
        for row in report.rows.iter().filter(|row| row.amount(when) > 0) {
            let Some(Value::Text(reason)) = &row.cells[column] else { continue };
            for part in reason.as_str().split(';').map(|p| p.trim().trim_end_matches('.')).filter(|p| !p.is_empty()) {
                let key = part.to_lowercase();
                match found.iter_mut().find(|(k, ..)| *k == key) {
                    Some((_, _, mentions, units)) => {
                        *mentions += 1;
                        if !units.contains(&report.unit.as_str()) {
                            units.push(&report.unit);
                        }
                    }
                    None => found.push((key, capitalized(part), 1, vec![&report.unit])),
                }
            }
        }
    }
    found.sort_by(|a, b| b.2.cmp(&a.2).then(b.3.len().cmp(&a.3.len())).then(a.0.cmp(&b.0)));
    found.into_iter().map(|(_, reason, mentions, units)| ReasonLine { reason, mentions, units: units.len() }).collect()
}

/// A CSV cell that spreadsheets show as the text it is. One beginning with
/// =, +, -, @, a tab or a carriage return would be run as a formula (a unit
/// named `=HYPERLINK(…)`): a leading apostrophe keeps it text, as OWASP advises.
fn text_cell(field: &str) -> String {
    match field.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        true => format!("'{field}"),
        false => field.to_owned(),
    }
}

/// An amount as a spreadsheet reads it: no separators, a decimal point.
fn plain(amount: u64, decimals: u32) -> String {
    let scale = 10_u64.pow(decimals);
    match decimals {
        0 => amount.to_string(),
        _ => format!("{}.{:0width$}", amount / scale, amount % scale, width = decimals as usize),
    }
}

/// Tenths as a spreadsheet reads them: "-4.2".
fn plain_tenths(tenths: i64) -> String {
    format!("{}{}.{}", if tenths < 0 { "-" } else { "" }, tenths.abs() / 10, tenths.abs() % 10)
}

impl SummaryView {
    /// What the summary `ident` and its tables are made from, for a rebuild
    /// to compare.
    pub fn inputs(&self, inputs: Inputs, ident: &str) -> Inputs {
        let tables = format!("{:?}", (&self.table, &self.measures, &self.columns, &self.sheet_heads, &self.issuer));
        inputs.document(Template::Summary, self, &self.stamps).meta(&self.meta(ident)).text(&tables)
    }

    /// The summary laid out whole.
    pub fn layout(&self, renderer: &Renderer) -> Result<PagedDocument> {
        let whole = serde_json::to_value(self).expect("views serialize to JSON");
        render::compile(&renderer.engine, Template::Summary, &piece_data(&whole, Rows::of(self).whole()), &self.stamps)
    }

    /// The summary's PDF: laid out whole, or a piece at a time where it has
    /// more than [`PIECE_ROWS`] rows, taking from `pieces` those laid out before.
    pub fn pdf(&self, renderer: &Renderer, ident: &str, settings: PdfSettings, pieces: &Pieces) -> Result<Vec<u8>> {
        match Rows::of(self).count() > PIECE_ROWS {
            true => self.pdf_in_pieces(renderer, ident, settings, PIECE_ROWS, pieces),
            false => crate::pdf::export(self.layout(renderer)?, &self.meta(ident), settings, None),
        }
    }

    pub fn meta<'a>(&'a self, ident: &'a str) -> PdfMeta<'a> {
        PdfMeta { ident, title: &self.title, date: self.date, tagged: true }
    }

    /// One CSV row: the status in its own column, and in the numeric
    /// columns only numbers (amounts without separators, shares with a
    /// decimal point), left empty where there is no number, so that a
    /// spreadsheet reads them.
    fn csv_row(&self, row: &TableRow) -> Vec<String> {
        let measures = self.measures.iter().map(|measure| match (measure, &row.now) {
            (Measure::Change, _) => row.change.map(plain_tenths).unwrap_or_default(),
            (_, None) => String::new(),
            (Measure::Amount(column), Some(now)) => now.amount(*column).map(|a| plain(a, self.columns[*column].decimals())).unwrap_or_default(),
            (Measure::Share(indicator), Some(now)) => now.tenths(indicator).map(plain_tenths).unwrap_or_default(),
        });
        [text_cell(&row.group), row.number.clone(), text_cell(&row.name), text_cell(&row.code), row.status.words().to_owned()]
            .into_iter()
            .chain(measures)
            .chain([row.signed.to_owned()])
            .collect()
    }

    /// The table as CSV: UTF-8 with a byte-order mark, so that Excel reads
    /// the Vietnamese right.
    pub fn csv(&self) -> String {
        spreadsheet::write(std::iter::once(self.sheet_heads.clone()).chain(self.table.iter().map(|row| self.csv_row(row))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceFile;

    fn form() -> Form {
        Form::load(&SourceFile::new("bieu-mau.toml", include_str!("../../data/bieu-mau.toml"))).unwrap()
    }

    /// A tally of one row with these amounts in the form's first two amount columns.
    fn tally(form: &Form, total: u64, part: u64) -> Tally {
        let mut cells = vec![None; form.columns.len()];
        cells[1] = Some(Value::Count(total));
        cells[2] = Some(Value::Count(part));
        Tally::of(form, &[Row { cells }])
    }

    #[test]
    fn shares_change_in_points() {
        let form = form();
        let headline = &form.indicators[0];
        let (now, before) = (tally(&form, 12, 10), tally(&form, 12, 7));
        assert_eq!(change(&now, &before, headline).map(points).as_deref(), Some("+25,0"));
        assert_eq!(change(&before, &now, headline).map(points).as_deref(), Some("−25,0"));
        assert_eq!(change(&now, &now, headline).map(points).as_deref(), Some("0,0"));
        assert_eq!(change(&now, &Tally::zero(&form), headline), None, "no share of nobody");
    }

    #[test]
    fn sums_work_the_derived_columns_out_again() {
        let form = form();
        let mut sum = Tally::zero(&form);
        sum.add(&form, &tally(&form, 12, 10));
        sum.add(&form, &tally(&form, 5, 1));
        assert_eq!(sum, tally(&form, 17, 11));
        assert_eq!(sum.amount(3), Some(6), "the derived column: 17 − 11");
        assert_eq!(amounts_sentence(&form, &sum), "tổng số **17** người, đã cài đặt **11** người (**64,7%**), chưa cài đặt 6 người");
    }

    #[test]
    fn deadlines_are_met_late_or_open() {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        assert_eq!(status(Some(true), Some(d(6, 29)), d(6, 30), d(7, 2)), "Đã đạt, đúng hạn");
        assert_eq!(status(Some(true), Some(d(8, 1)), d(6, 30), d(8, 3)), "Đã đạt, sau hạn");
        assert_eq!(status(Some(false), Some(d(8, 1)), d(6, 30), d(8, 3)), "Quá hạn, chưa đạt");
        assert_eq!(status(Some(false), Some(d(8, 1)), d(8, 31), d(8, 3)), "Đang thực hiện, còn 28 ngày");
        assert_eq!(status(None, None, d(8, 31), d(8, 3)), "Chưa báo cáo");
        assert_eq!(status(None, None, d(6, 30), d(8, 3)), "Chưa báo cáo, đã quá hạn");
    }

    #[test]
    fn headings_widen_their_columns() {
        let form = form();
        let widths: Vec<f64> = printed_heads(&form, &Measure::all(&form)).iter().map(|h| h.width).collect();
        assert_eq!(widths, [17.0, 18.0, 18.0, 17.0, 19.0], "the widths the summary had before its form was data");
    }
}

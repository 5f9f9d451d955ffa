//! The monthly consolidated report: every unit's numbers grouped by kind and
//! totalled, a bar chart of the installed shares, the change since the month
//! before counted like for like, who has not reported, each unit's deadline,
//! and the reasons given.

use std::collections::{HashMap, HashSet};

use chrono::{Days, NaiveDate};
use serde::Serialize;
use typst_layout::PagedDocument;

use super::Renderer;
use super::dispatch::citation;
use super::parts::{HeaderView, SignatureView, recipient_lines};
use crate::error::Result;
use crate::markup::{self, Span};
use crate::model::{Dispatch, DocDate, Month, Report, SignatureRecord, SummarySettings, UnitKind, Units};
use crate::render::{self, PdfMeta};
use crate::signature::Status as SignatureStatus;
use crate::spreadsheet;
use crate::stamp::Stamp;
use crate::templates::Template;
use crate::vietnamese::{count, long_date, percent, short_date};

mod workbook;

const GROUPS: [(UnitKind, &str); 4] = [
    (UnitKind::Agency, "Các cơ quan, đơn vị"),
    (UnitKind::Organisation, "Mặt trận Tổ quốc, các đoàn thể và cơ quan của Đảng ủy"),
    (UnitKind::School, "Trường học"),
    (UnitKind::Village, "Các thôn"),
];

const NOT_REPORTED: &str = "Chưa báo cáo";

/// Installed and total people: one unit's, a group's or everyone's.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Count {
    pub total: u64,
    pub installed: u64,
}

impl Count {
    fn of(report: &Report) -> Self {
        let (total, installed, _) = report.totals();
        Self { total, installed }
    }

    fn add(&mut self, other: Count) {
        self.total += other.total;
        self.installed += other.installed;
    }

    /// The installed share, 0 to 1; none where nobody is counted.
    pub fn share(self) -> Option<f64> {
        (self.total > 0).then(|| self.installed as f64 / self.total as f64)
    }

    /// The share in tenths of a percent, rounded as it prints; none where
    /// nobody is counted.
    fn tenths(self) -> Option<i64> {
        (self.total > 0).then(|| crate::vietnamese::tenths_of_percent(self.installed, self.total) as i64)
    }

    fn share_text(self) -> String {
        percent(self.installed, self.total)
    }
}

/// The change of the printed share in tenths of a point; none where either
/// month counts nobody.
fn change(now: Count, before: Count) -> Option<i64> {
    Some(now.tenths()? - before.tenths()?)
}

/// "+4,2" percentage points, as the change column prints.
fn points(tenths: i64) -> String {
    let sign = if tenths > 0 {
        "+"
    } else if tenths < 0 {
        "−"
    } else {
        ""
    };
    format!("{sign}{},{}", tenths.abs() / 10, tenths.abs() % 10)
}

/// Whether a unit reported this month, and how that compares with before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Missing,
    Reported,
    /// No report of the unit in any month before, though other units reported.
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

/// One row of the table of units: a group's heading, a unit, a subtotal or
/// the grand total.
#[derive(Debug, Serialize)]
struct Line {
    number: String,
    name: String,
    total: String,
    installed: String,
    not_installed: String,
    share: String,
    change: String,
    /// False where nobody counted in the row reported: it prints
    /// "Chưa báo cáo", never zeros.
    reported: bool,
    first: bool,
    kind: &'static str,
}

impl Line {
    fn new(number: String, name: String, now: Option<Count>, change: Option<i64>, status: Status, kind: &'static str) -> Self {
        let field = |f: fn(Count) -> String| now.map(f).unwrap_or_default();
        Self {
            number,
            name,
            total: field(|c| count(c.total)),
            installed: field(|c| count(c.installed)),
            not_installed: field(|c| count(c.total - c.installed)),
            share: field(Count::share_text),
            change: change.map(points).unwrap_or_default(),
            reported: now.is_some(),
            first: status == Status::First,
            kind,
        }
    }

    fn group(number: &str, name: &str) -> Self {
        Self::new(number.into(), name.into(), None, None, Status::Reported, "group")
    }
}

/// A group's bars in the chart.
#[derive(Debug, Serialize)]
struct ChartGroup {
    name: String,
    bars: Vec<Bar>,
}

/// A unit's bar in the chart: its installed share against the 100 % target.
#[derive(Debug, Serialize)]
struct Bar {
    name: String,
    /// 0 to 1; none where the unit counts nobody.
    share: Option<f64>,
    label: String,
    first: bool,
}

/// One row of the comparison with the month before: a section's heading, a
/// unit, or the sum over the units that reported both months.
#[derive(Debug, Serialize)]
struct CompareLine {
    number: String,
    name: String,
    before_total: String,
    before_installed: String,
    now_total: String,
    now_installed: String,
    /// People installed, more or fewer.
    change: String,
    points: String,
    kind: &'static str,
}

impl CompareLine {
    fn new(number: String, name: String, before: Option<Count>, now: Option<Count>, kind: &'static str) -> Self {
        let total = |c: Option<Count>| c.map_or_else(|| NOT_REPORTED.into(), |c| count(c.total));
        let installed = |c: Option<Count>| c.map(|c| count(c.installed)).unwrap_or_default();
        let both = before.zip(now);
        Self {
            number,
            name,
            before_total: total(before),
            before_installed: installed(before),
            now_total: total(now),
            now_installed: installed(now),
            change: both.map(|(b, n)| signed(n.installed as i64 - b.installed as i64)).unwrap_or_default(),
            points: both.and_then(|(b, n)| change(n, b)).map(points).unwrap_or_default(),
            kind,
        }
    }

    fn section(name: String) -> Self {
        Self::new(String::new(), name, None, None, "section")
    }
}

/// "+114", "−3", "0".
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

fn signed(n: i64) -> String {
    let sign = if n > 0 {
        "+"
    } else if n < 0 {
        "−"
    } else {
        ""
    };
    format!("{sign}{}", count(n.unsigned_abs()))
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
    now: Option<Count>,
    change: Option<i64>,
    kind: RowKind,
    /// A unit's "Ký số"; empty on sums.
    signed: &'static str,
}

/// The columns of the table as CSV and workbook.
const TABLE_HEADS: [&str; 11] = [
    "Nhóm",
    "Stt",
    "Đơn vị",
    "Mã",
    "Tình trạng",
    "Tổng số",
    "Đã cài đặt",
    "Chưa cài đặt",
    "Tỷ lệ đã cài đặt (%)",
    "Thay đổi so với tháng trước (điểm %)",
    "Ký số",
];

/// Everything summary.typ prints.
#[derive(Debug, Serialize)]
pub struct SummaryView {
    fonts: Vec<String>,
    header: HeaderView,
    subject: String,
    recipients: Vec<String>,
    intro: Vec<Vec<Span>>,
    overall: Vec<Vec<Span>>,
    has_previous: bool,
    previous_month: String,
    /// "Tháng 6/2026", "Tháng 7/2026": the comparison's column heads.
    previous_short: String,
    month_short: String,
    lines: Vec<Line>,
    chart: Vec<ChartGroup>,
    comparison: Vec<CompareLine>,
    deadlines: Vec<DeadlineLine>,
    missing: Vec<String>,
    reasons: Vec<ReasonLine>,
    signature: SignatureView,
    #[serde(skip)]
    title: String,
    #[serde(skip)]
    date: NaiveDate,
    /// The table of units as the CSV and the workbook hold it.
    #[serde(skip)]
    table: Vec<TableRow>,
    /// Who issues the summary, for the workbook's page header.
    #[serde(skip)]
    issuer: String,
    #[serde(skip)]
    stamps: Vec<Stamp>,
}

/// The reports a summary is made from.
pub struct MonthReports<'a> {
    pub now: Vec<&'a Report>,
    /// The month before's; empty where it has none.
    pub previous: Vec<&'a Report>,
    /// The codes of the units that reported in any month before this one.
    pub earlier: HashSet<String>,
}

/// A unit's numbers this month and the month before.
struct UnitMonth {
    number: usize,
    code: String,
    name: String,
    now: Option<Count>,
    before: Option<Count>,
    status: Status,
    /// The "Ký số" column.
    signed: &'static str,
}

/// Sums over some units: of all that reported, and of those that reported
/// both months (this month's and the month before's numbers).
#[derive(Default)]
struct Sums {
    now: Option<Count>,
    both: Option<(Count, Count)>,
    both_units: usize,
}

impl Sums {
    fn add(&mut self, unit: &UnitMonth) {
        if let Some(now) = unit.now {
            self.now.get_or_insert_default().add(now);
            if let Some(before) = unit.before {
                let both = self.both.get_or_insert_default();
                both.0.add(now);
                both.1.add(before);
                self.both_units += 1;
            }
        }
    }

    /// The like-for-like change of the share, in tenths of a point.
    fn change(&self) -> Option<i64> {
        self.both.and_then(|(now, before)| change(now, before))
    }
}

/// The summary of `month` from its reports and, where there are any, the
/// reports of the month before.
pub fn summarize(
    settings: &SummarySettings,
    units: &Units,
    dispatch: &Dispatch,
    month: Month,
    reports: &MonthReports,
    (signature, stamps): (SignatureView, Vec<Stamp>),
    fonts: &[String],
) -> SummaryView {
    let issue = settings.months.get(&month.key()).copied();
    let date = issue.and_then(|i| i.date).map_or_else(|| month.due().date() + Days::new(1), |d| d.0);
    let header = HeaderView::new(&settings.issuer, issue.and_then(|i| i.number), &settings.symbol, &dispatch.place, DocDate(date));
    let by_code = |list: &[&'_ Report]| list.iter().map(|r| (r.unit.clone(), Count::of(r))).collect::<HashMap<_, _>>();
    let (now_by_code, before_by_code) = (by_code(&reports.now), by_code(&reports.previous));
    // Each report of the month by its unit, looked up once per unit: the
    // units' table and the deadlines' both show it.
    let report_by_code: HashMap<&str, &Report> = reports.now.iter().map(|r| (r.unit.as_str(), *r)).collect();
    let signed_of = |code: &str| report_by_code.get(code).map_or("-", |r| signed_column(&r.signatures));
    let has_previous = !reports.previous.is_empty();
    let has_history = !reports.earlier.is_empty();

    let mut groups: Vec<(&str, &str, Vec<UnitMonth>)> = Vec::new();
    let mut number = 0;
    for (roman, (kind, group)) in ["I", "II", "III", "IV"].into_iter().zip(GROUPS) {
        let members: Vec<UnitMonth> = units
            .units
            .iter()
            .filter(|u| u.kind == kind)
            .map(|unit| {
                number += 1;
                let code = unit.code.get_ref().as_str();
                let now = now_by_code.get(code).copied();
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
                    before: before_by_code.get(code).copied(),
                    status,
                    signed: signed_of(code),
                }
            })
            .collect();
        if !members.is_empty() {
            groups.push((roman, group, members));
        }
    }

    let mut table = Vec::new();
    let (mut lines, mut chart, mut all) = (Vec::new(), Vec::new(), Sums::default());
    let reported = |now: &Option<Count>| if now.is_some() { Status::Reported } else { Status::Missing };
    for (roman, group, members) in &groups {
        lines.push(Line::group(roman, group));
        let (mut sums, mut bars) = (Sums::default(), Vec::new());
        for unit in members {
            sums.add(unit);
            all.add(unit);
            let change = unit.now.zip(unit.before).and_then(|(n, b)| change(n, b));
            table.push(TableRow {
                group: group.to_string(),
                number: unit.number.to_string(),
                name: unit.name.clone(),
                code: unit.code.clone(),
                status: unit.status,
                now: unit.now,
                change,
                kind: RowKind::Unit,
                signed: unit.signed,
            });
            lines.push(Line::new(unit.number.to_string(), unit.name.clone(), unit.now, change, unit.status, "unit"));
            if let Some(now) = unit.now {
                bars.push(Bar { name: unit.name.clone(), share: now.share(), label: now.share_text(), first: unit.status == Status::First });
            }
        }
        if !bars.is_empty() {
            chart.push(ChartGroup { name: format!("{roman}. {group}"), bars });
        }
        let name = format!("Cộng {roman}");
        table.push(TableRow {
            group: group.to_string(),
            number: String::new(),
            name: name.clone(),
            code: String::new(),
            status: reported(&sums.now),
            now: sums.now,
            change: sums.change(),
            kind: RowKind::Subtotal,
            signed: "",
        });
        lines.push(Line::new(String::new(), name, sums.now, sums.change(), reported(&sums.now), "subtotal"));
    }
    table.push(TableRow {
        group: String::new(),
        number: String::new(),
        name: "Tổng cộng".into(),
        code: String::new(),
        status: reported(&all.now),
        now: all.now,
        change: all.change(),
        kind: RowKind::Total,
        signed: "",
    });
    lines.push(Line::new(String::new(), "Tổng cộng".into(), all.now, all.change(), reported(&all.now), "total"));

    let deadlines = units
        .units
        .iter()
        .map(|unit| {
            let deadline = units.deadline(unit).0;
            let code = unit.code.get_ref().as_str();
            let now = now_by_code.get(code).copied();
            let report = report_by_code.get(code);
            DeadlineLine {
                name: unit.name.to_string(),
                deadline: short_date(deadline),
                share: now.map_or_else(|| "-".into(), Count::share_text),
                status: status(now, report.map(|r| r.date.0), deadline, date),
                signed: signed_of(code),
            }
        })
        .collect();

    let all_units = || groups.iter().flat_map(|(_, _, members)| members);
    let missing: Vec<String> =
        units.units.iter().filter(|unit| !now_by_code.contains_key(unit.code.get_ref().as_str())).map(|unit| unit.name.to_string()).collect();

    let subject_line = dispatch.subject.as_str().split_whitespace().collect::<Vec<_>>().join(" ");
    let intro = vec![markup::parse(&format!(
        "Thực hiện {} về việc {subject_line}, {} tổng hợp kết quả thực hiện {} của các cơ quan, đơn vị như sau:",
        citation(dispatch),
        settings.issuer.full_name,
        month.words()
    ))];
    let mut overall = vec![markup::parse(&match all.now {
        None => format!("Đến {}, chưa đơn vị nào trong {} đơn vị gửi báo cáo.", long_date(date), units.units.len()),
        Some(all) => format!(
            "Đến {}, **{}/{}** đơn vị đã gửi báo cáo. Tổng số **{}** người, đã cài đặt **{}** người{}, chưa cài đặt {} người.",
            long_date(date),
            reports.now.len(),
            units.units.len(),
            count(all.total),
            count(all.installed),
            if all.total > 0 { format!(" (**{}**)", all.share_text()) } else { String::new() },
            count(all.total - all.installed)
        ),
    })];
    let mut comparison = Vec::new();
    if has_previous {
        overall.push(markup::parse(&compared_sentence(month, &all)));
        let (first, returned, stopped) = apart(all_units(), &mut comparison, &all, month);
        if first + returned + stopped > 0 {
            let mut parts = Vec::new();
            if first > 0 {
                parts.push(format!("{first} đơn vị báo cáo lần đầu"));
            }
            if returned > 0 {
                parts.push(format!("{returned} đơn vị không báo cáo {}", month.previous().words()));
            }
            if stopped > 0 {
                parts.push(format!("{stopped} đơn vị đã báo cáo {} nhưng chưa báo cáo {}", month.previous().words(), month.words()));
            }
            overall.push(markup::parse(&format!("Không tính vào mức thay đổi: {}; số liệu của các đơn vị này ở bảng dưới.", parts.join(", "))));
        }
    }

    SummaryView {
        fonts: fonts.to_vec(),
        header,
        subject: format!("{} {}", settings.subject, month.words()),
        recipients: recipient_lines(&settings.recipients),
        intro,
        overall,
        has_previous,
        previous_month: month.previous().words(),
        previous_short: short_month(month.previous()),
        month_short: short_month(month),
        lines,
        chart,
        comparison,
        deadlines,
        missing,
        reasons: reasons(&reports.now),
        signature,
        title: format!("Báo cáo tổng hợp {}", month.words()),
        date,
        table,
        issuer: settings.issuer.full_name.to_string(),
        stamps,
    }
}

fn short_month(month: Month) -> String {
    let key = month.key();
    format!("Tháng {}/{}", key[5..].trim_start_matches('0'), &key[..4])
}

/// "So với tháng 6 năm 2026, ở 4 đơn vị báo cáo cả hai tháng, …": the
/// change over the units that reported both months only.
fn compared_sentence(month: Month, all: &Sums) -> String {
    let before_words = month.previous().words();
    let Some((now, before)) = all.both else {
        return format!("So với {before_words}, không có đơn vị nào báo cáo cả hai tháng nên chưa so sánh được.");
    };
    let delta = now.installed as i64 - before.installed as i64;
    let people = match delta {
        0 => "không đổi".to_owned(),
        d => format!("{} **{}** người", if d > 0 { "tăng" } else { "giảm" }, count(d.unsigned_abs())),
    };
    let share = match (all.change(), before.tenths(), now.tenths()) {
        (Some(change), Some(_), Some(_)) => {
            format!("; tỷ lệ đã cài đặt thay đổi **{}** điểm phần trăm (từ {} thành {})", points(change), before.share_text(), now.share_text())
        }
        _ => String::new(),
    };
    format!(
        "So với {before_words}, ở **{}** đơn vị báo cáo cả hai tháng, số người đã cài đặt {people} (từ {} thành {} người){share}.",
        all.both_units,
        count(before.installed),
        count(now.installed)
    )
}

/// The comparison table: the units that reported both months and their
/// sum, then, apart, first reports, units back after a month without, and
/// units that did not report again. Returns how many of each are apart.
fn apart<'a>(units: impl Iterator<Item = &'a UnitMonth> + Clone, table: &mut Vec<CompareLine>, all: &Sums, month: Month) -> (usize, usize, usize) {
    let row = |u: &UnitMonth, kind| CompareLine::new(u.number.to_string(), u.name.clone(), u.before, u.now, kind);
    let both: Vec<_> = units.clone().filter(|u| u.now.is_some() && u.before.is_some()).collect();
    let first: Vec<_> = units.clone().filter(|u| u.status == Status::First).collect();
    let returned: Vec<_> = units.clone().filter(|u| u.status == Status::Reported && u.before.is_none()).collect();
    let stopped: Vec<_> = units.filter(|u| u.now.is_none() && u.before.is_some()).collect();
    let sections = [
        ("Báo cáo cả hai tháng".to_owned(), &both),
        ("Báo cáo lần đầu".to_owned(), &first),
        (format!("Không báo cáo {}", month.previous().words()), &returned),
        (format!("Đã báo cáo {}, chưa báo cáo {}", month.previous().words(), month.words()), &stopped),
    ];
    for (index, (title, members)) in sections.into_iter().enumerate() {
        if members.is_empty() {
            continue;
        }
        table.push(CompareLine::section(title));
        table.extend(members.iter().map(|u| row(u, "unit")));
        if index == 0 {
            let (now, before) = all.both.map_or((None, None), |(n, b)| (Some(n), Some(b)));
            table.push(CompareLine::new(String::new(), format!("Cộng ({} đơn vị)", all.both_units), before, now, "sum"));
        }
    }
    (first.len(), returned.len(), stopped.len())
}

/// Met, late, or still open at the summary's date.
fn status(now: Option<Count>, reported: Option<NaiveDate>, deadline: NaiveDate, today: NaiveDate) -> String {
    match (now, reported) {
        (Some(count), Some(reported)) if count.installed == count.total && count.total > 0 => {
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

/// The reasons given for not installing, split at ";", counted by how many
/// rows and units give them, most given first.
fn reasons(reports: &[&Report]) -> Vec<ReasonLine> {
    let mut found: Vec<(String, String, usize, Vec<&str>)> = Vec::new();
    for report in reports {
        for row in report.rows.iter().filter(|row| row.not_installed() > 0) {
            let Some(reason) = &row.reason else { continue };
            for part in reason.as_str().split(';').map(|p| p.trim().trim_end_matches('.')).filter(|p| !p.is_empty()) {
                let key = part.to_lowercase();
                match found.iter_mut().find(|(k, ..)| *k == key) {
                    Some((_, _, mentions, units)) => {
                        *mentions += 1;
                        if !units.contains(&report.unit.as_str()) {
                            units.push(&report.unit);
                        }
                    }
                    None => {
                        let mut chars = part.chars();
                        let shown = chars.next().map(|c| c.to_uppercase().collect::<String>() + chars.as_str());
                        found.push((key, shown.unwrap_or_default(), 1, vec![&report.unit]));
                    }
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

/// One CSV row: the status in its own column, and in the numeric columns
/// only numbers (counts without separators, shares with a decimal point),
/// left empty where there is no number, so that a spreadsheet reads them.
fn csv_row(TableRow { group, number, name, code, status, now, change, signed, .. }: &TableRow) -> Vec<String> {
    let (now, change) = (*now, *change);
    let tenths = |t: i64| format!("{}{}.{}", if t < 0 { "-" } else { "" }, t.abs() / 10, t.abs() % 10);
    let numbers = |f: fn(Count) -> String| now.map(f).unwrap_or_default();
    vec![
        text_cell(group),
        number.clone(),
        text_cell(name),
        text_cell(code),
        status.words().to_owned(),
        numbers(|c| c.total.to_string()),
        numbers(|c| c.installed.to_string()),
        numbers(|c| (c.total - c.installed).to_string()),
        now.and_then(Count::tenths).map(tenths).unwrap_or_default(),
        change.map(tenths).unwrap_or_default(),
        (*signed).to_owned(),
    ]
}

impl SummaryView {
    pub fn layout(&self, renderer: &Renderer) -> Result<PagedDocument> {
        render::compile(&renderer.engine, Template::Summary, self, &self.stamps)
    }

    pub fn meta<'a>(&'a self, ident: &'a str) -> PdfMeta<'a> {
        PdfMeta { ident, title: &self.title, date: self.date, tagged: true }
    }

    /// The table as CSV: UTF-8 with a byte-order mark, so that Excel reads
    /// the Vietnamese right.
    pub fn csv(&self) -> String {
        let head = TABLE_HEADS.map(String::from).to_vec();
        spreadsheet::write(std::iter::once(head).chain(self.table.iter().map(csv_row)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_change_in_points() {
        let now = Count { total: 12, installed: 10 };
        let before = Count { total: 12, installed: 7 };
        assert_eq!(change(now, before).map(points).as_deref(), Some("+25,0"));
        assert_eq!(change(before, now).map(points).as_deref(), Some("−25,0"));
        assert_eq!(change(now, now).map(points).as_deref(), Some("0,0"));
        assert_eq!(change(now, Count::default()), None, "no share of nobody");
    }

    #[test]
    fn deadlines_are_met_late_or_open() {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        let full = Some(Count { total: 5, installed: 5 });
        let part = Some(Count { total: 5, installed: 3 });
        assert_eq!(status(full, Some(d(6, 29)), d(6, 30), d(7, 2)), "Đã đạt, đúng hạn");
        assert_eq!(status(full, Some(d(8, 1)), d(6, 30), d(8, 3)), "Đã đạt, sau hạn");
        assert_eq!(status(part, Some(d(8, 1)), d(6, 30), d(8, 3)), "Quá hạn, chưa đạt");
        assert_eq!(status(part, Some(d(8, 1)), d(8, 31), d(8, 3)), "Đang thực hiện, còn 28 ngày");
        assert_eq!(status(None, None, d(8, 31), d(8, 3)), "Chưa báo cáo");
        assert_eq!(status(None, None, d(6, 30), d(8, 3)), "Chưa báo cáo, đã quá hạn");
    }
}

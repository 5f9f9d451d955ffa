//! The monthly consolidated report: every unit's numbers grouped by kind and
//! totalled, a bar chart of the installed shares, the change since the month
//! before, who has not reported, each unit's deadline, and the reasons given.

use chrono::{Days, NaiveDate};
use serde::Serialize;
use typst_layout::PagedDocument;

use super::Renderer;
use super::dispatch::citation;
use super::parts::{HeaderView, SignatureView, recipient_lines};
use crate::error::Result;
use crate::markup::{self, Span};
use crate::model::{DocDate, Dispatch, Month, Report, SummarySettings, UnitKind, Units};
use crate::render::{self, PdfMeta};
use crate::stamp::Stamp;
use crate::templates::Template;
use crate::vietnamese::{count, long_date, percent, short_date};

const GROUPS: [(UnitKind, &str); 4] = [
    (UnitKind::Agency, "Các cơ quan, đơn vị"),
    (UnitKind::Organisation, "Mặt trận Tổ quốc, các đoàn thể và cơ quan của Đảng ủy"),
    (UnitKind::School, "Trường học"),
    (UnitKind::Village, "Các thôn"),
];

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

    /// The installed share, 0 to 1.
    pub fn share(self) -> f64 {
        if self.total == 0 { 0.0 } else { self.installed as f64 / self.total as f64 }
    }

    /// The share in tenths of a percent, rounded as it prints.
    fn tenths(self) -> i64 {
        if self.total == 0 { 0 } else { crate::vietnamese::tenths_of_percent(self.installed, self.total) as i64 }
    }
}

/// "+4,2" percentage points, as the change column prints.
fn points(now: Count, before: Count) -> String {
    let delta = now.tenths() - before.tenths();
    let sign = if delta > 0 { "+" } else if delta < 0 { "−" } else { "" };
    format!("{sign}{},{}", delta.abs() / 10, delta.abs() % 10)
}

#[derive(Debug, Serialize)]
struct Line {
    number: String,
    name: String,
    total: String,
    installed: String,
    not_installed: String,
    share: String,
    change: String,
    /// 0 to 1, for the bar chart; absent where the unit has not reported.
    bar: Option<f64>,
    /// A group's heading, a subtotal or the grand total.
    kind: &'static str,
}

impl Line {
    fn counted(number: String, name: String, now: Count, before: Option<Count>, kind: &'static str) -> Self {
        Self {
            number,
            name,
            total: count(now.total),
            installed: count(now.installed),
            not_installed: count(now.total - now.installed),
            share: percent(now.installed, now.total),
            change: before.filter(|b| b.total > 0 && now.total > 0).map(|before| points(now, before)).unwrap_or_default(),
            bar: (kind == "unit").then(|| now.share()),
            kind,
        }
    }

    fn text(number: String, name: String, note: &str, kind: &'static str) -> Self {
        let blank = String::new;
        Self { number, name, total: blank(), installed: blank(), not_installed: note.into(), share: blank(), change: blank(), bar: None, kind }
    }
}

#[derive(Debug, Serialize)]
struct DeadlineLine {
    name: String,
    deadline: String,
    share: String,
    status: String,
}

#[derive(Debug, Serialize)]
struct ReasonLine {
    reason: String,
    mentions: usize,
    units: usize,
}

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
    lines: Vec<Line>,
    deadlines: Vec<DeadlineLine>,
    missing: Vec<String>,
    reasons: Vec<ReasonLine>,
    signature: SignatureView,
    #[serde(skip)]
    title: String,
    #[serde(skip)]
    date: NaiveDate,
    #[serde(skip)]
    csv: String,
    #[serde(skip)]
    stamps: Vec<Stamp>,
}

/// The summary of `month` from its reports and, where there are any, the
/// reports of the month before.
pub fn summarize(
    settings: &SummarySettings,
    units: &Units,
    dispatch: &Dispatch,
    month: Month,
    reports: &[&Report],
    previous: &[&Report],
    (signature, stamps): (SignatureView, Vec<Stamp>),
    fonts: &[String],
) -> SummaryView {
    let issue = settings.months.get(&month.key()).copied();
    let date = issue.and_then(|i| i.date).map_or_else(|| month.due().date() + Days::new(1), |d| d.0);
    let header = HeaderView::new(&settings.issuer, issue.and_then(|i| i.number), &settings.symbol, &dispatch.place, DocDate(date));
    let find = |reports: &[&Report], code: &str| reports.iter().find(|r| r.unit == code).map(|r| Count::of(r));
    let has_previous = !previous.is_empty();

    let (mut lines, mut csv) = (Vec::new(), String::from("\u{feff}"));
    csv += "Nhóm,Stt,Đơn vị,Mã,Tổng số,Đã cài đặt,Chưa cài đặt,Tỷ lệ đã cài đặt (%),Thay đổi so với tháng trước (điểm %)\r\n";
    let (mut all, mut all_before) = (Count::default(), Count::default());
    let mut number = 0;
    for (roman, (kind, group)) in ["I", "II", "III", "IV"].iter().zip(GROUPS) {
        let members: Vec<_> = units.units.iter().filter(|u| u.kind == kind).collect();
        if members.is_empty() {
            continue;
        }
        lines.push(Line::text(roman.to_string(), group.into(), "", "group"));
        let (mut sum, mut sum_before) = (Count::default(), Count::default());
        for unit in members {
            number += 1;
            let code = unit.code.get_ref().as_str();
            let name = unit.name.to_string();
            match find(reports, code) {
                Some(now) => {
                    let before = if has_previous { find(previous, code) } else { None };
                    sum.add(now);
                    if let Some(before) = before {
                        sum_before.add(before);
                    }
                    let line = Line::counted(number.to_string(), name, now, before, "unit");
                    csv += &csv_line(group, &line, code);
                    lines.push(line);
                }
                None => {
                    let line = Line::text(number.to_string(), name, "Chưa báo cáo", "missing");
                    csv += &csv_line(group, &line, code);
                    lines.push(line);
                }
            }
        }
        let line = Line::counted(String::new(), format!("Cộng {}", roman), sum, has_previous.then_some(sum_before), "subtotal");
        csv += &csv_line(group, &line, "");
        lines.push(line);
        all.add(sum);
        all_before.add(sum_before);
    }
    let line = Line::counted(String::new(), "Tổng cộng".into(), all, has_previous.then_some(all_before), "total");
    csv += &csv_line("", &line, "");
    lines.push(line);

    let deadlines = units
        .units
        .iter()
        .map(|unit| {
            let deadline = units.deadline(unit).0;
            let now = find(reports, unit.code.get_ref().as_str());
            let report_date = reports.iter().find(|r| r.unit == unit.code.get_ref().as_str()).map(|r| r.date.0);
            DeadlineLine {
                name: unit.name.to_string(),
                deadline: short_date(deadline),
                share: now.map(|c| percent(c.installed, c.total)).unwrap_or_else(|| "-".into()),
                status: status(now, report_date, deadline, date),
            }
        })
        .collect();

    let missing: Vec<String> = units
        .units
        .iter()
        .filter(|unit| find(reports, unit.code.get_ref().as_str()).is_none())
        .map(|unit| unit.name.to_string())
        .collect();

    let subject_line = dispatch.subject.as_str().split_whitespace().collect::<Vec<_>>().join(" ");
    let intro = vec![markup::parse(&format!(
        "Thực hiện {} về việc {subject_line}, {} tổng hợp kết quả thực hiện {} của các cơ quan, đơn vị như sau:",
        citation(dispatch),
        settings.issuer.full_name,
        month.words()
    ))];
    let mut overall = vec![markup::parse(&format!(
        "Đến {}, **{}/{}** đơn vị đã gửi báo cáo. Tổng số **{}** người, đã cài đặt **{}** người (**{}**), chưa cài đặt {} người.",
        long_date(date),
        reports.len(),
        units.units.len(),
        count(all.total),
        count(all.installed),
        percent(all.installed, all.total),
        count(all.total - all.installed)
    ))];
    if has_previous {
        let delta = all.installed as i64 - all_before.installed as i64;
        overall.push(markup::parse(&format!(
            "So với {}, số người đã cài đặt {} {} người; tỷ lệ đã cài đặt thay đổi {} điểm phần trăm.",
            month.previous().words(),
            if delta >= 0 { "tăng" } else { "giảm" },
            count(delta.unsigned_abs()),
            points(all, all_before)
        )));
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
        lines,
        deadlines,
        missing,
        reasons: reasons(reports),
        signature,
        title: format!("Báo cáo tổng hợp {}", month.words()),
        date,
        csv,
        stamps,
    }
}

/// Met, late, or still open at the summary's date.
fn status(now: Option<Count>, reported: Option<NaiveDate>, deadline: NaiveDate, today: NaiveDate) -> String {
    match (now, reported) {
        (Some(count), Some(reported)) if count.installed == count.total && count.total > 0 => {
            if reported <= deadline { "Đã đạt, đúng hạn".into() } else { "Đã đạt, sau hạn".into() }
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
    let field = match field.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        true => format!("'{field}"),
        false => field.to_owned(),
    };
    match field.contains([',', '"', '\n', '\r']) {
        true => format!("\"{}\"", field.replace('"', "\"\"")),
        false => field,
    }
}

fn csv_line(group: &str, line: &Line, code: &str) -> String {
    // Counts without thousands separators and shares with a decimal point,
    // so that a spreadsheet reads them as numbers.
    let plain = |field: &str| field.replace('.', "").replace(',', ".").replace('%', "").replace('−', "-").replace('+', "");
    let fields = [
        text_cell(group),
        line.number.clone(),
        text_cell(&line.name),
        code.to_owned(),
        plain(&line.total),
        plain(&line.installed),
        if line.kind == "missing" { text_cell(&line.not_installed) } else { plain(&line.not_installed) },
        plain(&line.share),
        plain(&line.change),
    ];
    fields.join(",") + "\r\n"
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
    pub fn csv(&self) -> &str {
        &self.csv
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_change_in_points() {
        let now = Count { total: 12, installed: 10 };
        let before = Count { total: 12, installed: 7 };
        assert_eq!(points(now, before), "+25,0");
        assert_eq!(points(before, now), "−25,0");
        assert_eq!(points(now, now), "0,0");
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

//! A unit's monthly report: the Phụ lục 01 form, filled in.

use chrono::{Datelike, Months, NaiveDate, NaiveDateTime, NaiveTime};
use serde::Deserialize as DeriveDeserialize;
use serde::de::{self, Deserialize, Deserializer};
use toml::Spanned;

use super::values::YEARS;
use super::{DocDate, DocNumber, SourceFile, Text, Units};
use crate::error::{Error, Location, Notice, Result};
use crate::signature::Status;
use crate::spreadsheet;

/// The most rows a report may have: a unit's report is a page or two; ten
/// thousand rows take 6 s and 1 GB to lay out, and more is a mistake.
pub const MAX_ROWS: usize = 10_000;

/// Reads a file beside a report (its rows_csv) by name: the name messages
/// show and the bytes.
pub type ReadFile<'a> = dyn Fn(&str) -> Result<(String, Vec<u8>)> + 'a;

/// A report as its TOML file says it.
#[derive(Debug, DeriveDeserialize)]
#[serde(deny_unknown_fields)]
struct ReportFile {
    unit: Spanned<String>,
    month: Spanned<Month>,
    number: Option<DocNumber>,
    date: Spanned<DocDate>,
    signer: Option<Text>,
    notes: Option<Text>,
    #[serde(default, rename = "row")]
    rows: Vec<Spanned<Row>>,
    /// A CSV file beside the report with the form's columns, instead of [[row]].
    rows_csv: Option<Spanned<String>>,
    /// The digital signatures of the returned form it was imported from.
    signature: Option<SignatureRecords>,
}

/// `[[signature]]` as `vanban import` writes it, or the one `[signature]`
/// an older vanban wrote, which it never verified.
#[derive(Debug, DeriveDeserialize)]
#[serde(untagged)]
enum SignatureRecords {
    Verified(Vec<SignatureRecord>),
    Older(OlderSignatureRecord),
}

/// What `vanban import` found about one digital signature of a returned form.
#[derive(Debug, Clone, PartialEq, Eq, DeriveDeserialize)]
#[serde(deny_unknown_fields)]
pub struct SignatureRecord {
    /// None where an older vanban recorded the signature without verifying it.
    pub status: Option<Status>,
    /// The common name of the signer's certificate.
    pub signer: Option<String>,
    /// Who issued that certificate.
    pub issuer: Option<String>,
    /// When it was signed, ISO 8601.
    pub time: Option<String>,
    /// Why it is not valid.
    pub note: Option<String>,
}

#[derive(Debug, DeriveDeserialize)]
#[serde(deny_unknown_fields)]
struct OlderSignatureRecord {
    signer: Option<String>,
    time: Option<String>,
    /// An unverified claim, read so that older reports keep loading.
    #[serde(rename = "covers_whole_file")]
    _covers_whole_file: serde::de::IgnoredAny,
}

/// A report read and checked.
#[derive(Debug)]
pub struct Report {
    /// The unit's code in units.toml.
    pub unit: String,
    /// The month reported on.
    pub month: Month,
    /// Left out until the records clerk numbers the report.
    pub number: Option<DocNumber>,
    pub date: DocDate,
    /// Who signs: the head of the unit.
    pub signer: Option<Text>,
    pub notes: Option<Text>,
    pub rows: Vec<Row>,
    /// The digital signatures of the form it came back as, if any.
    pub signatures: Vec<SignatureRecord>,
    /// The file it was read from, as messages name it.
    pub file: String,
}

#[derive(Debug, Clone, DeriveDeserialize)]
#[serde(deny_unknown_fields)]
pub struct Row {
    pub name: Text,
    pub total: u32,
    pub installed: u32,
    /// Computed when left out; checked when given.
    pub not_installed: Option<u32>,
    pub reason: Option<Text>,
}

impl Row {
    pub fn not_installed(&self) -> u32 {
        self.total - self.installed
    }
}

/// A calendar month, written "2026-07".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month(pub NaiveDate);

impl Month {
    pub fn parse(text: &str) -> Option<Self> {
        let (year, month) = text.trim().split_once('-')?;
        let (year, month) = (year.parse().ok()?, month.parse().ok()?);
        YEARS.contains(&year).then_some(())?;
        NaiveDate::from_ymd_opt(year, month, 1).map(Self)
    }

    /// 17:00 on the 1st of the next month: when the dispatch wants the report.
    pub fn due(self) -> NaiveDateTime {
        let next = self.0 + Months::new(1);
        next.and_time(NaiveTime::from_hms_opt(17, 0, 0).expect("a valid time"))
    }

    pub fn previous(self) -> Self {
        Self(self.0 - Months::new(1))
    }

    /// "tháng 7 năm 2026".
    pub fn words(self) -> String {
        format!("tháng {} năm {}", self.0.month(), self.0.year())
    }

    /// "2026-07", as in folder names.
    pub fn key(self) -> String {
        format!("{:04}-{:02}", self.0.year(), self.0.month())
    }
}

impl<'de> Deserialize<'de> for Month {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text).ok_or_else(|| de::Error::custom(bad_month(&text)))
    }
}

/// A report read and checked, with what the user should hear about it.
pub struct CheckedReport {
    pub report: Report,
    pub warnings: Vec<Notice>,
}

impl Report {
    /// Reads a report and checks its numbers against each other and its unit
    /// against units.toml. `folder_month` is the month its folder is named
    /// for; `read` gives the shown name and bytes of a file beside it (for
    /// rows_csv).
    pub fn load(source: &SourceFile, units: &Units, folder_month: Option<Month>, read: &ReadFile) -> Result<CheckedReport> {
        let file: ReportFile = source.parse()?;
        if units.find(file.unit.get_ref()).is_none() {
            return Err(source.error_at(file.unit.span().start, unknown_unit(file.unit.get_ref(), units.file(), &units.codes())));
        }
        if let Some(folder) = folder_month
            && folder != *file.month.get_ref()
        {
            return Err(source.error_at(file.month.span().start, month_outside_folder(&file.month.get_ref().key(), &folder.key())));
        }
        // Each row keeps its file and byte offset: a location is worked out
        // only for a message, not for every row of a long report.
        let csv_source;
        let (rows_file, rows): (&SourceFile, Vec<(usize, Row)>) = match (&file.rows_csv, file.rows.is_empty()) {
            (Some(csv), true) => {
                let (name, bytes) = read(csv.get_ref()).map_err(|e| source.error_at(csv.span().start, e.to_string()))?;
                csv_source = spreadsheet::decode(name, &bytes)?;
                (&csv_source, csv_rows(&csv_source)?)
            }
            (None, false) => (source, file.rows.into_iter().map(|row| (row.span().start, row.into_inner())).collect()),
            (Some(csv), false) => return Err(source.error_at(csv.span().start, rows_twice())),
            (None, true) => return Err(Error::data(Location::file(&source.name), no_rows())),
        };
        let mut warnings = check_rows(&rows, &rows_file.name, |&at, message| rows_file.error_at(at, message))?;
        if file.signer.is_none() {
            warnings.push(Notice::of(Error::data(Location::file(&source.name), report_unsigned())));
        }
        let due = file.month.get_ref().due();
        if file.date.get_ref().0.and_time(NaiveTime::MIN) > due {
            warnings.push(Notice::of(source.error_at(file.date.span().start, late_report(due))));
        }
        let report = Report {
            unit: file.unit.into_inner(),
            month: file.month.into_inner(),
            number: file.number,
            date: file.date.into_inner(),
            signer: file.signer,
            notes: file.notes,
            rows: rows.into_iter().map(|(_, row)| row).collect(),
            signatures: match file.signature {
                None => Vec::new(),
                Some(SignatureRecords::Verified(records)) => records,
                Some(SignatureRecords::Older(older)) => {
                    vec![SignatureRecord { status: None, signer: older.signer, issuer: None, time: older.time, note: None }]
                }
            },
            file: source.name.clone(),
        };
        Ok(CheckedReport { report, warnings })
    }

    /// The sums of every column: total, installed, not installed.
    pub fn totals(&self) -> (u64, u64, u64) {
        self.rows.iter().fold((0, 0, 0), |(t, i, n), row| (t + u64::from(row.total), i + u64::from(row.installed), n + u64::from(row.not_installed())))
    }
}

/// Checks a report's rows against each other, wherever they were read from
/// (a report file, its CSV, a returned form), each row placed by `at`;
/// returns the warnings.
pub fn check_rows<L>(rows: &[(L, Row)], file: &str, at: impl Fn(&L, String) -> Error) -> Result<Vec<Notice>> {
    if rows.len() > MAX_ROWS {
        return Err(Error::data(Location::file(file), super::too_many(rows.len(), MAX_ROWS, "hàng")));
    }
    let mut warnings = Vec::new();
    for (index, (place, row)) in rows.iter().enumerate() {
        let number = index + 1;
        let name = row.name.as_str();
        if row.installed > row.total {
            return Err(at(place, installed_over_total(number, name, row.installed, row.total)));
        }
        if let Some(given) = row.not_installed
            && given != row.not_installed()
        {
            return Err(at(place, not_installed_mismatch(number, name, given, row.total, row.installed)));
        }
        if row.not_installed() > 0 && row.reason.is_none() {
            let message = reason_missing(number, name, row.not_installed());
            warnings.push(Notice::of(at(place, message)));
        }
    }
    Ok(warnings)
}

/// Rows typed in a spreadsheet and saved as CSV, with the form's columns:
/// Stt, Tên đơn vị, Tổng số, Đã cài đặt, Chưa cài đặt, Lý do chưa cài đặt.
/// A first line of column names is skipped; "," or ";" separate fields.
/// Each cell passes the check of the TOML field it stands for; rows come with
/// their byte offsets in the file.
fn csv_rows(source: &SourceFile) -> Result<Vec<(usize, Row)>> {
    const COLUMNS: [&str; 6] = ["Stt", "Tên đơn vị", "Tổng số", "Đã cài đặt", "Chưa cài đặt", "Lý do chưa cài đặt"];
    let mut rows = Vec::new();
    for (start, fields) in spreadsheet::records(source) {
        let cell = |i: usize| fields.get(i).map(|(_, f)| f.trim()).unwrap_or_default();
        // A missing cell is placed at the start of its row.
        let cell_at = |i: usize| fields.get(i).map_or(start, |&(at, _)| at);
        let cell_error = |i: usize, message: String| source.error_at(cell_at(i), csv_cell(COLUMNS[i], &message));
        if fields.iter().all(|(_, f)| f.trim().is_empty()) {
            continue;
        }
        if rows.is_empty() && cell(2).parse::<u64>().is_err() && !cell(2).is_empty() && cell(0).parse::<u64>().is_err() {
            continue; // the column names
        }
        let count = |i: usize| -> Result<Option<u32>> {
            match cell(i) {
                "" => Ok(None),
                value => value.parse().map(Some).map_err(|_| cell_error(i, bad_count(value))),
            }
        };
        let required = |i: usize| count(i)?.ok_or_else(|| cell_error(i, bad_count("")));
        let text = |i: usize| Text::clean(cell(i)).map_err(|message| cell_error(i, message));
        let row = Row {
            name: text(1)?,
            total: required(2)?,
            installed: required(3)?,
            not_installed: count(4)?,
            reason: match cell(5) {
                "" => None,
                _ => Some(text(5)?),
            },
        };
        rows.push((start, row));
    }
    if rows.is_empty() {
        return Err(Error::data(Location::file(&source.name), no_rows()));
    }
    Ok(rows)
}

// What this module tells the user, in Vietnamese.

fn unknown_unit(code: &str, units_file: &str, known: &[&str]) -> String {
    format!("không có đơn vị mã “{code}” trong {units_file}. Hãy ghi unit = một trong các mã: {}", known.join(", "))
}

pub fn bad_month(value: &str) -> String {
    format!("tháng “{value}” không hợp lệ. Hãy viết dạng month = \"2026-07\" (năm-tháng), năm từ 1900 đến 2200")
}

fn month_outside_folder(month: &str, folder: &str) -> String {
    format!("báo cáo tháng {month} nằm trong thư mục reports/{folder}/. Hãy sửa month = \"{folder}\" hoặc chuyển tệp sang reports/{month}/")
}

fn installed_over_total(row: usize, name: &str, installed: u32, total: u32) -> String {
    format!("hàng {row} (“{name}”): số đã cài đặt (installed = {installed}) lớn hơn tổng số (total = {total}). Hãy sửa lại một trong hai số")
}

fn not_installed_mismatch(row: usize, name: &str, given: u32, total: u32, installed: u32) -> String {
    format!(
        "hàng {row} (“{name}”): số chưa cài đặt (not_installed = {given}) phải bằng tổng số trừ số đã cài đặt ({total} − {installed} = {}). Hãy ghi not_installed = {} hoặc bỏ dòng này để chương trình tự tính",
        total - installed,
        total - installed
    )
}

fn reason_missing(row: usize, name: &str, missing: u32) -> String {
    format!("hàng {row} (“{name}”) còn {missing} người chưa cài đặt nhưng chưa ghi lý do. Hãy thêm reason = \"…\"")
}

fn report_unsigned() -> String {
    "báo cáo chưa ghi người ký, nên bản PDF không có họ tên người ký và không có ô chữ ký số. Hãy thêm signer = \"Họ và tên\" (người đứng đầu đơn vị ký báo cáo)".into()
}

fn late_report(due: chrono::NaiveDateTime) -> String {
    format!("ngày báo cáo sau hạn nộp ({} ngày {}), báo cáo nộp muộn", due.format("%H giờ %M"), due.format("%d/%m/%Y"))
}

fn rows_twice() -> String {
    "báo cáo có cả các hàng [[row]] lẫn rows_csv; hãy chỉ dùng một trong hai".into()
}

pub fn no_rows() -> String {
    "báo cáo chưa có hàng nào. Hãy thêm các hàng [[row]] (name, total, installed) hoặc ghi rows_csv = \"tệp.csv\"".into()
}

fn bad_count(value: &str) -> String {
    if let Some(number) = crate::vietnamese::grouped_count(value) {
        return crate::source::grouped_count(value, number);
    }
    format!("“{value}” không phải số nguyên không âm; hãy ghi một số như 12")
}

/// A cell of a report's CSV file, named by its column.
fn csv_cell(column: &str, message: &str) -> String {
    format!("cột “{column}”: {message}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_and_their_due_time() {
        let july = Month::parse("2026-07").unwrap();
        assert_eq!(july.key(), "2026-07");
        assert_eq!(july.words(), "tháng 7 năm 2026");
        assert_eq!(july.due().to_string(), "2026-08-01 17:00:00");
        assert_eq!(july.previous().key(), "2026-06");
        assert_eq!(Month::parse("2026-12").unwrap().due().to_string(), "2027-01-01 17:00:00");
        assert!(Month::parse("1900-01").is_some() && Month::parse("2200-12").is_some());
        for bad in ["2026-13", "2026-00", "07/2026", "2026", "x-y", "1899-12", "2201-01", "+12026-06"] {
            assert!(Month::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn csv_rows_from_a_spreadsheet() {
        let text =
            "\u{feff}Stt;Tên đơn vị;Tổng số;Đã cài đặt;Chưa cài đặt;Lý do chưa cài đặt\r\n1;Tổ 1;10;8;2;\"Đi biển; về muộn\"\r\n2;\"Tổ \"\"A\"\"\";5;5;;\r\n";
        let source = SourceFile::new("t.csv", text);
        let rows = csv_rows(&source).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].1.reason.as_ref().unwrap().as_str(), "Đi biển; về muộn");
        assert_eq!(rows[0].1.not_installed, Some(2));
        assert_eq!(rows[1].1.name.as_str(), "Tổ \"A\"");
        assert_eq!(source.location(rows[1].0).line_column, Some((3, 1)));
        let bad = SourceFile::new("t.csv", "1,Tổ 1,mười,8,,\n");
        let message = csv_rows(&bad).unwrap_err().to_string();
        assert!(message.contains("t.csv, dòng 1") && message.contains("“mười”"), "{message}");
    }
}

//! A unit's periodic report: the campaign's form (see `form`), filled in.

use serde::Deserialize as DeriveDeserialize;
use toml::Spanned;

use super::form::{Form, Kind, Row};
use super::{DocDate, DocNumber, Period, SourceFile, Text, Units};
use crate::error::{Error, Location, Notice, Result};
use crate::signature::Status;
use crate::spreadsheet;

/// The most rows a report may have: a unit's report is a page or two; ten
/// thousand rows take 6 s and 1 GB to lay out, and more is a mistake.
pub const MAX_ROWS: usize = 10_000;

/// Reads a file beside a report (its rows_csv) by name: the name messages
/// show and the bytes.
pub type ReadFile<'a> = dyn Fn(&str) -> Result<(String, Vec<u8>)> + 'a;

/// A row as a report's TOML file writes it: the form's column keys.
type RowFile = std::collections::BTreeMap<Spanned<String>, Spanned<toml::Value>>;

/// A report as its TOML file says it.
#[derive(Debug, DeriveDeserialize)]
#[serde(deny_unknown_fields)]
struct ReportFile {
    unit: Spanned<String>,
    /// The period reported on; `month` in reports written before quarters and weeks.
    #[serde(alias = "month")]
    period: Spanned<Period>,
    number: Option<DocNumber>,
    date: Spanned<DocDate>,
    signer: Option<Text>,
    notes: Option<Text>,
    #[serde(default, rename = "row")]
    rows: Vec<Spanned<RowFile>>,
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
    /// The period reported on.
    pub period: Period,
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

/// A report read and checked, with what the user should hear about it.
pub struct CheckedReport {
    pub report: Report,
    pub warnings: Vec<Notice>,
}

impl Report {
    /// Reads a report and checks its numbers against each other by the
    /// campaign's `form`, and its unit against units.toml. `folder` is the
    /// period its folder is named for; `read` gives the shown name and
    /// bytes of a file beside it (for rows_csv).
    pub fn load(source: &SourceFile, units: &Units, form: &Form, folder: Option<Period>, read: &ReadFile) -> Result<CheckedReport> {
        let file: ReportFile = source.parse()?;
        if units.find(file.unit.get_ref()).is_none() {
            return Err(source.error_at(file.unit.span().start, unknown_unit(file.unit.get_ref(), units.file(), &units.codes())));
        }
        let period = *file.period.get_ref();
        if period.every != form.every {
            return Err(source.error_at(file.period.span().start, other_kind_of_period(&period.key(), form)));
        }
        if let Some(folder) = folder
            && folder != period
        {
            return Err(source.error_at(file.period.span().start, period_outside_folder(&period.key(), &folder.key())));
        }
        // Each row keeps its file and the byte offset of each cell (of the
        // row, where the cell is empty): a location is worked out only for a
        // message, not for every row of a long report.
        let csv_source;
        let (rows_file, rows): (&SourceFile, Vec<(Vec<usize>, Row)>) = match (&file.rows_csv, file.rows.is_empty()) {
            (Some(csv), true) => {
                let (name, bytes) = read(csv.get_ref()).map_err(|e| source.error_at(csv.span().start, e.to_string()))?;
                csv_source = spreadsheet::decode(name, &bytes)?;
                (&csv_source, csv_rows(&csv_source, form)?)
            }
            (None, false) => (source, toml_rows(source, form, file.rows)?),
            (Some(csv), false) => return Err(source.error_at(csv.span().start, rows_twice())),
            (None, true) => return Err(Error::data(Location::file(&source.name), no_rows(form))),
        };
        let (rows, mut warnings) = check_rows(form, rows, &rows_file.name, |cells: &Vec<usize>, column, message| rows_file.error_at(cells[column], message))?;
        if file.signer.is_none() {
            warnings.push(Notice::of(Error::data(Location::file(&source.name), report_unsigned())));
        }
        let closes = form.due.closes(period);
        if file.date.get_ref().0 >= closes {
            warnings.push(Notice::of(source.error_at(file.date.span().start, late_report(&form.due.moment(period)))));
        }
        let report = Report {
            unit: file.unit.into_inner(),
            period,
            number: file.number,
            date: file.date.into_inner(),
            signer: file.signer,
            notes: file.notes,
            rows,
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
}

/// Checks a report's rows by the form, wherever they were read from (a
/// report file, its CSV, a returned form), each row placed by `at` (given
/// the column at fault); returns the rows with their derived columns
/// filled, and the warnings.
pub fn check_rows<L>(form: &Form, rows: Vec<(L, Row)>, file: &str, at: impl Fn(&L, usize, String) -> Error) -> Result<(Vec<Row>, Vec<Notice>)> {
    if rows.len() > MAX_ROWS {
        return Err(Error::data(Location::file(file), super::too_many(rows.len(), MAX_ROWS, "hàng")));
    }
    let mut warnings = Vec::new();
    let mut checked = Vec::with_capacity(rows.len());
    for (index, (place, mut row)) in rows.into_iter().enumerate() {
        let found = form.check_row(index + 1, &mut row).map_err(|(column, message)| at(&place, column, message))?;
        warnings.extend(found.into_iter().map(|message| Notice::of(at(&place, 0, message))));
        checked.push(row);
    }
    Ok((checked, warnings))
}

/// The [[row]] tables of a report's TOML file, each cell read by its column.
fn toml_rows(source: &SourceFile, form: &Form, rows: Vec<Spanned<RowFile>>) -> Result<Vec<(Vec<usize>, Row)>> {
    rows.into_iter()
        .map(|row| {
            let mut places = vec![row.span().start; form.columns.len()];
            let mut cells = vec![None; form.columns.len()];
            for (key, value) in row.into_inner() {
                let Some(index) = form.row_column(key.get_ref()) else {
                    return Err(source.error_at(key.span().start, unknown_row_key(key.get_ref(), form)));
                };
                let written = source.text.get(value.span()).unwrap_or_default();
                let parsed = form.columns[index].from_toml(value.get_ref(), written).map_err(|message| source.error_at(value.span().start, message))?;
                (cells[index], places[index]) = (Some(parsed), key.span().start);
            }
            Ok((places, Row { cells }))
        })
        .collect()
}

/// Rows typed in a spreadsheet and saved as CSV, with the form's columns
/// after a first "Stt" column. A first line of column names is skipped; "," or ";" separate fields. Each cell is read
/// by its column; rows come with their byte offsets in the file.
fn csv_rows(source: &SourceFile, form: &Form) -> Result<Vec<(Vec<usize>, Row)>> {
    let mut rows = Vec::new();
    for (start, fields) in spreadsheet::records(source) {
        let cell = |i: usize| fields.get(i).map(|(_, f)| f.trim()).unwrap_or_default();
        // A missing cell is placed at the start of its row.
        let cell_at = |i: usize| fields.get(i).map_or(start, |&(at, _)| at);
        if fields.iter().all(|(_, f)| f.trim().is_empty()) {
            continue;
        }
        // The column names: a first line whose values are no values, or
        // that names the first column.
        let names_columns = cell(1).to_lowercase() == form.columns[0].title().to_lowercase()
            || form.columns.iter().enumerate().any(|(i, c)| c.kind != Kind::Text && c.parse(cell(i + 1)).is_err());
        if rows.is_empty() && super::form::parse_count(cell(0)).is_none() && names_columns {
            continue;
        }
        let mut cells = Vec::with_capacity(form.columns.len());
        for (i, column) in form.columns.iter().enumerate() {
            let value = column.parse(cell(i + 1)).map_err(|message| source.error_at(cell_at(i + 1), csv_cell(&column.title(), &message)))?;
            cells.push(value);
        }
        rows.push(((1..=form.columns.len()).map(cell_at).collect(), Row { cells }));
    }
    if rows.is_empty() {
        return Err(Error::data(Location::file(&source.name), no_rows(form)));
    }
    Ok(rows)
}

// What this module tells the user, in Vietnamese.

fn unknown_unit(code: &str, units_file: &str, known: &[&str]) -> String {
    format!("không có đơn vị mã “{code}” trong {units_file}. Hãy ghi unit = một trong các mã: {}", known.join(", "))
}

fn other_kind_of_period(key: &str, form: &Form) -> String {
    format!("kỳ “{key}” không phải kỳ của biểu mẫu: {} báo cáo hằng {}. Hãy ghi period = \"{}\"", form.file, form.every.word(), form.every.example())
}

fn period_outside_folder(key: &str, folder: &str) -> String {
    format!("báo cáo kỳ {key} nằm trong thư mục reports/{folder}/. Hãy sửa period = \"{folder}\" hoặc chuyển tệp sang reports/{key}/")
}

fn unknown_row_key(key: &str, form: &Form) -> String {
    let keys: Vec<&str> = form.columns.iter().map(|c| c.key.as_str()).collect();
    format!("biểu mẫu ({}) không có cột “{key}”. Mỗi hàng ghi các cột: {}", form.file, keys.join(", "))
}

fn report_unsigned() -> String {
    "báo cáo chưa ghi người ký, nên bản PDF không có họ tên người ký và không có ô chữ ký số. Hãy thêm signer = \"Họ và tên\" (người đứng đầu đơn vị ký báo cáo)".into()
}

fn late_report(due: &str) -> String {
    format!("ngày báo cáo sau hạn nộp ({due}), báo cáo nộp muộn")
}

fn rows_twice() -> String {
    "báo cáo có cả các hàng [[row]] lẫn rows_csv; hãy chỉ dùng một trong hai".into()
}

pub fn no_rows(form: &Form) -> String {
    let keys: Vec<&str> = form.columns.iter().filter(|c| c.formula.is_none()).map(|c| c.key.as_str()).collect();
    format!("báo cáo chưa có hàng nào. Hãy thêm các hàng [[row]] ({}) hoặc ghi rows_csv = \"tệp.csv\"", keys.join(", "))
}

/// A cell of a report's CSV file, named by its column.
fn csv_cell(column: &str, message: &str) -> String {
    format!("cột “{column}”: {message}")
}

//! `vanban import`: the reports units send back, as filled PDF forms, their
//! Excel workbooks filled in, or spreadsheets saved as CSV, written as data/reports/<month>/<code>.toml
//! through the same checks as a hand-written report. The unit comes from
//! the code inside the file, never from its name; one bad file stops only
//! itself.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;

use super::Workspace;
use crate::data::DataDir;
use crate::documents::report::workbook;
use crate::error::{self, Error, Location, Notice, Result, io_reason, quoted, visible};
use crate::fields as field;
use crate::model::{MAX_ROWS, MAX_UNITS, Month, Report, Row, SourceFile, Text, Units, check_rows};
use crate::output;
use crate::returned;
use crate::signature::{Status, Trust, Verified};
use crate::spreadsheet;
use crate::vietnamese;

/// What became of each returned report.
#[derive(Debug, Default)]
pub struct Imported {
    /// "data/reports/2026-07/T1.toml ← thon-1.pdf (…)".
    pub written: Vec<String>,
    /// Reports already in the data, left as they are (no --replace).
    pub skipped: Vec<Notice>,
    /// Files refused, each with its message.
    pub refused: Vec<String>,
    pub warnings: Vec<Notice>,
}

/// A report as it came back: the form's fields by name with where each was
/// read, and a PDF's digital signature.
struct Returned {
    file: String,
    fields: BTreeMap<String, (String, Location)>,
    signatures: Signatures,
}

/// A returned PDF's digital signatures, verified.
#[derive(Default)]
struct Signatures {
    all: Vec<Verified>,
    /// The values are those the signer signed: later changes left out.
    values_as_signed: bool,
}

/// A returned report checked and ready to write.
struct Ready {
    file: String,
    code: String,
    month: Month,
    toml: String,
    signatures: Signatures,
}

/// `vanban import FILE|FOLDER…`: every PDF, XLSX and CSV given (folders:
/// the files in them), written into the data's reports/<month>/.
pub fn run(workspace: &Workspace, inputs: &[PathBuf], month: Option<&str>, replace: bool) -> Result<Imported> {
    let DataDir::Folder(folder) = &workspace.data else {
        return Err(Error::Usage { message: format!("vanban import: {}", import_needs_folder()) });
    };
    let month = match month {
        Some(text) => Some(Month::parse(text).ok_or_else(|| Error::Usage { message: format!("--month: {}", crate::model::bad_month(text)) })?),
        None => None,
    };
    let units = workspace.units()?;
    let mut imported = Imported::default();
    let mut ready: Vec<Ready> = Vec::new();
    let read_and_check =
        |path: &PathBuf| read(path, &workspace.trust).and_then(|returned| returned.into_iter().map(|r| check(r, units, month)).collect::<Result<Vec<_>>>());
    let checked: Vec<_> = files(inputs)?.par_iter().map(read_and_check).collect();
    for checked in checked {
        match checked {
            Ok(reports) => ready.extend(reports),
            Err(e) => imported.refused.push(e.to_string()),
        }
    }
    // Two returns for one unit and month: neither is taken.
    let mut seen: HashMap<(String, Month), Vec<String>> = HashMap::new();
    for report in &ready {
        seen.entry((report.code.clone(), report.month)).or_default().push(report.file.clone());
    }
    let mut existing: HashMap<Month, HashMap<String, PathBuf>> = HashMap::new();
    for report in ready {
        let files = &seen[&(report.code.clone(), report.month)];
        if files.len() > 1 {
            let message = duplicate_return(&report.code, &report.month.words(), files);
            imported.refused.push(Error::data(Location::file(&report.file), message).to_string());
            continue;
        }
        let key = report.month.key();
        let existing = existing.entry(report.month).or_insert_with(|| existing_reports(folder, &key));
        let target = existing.get(&report.code).cloned().unwrap_or_else(|| folder.join(format!("reports/{key}/{}.toml", report.code)));
        if existing.contains_key(&report.code) && !replace {
            imported.skipped.push(Notice::Note(import_skipped(&report.file, &target.display().to_string())));
            continue;
        }
        // The written file must read back as any hand-written report does.
        let source = SourceFile::new(target.display().to_string(), report.toml);
        match reads_back(&source, units, report.month) {
            Ok(checked) => {
                output::write_atomically(&target, source.text.as_bytes())?;
                imported.warnings.extend(checked.warnings);
                imported.written.push(import_written(&target.display().to_string(), &report.file, &signature_note(&report.signatures)));
            }
            Err(e) => imported.refused.push(e.to_string()),
        }
    }
    Ok(imported)
}

/// The files to read: those given, and the PDF, spreadsheet and CSV files
/// in the folders given, sorted.
fn files(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let entries = std::fs::read_dir(input).map_err(|e| Error::read(input, e))?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| Some(e.ok()?.path()))
                // Not Excel's lock file of a workbook open ("~$thon-1.xlsx").
                .filter(|p| p.is_file() && kind(p).is_some() && !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("~$")))
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(input.clone());
        }
    }
    Ok(files)
}

enum Kind {
    Pdf,
    Csv,
    Xlsx,
    /// A spreadsheet format vanban does not read, by its extension.
    OtherSheet(String),
}

fn kind(path: &Path) -> Option<Kind> {
    match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "pdf" => Some(Kind::Pdf),
        "csv" => Some(Kind::Csv),
        "xlsx" => Some(Kind::Xlsx),
        other @ ("xls" | "ods" | "xlsb" | "xlsm" | "numbers") => Some(Kind::OtherSheet(other.to_owned())),
        _ => None,
    }
}

/// The largest CSV file read: a unit's rows are some hundred bytes, every
/// unit's together some kilobytes.
const CSV_BYTES: u64 = 5 << 20;

impl Kind {
    /// The largest file of the kind read, and the message refusing a
    /// bigger one.
    fn limit(&self) -> (u64, fn(u64) -> String) {
        match self {
            Kind::Pdf => (returned::PDF_BYTES, pdf_too_big),
            Kind::Csv => (CSV_BYTES, csv_too_big),
            Kind::Xlsx | Kind::OtherSheet(_) => (spreadsheet::WORKBOOK_BYTES, spreadsheet::workbook_too_big),
        }
    }
}

/// The reports in a returned file: one from a form, one per unit from a
/// spreadsheet. The file is read up to its kind's limit, never further;
/// its name, as every message shows it, with its control characters made
/// visible.
fn read(path: &Path, trust: &Trust) -> Result<Vec<Returned>> {
    let file = error::visible(&path.display().to_string());
    let kind = match kind(path) {
        Some(Kind::OtherSheet(extension)) => return Err(Error::data(Location::file(&file), workbook_other_format(&extension))),
        Some(kind) => kind,
        None => return Err(Error::data(Location::file(&file), import_kind())),
    };
    let (limit, too_big) = kind.limit();
    let bytes = read_capped(path, &file, limit, too_big)?;
    read_file(file, &kind, bytes, trust)
}

/// A returned file's bytes, refused as `too_big` when over `limit`: by
/// its size before it is read, and as it is read (never further).
fn read_capped(path: &Path, file: &str, limit: u64, too_big: fn(u64) -> String) -> Result<Vec<u8>> {
    let refuse = |message: String| Error::data(Location::file(file), message);
    let unreadable = |e: std::io::Error| refuse(file_unreadable(&e));
    let opened = std::fs::File::open(path).map_err(unreadable)?;
    let size = opened.metadata().map_err(unreadable)?.len();
    if size > limit {
        return Err(refuse(too_big(size)));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    std::io::Read::read_to_end(&mut std::io::Read::take(opened, limit + 1), &mut bytes).map_err(unreadable)?;
    if bytes.len() as u64 > limit {
        return Err(refuse(too_big(bytes.len() as u64)));
    }
    Ok(bytes)
}

/// One returned file's bytes read and checked as `vanban import` reads and
/// checks them, from memory (the fuzz target's way in): each report's TOML
/// as it would be written into reports/<month>/, once it reads back as a
/// hand-written report, or why it is refused. `name` is the file's, its
/// extension telling its kind.
pub fn read_bytes(name: &str, bytes: &[u8], units: &Units, month: Option<Month>, trust: &Trust) -> Vec<Result<String>> {
    let file = error::visible(name);
    let refuse = |message: String| vec![Err(Error::data(Location::file(&file), message))];
    let kind = match kind(Path::new(name)) {
        Some(Kind::OtherSheet(extension)) => return refuse(workbook_other_format(&extension)),
        Some(kind) => kind,
        None => return refuse(import_kind()),
    };
    let (limit, too_big) = kind.limit();
    if bytes.len() as u64 > limit {
        return refuse(too_big(bytes.len() as u64));
    }
    match read_file(file.clone(), &kind, bytes.to_vec(), trust) {
        Err(e) => vec![Err(e)],
        Ok(returns) => returns
            .into_iter()
            .map(|r| {
                let ready = check(r, units, month)?;
                let source = SourceFile::new(format!("reports/{}/{}.toml", ready.month.key(), ready.code), ready.toml);
                reads_back(&source, units, ready.month).map(|_| source.text)
            })
            .collect(),
    }
}

/// The report a returned file became, read back as a hand-written one.
fn reads_back(source: &SourceFile, units: &Units, month: Month) -> Result<crate::model::CheckedReport> {
    let no_csv = |name: &str| -> Result<(String, Vec<u8>)> { Err(Error::read(Path::new(name), std::io::ErrorKind::NotFound.into())) };
    Report::load(source, units, Some(month), &no_csv)
}

/// The reports in a returned file's bytes; `file` is its name as messages
/// show it.
fn read_file(file: String, kind: &Kind, bytes: Vec<u8>, trust: &Trust) -> Result<Vec<Returned>> {
    match kind {
        Kind::Pdf => {
            use returned::Unreadable;
            let at_field = |name: &str| Location::file(form_field_place(&file, name));
            let form = returned::read(&bytes, trust).map_err(|unreadable| match unreadable {
                Unreadable::NotPdf => Error::data(Location::file(&file), not_a_pdf()),
                Unreadable::Encrypted => Error::data(Location::file(&file), pdf_encrypted()),
                Unreadable::TooMuch => Error::data(Location::file(&file), pdf_unpacks_too_big(returned::PART_UNPACKED)),
                Unreadable::FieldTwice(name) => Error::data(Location::file(&file), form_field_twice(&name)),
                Unreadable::RowBeyond(name) => Error::data(at_field(&name), form_row_beyond(&name, field::MAX_ROW)),
                Unreadable::TooLong(name) => Error::data(at_field(&name), form_value_too_long()),
            })?;
            if !form.values.contains_key(field::UNIT) {
                return Err(Error::data(Location::file(&file), not_our_form()));
            }
            let fields = form.values.into_iter().map(|(name, value)| {
                let at = at_field(&name);
                (name, (value, at))
            });
            let signatures = Signatures { all: form.signatures, values_as_signed: form.values_as_signed };
            Ok(vec![Returned { fields: fields.collect(), file, signatures }])
        }
        Kind::Csv => csv_returns(&spreadsheet::decode(file, &bytes)?),
        Kind::Xlsx => Ok(vec![workbook_return(file, bytes)?]),
        Kind::OtherSheet(extension) => Err(Error::data(Location::file(&file), workbook_other_format(extension))),
    }
}

/// The fields of a form typed as numbers: a cell of a workbook for one of
/// these holds a number typed as a number.
const COUNTS: [&str; 7] = [field::NUMBER, field::DAY, field::MONTH, field::REPORT_MONTH, field::REPORT_YEAR, field::TOTAL, field::INSTALLED];

/// A unit's form filled in Excel (or LibreOffice): the cells its defined
/// names point at, as typed; what the form computes is computed again. The
/// unit is the one its defined name and its custom property both name.
fn workbook_return(file: String, bytes: Vec<u8>) -> Result<Returned> {
    use spreadsheet::{Shape, Value};
    let mut workbook = spreadsheet::open_workbook(file, bytes)?;
    let whole = Location::file(&workbook.name);
    let Some(code) = workbook.defined_name(field::UNIT)? else { return Err(Error::data(whole, workbook_not_ours())) };
    let code = code.trim_matches('"').replace("\"\"", "\"");
    if let Some(version) = workbook.defined_name(workbook::VERSION_NAME)?
        && version.parse::<f64>().is_ok_and(|v| v > f64::from(workbook::VERSION))
    {
        return Err(Error::data(whole, workbook_newer(version)));
    }
    if let Some(property) = workbook.property(field::UNIT)?
        && property.trim() != code.trim()
    {
        return Err(Error::data(whole, workbook_units_disagree(&code, &property)));
    }
    let singles = [field::NUMBER, field::DAY, field::MONTH, field::REPORT_MONTH, field::REPORT_YEAR, field::SIGNER];
    // The columns typed in; "Chưa cài đặt" is the form's formula, left out.
    let columns = [field::NAME, field::TOTAL, field::INSTALLED, field::REASON];
    let names: Vec<(&str, Shape)> = singles.iter().map(|n| (*n, Shape::Cell)).chain(columns.iter().map(|n| (*n, Shape::Column))).collect();
    let cells = workbook.named_cells(&names)?;
    let mut fields = BTreeMap::new();
    fields.insert(field::UNIT.to_owned(), (code, whole));
    for (name, cells) in cells {
        for (row, cell) in cells.into_iter().enumerate() {
            let field_name = if singles.contains(&name) { name.to_owned() } else { field::cell(row + 1, name) };
            let refuse = |message: String| Err(Error::data(cell.at.clone(), message));
            // A cell to type into holds what was typed: not a formula, nor
            // a date; a count, a number typed as one.
            let text = match cell.value {
                _ if cell.formula => return refuse(workbook_formula_typed(&field_name)),
                Value::Empty => String::new(),
                Value::Number(number) => number,
                Value::Text(text) if COUNTS.contains(&name) && (count(text.trim()).is_some() || text.trim().parse::<f64>().is_ok()) => {
                    return refuse(workbook_count_as_text(&field_name, &text));
                }
                Value::Text(text) => text,
                Value::Date(date) if COUNTS.contains(&name) => return refuse(workbook_date_in_count(&field_name, &date)),
                Value::Date(date) => return refuse(workbook_date_in_text(&field_name, &date)),
                Value::Other(value) => return refuse(workbook_not_a_value(&field_name, &value)),
            };
            fields.insert(field_name, (text, cell.at));
        }
    }
    Ok(Returned { file: workbook.name, fields, signatures: Signatures::default() })
}

/// A spreadsheet of returns: a first line of field names (ma_don_vi,
/// thang_bao_cao, nam_bao_cao, so, ngay, thang, nguoi_ky, ten, tong_so,
/// da_cai, chua_cai, ly_do), each once, then one line per table row; a
/// unit's own fields may be given on its first line only. At most
/// MAX_UNITS units, each of at most MAX_ROWS rows, as the data holds.
fn csv_returns(source: &SourceFile) -> Result<Vec<Returned>> {
    let mut records = spreadsheet::records(source).into_iter().filter(|(_, f)| f.iter().any(|(_, c)| !c.trim().is_empty()));
    let Some((_, header)) = records.next() else {
        return Err(Error::data(Location::file(&source.name), csv_no_header()));
    };
    let header: Vec<String> = header.iter().map(|(_, h)| h.trim().to_lowercase()).collect();
    let unit_fields = [field::UNIT, field::REPORT_MONTH, field::REPORT_YEAR, field::NUMBER, field::DAY, field::MONTH, field::SIGNER];
    if let Some(unknown) = header.iter().find(|h| !unit_fields.contains(&h.as_str()) && !field::COLUMNS.contains(&h.as_str())) {
        return Err(source.error_at(0, csv_unknown_column(unknown)));
    }
    let mut named = std::collections::HashSet::new();
    if let Some(twice) = header.iter().find(|h| !named.insert(h.as_str())) {
        return Err(source.error_at(0, csv_column_twice(twice)));
    }
    if !header.iter().any(|h| h == field::UNIT) {
        return Err(source.error_at(0, csv_no_unit_column()));
    }
    let column = |name: &str| header.iter().position(|h| h == name);
    let mut returns: Vec<Returned> = Vec::new();
    // Each unit's return and rows so far, by its code.
    let mut units: HashMap<String, (usize, usize)> = HashMap::new();
    for (start, record) in records {
        let at = source.location(start);
        let cell = |name: &str| column(name).and_then(|i| record.get(i)).map(|(_, c)| c.trim().to_owned()).unwrap_or_default();
        let code = cell(field::UNIT);
        if units.len() >= MAX_UNITS && !units.contains_key(&code) {
            // Too many: only counted, for the message.
            units.entry(code).or_default();
            continue;
        }
        let (index, row) = units.entry(code.clone()).or_insert_with(|| {
            returns.push(Returned { file: source.name.clone(), fields: BTreeMap::new(), signatures: Signatures::default() });
            (returns.len() - 1, 0)
        });
        *row += 1;
        if *row > MAX_ROWS {
            return Err(source.error_at(start, csv_rows_beyond(&code, MAX_ROWS)));
        }
        let fields = &mut returns[*index].fields;
        for name in unit_fields {
            let value = cell(name);
            if !value.is_empty() || (name == field::UNIT && !fields.contains_key(name)) {
                fields.entry(name.to_owned()).or_insert((value, at.clone()));
            }
        }
        for column in field::COLUMNS {
            fields.insert(field::cell(*row, column), (cell(column), at.clone()));
        }
    }
    if units.len() > MAX_UNITS {
        return Err(Error::data(Location::file(&source.name), crate::model::too_many(units.len(), MAX_UNITS, "đơn vị")));
    }
    Ok(returns)
}

/// Checks a returned report as a hand-written one is checked, and writes
/// its TOML.
fn check(returned: Returned, units: &Units, month: Option<Month>) -> Result<Ready> {
    let Returned { file, fields, signatures } = returned;
    let whole = Location::file(&file);
    let get = |name: &str| fields.get(name).map(|(v, at)| (v.trim(), at)).filter(|(v, _)| !v.is_empty());
    let (code, code_at) = get(field::UNIT).ok_or_else(|| Error::data(whole.clone(), returned_without_unit()))?;
    if units.find(code).is_none() {
        return Err(Error::data(code_at.clone(), returned_unknown_unit(code, &units.codes())));
    }
    let number = |name: &str, range: std::ops::RangeInclusive<u32>| -> Result<Option<u32>> {
        match get(name) {
            None => Ok(None),
            Some((value, at)) => match count(value) {
                Some(n) if range.contains(&n) => Ok(Some(n)),
                _ => Err(Error::data(at.clone(), bad_form_number(name, value, &range))),
            },
        }
    };
    let form_month = match (number(field::REPORT_MONTH, 1..=12)?, number(field::REPORT_YEAR, 1..=9999)?) {
        (Some(m), Some(y)) => NaiveDate::from_ymd_opt(y as i32, m, 1).map(Month),
        (None, None) => None,
        _ => return Err(Error::data(whole.clone(), report_month_half())),
    };
    let month = match (form_month, month) {
        (Some(form), Some(asked)) if form != asked => {
            return Err(Error::data(whole, form_for_other_month(&form.words(), &asked.words())));
        }
        (Some(m), _) | (None, Some(m)) => m,
        (None, None) => return Err(Error::data(whole, report_month_missing())),
    };
    let (day, date_month) = (number(field::DAY, 1..=31)?, number(field::MONTH, 1..=12)?);
    let (Some(day), Some(date_month)) = (day, date_month) else {
        return Err(Error::data(whole, report_date_missing()));
    };
    // The year is printed on the form: the month reported on, or the next
    // when the report is dated in January for December.
    let year = chrono::Datelike::year(&month.0) + i32::from(date_month < chrono::Datelike::month(&month.0));
    let date = NaiveDate::from_ymd_opt(year, date_month, day).ok_or_else(|| Error::data(whole.clone(), bad_form_date(day, date_month, year)))?;
    let report_number = number(field::NUMBER, 1..=u32::MAX)?;
    let text = |name: &str| -> Result<Option<Text>> { get(name).map(|(value, at)| Text::clean(value).map_err(|m| Error::data(at.clone(), m))).transpose() };
    let signer = text(field::SIGNER)?;

    // The rows the file has a cell of, in order: work in the file's cells,
    // never in a row number written in it.
    let numbers: std::collections::BTreeSet<usize> = fields.keys().filter_map(|name| field::parse_cell(name)).map(|(row, _)| row).collect();
    let mut rows: Vec<(Location, Row)> = Vec::new();
    for n in numbers {
        let cell = |column: &str| get(&field::cell(n, column));
        if field::COLUMNS.iter().all(|c| cell(c).is_none()) {
            continue; // a row left blank on the form
        }
        let at = field::COLUMNS.iter().find_map(|c| cell(c)).map_or(whole.clone(), |(_, at)| at.clone());
        // A message about a cell names that cell where the file tells it
        // (a workbook's "ô D14"), else the row.
        let place = |column: &str| fields.get(&field::cell(n, column)).map_or(at.clone(), |(_, place)| place.clone());
        let name = text(&field::cell(n, field::NAME))?.ok_or_else(|| Error::data(place(field::NAME), returned_row_name_missing(n)))?;
        let required = |column: &str| -> Result<u32> {
            number(&field::cell(n, column), 0..=u32::MAX)?.ok_or_else(|| Error::data(place(column), returned_count_missing(n, column)))
        };
        let row = Row {
            name,
            total: required(field::TOTAL)?,
            installed: required(field::INSTALLED)?,
            not_installed: number(&field::cell(n, field::NOT_INSTALLED), 0..=u32::MAX)?,
            reason: text(&field::cell(n, field::REASON))?,
        };
        // The counts' checks point at what was installed.
        rows.push((place(field::INSTALLED), row));
    }
    if rows.is_empty() {
        return Err(Error::data(whole, crate::model::no_rows()));
    }
    check_rows(&rows, &file, |at: &Location, message| Error::data(at.clone(), message))?;

    let mut toml = format!("# {}\n", imported_from(&file));
    let quote = |text: &str| toml::Value::String(text.to_owned()).to_string();
    toml += &format!("unit = {}\nmonth = \"{}\"\n", quote(code), month.key());
    if let Some(number) = report_number {
        toml += &format!("number = {number}\n");
    }
    toml += &format!("date = {date}\n");
    if let Some(signer) = &signer {
        toml += &format!("signer = {}\n", quote(signer.as_str()));
    }
    for signature in &signatures.all {
        toml += &format!("\n[[signature]]\nstatus = \"{}\"\n", signature.status.key());
        for (key, value) in [("signer", &signature.signer), ("issuer", &signature.issuer), ("time", &signature.time), ("note", &signature.note)] {
            if let Some(value) = value {
                toml += &format!("{key} = {}\n", quote(value));
            }
        }
    }
    for (_, row) in &rows {
        toml += &format!("\n[[row]]\nname = {}\ntotal = {}\ninstalled = {}\n", quote(row.name.as_str()), row.total, row.installed);
        if let Some(n) = row.not_installed {
            toml += &format!("not_installed = {n}\n");
        }
        if let Some(reason) = &row.reason {
            toml += &format!("reason = {}\n", quote(reason.as_str()));
        }
    }
    Ok(Ready { file, code: code.to_owned(), month, toml, signatures })
}

/// What the import says of a returned form's signatures: "" where it has none.
fn signature_note(signatures: &Signatures) -> String {
    let mut notes: Vec<String> = signatures
        .all
        .iter()
        .map(|s| {
            // A certificate's name and a note quoting the file come from the sender.
            let signer = s.signer.as_deref().map_or_else(|| "người ký không rõ".to_owned(), error::visible);
            let why = error::visible(s.note.as_deref().unwrap_or_default());
            match s.status {
                Status::Valid => format!("chữ ký số hợp lệ của {signer}"),
                Status::Untrusted => format!("chữ ký số của {signer} đúng nhưng chưa được tin cậy: {why}"),
                Status::Changed => format!("chữ ký số của {signer}, nhưng tệp đã bị sửa sau khi ký: {why}"),
                Status::Invalid => format!("chữ ký số không hợp lệ: {why}"),
            }
        })
        .collect();
    if signatures.values_as_signed {
        notes.push("số liệu nhập theo bản đã ký, bỏ qua phần sửa sau khi ký".into());
    }
    notes.join("; ")
}

/// A count as typed: digits, maybe grouped in thousands as the TOML
/// messages read them (vietnamese::grouped_count: "1.234", "1,234",
/// "12 345").
fn count(text: &str) -> Option<u32> {
    let number = match text.bytes().all(|b| b.is_ascii_digit()) {
        true => text.parse().ok(),
        false => vietnamese::grouped_count(text),
    };
    number.and_then(|n| u32::try_from(n).ok())
}

/// The unit code of each report already in reports/<month>/, with its file.
fn existing_reports(folder: &Path, month: &str) -> HashMap<String, PathBuf> {
    let Ok(entries) = std::fs::read_dir(folder.join("reports").join(month)) else { return HashMap::new() };
    entries
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            (path.extension()? == "toml").then_some(())?;
            let table: toml::Table = toml::from_str(&std::fs::read_to_string(&path).ok()?).ok()?;
            Some((table.get("unit")?.as_str()?.to_owned(), path))
        })
        .collect()
}

// What this module tells the user, in Vietnamese.

/// A returned file that could not be read from the disk.
fn file_unreadable(error: &std::io::Error) -> String {
    format!("không đọc được tệp: {}", io_reason(error))
}

fn pdf_too_big(bytes: u64) -> String {
    format!(
        "tệp quá lớn ({} MB) để là biểu mẫu Phụ lục 01 (biểu mẫu PDF của vanban, đã điền và ký, chỉ vài trăm KB), nên không được đọc. Hãy gửi lại tệp PDF trong bieu-mau/ của đơn vị sau khi điền",
        bytes.div_ceil(1 << 20)
    )
}

/// A PDF whose compressed parts unpack to more than a form holds, or that
/// holds (or names again and again) more parts than a form has.
fn pdf_unpacks_too_big(limit: usize) -> String {
    format!(
        "tệp PDF có phần nén giải ra hơn {} MB, hoặc nhiều phần (hay một phần được nhắc lại nhiều lần) hơn mọi biểu mẫu Phụ lục 01, nên không được đọc: biểu mẫu PDF của vanban chỉ vài trăm KB. Hãy gửi lại tệp PDF trong bieu-mau/ của đơn vị sau khi điền",
        limit >> 20
    )
}

fn pdf_encrypted() -> String {
    "tệp PDF được đặt mật khẩu hoặc mã hóa nên không đọc được. Hãy mở tệp, gỡ mật khẩu (lưu lại không bảo mật) rồi gửi lại, hoặc điền lại vào tệp PDF trong bieu-mau/ của đơn vị".into()
}

fn csv_too_big(bytes: u64) -> String {
    format!(
        "tệp CSV quá lớn ({} MB) để là báo cáo của các đơn vị (mỗi đơn vị chỉ vài KB), nên không được đọc. Hãy kiểm tra lại tệp, hoặc chia thành nhiều tệp",
        bytes.div_ceil(1 << 20)
    )
}

/// A value of a returned PDF longer than any text a form takes.
fn form_value_too_long() -> String {
    format!("ô ghi hơn {} ký tự, dài hơn mọi chữ biểu mẫu nhận. Hãy điền lại ô cho ngắn gọn", crate::model::MAX_TEXT_CHARS)
}

/// The same field twice in a returned PDF: which is the unit's is unknown.
fn form_field_twice(field: &str) -> String {
    format!(
        "tệp PDF có hai ô cùng tên “{}”, không rõ ô nào là thật: đây không phải biểu mẫu như vanban in. Hãy điền vào tệp PDF trong bieu-mau/ của đơn vị rồi gửi lại",
        quoted(field)
    )
}

/// A field of a table row the form does not have.
fn form_row_beyond(field: &str, rows: usize) -> String {
    format!(
        "ô “{}” không có trong biểu mẫu: bảng của biểu mẫu Phụ lục 01 có không quá {rows} hàng. Hãy điền vào tệp biểu mẫu trong bieu-mau/ của đơn vị rồi gửi lại",
        quoted(field)
    )
}

/// A unit with more rows in a CSV file than a report may have.
fn csv_rows_beyond(unit: &str, rows: usize) -> String {
    format!(
        "đơn vị “{}” có hơn {rows} dòng trong tệp CSV, quá giới hạn của một báo cáo. Hãy kiểm tra lại tệp: có lẽ mã đơn vị bị chép xuống cả những dòng không phải của đơn vị",
        quoted(unit)
    )
}

fn csv_column_twice(name: &str) -> String {
    format!("cột “{}” có hai lần ở dòng tên cột, không rõ cột nào là thật. Hãy xóa một cột", quoted(name))
}

/// A workbook whose parts name different units.
fn workbook_units_disagree(name: &str, property: &str) -> String {
    format!(
        "sổ làm việc ghi hai mã đơn vị khác nhau: tên ma_don_vi ghi “{}” nhưng thuộc tính ma_don_vi của tệp ghi “{}”, nên không biết báo cáo của đơn vị nào. Hãy điền vào tệp .xlsx trong bieu-mau/ của đơn vị rồi gửi lại",
        quoted(name),
        quoted(property)
    )
}

/// A cell to type a count into that holds a date (Excel turned "1/8" into
/// the 1st of August, or the cell is formatted as a date).
fn workbook_date_in_count(field: &str, date: &str) -> String {
    format!(
        "ô “{field}” là ngày tháng ({date}), không phải số: Excel đã đổi điều gõ vào thành ngày, hoặc ô được định dạng kiểu ngày. Hãy chọn ô, đặt định dạng Số (Format Cells > Number) rồi gõ lại số bằng chữ số"
    )
}

fn workbook_date_in_text(field: &str, date: &str) -> String {
    format!(
        "ô “{field}” là ngày tháng ({date}), không phải chữ: Excel đã đổi điều gõ vào thành ngày. Hãy chọn ô, đặt định dạng Văn bản (Format Cells > Text) rồi gõ lại"
    )
}

/// A count typed as text: the digits of a number, or words.
fn workbook_count_as_text(field: &str, value: &str) -> String {
    format!(
        "ô “{field}” ghi “{}” dạng chữ (văn bản), không phải số. Hãy xóa ô rồi gõ lại bằng chữ số, không có dấu nháy ' ở đầu, trong ô định dạng Số",
        quoted(value)
    )
}

/// A cell holding TRUE/FALSE or an error (#DIV/0!).
fn workbook_not_a_value(field: &str, value: &str) -> String {
    format!("ô “{field}” ghi “{}”, không phải điều cần điền. Hãy xóa ô rồi gõ lại", quoted(value))
}

pub fn import_needs_folder() -> String {
    "vanban import ghi báo cáo vào thư mục dữ liệu, không vào dữ liệu mẫu có sẵn trong chương trình. Hãy chạy lệnh trong thư mục chứa data/ hoặc vanban-du-lieu/ (tạo bằng vanban init), hoặc chỉ thư mục đó bằng --data DIR".into()
}

fn import_kind() -> String {
    "chỉ nhập được tệp PDF hoặc Excel (.xlsx) của biểu mẫu đã điền, hoặc tệp CSV".into()
}

/// A spreadsheet saved in a format vanban does not read (.xls, .ods).
fn workbook_other_format(extension: &str) -> String {
    format!(
        "vanban không đọc tệp .{extension}. Hãy mở tệp bằng Excel hoặc LibreOffice, chọn Lưu thành (Save As) kiểu “Sổ làm việc Excel (.xlsx)” rồi nhập tệp .xlsx đó"
    )
}

fn workbook_not_ours() -> String {
    "sổ làm việc không phải biểu mẫu Phụ lục 01 do vanban tạo (không có tên ma_don_vi). Hãy điền vào tệp .xlsx trong bieu-mau/ của đơn vị rồi gửi lại".into()
}

fn workbook_newer(version: &str) -> String {
    let version = quoted(version);
    format!("biểu mẫu là phiên bản {version}, mới hơn phiên bản vanban này đọc được. Hãy cập nhật vanban rồi nhập lại")
}

/// A cell to fill in that holds a formula: its stored result is not what
/// was typed.
fn workbook_formula_typed(field: &str) -> String {
    format!(
        "ô “{field}” cần điền lại chứa công thức; kết quả lưu sẵn của công thức không phải điều đã gõ. Hãy xóa ô rồi gõ thẳng giá trị (số bằng chữ số, tên bằng chữ) vào ô"
    )
}

fn not_a_pdf() -> String {
    "tệp không đọc được như một PDF. Hãy gửi lại tệp biểu mẫu PDF mà đơn vị đã điền".into()
}

fn not_our_form() -> String {
    "tệp PDF không phải biểu mẫu Phụ lục 01 do vanban in (không có ô ma_don_vi). Hãy điền vào tệp trong bieu-mau/ của đơn vị rồi gửi lại".into()
}

/// Where a value of a returned form sits: the file and the field's name.
fn form_field_place(file: &str, field: &str) -> String {
    format!("{file}, ô “{}”", quoted(field))
}

fn csv_no_header() -> String {
    "tệp CSV trống. Dòng đầu là tên cột: ma_don_vi, thang_bao_cao, nam_bao_cao, so, ngay, thang, nguoi_ky, ten, tong_so, da_cai, chua_cai, ly_do".into()
}

fn csv_unknown_column(name: &str) -> String {
    let name = quoted(name);
    format!(
        "cột “{name}” không có trong mẫu. Tên cột là: ma_don_vi, thang_bao_cao, nam_bao_cao, so, ngay, thang, nguoi_ky, ten, tong_so, da_cai, chua_cai, ly_do"
    )
}

fn csv_no_unit_column() -> String {
    "tệp CSV thiếu cột ma_don_vi (mã đơn vị trong units.toml). Hãy thêm cột đó vào dòng tên cột".into()
}

fn returned_without_unit() -> String {
    "không có mã đơn vị (ô ma_don_vi để trống). Hãy ghi mã đơn vị trong units.toml".into()
}

fn bad_form_number(field: &str, value: &str, range: &std::ops::RangeInclusive<u32>) -> String {
    let limit = match (*range.start(), *range.end()) {
        (0, u32::MAX) => "một số nguyên không âm, ví dụ 12".to_owned(),
        (1, u32::MAX) => "một số nguyên từ 1, ví dụ 5".to_owned(),
        (low, high) => format!("một số từ {low} đến {high}"),
    };
    format!("ô “{}” ghi “{}”, không phải số. Hãy ghi bằng chữ số {limit}", quoted(field), quoted(value))
}

fn report_month_half() -> String {
    "chỉ điền một trong hai ô tháng báo cáo (thang_bao_cao, nam_bao_cao). Hãy điền cả tháng và năm".into()
}

fn report_month_missing() -> String {
    "chưa điền tháng báo cáo (thang_bao_cao, nam_bao_cao). Hãy điền vào biểu mẫu hoặc ghi --month 2026-07".into()
}

fn form_for_other_month(form: &str, asked: &str) -> String {
    format!("biểu mẫu báo cáo {form}, không phải {asked} như --month yêu cầu. Hãy nhập tệp này với --month của đúng tháng")
}

fn report_date_missing() -> String {
    "chưa điền ngày báo cáo (ô ngay và thang cạnh địa danh). Hãy điền ngày, tháng ký báo cáo".into()
}

fn bad_form_date(day: u32, month: u32, year: i32) -> String {
    format!("ngày {day} tháng {month} năm {year} không có trong lịch. Hãy sửa ô ngay hoặc thang")
}

fn returned_row_name_missing(row: usize) -> String {
    format!("hàng {row} có số liệu nhưng để trống tên (ô dong{row}_ten). Hãy ghi tên đơn vị, bộ phận của hàng")
}

fn returned_count_missing(row: usize, column: &str) -> String {
    format!("hàng {row} để trống ô dong{row}_{column}. Hãy ghi số bằng chữ số, 0 nếu không có")
}

fn duplicate_return(unit: &str, month: &str, files: &[String]) -> String {
    format!("đơn vị “{unit}” gửi {} tệp cho {month}: {}. Không nhập tệp nào; hãy giữ lại một tệp rồi nhập lại", files.len(), files.join(", "))
}

fn import_skipped(file: &str, target: &str) -> String {
    format!("bỏ qua: {file}: đã có {target}. Thêm --replace để ghi đè")
}

/// `signatures`: what the import found of the file's signatures, if any.
fn import_written(target: &str, file: &str, signatures: &str) -> String {
    match signatures {
        "" => format!("{target} ← {file}"),
        note => format!("{target} ← {file} ({note})"),
    }
}

fn imported_from(file: &str) -> String {
    let name = Path::new(file).file_name().map_or(file.into(), |n| n.to_string_lossy());
    format!("Nhập bằng vanban import từ tệp {}.", visible(&name))
}

fn returned_unknown_unit(code: &str, known: &[&str]) -> String {
    let code = quoted(code);
    format!("ô ma_don_vi ghi “{code}”, không phải mã đơn vị nào trong units.toml ({}). Hãy dùng biểu mẫu của chính đơn vị trong bieu-mau/", known.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_as_clerks_type_them() {
        assert_eq!(count("214"), Some(214));
        assert_eq!(count("1.234"), Some(1234));
        assert_eq!(count("12 345"), Some(12345));
        // As the messages about a TOML count read it (issue 26: they disagreed).
        assert_eq!(count("1,234"), Some(1234));
        assert_eq!(count("1,234").map(u64::from), crate::vietnamese::grouped_count("1,234"));
        assert_eq!(count("4294967296"), None, "more than a count holds");
        for bad in ["mười", "1.5", "-3", "", "12a", "1.23", "1,5", "1.234,5"] {
            assert_eq!(count(bad), None, "{bad}");
        }
    }
}

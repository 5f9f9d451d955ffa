//! `vanban import`: the reports units send back, as filled PDF forms, their
//! Excel workbooks filled in, or spreadsheets saved as CSV, written as
//! data/reports/<period>/<code>.toml through the same checks as a
//! hand-written report. What is read, and how, is the campaign's form: its
//! columns' keys name the cells, their kinds read them. The unit comes from
//! the code inside the file, never from its name; one bad file stops only
//! itself.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;

use super::Workspace;
use crate::data::DataDir;
use crate::documents::report::workbook;
use crate::error::{self, Error, Location, Notice, Result, io_reason, quoted, visible};
use crate::fields as field;
use crate::model::{Column, Form, Kind, MAX_ROWS, MAX_UNITS, Period, Report, Row, SourceFile, Text, Units, check_rows};
use crate::output;
use crate::returned;
use crate::signature::{Status, Trust, Verified};
use crate::spreadsheet;

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
    period: Period,
    toml: String,
    signatures: Signatures,
    /// What the import filled in itself, said when it is written.
    notes: Vec<Notice>,
}

/// `vanban import FILE|FOLDER…`: every PDF, XLSX and CSV given (folders:
/// the files in them), written into the data's reports/<period>/; `month`
/// (--month) is the period they report on where they do not say.
pub fn run(workspace: &Workspace, inputs: &[PathBuf], month: Option<&str>, replace: bool) -> Result<Imported> {
    let DataDir::Folder(folder) = &workspace.data else {
        return Err(Error::Usage { message: format!("vanban import: {}", import_needs_folder()) });
    };
    let form = workspace.form()?;
    let usage = |message: String| Error::Usage { message: format!("--month: {message}") };
    let asked = match month {
        Some(text) => match Period::parse(text) {
            None => return Err(usage(super::bad_period_argument("--month", text))),
            Some(period) if period.every != form.every => return Err(usage(period_of_other_kind(text, form))),
            period => period,
        },
        None => None,
    };
    let units = workspace.units()?;
    let mut imported = Imported::default();
    let mut ready: Vec<Ready> = Vec::new();
    let read_and_check = |path: &PathBuf| {
        read(path, &workspace.trust, form).and_then(|returned| returned.into_iter().map(|r| check(r, units, form, asked)).collect::<Result<Vec<_>>>())
    };
    let checked: Vec<_> = files(inputs)?.par_iter().map(read_and_check).collect();
    for checked in checked {
        match checked {
            Ok(reports) => ready.extend(reports),
            Err(e) => imported.refused.push(e.to_string()),
        }
    }
    // Two returns for one unit and period: neither is taken.
    let mut seen: HashMap<(String, Period), Vec<String>> = HashMap::new();
    for report in &ready {
        seen.entry((report.code.clone(), report.period)).or_default().push(report.file.clone());
    }
    let mut existing: HashMap<Period, HashMap<String, PathBuf>> = HashMap::new();
    for report in ready {
        let files = &seen[&(report.code.clone(), report.period)];
        if files.len() > 1 {
            let message = duplicate_return(&report.code, &report.period.words(), files);
            imported.refused.push(Error::data(Location::file(&report.file), message).to_string());
            continue;
        }
        let key = report.period.key();
        let existing = existing.entry(report.period).or_insert_with(|| existing_reports(folder, &key));
        let target = existing.get(&report.code).cloned().unwrap_or_else(|| folder.join(format!("reports/{key}/{}.toml", report.code)));
        let replaces = existing.contains_key(&report.code);
        if replaces && !replace {
            imported.skipped.push(Notice::Note(import_skipped(&report.file, &target.display().to_string())));
            continue;
        }
        // The written file must read back as any hand-written report does.
        let source = SourceFile::new(target.display().to_string(), report.toml);
        match reads_back(&source, units, form, report.period) {
            Ok(checked) => {
                output::write_atomically(&target, source.text.as_bytes())?;
                if replaces {
                    imported.warnings.push(Notice::Note(import_replaced(&target.display().to_string(), &report.file)));
                }
                imported.warnings.extend(report.notes.iter().cloned());
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

enum FileKind {
    Pdf,
    Csv,
    Xlsx,
    /// A spreadsheet format vanban does not read, by its extension.
    OtherSheet(String),
}

fn kind(path: &Path) -> Option<FileKind> {
    match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "pdf" => Some(FileKind::Pdf),
        "csv" => Some(FileKind::Csv),
        "xlsx" => Some(FileKind::Xlsx),
        other @ ("xls" | "ods" | "xlsb" | "xlsm" | "numbers") => Some(FileKind::OtherSheet(other.to_owned())),
        _ => None,
    }
}

/// The largest CSV file read: a unit's rows are some hundred bytes, every
/// unit's together some kilobytes.
const CSV_BYTES: u64 = 5 << 20;

impl FileKind {
    /// The largest file of the kind read, and the message refusing a
    /// bigger one.
    fn limit(&self) -> (u64, fn(u64) -> String) {
        match self {
            FileKind::Pdf => (returned::PDF_BYTES, pdf_too_big),
            FileKind::Csv => (CSV_BYTES, csv_too_big),
            FileKind::Xlsx | FileKind::OtherSheet(_) => (spreadsheet::WORKBOOK_BYTES, spreadsheet::workbook_too_big),
        }
    }
}

/// The reports in a returned file: one from a form, one per unit from a
/// spreadsheet. The file is read up to its kind's limit, never further;
/// its name, as every message shows it, with its control characters made
/// visible.
fn read(path: &Path, trust: &Trust, form: &Form) -> Result<Vec<Returned>> {
    let file = error::visible(&path.display().to_string());
    let kind = match kind(path) {
        Some(FileKind::OtherSheet(extension)) => return Err(Error::data(Location::file(&file), workbook_other_format(&extension))),
        Some(kind) => kind,
        None => return Err(Error::data(Location::file(&file), import_kind())),
    };
    let (limit, too_big) = kind.limit();
    let bytes = read_capped(path, &file, limit, too_big)?;
    read_file(file, &kind, bytes, trust, form)
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
/// checks them, by the campaign's `form`, from memory (the fuzz target's
/// way in): each report's TOML as it would be written into
/// reports/<period>/, once it reads back as a hand-written report, or why
/// it is refused. `name` is the file's, its extension telling its kind;
/// `period` is --month's.
pub fn read_bytes(name: &str, bytes: &[u8], units: &Units, form: &Form, period: Option<Period>, trust: &Trust) -> Vec<Result<String>> {
    let file = error::visible(name);
    let refuse = |message: String| vec![Err(Error::data(Location::file(&file), message))];
    let kind = match kind(Path::new(name)) {
        Some(FileKind::OtherSheet(extension)) => return refuse(workbook_other_format(&extension)),
        Some(kind) => kind,
        None => return refuse(import_kind()),
    };
    let (limit, too_big) = kind.limit();
    if bytes.len() as u64 > limit {
        return refuse(too_big(bytes.len() as u64));
    }
    match read_file(file.clone(), &kind, bytes.to_vec(), trust, form) {
        Err(e) => vec![Err(e)],
        Ok(returns) => returns
            .into_iter()
            .map(|r| {
                let ready = check(r, units, form, period)?;
                let source = SourceFile::new(format!("reports/{}/{}.toml", ready.period.key(), ready.code), ready.toml);
                reads_back(&source, units, form, ready.period).map(|_| source.text)
            })
            .collect(),
    }
}

/// The report a returned file became, read back as a hand-written one.
fn reads_back(source: &SourceFile, units: &Units, form: &Form, period: Period) -> Result<crate::model::CheckedReport> {
    let no_csv = |name: &str| -> Result<(String, Vec<u8>)> { Err(Error::read(Path::new(name), std::io::ErrorKind::NotFound.into())) };
    Report::load(source, units, form, Some(period), &no_csv)
}

/// The reports in a returned file's bytes, by the campaign's `form`;
/// `file` is its name as messages show it.
fn read_file(file: String, kind: &FileKind, bytes: Vec<u8>, trust: &Trust, form: &Form) -> Result<Vec<Returned>> {
    match kind {
        FileKind::Pdf => {
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
        FileKind::Csv => csv_returns(&spreadsheet::decode(file, &bytes)?, form),
        FileKind::Xlsx => Ok(vec![workbook_return(file, bytes, form)?]),
        FileKind::OtherSheet(extension) => Err(Error::data(Location::file(&file), workbook_other_format(extension))),
    }
}

/// The years a period reported on may be in, as the data takes them.
fn years() -> std::ops::RangeInclusive<u32> {
    (*crate::model::YEARS.start() as u32)..=(*crate::model::YEARS.end() as u32)
}

/// The form's fields outside the table but the unit's code (which a
/// workbook keeps apart), each a cell of a workbook; all but the signer's
/// name are numbers, typed as numbers.
fn singles() -> impl Iterator<Item = &'static str> {
    field::SINGLES.into_iter().filter(|&name| name != field::UNIT)
}

/// A unit's form filled in Excel (or LibreOffice): the cells its defined
/// names point at, as typed; what the form derives is derived again. The
/// unit is the one its defined name and its custom property both name.
fn workbook_return(file: String, bytes: Vec<u8>, form: &Form) -> Result<Returned> {
    use spreadsheet::{Shape, Value};
    let mut workbook = spreadsheet::open_workbook(file, bytes)?;
    let whole = Location::file(&workbook.name);
    let Some(code) = workbook.defined_name(field::UNIT)? else { return Err(Error::data(whole, workbook_not_ours())) };
    let code = code.trim_matches('"').replace("\"\"", "\"");
    if let Some(version) = workbook.defined_name(field::LAYOUT_VERSION)?
        && version.parse::<f64>().is_ok_and(|v| v > f64::from(workbook::VERSION))
    {
        return Err(Error::data(whole, workbook_newer(version)));
    }
    if let Some(property) = workbook.property(field::UNIT)?
        && property.trim() != code.trim()
    {
        return Err(Error::data(whole, workbook_units_disagree(&code, &property)));
    }
    // The columns typed in; what the form derives is its formula, left out.
    let typed: Vec<&Column> = form.columns.iter().filter(|c| c.formula.is_none()).collect();
    let names: Vec<(&str, Shape)> = singles().map(|n| (n, Shape::Cell)).chain(typed.iter().map(|c| (c.key.as_str(), Shape::Column))).collect();
    let cells = workbook.named_cells(&names)?;
    let mut fields = BTreeMap::new();
    fields.insert(field::UNIT.to_owned(), (code, whole));
    for (name, cells) in cells {
        // A single field or a column of the table, and what it holds.
        let column = typed.iter().find(|c| c.key == name);
        let numeric = column.map_or(name != field::SIGNER, |c| c.kind.is_amount());
        let dated = column.is_some_and(|c| c.kind == Kind::Date);
        for (row, cell) in cells.into_iter().enumerate() {
            let field_name = if column.is_some() { field::cell(row + 1, name) } else { name.to_owned() };
            let shown = field_words(&field_name, column.copied());
            let refuse = |message: String| Err(Error::data(cell.at.clone(), message));
            // A cell to type into holds what was typed: not a formula; a
            // number typed as one; a date only where a date is asked.
            let text = match cell.value {
                _ if cell.formula => return refuse(workbook_formula_typed(&shown)),
                Value::Empty => String::new(),
                // A number cell holds "12.345" as the number twelve and a
                // bit: never read as a count grouped in thousands.
                Value::Number(number) if !whole_number(&number) && column.is_some_and(|c| c.decimals() == 0) => {
                    return refuse(workbook_count_not_whole(&shown, &number));
                }
                Value::Number(number) => number,
                Value::Text(text) if numeric && (count(text.trim()).is_some() || text.trim().parse::<f64>().is_ok()) => {
                    return refuse(workbook_count_as_text(&shown, &text));
                }
                Value::Text(text) => text,
                Value::Date(date) if dated => date,
                Value::Date(date) if numeric => return refuse(workbook_date_in_count(&shown, &date)),
                Value::Date(date) => return refuse(workbook_date_in_text(&shown, &date)),
                // A yes/no cell may hold Excel's own TRUE or FALSE.
                Value::Other(value) if column.is_some_and(|c| c.kind == Kind::YesNo) && matches!(value.as_str(), "TRUE" | "FALSE") => value.to_lowercase(),
                Value::Other(value) => return refuse(workbook_not_a_value(&shown, &value)),
            };
            fields.insert(field_name, (text, cell.at));
        }
    }
    Ok(Returned { file: workbook.name, fields, signatures: Signatures::default() })
}

/// A spreadsheet of returns: a first line of field names (the unit's
/// fields, then the keys of the form's columns), each once, then one line
/// per table row; a unit's own fields may be given on its first line only.
/// At most MAX_UNITS units, each of at most MAX_ROWS rows, as the data holds.
fn csv_returns(source: &SourceFile, form: &Form) -> Result<Vec<Returned>> {
    let mut records = spreadsheet::records(source).into_iter().filter(|(_, f)| f.iter().any(|(_, c)| !c.trim().is_empty()));
    // A CSV file gives each unit's own fields on its first line at least.
    let names: Vec<&str> = field::SINGLES.into_iter().chain(form.columns.iter().map(|c| c.key.as_str())).collect();
    let Some((_, header)) = records.next() else {
        return Err(Error::data(Location::file(&source.name), csv_no_header(&names)));
    };
    let header: Vec<String> = header.iter().map(|(_, h)| h.trim().to_lowercase()).collect();
    if let Some(unknown) = header.iter().find(|h| !names.contains(&h.as_str())) {
        return Err(source.error_at(0, csv_unknown_column(unknown, &names)));
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
        let field_of = |name: &str| column(name).and_then(|i| record.get(i));
        let cell = |name: &str| field_of(name).map(|(_, c)| c.trim().to_owned()).unwrap_or_default();
        // A cell of the table is placed at its field; a missing one at its line.
        let cell_at = |name: &str| field_of(name).map_or(at.clone(), |&(offset, _)| source.location(offset));
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
        for name in field::SINGLES {
            let value = cell(name);
            if !value.is_empty() || (name == field::UNIT && !fields.contains_key(name)) {
                fields.entry(name.to_owned()).or_insert((value, at.clone()));
            }
        }
        for key in form.columns.iter().map(|c| c.key.as_str()) {
            fields.insert(field::cell(*row, key), (cell(key), cell_at(key)));
        }
    }
    if units.len() > MAX_UNITS {
        return Err(Error::data(Location::file(&source.name), crate::model::too_many(units.len(), MAX_UNITS, "đơn vị")));
    }
    Ok(returns)
}

/// Checks a returned report as a hand-written one is checked, by the
/// campaign's `form`, and writes its TOML; `asked` is --month's period.
fn check(returned: Returned, units: &Units, form: &Form, asked: Option<Period>) -> Result<Ready> {
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
    // The period reported on: its number in the year (a month's, a
    // quarter's, a week's) and the year.
    let every = form.every;
    let mut notes = Vec::new();
    // The year of a period whose number agrees with --month's, left empty: --month's.
    let asked_year = |n: u32| asked.filter(|a| Period::numbered(every, a.year(), n) == Some(*a)).map(|a| a.year() as u32);
    let on_form = match (number(field::REPORT_PERIOD, 1..=every.most())?, number(field::REPORT_YEAR, years())?) {
        (Some(n), None) if asked_year(n).is_some() => {
            let year = asked_year(n).expect("tested on the line above");
            notes.push(Notice::Note(year_from_month_argument(&file, year)));
            Period::numbered(every, year as i32, n)
        }
        (Some(n), Some(year)) => {
            let at = get(field::REPORT_PERIOD).map_or(whole.clone(), |(_, at)| at.clone());
            Some(Period::numbered(every, year as i32, n).ok_or_else(|| Error::data(at, no_such_period(every.word(), n, year)))?)
        }
        (None, None) => None,
        _ => return Err(Error::data(whole.clone(), report_period_half(every.word()))),
    };
    let period = match (on_form, asked) {
        (Some(on_form), Some(asked)) if on_form != asked => {
            return Err(Error::data(whole, form_for_other_period(&on_form.words(), &asked.words(), every.word())));
        }
        (Some(period), _) | (None, Some(period)) => period,
        (None, None) => return Err(Error::data(whole, report_period_missing(every.word(), every.example()))),
    };
    let (day, date_month) = (number(field::DAY, 1..=31)?, number(field::MONTH, 1..=12)?);
    let (Some(day), Some(date_month)) = (day, date_month) else {
        return Err(Error::data(whole, report_date_missing()));
    };
    // The year as written, else (a form of an older vanban printed it) the
    // period's, or the next when the report is dated in a month before the
    // period begins (January for a December).
    let typed_year = number(field::YEAR, years())?;
    let year = typed_year.map_or(period.start.year() + i32::from(date_month < period.start.month()), |y| y as i32);
    let date = NaiveDate::from_ymd_opt(year, date_month, day).ok_or_else(|| Error::data(whole.clone(), bad_form_date(day, date_month, year)))?;
    // A report is written once its period has begun: one dated before,
    // by the year typed, is most likely a January date with last year's year.
    if let Some((_, at)) = get(field::YEAR).filter(|_| date < period.start) {
        return Err(Error::data(at.clone(), dated_before_period(date, period.start, &period.words())));
    }
    let report_number = number(field::NUMBER, 1..=u32::MAX)?;
    let text = |name: &str| -> Result<Option<Text>> { get(name).map(|(value, at)| Text::clean(value).map_err(|m| Error::data(at.clone(), m))).transpose() };
    let signer = text(field::SIGNER)?;

    // The rows the file has a cell of, in order: work in the file's cells,
    // never in a row number written in it. A cell of a column the form
    // does not have is from another form.
    let mut numbers = std::collections::BTreeSet::new();
    for (name, (_, at)) in &fields {
        let Some((row, key)) = field::parse_cell(name) else { continue };
        if form.column(key).is_none() {
            return Err(Error::data(at.clone(), form_other_column(name, form)));
        }
        numbers.insert(row);
    }
    // Each row with where each of its cells is: a message about a cell
    // names that cell where the file tells it (a workbook's "ô D14"), else
    // the row.
    let mut rows: Vec<(Vec<Location>, Row)> = Vec::new();
    for n in numbers {
        let names: Vec<String> = form.columns.iter().map(|c| field::cell(n, &c.key)).collect();
        let values: Vec<Option<&str>> = names.iter().map(|name| get(name).map(|(value, _)| value)).collect();
        let Some(first) = names.iter().find_map(|name| get(name)) else {
            continue; // a row left blank on the form
        };
        let places: Vec<Location> = names.iter().map(|name| fields.get(name).map_or(first.1, |(_, at)| at).clone()).collect();
        let mut cells = Vec::with_capacity(form.columns.len());
        for (index, column) in form.columns.iter().enumerate() {
            // A derived column left blank is worked out by the checks.
            let value = match values[index] {
                None if column.required && column.formula.is_none() => return Err(Error::data(places[index].clone(), returned_cell_missing(n, column))),
                None => None,
                Some(value) => parse(column, value).map_err(|message| Error::data(places[index].clone(), column_value(column, &message)))?,
            };
            cells.push(value);
        }
        rows.push((places, Row { cells }));
    }
    if rows.is_empty() {
        return Err(Error::data(whole, crate::model::no_rows(form)));
    }
    // What was typed is written: reading the report back derives the rest.
    let typed: Vec<Row> = rows.iter().map(|(_, row)| row.clone()).collect();
    check_rows(form, rows, &file, |places: &Vec<Location>, column, message| Error::data(places[column].clone(), message))?;

    let mut toml = format!("# {}\n", imported_from(&file));
    let quote = |text: &str| toml::Value::String(text.to_owned()).to_string();
    toml += &format!("unit = {}\nperiod = \"{}\"\n", quote(code), period.key());
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
    for row in &typed {
        toml += "\n[[row]]\n";
        for (column, value) in form.columns.iter().zip(&row.cells) {
            if let Some(value) = value {
                toml += &format!("{} = {}\n", column.key, column.to_toml(value));
            }
        }
    }
    Ok(Ready { file, code: code.to_owned(), period, toml, signatures, notes })
}

/// A cell's value read by its column. A refusal shows the value as every
/// message of the import shows what a file holds: made visible and cut
/// (error::quoted), the column's words read again about the value so shown.
fn parse(column: &Column, value: &str) -> std::result::Result<Option<crate::model::Value>, String> {
    column.parse(value).map_err(|message| {
        let shown = quoted(value.trim());
        match shown == value.trim() {
            true => message,
            false => column.parse(&shown).err().unwrap_or_else(|| visible(&message)),
        }
    })
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
    crate::model::parse_count(text).and_then(|n| u32::try_from(n).ok())
}

/// Whether a workbook's number is whole, as calamine writes it ("12", "12.0").
fn whole_number(number: &str) -> bool {
    number.parse::<f64>().is_ok_and(|n| n.fract() == 0.0)
}

/// The unit code of each report already in reports/<period>/, with its file.
fn existing_reports(folder: &Path, period: &str) -> HashMap<String, PathBuf> {
    let Ok(entries) = std::fs::read_dir(folder.join("reports").join(period)) else { return HashMap::new() };
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

fn workbook_count_not_whole(field: &str, number: &str) -> String {
    format!("{field} ghi số {number}, không phải số nguyên. Hãy ghi số nguyên từ 0 trở lên (số lẻ không đếm được)")
}

/// A returned file that could not be read from the disk.
fn file_unreadable(error: &std::io::Error) -> String {
    format!("không đọc được tệp: {}", io_reason(error))
}

fn pdf_too_big(bytes: u64) -> String {
    format!(
        "tệp quá lớn ({} MB) để là biểu mẫu báo cáo (biểu mẫu PDF của vanban, đã điền và ký, chỉ vài trăm KB), nên không được đọc. Hãy gửi lại tệp PDF trong bieu-mau/ của đơn vị sau khi điền",
        bytes.div_ceil(1 << 20)
    )
}

/// A PDF whose compressed parts unpack to more than a form holds, or that
/// holds (or names again and again) more parts than a form has.
fn pdf_unpacks_too_big(limit: usize) -> String {
    format!(
        "tệp PDF có phần nén giải ra hơn {} MB, hoặc nhiều phần (hay một phần được nhắc lại nhiều lần) hơn mọi biểu mẫu báo cáo, nên không được đọc: biểu mẫu PDF của vanban chỉ vài trăm KB. Hãy gửi lại tệp PDF trong bieu-mau/ của đơn vị sau khi điền",
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
        "ô “{}” không có trong biểu mẫu: bảng của biểu mẫu báo cáo có không quá {rows} hàng. Hãy điền vào tệp biểu mẫu trong bieu-mau/ của đơn vị rồi gửi lại",
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

/// A field of the form as a message names it: ô “so”, or a cell of the
/// table with its column, ô “dong3_<key>” (cột “<heading>”).
fn field_words(name: &str, column: Option<&Column>) -> String {
    match column {
        Some(column) => format!("ô “{}” (cột “{}”)", quoted(name), column.title()),
        None => format!("ô “{}”", quoted(name)),
    }
}

/// A cell to type a number into that holds a date (Excel turned "1/8"
/// into the 1st of August, or the cell is formatted as a date); `cell` as
/// field_words names it.
fn workbook_date_in_count(cell: &str, date: &str) -> String {
    format!(
        "{cell} là ngày tháng ({date}), không phải số: Excel đã đổi điều gõ vào thành ngày, hoặc ô được định dạng kiểu ngày. Hãy chọn ô, đặt định dạng Số (Format Cells > Number) rồi gõ lại số bằng chữ số"
    )
}

fn workbook_date_in_text(cell: &str, date: &str) -> String {
    format!(
        "{cell} là ngày tháng ({date}), không phải chữ: Excel đã đổi điều gõ vào thành ngày. Hãy chọn ô, đặt định dạng Văn bản (Format Cells > Text) rồi gõ lại"
    )
}

/// A number typed as text: the digits of a number, or words.
fn workbook_count_as_text(cell: &str, value: &str) -> String {
    format!(
        "{cell} ghi “{}” dạng chữ (văn bản), không phải số. Hãy xóa ô rồi gõ lại bằng chữ số, không có dấu nháy ' ở đầu, trong ô định dạng Số",
        quoted(value)
    )
}

/// A cell holding TRUE/FALSE or an error (#DIV/0!).
fn workbook_not_a_value(cell: &str, value: &str) -> String {
    format!("{cell} ghi “{}”, không phải điều cần điền. Hãy xóa ô rồi gõ lại", quoted(value))
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
    "sổ làm việc không phải biểu mẫu báo cáo do vanban tạo (không có tên ma_don_vi). Hãy điền vào tệp .xlsx trong bieu-mau/ của đơn vị rồi gửi lại".into()
}

fn workbook_newer(version: &str) -> String {
    let version = quoted(version);
    format!("biểu mẫu là phiên bản {version}, mới hơn phiên bản vanban này đọc được. Hãy cập nhật vanban rồi nhập lại")
}

/// A cell to fill in that holds a formula: its stored result is not what
/// was typed.
fn workbook_formula_typed(cell: &str) -> String {
    format!(
        "{cell} cần điền lại chứa công thức; kết quả lưu sẵn của công thức không phải điều đã gõ. Hãy xóa ô rồi gõ thẳng giá trị (số bằng chữ số, tên bằng chữ) vào ô"
    )
}

fn not_a_pdf() -> String {
    "tệp không đọc được như một PDF. Hãy gửi lại tệp biểu mẫu PDF mà đơn vị đã điền".into()
}

fn not_our_form() -> String {
    "tệp PDF không phải biểu mẫu báo cáo do vanban in (không có ô ma_don_vi). Hãy điền vào tệp trong bieu-mau/ của đơn vị rồi gửi lại".into()
}

/// Where a value of a returned form sits: the file and the field's name.
fn form_field_place(file: &str, field: &str) -> String {
    format!("{file}, ô “{}”", quoted(field))
}

/// `names`: the columns a CSV file of returns may have.
fn csv_no_header(names: &[&str]) -> String {
    format!("tệp CSV trống. Dòng đầu là tên cột: {}", names.join(", "))
}

fn csv_unknown_column(name: &str, names: &[&str]) -> String {
    format!("cột “{}” không có trong mẫu. Tên cột là: {}", quoted(name), names.join(", "))
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

/// --month naming a period of another kind than the form's (`word`: "tháng", "quý", "tuần").
fn period_of_other_kind(text: &str, form: &Form) -> String {
    format!("kỳ “{}” không phải kỳ của biểu mẫu: {} báo cáo hằng {}. Hãy ghi --month {}", visible(text), form.file, form.every.word(), form.every.example())
}

/// The period's fields of a form, `word` its kind ("tháng", "quý", "tuần"), one filled.
fn report_period_half(word: &str) -> String {
    format!(
        "chỉ điền một trong hai ô kỳ báo cáo ({word}: {}, năm: {}). Hãy điền cả {word} và năm, hoặc nhập với --month của kỳ đó",
        field::REPORT_PERIOD,
        field::REPORT_YEAR
    )
}

fn year_from_month_argument(file: &str, year: u32) -> String {
    format!("ghi chú: {file}: ô năm của kỳ báo cáo ({}) để trống; lấy năm {year} theo --month", field::REPORT_YEAR)
}

fn report_period_missing(word: &str, example: &str) -> String {
    format!("chưa điền {word} báo cáo ({}, {}). Hãy điền vào biểu mẫu hoặc ghi --month {example}", field::REPORT_PERIOD, field::REPORT_YEAR)
}

/// A week 53 of a year of 52.
fn no_such_period(word: &str, number: u32, year: u32) -> String {
    format!("năm {year} không có {word} {number}. Hãy sửa ô {} hoặc {}", field::REPORT_PERIOD, field::REPORT_YEAR)
}

fn form_for_other_period(form: &str, asked: &str, word: &str) -> String {
    format!("biểu mẫu báo cáo {form}, không phải {asked} như --month yêu cầu. Hãy nhập tệp này với --month của đúng {word}")
}

fn report_date_missing() -> String {
    "chưa điền ngày báo cáo (ô ngay và thang cạnh địa danh). Hãy điền ngày, tháng ký báo cáo".into()
}

fn dated_before_period(date: NaiveDate, start: NaiveDate, period: &str) -> String {
    format!(
        "báo cáo ký ngày {}, trước khi {period} bắt đầu ({}). Hãy sửa ô {} (năm ký): báo cáo tháng 12 ký vào tháng 1 thì ghi năm sau, ví dụ {}",
        date.format("%d/%m/%Y"),
        start.format("%d/%m/%Y"),
        field::YEAR,
        start.year() + 1
    )
}

fn bad_form_date(day: u32, month: u32, year: i32) -> String {
    format!("ngày {day} tháng {month} năm {year} không có trong lịch. Hãy sửa ô ngay, thang hoặc nam")
}

/// A cell of a returned form's table that the form requires, left blank.
fn returned_cell_missing(row: usize, column: &Column) -> String {
    let write = match column.kind {
        Kind::Count | Kind::Number { .. } | Kind::Share => "số bằng chữ số, 0 nếu không có".to_owned(),
        Kind::Text => column.label.clone(),
        Kind::YesNo => "“Có” hoặc “Không”".to_owned(),
        Kind::Date => "ngày, dạng 05/10/2026".to_owned(),
    };
    format!("hàng {row} có số liệu nhưng để trống ô “{}” ({}). Hãy ghi {write}", column.title(), field::cell(row, &column.key))
}

/// What a column says of a value of a returned form it refuses.
fn column_value(column: &Column, message: &str) -> String {
    format!("cột “{}”: {message}", column.title())
}

/// A cell of a returned PDF's table whose column the form does not have.
fn form_other_column(field: &str, form: &Form) -> String {
    let keys: Vec<&str> = form.columns.iter().map(|c| c.key.as_str()).collect();
    format!(
        "ô “{}” không phải cột nào của biểu mẫu ({}: {}): có lẽ tệp được điền trên biểu mẫu in trước khi các cột thay đổi. Hãy điền vào biểu mẫu mới trong bieu-mau/ của đơn vị rồi gửi lại",
        quoted(field),
        form.file,
        keys.join(", ")
    )
}

fn duplicate_return(unit: &str, month: &str, files: &[String]) -> String {
    format!("đơn vị “{unit}” gửi {} tệp cho {month}: {}. Không nhập tệp nào; hãy giữ lại một tệp rồi nhập lại", files.len(), files.join(", "))
}

fn import_skipped(file: &str, target: &str) -> String {
    format!("bỏ qua: {file}: đã có {target}. Thêm --replace để ghi đè")
}

/// --replace at work: the report that was there is gone.
fn import_replaced(target: &str, file: &str) -> String {
    format!("đã ghi đè: {target} (báo cáo đã có của đơn vị) được thay bằng {file}, theo --replace")
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

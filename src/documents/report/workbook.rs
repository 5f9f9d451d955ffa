//! A unit's blank form as an Excel workbook, beside its PDF: the same
//! form (the same text, from the same view) with as many rows as the PDF,
//! its table's columns as the campaign's form declares them, cells to fill
//! in unlocked and checked as they are typed (by their kind and the
//! form's checks), what the form derives as formulas, printed on one A4
//! portrait page. The cells a unit fills in carry the form's field names
//! and column keys as defined names, and the unit's code travels inside,
//! so `vanban import` reads it back whatever the file is renamed to.
use rust_xlsxwriter::{DataValidation, DataValidationRule, ExcelDateTime, Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet, XlsxError};

use super::{FormView, NUMBER_HEAD, ReportDocument, TOTALS};
use crate::documents::xlsx::{self, A4};
use crate::error::Result;
use crate::fields;
use crate::model::{self, Check, Column, Every, Form, Kind, MAX_TEXT_CHARS};
use crate::spreadsheet::cell_name;

/// The form's sheet.
pub const SHEET: &str = "Báo cáo";
/// The layout's version this program writes (as fields::LAYOUT_VERSION):
/// an import knows which cells to read.
pub const VERSION: u32 = 1;

/// Widths in characters, two millimetres of the PDF's table each: the row
/// numbers' 11 mm, each column as wide as the PDF draws it, and the first
/// column what is left of the page's 78 (the PDF's 155 mm), but never
/// narrower than a short name.
const NUMBER_WIDTH: f64 = 5.5;
const MM_PER_CHARACTER: f64 = 2.0;
const PAGE_WIDTH: f64 = 78.0;
const LEAST_NAME_WIDTH: f64 = 12.5;
/// Beside the printed page: a gap, the labels and the cells to fill in.
const BESIDE_WIDTHS: [f64; 3] = [3.0, 38.0, 16.0];
/// The table's two-level head, and the first row of its body (0-based).
const GROUP_HEAD: u32 = 11;
const HEAD: u32 = 12;
const BODY: u32 = 13;
/// Where the cells of the header's blanks and the signer start.
const FIRST_INPUT: u32 = 3;
/// Margins in inches: the decree's 30 mm left, 15 mm right, 20 mm top and bottom.
const MARGINS: (f64, f64, f64, f64) = (1.18, 0.59, 0.79, 0.79);
/// Text height of a line in points, and characters a line of the full
/// width holds: merged cells do not grow with their text.
const LINE: f64 = 17.0;
const LINE_CHARS: usize = 80;
/// The width of the header's left column (the issuer's), in characters,
/// and the capitals a line of it holds.
const HEADER_WIDTH: f64 = 30.5;
const HEADER_CHARS: usize = 26;
/// The lines the hint beside the form has room for over its four rows.
const HINT_LINES: usize = 5;
/// The longest error message Excel shows for a cell.
const MESSAGE_CHARS: usize = 255;
/// The cells to fill in, on screen only.
const YELLOW: &str = "#FFF2CC";

/// The stored result of a formula that shows nothing yet, for readers that
/// do not recalculate on opening: the writer stores an empty result as 0.
const NOTHING: &str = " ";

/// How a typed number shows in the printed line: as typed, with the
/// decree's leading zero (numbers and days below 10, months 1 and 2), or
/// as a quarter's Roman numeral.
#[derive(Clone, Copy)]
enum Shown {
    Plain,
    TwoDigits,
    Month,
    Roman,
}

/// The header's fields in the order of their blanks on the form, with how
/// each shows.
const NUMBER_BLANKS: [(&str, Shown); 1] = [(fields::NUMBER, Shown::TwoDigits)];
const DATE_BLANKS: [(&str, Shown); 3] = [(fields::DAY, Shown::TwoDigits), (fields::MONTH, Shown::Month), (fields::YEAR, Shown::Plain)];
const INPUTS: [&str; 7] = [fields::NUMBER, fields::DAY, fields::MONTH, fields::YEAR, fields::REPORT_PERIOD, fields::REPORT_YEAR, fields::SIGNER];

struct Formats {
    text: Format,
    bold: Format,
    italic: Format,
    title: Format,
    paragraph: Format,
    head: Format,
    cell: Format,
    input: Format,
    label: Format,
}

impl Formats {
    fn new() -> Self {
        let text = Format::new().set_font_name("Times New Roman").set_font_size(12).set_align(FormatAlign::Center).set_align(FormatAlign::VerticalCenter);
        let cell = text.clone().set_border(FormatBorder::Thin).set_text_wrap();
        Self {
            bold: text.clone().set_bold(),
            italic: text.clone().set_italic().set_font_size(13),
            title: text.clone().set_bold().set_font_size(13).set_text_wrap(),
            paragraph: text.clone().set_font_size(13).set_align(FormatAlign::Justify).set_text_wrap(),
            head: cell.clone().set_bold(),
            input: text.clone().set_border(FormatBorder::Thin).set_unlocked().set_background_color(YELLOW),
            label: text.clone().set_align(FormatAlign::Left).set_text_wrap(),
            cell,
            text,
        }
    }

    /// A cell of the table as its column's kind shows it.
    fn of(&self, kind: Kind) -> Format {
        let cell = self.cell.clone();
        match kind {
            Kind::Text => cell.set_align(FormatAlign::Left),
            Kind::Count => cell.set_num_format("#,##0"),
            Kind::Number { decimals: 0 } => cell.set_num_format("#,##0"),
            Kind::Number { decimals } => cell.set_num_format(format!("#,##0.{}", "0".repeat(decimals as usize))),
            Kind::YesNo => cell,
            Kind::Date => cell.set_num_format("dd/mm/yyyy"),
            Kind::Share => cell.set_num_format("0.0%"),
        }
    }

    /// A cell of the table to fill in.
    fn input_of(&self, kind: Kind) -> Format {
        self.of(kind).set_unlocked().set_background_color(YELLOW)
    }
}

/// Where the sheet's parts stand, by the form's columns.
struct Layout {
    /// Each column's width in characters, from the row numbers'.
    widths: Vec<f64>,
    /// The page's last column: the table's, or the fourth for a table of
    /// fewer (the header's halves and the signature need four).
    last: u16,
    /// The last column of the header's left half.
    left: u16,
    /// The first column of the signature, over the page's right half.
    sign: u16,
    /// The labels beside the page, and the cells to fill in.
    label: u16,
    input: u16,
}

impl Layout {
    fn new(form: &FormView) -> Self {
        let mut widths: Vec<f64> = std::iter::once(NUMBER_WIDTH).chain(form.columns.iter().map(|c| c.width.map_or(0.0, |mm| mm / MM_PER_CHARACTER))).collect();
        if widths.len() < 4 {
            widths.resize(4, crate::model::VALUE_MM / MM_PER_CHARACTER);
        }
        widths[1] = (PAGE_WIDTH - widths.iter().sum::<f64>()).max(LEAST_NAME_WIDTH);
        let last = widths.len() as u16 - 1;
        // Each part spans two columns at least: a merge of one cell is refused.
        let left = (1..last - 1).find(|&c| widths[..=usize::from(c)].iter().sum::<f64>() >= HEADER_WIDTH).unwrap_or(last - 2);
        let half = widths.iter().sum::<f64>() / 2.0;
        let sign = (2..last).find(|&c| widths[usize::from(c)..].iter().sum::<f64>() <= half).unwrap_or(last - 1);
        Self { widths, last, left, sign, label: last + 2, input: last + 3 }
    }
}

impl ReportDocument {
    /// The unit's form, as `definition` declares its table, as a workbook
    /// with `rows` rows to fill in (as its PDF).
    pub fn xlsx(&self, definition: &Form, rows: u32, ident: &str) -> Result<Vec<u8>> {
        let (Some(unit), [form]) = (&self.unit, &self.forms[..]) else {
            return Err(crate::Error::Fault { document: ident.to_owned(), message: "a workbook of a form without its unit".into() });
        };
        xlsx::bytes(self.workbook(form, definition, unit, rows), ident)
    }

    fn workbook(&self, form: &FormView, definition: &Form, unit: &str, rows: u32) -> Result<Workbook, XlsxError> {
        let mut workbook = Workbook::new();
        let author = form.header.issuer.join(" ");
        let properties = xlsx::properties(&self.title, &author, self.date)?
            .set_custom_property(fields::UNIT, unit)
            .set_custom_property(fields::LAYOUT_VERSION, VERSION as i32);
        workbook.set_properties(&properties);
        let sheet = workbook.add_worksheet();
        sheet.set_name(SHEET)?;
        let formats = Formats::new();
        let names = form_sheet(sheet, form, definition, rows, &formats)?;
        workbook.define_name(fields::UNIT, &format!("=\"{}\"", unit.replace('"', "\"\"")))?;
        workbook.define_name(fields::LAYOUT_VERSION, &format!("={VERSION}"))?;
        for (name, range) in names {
            workbook.define_name(name, &format!("='{SHEET}'!{range}"))?;
        }
        Ok(workbook)
    }
}

/// Writes the form; returns the defined names of the cells to fill in.
fn form_sheet(sheet: &mut Worksheet, form: &FormView, definition: &Form, rows: u32, f: &Formats) -> Result<Vec<(String, String)>, XlsxError> {
    let layout = Layout::new(form);
    let last_column = layout.last;
    for (column, width) in layout.widths.iter().chain(&BESIDE_WIDTHS).enumerate() {
        sheet.set_column_width(column as u16, *width)?;
    }
    let input_cell = |name: &str| {
        let row = FIRST_INPUT + 1 + INPUTS.iter().position(|n| *n == name).expect("a field of INPUTS") as u32;
        (row, cell_name(row, layout.input.into()))
    };
    // The header: issuer and nation, then number and place-date with their blanks.
    let header = &form.header;
    let upper = |text: &str| text.to_uppercase();
    let parent = header.parent.as_deref().map(upper).unwrap_or_default();
    let issuer = upper(&header.issuer.join(" "));
    let (left, right) = (layout.left, layout.left + 1);
    sheet.merge_range(0, 0, 0, left, &parent, &f.text.clone().set_text_wrap())?;
    sheet.merge_range(0, right, 0, last_column, header.nation[0], &f.bold)?;
    sheet.merge_range(1, 0, 1, left, &issuer, &f.bold.clone().set_text_wrap())?;
    sheet.merge_range(1, right, 1, last_column, header.nation[1], &f.bold)?;
    // A long name breaks over lines in the left column, as on the PDF.
    for (row, text) in [(0, &parent), (1, &issuer)] {
        sheet.set_row_height(row, lines(text, HEADER_CHARS) as f64 * LINE)?;
    }
    let blanks = |fields: &[(&str, Shown)]| fields.iter().map(|(name, shown)| (input_cell(name).1, *shown)).collect::<Vec<_>>();
    merged_formula(sheet, (3, 0, left), filled_in(&header.number, &blanks(&NUMBER_BLANKS)), &f.text)?;
    merged_formula(sheet, (3, right, last_column), filled_in(&header.place_date, &blanks(&DATE_BLANKS)), &f.italic)?;
    // The title, the reference to the dispatch and the introduction, which
    // asks for the period reported on.
    sheet.merge_range(5, 0, 5, last_column, &form.type_name, &f.title)?;
    sheet.merge_range(6, 0, 6, last_column, &form.subject, &f.title)?;
    sheet.set_row_height(6, lines(&form.subject, LINE_CHARS) as f64 * LINE)?;
    sheet.merge_range(8, 0, 8, last_column, &form.reference, &f.paragraph)?;
    sheet.set_row_height(8, lines(&form.reference, LINE_CHARS) as f64 * LINE)?;
    let period = if definition.every == Every::Quarter { Shown::Roman } else { Shown::Plain };
    let period_blanks = [(fields::REPORT_PERIOD, period), (fields::REPORT_YEAR, Shown::Plain)];
    merged_formula(sheet, (9, 0, last_column), filled_in(&form.intro, &blanks(&period_blanks)), &f.paragraph)?;
    sheet.set_row_height(9, lines(&form.intro, LINE_CHARS) as f64 * LINE)?;
    // The table, its last row to fill in, and under its totals the signer:
    // the head's title, the note, room to sign, the name.
    table_head(sheet, definition, &layout, f)?;
    let last_row = BODY + rows.max(1) - 1;
    let column_names = table_body(sheet, definition, last_row, f)?;
    let signature = &form.signature;
    let mut row = last_row + 3;
    for title in &signature.title {
        sheet.merge_range(row, layout.sign, row, last_column, &upper(title), &f.bold)?;
        row += 1;
    }
    if let Some(note) = &signature.note {
        sheet.merge_range(row, layout.sign, row, last_column, note, &f.italic)?;
    }
    let name_row = row + 4;
    let signer = input_cell(fields::SIGNER).1;
    let name = Formula::new(format!("=IF({signer}=\"\",\"\",{signer})")).set_result(NOTHING);
    merged_formula(sheet, (name_row, layout.sign, last_column), name, &f.bold)?;
    // Beside the page: the cells to fill in, each with its label, and what
    // the table wants.
    sheet.write_string_with_format(FIRST_INPUT, layout.label, WORKBOOK_FILL_IN, &f.bold.clone().set_align(FormatAlign::Left))?;
    let mut names = Vec::new();
    for name in INPUTS {
        let (row, cell) = input_cell(name);
        sheet.write_string_with_format(row, layout.label, workbook_label(name, definition.every), &f.label)?;
        sheet.write_blank(row, layout.input, &f.input)?;
        let rule = match name {
            fields::NUMBER => Some(DataValidationRule::GreaterThanOrEqualTo(1)),
            fields::DAY => Some(DataValidationRule::Between(1, 31)),
            fields::MONTH => Some(DataValidationRule::Between(1, 12)),
            fields::REPORT_PERIOD => Some(DataValidationRule::Between(1, definition.every.most() as i32)),
            fields::YEAR | fields::REPORT_YEAR => Some(DataValidationRule::Between(1900, 2200)),
            _ => None,
        };
        if let Some(rule) = rule {
            validate(sheet, (row, layout.input, row, layout.input), DataValidation::new().allow_whole_number(rule), workbook_rule(name, definition.every))?;
        }
        names.push((name.to_owned(), absolute(&cell)));
    }
    let hint = workbook_table_hint(definition);
    let hint_row = FIRST_INPUT + INPUTS.len() as u32 + 2;
    // Four rows hold five lines; each row more, at least one more.
    let hint_last = hint_row + 3 + lines(&hint, (BESIDE_WIDTHS[1] + BESIDE_WIDTHS[2]) as usize).saturating_sub(HINT_LINES) as u32;
    sheet.merge_range(hint_row, layout.label, hint_last, layout.input, &hint, &f.label.clone().set_align(FormatAlign::Top))?;
    page_setup(sheet, name_row, last_column)?;
    sheet.set_selection(FIRST_INPUT + 1, layout.input, FIRST_INPUT + 1, layout.input)?;
    sheet.protect();
    names.extend(column_names);
    Ok(names)
}

/// The table's two-level head: the row numbers' and each column's heading
/// over both rows, or under its group's heading, which spans the group's
/// columns; the rows as high as the longest heading wraps in its column.
fn table_head(sheet: &mut Worksheet, form: &Form, layout: &Layout, f: &Formats) -> Result<(), XlsxError> {
    let heading = |column: &Column| column.heading.join(" ");
    sheet.merge_range(GROUP_HEAD, 0, HEAD, 0, NUMBER_HEAD, &f.head)?;
    let (mut group_lines, mut under_lines, mut alone_lines) = (1, 1, 1);
    for (index, column) in form.columns.iter().enumerate() {
        let at = index as u16 + 1;
        let width = layout.widths[usize::from(at)] as usize;
        let Some(group) = &column.group else {
            sheet.merge_range(GROUP_HEAD, at, HEAD, at, &heading(column), &f.head)?;
            alone_lines = alone_lines.max(wrapped(&heading(column), width));
            continue;
        };
        if index == 0 || form.columns[index - 1].group.as_ref() != Some(group) {
            let span = form.columns[index..].iter().take_while(|c| c.group.as_ref() == Some(group)).count() as u16;
            let width: f64 = layout.widths[usize::from(at)..usize::from(at + span)].iter().sum();
            group_lines = group_lines.max(wrapped(group, width as usize));
            match span {
                1 => sheet.write_string_with_format(GROUP_HEAD, at, group, &f.head)?,
                _ => sheet.merge_range(GROUP_HEAD, at, GROUP_HEAD, at + span - 1, group, &f.head)?,
            };
        }
        sheet.write_string_with_format(HEAD, at, heading(column), &f.head)?;
        under_lines = under_lines.max(wrapped(&heading(column), width));
    }
    if group_lines > 1 {
        sheet.set_row_height(GROUP_HEAD, group_lines as f64 * LINE)?;
    }
    sheet.set_row_height(HEAD, under_lines.max(alone_lines.saturating_sub(group_lines)) as f64 * LINE)?;
    Ok(())
}

/// The rows to fill in, down to `last`, the totals and the checks of what
/// is typed; returns the defined names of the columns typed in, by their keys.
fn table_body(sheet: &mut Worksheet, form: &Form, last: u32, f: &Formats) -> Result<Vec<(String, String)>, XlsxError> {
    let columns = &form.columns;
    let at = |index: usize| index as u16 + 1;
    let typed: Vec<u16> = (0..columns.len()).filter(|&i| columns[i].formula.is_none()).map(at).collect();
    let formats: Vec<Format> = columns.iter().map(|c| if c.formula.is_none() { f.input_of(c.kind) } else { f.of(c.kind) }).collect();
    // Each row: its number once something is typed, the cells to fill in,
    // and what the form works out.
    for row in BODY..=last {
        let number = Formula::new(format!("=IF(COUNTA({})=0,\"\",{})", cells(&typed, row), row - BODY + 1)).set_result(NOTHING);
        sheet.write_formula_with_format(row, 0, number, &f.cell)?;
        for (index, column) in columns.iter().enumerate() {
            match column.formula {
                None => sheet.write_blank(row, at(index), &formats[index])?,
                Some(formula) => sheet.write_formula_with_format(row, at(index), derived(form, formula, row), &formats[index])?,
            };
        }
        sheet.set_row_height(row, 22.0)?;
    }
    // The totals: the sums of the amounts, a share of the sums.
    let totals = last + 1;
    sheet.merge_range(totals, 0, totals, 1, TOTALS, &f.head)?;
    for (index, column) in columns.iter().enumerate().skip(1) {
        let bold = f.of(column.kind).set_bold();
        let column_at = u32::from(at(index));
        match (column.kind, column.formula) {
            (kind, _) if kind.is_amount() => {
                let sum = Formula::new(format!("=SUM({}:{})", cell_name(BODY, column_at), cell_name(last, column_at))).set_result("0");
                sheet.write_formula_with_format(totals, at(index), sum, &bold)?;
            }
            (_, Some(model::Formula::Share(a, b))) => {
                let (a, b) = (cell_name(totals, at(a).into()), cell_name(totals, at(b).into()));
                let share = Formula::new(format!("=IF(N({b})=0,\"\",{a}/{b})")).set_result(NOTHING);
                sheet.write_formula_with_format(totals, at(index), share, &bold)?;
            }
            _ => {
                sheet.write_blank(totals, at(index), &f.cell)?;
            }
        }
    }
    sheet.set_row_height(totals, 22.0)?;
    // What a typed cell takes: its kind, and no more than the cells a
    // check puts over it in the same row.
    let mut names = Vec::new();
    for (index, column) in columns.iter().enumerate().filter(|(_, c)| c.formula.is_none()) {
        let over: Vec<usize> = form
            .checks
            .iter()
            .filter_map(|check| match check {
                Check::AtMost(chain) => chain.windows(2).find(|pair| pair[0] == index).map(|pair| pair[1]),
                Check::Need { .. } => None,
            })
            .collect();
        let x = cell_name(BODY, at(index).into());
        let bounds: String = over.iter().map(|&y| format!(",{x}<=N({})", cell_name(BODY, at(y).into()))).collect();
        let amount = |conditions: String| DataValidation::new().allow_custom(Formula::new(format!("=AND({conditions}{bounds})")));
        let rule = match column.kind {
            Kind::Count if over.is_empty() => DataValidation::new().allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0)),
            Kind::Count => amount(format!("ISNUMBER({x}),{x}=INT({x}),{x}>=0")),
            Kind::Number { .. } | Kind::Share => amount(format!("ISNUMBER({x}),{x}>=0,ROUND({x},{})={x}", column.decimals())),
            Kind::YesNo => DataValidation::new().allow_list_strings(&YES_NO)?,
            Kind::Date => {
                DataValidation::new().allow_date(DataValidationRule::Between(ExcelDateTime::from_ymd(1900, 1, 1)?, ExcelDateTime::from_ymd(2200, 12, 31)?))
            }
            Kind::Text => DataValidation::new().allow_text_length(DataValidationRule::LessThanOrEqualTo(MAX_TEXT_CHARS as u32)),
        };
        let over: Vec<&Column> = over.iter().map(|&y| &columns[y]).collect();
        validate(sheet, rows_range(at(index), BODY, last), rule, column_rule(column, &over))?;
        let range = |row: u32| absolute(&cell_name(row, at(index).into()));
        names.push((column.key.clone(), format!("{}:{}", range(BODY), range(last))));
    }
    Ok(names)
}

/// A derived column's formula in `row`: blank until what it is worked out
/// from is typed. A derived cell it reads counts as 0 while blank.
fn derived(form: &Form, formula: model::Formula, row: u32) -> Formula {
    let cell = |index: usize| cell_name(row, index as u32 + 1);
    let term = |index: usize| match form.columns[index].formula {
        Some(_) => format!("N({})", cell(index)),
        None => cell(index),
    };
    let text = match formula {
        model::Formula::Difference(a, b) => {
            format!("=IF(COUNT({})=0,\"\",{}-{})", cells(&[a as u16 + 1, b as u16 + 1], row), term(a), term(b))
        }
        // A share wants both numbers, and a whole that is not 0.
        model::Formula::Share(a, b) => {
            format!("=IF(COUNT({a_cell},{b_cell})<2,\"\",IF({b_cell}=0,\"\",{a_cell}/{b_cell}))", a_cell = cell(a), b_cell = cell(b))
        }
    };
    Formula::new(text).set_result(NOTHING)
}

/// The cells of `columns` in `row`, runs of neighbours as ranges: "B14:D14,F14".
fn cells(columns: &[u16], row: u32) -> String {
    let mut sorted = columns.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let mut runs: Vec<(u16, u16)> = Vec::new();
    for column in sorted {
        match runs.last_mut() {
            Some((_, end)) if *end + 1 == column => *end = column,
            _ => runs.push((column, column)),
        }
    }
    let cell = |column: u16| cell_name(row, column.into());
    runs.iter().map(|&(first, last)| if first == last { cell(first) } else { format!("{}:{}", cell(first), cell(last)) }).collect::<Vec<_>>().join(",")
}

/// A4 portrait on one page, the decree's margins, the form only (not the
/// cells to fill in beside it).
fn page_setup(sheet: &mut Worksheet, last_row: u32, last_column: u16) -> Result<(), XlsxError> {
    sheet.set_paper_size(A4).set_portrait().set_print_fit_to_pages(1, 1).set_screen_gridlines(false);
    // The cells to fill in are yellow on screen only: the page prints as the PDF.
    sheet.set_print_black_and_white(true);
    let (left, right, top, bottom) = MARGINS;
    sheet.set_margins(left, right, top, bottom, 0.3, 0.3);
    sheet.set_print_area(0, 0, last_row, last_column)?;
    Ok(())
}

/// Checks the cells of a range as they are typed; `title` and `message`
/// say what they take when they refuse a value, the message cut to what
/// Excel shows.
fn validate(sheet: &mut Worksheet, (r0, c0, r1, c1): (u32, u16, u32, u16), rule: DataValidation, (title, message): (String, String)) -> Result<(), XlsxError> {
    let rule = rule.set_error_title(title)?.set_error_message(cut(&message, MESSAGE_CHARS))?;
    sheet.add_data_validation(r0, c0, r1, c1, &rule)?;
    Ok(())
}

fn rows_range(column: u16, first: u32, last: u32) -> (u32, u16, u32, u16) {
    (first, column, last, column)
}

/// A formula over merged cells: merged blank, then written in the first.
fn merged_formula(sheet: &mut Worksheet, (row, first, last): (u32, u16, u16), formula: Formula, format: &Format) -> Result<(), XlsxError> {
    sheet.merge_range(row, first, row, last, "", format)?;
    sheet.write_formula_with_format(row, first, formula, format)?;
    Ok(())
}

/// "$I$5" for "I5".
fn absolute(cell: &str) -> String {
    let split = cell.find(|c: char| c.is_ascii_digit()).unwrap_or(cell.len());
    format!("${}${}", &cell[..split], &cell[split..])
}

/// How many lines a text takes where a line holds `width` characters.
fn lines(text: &str, width: usize) -> usize {
    text.chars().count().div_ceil(width).max(1)
}

/// How many lines a heading takes in a column `width` characters wide,
/// broken between words: a narrow column's heading is short, and counting
/// its characters alone would break it inside a word.
fn wrapped(text: &str, width: usize) -> usize {
    let mut lines = 1;
    let mut line = 0;
    for word in text.split_whitespace().map(|w| w.chars().count()) {
        match line {
            0 => line = word,
            _ if line + 1 + word <= width => line += 1 + word,
            _ => (lines, line) = (lines + 1, word),
        }
    }
    lines
}

/// `text` cut to at most `most` UTF-16 units (as Excel counts), "…" at the cut.
fn cut(text: &str, most: usize) -> String {
    if text.encode_utf16().count() <= most {
        return text.to_owned();
    }
    let mut kept = String::new();
    let mut units = 1;
    for c in text.chars() {
        units += c.len_utf16();
        if units > most {
            break;
        }
        kept.push(c);
    }
    kept + "…"
}

/// `text` as a formula that shows, at each blank of the form (a run of
/// dots or of no-break spaces), the value of its cell, as `shown` says; the
/// blank stays while the cell is empty. Its cached result is the blank
/// form's text.
fn filled_in(text: &str, cells: &[(String, Shown)]) -> Formula {
    Formula::new(fill_in(text, cells)).set_result(text)
}

/// The formula's text of [`filled_in`].
fn fill_in(text: &str, cells: &[(String, Shown)]) -> String {
    let mut parts = Vec::new();
    let mut rest = text;
    for (cell, shown) in cells {
        let Some((start, end)) = blank(rest) else { break };
        let gap = if rest[start..end].starts_with('\u{a0}') { "\" \"&" } else { "" };
        let value = match shown {
            Shown::Plain => cell.clone(),
            Shown::TwoDigits => format!("TEXT({cell},\"00\")"),
            Shown::Month => format!("IF({cell}<=2,TEXT({cell},\"00\"),{cell})"),
            Shown::Roman => format!("ROMAN({cell})"),
        };
        parts.push(literal(&rest[..start]));
        parts.push(format!("IF({cell}=\"\",{},{gap}{value})", literal(&rest[start..end])));
        rest = &rest[end..];
    }
    if !rest.is_empty() {
        parts.push(literal(rest));
    }
    format!("={}", parts.join("&"))
}

/// The first blank of a form's text, as byte offsets: a run of at least
/// three dots, or of two no-break spaces.
fn blank(text: &str) -> Option<(usize, usize)> {
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c != '.' && c != '\u{a0}' {
            continue;
        }
        let mut end = start + c.len_utf8();
        let mut count = 1;
        while let Some(&(at, next)) = chars.peek() {
            if next != c {
                break;
            }
            (end, count) = (at + next.len_utf8(), count + 1);
            chars.next();
        }
        if count >= if c == '.' { 3 } else { 2 } {
            return Some((start, end));
        }
    }
    None
}

/// A string in a formula: quoted, cut into pieces of at most 255
/// characters (Excel's limit for one literal).
fn literal(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.is_empty() {
        return "\"\"".into();
    }
    chars.chunks(200).map(|chunk| format!("\"{}\"", chunk.iter().collect::<String>().replace('"', "\"\""))).collect::<Vec<_>>().join("&")
}

// What this module tells the user, in Vietnamese.

/// Over the cells to fill in beside the form.
pub const WORKBOOK_FILL_IN: &str = "Điền vào các ô màu vàng";

/// The answers of a yes-or-no column, as its list offers them.
const YES_NO: [&str; 2] = ["Có", "Không"];

/// The label beside the cell of a form's field (fields::NUMBER, …), for a
/// form reported `every` month, quarter or week.
fn workbook_label(name: &str, every: Every) -> String {
    match name {
        fields::NUMBER => "Số báo cáo (để trống nếu văn thư cấp số)".into(),
        fields::DAY => "Ngày ký báo cáo".into(),
        fields::MONTH => "Tháng ký báo cáo".into(),
        fields::YEAR => "Năm ký báo cáo".into(),
        fields::REPORT_PERIOD => format!("Báo cáo cho {}", every.word()),
        fields::REPORT_YEAR => format!("Năm của {} báo cáo", every.word()),
        fields::SIGNER => "Họ và tên người ký".into(),
        _ => String::new(),
    }
}

/// Under the cells to fill in: what the table wants and what it computes.
fn workbook_table_hint(form: &Form) -> String {
    let titles = |columns: &[&Column]| columns.iter().map(|c| format!("“{}”", c.title())).collect::<Vec<_>>().join(", ");
    let (typed, derived): (Vec<&Column>, Vec<&Column>) = form.columns.iter().partition(|c| c.formula.is_none());
    let computed = match &derived[..] {
        [] => String::new(),
        [one] => format!("cột “{}” và ", one.title()),
        many => format!("các cột {} và ", titles(many)),
    };
    format!("Trong bảng, ghi các cột {} ở các ô màu vàng; {computed}dòng “{TOTALS}” tự tính.", titles(&typed))
}

/// What Excel says when the cell of a form's field refuses a value: (title, message).
fn workbook_rule(name: &str, every: Every) -> (String, String) {
    let (title, message) = match name {
        fields::NUMBER => ("Số không hợp lệ", "Ghi số của báo cáo bằng chữ số, số nguyên từ 1 trở lên, hoặc để trống."),
        fields::DAY => ("Ngày không hợp lệ", "Ghi ngày bằng chữ số, từ 1 đến 31."),
        fields::MONTH => ("Tháng không hợp lệ", "Ghi tháng bằng chữ số, từ 1 đến 12."),
        fields::REPORT_PERIOD => {
            let word = every.word();
            return (format!("{} không hợp lệ", crate::vietnamese::capitalized(word)), format!("Ghi {word} bằng chữ số, từ 1 đến {}.", every.most()));
        }
        fields::YEAR | fields::REPORT_YEAR => ("Năm không hợp lệ", "Ghi năm bằng bốn chữ số, ví dụ 2026."),
        _ => ("", ""),
    };
    (title.into(), message.into())
}

/// What Excel says when a cell of `column` refuses a value: (title,
/// message); `over` are the columns a check puts over it in its row.
fn column_rule(column: &Column, over: &[&Column]) -> (String, String) {
    let title = column.title();
    let unit = column.unit.as_ref().map(|u| format!(" (đơn vị tính: {u})")).unwrap_or_default();
    let end = |example: &str| match over {
        [] => format!(" ({example}), không ghi chữ."),
        _ => {
            let over = over.iter().map(|c| format!("“{}”", c.title())).collect::<Vec<_>>().join(", ");
            format!(" và không lớn hơn {over} cùng dòng (ghi {over} trước).")
        }
    };
    let (heading, message) = match column.kind {
        Kind::Count | Kind::Number { decimals: 0 } => {
            ("Số không hợp lệ", format!("Ghi “{title}”{unit} bằng chữ số, số nguyên từ 0 trở lên{}", end("ví dụ 214")))
        }
        Kind::Number { .. } | Kind::Share => (
            "Số không hợp lệ",
            format!("Ghi “{title}”{unit} bằng chữ số, số từ 0 trở lên có không quá {} chữ số thập phân{}", column.decimals(), end("ví dụ 12,5")),
        ),
        Kind::YesNo => ("Chọn Có hoặc Không", format!("Ở cột “{title}”, chọn “Có” hoặc “Không” trong danh sách.")),
        Kind::Date => ("Ngày không hợp lệ", format!("Ghi “{title}” là một ngày có thật, dạng 05/10/2026 (ngày/tháng/năm), năm từ 1900 đến 2200.")),
        Kind::Text => ("Chữ quá dài", format!("Ghi “{title}” không quá {} ký tự.", crate::vietnamese::count(MAX_TEXT_CHARS as u64))),
    };
    (heading.into(), message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blanks_of_the_form() {
        let number = "Số:\u{a0}\u{a0}\u{a0}/BC-T1";
        assert_eq!(blank(number).map(|(start, end)| &number[start..end]), Some("\u{a0}\u{a0}\u{a0}"));
        let month = "tháng ...... năm ..........";
        assert_eq!(blank(month).map(|(start, end)| &month[start..end]), Some("......"));
        assert_eq!(blank("1.5 và 2.."), None);
        assert_eq!(blank("Hết."), None);
    }

    #[test]
    fn neighbouring_cells_go_as_one_range() {
        assert_eq!(cells(&[1, 2, 3, 5], 13), "B14:D14,F14");
        assert_eq!(cells(&[4, 2], 13), "C14,E14");
        assert_eq!(cells(&[3, 2, 3], 13), "C14:D14");
    }

    #[test]
    fn headings_wrap_between_words_and_messages_fit_excel() {
        assert_eq!((wrapped("Tổng số", 9), wrapped("Đã kích hoạt", 9), wrapped("Số người từ đủ 14 tuổi trở lên", 9)), (1, 2, 4));
        assert_eq!(cut("Ghi số.", MESSAGE_CHARS), "Ghi số.");
        let long = cut(&"ạ".repeat(300), MESSAGE_CHARS);
        assert_eq!((long.encode_utf16().count(), long.ends_with('…')), (MESSAGE_CHARS, true));
    }

    #[test]
    fn formula_keeps_the_blank_until_filled() {
        let blanks = [("I5".into(), Shown::TwoDigits), ("I6".into(), Shown::Month), ("I7".into(), Shown::Plain)];
        let formula = fill_in("ngày ...... tháng ...... năm ..........", &blanks);
        assert_eq!(
            formula,
            "=\"ngày \"&IF(I5=\"\",\"......\",TEXT(I5,\"00\"))&\" tháng \"&IF(I6=\"\",\"......\",IF(I6<=2,TEXT(I6,\"00\"),I6))&\" năm \"&IF(I7=\"\",\"..........\",I7)"
        );
    }
}

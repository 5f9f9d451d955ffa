//! A unit's blank form as an Excel workbook, beside its PDF: the same
//! Phụ lục 01 (the same text, from the same view) with as many rows as the
//! PDF, cells to fill in unlocked and checked as they are typed, what the
//! form computes as formulas, printed on one A4 portrait page. The cells a
//! unit fills in carry the form's field names as defined names, and the
//! unit's code travels inside, so `vanban import` reads it back whatever the
//! file is renamed to.

use rust_xlsxwriter::{DataValidation, DataValidationRule, Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet, XlsxError};
use typst_layout::PagedDocument;

use super::{FormView, HEADS, ReportDocument};
use crate::documents::xlsx::{self, A4};
use crate::error::Result;
use crate::fields;
use crate::pdf::form_fields;

/// The form's sheet.
pub const SHEET: &str = "Báo cáo";
/// The defined name holding the layout's version, and the version this
/// program writes: an import knows which cells to read.
pub const VERSION_NAME: &str = "phien_ban_mau";
pub const VERSION: u32 = 1;

/// The form's columns (Stt … Lý do), then a gap and the cells to fill in.
const COLUMNS: u16 = 6;
const LABEL: u16 = 7;
const INPUT: u16 = 8;
/// Widths in characters, in the PDF's proportions (11, 49, 19, 19, 19,
/// 38 mm); the cells to fill in beside, outside the printed page.
const WIDTHS: [f64; 9] = [5.5, 25.0, 9.5, 9.5, 9.5, 19.0, 3.0, 38.0, 16.0];
/// The first row of the table's body (0-based), under its two-level head.
const BODY: u32 = 13;
/// Where the cells of the header's blanks and the signer start.
const FIRST_INPUT: u32 = 3;
/// Margins in inches: the decree's 30 mm left, 15 mm right, 20 mm top and bottom.
const MARGINS: (f64, f64, f64, f64) = (1.18, 0.59, 0.79, 0.79);
/// Text height of a line in points, and characters a line of the full
/// width holds: merged cells do not grow with their text.
const LINE: f64 = 17.0;
const LINE_CHARS: usize = 80;
/// Capitals a line of the header's left column holds.
const HEADER_CHARS: usize = 26;

/// The stored result of a formula that shows nothing yet, for readers that
/// do not recalculate on opening: the writer stores an empty result as 0.
const NOTHING: &str = " ";

/// How a typed number shows in the printed line: as typed, or with the
/// decree's leading zero (numbers and days below 10, months 1 and 2).
#[derive(Clone, Copy)]
enum Shown {
    Plain,
    TwoDigits,
    Month,
}

/// The header's fields in the order of their blanks on the form, with how
/// each shows.
const NUMBER_BLANKS: [(&str, Shown); 1] = [(fields::NUMBER, Shown::TwoDigits)];
const DATE_BLANKS: [(&str, Shown); 2] = [(fields::DAY, Shown::TwoDigits), (fields::MONTH, Shown::Month)];
const MONTH_BLANKS: [(&str, Shown); 2] = [(fields::REPORT_MONTH, Shown::Plain), (fields::REPORT_YEAR, Shown::Plain)];
const INPUTS: [&str; 6] = [fields::NUMBER, fields::DAY, fields::MONTH, fields::REPORT_MONTH, fields::REPORT_YEAR, fields::SIGNER];

struct Formats {
    text: Format,
    bold: Format,
    italic: Format,
    title: Format,
    paragraph: Format,
    head: Format,
    cell: Format,
    computed: Format,
    input_text: Format,
    input_count: Format,
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
            computed: cell.clone().set_num_format("#,##0"),
            input_text: cell.clone().set_align(FormatAlign::Left).set_unlocked().set_background_color("#FFF2CC"),
            input_count: cell.clone().set_num_format("#,##0").set_unlocked().set_background_color("#FFF2CC"),
            input: text.clone().set_border(FormatBorder::Thin).set_unlocked().set_background_color("#FFF2CC"),
            label: text.clone().set_align(FormatAlign::Left).set_text_wrap(),
            cell,
            text,
        }
    }
}

impl ReportDocument {
    /// How many rows to fill in `document`, this form laid out, has; None
    /// for other documents than a unit's blank form, which have no workbook.
    pub fn workbook_rows(&self, document: &PagedDocument) -> Option<u32> {
        self.unit.as_ref()?;
        let rows = form_fields::places(document, None).iter().filter_map(|f| fields::parse_cell(&f.name)).map(|(row, _)| row).max();
        Some(rows.unwrap_or(0) as u32)
    }

    /// The unit's form as a workbook with `rows` rows to fill in (as its PDF).
    pub fn xlsx(&self, rows: u32, ident: &str) -> Result<Vec<u8>> {
        let (Some(unit), [form]) = (&self.unit, &self.forms[..]) else {
            return Err(crate::Error::Fault { document: ident.to_owned(), message: "a workbook of a form without its unit".into() });
        };
        xlsx::bytes(self.workbook(form, unit, rows), ident)
    }

    fn workbook(&self, form: &FormView, unit: &str, rows: u32) -> Result<Workbook, XlsxError> {
        let mut workbook = Workbook::new();
        let author = form.header.issuer.join(" ");
        let properties =
            xlsx::properties(&self.title, &author, self.date)?.set_custom_property(fields::UNIT, unit).set_custom_property(VERSION_NAME, VERSION as i32);
        workbook.set_properties(&properties);
        let sheet = workbook.add_worksheet();
        sheet.set_name(SHEET)?;
        let formats = Formats::new();
        let names = form_sheet(sheet, form, rows, &formats)?;
        workbook.define_name(fields::UNIT, &format!("=\"{}\"", unit.replace('"', "\"\"")))?;
        workbook.define_name(VERSION_NAME, &format!("={VERSION}"))?;
        for (name, range) in names {
            workbook.define_name(name, &format!("='{SHEET}'!{range}"))?;
        }
        Ok(workbook)
    }
}

/// Writes the form; returns the defined names of the cells to fill in.
fn form_sheet(sheet: &mut Worksheet, form: &FormView, rows: u32, f: &Formats) -> Result<Vec<(&'static str, String)>, XlsxError> {
    for (column, width) in WIDTHS.iter().enumerate() {
        sheet.set_column_width(column as u16, *width)?;
    }
    let input_cell = |name: &str| {
        let row = FIRST_INPUT + 1 + INPUTS.iter().position(|n| *n == name).expect("a field of INPUTS") as u32;
        (row, cell_name(row, INPUT))
    };
    // The header: issuer and nation, then number and place-date with their blanks.
    let header = &form.header;
    let upper = |text: &str| text.to_uppercase();
    let parent = header.parent.as_deref().map(upper).unwrap_or_default();
    let issuer = upper(&header.issuer.join(" "));
    sheet.merge_range(0, 0, 0, 1, &parent, &f.text.clone().set_text_wrap())?;
    sheet.merge_range(0, 2, 0, COLUMNS - 1, header.nation[0], &f.bold)?;
    sheet.merge_range(1, 0, 1, 1, &issuer, &f.bold.clone().set_text_wrap())?;
    sheet.merge_range(1, 2, 1, COLUMNS - 1, header.nation[1], &f.bold)?;
    // A long name breaks over lines in the left column, as on the PDF.
    for (row, text) in [(0, &parent), (1, &issuer)] {
        sheet.set_row_height(row, lines(text, HEADER_CHARS) as f64 * LINE)?;
    }
    let blanks = |fields: &[(&str, Shown)]| fields.iter().map(|(name, shown)| (input_cell(name).1, *shown)).collect::<Vec<_>>();
    merged_formula(sheet, (3, 0, 1), filled_in(&header.number, &blanks(&NUMBER_BLANKS)), &f.text)?;
    merged_formula(sheet, (3, 2, COLUMNS - 1), filled_in(&header.place_date, &blanks(&DATE_BLANKS)), &f.italic)?;
    // The title, the reference to the dispatch and the introduction.
    sheet.merge_range(5, 0, 5, COLUMNS - 1, form.type_name, &f.title)?;
    sheet.merge_range(6, 0, 6, COLUMNS - 1, &form.subject, &f.title)?;
    sheet.set_row_height(6, lines(&form.subject, LINE_CHARS) as f64 * LINE)?;
    sheet.merge_range(8, 0, 8, COLUMNS - 1, &form.reference, &f.paragraph)?;
    sheet.set_row_height(8, lines(&form.reference, LINE_CHARS) as f64 * LINE)?;
    merged_formula(sheet, (9, 0, COLUMNS - 1), filled_in(&form.intro, &blanks(&MONTH_BLANKS)), &f.paragraph)?;
    sheet.set_row_height(9, lines(&form.intro, LINE_CHARS) as f64 * LINE)?;
    // The table's two-level head.
    let head = |lines: &[&str]| lines.join(" ");
    sheet.merge_range(11, 0, 12, 0, &head(HEADS.number), &f.head)?;
    sheet.merge_range(11, 1, 12, 1, &head(HEADS.name), &f.head)?;
    sheet.merge_range(11, 2, 11, 4, &head(HEADS.counts), &f.head)?;
    sheet.merge_range(11, 5, 12, 5, &head(HEADS.reason), &f.head)?;
    for (column, lines) in [(2, HEADS.total), (3, HEADS.installed), (4, HEADS.not_installed)] {
        sheet.write_string_with_format(12, column, head(lines), &f.head)?;
    }
    sheet.set_row_height(12, 2.0 * LINE)?;
    // The rows to fill in: the number and what is left computed.
    let last = BODY + rows.max(1) - 1;
    for row in BODY..=last {
        let n = row + 1;
        let number = Formula::new(format!("=IF(COUNTA(B{n}:D{n},F{n})=0,\"\",{})", row - BODY + 1)).set_result(NOTHING);
        sheet.write_formula_with_format(row, 0, number, &f.cell)?;
        sheet.write_blank(row, 1, &f.input_text)?;
        sheet.write_blank(row, 2, &f.input_count)?;
        sheet.write_blank(row, 3, &f.input_count)?;
        let left = Formula::new(format!("=IF(COUNT(C{n}:D{n})=0,\"\",C{n}-D{n})")).set_result(NOTHING);
        sheet.write_formula_with_format(row, 4, left, &f.computed)?;
        sheet.write_blank(row, 5, &f.input_text)?;
        sheet.set_row_height(row, 22.0)?;
    }
    let (first_n, last_n) = (BODY + 1, last + 1);
    let totals = last + 1;
    let bold_count = f.computed.clone().set_bold();
    sheet.merge_range(totals, 0, totals, 1, super::TOTALS, &f.head)?;
    for column in ['C', 'D', 'E'] {
        let sum = Formula::new(format!("=SUM({column}{first_n}:{column}{last_n})")).set_result("0");
        sheet.write_formula_with_format(totals, column as u16 - 'A' as u16, sum, &bold_count)?;
    }
    sheet.write_blank(totals, 5, &f.cell)?;
    sheet.set_row_height(totals, 22.0)?;
    validate(sheet, rows_range(2, BODY, last), fields::TOTAL, DataValidation::new().allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0)))?;
    let installed = Formula::new(format!("=AND(ISNUMBER(D{first_n}),D{first_n}=INT(D{first_n}),D{first_n}>=0,D{first_n}<=N(C{first_n}))"));
    validate(sheet, rows_range(3, BODY, last), fields::INSTALLED, DataValidation::new().allow_custom(installed))?;
    // The signer: the head's title, the note, room to sign, the name.
    let signature = &form.signature;
    let mut row = totals + 2;
    for title in &signature.title {
        sheet.merge_range(row, 3, row, COLUMNS - 1, &upper(title), &f.bold)?;
        row += 1;
    }
    if let Some(note) = &signature.note {
        sheet.merge_range(row, 3, row, COLUMNS - 1, note, &f.italic)?;
    }
    let name_row = row + 4;
    let signer = input_cell(fields::SIGNER).1;
    let name = Formula::new(format!("=IF({signer}=\"\",\"\",{signer})")).set_result(NOTHING);
    merged_formula(sheet, (name_row, 3, COLUMNS - 1), name, &f.bold)?;
    // Beside the page: the cells to fill in, each with its label.
    sheet.write_string_with_format(FIRST_INPUT, LABEL, WORKBOOK_FILL_IN, &f.bold.clone().set_align(FormatAlign::Left))?;
    let mut names = Vec::new();
    for name in INPUTS {
        let (row, cell) = input_cell(name);
        sheet.write_string_with_format(row, LABEL, workbook_label(name), &f.label)?;
        sheet.write_blank(row, INPUT, &f.input)?;
        let rule = match name {
            fields::NUMBER => Some(DataValidationRule::GreaterThanOrEqualTo(1)),
            fields::DAY => Some(DataValidationRule::Between(1, 31)),
            fields::MONTH | fields::REPORT_MONTH => Some(DataValidationRule::Between(1, 12)),
            fields::REPORT_YEAR => Some(DataValidationRule::Between(1900, 2200)),
            _ => None,
        };
        if let Some(rule) = rule {
            validate(sheet, (row, INPUT, row, INPUT), name, DataValidation::new().allow_whole_number(rule))?;
        }
        names.push((name, absolute(&cell)));
    }
    let hint_row = FIRST_INPUT + INPUTS.len() as u32 + 2;
    sheet.merge_range(hint_row, LABEL, hint_row + 3, INPUT, WORKBOOK_TABLE_HINT, &f.label.clone().set_align(FormatAlign::Top))?;
    for (name, column) in [(fields::NAME, 1), (fields::TOTAL, 2), (fields::INSTALLED, 3), (fields::REASON, 5)] {
        names.push((name, format!("{}:{}", absolute(&cell_name(BODY, column)), absolute(&cell_name(last, column)))));
    }
    page_setup(sheet, name_row)?;
    sheet.set_selection(FIRST_INPUT + 1, INPUT, FIRST_INPUT + 1, INPUT)?;
    sheet.protect();
    Ok(names)
}

/// A4 portrait on one page, the decree's margins, the form only (not the
/// cells to fill in beside it).
fn page_setup(sheet: &mut Worksheet, last_row: u32) -> Result<(), XlsxError> {
    sheet.set_paper_size(A4).set_portrait().set_print_fit_to_pages(1, 1).set_screen_gridlines(false);
    // The cells to fill in are yellow on screen only: the page prints as the PDF.
    sheet.set_print_black_and_white(true);
    let (left, right, top, bottom) = MARGINS;
    sheet.set_margins(left, right, top, bottom, 0.3, 0.3);
    sheet.set_print_area(0, 0, last_row, COLUMNS - 1)?;
    Ok(())
}

fn validate(sheet: &mut Worksheet, (r0, c0, r1, c1): (u32, u16, u32, u16), name: &str, rule: DataValidation) -> Result<(), XlsxError> {
    let (title, message) = workbook_rule(name);
    let rule = rule.set_error_title(title)?.set_error_message(message)?;
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

/// "I5" for (4, 8).
fn cell_name(row: u32, column: u16) -> String {
    format!("{}{}", (b'A' + column as u8) as char, row + 1)
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
        };
        parts.push(literal(&rest[..start]));
        parts.push(format!("IF({cell}=\"\",{},{gap}{value})", literal(&rest[start..end])));
        rest = &rest[end..];
    }
    parts.push(literal(rest));
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

/// The label beside the cell of a form's field (fields::NUMBER, …).
fn workbook_label(name: &str) -> &'static str {
    match name {
        fields::NUMBER => "Số báo cáo (để trống nếu văn thư cấp số)",
        fields::DAY => "Ngày ký báo cáo",
        fields::MONTH => "Tháng ký báo cáo",
        fields::REPORT_MONTH => "Báo cáo cho tháng",
        fields::REPORT_YEAR => "Năm của tháng báo cáo",
        fields::SIGNER => "Họ và tên người ký",
        _ => "",
    }
}

/// Under the cells to fill in: what the table wants and what it computes.
const WORKBOOK_TABLE_HINT: &str = "Trong bảng, ghi tên, tổng số, số đã cài đặt và lý do ở các ô màu vàng; cột “Chưa cài đặt” và dòng “Tổng cộng” tự tính.";

/// What Excel says when a cell refuses a value: (title, message).
fn workbook_rule(name: &str) -> (&'static str, &'static str) {
    match name {
        fields::TOTAL => ("Số không hợp lệ", "Ghi số người bằng chữ số, số nguyên từ 0 trở lên (ví dụ 214), không ghi chữ."),
        fields::INSTALLED => {
            ("Số không hợp lệ", "Ghi số người đã cài đặt bằng chữ số, số nguyên từ 0 trở lên và không lớn hơn “Tổng số” cùng dòng (ghi “Tổng số” trước).")
        }
        fields::NUMBER => ("Số không hợp lệ", "Ghi số của báo cáo bằng chữ số, số nguyên từ 1 trở lên, hoặc để trống."),
        fields::DAY => ("Ngày không hợp lệ", "Ghi ngày bằng chữ số, từ 1 đến 31."),
        fields::MONTH | fields::REPORT_MONTH => ("Tháng không hợp lệ", "Ghi tháng bằng chữ số, từ 1 đến 12."),
        fields::REPORT_YEAR => ("Năm không hợp lệ", "Ghi năm bằng bốn chữ số, ví dụ 2026."),
        _ => ("", ""),
    }
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
    fn formula_keeps_the_blank_until_filled() {
        let formula = fill_in("ngày ...... tháng ...... năm 2026", &[("I5".into(), Shown::TwoDigits), ("I6".into(), Shown::Month)]);
        assert_eq!(formula, "=\"ngày \"&IF(I5=\"\",\"......\",TEXT(I5,\"00\"))&\" tháng \"&IF(I6=\"\",\"......\",IF(I6<=2,TEXT(I6,\"00\"),I6))&\" năm 2026\"");
    }
}

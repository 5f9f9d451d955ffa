//! The summary's table of units as an Excel workbook: numbers as numbers,
//! sums as formulas (their results cached for readers that do not
//! recalculate), shares as percentages, printed on A4 landscape.

use rust_xlsxwriter::{Format, FormatBorder, Formula, Workbook, Worksheet, XlsxError};

use super::{Count, RowKind, SummaryView, TABLE_HEADS};
use crate::documents::xlsx::{self, A4};
use crate::error::Result;
/// Column widths in characters, so that the sheet fits A4 landscape.
const WIDTHS: [f64; 11] = [30.0, 5.0, 32.0, 9.0, 15.0, 9.0, 10.0, 10.0, 11.0, 13.0, 13.0];
const SHEET: &str = "Tổng hợp";

/// The cell formats of one kind of row: text, count, share, change.
struct Formats {
    text: Format,
    count: Format,
    share: Format,
    change: Format,
}

impl Formats {
    fn new(bold: bool) -> Self {
        let base = Format::new().set_border(FormatBorder::Thin).set_font_name("Times New Roman").set_font_size(12);
        let base = if bold { base.set_bold() } else { base };
        Self {
            text: base.clone().set_text_wrap(),
            count: base.clone().set_num_format("#,##0"),
            share: base.clone().set_num_format("0.0%"),
            change: base.set_num_format("+0.0;-0.0;0.0"),
        }
    }
}

impl SummaryView {
    /// The table of units as an XLSX workbook; the same data gives the same
    /// bytes (dated with the summary's date).
    pub fn xlsx(&self, ident: &str) -> Result<Vec<u8>> {
        xlsx::bytes(self.workbook(), ident)
    }

    fn workbook(&self) -> Result<Workbook, XlsxError> {
        let mut workbook = Workbook::new();
        workbook.set_properties(&xlsx::properties(&self.title, &self.issuer, self.date)?);
        let sheet = workbook.add_worksheet();
        sheet.set_name(SHEET)?;
        self.page_setup(sheet)?;
        let head = Formats::new(true).text.set_align(rust_xlsxwriter::FormatAlign::Center).set_background_color("#E7E6E6");
        for (column, (title, width)) in TABLE_HEADS.iter().zip(WIDTHS).enumerate() {
            sheet.write_string_with_format(0, column as u16, *title, &head)?;
            sheet.set_column_width(column as u16, width)?;
        }
        let (plain, bold) = (Formats::new(false), Formats::new(true));
        // Excel's row numbers (from 1) of the current group's first unit and
        // of the subtotals, for the sums' formulas.
        let (mut first, mut subtotals) = (2, Vec::new());
        for (index, row) in self.table.iter().enumerate() {
            let at = index as u32 + 1;
            let n = at + 1;
            let formats = if row.kind == RowKind::Unit { &plain } else { &bold };
            sheet.write_string_with_format(at, 0, &row.group, &formats.text)?;
            match row.number.parse::<u32>() {
                Ok(number) => sheet.write_number_with_format(at, 1, number, &formats.count)?,
                Err(_) => sheet.write_blank(at, 1, &formats.text)?,
            };
            sheet.write_string_with_format(at, 2, &row.name, &formats.text)?;
            sheet.write_string_with_format(at, 3, &row.code, &formats.text)?;
            sheet.write_string_with_format(at, 4, row.status.words(), &formats.text)?;
            let sum = |column: char| match row.kind {
                RowKind::Unit => None,
                RowKind::Subtotal => Some(format!("=SUM({column}{first}:{column}{})", n - 1)),
                RowKind::Total => Some(format!("=SUM({})", subtotals.iter().map(|s| format!("{column}{s}")).collect::<Vec<_>>().join(","))),
            };
            match row.now {
                None => {
                    sheet.write_blank(at, 5, &formats.count)?;
                    sheet.write_blank(at, 6, &formats.count)?;
                    sheet.write_blank(at, 7, &formats.count)?;
                    sheet.write_blank(at, 8, &formats.share)?;
                }
                Some(count) => write_counts(sheet, at, count, (sum('F'), sum('G')), formats)?,
            }
            match row.change {
                // The change of the printed shares, in points: tenths / 10.
                Some(tenths) => sheet.write_number_with_format(at, 9, tenths as f64 / 10.0, &formats.change)?,
                None => sheet.write_blank(at, 9, &formats.change)?,
            };
            sheet.write_string_with_format(at, 10, row.signed, &formats.text)?;
            if row.kind == RowKind::Subtotal {
                subtotals.push(n);
                first = n + 1;
            }
        }
        let last = self.table.len() as u32;
        sheet.autofilter(0, 0, last, TABLE_HEADS.len() as u16 - 1)?;
        Ok(workbook)
    }

    fn page_setup(&self, sheet: &mut Worksheet) -> Result<(), XlsxError> {
        sheet.set_paper_size(A4).set_landscape().set_print_fit_to_pages(1, 0).set_freeze_panes(1, 0)?;
        sheet.set_repeat_rows(0, 0)?;
        // "&" starts a code in a page header; "&&" prints one.
        let text = |s: &str| s.replace('&', "&&");
        sheet.set_header(format!("&L{}&R{}", text(&self.issuer), text(&self.title)));
        sheet.set_footer("&CTrang &P/&N");
        Ok(())
    }
}

/// A row's counts: typed in for a unit, summed by formula for a subtotal or
/// the total (each with the sum's result cached), then what is left and the
/// share by formula.
fn write_counts(sheet: &mut Worksheet, at: u32, count: Count, sums: (Option<String>, Option<String>), formats: &Formats) -> Result<(), XlsxError> {
    let n = at + 1;
    for (column, value, sum) in [(5, count.total, sums.0), (6, count.installed, sums.1)] {
        match sum {
            Some(formula) => sheet.write_formula_with_format(at, column, Formula::new(formula).set_result(value.to_string()), &formats.count)?,
            None => sheet.write_number_with_format(at, column, value as f64, &formats.count)?,
        };
    }
    let left = Formula::new(format!("=F{n}-G{n}")).set_result((count.total - count.installed).to_string());
    sheet.write_formula_with_format(at, 7, left, &formats.count)?;
    match count.share() {
        Some(share) => sheet.write_formula_with_format(at, 8, Formula::new(format!("=G{n}/F{n}")).set_result(share.to_string()), &formats.share)?,
        None => sheet.write_blank(at, 8, &formats.share)?,
    };
    Ok(())
}

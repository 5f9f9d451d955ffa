//! The summary's table of units as an Excel workbook: numbers as numbers,
//! sums and derived columns as formulas (their results cached for readers
//! that do not recalculate), shares as percentages, printed on A4 landscape.

use rust_xlsxwriter::utility::column_number_to_name;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Formula as XlsxFormula, Workbook, Worksheet, XlsxError};

use super::{Measure, RowKind, SHEET_FIRST, SummaryView, TableRow, heading_room, plain};
use crate::documents::xlsx::{self, A4};
use crate::error::Result;
use crate::model::Formula;

/// Widths in characters of the columns before the measures and of the last,
/// so that the sheet fits A4 landscape; a measure's is 8 and what its
/// heading needs.
const FIRST_WIDTHS: [f64; SHEET_FIRST.len()] = [30.0, 5.0, 32.0, 9.0, 15.0];
const LAST_WIDTH: f64 = 13.0;
const SHEET: &str = "Tổng hợp";

/// The cell formats of one kind of row: text, a row number, an amount of
/// each number of decimals a form allows, share, change.
struct Formats {
    text: Format,
    number: Format,
    amounts: [Format; 4],
    share: Format,
    change: Format,
}

impl Formats {
    fn new(bold: bool) -> Self {
        let base = Format::new().set_border(FormatBorder::Thin).set_font_name("Times New Roman").set_font_size(12);
        let base = if bold { base.set_bold() } else { base };
        let amount = |decimals: usize| match decimals {
            0 => base.clone().set_num_format("#,##0"),
            _ => base.clone().set_num_format(format!("#,##0.{}", "0".repeat(decimals))),
        };
        Self {
            text: base.clone().set_text_wrap(),
            number: amount(0),
            amounts: [amount(0), amount(1), amount(2), amount(3)],
            share: base.clone().set_num_format("0.0%"),
            change: base.set_num_format("+0.0;-0.0;0.0"),
        }
    }

    fn of(&self, measure: &Measure, view: &SummaryView) -> &Format {
        match measure {
            Measure::Amount(column) => &self.amounts[view.columns[*column].decimals() as usize],
            Measure::Share(_) => &self.share,
            Measure::Change => &self.change,
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
        let head = Formats::new(true).text.set_align(FormatAlign::Center).set_background_color("#E7E6E6");
        let measures = &self.sheet_heads[SHEET_FIRST.len()..self.sheet_heads.len() - 1];
        let widths = FIRST_WIDTHS.into_iter().chain(measures.iter().map(|title| 8.0 + heading_room(title))).chain([LAST_WIDTH]);
        for (column, (title, width)) in self.sheet_heads.iter().zip(widths).enumerate() {
            sheet.write_string_with_format(0, column as u16, title, &head)?;
            sheet.set_column_width(column as u16, width)?;
        }
        let (plain, bold) = (Formats::new(false), Formats::new(true));
        // Excel's row numbers (from 1) of the current group's first unit and
        // of the subtotals, for the sums' formulas.
        let (mut first, mut subtotals) = (2, Vec::new());
        for (index, row) in self.table.iter().enumerate() {
            let at = index as u32 + 1;
            let formats = if row.kind == RowKind::Unit { &plain } else { &bold };
            sheet.write_string_with_format(at, 0, &row.group, &formats.text)?;
            match row.number.parse::<u32>() {
                Ok(number) => sheet.write_number_with_format(at, 1, number, &formats.number)?,
                Err(_) => sheet.write_blank(at, 1, &formats.text)?,
            };
            sheet.write_string_with_format(at, 2, &row.name, &formats.text)?;
            sheet.write_string_with_format(at, 3, &row.code, &formats.text)?;
            sheet.write_string_with_format(at, 4, row.status.words(), &formats.text)?;
            for (k, measure) in self.measures.iter().enumerate() {
                self.write_measure(sheet, (at, (SHEET_FIRST.len() + k) as u16), row, measure, (first, &subtotals), formats)?;
            }
            sheet.write_string_with_format(at, self.sheet_heads.len() as u16 - 1, row.signed, &formats.text)?;
            if row.kind == RowKind::Subtotal {
                subtotals.push(at + 1);
                first = at + 2;
            }
        }
        let last = self.table.len() as u32;
        sheet.autofilter(0, 0, last, self.sheet_heads.len() as u16 - 1)?;
        Ok(workbook)
    }

    /// The sheet's column of the form's amount column `column`.
    fn sheet_column(&self, column: usize) -> String {
        let k = self.measures.iter().position(|m| matches!(m, Measure::Amount(c) if *c == column)).expect("every amount column is a measure");
        column_number_to_name((SHEET_FIRST.len() + k) as u16)
    }

    /// A measure's cell: a unit's typed-in amount, a sum by formula for a
    /// subtotal or the total (with the sum's result cached), a derived
    /// amount and a share by formula from the row's cells, the change of
    /// the printed shares in points.
    fn write_measure(
        &self,
        sheet: &mut Worksheet,
        (at, column): (u32, u16),
        row: &TableRow,
        measure: &Measure,
        (first, subtotals): (u32, &[u32]),
        formats: &Formats,
    ) -> Result<(), XlsxError> {
        let format = formats.of(measure, self);
        let n = at + 1;
        let formula = |text: String, result: String| XlsxFormula::new(text).set_result(result);
        match (measure, &row.now) {
            // Tenths / 10.
            (Measure::Change, _) => match row.change {
                Some(tenths) => sheet.write_number_with_format(at, column, tenths as f64 / 10.0, format)?,
                None => sheet.write_blank(at, column, format)?,
            },
            (_, None) => sheet.write_blank(at, column, format)?,
            (Measure::Amount(index), Some(now)) => {
                let decimals = self.columns[*index].decimals();
                let Some(amount) = now.amount(*index) else { return sheet.write_blank(at, column, format).map(|_| ()) };
                let result = plain(amount, decimals);
                let letter = column_number_to_name(column);
                match (self.columns[*index].formula, row.kind) {
                    (Some(Formula::Difference(a, b)), _) => {
                        let text = format!("={}{n}-{}{n}", self.sheet_column(a), self.sheet_column(b));
                        sheet.write_formula_with_format(at, column, formula(text, result), format)?
                    }
                    (_, RowKind::Unit) => sheet.write_number_with_format(at, column, amount as f64 / 10_f64.powi(decimals as i32), format)?,
                    (_, RowKind::Subtotal) => {
                        sheet.write_formula_with_format(at, column, formula(format!("=SUM({letter}{first}:{letter}{})", n - 1), result), format)?
                    }
                    (_, RowKind::Total) => {
                        let cells: Vec<String> = subtotals.iter().map(|s| format!("{letter}{s}")).collect();
                        sheet.write_formula_with_format(at, column, formula(format!("=SUM({})", cells.join(",")), result), format)?
                    }
                }
            }
            (Measure::Share(indicator), Some(now)) => match now.share(indicator) {
                Some(share) => {
                    let text = format!("={}{n}/{}{n}", self.sheet_column(indicator.numerator), self.sheet_column(indicator.denominator));
                    sheet.write_formula_with_format(at, column, formula(text, share.to_string()), format)?
                }
                None => sheet.write_blank(at, column, format)?,
            },
        };
        Ok(())
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

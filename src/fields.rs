//! The names of a fillable report form's fields: a stable, published
//! interface. The PDF's fields, the workbook's defined names and the CSV's
//! columns carry them; `vanban import` reads returned files by them.

/// The unit's code, which travels in the file whatever it is renamed to.
pub const UNIT: &str = "ma_don_vi";
/// The report's number, day and month (its year is printed).
pub const NUMBER: &str = "so";
pub const DAY: &str = "ngay";
pub const MONTH: &str = "thang";
/// The month and year reported on.
pub const REPORT_MONTH: &str = "thang_bao_cao";
pub const REPORT_YEAR: &str = "nam_bao_cao";
pub const SIGNER: &str = "nguoi_ky";
/// The columns of a table row, as in `dong3_tong_so`.
pub const NAME: &str = "ten";
pub const TOTAL: &str = "tong_so";
pub const INSTALLED: &str = "da_cai";
pub const NOT_INSTALLED: &str = "chua_cai";
pub const REASON: &str = "ly_do";
pub const COLUMNS: [&str; 5] = [NAME, TOTAL, INSTALLED, NOT_INSTALLED, REASON];
/// The most rows a form's table has: more than its one A4 page holds
/// (some 30 at its row height); the units' forms have 10 to 12. A
/// returned form or workbook naming a row beyond is not the form.
pub const MAX_ROW: usize = 50;

/// "dong3_tong_so": a cell of row `row` (from 1).
pub fn cell(row: usize, column: &str) -> String {
    format!("dong{row}_{column}")
}

/// (3, "tong_so") from "dong3_tong_so".
pub fn parse_cell(name: &str) -> Option<(usize, &str)> {
    let rest = name.strip_prefix("dong")?;
    let (row, column) = rest.split_once('_')?;
    let row = row.parse().ok().filter(|&r| r > 0)?;
    COLUMNS.contains(&column).then_some((row, column))
}

//! The names of a fillable report form's fields: a stable, published
//! interface. The PDF's fields, the workbook's defined names and the CSV's
//! columns carry them; `vanban import` reads returned files by them. The
//! table's columns are named by the form's data (see model::Form): a cell
//! is `dong<row>_<key>`.

/// The unit's code, which travels in the file whatever it is renamed to.
pub const UNIT: &str = "ma_don_vi";
/// The report's number and date. The year is a field of its own, not
/// printed: a December report is signed in the January after.
pub const NUMBER: &str = "so";
pub const DAY: &str = "ngay";
pub const MONTH: &str = "thang";
pub const YEAR: &str = "nam";
/// The period reported on (a month's, quarter's or week's number) and its year.
pub const REPORT_PERIOD: &str = "thang_bao_cao";
pub const REPORT_YEAR: &str = "nam_bao_cao";
pub const SIGNER: &str = "nguoi_ky";
/// The workbook's layout version, a defined name beside the unit's code.
pub const LAYOUT_VERSION: &str = "phien_ban_mau";
/// The fields outside the table, which no column's key may take.
pub const SINGLES: [&str; 8] = [UNIT, NUMBER, DAY, MONTH, YEAR, REPORT_PERIOD, REPORT_YEAR, SIGNER];
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
    let row = row.bytes().all(|b| b.is_ascii_digit()).then(|| row.parse().ok()).flatten().filter(|&r| r > 0)?;
    // A column's key, as the form's data may name one (model::Form checks which).
    let key = !column.is_empty() && column.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    key.then_some((row, column))
}

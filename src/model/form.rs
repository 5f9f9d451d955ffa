//! A campaign's report form as its data declares it (bieu-mau.toml): the
//! table's columns with their kinds, the derived columns and the checks
//! between columns, the headline indicators and the period with its due
//! rule. Everything that prints, fills, imports or sums a report reads it
//! from here; the definition is checked whole when it is read.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveTime};
use serde::Deserialize;
use serde::de::{self, Deserializer};
use toml::Spanned;

use super::period::{Due, Every};
use super::{NonEmpty, SourceFile, Text};
use crate::error::Result;
use crate::fields;
use crate::vietnamese;

/// The most characters of a column's heading, group heading or label: a
/// table's head, not a paragraph.
const MAX_HEADING_CHARS: usize = 200;

/// The largest amount a cell holds, in its column's scale: sums over every
/// row of every unit (MAX_ROWS × MAX_UNITS) then stay exact in 64 bits.
pub const MAX_AMOUNT: u64 = u32::MAX as u64;

/// The width of the decree's text block (A4 less its 30 mm and 15–20 mm
/// margins, as templates/layout.typ sets them), and what of it a form's
/// table gives its row numbers and, at the least, its rows' names.
pub const TEXT_WIDTH_MM: f64 = 155.0;
const NUMBER_MM: f64 = 11.0;
const LEAST_NAME_MM: f64 = 25.0;
/// Default widths of a column in the printed table, in mm, by what it holds:
/// a text wide enough for a short reason, a value for a two-word heading line.
const TEXT_MM: f64 = 38.0;
pub const VALUE_MM: f64 = 19.0;

/// The most columns a form's table may have; their widths are checked too.
pub const MAX_COLUMNS: usize = 10;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FormFile {
    /// Ô 5a: "BÁO CÁO".
    type_name: Option<Text>,
    /// The line under the type name: "Việc …".
    subject: Text,
    /// Nơi nhận of a unit's report.
    distribution: NonEmpty<Text>,
    period: PeriodFile,
    #[serde(rename = "column")]
    columns: NonEmpty<Spanned<ColumnFile>>,
    #[serde(default, rename = "check")]
    checks: Vec<Spanned<CheckFile>>,
    #[serde(default, rename = "indicator")]
    indicators: Vec<Spanned<IndicatorFile>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PeriodFile {
    every: Every,
    due: Spanned<DueFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DueFile {
    day: u32,
    #[serde(rename = "in", default)]
    within: Within,
    time: Option<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Within {
    #[default]
    Same,
    Next,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ColumnFile {
    key: Spanned<String>,
    heading: Heading,
    group: Option<Text>,
    kind: Option<Spanned<Kind>>,
    unit: Option<Text>,
    label: Option<Text>,
    #[serde(default)]
    required: bool,
    formula: Option<Spanned<String>>,
    width: Option<Spanned<f64>>,
    decimals: Option<Spanned<u32>>,
    /// The name reports written before this form was data give the column.
    was: Option<String>,
}

/// A heading's lines as they break: one text, or a list of them.
#[derive(Debug)]
struct Heading(Vec<Text>);

impl<'de> Deserialize<'de> for Heading {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        struct Lines;
        impl<'de> de::Visitor<'de> for Lines {
            type Value = Heading;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(BAD_HEADING)
            }
            fn visit_str<E: de::Error>(self, text: &str) -> std::result::Result<Heading, E> {
                Text::clean(text).map(|line| Heading(vec![line])).map_err(E::custom)
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Heading, A::Error> {
                let mut lines = Vec::new();
                while let Some(line) = seq.next_element::<Text>()? {
                    lines.push(line);
                }
                if lines.is_empty() {
                    return Err(de::Error::custom(BAD_HEADING));
                }
                Ok(Heading(lines))
            }
        }
        deserializer.deserialize_any(Lines)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckFile {
    /// "a <= b", or a chain "a <= b <= c": refused when broken.
    rule: Option<Spanned<String>>,
    /// A column that should be filled…
    need: Option<Spanned<String>>,
    /// …when this holds: "b > 0". A warning, not a refusal.
    when: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct IndicatorFile {
    name: Text,
    numerator: Spanned<String>,
    denominator: Spanned<String>,
    target: Spanned<f64>,
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    /// A whole count, 0 or more.
    Count,
    /// A decimal number, 0 or more, with so many decimals.
    Number {
        decimals: u32,
    },
    YesNo,
    Date,
    /// A share of two columns, in tenths of a percent (a derived column).
    Share,
}

impl<'de> Deserialize<'de> for Kind {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        match String::deserialize(deserializer)?.as_str() {
            "text" => Ok(Kind::Text),
            "count" => Ok(Kind::Count),
            "number" => Ok(Kind::Number { decimals: 2 }),
            "yes_no" => Ok(Kind::YesNo),
            "date" => Ok(Kind::Date),
            other => Err(de::Error::custom(unknown_kind(other))),
        }
    }
}

impl Kind {
    /// Whether its values are summed and compared.
    pub fn is_amount(self) -> bool {
        matches!(self, Kind::Count | Kind::Number { .. })
    }
}

/// A value a cell holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(Text),
    Count(u64),
    /// In units of its column's last decimal: 12,5 with 2 decimals is 1250.
    Number(u64),
    YesNo(bool),
    Date(NaiveDate),
    /// Tenths of a percent.
    Share(u64),
}

impl Value {
    /// A count or number as an integer of its column's scale.
    pub fn amount(&self) -> Option<u64> {
        match self {
            Value::Count(n) | Value::Number(n) => Some(*n),
            _ => None,
        }
    }
}

/// How a derived column is worked out from two others.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Formula {
    /// a − b.
    Difference(usize, usize),
    /// a / b, as a percentage.
    Share(usize, usize),
}

#[derive(Debug, Clone)]
pub struct Column {
    /// Names the PDF field (dong3_<key>), the workbook's defined name, the
    /// CSV column and the key in a report's [[row]].
    pub key: String,
    /// The heading's lines, as the table breaks them.
    pub heading: Vec<String>,
    /// The heading over this and the next columns of the same group.
    pub group: Option<String>,
    pub kind: Kind,
    /// What is counted: "người", "triệu đồng".
    pub unit: Option<String>,
    /// How a sentence names it: "đã kích hoạt".
    pub label: String,
    pub required: bool,
    pub formula: Option<Formula>,
    /// Its width in the PDF's table, in mm; the first column takes the rest.
    pub width: Option<f64>,
    /// Its name in reports written before the form was data ("total").
    pub was: Option<String>,
}

impl Column {
    /// Its width in the printed table, in mm (the first column's is what is left).
    pub fn printed_width(&self) -> f64 {
        self.width.unwrap_or(if self.kind == Kind::Text { TEXT_MM } else { VALUE_MM })
    }

    /// The heading on one line: "Đã kích hoạt".
    pub fn title(&self) -> String {
        self.heading.join(" ")
    }

    /// A value as a table prints it: "1.234", "12,50", "Có", "05/10/2026", "83,3%".
    pub fn show(&self, value: &Value) -> String {
        match value {
            Value::Text(text) => text.to_string(),
            Value::Count(n) => vietnamese::count(*n),
            Value::Number(n) => vietnamese::decimal(*n as i64, self.decimals()),
            Value::YesNo(yes) => if *yes { "Có" } else { "Không" }.into(),
            Value::Date(date) => date.format("%d/%m/%Y").to_string(),
            Value::Share(tenths) => vietnamese::tenths_as_percent(*tenths),
        }
    }

    /// An amount of this column (a sum) as a value.
    pub fn value_of(&self, amount: u64) -> Value {
        match self.kind {
            Kind::Number { .. } => Value::Number(amount),
            _ => Value::Count(amount),
        }
    }

    pub fn decimals(&self) -> u32 {
        match self.kind {
            Kind::Number { decimals } => decimals,
            _ => 0,
        }
    }

    /// A cell typed as text (in a CSV file, a PDF field, a workbook cell):
    /// None when empty.
    pub fn parse(&self, text: &str) -> std::result::Result<Option<Value>, String> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        let value = match self.kind {
            Kind::Text => Value::Text(Text::clean(text)?),
            Kind::Count => Value::Count(bounded(parse_count(text).ok_or_else(|| bad_count(text))?, 0)?),
            Kind::Number { decimals } => Value::Number(bounded(parse_decimal(text, decimals).ok_or_else(|| bad_number(text, decimals))?, decimals)?),
            Kind::YesNo => match text.to_lowercase().as_str() {
                "có" | "co" | "x" | "true" | "1" => Value::YesNo(true),
                "không" | "khong" | "false" | "0" => Value::YesNo(false),
                _ => return Err(bad_yes_no(text)),
            },
            Kind::Date => Value::Date(parse_date(text).ok_or_else(|| crate::source::bad_date(text))?),
            Kind::Share => Value::Share(parse_decimal(text.trim_end_matches('%').trim(), 1).ok_or_else(|| bad_number(text, 1))?),
        };
        Ok(Some(value))
    }

    /// A value written in a report's TOML file; `written` is its text there,
    /// which a message quotes ("1.800" reads as the number 1.8).
    pub fn from_toml(&self, value: &toml::Value, written: &str) -> std::result::Result<Value, String> {
        use toml::Value as V;
        let titled = |message: String| format!("cột “{}”: {message}", self.title());
        match (self.kind, value) {
            (Kind::Text, V::String(s)) => Ok(Value::Text(Text::clean(s).map_err(titled)?)),
            (Kind::Count, V::Integer(n)) => {
                let count = u64::try_from(*n).map_err(|_| titled(bad_count(&n.to_string())))?;
                bounded(count, 0).map(Value::Count).map_err(titled)
            }
            (Kind::Number { decimals }, V::Integer(n)) => {
                let scaled =
                    u64::try_from(*n).ok().and_then(|n| n.checked_mul(10_u64.pow(decimals))).ok_or_else(|| titled(bad_number(&n.to_string(), decimals)))?;
                bounded(scaled, decimals).map(Value::Number).map_err(titled)
            }
            (Kind::Number { decimals }, V::Float(f)) => {
                let scaled = parse_decimal(&f.to_string(), decimals).ok_or_else(|| titled(bad_number(written, decimals)))?;
                bounded(scaled, decimals).map(Value::Number).map_err(titled)
            }
            (Kind::YesNo, V::Boolean(b)) => Ok(Value::YesNo(*b)),
            (Kind::Date, V::Datetime(d)) => match (d.date, d.time) {
                (Some(date), None) => NaiveDate::from_ymd_opt(date.year.into(), date.month.into(), date.day.into())
                    .map(Value::Date)
                    .ok_or_else(|| crate::source::bad_date(&d.to_string())),
                _ => Err(crate::source::bad_date(&d.to_string())),
            },
            (Kind::YesNo | Kind::Date | Kind::Share, V::String(s)) => self.parse(s).map_err(titled)?.ok_or_else(|| self.toml_advice(written)),
            _ => Err(self.toml_advice(written.trim())),
        }
    }

    /// How to write a value of this column in TOML.
    fn toml_advice(&self, found: &str) -> String {
        let example = match self.kind {
            Kind::Text => format!("{} = \"…\"", self.key),
            Kind::Count => {
                if let Some(number) = vietnamese::grouped_count(found.trim_matches('"')) {
                    return crate::source::grouped_count(found.trim_matches('"'), number);
                }
                format!("{} = 12 (số nguyên, không có dấu ngoặc kép)", self.key)
            }
            Kind::Number { .. } => format!("{} = 12.5 (dấu chấm thập phân, không có dấu ngoặc kép)", self.key),
            Kind::YesNo => format!("{} = true (có) hoặc false (không)", self.key),
            Kind::Date => format!("{} = 2026-10-05", self.key),
            Kind::Share => format!("{} = \"83,3%\"", self.key),
        };
        format!("cột “{}” không nhận giá trị {found}. Hãy ghi {example}", self.title())
    }

    /// A value as a report's TOML file writes it.
    pub fn to_toml(&self, value: &Value) -> String {
        match value {
            Value::Text(text) => toml::Value::String(text.to_string()).to_string(),
            Value::Count(n) => n.to_string(),
            Value::Number(n) => {
                let scale = 10_u64.pow(self.decimals());
                if scale == 1 { n.to_string() } else { format!("{}.{:0width$}", n / scale, n % scale, width = self.decimals() as usize) }
            }
            Value::YesNo(yes) => yes.to_string(),
            Value::Date(date) => date.to_string(),
            Value::Share(tenths) => format!("\"{}\"", vietnamese::tenths_as_percent(*tenths)),
        }
    }
}

/// A check between the columns of a row.
#[derive(Debug, Clone)]
pub enum Check {
    /// Each at most the next: "a <= b <= c".
    AtMost(Vec<usize>),
    /// `column` should be filled when `when` is more than 0: a warning.
    Need { column: usize, when: usize },
}

/// A headline share: numerator over denominator, against a target.
#[derive(Debug, Clone)]
pub struct Indicator {
    /// "Tỷ lệ đã kích hoạt".
    pub name: String,
    pub numerator: usize,
    pub denominator: usize,
    /// In tenths of a percent: 1000 is 100 %.
    pub target: u64,
}

impl Indicator {
    /// "100 %", "80 %", "87,5 %".
    pub fn target_text(&self) -> String {
        match self.target % 10 {
            0 => format!("{} %", self.target / 10),
            tenth => format!("{},{tenth} %", self.target / 10),
        }
    }

    /// Whether `numerator` of `denominator` reaches the target.
    pub fn met(&self, numerator: u64, denominator: u64) -> bool {
        denominator > 0 && u128::from(numerator) * 1000 >= u128::from(self.target) * u128::from(denominator)
    }
}

/// The report form of a campaign, checked.
#[derive(Debug)]
pub struct Form {
    pub type_name: String,
    pub subject: Text,
    pub distribution: NonEmpty<Text>,
    pub every: Every,
    pub due: Due,
    /// The first is the row's name, a text.
    pub columns: Vec<Column>,
    pub checks: Vec<Check>,
    /// The first is the headline: the chart and the deadlines follow it.
    pub indicators: Vec<Indicator>,
    /// The derived columns, each after the columns it is worked out from.
    derived: Vec<usize>,
    /// The file it was read from, as messages name it.
    pub file: String,
}

/// One row of a report: a value or nothing for each column of the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub cells: Vec<Option<Value>>,
}

impl Row {
    /// The row's name: its first column.
    pub fn name(&self) -> &str {
        match self.cells.first() {
            Some(Some(Value::Text(text))) => text.as_str(),
            _ => "",
        }
    }

    pub fn amount(&self, column: usize) -> u64 {
        self.cells.get(column).and_then(|c| c.as_ref()).and_then(Value::amount).unwrap_or(0)
    }
}

impl Form {
    /// What documents made from the form depend on, for a rebuild to
    /// compare: all of it but the name of its file, which messages use and
    /// which changes with how `--data` is written.
    pub fn made_from(&self) -> String {
        let Self { type_name, subject, distribution, every, due, columns, checks, indicators, derived, file: _ } = self;
        format!("{:?}", (type_name, subject, distribution, every, due, columns, checks, indicators, derived))
    }

    pub fn load(source: &SourceFile) -> Result<Self> {
        let file: FormFile = source.parse()?;
        let at = |offset: usize, message: String| source.error_at(offset, message);
        if file.columns.len() > MAX_COLUMNS {
            return Err(at(file.columns[MAX_COLUMNS].span().start, too_many_columns(file.columns.len())));
        }
        let mut keys: HashMap<String, usize> = HashMap::new();
        for (index, column) in file.columns.iter().enumerate() {
            let key = &column.get_ref().key;
            if !valid_key(key.get_ref()) {
                return Err(at(key.span().start, bad_key(key.get_ref())));
            }
            if let Some(first) = keys.insert(key.get_ref().clone(), index) {
                return Err(at(key.span().start, key_twice(key.get_ref(), first + 1, index + 1)));
            }
        }
        let find = |name: &Spanned<String>| -> Result<usize> {
            let name_text = name.get_ref().trim();
            keys.get(name_text).copied().ok_or_else(|| at(name.span().start, unknown_column(name_text, &file.columns)))
        };

        let mut columns = Vec::with_capacity(file.columns.len());
        for (index, spanned) in file.columns.iter().enumerate() {
            let column = spanned.get_ref();
            let key = column.key.get_ref().clone();
            let formula = match &column.formula {
                None => None,
                Some(text) => {
                    let (a, operator, b) = split_formula(text.get_ref()).ok_or_else(|| at(text.span().start, bad_formula(text.get_ref(), &key)))?;
                    let (a, b) = (find(&Spanned::new(text.span(), a.to_owned()))?, find(&Spanned::new(text.span(), b.to_owned()))?);
                    if a == index || b == index {
                        return Err(at(text.span().start, formula_of_itself(&key, text.get_ref())));
                    }
                    Some(if operator == '-' { Formula::Difference(a, b) } else { Formula::Share(a, b) })
                }
            };
            if let (Kind::Number { decimals }, Some(written)) = (declared_kind(column), &column.decimals)
                && decimals > 3
            {
                return Err(at(written.span().start, bad_decimals(decimals)));
            }
            let kind = match (&column.kind, formula) {
                (_, Some(Formula::Share(..))) => Kind::Share,
                (Some(_), _) => declared_kind(column),
                // A difference is of its columns' kind (checked below).
                (None, Some(Formula::Difference(a, _))) => declared_kind(file.columns[a].get_ref()),
                (None, None) => return Err(at(spanned.span().start, kind_missing(&key))),
            };
            if index == 0 && kind != Kind::Text {
                return Err(at(spanned.span().start, first_not_text(&key)));
            }
            if let Some(width) = &column.width
                && !(8.0..=80.0).contains(width.get_ref())
            {
                return Err(at(width.span().start, bad_width(*width.get_ref())));
            }
            let heading: Vec<String> = column.heading.0.iter().map(ToString::to_string).collect();
            let words = [
                heading.join(" "),
                column.group.as_ref().map(ToString::to_string).unwrap_or_default(),
                column.label.as_ref().map(ToString::to_string).unwrap_or_default(),
            ];
            if words.iter().any(|w| w.chars().count() > MAX_HEADING_CHARS) {
                return Err(at(spanned.span().start, heading_too_long(&key)));
            }
            let label = column.label.as_ref().map_or_else(|| vietnamese::lowercased(&heading.join(" ")), ToString::to_string);
            columns.push(Column {
                key,
                heading,
                group: column.group.as_ref().map(ToString::to_string),
                kind,
                unit: column.unit.as_ref().map(ToString::to_string),
                label,
                required: column.required || index == 0,
                formula,
                width: column.width.as_ref().map(|w| *w.get_ref()),
                was: column.was.clone(),
            });
        }
        // Formulas read amounts of one scale, and never each other in a circle.
        for (index, spanned) in file.columns.iter().enumerate() {
            let Some(formula) = columns[index].formula else { continue };
            let at_formula = spanned.get_ref().formula.as_ref().expect("a formula was read").span().start;
            let (Formula::Difference(a, b) | Formula::Share(a, b)) = formula;
            if !columns[a].kind.is_amount() || columns[a].kind != columns[b].kind {
                return Err(at(at_formula, formula_not_amounts(&columns[index].key, &columns[a], &columns[b])));
            }
            if let Formula::Difference(..) = formula
                && columns[index].kind != columns[a].kind
            {
                return Err(at(at_formula, formula_not_amounts(&columns[index].key, &columns[index], &columns[a])));
            }
            let mut seen = vec![index];
            let mut next = vec![a, b];
            while let Some(column) = next.pop() {
                if seen.contains(&column) {
                    if column == index {
                        return Err(at(at_formula, formula_of_itself(&columns[index].key, &spanned.get_ref().formula.as_ref().unwrap().get_ref().clone())));
                    }
                    continue;
                }
                seen.push(column);
                if let Some(Formula::Difference(x, y) | Formula::Share(x, y)) = columns[column].formula {
                    next.extend([x, y]);
                }
            }
        }

        let mut checks = Vec::new();
        for spanned in &file.checks {
            let check = spanned.get_ref();
            match (&check.rule, &check.need, &check.when) {
                (Some(rule), None, None) => {
                    let parts: Vec<&str> = rule.get_ref().split("<=").map(str::trim).collect();
                    if parts.len() < 2 || parts.iter().any(|p| p.is_empty() || p.contains(['<', '>', '='])) {
                        return Err(at(rule.span().start, bad_rule(rule.get_ref())));
                    }
                    let chain = parts.iter().map(|p| find(&Spanned::new(rule.span(), (*p).to_owned()))).collect::<Result<Vec<_>>>()?;
                    if let Some(&c) = chain.iter().find(|&&c| !columns[c].kind.is_amount()) {
                        return Err(at(rule.span().start, rule_not_amounts(&columns[c])));
                    }
                    if let Some(pair) = chain.windows(2).find(|p| columns[p[0]].kind != columns[p[1]].kind) {
                        return Err(at(rule.span().start, formula_not_amounts(rule.get_ref(), &columns[pair[0]], &columns[pair[1]])));
                    }
                    checks.push(Check::AtMost(chain));
                }
                (None, Some(need), Some(when)) => {
                    let column = find(need)?;
                    let condition = when.get_ref().trim().strip_suffix("> 0").or_else(|| when.get_ref().trim().strip_suffix(">0"));
                    let Some(name) = condition else { return Err(at(when.span().start, bad_when(when.get_ref()))) };
                    let when_column = find(&Spanned::new(when.span(), name.trim().to_owned()))?;
                    if !columns[when_column].kind.is_amount() {
                        return Err(at(when.span().start, rule_not_amounts(&columns[when_column])));
                    }
                    checks.push(Check::Need { column, when: when_column });
                }
                _ => return Err(at(spanned.span().start, bad_check())),
            }
        }

        let mut indicators = Vec::new();
        for spanned in &file.indicators {
            let indicator = spanned.get_ref();
            let (numerator, denominator) = (find(&indicator.numerator)?, find(&indicator.denominator)?);
            if !columns[numerator].kind.is_amount() || columns[numerator].kind != columns[denominator].kind {
                return Err(at(indicator.numerator.span().start, formula_not_amounts(indicator.name.as_str(), &columns[numerator], &columns[denominator])));
            }
            let target = *indicator.target.get_ref();
            if !(target > 0.0 && target <= 100.0) {
                return Err(at(indicator.target.span().start, bad_target(target)));
            }
            indicators.push(Indicator { name: indicator.name.to_string(), numerator, denominator, target: (target * 10.0).round() as u64 });
        }

        if indicators.is_empty() {
            return Err(at(0, no_indicator(&columns)));
        }
        // The printed table: the row number, the values at their widths, and
        // what is left for the first column, the rows' names.
        let widths: f64 = columns.iter().skip(1).map(Column::printed_width).sum();
        if NUMBER_MM + widths + LEAST_NAME_MM > TEXT_WIDTH_MM {
            let widest = (1..columns.len()).max_by(|&a, &b| columns[a].printed_width().total_cmp(&columns[b].printed_width())).unwrap_or(0);
            return Err(at(file.columns[widest].span().start, too_wide(NUMBER_MM + widths + LEAST_NAME_MM)));
        }
        let derived = derivation_order(&columns);

        let due = file.period.due.get_ref();
        let most_day = if file.period.every == Every::Week { 7 } else { 31 };
        if !(1..=most_day).contains(&due.day) {
            return Err(at(file.period.due.span().start, bad_due_day(due.day, file.period.every)));
        }
        let time = match &due.time {
            None => None,
            Some(text) => Some(NaiveTime::parse_from_str(text.get_ref(), "%H:%M").map_err(|_| at(text.span().start, bad_time(text.get_ref())))?),
        };

        Ok(Self {
            type_name: file.type_name.map_or_else(|| "BÁO CÁO".to_owned(), |t| t.to_string()),
            subject: file.subject,
            distribution: file.distribution,
            every: file.period.every,
            due: Due { day: due.day, next: matches!(due.within, Within::Next), time },
            columns,
            checks,
            indicators,
            derived,
            file: source.name.clone(),
        })
    }

    /// What the units report on, as a sentence continues with it: the
    /// subject without its leading "Việc ".
    pub fn topic(&self) -> &str {
        let subject = self.subject.as_str();
        subject.strip_prefix("Việc ").unwrap_or(subject)
    }

    /// The column with this key.
    pub fn column(&self, key: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.key == key)
    }

    /// The column a report's row names by `name`: its key, or the name
    /// reports written before the form was data gave it.
    pub fn row_column(&self, name: &str) -> Option<usize> {
        self.column(name).or_else(|| self.columns.iter().position(|c| c.was.as_deref() == Some(name)))
    }

    /// The column a `need` check asks for, with the column that asks:
    /// the reasons a summary counts.
    pub fn reason(&self) -> Option<(usize, usize)> {
        self.checks.iter().find_map(|check| match check {
            Check::Need { column, when } if self.columns[*column].kind == Kind::Text => Some((*column, *when)),
            _ => None,
        })
    }

    /// A derived column's value from the row's others.
    fn derive(&self, formula: Formula, row: &Row) -> Option<Value> {
        match formula {
            Formula::Difference(a, b) => {
                let (a_value, b_value) = (row.cells[a].as_ref()?.amount()?, row.cells[b].as_ref()?.amount()?);
                Some(self.columns[a].value_of(a_value.checked_sub(b_value)?))
            }
            Formula::Share(a, b) => {
                let (a_value, b_value) = (row.cells[a].as_ref()?.amount()?, row.cells[b].as_ref()?.amount()?);
                (b_value > 0).then(|| Value::Share(vietnamese::tenths_of_percent(a_value, b_value)))
            }
        }
    }

    /// Checks a row (number `number`, from 1) and fills its derived columns:
    /// the warnings, or the column at fault and what to write instead.
    pub fn check_row(&self, number: usize, row: &mut Row) -> std::result::Result<Vec<String>, (usize, String)> {
        let name = row.name().to_owned();
        let here = |message: String| format!("hàng {number} (“{name}”): {message}");
        // The rules over what was typed, then, once derived, over the rest.
        self.check_rules(row).map_err(|(column, message)| (column, here(message)))?;
        for &index in &self.derived {
            let column = &self.columns[index];
            let Some(formula) = column.formula else { continue };
            if let Formula::Difference(a, b) = formula
                && let (Some(x), Some(y)) = (row.cells[a].as_ref(), row.cells[b].as_ref())
                && x.amount() < y.amount()
            {
                let (a, b) = (&self.columns[a], &self.columns[b]);
                return Err((index, here(difference_below_zero(column, b, &b.show(y), a, &a.show(x)))));
            }
            let Some(derived) = self.derive(formula, row) else { continue };
            match &row.cells[index] {
                Some(given) if *given != derived => {
                    let (Formula::Difference(a, b) | Formula::Share(a, b)) = formula;
                    let shown = |i: usize| row.cells[i].as_ref().map(|v| self.columns[i].show(v)).unwrap_or_default();
                    let sign = if matches!(formula, Formula::Difference(..)) { "−" } else { "/" };
                    let reckoning = format!("{} {sign} {} = {}", shown(a), shown(b), column.show(&derived));
                    return Err((
                        index,
                        here(derived_mismatch(column, &column.show(given), &self.columns[a], &self.columns[b], &reckoning, &column.to_toml(&derived))),
                    ));
                }
                _ => row.cells[index] = Some(derived),
            }
        }
        self.check_rules(row).map_err(|(column, message)| (column, here(message)))?;
        for (index, column) in self.columns.iter().enumerate() {
            if column.required && row.cells[index].is_none() {
                return Err((index, here(required_missing(column))));
            }
        }
        let mut warnings = Vec::new();
        for check in &self.checks {
            if let Check::Need { column, when } = *check
                && row.amount(when) > 0
                && row.cells[column].is_none()
            {
                let value = row.cells[when].as_ref().map(|v| self.columns[when].show(v)).unwrap_or_default();
                warnings.push(here(needed(&self.columns[column], &self.columns[when], &value)));
            }
        }
        Ok(warnings)
    }

    /// The rules "a <= b" over the cells the row has: the first broken, at
    /// its first column.
    fn check_rules(&self, row: &Row) -> std::result::Result<(), (usize, String)> {
        for check in &self.checks {
            let Check::AtMost(chain) = check else { continue };
            for pair in chain.windows(2) {
                let (a, b) = (&self.columns[pair[0]], &self.columns[pair[1]]);
                let (Some(x), Some(y)) = (row.cells[pair[0]].as_ref(), row.cells[pair[1]].as_ref()) else { continue };
                if x.amount() > y.amount() {
                    return Err((pair[0], over(a, &a.show(x), b, &b.show(y))));
                }
            }
        }
        Ok(())
    }

    /// The sums of a report's amount columns, in their order; derived ones
    /// worked out from the sums.
    pub fn totals(&self, rows: &[Row]) -> Vec<Option<Value>> {
        let mut sums = Row { cells: self.columns.iter().map(|_| None).collect() };
        for (index, column) in self.columns.iter().enumerate() {
            if column.kind.is_amount() && column.formula.is_none() {
                sums.cells[index] = Some(column.value_of(rows.iter().map(|row| row.amount(index)).sum()));
            }
        }
        for &index in &self.derived {
            if let Some(formula) = self.columns[index].formula {
                sums.cells[index] = self.derive(formula, &sums);
            }
        }
        sums.cells
    }
}

/// A column's kind as written, decimals included; a difference's of its own
/// first column, a count where nothing says.
fn declared_kind(column: &ColumnFile) -> Kind {
    match (column.kind.as_ref().map(|k| *k.get_ref()), &column.decimals) {
        (Some(Kind::Number { .. }), Some(decimals)) => Kind::Number { decimals: *decimals.get_ref() },
        (Some(kind), _) => kind,
        (None, _) => Kind::Count,
    }
}

/// The derived columns in an order where each comes after those it reads
/// (the form refuses circles).
fn derivation_order(columns: &[Column]) -> Vec<usize> {
    fn visit(index: usize, columns: &[Column], order: &mut Vec<usize>) {
        let Some(Formula::Difference(a, b) | Formula::Share(a, b)) = columns[index].formula else { return };
        if order.contains(&index) {
            return;
        }
        visit(a, columns, order);
        visit(b, columns, order);
        order.push(index);
    }
    let mut order = Vec::new();
    for index in 0..columns.len() {
        visit(index, columns, &mut order);
    }
    order
}

fn split_formula(text: &str) -> Option<(&str, char, &str)> {
    let operator = text.find(['-', '/'])?;
    let (a, b) = (text[..operator].trim(), text[operator + 1..].trim());
    let valid = |s: &str| valid_key(s);
    (valid(a) && valid(b)).then(|| (a, text[operator..].chars().next().expect("an operator"), b))
}

/// Lower-case ASCII letters, digits and "_", from a letter; never the name
/// of one of the form's own fields, nor what Excel reads as a cell ("ab12",
/// "r1c1") or a value, which it refuses as a defined name.
fn valid_key(key: &str) -> bool {
    let letters = key.trim_end_matches(|c: char| c.is_ascii_digit());
    let cell = letters.len() < key.len() && (1..=3).contains(&letters.len()) && letters.bytes().all(|b| b.is_ascii_lowercase());
    let r1c1 = key
        .strip_prefix('r')
        .map(|rest| rest.trim_start_matches(|c: char| c.is_ascii_digit()))
        .and_then(|rest| rest.strip_prefix('c'))
        .is_some_and(|rest| rest.bytes().all(|b| b.is_ascii_digit()));
    key.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
        && key.len() <= 30
        && key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        && !fields::SINGLES.contains(&key)
        && key != fields::LAYOUT_VERSION
        && !cell
        && !r1c1
        && !["r", "c", "true", "false"].contains(&key)
}

/// A count as typed: digits, maybe grouped as offices group thousands.
pub fn parse_count(text: &str) -> Option<u64> {
    match text.bytes().all(|b| b.is_ascii_digit()) {
        true => text.parse().ok(),
        false => vietnamese::grouped_count(text),
    }
}

/// "12,5" or "12.5" (or a whole "12") as an integer of `decimals` places.
fn parse_decimal(text: &str, decimals: u32) -> Option<u64> {
    let (whole, fraction) = text.split_once([',', '.']).unwrap_or((text, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(fraction) || fraction.len() > decimals as usize {
        return None;
    }
    let scale = 10_u64.pow(decimals);
    let fraction: u64 = format!("{fraction:0<width$}", width = decimals as usize).parse().unwrap_or(0);
    whole.parse::<u64>().ok()?.checked_mul(scale)?.checked_add(fraction)
}

/// "05/10/2026" or "2026-10-05".
fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%d/%m/%Y")
        .or_else(|_| NaiveDate::parse_from_str(text, "%Y-%m-%d"))
        .ok()
        .filter(|d| super::values::YEARS.contains(&chrono::Datelike::year(d)))
}

// What this module tells the user, in Vietnamese.

const BAD_HEADING: &str = "tiêu đề cột là một dòng chữ hoặc danh sách các dòng, ví dụ heading = \"Tổng số\" hoặc heading = [\"Đã\", \"kích hoạt\"]";

fn unknown_kind(kind: &str) -> String {
    format!(
        "kiểu cột “{kind}” không có. Hãy ghi kind = \"text\" (chữ), \"count\" (số đếm), \"number\" (số thập phân), \"yes_no\" (có/không) hoặc \"date\" (ngày)"
    )
}

fn too_many_columns(count: usize) -> String {
    format!("biểu mẫu có {count} cột, quá {MAX_COLUMNS} cột mà bảng trên trang A4 đứng chứa được. Hãy bỏ bớt cột hoặc tách thành hai biểu mẫu")
}

fn bad_key(key: &str) -> String {
    format!(
        "khóa cột “{key}” không dùng được. Hãy ghi key bằng chữ thường không dấu, chữ số và dấu gạch dưới, bắt đầu bằng chữ, không giống tên ô Excel (như ab12), ví dụ key = \"da_kich_hoat\" (và khác các tên {})",
        fields::SINGLES.join(", ")
    )
}

fn key_twice(key: &str, first: usize, second: usize) -> String {
    format!("cột thứ {first} và cột thứ {second} cùng khóa “{key}”; mỗi cột cần một khóa riêng, ví dụ \"{key}_2\"")
}

fn unknown_column(name: &str, columns: &[Spanned<ColumnFile>]) -> String {
    let keys: Vec<&str> = columns.iter().map(|c| c.get_ref().key.get_ref().as_str()).collect();
    format!("biểu mẫu không có cột “{name}”. Hãy ghi khóa của một cột: {}", keys.join(", "))
}

fn bad_formula(formula: &str, key: &str) -> String {
    format!(
        "công thức “{formula}” của cột “{key}” không đọc được. Hãy ghi formula = \"a - b\" (hiệu hai cột) hoặc \"a / b\" (tỷ lệ phần trăm), a và b là khóa của hai cột khác"
    )
}

fn formula_of_itself(key: &str, formula: &str) -> String {
    format!("cột “{key}” được tính từ chính nó (formula = \"{formula}\"). Hãy tính nó từ hai cột nhập tay khác")
}

fn formula_not_amounts(name: &str, a: &Column, b: &Column) -> String {
    format!(
        "“{name}” tính từ cột “{}” và “{}”, nhưng hai cột này phải cùng là số đếm (kind = \"count\") hoặc cùng là số thập phân có cùng số chữ số thập phân",
        a.key, b.key
    )
}

fn heading_too_long(key: &str) -> String {
    format!("tiêu đề, nhóm hoặc label của cột “{key}” dài quá {MAX_HEADING_CHARS} ký tự. Hãy viết ngắn lại: đây là đầu cột của bảng")
}

fn no_indicator(columns: &[Column]) -> String {
    let amounts: Vec<&str> = columns.iter().filter(|c| c.kind.is_amount()).map(|c| c.key.as_str()).collect();
    format!(
        "biểu mẫu chưa có chỉ tiêu nào. Hãy thêm [[indicator]] với name = \"Tỷ lệ …\", numerator, denominator (khóa của hai cột số{}) và target = 100",
        if amounts.is_empty() { String::new() } else { format!(": {}", amounts.join(", ")) }
    )
}

fn too_wide(mm: f64) -> String {
    format!(
        "các cột của bảng cần {mm:.0} mm (kể cả cột Stt và ít nhất {LEAST_NAME_MM:.0} mm cho cột tên), rộng hơn {TEXT_WIDTH_MM:.0} mm của trang. Hãy bớt cột, hoặc ghi width nhỏ hơn cho cột này"
    )
}

fn difference_below_zero(column: &Column, b: &Column, y: &str, a: &Column, x: &str) -> String {
    format!("“{}” ({y}) lớn hơn “{}” ({x}) nên không tính được “{}”. Hãy sửa lại một trong hai số", b.title(), a.title(), column.title())
}

fn kind_missing(key: &str) -> String {
    format!("cột “{key}” chưa ghi kiểu. Hãy thêm kind = \"text\", \"count\", \"number\", \"yes_no\" hoặc \"date\"")
}

fn first_not_text(key: &str) -> String {
    format!("cột đầu tiên (“{key}”) là tên của hàng nên phải là chữ. Hãy ghi kind = \"text\" hoặc đưa một cột chữ lên đầu")
}

fn bad_width(width: f64) -> String {
    format!("độ rộng cột {width} mm không hợp lý; hãy ghi width từ 8 đến 80 (mm), hoặc bỏ đi để chương trình tự chọn")
}

fn bad_decimals(decimals: u32) -> String {
    format!("{decimals} chữ số thập phân là quá nhiều; hãy ghi decimals từ 0 đến 3")
}

fn bad_rule(rule: &str) -> String {
    format!("kiểm tra “{rule}” không đọc được. Hãy ghi rule = \"a <= b\" hoặc nối nhiều cột \"a <= b <= c\", với a, b, c là khóa cột")
}

fn rule_not_amounts(column: &Column) -> String {
    format!("cột “{}” không phải số nên không so sánh được. Hãy chỉ so sánh các cột kind = \"count\" hoặc \"number\"", column.key)
}

fn bad_when(when: &str) -> String {
    format!("điều kiện “{when}” không đọc được. Hãy ghi when = \"khoa_cot > 0\"")
}

fn bad_check() -> String {
    "mỗi [[check]] ghi hoặc rule = \"a <= b\", hoặc need = \"cột cần ghi\" cùng when = \"cột > 0\"".into()
}

fn bad_target(target: f64) -> String {
    format!("mục tiêu {target} % không hợp lý; hãy ghi target là phần trăm lớn hơn 0 và không quá 100, ví dụ target = 80")
}

fn bad_due_day(day: u32, every: Every) -> String {
    match every {
        Every::Week => format!("thứ {day} trong tuần không có; hãy ghi day từ 1 (thứ hai) đến 7 (chủ nhật)"),
        _ => format!("ngày {day} không có; hãy ghi day từ 1 đến 31 (ngày lớn hơn số ngày của tháng được hiểu là ngày cuối tháng)"),
    }
}

fn bad_time(time: &str) -> String {
    format!("giờ “{time}” không hợp lệ; hãy ghi time = \"17:00\" (giờ:phút), hoặc bỏ time để hạn là trước ngày đó")
}

/// An amount within MAX_AMOUNT, or what to write instead.
fn bounded(amount: u64, decimals: u32) -> std::result::Result<u64, String> {
    match amount <= MAX_AMOUNT {
        true => Ok(amount),
        false => Err(format!("số quá lớn; mỗi ô ghi được tối đa {}", vietnamese::decimal(MAX_AMOUNT as i64, decimals))),
    }
}

fn bad_count(value: &str) -> String {
    format!("“{value}” không phải số nguyên không âm; hãy ghi một số như 12")
}

fn bad_number(value: &str, decimals: u32) -> String {
    format!("“{value}” không phải số không âm có tối đa {decimals} chữ số thập phân; hãy ghi một số như 12,5")
}

fn bad_yes_no(value: &str) -> String {
    format!("“{value}” không phải có hay không; hãy ghi “Có” hoặc “Không”")
}

fn over(a: &Column, x: &str, b: &Column, y: &str) -> String {
    format!(
        "{} ({} = {x}) lớn hơn {} ({} = {y}). Hãy sửa lại một trong hai số",
        vietnamese::lowercased(&a.title()),
        a.key,
        vietnamese::lowercased(&b.title()),
        b.key
    )
}

fn derived_mismatch(column: &Column, given: &str, a: &Column, b: &Column, reckoning: &str, derived: &str) -> String {
    format!(
        "{} ({} = {given}) phải bằng “{}” {} “{}” ({reckoning}). Hãy ghi {} = {derived} hoặc để trống để chương trình tự tính",
        vietnamese::lowercased(&column.title()),
        column.key,
        a.title(),
        if matches!(column.formula, Some(Formula::Difference(..))) { "trừ" } else { "chia cho" },
        b.title(),
        column.key
    )
}

fn required_missing(column: &Column) -> String {
    format!("chưa ghi “{}” (cột {}), cột này bắt buộc. Hãy điền vào", column.title(), column.key)
}

fn needed(column: &Column, when: &Column, value: &str) -> String {
    format!("“{}” là {value} nhưng chưa ghi “{}”. Hãy thêm {} = \"…\"", when.title(), column.title(), column.key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_that_excel_and_the_form_take() {
        for good in ["ten", "tong_so", "da_kich_hoat", "so_nguoi_14", "abcd1"] {
            assert!(valid_key(good), "{good}");
        }
        for bad in ["Ten", "1a", "_a", "so", "ma_don_vi", "ab12", "so1", "r", "c", "r1c1", "rc", "true", "đã", "a-b", ""] {
            assert!(!valid_key(bad), "{bad}");
        }
    }

    #[test]
    fn decimals_and_counts_as_typed() {
        assert_eq!(parse_decimal("12,5", 2), Some(1250));
        assert_eq!(parse_decimal("12.05", 2), Some(1205));
        assert_eq!(parse_decimal("12", 2), Some(1200));
        assert_eq!(parse_decimal("1,234", 2), None, "three decimals where two are allowed");
        assert_eq!(parse_decimal("-1", 2), None);
        assert_eq!(parse_count("1.234"), Some(1234));
        assert_eq!(parse_count("mười"), None);
    }

    const HEAD: &str = "subject = \"s\"\ndistribution = [\"Lưu: VT\"]\n[period]\nevery = \"month\"\ndue = { day = 1, in = \"next\" }\n";
    const INDICATOR: &str = "[[indicator]]\nname = \"Tỷ lệ\"\nnumerator = \"da\"\ndenominator = \"tong\"\ntarget = 80\n";

    fn form(columns: &str) -> Result<Form> {
        Form::load(&SourceFile::new("bieu-mau.toml", format!("{HEAD}{columns}{INDICATOR}")))
    }

    fn row(form: &Form, cells: &[Option<u64>]) -> Row {
        let mut all = vec![Some(Value::Text(Text::clean("Tổ 1").unwrap()))];
        all.extend(cells.iter().map(|c| c.map(Value::Count)));
        all.resize(form.columns.len(), None);
        Row { cells: all }
    }

    #[test]
    fn derived_columns_follow_what_they_read_wherever_they_stand() {
        // The share reads the difference, which stands after it.
        let columns = "[[column]]\nkey = \"ten\"\nheading = \"Tên\"\nkind = \"text\"\n\
            [[column]]\nkey = \"tong\"\nheading = \"Tổng\"\nkind = \"count\"\n\
            [[column]]\nkey = \"da\"\nheading = \"Đã\"\nkind = \"count\"\n\
            [[column]]\nkey = \"ty_le_chua\"\nheading = \"Tỷ lệ chưa\"\nformula = \"chua / tong\"\n\
            [[column]]\nkey = \"chua\"\nheading = \"Chưa\"\nformula = \"tong - da\"\n";
        let form = form(columns).unwrap();
        let mut filled = row(&form, &[Some(8), Some(6)]);
        form.check_row(1, &mut filled).unwrap();
        assert_eq!((filled.cells[3].clone(), filled.cells[4].clone()), (Some(Value::Share(250)), Some(Value::Count(2))));
        assert_eq!(form.totals(&[filled.clone(), filled])[3], Some(Value::Share(250)));
        // More done than there are: no difference to work out, and said so.
        let mut over = row(&form, &[Some(6), Some(8)]);
        let (column, message) = form.check_row(2, &mut over).unwrap_err();
        assert_eq!((column, message.as_str()), (4, "hàng 2 (“Tổ 1”): “Đã” (8) lớn hơn “Tổng” (6) nên không tính được “Chưa”. Hãy sửa lại một trong hai số"));
    }

    #[test]
    fn a_form_too_wide_or_without_an_indicator_is_refused() {
        let mut columns = "[[column]]\nkey = \"ten\"\nheading = \"Tên\"\nkind = \"text\"\n[[column]]\nkey = \"tong\"\nheading = \"Tổng\"\nkind = \"count\"\n[[column]]\nkey = \"da\"\nheading = \"Đã\"\nkind = \"count\"\n".to_owned();
        for i in 0..4 {
            columns += &format!("[[column]]\nkey = \"ghi_chu_{i}\"\nheading = \"Ghi chú\"\nkind = \"text\"\n");
        }
        let message = form(&columns).unwrap_err().to_string();
        assert!(message.contains("rộng hơn 155 mm"), "{message}");
        let source = SourceFile::new("bieu-mau.toml", format!("{HEAD}[[column]]\nkey = \"ten\"\nheading = \"Tên\"\nkind = \"text\"\n"));
        let message = Form::load(&source).unwrap_err().to_string();
        assert!(message.contains("biểu mẫu chưa có chỉ tiêu nào"), "{message}");
    }

    #[test]
    fn formulas_read_two_keys() {
        assert_eq!(split_formula("tong_so - da_cai"), Some(("tong_so", '-', "da_cai")));
        assert_eq!(split_formula("a/b"), Some(("a", '/', "b")));
        assert_eq!(split_formula("a + b"), None);
        assert_eq!(split_formula("a - "), None);
    }
}

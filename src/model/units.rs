//! The units a dispatch goes to, who report on its form, grouped by kind.

use std::collections::HashMap;

use serde::Deserialize;
use toml::Spanned;

use super::{DocDate, NonEmpty, SourceFile, Symbol, Text};
use crate::error::{Error, Location, Result};

/// The most units one campaign may list.
pub const MAX_UNITS: usize = 5_000;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Units {
    /// The dispatch whose form the units report on.
    pub dispatch: Spanned<Text>,
    /// The parent line above "ĐƠN VỊ: …" unless a unit gives its own.
    pub parent: Text,
    /// The kinds of unit, in the order the summary groups them.
    #[serde(default, rename = "kind")]
    pub kinds: Vec<UnitKind>,
    /// The tables a units.toml of vanban before forms were data held: read
    /// only to say where their contents went.
    #[serde(default, rename = "report")]
    older_report: Option<Spanned<toml::Value>>,
    #[serde(default, rename = "deadlines")]
    older_deadlines: Option<Spanned<toml::Value>>,
    #[serde(rename = "unit")]
    pub units: NonEmpty<Unit>,
    /// The file itself, where messages about the files it names point.
    #[serde(skip)]
    pub source: Option<SourceFile>,
}

/// A kind of unit: the dispatch gives each its own tasks and deadline.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitKind {
    /// What units write as their `kind`.
    pub key: Spanned<String>,
    /// The group's heading in the summary: "Các thôn".
    pub group: Text,
    /// When the dispatch wants the kind's work done.
    pub deadline: DocDate,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    pub name: Text,
    /// The unit's short code: its reports are numbered "…/BC-<code>".
    pub code: Spanned<Symbol>,
    pub parent: Option<Text>,
    /// The head's title in the signature block: "THỦ TRƯỞNG CƠ QUAN", "TRƯỞNG THÔN".
    pub head: Text,
    /// The key of one of the [[kind]] of units.toml.
    pub kind: Spanned<String>,
    /// A deadline of the unit's own where the dispatch sets one apart from its kind's.
    pub deadline: Option<DocDate>,
}

impl Units {
    /// Reads units.toml and refuses two units with one code.
    pub fn load(source: &SourceFile) -> Result<Self> {
        let mut units: Self = source.parse()?;
        if let Some(table) = &units.older_report {
            return Err(source.error_at(table.span().start, report_moved()));
        }
        if let Some(table) = &units.older_deadlines {
            return Err(source.error_at(table.span().start, deadlines_moved()));
        }
        if units.kinds.is_empty() {
            return Err(Error::data(Location::file(&source.name), no_kinds()));
        }
        if units.units.len() > MAX_UNITS {
            return Err(Error::data(Location::file(&source.name), super::too_many(units.units.len(), MAX_UNITS, "đơn vị")));
        }
        let mut kinds: HashMap<&str, &UnitKind> = HashMap::new();
        for kind in units.kinds.iter() {
            if kinds.insert(kind.key.get_ref().as_str(), kind).is_some() {
                return Err(source.error_at(kind.key.span().start, duplicate_kind(kind.key.get_ref())));
            }
        }
        for unit in units.units.iter() {
            if !kinds.contains_key(unit.kind.get_ref().as_str()) {
                let known: Vec<&str> = units.kinds.iter().map(|k| k.key.get_ref().as_str()).collect();
                return Err(source.error_at(unit.kind.span().start, unknown_kind(unit.kind.get_ref(), &known)));
            }
        }
        let mut seen: HashMap<&str, &Unit> = HashMap::new();
        for unit in units.units.iter() {
            if let Some(first) = seen.insert(unit.code.get_ref().as_str(), unit) {
                return Err(source.error_at(unit.code.span().start, duplicate_code(unit.code.get_ref().as_str(), first.name.as_str())));
            }
        }
        units.source = Some(source.clone());
        Ok(units)
    }

    /// The unit with this code.
    pub fn find(&self, code: &str) -> Option<&Unit> {
        self.units.iter().find(|unit| unit.code.get_ref().as_str() == code)
    }

    /// The file the units were read from, as messages name it.
    pub fn file(&self) -> &str {
        self.source.as_ref().map_or("units.toml", |source| source.name.as_str())
    }

    pub fn codes(&self) -> Vec<&str> {
        self.units.iter().map(|unit| unit.code.get_ref().as_str()).collect()
    }

    /// The unit's own deadline, or its kind's.
    pub fn deadline(&self, unit: &Unit) -> DocDate {
        unit.deadline.unwrap_or_else(|| self.kind(unit).deadline)
    }

    pub fn kind(&self, unit: &Unit) -> &UnitKind {
        self.kinds.iter().find(|kind| kind.key.get_ref() == unit.kind.get_ref()).expect("a unit's kind was checked")
    }

    pub fn parent<'a>(&'a self, unit: &'a Unit) -> &'a Text {
        unit.parent.as_ref().unwrap_or(&self.parent)
    }
}

// What this module tells the user, in Vietnamese.

fn duplicate_code(code: &str, first: &str) -> String {
    format!("mã đơn vị “{code}” đã dùng cho “{first}”; mỗi đơn vị cần một mã riêng, ví dụ thêm số: \"{code}2\"")
}

fn report_moved() -> String {
    "bảng [report] (trích yếu và Nơi nhận của báo cáo) nay nằm trong tệp bieu-mau.toml, cùng các cột của biểu mẫu. Hãy chuyển subject và distribution sang bieu-mau.toml (xem tệp mẫu: vanban init) rồi xóa bảng này".into()
}

fn deadlines_moved() -> String {
    "bảng [deadlines] nay được thay bằng các loại đơn vị: với mỗi loại, một bảng [[kind]] ghi key = \"village\", group = \"Các thôn\" (tên nhóm trong báo cáo tổng hợp) và deadline = 2026-08-31. Hãy thay bảng này bằng các [[kind]]".into()
}

fn no_kinds() -> String {
    "chưa khai báo loại đơn vị nào. Hãy thêm các bảng [[kind]], mỗi bảng ghi key = \"village\", group = \"Các thôn\" và deadline = 2026-08-31; mỗi đơn vị ghi kind = key của loại mình".into()
}

fn duplicate_kind(key: &str) -> String {
    format!("loại đơn vị “{key}” đã khai báo ở trên; mỗi [[kind]] cần một key riêng")
}

fn unknown_kind(key: &str, known: &[&str]) -> String {
    format!("không có loại đơn vị “{key}” trong các [[kind]] của tệp này. Hãy ghi kind = một trong: {}", known.join(", "))
}

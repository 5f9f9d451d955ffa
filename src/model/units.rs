//! The units a dispatch goes to, who report monthly on its Phụ lục 01 form.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::{DocDate, NonEmpty, SourceFile, Symbol, Text};
use crate::error::{Error, Location, Result};

/// The most units one campaign may list.
pub const MAX_UNITS: usize = 5_000;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Units {
    /// The dispatch whose Phụ lục 01 the units report on.
    pub dispatch: Spanned<Text>,
    /// The parent line above "ĐƠN VỊ: …" unless a unit gives its own.
    pub parent: Text,
    /// What the form says and who gets a copy of a report.
    pub report: ReportForm,
    /// The dispatch's deadline for each kind of unit (its section 3).
    pub deadlines: Deadlines,
    #[serde(rename = "unit")]
    pub units: NonEmpty<Unit>,
    /// The file itself, where messages about the files it names point.
    #[serde(skip)]
    pub source: Option<SourceFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportForm {
    /// The line under "BÁO CÁO": "Việc cài đặt và sử dụng …".
    pub subject: Text,
    /// Nơi nhận of a unit's report.
    pub distribution: NonEmpty<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deadlines {
    pub agency: DocDate,
    pub organisation: DocDate,
    pub school: DocDate,
    pub village: DocDate,
}

/// The dispatch gives each kind of unit its own tasks and deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    Agency,
    Organisation,
    School,
    Village,
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
    pub kind: UnitKind,
    /// A deadline of the unit's own where the dispatch sets one apart from its kind's.
    pub deadline: Option<DocDate>,
}

impl Units {
    /// Reads units.toml and refuses two units with one code.
    pub fn load(source: &SourceFile) -> Result<Self> {
        let mut units: Self = source.parse()?;
        if units.units.len() > MAX_UNITS {
            return Err(Error::data(Location::file(&source.name), super::too_many(units.units.len(), MAX_UNITS, "đơn vị")));
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

    pub fn deadline(&self, unit: &Unit) -> DocDate {
        unit.deadline.unwrap_or(match unit.kind {
            UnitKind::Agency => self.deadlines.agency,
            UnitKind::Organisation => self.deadlines.organisation,
            UnitKind::School => self.deadlines.school,
            UnitKind::Village => self.deadlines.village,
        })
    }

    pub fn parent<'a>(&'a self, unit: &'a Unit) -> &'a Text {
        unit.parent.as_ref().unwrap_or(&self.parent)
    }
}

// What this module tells the user, in Vietnamese.

fn duplicate_code(code: &str, first: &str) -> String {
    format!("mã đơn vị “{code}” đã dùng cho “{first}”; mỗi đơn vị cần một mã riêng, ví dụ thêm số: \"{code}2\"")
}

//! The period a report covers (a month, a quarter or a week) and the rule
//! that says when its report is due.

use chrono::{Datelike, Days, Months, NaiveDate, NaiveTime, Weekday};
use serde::de::{self, Deserialize, Deserializer};

use super::values::YEARS;
use crate::vietnamese::{capitalized, long_date, roman};

/// How often a form is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Every {
    Month,
    Quarter,
    Week,
}

impl Every {
    /// "tháng", "quý", "tuần": what the form's intro and the summary call a period.
    pub fn word(self) -> &'static str {
        match self {
            Every::Month => "tháng",
            Every::Quarter => "quý",
            Every::Week => "tuần",
        }
    }

    /// The highest number a period of this kind has in a year.
    pub fn most(self) -> u32 {
        match self {
            Every::Month => 12,
            Every::Quarter => 4,
            Every::Week => 53,
        }
    }

    /// An example of a period's key, for messages.
    pub fn example(self) -> &'static str {
        match self {
            Every::Month => "2026-07",
            Every::Quarter => "2026-Q3",
            Every::Week => "2026-W31",
        }
    }
}

impl<'de> Deserialize<'de> for Every {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match String::deserialize(deserializer)?.as_str() {
            "month" => Ok(Every::Month),
            "quarter" => Ok(Every::Quarter),
            "week" => Ok(Every::Week),
            other => Err(de::Error::custom(bad_every(other))),
        }
    }
}

/// A period reported on: "2026-07", "2026-Q3" or "2026-W31" (an ISO week).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    pub every: Every,
    /// Its first day: the 1st of the month or quarter, the Monday of the week.
    pub start: NaiveDate,
}

impl Period {
    pub fn parse(text: &str) -> Option<Self> {
        let (year, rest) = text.trim().split_once('-')?;
        let year: i32 = year.parse().ok()?;
        YEARS.contains(&year).then_some(())?;
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit()).then(|| s.parse::<u32>().ok()).flatten();
        if let Some(quarter) = rest.strip_prefix('Q') {
            Self::numbered(Every::Quarter, year, digits(quarter)?)
        } else if let Some(week) = rest.strip_prefix('W') {
            Self::numbered(Every::Week, year, digits(week)?)
        } else {
            Self::numbered(Every::Month, year, digits(rest)?)
        }
    }

    /// Period `number` (month 1–12, quarter 1–4, ISO week 1–53) of `year`.
    pub fn numbered(every: Every, year: i32, number: u32) -> Option<Self> {
        let start = match every {
            Every::Month => NaiveDate::from_ymd_opt(year, number, 1)?,
            Every::Quarter => (1..=4).contains(&number).then(|| NaiveDate::from_ymd_opt(year, number * 3 - 2, 1)).flatten()?,
            Every::Week => NaiveDate::from_isoywd_opt(year, number, Weekday::Mon)?,
        };
        Some(Self { every, start })
    }

    /// The year it belongs to (a week's ISO year).
    pub fn year(self) -> i32 {
        match self.every {
            Every::Week => self.start.iso_week().year(),
            _ => self.start.year(),
        }
    }

    /// Its number in the year: the month, the quarter, the week.
    pub fn number(self) -> u32 {
        match self.every {
            Every::Month => self.start.month(),
            Every::Quarter => self.start.month().div_ceil(3),
            Every::Week => self.start.iso_week().week(),
        }
    }

    /// The period after it.
    pub fn next(self) -> Self {
        let start = match self.every {
            Every::Month => self.start + Months::new(1),
            Every::Quarter => self.start + Months::new(3),
            Every::Week => self.start + Days::new(7),
        };
        Self { start, ..self }
    }

    pub fn previous(self) -> Self {
        let start = match self.every {
            Every::Month => self.start - Months::new(1),
            Every::Quarter => self.start - Months::new(3),
            Every::Week => self.start - Days::new(7),
        };
        Self { start, ..self }
    }

    /// "tháng 7 năm 2026", "quý III năm 2026", "tuần 31 năm 2026".
    pub fn words(self) -> String {
        format!("{} {} năm {}", self.every.word(), self.shown_number(), self.year())
    }

    /// "Tháng 7/2026", "Quý III/2026": a column's head.
    pub fn short(self) -> String {
        format!("{} {}/{}", capitalized(self.every.word()), self.shown_number(), self.year())
    }

    /// "2026-07", "2026-Q3", "2026-W31", as in folder names.
    pub fn key(self) -> String {
        match self.every {
            Every::Month => format!("{:04}-{:02}", self.year(), self.number()),
            Every::Quarter => format!("{:04}-Q{}", self.year(), self.number()),
            Every::Week => format!("{:04}-W{:02}", self.year(), self.number()),
        }
    }

    fn shown_number(self) -> String {
        match self.every {
            Every::Quarter => roman(self.number() as usize),
            _ => self.number().to_string(),
        }
    }

    /// The last month it touches: its own, the quarter's third, the week's Sunday's.
    fn last_month(self) -> NaiveDate {
        match self.every {
            Every::Month => self.start,
            Every::Quarter => self.start + Months::new(2),
            Every::Week => (self.start + Days::new(6)).with_day(1).expect("the 1st exists"),
        }
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text).ok_or_else(|| de::Error::custom(bad_period(&text)))
    }
}

/// When a period's report is due: day `day` of the period itself or of the
/// next (a week's weekday from Monday = 1), at `time`, or before that day
/// begins when no time is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Due {
    pub day: u32,
    pub next: bool,
    pub time: Option<NaiveTime>,
}

impl Due {
    /// The day it falls on for `period`; a day past the month's end is its last.
    pub fn day_of(self, period: Period) -> NaiveDate {
        let target = if self.next { period.next() } else { period };
        match period.every {
            Every::Week => target.start + Days::new(u64::from(self.day.clamp(1, 7) - 1)),
            // Of a quarter: the next quarter's first month, or this one's last.
            _ => {
                let month = if self.next { target.start } else { period.last_month() };
                let last = (month + Months::new(1) - Days::new(1)).day();
                month.with_day(self.day.clamp(1, last)).expect("a day of the month")
            }
        }
    }

    /// The first day a report dated on it is late: the day after the due
    /// day when a time is set; the due day itself when the report is due
    /// before it, or the day after the month's end when the day is past it
    /// ("before the 30th" of February closes on 1 March).
    pub fn closes(self, period: Period) -> NaiveDate {
        let day = self.day_of(period);
        let past_the_end = period.every != Every::Week && day.day() < self.day;
        if self.time.is_some() || past_the_end { day + Days::new(1) } else { day }
    }

    /// The last moment a report is on time, in words: "17 giờ 00 ngày 01
    /// tháng 8 năm 2026", "hết ngày 24 tháng 11 năm 2026".
    pub fn moment(self, period: Period) -> String {
        match self.time {
            Some(time) => format!("{} {}", time.format("%H giờ %M"), long_date(self.day_of(period))),
            None => format!("hết {}", long_date(self.closes(period) - Days::new(1))),
        }
    }

    /// The rule in words, as a dispatch states it: "trước 17 giờ 00 ngày 01
    /// của tháng liền sau", "trước ngày 25 hằng tháng".
    pub fn rule(self, every: Every) -> String {
        let time = self.time.map(|t| format!("{} ", t.format("%H giờ %M"))).unwrap_or_default();
        let day = match every {
            Every::Week => match self.day {
                7 => "chủ nhật".to_owned(),
                d => format!("thứ {}", d + 1),
            },
            _ => format!("ngày {:02}", self.day),
        };
        let when = match (every, self.next) {
            (Every::Month, false) => "hằng tháng".to_owned(),
            (Every::Quarter, false) => "của tháng cuối quý".to_owned(),
            (Every::Week, false) => "hằng tuần".to_owned(),
            (every, true) => format!("của {} liền sau", every.word()),
        };
        format!("trước {time}{day} {when}")
    }
}

// What this module tells the user, in Vietnamese.

pub fn bad_period(value: &str) -> String {
    format!("kỳ báo cáo “{value}” không hợp lệ. Hãy viết dạng \"2026-07\" (tháng), \"2026-Q3\" (quý) hoặc \"2026-W31\" (tuần), năm từ 1900 đến 2200")
}

fn bad_every(value: &str) -> String {
    format!("kỳ báo cáo “{value}” không có. Hãy ghi every = \"month\" (hằng tháng), \"quarter\" (hằng quý) hoặc \"week\" (hằng tuần)")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn due(day: u32, next: bool, time: Option<&str>) -> Due {
        Due { day, next, time: time.map(|t| NaiveTime::parse_from_str(t, "%H:%M").unwrap()) }
    }

    #[test]
    fn periods_and_their_keys() {
        let july = Period::parse("2026-07").unwrap();
        assert_eq!((july.key(), july.words(), july.short()), ("2026-07".into(), "tháng 7 năm 2026".into(), "Tháng 7/2026".into()));
        assert_eq!(july.previous().key(), "2026-06");
        assert_eq!(Period::parse("2026-01").unwrap().previous().key(), "2025-12");
        let q3 = Period::parse("2026-Q3").unwrap();
        assert_eq!((q3.key(), q3.words(), q3.previous().key()), ("2026-Q3".into(), "quý III năm 2026".into(), "2026-Q2".into()));
        assert_eq!(Period::parse("2026-Q1").unwrap().previous().key(), "2025-Q4");
        let w31 = Period::parse("2026-W31").unwrap();
        assert_eq!((w31.key(), w31.words(), w31.start.to_string()), ("2026-W31".into(), "tuần 31 năm 2026".into(), "2026-07-27".into()));
        assert_eq!(Period::parse("2026-W01").unwrap().previous().key(), "2025-W52");
        for bad in ["2026-13", "2026-00", "07/2026", "2026", "2026-Q5", "2026-Q0", "2026-W54", "1899-12", "2201-01", "+12026-06", "2026-+7"] {
            assert!(Period::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn due_rules() {
        let july = Period::parse("2026-07").unwrap();
        let first = due(1, true, Some("17:00"));
        assert_eq!(first.day_of(july).to_string(), "2026-08-01");
        assert_eq!(first.day_of(Period::parse("2026-12").unwrap()).to_string(), "2027-01-01");
        assert_eq!(first.closes(july).to_string(), "2026-08-02");
        assert_eq!(first.rule(Every::Month), "trước 17 giờ 00 ngày 01 của tháng liền sau");
        let before_25 = due(25, false, None);
        assert_eq!((before_25.day_of(july).to_string(), before_25.closes(july).to_string()), ("2026-07-25".into(), "2026-07-25".into()));
        assert_eq!(due(30, false, None).closes(Period::parse("2026-02").unwrap()).to_string(), "2026-03-01", "before the 30th of February");
        assert_eq!(before_25.rule(Every::Month), "trước ngày 25 hằng tháng");
        assert_eq!(before_25.moment(july), "hết ngày 24 tháng 7 năm 2026");
        assert_eq!(first.moment(july), "17 giờ 00 ngày 01 tháng 8 năm 2026");
        let q3 = Period::parse("2026-Q3").unwrap();
        assert_eq!(due(15, false, None).day_of(q3).to_string(), "2026-09-15");
        assert_eq!(due(31, false, None).day_of(Period::parse("2026-02").unwrap()).to_string(), "2026-02-28");
        assert_eq!(due(5, true, None).day_of(Period::parse("2026-W31").unwrap()).to_string(), "2026-08-07");
    }
}

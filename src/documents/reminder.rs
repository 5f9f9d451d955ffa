//! The công văn đôn đốc: what the office sends, after a month's due time,
//! to the units that have not reported. It is an ND30 dispatch like any
//! other, composed here as one, then checked and laid out by the dispatch's
//! own code and template.

use chrono::Days;
use toml::Spanned;

use super::dispatch::citation;
use crate::error::{self, Error, Result};
use crate::model::{Block, CheckedReport, Dispatch, DocDate, Month, NonEmpty, ReminderSettings, SourceFile, Text, Units};
use crate::vietnamese::long_date;

/// Days the units get to answer a reminder that does not say.
const REPLY_DAYS: u64 = 3;

/// The reminder of `month` to the units without a report among `reports`,
/// citing `dispatch`; None when every unit has reported. `source` is the
/// settings' file, which messages about them name.
pub fn compose(
    settings: &ReminderSettings,
    source: &SourceFile,
    units: &Units,
    month: Month,
    reports: &[CheckedReport],
    dispatch: &Dispatch,
) -> Result<Option<Dispatch>> {
    let missing: Vec<Text> =
        units.units.iter().filter(|unit| !reports.iter().any(|r| r.report.unit == unit.code.get_ref().as_str())).map(|unit| unit.name.clone()).collect();
    if missing.is_empty() {
        return Ok(None);
    }
    let issue = settings.months.get(&month.key()).copied().unwrap_or_default();
    let due = month.due().date();
    let date = issue.date.map_or(due + Days::new(1), |d| d.0);
    let reply_by = issue.reply_by.map_or(date + Days::new(REPLY_DAYS), |d| d.0);
    let subject = units.report.subject.as_str();
    let topic = subject.strip_prefix("Việc ").unwrap_or(subject);
    let report_to = settings.report_to.as_str();
    let dispatch_subject = dispatch.subject.as_str().split_whitespace().collect::<Vec<_>>().join(" ");
    let paragraphs = [
        format!(
            "Thực hiện {} về việc {dispatch_subject}, các cơ quan, đơn vị báo cáo kết quả thực hiện hằng tháng theo mẫu tại Phụ lục 01 kèm theo Công văn, gửi về {report_to} trước 17 giờ 00 ngày 01 của tháng liền sau.",
            citation(dispatch)
        ),
        format!(
            "Đến hết thời hạn báo cáo {} (17 giờ 00 {}), {report_to} đã nhận báo cáo của {}/{} đơn vị; các đơn vị có tên tại phần Kính gửi chưa gửi báo cáo.",
            month.words(),
            long_date(due),
            units.units.len() - missing.len(),
            units.units.len()
        ),
        format!(
            "Để kịp thời tổng hợp, {} đề nghị các đơn vị khẩn trương báo cáo kết quả {topic} {} theo mẫu tại Phụ lục 01, gửi về {report_to} **trước 17 giờ 00 {}**. Đơn vị có thể điền thẳng vào tệp biểu mẫu PDF đã nhận, ký số và gửi lại chính tệp đó.",
            settings.issuer.full_name,
            month.words(),
            long_date(reply_by)
        ),
    ];
    let text = |line: &str| Text::clean(line).map_err(|message| Error::data(error::Location::file(&source.name), message));
    let body = paragraphs.iter().map(|p| Ok(Block::Paragraph(Spanned::new(0..0, text(p)?)))).collect::<Result<_>>()?;
    let mut distribution = vec![text("Như trên")?];
    distribution.extend(settings.distribution.iter().cloned());
    Ok(Some(Dispatch {
        issuer: settings.issuer.clone(),
        number: issue.number,
        symbol: settings.symbol.clone(),
        place: settings.place.clone(),
        date: DocDate(date),
        subject: text(&format!("đôn đốc báo cáo kết quả {topic} {}", month.words()))?,
        recipients: NonEmpty(missing),
        body: NonEmpty(body),
        signer: settings.signer.clone(),
        distribution: NonEmpty(distribution),
        appendices: Vec::new(),
        enclosures: Vec::new(),
    }))
}

//! The công văn đôn đốc: what the office sends, after a period's due time,
//! to the units that have not reported. It is an ND30 dispatch like any
//! other, composed here as one, then checked and laid out by the dispatch's
//! own code and template.

use chrono::Days;
use toml::Spanned;

use super::dispatch::citation;
use crate::error::{self, Error, Result};
use crate::model::{Block, CheckedReport, Dispatch, DocDate, Form, NonEmpty, Period, ReminderSettings, SourceFile, Text, Units};
use crate::vietnamese::long_date;

/// Days the units get to answer a reminder that does not say.
const REPLY_DAYS: u64 = 3;

/// The reminder of `period` to the units without a report among `reports`,
/// citing `dispatch` and the due rule of its `form`; None when every unit
/// has reported. `source` is the settings' file, which messages about
/// them name.
pub fn compose(
    settings: &ReminderSettings,
    source: &SourceFile,
    units: &Units,
    form: &Form,
    period: Period,
    reports: &[CheckedReport],
    dispatch: &Dispatch,
) -> Result<Option<Dispatch>> {
    let missing: Vec<Text> =
        units.units.iter().filter(|unit| !reports.iter().any(|r| r.report.unit == unit.code.get_ref().as_str())).map(|unit| unit.name.clone()).collect();
    if missing.is_empty() {
        return Ok(None);
    }
    let issue = settings.months.get(&period.key()).copied().unwrap_or_default();
    let date = issue.date.map_or_else(|| form.due.closes(period), |d| d.0);
    let reply_by = issue.reply_by.map_or(date + Days::new(REPLY_DAYS), |d| d.0);
    let topic = form.topic();
    let report_to = settings.report_to.as_str();
    let dispatch_subject = dispatch.subject_line();
    // "theo mẫu tại Phụ lục 01 kèm theo Công văn" where the dispatch appends the form.
    let appendix = dispatch.form_appendix();
    let on_form = appendix.map(|a| format!(" theo mẫu tại Phụ lục {}", a.number)).unwrap_or_default();
    let on_form_attached = appendix.map(|a| format!(" theo mẫu tại Phụ lục {} kèm theo Công văn", a.number)).unwrap_or_default();
    // "hằng tháng" once: the due rule may say it already ("trước ngày 25 hằng tháng").
    let rule = form.due.rule(form.every);
    let every = format!("hằng {}", form.every.word());
    let every = if rule.contains(&every) { String::new() } else { format!(" {every}") };
    let reply_time = form.due.time.map(|t| format!("{} ", t.format("%H giờ %M"))).unwrap_or_default();
    let paragraphs = [
        format!(
            "Thực hiện {} về việc {dispatch_subject}, các cơ quan, đơn vị báo cáo kết quả thực hiện{every}{on_form_attached}, gửi về {report_to} {rule}.",
            citation(dispatch)
        ),
        format!(
            "Đến hết thời hạn báo cáo {} ({}), {report_to} đã nhận báo cáo của {}/{} đơn vị; các đơn vị có tên tại phần Kính gửi chưa gửi báo cáo.",
            period.words(),
            form.due.moment(period),
            units.units.len() - missing.len(),
            units.units.len()
        ),
        format!(
            "Để kịp thời tổng hợp, {} đề nghị các đơn vị khẩn trương báo cáo kết quả {topic} {}{on_form}, gửi về {report_to} **trước {reply_time}{}**. Đơn vị có thể điền thẳng vào tệp biểu mẫu PDF đã nhận, ký số và gửi lại chính tệp đó.",
            settings.issuer.full_name,
            period.words(),
            long_date(reply_by)
        ),
    ];
    let text = |line: &str| Text::clean(line).map_err(|message| Error::data(error::Location::file(&source.name), message));
    let body = paragraphs.iter().map(|p| Ok(Block::Paragraph(Spanned::new(0..0, text(p)?)))).collect::<Result<_>>()?;
    let mut distribution = vec![text("Như trên")?];
    distribution.extend(settings.distribution.iter().cloned());
    Ok(Some(Dispatch {
        kind: None,
        issuer: settings.issuer.clone(),
        co_issuer: None,
        number: issue.number,
        symbol: Spanned::new(0..0, settings.symbol.clone()),
        place: settings.place.clone(),
        date: DocDate(date),
        subject: Some(text(&format!("đôn đốc báo cáo kết quả {topic} {}", period.words()))?),
        recipients: Some(NonEmpty(missing)),
        authority: None,
        grounds: Vec::new(),
        invitation: None,
        introduction: None,
        minutes: None,
        telegram: None,
        leave: None,
        attachment: None,
        secrecy: None,
        urgency: None,
        circulation: None,
        drafter: None,
        draft: false,
        body: Some(NonEmpty(body)),
        signer: settings.signer.clone(),
        co_signer: None,
        distribution: NonEmpty(distribution),
        appendices: Vec::new(),
        enclosures: Vec::new(),
    }))
}

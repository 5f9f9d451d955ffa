//! What each kind's sample of Phụ lục III adds to a document, checked and
//! worded: the tables a kind needs ([invitation] for a giấy mời …), the
//! lines its sample writes before and after the body, in the sample's
//! words.

use toml::Spanned;

use super::super::parts::BlockView;
use crate::error::{self, Error, Result};
use crate::markup::Span;
use crate::model::{Dispatch, DocumentKind, Sample, SourceFile, Text};
use crate::vietnamese;

/// The samples vanban lays out.
pub const LAID_OUT: [Sample; 9] = [
    Sample::Resolution,
    Sample::Decision,
    Sample::Named,
    Sample::Letter,
    Sample::Telegram,
    Sample::Invitation,
    Sample::Introduction,
    Sample::Minutes,
    Sample::Leave,
];

/// The samples whose type name stands alone, the rule under it: no subject.
const UNTITLED: [Sample; 2] = [Sample::Introduction, Sample::Leave];

/// The kind's sample is one vanban lays out; its symbol begins with the
/// kind's abbreviation (Phụ lục III, Mục I: "22/KH-UBND"); the tables and
/// lines it needs are there, and no other kind's.
pub fn check(dispatch: &Dispatch, source: &SourceFile) -> Result<()> {
    let kind = dispatch.kind();
    let at = |offset: usize| error::Location::at(&source.name, &source.text, offset);
    let file = || error::Location::file(&source.name);
    let sample = kind.sample().filter(|sample| LAID_OUT.contains(sample));
    let Some(sample) = sample else {
        let offset = dispatch.kind.as_ref().map_or(0, |k| k.span().start);
        return Err(Error::data(at(offset), not_laid_out(kind)));
    };
    let symbol = dispatch.symbol.get_ref().as_str();
    let joint = dispatch.co_issuer.is_some();
    // A joint document's symbol may mark it so: "KHLT-UBND-MTTQ".
    if let Some(abbreviation) = kind.abbreviation()
        && !symbol.starts_with(&format!("{abbreviation}-"))
        && !(joint && symbol.starts_with(&format!("{abbreviation}LT-")))
    {
        return Err(Error::data(at(dispatch.symbol.span().start), symbol_without_kind(kind, abbreviation, symbol)));
    }
    let decides = matches!(sample, Sample::Decision | Sample::Resolution);
    match &dispatch.authority {
        None if decides => return Err(Error::data(file(), no_authority(kind))),
        Some(authority) if !decides => return Err(Error::data(at(authority.span().start), authority_not_for(kind))),
        _ => {}
    }
    // Each sample's own table: there for its kind, and only there.
    let tables = [
        ("invitation", Sample::Invitation, dispatch.invitation.as_ref().map(Spanned::span)),
        ("introduction", Sample::Introduction, dispatch.introduction.as_ref().map(Spanned::span)),
        ("minutes", Sample::Minutes, dispatch.minutes.as_ref().map(Spanned::span)),
        ("telegram", Sample::Telegram, dispatch.telegram.as_ref().map(Spanned::span)),
        ("leave", Sample::Leave, dispatch.leave.as_ref().map(Spanned::span)),
    ];
    for (table, own, span) in tables {
        match span {
            None if sample == own => return Err(Error::data(file(), table_needed(kind, table))),
            Some(span) if sample != own => return Err(Error::data(at(span.start), table_not_for(kind, table))),
            _ => {}
        }
    }
    let needs = |present: bool, what: fn(DocumentKind) -> String| if present { Ok(()) } else { Err(Error::data(file(), what(kind))) };
    needs(dispatch.subject.is_some() || UNTITLED.contains(&sample), no_subject)?;
    needs(dispatch.body.is_some() || UNTITLED.contains(&sample), no_body)?;
    if let Some(issued) = &dispatch.attachment {
        if sample != Sample::Decision {
            return Err(Error::data(at(issued.span().start), attachment_not_for(kind)));
        }
        let issued_kind = &issued.get_ref().kind;
        if issued_kind.get_ref().sample() != Some(Sample::Named) {
            return Err(Error::data(at(issued_kind.span().start), attachment_not_named(*issued_kind.get_ref())));
        }
    }
    if let Some(leave) = &dispatch.leave
        && leave.get_ref().to.get_ref().0 < leave.get_ref().from.0
    {
        return Err(Error::data(at(leave.get_ref().to.span().start), leave_ends_before_it_starts()));
    }
    needs(dispatch.co_signer.is_some() || sample != Sample::Minutes, no_secretary)?;
    if let Some(co_issuer) = &dispatch.co_issuer
        && (UNTITLED.contains(&sample) || sample == Sample::Minutes)
    {
        return Err(Error::data(at(co_issuer.span().start), not_joint(kind)));
    }
    needs(dispatch.co_signer.is_some() || !joint, joint_without_co_signer)?;
    if dispatch.co_signer.is_some() && sample != Sample::Minutes && !joint {
        return Err(Error::data(file(), co_signer_not_for(kind)));
    }
    if sample == Sample::Letter || sample == Sample::Telegram {
        needs(dispatch.recipients.is_some(), no_recipients)?;
    }
    if sample == Sample::Letter && !dispatch.grounds.is_empty() {
        return Err(Error::data(file(), letter_with_grounds()));
    }
    Ok(())
}

/// A paragraph of plain text.
fn line(text: impl Into<String>) -> BlockView {
    BlockView::Paragraph { spans: vec![Span { text: text.into(), bold: false, italic: false }] }
}

/// The sample's lines before the body: the giấy mời's "… trân trọng kính
/// mời: …", the biên bản's time, place and people…
pub fn lead(dispatch: &Dispatch) -> Vec<BlockView> {
    let issuer = &dispatch.issuer.full_name;
    if let Some(invitation) = &dispatch.invitation {
        let i = invitation.get_ref();
        return vec![
            line(format!("{issuer} trân trọng kính mời: {}", i.invitee)),
            line(format!("Tới dự {}", i.event)),
            line(format!("Thời gian: {}", i.time)),
            line(format!("Địa điểm: {}", i.place)),
        ];
    }
    if let Some(introduction) = &dispatch.introduction {
        let i = introduction.get_ref();
        return vec![
            line(format!("{issuer} trân trọng giới thiệu:")),
            line(format!("Ông (bà): {}", i.person)),
            line(format!("Chức vụ: {}", i.position)),
            line(format!("Được cử đến: {}", i.sent_to)),
            line(format!("Về việc: {}", i.purpose)),
        ];
    }
    if let Some(leave) = &dispatch.leave {
        let l = leave.get_ref();
        let (from, to) = (l.from.0, l.to.get_ref().0);
        let days = (to - from).num_days() + 1;
        return vec![
            line(format!("Xét Đơn đề nghị nghỉ phép {} của ông (bà) {},", vietnamese::long_date(l.requested.0), l.person)),
            line(format!("{issuer} cấp cho:")),
            line(format!("Ông (bà): {}", l.person)),
            line(format!("Chức vụ: {}", l.position)),
            line(format!(
                "Được nghỉ phép trong thời gian {days} ngày, kể từ {} đến hết {} tại {}.",
                vietnamese::long_date(from),
                vietnamese::long_date(to),
                l.place
            )),
            line(format!("Số ngày nghỉ phép nêu trên được tính vào thời gian {}", l.counted_as)),
        ];
    }
    if let Some(minutes) = &dispatch.minutes {
        let m = minutes.get_ref();
        let mut lines = vec![line(format!("Thời gian bắt đầu: {}", m.start)), line(format!("Địa điểm: {}", m.place)), line("Thành phần tham dự:")];
        lines.extend(
            super::super::parts::dash_list(&m.attendees)
                .into_iter()
                .map(|attendee| BlockView::Dash { spans: vec![Span { text: attendee.trim_start_matches("- ").to_owned(), bold: false, italic: false }] }),
        );
        lines.push(line(format!("Chủ trì (chủ tọa): {}", m.chair)));
        lines.push(line(format!("Thư ký (người ghi biên bản): {}", m.secretary)));
        lines.push(line("Nội dung:"));
        return lines;
    }
    Vec::new()
}

/// The sample's lines after the body: the giấy giới thiệu's request and
/// validity, the biên bản's closing time.
pub fn closing(dispatch: &Dispatch) -> Vec<BlockView> {
    if let Some(introduction) = &dispatch.introduction {
        return vec![
            line("Đề nghị Quý cơ quan tạo điều kiện để ông (bà) có tên ở trên hoàn thành nhiệm vụ."),
            line(format!("Giấy này có giá trị đến hết {}", vietnamese::long_date(introduction.get_ref().valid_until.0))),
        ];
    }
    if let Some(minutes) = &dispatch.minutes {
        let m = minutes.get_ref();
        return vec![line(format!("{} kết thúc vào {}", m.called.as_ref().map_or("Cuộc họp", Text::as_str), m.end))];
    }
    Vec::new()
}

/// Who confirms a giấy nghỉ phép, under its Nơi nhận (Mẫu 1.10).
pub const CONFIRMATION: &str = "Xác nhận của cơ quan (tổ chức) hoặc chính quyền địa phương nơi nghỉ phép";

/// A công điện's line before its recipients: "CHỦ TỊCH … điện:".
pub fn sender(dispatch: &Dispatch) -> Option<String> {
    dispatch.telegram.as_ref().map(|t| t.get_ref().sender.as_str().to_uppercase())
}

/// "QUYẾT ĐỊNH:", "QUYẾT NGHỊ:": the word that opens the articles.
pub fn decides(kind: DocumentKind) -> Option<&'static str> {
    match kind.sample() {
        Some(Sample::Decision) => Some("QUYẾT ĐỊNH:"),
        Some(Sample::Resolution) => Some("QUYẾT NGHỊ:"),
        _ => None,
    }
}

// What this module tells the user, in Vietnamese.

fn not_laid_out(kind: DocumentKind) -> String {
    let sample = kind
        .sample()
        .map_or_else(|| "Phụ lục III của Nghị định 30 không có mẫu cho loại này".to_owned(), |s| format!("{} của Phụ lục III, Nghị định 30", s.label()));
    let laid_out: Vec<&str> = DocumentKind::ALL.iter().filter(|k| k.sample().is_some_and(|s| LAID_OUT.contains(&s))).map(|k| k.key()).collect();
    format!("vanban chưa trình bày được {} ({sample}). Các loại đã trình bày được: {}", vietnamese::lowercased(kind.name()), laid_out.join(", "))
}

fn symbol_without_kind(kind: DocumentKind, abbreviation: &str, symbol: &str) -> String {
    format!(
        "ký hiệu của {} bắt đầu bằng chữ viết tắt tên loại “{abbreviation}” (Phụ lục III, Nghị định 30): hãy viết symbol = \"{abbreviation}-{}\"",
        vietnamese::lowercased(kind.name()),
        symbol.split_once('-').map_or(symbol, |(body, _)| body)
    )
}

fn no_authority(kind: DocumentKind) -> String {
    format!(
        "{} cần dòng thẩm quyền ban hành dưới trích yếu (Phụ lục III, Nghị định 30): hãy thêm authority = \"Chủ tịch Ủy ban nhân dân …\" (chức vụ người đứng đầu, hoặc tên tập thể hay cơ quan ban hành)",
        kind.name()
    )
}

fn authority_not_for(kind: DocumentKind) -> String {
    format!("chỉ quyết định và nghị quyết có dòng thẩm quyền ban hành; {} không có: hãy bỏ dòng authority", vietnamese::lowercased(kind.name()))
}

/// The table each sample needs, with its fields, as the user writes it.
fn table_example(table: &str) -> &'static str {
    match table {
        "invitation" => "[invitation] với invitee (người được mời), event (tới dự), time (thời gian), place (địa điểm)",
        "introduction" => {
            "[introduction] với person (ông, bà), position (chức vụ), sent_to (được cử đến), purpose (về việc), valid_until (giá trị đến ngày, dạng 2026-06-30)"
        }
        "leave" => {
            "[leave] với requested (ngày của đơn), person (ông, bà), position (chức vụ, đơn vị), from và to (nghỉ từ ngày, đến hết ngày), place (nơi nghỉ), counted_as (tính vào thời gian …)"
        }
        "minutes" => {
            "[minutes] với start (thời gian bắt đầu), place (địa điểm), attendees (thành phần tham dự), chair (chủ trì), secretary (thư ký), end (thời gian kết thúc)"
        }
        _ => "[telegram] với sender (người điện, ví dụ \"Chủ tịch Ủy ban nhân dân …\")",
    }
}

fn table_needed(kind: DocumentKind, table: &str) -> String {
    format!("{} cần bảng {} (Phụ lục III, Nghị định 30)", kind.name(), table_example(table))
}

fn table_not_for(kind: DocumentKind, table: &str) -> String {
    format!("bảng [{table}] không dùng cho {}: hãy bỏ bảng này, hoặc sửa kind", vietnamese::lowercased(kind.name()))
}

fn no_subject(kind: DocumentKind) -> String {
    format!("{} cần trích yếu: hãy thêm subject = \"…\"", kind.name())
}

fn no_body(kind: DocumentKind) -> String {
    format!("{} cần nội dung: hãy thêm body = [{{ paragraph = \"…\" }}]", kind.name())
}

fn no_secretary(kind: DocumentKind) -> String {
    format!("{} có hai chữ ký: thư ký bên trái, chủ tọa bên phải (Mẫu 1.9); hãy thêm bảng [co_signer] với title = \"Thư ký\" và name = \"…\"", kind.name())
}

fn co_signer_not_for(kind: DocumentKind) -> String {
    format!(
        "{} có một người ký: hãy bỏ bảng [co_signer], hoặc, nếu là văn bản liên tịch, thêm bảng [co_issuer] cho cơ quan thứ hai",
        vietnamese::lowercased(kind.name())
    )
}

fn joint_without_co_signer(kind: DocumentKind) -> String {
    format!("{} liên tịch có hai người ký, mỗi cơ quan một người: hãy thêm bảng [co_signer] cho người ký của cơ quan thứ hai", kind.name())
}

fn not_joint(kind: DocumentKind) -> String {
    format!("{} không ban hành liên tịch: hãy bỏ bảng [co_issuer]", vietnamese::lowercased(kind.name()))
}

fn no_recipients(kind: DocumentKind) -> String {
    format!("{} cần nơi nhận ở đầu văn bản: hãy thêm recipients = [\"…\"]", kind.name())
}

fn attachment_not_for(kind: DocumentKind) -> String {
    format!("chỉ quyết định ban hành kèm theo một văn bản (Mẫu 1.3); {} không có bảng [attachment]: hãy bỏ bảng này", vietnamese::lowercased(kind.name()))
}

fn attachment_not_named(kind: DocumentKind) -> String {
    format!(
        "văn bản ban hành kèm theo quyết định là một văn bản có tên loại (quy chế, quy định, kế hoạch…), không phải {}: hãy sửa kind của [attachment], ví dụ kind = \"quy-che\"",
        vietnamese::lowercased(kind.name())
    )
}

fn leave_ends_before_it_starts() -> String {
    "ngày cuối kỳ nghỉ (to) đứng trước ngày bắt đầu (from): hãy sửa một trong hai ngày".into()
}

fn letter_with_grounds() -> String {
    "công văn không có phần căn cứ riêng (Mẫu 1.5): hãy bỏ grounds, hoặc viết các căn cứ thành đoạn đầu của body".into()
}

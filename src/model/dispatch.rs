//! A document the office issues: a công văn (Nghị định 30, Phụ lục III,
//! Mẫu 1.5: an administrative letter with no type name) unless its `kind`
//! names another (a kế hoạch, a thông báo…), whose type name heads it.

use serde::Deserialize;
use toml::Spanned;

use super::{Circulation, DocDate, DocNumber, DocumentKind, Drafter, NonEmpty, Secrecy, Symbol, Text, Urgency};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dispatch {
    /// A công văn unless the file says.
    pub kind: Option<Spanned<DocumentKind>>,
    pub issuer: Issuer,
    /// A joint document's (văn bản liên tịch) second issuing body, under
    /// the first in the header; its signer is `co_signer`.
    pub co_issuer: Option<Spanned<Issuer>>,
    /// Absent on a draft that the records clerk numbers when it is issued.
    pub number: Option<DocNumber>,
    pub symbol: Spanned<Symbol>,
    pub place: Text,
    pub date: DocDate,
    /// The trích yếu: after "V/v" in a công văn, under the type name in
    /// another kind; a line break in it is kept. A giấy giới thiệu has none.
    pub subject: Option<Text>,
    /// Kính gửi: a công văn's; another kind may have them (a tờ trình, a
    /// báo cáo sent up).
    pub recipients: Option<NonEmpty<Text>>,
    /// Who decides, under the subject of a quyết định or nghị quyết (Mẫu
    /// 1.2, 1.1): "Chủ tịch Ủy ban nhân dân …", printed in capitals.
    pub authority: Option<Spanned<Text>>,
    /// The căn cứ, each a line in italics ending ";", the last ".": "Căn
    /// cứ Luật …", "Theo đề nghị của …".
    #[serde(default)]
    pub grounds: Vec<Text>,
    /// A giấy mời's, giấy giới thiệu's, biên bản's or công điện's own
    /// lines, which its sample words (Mẫu 1.7, 1.8, 1.9, 1.6).
    pub invitation: Option<Spanned<Invitation>>,
    pub introduction: Option<Spanned<Introduction>>,
    pub minutes: Option<Spanned<Minutes>>,
    pub telegram: Option<Spanned<Telegram>>,
    pub leave: Option<Spanned<Leave>>,
    /// What a quyết định gián tiếp issues (Mẫu 1.3): a quy chế, quy định…
    /// on its own pages after it.
    pub attachment: Option<Spanned<Attachment>>,
    /// Every kind has one but the giấy giới thiệu, whose sample words it all.
    pub body: Option<NonEmpty<Block>>,
    pub signer: Signer,
    /// The second signer, on the left, level with the first: a biên bản's
    /// secretary (THƯ KÝ; the chair, CHỦ TỌA, is `signer`), or a joint
    /// document's second body's signer.
    pub co_signer: Option<Signer>,
    /// Nơi nhận.
    pub distribution: NonEmpty<Text>,
    /// Phụ lục I's marks, each optional: ô 10a, 10b and 11 under the number.
    pub secrecy: Option<Secrecy>,
    pub urgency: Option<Urgency>,
    pub circulation: Option<Circulation>,
    /// Ô 12, under Nơi nhận.
    pub drafter: Option<Drafter>,
    /// A draft: "DỰ THẢO" across every page, and no signature field.
    #[serde(default)]
    pub draft: bool,
    /// Appendices, each on pages of its own after the dispatch.
    #[serde(default, rename = "appendix")]
    pub appendices: Vec<Appendix>,
    /// Documents sent with it ("Gửi kèm"), after the appendices.
    #[serde(default)]
    pub enclosures: Vec<Enclosure>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Enclosure {
    /// The install guide of huong-dan.toml.
    InstallGuide,
}

impl Dispatch {
    pub fn kind(&self) -> DocumentKind {
        self.kind.as_ref().map(|kind| *kind.get_ref()).unwrap_or_default()
    }

    /// The subject on one line, as a sentence citing the dispatch gives it
    /// ("… về việc tuyên truyền …"): its line breaks are the V/v's only.
    pub fn subject_line(&self) -> String {
        self.subject.as_ref().map_or("", Text::as_str).split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// The appendix holding the blank report form, where the dispatch has one.
    pub fn form_appendix(&self) -> Option<&Appendix> {
        self.appendices.iter().find(|a| a.content == AppendixContent::ReportForm)
    }
}

/// A giấy mời (Mẫu 1.7): "… trân trọng kính mời: …", "Tới dự …", when and where.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Invitation {
    /// Who is invited: "Trưởng các thôn trên địa bàn đặc khu".
    pub invitee: Text,
    /// To what: "Hội nghị tập huấn …".
    pub event: Text,
    pub time: Text,
    pub place: Text,
}

/// A giấy giới thiệu (Mẫu 1.8): who is introduced, to whom, for what, until when.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Introduction {
    pub person: Text,
    pub position: Text,
    pub sent_to: Text,
    pub purpose: Text,
    pub valid_until: DocDate,
}

/// A biên bản (Mẫu 1.9): when and where the meeting began, who attended,
/// chaired and wrote it, and when it ended.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Minutes {
    pub start: Text,
    pub place: Text,
    pub attendees: NonEmpty<Text>,
    pub chair: Text,
    pub secretary: Text,
    /// "11 giờ 30 phút, ngày 15 tháng 6 năm 2026".
    pub end: Text,
    /// "Cuộc họp" unless said ("Hội nghị", "Hội thảo").
    pub called: Option<Text>,
}

/// A công điện (Mẫu 1.6): who cables, "… điện:", before its recipients.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Telegram {
    /// "Chủ tịch Ủy ban nhân dân đặc khu Bạch Long Vĩ", printed in capitals.
    pub sender: Text,
}

/// A giấy nghỉ phép (Mẫu 1.10): whose request, who, from when to when,
/// where, and what the days count as.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Leave {
    /// The day of the request ("Xét Đơn đề nghị nghỉ phép ngày …").
    pub requested: DocDate,
    pub person: Text,
    /// The position and the unit: "Chuyên viên Phòng Văn hóa - Xã hội".
    pub position: Text,
    pub from: DocDate,
    /// The last day of leave.
    pub to: Spanned<DocDate>,
    pub place: Text,
    /// "nghỉ hằng năm năm 2026".
    pub counted_as: Text,
}

/// The regulation a quyết định issues (Mẫu 1.3): its kind (a văn bản có tên
/// loại: quy chế, quy định, kế hoạch…), subject and body, in chapters and
/// articles.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attachment {
    pub kind: Spanned<DocumentKind>,
    pub subject: Text,
    pub body: NonEmpty<Block>,
}

/// A Phụ lục: "Phụ lục 01", its title, and what it holds.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Appendix {
    pub number: Text,
    pub title: Text,
    pub content: AppendixContent,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AppendixContent {
    /// The blank report form of bieu-mau.toml.
    ReportForm,
}

/// The issuing body (ô 2): its parent on one line, its own name on one or more.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Issuer {
    pub parent: Option<Text>,
    pub name: NonEmpty<Text>,
    /// The body's name in running text, for citations of this document:
    /// "Ủy ban nhân dân đặc khu Bạch Long Vĩ".
    pub full_name: Text,
    /// Ô 13, at the foot of a document's first page where given: the
    /// body's address, telephone, fax, e-mail and website.
    pub address: Option<Text>,
    pub phone: Option<Text>,
    pub fax: Option<Text>,
    pub email: Option<Text>,
    pub website: Option<Text>,
}

/// One block of the body, in reading order. Headings and points are numbered
/// by the program ("1.", "a)"), so moving one never breaks the sequence.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Block {
    // Texts keep their place in the file, for warnings about their markup.
    Paragraph(Spanned<Text>),
    /// A part of a văn bản có tên loại: "I.", its title in capitals.
    Section(Spanned<Text>),
    /// A chapter of a regulation: "Chương I" over its title in capitals.
    Chapter(Spanned<Text>),
    /// An article of a quyết định or nghị quyết: "Điều 1." and its text.
    Article(Spanned<Text>),
    Heading(Spanned<Text>),
    Point(Spanned<Text>),
    Dashes(NonEmpty<Spanned<Text>>),
    /// "Bước 1: …", numbered within its heading.
    Step(Spanned<Text>),
    Qr(QrBlock),
    /// QR codes side by side.
    QrRow(NonEmpty<QrBlock>),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QrBlock {
    /// The name of a link in campaign.toml's [links].
    pub link: Spanned<String>,
    pub caption: Option<Text>,
}

/// Ô 7: authority lines ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"), title, name.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signer {
    #[serde(default)]
    pub authority: Vec<Text>,
    pub title: Text,
    pub name: Text,
    /// The signature, blue, a PNG with a transparent background, beside the data.
    pub signature_image: Option<Spanned<String>>,
    /// The agency's seal, red, a PNG with a transparent background.
    pub seal_image: Option<Spanned<String>>,
    /// The seal's real diameter in mm, 36 unless given.
    pub seal_mm: Option<Spanned<f64>>,
}

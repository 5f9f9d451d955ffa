//! Every message a user can see, in Vietnamese, in one place.
//!
//! Messages about data name the file, the line and column where known, the
//! field, and what to write instead.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::fields as field;

/// Where in the data a problem sits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    /// 1-based line and column.
    pub line_column: Option<(usize, usize)>,
}

impl Location {
    pub fn file(file: impl Into<String>) -> Self {
        Self { file: file.into(), line_column: None }
    }

    /// The location of a byte offset in `text`.
    pub fn at(file: impl Into<String>, text: &str, offset: usize) -> Self {
        Lines::new(text).locate(file, text, offset)
    }
}

/// Where each line of a text starts, so that many locations in one file
/// cost a search each, not a count from the start.
#[derive(Debug, Clone)]
pub struct Lines(Vec<usize>);

impl Lines {
    pub fn new(text: &str) -> Self {
        Self(std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect())
    }

    /// The location of a byte offset in `text`, the text these lines index.
    pub fn locate(&self, file: impl Into<String>, text: &str, offset: usize) -> Location {
        let offset = offset.min(text.len());
        let line = self.0.partition_point(|&start| start <= offset);
        let start = self.0[line - 1];
        let column = text.get(start..offset).map_or(0, |before| before.chars().count()) + 1;
        Location { file: file.into(), line_column: Some((line, column)) }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self.line_column {
            Some((line, column)) => write!(f, "{}, dòng {line}, cột {column}", self.file),
            None => write!(f, "{}", self.file),
        }
    }
}

#[derive(Debug)]
pub enum Error {
    /// A data file breaks TOML syntax or the shape of its document.
    Data { at: Location, message: String },
    /// A file or folder could not be read.
    Read { path: PathBuf, source: std::io::Error },
    /// An output could not be written.
    Write { path: PathBuf, source: std::io::Error },
    /// `vanban init` would write over a file that is already there.
    WouldOverwrite { path: PathBuf, folder: PathBuf },
    /// The data folder holds nothing of the asked kind.
    NothingToRender { folder: String },
    /// A --font-path holds no font.
    NoFonts { path: PathBuf },
    /// The data names a file outside its folder.
    Outside { name: String, folder: PathBuf },
    /// Typst refused a template: a fault of this program, not of the data.
    Template { document: String, message: String },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn data(at: Location, message: impl Into<String>) -> Self {
        Self::Data { at, message: message.into() }
    }

    pub fn read(path: &Path, source: std::io::Error) -> Self {
        Self::Read { path: path.to_owned(), source }
    }

    pub fn write(path: &Path, source: std::io::Error) -> Self {
        Self::Write { path: path.to_owned(), source }
    }

    /// A TOML error, with serde's English wording turned into advice.
    pub fn toml(file: &str, text: &str, error: &toml::de::Error) -> Self {
        let Some(span) = error.span() else {
            return Self::data(Location::file(file), explain_toml(error.message()));
        };
        if let Some((start, value, number)) = grouped_count_at(text, span.start) {
            return Self::data(Location::at(file, text, start), grouped_count(value, number));
        }
        if error.message().contains("date-time") {
            // toml's own check of a date such as 2026-02-30 points into the
            // date; name the whole value.
            let is_part = |c: char| !c.is_whitespace() && !matches!(c, '=' | ',' | '[' | ']' | '{' | '}');
            let start = after_last(&text[..span.start], |c| !is_part(c));
            let end = text[start..].find(|c| !is_part(c)).map_or(text.len(), |i| start + i);
            return Self::data(Location::at(file, text, start), bad_date(&text[start..end]));
        }
        let mut message = explain_toml(error.message());
        let mut start = span.start;
        if message.contains(THIS_FIELD) {
            // Our own checks name a character "(U+…)" last and say "this
            // field": point at the character itself, whose key is then the
            // field's (the span of a block in [[body]] is its table).
            let character = message.rsplit("(U+").next().and_then(|rest| rest.split(')').next());
            let character = character.and_then(|hex| u32::from_str_radix(hex, 16).ok()).and_then(char::from_u32);
            if let Some(found) = character.and_then(|c| text[span.start.min(text.len())..].find(c)) {
                start = span.start + found;
            }
            if let Some(key) = key_before(text, start) {
                message = message.replace(THIS_FIELD, &format!("trường “{key}”"));
            }
        }
        Self::data(Location::at(file, text, start), message)
    }
}

/// Where the text after the last character matching `stop` begins: a
/// character boundary even when that character is "à" or a no-break space.
fn after_last(text: &str, stop: impl Fn(char) -> bool) -> usize {
    text.char_indices().rev().find(|&(_, c)| stop(c)).map_or(0, |(i, c)| i + c.len_utf8())
}

/// How a value's message refers to its field, which `Error::toml` names.
const THIS_FIELD: &str = "trường này";

/// The key of the value at `offset`: "paragraph" in `paragraph = "…"`, "caption"
/// in `{ link = "x", caption = "…" }`, the array's key for an item of it.
fn key_before(text: &str, offset: usize) -> Option<&str> {
    let before = &text[..offset.min(text.len())];
    let mut end = before.len();
    while let Some(equals) = before[..end].rfind('=') {
        let left = before[..equals].trim_end();
        let start = after_last(left, |c| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'));
        let opens = left[..start].trim_end_matches([' ', '\t']).chars().last();
        if start < left.len() && matches!(opens, None | Some('\n' | ',' | '{')) {
            return Some(&left[start..]);
        }
        end = equals;
    }
    None
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Self::Data { at, message } => write!(f, "{at}: {message}"),
            Self::Read { path, source } => {
                write!(f, "không đọc được {}: {}", path.display(), io_reason(source))
            }
            Self::Write { path, source } => write!(
                f,
                "không ghi được {}: {}. Hãy chọn thư mục khác bằng --out.",
                path.display(),
                io_reason(source)
            ),
            Self::WouldOverwrite { path, folder } => write!(
                f,
                "{} đã có; vanban init không ghi đè lên dữ liệu đã có. Hãy dùng thư mục {} như đang có \
                 (vanban build --data {}), hoặc tạo thư mục mới: vanban init TÊN_THƯ_MỤC_MỚI.",
                path.display(),
                folder.display(),
                folder.display()
            ),
            Self::NothingToRender { folder } => write!(
                f,
                "{folder}: không có công văn nào (tệp cong-van-*.toml). Hãy kiểm tra lại --data."
            ),
            Self::NoFonts { path } => write!(
                f,
                "--font-path {}: không có phông .ttf, .otf hay .ttc nào đọc được ở đây",
                path.display()
            ),
            Self::Outside { name, folder } => write!(
                f,
                "tệp “{name}” nằm ngoài thư mục dữ liệu {}; chương trình chỉ đọc tệp trong thư mục đó. Hãy chép tệp vào thư mục dữ liệu và ghi tên tính từ đó, ví dụ \"chu-ky.png\"",
                folder.display()
            ),
            Self::Template { document, message } => write!(
                f,
                "lỗi trong mẫu {document} (lỗi của chương trình, không phải của dữ liệu; hãy báo cho người phát triển): {message}"
            ),
        }
    }
}

impl std::error::Error for Error {}

fn io_reason(error: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match error.kind() {
        NotFound => "không có tệp hay thư mục này".into(),
        PermissionDenied => "không có quyền truy cập".into(),
        AlreadyExists => "đã có sẵn".into(),
        StorageFull => "ổ đĩa đã đầy".into(),
        ReadOnlyFilesystem => "ổ đĩa chỉ cho đọc".into(),
        InvalidData => "tệp không phải văn bản UTF-8".into(),
        _ => error.to_string(),
    }
}

// The command line, where clap refuses it.

pub fn argument_value(argument: &str, value: &str, valid: &str) -> String {
    if value.is_empty() {
        return format!("{argument} cần một giá trị");
    }
    let valid = match valid {
        "" => String::new(),
        valid => format!(". Hãy ghi một trong: {valid}"),
    };
    format!("{argument} không nhận giá trị “{value}”{valid}")
}

pub fn argument_refused(argument: &str, reason: &str) -> String {
    format!("{argument}: {reason}")
}

/// " Có phải ý bạn là “build” hay “guide”?", or nothing.
fn did_you_mean(suggestions: &[String]) -> String {
    match suggestions {
        [] => String::new(),
        _ => format!(" Có phải ý bạn là {}?", suggestions.iter().map(|s| format!("“{s}”")).collect::<Vec<_>>().join(" hay ")),
    }
}

pub fn unknown_argument(argument: &str, suggestions: &[String]) -> String {
    format!("không hiểu đối số “{argument}” ở đây.{}", did_you_mean(suggestions)).trim_end_matches('.').to_owned()
}

pub fn unknown_command(name: &str, suggestions: &[String], commands: &[String]) -> String {
    format!("không có lệnh “{name}”.{} Các lệnh: {}", did_you_mean(suggestions), commands.join(", "))
}

pub fn missing_arguments(arguments: &str) -> String {
    format!("còn thiếu {arguments}")
}

pub fn arguments_conflict(argument: &str, prior: &str) -> String {
    format!("không dùng được {argument} cùng với {prior}")
}

pub fn arguments_unclear(argument: &str) -> String {
    format!("đối số “{argument}” không hợp lệ")
}

/// The usage line under a command-line error, and where to read more.
pub fn usage(usage: &str, command: &str) -> String {
    format!("Cách dùng: {usage}\nXem thêm: {command} --help")
}

// Which data is in use.

/// How messages name the built-in samples and their files.
pub const SAMPLE_DATA: &str = "dữ liệu mẫu";

pub fn using_samples() -> String {
    format!(
        "ghi chú: ở thư mục này không có thư mục {} nào chứa campaign.toml, nên vanban dùng dữ liệu mẫu có sẵn trong chương trình. \
         Muốn dùng dữ liệu của mình, hãy chạy vanban trong thư mục chứa thư mục dữ liệu đó hoặc ghi --data THƯ_MỤC",
        crate::data::LOCAL_FOLDERS.map(|f| format!("{f}/")).join(" hay ")
    )
}

pub fn two_data_folders(found: &[&str]) -> String {
    format!(
        "ở thư mục này có hai thư mục dữ liệu ({}), vanban không đoán được nên dùng thư mục nào. Hãy chọn bằng --data, ví dụ --data {}",
        found.iter().map(|f| format!("{f}/")).collect::<Vec<_>>().join(" và "),
        found[0]
    )
}

// Messages raised while reading the data into the model.

pub fn bad_date(value: &str) -> String {
    format!(
        "ngày “{value}” không hợp lệ. Hãy viết ngày có thật, năm từ 1900 đến 2200, dạng 2026-06-01 (năm-tháng-ngày) hoặc \"01/06/2026\""
    )
}

pub fn bad_link(value: &str) -> String {
    format!(
        "đường dẫn “{value}” không dùng được: chỉ nhận liên kết bắt đầu bằng https:// hoặc http://, không có dấu cách"
    )
}

pub fn unknown_link(name: &str, known: &[&str]) -> String {
    format!(
        "không có liên kết tên “{name}” trong campaign.toml, mục [links]. Các tên đang có: {}",
        known.join(", ")
    )
}

pub fn link_too_long(link: &str, width_mm: f64) -> String {
    format!(
        "đường dẫn dài {} ký tự quá dài để mã QR in rộng {width_mm:.0} mm quét được chắc chắn. Hãy dùng đường dẫn ngắn hơn (trang của ứng dụng trên kho, không kèm tham số theo dõi)",
        link.chars().count()
    )
}

/// A message about a value, with the place that uses it.
pub fn used_at(message: &str, used: &Location) -> String {
    format!("{message} (dùng ở {used})")
}

pub fn duplicate_code(code: &str, first: &str) -> String {
    format!("mã đơn vị “{code}” đã dùng cho “{first}”; mỗi đơn vị cần một mã riêng, ví dụ thêm số: \"{code}2\"")
}

pub fn unknown_unit(code: &str, units_file: &str, known: &[&str]) -> String {
    format!("không có đơn vị mã “{code}” trong {units_file}. Hãy ghi unit = một trong các mã: {}", known.join(", "))
}

pub fn bad_month(value: &str) -> String {
    format!("tháng “{value}” không hợp lệ. Hãy viết dạng month = \"2026-07\" (năm-tháng), năm từ 1900 đến 2200")
}

pub fn month_outside_folder(month: &str, folder: &str) -> String {
    format!("báo cáo tháng {month} nằm trong thư mục reports/{folder}/. Hãy sửa month = \"{folder}\" hoặc chuyển tệp sang reports/{month}/")
}

pub fn installed_over_total(row: usize, name: &str, installed: u32, total: u32) -> String {
    format!("hàng {row} (“{name}”): số đã cài đặt (installed = {installed}) lớn hơn tổng số (total = {total}). Hãy sửa lại một trong hai số")
}

pub fn not_installed_mismatch(row: usize, name: &str, given: u32, total: u32, installed: u32) -> String {
    format!(
        "hàng {row} (“{name}”): số chưa cài đặt (not_installed = {given}) phải bằng tổng số trừ số đã cài đặt ({total} − {installed} = {}). Hãy ghi not_installed = {} hoặc bỏ dòng này để chương trình tự tính",
        total - installed,
        total - installed
    )
}

pub fn reason_missing(row: usize, name: &str, missing: u32) -> String {
    format!("hàng {row} (“{name}”) còn {missing} người chưa cài đặt nhưng chưa ghi lý do. Hãy thêm reason = \"…\"")
}

pub fn report_unsigned() -> String {
    "báo cáo chưa ghi người ký, nên bản PDF không có họ tên người ký và không có ô chữ ký số. Hãy thêm signer = \"Họ và tên\" (người đứng đầu đơn vị ký báo cáo)".into()
}

pub fn late_report(due: chrono::NaiveDateTime) -> String {
    format!("ngày báo cáo sau hạn nộp ({} ngày {}), báo cáo nộp muộn", due.format("%H giờ %M"), due.format("%d/%m/%Y"))
}

pub fn appendix_needs_units() -> String {
    "phụ lục content = \"report-form\" cần tệp units.toml (danh sách đơn vị và mẫu báo cáo) trong cùng thư mục dữ liệu".into()
}

pub fn enclosure_needs_guide() -> String {
    "enclosures = [\"install-guide\"] cần tệp huong-dan.toml (tài liệu hướng dẫn) trong cùng thư mục dữ liệu".into()
}

pub fn rows_twice() -> String {
    "báo cáo có cả các hàng [[row]] lẫn rows_csv; hãy chỉ dùng một trong hai".into()
}

pub fn no_rows() -> String {
    "báo cáo chưa có hàng nào. Hãy thêm các hàng [[row]] (name, total, installed) hoặc ghi rows_csv = \"tệp.csv\"".into()
}

/// A count written with thousands separators ("1.800").
pub fn grouped_count(value: &str, number: u64) -> String {
    format!(
        "số “{value}” có dấu ngăn cách hàng nghìn; số đếm viết liền, không có dấu chấm hay dấu cách. Nếu là {}, hãy viết {number}",
        crate::vietnamese::count_words(number)
    )
}

/// The value of the `key = value` line holding `offset`, where it is a
/// count written with thousands separators: its start, text and number.
fn grouped_count_at(text: &str, offset: usize) -> Option<(usize, &str, u64)> {
    let offset = offset.min(text.len());
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let line = &text[line_start..line_end];
    let value = line.split_once('=')?.1;
    let value = value.split_once('#').map_or(value, |(value, _)| value).trim();
    let number = crate::vietnamese::grouped_count(value)?;
    Some((line_start + line.find(value)?, value, number))
}

pub fn bad_count(value: &str) -> String {
    if let Some(number) = crate::vietnamese::grouped_count(value) {
        return grouped_count(value, number);
    }
    format!("“{value}” không phải số nguyên không âm; hãy ghi một số như 12")
}

/// A cell of a report's CSV file, named by its column.
pub fn csv_cell(column: &str, message: &str) -> String {
    format!("cột “{column}”: {message}")
}

pub fn not_a_month_folder(name: &str) -> String {
    format!(
        "thư mục “{name}” không phải một tháng nên được bỏ qua, các báo cáo trong đó không được đọc. Nếu là báo cáo, hãy đổi tên thư mục theo tháng, ví dụ reports/2026-07/"
    )
}

pub fn duplicate_report(unit: &str, first: &str, second: &str) -> String {
    format!("đơn vị “{unit}” có hai báo cáo trong cùng tháng: {first} và {second}. Hãy giữ lại một tệp")
}

pub fn all_reported(month: &str) -> String {
    format!("mọi đơn vị đã gửi báo cáo {month}: không cần công văn đôn đốc, không ghi tệp nào")
}

pub fn bad_month_argument(command: &str, value: &str) -> String {
    format!("tháng “{value}” không hợp lệ. Hãy viết năm-tháng, ví dụ vanban {command} 2026-07")
}

/// A month well written that has no reports yet.
pub fn no_reports(month: &str, months: &[String]) -> String {
    let have = match months {
        [] => "Chưa tháng nào có báo cáo".to_owned(),
        _ => format!("Các tháng đã có báo cáo: {}", months.join(", ")),
    };
    format!(
        "chưa có báo cáo nào của tháng {month} (không có thư mục reports/{month}/). Hãy đặt báo cáo của các đơn vị vào thư mục đó. {have}"
    )
}

pub fn image_not_png() -> String {
    "tệp ảnh không phải PNG. Hãy quét chữ ký hoặc con dấu và lưu dạng PNG có nền trong suốt".into()
}

pub fn image_broken() -> String {
    "tệp PNG bị hỏng hoặc chép chưa hết, không đọc được đến điểm ảnh cuối. Hãy lưu lại ảnh từ bản gốc".into()
}

pub fn image_not_transparent() -> String {
    "ảnh PNG không có nền trong suốt, sẽ che mất chữ bên dưới. Hãy tách nền (lưu PNG có kênh alpha)".into()
}

pub fn image_too_large(bytes: usize, max: usize) -> String {
    format!("ảnh nặng {} KB, quá giới hạn {} KB. Hãy giảm độ phân giải", bytes / 1024, max / 1024)
}

pub fn image_too_large_pixels(width: u32, height: u32, max: u32) -> String {
    format!("ảnh {width}×{height} điểm ảnh, quá giới hạn {max} điểm ảnh mỗi chiều. Hãy thu nhỏ ảnh")
}

pub fn bad_seal_size(mm: f64) -> String {
    format!("đường kính con dấu {mm} mm không hợp lý; hãy ghi seal_mm từ 20 đến 60 (dấu tròn thường 36)")
}

pub fn bad_signing_time(value: &str) -> String {
    format!("thời điểm ký “{value}” không hợp lệ; hãy viết theo ISO 8601 có múi giờ, ví dụ 2026-06-01T09:30:00+07:00")
}

pub fn text_too_long(length: usize, max: usize) -> String {
    format!("chữ quá dài ({length} ký tự, tối đa {max}); có lẽ đã dán nhầm cả một tệp. Hãy kiểm tra lại")
}

pub fn control_character(c: char, position: usize) -> String {
    format!(
        "có ký tự điều khiển U+{:04X} (không in được) ở ký tự thứ {position}; thường do dán từ Word hay PDF. Hãy xóa rồi gõ lại đoạn đó",
        c as u32
    )
}

/// A character no shipped font has. `capital` is set when only the capital
/// form, which headers print, is missing.
pub fn missing_glyph(c: char, position: usize, capital: Option<char>) -> String {
    let shown = match capital {
        Some(capital) => format!("chữ in hoa “{capital}” (U+{:04X}) của ký tự “{c}” (U+{:04X})", capital as u32, c as u32),
        None => format!("ký tự “{c}” (U+{:04X})", c as u32),
    };
    let code = c as u32;
    let hint = match code {
        0x1F000..=0x1F7FF | 0x1F900..=0x1FAFF | 0x2600..=0x27BF | 0x2B1B | 0x2B1C | 0x2B50 | 0x2B55 => {
            "đây là biểu tượng cảm xúc (emoji), văn bản hành chính không dùng. Hãy xóa nó đi"
        }
        0x2190..=0x21FF | 0x27F0..=0x27FF | 0x2900..=0x297F | 0x2B00..=0x2BFF | 0x1F800..=0x1F8FF => {
            "hãy thay bằng mũi tên “→” hoặc “➡”"
        }
        0x2022..=0x2043 | 0x25A0..=0x25FF | 0x2219 | 0x00B7 => "hãy thay bằng dấu “•” hoặc “-”",
        0xE000..=0xF8FF | 0xF0000..=0x10FFFF => {
            "đây là ký tự riêng của một phông (thường do dán từ Word dùng phông Wingdings hay Symbol). Hãy gõ lại bằng chữ, hoặc dùng “•”, “→”, “✓”"
        }
        _ => "hãy xóa ký tự này hoặc thay bằng chữ thường",
    };
    format!("phông chữ không có {shown} ở ký tự thứ {position} của trường này; {hint}")
}

pub fn legacy_encoding(encoding: &str) -> String {
    format!(
        "chữ có vẻ gõ bằng bảng mã cũ {encoding}, không phải Unicode, nên sẽ in ra sai dấu. Hãy chuyển sang Unicode (ví dụ Unikey: Công cụ chuyển mã, từ {encoding} sang Unicode) rồi dán lại"
    )
}

pub fn too_many(count: usize, max: usize, what: &str) -> String {
    format!("có {count} {what}, quá giới hạn {max} {what}. Hãy chia thành nhiều tệp")
}

pub fn empty_field(what: &str) -> String {
    format!("{what} đang để trống; hãy điền nội dung")
}

pub fn bad_symbol(value: &str) -> String {
    format!(
        "ký hiệu “{value}” không hợp lệ: chỉ gồm chữ in hoa, chữ số và dấu gạch nối, không có số văn bản và dấu “/”, ví dụ symbol = \"UBND-VHXH\""
    )
}

pub fn zero_number() -> String {
    "số văn bản bắt đầu từ 1; để trống (bỏ dòng number) nếu văn thư sẽ cấp số sau".into()
}

pub fn sign_field_failed(reason: &str) -> String {
    format!("không thêm được ô chữ ký số vào PDF: {reason}")
}

/// A problem that stops nothing, told with its place.
pub fn warning(at: Error) -> String {
    format!("cảnh báo: {at}")
}

/// A bold or italic marker left without its partner.
pub fn unpaired_marker(marker: &str) -> String {
    let (style, example) = if marker == "**" { ("in đậm", "**chữ đậm**") } else { ("in nghiêng", "__chữ nghiêng__") };
    format!(
        "dấu “{marker}” không có dấu đi cặp nên được in nguyên văn; muốn {style} thì viết {example} (dấu liền với chữ), \
         muốn in đúng hai ký tự này thì viết {}",
        marker.chars().map(|c| format!("\\{c}")).collect::<String>()
    )
}

/// What a double-click on the program says once everything is built.
pub fn double_click_built(files: usize, out: &Path, data: &str) -> String {
    format!(
        "vanban đã in {files} tệp vào thư mục:\n    {}\ntừ {data}.\n\
         Để sửa dữ liệu: mở cửa sổ lệnh ở thư mục này và chạy vanban init, sửa các tệp trong \
         thư mục vanban-du-lieu rồi bấm đúp vào vanban.exe lần nữa.",
        out.display()
    )
}

pub fn press_enter() -> &'static str {
    "Nhấn Enter để đóng cửa sổ này."
}

pub fn watch_needs_folder() -> String {
    "vanban watch theo dõi một thư mục dữ liệu: hãy tạo bằng vanban init rồi chạy vanban watch --data vanban-du-lieu".into()
}

/// Said after every build of `vanban watch`.
pub fn watching(folder: &Path) -> String {
    format!("vanban watch: đang chờ thay đổi trong {} (Ctrl+C để dừng)", folder.display())
}

/// What `vanban init` tells the user once the folder is written.
pub fn initialised(folder: &Path) -> String {
    format!(
        "đã chép dữ liệu mẫu vào {0}. Sửa các tệp .toml trong đó (tên đơn vị, số liệu báo cáo…) rồi in bằng: vanban build --data {0}",
        folder.display()
    )
}

pub fn font_missing(family: &str) -> String {
    format!(
        "cảnh báo: không tìm thấy phông “{family}” trong --font-path; dùng Liberation Serif (cùng kích thước chữ với Times New Roman)"
    )
}

/// Turns serde's and toml's English into Vietnamese advice, naming the field.
fn explain_toml(message: &str) -> String {
    let message = message.split_whitespace().collect::<Vec<_>>().join(" ");
    let message = message.as_str();
    if let Some(field) = between(message, "missing field `", "`") {
        return format!("thiếu trường “{field}”. {}", field_hint(field));
    }
    for (marker, what, listed) in [
        ("unknown field `", "trường", "Các trường được dùng ở đây"),
        ("unknown variant `", "loại khối", "Các loại được dùng"),
    ] {
        if let Some(name) = between(message, marker, "`") {
            let expected = expected_names(message);
            let suggestion =
                closest(name, &expected).map(|near| format!(" Có phải ý bạn là “{near}”?")).unwrap_or_default();
            return format!("{what} “{name}” không có trong mẫu.{suggestion} {listed}: {}", expected.join(", "));
        }
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            return format!("sai kiểu: ở đây cần {}, nhưng đang là {}", kind_name(expected), kind_name(found));
        }
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            return format!("giá trị không hợp lệ: cần {}, nhưng đang là {}", kind_name(expected), kind_name(found));
        }
    }
    if message.starts_with("invalid length") {
        return format!("số phần tử không đúng ({message})");
    }
    if message.contains(' ') && message.is_ascii() {
        // toml's own syntax errors ("expected `=`", "duplicate key ...").
        return format!("lỗi cú pháp TOML ({message}). Hãy xem lại dòng này: chuỗi chữ đặt trong ngoặc kép \"…\", mỗi dòng dạng ten = giá_trị");
    }
    // Our own messages, raised by the model's checks, are already Vietnamese.
    message.to_owned()
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = text.find(start)? + start.len();
    let to = from + text[from..].find(end)?;
    Some(&text[from..to])
}

/// The names serde lists after "expected one of" (or a single "expected").
fn expected_names(message: &str) -> Vec<&str> {
    let Some((_, list)) = message.split_once("expected ") else { return Vec::new() };
    list.split('`').skip(1).step_by(2).collect()
}

/// The expected name nearest to a misspelling, if it is near enough.
fn closest<'a>(typed: &str, names: &[&'a str]) -> Option<&'a str> {
    names
        .iter()
        .map(|name| (edit_distance(typed, name), *name))
        .filter(|(distance, name)| *distance <= 2.max(name.chars().count() / 3))
        .min()
        .map(|(_, name)| name)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(previous + 1);
        }
    }
    row[b.len()]
}

fn kind_name(serde_kind: &str) -> String {
    let kind = serde_kind.trim();
    let name = match kind {
        "a string" | "string" => "một chuỗi chữ trong ngoặc kép, ví dụ \"…\"",
        "u32" | "u64" | "usize" | "u16" | "u8" => "một số nguyên không âm, ví dụ 769",
        "a sequence" | "sequence" => "một danh sách dạng [\"…\", \"…\"]",
        "a map" | "map" => "một bảng [ten] hoặc { … }",
        "a boolean" | "boolean" => "true hoặc false",
        _ if kind.starts_with("struct ") => "một bảng [ten] hoặc { … }",
        _ if kind.starts_with("integer") => return format!("số {}", kind.trim_start_matches("integer ").trim_matches('`')),
        _ if kind.starts_with("string") => return format!("chuỗi {}", kind.trim_start_matches("string ").replace('`', "\"")),
        _ if kind.starts_with("floating point") => return format!("số thập phân {}", kind.trim_start_matches("floating point ").trim_matches('`')),
        _ if kind.starts_with("boolean") => "giá trị true/false",
        _ => return kind.to_owned(),
    };
    name.to_owned()
}

/// What to write for a field, with an example.
fn field_hint(field: &str) -> String {
    let hint = match field {
        "issuer" => "Hãy thêm bảng [issuer] với name = [\"ỦY BAN NHÂN DÂN\", \"ĐẶC KHU BẠCH LONG VĨ\"] (cơ quan ban hành)",
        "name" => "Hãy ghi name = \"…\" (tên, ví dụ họ tên người ký \"Nguyễn Văn Hậu\")",
        "symbol" => "Hãy ghi symbol = \"UBND-VHXH\" (ký hiệu văn bản, sau dấu “/”)",
        "place" => "Hãy ghi place = \"Bạch Long Vĩ\" (địa danh trước ngày tháng)",
        "date" => "Hãy ghi date = 2026-06-01 (ngày ban hành)",
        "subject" => "Hãy ghi subject = \"…\" (trích yếu nội dung, sau “V/v”)",
        "recipients" => "Hãy ghi recipients = [\"…\", \"…\"] (danh sách Kính gửi)",
        "body" => "Hãy thêm các khối [[body]] (nội dung văn bản)",
        "signer" => "Hãy thêm bảng [signer] với title = \"…\" và name = \"…\" (người ký)",
        "title" => "Hãy ghi title = \"CHỦ TỊCH\" (chức vụ người ký)",
        "distribution" => "Hãy ghi distribution = [\"Như trên\", \"Lưu: VT, VHXH\"] (danh sách Nơi nhận)",
        "links" => "Hãy thêm bảng [links] với các đường dẫn, ví dụ app_store = \"https://…\"",
        "link" => "Hãy ghi link = \"app_store\" (tên một đường dẫn trong campaign.toml, mục [links])",
        "total" => "Hãy ghi total = 120 (tổng số người của dòng này)",
        "installed" => "Hãy ghi installed = 97 (số người đã cài đặt)",
        _ => return format!("Hãy thêm trường “{field}” (xem mẫu trong README)"),
    };
    hint.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_a_sender_wrote_is_shown_with_its_controls_visible() {
        assert_eq!(visible("T1\x1b[2J\x1b]0;x\x07\r\n\0"), "T1\\x1b[2J\\x1b]0;x\\x07\\x0d\\x0a\\x00");
        assert_eq!(visible("a\u{9b}31m\u{202e}b\u{2028}"), "a\\x9b31m\\u{202e}b\\u{2028}");
        // Vietnamese, decomposed or not, and a Windows path stay as they are.
        let text = "Nguyễn Thị Ánh Tuyết, Nguye\u{302}\u{303}n, C:\\hop-thu\\thon-1.pdf";
        assert_eq!(visible(text), text);
        assert_eq!(visible(&visible("\x1bx")), visible("\x1bx"));
        let long = "9".repeat(500);
        assert_eq!(quoted(&long).chars().count(), 201);
    }

    #[test]
    fn locations_count_lines_and_characters() {
        let text = "a = 1\nbé = \"x\"\n";
        assert_eq!(Location::at("f.toml", text, 6).to_string(), "f.toml, dòng 2, cột 1");
        assert_eq!(Location::at("f.toml", text, text.find('=').unwrap()).line_column, Some((1, 3)));
        assert_eq!(Location::at("f.toml", text, 10).line_column, Some((2, 4)));
    }

    #[test]
    fn serde_messages_become_advice() {
        let message = explain_toml("unknown field `sigener`, expected one of `issuer`, `signer`, `body`");
        assert!(message.contains("“sigener”"), "{message}");
        assert!(message.contains("Có phải ý bạn là “signer”?"), "{message}");
        let message = explain_toml("missing field `symbol`");
        assert!(message.starts_with("thiếu trường “symbol”"), "{message}");
        assert!(message.contains("symbol = \"UBND-VHXH\""), "{message}");
        // A field without its own hint is named, never "this field" (which
        // would take the name of the key written before it).
        assert_eq!(explain_toml("missing field `unit`"), "thiếu trường “unit”. Hãy thêm trường “unit” (xem mẫu trong README)");
        let message = explain_toml("invalid type: integer `5`, expected a string");
        assert_eq!(message, "sai kiểu: ở đây cần một chuỗi chữ trong ngoặc kép, ví dụ \"…\", nhưng đang là số 5");
    }

    #[test]
    fn values_are_named_by_their_key() {
        let text = "a = 1\nparagraph = \"x\"\nqr = { link = \"l\", caption = \"y\" }\nlist = [\n  \"b = c\",\n  \"z\",\n]\n";
        let at = |value: &str| key_before(text, text.find(value).unwrap());
        assert_eq!(at("\"x\""), Some("paragraph"));
        assert_eq!(at("\"l\""), Some("link"));
        assert_eq!(at("\"y\""), Some("caption"));
        assert_eq!(at("\"z\""), Some("list"));
        // An "=" straight after a Vietnamese letter, in a comment: no key, and no panic.
        let text = "date = 2026-08-01  # ngà= ký\n[[row]]\nname = \"x";
        assert_eq!(key_before(text, text.find("[[").unwrap()), Some("date"));
        assert_eq!(key_before("# ngà= ký\n", 11), None);
    }

    #[test]
    fn edit_distance_counts_changes() {
        assert_eq!(edit_distance("sigener", "signer"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(closest("paragrap", &["paragraph", "heading"]), Some("paragraph"));
        assert_eq!(closest("xyz", &["paragraph", "heading"]), None);
    }
}

// vanban import: reports that come back as filled forms or spreadsheets.

/// Text from a returned file (its name, a value, a field, a sheet) as a
/// message or the terminal shows it: every control character (C0, DEL,
/// C1) and every mark that reorders or hides what a terminal shows
/// (bidirectional controls, line and paragraph separators) written as an
/// escape, `\x1b` or `\u{202e}`, so that what a sender wrote can neither
/// move the clerk's cursor, clear the screen, retitle the window nor hide
/// text. Escapes rather than the Control Pictures (U+241B "␛"): those
/// exist for C0 and DEL only, not for C1 (U+009B starts a terminal command
/// too) nor for the bidirectional controls, and an ASCII escape shows in
/// every console font, the Windows console's included, where U+241B is a
/// box. Text already made visible stays as it is.
pub fn visible(text: &str) -> String {
    let mut shown = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            c if c.is_control() => shown.push_str(&format!("\\x{:02x}", c as u32)),
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}' => {
                shown.push_str(&format!("\\u{{{:04x}}}", c as u32))
            }
            c => shown.push(c),
        }
    }
    shown
}

/// A value from a returned file quoted in a message: made visible, and cut
/// after 200 characters (a value that long is refused anyway; the message
/// stays a line).
fn quoted(value: &str) -> String {
    const MAX: usize = 200;
    match value.char_indices().nth(MAX) {
        Some((end, _)) => format!("{}…", visible(&value[..end])),
        None => visible(value),
    }
}

/// A returned file that could not be read from the disk.
pub fn file_unreadable(error: &std::io::Error) -> String {
    format!("không đọc được tệp: {}", io_reason(error))
}

pub fn pdf_too_big(bytes: u64) -> String {
    format!(
        "tệp quá lớn ({} MB) để là biểu mẫu Phụ lục 01 (biểu mẫu PDF của vanban, đã điền và ký, chỉ vài trăm KB), nên không được đọc. Hãy gửi lại tệp PDF trong bieu-mau/ của đơn vị sau khi điền",
        bytes.div_ceil(1 << 20)
    )
}

/// A PDF whose compressed parts unpack to more than a form holds, or that
/// holds (or names again and again) more parts than a form has.
pub fn pdf_unpacks_too_big(limit: usize) -> String {
    format!(
        "tệp PDF có phần nén giải ra hơn {} MB, hoặc nhiều phần (hay một phần được nhắc lại nhiều lần) hơn mọi biểu mẫu Phụ lục 01, nên không được đọc: biểu mẫu PDF của vanban chỉ vài trăm KB. Hãy gửi lại tệp PDF trong bieu-mau/ của đơn vị sau khi điền",
        limit >> 20
    )
}

pub fn pdf_encrypted() -> String {
    "tệp PDF được đặt mật khẩu hoặc mã hóa nên không đọc được. Hãy mở tệp, gỡ mật khẩu (lưu lại không bảo mật) rồi gửi lại, hoặc điền lại vào tệp PDF trong bieu-mau/ của đơn vị".into()
}

pub fn csv_too_big(bytes: u64) -> String {
    format!(
        "tệp CSV quá lớn ({} MB) để là báo cáo của các đơn vị (mỗi đơn vị chỉ vài KB), nên không được đọc. Hãy kiểm tra lại tệp, hoặc chia thành nhiều tệp",
        bytes.div_ceil(1 << 20)
    )
}

/// A value of a returned PDF longer than any text a form takes.
pub fn form_value_too_long() -> String {
    format!("ô ghi hơn {} ký tự, dài hơn mọi chữ biểu mẫu nhận. Hãy điền lại ô cho ngắn gọn", crate::model::MAX_TEXT_CHARS)
}

/// The same field twice in a returned PDF: which is the unit's is unknown.
pub fn form_field_twice(field: &str) -> String {
    format!(
        "tệp PDF có hai ô cùng tên “{}”, không rõ ô nào là thật: đây không phải biểu mẫu như vanban in. Hãy điền vào tệp PDF trong bieu-mau/ của đơn vị rồi gửi lại",
        quoted(field)
    )
}

/// A field of a table row the form does not have.
pub fn form_row_beyond(field: &str, rows: usize) -> String {
    format!(
        "ô “{}” không có trong biểu mẫu: bảng của biểu mẫu Phụ lục 01 có không quá {rows} hàng. Hãy điền vào tệp biểu mẫu trong bieu-mau/ của đơn vị rồi gửi lại",
        quoted(field)
    )
}

/// A unit with more rows in a CSV file than a report may have.
pub fn csv_rows_beyond(unit: &str, rows: usize) -> String {
    format!(
        "đơn vị “{}” có hơn {rows} dòng trong tệp CSV, quá giới hạn của một báo cáo. Hãy kiểm tra lại tệp: có lẽ mã đơn vị bị chép xuống cả những dòng không phải của đơn vị",
        quoted(unit)
    )
}

pub fn csv_column_twice(name: &str) -> String {
    format!("cột “{}” có hai lần ở dòng tên cột, không rõ cột nào là thật. Hãy xóa một cột", quoted(name))
}

/// A workbook whose parts name different units.
pub fn workbook_units_disagree(name: &str, property: &str) -> String {
    format!(
        "sổ làm việc ghi hai mã đơn vị khác nhau: tên ma_don_vi ghi “{}” nhưng thuộc tính ma_don_vi của tệp ghi “{}”, nên không biết báo cáo của đơn vị nào. Hãy điền vào tệp .xlsx trong bieu-mau/ của đơn vị rồi gửi lại",
        quoted(name),
        quoted(property)
    )
}

/// A defined name twice, pointing at different places.
pub fn workbook_name_twice(name: &str) -> String {
    format!(
        "sổ làm việc có hai tên “{}” chỉ tới hai chỗ khác nhau, không rõ chỗ nào là thật. Hãy điền vào tệp .xlsx trong bieu-mau/ của đơn vị rồi gửi lại",
        quoted(name)
    )
}

/// A defined name that points elsewhere than a cell of the form (a whole
/// sheet, a block of columns, more rows than the form has).
pub fn workbook_name_range(name: &str, reference: &str, what: &str) -> String {
    format!(
        "tên “{}” trong sổ làm việc chỉ tới “{}”, không phải {what} như biểu mẫu. Hãy điền vào tệp .xlsx trong bieu-mau/ của đơn vị rồi gửi lại",
        quoted(name),
        quoted(reference)
    )
}

/// A cell to type a count into that holds a date (Excel turned "1/8" into
/// the 1st of August, or the cell is formatted as a date).
pub fn workbook_date_in_count(field: &str, date: &str) -> String {
    format!(
        "ô “{field}” là ngày tháng ({date}), không phải số: Excel đã đổi điều gõ vào thành ngày, hoặc ô được định dạng kiểu ngày. Hãy chọn ô, đặt định dạng Số (Format Cells > Number) rồi gõ lại số bằng chữ số"
    )
}

pub fn workbook_date_in_text(field: &str, date: &str) -> String {
    format!(
        "ô “{field}” là ngày tháng ({date}), không phải chữ: Excel đã đổi điều gõ vào thành ngày. Hãy chọn ô, đặt định dạng Văn bản (Format Cells > Text) rồi gõ lại"
    )
}

/// A count typed as text: the digits of a number, or words.
pub fn workbook_count_as_text(field: &str, value: &str) -> String {
    format!(
        "ô “{field}” ghi “{}” dạng chữ (văn bản), không phải số. Hãy xóa ô rồi gõ lại bằng chữ số, không có dấu nháy ' ở đầu, trong ô định dạng Số",
        quoted(value)
    )
}

/// A cell holding TRUE/FALSE or an error (#DIV/0!).
pub fn workbook_not_a_value(field: &str, value: &str) -> String {
    format!("ô “{field}” ghi “{}”, không phải điều cần điền. Hãy xóa ô rồi gõ lại", quoted(value))
}

pub fn import_needs_folder() -> String {
    "vanban import ghi báo cáo vào thư mục dữ liệu, không vào dữ liệu mẫu có sẵn trong chương trình. Hãy chạy lệnh trong thư mục chứa data/ hoặc vanban-du-lieu/ (tạo bằng vanban init), hoặc chỉ thư mục đó bằng --data DIR".into()
}

pub fn import_kind() -> String {
    "chỉ nhập được tệp PDF hoặc Excel (.xlsx) của biểu mẫu đã điền, hoặc tệp CSV".into()
}

/// A spreadsheet saved in a format vanban does not read (.xls, .ods).
pub fn workbook_other_format(extension: &str) -> String {
    format!(
        "vanban không đọc tệp .{extension}. Hãy mở tệp bằng Excel hoặc LibreOffice, chọn Lưu thành (Save As) kiểu “Sổ làm việc Excel (.xlsx)” rồi nhập tệp .xlsx đó"
    )
}

pub fn workbook_too_big(bytes: u64) -> String {
    format!(
        "tệp quá lớn ({} MB) để là biểu mẫu Phụ lục 01 (biểu mẫu vanban chỉ vài chục KB), nên không được đọc. Hãy gửi lại tệp .xlsx trong bieu-mau/ của đơn vị sau khi điền",
        bytes.div_ceil(1 << 20)
    )
}

pub fn workbook_encrypted() -> String {
    "tệp Excel được đặt mật khẩu nên không đọc được. Hãy mở tệp trong Excel, gỡ mật khẩu (Tệp > Thông tin > Bảo vệ Sổ làm việc > Mã hóa bằng Mật khẩu, xóa mật khẩu), lưu lại rồi nhập".into()
}

pub fn workbook_broken() -> String {
    "tệp không đọc được như một sổ làm việc Excel (.xlsx): tệp hỏng hoặc không phải tệp Excel. Hãy mở thử trong Excel; nếu không mở được, xin đơn vị gửi lại".into()
}

pub fn workbook_not_ours() -> String {
    "sổ làm việc không phải biểu mẫu Phụ lục 01 do vanban tạo (không có tên ma_don_vi). Hãy điền vào tệp .xlsx trong bieu-mau/ của đơn vị rồi gửi lại".into()
}

pub fn workbook_newer(version: &str) -> String {
    let version = quoted(version);
    format!("biểu mẫu là phiên bản {version}, mới hơn phiên bản vanban này đọc được. Hãy cập nhật vanban rồi nhập lại")
}

/// A cell to fill in that holds a formula: its stored result is not what
/// was typed.
pub fn workbook_formula_typed(field: &str) -> String {
    format!(
        "ô “{field}” cần điền lại chứa công thức; kết quả lưu sẵn của công thức không phải điều đã gõ. Hãy xóa ô rồi gõ thẳng giá trị (số bằng chữ số, tên bằng chữ) vào ô"
    )
}

/// Where a cell of a returned workbook is.
pub fn workbook_cell(file: &str, sheet: &str, cell: &str) -> String {
    format!("{file}, trang {}, ô {cell}", quoted(sheet))
}

pub fn not_a_pdf() -> String {
    "tệp không đọc được như một PDF. Hãy gửi lại tệp biểu mẫu PDF mà đơn vị đã điền".into()
}

pub fn not_our_form() -> String {
    "tệp PDF không phải biểu mẫu Phụ lục 01 do vanban in (không có ô ma_don_vi). Hãy điền vào tệp trong bieu-mau/ của đơn vị rồi gửi lại".into()
}

/// Where a value of a returned form sits: the file and the field's name.
pub fn form_field_place(file: &str, field: &str) -> String {
    format!("{file}, ô “{}”", quoted(field))
}

pub fn csv_undecodable() -> String {
    "không đọc được chữ trong tệp CSV (không phải UTF-8, UTF-16 hay Windows-1258). Trong Excel hãy chọn Lưu dưới dạng “CSV UTF-8 (Comma delimited)”".into()
}

pub fn csv_no_header() -> String {
    "tệp CSV trống. Dòng đầu là tên cột: ma_don_vi, thang_bao_cao, nam_bao_cao, so, ngay, thang, nguoi_ky, ten, tong_so, da_cai, chua_cai, ly_do".into()
}

pub fn csv_unknown_column(name: &str) -> String {
    let name = quoted(name);
    format!("cột “{name}” không có trong mẫu. Tên cột là: ma_don_vi, thang_bao_cao, nam_bao_cao, so, ngay, thang, nguoi_ky, ten, tong_so, da_cai, chua_cai, ly_do")
}

pub fn csv_no_unit_column() -> String {
    "tệp CSV thiếu cột ma_don_vi (mã đơn vị trong units.toml). Hãy thêm cột đó vào dòng tên cột".into()
}

pub fn returned_without_unit() -> String {
    "không có mã đơn vị (ô ma_don_vi để trống). Hãy ghi mã đơn vị trong units.toml".into()
}

pub fn bad_form_number(field: &str, value: &str, range: &std::ops::RangeInclusive<u32>) -> String {
    let limit = match (*range.start(), *range.end()) {
        (0, u32::MAX) => "một số nguyên không âm, ví dụ 12".to_owned(),
        (1, u32::MAX) => "một số nguyên từ 1, ví dụ 5".to_owned(),
        (low, high) => format!("một số từ {low} đến {high}"),
    };
    format!("ô “{}” ghi “{}”, không phải số. Hãy ghi bằng chữ số {limit}", quoted(field), quoted(value))
}

pub fn report_month_half() -> String {
    "chỉ điền một trong hai ô tháng báo cáo (thang_bao_cao, nam_bao_cao). Hãy điền cả tháng và năm".into()
}

pub fn report_month_missing() -> String {
    "chưa điền tháng báo cáo (thang_bao_cao, nam_bao_cao). Hãy điền vào biểu mẫu hoặc ghi --month 2026-07".into()
}

pub fn form_for_other_month(form: &str, asked: &str) -> String {
    format!("biểu mẫu báo cáo {form}, không phải {asked} như --month yêu cầu. Hãy nhập tệp này với --month của đúng tháng")
}

pub fn report_date_missing() -> String {
    "chưa điền ngày báo cáo (ô ngay và thang cạnh địa danh). Hãy điền ngày, tháng ký báo cáo".into()
}

pub fn bad_form_date(day: u32, month: u32, year: i32) -> String {
    format!("ngày {day} tháng {month} năm {year} không có trong lịch. Hãy sửa ô ngay hoặc thang")
}

pub fn returned_row_name_missing(row: usize) -> String {
    format!("hàng {row} có số liệu nhưng để trống tên (ô dong{row}_ten). Hãy ghi tên đơn vị, bộ phận của hàng")
}

pub fn returned_count_missing(row: usize, column: &str) -> String {
    format!("hàng {row} để trống ô dong{row}_{column}. Hãy ghi số bằng chữ số, 0 nếu không có")
}

pub fn duplicate_return(unit: &str, month: &str, files: &[String]) -> String {
    format!("đơn vị “{unit}” gửi {} tệp cho {month}: {}. Không nhập tệp nào; hãy giữ lại một tệp rồi nhập lại", files.len(), files.join(", "))
}

pub fn import_skipped(file: &str, target: &str) -> String {
    format!("bỏ qua: {file}: đã có {target}. Thêm --replace để ghi đè")
}

/// `signatures`: what the import found of the file's signatures, if any.
pub fn import_written(target: &str, file: &str, signatures: &str) -> String {
    match signatures {
        "" => format!("{target} ← {file}"),
        note => format!("{target} ← {file} ({note})"),
    }
}

pub fn imported_from(file: &str) -> String {
    let name = Path::new(file).file_name().map_or(file.into(), |n| n.to_string_lossy());
    format!("Nhập bằng vanban import từ tệp {}.", visible(&name))
}

pub fn import_refused(refused: usize, written: usize) -> String {
    format!("{refused} báo cáo bị từ chối (xem các lỗi ở trên), {written} báo cáo đã ghi. Hãy sửa các tệp bị từ chối rồi nhập lại chúng")
}

pub fn unknown_unit_argument(code: &str, units_file: &str, known: &[&str]) -> String {
    format!("không có đơn vị mã “{code}” trong {units_file}. Hãy ghi --unit và một trong các mã: {}", known.join(", "))
}

pub fn returned_unknown_unit(code: &str, known: &[&str]) -> String {
    let code = quoted(code);
    format!("ô ma_don_vi ghi “{code}”, không phải mã đơn vị nào trong units.toml ({}). Hãy dùng biểu mẫu của chính đơn vị trong bieu-mau/", known.join(", "))
}

/// An output vanban would write where a file sits that is not what it
/// wrote there last (a filled-in form saved over its blank): that file stays.
pub fn kept_in_place(file: &Path, new: &Path) -> String {
    format!(
        "cảnh báo: {} khác với bản vanban ghi lần trước (ví dụ biểu mẫu đã điền rồi lưu đè lên bản trống) nên được giữ nguyên; \
         bản mới ghi vào {}. Nếu không cần tệp cũ nữa, hãy chuyển nó đi chỗ khác rồi chạy lại",
        file.display(),
        new.display()
    )
}

/// A stale output the user changed: a build keeps it.
pub fn stale_kept(file: &Path) -> String {
    format!(
        "cảnh báo: {} không còn trong dữ liệu nhưng đã được sửa sau khi vanban ghi nên không bị xóa; nếu không cần nữa, hãy tự xóa",
        file.display()
    )
}

/// Stale outputs a build removed.
pub fn stale_removed(files: &[PathBuf]) -> String {
    format!("đã xóa {} tệp vanban ghi lần trước mà dữ liệu nay không còn tạo ra:{}", files.len(), listed(files))
}

/// Files in vanban's output folders that vanban never wrote: left alone.
pub fn not_ours(files: &[PathBuf]) -> String {
    format!("cảnh báo: {} tệp không phải do vanban tạo, vanban để nguyên:{}", files.len(), listed(files))
}

/// Files one to a line, indented under the message that names them.
fn listed(files: &[PathBuf]) -> String {
    files.iter().map(|f| format!("\n  {}", f.display())).collect()
}

// A unit's form as a workbook: what its cells tell the one filling it in.

/// Over the cells to fill in beside the form.
pub const WORKBOOK_FILL_IN: &str = "Điền vào các ô màu vàng";

/// The label beside the cell of a form's field (field::NUMBER, …).
pub fn workbook_label(name: &str) -> &'static str {
    match name {
        field::NUMBER => "Số báo cáo (để trống nếu văn thư cấp số)",
        field::DAY => "Ngày ký báo cáo",
        field::MONTH => "Tháng ký báo cáo",
        field::REPORT_MONTH => "Báo cáo cho tháng",
        field::REPORT_YEAR => "Năm của tháng báo cáo",
        field::SIGNER => "Họ và tên người ký",
        _ => "",
    }
}

/// Under the cells to fill in: what the table wants and what it computes.
pub const WORKBOOK_TABLE_HINT: &str =
    "Trong bảng, ghi tên, tổng số, số đã cài đặt và lý do ở các ô màu vàng; cột “Chưa cài đặt” và dòng “Tổng cộng” tự tính.";

/// What Excel says when a cell refuses a value: (title, message).
pub fn workbook_rule(name: &str) -> (&'static str, &'static str) {
    match name {
        field::TOTAL => ("Số không hợp lệ", "Ghi số người bằng chữ số, số nguyên từ 0 trở lên (ví dụ 214), không ghi chữ."),
        field::INSTALLED => (
            "Số không hợp lệ",
            "Ghi số người đã cài đặt bằng chữ số, số nguyên từ 0 trở lên và không lớn hơn “Tổng số” cùng dòng (ghi “Tổng số” trước).",
        ),
        field::NUMBER => ("Số không hợp lệ", "Ghi số của báo cáo bằng chữ số, số nguyên từ 1 trở lên, hoặc để trống."),
        field::DAY => ("Ngày không hợp lệ", "Ghi ngày bằng chữ số, từ 1 đến 31."),
        field::MONTH | field::REPORT_MONTH => ("Tháng không hợp lệ", "Ghi tháng bằng chữ số, từ 1 đến 12."),
        field::REPORT_YEAR => ("Năm không hợp lệ", "Ghi năm bằng bốn chữ số, ví dụ 2026."),
        _ => ("", ""),
    }
}

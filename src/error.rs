//! The error type every fallible part of vanban returns, the places in the
//! data it names, and how it reads: a leaf, importing nothing of the crate.
//! Each message is written where its mistake is found.

use std::fmt;

use std::path::{Path, PathBuf};

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
    /// An output to replace or remove is held open by another program (a
    /// PDF in a reader, on Windows): closing it is the way out.
    Locked { path: PathBuf },
    /// `vanban init` would write over a file that is already there.
    WouldOverwrite { path: PathBuf, folder: PathBuf },
    /// The data folder holds nothing of the asked kind.
    NothingToRender { folder: String },
    /// A --font-path holds no font.
    NoFonts { path: PathBuf },
    /// The data names a file outside its folder.
    Outside { name: String, folder: PathBuf },
    /// A mistake on the command line (an argument's value): told with the
    /// command's usage.
    Usage { message: String },
    /// A file the data or a command needs is not there.
    Missing { path: PathBuf },
    /// A fault of this program, not of the data: Typst refused a template,
    /// or a PDF or workbook could not be finished.
    Fault { document: String, message: String },
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
        if sharing_violation(&source) { Self::Locked { path: path.to_owned() } } else { Self::Write { path: path.to_owned(), source } }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Self::Data { at, message } => write!(f, "{at}: {message}"),
            Self::Read { path, source } => {
                write!(f, "không đọc được {}: {}", path.display(), io_reason(source))
            }
            Self::Write { path, source } => write!(f, "không ghi được {}: {}. Hãy chọn thư mục khác bằng --out.", path.display(), io_reason(source)),
            Self::Locked { path } => {
                write!(f, "không ghi được {}: tệp đang mở trong một chương trình khác, ví dụ trình đọc PDF: hãy đóng nó rồi chạy lại.", path.display())
            }
            Self::WouldOverwrite { path, folder } => write!(
                f,
                "{} đã có; vanban init không ghi đè lên dữ liệu đã có. Hãy dùng thư mục {} như đang có \
                 (vanban build --data {}), hoặc tạo thư mục mới: vanban init TÊN_THƯ_MỤC_MỚI.",
                path.display(),
                folder.display(),
                folder.display()
            ),
            Self::NothingToRender { folder } => {
                write!(
                    f,
                    "{folder}: không có văn bản nào: không có công văn nào (tệp cong-van-*.toml), không có văn bản nào trong van-ban/. Hãy kiểm tra lại --data."
                )
            }
            Self::NoFonts { path } => write!(f, "--font-path {}: không có phông .ttf, .otf hay .ttc nào đọc được ở đây", path.display()),
            Self::Outside { name, folder } => write!(
                f,
                "tệp “{name}” nằm ngoài thư mục dữ liệu {}; chương trình chỉ đọc tệp trong thư mục đó. Hãy chép tệp vào thư mục dữ liệu và ghi tên tính từ đó, ví dụ \"chu-ky.png\"",
                folder.display()
            ),
            Self::Usage { message } => f.write_str(message),
            Self::Missing { path } => write!(f, "không đọc được {}: không có tệp hay thư mục này", path.display()),
            Self::Fault { document, message } => {
                write!(f, "lỗi của chương trình khi làm {document} (không phải lỗi của dữ liệu; hãy báo cho người phát triển): {message}")
            }
        }
    }
}

impl std::error::Error for Error {}

pub fn io_reason(error: &std::io::Error) -> String {
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

/// Whether Windows refused a file because another program holds it open:
/// ERROR_SHARING_VIOLATION or ERROR_LOCK_VIOLATION (elsewhere these
/// numbers are other errors, and no open file stops a write).
pub fn sharing_violation(error: &std::io::Error) -> bool {
    cfg!(windows) && matches!(error.raw_os_error(), Some(32 | 33))
}

/// Something worth telling the user that stops nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// A problem in the data or the output folder, at its place where known.
    Warning { at: Option<Location>, message: String },
    /// What a command did that the user should know: files removed, skipped.
    Note(String),
}

impl Notice {
    /// A mistake found as an error, told as a warning where it stops nothing.
    pub fn of(error: Error) -> Self {
        match error {
            Error::Data { at, message } => Self::Warning { at: Some(at), message },
            other => Self::Warning { at: None, message: other.to_string() },
        }
    }
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Self::Warning { at: Some(at), message } => write!(f, "cảnh báo: {at}: {message}"),
            Self::Warning { at: None, message } => write!(f, "cảnh báo: {message}"),
            Self::Note(text) => f.write_str(text),
        }
    }
}

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
pub fn quoted(value: &str) -> String {
    const MAX: usize = 200;
    match value.char_indices().nth(MAX) {
        Some((end, _)) => format!("{}…", visible(&value[..end])),
        None => visible(value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_count_lines_and_characters() {
        let text = "a = 1\nbé = \"x\"\n";
        assert_eq!(Location::at("f.toml", text, 6).to_string(), "f.toml, dòng 2, cột 1");
        assert_eq!(Location::at("f.toml", text, text.find('=').unwrap()).line_column, Some((1, 3)));
        assert_eq!(Location::at("f.toml", text, 10).line_column, Some((2, 4)));
    }

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
}

//! The small inline markup that body text may use: `**bold**` and `__italic__`.
//!
//! Text prints as typed unless a marker is clearly meant, by rules like
//! CommonMark's flanking rules: a marker is exactly two stars or two
//! underscores; it opens only before a non-space and closes only after one;
//! it never opens or closes inside a word (letters or digits on both sides);
//! openers and closers pair up innermost first. Everything else, markers
//! included, prints literally: `2**3`, `a ** b`, `bao_cao__thang__7`, `****`.
//! A backslash before `*` or `_` prints that character alone (`\*\*` is
//! `**`); before anything else it prints as typed, so paths stay intact.
//! Typst syntax such as `*a*`, `_b_`, `#x` or `$y$` is plain text too: text
//! reaches the template as strings.

use serde::Serialize;

/// A run of text with one style.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Span {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
}

/// Text read as markup: its styled runs, and the byte offsets of markers
/// that look meant (they could open or close) but found no partner, which
/// print literally and deserve a warning.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Markup {
    pub spans: Vec<Span>,
    pub unpaired: Vec<usize>,
}

/// Splits `text` into styled runs.
pub fn parse(text: &str) -> Vec<Span> {
    read(text).spans
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Bold,
    Italic,
}

/// A piece of the text: literal characters, or a two-character marker.
enum Piece<'t> {
    Literal(&'t str),
    Marker(Marker),
}

#[derive(Clone, Copy)]
struct Marker {
    style: Style,
    at: usize,
    can_open: bool,
    can_close: bool,
}

/// Reads `text` as markup.
pub fn read(text: &str) -> Markup {
    let pieces = pieces(text);
    let paired = pair(&pieces);
    let mut markup = Markup::default();
    let (mut bold, mut italic) = (false, false);
    let mut current = String::new();
    for (index, piece) in pieces.iter().enumerate() {
        match piece {
            Piece::Literal(literal) => current.push_str(literal),
            Piece::Marker(marker) if paired[index] => {
                if !current.is_empty() {
                    markup.spans.push(Span { text: std::mem::take(&mut current), bold, italic });
                }
                match marker.style {
                    Style::Bold => bold = !bold,
                    Style::Italic => italic = !italic,
                }
            }
            Piece::Marker(marker) => {
                current.push_str(&text[marker.at..marker.at + 2]);
                if marker.can_open || marker.can_close {
                    markup.unpaired.push(marker.at);
                }
            }
        }
    }
    if !current.is_empty() {
        markup.spans.push(Span { text: current, bold, italic });
    }
    markup
}

/// Cuts `text` into literal runs and candidate markers. Escapes are
/// resolved here: `\*` and `\_` become literal pieces of one character.
fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut literal_from = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '\\' if matches!(chars.peek(), Some((_, '*' | '_'))) => {
                push_literal(&mut pieces, &text[literal_from..at]);
                // The escaped character stands alone: it never joins a run.
                chars.next();
                push_literal(&mut pieces, &text[at + 1..at + 2]);
                literal_from = at + 2;
            }
            '*' | '_' => {
                let mut end = at + 1;
                while chars.peek().is_some_and(|&(_, next)| next == c) {
                    chars.next();
                    end += 1;
                }
                if end - at != 2 {
                    continue;
                }
                let before = text[..at].chars().next_back();
                let after = text[end..].chars().next();
                let inside_word = before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric);
                let style = if c == '*' { Style::Bold } else { Style::Italic };
                let marker = Marker {
                    style,
                    at,
                    can_open: !inside_word && after.is_some_and(|a| !a.is_whitespace()),
                    can_close: !inside_word && before.is_some_and(|b| !b.is_whitespace()),
                };
                push_literal(&mut pieces, &text[literal_from..at]);
                pieces.push(Piece::Marker(marker));
                literal_from = end;
            }
            _ => {}
        }
    }
    push_literal(&mut pieces, &text[literal_from..]);
    pieces
}

fn push_literal<'t>(pieces: &mut Vec<Piece<'t>>, literal: &'t str) {
    if !literal.is_empty() {
        pieces.push(Piece::Literal(literal));
    }
}

/// Which markers take part in a pair: a closer pairs with the nearest open
/// marker of its style, and openers left inside that pair stay literal, so
/// pairs nest and never cross.
fn pair(pieces: &[Piece]) -> Vec<bool> {
    let mut paired = vec![false; pieces.len()];
    let mut open: Vec<(usize, Style)> = Vec::new();
    for (index, piece) in pieces.iter().enumerate() {
        let Piece::Marker(marker) = piece else { continue };
        let opener = open.iter().rposition(|&(_, style)| style == marker.style);
        match opener {
            Some(position) if marker.can_close => {
                paired[open[position].0] = true;
                paired[index] = true;
                open.truncate(position);
            }
            _ if marker.can_open => open.push((index, marker.style)),
            _ => {}
        }
    }
    paired
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(text: &str, bold: bool, italic: bool) -> Span {
        Span { text: text.into(), bold, italic }
    }

    fn plain(text: &str) -> Vec<Span> {
        vec![span(text, false, false)]
    }

    #[test]
    fn bold_and_italic_runs() {
        assert_eq!(parse("xong **trước ngày 30/6/2026**."), [span("xong ", false, false), span("trước ngày 30/6/2026", true, false), span(".", false, false)]);
        assert_eq!(parse("__(Gửi kèm)__"), [span("(Gửi kèm)", false, true)]);
        assert_eq!(parse("**a __b__**"), [span("a ", true, false), span("b", true, true)]);
        assert_eq!(parse("**trước ngày 30/6/2026.**"), [span("trước ngày 30/6/2026.", true, false)]);
    }

    #[test]
    fn markers_that_are_not_clearly_meant_print_as_typed() {
        for text in [
            "Giá 2**3 và a ** b",
            "tệp bao_cao__thang__7.xlsx",
            "****",
            "Mã ****",
            "***x***",
            "** **",
            "*a*",
            "_b_",
            "#panic(\"x\")",
            "$x$",
            "a ** b",
            "snake__case",
            "[e] // <d> @c \\",
            "C:\\Users\\thu_muc\\bao_cao.xlsx",
        ] {
            assert_eq!(read(text), Markup { spans: plain(text), unpaired: vec![] }, "{text}");
        }
    }

    #[test]
    fn issue_examples() {
        assert_eq!(parse("Mã __init__ và ****"), [span("Mã ", false, false), span("init", false, true), span(" và ****", false, false)]);
        assert_eq!(parse("\\_\\_init\\_\\_"), plain("__init__"));
        assert_eq!(parse("\\*\\*"), plain("**"));
        assert_eq!(parse("a \\** b**"), plain("a ** b**"));
    }

    #[test]
    fn a_marker_without_partner_prints_and_is_reported() {
        assert_eq!(read("**chưa đóng"), Markup { spans: plain("**chưa đóng"), unpaired: vec![0] });
        let closing = "đóng mà chưa mở**";
        assert_eq!(read(closing), Markup { spans: plain(closing), unpaired: vec![closing.len() - 2] });
        assert_eq!(read("**x** and **alone"), Markup { spans: vec![span("x", true, false), span(" and **alone", false, false)], unpaired: vec![10] });
    }

    #[test]
    fn pairs_nest_and_never_cross() {
        assert_eq!(read("**a __b** c__"), Markup { spans: vec![span("a __b", true, false), span(" c__", false, false)], unpaired: vec![4, 11] });
    }
}

//! The small inline markup that body text may use: `**bold**` and `__italic__`.
//!
//! Nothing else is special: Typst syntax such as `*a*`, `_b_`, `#x` or `$y$`
//! prints as written, since the text reaches the template as plain strings.
//! A marker without its partner prints as written too.

use serde::Serialize;

/// A run of text with one style.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Span {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
}

const BOLD: &str = "**";
const ITALIC: &str = "__";

/// Splits `text` into styled runs.
pub fn parse(text: &str) -> Vec<Span> {
    let markers = find_markers(text);
    let paired_bold = paired(&markers, BOLD);
    let paired_italic = paired(&markers, ITALIC);

    let (mut bold, mut italic) = (false, false);
    let (mut seen_bold, mut seen_italic) = (0, 0);
    let mut spans = Vec::new();
    let mut current = String::new();
    let mut rest = 0;
    for &(at, marker) in &markers {
        let toggles = if marker == BOLD {
            seen_bold += 1;
            seen_bold <= paired_bold
        } else {
            seen_italic += 1;
            seen_italic <= paired_italic
        };
        if !toggles {
            continue;
        }
        current.push_str(&text[rest..at]);
        if !current.is_empty() {
            spans.push(Span { text: std::mem::take(&mut current), bold, italic });
        }
        if marker == BOLD {
            bold = !bold;
        } else {
            italic = !italic;
        }
        rest = at + marker.len();
    }
    current.push_str(&text[rest..]);
    if !current.is_empty() {
        spans.push(Span { text: current, bold, italic });
    }
    spans
}

/// Every marker, left to right, without overlaps ("***" is one marker and a star).
fn find_markers(text: &str) -> Vec<(usize, &'static str)> {
    let bytes = text.as_bytes();
    let mut markers = Vec::new();
    let mut i = 0;
    while i + 1 < bytes.len() {
        let marker = match &bytes[i..i + 2] {
            b"**" => BOLD,
            b"__" => ITALIC,
            _ => {
                i += 1;
                continue;
            }
        };
        markers.push((i, marker));
        i += 2;
    }
    markers
}

/// How many markers of one kind take part in a pair: an odd last one does not.
fn paired(markers: &[(usize, &str)], kind: &str) -> usize {
    let count = markers.iter().filter(|(_, m)| *m == kind).count();
    count - count % 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(text: &str, bold: bool, italic: bool) -> Span {
        Span { text: text.into(), bold, italic }
    }

    #[test]
    fn bold_and_italic_runs() {
        assert_eq!(
            parse("xong **trước ngày 30/6/2026**."),
            [span("xong ", false, false), span("trước ngày 30/6/2026", true, false), span(".", false, false)]
        );
        assert_eq!(parse("__(Gửi kèm)__"), [span("(Gửi kèm)", false, true)]);
        assert_eq!(
            parse("**a __b__**"),
            [span("a ", true, false), span("b", true, true)]
        );
    }

    #[test]
    fn typst_syntax_and_lone_markers_stay_literal() {
        for text in ["*a*", "_b_", "#panic(\"x\")", "$x$", "a ** b", "snake__case", "[e] // <d> @c \\"] {
            assert_eq!(parse(text), [span(text, false, false)], "{text}");
        }
        assert_eq!(
            parse("**x** and ** alone"),
            [span("x", true, false), span(" and ** alone", false, false)]
        );
    }
}

//! The rules of templates/layout.typ, written once for every document: the
//! decree's header, title and body on every unit's page (the issuer's rule,
//! the header's columns apart, ink clear between lines, rules clear of the
//! marks, the table's heading) and no heading at a page's foot. Over every
//! unit of both campaigns (data/ and examples/de-an-06), their reports,
//! their dispatches, and generated names of 5 to 150 characters.

use crate::common::{Inspection, PT, Run, campaigns, inspect, workspace};
use vanban::commands::Workspace;
use vanban::documents::report::{FormContext, FormView, ReportDocument};
use vanban::model::{Form, SourceFile, Units};

const LEFT: f64 = 35.0;
const RIGHT: f64 = 190.0;
const TOP: f64 = 25.0;
/// The ink of two lines never comes closer than this, in mm.
const CLEAR: f64 = 0.3;
/// Vietnamese capitals with marks stacked over or under them.
const STACKED: &str = "ẶẬẪẨẤẦỆỄỂẾỀỘỖỔỐỒỢỠỞỚỜỰỮỬỨỪỴỸỶÝỲỊ";

/// A fixed stream of numbers: the same names every run.
struct Numbers(u64);

impl Numbers {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// A name of about `length` characters, of words in one of three kinds:
/// ASCII, Vietnamese letters with stacked marks (capitalised or not, so that
/// phrases start anywhere), or long words of 12 to 16 capitals.
fn generated_name(numbers: &mut Numbers, length: usize, kind: usize) -> String {
    let ascii: Vec<char> = ('a'..='z').chain('A'..='Z').collect();
    let stacked: Vec<char> = STACKED.chars().chain(STACKED.to_lowercase().chars()).chain("aăâeêoôơuưy".chars()).collect();
    let long: Vec<char> = STACKED.chars().chain('A'..='V').collect();
    let mut name = String::new();
    while name.chars().count() < length {
        if !name.is_empty() {
            name.push(' ');
        }
        let (letters, size) = match kind % 3 {
            0 => (&ascii, 1 + numbers.below(9)),
            1 => (&stacked, 1 + numbers.below(6)),
            _ => (&long, 12 + numbers.below(5)),
        };
        for _ in 0..size {
            name.push(letters[numbers.below(letters.len())]);
        }
    }
    name.chars().take(length).collect::<String>().trim().to_owned()
}

/// The units of a campaign's units.toml (its text) with generated names,
/// heads and parents, all of its first kind.
fn generated_units(text: &str) -> Units {
    // The first [[unit]] line: comments before it may name the table.
    let head = &text[..text.find("\n[[unit]]").unwrap() + 1];
    let kinds: toml::Table = toml::from_str(head).unwrap();
    let kind = kinds["kind"][0]["key"].as_str().unwrap().to_owned();
    let mut text = head.to_owned();
    let mut numbers = Numbers(769);
    let lengths = [5, 9, 14, 20, 27, 33, 40, 48, 56, 64, 72, 80, 90, 100, 110, 120, 130, 140, 150];
    for (i, &length) in lengths.iter().enumerate() {
        let quote = |s: String| toml::Value::String(s).to_string();
        let name = quote(generated_name(&mut numbers, length, i));
        let head = quote(generated_name(&mut numbers, 5 + length / 3, i + 1));
        text += &format!("[[unit]]\nname = {name}\ncode = \"U{i}\"\nhead = {head}\nkind = \"{kind}\"\n");
        if i % 4 == 3 {
            text += &format!("parent = {}\n", quote(generated_name(&mut numbers, 10 + length / 2, i + 2)));
        }
        text += "\n";
    }
    Units::load(&SourceFile::new("units.toml", text)).unwrap()
}

/// The forms laid out in one document, a form per part.
fn layout_forms(workspace: &Workspace, forms: Vec<FormView>) -> Inspection {
    let date = chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
    inspect(&ReportDocument::new(&workspace.renderer, "test".into(), date, forms).layout(&workspace.renderer).unwrap())
}

fn uppercase_words(text: &str) -> String {
    text.to_uppercase().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Runs grouped into lines by baseline, top to bottom, each joined left to right.
fn lines_of<'a>(runs: impl Iterator<Item = &'a Run>) -> Vec<(f64, Vec<&'a Run>)> {
    let mut runs: Vec<&Run> = runs.collect();
    runs.sort_by(|a, b| (a.baseline, a.x).partial_cmp(&(b.baseline, b.x)).unwrap());
    let mut lines: Vec<(f64, Vec<&Run>)> = Vec::new();
    for run in runs {
        match lines.last_mut() {
            Some((baseline, line)) if (*baseline - run.baseline).abs() < 0.05 => line.push(run),
            _ => lines.push((run.baseline, vec![run])),
        }
    }
    lines
}

fn text_of(line: &[&Run]) -> String {
    line.iter().map(|run| run.text.as_str()).collect::<Vec<_>>().join(" ")
}

/// The header of the part starting on `page`: the issuer's lines break
/// between words and read `issuer`; its rule is 1/3 to 1/2 of the longest
/// line, centred under it and 1 mm clear of its marks; the two columns keep
/// 3 mm of white between their ink and stay within the margins.
fn check_header(page: &Inspection, number: usize, issuer: &str) {
    let on_page = || page.runs.iter().filter(move |run| run.page == number && run.baseline > TOP - 1.0);
    let quoc_hieu = on_page().find(|run| run.text.starts_with("CỘNG HÒA XÃ HỘI")).unwrap();
    let so = on_page().find(|run| run.text.starts_with("Số:")).unwrap();
    let rows = quoc_hieu.baseline - 0.05..=so.baseline + 0.05;
    let header: Vec<&Run> = on_page().filter(|run| rows.contains(&run.baseline)).collect();
    let (left, right): (Vec<&Run>, Vec<&Run>) = header.iter().partition(|run| run.end() <= quoc_hieu.x);
    let gap = right.iter().map(|r| r.ink.x0).fold(f64::MAX, f64::min) - left.iter().map(|r| r.ink.x1).fold(f64::MIN, f64::max);
    assert!(gap >= 3.0, "page {number}: the header's columns {gap:.2} mm apart");
    for run in &header {
        assert!(run.x >= LEFT - 0.01 && run.end() <= RIGHT + 0.01, "page {number}: {run:?} outside the margins");
    }

    let lines = lines_of(left.iter().copied().filter(|run| run.bold && run.size == 12.0));
    let texts: Vec<String> = lines.iter().map(|(_, line)| text_of(line)).collect();
    assert_eq!(texts.join(" "), uppercase_words(issuer), "page {number}: the issuer breaks between words");
    let widths: Vec<(f64, f64)> = lines.iter().map(|(_, line)| (line[0].x, line.last().unwrap().end())).collect();
    let (start, end) = widths.iter().copied().max_by(|a, b| (a.1 - a.0).partial_cmp(&(b.1 - b.0)).unwrap()).unwrap();
    let longest = end - start;
    let last = *lines.last().unwrap().1.last().unwrap();
    let rule = page.rule_under(last);
    let ratio = rule.length / longest;
    assert!((1.0 / 3.0..=0.5).contains(&ratio), "page {number}: issuer rule {ratio:.2} of {texts:?}");
    assert!((rule.x + rule.length / 2.0 - (start + end) / 2.0).abs() < 0.05, "page {number}: rule centred");
    let lowest = lines.iter().flat_map(|(_, line)| line.iter()).map(|r| r.ink.bottom).fold(f64::MIN, f64::max);
    assert!(rule.y - 0.25 * PT - lowest >= 1.0, "page {number}: the issuer's rule {:.2} mm under its ink", rule.y - lowest);
}

/// No two lines of a page touch: the lowest mark of one line stays CLEAR
/// of the highest mark of any line under it that it overlaps.
fn check_ink_apart(page: &Inspection) {
    let inked: Vec<&Run> = page.runs.iter().filter(|run| run.ink.is_some()).collect();
    for upper in &inked {
        for lower in &inked {
            let under = lower.page == upper.page && lower.baseline > upper.baseline + 0.05;
            let overlap = upper.ink.x0 < lower.ink.x1 && lower.ink.x0 < upper.ink.x1;
            if under && overlap {
                let clear = lower.ink.top - upper.ink.bottom;
                assert!(clear >= CLEAR, "page {}: {:?} and {:?} {clear:.2} mm apart", upper.page, upper.text, lower.text);
            }
        }
    }
}

/// The title's rule clears the subject's marks by 1 mm.
fn check_title_rule(page: &Inspection, number: usize, form: &Form) {
    let start: String = form.subject.as_str().split_whitespace().take(2).collect::<Vec<_>>().join(" ");
    let subject = page.runs.iter().find(|run| run.page == number && run.text.starts_with(&start)).unwrap_or_else(|| panic!("page {number}: {start}"));
    let rule = page.rule_under(subject);
    assert!(rule.y - 0.25 * PT - subject.ink.bottom >= 1.0, "page {number}: {rule:?} under {subject:?}");
    let ratio = rule.length / subject.width;
    assert!((1.0 / 3.0..=0.5).contains(&ratio), "page {number}: title rule {ratio:.2}");
}

/// The table's heading, as the campaign's form declares it: a column per
/// form column after "Stt"; each heading line the data breaks ("Chưa |
/// cài đặt") whole in its column, a one-line heading broken only between
/// words and inside its column; each group's heading over its columns; the
/// first column, which takes the rest, `name_mm` wide or more.
fn check_table_heading(page: &Inspection, number: usize, form: &Form, name_mm: f64) {
    let on_page: Vec<&Run> = page.runs.iter().filter(|run| run.page == number).collect();
    let stt = on_page.iter().find(|run| run.text == "Stt").unwrap();
    let mut edges: Vec<f64> = page
        .rules
        .iter()
        .filter(|rule| rule.page == number && rule.length.abs() < 0.01 && rule.y < stt.baseline && rule.y + rule.rise > stt.baseline)
        .map(|rule| (rule.x * 100.0).round() / 100.0)
        .collect();
    edges.sort_by(|a, b| a.partial_cmp(b).unwrap());
    edges.dedup();
    assert_eq!(edges.len(), form.columns.len() + 2, "page {number}: {edges:?}");
    assert!(edges[2] - edges[1] >= name_mm, "page {number}: the name column {:.1} mm", edges[2] - edges[1]);
    // The heading's runs: bold, in the table's head around "Stt".
    let head: Vec<&&Run> = on_page.iter().filter(|run| run.bold && (run.baseline - stt.baseline).abs() < 25.0).collect();
    let inside = |run: &Run, column: usize| run.x >= edges[column] - 0.01 && run.end() <= edges[column + 1] + 0.01;
    let mut wrong = Vec::new();
    for (i, column) in form.columns.iter().enumerate() {
        let printed: Vec<&str> = head.iter().filter(|run| inside(run, i + 1)).map(|run| run.text.as_str()).collect();
        if column.heading.len() > 1 {
            for line in &column.heading {
                if !printed.contains(&line.as_str()) {
                    wrong.push(format!("“{line}” of {} is not whole on a line of its column: {printed:?}", column.key));
                }
            }
        }
        for word in column.heading.iter().flat_map(|line| line.split_whitespace()) {
            if !printed.iter().any(|run| run.split_whitespace().any(|w| w == word)) {
                wrong.push(format!("the word “{word}” of {}'s heading is not whole in its column: {printed:?}", column.key));
            }
        }
        if let Some(group) = &column.group {
            let members: Vec<usize> = (0..form.columns.len()).filter(|&j| form.columns[j].group.as_ref() == Some(group)).collect();
            let (first, last) = (members[0] + 1, members[members.len() - 1] + 1);
            let over = head.iter().any(|run| run.text == *group && run.x >= edges[first] && run.end() <= edges[last + 1] && run.baseline < stt.baseline);
            assert!(over, "page {number}: “{group}” over its columns");
        }
    }
    assert!(wrong.is_empty(), "page {number}: the table's heading breaks where its data does not:\n{}", wrong.join("\n"));
}

/// The first column's least width in a campaign's data `folder`: the
/// first campaign's four other columns leave its names 48 mm; the second's
/// five leave less, but room for a word of its names.
fn name_mm(folder: &std::path::Path) -> f64 {
    if folder.ends_with("data") { 48.0 } else { 25.0 }
}

#[test]
fn every_units_blank_form_and_generated_names_keep_the_header_rules() {
    for (folder, workspace) in campaigns() {
        let (dispatch, form) = (workspace.form_dispatch().unwrap(), workspace.form().unwrap());
        let generated = generated_units(&std::fs::read_to_string(folder.join("units.toml")).unwrap());
        for units in [workspace.units().unwrap(), &generated] {
            let forms = units.units.iter().map(|unit| FormContext { units, form, dispatch }.blank(Some(unit))).collect();
            let page = layout_forms(&workspace, forms);
            let starts: Vec<usize> = page.runs.iter().filter(|run| run.text.starts_with("CỘNG HÒA XÃ HỘI")).map(|run| run.page).collect();
            assert_eq!(starts.len(), units.units.len(), "{}", folder.display());
            for (unit, &number) in units.units.iter().zip(&starts) {
                check_header(&page, number, &format!("Đơn vị: {}", unit.name));
                check_title_rule(&page, number, form);
                check_table_heading(&page, number, form, name_mm(&folder));
            }
            check_ink_apart(&page);
        }
    }
}

#[test]
fn a_word_wider_than_the_column_is_cut_inside_it() {
    let workspace = workspace();
    let (dispatch, form) = (workspace.form_dispatch().unwrap(), workspace.form().unwrap());
    let text = include_str!("../data/units.toml");
    let word = "ẶẬẪẨẤẦỆỄỂẾỀỘỖỔỐỒ".repeat(4);
    let text = format!("{}[[unit]]\nname = \"{word}\"\ncode = \"U\"\nhead = \"{word}\"\nkind = \"agency\"\n", &text[..text.find("[[unit]]").unwrap()]);
    let units = Units::load(&SourceFile::new("units.toml", text)).unwrap();
    let page = layout_forms(&workspace, vec![FormContext { units: &units, form, dispatch }.blank(units.units.first())]);
    assert_eq!(page.pages.len(), 1);
    let quoc_hieu = page.run("CỘNG HÒA XÃ HỘI");
    let so = page.run("Số:");
    let cut: Vec<&Run> = page.runs.iter().filter(|run| run.bold && run.size == 12.0 && run.end() <= quoc_hieu.x && run.baseline < so.baseline).collect();
    assert!(cut.len() >= 3, "{cut:?}");
    let joined: String = cut.iter().map(|run| run.text.as_str()).collect();
    assert_eq!(joined, format!("ĐƠN VỊ:{word}"));
    for run in &cut {
        assert!(run.x >= LEFT && quoc_hieu.ink.x0 - run.ink.x1 >= 3.0, "{run:?}");
    }
    check_ink_apart(&page);
}

#[test]
fn the_latest_reports_and_the_dispatch_keep_the_header_rules() {
    for (folder, workspace) in campaigns() {
        let (units, form) = (workspace.units().unwrap(), workspace.form().unwrap());
        let dispatch = workspace.form_dispatch().unwrap();
        // The latest period's reports: July for the first campaign, November for the second.
        let latest = workspace.report_months().unwrap().0.pop().unwrap();
        let reports = workspace.reports(&latest).unwrap();
        assert!(reports.len() >= 5, "{latest}");
        let forms = reports.iter().map(|checked| FormContext { units, form, dispatch }.filled(&checked.report)).collect();
        let page = layout_forms(&workspace, forms);
        let starts: Vec<usize> = page.runs.iter().filter(|run| run.text.starts_with("CỘNG HÒA XÃ HỘI")).map(|run| run.page).collect();
        assert_eq!(starts.len(), reports.len());
        for (checked, &number) in reports.iter().zip(&starts) {
            let unit = units.find(&checked.report.unit).unwrap();
            check_header(&page, number, &format!("Đơn vị: {}", unit.name));
            check_title_rule(&page, number, form);
            check_table_heading(&page, number, form, name_mm(&folder));
        }
        check_ink_apart(&page);

        // The campaign's one dispatch, its issuer as its file names it.
        let dispatches = workspace.dispatches().unwrap();
        assert_eq!(dispatches.len(), 1, "{}", folder.display());
        let (stem, dispatch) = &dispatches[0];
        let file: toml::Table = toml::from_str(&std::fs::read_to_string(folder.join(format!("{stem}.toml"))).unwrap()).unwrap();
        let issuer: Vec<&str> = file["issuer"]["name"].as_array().unwrap().iter().map(|n| n.as_str().unwrap()).collect();
        let mut page = inspect(&dispatch.layout(&workspace.renderer).unwrap());
        // The decree's pages: the dispatch and its appendix, not the guide.
        let guide = page.run("HƯỚNG DẪN").page;
        page.runs.retain(|run| run.page < guide);
        check_header(&page, 1, &issuer.join(" "));
        let appendix = page.run("Phụ lục 01").page;
        check_header(&page, appendix, "Đơn vị: ....................");
        check_table_heading(&page, appendix, form, name_mm(&folder));
        check_ink_apart(&page);
    }
}

/// Whether a line is a numbered heading ("2. Cài đặt…") or a lettered
/// point ("a) Đối với…").
fn is_heading(line: &[&Run]) -> bool {
    let text = text_of(line);
    let numbered = line[0].bold && text.split_once(". ").is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
    let lettered = text.split_once(") ").is_some_and(|(l, _)| l.chars().count() == 1 && l.chars().all(char::is_lowercase));
    numbered || lettered
}

#[test]
fn no_heading_ends_a_page() {
    let workspace = workspace();
    let text = include_str!("../data/cong-van-769.toml");
    // The dispatch alone, pushed down a line at a time so that each heading
    // meets the foot of a page in one variant or another.
    let text = text[..text.find("[[appendix]]").unwrap()].replace("enclosures = [\"install-guide\"]", "");
    let first = text.find("[[body]]").unwrap();
    let mut headings = 0;
    for extra in 0..12 {
        let padding = "[[body]]\nparagraph = \"Dòng thêm.\"\n\n".repeat(extra);
        let source = SourceFile::new("cong-van.toml", format!("{}{padding}{}", &text[..first], &text[first..]));
        let checked = workspace.check_dispatch(&source, &|_| unreachable!()).unwrap();
        let page = inspect(&checked.layout(&workspace.renderer).unwrap());
        for number in 1..=page.pages.len() {
            let lines = lines_of(page.runs.iter().filter(|run| run.page == number && run.baseline > TOP));
            for (i, (_, line)) in lines.iter().enumerate() {
                if is_heading(line) {
                    headings += 1;
                    let following = lines.len() - i - 1;
                    assert!(following >= 2, "{extra} lines added: {:?} has {following} lines under it on page {number}", text_of(line));
                }
            }
        }
    }
    assert!(headings >= 12 * 10, "{headings} headings seen");
}

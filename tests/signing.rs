//! Ready to sign: PDF/A-2b, an empty signature field a signing tool fills in
//! place, and the signer's signature and seal images where the decree puts them.

use std::path::Path;

use crate::common::{self, TempDir, check_fails, copy_data, inspect, tool, vanban};
use vanban::commands::Workspace;
use vanban::data::DataDir;

/// A blue signature stroke on a transparent background, `w`×`h` pixels.
fn signature_png(path: &Path, w: u32, h: u32) {
    let image = image::RgbaImage::from_fn(w, h, |x, y| {
        let on = (y as i64 - (h as i64 / 2 + ((x as f64 / 9.0).sin() * h as f64 / 4.0) as i64)).abs() < 3;
        if on { image::Rgba([20, 40, 200, 255]) } else { image::Rgba([0, 0, 0, 0]) }
    });
    image.save(path).unwrap();
}

/// A red ring on a transparent background.
fn seal_png(path: &Path, size: u32) {
    let c = size as f64 / 2.0;
    let image = image::RgbaImage::from_fn(size, size, |x, y| {
        let r = ((x as f64 - c).powi(2) + (y as f64 - c).powi(2)).sqrt();
        if (r - c * 0.85).abs() < c * 0.08 { image::Rgba([220, 20, 20, 230]) } else { image::Rgba([0, 0, 0, 0]) }
    });
    image.save(path).unwrap();
}

/// The data with signature and seal images for the signers of the dispatch
/// and of the summary.
fn with_stamps(dir: &TempDir) -> std::path::PathBuf {
    let data = copy_data(dir);
    signature_png(&data.join("chu-ky.png"), 400, 160);
    seal_png(&data.join("dau.png"), 300);
    for (file, signer) in [("cong-van-769.toml", "Nguyễn Văn Hậu"), ("tong-hop.toml", "Hoàng Minh Tuấn")] {
        let path = data.join(file);
        let name = format!("name = \"{signer}\"");
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(&name), "{file}");
        let text = text.replace(&name, &format!("{name}\nsignature_image = \"chu-ky.png\"\nseal_image = \"dau.png\""));
        std::fs::write(path, text).unwrap();
    }
    data
}

/// Signs the field ChuKy_NguoiKy of `pdf` with pyHanko into `signed`, and
/// asserts that pyHanko judges the signature valid over the whole file.
fn sign_and_validate(pdf: &Path, signed: &Path, certificate: &(std::path::PathBuf, std::path::PathBuf)) {
    let what = pdf.display();
    common::sign(pdf, signed, certificate);
    let cert = &certificate.1;
    let validate = std::process::Command::new("pyhanko").args(["sign", "validate", "--pretty-print", "--trust"]).arg(cert).arg(signed).output().unwrap();
    let report = String::from_utf8_lossy(&validate.stdout);
    assert!(validate.status.success(), "{what}: {report}");
    assert!(report.contains("The signature is cryptographically sound"), "{what}: {report}");
    assert!(report.contains("The signature covers the entire file"), "{what}: {report}");
    assert!(report.contains("The signature is judged VALID"), "{what}: {report}");
}

/// Every PDF under `dir`, as paths relative to it.
fn pdfs_under(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        if path.is_dir() {
            found.extend(pdfs_under(&path).into_iter().map(|inner| format!("{name}/{inner}")));
        } else if name.ends_with(".pdf") {
            found.push(name);
        }
    }
    found
}

#[test]
fn every_option_gives_a_sound_pdf_and_a_field_that_signs() {
    let dir = TempDir::new("options");
    let stamped = with_stamps(&dir);
    let certificate = common::certificate(&dir, "Nguyen Van Hau");
    let mut signed = 0;
    for pdfa in [true, false] {
        for sign_field in [true, false] {
            for images in [true, false] {
                let out = format!("out-{pdfa}-{sign_field}-{images}");
                // Without --data: the built-in data, which has no images.
                let mut args = vec!["build", "--out", &out];
                if images {
                    args.extend(["--data", stamped.to_str().unwrap()]);
                }
                for (on, option) in [(!pdfa, "--no-pdfa"), (!sign_field, "--no-sign-field")] {
                    if on {
                        args.push(option);
                    }
                }
                let (ok, _, stderr) = vanban(&dir.0, &args);
                assert!(ok, "{args:?}: {stderr}");
                let files = pdfs_under(&dir.join(&out));
                assert!(files.len() >= 30, "{files:?}");
                for file in &files {
                    let pdf = dir.join(&format!("{out}/{file}"));
                    let what = format!("{out}/{file}");
                    let check = std::process::Command::new("qpdf").arg("--check").arg(&pdf).output().unwrap();
                    assert!(check.status.success(), "{what}: {check:?}");
                    let bytes = std::fs::read(&pdf).unwrap();
                    assert_eq!(String::from_utf8_lossy(&bytes).contains("<pdfaid:part>2</pdfaid:part>"), pdfa, "{what}");
                    // Documents whose signature block names a signer: dispatches,
                    // filled reports, summaries, reminders. Blank forms, guide and flyer have none.
                    let has_signer = ["cong-van-", "bao-cao/", "tong-hop/", "don-doc/"].iter().any(|kind| file.starts_with(kind));
                    // Each unit's blank form is filled in the file: always a form.
                    let fillable = file.starts_with("bieu-mau/") && file != "bieu-mau/tat-ca.pdf";
                    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
                    let form = if (sign_field && has_signer) || fillable { "Form:            AcroForm" } else { "Form:            none" };
                    assert!(info.contains(form), "{what}: {info}");
                }
                if !sign_field {
                    continue;
                }
                // One document of each kind that has a field; reports carry no images.
                for file in ["cong-van-769.pdf", "tong-hop/2026-07.pdf", "bao-cao/2026-07/thon-1.pdf"] {
                    if file.starts_with("bao-cao/") && !images {
                        continue;
                    }
                    sign_and_validate(&dir.join(&format!("{out}/{file}")), &dir.join(&format!("signed-{signed}.pdf")), &certificate);
                    signed += 1;
                }
            }
        }
    }
    assert_eq!(signed, 10);
}

#[test]
fn documents_are_pdfa_2b_with_their_metadata() {
    let dir = TempDir::new("pdfa");
    let (ok, _, stderr) = vanban(&dir.0, &["build"]);
    assert!(ok, "{stderr}");
    for file in ["cong-van-769.pdf", "bao-cao/2026-07/thon-1.pdf", "tong-hop/2026-07.pdf"] {
        let pdf = dir.join(&format!("out/{file}"));
        let bytes = std::fs::read(&pdf).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>"), "{file}");
        assert!(text.contains("/OutputIntents"), "{file}");
        let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
        assert!(info.contains("Form:            AcroForm") && info.contains("JavaScript:      no") && info.contains("Tagged:          yes"), "{info}");
    }
    let info = tool("pdfinfo", &[dir.join("out/cong-van-769.pdf").to_str().unwrap()]);
    assert!(info.contains("Title:           Công văn số 769/UBND-VHXH"), "{info}");
}

/// The box of what differs between two renderings of a page at 150 dpi,
/// in points from the top left: what signing drew.
fn drawn_box(before: &Path, after: &Path, page: usize, scratch: &TempDir) -> (f64, f64, f64, f64) {
    let gray = |pdf: &Path, name: &str| -> (usize, Vec<u8>) {
        let prefix = scratch.join(name);
        let page = page.to_string();
        tool("pdftoppm", &["-r", "150", "-gray", "-singlefile", "-f", &page, "-l", &page, pdf.to_str().unwrap(), prefix.to_str().unwrap()]);
        let bytes = std::fs::read(prefix.with_extension("pgm")).unwrap();
        // P5, width, height, 255, then one byte a pixel.
        let mut header = bytes.splitn(5, |b| b.is_ascii_whitespace());
        let width: usize = std::str::from_utf8(header.nth(1).unwrap()).unwrap().parse().unwrap();
        (width, bytes[bytes.len() - width * std::str::from_utf8(header.next().unwrap()).unwrap().parse::<usize>().unwrap()..].to_vec())
    };
    let ((width, a), (_, b)) = (gray(before, "before"), gray(after, "after"));
    let (mut x0, mut y0, mut x1, mut y1) = (usize::MAX, usize::MAX, 0, 0);
    for (i, _) in a.iter().zip(&b).enumerate().filter(|(_, (a, b))| a != b) {
        let (x, y) = (i % width, i / width);
        (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x + 1), y1.max(y + 1));
    }
    assert!(x1 > 0, "signing drew nothing");
    let pt = |pixel: usize| pixel as f64 * 72.0 / 150.0;
    (pt(x0), pt(y0), pt(x1), pt(y1))
}

#[test]
fn the_signing_stamp_lies_clear_of_the_lines_around_it() {
    let dir = TempDir::new("field-place");
    copy_data(&dir);
    let (ok, _, stderr) = vanban(&dir.0, &["build"]);
    assert!(ok, "{stderr}");
    let certificate = common::certificate(&dir, "nguoi-ky");
    let mm = 72.0 / 25.4;
    // The dispatch: the signer's title above, the name below; a unit's
    // report: "(Ký tên, đóng dấu)" above.
    for (pdf, above, below) in [("out/cong-van-769.pdf", "PHÓ", "Hậu"), ("out/bao-cao/2026-07/thon-2.pdf", "(Ký", "Hoa")] {
        let (pdf, signed) = (dir.join(pdf), dir.join("ky.pdf"));
        common::sign(&pdf, &signed, &certificate);
        let words = common::word_boxes(&signed);
        let above = words.iter().find(|w| w.word == above).unwrap();
        let below = words.iter().find(|w| w.word == below).unwrap();
        // pyHanko's default stamp: its box, with its border, where the page changed.
        let (x0, top, x1, bottom) = drawn_box(&pdf, &signed, below.page, &dir);
        assert!(top - above.y1 >= 2.0 * mm, "{}: the stamp's top {top:.1} pt, {:.2} mm under {above:?}", pdf.display(), (top - above.y1) / mm);
        assert!(below.y0 - bottom >= 2.0 * mm, "{}: the stamp's bottom {bottom:.1} pt, {:.2} mm over {below:?}", pdf.display(), (below.y0 - bottom) / mm);
        // Still the room to sign in: over the name's column, 24 mm high.
        assert!(bottom - top >= 23.5 * mm && x0 < below.x0 && x1 > below.x1, "{}: {x0} {top} {x1} {bottom}", pdf.display());
    }
}

#[test]
fn signature_and_seal_land_where_the_decree_puts_them() {
    let dir = TempDir::new("stamps");
    let data = with_stamps(&dir);
    let workspace = Workspace::open(DataDir::Folder(data.clone()), &[], None).unwrap();
    let dispatches = workspace.dispatches().unwrap();
    let document = dispatches[0].1.layout(&workspace.renderer).unwrap();
    let page = inspect(&document);
    let title = page.run("PHÓ CHỦ TỊCH");
    let name = page.run("Nguyễn Văn Hậu");
    let on_page: Vec<_> = page.pictures.iter().filter(|p| p.page == title.page).collect();
    let signature = on_page.iter().find(|p| (p.height - 20.0).abs() < 0.01).expect("the signature, 20 mm high");
    let seal = on_page.iter().find(|p| (p.width - 36.0).abs() < 0.01).expect("the seal at its real 36 mm");
    let centre = signature.x + signature.width / 2.0;
    assert!((centre - title.centre()).abs() < 0.05, "signature centred under the title");
    assert!(signature.y > title.baseline && signature.y + signature.height < name.baseline - 5.0, "between title and name");
    let seal_centre = seal.x + seal.width / 2.0;
    assert!((seal_centre - (signature.x + signature.width / 6.0)).abs() < 0.05, "the seal on the signature's left third");
    assert!((seal.y + seal.height / 2.0 - (signature.y + signature.height / 2.0)).abs() < 0.05);

    // The seal prints whole: its red ring (outer diameter 0.93 × 36 mm), on
    // the rendered page, is as tall as it is wide, reaching over the 30 mm
    // room into the title and the name.
    let pixel_per_pt = 4.0;
    let options = typst_render::RenderOptions { pixel_per_pt: pixel_per_pt.into(), render_bleed: false };
    let pixmap = typst_render::render(&document.pages()[title.page - 1], &options);
    let mm = |pixel: usize| pixel as f64 / pixel_per_pt * 25.4 / 72.0;
    let (mut top, mut bottom, mut left, mut right) = (usize::MAX, 0, usize::MAX, 0);
    for (i, rgba) in pixmap.data().chunks(4).enumerate() {
        if rgba[0] > 150 && rgba[1] < 100 && rgba[2] < 100 {
            let (x, y) = (i % pixmap.width() as usize, i / pixmap.width() as usize);
            (top, bottom, left, right) = (top.min(y), bottom.max(y), left.min(x), right.max(x));
        }
    }
    let (height, width) = (mm(bottom + 1 - top), mm(right + 1 - left));
    assert!((height - 0.93 * 36.0).abs() < 0.3 && (width - height).abs() < 0.3, "the ring is {width:.2} × {height:.2} mm");
    assert!(mm(top) < title.baseline && mm(bottom) > name.baseline - 4.0, "over the title and the name");
    // Placed, it moves nothing: the name stands where it does without images.
    let plain = common::workspace();
    let dispatches = plain.dispatches().unwrap();
    let (_, dispatch) = dispatches.iter().find(|(stem, _)| stem == "cong-van-769").unwrap();
    let plain = inspect(&dispatch.layout(&plain.renderer).unwrap());
    let unstamped = plain.run("Nguyễn Văn Hậu");
    assert_eq!((unstamped.page, unstamped.baseline), (name.page, name.baseline));

    let (ok, _, stderr) = vanban(&dir.0, &["build", "--data", "data"]);
    assert!(ok, "{stderr}");
    let (ok, _, stderr) = vanban(&dir.0, &["build", "--data", "data", "--out", "again"]);
    assert!(ok, "{stderr}");
    assert!(std::fs::read(dir.join("out/cong-van-769.pdf")).unwrap() == std::fs::read(dir.join("again/cong-van-769.pdf")).unwrap());
}

#[test]
fn images_that_are_not_transparent_pngs_are_refused() {
    let dir = TempDir::new("bad-stamps");
    let data = with_stamps(&dir);
    // Each case: its name, how its image is made, and what the check says.
    type Made = Box<dyn Fn(&Path)>;
    let cases: [(&str, Made, &str); 3] = [
        ("jpeg", Box::new(|p: &Path| std::fs::write(p, b"\xff\xd8\xff\xe0not a png").unwrap()), "tệp ảnh không phải PNG"),
        (
            "opaque",
            Box::new(|p: &Path| image::RgbImage::from_pixel(50, 20, image::Rgb([255, 255, 255])).save_with_format(p, image::ImageFormat::Png).unwrap()),
            "không có nền trong suốt",
        ),
        ("huge", Box::new(|p: &Path| image::RgbaImage::new(5000, 10).save_with_format(p, image::ImageFormat::Png).unwrap()), "quá giới hạn 4000 điểm ảnh"),
    ];
    for (name, write, expected) in cases {
        write(&data.join("chu-ky.png"));
        let (ok, _, stderr) = vanban(&dir.0, &["check", "--data", "data"]);
        assert!(!ok, "{name}");
        assert!(stderr.contains("cong-van-769.toml, dòng") && stderr.contains("signer.signature_image") && stderr.contains(expected), "{name}: {stderr}");
    }
}

#[test]
fn a_seal_of_an_odd_size_and_an_image_too_heavy_are_refused() {
    let dir = TempDir::new("seal");
    let data = copy_data(&dir);
    let path = data.join("cong-van-769.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("name = \"Nguyễn Văn Hậu\"", "name = \"Nguyễn Văn Hậu\"\nseal_mm = 80")).unwrap();
    assert!(check_fails(&dir).contains("đường kính con dấu 80 mm không hợp lý"));

    // Noise does not compress: a PNG of a few megabytes.
    let mut state = 1u32;
    let noise = image::RgbaImage::from_fn(1200, 1200, |_, _| {
        state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        image::Rgba(state.to_le_bytes())
    });
    noise.save(data.join("nang.png")).unwrap();
    std::fs::write(&path, text.replace("name = \"Nguyễn Văn Hậu\"", "name = \"Nguyễn Văn Hậu\"\nsignature_image = \"nang.png\"")).unwrap();
    let stderr = check_fails(&dir);
    assert!(stderr.contains("signer.signature_image: ảnh nặng") && stderr.contains("quá giới hạn 2048 KB"), "{stderr}");
}

#[test]
fn attachments_issued_as_files_carry_the_signing_line() {
    let dir = TempDir::new("signed-at");
    let (ok, _, stderr) = vanban(&dir.0, &["forms", "--signed-at", "2026-06-01T09:30:00+07:00"]);
    assert!(ok, "{stderr}");
    let (ok, _, stderr) = vanban(&dir.0, &["guide", "--signed-at", "2026-06-01T02:30:00Z"]);
    assert!(ok, "{stderr}");
    for (file, top_margin) in [("out/bieu-mau/thon-1.pdf", 25.0), ("out/huong-dan.pdf", 20.0)] {
        let words = common::word_boxes(&dir.join(file));
        let number = words.iter().find(|w| w.word == "769/UBND-VHXH").unwrap_or_else(|| panic!("{file}"));
        let time = words.iter().find(|w| w.word == "2026-06-01T09:30:00+07:00").unwrap_or_else(|| panic!("{file}"));
        assert_eq!((number.page, time.page), (1, 1));
        let right = 595.28 - 20.0 * 72.0 / 25.4;
        assert!((number.x1 - right).abs() < 0.5 && (time.x1 - right).abs() < 0.5, "{file}: at the right margin");
        assert!(time.y1 < top_margin * 72.0 / 25.4 && number.y0 < time.y0, "{file}: in the top margin, number first");
        // poppler boxes a line of Liberation Serif about 0.9 em high: 9 pt at 10 pt, 11 at 12.
        assert!(((time.y1 - time.y0) - 9.0).abs() < 0.4, "{file}: 10 pt: {time:?}");
    }
    let (ok, _, stderr) = vanban(&dir.0, &["forms", "--signed-at", "01/06/2026 9:30"]);
    assert!(!ok && stderr.contains("theo ISO 8601 có múi giờ"), "{stderr}");
}

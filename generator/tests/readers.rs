//! The page readers on the seed pages, the real pages of the corpus and bad input: pages in,
//! documents (tables with their rows and source lines) or read errors out.

use generator::source::{self, Block, DEFAULT_MAX_PAGE_BYTES, Document, ReadError, Table};
use generator::spec::PageFormat;
use std::path::{Path, PathBuf};

fn workspace() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the generator crate sits in the workspace")
}

fn read(bytes: &[u8]) -> Document {
    source::read(bytes, DEFAULT_MAX_PAGE_BYTES).expect("the page reads")
}

fn read_seed(path: &str) -> Document {
    let path = workspace().join("generator/tests/fixtures/pages").join(path);
    read(&std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

fn tables(doc: &Document) -> Vec<&Table> {
    doc.blocks
        .iter()
        .filter_map(|block| match block {
            Block::Table(table) => Some(table),
            _ => None,
        })
        .collect()
}

/// What a test expects of a table: header, row count, and the first cell and line of its first
/// and last rows.
#[derive(Debug, PartialEq)]
struct Shape {
    header: Vec<String>,
    line: u32,
    rows: usize,
    first: (String, u32),
    last: (String, u32),
}

fn shape(header: &[&str], line: u32, rows: usize, first: (&str, u32), last: (&str, u32)) -> Shape {
    Shape {
        header: header.iter().map(|cell| cell.to_string()).collect(),
        line,
        rows,
        first: (first.0.to_owned(), first.1),
        last: (last.0.to_owned(), last.1),
    }
}

fn shapes(doc: &Document) -> Vec<Shape> {
    tables(doc)
        .into_iter()
        .map(|table| {
            let name_line = |row: Option<&source::Row>| {
                row.map(|row| (row.cells.first().cloned().unwrap_or_default(), row.line)).unwrap_or_default()
            };
            Shape {
                header: table.header.clone(),
                line: table.line,
                rows: table.rows.len(),
                first: name_line(table.rows.first()),
                last: name_line(table.rows.last()),
            }
        })
        .collect()
}

#[test]
fn seed_000_qingcloud_markdown_with_front_matter() {
    let doc = read_seed("qingcloud/DescribeImages.md");
    assert_eq!(doc.format, PageFormat::Markdown);
    assert_eq!(doc.front_matter.get("title").map(String::as_str), Some("DescribeImages"));
    let request = ["Parameter name", "Type", "Description", "Required"];
    let response = ["Name", "Type", "Description"];
    assert_eq!(
        shapes(&doc),
        [
            shape(&request, 15, 11, ("images.n", 17), ("zone", 27)),
            shape(&response, 33, 4, ("action", 35), ("ret_code", 38)),
            shape(&response, 42, 15, ("image_id", 44), ("status_time", 58)),
        ]
    );
    assert_eq!(tables(&doc)[0].rows[10].cells, ["zone", "String", "区域 ID，注意要小写", "Yes"]);
}

#[test]
fn seed_001_tencent_markdown() {
    let doc = read_seed("tencent/DescribeImages.md");
    assert_eq!(doc.format, PageFormat::Markdown);
    let response = ["参数名称", "类型", "描述"];
    assert_eq!(
        shapes(&doc),
        [
            shape(
                &["镜像名称", "unImgId/unImageId"],
                25,
                38,
                ("CentOS 5.8 32位", 27),
                ("Windows Server 2016 R2 数据中心版 64位中文版", 64)
            ),
            shape(&["参数名称", "是否必选", "类型", "描述"], 72, 5, ("imageType", 74), ("limit", 78)),
            shape(&response, 82, 4, ("code", 84), ("imageSet", 87)),
            shape(&response, 92, 8, ("unImgId", 94), ("status", 101)),
        ]
    );
}

#[test]
fn seed_002_text_one_cell_per_line() {
    let doc = read_seed("qingcloud-private/DescribeImages.txt");
    assert_eq!(doc.format, PageFormat::Text);
    let response = ["参数名", "类型", "描述"];
    assert_eq!(
        shapes(&doc),
        [
            shape(&["参数名", "类型", "描述", "是否必须"], 21, 8, ("images.n", 23), ("verbose", 66)),
            shape(&response, 74, 2, ("image_set", 76), ("total_count", 82)),
            shape(&response, 90, 16, ("image_id", 92), ("tags", 212)),
        ]
    );
    let items = &tables(&doc)[2].rows;
    // A description with bullets stays one cell; bullets are written `- item`.
    assert_eq!(items[7].cells[0], "visibility");
    assert_eq!(
        items[7].cells[2],
        "镜像的可见范围,取值说明如下。\n- public 对所有人可见,例如系统提供的镜像\n- private 只对镜像所有者可见,例如用户的自有镜像"
    );
    // The sentence that introduces the last table is not part of the table before it.
    assert_eq!(tables(&doc)[1].rows[1].cells[2], "根据过滤条件得到的镜像总数");
    let has = |wanted: &dyn Fn(&Block) -> bool| doc.blocks.iter().any(wanted);
    assert!(has(&|b| matches!(b, Block::Paragraph { text, line: 11 } if text == "/iaas")));
    assert!(has(&|b| matches!(b, Block::Heading(h) if h.text == "请求示例" && h.line == 228)));
    assert!(has(&|b| matches!(b, Block::Code { text, line: 235, .. }
        if text.starts_with('{') && text.ends_with('}') && text.lines().count() == 28)));
}

#[test]
fn seed_003_aliyun_cells_over_several_lines() {
    let doc = read_seed("aliyun/DescribeImages.md");
    assert_eq!(doc.format, PageFormat::Markdown);
    assert_eq!(
        shapes(&doc),
        [
            shape(
                &["名称", "类型", "是否必选", "示例值", "描述"],
                17,
                26,
                ("Action", 19),
                ("ResourceGroupId", 95)
            ),
            shape(&["名称", "类型", "示例值", "描述"], 99, 45, ("Images", 101), ("TotalCount", 167)),
            shape(&["HttpCode", "错误码", "错误信息", "描述"], 305, 10, ("400", 307), ("500", 316)),
        ]
    );
    let request = &tables(&doc)[0].rows;
    // Row 21 has no closing pipe and runs over lines 21-30, a blank line included.
    let status = &request[2];
    assert_eq!((status.cells[0].as_str(), status.line), ("Status", 21));
    assert!(
        status.cells[4].starts_with("查询某种状态下的镜像。取值范围：\n- Creating"),
        "{:?}",
        status.cells[4]
    );
    assert!(status.cells[4].lines().count() >= 5, "{:?}", status.cells[4]);
    assert_eq!((request[3].cells[0].as_str(), request[3].line), ("ImageId", 31));
    // Escaped asterisks are text.
    assert_eq!(request[25].cells[3], "rg-bp67acfmxazb4p****");
}

#[test]
fn seed_004_jdcloud_bold_names_and_div_headings() {
    let doc = read_seed("jdcloud/describeImages.md");
    let shapes = shapes(&doc);
    assert_eq!(shapes.len(), 12);
    let parameters = ["名称", "类型", "是否必需", "默认值", "描述"];
    assert_eq!(shapes[0], shape(&parameters, 16, 1, ("regionId", 18), ("regionId", 18)));
    assert_eq!(shapes[1], shape(&parameters, 21, 9, ("ids", 23), ("pageSize", 31)));
    assert_eq!(shapes[11], shape(&["返回码", "描述"], 126, 6, ("200", 128), ("503", 133)));
    let anchors: Vec<&str> = doc
        .blocks
        .iter()
        .filter_map(|block| match block {
            Block::Heading(heading) => heading.anchor.as_deref(),
            _ => None,
        })
        .collect();
    assert!(anchors.contains(&"result"), "{anchors:?}");
}

/// The corpus of real pages, when it is there (it lives beside the repository).
fn corpus_pages() -> Option<Vec<PathBuf>> {
    let root = workspace().join("../shared/corpus");
    if !root.is_dir() {
        println!("note: no corpus at {}, skipped", root.display());
        return None;
    }
    let mut pages = Vec::new();
    let mut folders = vec![root];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("the corpus folder lists") {
            let path = entry.expect("the corpus entry reads").path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if path.is_dir() && name != "truth" {
                folders.push(path);
            } else if (name.ends_with(".md") || name.ends_with(".txt") || name.ends_with(".html"))
                && name != "README.md"
            {
                pages.push(path);
            }
        }
    }
    pages.sort();
    Some(pages)
}

#[test]
fn every_corpus_page_reads_with_a_table() {
    let Some(pages) = corpus_pages() else { return };
    assert!(pages.len() > 100, "{} pages", pages.len());
    for page in &pages {
        let bytes = std::fs::read(page).expect("the page reads from disk");
        let doc = source::read(&bytes, DEFAULT_MAX_PAGE_BYTES)
            .unwrap_or_else(|e| panic!("{}:{}: {e}", page.display(), e.line()));
        let tables = tables(&doc);
        assert!(!tables.is_empty(), "{}: no table", page.display());
        for table in tables {
            assert!(!table.header.is_empty(), "{}:{}: a table without header", page.display(), table.line);
            let mut last = table.line;
            for row in &table.rows {
                assert!(row.line > last, "{}:{}: row lines go backwards", page.display(), row.line);
                last = row.line;
            }
        }
    }
}

/// The rows of every table as (first cell, row count per table), to compare two renderings.
fn row_names(doc: &Document) -> Vec<Vec<String>> {
    tables(doc).iter().map(|t| t.rows.iter().map(|r| r.cells[0].clone()).collect()).collect()
}

#[test]
fn text_renderings_give_the_tables_of_their_markdown_pages() {
    let Some(pages) = corpus_pages() else { return };
    let texts: Vec<&PathBuf> = pages.iter().filter(|p| p.extension().is_some_and(|e| e == "txt")).collect();
    assert!(!texts.is_empty());
    for text in texts {
        let markdown = text.with_extension("md");
        let from_text = read(&std::fs::read(text).expect("the text page reads"));
        let from_markdown = read(&std::fs::read(&markdown).expect("the Markdown page reads"));
        assert_eq!(from_text.format, PageFormat::Text, "{}", text.display());
        assert_eq!(row_names(&from_text), row_names(&from_markdown), "{}", text.display());
        // Required cells close their rows, so the request table has all four cells in each row.
        let request = tables(&from_text)[0];
        assert!(request.rows.iter().all(|row| row.cells.len() == 4), "{}", text.display());
    }
}

#[test]
fn text_rows_keep_multi_line_descriptions_and_required_cells() {
    let page = "RunInstances\n创建云服务器。\nRequest Parameters\nParameter name\nType\nDescription\n\
                Required\nimage_id\nString\n镜像ID\nYes\ncount\nInteger\n创建数量，默认是1\n注解\n\
                同时创建的云服务器配置相同\nNo\nzone\nString\n区域 ID\nYes\n公共参数\nResponse Elements\n";
    let doc = read(page.as_bytes());
    assert_eq!(doc.front_matter.get("title").map(String::as_str), Some("RunInstances"));
    let table = tables(&doc)[0];
    assert_eq!(table.line, 4);
    let rows: Vec<(Vec<&str>, u32)> =
        table.rows.iter().map(|r| (r.cells.iter().map(String::as_str).collect(), r.line)).collect();
    assert_eq!(
        rows,
        [
            (vec!["image_id", "String", "镜像ID", "Yes"], 8),
            (vec!["count", "Integer", "创建数量，默认是1\n注解\n同时创建的云服务器配置相同", "No"], 12),
            (vec!["zone", "String", "区域 ID", "Yes"], 18),
        ]
    );
    assert!(
        matches!(doc.blocks.last(), Some(Block::Heading(h)) if h.text == "Response Elements" && h.line == 23)
    );
}

#[test]
fn formats_are_detected_from_content() {
    let cases: [(&str, PageFormat); 6] = [
        ("---\ntitle: X\n---\n\n|a|b|\n|-|-|\n|1|2|\n", PageFormat::Markdown),
        ("# X\n\n|a|b|\n|-|-|\n|1|2|\n", PageFormat::Markdown),
        ("说明\n\n<table><tr><th>a</th></tr><tr><td>1</td></tr></table>\n", PageFormat::Markdown),
        ("<!DOCTYPE html>\n<html><body><table><tr><td>a</td></tr></table></body></html>", PageFormat::Html),
        ("<!-- saved -->\n<html>\n<p>x</p></html>", PageFormat::Html),
        ("Name\nType\nDescription\nzone\nString\n区域\n", PageFormat::Text),
    ];
    for (page, format) in cases {
        assert_eq!(read(page.as_bytes()).format, format, "{page:?}");
    }
}

#[test]
fn markdown_embedded_html_table_keeps_row_lines() {
    let page = "## 请求参数\n\n<table>\n<tr><th>名称</th><th>类型</th></tr>\n<tr><td>**ImageId**</td>\n\n\
                <td>String</td></tr>\n<tr><td>Zone</td><td>String</td></tr>\n</table>\n\n后文\n";
    let doc = read(page.as_bytes());
    let table = tables(&doc)[0];
    assert_eq!(table.header, ["名称", "类型"]);
    let rows: Vec<(&str, u32)> = table.rows.iter().map(|r| (r.cells[0].as_str(), r.line)).collect();
    assert_eq!(rows, [("**ImageId**", 5), ("Zone", 8)]);
    assert!(matches!(doc.blocks.last(), Some(Block::Paragraph { text, line: 11 }) if text == "后文"));
}

#[test]
fn html_page_tables_headings_and_lines() {
    let page = "<!DOCTYPE html>\n<html><head><title>DescribeImages</title></head>\n<body>\n\
                <h2 id=\"request\">请求参数</h2>\n<table>\n<thead><tr><th>名称</th><th>类型</th></tr></thead>\n\
                <tbody>\n<tr><td>ImageId</td><td>String</td></tr>\n<tr><td>Zone</td>\n<td>String</td></tr>\n\
                </tbody></table>\n<pre class=\"language-json\">{\"a\": 1}</pre>\n</body></html>\n";
    let doc = read(page.as_bytes());
    assert_eq!(doc.format, PageFormat::Html);
    assert_eq!(doc.front_matter.get("title").map(String::as_str), Some("DescribeImages"));
    assert!(
        matches!(&doc.blocks[0], Block::Heading(h) if h.text == "请求参数" && h.anchor.as_deref() == Some("request") && h.line == 4)
    );
    let table = tables(&doc)[0];
    let rows: Vec<(&str, u32)> = table.rows.iter().map(|r| (r.cells[0].as_str(), r.line)).collect();
    assert_eq!(rows, [("ImageId", 8), ("Zone", 9)]);
    assert!(
        doc.blocks
            .iter()
            .any(|b| matches!(b, Block::Code { lang: Some(lang), line: 12, .. } if lang == "json"))
    );
}

#[test]
fn crlf_and_bom_read_like_plain_lf() {
    let seed = std::fs::read(workspace().join("generator/tests/fixtures/pages/aliyun/DescribeImages.md"))
        .expect("seed 003");
    let text = String::from_utf8(seed.clone()).expect("UTF-8");
    let mut crlf = b"\xEF\xBB\xBF".to_vec();
    crlf.extend(text.replace('\n', "\r\n").bytes());
    assert_eq!(read(&crlf), read(&seed));
}

#[test]
fn empty_pages_are_refused() {
    for page in [&b""[..], b"  \n\t\n", b"\xEF\xBB\xBF\n"] {
        let error = source::read(page, DEFAULT_MAX_PAGE_BYTES).expect_err("an empty page");
        assert_eq!(error, ReadError::Empty);
        assert_eq!(error.line(), 1);
        assert!(!error.help().is_empty());
    }
}

#[test]
fn binary_pages_are_refused_at_their_line() {
    let error = source::read(b"# X\n\nab\0cd\n", DEFAULT_MAX_PAGE_BYTES).expect_err("a binary page");
    assert_eq!(error, ReadError::Binary { line: 3 });
    assert_eq!(error.line(), 3);
    assert!(error.to_string().contains("line 3"));
}

#[test]
fn invalid_utf8_names_its_line() {
    // "参数" in GBK on line 2.
    let error = source::read(b"# X\n\xB2\xCE\xCA\xFD\n", DEFAULT_MAX_PAGE_BYTES).expect_err("GBK");
    assert_eq!(error, ReadError::InvalidUtf8 { line: 2, byte_offset: 4 });
    assert!(error.to_string().contains("line 2"));
    assert!(error.help().contains("UTF-8"));
}

#[test]
fn pages_over_the_limit_are_refused() {
    let page = "|a|b|\n|-|-|\n|1|2|\n".repeat(100);
    let error = source::read(page.as_bytes(), 1000).expect_err("too large");
    assert_eq!(error, ReadError::TooLarge { size: page.len(), limit: 1000 });
    assert_eq!(error.line(), 1);
    assert!(error.help().contains("--max-page-bytes"));
    assert!(source::read(page.as_bytes(), page.len()).is_ok());
}

/// Found by the property tests: text that follows an embedded table inside the same HTML block
/// was given the line where its run of text ended (past the end of the page), not where it starts.
#[test]
fn text_after_an_embedded_table_keeps_its_line() {
    let page = "# X\n\n<table><tr><td>a</td></tr></table>\n  \"ret_code\":0\n}";
    let doc = read(page.as_bytes());
    let last = doc.blocks.last().expect("blocks");
    assert!(
        matches!(last, Block::Paragraph { text, line: 4 } if text.starts_with("\"ret_code\"")),
        "{last:?}"
    );
}

/// Found by the property tests: a page cut inside an embedded table, after a lone `<`, gave a block
/// the line after the last one.
#[test]
fn a_page_cut_after_a_lone_angle_bracket_keeps_its_lines() {
    let page = "# X\n\n<table>\n<tr><td>a</td><td>b</td></tr>\n<tr><td>c</td><td>d</td><";
    let doc = read(page.as_bytes());
    let lines: Vec<u32> = doc
        .blocks
        .iter()
        .flat_map(|block| match block {
            Block::Table(table) => table.rows.iter().map(|row| row.line).chain([table.line]).collect(),
            Block::Paragraph { line, .. } => vec![*line],
            _ => Vec::new(),
        })
        .collect();
    assert!(lines.iter().all(|&line| line <= 5), "{:?}", doc.blocks);
    assert!(
        doc.blocks.iter().any(|b| matches!(b, Block::Paragraph { text, line: 5 } if text == "<")),
        "{:?}",
        doc.blocks
    );
}

/// Found by timing hostile pages: html5ever looks through every open element for each tag, so
/// 50,000 nested tags took minutes. Tags nested past a limit are dropped, their text kept.
#[test]
fn deeply_nested_html_keeps_its_text_and_lines() {
    let page = format!(
        "<html><body>\n{}\ndeep text{}\n<p>after</p>\n</body></html>\n",
        "<div>\n<span class=\"x\">".repeat(2000),
        "</span></div>".repeat(2000)
    );
    let doc = read(page.as_bytes());
    let paragraphs: Vec<(&str, u32)> = doc
        .blocks
        .iter()
        .filter_map(|block| match block {
            Block::Paragraph { text, line } => Some((text.as_str(), *line)),
            _ => None,
        })
        .collect();
    assert_eq!(paragraphs, [("deep text", 2003), ("after", 2004)]);
}

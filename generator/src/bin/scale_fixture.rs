//! Builds a large specs folder for the scale benchmarks (BENCHMARKS.md).
//!
//! Input: the seed pages under specs/sources and, when present, the corpus pages under
//! ../shared/corpus. Output: `OUT/sources/<provider>/<Action>Copy<i>.<ext>` for i in 0..N, cycling
//! through the pages, each with its action renamed so every copy is a distinct API, and
//! OUT/providers/ copied from specs/providers.

use anyhow::{Context, bail};
use clap::Parser;
use std::fs;
use std::path::{Path, PathBuf};

/// Builds N pages with distinct API names from the seed and corpus pages.
#[derive(Debug, Parser)]
struct Args {
    /// How many pages to write.
    #[arg(long)]
    pages: usize,
    /// The folder to create (must not exist yet, so nothing is overwritten).
    #[arg(long)]
    out: PathBuf,
    /// The specs folder holding sources/ and providers/.
    #[arg(long, default_value = "specs")]
    specs: PathBuf,
    /// The corpus folder; skipped when absent.
    #[arg(long, default_value = "../shared/corpus")]
    corpus: PathBuf,
    /// Use only this page (e.g. specs/sources/aliyun/DescribeImages.md), copied N times.
    #[arg(long)]
    only: Option<PathBuf>,
}

/// A page to copy: its provider, file, and the action name to rename.
struct Template {
    provider: String,
    path: PathBuf,
    action: String,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    if args.out.exists() {
        bail!("{} already exists: give a new folder so nothing is overwritten", args.out.display());
    }
    let templates = match &args.only {
        Some(page) => vec![template_for(page)?],
        None => collect(&args.specs, &args.corpus)?,
    };
    if templates.is_empty() {
        bail!("no pages found under {}", args.specs.join("sources").display());
    }
    copy_dir(&args.specs.join("providers"), &args.out.join("providers"))?;
    for i in 0..args.pages {
        let t = &templates[i % templates.len()];
        let text = fs::read_to_string(&t.path).with_context(|| format!("reading {}", t.path.display()))?;
        let renamed = format!("{}Copy{i}", t.action);
        let ext = t.path.extension().and_then(|e| e.to_str()).unwrap_or("md");
        let dest = args.out.join("sources").join(&t.provider).join(format!("{renamed}.{ext}"));
        fs::create_dir_all(dest.parent().expect("dest has a parent"))?;
        fs::write(&dest, text.replace(&t.action, &renamed))?;
    }
    eprintln!(
        "wrote {} pages from {} distinct pages into {}",
        args.pages,
        templates.len(),
        args.out.display()
    );
    Ok(())
}

/// The provider a page under `specs/sources/<provider>/` belongs to.
fn template_for(page: &Path) -> anyhow::Result<Template> {
    let provider = page
        .parent()
        .and_then(Path::file_name)
        .and_then(|p| p.to_str())
        .with_context(|| format!("{} is not under sources/<provider>/", page.display()))?;
    Ok(Template { provider: provider.to_owned(), path: page.to_owned(), action: stem(page)? })
}

fn stem(page: &Path) -> anyhow::Result<String> {
    page.file_stem()
        .and_then(|s| s.to_str())
        .map(str::to_owned)
        .with_context(|| format!("{}", page.display()))
}

/// Seed pages, then corpus pages (each corpus set mapped onto the provider whose profile reads it).
fn collect(specs: &Path, corpus: &Path) -> anyhow::Result<Vec<Template>> {
    let mut out = Vec::new();
    for provider_dir in sorted_entries(&specs.join("sources"))? {
        for page in sorted_entries(&provider_dir)? {
            out.push(template_for(&page)?);
        }
    }
    const SETS: [(&str, &str); 9] = [
        ("alibaba", "aliyun"),
        ("alibaba-legacy", "aliyun"),
        ("jdcloud", "jdcloud"),
        ("jdcloud-2019", "jdcloud"),
        ("qingcloud", "qingcloud"),
        ("qingcloud-private", "qingcloud-private"),
        ("tencent", "tencent"),
        ("tencent-v2-alt", "tencent"),
        ("tencent-v3", "tencent"),
    ];
    for (set, provider) in SETS {
        let dir = corpus.join(set);
        if !dir.is_dir() {
            continue;
        }
        for page in sorted_entries(&dir)? {
            if page.is_file() && page.extension().is_some_and(|e| e == "md" || e == "txt") {
                out.push(Template { provider: provider.to_owned(), action: stem(&page)?, path: page });
            }
        }
    }
    Ok(out)
}

fn sorted_entries(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut entries = fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<Vec<_>, _>>()?;
    entries.sort();
    Ok(entries)
}

fn copy_dir(from: &Path, to: &Path) -> anyhow::Result<()> {
    fs::create_dir_all(to)?;
    for entry in sorted_entries(from)? {
        if entry.is_file() {
            fs::copy(&entry, to.join(entry.file_name().expect("a file has a name")))?;
        }
    }
    Ok(())
}

//! Criterion benches of the generator (BENCHMARKS.md): extraction of each seed page, and the whole
//! pipeline on the committed specs/ folder (a first run into an empty output folder, runs that find
//! nothing to change with and without the cache, and a run after one page changed).

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use generator::extract::{self, Options};
use generator::{pipeline, spec};
use std::fs;
use std::hint::black_box;
use std::path::{Path, PathBuf};

/// The seed pages: (provider, file under specs/sources/<provider>/).
const SEEDS: &[(&str, &str)] = &[
    ("qingcloud", "DescribeImages.md"),
    ("tencent", "DescribeImages.md"),
    ("qingcloud-private", "DescribeImages.txt"),
    ("aliyun", "DescribeImages.md"),
    ("jdcloud", "describeImages.md"),
];

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("generator/ sits in the workspace").to_path_buf()
}

fn extraction(c: &mut Criterion) {
    let specs = workspace().join("specs");
    let options = Options::default();
    let mut group = c.benchmark_group("extract");
    for (provider, file) in SEEDS {
        let page = specs.join("sources").join(provider).join(file);
        let bytes = fs::read(&page).expect("seed page");
        let profile_path = specs.join("providers").join(format!("{provider}.yaml"));
        let profile_text = fs::read_to_string(&profile_path).expect("provider profile");
        let profile = spec::profile_from_yaml(&profile_text, &profile_path.display().to_string())
            .expect("valid profile");
        let name = format!("sources/{provider}/{file}");
        group.bench_function(*provider, |b| {
            b.iter(|| {
                extract::extract_page(&name, black_box(&bytes), Some(&profile), &options).expect("extracts")
            })
        });
    }
    group.finish();
}

/// Copies specs/ and templates/ into a fresh folder, so the benches never write into the tree.
fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create folder");
    for entry in fs::read_dir(from).expect("read folder") {
        let entry = entry.expect("folder entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

fn whole_pipeline(c: &mut Criterion) {
    let root = tempfile::tempdir().expect("temporary folder");
    copy_tree(&workspace().join("specs"), &root.path().join("specs"));
    copy_tree(&workspace().join("templates"), &root.path().join("templates"));
    let specs = root.path().join("specs");
    let options = pipeline::Options {
        check: false,
        force: false,
        max_page_bytes: generator::source::DEFAULT_MAX_PAGE_BYTES,
        progress: false,
        only_features: None,
    };
    let mut group = c.benchmark_group("pipeline");
    group.sample_size(20);
    group.bench_function("specs, first run", |b| {
        b.iter_batched(
            || tempfile::tempdir_in(root.path()).expect("output folder"),
            |out| {
                let summary = pipeline::run(&specs, &out.path().join("generated"), &options).expect("runs");
                assert!(summary.ok(), "{summary}");
                out
            },
            BatchSize::PerIteration,
        )
    });
    let out = root.path().join("generated");
    pipeline::run(&specs, &out, &options).expect("first run");
    group.bench_function("specs, nothing changed", |b| {
        b.iter(|| {
            let summary = pipeline::run(&specs, &out, &options).expect("runs");
            assert!(summary.files_changed.is_empty(), "a second run changed files: {summary}");
        })
    });
    group.bench_function("specs, nothing changed, no cache", |b| {
        b.iter_batched(
            || fs::remove_file(out.join(generator::cache::FILE)).expect("the last run left its cache"),
            |()| {
                let summary = pipeline::run(&specs, &out, &options).expect("runs");
                assert!(summary.files_changed.is_empty(), "a second run changed files: {summary}");
            },
            BatchSize::PerIteration,
        )
    });
    // Each iteration flips one word of one page, so its spec and files change every time.
    let page = specs.join("sources/qingcloud/DescribeImages.md");
    let original = fs::read_to_string(&page).expect("seed page");
    let edited = original.replacen("获取一个或多个镜像", "获取一个或多个映像", 1);
    assert_ne!(original, edited, "the seed page has the sentence the bench edits");
    let mut flip = false;
    group.bench_function("specs, one page changed", |b| {
        b.iter_batched(
            || {
                flip = !flip;
                fs::write(&page, if flip { &edited } else { &original }).expect("edit the page");
            },
            |()| {
                let summary = pipeline::run(&specs, &out, &options).expect("runs");
                assert_eq!(summary.specs_written, 1, "{summary}");
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, extraction, whole_pipeline);
criterion_main!(benches);

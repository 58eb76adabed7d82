//! `generator diff` as a reviewer and CI run it: spec folders and files, `--base REV` in a git
//! repository, the exit status of `--fail-on`, errors on bad input, and the README's table of
//! checks, which must be the catalogue's (rewrite it with
//! `BLESS=1 cargo test -p generator --test diff_cli`).

mod diff_support;

use diff_support::{blessing, extract, workspace};
use generator::spec;
use std::path::Path;
use std::process::{Command, Output};

fn generator(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_generator")).args(args).current_dir(dir).output().expect("run generator")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A specs folder under `dir` with the providers of specs/ and the spec of the Alibaba seed page,
/// edited by `edit`.
fn specs_folder(dir: &Path, edit: impl Fn(&str) -> String) {
    diff_support_copy(&workspace().join("specs/providers"), &dir.join("providers"));
    let page =
        std::fs::read_to_string(workspace().join("generator/tests/fixtures/diff/edits/DescribeImages.md"))
            .expect("fixture page");
    let spec = extract("aliyun", "sources/aliyun/DescribeImages.md", &edit(&page));
    std::fs::create_dir_all(dir.join("aliyun")).expect("folder");
    std::fs::write(dir.join("aliyun/DescribeImages.yaml"), spec::to_yaml(&spec)).expect("write spec");
}

fn diff_support_copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("folder");
    for entry in std::fs::read_dir(from).expect("read folder") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, to.join(path.file_name().expect("name"))).expect("copy");
    }
}

const SNAPSHOT_ROW: &str =
    "|SnapshotId|String|否|s-bp17ot2q7x72ggtw\\*\\*\\*\\*|根据某一快照ID创建的自定义镜像。 |\n";

fn without_snapshot_id(page: &str) -> String {
    assert!(page.contains(SNAPSHOT_ROW));
    page.replace(SNAPSHOT_ROW, "")
}

fn reworded(page: &str) -> String {
    page.replacen(
        "调用DescribeImages查询您可以使用的镜像资源。",
        "调用DescribeImages查询可以使用的镜像资源。",
        1,
    )
}

#[test]
fn folders_are_compared_and_fail_on_gates_by_level() {
    let dir = tempfile::tempdir().expect("temp dir");
    specs_folder(&dir.path().join("old"), str::to_owned);
    specs_folder(&dir.path().join("new"), without_snapshot_id);
    specs_folder(&dir.path().join("doc"), reworded);

    let text = generator(&["diff", "old", "new"], dir.path());
    assert_eq!(text.status.code(), Some(0), "{}", stderr(&text));
    let out = stdout(&text);
    assert!(out.contains("breaking[request-parameter-removed]: request.SnapshotId"), "{out}");
    assert!(out.contains("   = rust: yunapi::aliyun::DescribeImages::snapshot_id removed"), "{out}");
    assert!(out.ends_with("semver: major (1 change in 1 API: 1 breaking)\n"), "{out}");

    assert_eq!(
        generator(&["diff", "old", "new", "--fail-on", "breaking"], dir.path()).status.code(),
        Some(1)
    );
    assert_eq!(
        generator(&["diff", "old", "doc", "--fail-on", "breaking"], dir.path()).status.code(),
        Some(0)
    );
    assert_eq!(
        generator(&["diff", "old", "doc", "--fail-on", "non-breaking"], dir.path()).status.code(),
        Some(0)
    );
    assert_eq!(generator(&["diff", "old", "doc", "--fail-on", "any"], dir.path()).status.code(), Some(1));
    assert_eq!(generator(&["diff", "old", "old", "--fail-on", "any"], dir.path()).status.code(), Some(0));

    // Two spec files, with the profiles of specs/providers given by --providers.
    let providers = workspace().join("specs/providers");
    let files = generator(
        &[
            "diff",
            "old/aliyun/DescribeImages.yaml",
            "new/aliyun/DescribeImages.yaml",
            "--format",
            "json",
            "--providers",
            &providers.display().to_string(),
        ],
        dir.path(),
    );
    assert_eq!(files.status.code(), Some(0), "{}", stderr(&files));
    let json: serde_json::Value = serde_json::from_str(&stdout(&files)).expect("JSON");
    assert_eq!(json["semver"], "major");
    assert_eq!(json["changes"][0]["id"], "request-parameter-removed");
    diff_support::assert_schema(&stdout(&files));
}

#[test]
fn bad_input_exits_with_2_and_says_where() {
    let dir = tempfile::tempdir().expect("temp dir");
    specs_folder(&dir.path().join("old"), str::to_owned);

    let missing = generator(&["diff", "old", "nowhere"], dir.path());
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("nowhere"), "{}", stderr(&missing));

    std::fs::create_dir_all(dir.path().join("broken/aliyun")).expect("folder");
    std::fs::write(dir.path().join("broken/aliyun/X.yaml"), "spec_version: 2\nprovider: [\n").expect("write");
    let broken = generator(&["diff", "old", "broken"], dir.path());
    assert_eq!(broken.status.code(), Some(2));
    assert!(stderr(&broken).contains("broken/aliyun/X.yaml:"), "{}", stderr(&broken));

    let one = generator(&["diff", "old"], dir.path());
    assert_eq!(one.status.code(), Some(2));
    assert!(stderr(&one).contains("give OLD and NEW"), "{}", stderr(&one));
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"])
        .args(args)
        .current_dir(dir)
        .status()
        .expect("run git");
    assert!(status.success(), "git {args:?}");
}

#[test]
fn base_compares_the_working_tree_with_a_revision() {
    let dir = tempfile::tempdir().expect("temp dir");
    let repo = dir.path();
    git(repo, &["init", "-q"]);
    specs_folder(&repo.join("specs"), str::to_owned);
    git(repo, &["add", "-A"]);
    git(repo, &["commit", "-q", "-m", "specs"]);
    specs_folder(&repo.join("specs"), without_snapshot_id);

    let out = generator(&["diff", "--base", "HEAD", "--format", "markdown"], repo);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let markdown = stdout(&out);
    assert!(markdown.starts_with("**yunapi: semver major**"), "{markdown}");
    assert!(
        markdown.contains("| **breaking** | `request-parameter-removed` | `request.SnapshotId` |"),
        "{markdown}"
    );

    // From inside the specs folder, naming it by `.`.
    let inside = generator(&["diff", "--base", "HEAD", ".", "--fail-on", "breaking"], &repo.join("specs"));
    assert_eq!(inside.status.code(), Some(1), "{}", stderr(&inside));
    assert!(stdout(&inside).contains("--> HEAD:specs/aliyun/DescribeImages.yaml"), "{}", stdout(&inside));

    let unknown = generator(&["diff", "--base", "no-such-rev"], repo);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("unknown revision `no-such-rev`"), "{}", stderr(&unknown));

    let elsewhere = tempfile::tempdir().expect("temp dir");
    specs_folder(&elsewhere.path().join("specs"), str::to_owned);
    let no_repo = generator(&["diff", "--base", "HEAD"], elsewhere.path());
    assert_eq!(no_repo.status.code(), Some(2));
    assert!(stderr(&no_repo).contains("inside a git clone"), "{}", stderr(&no_repo));
}

const TABLE_START: &str = "<!-- diff-checks:start (generated from generator/src/diff/checks.rs) -->\n";
const TABLE_END: &str = "<!-- diff-checks:end -->";

#[test]
fn the_readme_lists_every_check() {
    let path = workspace().join("README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md");
    let (Some(start), Some(end)) = (readme.find(TABLE_START), readme.find(TABLE_END)) else {
        panic!("README.md needs the markers {TABLE_START:?} and {TABLE_END:?}");
    };
    let table = generator::diff::render::checks_table();
    let current = &readme[start + TABLE_START.len()..end];
    if blessing() {
        let updated = format!("{}{table}{}", &readme[..start + TABLE_START.len()], &readme[end..]);
        std::fs::write(&path, updated).expect("write README.md");
        return;
    }
    assert!(
        current == table,
        "README.md's table of checks differs from the code; rewrite it with BLESS=1 cargo test -p generator --test diff_cli"
    );
}

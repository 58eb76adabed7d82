//! The main job end to end on copies of the fixture specs: a second run writes nothing, `--check`
//! names stale files and the fixing command, a removed spec removes exactly its files, a file a
//! person put in the output is never overwritten, and a run killed half-way leaves every file either
//! the old or the new one, which the next run repairs.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

/// A scratch copy of the fixture specs (tests/fixtures/specs) and an empty output folder.
struct Scratch {
    root: PathBuf,
}

impl Scratch {
    fn new(name: &str) -> Self {
        let root = std::env::temp_dir().join(format!("yunapi-pipeline-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        common::copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/specs"),
            &root.join("specs"),
        );
        fs::create_dir_all(root.join("out")).expect("output folder");
        Scratch { root }
    }

    fn specs(&self) -> PathBuf {
        self.root.join("specs")
    }

    fn out(&self) -> PathBuf {
        self.root.join("out")
    }

    fn generator(&self, check: bool) -> std::process::Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_generator"));
        if check {
            command.arg("--check");
        }
        command.arg(self.specs()).arg(self.out()).output().expect("the generator runs")
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.root);
    }
}

/// Every file under `dir` with its bytes and mtime, sorted by path.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>, SystemTime)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).expect("read folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let modified = entry.metadata().and_then(|m| m.modified()).expect("mtime");
                files.push((path.clone(), fs::read(&path).expect("read file"), modified));
            }
        }
    }
    files.sort();
    files
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn second_run_writes_nothing_and_check_passes() {
    let scratch = Scratch::new("idempotent");
    let first = scratch.generator(false);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(stderr(&first).contains("files changed 18"), "{}", stderr(&first));
    let before = snapshot(&scratch.out());
    let second = scratch.generator(false);
    assert!(second.status.success(), "{}", stderr(&second));
    assert!(stderr(&second).contains("files changed 0"), "{}", stderr(&second));
    assert_eq!(snapshot(&scratch.out()), before, "contents and mtimes are unchanged");
    let check = scratch.generator(true);
    assert!(check.status.success(), "{}", stderr(&check));
}

#[test]
fn check_names_stale_files_and_the_fix() {
    let scratch = Scratch::new("check");
    assert!(scratch.generator(false).status.success());
    let spec = scratch.specs().join("tencent/DescribeImages.yaml");
    let text = fs::read_to_string(&spec).expect("spec").replace("硬盘镜像名称。", "镜像的名称。");
    fs::write(&spec, text).expect("edit spec");
    let before = snapshot(&scratch.out());
    let check = scratch.generator(true);
    assert!(!check.status.success(), "a stale output fails the check");
    let message = stderr(&check);
    assert!(message.contains("tencent/describe_images.rs"), "{message}");
    assert!(message.contains("docs/tencent/describe_images.md"), "{message}");
    assert!(message.contains("cargo run -p generator -- specs/ generated/"), "{message}");
    assert_eq!(snapshot(&scratch.out()), before, "--check writes nothing");
}

#[test]
fn removed_spec_removes_exactly_its_files_and_foreign_files_stay() {
    let scratch = Scratch::new("remove");
    assert!(scratch.generator(false).status.success());
    let notes = scratch.out().join("NOTES.md");
    fs::write(&notes, "a person's notes").expect("foreign file");
    fs::remove_file(scratch.specs().join("jdcloud/describeImages.yaml")).expect("remove spec");
    let run = scratch.generator(false);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(!scratch.out().join("jdcloud/describe_images.rs").exists());
    assert!(!scratch.out().join("docs/jdcloud").exists(), "the emptied docs folder goes too");
    assert!(scratch.out().join("jdcloud/mod.rs").exists(), "the provider module stays, with no APIs");
    assert!(scratch.out().join("aliyun/describe_images.rs").exists());
    assert_eq!(fs::read_to_string(&notes).expect("notes"), "a person's notes");

    // A person's file where the generator would write is refused, and nothing is written.
    fs::write(scratch.out().join("README.md"), "my own readme").expect("foreign readme");
    fs::remove_file(scratch.out().join(".manifest")).expect("forget the manifest");
    let before = snapshot(&scratch.out());
    let refused = scratch.generator(false);
    assert!(!refused.status.success());
    assert!(stderr(&refused).contains("README.md was not written by the generator"), "{}", stderr(&refused));
    assert_eq!(snapshot(&scratch.out()), before);
}

#[cfg(unix)]
#[test]
fn killed_run_leaves_old_or_new_files_and_the_next_run_repairs() {
    use std::collections::BTreeMap;
    let scratch = Scratch::new("kill");
    // Many specs make the run long enough to be killed while it writes.
    let source = fs::read_to_string(scratch.specs().join("aliyun/DescribeImages.yaml")).expect("spec");
    let copy_path = |i: usize| scratch.specs().join(format!("aliyun/DescribeImages{i}.yaml"));
    let write_copies = |summary: &str| {
        for i in 0..60 {
            let copy = source
                .replace("action: DescribeImages", &format!("action: DescribeImages{i}"))
                .replacen("summary: ", &format!("summary: {summary}"), 1);
            fs::write(copy_path(i), copy).expect("copy");
        }
    };
    // The output files (temporary ones and the run's cache aside) and their bytes. It runs beside a
    // live run, so a file that vanishes between listing and reading is skipped.
    fn contents(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
        let mut files = BTreeMap::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(folder) = stack.pop() {
            for entry in fs::read_dir(&folder).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if !entry.file_name().to_string_lossy().contains(".tmp")
                    && entry.file_name() != generator::cache::FILE
                    && let Ok(bytes) = fs::read(&path)
                {
                    files.insert(path.strip_prefix(dir).expect("inside").to_path_buf(), bytes);
                }
            }
        }
        files
    }
    let run = |out: &Path| {
        let output = Command::new(env!("CARGO_BIN_EXE_generator")).arg(scratch.specs()).arg(out).output();
        let output = output.expect("the generator runs");
        assert!(output.status.success(), "{}", stderr(&output));
    };

    // The old tree, and (in a folder of its own) the new one the changed specs give.
    write_copies("旧 ");
    run(&scratch.out());
    let old = contents(&scratch.out());
    write_copies("新 ");
    let new_out = scratch.root.join("new");
    run(&new_out);
    let new = contents(&new_out);
    assert_ne!(old, new, "the change must change the generated files");

    let mut child = Command::new(env!("CARGO_BIN_EXE_generator"))
        .arg(scratch.specs())
        .arg(scratch.out())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("the generator starts");
    // Kill as soon as the first file has been replaced.
    while contents(&scratch.out()) == old && child.try_wait().expect("poll").is_none() {
        std::thread::yield_now();
    }
    let killed_mid_run = child.try_wait().expect("poll").is_none();
    let _ = child.kill();
    let _ = child.wait();
    assert!(killed_mid_run, "the run ended before it could be killed: give it more specs");
    let left = contents(&scratch.out());
    assert_ne!(left, new, "the killed run finished its work: give it more specs");
    for (path, bytes) in left {
        let whole = old.get(&path) == Some(&bytes) || new.get(&path) == Some(&bytes);
        assert!(whole, "{} is neither the old nor the new file", path.display());
    }

    run(&scratch.out());
    let files = snapshot(&scratch.out());
    assert!(
        files.iter().all(|(p, _, _)| !p.to_string_lossy().contains(".tmp")),
        "temporary files are cleaned"
    );
    assert_eq!(contents(&scratch.out()), new, "the next run repairs everything");
    let check = scratch.generator(true);
    assert!(check.status.success(), "{}", stderr(&check));
}

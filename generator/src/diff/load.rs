//! The specs on one side of a diff: a spec file, a specs folder, or a specs folder at a git revision.
//!
//! A specs folder holds `<provider>/<action>.yaml` (or is one provider's folder of `*.yaml`), and the
//! profiles in `providers/`; `sources/`, `overlays/` and `providers/` hold no specs. APIs are keyed
//! by the provider and action their spec names, not by file name.

use crate::spec::{self, ApiSpec, Profile, YamlError};
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Folders of a specs folder that hold no specs.
const NOT_SPECS: [&str; 3] = ["sources", "overlays", "providers"];

/// The specs on one side, with the provider profiles that name their Rust items.
#[derive(Debug, Clone, Default)]
pub struct Tree {
    /// Specs by `(provider, action)`, each with the path it was read from as messages show it.
    pub specs: BTreeMap<(String, String), (String, ApiSpec)>,
    /// Profiles by provider key, each with the path it was read from.
    pub profiles: BTreeMap<String, (String, Profile)>,
}

impl Tree {
    /// Adds a spec; two specs of one API in one tree are an error.
    pub fn insert(&mut self, path: String, spec: ApiSpec) -> Result<(), LoadError> {
        let key = (spec.provider.clone(), spec.action.clone());
        if let Some((first, _)) = self.specs.get(&key) {
            return Err(LoadError::Duplicate {
                first: first.clone(),
                second: path,
                api: format!("{}/{}", key.0, key.1),
            });
        }
        self.specs.insert(key, (path, spec));
        Ok(())
    }
}

/// Why one side of the diff could not be read.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: {source}\nhelp: give a spec file or a specs folder")]
    Io { path: String, source: std::io::Error },
    #[error("{0}\nhelp: {help}", help = .0.help)]
    Yaml(#[from] YamlError),
    #[error("{first} and {second} are both the spec of {api}\nhelp: keep one spec per API")]
    Duplicate { first: String, second: String, api: String },
    #[error(
        "{path}: no provider profile for `{provider}`\nhelp: give the folder of the profiles with --providers (specs/providers)"
    )]
    NoProfile { path: String, provider: String },
    #[error("git {args}: {message}\nhelp: {help}")]
    Git { args: String, message: String, help: String },
}

/// Reads a spec file or a specs folder. Profiles come from the folder's `providers/`, else from
/// `providers`; every spec's provider needs one.
pub fn from_path(path: &Path, providers: &Path) -> Result<Tree, LoadError> {
    let mut tree = Tree::default();
    let io = |path: &Path| {
        let shown = path.display().to_string();
        move |source| LoadError::Io { path: shown, source }
    };
    let (files, own_profiles) = if path.is_dir() {
        let own = path.join("providers");
        (spec_files(path).map_err(io(path))?, own.is_dir().then_some(own))
    } else {
        (vec![path.to_path_buf()], None)
    };
    for file in files {
        let text = std::fs::read_to_string(&file).map_err(io(&file))?;
        let shown = file.display().to_string();
        let spec = spec::from_yaml(&text, &shown)?;
        tree.insert(shown, spec)?;
    }
    let profiles_dir = own_profiles.as_deref().unwrap_or(providers);
    if profiles_dir.is_dir() {
        for file in yaml_files(profiles_dir).map_err(io(profiles_dir))? {
            let text = std::fs::read_to_string(&file).map_err(io(&file))?;
            let profile = spec::profile_from_yaml(&text, &file.display().to_string())?;
            tree.profiles.insert(profile.provider.clone(), (file.display().to_string(), profile));
        }
    }
    check_profiles(&tree)?;
    Ok(tree)
}

/// Every spec names a provider that has a profile.
fn check_profiles(tree: &Tree) -> Result<(), LoadError> {
    for ((provider, _), (path, _)) in &tree.specs {
        if !tree.profiles.contains_key(provider) {
            return Err(LoadError::NoProfile { path: path.clone(), provider: provider.clone() });
        }
    }
    Ok(())
}

/// The spec files of a specs folder or of one provider's folder, sorted.
fn spec_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = yaml_files(dir)?;
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if path.is_dir() && !NOT_SPECS.contains(&name.as_str()) && !name.starts_with('.') {
            files.extend(yaml_files(&path)?);
        }
    }
    files.sort();
    Ok(files)
}

fn yaml_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "yaml") && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Reads the specs folder `dir` as it is at the git revision `rev`, with its profiles.
pub fn from_git(rev: &str, dir: &Path) -> Result<Tree, LoadError> {
    git(
        dir,
        &["rev-parse", "--is-inside-work-tree"],
        "run the command inside a git clone, or give OLD and NEW",
    )?;
    let commit = format!("{rev}^{{commit}}");
    git(
        dir,
        &["rev-parse", "--verify", "--quiet", &commit],
        "name a commit, branch or tag that exists (git log)",
    )
    .map_err(|_| LoadError::Git {
        args: format!("rev-parse {rev}"),
        message: format!("unknown revision `{rev}`"),
        help: "name a commit, branch or tag that exists (git log); a shallow clone may lack it".to_owned(),
    })?;
    let prefix = String::from_utf8_lossy(&git(dir, &["rev-parse", "--show-prefix"], "")?).trim().to_owned();
    // Paths relative to `dir`, NUL-separated: `<mode> <type> <object>\t<path>`.
    let listing = git(dir, &["ls-tree", "-r", "-z", rev, "--", "."], "")?;
    let mut specs = Vec::new();
    let mut profiles = Vec::new();
    for entry in listing.split(|b| *b == 0).filter(|e| !e.is_empty()) {
        let entry = String::from_utf8_lossy(entry);
        let Some((meta, path)) = entry.split_once('\t') else { continue };
        let mut meta = meta.split(' ');
        let (Some(_), Some("blob"), Some(object)) = (meta.next(), meta.next(), meta.next()) else { continue };
        let parts: Vec<&str> = path.split('/').collect();
        if !path.ends_with(".yaml") || parts.len() > 2 || parts.iter().any(|p| p.starts_with('.')) {
            continue;
        }
        let shown = format!("{rev}:{prefix}{path}");
        match parts.as_slice() {
            ["providers", _] => profiles.push((object.to_owned(), shown)),
            [folder, _] if NOT_SPECS.contains(folder) => {}
            _ => specs.push((object.to_owned(), shown)),
        }
    }
    let objects: Vec<&str> = specs.iter().chain(&profiles).map(|(o, _)| o.as_str()).collect();
    let mut blobs = cat_blobs(dir, &objects)?.into_iter();
    let mut tree = Tree::default();
    for ((_, shown), text) in specs.iter().zip(blobs.by_ref()) {
        let spec = spec::from_yaml(&text, shown)?;
        tree.insert(shown.clone(), spec)?;
    }
    for ((_, shown), text) in profiles.iter().zip(blobs) {
        let profile = spec::profile_from_yaml(&text, shown)?;
        tree.profiles.insert(profile.provider.clone(), (shown.clone(), profile));
    }
    check_profiles(&tree)?;
    Ok(tree)
}

/// Runs git in `dir`; its standard output, or an error with git's message and `help`.
fn git(dir: &Path, args: &[&str], help: &str) -> Result<Vec<u8>, LoadError> {
    let failed = |message: String| LoadError::Git {
        args: args.join(" "),
        message,
        help: if help.is_empty() {
            "check that git works in this folder".to_owned()
        } else {
            help.to_owned()
        },
    };
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| failed(format!("cannot run git: {e}")))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr).trim().to_owned();
        return Err(failed(if stderr.is_empty() {
            format!("exited with {}", output.status)
        } else {
            stderr
        }));
    }
    Ok(output.stdout)
}

/// The contents of git objects, in the order asked, through one `git cat-file --batch`.
fn cat_blobs(dir: &Path, objects: &[&str]) -> Result<Vec<String>, LoadError> {
    let failed = |message: String| LoadError::Git {
        args: "cat-file --batch".to_owned(),
        message,
        help: "check that git works in this folder".to_owned(),
    };
    let mut child = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| failed(format!("cannot run git: {e}")))?;
    let input: String = objects.iter().map(|o| format!("{o}\n")).collect();
    let mut stdin = child.stdin.take().ok_or_else(|| failed("no standard input".to_owned()))?;
    // Written from another thread: git answers while it reads, and a full pipe would block both.
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let mut out = Vec::new();
    if let Some(mut stdout) = child.stdout.take() {
        stdout.read_to_end(&mut out).map_err(|e| failed(e.to_string()))?;
    }
    let status = child.wait().map_err(|e| failed(e.to_string()))?;
    let written = writer.join().map_err(|_| failed("the writer thread panicked".to_owned()))?;
    if !status.success() || written.is_err() {
        return Err(failed(format!("exited with {status}")));
    }
    // Each object: `<object> blob <size>\n<size bytes>\n`.
    let mut blobs = Vec::with_capacity(objects.len());
    let mut rest = out.as_slice();
    for object in objects {
        let end =
            rest.iter().position(|b| *b == b'\n').ok_or_else(|| failed(format!("no header for {object}")))?;
        let header = String::from_utf8_lossy(&rest[..end]).into_owned();
        let size: usize = header
            .rsplit(' ')
            .next()
            .and_then(|s| s.parse().ok())
            .filter(|_| header.contains(" blob "))
            .ok_or_else(|| failed(format!("unexpected answer `{header}` for {object}")))?;
        let body =
            rest.get(end + 1..end + 1 + size).ok_or_else(|| failed(format!("{object} is cut short")))?;
        blobs.push(String::from_utf8_lossy(body).into_owned());
        rest = rest.get(end + 2 + size..).unwrap_or_default();
    }
    Ok(blobs)
}

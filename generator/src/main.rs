//! The `generator` command: thin front-end over the library.
//!
//! `generator SPECS OUT` extracts every page under SPECS/sources into SPECS/<provider>/<api>.yaml,
//! then generates the client into OUT. `generator extract` and `generator eval` expose the first
//! stage on its own.

use anyhow::Context;
use clap::{Parser, Subcommand};
use generator::report::{self, Verbosity};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Turns cloud API documentation pages into reviewed YAML specs, and specs into a Rust client.
#[derive(Debug, Parser)]
#[command(name = "generator", version, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,

    /// The specs folder: sources/, providers/, overlays/ and the extracted specs.
    specs: Option<PathBuf>,

    /// The output folder of the generated client (the library of the `yunapi` package).
    out: Option<PathBuf>,

    /// Change nothing: exit with 1 and name the stale files if any output is out of date.
    #[arg(long)]
    check: bool,

    /// Re-extract specs even where a spec was edited by hand (the edit is lost; move it to an overlay).
    #[arg(long)]
    force: bool,

    /// Largest page accepted, in bytes.
    #[arg(long, default_value_t = generator::source::DEFAULT_MAX_PAGE_BYTES)]
    max_page_bytes: usize,

    /// Show the notes of the pages extracted in this run too, not only their errors and warnings.
    #[arg(long, short, conflicts_with = "quiet")]
    verbose: bool,

    /// Show no diagnostics of pages, only failures and the summary line.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the spec of each page to stdout, one YAML document per page; diagnostics go to stderr.
    Extract {
        /// The provider profile to read the pages with (guessed from the page when absent).
        #[arg(long)]
        provider: Option<String>,
        /// Folder of the provider profiles.
        #[arg(long, default_value = "specs/providers")]
        providers: PathBuf,
        /// Largest page accepted, in bytes.
        #[arg(long, default_value_t = generator::source::DEFAULT_MAX_PAGE_BYTES)]
        max_page_bytes: usize,
        /// The API name, instead of the one the page states (its title, `# Action` heading,
        /// `本接口 (Action)` or request example).
        #[arg(long)]
        action: Option<String>,
        /// The pages.
        #[arg(required = true)]
        pages: Vec<PathBuf>,
    },
    /// Compare two sets of specs: every change with its check id and level (breaking, non-breaking,
    /// doc), the Rust items it changes, and what it means for yunapi's version.
    #[command(after_help = "Examples:\n  generator diff old/specs specs/ --format markdown\n  \
                            generator diff --base origin/main specs/ --fail-on breaking\n\n\
                            Exit status: 0, 1 when --fail-on finds a change at that level or above, 2 on bad input.")]
    Diff {
        /// OLD and NEW (spec files or specs folders); with --base, the specs folder [default: specs].
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Compare the specs folder with itself at this git revision (a commit, branch or tag).
        #[arg(long, value_name = "REV")]
        base: Option<String>,
        /// How the report is printed.
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
        /// Exit with 1 when a change is at this level or above.
        #[arg(long, value_enum, value_name = "LEVEL")]
        fail_on: Option<FailOn>,
        /// Folder of the provider profiles, for spec files and for folders without providers/.
        #[arg(long, default_value = "specs/providers")]
        providers: PathBuf,
    },
    /// Extract every page of a corpus (DIR/<set>/*.md with DIR/<set>/truth/*.json) and score it.
    Eval {
        /// The corpus folder.
        dir: PathBuf,
        /// Exit non-zero when a set misses the recall target.
        #[arg(long)]
        strict: bool,
    },
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum DiffFormat {
    /// rustc-like, grouped by API.
    Text,
    /// A pull-request comment: a summary line and a table per API.
    Markdown,
    /// `{"semver": …, "changes": [{"api", "id", "level", "element", "old", "new", "rust"}]}`.
    Json,
}

impl From<DiffFormat> for generator::diff::render::Format {
    fn from(format: DiffFormat) -> Self {
        match format {
            DiffFormat::Text => Self::Text,
            DiffFormat::Markdown => Self::Markdown,
            DiffFormat::Json => Self::Json,
        }
    }
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum FailOn {
    Breaking,
    NonBreaking,
    /// Any change, documentation included.
    Any,
}

impl From<FailOn> for generator::diff::Level {
    fn from(level: FailOn) -> Self {
        match level {
            FailOn::Breaking => Self::Breaking,
            FailOn::NonBreaking => Self::NonBreaking,
            FailOn::Any => Self::Doc,
        }
    }
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(err) => {
            if err.chain().any(|e| {
                e.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            let _ = writeln!(std::io::stderr(), "error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Some(Command::Extract { provider, providers, max_page_bytes, action, pages }) => {
            let options = generator::extract::Options {
                max_page_bytes,
                color: std::io::stderr().is_terminal(),
                action,
            };
            let ok = generator::extract::print_specs(&pages, provider.as_deref(), &providers, &options)?;
            Ok(if ok { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
        Some(Command::Diff { paths, base, format, fail_on, providers }) => {
            use generator::diff;
            let (old, new) = match (base, paths.as_slice()) {
                (Some(rev), [] | [_]) => {
                    let dir = paths.first().cloned().unwrap_or_else(|| PathBuf::from("specs"));
                    (diff::load::from_git(&rev, &dir)?, diff::load::from_path(&dir, &providers)?)
                }
                (None, [old, new]) => {
                    (diff::load::from_path(old, &providers)?, diff::load::from_path(new, &providers)?)
                }
                (Some(_), _) => anyhow::bail!("with --base give one specs folder, or none for specs/"),
                (None, _) => anyhow::bail!("give OLD and NEW (spec files or specs folders), or --base REV"),
            };
            let report = diff::diff(&old, &new);
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(diff::render::render(&report, format.into()).as_bytes())?;
            stdout.flush()?;
            let failed = fail_on.is_some_and(|level| report.reaches(level.into()));
            Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
        Some(Command::Eval { dir, strict }) => {
            let report =
                generator::eval::run(&dir).with_context(|| format!("evaluating {}", dir.display()))?;
            print!("{report}");
            Ok(if strict && !report.meets_targets() { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
        None => {
            let (Some(specs), Some(out)) = (cli.specs, cli.out) else {
                anyhow::bail!("usage: generator SPECS OUT (see --help)");
            };
            let options = generator::pipeline::Options {
                check: cli.check,
                force: cli.force,
                max_page_bytes: cli.max_page_bytes,
                progress: std::io::stderr().is_terminal(),
                only_features: None,
            };
            let summary = generator::pipeline::run(&specs, &out, &options)?;
            let verbosity = if cli.quiet {
                Verbosity::Quiet
            } else if cli.verbose {
                Verbosity::Verbose
            } else {
                Verbosity::Normal
            };
            let color = std::io::stderr().is_terminal();
            let mut stderr = std::io::stderr().lock();
            for (page, diagnostics) in &summary.reports {
                // The page is read again only when it has something to show.
                if verbosity == Verbosity::Quiet || diagnostics.is_empty() {
                    continue;
                }
                let bytes = std::fs::read(page).unwrap_or_default();
                let shown = page.display().to_string();
                stderr.write_all(
                    report::render_page(&shown, &bytes, diagnostics, verbosity, color).as_bytes(),
                )?;
            }
            writeln!(stderr, "{summary}")?;
            Ok(if summary.ok() { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        super::Cli::command().debug_assert();
    }
}

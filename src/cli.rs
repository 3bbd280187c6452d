//! The command line as docs/cli.md fixes it. Tests and other tools call these exact shapes, so
//! changing a flag here is changing a contract.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::i18n::Lang;

mod screen;
pub use screen::ScreenName;

/// Top-level parser: global options plus at most one command (none opens the course map).
#[derive(Debug, Parser)]
#[command(
    name = "secdojo",
    version,
    about = "AWS security, taught in your terminal (ja/en)"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options every command accepts; they shape where content and progress come from and how the
/// screen looks, so they are parsed once and handed down.
#[derive(Debug, Clone, Args, Default)]
pub struct Global {
    /// Language of the interface and lessons (else SECDOJO_LANG, LC_ALL/LC_MESSAGES/LANG)
    #[arg(long, global = true, value_parser = lang_parser())]
    pub lang: Option<Lang>,
    /// Load the course from this folder instead of the one built into the binary
    #[arg(long, global = true, value_name = "DIR")]
    pub content: Option<PathBuf>,
    /// Where progress is stored (else SECDOJO_DATA_DIR, else the platform data folder)
    #[arg(long, global = true, value_name = "DIR", env = "SECDOJO_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// Colour theme
    #[arg(long, global = true, value_enum, default_value_t = ThemeChoice::Auto)]
    pub theme: ThemeChoice,
    /// Draw borders with plain ASCII (for terminals that draw box glyphs wide)
    #[arg(long, global = true)]
    pub ascii: bool,
    /// No colours (NO_COLOR is honoured too)
    #[arg(long, global = true)]
    pub no_color: bool,
}

/// `ja` or `en`, listed in `--help` as clap lists enum values (the engine owns `Lang`, so it cannot
/// derive clap's trait).
pub fn lang_parser() -> impl clap::builder::TypedValueParser<Value = Lang> {
    use clap::builder::TypedValueParser as _;
    clap::builder::PossibleValuesParser::new(["ja", "en"]).try_map(|s| s.parse::<Lang>())
}

/// Which palette to draw with; `auto` asks the terminal's background where it can.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ThemeChoice {
    #[default]
    Auto,
    Dark,
    Light,
}

/// Output format of the machine-facing commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum TextOrJson {
    #[default]
    Text,
    Json,
}

/// Every command of docs/cli.md.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open a lesson in the terminal UI
    Learn {
        /// Unit id (why-security, cia, responsibility, iam, s3, ec2-network)
        unit: Option<String>,
        #[command(flatten)]
        lrs: ProgressLrsArgs,
    },
    /// Take a quiz
    Quiz {
        /// The unit to be asked about; left out, questions due for review are asked, or the
        /// learner picks a unit
        unit: Option<String>,
        /// Ask from every unit at once
        #[arg(long, conflicts_with = "unit")]
        all: bool,
        /// Seed for question and choice order (a run can be repeated)
        #[arg(long)]
        seed: Option<u64>,
        /// Ask only this many questions
        #[arg(long)]
        count: Option<usize>,
        /// Ask in plain lines on stdin/stdout (screen readers, pipes, scripts)
        #[arg(long)]
        plain: bool,
        #[command(flatten)]
        lrs: ProgressLrsArgs,
    },
    /// Open a sandbox challenge, or the free playground on a policy file
    Sandbox {
        target: Option<String>,
        #[command(flatten)]
        lrs: ProgressLrsArgs,
    },
    /// Take a classroom exam (one learner, one result file); see docs/exam-format.md
    Exam {
        /// The exam file written by the instructor (EXAM.toml)
        exam: PathBuf,
        /// The learner's name as it goes into the result file (asked for when not given)
        #[arg(long)]
        name: Option<String>,
        /// Folder for the result file (default: the current folder); checked before the first question
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Answer in plain lines on stdin/stdout instead of the terminal UI
        #[arg(long)]
        plain: bool,
        /// Check the exam file and preview the sitting (questions per unit and kind, digest, time
        /// limit, pass mark) without starting it
        #[arg(long, conflicts_with_all = ["name", "out", "plain", "lrs"])]
        check: bool,
        #[command(flatten)]
        lrs: LrsArgs,
    },
    /// Evaluate, lint and test policies offline
    #[command(subcommand)]
    Policy(PolicyCommand),
    /// Sandbox challenges without the terminal UI
    #[command(subcommand)]
    Challenge(ChallengeCommand),
    /// Validate a course folder (default: the built-in course)
    Check { dir: Option<PathBuf> },
    /// Print one screen as plain text, without a terminal
    Render {
        /// home, help, progress, glossary[:<term>], lesson:<unit>[#section], quiz:<unit>,
        /// challenges:<unit>, sandbox:<challenge>
        #[arg(value_parser = ScreenName::parse)]
        screen: ScreenName,
        /// Width x height, e.g. 80x24
        #[arg(long, default_value = "80x24")]
        size: String,
    },
    /// Show, export or reset your progress
    #[command(subcommand)]
    Progress(ProgressCommand),
    /// Build a class report from exam result files, or from an LRS
    Report {
        /// Result files written by `secdojo exam` (each at most once)
        #[arg(required_unless_present = "lrs", conflicts_with = "lrs")]
        results: Vec<PathBuf>,
        /// Output: a Markdown page (in --lang), or CSV / JSON for spreadsheets and scripts
        #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
        format: ReportFormat,
        /// Count every sitting in the item analysis (default: one per learner, the last complete one)
        #[arg(long)]
        all_sittings: bool,
        #[command(flatten)]
        source: ReportLrsArgs,
    },
    /// Statements waiting to be sent to a Learning Record Store (xAPI)
    #[command(subcommand)]
    Lrs(LrsCommand),
}

/// Sending xAPI statements: opt-in, never without a URL. Credentials come only from the
/// environment, so they are never in the shell's history nor in a file secdojo writes.
#[derive(Debug, Clone, Args, Default)]
pub struct LrsArgs {
    /// Also send xAPI statements to this LRS endpoint as the exam goes (else `[lrs] endpoint` in
    /// the exam file, else SECDOJO_LRS_URL); credentials from SECDOJO_LRS_USER / SECDOJO_LRS_PASSWORD
    #[arg(long, value_name = "URL")]
    pub lrs: Option<String>,
    /// Allow an http:// LRS URL on a host other than localhost / 127.0.0.1 (sends the password in clear)
    #[arg(long)]
    pub allow_insecure_http: bool,
}

/// Sending the learner's own progress (outside exams): opt-in, as for exams.
#[derive(Debug, Clone, Args, Default)]
pub struct ProgressLrsArgs {
    /// Also send what this run records (lessons read, answers, quizzes finished, challenges
    /// solved) as xAPI statements to this LRS endpoint (else SECDOJO_LRS_URL); credentials from
    /// SECDOJO_LRS_USER / SECDOJO_LRS_PASSWORD, your name from SECDOJO_LEARNER
    #[arg(long, value_name = "URL")]
    pub lrs: Option<String>,
    /// Allow an http:// LRS URL on a host other than localhost / 127.0.0.1 (sends the password in clear)
    #[arg(long)]
    pub allow_insecure_http: bool,
}

/// Where `report` reads sittings from when it reads them from an LRS.
#[derive(Debug, Clone, Args, Default)]
pub struct ReportLrsArgs {
    /// Read the sittings from this LRS endpoint instead of result files (credentials from
    /// SECDOJO_LRS_USER / SECDOJO_LRS_PASSWORD)
    #[arg(long, value_name = "URL")]
    pub lrs: Option<String>,
    /// With --lrs: only this sitting (the registration UUID in its result file)
    #[arg(long, value_name = "ID", requires = "lrs", conflicts_with = "since")]
    pub registration: Option<String>,
    /// With --lrs: only statements stored since this time (RFC 3339, e.g. 2026-04-01T09:00:00Z)
    #[arg(long, value_name = "TIME", requires = "lrs")]
    pub since: Option<String>,
    /// With --lrs: the exam file, for its base IRI (default https://secdojo.invalid/)
    #[arg(long, value_name = "EXAM.toml", requires = "lrs")]
    pub exam: Option<PathBuf>,
    /// With --lrs: allow an http:// URL on a host other than localhost / 127.0.0.1
    #[arg(long, requires = "lrs")]
    pub allow_insecure_http: bool,
}

#[derive(Debug, Subcommand)]
pub enum LrsCommand {
    /// Send the statements waiting in the outbox of DIR (an exam's --out folder), or without DIR
    /// your own progress waiting in the data folder; sending twice never counts twice
    Push {
        /// The folder the results were written to (its outbox is DIR/secdojo-outbox); without
        /// it, the data folder's outbox (--data-dir, SECDOJO_DATA_DIR or the platform folder)
        dir: Option<PathBuf>,
        /// The LRS endpoint (else the one the outbox was filled for, else SECDOJO_LRS_URL)
        #[arg(long, value_name = "URL")]
        lrs: Option<String>,
        /// Allow an http:// URL on a host other than localhost / 127.0.0.1
        #[arg(long)]
        allow_insecure_http: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum PolicyCommand {
    /// Decide one request against a set of policies
    Eval {
        #[arg(long, value_name = "REQ.json")]
        request: PathBuf,
        #[arg(long)]
        identity: Vec<PathBuf>,
        #[arg(long)]
        resource: Option<PathBuf>,
        #[arg(long)]
        boundary: Option<PathBuf>,
        #[arg(long)]
        scp: Vec<PathBuf>,
        #[arg(long)]
        session: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
    },
    /// Report risky or broken parts of a policy or rule file
    Lint {
        file: PathBuf,
        #[arg(long, value_enum)]
        kind: Option<PolicyKindArg>,
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
    },
    /// Run a JSON Lines case file (see docs/policy-cases.md)
    Test {
        cases: PathBuf,
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
    },
    /// Show requests (or packets) that one of two files of the same kind allows and the other does not
    Diff {
        a: PathBuf,
        b: PathBuf,
        /// How many differing requests to show
        #[arg(long, default_value_t = 5, value_name = "N")]
        limit: usize,
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PolicyKindArg {
    Identity,
    Resource,
    Trust,
    Scp,
}

#[derive(Debug, Subcommand)]
pub enum ChallengeCommand {
    /// List the challenges with their titles
    List,
    /// Judge an answer file
    Check {
        id: String,
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
        #[command(flatten)]
        lrs: ProgressLrsArgs,
    },
}

#[derive(Debug, Subcommand)]
pub enum ProgressCommand {
    Show,
    Export {
        #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
    },
    Reset {
        unit: Option<String>,
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
    Csv,
    Md,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// A Markdown page in the report's language
    Md,
    /// RFC 4180 CSV with fixed English column names; cells that a spreadsheet would run as a formula are neutralised
    Csv,
    /// The report's structure as JSON
    Json,
}

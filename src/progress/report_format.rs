//! The class report as text: a Markdown page for people (in the report's language), CSV and
//! JSON for spreadsheets and scripts (fixed English column names, so scripts do not break with
//! `--lang`). Result files are hand-editable: nothing from them reaches the terminal as a control
//! character ([`printable`]), and no CSV cell from them can run as a spreadsheet formula
//! ([`neutralize`]).

use crate::i18n::{Lang, Strings};
use crate::progress::exam_result::Score;
use crate::progress::report::{ClassReport, Counting, ItemStats, LearnerRow, Report};

pub use crate::progress::printable::{neutralize, printable};
pub use crate::progress::report_csv::csv;

fn cell(s: &str) -> String {
    printable(s)
        .replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\n', '\r', '\t'], " ")
}

/// The first 12 characters of a digest: enough to tell sets apart in a table. By characters, since
/// a hand-edited result file may hold anything there.
fn short(digest: &str) -> String {
    cell(&digest.chars().take(12).collect::<String>())
}

fn fraction(s: &Score) -> String {
    format!("{}/{}", s.correct, s.asked)
}

fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

fn signed(x: f64) -> String {
    // `-0.00` reads as a mistake; an index that rounds to zero is zero.
    if x.abs() < 0.005 {
        "0.00".into()
    } else {
        format!("{x:+.2}")
    }
}

fn verdict(row: &LearnerRow, s: &Strings, lang: Lang) -> String {
    if !row.problems.is_empty() {
        let what: Vec<&str> = row.problems.iter().map(|p| p.get(lang).as_str()).collect();
        return s.fmt(
            "report.truth.untrusted",
            &[("what", &cell(&what.join("; ")))],
        );
    }
    let mut v = s
        .get(if row.passed {
            "report.pass"
        } else {
            "report.fail"
        })
        .to_string();
    if row.incomplete {
        let reason = row.ending.key().map_or("", |k| s.get(k));
        v.push_str(", ");
        v.push_str(&s.fmt(
            "report.truth.incomplete",
            &[("n", &row.unanswered.to_string()), ("reason", reason)],
        ));
    }
    if row.sittings > 1 {
        v.push_str(", ");
        v.push_str(&s.fmt(
            "report.truth.sitting",
            &[
                ("n", &row.sitting.to_string()),
                ("of", &row.sittings.to_string()),
            ],
        ));
    }
    if !row.counted {
        v.push_str(", ");
        v.push_str(s.get("report.truth.not_counted"));
    }
    v
}

fn distractor_cell(it: &ItemStats, lang: Lang) -> String {
    it.top_distractor.as_ref().map_or("-".into(), |d| {
        let shown = d.text.as_ref().map_or(d.answer.as_str(), |t| t.get(lang));
        format!("{} ({})", cell(shown), d.count)
    })
}

fn exam_markdown(r: &Report, counting: Counting, s: &Strings, lang: Lang, out: &mut String) {
    out.push_str(&format!(
        "# {}\n\n",
        s.fmt("report.title", &[("title", &cell(&r.title))])
    ));
    out.push_str(&s.fmt(
        "report.summary",
        &[
            ("n", &r.learners.len().to_string()),
            ("digest", &short(&r.digest)),
            ("version", &r.content_version.to_string()),
        ],
    ));
    out.push_str("\n\n");
    if r.same_title_elsewhere {
        out.push_str(&format!("> {}\n\n", s.get("report.truth.same_title")));
    }
    let mut header = vec![s.get("report.learner").to_string()];
    header.extend(r.units.iter().map(|u| cell(u)));
    header.push(s.get("report.total").into());
    header.push(s.get("report.result").into());
    out.push_str(&format!("| {} |\n", header.join(" | ")));
    out.push_str(&format!("|{}\n", "---|".repeat(header.len())));
    for row in &r.learners {
        let trusted = row.problems.is_empty();
        let mut cells = vec![cell(&row.learner)];
        cells.extend(row.units.iter().map(|u| match u {
            _ if !trusted => "?".into(),
            Some(u) => fraction(u),
            None => "-".into(),
        }));
        cells.push(if trusted {
            format!("{} ({})", fraction(&row.total), percent(row.total.share))
        } else {
            "?".into()
        });
        cells.push(verdict(row, s, lang));
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    if !r.repeated.is_empty() {
        out.push_str(&format!("\n## {}\n\n", s.get("report.truth.repeated")));
        for rep in &r.repeated {
            let which = match (&rep.counted, counting) {
                (_, Counting::AllSittings) => s.get("report.truth.counts_all").to_string(),
                (Some(f), _) => s.fmt("report.truth.counts_one", &[("file", &cell(f))]),
                (None, _) => s.get("report.truth.counts_none").to_string(),
            };
            out.push_str(&format!(
                "- {}: {}\n",
                cell(&rep.learner),
                s.fmt(
                    "report.truth.repeat_line",
                    &[("n", &rep.sittings.to_string()), ("which", &which)]
                )
            ));
        }
    }
    out.push_str(&format!(
        "\n## {}\n\n",
        s.fmt("report.items", &[("n", &r.analysed.to_string())])
    ));
    out.push_str(s.get(match counting {
        Counting::OnePerLearner => "report.truth.one_per_learner",
        Counting::AllSittings => "report.truth.all_sittings",
    }));
    out.push_str("\n\n");
    let header = [
        s.get("report.question"),
        s.get("report.unit"),
        s.get("report.correct"),
        s.get("report.share"),
        s.get("report.distractor"),
        s.get("report.discrimination"),
    ];
    out.push_str(&format!("| {} |\n", header.join(" | ")));
    out.push_str(&format!("|{}\n", "---|".repeat(header.len())));
    for it in &r.items {
        let disc = it.discrimination.map_or("-".into(), signed);
        out.push_str(&format!(
            "| {} | {} | {}/{} | {} | {} | {} |\n",
            cell(&it.id),
            cell(&it.unit),
            it.correct,
            it.asked,
            percent(it.share_correct),
            distractor_cell(it, lang),
            disc
        ));
    }
    if !r.texts_verified && r.items.iter().any(|i| i.top_distractor.is_some()) {
        out.push_str(&format!("\n{}\n", s.get("report.truth.no_texts")));
    }
}

/// A readable Markdown page: per exam, the learners and the item analysis.
pub fn markdown(r: &ClassReport, s: &Strings, lang: Lang) -> String {
    let mut out = String::new();
    if r.exams.len() > 1 {
        out.push_str(&s.fmt(
            "report.truth.several_exams",
            &[("n", &r.exams.len().to_string())],
        ));
        out.push_str("\n\n");
    }
    for (i, e) in r.exams.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        exam_markdown(e, r.counting, s, lang, &mut out);
    }
    out
}

/// The report as pretty JSON (the [`ClassReport`] structure as is; control characters are
/// escaped by JSON itself).
pub fn json(r: &ClassReport) -> anyhow::Result<String> {
    Ok(serde_json::to_string_pretty(r)?)
}

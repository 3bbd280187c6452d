//! The class report as text: a Markdown page for people (in the UI language), CSV and JSON for
//! spreadsheets and scripts (fixed English column names, so scripts do not break with `--lang`).

use crate::i18n::Strings;
use crate::progress::exam_result::Score;
use crate::progress::report::Report;

fn cell(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
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

/// A readable Markdown page: learners, item analysis, results of another question set.
pub fn markdown(r: &Report, s: &Strings) -> String {
    let mut out = String::new();
    let n = r.learners.len().to_string();
    out.push_str(&format!(
        "# {}\n\n",
        s.fmt("report.title", &[("title", &cell(&r.title))])
    ));
    out.push_str(&s.fmt(
        "report.summary",
        &[
            ("n", &n),
            ("digest", &short(&r.digest)),
            ("version", &r.content_version.to_string()),
        ],
    ));
    out.push_str("\n\n");
    let mut header = vec![s.get("report.learner").to_string()];
    header.extend(r.units.iter().cloned());
    header.push(s.get("report.total").into());
    header.push(s.get("report.result").into());
    out.push_str(&format!("| {} |\n", header.join(" | ")));
    out.push_str(&format!("|{}\n", "---|".repeat(header.len())));
    for row in &r.learners {
        let mut cells = vec![cell(&row.learner)];
        cells.extend(
            row.units
                .iter()
                .map(|u| u.as_ref().map_or("-".into(), fraction)),
        );
        cells.push(format!(
            "{} ({})",
            fraction(&row.total),
            percent(row.total.share)
        ));
        let mut verdict = s
            .get(if row.passed {
                "report.pass"
            } else {
                "report.fail"
            })
            .to_string();
        if row.timed_out {
            verdict.push_str(&format!(", {}", s.get("report.timed_out")));
        }
        if row.interrupted {
            verdict.push_str(&format!(", {}", s.get("exam.tui.report_interrupted")));
        }
        if !row.same_exam {
            verdict.push_str(&format!(", {}", s.get("report.other_exam")));
        }
        cells.push(verdict);
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out.push_str(&format!(
        "\n## {}\n\n",
        s.fmt("report.items", &[("n", &r.analysed.to_string())])
    ));
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
        let distractor = it
            .top_distractor
            .as_ref()
            .map_or("-".into(), |(d, c)| format!("{} ({c})", cell(d)));
        let disc = it.discrimination.map_or("-".into(), signed);
        out.push_str(&format!(
            "| {} | {} | {}/{} | {} | {} | {} |\n",
            cell(&it.id),
            cell(&it.unit),
            it.correct,
            it.asked,
            percent(it.share_correct),
            distractor,
            disc
        ));
    }
    if !r.flagged.is_empty() {
        out.push_str(&format!("\n## {}\n\n", s.get("report.flagged")));
        for f in &r.flagged {
            out.push_str(&format!(
                "- {} ({}): {}\n",
                cell(&f.learner),
                f.file,
                short(&f.digest)
            ));
        }
    }
    out
}

fn rfc4180(buf: Vec<u8>) -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(buf)
}

/// RFC 4180 CSV: the learner table, an empty line, then the item analysis table (each with its
/// own header row), so a spreadsheet shows both.
pub fn csv(r: &Report) -> anyhow::Result<String> {
    let mut w = rfc4180(Vec::new());
    let mut header = vec!["learner".to_string(), "file".into()];
    header.extend(r.units.iter().map(|u| format!("{u}_correct")));
    header.extend(r.units.iter().map(|u| format!("{u}_asked")));
    header.extend(
        [
            "total_correct",
            "total_asked",
            "share",
            "passed",
            "timed_out",
            "same_exam",
            "interrupted",
        ]
        .map(String::from),
    );
    w.write_record(&header)?;
    for row in &r.learners {
        let mut rec = vec![row.learner.clone(), row.file.clone()];
        rec.extend(
            row.units
                .iter()
                .map(|u| u.map_or(String::new(), |s| s.correct.to_string())),
        );
        rec.extend(
            row.units
                .iter()
                .map(|u| u.map_or(String::new(), |s| s.asked.to_string())),
        );
        rec.extend([
            row.total.correct.to_string(),
            row.total.asked.to_string(),
            format!("{:.3}", row.total.share),
            row.passed.to_string(),
            row.timed_out.to_string(),
            row.same_exam.to_string(),
            row.interrupted.to_string(),
        ]);
        w.write_record(&rec)?;
    }
    let mut out = w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
    out.extend_from_slice(b"\r\n");
    let mut w = rfc4180(out);
    w.write_record([
        "question",
        "unit",
        "kind",
        "correct",
        "asked",
        "share_correct",
        "top_distractor",
        "top_distractor_count",
        "discrimination",
    ])?;
    for it in &r.items {
        let (d, c) = it
            .top_distractor
            .as_ref()
            .map_or((String::new(), String::new()), |(d, c)| {
                (d.clone(), c.to_string())
            });
        w.write_record([
            it.id.clone(),
            it.unit.clone(),
            it.kind.clone(),
            it.correct.to_string(),
            it.asked.to_string(),
            format!("{:.3}", it.share_correct),
            d,
            c,
            it.discrimination
                .map_or(String::new(), |x| format!("{x:.3}")),
        ])?;
    }
    let bytes = w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(String::from_utf8(bytes)?)
}

/// The report as pretty JSON (the [`Report`] structure as is).
pub fn json(r: &Report) -> anyhow::Result<String> {
    Ok(serde_json::to_string_pretty(r)?)
}

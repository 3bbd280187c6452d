//! `secdojo progress export --format json|csv|md`: the self-assessment in a form to keep, share with
//! a mentor, or load into a spreadsheet.

use crate::progress::assess::{Assessment, Standing};

/// JSON: the whole assessment.
pub fn to_json(a: &Assessment) -> String {
    serde_json::to_string_pretty(a).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// CSV: one row per tested section (RFC 4180, header row first).
pub fn to_csv(a: &Assessment) -> anyhow::Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "unit",
        "section",
        "heading",
        "questions",
        "answered",
        "right",
        "standing",
    ])?;
    for u in &a.units {
        for s in &u.sections {
            w.write_record([
                u.unit.as_str(),
                s.anchor.as_str(),
                s.heading.as_str(),
                &s.questions.to_string(),
                &s.answered.to_string(),
                &s.right.to_string(),
                standing_code(s.standing),
            ])?;
        }
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}

/// Markdown: a table per unit, then the sections to reread.
pub fn to_markdown(a: &Assessment, labels: &Labels) -> String {
    let mut out = format!("# {}\n", labels.title);
    for u in &a.units {
        let best = u
            .best
            .as_ref()
            .map_or("-".to_string(), |b| format!("{}/{}", b.correct, b.asked));
        out.push_str(&format!(
            "\n## {}\n\n{}: {}/{} · {}: {}",
            u.title, labels.lesson, u.sections_seen, u.sections_total, labels.best, best
        ));
        if u.challenges_total > 0 {
            out.push_str(&format!(
                " · {}: {}/{}",
                labels.challenges, u.challenges_solved, u.challenges_total
            ));
        }
        out.push('\n');
        if u.sections.is_empty() {
            continue;
        }
        out.push_str(&format!(
            "\n| {} | {} | {} |\n|---|---|---|\n",
            labels.section, labels.right, labels.standing
        ));
        for s in &u.sections {
            let right = if s.answered == 0 {
                "-".to_string()
            } else {
                format!("{}/{}", s.right, s.answered)
            };
            out.push_str(&format!(
                "| {} | {right} | {} |\n",
                s.heading.replace('|', "\\|"),
                labels.standing(s.standing)
            ));
        }
    }
    let reread = a.to_reread();
    if !reread.is_empty() {
        out.push_str(&format!("\n## {}\n\n", labels.reread));
        for (unit, anchor, heading) in reread {
            out.push_str(&format!(
                "- {heading} (`secdojo learn {unit}`, #{anchor})\n"
            ));
        }
    }
    out
}

/// The words of the Markdown export, in the learner's language.
#[derive(Debug, Clone)]
pub struct Labels {
    pub title: String,
    pub lesson: String,
    pub best: String,
    pub challenges: String,
    pub section: String,
    pub right: String,
    pub standing: String,
    pub reread: String,
    pub mastered: String,
    pub weak: String,
    pub started: String,
    pub untested: String,
}

impl Labels {
    fn standing(&self, s: Standing) -> &str {
        match s {
            Standing::Mastered => &self.mastered,
            Standing::Weak => &self.weak,
            Standing::Started => &self.started,
            Standing::Untested => &self.untested,
        }
    }
}

fn standing_code(s: Standing) -> &'static str {
    match s {
        Standing::Mastered => "mastered",
        Standing::Weak => "weak",
        Standing::Started => "started",
        Standing::Untested => "untested",
    }
}

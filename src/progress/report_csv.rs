//! The class report as RFC 4180 CSV, for spreadsheets: fixed English column names, the exam in
//! the first columns, and every text cell from a file neutralised ([`neutralize`]).

use crate::i18n::Lang;
use crate::progress::exam_result::Score;
use crate::progress::printable::neutralize;
use crate::progress::report::ClassReport;

fn rfc4180(buf: Vec<u8>) -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(buf)
}

/// RFC 4180 CSV: the learner table, an empty line, then the item analysis table (each with its
/// own header row and the exam in its first columns), so a spreadsheet shows both.
pub fn csv(r: &ClassReport, lang: Lang) -> anyhow::Result<String> {
    let mut units: Vec<&String> = Vec::new();
    for e in &r.exams {
        for u in &e.units {
            if !units.contains(&u) {
                units.push(u);
            }
        }
    }
    let mut w = rfc4180(Vec::new());
    let mut header = vec![
        "exam".to_string(),
        "digest".into(),
        "learner".into(),
        "file".into(),
    ];
    header.extend(units.iter().map(|u| format!("{}_correct", neutralize(u))));
    header.extend(units.iter().map(|u| format!("{}_asked", neutralize(u))));
    header.extend(
        [
            "total_correct",
            "total_asked",
            "share",
            "passed",
            "timed_out",
            "interrupted",
            "incomplete",
            "ending",
            "unanswered",
            "sitting",
            "sittings",
            "counted",
            "problems",
        ]
        .map(String::from),
    );
    w.write_record(&header)?;
    for e in &r.exams {
        for row in &e.learners {
            let trusted = row.problems.is_empty();
            let mut rec = vec![
                neutralize(&e.title),
                neutralize(&e.digest),
                neutralize(&row.learner),
                neutralize(&row.file),
            ];
            let score = |f: fn(&Score) -> usize| -> Vec<String> {
                units
                    .iter()
                    .map(|u| {
                        e.units
                            .iter()
                            .position(|x| x == *u)
                            .and_then(|i| row.units[i])
                            .filter(|_| trusted)
                            .map_or(String::new(), |s| f(&s).to_string())
                    })
                    .collect()
            };
            rec.extend(score(|s| s.correct));
            rec.extend(score(|s| s.asked));
            let t = |v: String| if trusted { v } else { String::new() };
            let problems: Vec<&str> = row.problems.iter().map(|p| p.get(lang).as_str()).collect();
            rec.extend([
                t(row.total.correct.to_string()),
                t(row.total.asked.to_string()),
                t(format!("{:.3}", row.total.share)),
                t(row.passed.to_string()),
                row.timed_out.to_string(),
                row.interrupted.to_string(),
                row.incomplete.to_string(),
                row.ending.as_str().to_string(),
                row.unanswered.to_string(),
                row.sitting.to_string(),
                row.sittings.to_string(),
                row.counted.to_string(),
                neutralize(&problems.join("; ")),
            ]);
            w.write_record(&rec)?;
        }
    }
    let mut out = w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
    out.extend_from_slice(b"\r\n");
    let mut w = rfc4180(out);
    w.write_record([
        "exam",
        "digest",
        "question",
        "unit",
        "kind",
        "correct",
        "asked",
        "share_correct",
        "top_distractor",
        "top_distractor_answer",
        "top_distractor_count",
        "discrimination",
    ])?;
    for e in &r.exams {
        for it in &e.items {
            let (text, answer, count) = it.top_distractor.as_ref().map_or(
                (String::new(), String::new(), String::new()),
                |d| {
                    let shown = d.text.as_ref().map_or(d.answer.as_str(), |t| t.get(lang));
                    (
                        neutralize(shown),
                        neutralize(&d.answer),
                        d.count.to_string(),
                    )
                },
            );
            w.write_record([
                neutralize(&e.title),
                neutralize(&e.digest),
                neutralize(&it.id),
                neutralize(&it.unit),
                neutralize(&it.kind),
                it.correct.to_string(),
                it.asked.to_string(),
                format!("{:.3}", it.share_correct),
                text,
                answer,
                count,
                it.discrimination
                    .map_or(String::new(), |x| format!("{x:.3}")),
            ])?;
        }
    }
    let bytes = w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(String::from_utf8(bytes)?)
}

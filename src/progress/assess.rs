//! Self-assessment: from the attempts in the store, what is mastered and what is weak, by unit and
//! by lesson section, and which sections to reread. Only the latest answer to each question counts,
//! so a learner who fixed a mistake is not held to it.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::course::Course;
use crate::i18n::Lang;
use crate::progress::model::{Best, Progress};

/// How a section stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// Every question of the section answered, and the latest answers are all right.
    Mastered,
    /// At least one latest answer is wrong.
    Weak,
    /// Some questions answered, all right, but not all of them yet.
    Started,
    /// No question of the section answered yet.
    Untested,
}

/// One lesson section.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionReport {
    pub anchor: String,
    pub heading: String,
    pub questions: usize,
    pub answered: usize,
    pub right: usize,
    pub standing: Standing,
}

/// One unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitReport {
    pub unit: String,
    pub title: String,
    pub lesson_finished: bool,
    pub sections_seen: usize,
    pub sections_total: usize,
    pub best: Option<Best>,
    /// Sandbox challenges of the unit solved, and how many it has.
    pub challenges_solved: usize,
    pub challenges_total: usize,
    pub sections: Vec<SectionReport>,
}

/// The whole assessment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    pub units: Vec<UnitReport>,
    /// Questions due in the review queue now.
    pub review_due: usize,
}

impl Assessment {
    /// Sections to reread, in course order: (unit id, anchor, heading).
    pub fn to_reread(&self) -> Vec<(&str, &str, &str)> {
        self.units
            .iter()
            .flat_map(|u| {
                u.sections
                    .iter()
                    .filter(|s| s.standing == Standing::Weak)
                    .map(move |s| (u.unit.as_str(), s.anchor.as_str(), s.heading.as_str()))
            })
            .collect()
    }
}

/// Builds the assessment of `progress` against `course`, headings in `lang`, at time `now`.
pub fn assess(course: &Course, progress: &Progress, lang: Lang, now: u64) -> Assessment {
    // Latest answer per question id.
    let mut latest: BTreeMap<&str, bool> = BTreeMap::new();
    for a in &progress.attempts {
        latest.insert(a.question.as_str(), a.correct);
    }
    let units = course
        .units
        .iter()
        .map(|unit| {
            let headings = course
                .lesson(&unit.id, lang)
                .map(|l| crate::markdown::parse(&l.body).headings)
                .unwrap_or_default();
            let questions = course.quiz(&unit.id).map_or(&[][..], |q| &q.questions[..]);
            let sections = headings
                .iter()
                .filter_map(|h| {
                    let qs: Vec<&str> = questions
                        .iter()
                        .filter(|q| q.section == h.anchor)
                        .map(|q| q.id.as_str())
                        .collect();
                    if qs.is_empty() {
                        return None;
                    }
                    let answered: Vec<bool> =
                        qs.iter().filter_map(|q| latest.get(q).copied()).collect();
                    let right = answered.iter().filter(|r| **r).count();
                    let standing = if answered.is_empty() {
                        Standing::Untested
                    } else if right < answered.len() {
                        Standing::Weak
                    } else if answered.len() < qs.len() {
                        Standing::Started
                    } else {
                        Standing::Mastered
                    };
                    Some(SectionReport {
                        anchor: h.anchor.clone(),
                        heading: h.text.clone(),
                        questions: qs.len(),
                        answered: answered.len(),
                        right,
                        standing,
                    })
                })
                .collect();
            let lp = progress.lessons.get(&unit.id);
            UnitReport {
                unit: unit.id.clone(),
                title: unit.title.get(lang).clone(),
                lesson_finished: lp.is_some_and(|l| l.finished),
                sections_seen: lp.map_or(0, |l| {
                    l.sections_seen
                        .iter()
                        .filter(|a| headings.iter().any(|h| &h.anchor == *a))
                        .count()
                }),
                sections_total: headings.len(),
                best: progress.best.get(&unit.id).cloned(),
                challenges_solved: unit
                    .challenges
                    .iter()
                    .filter(|c| progress.challenges.get(*c).is_some_and(|p| p.solved))
                    .count(),
                challenges_total: unit.challenges.len(),
                sections,
            }
        })
        .collect();
    Assessment {
        units,
        review_due: crate::progress::leitner::due(&progress.review, now).len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::{self, CourseSource};

    #[test]
    fn solved_challenges_are_counted_per_unit() {
        let course = course::load(&CourseSource::Embedded).expect("built-in course");
        let mut p = Progress::default();
        let iam = course.unit("iam").expect("iam");
        let first = iam.challenges[0].clone();
        p.challenges.entry(first).or_default().solved = true;
        // A draft alone is not a solve.
        p.challenges
            .entry(iam.challenges[1].clone())
            .or_default()
            .draft = Some("{}".into());
        let a = assess(&course, &p, Lang::En, 0);
        let u = a.units.iter().find(|u| u.unit == "iam").unwrap();
        assert_eq!(
            (u.challenges_solved, u.challenges_total),
            (1, iam.challenges.len())
        );
        let why = a.units.iter().find(|u| u.unit == "why-security").unwrap();
        assert_eq!((why.challenges_solved, why.challenges_total), (0, 0));
        let labels = crate::progress::export::Labels {
            title: "T".into(),
            lesson: "Read".into(),
            best: "Best".into(),
            challenges: "Challenges".into(),
            section: "S".into(),
            right: "R".into(),
            standing: "St".into(),
            reread: "Re".into(),
            mastered: "m".into(),
            weak: "w".into(),
            started: "s".into(),
            untested: "u".into(),
        };
        let md = crate::progress::export::to_markdown(&a, &labels);
        assert!(
            md.contains(&format!("Challenges: 1/{}", iam.challenges.len())),
            "{md}"
        );
        assert!(
            !md.contains("Challenges: 0/0"),
            "units without challenges say nothing"
        );
    }
}

//! A quiz run as a pure state machine: which questions, in which order, with which choice order,
//! what was answered, how long it took, which hints were used, and the score. No terminal and no
//! clock: callers pass elapsed times in, so runs are reproducible and testable.

use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

use crate::quiz::grade::{GradeError, Graded, PolicyJudge, Response, grade};
use crate::quiz::model::{Kind, Question, QuizFile};

/// One question as asked in this run: the authored question plus the order its choices are shown
/// in. Answers are still by id, so the shuffle cannot change what is right.
#[derive(Debug, Clone)]
pub struct Asked {
    pub unit: String,
    pub question: Question,
    /// Choice ids in display order (`single`, `multiple`); for `order`, the starting arrangement.
    pub shown: Vec<String>,
    pub response: Option<Response>,
    pub graded: Option<Graded>,
    /// How many hints were revealed before answering.
    pub hints_used: usize,
    /// Time spent on the question, as reported by the caller.
    pub elapsed_ms: u64,
}

/// Score of one unit in a run.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitScore {
    pub unit: String,
    pub correct: usize,
    pub asked: usize,
    pub pass_mark: f64,
}

impl UnitScore {
    /// Passed when the share of right answers reaches the unit's pass mark.
    pub fn passed(&self) -> bool {
        self.asked > 0 && (self.correct as f64) >= self.pass_mark * (self.asked as f64) - 1e-9
    }
}

/// A whole run.
#[derive(Debug, Clone)]
pub struct Run {
    /// The seed that produced this order; shown on the results screen so a run can be repeated.
    pub seed: u64,
    pub items: Vec<Asked>,
    pass_marks: Vec<(String, f64)>,
    current: usize,
}

impl Run {
    /// Builds a run over `banks` (in course order): questions shuffled with `seed`, choices
    /// shuffled per question, and at most `count` questions if given.
    pub fn new(banks: &[&QuizFile], seed: u64, count: Option<usize>) -> Run {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut items: Vec<Asked> = banks
            .iter()
            .flat_map(|b| b.questions.iter().map(move |q| (b.unit.clone(), q)))
            .map(|(unit, q)| Asked {
                unit,
                question: q.clone(),
                shown: Vec::new(),
                response: None,
                graded: None,
                hints_used: 0,
                elapsed_ms: 0,
            })
            .collect();
        items.shuffle(&mut rng);
        if let Some(n) = count {
            items.truncate(n);
        }
        for item in &mut items {
            item.shown = display_order(&item.question, &mut rng);
        }
        Run {
            seed,
            items,
            pass_marks: banks
                .iter()
                .map(|b| (b.unit.clone(), b.pass_mark))
                .collect(),
            current: 0,
        }
    }

    /// A run over exactly these questions in this order (the "retry the ones I missed" run and the
    /// review queue), with choices shuffled by `seed`.
    pub fn from_items(
        items: Vec<(String, Question)>,
        pass_marks: Vec<(String, f64)>,
        seed: u64,
    ) -> Run {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let items = items
            .into_iter()
            .map(|(unit, question)| Asked {
                shown: display_order(&question, &mut rng),
                unit,
                question,
                response: None,
                graded: None,
                hints_used: 0,
                elapsed_ms: 0,
            })
            .collect();
        Run {
            seed,
            items,
            pass_marks,
            current: 0,
        }
    }

    /// The question being asked, or `None` when the run is over.
    pub fn current(&self) -> Option<&Asked> {
        self.items.get(self.current)
    }

    /// 0-based position of the current question.
    pub fn position(&self) -> usize {
        self.current
    }

    pub fn is_finished(&self) -> bool {
        self.current >= self.items.len()
    }

    /// Reveals the next hint of the current question; returns its index, or `None` if none is left.
    pub fn use_hint(&mut self, hint_count: usize) -> Option<usize> {
        let item = self.items.get_mut(self.current)?;
        if item.graded.is_some() || item.hints_used >= hint_count {
            return None;
        }
        item.hints_used += 1;
        Some(item.hints_used - 1)
    }

    /// Grades an answer to the current question and records it. The question stays current (so
    /// feedback can be shown) until [`Run::next`].
    pub fn answer(
        &mut self,
        response: Response,
        elapsed_ms: u64,
        judge: Option<&dyn PolicyJudge>,
    ) -> Result<&Graded, GradeError> {
        let item = self
            .items
            .get_mut(self.current)
            .ok_or(GradeError::WrongShape("finished"))?;
        let graded = grade(&item.question, &response, judge)?;
        item.response = Some(response);
        item.elapsed_ms = elapsed_ms;
        Ok(item.graded.insert(graded))
    }

    /// Moves past the current question (answered or skipped).
    pub fn next(&mut self) {
        if self.current < self.items.len() {
            self.current += 1;
        }
    }

    /// Ends the run early (end of input, time up). Unanswered questions stay unanswered; whether
    /// they count against the score is the caller's choice in [`Run::scores`].
    pub fn finish(&mut self) {
        self.current = self.items.len();
    }

    /// Scores by unit, in course order, over the questions answered (or all asked ones when
    /// `count_unanswered`).
    pub fn scores(&self, count_unanswered: bool) -> Vec<UnitScore> {
        self.pass_marks
            .iter()
            .filter_map(|(unit, mark)| {
                let asked: Vec<&Asked> = self
                    .items
                    .iter()
                    .filter(|i| &i.unit == unit && (count_unanswered || i.graded.is_some()))
                    .collect();
                (!asked.is_empty()).then(|| UnitScore {
                    unit: unit.clone(),
                    correct: asked.iter().filter(|i| is_right(i)).count(),
                    asked: asked.len(),
                    pass_mark: *mark,
                })
            })
            .collect()
    }

    /// (right, answered) over the whole run.
    pub fn total(&self) -> (usize, usize) {
        let answered = self.items.iter().filter(|i| i.graded.is_some()).count();
        let right = self.items.iter().filter(|i| is_right(i)).count();
        (right, answered)
    }

    /// The questions answered wrongly, for the results screen and "retry the ones I missed".
    pub fn missed(&self) -> Vec<&Asked> {
        self.items
            .iter()
            .filter(|i| i.graded.as_ref().is_some_and(|g| !g.correct))
            .collect()
    }
}

fn is_right(item: &Asked) -> bool {
    item.graded.as_ref().is_some_and(|g| g.correct)
}

fn display_order(q: &Question, rng: &mut ChaCha8Rng) -> Vec<String> {
    let mut ids: Vec<String> = q.choices.iter().map(|c| c.id.clone()).collect();
    match q.kind {
        Kind::Single | Kind::Multiple => ids.shuffle(rng),
        Kind::Order => {
            ids.shuffle(rng);
            // Starting in the right order would give the answer away.
            let key = q.answer_ids();
            if ids.len() > 1 && ids.iter().map(String::as_str).eq(key.iter().copied()) {
                ids.rotate_left(1);
            }
        }
        Kind::TrueFalse | Kind::FillIn | Kind::Policy => {}
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quiz::model::parse;
    use proptest::prelude::*;

    fn bank(unit: &str, n: usize) -> QuizFile {
        let mut s = format!("unit = \"{unit}\"\npass_mark = 0.5\n");
        for i in 0..n {
            s.push_str(&format!(
                r#"
[[question]]
id = "{unit}-{i}"
kind = "single"
section = "s"
prompt = {{ ja = "問{i}", en = "Q{i}" }}
explanation = {{ ja = "説", en = "E" }}
answer = "c{i}"
choices = [
  {{ id = "w{i}", ja = "誤", en = "W", misconception = {{ ja = "m", en = "m" }} }},
  {{ id = "c{i}", ja = "正", en = "C" }},
  {{ id = "x{i}", ja = "誤", en = "X", misconception = {{ ja = "m", en = "m" }} }},
]
"#
            ));
        }
        parse(&s).unwrap()
    }

    fn order_of(run: &Run) -> Vec<String> {
        run.items.iter().map(|i| i.question.id.clone()).collect()
    }

    #[test]
    fn same_seed_same_run_different_seed_different_order() {
        let b = bank("iam", 12);
        let a1 = Run::new(&[&b], 42, None);
        let a2 = Run::new(&[&b], 42, None);
        assert_eq!(order_of(&a1), order_of(&a2));
        let shown1: Vec<_> = a1.items.iter().map(|i| i.shown.clone()).collect();
        let shown2: Vec<_> = a2.items.iter().map(|i| i.shown.clone()).collect();
        assert_eq!(shown1, shown2);
        let others =
            (0..5u64).filter(|s| order_of(&Run::new(&[&b], 1000 + s, None)) != order_of(&a1));
        assert!(
            others.count() >= 4,
            "other seeds should mostly give other orders"
        );
    }

    #[test]
    fn count_takes_a_subset_and_scores_by_unit() {
        let a = bank("iam", 6);
        let b = bank("s3", 6);
        let mut run = Run::new(&[&a, &b], 7, Some(5));
        assert_eq!(run.items.len(), 5);
        while let Some(item) = run.current() {
            let right = item.question.answer_ids()[0].to_string();
            let pick = if item.unit == "iam" {
                right
            } else {
                item.shown
                    .iter()
                    .find(|c| c.starts_with('w'))
                    .unwrap()
                    .clone()
            };
            run.answer(Response::Choices(vec![pick]), 1000, None)
                .unwrap();
            run.next();
        }
        assert!(run.is_finished());
        let scores = run.scores(false);
        for s in &scores {
            if s.unit == "iam" {
                assert_eq!(s.correct, s.asked);
                assert!(s.passed());
            } else {
                assert_eq!(s.correct, 0);
                assert!(!s.passed());
            }
        }
        let (right, answered) = run.total();
        assert_eq!(answered, 5);
        assert_eq!(run.missed().len(), answered - right);
    }

    #[test]
    fn hints_are_counted_and_stop_after_answering() {
        let b = bank("iam", 1);
        let mut run = Run::new(&[&b], 1, None);
        assert_eq!(run.use_hint(2), Some(0));
        assert_eq!(run.use_hint(2), Some(1));
        assert_eq!(run.use_hint(2), None);
        run.answer(Response::Choices(vec!["c0".into()]), 5, None)
            .unwrap();
        assert_eq!(run.current().unwrap().hints_used, 2);
    }

    #[test]
    fn early_finish_scores_only_what_was_answered() {
        let b = bank("iam", 4);
        let mut run = Run::new(&[&b], 3, None);
        let right = run.current().unwrap().question.answer_ids()[0].to_string();
        run.answer(Response::Choices(vec![right]), 5, None).unwrap();
        run.next();
        run.finish();
        assert_eq!(run.total(), (1, 1));
        assert_eq!(run.scores(true)[0].asked, 4);
    }

    proptest! {
        /// Whatever the seed, picking the choice with the key's id is right and any other is
        /// wrong: shuffling never changes correctness.
        #[test]
        fn shuffle_never_changes_correctness(seed in any::<u64>(), pos in 0usize..3) {
            let b = bank("iam", 8);
            let mut run = Run::new(&[&b], seed, None);
            while let Some(item) = run.current() {
                let pick = item.shown[pos].clone();
                let expect = item.question.is_correct_choice(&pick);
                let mut shown = item.shown.clone();
                shown.sort();
                let mut authored: Vec<String> = item.question.choices.iter().map(|c| c.id.clone()).collect();
                authored.sort();
                prop_assert_eq!(shown, authored);
                let g = run.answer(Response::Choices(vec![pick]), 1, None).unwrap();
                prop_assert_eq!(g.correct, expect);
                run.next();
            }
        }
    }
}

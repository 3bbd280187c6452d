//! The review queue: a Leitner system. A missed question enters box 1 and is due the next day;
//! each right answer moves it up a box with a longer interval, a wrong one sends it back to box 1.
//! After the last box it leaves the queue. Time is passed in (seconds since the epoch), so tests
//! need no waiting.

use std::collections::BTreeMap;

use crate::progress::model::Card;

/// Interval of each box, in days.
pub const INTERVAL_DAYS: [u64; 5] = [1, 2, 4, 8, 16];
/// Number of boxes.
pub const BOXES: u8 = INTERVAL_DAYS.len() as u8;
const DAY: u64 = 24 * 60 * 60;

/// Records an answer to `question` at `now`: wrong answers (re)start it in box 1, right answers
/// promote a queued question (and retire it after the last box). Right answers to questions not
/// in the queue change nothing.
pub fn record(
    queue: &mut BTreeMap<String, Card>,
    unit: &str,
    question: &str,
    correct: bool,
    now: u64,
) {
    if !correct {
        queue.insert(
            question.to_string(),
            Card {
                unit: unit.to_string(),
                r#box: 1,
                due: now + INTERVAL_DAYS[0] * DAY,
                ..Card::default()
            },
        );
        return;
    }
    let Some(card) = queue.get_mut(question) else {
        return;
    };
    if card.r#box >= BOXES {
        queue.remove(question);
        return;
    }
    card.r#box += 1;
    card.due = now + INTERVAL_DAYS[usize::from(card.r#box) - 1] * DAY;
}

/// Question ids due at `now`, most overdue first.
pub fn due(queue: &BTreeMap<String, Card>, now: u64) -> Vec<(&str, &Card)> {
    let mut v: Vec<(&str, &Card)> = queue
        .iter()
        .filter(|(_, c)| c.due <= now)
        .map(|(q, c)| (q.as_str(), c))
        .collect();
    v.sort_by_key(|(q, c)| (c.due, *q));
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: u64 = 1_800_000_000;

    #[test]
    fn a_missed_question_is_due_the_next_day() {
        let mut q = BTreeMap::new();
        record(&mut q, "iam", "iam-1", false, T0);
        assert!(due(&q, T0).is_empty());
        assert!(due(&q, T0 + DAY - 1).is_empty());
        assert_eq!(due(&q, T0 + DAY)[0].0, "iam-1");
    }

    #[test]
    fn right_answers_climb_the_boxes_and_retire() {
        let mut q = BTreeMap::new();
        record(&mut q, "iam", "iam-1", false, T0);
        let mut now = T0;
        for (i, days) in INTERVAL_DAYS.iter().enumerate().skip(1) {
            now += DAY * 100;
            record(&mut q, "iam", "iam-1", true, now);
            assert_eq!(q["iam-1"].r#box as usize, i + 1);
            assert_eq!(q["iam-1"].due, now + days * DAY);
        }
        record(&mut q, "iam", "iam-1", true, now + DAY * 100);
        assert!(q.is_empty(), "retired after the last box");
    }

    #[test]
    fn a_wrong_answer_demotes_to_box_one() {
        let mut q = BTreeMap::new();
        record(&mut q, "iam", "iam-1", false, T0);
        record(&mut q, "iam", "iam-1", true, T0 + DAY);
        record(&mut q, "iam", "iam-1", true, T0 + 3 * DAY);
        assert_eq!(q["iam-1"].r#box, 3);
        record(&mut q, "iam", "iam-1", false, T0 + 7 * DAY);
        assert_eq!(q["iam-1"].r#box, 1);
        assert_eq!(q["iam-1"].due, T0 + 8 * DAY);
    }

    #[test]
    fn right_answers_outside_the_queue_change_nothing_and_due_is_sorted() {
        let mut q = BTreeMap::new();
        record(&mut q, "iam", "iam-1", true, T0);
        assert!(q.is_empty());
        record(&mut q, "iam", "b", false, T0 + 10);
        record(&mut q, "iam", "a", false, T0);
        let order: Vec<&str> = due(&q, T0 + 2 * DAY).iter().map(|(id, _)| *id).collect();
        assert_eq!(order, ["a", "b"]);
    }
}

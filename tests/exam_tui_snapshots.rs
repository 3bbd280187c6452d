//! Snapshots of the exam in the terminal UI, drawn from its pure state with the time given by
//! hand: the name prompt, the start screen, a question with the clock, the feedback on a wrong
//! answer, and the results; in both languages, at 80x24 and 50x20. The built-in IAM questions
//! are used (seed 1), as the quiz snapshots do.
//! Re-accept after content changes with `INSTA_UPDATE=always cargo test --test exam_tui_snapshots`.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use secdojo::course::{self, CourseSource};
use secdojo::i18n::Lang;
use secdojo::progress::exam::{Exam, Feedback, select};
use secdojo::tui::action::Action;
use secdojo::tui::buffer_to_text;
use secdojo::tui::exam::{ExamScreen, Phase, Saved};
use secdojo::tui::quiz::QuizAction as Q;
use secdojo::tui::theme::Theme;
use unicode_width::UnicodeWidthStr;

const T0: u64 = 1_795_884_000_000;

#[derive(Clone, Copy, Debug)]
enum Step {
    Name,
    Start,
    Question,
    Feedback,
    Results,
}

fn key(s: &mut ExamScreen, q: Q, now: u64) {
    s.update(Action::Quiz(q), now);
}

/// Submits a wrong answer (the first shown choice that is not right, or the wrong truth value).
fn answer_wrong(s: &mut ExamScreen, now: u64) {
    let item = s.current().expect("a question").clone();
    let q = &item.question;
    let row = match q.kind {
        secdojo::quiz::model::Kind::TrueFalse => usize::from(matches!(
            q.answer,
            Some(secdojo::quiz::model::Answer::Bool(true))
        )),
        _ => item
            .shown
            .iter()
            .position(|id| !q.is_correct_choice(id))
            .unwrap_or(0),
    };
    key(s, Q::Pick(row as u8), now);
    key(s, Q::Submit, now);
}

fn screen(step: Step, lang: Lang, w: u16, h: u16) -> String {
    let course = course::load(&CourseSource::Embedded).expect("built-in course");
    let exam = Exam {
        title: "Week 1 check".into(),
        units: vec!["iam".into()],
        questions_per_unit: 2,
        seed: 1,
        time_limit_minutes: 20,
        feedback: Feedback::Each,
        pass_mark: 0.7,

        lrs: Default::default(),
    };
    let items = select(&exam, &course);
    assert!(
        items.iter().all(|(_, q)| matches!(
            q.kind,
            secdojo::quiz::model::Kind::Single
                | secdojo::quiz::model::Kind::Multiple
                | secdojo::quiz::model::Kind::TrueFalse
        )),
        "the snapshots assume choice questions; pick another seed"
    );
    let mut s = ExamScreen::new(
        course,
        exam,
        items,
        None,
        lang,
        Theme::plain(),
        Rect::new(0, 0, w, h),
    );
    if !matches!(step, Step::Name) {
        for c in "Aiko".chars() {
            key(&mut s, Q::Char(c), T0);
        }
        key(&mut s, Q::Submit, T0);
    } else {
        for c in "Ai".chars() {
            key(&mut s, Q::Char(c), T0);
        }
    }
    if matches!(step, Step::Question | Step::Feedback | Step::Results) {
        key(&mut s, Q::Submit, T0);
        // 1 min 15.5 s into the exam: 18:45 left (rounded up).
        s.tick(T0 + 75_500);
    }
    if matches!(step, Step::Feedback | Step::Results) {
        answer_wrong(&mut s, T0 + 75_500);
        assert_eq!(s.phase, Phase::Feedback);
    }
    if matches!(step, Step::Results) {
        key(&mut s, Q::Next, T0 + 80_000);
        key(&mut s, Q::Pick(0), T0 + 90_000);
        key(&mut s, Q::Submit, T0 + 90_000);
        key(&mut s, Q::Next, T0 + 91_000);
        assert_eq!(s.phase, Phase::Results);
        assert!(s.take_result().is_some());
        s.saved(Saved::At(
            "results/Week-1-check_Aiko_20261128T164000Z.json".into(),
        ));
    }
    let mut buf = Buffer::empty(s.area);
    (&s).render(s.area, &mut buf);
    let text = buffer_to_text(&buf);
    assert_eq!(text.lines().count(), h as usize, "one line per row");
    for line in text.lines() {
        assert!(line.width() <= w as usize, "line wider than {w}: {line:?}");
    }
    text
}

macro_rules! snap {
    ($name:ident, $step:expr, $lang:expr, $w:expr, $h:expr) => {
        #[test]
        fn $name() {
            insta::assert_snapshot!(screen($step, $lang, $w, $h));
        }
    };
}

snap!(name_en_80x24, Step::Name, Lang::En, 80, 24);
snap!(name_ja_50x20, Step::Name, Lang::Ja, 50, 20);
snap!(start_en_80x24, Step::Start, Lang::En, 80, 24);
snap!(start_ja_80x24, Step::Start, Lang::Ja, 80, 24);
snap!(start_ja_50x20, Step::Start, Lang::Ja, 50, 20);
snap!(question_en_80x24, Step::Question, Lang::En, 80, 24);
snap!(question_ja_80x24, Step::Question, Lang::Ja, 80, 24);
snap!(question_en_50x20, Step::Question, Lang::En, 50, 20);
snap!(question_ja_50x20, Step::Question, Lang::Ja, 50, 20);
snap!(feedback_en_80x24, Step::Feedback, Lang::En, 80, 24);
snap!(feedback_ja_50x20, Step::Feedback, Lang::Ja, 50, 20);
snap!(results_en_80x24, Step::Results, Lang::En, 80, 24);
snap!(results_ja_80x24, Step::Results, Lang::Ja, 80, 24);
snap!(results_en_50x20, Step::Results, Lang::En, 50, 20);

//! Snapshots of the quiz screens as the TUI draws them, over the fixture course (so editing the
//! shipped quizzes never changes them): a one-answer question, the feedback on a wrong answer
//! (with its misconception), and the results, in both languages at 80x24 and at a narrow size.
//! The clock is stopped, so the time shown is always 0:00. Re-accept after a shell change with
//! `INSTA_UPDATE=always cargo test --test render_quiz`, after reading the diff.

mod render_support;

use ratatui::layout::Rect;
use secdojo::course::{self, CourseSource};
use secdojo::i18n::Lang;
use secdojo::quiz::model::Kind;
use secdojo::quiz::run::Run;
use secdojo::tui::App;
use secdojo::tui::action::Action;
use secdojo::tui::quiz::{Phase, QuizAction, QuizEnv};
use secdojo::tui::theme::Theme;

#[derive(Clone, Copy)]
enum State {
    First,
    Feedback,
    Results,
}

fn quiz(app: &mut App, a: QuizAction) {
    app.update(Action::Quiz(a));
}

fn screen(state: State, lang: Lang, w: u16, h: u16) -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/courses/shell");
    let mut course = course::load(&CourseSource::Dir(dir)).expect("the fixture course loads");
    course.strings = course::load(&CourseSource::Embedded)
        .expect("built-in course loads")
        .strings;
    let mut app = App::new(course, lang, Theme::plain(), Rect::new(0, 0, w, h));
    app.shared.quiz_env = QuizEnv::fixed();
    // The fixture's one-answer question, then its true/false one.
    let bank = app.shared.course.quiz("basics").expect("basics has a quiz");
    let pick = |kind: Kind| {
        let q = bank
            .questions
            .iter()
            .find(|q| q.kind == kind)
            .expect("in the fixture");
        ("basics".to_string(), q.clone())
    };
    let items = vec![pick(Kind::Single), pick(Kind::TrueFalse)];
    let run = Run::from_items(items, vec![("basics".into(), bank.pass_mark)], 1);
    app.open_quiz(run, Some("secdojo quiz basics --seed 1".into()));
    if !matches!(state, State::First) {
        // A wrong answer: the first shown choice that is not right, or "true" if it is false.
        let item = app.quiz().unwrap().current().unwrap().clone();
        let q = &item.question;
        let row = item
            .shown
            .iter()
            .position(|id| !q.is_correct_choice(id))
            .unwrap_or(0);
        quiz(&mut app, QuizAction::Pick(row as u8));
        quiz(&mut app, QuizAction::Submit);
        assert_eq!(app.quiz().unwrap().phase, Phase::Feedback);
    }
    if matches!(state, State::Results) {
        // Answer the second (last) question with its first choice: the results follow.
        quiz(&mut app, QuizAction::Next);
        quiz(&mut app, QuizAction::Pick(0));
        quiz(&mut app, QuizAction::Submit);
        quiz(&mut app, QuizAction::Next);
        assert_eq!(app.quiz().unwrap().phase, Phase::Results);
    }
    render_support::fitted_text(&app, w, h)
}

macro_rules! snap {
    ($test:ident, $state:expr, $lang:expr, $w:expr, $h:expr) => {
        #[test]
        fn $test() {
            insta::assert_snapshot!(screen($state, $lang, $w, $h));
        }
    };
}

snap!(question_en_80x24, State::First, Lang::En, 80, 24);
snap!(question_ja_80x24, State::First, Lang::Ja, 80, 24);
snap!(question_en_50x20, State::First, Lang::En, 50, 20);
snap!(question_ja_50x20, State::First, Lang::Ja, 50, 20);
snap!(feedback_en_80x24, State::Feedback, Lang::En, 80, 24);
snap!(feedback_ja_80x24, State::Feedback, Lang::Ja, 80, 24);
snap!(feedback_en_50x20, State::Feedback, Lang::En, 50, 20);
snap!(feedback_ja_50x20, State::Feedback, Lang::Ja, 50, 20);
snap!(results_en_80x24, State::Results, Lang::En, 80, 24);
snap!(results_ja_80x24, State::Results, Lang::Ja, 80, 24);
snap!(results_en_50x20, State::Results, Lang::En, 50, 20);
snap!(results_ja_50x20, State::Results, Lang::Ja, 50, 20);

#[test]
fn feedback_says_wrong_and_results_list_the_missed_section() {
    let fb = screen(State::Feedback, Lang::En, 80, 24);
    assert!(fb.contains("Not quite."), "{fb}");
    assert!(fb.contains("Wrong pick:"), "{fb}");
    let res = screen(State::Results, Lang::En, 80, 24);
    assert!(res.contains("Sections to read again:"), "{res}");
    assert!(res.contains("Time: 0:00"), "{res}");
    assert!(res.contains("secdojo quiz basics --seed 1"), "{res}");
}

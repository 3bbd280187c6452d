//! The quiz screen: a header with the unit and "3 of 12" plus a progress bar, the question (or
//! the feedback on the answer) in a body that scrolls, a text field for `fill_in` answers whose
//! caret is where the real terminal cursor goes, and the key hints.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use crate::i18n::{Lang, Strings};
use crate::quiz::model::Kind;
use crate::quiz::run::Asked;
use crate::tui::policy_editor as editor;
use crate::tui::quiz::feedback::feedback_lines;
use crate::tui::quiz::field::TextField;
use crate::tui::quiz::input::AnswerInput;
use crate::tui::quiz::text::hanging_md;
use crate::tui::quiz::{Phase, QuizState};
use crate::tui::shared::Shared;
use crate::tui::theme::Theme;
use crate::tui::widgets::hint_line::HintLine;
use crate::tui::widgets::{block, truncate, wrap_text};

/// Where the parts of the quiz screen go; computed from the size alone so drawing and the
/// cursor position agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuizLayout {
    pub header: Rect,
    pub body: Rect,
    /// The bordered answer field (`fill_in` while answering).
    pub field: Option<Rect>,
    pub footer: Rect,
}

impl QuizLayout {
    pub fn new(area: Rect, with_field: bool) -> QuizLayout {
        let header = Rect::new(area.x, area.y, area.width, 1.min(area.height));
        let footer_y = area.bottom().saturating_sub(1);
        let footer = Rect::new(area.x, footer_y, area.width, 1.min(area.height));
        let field_h = if with_field { 3 } else { 0 };
        let body_y = area.y + 1;
        let body_h = footer_y.saturating_sub(body_y).saturating_sub(field_h);
        let body = Rect::new(
            area.x + 1,
            body_y,
            area.width.saturating_sub(2).min(100),
            body_h,
        );
        let field = with_field.then(|| {
            Rect::new(
                area.x + 1,
                body_y + body_h,
                area.width.saturating_sub(2),
                field_h,
            )
        });
        QuizLayout {
            header,
            body,
            field,
            footer,
        }
    }

    /// The one row inside the field's border where the text goes.
    pub fn field_text(&self) -> Option<Rect> {
        self.field
            .map(|f| Rect::new(f.x + 2, f.y + 1, f.width.saturating_sub(4), 1.min(f.height)))
    }
}

/// What drawing a question needs besides the question: the UI strings, the language and the
/// theme. The quiz takes them from the app, the exam from its own screen.
#[derive(Clone, Copy)]
pub struct Look<'a> {
    pub strings: &'a Strings,
    pub lang: Lang,
    pub theme: &'a Theme,
}

impl<'a> Look<'a> {
    pub fn of(shared: &'a Shared) -> Look<'a> {
        Look {
            strings: shared.strings(),
            lang: shared.lang,
            theme: &shared.theme,
        }
    }
}

/// Where the terminal cursor belongs: at the caret of the answer field while typing, so an IME
/// composes in place; `None` hides it.
pub fn cursor_position(area: Rect, state: &QuizState) -> Option<Position> {
    if state.writing_policy() {
        let (_, frame) = editor::split(QuizLayout::new(area, false).body);
        return editor::caret(frame, state.editor.as_ref()?);
    }
    if !state.typing() {
        return None;
    }
    field_cursor(area, &state.input.field)
}

/// The caret of the answer field of the question layout at `area`.
pub fn field_cursor(area: Rect, field: &TextField) -> Option<Position> {
    let text = QuizLayout::new(area, true).field_text()?;
    let (_, x) = field.visible(text.width as usize);
    Some(Position::new(text.x + x as u16, text.y))
}

/// Draws the body lines from `first` and, if the layout has one, the text field with its title.
pub fn draw_question(
    look: &Look,
    layout: &QuizLayout,
    body: &Body,
    first: usize,
    (field, title): (&TextField, &str),
    buf: &mut Buffer,
) {
    let area = layout.body;
    for (row, line) in body
        .lines
        .iter()
        .skip(first)
        .take(area.height as usize)
        .enumerate()
    {
        buf.set_line(area.x, area.y + row as u16, line, area.width);
    }
    if let (Some(frame), Some(text)) = (layout.field, layout.field_text()) {
        block(look.theme, format!(" {title} ")).render(frame, buf);
        let (shown, _) = field.visible(text.width as usize);
        buf.set_string(text.x, text.y, shown, Style::new());
    }
}

pub struct QuizScreen<'a> {
    pub shared: &'a Shared,
    pub state: &'a QuizState,
}

impl Widget for QuizScreen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (shared, state) = (self.shared, self.state);
        let mut layout = QuizLayout::new(area, state.typing());
        // A policy is written in the lower half, under the question.
        let frame = state.writing_policy().then(|| {
            let (question, frame) = editor::split(layout.body);
            layout.body = question;
            frame
        });
        header(shared, state, layout.header, buf);
        let body = body_lines(shared, state, layout.body.width);
        let feedback = state.phase == Phase::Feedback;
        let first = first_line(feedback, state.scroll, &body, layout.body.height as usize);
        let look = Look::of(shared);
        let field = (&state.input.field, look.strings.get("quiz.ask.fill_in"));
        draw_question(&look, &layout, &body, first, field, buf);
        if let (Some(frame), Some(ed)) = (frame, state.editor.as_ref()) {
            let title = look.strings.get("exam.tui.policy_editor");
            let b = block(&shared.theme, format!(" {title} "));
            let inner = b.inner(frame);
            b.render(frame, buf);
            ed.render(inner, buf);
        }
        footer(shared, state, layout.footer, buf);
    }
}

/// The body's lines and, while answering, the line range of the cursor's row.
pub struct Body {
    pub lines: Vec<Line<'static>>,
    pub cursor_rows: Option<(usize, usize)>,
}

/// The first body line to show: the feedback's scroll, clamped, or enough to show the cursor.
pub fn first_line(feedback: bool, scroll: usize, body: &Body, height: usize) -> usize {
    let max = body.lines.len().saturating_sub(height);
    match (feedback, body.cursor_rows) {
        (true, _) => scroll.min(max),
        (_, Some((_, end))) if end > height => (end - height).min(max),
        _ => 0,
    }
}

/// How far the feedback can scroll at this size (the app clamps the scroll with it).
pub fn max_scroll(shared: &Shared, state: &QuizState) -> usize {
    let layout = QuizLayout::new(shared.area, state.typing());
    let body = body_lines(shared, state, layout.body.width);
    body.lines.len().saturating_sub(layout.body.height as usize)
}

fn header(shared: &Shared, state: &QuizState, area: Rect, buf: &mut Buffer) {
    let s = shared.strings();
    let unit = state
        .current()
        .map(|a| a.unit.clone())
        .or_else(|| state.run.items.first().map(|a| a.unit.clone()))
        .unwrap_or_default();
    let title = shared
        .course
        .unit(&unit)
        .map_or(unit.clone(), |u| u.title.get(shared.lang).clone());
    let total = state.run.items.len();
    let n = (state.run.position() + 1).min(total);
    let done = state
        .run
        .items
        .iter()
        .filter(|a| a.graded.is_some())
        .count();
    let bar_w = 10;
    let filled = (done * bar_w).checked_div(total).unwrap_or(0);
    let count = s.fmt(
        "quiz.header",
        &[("n", &n.to_string()), ("total", &total.to_string())],
    );
    let width = area.width as usize;
    // The bar (answered share) only where it leaves room for the unit's title.
    let right = if width >= 70 {
        format!(
            "{count}  [{}{}] ",
            "=".repeat(filled),
            "-".repeat(bar_w - filled)
        )
    } else {
        format!("{count} ")
    };
    let right = truncate(&right, width * 2 / 3);
    let left = s.fmt("tui_quiz.title", &[("unit", &title)]);
    let left = truncate(&format!(" {left}"), width.saturating_sub(right.width() + 1));
    let pad = width.saturating_sub(left.width() + right.width());
    Line::from(vec![
        Span::styled(left, shared.theme.title()),
        Span::raw(" ".repeat(pad)),
        Span::styled(right, shared.theme.dim()),
    ])
    .render(area, buf);
}

fn footer(shared: &Shared, state: &QuizState, area: Rect, buf: &mut Buffer) {
    let s = shared.strings();
    let message = state.message.map(|key| {
        let unit = state.current().map_or("", |a| a.unit.as_str());
        s.fmt(key, &[("unit", unit)])
    });
    let msg_w = message.as_ref().map_or(0, |m| m.width() + 1);
    HintLine {
        ctx: crate::tui::component::Component::context(state, shared),
        strings: s,
        theme: &shared.theme,
    }
    .line((area.width as usize).saturating_sub(msg_w))
    .render(area, buf);
    if let Some(m) = message {
        let m = truncate(&m, area.width as usize);
        let x = area.right().saturating_sub(m.width() as u16 + 1);
        buf.set_string(x, area.y, m, shared.theme.error());
    }
}

/// Lines of `text` wrapped to `width` after `lead`, continuation lines indented under the text.
pub fn hanging(lead: &str, text: &str, width: u16, style: Style) -> Vec<Line<'static>> {
    let indent = lead.width();
    let parts = wrap_text(text, width.saturating_sub(indent as u16).max(4));
    parts
        .into_iter()
        .enumerate()
        .map(|(i, part)| {
            let head = if i == 0 {
                lead.to_string()
            } else {
                " ".repeat(indent)
            };
            Line::from(vec![Span::raw(head), Span::raw(part)]).style(style)
        })
        .collect()
}

/// The question or feedback as lines `width` wide.
pub fn body_lines(shared: &Shared, state: &QuizState, width: u16) -> Body {
    let Some(item) = state.current() else {
        return Body {
            lines: Vec::new(),
            cursor_rows: None,
        };
    };
    let (s, lang) = (shared.strings(), shared.lang);
    let feedback = state.phase == Phase::Feedback;
    let policy_note = s.fmt("tui_quiz.policy_elsewhere", &[("unit", &item.unit)]);
    // With the editor on screen, it says how the policy is answered.
    let note = state.editor.is_none().then_some(policy_note.as_str());
    let mut body = question_lines(&Look::of(shared), item, &state.input, feedback, note, width);
    if feedback && item.graded.is_some() {
        let title = state.section_title(&item.unit, &item.question.section, lang);
        body.lines.push(Line::default());
        body.lines.extend(hanging(
            "",
            &s.fmt("tui_quiz.section", &[("title", &title)]),
            width,
            shared.theme.key(),
        ));
    }
    body
}

/// One question as lines `width` wide: its kind, the prompt, then either the feedback on the
/// answer given (`feedback`) or the rows to answer with `input`, and the hints revealed so far.
/// `policy_note` says how a `policy` question is answered on this screen; without one the
/// screen shows its own editor (with the starting document in it), so neither is drawn here.
pub fn question_lines(
    look: &Look,
    item: &Asked,
    input: &AnswerInput,
    feedback: bool,
    policy_note: Option<&str>,
    width: u16,
) -> Body {
    let (s, lang, theme) = (look.strings, look.lang, look.theme);
    let mut lines = Vec::new();
    let mut cursor_rows = None;
    let q = &item.question;
    let mut label = format!("[{}]", s.get(&format!("quiz.kind.{}", q.kind.name())));
    if q.scenario {
        label = format!("{label} {}", s.get("tui_quiz.scenario"));
    }
    lines.push(Line::styled(label, theme.dim()));
    lines.extend(hanging_md(
        look,
        "",
        q.prompt.get(lang),
        width,
        Style::new(),
    ));
    lines.push(Line::default());
    if feedback && let (Some(g), Some(r)) = (&item.graded, &item.response) {
        feedback_lines(&mut lines, look, q, &item.shown, g, r, width);
        return Body { lines, cursor_rows };
    }
    match q.kind {
        Kind::FillIn => {}
        Kind::Policy => {
            let Some(policy_note) = policy_note else {
                return hint_lines(look, item, lines, cursor_rows, width);
            };
            if let Some(starter) = &q.starter {
                lines.push(Line::from(s.get("quiz.starter").to_string()));
                for l in starter.lines() {
                    lines.push(Line::styled(
                        truncate(&format!("    {l}"), width as usize),
                        theme.dim(),
                    ));
                }
                lines.push(Line::default());
            }
            lines.extend(hanging("", policy_note, width, theme.key()));
        }
        _ => {
            let texts: Vec<String> = match q.kind {
                Kind::TrueFalse => vec![s.get("quiz.true").into(), s.get("quiz.false").into()],
                Kind::Order => input
                    .arrangement
                    .iter()
                    .map(|id| q.choice(id).map_or(id.clone(), |c| c.text(lang).into()))
                    .collect(),
                _ => item
                    .shown
                    .iter()
                    .map(|id| q.choice(id).map_or(id.clone(), |c| c.text(lang).into()))
                    .collect(),
            };
            for (i, text) in texts.iter().enumerate() {
                let here = i == input.cursor;
                let picked = input.picked.get(i).copied().unwrap_or(false);
                let mark = match (q.kind, picked) {
                    (Kind::Multiple, true) => "[x] ",
                    (Kind::Multiple, false) => "[ ] ",
                    (Kind::Order, _) => "",
                    (_, true) => "(*) ",
                    (_, false) => "( ) ",
                };
                let lead = format!("{}{mark}{}) ", if here { "> " } else { "  " }, i + 1);
                let style = if here { theme.selected() } else { Style::new() };
                let start = lines.len();
                lines.extend(hanging_md(look, &lead, text, width, style));
                if here {
                    cursor_rows = Some((start, lines.len()));
                }
            }
        }
    }
    hint_lines(look, item, lines, cursor_rows, width)
}

/// The hints revealed so far, after the question's lines.
fn hint_lines(
    look: &Look,
    item: &Asked,
    mut lines: Vec<Line<'static>>,
    cursor_rows: Option<(usize, usize)>,
    width: u16,
) -> Body {
    let (s, theme) = (look.strings, look.theme);
    for h in item.question.hints(look.lang).iter().take(item.hints_used) {
        lines.push(Line::default());
        let lead = format!("{} ", s.get("quiz.hint"));
        lines.extend(hanging_md(look, &lead, h, width, theme.key()));
    }
    Body { lines, cursor_rows }
}

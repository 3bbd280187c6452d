//! What the user asked for, independent of which key or mouse gesture asked for it. The keymap
//! produces these, `App::update` consumes them, so both sides can be tested without a terminal.

use crossterm::event::KeyEvent;

/// One user intent. Plain data (no closures) so that keymap tables can be `const`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Leave the program (Ctrl-C anywhere, `q` on the course map).
    Quit,
    /// Go back one level: the screen leaves the stack (asking first if that loses work).
    Back,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    /// Mouse wheel: lines to scroll, negative is up.
    Scroll(i16),
    /// Open the selected unit, or jump to the selected outline section.
    Open,
    ToggleOutline,
    StartSearch,
    SearchChar(char),
    SearchBackspace,
    SearchSubmit,
    SearchCancel,
    NextMatch,
    PrevMatch,
    /// Switch ja <-> en in place.
    ToggleLang,
    ToggleHelp,
    /// The terminal changed size (columns, rows).
    Resize(u16, u16),
    /// A key of the glossary, or following a lesson's links to it.
    Glossary(GlossaryAction),
    /// A progress entry of the course map (continue, review, self-assessment).
    Learner(LearnerAction),
    /// A key on the quiz screens.
    Quiz(QuizAction),
    /// Course map: the selected unit's sandbox challenges.
    Challenges,
    /// A key of the sandbox screen's commands (its table is in `tui::sandbox::keys`).
    Sandbox(SbAction),
    /// A key typed into a text editor (the sandbox's draft): the editor interprets it, so
    /// editing arrives through the keymap like every other key.
    Edit(KeyEvent),
    /// Yes to the question on screen ("leave anyway?").
    Confirm,
}

/// Keys of the glossary screen that `Action` has no general variant for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GlossaryAction {
    /// Open the glossary (from the course map or a lesson).
    Open,
    /// Open the lesson section that teaches the selected term.
    Jump,
    /// Follow the selected term's first "see also" link.
    SeeAlso,
    /// In a lesson: select the next / previous glossary or lesson link on screen.
    LinkNext,
    LinkPrev,
    /// In a lesson: open the selected link (a glossary entry, or a lesson section).
    LinkFollow,
    StartSearch,
    Char(char),
    Backspace,
    /// Keep the filter and give the keys back to the list.
    SubmitSearch,
    /// Clear the filter.
    CancelSearch,
}

/// Keys of the course map's progress entries and of the self-assessment screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LearnerAction {
    /// Reopen the lesson section the learner left.
    Continue,
    /// Run the questions due in the review queue.
    Review,
    /// Open the self-assessment screen.
    ShowProgress,
}

/// What a key means on the quiz screens. Wrapped in `Action::Quiz` so the shared action type
/// only grows by one variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuizAction {
    /// A number key: the choice shown at this 0-based row.
    Pick(u8),
    /// Space: select the row under the cursor (`single`), or toggle it (`multiple`).
    Toggle,
    /// Move the selected step of an `order` question up or down.
    MoveUp,
    MoveDown,
    Submit,
    Hint,
    /// Leave a question unanswered (a `policy` question, which is solved in the sandbox).
    Skip,
    /// After the feedback: the next question, or the results after the last one.
    Next,
    /// Open the lesson section the question tests; Back returns to the quiz.
    ReadSection,
    /// Results: a new run over the questions answered wrongly.
    RetryMissed,
    /// Course map: a quiz on the selected unit.
    Start,
    /// End the run now and show the results (the learner said yes to "end the quiz?").
    EndNow,
    /// Results: the unit's sandbox challenges.
    Challenges,
    /// Text-field editing (`fill_in`).
    Char(char),
    Backspace,
    Delete,
    Left,
    Right,
    Home,
    End,
}

impl QuizAction {
    /// The action of a number key `n` (1-based, as printed next to the choice).
    pub fn digit(n: u32) -> Option<QuizAction> {
        (1..=9)
            .contains(&n)
            .then(|| QuizAction::Pick((n - 1) as u8))
    }
}

/// What a command key means on the sandbox screen (plain data, so tables are `const`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SbAction {
    Edit(KeyEvent),
    Undo,
    Redo,
    Submit,
    Hint,
    Reset,
    Trace,
    JumpToError,
    OpenEditor,
    FocusEditor,
    FocusPanel,
    Up,
    Down,
    Close,
    /// Leave the screen: back to what is under it (the challenge list, or out of the playground).
    Leave,
    /// Read the lesson section the challenge practises; leaving the lesson comes back.
    ReadLesson,
    /// Quit secdojo (asks first when the playground has unsaved edits).
    Quit,
    SearchOpen,
    SearchChar(char),
    SearchBackspace,
    SearchNext,
    SearchPrev,
    /// Playground: open the request prompt.
    AddRequest,
    /// Playground: add the typed request.
    RequestDone,
    RequestChar(char),
    RequestBackspace,
    DeleteRequest,
    SaveCases,
    SavePolicy,
    PanelUp,
    PanelDown,
    PanelTop,
    PanelBottom,
    /// A solved challenge: open the next one of the unit.
    NextChallenge,
}

//! What the user asked for, independent of which key or mouse gesture asked for it. The keymap
//! produces these, `App::update` consumes them, so both sides can be tested without a terminal.

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
    Glossary(crate::tui::glossary::GlossaryAction),
    /// A progress entry of the course map (continue, review, self-assessment).
    Learner(crate::tui::learner::LearnerAction),
    /// A key on the quiz screens.
    Quiz(crate::tui::quiz::QuizAction),
    /// Course map: the selected unit's sandbox challenges.
    Challenges,
    /// A key of the sandbox screen's commands (its table is in `tui::sandbox::keys`).
    Sandbox(crate::tui::sandbox::keys::SbAction),
    /// A key typed into a text editor (the sandbox's draft): the editor interprets it, so
    /// editing arrives through the keymap like every other key.
    Edit(crossterm::event::KeyEvent),
    /// Yes to the question on screen ("leave anyway?").
    Confirm,
}

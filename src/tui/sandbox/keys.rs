//! Keys of the sandbox screen: a pure function from (context, key) to an action, driven by one
//! table that also produces the key help line, so the help can never drift from the keys.
//! In the editor, every key not in the table goes to the text area (ratatui-textarea's own
//! bindings: arrows, Shift+arrows to select, Ctrl+C/X/V, ...).

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::i18n::Strings;

/// Where the keys go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ctx {
    /// Typing in the editor.
    Editor,
    /// The panel has the focus: single letters are commands.
    Panel,
    /// The search prompt is open.
    Search,
    /// The trace popup is open.
    Popup,
    /// Playground: typing a request line.
    Request,
}

/// What a key means on the sandbox screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SbAction {
    Edit(KeyEvent),
    Paste(String),
    Undo,
    Redo,
    Submit,
    Hint,
    Reset,
    Trace,
    JumpToError,
    OpenEditor,
    ToggleLang,
    FocusEditor,
    FocusPanel,
    Up,
    Down,
    Close,
    /// Leave the screen: back to the challenge list (or out of the playground).
    Leave,
    /// Read the lesson section the challenge practises; leaving the lesson comes back.
    ReadLesson,
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
    Resize(u16, u16),
}

/// One line of the table: in `ctx`, `mods`+`code` does `action`; `label` (a UI-string key) is
/// shown in the help line unless empty. `playground` bindings exist only in the playground.
pub struct Binding {
    pub ctx: Ctx,
    pub code: KeyCode,
    pub mods: KeyModifiers,
    pub action: SbAction,
    pub label: &'static str,
    pub playground: Option<bool>,
}

const C: KeyModifiers = KeyModifiers::CONTROL;
const N: KeyModifiers = KeyModifiers::NONE;
const S: KeyModifiers = KeyModifiers::SHIFT;

fn b(
    ctx: Ctx,
    code: KeyCode,
    mods: KeyModifiers,
    action: SbAction,
    label: &'static str,
) -> Binding {
    Binding {
        ctx,
        code,
        mods,
        action,
        label,
        playground: None,
    }
}

fn only(mut x: Binding, playground: bool) -> Binding {
    x.playground = Some(playground);
    x
}

/// The whole keymap, in help-line order.
pub fn bindings() -> Vec<Binding> {
    use Ctx::*;
    use KeyCode::*;
    use SbAction as A;
    vec![
        only(
            b(Editor, Char('s'), C, A::Submit, "sandbox.keys.submit"),
            false,
        ),
        only(
            b(Editor, Char('s'), C, A::SavePolicy, "sandbox.keys.save"),
            true,
        ),
        only(b(Editor, F(2), N, A::Hint, "sandbox.keys.hint"), false),
        only(
            b(Editor, F(2), N, A::AddRequest, "sandbox.keys.add_request"),
            true,
        ),
        b(Editor, F(5), N, A::Trace, "sandbox.keys.trace"),
        b(Editor, F(6), N, A::JumpToError, "sandbox.keys.go_to_error"),
        b(Editor, Char('o'), C, A::OpenEditor, "sandbox.keys.editor"),
        b(Editor, Char('l'), C, A::ToggleLang, "sandbox.keys.lang"),
        b(Editor, Char('z'), C, A::Undo, "sandbox.keys.undo"),
        b(Editor, Char('y'), C, A::Redo, "sandbox.keys.redo"),
        b(Editor, Char('f'), C, A::SearchOpen, "sandbox.keys.search"),
        b(Editor, F(3), N, A::SearchNext, ""),
        b(Editor, F(3), S, A::SearchPrev, ""),
        only(b(Editor, F(4), N, A::Reset, "sandbox.keys.reset"), false),
        b(Editor, Esc, N, A::FocusPanel, "sandbox.keys.to_panel"),
        b(Editor, Char('q'), C, A::Quit, "sandbox.keys.quit"),
        b(Editor, PageDown, KeyModifiers::ALT, A::PanelDown, ""),
        b(Editor, PageUp, KeyModifiers::ALT, A::PanelUp, ""),
        b(Panel, Char('i'), N, A::FocusEditor, "sandbox.keys.edit"),
        b(Panel, Tab, N, A::FocusEditor, ""),
        only(
            b(Panel, Char('s'), N, A::Submit, "sandbox.keys.submit"),
            false,
        ),
        only(b(Panel, Char('h'), N, A::Hint, "sandbox.keys.hint"), false),
        only(
            b(Panel, Char('r'), N, A::Reset, "sandbox.keys.reset"),
            false,
        ),
        only(
            b(Panel, Char('l'), N, A::ReadLesson, "sandbox.keys.lesson"),
            false,
        ),
        only(
            b(Panel, Char('a'), N, A::AddRequest, "sandbox.keys.add"),
            true,
        ),
        only(
            b(Panel, Char('d'), N, A::DeleteRequest, "sandbox.keys.delete"),
            true,
        ),
        only(
            b(Panel, Char('w'), N, A::SaveCases, "sandbox.keys.save_cases"),
            true,
        ),
        only(
            b(Panel, Char('s'), N, A::SavePolicy, "sandbox.keys.save"),
            true,
        ),
        b(Panel, Up, N, A::Up, ""),
        b(Panel, Down, N, A::Down, ""),
        b(Panel, Char('k'), N, A::Up, ""),
        b(Panel, Char('j'), N, A::Down, ""),
        b(Panel, PageDown, N, A::PanelDown, "sandbox.keys.scroll"),
        b(Panel, PageUp, N, A::PanelUp, ""),
        b(Panel, Enter, N, A::Trace, "sandbox.keys.trace"),
        b(Panel, Char('t'), N, A::Trace, ""),
        b(
            Panel,
            Char('g'),
            N,
            A::JumpToError,
            "sandbox.keys.go_to_error",
        ),
        b(Panel, Char('e'), N, A::OpenEditor, "sandbox.keys.editor"),
        b(Panel, Char('L'), S, A::ToggleLang, "sandbox.keys.lang"),
        b(Panel, Char('L'), N, A::ToggleLang, ""),
        b(Panel, Char('l'), C, A::ToggleLang, ""),
        b(Panel, Char('q'), N, A::Quit, "sandbox.keys.quit"),
        b(Panel, Esc, N, A::Leave, "sandbox.keys.back"),
        b(Panel, Char('q'), C, A::Quit, ""),
        b(Search, Enter, N, A::SearchNext, "sandbox.keys.next"),
        b(Search, Esc, N, A::Close, "sandbox.keys.close"),
        b(Search, Backspace, N, A::SearchBackspace, ""),
        b(Popup, Esc, N, A::Close, "sandbox.keys.close"),
        b(Popup, Enter, N, A::Close, ""),
        b(Popup, Char('q'), N, A::Close, ""),
        b(Popup, Up, N, A::Up, "sandbox.keys.previous"),
        b(Popup, Down, N, A::Down, "sandbox.keys.next_item"),
        b(Request, Enter, N, A::RequestDone, "sandbox.keys.add"),
        b(Request, Esc, N, A::Close, "sandbox.keys.cancel"),
        b(Request, Backspace, N, A::RequestBackspace, ""),
    ]
}

fn applies(x: &Binding, playground: bool) -> bool {
    x.playground.is_none_or(|p| p == playground)
}

/// The action for `key` in `ctx`; `None` for a key that does nothing there.
pub fn map_key(ctx: Ctx, playground: bool, key: &KeyEvent) -> Option<SbAction> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let mods = key.modifiers & (KeyModifiers::CONTROL | KeyModifiers::SHIFT | KeyModifiers::ALT);
    let found = bindings().into_iter().find(|x| {
        x.ctx == ctx && applies(x, playground) && x.code == key.code && {
            // Shifted letters arrive as the capital with or without SHIFT.
            let shift_letter = matches!(key.code, KeyCode::Char(c) if c.is_uppercase());
            x.mods == mods
                || (shift_letter && (mods - KeyModifiers::SHIFT) == (x.mods - KeyModifiers::SHIFT))
        }
    });
    if let Some(x) = found {
        return Some(x.action);
    }
    let plain = (mods - KeyModifiers::SHIFT).is_empty();
    match (ctx, key.code) {
        (Ctx::Editor, _) => Some(SbAction::Edit(*key)),
        (Ctx::Search, KeyCode::Char(c)) if plain => Some(SbAction::SearchChar(c)),
        (Ctx::Request, KeyCode::Char(c)) if plain => Some(SbAction::RequestChar(c)),
        _ => None,
    }
}

/// The help line for `ctx`: `key label` pairs from the table.
pub fn help_line(ctx: Ctx, playground: bool, strings: &Strings) -> Vec<(String, String)> {
    bindings()
        .into_iter()
        .filter(|x| x.ctx == ctx && applies(x, playground) && !x.label.is_empty())
        .map(|x| (key_name(x.code, x.mods), strings.get(x.label).to_string()))
        .collect()
}

fn key_name(code: KeyCode, mods: KeyModifiers) -> String {
    let base = match code {
        KeyCode::Char(c) => c.to_string(),
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Backspace => "BS".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::PageUp => "PgUp".into(),
        other => format!("{other:?}"),
    };
    if mods.contains(KeyModifiers::CONTROL) {
        format!("^{}", base.to_uppercase())
    } else {
        base
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn editor_keys_type_text_but_commands_are_commands() {
        let e = |code, mods| map_key(Ctx::Editor, false, &k(code, mods));
        assert_eq!(e(KeyCode::Char('s'), C), Some(SbAction::Submit));
        assert_eq!(
            e(KeyCode::Char('q'), N),
            Some(SbAction::Edit(k(KeyCode::Char('q'), N)))
        );
        assert_eq!(
            e(KeyCode::Char('L'), S),
            Some(SbAction::Edit(k(KeyCode::Char('L'), S)))
        );
        assert_eq!(e(KeyCode::Char('l'), C), Some(SbAction::ToggleLang));
        assert_eq!(e(KeyCode::Esc, N), Some(SbAction::FocusPanel));
        assert_eq!(e(KeyCode::F(3), S), Some(SbAction::SearchPrev));
    }

    #[test]
    fn panel_letters_and_playground_only_keys() {
        let p = |pg, code, mods| map_key(Ctx::Panel, pg, &k(code, mods));
        assert_eq!(p(false, KeyCode::Char('L'), S), Some(SbAction::ToggleLang));
        assert_eq!(p(false, KeyCode::Char('L'), N), Some(SbAction::ToggleLang));
        assert_eq!(p(false, KeyCode::Char('s'), N), Some(SbAction::Submit));
        assert_eq!(p(true, KeyCode::Char('s'), N), Some(SbAction::SavePolicy));
        assert_eq!(p(false, KeyCode::Char('a'), N), None);
        assert_eq!(p(true, KeyCode::Char('a'), N), Some(SbAction::AddRequest));
        assert_eq!(p(false, KeyCode::Char('x'), N), None);
    }

    #[test]
    fn prompts_take_characters() {
        let s = map_key(Ctx::Search, false, &k(KeyCode::Char('P'), S));
        assert_eq!(s, Some(SbAction::SearchChar('P')));
        let r = map_key(Ctx::Request, true, &k(KeyCode::Char('a'), N));
        assert_eq!(r, Some(SbAction::RequestChar('a')));
        assert_eq!(map_key(Ctx::Popup, false, &k(KeyCode::Char('z'), N)), None);
    }

    #[test]
    fn the_help_line_comes_from_the_table_and_has_no_duplicate_keys() {
        let strings = crate::course::load(&crate::course::CourseSource::Embedded)
            .expect("built-in course")
            .strings;
        let help = help_line(Ctx::Panel, false, &strings.en);
        assert!(help.contains(&("s".to_string(), "submit".to_string())));
        assert!(help.contains(&("L".to_string(), "日本語".to_string())));
        let ja = help_line(Ctx::Panel, false, &strings.ja);
        assert!(ja.contains(&("s".to_string(), "提出".to_string())));
        // Every label is a UI string that exists (a missing key shows as the key itself).
        for x in bindings().iter().filter(|x| !x.label.is_empty()) {
            assert_ne!(strings.en.get(x.label), x.label, "{}", x.label);
            assert_ne!(strings.ja.get(x.label), x.label, "{}", x.label);
        }
        for ctx in [
            Ctx::Editor,
            Ctx::Panel,
            Ctx::Search,
            Ctx::Popup,
            Ctx::Request,
        ] {
            for pg in [false, true] {
                let all: Vec<_> = bindings()
                    .into_iter()
                    .filter(|x| x.ctx == ctx && applies(x, pg))
                    .map(|x| (x.code, x.mods))
                    .collect();
                for (i, a) in all.iter().enumerate() {
                    assert!(!all[i + 1..].contains(a), "{ctx:?} {pg}: {a:?} bound twice");
                }
            }
        }
    }
}

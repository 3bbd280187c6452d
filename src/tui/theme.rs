//! Colours and borders. Screens ask for a style by meaning (title, selection, match...) and the
//! theme decides how that looks on a dark or light background, or with no colour at all
//! (`NO_COLOR`, `--no-color`: bold/underline/reverse still carry the meaning).

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

use crate::cli::ThemeChoice;
use crate::markdown::{self as md, AlertKind, Role, TokenKind};

/// Borders made of `+`, `-`, `|`: box-drawing glyphs are East-Asian ambiguous-width and some
/// CJK terminals draw them two cells wide, which breaks every frame.
pub const ASCII_BORDER: border::Set<'static> = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

/// Everything a screen needs to know about how to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    pub dark: bool,
    pub ascii: bool,
}

impl Theme {
    /// Resolves the options. `auto` trusts `COLORFGBG` when the terminal sets it (background
    /// colour 7 or 15 means light) and otherwise assumes dark, the common default; asking the
    /// terminal with an OSC 11 query is unreliable across terminals and multiplexers.
    pub fn resolve(
        choice: ThemeChoice,
        no_color_flag: bool,
        ascii: bool,
        env: impl Fn(&str) -> Option<String>,
    ) -> Theme {
        let no_color_env = env("NO_COLOR").is_some_and(|v| !v.is_empty());
        let dark = match choice {
            ThemeChoice::Dark => true,
            ThemeChoice::Light => false,
            ThemeChoice::Auto => !env("COLORFGBG")
                .and_then(|v| v.rsplit(';').next().map(str::to_string))
                .is_some_and(|bg| bg == "7" || bg == "15"),
        };
        Theme {
            color: !(no_color_flag || no_color_env),
            dark,
            ascii,
        }
    }

    /// The plain theme used by tests and `render` when nothing else is asked for.
    pub fn plain() -> Theme {
        Theme {
            color: false,
            dark: true,
            ascii: false,
        }
    }

    pub fn border(&self) -> border::Set<'static> {
        if self.ascii {
            ASCII_BORDER
        } else {
            border::ROUNDED
        }
    }

    /// A foreground colour that reads on the current background, or nothing without colour.
    fn fg(&self, on_dark: Color, on_light: Color) -> Style {
        if !self.color {
            Style::new()
        } else if self.dark {
            Style::new().fg(on_dark)
        } else {
            Style::new().fg(on_light)
        }
    }

    pub fn title(&self) -> Style {
        self.fg(Color::LightCyan, Color::Blue)
            .add_modifier(Modifier::BOLD)
    }

    pub fn border_style(&self) -> Style {
        self.fg(Color::DarkGray, Color::Gray)
    }

    pub fn dim(&self) -> Style {
        if self.color {
            self.fg(Color::DarkGray, Color::Gray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    pub fn key(&self) -> Style {
        self.fg(Color::Yellow, Color::Magenta)
            .add_modifier(Modifier::BOLD)
    }

    pub fn ready(&self) -> Style {
        self.fg(Color::LightGreen, Color::Green)
    }

    pub fn search_match(&self) -> Style {
        if self.color {
            Style::new().bg(Color::Yellow).fg(Color::Black)
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED)
        }
    }

    pub fn current_match(&self) -> Style {
        if self.color {
            Style::new()
                .bg(Color::LightRed)
                .fg(Color::Black)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::UNDERLINED)
        }
    }

    pub fn error(&self) -> Style {
        self.fg(Color::LightRed, Color::Red)
            .add_modifier(Modifier::BOLD)
    }

    /// One line of the Markdown renderer in this theme's styles: lessons, challenge goals and
    /// the sandbox panel all draw rendered Markdown through this.
    pub fn markdown_line(&self, line: md::StyledLine) -> ratatui::text::Line<'static> {
        ratatui::text::Line::from(
            line.spans
                .into_iter()
                .map(|s| ratatui::text::Span::styled(s.text, self.markdown(s.style)))
                .collect::<Vec<_>>(),
        )
    }

    /// The look of one semantic role of the Markdown renderer. Emphasis flags always apply, so a
    /// lesson without colour still shows headings, bold, code and links apart.
    pub fn markdown(&self, s: md::Style) -> Style {
        let base = match s.role {
            Role::Text => Style::new(),
            Role::Heading(2) => self
                .fg(Color::LightCyan, Color::Blue)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            Role::Heading(_) => self
                .fg(Color::LightBlue, Color::Blue)
                .add_modifier(Modifier::BOLD),
            Role::Code => self.fg(Color::LightYellow, Color::Magenta),
            Role::CodeBlock(kind) => match kind {
                TokenKind::Plain => Style::new(),
                TokenKind::Key => self.fg(Color::LightCyan, Color::Blue),
                TokenKind::String => self.fg(Color::LightGreen, Color::Green),
                TokenKind::Number => self.fg(Color::LightMagenta, Color::Magenta),
                TokenKind::Literal => self.fg(Color::LightYellow, Color::Red),
                TokenKind::Punct => self.fg(Color::Gray, Color::DarkGray),
                TokenKind::Comment => self.dim(),
            },
            Role::Continuation | Role::Rule | Role::LinkUrl | Role::TaskOpen => self.dim(),
            Role::Link => self
                .fg(Color::LightBlue, Color::Blue)
                .add_modifier(Modifier::UNDERLINED),
            Role::Quote => self.fg(Color::Gray, Color::DarkGray),
            Role::Alert(k) => self.alert(k),
            Role::AlertLabel(k) => self.alert(k).add_modifier(Modifier::BOLD),
            Role::TableBorder => self.border_style(),
            Role::TableHeader => Style::new().add_modifier(Modifier::BOLD),
            Role::ListMarker => self.fg(Color::LightYellow, Color::Magenta),
            Role::TaskDone => self.ready(),
        };
        let mut m = Modifier::empty();
        if s.bold {
            m |= Modifier::BOLD;
        }
        if s.italic {
            m |= Modifier::ITALIC;
        }
        if s.strike {
            m |= Modifier::CROSSED_OUT;
        }
        if s.underline {
            m |= Modifier::UNDERLINED;
        }
        base.add_modifier(m)
    }

    fn alert(&self, kind: AlertKind) -> Style {
        match kind {
            AlertKind::Note => self.fg(Color::LightBlue, Color::Blue),
            AlertKind::Tip => self.fg(Color::LightGreen, Color::Green),
            AlertKind::Important => self.fg(Color::LightMagenta, Color::Magenta),
            AlertKind::Warning => self.fg(Color::Yellow, Color::Rgb(0x9a, 0x67, 0x00)),
            AlertKind::Caution => self.fg(Color::LightRed, Color::Red),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn no_color_env_or_flag_removes_colours_but_keeps_emphasis() {
        let t = Theme::resolve(ThemeChoice::Dark, false, false, env(&[("NO_COLOR", "1")]));
        assert!(!t.color);
        assert_eq!(t.title().fg, None);
        assert!(t.title().add_modifier.contains(Modifier::BOLD));
        assert_eq!(t.search_match().bg, None);
        let t = Theme::resolve(ThemeChoice::Dark, true, false, env(&[]));
        assert!(!t.color);
        // An empty NO_COLOR does not count (no-color.org).
        let t = Theme::resolve(ThemeChoice::Dark, false, false, env(&[("NO_COLOR", "")]));
        assert!(t.color);
        assert!(t.title().fg.is_some());
    }

    #[test]
    fn auto_reads_colorfgbg_and_defaults_to_dark() {
        let auto = |e| Theme::resolve(ThemeChoice::Auto, false, false, e).dark;
        assert!(auto(env(&[])));
        assert!(auto(env(&[("COLORFGBG", "15;0")])));
        assert!(!auto(env(&[("COLORFGBG", "0;15")])));
        assert!(!auto(env(&[("COLORFGBG", "0;default;7")])));
        assert!(!Theme::resolve(ThemeChoice::Light, false, false, env(&[])).dark);
    }

    #[test]
    fn ascii_borders_are_ascii() {
        let t = Theme::resolve(ThemeChoice::Dark, false, true, env(&[]));
        let b = t.border();
        for s in [
            b.top_left,
            b.horizontal_top,
            b.vertical_left,
            b.bottom_right,
        ] {
            assert!(s.is_ascii());
        }
    }
}

//! A panic inside the TUI must give the terminal back before the message is printed. This file
//! is its own harness (`harness = false`): run normally it re-executes itself in a pty as the
//! child, which takes the terminal over through the real `TerminalGuard` and panics.

mod pty_support;

#[cfg(unix)]
fn main() {
    if std::env::var_os(CHILD).is_some() {
        child();
    }
    parent();
    println!("pty_panic: ok");
}

#[cfg(not(unix))]
fn main() {}

const CHILD: &str = "SECDOJO_PTY_PANIC_CHILD";
const MESSAGE: &str = "deliberate panic from the pty_panic test";

#[cfg(unix)]
fn child() -> ! {
    let _guard = secdojo::tui::terminal::TerminalGuard::enter().expect("enter the terminal");
    print!("inside the TUI");
    std::io::Write::flush(&mut std::io::stdout()).unwrap();
    panic!("{MESSAGE}");
}

#[cfg(unix)]
fn parent() {
    let me = std::env::current_exe().expect("own path");
    let mut s = pty_support::Session::spawn_program(&me, &[], &[(CHILD, "1")]);
    let code = s.finish();
    assert_eq!(
        code,
        101,
        "a panic exits with 101; output:\n{}",
        s.raw_text()
    );
    s.assert_restored();
    let raw = s.raw_text();
    let left = raw.rfind("\x1b[?1049l").expect("left the alternate screen");
    let msg = raw.find(MESSAGE).expect("the panic message is printed");
    assert!(
        msg > left,
        "the message comes after the terminal is restored, so it stays readable"
    );
}

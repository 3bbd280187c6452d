//! The terminal shell: input -> Action (pure keymap) -> App::update -> draw. (Issue #2.)

//! The playground's prompt keys; the playground itself (requests, packets, case files) is the
//! domain module `sandbox::playground`.

use crate::sandbox::playground::Playground;
use crate::tui::action::SbAction;

impl Playground {
    /// Handles the prompt keys; true when the request list changed.
    pub fn on_action(&mut self, action: &SbAction, selected: usize) -> bool {
        match action {
            SbAction::AddRequest => self.input = Some(String::new()),
            SbAction::RequestChar(c) => {
                if let Some(s) = &mut self.input {
                    s.push(*c);
                }
            }
            SbAction::RequestBackspace => {
                if let Some(s) = &mut self.input {
                    s.pop();
                }
            }
            SbAction::DeleteRequest if selected < self.requests.len() => {
                self.requests.remove(selected);
                return true;
            }
            _ => {}
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn typed_keys_fill_the_prompt_and_delete_removes_a_request() {
        let text = r#"{"Version": "2012-10-17", "Statement": []}"#;
        let mut p = Playground::new(Path::new("p.json"), text);
        p.on_action(&SbAction::AddRequest, 0);
        for c in "alice s3:GetObject *x".chars() {
            p.on_action(&SbAction::RequestChar(c), 0);
        }
        p.on_action(&SbAction::RequestBackspace, 0);
        assert_eq!(p.input.as_deref(), Some("alice s3:GetObject *"));
        p.commit_input().unwrap();
        assert!(!p.on_action(&SbAction::DeleteRequest, 5));
        assert!(p.on_action(&SbAction::DeleteRequest, 0));
        assert!(p.requests.is_empty());
    }
}

//! Task tokens are secrets: anyone holding one can complete the task. This is the only way the
//! recorder shows one: a short prefix and the length.

use std::fmt;

/// How many characters of a token are shown.
const SHOWN: usize = 8;

/// A task token as received from GetActivityTask. `Display` and `Debug` show only a short
/// prefix; [`TaskToken::secret`] gives the whole token to the calls that need it.
#[derive(Clone, PartialEq, Eq)]
pub struct TaskToken(String);

impl TaskToken {
    /// Wraps a token.
    pub fn new(token: String) -> TaskToken {
        TaskToken(token)
    }

    /// The whole token, for SendTask* calls only. Never print it.
    pub fn secret(&self) -> &str {
        &self.0
    }

    /// The shortened form, as `Display` writes it.
    pub fn short(&self) -> String {
        short_token(&self.0)
    }
}

impl fmt::Display for TaskToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&short_token(&self.0))
    }
}

impl fmt::Debug for TaskToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TaskToken({})", short_token(&self.0))
    }
}

/// A token shortened for messages: its first characters, an ellipsis and the length.
pub fn short_token(token: &str) -> String {
    let prefix: String = token.chars().take(SHOWN).collect();
    format!("{prefix}…({} chars)", token.chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_shows_the_whole_token() {
        let secret = "AAAAKgAAAAIAAAAAAAAAAUq2Jd3secretpart";
        let token = TaskToken::new(secret.to_owned());
        assert_eq!(token.to_string(), "AAAAKgAA…(37 chars)");
        assert!(!format!("{token:?}").contains("secretpart"));
        assert_eq!(token.secret(), secret);
        assert_eq!(short_token("abc"), "abc…(3 chars)");
    }
}

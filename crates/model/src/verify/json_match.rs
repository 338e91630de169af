//! JSON equality and "contains" matching that report the first difference with its JSON
//! pointer.

use serde_json::Value;

/// Checks that `actual` contains `expected`: objects need every expected key (recursively
/// matched, extra keys allowed), arrays need the same length with each element matched,
/// other values must be equal. Returns the first mismatch as `"/pointer: expected …, got …"`.
pub fn contains(actual: &Value, expected: &Value) -> Result<(), String> {
    walk(actual, expected, &mut String::new(), true)
}

/// Checks exact equality, reporting the first difference like [`contains`].
pub fn equals(actual: &Value, expected: &Value) -> Result<(), String> {
    walk(actual, expected, &mut String::new(), false)
}

fn walk(
    actual: &Value,
    expected: &Value,
    pointer: &mut String,
    subset: bool,
) -> Result<(), String> {
    let at = |p: &str| if p.is_empty() { "/".to_owned() } else { p.to_owned() };
    match (expected, actual) {
        (Value::Object(want), Value::Object(have)) => {
            for (key, value) in want {
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&key.replace('~', "~0").replace('/', "~1"));
                match have.get(key) {
                    None => {
                        return Err(format!("{}: missing (expected {})", pointer, compact(value)))
                    }
                    Some(found) => walk(found, value, pointer, subset)?,
                }
                pointer.truncate(len);
            }
            if !subset {
                if let Some(extra) = have.keys().find(|k| !want.contains_key(*k)) {
                    return Err(format!("{}: unexpected key {extra:?}", at(pointer)));
                }
            }
            Ok(())
        }
        (Value::Array(want), Value::Array(have)) => {
            if want.len() != have.len() {
                return Err(format!(
                    "{}: expected {} elements, got {}",
                    at(pointer),
                    want.len(),
                    have.len()
                ));
            }
            for (i, (w, h)) in want.iter().zip(have).enumerate() {
                let len = pointer.len();
                pointer.push_str(&format!("/{i}"));
                walk(h, w, pointer, subset)?;
                pointer.truncate(len);
            }
            Ok(())
        }
        (Value::Number(a), Value::Number(b)) if a.as_f64() == b.as_f64() => Ok(()),
        _ if expected == actual => Ok(()),
        _ => {
            Err(format!("{}: expected {}, got {}", at(pointer), compact(expected), compact(actual)))
        }
    }
}

/// A value as one line of JSON, cut at 120 characters.
pub fn compact(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 120 {
        let cut: String = text.chars().take(117).collect();
        format!("{cut}...")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn contains_allows_extra_keys_but_not_other_values() {
        let actual = json!({"a": 1, "b": {"c": [1, {"d": "x", "e": 2}]}, "z": null});
        assert!(contains(&actual, &json!({"b": {"c": [1, {"d": "x"}]}})).is_ok());
        assert_eq!(
            contains(&actual, &json!({"b": {"c": [1, {"d": "y"}]}})).unwrap_err(),
            "/b/c/1/d: expected \"y\", got \"x\""
        );
        assert_eq!(contains(&actual, &json!({"q": 1})).unwrap_err(), "/q: missing (expected 1)");
        assert_eq!(
            contains(&actual, &json!({"b": {"c": [1]}})).unwrap_err(),
            "/b/c: expected 1 elements, got 2"
        );
    }

    #[test]
    fn equals_refuses_extra_keys_and_compares_numbers_by_value() {
        assert!(equals(&json!({"a": 1.0}), &json!({"a": 1})).is_ok());
        assert_eq!(
            equals(&json!({"a": 1, "b": 2}), &json!({"a": 1})).unwrap_err(),
            "/: unexpected key \"b\""
        );
        assert_eq!(equals(&json!("x"), &json!({})).unwrap_err(), "/: expected {}, got \"x\"");
    }
}

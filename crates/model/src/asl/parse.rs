//! Reads ASL JSON into the typed model, naming the path of any field of the wrong type.

use super::error::DefinitionError;
use super::retry::{Catcher, Retrier};
use super::state::{join, ChoiceRule, Machine, MapMode, State, StateKind};
use super::Definition;
use serde_json::{Map, Value};

type Result<T> = std::result::Result<T, DefinitionError>;

/// Parses the top-level definition object.
pub(super) fn definition(value: &Value) -> Result<Definition> {
    let mut fields = Fields::new(value, "")?;
    let version = fields.string("Version")?;
    let timeout_seconds = fields.seconds("TimeoutSeconds")?;
    let machine = machine_from(fields, "")?;
    Ok(Definition { machine, version, timeout_seconds })
}

fn machine(value: &Value, path: &str) -> Result<Machine> {
    machine_from(Fields::new(value, path)?, path)
}

fn machine_from(mut fields: Fields<'_>, path: &str) -> Result<Machine> {
    let start_at = fields.string("StartAt")?;
    let comment = fields.string("Comment")?;
    let query_language = fields.string("QueryLanguage")?;
    let states_path = join(path, "States");
    let states = match fields.take("States") {
        None => return Err(DefinitionError::shape(&states_path, "missing field")),
        Some(Value::Object(map)) => map
            .iter()
            .map(|(name, value)| state(name, value, &join(&states_path, name)))
            .collect::<Result<Vec<_>>>()?,
        Some(other) => {
            return Err(DefinitionError::shape(&states_path, expected("an object", other)))
        }
    };
    Ok(Machine {
        path: path.to_owned(),
        start_at,
        states,
        comment,
        query_language,
        extra: fields.rest(),
    })
}

fn state(name: &str, value: &Value, path: &str) -> Result<State> {
    let mut fields = Fields::new(value, path)?;
    let type_name = fields
        .string("Type")?
        .ok_or_else(|| DefinitionError::shape(&join(path, "Type"), "missing field"))?;
    let kind = match type_name.as_str() {
        "Task" => StateKind::Task { resource: fields.string("Resource")? },
        "Pass" => StateKind::Pass,
        "Wait" => StateKind::Wait,
        "Succeed" => StateKind::Succeed,
        "Fail" => StateKind::Fail {
            error: fields.string_or_expression("Error")?,
            cause: fields.string_or_expression("Cause")?,
        },
        "Choice" => choice(&mut fields)?,
        "Parallel" => parallel(&mut fields)?,
        "Map" => map(&mut fields, path)?,
        other => {
            return Err(DefinitionError::shape(
                &join(path, "Type"),
                format!("unknown state type {other:?}"),
            ))
        }
    };
    let next = fields.string("Next")?;
    let end = fields.boolean("End")?.unwrap_or(false);
    let retry = fields
        .objects("Retry")?
        .into_iter()
        .map(|(value, p)| retrier(value, &p))
        .collect::<Result<Vec<_>>>()?;
    let catch = fields
        .objects("Catch")?
        .into_iter()
        .map(|(value, p)| catcher(value, &p))
        .collect::<Result<Vec<_>>>()?;
    Ok(State {
        name: name.to_owned(),
        path: path.to_owned(),
        kind,
        next,
        end,
        retry,
        catch,
        timeout_seconds: fields.seconds("TimeoutSeconds")?,
        heartbeat_seconds: fields.seconds("HeartbeatSeconds")?,
        query_language: fields.string("QueryLanguage")?,
        comment: fields.string("Comment")?,
        extra: fields.rest(),
    })
}

fn choice(fields: &mut Fields<'_>) -> Result<StateKind> {
    let choices = fields
        .objects("Choices")?
        .into_iter()
        .map(|(value, p)| {
            let next = match value.get("Next") {
                None => None,
                Some(Value::String(s)) => Some(s.clone()),
                Some(other) => {
                    return Err(DefinitionError::shape(
                        &join(&p, "Next"),
                        expected("a string", other),
                    ))
                }
            };
            Ok(ChoiceRule { path: p, next, rule: value.clone() })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(StateKind::Choice { choices, default: fields.string("Default")? })
}

fn parallel(fields: &mut Fields<'_>) -> Result<StateKind> {
    let branches = fields
        .objects("Branches")?
        .into_iter()
        .map(|(value, p)| machine(value, &p))
        .collect::<Result<Vec<_>>>()?;
    Ok(StateKind::Parallel { branches })
}

fn map(fields: &mut Fields<'_>, path: &str) -> Result<StateKind> {
    let field = if fields.has("ItemProcessor") { "ItemProcessor" } else { "Iterator" };
    let Some(value) = fields.take(field) else {
        return Ok(StateKind::Map { processor: None, mode: MapMode::Inline });
    };
    let processor_path = join(path, field);
    let mut processor = Fields::new(value, &processor_path)?;
    let mode = match processor.take("ProcessorConfig") {
        None => MapMode::Inline,
        Some(config) => {
            let config_path = join(&processor_path, "ProcessorConfig");
            let mut config = Fields::new(config, &config_path)?;
            let mode = match config.string("Mode")?.as_deref() {
                None | Some("INLINE") => MapMode::Inline,
                Some("DISTRIBUTED") => MapMode::Distributed,
                Some(other) => {
                    return Err(DefinitionError::shape(
                        &join(&config_path, "Mode"),
                        format!("expected INLINE or DISTRIBUTED, found {other:?}"),
                    ))
                }
            };
            // Keep the whole ProcessorConfig (ExecutionType, …) with the machine's extras.
            processor.keep("ProcessorConfig", config.original());
            mode
        }
    };
    let machine = machine_from(processor, &processor_path)?;
    Ok(StateKind::Map { processor: Some(machine), mode })
}

fn retrier(value: &Value, path: &str) -> Result<Retrier> {
    let mut fields = Fields::new(value, path)?;
    Ok(Retrier {
        path: path.to_owned(),
        error_equals: fields.strings("ErrorEquals")?,
        max_attempts: fields.unsigned("MaxAttempts")?.unwrap_or(3),
        interval_seconds: fields.number("IntervalSeconds")?.unwrap_or(1.0),
        backoff_rate: fields.number("BackoffRate")?.unwrap_or(2.0),
        max_delay_seconds: fields.number("MaxDelaySeconds")?,
        jitter_strategy: fields.string("JitterStrategy")?,
        extra: fields.rest(),
    })
}

fn catcher(value: &Value, path: &str) -> Result<Catcher> {
    let mut fields = Fields::new(value, path)?;
    Ok(Catcher {
        path: path.to_owned(),
        error_equals: fields.strings("ErrorEquals")?,
        next: fields.string("Next")?,
        extra: fields.rest(),
    })
}

/// The fields of one JSON object, taken one by one; what is left is kept as `extra`.
struct Fields<'a> {
    path: String,
    original: &'a Value,
    map: Map<String, Value>,
}

impl<'a> Fields<'a> {
    fn new(value: &'a Value, path: &str) -> Result<Self> {
        match value {
            Value::Object(map) => {
                Ok(Fields { path: path.to_owned(), original: value, map: map.clone() })
            }
            other => Err(DefinitionError::shape(path, expected("an object", other))),
        }
    }

    fn original(&self) -> Value {
        self.original.clone()
    }

    fn has(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    fn take(&mut self, key: &str) -> Option<&'a Value> {
        self.map.remove(key)?;
        self.original.get(key)
    }

    fn keep(&mut self, key: &str, value: Value) {
        self.map.insert(key.to_owned(), value);
    }

    fn rest(self) -> Map<String, Value> {
        self.map
    }

    fn path_of(&self, key: &str) -> String {
        join(&self.path, key)
    }

    fn string(&mut self, key: &str) -> Result<Option<String>> {
        match self.take(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(other) => {
                Err(DefinitionError::shape(&self.path_of(key), expected("a string", other)))
            }
        }
    }

    /// A literal string; a JSONata expression (`{% … %}`) is kept in `extra` and reads as none.
    fn string_or_expression(&mut self, key: &str) -> Result<Option<String>> {
        match self.original.get(key) {
            Some(Value::String(s)) if s.starts_with("{%") => Ok(None),
            _ => self.string(key),
        }
    }

    fn boolean(&mut self, key: &str) -> Result<Option<bool>> {
        match self.take(key) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(other) => {
                Err(DefinitionError::shape(&self.path_of(key), expected("a boolean", other)))
            }
        }
    }

    fn number(&mut self, key: &str) -> Result<Option<f64>> {
        match self.take(key) {
            None => Ok(None),
            Some(Value::Number(n)) => Ok(n.as_f64()),
            Some(other) => {
                Err(DefinitionError::shape(&self.path_of(key), expected("a number", other)))
            }
        }
    }

    fn unsigned(&mut self, key: &str) -> Result<Option<u64>> {
        match self.take(key) {
            None => Ok(None),
            Some(Value::Number(n)) if n.as_u64().is_some() => Ok(n.as_u64()),
            Some(other) => Err(DefinitionError::shape(
                &self.path_of(key),
                expected("a non-negative integer", other),
            )),
        }
    }

    /// A number of seconds; a JSONata string is kept in `extra` and reads as none.
    fn seconds(&mut self, key: &str) -> Result<Option<u64>> {
        match self.original.get(key) {
            Some(Value::String(s)) if s.starts_with("{%") => Ok(None),
            _ => self.unsigned(key),
        }
    }

    fn strings(&mut self, key: &str) -> Result<Vec<String>> {
        let path = self.path_of(key);
        match self.take(key) {
            None => Ok(vec![]),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, item)| match item {
                    Value::String(s) => Ok(s.clone()),
                    other => Err(DefinitionError::shape(
                        &format!("{path}[{i}]"),
                        expected("a string", other),
                    )),
                })
                .collect(),
            Some(other) => Err(DefinitionError::shape(&path, expected("an array", other))),
        }
    }

    /// An array of objects with the path of each element.
    fn objects(&mut self, key: &str) -> Result<Vec<(&'a Value, String)>> {
        let path = self.path_of(key);
        match self.take(key) {
            None => Ok(vec![]),
            Some(Value::Array(items)) => Ok(items
                .iter()
                .enumerate()
                .map(|(i, item)| (item, format!("{path}[{i}]")))
                .collect()),
            Some(other) => Err(DefinitionError::shape(&path, expected("an array", other))),
        }
    }
}

/// `expected a string, found 3`.
fn expected(what: &str, found: &Value) -> String {
    let found = match found {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => format!("{s:?}"),
        Value::Array(_) => "an array".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    };
    format!("expected {what}, found {found}")
}

//! Emits the events of single states (Pass, Wait, Choice, Task with retries and catches) onto
//! a [`Track`], with the event details and linkage real AWS histories show.

use super::payload::{self, ACCOUNT, REGION};
use super::rng::Rng;
use super::track::Track;
use serde_json::{json, Value};

/// What a Task runs.
#[derive(Debug, Clone, Copy)]
pub enum TaskKind {
    /// `arn:aws:states:::lambda:invoke` with this function.
    Lambda(&'static str),
    /// An activity with this name, run by a worker.
    Activity(&'static str),
    /// `arn:aws:states:::sns:publish`.
    SnsPublish,
}

/// How a Task visit goes.
#[derive(Debug, Clone, Copy)]
pub struct TaskPlan {
    /// Failed attempts retried before the last attempt.
    pub retries: u32,
    /// Whether the last attempt fails and a Catch handles it (`TaskFailed` → `TaskStateExited`).
    pub caught: bool,
}

impl TaskPlan {
    /// Succeeds on the first attempt.
    pub const OK: TaskPlan = TaskPlan { retries: 0, caught: false };
}

/// The generator state shared by every emitter: the random source and running counters.
#[derive(Debug)]
pub struct Gen {
    /// The random source.
    pub rng: Rng,
    /// The next order number.
    pub next_order: u64,
}

/// `stateEnteredEventDetails`.
pub fn entered(name: &str, input: &Value) -> Option<(&'static str, Value)> {
    Some((
        "stateEnteredEventDetails",
        json!({"name": name, "input": input.to_string(), "inputDetails": {"truncated": false}}),
    ))
}

/// `stateExitedEventDetails`.
pub fn exited(name: &str, output: &Value) -> Option<(&'static str, Value)> {
    Some((
        "stateExitedEventDetails",
        json!({"name": name, "output": output.to_string(), "outputDetails": {"truncated": false}}),
    ))
}

impl Gen {
    /// A few milliseconds: the gap between two events of one state transition.
    pub fn tick(&mut self) -> u64 {
        self.rng.range(2, 25)
    }

    /// A Pass state that adds a small marker to its input; returns its output.
    pub fn pass(&mut self, tr: &mut Track, name: &'static str, input: &Value) -> Value {
        let dt = self.tick();
        tr.chain(dt, "PassStateEntered", entered(name, input));
        let output = payload::with(input, "recordedBy", Value::from(name));
        let dt = self.tick();
        tr.chain(dt, "PassStateExited", exited(name, &output));
        output
    }

    /// A Pass state whose `Parameters` reduce its input to `output`.
    pub fn pass_select(
        &mut self,
        tr: &mut Track,
        name: &'static str,
        input: &Value,
        output: Value,
    ) -> Value {
        let dt = self.tick();
        tr.chain(dt, "PassStateEntered", entered(name, input));
        let dt = self.tick();
        tr.chain(dt, "PassStateExited", exited(name, &output));
        output
    }

    /// A Wait state of `seconds`.
    pub fn wait(&mut self, tr: &mut Track, name: &'static str, input: &Value, seconds: u64) {
        let dt = self.tick();
        tr.chain(dt, "WaitStateEntered", entered(name, input));
        tr.chain(seconds * 1000 + self.rng.range(0, 40), "WaitStateExited", exited(name, input));
    }

    /// A Choice state (its output is its input).
    pub fn choice(&mut self, tr: &mut Track, name: &'static str, input: &Value) {
        let dt = self.tick();
        tr.chain(dt, "ChoiceStateEntered", entered(name, input));
        let dt = self.tick();
        tr.chain(dt, "ChoiceStateExited", exited(name, input));
    }

    /// A Task state: its attempts (failed ones retried after a backoff), then either success or
    /// a caught failure. Returns the state's output.
    pub fn task(
        &mut self,
        tr: &mut Track,
        name: &'static str,
        kind: TaskKind,
        input: &Value,
        plan: TaskPlan,
    ) -> Value {
        let dt = self.tick();
        tr.chain(dt, "TaskStateEntered", entered(name, input));
        for attempt in 0..=plan.retries {
            if attempt > 0 {
                // Retry: IntervalSeconds 1, BackoffRate 2, with a little jitter.
                tr.now += 1000 * (1 << (attempt - 1).min(10)) + self.rng.range(0, 200);
            }
            self.attempt_begin(tr, kind, input);
            let last = attempt == plan.retries;
            if !last || plan.caught {
                let (error, cause) = self.failure(kind, last);
                self.attempt_failed(tr, kind, &error, &cause);
                if last {
                    let caught = json!({"Error": error, "Cause": cause});
                    let output = payload::with(input, "error", caught);
                    let dt = self.tick();
                    tr.chain(dt, "TaskStateExited", exited(name, &output));
                    return output;
                }
            }
        }
        let result = self.attempt_succeeded(tr, kind, input);
        let output = payload::with(input, "result", result);
        let dt = self.tick();
        tr.chain(dt, "TaskStateExited", exited(name, &output));
        output
    }

    fn attempt_begin(&mut self, tr: &mut Track, kind: TaskKind, input: &Value) {
        let dt = self.tick();
        match kind {
            TaskKind::Lambda(function) => {
                let parameters = json!({
                    "FunctionName": function,
                    "Payload": input,
                });
                let details = json!({
                    "resourceType": "lambda",
                    "resource": "invoke",
                    "region": REGION,
                    "parameters": parameters.to_string(),
                    "timeoutInSeconds": 60,
                });
                tr.chain(dt, "TaskScheduled", Some(("taskScheduledEventDetails", details)));
                let started = json!({"resourceType": "lambda", "resource": "invoke"});
                let queue = self.rng.range(10, 60);
                tr.chain(queue, "TaskStarted", Some(("taskStartedEventDetails", started)));
            }
            TaskKind::SnsPublish => {
                let parameters = json!({
                    "TopicArn": format!("arn:aws:sns:{REGION}:{ACCOUNT}:orders-published"),
                    "Message": input,
                });
                let details = json!({
                    "resourceType": "sns",
                    "resource": "publish",
                    "region": REGION,
                    "parameters": parameters.to_string(),
                });
                tr.chain(dt, "TaskScheduled", Some(("taskScheduledEventDetails", details)));
                let started = json!({"resourceType": "sns", "resource": "publish"});
                let queue = self.rng.range(5, 30);
                tr.chain(queue, "TaskStarted", Some(("taskStartedEventDetails", started)));
            }
            TaskKind::Activity(activity) => {
                let details = json!({
                    "resource": format!("arn:aws:states:{REGION}:{ACCOUNT}:activity:{activity}"),
                    "input": input.to_string(),
                    "inputDetails": {"truncated": false},
                    "timeoutInSeconds": 3600,
                    "heartbeatInSeconds": 120,
                });
                tr.chain(dt, "ActivityScheduled", Some(("activityScheduledEventDetails", details)));
                // Queue time: until a worker calls GetActivityTask.
                let queue = self.rng.range(200, 5000);
                let worker =
                    json!({"workerName": format!("{activity}-worker-{}", self.rng.range(1, 8))});
                tr.chain(queue, "ActivityStarted", Some(("activityStartedEventDetails", worker)));
            }
        }
    }

    fn work_time(&mut self, kind: TaskKind) -> u64 {
        match kind {
            TaskKind::Lambda(_) => self.rng.range(80, 1500),
            TaskKind::SnsPublish => self.rng.range(20, 120),
            TaskKind::Activity(_) => self.rng.range(2000, 30000),
        }
    }

    fn failure(&mut self, kind: TaskKind, last: bool) -> (String, String) {
        match (kind, last) {
            (TaskKind::Activity(_), _) => (
                "Review.Rejected".to_owned(),
                "{\"reason\":\"manual review rejected the order\",\"reviewer\":\"ops-team\"}"
                    .to_owned(),
            ),
            (_, false) => (
                "Lambda.TooManyRequestsException".to_owned(),
                payload::lambda_error_cause(
                    &mut self.rng,
                    "Rate exceeded",
                    "TooManyRequestsException",
                ),
            ),
            (_, true) => (
                "OrderValidationError".to_owned(),
                payload::lambda_error_cause(
                    &mut self.rng,
                    "order total does not match its lines",
                    "OrderValidationError",
                ),
            ),
        }
    }

    fn attempt_failed(&mut self, tr: &mut Track, kind: TaskKind, error: &str, cause: &str) {
        let dt = self.work_time(kind);
        match kind {
            TaskKind::Activity(_) => {
                let details = json!({"error": error, "cause": cause});
                tr.chain(dt, "ActivityFailed", Some(("activityFailedEventDetails", details)));
            }
            TaskKind::Lambda(_) | TaskKind::SnsPublish => {
                let (resource_type, resource) = service(kind);
                let details = json!({
                    "resourceType": resource_type,
                    "resource": resource,
                    "error": error,
                    "cause": cause,
                });
                tr.chain(dt, "TaskFailed", Some(("taskFailedEventDetails", details)));
            }
        }
    }

    /// Emits the success event; returns the result the state merges into its output.
    fn attempt_succeeded(&mut self, tr: &mut Track, kind: TaskKind, input: &Value) -> Value {
        let dt = self.work_time(kind);
        let (ty, key, result, output) = match kind {
            TaskKind::Lambda(_) => {
                let result = payload::pricing(&mut self.rng);
                let output = payload::lambda_output(&mut self.rng, &result);
                ("TaskSucceeded", "taskSucceededEventDetails", result, output)
            }
            TaskKind::SnsPublish => {
                let output = json!({
                    "MessageId": payload::request_id(&mut self.rng),
                    "SdkHttpMetadata": {"HttpStatusCode": 200},
                    "SdkResponseMetadata": {"RequestId": payload::request_id(&mut self.rng)},
                });
                ("TaskSucceeded", "taskSucceededEventDetails", output.clone(), output)
            }
            TaskKind::Activity(_) => {
                let result = json!({
                    "approved": true,
                    "reviewer": format!("reviewer-{}", self.rng.range(1, 40)),
                    "notes": "checked address, payment and stock; nothing unusual",
                    "orderId": input.get("orderId").cloned().unwrap_or(Value::Null),
                });
                ("ActivitySucceeded", "activitySucceededEventDetails", result.clone(), result)
            }
        };
        let mut details = serde_json::Map::new();
        if let TaskKind::Lambda(_) | TaskKind::SnsPublish = kind {
            let (resource_type, resource) = service(kind);
            details.insert("resourceType".into(), resource_type.into());
            details.insert("resource".into(), resource.into());
        }
        details.insert("output".into(), output.to_string().into());
        details.insert("outputDetails".into(), json!({"truncated": false}));
        tr.chain(dt, ty, Some((key, Value::Object(details))));
        result
    }
}

fn service(kind: TaskKind) -> (&'static str, &'static str) {
    match kind {
        TaskKind::SnsPublish => ("sns", "publish"),
        _ => ("lambda", "invoke"),
    }
}

//! Turns a state machine or activity NAME or ARN into an ARN, listing every page.

use crate::aws::errors::{Asked, AwsError};
use aws_sdk_sfn::Client;

/// The ARN of the state machine called `name_or_arn` (returned unchanged when it is an ARN).
pub async fn state_machine_arn(client: &Client, name_or_arn: &str) -> Result<String, AwsError> {
    if is_arn(name_or_arn) {
        return Ok(name_or_arn.to_owned());
    }
    let asked = Asked::new("ListStateMachines", name_or_arn);
    tracing::debug!("ListStateMachines to find {name_or_arn}");
    let mut pages = client.list_state_machines().max_results(1000).into_paginator().send();
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| AwsError::from_sdk(e, asked))?;
        if let Some(found) = page.state_machines().iter().find(|m| m.name() == name_or_arn) {
            return Ok(found.state_machine_arn().to_owned());
        }
    }
    Err(AwsError::UnknownStateMachine(name_or_arn.to_owned()))
}

/// The ARN of the activity called `name_or_arn` (returned unchanged when it is an ARN).
pub async fn activity_arn(client: &Client, name_or_arn: &str) -> Result<String, AwsError> {
    if is_arn(name_or_arn) {
        return Ok(name_or_arn.to_owned());
    }
    let asked = Asked::new("ListActivities", name_or_arn);
    tracing::debug!("ListActivities to find {name_or_arn}");
    let mut pages = client.list_activities().max_results(1000).into_paginator().send();
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| AwsError::from_sdk(e, asked))?;
        if let Some(found) = page.activities().iter().find(|a| a.name() == name_or_arn) {
            return Ok(found.activity_arn().to_owned());
        }
    }
    Err(AwsError::UnknownActivity(name_or_arn.to_owned()))
}

/// Whether the text is an ARN rather than a name (names cannot contain `:`).
pub fn is_arn(text: &str) -> bool {
    text.starts_with("arn:")
}

/// The last `:`-separated part of an ARN: the name of a state machine, activity or execution.
pub fn name_from_arn(arn: &str) -> &str {
    arn.rsplit(':').next().unwrap_or(arn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arns_and_names() {
        assert!(is_arn("arn:aws:states:us-east-1:000000000000:activity:get-greeting"));
        assert!(!is_arn("get-greeting"));
        assert_eq!(
            name_from_arn("arn:aws:states:us-east-1:000000000000:execution:Sm:act-1"),
            "act-1"
        );
    }
}

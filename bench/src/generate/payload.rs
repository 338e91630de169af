//! Realistic input/output payloads (orders of an online shop), a few hundred bytes of JSON each.

use super::rng::Rng;
use serde_json::{json, Value};

const TIERS: [&str; 4] = ["standard", "silver", "gold", "platinum"];
const CHANNELS: [&str; 3] = ["web", "mobile", "partner-api"];

/// The account, region and role every generated ARN uses.
pub const ACCOUNT: &str = "123456789012";
/// The region.
pub const REGION: &str = "eu-west-1";

/// An order with a customer and one or two lines (about 200 bytes of compact JSON).
pub fn order(rng: &mut Rng, number: u64) -> Value {
    let lines: Vec<Value> = (0..rng.range(1, 2))
        .map(|_| {
            json!({
                "sku": format!("SKU-{:05}", rng.range(10000, 99999)),
                "qty": rng.range(1, 5),
                "price": format!("{}.{:02}", rng.range(2, 499), rng.range(0, 99)),
            })
        })
        .collect();
    let customer = rng.range(10000, 99999);
    json!({
        "orderId": format!("ORD-2026-{number:06}"),
        "customer": {"id": format!("CUST-{customer}"), "tier": *rng.pick(&TIERS)},
        "lines": lines,
        "channel": *rng.pick(&CHANNELS),
        "placedAt": format!("2026-03-02T09:{:02}:{:02}Z", rng.range(0, 59), rng.range(0, 59)),
    })
}

/// `value` with `key` set to `extra` (a state's ResultPath).
pub fn with(value: &Value, key: &str, extra: Value) -> Value {
    let mut value = value.clone();
    if let Some(object) = value.as_object_mut() {
        object.insert(key.to_owned(), extra);
    }
    value
}

/// The result a pricing function returns for an order.
pub fn pricing(rng: &mut Rng) -> Value {
    json!({
        "subtotal": format!("{}.{:02}", rng.range(10, 2000), rng.range(0, 99)),
        "tax": format!("{}.{:02}", rng.range(1, 300), rng.range(0, 99)),
        "priceList": rng.range(40, 45),
    })
}

/// A batch description: id, cursor and the order ids it holds.
pub fn batch(round: u64, first_order: u64, count: u64) -> Value {
    let ids: Vec<String> =
        (first_order..first_order + count).map(|n| format!("ORD-2026-{n:06}")).collect();
    json!({
        "batchId": format!("B-{round:05}"),
        "source": format!("s3://orders-inbox-{ACCOUNT}/2026/03/02/batch-{round:05}.jsonl"),
        "count": count,
        "orderIds": ids,
    })
}

/// A Lambda invocation result wrapping `payload` as the `lambda:invoke` integration returns it.
pub fn lambda_output(rng: &mut Rng, payload: &Value) -> Value {
    json!({
        "ExecutedVersion": "$LATEST",
        "Payload": payload,
        "RequestId": request_id(rng),
        "StatusCode": 200,
    })
}

/// A request id shaped like a UUID.
pub fn request_id(rng: &mut Rng) -> String {
    let a = rng.next_u64();
    let b = rng.next_u64();
    format!(
        "{:08x}-{:04x}-4{:03x}-a{:03x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        b >> 52,
        b & 0xffff_ffff_ffff
    )
}

/// The cause text of a failed Lambda invocation.
pub fn lambda_error_cause(rng: &mut Rng, message: &str, error_type: &str) -> String {
    json!({
        "errorMessage": message,
        "errorType": error_type,
        "requestId": request_id(rng),
        "stackTrace": [
            "  File \"/var/task/handler.py\", line 41, in handler\n    return process(event)\n",
            "  File \"/var/task/orders.py\", line 118, in process\n    raise RetryableError(msg)\n",
        ],
    })
    .to_string()
}

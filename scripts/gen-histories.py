#!/usr/bin/env python3
"""Writes synthetic execution histories for measuring `sfn-ledger stats` (docs/stats.md).

Usage: scripts/gen-histories.py OUT_DIR [COUNT=1000] [ITEMS=140]

Each history is a Map state over ITEMS items (one Task per iteration, about one in twenty
retried once) followed by a Task: 7 events per item plus 12, so 992 events for 140 items.
Keep the output outside the repository (e.g. /tmp).
"""
import json
import os
import random
import sys
from datetime import datetime, timedelta, timezone


def history(seed, items):
    rnd = random.Random(seed)
    t = datetime(2025, 1, 1, tzinfo=timezone.utc) + timedelta(minutes=seed)
    events = []

    def add(kind, prev, details_key=None, details=None, step_ms=5):
        nonlocal t
        t += timedelta(milliseconds=step_ms)
        event = {"timestamp": t.isoformat(timespec="milliseconds"), "type": kind,
                 "id": len(events) + 1, "previousEventId": prev}
        if details_key:
            event[details_key] = details
        events.append(event)
        return event["id"]

    lam = {"resourceType": "lambda", "resource": "invoke"}
    start = add("ExecutionStarted", 0, "executionStartedEventDetails",
                {"input": "{}", "roleArn": "arn:aws:iam::1:role/r"})
    entered = add("MapStateEntered", start, "stateEnteredEventDetails",
                  {"name": "ProcessItems", "input": "{}"})
    started = add("MapStateStarted", entered, "mapStateStartedEventDetails", {"length": items})
    last = started
    for index in range(items):
        it = add("MapIterationStarted", started, "mapIterationStartedEventDetails",
                 {"name": "ProcessItems", "index": index})
        te = add("TaskStateEntered", it, "stateEnteredEventDetails",
                 {"name": "Charge", "input": json.dumps({"item": index})})
        sc = add("TaskScheduled", te, "taskScheduledEventDetails",
                 dict(lam, region="us-east-1", parameters="{}"))
        st = add("TaskStarted", sc, "taskStartedEventDetails", lam, rnd.randint(5, 60))
        if rnd.random() < 0.05:
            failed = add("TaskFailed", st, "taskFailedEventDetails",
                         dict(lam, error="Lambda.TooManyRequestsException", cause="rate"),
                         rnd.randint(50, 300))
            sc = add("TaskScheduled", failed, "taskScheduledEventDetails",
                     dict(lam, region="us-east-1", parameters="{}"), 1000)
            st = add("TaskStarted", sc, "taskStartedEventDetails", lam, rnd.randint(5, 60))
        ok = add("TaskSucceeded", st, "taskSucceededEventDetails",
                 dict(lam, output=json.dumps({"item": index, "charged": True})),
                 rnd.randint(50, 900))
        ex = add("TaskStateExited", ok, "stateExitedEventDetails",
                 {"name": "Charge", "output": json.dumps({"item": index, "charged": True})})
        last = add("MapIterationSucceeded", ex, "mapIterationSucceededEventDetails",
                   {"name": "ProcessItems", "index": index})
    done = add("MapStateSucceeded", last)
    exited = add("MapStateExited", done, "stateExitedEventDetails",
                 {"name": "ProcessItems", "output": "[]"})
    te = add("TaskStateEntered", exited, "stateEnteredEventDetails",
             {"name": "Publish", "input": "[]"})
    sc = add("TaskScheduled", te, "taskScheduledEventDetails",
             dict(lam, region="us-east-1", parameters="{}"))
    st = add("TaskStarted", sc, "taskStartedEventDetails", lam, rnd.randint(5, 60))
    ok = add("TaskSucceeded", st, "taskSucceededEventDetails", dict(lam, output="{}"),
             rnd.randint(50, 400))
    ex = add("TaskStateExited", ok, "stateExitedEventDetails", {"name": "Publish", "output": "{}"})
    if rnd.random() < 0.1:
        add("ExecutionFailed", ex, "executionFailedEventDetails",
            {"error": "States.Runtime", "cause": "synthetic"})
    else:
        add("ExecutionSucceeded", ex, "executionSucceededEventDetails", {"output": "{}"})
    return {"events": events}


def main():
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    items = int(sys.argv[3]) if len(sys.argv) > 3 else 140
    os.makedirs(out, exist_ok=True)
    for n in range(count):
        with open(os.path.join(out, f"gen-{n:04d}.json"), "w") as f:
            json.dump(history(n, items), f)


if __name__ == "__main__":
    main()

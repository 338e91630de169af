#!/usr/bin/env python3
"""Per-state total duration of one execution history, as a user would write it.

Usage: state_durations.py HISTORY.json

Reads `{"events": [...]}` (AWS CLI v1 epoch-second numbers or v2 ISO-8601 strings), pairs
each *StateEntered with the next *StateExited of the same state name (first in, first out) and
prints, per state name, the number of visits and their total duration in milliseconds.
Naive on purpose: it is the reference the sfn-ledger benchmark compares against.
"""
import json
import sys
from collections import defaultdict, deque
from datetime import datetime


def seconds(ts):
    if isinstance(ts, (int, float)):
        return float(ts)
    return datetime.fromisoformat(ts.replace("Z", "+00:00")).timestamp()


def main(path):
    with open(path) as f:
        events = json.load(f)["events"]
    events.sort(key=lambda e: e["id"])
    open_visits = defaultdict(deque)
    total = defaultdict(float)
    visits = defaultdict(int)
    for event in events:
        kind = event["type"]
        if kind.endswith("StateEntered"):
            name = event["stateEnteredEventDetails"]["name"]
            open_visits[name].append(seconds(event["timestamp"]))
        elif kind.endswith("StateExited"):
            name = event["stateExitedEventDetails"]["name"]
            if open_visits[name]:
                start = open_visits[name].popleft()
                total[name] += seconds(event["timestamp"]) - start
                visits[name] += 1
    for name in sorted(total):
        print(f"{name}\t{visits[name]}\t{round(total[name] * 1000)} ms")


if __name__ == "__main__":
    main(sys.argv[1])

# Per-state total duration of one execution history, as a user would write it in jq.
#
# Usage: jq -r -f state_durations.jq HISTORY.json
#
# Pairs each *StateEntered with the next *StateExited of the same state name (first in, first
# out) and prints, per state name, the number of visits and their total duration in ms.
# Timestamps: AWS CLI v1 epoch-second numbers or v2 ISO-8601 strings with an offset.

def seconds:
  if type == "number" then .
  else
    capture("^(?<dt>[0-9T:-]+)(\\.(?<frac>[0-9]+))?(?<off>Z|[+-][0-9]{2}:[0-9]{2})$") as $c
    | ($c.dt + "Z" | fromdateiso8601)
      + (if $c.frac then ("0." + $c.frac | tonumber) else 0 end)
      - (if $c.off == "Z" then 0
         else (($c.off[1:3] | tonumber) * 3600 + ($c.off[4:6] | tonumber) * 60)
              * (if $c.off[0:1] == "-" then -1 else 1 end)
         end)
  end;

.events
| sort_by(.id)
| reduce .[] as $e ({open: {}, total: {}, visits: {}};
    if ($e.type | endswith("StateEntered")) then
      .open[$e.stateEnteredEventDetails.name] += [$e.timestamp | seconds]
    elif ($e.type | endswith("StateExited")) then
      $e.stateExitedEventDetails.name as $n
      | if ((.open[$n] // []) | length) > 0 then
          .total[$n] += (($e.timestamp | seconds) - .open[$n][0])
          | .visits[$n] += 1
          | .open[$n] |= .[1:]
        else . end
    else . end)
| . as $r
| $r.total | keys[]
| "\(.)\t\($r.visits[.])\t\($r.total[.] * 1000 | round) ms"

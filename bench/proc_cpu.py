#!/usr/bin/env python3
"""CPU time from /proc for bench/gateway.sh: the gateway, its embedded PostgreSQL cluster and the simulator.

  proc_cpu.py sample GATEWAY_PID POSTMASTER_PID [SIMULATOR_PID]
      One JSON line: CPU milliseconds used so far by each (utime + stime, fields 14 and 15 of /proc/PID/stat).
      The cluster is the postmaster's utime + stime + cutime + cstime (fields 16 and 17 hold the backends it
      has already reaped) plus the utime + stime of its live children (backends, checkpointer, walwriter, ...).
  proc_cpu.py delta KIND BEFORE_JSON AFTER_JSON RESULT_JSON
      One JSON line for $RESULTS: the CPU used between the two samples, in total and per request, where the
      number of requests is the measurement row's responses (its codes, plus its errors when they are counted).
"""
import json
import os
import sys
import time

TICK_MS = 1000.0 / os.sysconf("SC_CLK_TCK")  # the same as 1000 / `getconf CLK_TCK`


def stat(pid):
    """The fields of /proc/PID/stat after the command name; fields[n - 3] is field n (1-based, as in proc(5))."""
    with open("/proc/%d/stat" % pid) as file:
        text = file.read()
    return text[text.rindex(")") + 2:].split()  # the command name may hold spaces and parentheses


def field(fields, number):
    return int(fields[number - 3])


def own_ticks(pid):
    fields = stat(pid)
    return field(fields, 14) + field(fields, 15)


def cluster_ticks(postmaster):
    fields = stat(postmaster)  # first, so a backend reaped meanwhile is missed rather than counted twice
    ticks = sum(field(fields, number) for number in (14, 15, 16, 17))
    children = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == postmaster:
            continue
        try:
            child = stat(int(entry))
        except (OSError, ValueError):  # exited since the listing
            continue
        if field(child, 4) == postmaster:
            ticks += field(child, 14) + field(child, 15)
            children += 1
    return ticks, children


def sample(gateway, postmaster, simulator=None):
    postgres, children = cluster_ticks(int(postmaster))
    return {"at": time.monotonic(), "gateway": own_ticks(int(gateway)) * TICK_MS, "postgres": postgres * TICK_MS,
            "postgres_processes": children + 1,
            "simulator": own_ticks(int(simulator)) * TICK_MS if simulator else None}


def delta(kind, before, after, result):
    errors = result.get("errors")
    requests = sum(result["codes"].values()) + (errors if isinstance(errors, int) else 0)
    used = {role: after[role] - before[role] for role in ("gateway", "postgres")}
    simulator = after["simulator"] - before["simulator"] if after.get("simulator") is not None else None
    per = lambda ms: ms / requests if requests and ms is not None else None
    return {"section": "cpu", "of": kind, "label": result["label"], "clients": result["clients"],
            "requests": requests, "seconds": after["at"] - before["at"], "tick_ms": TICK_MS,
            "gateway_ms": used["gateway"], "postgres_ms": used["postgres"], "simulator_ms": simulator,
            "postgres_processes": after["postgres_processes"],
            "gateway_ms_per_request": per(used["gateway"]), "postgres_ms_per_request": per(used["postgres"]),
            "total_ms_per_request": per(used["gateway"] + used["postgres"]),
            "simulator_ms_per_request": per(simulator)}


if __name__ == "__main__":
    command, arguments = sys.argv[1], sys.argv[2:]
    if command == "sample":
        print(json.dumps(sample(*arguments)))
    elif command == "delta":
        kind, before, after, result = arguments
        print(json.dumps(delta(kind, json.loads(before), json.loads(after), json.loads(result))))
    else:
        sys.exit("proc_cpu.py: sample GATEWAY_PID POSTMASTER_PID [SIMULATOR_PID] | delta KIND BEFORE AFTER RESULT")

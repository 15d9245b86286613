#!/usr/bin/env python3
"""Summarises the BenchmarkDotNet JSON reports that eng/bench.sh wrote under <out>/<label>/<suite>/results.

One row per benchmark case: its median time, its baseline's median (run in the same process), the added time and
ratio, and the bytes allocated per operation (with the added bytes). With --compare, one row per case that exists in
both trees, with the head/ref ratio of the added time and of the median; cases found in only one tree are listed.
"""
import glob
import json
import os
import sys

SUITE_TITLES = {
    "core": "Resolution (Core, lookup)",
    "resolver": "Resolver before/after (Core)",
    "stages": "Resolution stages (Core, host)",
    "web": "Middleware per request",
    "sqlite": "EF Core on SQLite",
    "postgres": "EF Core on PostgreSQL",
}


def load(folder):
    """{suite: {(method, params): (median_ns, bytes)}}"""
    suites = {}
    for suite in SUITE_TITLES:
        rows = {}
        for path in glob.glob(os.path.join(folder, suite, "results", "*-report-full-compressed.json")):
            with open(path, encoding="utf-8") as f:
                report = json.load(f)
            for b in report.get("Benchmarks", []):
                stats = b.get("Statistics") or {}
                if "Median" not in stats:
                    continue
                memory = (b.get("Memory") or {}).get("BytesAllocatedPerOperation")
                params = tuple(sorted(p for p in (b.get("Parameters") or "").split("&") if p))
                rows[(b["Method"], params)] = (stats["Median"], memory)
        if rows:
            suites[suite] = rows
    return suites


def baseline_of(suite, method):
    if suite == "core":
        return None if method == "PlainDictionary" else "PlainDictionary"
    if suite == "resolver":
        return None if method == "Previous" else "Previous"
    if suite == "web":
        return None if method == "WithoutTenancy" else "WithoutTenancy"
    if suite in ("sqlite", "postgres"):
        parts = method.split("_")
        if len(parts) > 2:
            return parts[0] + "_TenantScoped"
        if len(parts) == 2 and parts[1] == "TenantScoped":
            return parts[0] + "_PlainEf"
    return None


def label(method, params):
    values = ", ".join(p.split("=", 1)[1] for p in params)
    return f"{method} ({values})" if values else method


def fmt_time(ns):
    if ns is None:
        return "—"
    if abs(ns) >= 1_000_000:
        return f"{ns / 1_000_000:,.2f} ms"
    if abs(ns) >= 10_000:
        return f"{ns / 1000:,.1f} µs"
    return f"{ns:,.1f} ns"


def fmt_bytes(b):
    if b is None:
        return "—"
    return f"{b:,.0f} B" if abs(b) < 10_000 else f"{b / 1024:,.1f} KB"


def cases(suites):
    """[(suite, method, params, median, bytes, base_median, base_bytes)] in report order."""
    out = []
    for suite, rows in suites.items():
        for (method, params), (median, memory) in sorted(rows.items(), key=lambda kv: (kv[0][1], kv[0][0])):
            base = baseline_of(suite, method)
            if base is None and suite != "stages":
                continue
            base_row = rows.get((base, params)) if base else None
            out.append((suite, method, params, median, memory, base_row[0] if base_row else None, base_row[1] if base_row else None))
    return out


def times(median, base):
    return f"{median / base:.2f}" if base else "—"


def added(median, base):
    return None if base is None else median - base


def main():
    folder = sys.argv[1]
    ref = sys.argv[3] if len(sys.argv) > 3 and sys.argv[2] == "--compare" else None
    head = load(os.path.join(folder, "head"))
    load_note = ""
    try:
        with open(os.path.join(folder, "head", "load.txt"), encoding="utf-8") as f:
            load_note = "; ".join(line.strip() for line in f if line.strip())
    except OSError:
        pass

    print()
    print(f"Medians of short in-process BenchmarkDotNet jobs; 'added' = case minus its baseline in the same process "
          f"(core: PlainDictionary, web: WithoutTenancy, EF: plain EF for the tenant filter, the tenant filter for RLS). "
          f"Load average after each suite: {load_note or 'n/a'}.")
    print()
    if not ref:
        print("| Area | Case | Median | Baseline | Added | Ratio | Allocated | Added bytes |")
        print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for suite, method, params, median, memory, base, base_memory in cases(head):
            ratio = f"{median / base:.2f}" if base else "—"
            added_bytes = fmt_bytes(memory - base_memory) if memory is not None and base_memory is not None else "—"
            print(f"| {SUITE_TITLES[suite]} | {label(method, params)} | {fmt_time(median)} | {fmt_time(base)} | "
                  f"{fmt_time(added(median, base))} | {ratio} | {fmt_bytes(memory)} | {added_bytes} |")
        return

    base_tree = load(os.path.join(folder, "base"))
    base_cases = {(c[0], c[1], c[2]): c for c in cases(base_tree)}
    head_cases = {(c[0], c[1], c[2]): c for c in cases(head)}
    print(f"Compared with {ref} (built in a worktree, run in the same session just before this tree, suite by suite).")
    print()
    print("'× baseline' is the case's median over its in-process baseline's: it cancels most of the machine's load, so on a")
    print("busy machine compare those two columns rather than the raw medians.")
    print()
    print(f"| Area | Case | Added ({ref}) | Added (head) | × baseline ({ref}) | × baseline (head) | Median ({ref}) | Median (head) | head / {ref} | Allocated ({ref}) | Allocated (head) |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for key, h in head_cases.items():
        b = base_cases.get(key)
        if not b:
            continue
        print(f"| {SUITE_TITLES[key[0]]} | {label(key[1], key[2])} | {fmt_time(added(b[3], b[5]))} | {fmt_time(added(h[3], h[5]))} | "
              f"{times(b[3], b[5])} | {times(h[3], h[5])} | "
              f"{fmt_time(b[3])} | {fmt_time(h[3])} | {times(h[3], b[3])} | {fmt_bytes(b[4])} | {fmt_bytes(h[4])} |")
    only_head = [k for k in head_cases if k not in base_cases]
    only_base = [k for k in base_cases if k not in head_cases]
    missing_suites = sorted(set(head) ^ set(base_tree))
    if only_head or only_base or missing_suites:
        print()
        print("Skipped (not in both trees):")
        for s in missing_suites:
            print(f"- suite {s}: only in {'head' if s in head else ref}")
        for k in only_head:
            if k[0] not in missing_suites:
                print(f"- {SUITE_TITLES[k[0]]}: {label(k[1], k[2])} only in head")
        for k in only_base:
            if k[0] not in missing_suites:
                print(f"- {SUITE_TITLES[k[0]]}: {label(k[1], k[2])} only in {ref}")


if __name__ == "__main__":
    main()

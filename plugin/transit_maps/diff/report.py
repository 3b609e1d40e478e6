"""The diff as text (terminal), markdown (a pull-request comment) and JSON (tools)."""

from __future__ import annotations

import json
from typing import Any

from .changes import Change, DiffResult, MapDiff, Section, Value
from .sentences import MARKDOWN, PLAIN, md_escape, sentences

JSON_VERSION = 1
# The hidden first line of the markdown report, so a CI job can find and update its own comment.
MARKDOWN_MARKER = "<!-- transit-maps-diff -->"

COLUMNS = ("Added", "Removed", "Renamed", "Rerouted", "Zones", "Related", "Coverage", "Edited")


def format_text(result: DiffResult) -> str:
    """A plain-text report: one line per change, grouped by map and layer."""
    out: list[str] = []
    for diff in result.changed:
        where = _paths(diff)
        out.append(f"{diff.map}: {_count(len(diff.changes))}{f' ({where})' if where else ''}")
        for section in diff.sections():
            out.append(f"  {_heading(diff, section, markdown=False)}:")
            for change in section.changes:
                for sentence in sentences(change, diff.names, PLAIN):
                    out.append(f"    {change.sign} {sentence}")
    out.append(_total(result))
    return "\n".join(out) + "\n"


def format_markdown(result: DiffResult) -> str:
    """A pull-request comment: a summary table (counts per layer), then the changes per layer."""
    out = [MARKDOWN_MARKER, "## Transit map changes", "", _total(result), ""]
    changed = result.changed
    if not changed:
        return "\n".join(out)
    several = len(changed) > 1
    head = (["Map"] if several else []) + ["Section", *COLUMNS]
    out.append("| " + " | ".join(head) + " |")
    out.append(
        "| " + " | ".join(["---"] * (len(head) - len(COLUMNS)) + ["---:"] * len(COLUMNS)) + " |"
    )
    for diff in changed:
        for section in diff.sections():
            counts = _counts(section.changes)
            cells = ([f"`{diff.map}`"] if several else []) + [
                _heading(diff, section, markdown=True)
            ]
            cells += [str(counts[c]) if counts[c] else "" for c in COLUMNS]
            out.append("| " + " | ".join(cells) + " |")
    out.append("")
    for diff in changed:
        where = _paths(diff)
        title = f"### {md_escape(diff.names.maps.get(diff.map, diff.map))} (`{diff.map}`)"
        out += [title, ""]
        if where:
            out += [f"`{where}`", ""]
        for section in diff.sections():
            out += [f"#### {_heading(diff, section, markdown=True)}", ""]
            for change in section.changes:
                out += [f"- {_capital(s)}" for s in sentences(change, diff.names, MARKDOWN)]
            out.append("")
    return "\n".join(out)


def format_json(result: DiffResult) -> str:
    """The stable JSON export (schema in docs/reviewing.md): sorted keys, two-space indent."""
    doc = {
        "version": JSON_VERSION,
        "equal": result.equal,
        "maps": [_map_json(d) for d in result.maps],
    }
    return json.dumps(doc, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def _map_json(diff: MapDiff) -> dict[str, Any]:
    signs = [c.sign for c in diff.changes]
    return {
        "map": diff.map,
        "status": diff.status,
        "base": diff.base,
        "head": diff.head,
        "summary": {
            "added": signs.count("+"),
            "removed": signs.count("-"),
            "changed": signs.count("~"),
        },
        "changes": [change_json(c) for c in diff.changes],
    }


def change_json(change: Change) -> dict[str, Any]:
    """One change as a JSON object; every key is always present."""
    return {
        "kind": change.kind,
        "layer": change.layer,
        "subject": change.subject,
        "title": change.title,
        "field": change.field,
        "station": change.station,
        "before": _json_value(change.before),
        "after": _json_value(change.after),
        "gained": list(change.gained),
        "lost": list(change.lost),
    }


def _json_value(value: Value) -> Any:
    if isinstance(value, tuple):
        return [_json_value(v) for v in value]
    if isinstance(value, float) and value == int(value):
        return int(value)  # position hints: 4 rather than 4.0, as written
    return value


def _column(change: Change) -> str:
    kind = change.kind
    if change.sign == "+":
        return "Added"
    if change.sign == "-":
        return "Removed"
    if kind == "station-renamed":
        return "Renamed"
    if kind == "line-rerouted":
        return "Rerouted"
    if kind in ("station-zone-changed",) or kind.startswith("zone-"):
        return "Zones"
    if kind == "related-changed":
        return "Related"
    if kind in ("coverage-changed", "adds-changed"):
        return "Coverage"
    return "Edited"


def _counts(changes: tuple[Change, ...]) -> dict[str, int]:
    counts = dict.fromkeys(COLUMNS, 0)
    for change in changes:
        counts[_column(change)] += 1
    return counts


def _heading(diff: MapDiff, section: Section, *, markdown: bool) -> str:
    if section.kind != "layer":
        return section.kind.capitalize() if markdown else section.kind
    title = diff.names.layers.get(section.layer, section.layer)
    if markdown:
        return f"{md_escape(title)} (`{section.layer}`)"
    return f"{section.layer} ({title})" if title != section.layer else section.layer


def _paths(diff: MapDiff) -> str:
    if diff.base and diff.head:
        return diff.base if diff.base == diff.head else f"{diff.base} → {diff.head}"
    return diff.base or diff.head or ""


def _count(n: int) -> str:
    return f"{n} change{'s' if n != 1 else ''}"


def _total(result: DiffResult) -> str:
    n, changed = len(result.maps), len(result.changed)
    if result.equal:
        return f"No changes ({n} map{'s' if n != 1 else ''} compared)."
    count = _count(sum(len(d.changes) for d in result.changed)).capitalize()
    if changed == n:
        return f"{count} in {n} map{'s' if n != 1 else ''}."
    return f"{count} in {changed} of {n} maps compared."


def _capital(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:] if sentence[:1].islower() else sentence

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Regenerates broken/ and manifest.tsv from the shipped scenario
# flows/scenarios/locked-out-code-missing.json: each case is that file with exactly one
# problem.  LINE:COL is computed from a marker placed at the error.
import copy, json, os, shutil

HERE = os.path.dirname(os.path.abspath(__file__))
BROKEN = os.path.join(HERE, "broken")
BASE_PATH = os.path.join(HERE, os.pardir, os.pardir, "flows", "scenarios", "locked-out-code-missing.json")
MARK = "\u2988MARK\u2989"

with open(BASE_PATH, encoding="utf-8") as fh:
    BASE = json.load(fh)

def dump(obj):
    return json.dumps(obj, indent=2, ensure_ascii=False) + "\n"

cases = []   # (file, code, location, layer, bytes)

def add(name, code, ptr, layer, mutate):
    doc = copy.deepcopy(BASE)
    result = mutate(doc)
    cases.append((name, code, "#" + ptr, layer, dump(doc if result is None else result).encode("utf-8")))

def add_text(name, code, text):
    assert text.count(MARK) == 1, name
    i = text.index(MARK)
    pre = text[:i]
    location = f"{pre.count(chr(10)) + 1}:{i - (pre.rfind(chr(10)) + 1) + 1}"
    cases.append((name, code, location, "syntax", text.replace(MARK, "").encode("utf-8")))

def sub(text, old, new):
    assert text.count(old) == 1, old
    return text.replace(old, new)

def setp(path, value):
    def mutate(doc):
        node = doc
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
    return mutate

def delp(path):
    def mutate(doc):
        node = doc
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]
    return mutate

B = dump(BASE)

# syntax: the same strict parser as flows
cases.append(("syntax-empty.json", "empty", "1:1", "syntax", b""))
add_text("syntax-trailing-comma.json", "syntax",
         sub(B, '"hints_allowed": true\n}', '"hints_allowed": true,\n' + MARK + '}'))
add_text("syntax-comment.json", "syntax",
         sub(B, '  "script": [', '  ' + MARK + '/* the fault */\n  "script": ['))
add_text("syntax-duplicate-key.json", "duplicate-key",
         sub(B, '    "mood": "anxious",', '    "mood": "anxious",\n    ' + MARK + '"mood": "calm",'))

# schema: what resources/scenario.schema.json sees too
add("schema-wrong-type-root.json", "wrong-type", "", "schema", lambda d: [d])
add("schema-bad-value-format.json", "bad-value", "/format", "schema", setp(["format"], "guidepost-scenario/2"))
add("schema-bad-value-id.json", "bad-value", "/id", "schema", setp(["id"], "Locked_Out"))
add("schema-bad-value-version.json", "bad-value", "/version", "schema", setp(["version"], "1.0"))
add("schema-missing-key-title.json", "missing-key", "", "schema", delp(["title"]))
add("schema-unknown-key-root.json", "unknown-key", "/titel", "schema", setp(["titel"], "Locked out"))
add("schema-bad-value-flow-version.json", "bad-value", "/flow/version", "schema", setp(["flow", "version"], "latest"))
add("schema-missing-key-flow-id.json", "missing-key", "/flow", "schema", delp(["flow", "id"]))
add("schema-wrong-type-persona.json", "wrong-type", "/persona", "schema", setp(["persona"], "anxious"))
add("schema-unknown-key-persona.json", "unknown-key", "/persona/age", "schema", setp(["persona", "age"], 71))
add("schema-bad-value-familiarity.json", "bad-value", "/persona/familiarity", "schema",
    setp(["persona", "familiarity"], "beginner"))
add("schema-bad-value-mood.json", "bad-value", "/persona/mood", "schema", setp(["persona", "mood"], "sad"))
add("schema-empty-text-goal.json", "empty-text", "/persona/goal", "schema", setp(["persona", "goal"], "  "))
add("schema-wrong-type-has-at-hand-item.json", "wrong-type", "/persona/has_at_hand/1", "schema",
    setp(["persona", "has_at_hand", 1], 5))
add("schema-wrong-type-cue.json", "wrong-type", "/script/0", "schema", setp(["script", 0], "code-not-arrived"))
add("schema-missing-key-at.json", "missing-key", "/script/0", "schema", delp(["script", 0, "at"]))
add("schema-missing-key-at-empty.json", "missing-key", "/script/0/at", "schema", setp(["script", 0, "at"], {}))
add("schema-key-not-allowed-at-both.json", "key-not-allowed", "/script/0/at/after_seconds", "schema",
    setp(["script", 0, "at", "after_seconds"], 30))
add("schema-bad-value-after-seconds.json", "bad-value", "/script/0/at/after_seconds", "schema",
    setp(["script", 0, "at"], {"after_seconds": 0}))
add("schema-bad-value-inject.json", "bad-value", "/script/0/inject", "schema",
    setp(["script", 0, "inject"], "Code not arrived"))
add("schema-empty-text-say.json", "empty-text", "/script/0/say", "schema", setp(["script", 0, "say"], ""))
add("schema-bad-value-practice-empty.json", "bad-value", "/expected_practice", "schema",
    setp(["expected_practice"], []))
add("schema-bad-value-kind.json", "bad-value", "/expected_practice/0/kind", "schema",
    setp(["expected_practice", 0, "kind"], "be-nice"))
add("schema-bad-value-points-high.json", "bad-value", "/expected_practice/0/points", "schema",
    setp(["expected_practice", 0, "points"], 25))
add("schema-bad-value-points-zero.json", "bad-value", "/expected_practice/0/points", "schema",
    setp(["expected_practice", 0, "points"], 0))
add("schema-wrong-type-points.json", "wrong-type", "/expected_practice/0/points", "schema",
    setp(["expected_practice", 0, "points"], "5"))
add("schema-missing-key-points.json", "missing-key", "/expected_practice/1", "schema",
    delp(["expected_practice", 1, "points"]))
add("schema-bad-value-criterion.json", "bad-value", "/expected_practice/0/criterion", "schema",
    setp(["expected_practice", 0, "criterion"], "6.1"))
add("schema-missing-key-explain-why-step.json", "missing-key", "/expected_practice/2", "schema",
    delp(["expected_practice", 2, "step"]))
add("schema-key-not-allowed-try-again-step.json", "key-not-allowed", "/expected_practice/0/step", "schema",
    setp(["expected_practice", 0, "step"], "login-page"))
add("schema-key-not-allowed-offer-on-recovery.json", "key-not-allowed", "/expected_practice/3/offer", "schema",
    setp(["expected_practice", 3, "offer"], "security-alerts"))
add("schema-bad-value-time-limit.json", "bad-value", "/time_limit_minutes", "schema",
    setp(["time_limit_minutes"], -5))
add("schema-wrong-type-hints-allowed.json", "wrong-type", "/hints_allowed", "schema",
    setp(["hints_allowed"], "yes"))
add("schema-wrong-type-replies.json", "wrong-type", "/replies", "schema", setp(["replies"], "accepted"))
add("schema-unknown-key-replies.json", "unknown-key", "/replies/try-again", "schema",
    setp(["replies", "try-again"], True))
add("schema-wrong-type-replies-try-again.json", "wrong-type", "/replies/try_again", "schema",
    setp(["replies", "try_again"], "no"))
add("schema-bad-value-reply-offer.json", "bad-value", "/replies/offers/security-alerts", "schema",
    setp(["replies", "offers", "security-alerts"], "maybe"))
add("schema-missing-key-satisfaction-score.json", "missing-key", "/replies/satisfaction", "schema",
    delp(["replies", "satisfaction", "score"]))
add("schema-bad-value-satisfaction-score.json", "bad-value", "/replies/satisfaction/score", "schema",
    setp(["replies", "satisfaction", "score"], 6))
add("schema-empty-text-satisfaction-comment.json", "empty-text", "/replies/satisfaction/comment", "schema",
    setp(["replies", "satisfaction", "comment"], " "))

# semantic: needs the flow (or the whole file)
add("semantic-duplicate-id-practice.json", "duplicate-id", "/expected_practice/3/id", "semantic",
    setp(["expected_practice", 3, "id"], "explain-the-text-code"))
add("semantic-missing-reference-flow-id.json", "missing-reference", "/flow/id", "semantic",
    setp(["flow", "id"], "reset-online-banking"))
add("semantic-missing-reference-flow-version.json", "missing-reference", "/flow/version", "semantic",
    setp(["flow", "version"], "2.0.0"))
add("semantic-missing-reference-at-step.json", "missing-reference", "/script/0/at/step", "semantic",
    setp(["script", 0, "at", "step"], "enter-pin"))
add("semantic-missing-reference-inject-other-step.json", "missing-reference", "/script/0/inject", "semantic",
    setp(["script", 0, "at", "step"], "send-code"))
add("semantic-missing-reference-inject-timed.json", "missing-reference", "/script/0/inject", "semantic",
    lambda d: d["script"][0].update({"at": {"after_seconds": 90}, "inject": "phone-battery-flat"}))
add("semantic-missing-reference-practice-step.json", "missing-reference", "/expected_practice/2/step", "semantic",
    setp(["expected_practice", 2, "step"], "send-sms"))
add("semantic-missing-reference-practice-failure.json", "missing-reference", "/expected_practice/3/failure",
    "semantic", setp(["expected_practice", 3, "failure"], "reset-timed-out"))
add("semantic-missing-reference-offer.json", "missing-reference", "/expected_practice/5/offer", "semantic",
    setp(["expected_practice", 5, "offer"], "credit-card"))
add("semantic-missing-reference-offer-on-step.json", "missing-reference", "/expected_practice/5/offer",
    "semantic", setp(["expected_practice", 5, "step"], "reset-done"))
add("semantic-missing-reference-identity-step.json", "missing-reference", "/expected_practice/1/step",
    "semantic", setp(["expected_practice", 1, "step"], "send-code"))
add("semantic-missing-reference-reply-offer.json", "missing-reference", "/replies/offers/credit-card", "semantic",
    setp(["replies", "offers", "credit-card"], "accepted"))

shutil.rmtree(BROKEN, ignore_errors=True)
os.makedirs(BROKEN)
with open(os.path.join(HERE, "manifest.tsv"), "w", encoding="utf-8") as manifest:
    for name, code, location, layer, data in cases:
        with open(os.path.join(BROKEN, name), "wb") as fh:
            fh.write(data)
        manifest.write(f"{name}\t{code}\t{location}\t{layer}\n")
print(f"{len(cases)} cases")

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Regenerates broken/ and manifest.tsv: every LINE:COL is computed from a marker placed at
# the error, so cases can be added without counting columns by hand.
import json, os, sys, copy, shutil
sys.path.insert(0, os.path.dirname(__file__))
from base import base

CORPUS = os.path.dirname(os.path.abspath(__file__))
BROKEN = os.path.join(CORPUS, "broken")
MARK = "\u2988MARK\u2989"

def dump(obj):
    return json.dumps(obj, indent=2, ensure_ascii=False) + "\n"

cases = []   # (file, code, location, layer, bytes)

def add_ptr(name, code, ptr, layer, mutate):
    f = base()
    r = mutate(f)
    if r is not None:
        f = r
    cases.append((name, code, "#" + ptr, layer, dump(f).encode("utf-8")))

def linecol(text):
    i = text.index(MARK)
    pre = text[:i]
    return pre.count("\n") + 1, i - (pre.rfind("\n") + 1) + 1

def add_text(name, code, text, layer="syntax"):
    """text contains MARK where the problem is reported (removed from the file)."""
    assert text.count(MARK) == 1, name
    l, c = linecol(text)
    cases.append((name, code, f"{l}:{c}", layer, text.replace(MARK, "").encode("utf-8")))

def sub(text, old, new):
    assert text.count(old) == 1, (old, text.count(old))
    return text.replace(old, new)

B = dump(base())

# ---------------------------------------------------------------- syntax layer
# not-utf8: an invalid byte; column counts the characters before it on its line
raw = B.encode("utf-8")
old = b'"title": "Renew a residents\' parking permit"'
assert raw.count(old) == 1
bad = raw.replace(old, b'"title": "Renew a residents\xff parking permit"')
pre = bad[:bad.index(b"\xff")].decode("utf-8")
cases.append(("syntax-not-utf8.json", "not-utf8",
              f"{pre.count(chr(10)) + 1}:{len(pre) - (pre.rfind(chr(10)) + 1) + 1}", "syntax", bad))
# a file saved as Latin-1: "Café" — é is the byte 0xE9; an earlier non-ASCII character on
# the same line (the £ in UTF-8) must count as one column
old = b'"label": "Pay \xc2\xa360"'
assert raw.count(old) == 1
bad = raw.replace(old, b'"label": "Pay \xc2\xa360 at the caf\xe9"')
pre = bad[:bad.index(b"\xe9")].decode("utf-8")
cases.append(("syntax-not-utf8-latin1.json", "not-utf8",
              f"{pre.count(chr(10)) + 1}:{len(pre) - (pre.rfind(chr(10)) + 1) + 1}", "syntax", bad))

cases.append(("syntax-empty.json", "empty", "1:1", "syntax", b""))
cases.append(("syntax-empty-whitespace.json", "empty", "1:1", "syntax", b"  \n\t\n   \n"))

add_text("syntax-comment.json", "syntax",
         sub(B, '  "start": "sign-in",\n', '  ' + MARK + '/* where the customer begins */\n  "start": "sign-in",\n'))
add_text("syntax-line-comment.json", "syntax",
         sub(B, '  "estimated_minutes": 10,\n', '  "estimated_minutes": 10, ' + MARK + '// for a familiar customer\n'))
add_text("syntax-single-quotes.json", "syntax",
         sub(B, '"summary": "Sign in,', '"summary": ' + MARK + "'Sign in,").replace(
             'parking permit.",\n  "goals"', "parking permit.',\n  \"goals\""))
add_text("syntax-unquoted-key.json", "syntax",
         sub(B, '  "locale": "en-GB",', '  ' + MARK + 'locale: "en-GB",'))
add_text("syntax-hex-number.json", "syntax",
         sub(B, '"estimated_minutes": 10,', '"estimated_minutes": 0' + MARK + 'x10,'))
add_text("syntax-leading-zero.json", "syntax",
         sub(B, '"estimated_seconds": 60,', '"estimated_seconds": 0' + MARK + '60,'))
add_text("syntax-trailing-comma-object.json", "syntax",
         sub(B, '"url": "https://permits.example.gov.uk/"\n  },',
                '"url": "https://permits.example.gov.uk/",\n  ' + MARK + '},'))
add_text("syntax-trailing-comma-array.json", "syntax",
         sub(B, '    "residents permit"\n  ],', '    "residents permit",\n  ' + MARK + '],'))
add_text("syntax-missing-comma.json", "syntax",
         sub(B, '  "version": "1.2.0",\n  "locale"', '  "version": "1.2.0"\n  ' + MARK + '"locale"'))
add_text("syntax-trailing-junk.json", "syntax", B + MARK + "}\n")
add_text("syntax-second-value.json", "syntax", B + MARK + "{}\n")
# a raw TAB inside a string; the é and £ before it on the line count one column each
add_text("syntax-raw-control-character.json", "syntax",
         sub(B, '"label": "Pay £60"', '"label": "Pay £60 (café)' + MARK + '\tnow"'))
# truncated: ends right after a comma, no newline: EOF is just after the last character
cut = B.index('  "start": "sign-in",\n') + len('  "start": "sign-in",')
add_text("syntax-truncated.json", "syntax", B[:cut] + MARK)
add_text("syntax-nan.json", "syntax",
         sub(B, '"estimated_minutes": 10,', '"estimated_minutes": ' + MARK + 'NaN,'))
add_text("syntax-infinity.json", "syntax",
         sub(B, '"estimated_seconds": 60,', '"estimated_seconds": ' + MARK + 'Infinity,'))
add_text("syntax-lone-surrogate.json", "syntax",
         sub(B, '"title": "Same car?"', '"title": "Same car? ' + MARK + '\\ud800"'))
add_text("syntax-lone-low-surrogate.json", "syntax",
         sub(B, '"title": "New car"', '"title": "New car ' + MARK + '\\udc00!"'))
add_text("syntax-integer-too-large.json", "syntax",
         sub(B, '  "estimated_minutes": 10,\n', '  "estimated_minutes": 10,\n  "x-visits": ' + MARK + '9223372036854775808,\n'))
add_text("syntax-integer-too-small.json", "syntax",
         sub(B, '  "estimated_minutes": 10,\n', '  "estimated_minutes": 10,\n  "x-balance": ' + MARK + '-9223372036854775809,\n'))
# too deep: 100000 '[' — the 65th bracket is one level too deep
cases.append(("syntax-too-deep.json", "too-deep", "1:65", "syntax", b"[" * 100000))
# too deep inside a flow: the root object is level 1, so the 64th '[' of x-deep is level 65
add_text("syntax-too-deep-in-flow.json", "too-deep",
         sub(B, '  "estimated_minutes": 10,\n',
             '  "estimated_minutes": 10,\n  "x-deep": ' + "[" * 63 + MARK + "[" + "]" * 64 + ",\n"))
add_text("syntax-duplicate-key.json", "duplicate-key",
         sub(B, '  "summary": "Sign in,', '  ' + MARK + '"title": "Renew a parking permit",\n  "summary": "Sign in,'))
add_text("syntax-duplicate-key-in-step.json", "duplicate-key",
         sub(B, '      "why": "Wardens check permits by registration number.",\n',
                '      "why": "Wardens check permits by registration number.",\n      ' + MARK +
                '"why": "The permit is for one car.",\n'))
# escaped spelling of the same key is still the same key
add_text("syntax-duplicate-key-escaped.json", "duplicate-key",
         sub(B, '  "start": "sign-in",\n', '  "start": "sign-in",\n  ' + MARK + '"st\\u0061rt": "pay",\n'))

# a number too large for a double (it would be infinite): at its first character
add_text("syntax-number-out-of-range.json", "syntax",
         sub(B, '"estimated_minutes": 10,', '"estimated_minutes": ' + MARK + '1e400,'))
# invalid escape: at the backslash
add_text("syntax-bad-escape.json", "syntax",
         sub(B, '"title": "Same car?"', '"title": "Same ' + MARK + '\\q car?"'))
# a byte order mark is not JSON (RFC 8259 8.1): the first character
add_text("syntax-byte-order-mark.json", "syntax", MARK + "\ufeff" + B)
# CRLF line endings: "\r\n" is one line break, and "\r" is not a column of the next line
add_text("syntax-crlf.json", "syntax",
         sub(B, '  "start": "sign-in",\n', '  "start": ' + MARK + 'sign-in,\n').replace("\n", "\r\n"))
# truncated inside a string: EOF, just after the last character
cut = B.index('"name": "Council parking permits"') + len('"name": "Council parkin')
add_text("syntax-truncated-in-string.json", "syntax", B[:cut] + MARK)

# ---------------------------------------------------------------- schema layer
S = lambda f, i: f["steps"][i]

def root_array(f): return []
add_ptr("schema-wrong-type-root.json", "wrong-type", "", "schema", root_array)
add_ptr("schema-wrong-type-title.json", "wrong-type", "/title", "schema", lambda f: f.update(title=42))
add_ptr("schema-wrong-type-null.json", "wrong-type", "/summary", "schema", lambda f: f.update(summary=None))
add_ptr("schema-wrong-type-goals.json", "wrong-type", "/goals", "schema", lambda f: f.update(goals="renew parking permit"))
add_ptr("schema-wrong-type-goal-item.json", "wrong-type", "/goals/1", "schema", lambda f: f["goals"].__setitem__(1, 2024))
add_ptr("schema-wrong-type-service.json", "wrong-type", "/service", "schema", lambda f: f.update(service="Council parking permits"))
add_ptr("schema-wrong-type-estimated-minutes.json", "wrong-type", "/estimated_minutes", "schema", lambda f: f.update(estimated_minutes="10"))
add_ptr("schema-wrong-type-steps.json", "wrong-type", "/steps", "schema", lambda f: f.update(steps={"sign-in": S(f, 0)}))
add_ptr("schema-wrong-type-step.json", "wrong-type", "/steps/8", "schema", lambda f: f["steps"].append("thank-you"))
add_ptr("schema-wrong-type-hint.json", "wrong-type", "/steps/0/hints/0", "schema", lambda f: S(f, 0)["hints"].__setitem__(0, 1))
add_ptr("schema-wrong-type-secret.json", "wrong-type", "/steps/0/screen/elements/1/secret", "schema",
        lambda f: S(f, 0)["screen"]["elements"][1].update(secret="yes"))
add_ptr("schema-wrong-type-talk.json", "wrong-type", "/steps/0/talk", "schema",
        lambda f: S(f, 0).update(talk="First we sign in."))
add_ptr("schema-wrong-type-failures.json", "wrong-type", "/steps/4/failures", "schema",
        lambda f: S(f, 4).update(failures=S(f, 4)["failures"][0]))
# on a failure whose recovery does not loop back, so no recovery-loop follows from it
add_ptr("schema-wrong-type-retry-limit.json", "wrong-type", "/steps/3/failures/0/retry_limit", "schema",
        lambda f: S(f, 3)["failures"][0].update(retry_limit="2"))
add_ptr("schema-wrong-type-choice.json", "wrong-type", "/steps/1/choices/2", "schema",
        lambda f: S(f, 1)["choices"].__setitem__(2, "escalated"))
add_ptr("schema-wrong-type-check.json", "wrong-type", "/steps/3/checks/1", "schema",
        lambda f: S(f, 3)["checks"].__setitem__(1, ["First line", "Postcode"]))
add_ptr("schema-wrong-type-after-failure.json", "wrong-type", "/steps/5/offers/0/after_failure", "schema",
        lambda f: S(f, 5)["offers"][0].update(after_failure="true"))
add_ptr("schema-wrong-type-next.json", "wrong-type", "/steps/2/next", "schema",
        lambda f: S(f, 2).update(next=3))

def put_after(d, after, key, value):
    items = list(d.items()); d.clear()
    for k, v in items:
        d[k] = v
        if k == after: d[key] = value
add_ptr("schema-unknown-key-root.json", "unknown-key", "/author", "schema",
        lambda f: put_after(f, "summary", "author", "Parking services"))
add_ptr("schema-unknown-key-escaped.json", "unknown-key", "/notes~0draft~12", "schema",
        lambda f: put_after(f, "summary", "notes~draft/2", "check the prices"))
add_ptr("schema-unknown-key-uppercase-x.json", "unknown-key", "/X-owner", "schema",
        lambda f: put_after(f, "summary", "X-owner", "Parking services"))
add_ptr("schema-unknown-key-service.json", "unknown-key", "/service/phone", "schema",
        lambda f: f["service"].update(phone="0300 123 4567"))
add_ptr("schema-unknown-key-step.json", "unknown-key", "/steps/0/hintz", "schema",
        lambda f: put_after(S(f, 0), "hints", "hintz", ["Look at the top of the page."]))
add_ptr("schema-unknown-key-screen.json", "unknown-key", "/steps/0/screen/subheading", "schema",
        lambda f: put_after(S(f, 0)["screen"], "heading", "subheading", "Or create an account"))
add_ptr("schema-unknown-key-element.json", "unknown-key", "/steps/0/screen/elements/0/placeholder", "schema",
        lambda f: S(f, 0)["screen"]["elements"][0].update(placeholder="name@example.com"))
add_ptr("schema-unknown-key-talk.json", "unknown-key", "/steps/0/talk/expert", "schema",
        lambda f: S(f, 0)["talk"].update(expert="Sign in."))
add_ptr("schema-unknown-key-choice.json", "unknown-key", "/steps/1/choices/0/hint", "schema",
        lambda f: S(f, 1)["choices"][0].update(hint="Check last year's permit."))
add_ptr("schema-unknown-key-failure.json", "unknown-key", "/steps/0/failures/0/severity", "schema",
        lambda f: put_after(S(f, 0)["failures"][0], "cause", "severity", "minor"))
add_ptr("schema-unknown-key-escalate.json", "unknown-key", "/steps/0/failures/0/escalate/team", "schema",
        lambda f: S(f, 0)["failures"][0]["escalate"].update(team="Accounts"))
add_ptr("schema-unknown-key-offer.json", "unknown-key", "/steps/4/offers/0/price", "schema",
        lambda f: put_after(S(f, 4)["offers"][0], "benefit", "price", "free"))

def drop(d, k): del d[k]
add_ptr("schema-missing-key-root.json", "missing-key", "", "schema", lambda f: drop(f, "summary"))
add_ptr("schema-missing-key-format.json", "missing-key", "", "schema", lambda f: drop(f, "format"))
add_ptr("schema-missing-key-service-name.json", "missing-key", "/service", "schema", lambda f: drop(f["service"], "name"))
add_ptr("schema-missing-key-step-title.json", "missing-key", "/steps/2", "schema", lambda f: drop(S(f, 2), "title"))
add_ptr("schema-missing-key-step-kind.json", "missing-key", "/steps/6", "schema", lambda f: drop(S(f, 6), "kind"))
add_ptr("schema-missing-key-why.json", "missing-key", "/steps/0", "schema", lambda f: drop(S(f, 0), "why"))
add_ptr("schema-missing-key-instruction.json", "missing-key", "/steps/3", "schema", lambda f: drop(S(f, 3), "instruction"))
def no_screen(f):
    drop(S(f, 2), "screen"); drop(S(f, 2), "target")
add_ptr("schema-missing-key-screen.json", "missing-key", "/steps/2", "schema", no_screen)
add_ptr("schema-missing-key-screen-next.json", "missing-key", "/steps/2", "schema", lambda f: drop(S(f, 2), "next"))
add_ptr("schema-missing-key-info-next.json", "missing-key", "/steps/6", "schema", lambda f: drop(S(f, 6), "next"))
add_ptr("schema-missing-key-question.json", "missing-key", "/steps/1", "schema", lambda f: drop(S(f, 1), "question"))
add_ptr("schema-missing-key-checks.json", "missing-key", "/steps/3", "schema", lambda f: drop(S(f, 3), "checks"))
add_ptr("schema-missing-key-on-fail.json", "missing-key", "/steps/3", "schema", lambda f: drop(S(f, 3), "on_fail"))
add_ptr("schema-missing-key-outcome.json", "missing-key", "/steps/5", "schema", lambda f: drop(S(f, 5), "outcome"))
add_ptr("schema-missing-key-heading.json", "missing-key", "/steps/0/screen", "schema", lambda f: drop(S(f, 0)["screen"], "heading"))
add_ptr("schema-missing-key-element-label.json", "missing-key", "/steps/0/screen/elements/0", "schema",
        lambda f: drop(S(f, 0)["screen"]["elements"][0], "label"))
add_ptr("schema-missing-key-choice-next.json", "missing-key", "/steps/1/choices/2", "schema",
        lambda f: drop(S(f, 1)["choices"][2], "next"))
add_ptr("schema-missing-key-recovery.json", "missing-key", "/steps/0/failures/0", "schema",
        lambda f: drop(S(f, 0)["failures"][0], "recovery"))
add_ptr("schema-missing-key-priority.json", "missing-key", "/steps/0/failures/0/escalate", "schema",
        lambda f: drop(S(f, 0)["failures"][0]["escalate"], "priority"))
add_ptr("schema-missing-key-pitch.json", "missing-key", "/steps/4/offers/0", "schema",
        lambda f: drop(S(f, 4)["offers"][0], "pitch"))

add_ptr("schema-bad-value-format.json", "bad-value", "/format", "schema", lambda f: f.update(format="guidepost-flow/2"))
add_ptr("schema-bad-value-id.json", "bad-value", "/id", "schema", lambda f: f.update(id="Renew_Permit"))
add_ptr("schema-bad-value-id-double-hyphen.json", "bad-value", "/id", "schema", lambda f: f.update(id="renew--permit"))
add_ptr("schema-bad-value-version.json", "bad-value", "/version", "schema", lambda f: f.update(version="1.2"))
add_ptr("schema-bad-value-locale.json", "bad-value", "/locale", "schema", lambda f: f.update(locale="en_GB"))
add_ptr("schema-bad-value-url.json", "bad-value", "/service/url", "schema", lambda f: f["service"].update(url="permits.example.gov.uk"))
add_ptr("schema-bad-value-estimated-minutes.json", "bad-value", "/estimated_minutes", "schema", lambda f: f.update(estimated_minutes=0))
add_ptr("schema-bad-value-estimated-seconds.json", "bad-value", "/steps/0/estimated_seconds", "schema",
        lambda f: S(f, 0).update(estimated_seconds=-30))
add_ptr("schema-bad-value-goals-empty.json", "bad-value", "/goals", "schema", lambda f: f.update(goals=[]))
add_ptr("schema-bad-value-kind.json", "bad-value", "/steps/3/kind", "schema", lambda f: S(f, 3).update(kind="check"))
add_ptr("schema-bad-value-element-type.json", "bad-value", "/steps/0/screen/elements/0/type", "schema",
        lambda f: S(f, 0)["screen"]["elements"][0].update(type="input"))
add_ptr("schema-bad-value-cause.json", "bad-value", "/steps/4/failures/0/cause", "schema",
        lambda f: S(f, 4)["failures"][0].update(cause="user"))
add_ptr("schema-bad-value-priority.json", "bad-value", "/steps/0/failures/1/escalate/priority", "schema",
        lambda f: S(f, 0)["failures"][1]["escalate"].update(priority="critical"))
add_ptr("schema-bad-value-outcome.json", "bad-value", "/steps/5/outcome", "schema", lambda f: S(f, 5).update(outcome="done"))
add_ptr("schema-bad-value-when.json", "bad-value", "/steps/4/offers/0/when", "schema",
        lambda f: S(f, 4)["offers"][0].update(when="on-exit"))
add_ptr("schema-bad-value-retry-limit.json", "bad-value", "/steps/3/failures/0/retry_limit", "schema",
        lambda f: S(f, 3)["failures"][0].update(retry_limit=0))
add_ptr("schema-bad-value-checks-empty.json", "bad-value", "/steps/3/checks", "schema", lambda f: S(f, 3).update(checks=[]))
add_ptr("schema-bad-value-elements-empty.json", "bad-value", "/steps/6/screen/elements", "schema",
        lambda f: put_after(S(f, 6), "title", "screen", {"heading": "Sorry", "elements": []}))
def rename_done(f):
    S(f, 5)["id"] = "Done"; S(f, 4)["next"] = "Done"
add_ptr("schema-bad-value-step-id.json", "bad-value", "/steps/5/id", "schema", rename_done)
add_ptr("schema-bad-value-element-id.json", "bad-value", "/steps/0/screen/elements/1/id", "schema",
        lambda f: S(f, 0)["screen"]["elements"][1].update(id="Password"))
# an empty id is not a slug: bad-value, not empty-text
add_ptr("schema-bad-value-empty-id.json", "bad-value", "/steps/0/failures/0/id", "schema",
        lambda f: S(f, 0)["failures"][0].update(id=""))
add_ptr("schema-bad-value-failure-id.json", "bad-value", "/steps/0/failures/0/id", "schema",
        lambda f: S(f, 0)["failures"][0].update(id="wrong password"))
add_ptr("schema-bad-value-offer-id.json", "bad-value", "/steps/4/offers/0/id", "schema",
        lambda f: S(f, 4)["offers"][0].update(id="direct_debit"))
add_ptr("schema-bad-value-start.json", "bad-value", "/start", "schema", lambda f: f.update(start="-sign-in"))
add_ptr("schema-bad-value-next.json", "bad-value", "/steps/2/next", "schema", lambda f: S(f, 2).update(next="Confirm-Identity"))
add_ptr("schema-bad-value-choice-next.json", "bad-value", "/steps/1/choices/0/next", "schema",
        lambda f: S(f, 1)["choices"][0].update(next="confirm identity"))
add_ptr("schema-bad-value-target.json", "bad-value", "/steps/2/target", "schema", lambda f: S(f, 2).update(target="Registration"))
add_ptr("schema-bad-value-on-fail.json", "bad-value", "/steps/3/on_fail", "schema", lambda f: S(f, 3).update(on_fail="identity_failed"))
add_ptr("schema-bad-value-recovery.json", "bad-value", "/steps/4/failures/0/recovery", "schema",
        lambda f: S(f, 4)["failures"][0].update(recovery="pay-"))

add_ptr("schema-empty-text-why.json", "empty-text", "/steps/2/why", "schema", lambda f: S(f, 2).update(why=""))
add_ptr("schema-empty-text-instruction.json", "empty-text", "/steps/0/instruction", "schema", lambda f: S(f, 0).update(instruction="   "))
add_ptr("schema-empty-text-title.json", "empty-text", "/title", "schema", lambda f: f.update(title=" \t\n "))
add_ptr("schema-empty-text-service-name.json", "empty-text", "/service/name", "schema", lambda f: f["service"].update(name=""))
add_ptr("schema-empty-text-goal.json", "empty-text", "/goals/0", "schema", lambda f: f["goals"].__setitem__(0, ""))
add_ptr("schema-empty-text-hint.json", "empty-text", "/steps/0/hints/1", "schema", lambda f: S(f, 0)["hints"].__setitem__(1, "  "))
add_ptr("schema-empty-text-heading.json", "empty-text", "/steps/0/screen/heading", "schema", lambda f: S(f, 0)["screen"].update(heading=""))
add_ptr("schema-empty-text-label.json", "empty-text", "/steps/0/screen/elements/2/label", "schema",
        lambda f: S(f, 0)["screen"]["elements"][2].update(label=" "))
add_ptr("schema-empty-text-talk.json", "empty-text", "/steps/0/talk/new", "schema", lambda f: S(f, 0)["talk"].update(new=""))
add_ptr("schema-empty-text-question.json", "empty-text", "/steps/1/question", "schema", lambda f: S(f, 1).update(question="\n"))
add_ptr("schema-empty-text-choice-label.json", "empty-text", "/steps/1/choices/0/label", "schema",
        lambda f: S(f, 1)["choices"][0].update(label=""))
add_ptr("schema-empty-text-check.json", "empty-text", "/steps/3/checks/0", "schema", lambda f: S(f, 3)["checks"].__setitem__(0, ""))
add_ptr("schema-empty-text-say.json", "empty-text", "/steps/0/failures/0/say", "schema",
        lambda f: S(f, 0)["failures"][0].update(say=""))
add_ptr("schema-empty-text-escalate-to.json", "empty-text", "/steps/0/failures/0/escalate/to", "schema",
        lambda f: S(f, 0)["failures"][0]["escalate"].update(to=" "))
add_ptr("schema-empty-text-pitch.json", "empty-text", "/steps/4/offers/0/pitch", "schema",
        lambda f: S(f, 4)["offers"][0].update(pitch=""))
add_ptr("schema-empty-text-end-why.json", "empty-text", "/steps/5/why", "schema",
        lambda f: put_after(S(f, 5), "title", "why", ""))

add_ptr("schema-key-not-allowed-next-on-question.json", "key-not-allowed", "/steps/1/next", "schema",
        lambda f: put_after(S(f, 1), "choices", "next", "confirm-identity"))
add_ptr("schema-key-not-allowed-question-on-screen.json", "key-not-allowed", "/steps/0/question", "schema",
        lambda f: put_after(S(f, 0), "why", "question", "Do you have an account?"))
add_ptr("schema-key-not-allowed-choices-on-info.json", "key-not-allowed", "/steps/6/choices", "schema",
        lambda f: put_after(S(f, 6), "why", "choices",
                            [{"label": "Call back", "next": "escalated"}, {"label": "Try later", "next": "escalated"}]))
add_ptr("schema-key-not-allowed-checks-on-screen.json", "key-not-allowed", "/steps/2/checks", "schema",
        lambda f: put_after(S(f, 2), "why", "checks", ["Registration number"]))
add_ptr("schema-key-not-allowed-on-fail-on-info.json", "key-not-allowed", "/steps/6/on_fail", "schema",
        lambda f: put_after(S(f, 6), "why", "on_fail", "escalated"))
add_ptr("schema-key-not-allowed-outcome-on-screen.json", "key-not-allowed", "/steps/0/outcome", "schema",
        lambda f: put_after(S(f, 0), "title", "outcome", "completed"))
add_ptr("schema-key-not-allowed-screen-on-end.json", "key-not-allowed", "/steps/5/screen", "schema",
        lambda f: put_after(S(f, 5), "title", "screen",
                            {"heading": "Thank you", "elements": [{"id": "receipt", "type": "text", "label": "Your permit is renewed."}]}))
add_ptr("schema-end-with-next.json", "end-with-next", "/steps/5/next", "schema",
        lambda f: put_after(S(f, 5), "outcome", "next", "sign-in"))
def one_choice(f):
    S(f, 1)["choices"] = [S(f, 1)["choices"][1]]
add_ptr("schema-few-choices.json", "few-choices", "/steps/1/choices", "schema", one_choice)

# ---------------------------------------------------------------- semantic layer
def dup_step(f):
    f["steps"].append({"id": "done", "kind": "end", "title": "Permit not renewed", "outcome": "abandoned"})
add_ptr("semantic-duplicate-id-step.json", "duplicate-id", "/steps/8/id", "semantic", dup_step)
add_ptr("semantic-duplicate-id-element.json", "duplicate-id", "/steps/0/screen/elements/1/id", "semantic",
        lambda f: S(f, 0)["screen"]["elements"][1].update(id="email"))
add_ptr("semantic-duplicate-id-failure.json", "duplicate-id", "/steps/0/failures/1/id", "semantic",
        lambda f: S(f, 0)["failures"][1].update(id="wrong-password"))
add_ptr("semantic-duplicate-id-offer.json", "duplicate-id", "/steps/5/offers/0/id", "semantic",
        lambda f: S(f, 5)["offers"][0].update(id="direct-debit"))
add_ptr("semantic-missing-reference-start.json", "missing-reference", "/start", "semantic", lambda f: f.update(start="log-in"))
add_ptr("semantic-missing-reference-next.json", "missing-reference", "/steps/2/next", "semantic",
        lambda f: S(f, 2).update(next="confirm-identiy"))
add_ptr("semantic-missing-reference-choice.json", "missing-reference", "/steps/1/choices/0/next", "semantic",
        lambda f: S(f, 1)["choices"][0].update(next="confirm-id"))
add_ptr("semantic-missing-reference-on-fail.json", "missing-reference", "/steps/3/on_fail", "semantic",
        lambda f: S(f, 3).update(on_fail="identity-fail"))
add_ptr("semantic-missing-reference-recovery.json", "missing-reference", "/steps/4/failures/0/recovery", "semantic",
        lambda f: S(f, 4)["failures"][0].update(recovery="payment"))
add_ptr("semantic-missing-reference-target.json", "missing-reference", "/steps/2/target", "semantic",
        lambda f: S(f, 2).update(target="continu"))
add_ptr("semantic-missing-reference-target-other-screen.json", "missing-reference", "/steps/2/target", "semantic",
        lambda f: S(f, 2).update(target="card-number"))
add_ptr("semantic-missing-reference-target-no-screen.json", "missing-reference", "/steps/6/target", "semantic",
        lambda f: put_after(S(f, 6), "title", "target", "continue"))
def unreachable(f):
    f["steps"].append({"id": "old-address", "kind": "info", "title": "Old address",
                       "instruction": "Tell the customer to update the address first.",
                       "why": "Permits are sent to the address on the account.", "next": "done"})
add_ptr("semantic-unreachable.json", "unreachable", "/steps/8", "semantic", unreachable)
def no_end(f):
    S(f, 1)["choices"].append({"label": "I am not sure", "next": "wait"})
    f["steps"].append({"id": "wait", "kind": "info", "title": "Wait",
                       "instruction": "Wait until the customer has found last year's permit.",
                       "why": "The permit shows which car it was for.", "next": "wait"})
add_ptr("semantic-no-end.json", "no-end", "/steps/8", "semantic", no_end)
add_ptr("semantic-recovery-loop-same-step.json", "recovery-loop", "/steps/0/failures/0", "semantic",
        lambda f: drop(S(f, 0)["failures"][0], "retry_limit"))
def loop_via(f):
    fl = S(f, 4)["failures"][0]
    drop(fl, "retry_limit"); fl["recovery"] = "choose-vehicle"
add_ptr("semantic-recovery-loop-via-steps.json", "recovery-loop", "/steps/4/failures/0", "semantic", loop_via)

# ---------------------------------------------------------------- warnings
add_ptr("warning-no-hints-screen.json", "no-hints", "/steps/0", "warning", lambda f: drop(S(f, 0), "hints"))
add_ptr("warning-no-hints-question.json", "no-hints", "/steps/1", "warning", lambda f: drop(S(f, 1), "hints"))
add_ptr("warning-no-hints-identity-check.json", "no-hints", "/steps/3", "warning", lambda f: drop(S(f, 3), "hints"))
add_ptr("warning-no-target.json", "no-target", "/steps/2", "warning", lambda f: drop(S(f, 2), "target"))
def no_system(f):
    del S(f, 0)["failures"][1]; del S(f, 4)["failures"][1]
add_ptr("warning-no-system-failure.json", "no-system-failure", "/steps", "warning", no_system)
def no_offer(f):
    drop(S(f, 4), "offers"); drop(S(f, 5), "offers")
add_ptr("warning-no-offer.json", "no-offer", "/steps", "warning", no_offer)

# ---------------------------------------------------------------- write
if os.path.isdir(BROKEN):
    shutil.rmtree(BROKEN)
os.makedirs(BROKEN)
names = [c[0] for c in cases]
assert len(names) == len(set(names)), "duplicate file names"
with open(os.path.join(CORPUS, "manifest.tsv"), "w") as m:
    for name, code, loc, layer, data in sorted(cases):
        with open(os.path.join(BROKEN, name), "wb") as fh:
            fh.write(data)
        m.write(f"{name}\t{code}\t{loc}\t{layer}\n")
print(len(cases), "cases")

# ---------------------------------------------------------------- valid files
VALID = os.path.join(CORPUS, "valid")
os.makedirs(VALID, exist_ok=True)
def write_valid(name, obj_or_text):
    data = obj_or_text if isinstance(obj_or_text, (bytes, str)) else dump(obj_or_text)
    if isinstance(data, str): data = data.encode("utf-8")
    with open(os.path.join(VALID, name), "wb") as fh: fh.write(data)

write_valid("base-no-warnings.json", base())

write_valid("minimal.json", {
  "format": "guidepost-flow/1", "id": "minimal", "version": "0.0.1", "locale": "en",
  "title": "Nothing to do", "service": {"name": "Example"}, "summary": "The smallest valid flow.",
  "goals": ["nothing"], "start": "done",
  "steps": [{"id": "done", "kind": "end", "title": "Done", "outcome": "abandoned"}]})

f = base()
f["x-reviewed-by"] = "Parking services"
f["x-meta"] = {"tags": ["parking", 2024], "draft": False, "note": None, "anything": {"goes": ["here", {"a": 1.5}]}}
f["service"]["x-contact"] = {"phone": "0300 123 4567"}
s0 = f["steps"][0]
s0["x-analytics-id"] = 17
s0["screen"]["x-layout"] = "two-columns"
s0["screen"]["elements"][0]["x-autocomplete"] = "email"
s0["talk"]["x-tone"] = ["warm", "brief"]
s0["failures"][0]["x-seen-per-week"] = 120
s0["failures"][0]["escalate"]["x-queue"] = "accounts-2"
f["steps"][1]["choices"][0]["x-analytics-label"] = "same-car"
f["steps"][4]["offers"][0]["x-campaign"] = {"code": "DD24", "until": "2025-03-31"}
f["steps"][5]["x-"] = "an x- key alone is an extension too"
write_valid("x-keys-everywhere.json", f)

# every optional key, and what the contract allows but rarely needs
f = base()
f["prerequisites"] = []
f["estimated_minutes"] = 7.5
q = f["steps"][1]
put_after(q, "why", "screen", {"heading": "Your permits", "elements": [
    {"id": "permit-list", "type": "choice", "label": "Choose a permit"},
    {"id": "logo", "type": "image", "label": "Council logo"},
    {"id": "help-link", "type": "link", "label": "Help with permits"}]})
put_after(q, "screen", "target", "permit-list")
put_after(q, "why", "talk", {})
q["estimated_seconds"] = 1e1
q["failures"] = []
q["offers"] = []
ic = f["steps"][3]
put_after(ic, "why", "screen", {"heading": "Account holder", "elements": [
    {"id": "holder", "type": "text", "label": "Permit holder: A. Customer"}]})
put_after(ic, "screen", "target", "holder")
ic["talk"] = {"familiar": "Just a quick security check, as always."}
info = f["steps"][6]
put_after(info, "title", "screen", {"heading": "Sorry", "elements": [
    {"id": "sorry-text", "type": "text", "label": "We could not renew your permit online."}]})
put_after(info, "screen", "target", "sorry-text")
info["hints"] = []
end = f["steps"][5]
end.update({"instruction": "Tell the customer the permit is renewed and a confirmation email is on its way.",
            "why": "The customer knows the permit is valid from today.",
            "talk": {"new": "That's it, the permit is renewed.", "familiar": "All done."},
            "hints": ["The confirmation email can take ten minutes."], "estimated_seconds": 15})
end["failures"] = [{"id": "no-email", "cause": "system", "symptom": "No confirmation email after an hour.",
                    "explanation": "Emails are sometimes delayed.", "recovery": "done", "retry_limit": 1,
                    "escalate": {"to": "Parking services", "priority": "low", "reason": "Confirmation email missing."}}]
f["steps"].append({"id": "gave-up", "kind": "end", "title": "Not renewed", "outcome": "abandoned",
                   "target": None})
del f["steps"][-1]["target"]
f["steps"][1]["choices"].append({"label": "I will do it another day", "next": "gave-up"})
write_valid("all-optional-keys.json", f)

# texts in other scripts: accents, Welsh letters, CJK, right-to-left, emoji as UTF-8 and as
# an escaped surrogate pair, other escapes; non-ASCII in x- keys and element ids stay ASCII
f = base()
f["locale"] = "fr-FR"
f["title"] = "Renouveler la carte de stationnement résident"
f["summary"] = "Se connecter, vérifier le véhicule et payer une année de plus. Ça prend 10 minutes ⏱."
f["goals"] = ["renouveler carte résident", "stationnement résident expiré", "adnewyddu trwydded barcio ŵ ŷ",
              "駐車許可の更新", "تجديد تصريح الوقوف"]
f["prerequisites"] = ["L’adresse e-mail et le mot de passe du compte", "Une carte bancaire — Visa ou Mastercard"]
f["steps"][0]["title"] = "Se connecter"
f["steps"][0]["why"] = "La mairie doit savoir quelle carte est la vôtre avant de la renouveler."
f["steps"][0]["hints"][0] = "C’est l’adresse à laquelle la mairie vous écrit « au sujet de la carte »."
f["steps"][1]["question"] = "La carte est-elle pour le même véhicule que l’an dernier ?"
f["steps"][4]["screen"]["elements"][1]["label"] = "Payer 60 €"
f["steps"][7]["title"] = "Transmis à un collègue"
f["x-note-für-übersetzer"] = "Zeichen: äöü ß 😀"
text = dump(f)
old = '"title": "Pay",'
assert text.count(old) == 1
text = text.replace(old, '"title": "Payer \\ud83d\\udcb3 \\u00e0 la caisse \\\\ \\"vite\\" \\/ \\t fin",')
write_valid("unicode-texts.json", text)

# nesting exactly at the limit: the root object is level 1, so 63 brackets reach level 64
text = dump(base()).replace('  "estimated_minutes": 10,\n',
                            '  "estimated_minutes": 10,\n  "x-deep": ' + "[" * 63 + "]" * 63 + ",\n")
write_valid("depth-64.json", text)

# numbers at the edges: int64 limits in x- keys, fractions and exponents where numbers are allowed
text = dump(base()).replace('  "estimated_minutes": 10,\n',
                            '  "estimated_minutes": 2.5e1,\n  "x-max": 9223372036854775807,\n'
                            '  "x-min": -9223372036854775808,\n  "x-float": -0.0,\n  "x-big-float": 1E+300,\n')
text = text.replace('"estimated_seconds": 60,', '"estimated_seconds": 0.5,')
write_valid("number-limits.json", text)

# Windows line endings and tabs between tokens are fine
write_valid("crlf-line-endings.json", dump(base()).replace("\n", "\r\n").replace('  "start"', '\t"start"'))

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The JSON Schema, a strict Python parser and `guidepost --validate` must agree on the corpus.

usage: schema-agreement.py GUIDEPOST CORPUS_DIR SCHEMA FLOWS_DIR

For each line of CORPUS_DIR/manifest.tsv (file, code, location, layer):
  syntax    a strict Python parse fails;
  schema    the parse succeeds and the schema rejects the file, with an error at the
            manifest's pointer (for unknown-key: at the object holding the key);
  semantic, warning
            the parse succeeds and the schema accepts the file;
and `GUIDEPOST --validate FILE` exits 1 (0 for warnings) and prints the manifest's location
as `FILE:LINE:COL: error:` or `FILE#/pointer: error:` (`warning:` for warnings).
Every file in CORPUS_DIR/valid and FLOWS_DIR/*.json must pass all three.
Output is TAP; the binary checks are skipped while the binary does not exist.
"""

import concurrent.futures
import json
import math
import os
import re
import subprocess
import sys

try:
    import jsonschema
    from jsonschema import Draft202012Validator
except ImportError:  # pragma: no cover - reported as a TAP bail-out
    print("Bail out! python3-jsonschema is not installed")
    sys.exit(1)

MAX_DEPTH = 64
INT64_MIN, INT64_MAX = -2**63, 2**63 - 1

CODES = {
    "syntax": {"not-utf8", "empty", "too-large", "syntax", "too-deep", "duplicate-key"},
    "schema": {"wrong-type", "unknown-key", "missing-key", "bad-value", "empty-text",
               "key-not-allowed", "end-with-next", "few-choices"},
    "semantic": {"duplicate-id", "missing-reference", "unreachable", "no-end", "recovery-loop"},
    "warning": {"no-hints", "no-target", "no-system-failure", "no-offer"},
}

# Valid files that must not draw a single warning either.
WARNING_FREE = {"base-no-warnings.json", "worked-example.json"}


class StrictError(Exception):
    pass


def strict_parse(data):
    """Parses @data (bytes) as strict RFC 8259 JSON, as the loader does; raises StrictError."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise StrictError(f"not UTF-8 at byte {e.start}")
    if text.strip(" \t\r\n") == "":
        raise StrictError("empty")

    def pairs(items):
        keys = [k for k, _ in items]
        if len(keys) != len(set(keys)):
            raise StrictError("duplicate key")
        return dict(items)

    def constant(name):
        raise StrictError(f"{name} is not JSON")

    def integer(digits):
        value = int(digits)
        if not INT64_MIN <= value <= INT64_MAX:
            raise StrictError(f"integer {digits} outside int64")
        return value

    def real(digits):
        value = float(digits)
        if math.isinf(value):
            raise StrictError(f"number {digits} out of range")
        return value

    try:
        doc = json.loads(text, object_pairs_hook=pairs, parse_constant=constant,
                         parse_int=integer, parse_float=real)
    except (ValueError, RecursionError) as e:   # JSONDecodeError is a ValueError
        raise StrictError(f"{type(e).__name__}: {e}")

    # json.loads lets lone surrogates through (\ud800) and has no depth limit of its own
    todo = [(doc, 1)]
    while todo:
        node, depth = todo.pop()
        if isinstance(node, (dict, list)):
            if depth > MAX_DEPTH:
                raise StrictError(f"nested deeper than {MAX_DEPTH}")
            children = node.items() if isinstance(node, dict) else enumerate(node)
            for key, value in children:
                if isinstance(key, str):
                    check_string(key)
                todo.append((value, depth + 1))
        elif isinstance(node, str):
            check_string(node)
    return doc


def check_string(s):
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        raise StrictError("lone surrogate in a string")


def escape_segment(segment):
    return str(segment).replace("~", "~0").replace("/", "~1")


def pointer(path):
    return "".join("/" + escape_segment(p) for p in path)


def leaf_errors(errors):
    for e in errors:
        if e.context:
            yield from leaf_errors(e.context)
        yield e


class Tap:
    def __init__(self):
        self.tests = []

    def add(self, name, func):
        self.tests.append((name, func))

    def run(self):
        print(f"1..{len(self.tests)}", flush=True)
        failed = 0
        for n, (name, func) in enumerate(self.tests, 1):
            try:
                result = func()
            except AssertionError as e:
                failed += 1
                print(f"not ok {n} - {name}")
                for line in str(e).splitlines() or ["assertion failed"]:
                    print(f"#   {line}")
            except Exception as e:  # a crash in a check is a failure, not a bail-out
                failed += 1
                print(f"not ok {n} - {name}")
                print(f"#   {type(e).__name__}: {e}")
            else:
                skip = f" # SKIP {result}" if isinstance(result, str) else ""
                print(f"ok {n} - {name}{skip}")
            sys.stdout.flush()
        if failed:
            print(f"# {failed} of {len(self.tests)} failed")
        return 1 if failed else 0


def main(argv):
    if len(argv) != 5:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    binary, corpus, schema_path, flows_dir = argv[1:]
    broken_dir = os.path.join(corpus, "broken")
    valid_dir = os.path.join(corpus, "valid")
    have_binary = os.path.isfile(binary) and os.access(binary, os.X_OK)
    skip_binary = None if have_binary else f"{binary} not built"

    with open(schema_path, encoding="utf-8") as fh:
        schema = json.load(fh)
    validator = Draft202012Validator(schema)

    manifest = []
    with open(os.path.join(corpus, "manifest.tsv"), encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if line:
                manifest.append((number, line.split("\t")))

    valid_files = sorted(os.path.join(valid_dir, n) for n in os.listdir(valid_dir)
                         if n.endswith(".json"))
    if os.path.isdir(flows_dir):
        valid_files += sorted(os.path.join(flows_dir, n) for n in os.listdir(flows_dir)
                              if n.endswith(".json"))

    # Run the binary on every file at once, in parallel: one process per file.
    runs = {}
    if have_binary:
        paths = [os.path.join(broken_dir, f[0]) for _, f in manifest if len(f) == 4]
        paths += valid_files

        def run(path):
            try:
                p = subprocess.run([binary, "--validate", path], stdin=subprocess.DEVNULL,
                                   capture_output=True, timeout=60)
            except subprocess.TimeoutExpired:
                return (None, "", "timed out after 60 s")
            return (p.returncode, p.stdout.decode("utf-8", "replace"),
                    p.stderr.decode("utf-8", "replace"))

        with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 4) as pool:
            for path, result in zip(paths, pool.map(run, paths)):
                runs[path] = result

    tap = Tap()

    def check_schema():
        Draft202012Validator.check_schema(schema)
        assert schema.get("$schema") == "https://json-schema.org/draft/2020-12/schema", \
            "$schema is not draft 2020-12"
    tap.add(f"{schema_path} is a valid draft 2020-12 schema", check_schema)

    def check_manifest():
        problems = []
        listed = []
        for number, fields in manifest:
            if len(fields) != 4:
                problems.append(f"line {number}: {len(fields)} fields, not 4")
                continue
            name, code, location, layer = fields
            listed.append(name)
            if layer not in CODES:
                problems.append(f"line {number}: unknown layer {layer!r}")
            elif code not in CODES[layer]:
                problems.append(f"line {number}: code {code!r} is not of layer {layer}")
            if layer == "syntax" and not re.fullmatch(r"[1-9][0-9]*:[1-9][0-9]*", location):
                problems.append(f"line {number}: {location!r} is not LINE:COL")
            if layer != "syntax" and not re.fullmatch(r"#(/[^/]*)*", location):
                problems.append(f"line {number}: {location!r} is not a #/json/pointer")
        on_disk = sorted(os.listdir(broken_dir))
        for name in sorted(set(on_disk) - set(listed)):
            problems.append(f"{name} is in broken/ but not in the manifest")
        for name in sorted(set(listed) - set(on_disk)):
            problems.append(f"{name} is in the manifest but not in broken/")
        for name in sorted({n for n in listed if listed.count(n) > 1}):
            problems.append(f"{name} is listed more than once")
        assert not problems, "\n".join(problems)
    tap.add("manifest.tsv lists every broken file once, with a known code and location",
            check_manifest)

    def expect_binary(path, code, location, layer):
        def check():
            if skip_binary:
                return skip_binary
            status, out, err = runs[path]
            text = out + err
            want_status = 0 if layer == "warning" else 1
            severity = "warning" if layer == "warning" else "error"
            if layer == "syntax":
                prefix = f"{path}:{location}: {severity}:"
            else:
                prefix = f"{path}{location}: {severity}:"
            lines = text.splitlines()
            problems = []
            if status != want_status:
                problems.append(f"exit status {status}, expected {want_status}")
            if not any(line.startswith(prefix) for line in lines):
                problems.append(f"no line starts with {prefix!r} ({code})")
            if problems:
                problems.append("output was:")
                problems += ["  " + line for line in lines] or ["  (nothing)"]
            assert not problems, "\n".join(problems)
        return check

    for number, fields in manifest:
        if len(fields) != 4:
            continue
        name, code, location, layer = fields
        path = os.path.join(broken_dir, name)

        def check_python(path=path, code=code, location=location, layer=layer):
            with open(path, "rb") as fh:
                data = fh.read()
            if layer == "syntax":
                try:
                    strict_parse(data)
                except StrictError:
                    return None
                raise AssertionError("a strict parse accepts it")
            try:
                doc = strict_parse(data)
            except StrictError as e:
                raise AssertionError(f"a strict parse rejects it: {e}")
            errors = list(validator.iter_errors(doc))
            if layer in ("semantic", "warning"):
                assert not errors, "the schema rejects it:\n" + "\n".join(
                    f"#{pointer(e.absolute_path)}: {e.message}" for e in errors)
                return None
            assert errors, "the schema accepts it"
            want = location[1:]
            found = {pointer(e.absolute_path) for e in leaf_errors(errors)}
            ok = want in found
            # additionalProperties reports an unknown key at the object that holds it
            if code == "unknown-key" and want.rsplit("/", 1)[0] in found:
                ok = True
            assert ok, f"no schema error at #{want}; errors at: " + ", ".join(
                "#" + p for p in sorted(found))
            return None

        what = {"syntax": "a strict parse rejects",
                "schema": f"the schema rejects ({code} at {location})",
                "semantic": "the schema accepts", "warning": "the schema accepts"}[layer]
        tap.add(f"{name}: {what}", check_python)
        tap.add(f"{name}: guidepost --validate reports {code} at {location}",
                expect_binary(path, code, location, layer))

    for path in valid_files:
        def check_valid_python(path=path):
            with open(path, "rb") as fh:
                data = fh.read()
            try:
                doc = strict_parse(data)
            except StrictError as e:
                raise AssertionError(f"a strict parse rejects it: {e}")
            errors = list(validator.iter_errors(doc))
            assert not errors, "the schema rejects it:\n" + "\n".join(
                f"#{pointer(e.absolute_path)}: {e.message}" for e in errors)

        def check_valid_binary(path=path):
            if skip_binary:
                return skip_binary
            status, out, err = runs[path]
            lines = (out + err).splitlines()
            problems = []
            if status != 0:
                problems.append(f"exit status {status}, expected 0")
            if os.path.basename(path) in WARNING_FREE:
                if any(": warning:" in line or ": error:" in line for line in lines):
                    problems.append("expected no warnings")
            elif any(": error:" in line for line in lines):
                problems.append("an error is reported")
            if problems:
                problems.append("output was:")
                problems += ["  " + line for line in lines] or ["  (nothing)"]
            assert not problems, "\n".join(problems)

        tap.add(f"{path}: strict JSON and the schema accepts it", check_valid_python)
        tap.add(f"{path}: guidepost --validate accepts it", check_valid_binary)

    # The worked example of docs/flow-format.md is tests/corpus/valid/worked-example.json.
    docs = os.path.join(corpus, os.pardir, os.pardir, "docs", "flow-format.md")
    example = os.path.join(valid_dir, "worked-example.json")
    if os.path.isfile(docs) and os.path.isfile(example):
        def check_docs():
            with open(docs, encoding="utf-8") as fh:
                blocks = re.findall(r"```json\n(.*?)```", fh.read(), re.S)
            with open(example, encoding="utf-8") as fh:
                text = fh.read()
            assert text in blocks, \
                "the worked example in docs/flow-format.md differs from valid/worked-example.json"
        tap.add("docs/flow-format.md shows valid/worked-example.json verbatim", check_docs)

    return tap.run()


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""resources/scenario.schema.json, a strict Python parser and `guidepost --validate` must
agree on the scenario corpus, as schema-agreement.py checks for flows (and with its code).

usage: scenario-schema-agreement.py GUIDEPOST CORPUS_DIR SCHEMA SCENARIOS_DIR

For each line of CORPUS_DIR/manifest.tsv (file, code, location, layer):
  syntax    a strict Python parse fails;
  schema    the schema rejects the file with an error at the manifest's pointer (for
            unknown-key: at the object holding the key);
  semantic  the schema accepts the file (references need the flow);
and `GUIDEPOST --validate FILE` exits 1 and prints the location.  Every file in
SCENARIOS_DIR must pass all three.  The binary resolves flows from the bundled library, so
XDG_DATA_HOME is pointed at an empty folder.  Output is TAP.
"""

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("flow_agreement", os.path.join(HERE, "schema-agreement.py"))
flow_agreement = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(flow_agreement)
strict_parse, StrictError = flow_agreement.strict_parse, flow_agreement.StrictError
leaf_errors, pointer, Tap = flow_agreement.leaf_errors, flow_agreement.pointer, flow_agreement.Tap
from jsonschema import Draft202012Validator  # checked by the import above

CODES = {
    "syntax": {"not-utf8", "empty", "too-large", "syntax", "too-deep", "duplicate-key"},
    "schema": {"wrong-type", "unknown-key", "missing-key", "bad-value", "empty-text", "key-not-allowed"},
    "semantic": {"duplicate-id", "missing-reference"},
}


def main(argv):
    if len(argv) != 5:
        print(__doc__.strip().splitlines()[3], file=sys.stderr)
        return 2
    binary, corpus, schema_path, scenarios_dir = argv[1:]
    broken_dir = os.path.join(corpus, "broken")
    with open(schema_path, encoding="utf-8") as fh:
        schema = json.load(fh)
    validator = Draft202012Validator(schema)

    manifest = []
    with open(os.path.join(corpus, "manifest.tsv"), encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if line.strip():
                manifest.append((number, line.rstrip("\n").split("\t")))
    valid_files = sorted(os.path.join(scenarios_dir, n) for n in os.listdir(scenarios_dir)
                         if n.endswith(".json"))

    data_home = tempfile.mkdtemp(prefix="guidepost-scenario-agreement-")
    env = dict(os.environ, XDG_DATA_HOME=data_home)

    def run(path):
        p = subprocess.run([binary, "--validate", path], stdin=subprocess.DEVNULL,
                           capture_output=True, timeout=60, env=env)
        return p.returncode, (p.stdout + p.stderr).decode("utf-8", "replace").splitlines()

    tap = Tap()

    def check_schema():
        Draft202012Validator.check_schema(schema)
        assert schema.get("$schema") == "https://json-schema.org/draft/2020-12/schema"
    tap.add(f"{schema_path} is a valid draft 2020-12 schema", check_schema)

    def check_manifest():
        problems = []
        listed = [f[0] for _, f in manifest if len(f) == 4]
        for number, fields in manifest:
            if len(fields) != 4:
                problems.append(f"line {number}: {len(fields)} fields, not 4")
            elif fields[1] not in CODES.get(fields[3], ()):
                problems.append(f"line {number}: code {fields[1]!r} is not of layer {fields[3]!r}")
        if sorted(listed) != sorted(os.listdir(broken_dir)):
            problems.append("broken/ and the manifest list different files")
        if len(listed) < 20:
            problems.append(f"only {len(listed)} cases")
        assert not problems, "\n".join(problems)
    tap.add("manifest.tsv lists every broken file once, with a known code", check_manifest)

    for _, fields in manifest:
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
            doc = strict_parse(data)
            errors = list(validator.iter_errors(doc))
            if layer == "semantic":
                assert not errors, "the schema rejects it:\n" + "\n".join(
                    f"#{pointer(e.absolute_path)}: {e.message}" for e in errors)
                return None
            want = location[1:]
            found = {pointer(e.absolute_path) for e in leaf_errors(errors)}
            ok = want in found or (code == "unknown-key" and want.rsplit("/", 1)[0] in found)
            assert ok, f"no schema error at #{want}; errors at: " + ", ".join("#" + p for p in sorted(found))
            return None

        def check_binary(path=path, location=location, layer=layer):
            status, lines = run(path)
            prefix = f"{path}:{location}: error:" if layer == "syntax" else f"{path}{location}: error:"
            assert status == 1, f"exit status {status}, expected 1:\n" + "\n".join(lines)
            assert any(line.startswith(prefix) for line in lines), \
                f"no line starts with {prefix!r}:\n" + "\n".join(lines)

        tap.add(f"{name}: the schema and a strict parse agree ({layer})", check_python)
        tap.add(f"{name}: guidepost --validate reports {code} at {location}", check_binary)

    for path in valid_files:
        def check_valid(path=path):
            with open(path, "rb") as fh:
                doc = strict_parse(fh.read())
            errors = list(validator.iter_errors(doc))
            assert not errors, "\n".join(f"#{pointer(e.absolute_path)}: {e.message}" for e in errors)
            status, lines = run(path)
            assert status == 0 and not any(": error:" in l or ": warning:" in l for l in lines), \
                f"exit status {status}:\n" + "\n".join(lines)
        tap.add(f"{path}: the schema and guidepost --validate accept it", check_valid)

    # The complete example in docs/scenario-format.md is the bundled scenario, verbatim.
    docs = os.path.join(HERE, os.pardir, "docs", "scenario-format.md")
    example = os.path.join(scenarios_dir, "locked-out-code-missing.json")

    def check_docs():
        import re
        with open(docs, encoding="utf-8") as fh:
            blocks = re.findall(r"```json\n(.*?)```", fh.read(), re.S)
        with open(example, encoding="utf-8") as fh:
            assert fh.read() in blocks, "docs/scenario-format.md's example differs from " + example
    tap.add("docs/scenario-format.md shows locked-out-code-missing.json verbatim", check_docs)

    status = tap.run()
    shutil.rmtree(data_home, ignore_errors=True)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))

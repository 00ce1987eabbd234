#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every source file with a translatable string is in po/POTFILES.in, and every file
listed there exists: a string in a file left out would never reach translators.

Usage: potfiles-complete.py SOURCE_ROOT (prints TAP)."""
import pathlib
import re
import sys

MARKED_C = re.compile(r'\b(?:_|N_|C_|NC_|g_dngettext|ngettext)\s*\(')
MARKED_UI = re.compile(r'translatable="yes"')


def main():
    root = pathlib.Path(sys.argv[1])
    listed = [line.strip() for line in (root / 'po' / 'POTFILES.in').read_text().splitlines()
              if line.strip() and not line.startswith('#')]
    marked = []
    for path in sorted(root.glob('app/**/*.c')) + sorted(root.glob('app/*.c')):
        if MARKED_C.search(path.read_text()):
            marked.append(path.relative_to(root).as_posix())
    for path in sorted(root.glob('resources/**/*.ui')) + sorted(root.glob('resources/*.in')) + \
            sorted(root.glob('resources/*.xml')):
        if MARKED_UI.search(path.read_text()):
            marked.append(path.relative_to(root).as_posix())
    marked = sorted(set(marked))

    print('1..2')
    missing = [name for name in marked if name not in listed]
    print(('ok' if not missing else 'not ok') + ' 1 - files with translatable strings are listed')
    for name in missing:
        print(f'# {name} has translatable strings but is not in po/POTFILES.in')
    gone = [name for name in listed if not (root / name).exists()]
    print(('ok' if not gone else 'not ok') + ' 2 - every listed file exists')
    for name in gone:
        print(f'# po/POTFILES.in lists {name}, which does not exist')
    return 1 if missing or gone else 0


if __name__ == '__main__':
    sys.exit(main())

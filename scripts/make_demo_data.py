#!/usr/bin/env python3
"""Write the demo's served files to a folder, to look at what the generator makes of them.

Nothing reads this output: DemoServer and DemoTransport build the same files in memory when they
start. The articles are in `src/newsreader_tui/demo/articles/*.toml`, the feeds in
`src/newsreader_tui/demo/manifest.toml`, the writers in `newsreader_tui.demo.generate`; links to
the server keep the manifest's base token. The output is deterministic.

    python scripts/make_demo_data.py --out DIR
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from newsreader_tui.demo.routes import built_files

MARKER = "README.txt"
MARKER_TEXT = (
    "The newsreader-tui demo's served files, written by scripts/make_demo_data.py for a look.\n"
    "Nothing reads them: edit src/newsreader_tui/demo/manifest.toml or articles/*.toml instead.\n"
)


def write(files: Mapping[str, bytes], out: Path) -> None:
    """Write `files` under `out`, removing files a previous run left there that are gone now.

    Cleaning happens only in a directory this script made (it holds MARKER), never elsewhere.
    """
    if out.exists() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise SystemExit(f"{out} is not empty and was not made by this script; not touching it")
    wanted = {**files, MARKER: MARKER_TEXT.encode()}
    if out.exists():
        for path in sorted(out.rglob("*"), reverse=True):
            relative = path.relative_to(out).as_posix()
            if path.is_file() and relative not in wanted:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    for relative, data in sorted(wanted.items()):
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.is_file() or target.read_bytes() != data:
            target.write_bytes(data)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, required=True, help="output directory")
    args = parser.parse_args(argv)
    files = built_files()
    write(files, args.out)
    total = sum(len(data) for data in files.values())
    print(f"wrote {len(files)} files, {total / 1024:.0f} KiB, to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

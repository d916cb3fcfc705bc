"""Shared helpers of the hostile-input suite: the CLI in-process, the corpus and its
expectations, and the generators of inputs too big to commit.

`benchmarks/hostile_bench.py` imports this module too, so that the benchmark measures
exactly the cases the tests check.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).parent / "corpus"
#: the models helper's golden corpus of broken inputs, counted (not copied) here
LOAD_CASES = ROOT / "tests" / "load" / "cases"
#: files the code-running payloads in the corpus would create (`touch ...-<suffix>`)
SIDE_EFFECT_PREFIX = "/tmp/archgen-hostile-side-effect"


@dataclass(frozen=True)
class Outcome:
    """What one CLI run did: its exit code and what it printed."""

    code: int
    stdout: str
    stderr: str


def run_in_process(*args: str, cwd: Path = ROOT) -> Outcome:
    """Run `archgen.cli.main` (the console entry point) in this process.

    Much faster than a subprocess, same code path. Any exception other than
    `SystemExit` propagates: for a user, it would have been a traceback.
    """
    from archgen.cli import main

    out, err = io.StringIO(), io.StringIO()
    argv, here = sys.argv, Path.cwd()
    code = 0
    try:
        os.chdir(cwd)
        sys.argv = ["archgen", *args]
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main()
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else 1
    finally:
        sys.argv = argv
        os.chdir(here)
    return Outcome(code, out.getvalue(), err.getvalue())


# --- the committed corpus ----------------------------------------------------------------


def corpus_names() -> list[str]:
    """Every committed case (files named ``*-parent.yaml`` are parents of extends cases)."""
    return sorted(p.stem for p in CORPUS.glob("*.yaml") if not p.stem.endswith("-parent"))


def load_case_names() -> list[str]:
    """The models helper's cases in `tests/load/cases` (run by its own test)."""
    return sorted(p.stem for p in LOAD_CASES.glob("*.yaml") if not p.stem.endswith("-parent"))


@dataclass(frozen=True)
class Expected:
    """A case's `.expected` file: the exit code, the exact stderr lines, and lines that
    stdout must contain (``stdout: ...``)."""

    code: int
    stderr: tuple[str, ...]
    stdout_contains: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> Expected:
        """Read the format written by `dump`."""
        lines = text.splitlines()
        head, rest = lines[0], lines[1:]
        assert head.startswith("exit: "), f"first line must be 'exit: N', not {head!r}"
        stdout = tuple(
            line.removeprefix("stdout: ") for line in rest if line.startswith("stdout: ")
        )
        stderr = tuple(line for line in rest if not line.startswith("stdout: "))
        return cls(int(head.removeprefix("exit: ")), stderr, stdout)

    def dump(self) -> str:
        """The text of an `.expected` file."""
        lines = [f"exit: {self.code}", *self.stderr]
        lines += [f"stdout: {line}" for line in self.stdout_contains]
        return "\n".join(lines) + "\n"


def corpus_args(name: str) -> list[str]:
    """The command a corpus case runs: validate it, never failing on findings alone."""
    return ["validate", "--fail-on", "never", f"tests/hostile/corpus/{name}.yaml"]


# --- generated inputs (too big or too odd to commit) ----------------------------------

#: a small valid model that the generators build on
BASE = "archgen: 1\nname: hostile\n"


def _write(path: Path, data: bytes | str) -> Path:
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def fifty_megabytes(folder: Path) -> Path:
    """A 50 MB file of valid-looking YAML (a huge summary)."""
    path = folder / "fifty-megabytes.yaml"
    with path.open("wb") as stream:
        stream.write(b"archgen: 1\nname: hostile\nsummary: >-\n")
        line = b"  " + b"lorem ipsum dolor sit amet " * 3 + b"\n"
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            stream.write(line)
    return path


def deep_flow_nesting(folder: Path) -> Path:
    """10,000 nested ``[`` lists."""
    return _write(folder / "deep-flow.yaml", BASE + "summary: " + "[" * 10_000 + "]" * 10_000)


def deep_block_nesting(folder: Path) -> Path:
    """10,000 nested block lists on one line (``- - - ...``)."""
    return _write(folder / "deep-block.yaml", BASE + "components:\n" + "- " * 10_000 + "x\n")


def deep_mapping_nesting(folder: Path) -> Path:
    """10,000 nested ``{a: ...}`` mappings."""
    return _write(
        folder / "deep-mapping.yaml", BASE + "summary: " + "{a: " * 10_000 + "b" + "}" * 10_000
    )


def billion_laughs(folder: Path) -> Path:
    """The classic: ten levels of ten aliases each (10^10 strings if expanded)."""
    lines = [BASE.rstrip("\n"), "summary: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, 10):
        refs = ", ".join([f"*a{level - 1}"] * 10)
        lines.append(f"title{level}: &a{level} [{refs}]")
    lines.append("components: *a9")
    return _write(folder / "billion-laughs.yaml", "\n".join(lines) + "\n")


def quadratic_aliases(folder: Path) -> Path:
    """One anchor of 5,000 items referenced 5,000 times (25 million if expanded)."""
    items = ", ".join(["x"] * 5000)
    refs = ", ".join(["*big"] * 5000)
    text = BASE + f"title: &big [{items}]\ncomponents: [{refs}]\n"
    return _write(folder / "quadratic-aliases.yaml", text)


def long_id(folder: Path) -> Path:
    """A component id of 10,000 characters."""
    return _write(
        folder / "long-id.yaml", BASE + f"components:\n  - {{id: {'a' * 10_000}, kind: compute}}\n"
    )


def long_key(folder: Path) -> Path:
    """A key of 10,000 characters (libyaml allows 1,024 for a plain key)."""
    return _write(folder / "long-key.yaml", BASE + f"{'k' * 10_000}: 1\n")


def long_line(folder: Path) -> Path:
    """A summary of 1,000,000 characters on one line (beyond the 4,000 allowed)."""
    return _write(folder / "long-line.yaml", BASE + "summary: " + "word " * 200_000 + "\n")


def late_nul(folder: Path) -> Path:
    """Valid text for 10 KB, then a NUL byte (past the binary sniffing window)."""
    padding = "".join(f"# comment line {i:05d} padding padding padding\n" for i in range(250))
    return _write(folder / "late-nul.yaml", (BASE + padding + "title: a\x00b\n").encode())


def many_problems(folder: Path) -> Path:
    """2,000 connections between undeclared components: 4,000 located problems."""
    lines = [BASE + "components:", "  - {id: web, kind: compute}", "connections:"]
    lines += [f"  - {{from: a{i}, to: b{i}}}" for i in range(2000)]
    return _write(folder / "many-problems.yaml", "\n".join(lines) + "\n")


def deep_extends_chain(folder: Path) -> Path:
    """A chain of 40 models, each extending the next (the limit is 32)."""
    for index in range(40):
        parent = f"extends: chain-{index + 1}.yaml\n" if index < 39 else ""
        _write(folder / f"chain-{index}.yaml", f"archgen: 1\nname: chain-{index}\n{parent}")
    return folder / "chain-0.yaml"


def _child_of(folder: Path, parent: str, name: str) -> Path:
    return _write(folder / name, BASE + f"extends: {parent}\n")


def parent_is_a_directory(folder: Path) -> Path:
    """`extends` names a folder that stands where the parent file should be."""
    (folder / "parent.yaml").mkdir()
    return _child_of(folder, "parent.yaml", "child-of-directory.yaml")


def parent_is_a_fifo(folder: Path) -> Path:
    """`extends` names a FIFO: opening it would wait for a writer forever."""
    os.mkfifo(folder / "parent.yaml")
    return _child_of(folder, "parent.yaml", "child-of-fifo.yaml")


def parent_is_a_symlink_loop(folder: Path) -> Path:
    """`extends` names a symbolic link that points at itself."""
    (folder / "parent.yaml").symlink_to("parent.yaml")
    return _child_of(folder, "parent.yaml", "child-of-loop.yaml")


def parent_is_a_dangling_symlink(folder: Path) -> Path:
    """`extends` names a symbolic link to nothing."""
    (folder / "parent.yaml").symlink_to("nowhere.yaml")
    return _child_of(folder, "parent.yaml", "child-of-dangling-link.yaml")


def parent_name_with_newline(folder: Path) -> Path:
    """`extends` names a broken file whose name holds a newline and a fake message."""
    _write(folder / "a\nforged.yaml:1:1: forged message", "archgen: 1\nname: [x\n")
    return _write(
        folder / "child-of-newline.yaml",
        BASE + 'extends: "a\\nforged.yaml:1:1: forged message"\n',
    )


def model_is_a_fifo(folder: Path) -> Path:
    """The model path itself is a FIFO (``archgen validate fifo``)."""
    os.mkfifo(folder / "model.yaml")
    return folder / "model.yaml"


#: a file outside the project that `extends` must never read, nor quote
SECRET = "root:x:0:0:SECRET-HASH:/root:/bin/bash\n"


def _outside(folder: Path, extends: str) -> Path:
    """`project/x.yaml` extending `extends`, next to `secret` outside `project/` (the
    root: no git work tree holds it, so it is the folder of the model)."""
    _write(folder / "secret", SECRET)
    (folder / "project").mkdir()
    return _child_of(folder / "project", extends, "x.yaml")


def extends_outside_the_root(folder: Path) -> Path:
    """`extends: ../secret`: a file beside the project."""
    return _outside(folder, "../secret")


def extends_a_link_out_of_the_root(folder: Path) -> Path:
    """`extends: base.yaml`, a symbolic link in the project to a file outside it."""
    path = _outside(folder, "base.yaml")
    (folder / "project" / "base.yaml").symlink_to(folder / "secret")
    return path


def extends_a_non_model_in_the_root(folder: Path) -> Path:
    """`extends: notes.yaml`, a YAML file of secrets that is no archgen model."""
    _write(folder / "notes.yaml", "password: SECRET-1\ntoken: SECRET-2\n")
    return _child_of(folder, "notes.yaml", "x.yaml")


def duplicate_keys(folder: Path, count: int = 20_000) -> Path:
    """`count` duplicate keys in one mapping: 100 are shown, then one line for the rest."""
    text = BASE + "regions:\n  - name: eu-west-1\n" + "    zones: []\n" * (count + 1)
    return _write(folder / "duplicate-keys.yaml", text)


def duplicate_keys_120000(folder: Path) -> Path:
    """The reviewer's case: 120,000 duplicate keys (once 120,000 lines of messages)."""
    return duplicate_keys(folder, 120_000)


def duplicate_ids(folder: Path) -> Path:
    """5,000 components with the same id."""
    text = BASE + "components:\n" + "  - {id: web, kind: compute}\n" * 5_000
    return _write(folder / "duplicate-ids.yaml", text)


def too_many_values(folder: Path) -> Path:
    """A list of 1,400,000 one-letter values (2.8 MB): more values than one file may hold."""
    return _write(folder / "too-many-values.yaml", BASE + "summary: [" + "a," * 1_400_000 + "]\n")


def _components(model: int, count: int) -> str:
    return "".join(
        f"  - {{id: m{model:03d}-c{i:04d}, kind: compute, label: Service {i}, instances: 2}}\n"
        for i in range(count)
    )


def models_extending_each_other(
    folder: Path, models: int = 100, each: int = 220, depth: int = 32
) -> list[Path]:
    """`models` models in chains of `depth` (the deepest allowed), each extending the one
    before and adding `each` components, all named on the command line (100 x 220:
    1.5 MB). Before the run was bounded, each model parsed and kept its whole chain
    again: 1.5 MB of models read as 24 MB."""
    paths = []
    for index in range(models):
        parent = f"extends: m{index - 1:03d}.yaml\n" if index % depth else ""
        text = f"archgen: 1\nname: m{index:03d}\n{parent}components:\n"
        paths.append(_write(folder / f"m{index:03d}.yaml", text + _components(index, each)))
    return paths


def deep_chain_of_big_models(folder: Path, levels: int = 31, each: int = 16_000) -> Path:
    """A chain of `levels` models, each extending the next and adding `each` components:
    within every per-file limit (31 x 16,000: 1.1 MB each, 35 MB in all). Returns the
    model at the bottom, the only one named on the command line."""
    for index in range(levels):
        parent = f"extends: c{index + 1:02d}.yaml\n" if index + 1 < levels else ""
        text = f"archgen: 1\nname: c{index:02d}\n{parent}components:\n"
        _write(folder / f"c{index:02d}.yaml", text + _components(index, each))
    return folder / "c00.yaml"


def chain_over_the_run_limit(folder: Path) -> Path:
    """The test-sized `deep_chain_of_big_models`: 32 models of 700 components (1.6 MB);
    the values each inherits pass the run's limit before the top of the chain."""
    return deep_chain_of_big_models(folder, levels=32, each=700)


Generated = Path | list[Path]
Generator = Callable[[Path], Generated]


def validate_args(folder: Path, generated: Generated) -> list[str]:
    """`archgen validate` of what a generator made in `folder` (the command's folder)."""
    paths = generated if isinstance(generated, list) else [generated]
    return ["validate", *(str(path.relative_to(folder)) for path in paths)]


#: name -> (generator, the message the one located problem must contain)
GENERATED: dict[str, tuple[Generator, str]] = {
    "fifty-megabytes": (fifty_megabytes, "the limit is 5,242,880"),
    "deep-flow-nesting": (deep_flow_nesting, "exceeded maximum nesting depth"),
    "deep-block-nesting": (deep_block_nesting, "nesting deeper than 64 levels"),
    "deep-mapping-nesting": (deep_mapping_nesting, "nesting deeper than 64 levels"),
    "billion-laughs": (billion_laughs, "alias bomb"),
    "quadratic-aliases": (quadratic_aliases, "alias bomb"),
    "long-id": (long_id, "is not a valid id or name"),
    "long-key": (long_key, "could not find expected ':'"),
    "long-line": (long_line, "longer than 4000 characters"),
    "late-nul": (late_nul, "character U+0000 is not allowed"),
    "many-problems": (many_problems, "unknown component"),
    "deep-extends-chain": (deep_extends_chain, "extends chain deeper than 32"),
    "parent-is-a-directory": (parent_is_a_directory, "is a directory"),
    "parent-is-a-fifo": (parent_is_a_fifo, "not a regular file"),
    "parent-is-a-symlink-loop": (parent_is_a_symlink_loop, "Too many levels of symbolic links"),
    "parent-is-a-dangling-symlink": (parent_is_a_dangling_symlink, "no such file"),
    "model-is-a-fifo": (model_is_a_fifo, "not a regular file"),
    "parent-name-with-newline": (parent_name_with_newline, "a\\nforged.yaml:1:1: forged"),
}

#: the project root, the run's limits and the caps on problem lists
GENERATED.update(
    {
        "extends-outside-the-root": (extends_outside_the_root, "outside the project root"),
        "extends-a-link-out-of-the-root": (
            extends_a_link_out_of_the_root,
            "outside the project root",
        ),
        "extends-a-non-model-in-the-root": (
            extends_a_non_model_in_the_root,
            "not an archgen model (no 'archgen:' key)",
        ),
        "duplicate-keys": (duplicate_keys, "...and 19,900 more duplicate keys (not shown)"),
        "duplicate-ids": (duplicate_ids, "...and 4,899 more component ids (not shown)"),
        "chain-over-the-run-limit": (chain_over_the_run_limit, "the limit for one run"),
    }
)


def dangling_among_many(folder: Path) -> Path:
    """1,000 components and 1,000 connections to undeclared ones: each problem could
    look for a "did you mean" among all the ids."""
    lines = [BASE + "components:"]
    lines += [f"  - {{id: comp-{i}, kind: compute}}" for i in range(1000)]
    lines += ["connections:"] + [f"  - {{from: comp-{i}, to: xomp-{i}}}" for i in range(1000)]
    return _write(folder / "dangling-among-many.yaml", "\n".join(lines) + "\n")


def remove_among_many(folder: Path) -> Path:
    """A model that removes 500 components its parent (500 components) does not have:
    the same "did you mean" search per name, through `extends`."""
    parent = [f"  - {{id: comp-{i}, kind: compute}}" for i in range(500)]
    _write(folder / "parent.yaml", "archgen: 1\nname: parent\ncomponents:\n" + "\n".join(parent))
    names = ", ".join(f"xomp-{i}" for i in range(500))
    text = BASE + f"extends: parent.yaml\nremove:\n  components: [{names}]\n"
    return _write(folder / "remove-among-many.yaml", text)


#: big, broken models: once 15.7 s and 3.9 s (a "did you mean" search for every unknown
#: name among all names); now at most 100 problems and 20 searches per model
GENERATED.update(
    {
        "dangling-among-many": (dangling_among_many, "stopped after 100 problems"),
        "remove-among-many": (remove_among_many, "cannot remove"),
    }
)

#: inputs measured by `benchmarks/hostile_bench.py` but too big for the test run. Before
#: runs were bounded, the first two took 43 s of CPU and 1.4 GB, and 86 s and 2.1 GB
#: (the reviewer's versions: 162 s and 10 GB, 2.4 GB); each now stops at the run's limit
BENCH_ONLY: dict[str, tuple[Generator, str]] = {
    "models-extending-each-other": (models_extending_each_other, "the limit for one run"),
    "deep-chain-of-big-models": (deep_chain_of_big_models, "the limit for one run"),
    "duplicate-keys-120000": (duplicate_keys_120000, "119,900 more duplicate keys"),
    "too-many-values": (too_many_values, "the file holds more than 1,310,720 values"),
}


@contextlib.contextmanager
def no_side_effects() -> Iterator[None]:
    """Fail if anything created a file named like the corpus's payloads."""
    folder = Path(SIDE_EFFECT_PREFIX).parent
    stem = Path(SIDE_EFFECT_PREFIX).name
    for stale in folder.glob(f"{stem}*"):
        stale.unlink()
    yield
    created = sorted(str(p) for p in folder.glob(f"{stem}*"))
    assert created == [], f"a payload in the corpus ran: {created}"

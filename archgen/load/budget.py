"""The limits of one run as a whole: bytes read and values loaded, over every model.

Each file is bounded by `archgen.load.yaml_reader` (`MAX_BYTES`, `MAX_NODES`). A run
reads many files, and a model holds what it inherits through `extends` as well as its
own values: a hundred models that extend each other, each small, add up to a hundred
large models to check. So a run also counts

- the bytes of every file it reads (each file is read once per run), and
- the values of every model it resolves: a file's own values, plus, for a model that
  extends another, the values it inherits (checking it walks them again),

and stops, with a located `RunLimitError`, at the file where either runs out.
"""

from __future__ import annotations

from typing import NoReturn

from archgen.load.problems import Problem, RunLimitError
from archgen.load.yaml_reader import MAX_NODES, Document, parse_document

#: bytes of model files one run reads: a dozen files at the largest size allowed
MAX_RUN_BYTES = 64 * 1024 * 1024
#: values one run loads (inherited values counted again in each model that inherits
#: them): two files at the largest size allowed, about 700 MB of memory; the nine
#: models of a journey whose last stage has 7,600 components need about 1.2 million
MAX_RUN_VALUES = 2 * MAX_NODES

_ADVICE = "check fewer models at once"


class RunBudget:
    """What one run has read and loaded so far, against `MAX_RUN_BYTES` and
    `MAX_RUN_VALUES`."""

    def __init__(self, max_bytes: int = MAX_RUN_BYTES, max_values: int = MAX_RUN_VALUES) -> None:
        self.max_bytes = max_bytes
        self.max_values = max_values
        self.bytes = 0
        self.values = 0
        #: the refusal that ended the run, if one did: every later load repeats it
        self.spent: RunLimitError | None = None

    def parse(self, raw: bytes, name: str) -> Document:
        """Count `raw` and parse it with the room for values the run has left."""
        self.check()
        self.bytes += len(raw)
        if self.bytes > self.max_bytes:
            message = (
                f"the models of this run add up to more than {self.max_bytes:,} bytes, "
                f"the limit for one run: {_ADVICE}"
            )
            self._stop(Problem(name, 1, 1, message))
        try:
            document = parse_document(raw, name, self.max_values - self.values)
        except RunLimitError as error:
            where = error.problems[-1]
            self._stop(where._replace(message=self._values_message()))
        self.values += document.size
        return document

    def inherit(self, document: Document, inherited: int) -> None:
        """Count the `inherited` values of the model `document` extends; refused at its
        `extends`."""
        self.check()
        self.values += inherited
        if self.values > self.max_values:
            self._stop(document.problem(("extends",), self._values_message()))

    def _values_message(self) -> str:
        return (
            f"the models of this run hold more than {self.max_values:,} values, counting "
            f"what each inherits through 'extends': the limit for one run; {_ADVICE}"
        )

    def check(self) -> None:
        """Raise the refusal that ended the run, if one did."""
        if self.spent is not None:
            raise self.spent

    def _stop(self, problem: Problem) -> NoReturn:
        self.spent = RunLimitError([problem])
        raise self.spent

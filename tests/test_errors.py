"""Errors carry their file and reason, also out of a worker process (builds run on all cores)."""
from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor

import pytest

from tracker.errors import DictionaryError, InputError


def _fail(kind):
    raise kind("data/patterns/en.csv", "line 7: 5 fields for 4 columns")


@pytest.mark.parametrize("kind", [DictionaryError, InputError])
def test_an_error_raised_in_a_worker_reaches_the_build_with_its_file_and_reason(kind):
    with ProcessPoolExecutor(max_workers=1) as pool:
        with pytest.raises(kind) as info:
            pool.submit(_fail, kind).result()
    assert info.value.path == "data/patterns/en.csv" and info.value.reason.startswith("line 7")
    assert str(info.value) == "data/patterns/en.csv: line 7: 5 fields for 4 columns"

"""Writers let loose at the same moment, for the tests of races between them."""

from __future__ import annotations

import threading
from collections.abc import Callable


def race(*writers: Callable[[], object]) -> list[BaseException]:
    """Run every writer on its own thread, all released at once; what each raised, if any."""
    start = threading.Barrier(len(writers))
    failures: list[BaseException] = []

    def run(writer: Callable[[], object]) -> None:
        start.wait()
        try:
            writer()
        except BaseException as error:  # sorted out by the test
            failures.append(error)

    threads = [threading.Thread(target=run, args=(w,)) for w in writers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return failures

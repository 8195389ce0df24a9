"""A producer in a thread of its own, a bounded step ahead of its consumer.

The importer reads and parses a file (the producer) while it locates and writes the chunk before (the
consumer, whose writes the database does in its own process): see sn.incidents.importing. Reading and
parsing are mostly Arrow's C++ work and the database's wait is outside the GIL, so the two overlap on
separate cores instead of taking turns.
"""

import queue
import threading
from collections.abc import Iterator
from typing import Generic, TypeVar

T = TypeVar("T")
_END = object()
_POLL_SECONDS = 0.1


class ReadAhead(Generic[T]):
    """Iterates `items` in a worker thread, at most `depth` items ahead of the consumer, so memory holds
    depth + 2 items whatever the length (one being made, those queued, one being used). An exception
    in the producer is raised in the consumer where its item would have come. Leaving the block stops
    the producer after the item it is making and waits for it, so nothing reads a file once it is
    closed."""

    def __init__(self, items: Iterator[T], depth: int = 1, name: str = "read-ahead"):
        self.items = items
        self.queue: queue.Queue = queue.Queue(maxsize=depth)
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._produce, name=name, daemon=True)

    def __enter__(self) -> "ReadAhead[T]":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stopping.set()
        self.thread.join()

    def _put(self, entry: tuple) -> bool:
        # A consumer that has left takes nothing more: the producer must not wait on a full queue.
        while not self.stopping.is_set():
            try:
                self.queue.put(entry, timeout=_POLL_SECONDS)
                return True
            except queue.Full:
                continue
        return False

    def _produce(self) -> None:
        try:
            for item in self.items:
                if not self._put((item, None)):
                    return
            self._put((_END, None))
        except BaseException as error:  # raised again in the consumer
            self._put((None, error))
        finally:
            close = getattr(self.items, "close", None)
            if close:
                close()  # a generator's own clean-up runs here, in the thread that ran it

    def __iter__(self) -> Iterator[T]:
        while True:
            item, error = self.queue.get()
            if error is not None:
                raise error
            if item is _END:
                return
            yield item

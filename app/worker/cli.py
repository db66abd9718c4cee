"""The worker process behind ``flask search worker``: one thread per queue until stopped."""

from __future__ import annotations

import signal
import threading
from types import FrameType

import click
from flask import Flask

from .background import BackgroundLoop
from .steps import WORKER_STEPS


def run_worker(app: Flask, interval: float, queues: tuple[str, ...] = tuple(WORKER_STEPS)) -> None:
    """Drain ``queues`` until SIGINT or SIGTERM. Safe to run as several processes, and to kill at
    any moment: claimed work whose worker vanished is taken up again when its lease expires."""
    stop = threading.Event()

    def request_stop(_signum: int, _frame: FrameType | None) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    loops = [BackgroundLoop(app, name, WORKER_STEPS[name], interval) for name in queues]
    try:
        for loop in loops:
            loop.ensure_started()
        click.echo(f"Worker started ({', '.join(queues)}); Ctrl-C or SIGTERM stops it.")
        stop.wait()
    finally:
        for loop in loops:
            loop.stop(timeout=30)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    click.echo("Worker stopped.")

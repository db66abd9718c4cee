"""The app as the load test serves it: the settings from the environment, rate limits off.

The limits would answer 429 to a load generator from one address; they are measured by their
own tests, not here. Background threads are off: the queues (search outbox, mail, jobs) are not
part of the pages' cost, and rows written by the mix's replies simply wait.
"""

from __future__ import annotations

from app import create_app

app = create_app({"RATELIMIT_ENABLED": False, "BACKGROUND_WORKER": False, "SEARCH_AUTO_SYNC": False})

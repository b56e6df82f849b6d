"""One demo key for the whole test session, so every test that needs the demo opens the same cached build.

Why: building the demo imports 4½ years of declaraties (about 40 s on CI);
the demo cache keeps a build per key, so a test module that picks its own key
("c" * 32, "s" * 32, …) pays for a full build of its own. Use ``cached_demo()``
(a fresh, detached Project each call, so tests may change it) unless the test
is about keys or pseudonyms themselves.
"""
from __future__ import annotations

DEMO_KEY_HEX = "d1" * 32          # what tests/conftest.py writes as the demo's key file in every app-data folder
DEMO_SECRET = bytes.fromhex(DEMO_KEY_HEX)


def cached_demo():
    """The demo project built with the session key (tests/conftest.py points the cache at one session folder)."""
    from wijkkompas.core.demo import build_demo_project

    return build_demo_project(secret=DEMO_SECRET)

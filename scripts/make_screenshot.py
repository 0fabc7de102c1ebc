"""Save docs/screenshot.svg: the demo session after "the vocal is too low" and "go"."""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


async def main() -> None:
    os.environ["MOOZIX_HOME"] = tempfile.mkdtemp()
    from moozix_tui.app import MoozixApp
    from moozix_tui.engine import Engine

    app = MoozixApp(Engine.new(demo=True))
    async with app.run_test(size=(120, 40)) as pilot:
        for text in ("the vocal is too low", "go"):
            for _ in range(600):
                await pilot.pause(0.05)
                if not app.engine.busy:
                    break
            app.query_one("#prompt").value = text
            await pilot.press("enter")
        for _ in range(600):
            await pilot.pause(0.05)
            if not app.engine.busy:
                break
        await pilot.pause(0.3)
        app.save_screenshot(str(ROOT / "docs" / "screenshot.svg"))


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))

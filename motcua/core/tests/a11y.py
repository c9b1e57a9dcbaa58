"""axe-core in the browser tests: serious and critical violations are collected per page, then reported
together, so one run names every page that needs work."""

from __future__ import annotations

import json
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe

BLOCKING = ("serious", "critical")


class A11y:
    def __init__(self, page, artifacts: Path | None = None):
        """`page` is checked unless check() is given another tab; results go to `artifacts` (by default
        the page's own artifacts folder, see the root conftest)."""
        self.page = page
        self.artifacts = artifacts or page.artifacts
        self.axe = Axe()
        self.found: dict[str, list] = {}
        self.checked: list[str] = []

    def check(self, name: str, tab=None) -> None:
        tab = tab or self.page
        violations = self.axe.run(tab).response["violations"]
        (self.artifacts / f"axe-{name}.json").write_text(json.dumps(violations, ensure_ascii=False, indent=1))
        self.checked.append(name)
        blocking = [v for v in violations if v["impact"] in BLOCKING]
        if blocking:
            self.found[f"{name} ({tab.url})"] = blocking

    def report(self) -> str:
        lines = []
        for where, violations in self.found.items():
            lines.append(f"== {where}")
            for v in violations:
                lines.append(f"  {v['id']} [{v['impact']}] {v['help']} — {v['helpUrl']}")
                for node in v["nodes"][:5]:
                    lines.append(f"    {', '.join(map(str, node['target']))}: {node['html'][:200]}")
                    lines.append(f"      {node.get('failureSummary', '').strip()[:300]}")
        return "\n".join(lines)

    def assert_clean(self) -> None:
        assert not self.found, (f"axe-core found serious or critical violations (pages checked: "
                                f"{', '.join(self.checked)}):\n" + self.report())

"""Yay.com PBX call flows: the model, builders and graph checks.

Every rule lives in callflow's Rust core, so this module gives exactly the answer the
Rust and Node packages give. Issue codes are kebab-case names such as
``"dangling-reference"``.

>>> from callflow import pbx
>>> flow = pbx.CallFlow(501, "Menu", modules={
...     "start": pbx.Module.start("menu"),
...     "menu": pbx.Module.press_extension().with_branch("1", "sales"),
... })
>>> [(issue.code, issue.path) for issue in flow.check().issues][:2]
[('missing-outcome', '$.flow.menu.next.invalid'), ('missing-outcome', '$.flow.menu.next.timeout')]
"""

from callflow._native import CallFlow, Issue, Module, Report, Target
from callflow._native import pbx_check as check

__all__ = ["CallFlow", "Issue", "Module", "Report", "Target", "check"]

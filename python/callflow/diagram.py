"""Diagrams of Yay.com call flows and 8x8 callflows: Mermaid, Graphviz DOT or SVG text.

>>> from callflow import diagram
>>> flow = {"extension": 501, "name": "Pete", "flow": {
...     "start": {"module": "start", "next": "pete"},
...     "pete": {"module": "extension", "extensions": [{"type": "sipuser", "uuid": "u1"}]}}}
>>> print(diagram.render(flow, format="mermaid").splitlines()[1])
    n0(["start<br/>start"])
"""

from callflow._native import render

__all__ = ["render"]

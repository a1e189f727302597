"""The colours of the RAG statuses in documents (monitoring.rules.RAG names them)."""

from __future__ import annotations

from saferplan.monitoring.rules import RAG

# Light fills that keep black text above 4.5:1 contrast.
FILLS = {
    "blue": "BBD4EA",
    "green": "CCE2D8",
    "amber": "FFF7BF",
    "red": "F4CDC6",
    "grey": "E5E6E7",
}
RAG_FILL = {status: FILLS[colour] for status, colour in RAG.items()}

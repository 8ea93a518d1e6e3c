"""The rules `docgen lint` checks, one module each, registered in `RULES` in reporting order.

Every rule module has:
- `ID`: the rule's id, the key of its severity and source in the profile (``quy_tac``);
- `TEMPLATE`: whether it applies to a template (a .docx with tags) as well;
- `check(view, profile, catalog)`: yields a `docgen.lint.Violation` per fault;
- `EXAMPLES`: ``{"dat": [...], "sai": [...]}``, changes to docgen's rendered Bình Phước plan
  (``data/examples/ke-hoach-khao-sat-llvt-binh-phuoc-2022.yaml``) that the rule must pass and
  must flag. A change names the paragraph by its start (``doan``) and gives its new text
  (``van_ban``), the font, size, weight or underline of its runs (``phong``, ``co``, ``dam``,
  ``gach_chan``), the space before it (``cach_truoc``, pt), or
  the page (``trang``: ``rong_mm``, ``le_trai_mm``...; ``trang_dau_co_so``: number page 1).
  ``tests/test_lint_rules.py`` applies each change and checks the verdict.
"""
from __future__ import annotations

from types import ModuleType

from docgen.lint.rules import (
                               body,
                               citations,
                               headings,
                               issuer,
                               kind_code,
                               leftover_tags,
                               line_breaks,
                               margins,
                               page_numbers,
                               paper,
                               party_title,
                               place_date,
                               recipients,
                               signature,
                               signature_level,
                               symbol,
                               title,
                               title_rule,
                               typeface,
)

_MODULES: tuple[ModuleType, ...] = (paper, margins, typeface, party_title, title_rule, issuer, symbol, kind_code,
                                    place_date, title, headings, body, signature, signature_level, recipients,
                                    line_breaks, page_numbers, leftover_tags, citations)
RULES: dict[str, ModuleType] = {module.ID: module for module in _MODULES}

"""The column widths of the header and the signature block, from the profile (conventions
§3.4, §8). The template builder draws the columns with these widths and the render context
breaks the lines placed in them to fit, so the two always agree.

Header layouts of a joint document (profile ``lien_tich.tieu_de``):
- ``mot``: one body — its block on the left, "ĐẢNG CỘNG SẢN VIỆT NAM" on the right;
- ``hang_ngang`` (the default): the bodies in a row across the top — two or three side by side,
  four in two rows of two — each column wide enough for a body's name in two lines at most;
  below them the number on the left and the party title and date on the right;
- ``canh_nhau``: two bodies side by side on the left of the party title (narrow columns: long
  names take three lines); three or four as ``hang_ngang``;
- ``xep_chong``: the bodies' blocks stacked in the left column.
"""
from __future__ import annotations

from typing import Any

ONE, SIDE_BY_SIDE, ROW, STACKED = "mot", "canh_nhau", "hang_ngang", "xep_chong"
ROW_WIDTH = {2: 2, 3: 3, 4: 2}   # bodies side by side in a row of the ``hang_ngang`` header
JOINT_MARGIN_MM = 2.5   # inside each body's cell of a joint header: two names never run together


def row_count(bodies: int) -> int:
    """Returns how many bodies stand side by side in each row of a ``hang_ngang`` header."""
    return ROW_WIDTH.get(bodies, 2)


def header_layout(profile: Any, bodies: int) -> str:
    """Returns the header layout of a document of `bodies` issuing bodies."""
    if bodies <= 1:
        return ONE
    if profile.joint.header == STACKED:
        return STACKED
    return SIDE_BY_SIDE if bodies == 2 and profile.joint.header == SIDE_BY_SIDE else ROW


def header_columns(profile: Any, layout: str, bodies: int) -> tuple[list[float], float]:
    """Returns the widths (mm) of the bodies' columns and of the party title's column."""
    width = profile.page.text_width_mm
    if layout == ROW:
        across = ROW_WIDTH.get(bodies, 2)
        each = round(width / across, 1)
        row = [each] * (across - 1) + [round(width - each * (across - 1), 1)]
        return (row * bodies)[:bodies], profile.layout.joint_title_column_mm
    title = profile.layout.joint_title_column_mm if layout == SIDE_BY_SIDE else profile.layout.title_column_mm
    left = round(width - title, 1)
    if layout == SIDE_BY_SIDE:
        half = round(left / 2, 1)
        return [half, round(left - half, 1)], title
    return [left], title


def header_text_widths(profile: Any, layout: str, bodies: int) -> list[float]:
    """Returns the width (mm) each body's lines may take: its column, less the cell margins in
    the joint layouts where bodies stand side by side."""
    columns, _ = header_columns(profile, layout, bodies)
    margin = 2 * JOINT_MARGIN_MM if layout in (ROW, SIDE_BY_SIDE) else 0
    return [round(c - margin, 1) for c in columns]


def number_column(profile: Any, layout: str) -> float:
    """Returns the width (mm) of the column that holds the number line."""
    if layout == ROW:
        return float(round(profile.page.text_width_mm - profile.layout.joint_title_column_mm, 1))
    columns, _ = header_columns(profile, layout, 2 if layout == SIDE_BY_SIDE else 1)
    return columns[0]


SIGNATURE_MARGIN_MM = 2.5   # inside each signature cell, so two titles side by side never run together


def signature_text_width(profile: Any, joint: bool) -> float:
    """Returns the width (mm) a signature's lines may take: its column less the cell margins."""
    return round(signature_columns(profile, joint)[1] - 2 * SIGNATURE_MARGIN_MM, 1)


def signature_columns(profile: Any, joint: bool) -> list[float]:
    """Returns the widths (mm) of the signature block's columns: two halves for a joint
    document; Nơi nhận and the signature for one body."""
    width = profile.page.text_width_mm
    left = round(width * (0.5 if joint else profile.layout.recipients_share), 1)
    return [left, round(width - left, 1)]

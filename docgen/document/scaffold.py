"""Starting a report from its plan: ``docgen new bao-cao --from PLAN.yaml`` writes a report's data
with one result slot per task of the plan, the plan's issuer, signer and recipients copied, and
the link back to the plan. The slots are left empty on purpose: `docgen check` lists each one
still to fill in, so none is reported by accident."""
from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from docgen.document.load import load_document
from docgen.document.report import with_registered_number
from docgen.input.loader import read_tree
from docgen.input.sources import Sources
from docgen.rules.dates import short_date

COPIED = ("ho_so", "co_quan", "cac_ben", "ky", "noi_nhan", "luu")


def report_from_plan(plan_path: Path, target_dir: Path, sources: Sources = Sources(),
                     today: dt.date | None = None) -> str:
    """Returns the YAML text of a report on the plan or programme at `plan_path`, with the
    link written relative to `target_dir` (where the report will be saved)."""
    plan = with_registered_number(load_document(plan_path, sources), sources)
    raw = read_tree(plan_path).data
    tasks = plan.model.tasks()
    period = plan.model.period()
    data = CommentedMap()
    data["loai"] = "bao-cao"
    for key in COPIED[:3]:
        if key in raw:
            data[key] = raw[key]
    data["so"] = None
    data["ngay"] = short_date(today or dt.date.today())
    data["ky_bao_cao"] = period.text if period else "năm " + str((today or dt.date.today()).year)
    data["trich_yeu"] = f"kết quả thực hiện {plan.kind.in_sentence} số {plan.symbol}"
    data["bao_cao_ve"] = CommentedMap(tep=os.path.relpath(plan_path.resolve(), target_dir.resolve()))
    results = CommentedMap(tieu_de="Kết quả nổi bật", noi_dung=CommentedSeq(["(ghi kết quả; số liệu: [[so:ma_chi_tieu]])"]))
    data["ket_qua"] = CommentedSeq([results])
    slots = CommentedSeq()
    for i, task in enumerate(tasks):
        slot = CommentedMap(ma=task.id, hoan_thanh=None, ly_do=None)
        slots.append(slot)
        lead = f" ({task.lead} chủ trì)" if task.lead else ""
        slots.yaml_add_eol_comment(f"{task.content}{lead}"[:110], i, column=4)
    data["ket_qua_nhiem_vu"] = slots
    for key in COPIED[3:]:
        if key in raw:
            data[key] = raw[key]
    data.yaml_set_start_comment(
        f"Báo cáo về {plan.kind.in_sentence} số {plan.symbol}, ngày {short_date(plan.model.date)}.\n"
        f"Điền kết quả {len(tasks)} nhiệm vụ: hoan_thanh: true hoặc false (chưa hoàn thành thì ghi ly_do),\n"
        "rồi chạy docgen check; docgen tự đếm số nhiệm vụ hoàn thành và trích dẫn kế hoạch ở phần mở đầu.")
    out = io.StringIO()
    yaml = YAML()
    yaml.width = 120
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.dump(data, out)
    return out.getvalue()

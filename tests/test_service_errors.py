"""One error shape on the real service: unknown routes, wrong methods, parameter errors and
docgen's own errors all answer ``{"loi": [...]}`` in Vietnamese; the OpenAPI document says so
and documents the data body; the API page loads nothing from the internet."""
from __future__ import annotations

import re

from tests.test_server import PROBLEM_KEYS


def _one_shape(answer, status: int) -> list[dict]:
    assert answer.status_code == status, answer.text
    body = answer.json()
    assert set(body) == {"loi"} and body["loi"]
    for finding in body["loi"]:
        assert set(finding) == PROBLEM_KEYS and finding["muc_do"] == "loi"
        assert not re.search(r"Not Found|Method Not Allowed|Field required|String should", finding["thong_bao"])
    return body["loi"]


def test_unknown_route_wrong_method_and_parameters_answer_in_the_one_shape(server):
    client, _ = server
    (missing,) = _one_shape(client.get("/khong-co"), 404)
    assert missing["thong_bao"] == "không có địa chỉ /khong-co"
    (method,) = _one_shape(client.delete("/api/loai"), 405)
    assert "DELETE" in method["thong_bao"] and "/api/loai" in method["thong_bao"]
    (query,) = _one_shape(client.get("/api/trich-dan"), 422)
    assert query["truong"] == "tim" and query["thong_bao"] == "tham số 'tim': thiếu giá trị bắt buộc"
    (pattern,) = _one_shape(client.post("/api/tao", params={"dinh_dang": "odt"}, content=b"loai: ke-hoach\n"), 422)
    assert pattern["truong"] == "dinh_dang" and "không đúng dạng" in pattern["thong_bao"] and "odt" in pattern["thong_bao"]
    (number,) = _one_shape(client.post("/api/so/abc/huy"), 422)
    assert number["truong"] == "dong" and "số nguyên" in number["thong_bao"]


def test_json_errors_are_named_json_and_unknown_register_kinds_are_refused(server):
    client, _ = server
    (broken,) = _one_shape(client.post("/api/kiem-tra", content=b'{"loai": "ke-hoach", "so": ',
                                       headers={"Content-Type": "application/json"}), 422)
    assert broken["thong_bao"].startswith("lỗi cú pháp JSON") and broken["dong"] == 1
    (kind,) = _one_shape(client.post("/api/so/giu-cho", params={"co_quan": "BDVTU", "loai": "XYZ", "ngay": "01/6/2022"}), 422)
    assert kind["truong"] == "loai" and "'XYZ'" in kind["thong_bao"]
    assert all(row["loai"] != "XYZ" for row in client.get("/api/so").json())


def test_a_chunked_body_over_the_limit_gets_413(server):
    client, _ = server

    def chunks():
        for _ in range(30):
            yield b"a" * 100_000

    (large,) = _one_shape(client.post("/api/tao", content=chunks(), headers={"Content-Type": "text/yaml"}), 413)
    assert "quá lớn" in large["thong_bao"]


def test_openapi_documents_the_error_shape_and_the_data_body(server):
    client, _ = server
    spec = client.get("/openapi.json").json()
    assert "HTTPValidationError" not in spec["components"]["schemas"]
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            for status in ("404", "422", "500"):
                assert operation["responses"][status]["content"]["application/json"]["schema"] == \
                    {"$ref": "#/components/schemas/Loi"}, (path, method, status)
    for path in ("/api/kiem-tra", "/api/tao"):
        body = spec["paths"][path]["post"]["requestBody"]
        assert body["required"] and {"text/yaml", "application/json"} <= set(body["content"])


def test_the_api_page_loads_nothing_from_the_internet(server):
    client, _ = server
    page = client.get("/docs")
    assert page.status_code == 200 and "swagger" in page.text.lower()
    addresses = re.findall(r"""(?:src|href|url)\s*[:=]\s*['"]([^'"]+)['"]""", page.text)
    assert addresses and not [a for a in addresses if re.match(r"(https?:)?//", a)], addresses
    for address in addresses:
        assert client.get(address).status_code == 200, address
    assert not re.search(r"https?://", page.text), "the page names an address on the internet"
    assert client.get("/redoc").status_code == 404


def test_a_lone_surrogate_in_a_message_does_not_break_the_error_answer():
    """A message may quote what a request smuggled in (a lone surrogate, which Python keeps in a
    string and UTF-8 cannot encode; schemathesis sent one): the answer is still the one shape,
    the character shown as U+FFFD, not a 500 from encoding the answer (a dict built without
    `Finding` is made writable by the answer itself)."""
    import json

    from docgen.errors import Finding
    from docgen.faces.server.shape import answer

    sent = answer([Finding("loại văn bản 'ke-\ud800-hoach' không có", "du-lieu.json").as_dict()], 422)
    assert sent.status_code == 422
    assert json.loads(sent.body)["loi"][0]["thong_bao"] == "loại văn bản 'ke-\ufffd-hoach' không có"
    raw = answer([{"thong_bao": "tệp 'a\udc80.docx' hỏng"}], 400)
    assert json.loads(raw.body)["loi"][0]["thong_bao"] == "tệp 'a\ufffd.docx' hỏng"

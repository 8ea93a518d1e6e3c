"use strict";
// Every request the page makes, in one place: the service's routes and how the page signs in
// (a session cookie with its CSRF header where the service offers sessions, else the bearer
// token of POST /api/dang-nhap kept for this tab). Each call returns {ok, status, body}.
const api = (() => {
  let token = sessionStorage.getItem("docgen-ma-truy-cap");
  let csrf = null;

  async function call(method, url, { body = undefined, type = undefined, as = "json" } = {}) {
    const headers = {};
    if (token) headers.Authorization = "Bearer " + token;
    if (csrf && method !== "GET") headers["X-CSRF-Token"] = csrf;
    if (type) headers["Content-Type"] = type;
    let answer;
    try {
      answer = await fetch(url, { method, headers, body, credentials: "same-origin" });
    } catch (e) {
      return { ok: false, status: 0, body: { loi: [{ thong_bao: "không kết nối được với máy chủ docgen" }] } };
    }
    if (as === "blob" && answer.ok) return { ok: true, status: answer.status, body: await answer.blob(), headers: answer.headers };
    if (as === "text" && answer.ok) return { ok: true, status: answer.status, body: await answer.text() };
    let parsed;
    try { parsed = await answer.json(); } catch (e) { parsed = { loi: [{ thong_bao: `máy chủ trả lời ${answer.status}` }] }; }
    return { ok: answer.ok, status: answer.status, body: parsed };
  }
  const q = (params) => new URLSearchParams(Object.entries(params).filter(([, v]) => v !== null && v !== undefined && v !== "")).toString();
  const yaml = (text) => ({ body: text, type: "text/yaml; charset=utf-8" });
  const jsonBody = (value) => ({ body: JSON.stringify(value), type: "application/json" });
  const file = (f) => { const form = new FormData(); form.append("tep", f); return { body: form }; };
  const name = (ten) => encodeURIComponent(ten);

  return {
    signedIn: () => Boolean(token),
    async session() {
      const answer = await call("GET", "/api/phien");
      if (answer.ok) csrf = answer.body.csrf || null;
      return answer;
    },
    async login(ten, matKhau) {
      const answer = await call("POST", "/api/dang-nhap", jsonBody({ ten, mat_khau: matKhau, phien: true }));
      if (answer.ok) {
        token = answer.body.ma_truy_cap || null;
        if (token) sessionStorage.setItem("docgen-ma-truy-cap", token);
        csrf = answer.body.csrf || csrf;
        if (!csrf) await this.session();   // a session cookie: its CSRF token for the changes
      }
      return answer;
    },
    async logout() {
      const answer = await call("POST", "/api/dang-xuat");
      token = null; csrf = null;
      sessionStorage.removeItem("docgen-ma-truy-cap");
      return answer;
    },
    kinds: () => call("GET", "/api/loai"),
    schema: (kind) => call("GET", `/api/loai/${name(kind)}/schema`),
    starter: (kind) => call("GET", `/api/loai/${name(kind)}/mau`, { as: "text" }),
    check: (text) => call("POST", "/api/kiem-tra", yaml(text)),
    preview: (text) => call("POST", "/api/xem-truoc", yaml(text)),
    render: (text, format, id) => call("POST", `/api/tao?${q({ dinh_dang: format, luu: "true", ma_van_ban: id })}`, { ...yaml(text), as: "blob" }),
    saved: (tim, archived) => call("GET", `/api/van-ban?${q({ tim, luu_tru: archived ? "true" : "false" })}`),
    open: (ten) => call("GET", `/api/van-ban/${name(ten)}`, { as: "text" }),
    save: (ten, text) => call("PUT", `/api/van-ban/${name(ten)}`, yaml(text)),
    versions: (ten) => call("GET", `/api/van-ban/${name(ten)}/phien-ban`),
    version: (ten, n) => call("GET", `/api/van-ban/${name(ten)}/phien-ban/${n}`, { as: "text" }),
    archive: (ten, flag) => call("POST", `/api/van-ban/${name(ten)}/luu-tru`, jsonBody({ luu_tru: flag })),
    reportFrom: (ten) => call("GET", `/api/van-ban/${name(ten)}/bao-cao`, { as: "text" }),
    compare: (cu, moi, tenCu, tenMoi) => call("POST", "/api/so-sanh", { ...jsonBody({ cu, moi, ten_cu: tenCu, ten_moi: tenMoi }), as: "text" }),
    organisations: (tim, ngay) => call("GET", `/api/to-chuc?${q({ tim, ngay })}`),
    citations: (tim) => call("GET", `/api/trich-dan?${q({ tim })}`),
    lint: (f) => call("POST", "/api/lint", file(f)),
    importWord: (f) => call("POST", "/api/nhap", file(f)),
    register: () => call("GET", "/api/so"),
    audit: () => call("GET", "/api/so/nhat-ky"),
    reserve: (params) => call("POST", `/api/so/giu-cho?${q(params)}`),
    voidNumber: (row, reason) => call("POST", `/api/so/${row}/huy?${q({ ghi_chu: reason })}`),
  };
})();

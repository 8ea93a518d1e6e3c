"use strict";
// The clerks' page: a form per kind (from the kind's JSON Schema, drawn by JSON-Editor) kept in
// step with a YAML view; pickers for the issuing organisation and the governing documents; the
// pages previewed as the data changes; saved drafts with versions; the register; lint.
// Every request goes through `api` (api.js).
const $ = (id) => document.getElementById(id);
const yamlBox = $("du-lieu");
const PAUSE = 700;          // ms of no typing before the data is checked and the pages drawn
const AUTOSAVE = 4000;      // ms of no typing before a draft is saved
const LOCAL = "docgen-ban-dang-soan";

// Vietnamese labels of the data keys (the schema names them as written in the data).
const LABELS = {
  loai: "Loại văn bản", ho_so: "Hồ sơ thể thức", co_quan: "Cơ quan ban hành", cac_ben: "Các bên (văn bản liên tịch)",
  so: "Số văn bản", ngay: "Ngày", trich_yeu: "Trích yếu", mo_dau: "Mở đầu", can_cu: "Căn cứ", thuc_hien: "Thực hiện",
  doan: "Đoạn", loi_dan: "Câu dẫn", noi_dung: "Nội dung", tieu_de: "Tiêu đề", doan_so: "Đoạn đánh số", liet_ke: "Liệt kê",
  cac_y: "Các ý", dang: "Dạng số", ket_thuc: "Đoạn kết", ky: "Người ký", tham_quyen: "Thẩm quyền (T/M, K/T...)",
  thay_cho: "Thay mặt / ký thay cho", chuc_vu: "Chức vụ", ho_ten: "Họ và tên", noi_nhan: "Nơi nhận", ten: "Tên",
  vai_tro: "Mục đích (b/c, t/h, p/h)", luu: "Lưu", du_thao: "Dự thảo", mat: "Độ mật", khan: "Độ khẩn",
  nguoi_danh_may: "Người đánh máy", so_ban: "Số bản", cap_tren: "Cơ quan cấp trên", ten_day_du: "Tên đầy đủ (trong câu)",
  ky_hieu: "Ký hiệu", dia_danh: "Địa danh", danh_so: "Cách đánh số", nhiem_ky_tu: "Ngày bắt đầu nhiệm kỳ",
  bang_nhiem_vu: "Bảng nhiệm vụ", nhiem_vu: "Nhiệm vụ", ma: "Mã", chu_tri: "Chủ trì", phoi_hop: "Phối hợp",
  thoi_gian: "Thời gian", ghi_chu: "Ghi chú", phu_luc: "Phụ lục", bang: "Bảng", cot: "Các cột", hang: "Các dòng",
  nhom: "Nhóm", tong: "Dòng tổng", ben: "Bên", ky_hieu_loai: "Ký hiệu loại", ma_van_ban: "Mã văn bản",
  kinh_gui: "Kính gửi", xet_de_nghi: "Xét đề nghị của", thoi_ky: "Thời kỳ", giai_doan: "Giai đoạn",
  ky_bao_cao: "Kỳ báo cáo", bao_cao_ve: "Báo cáo về", tep: "Tệp", so_ky_hieu: "Số ký hiệu", ket_qua: "Kết quả",
  ket_qua_nhiem_vu: "Kết quả từng nhiệm vụ", hoan_thanh: "Đã hoàn thành", ly_do: "Lý do", danh_gia: "Đánh giá",
  uu_diem: "Ưu điểm", han_che: "Hạn chế", nguyen_nhan: "Nguyên nhân", bai_hoc: "Bài học kinh nghiệm",
  phuong_huong: "Phương hướng", de_xuat: "Đề xuất, kiến nghị", so_lieu: "Số liệu", chi_tieu: "Chỉ tiêu",
  don_vi: "Đơn vị", don_vi_tinh: "Đơn vị tính", tu_tep: "Từ tệp", muc_dich: "Mục đích", yeu_cau: "Yêu cầu",
  noi_dung_phoi_hop: "Nội dung phối hợp", phuong_thuc_phoi_hop: "Phương thức phối hợp",
  trao_doi_thong_tin: "Trao đổi thông tin", giao_ban: "Giao ban", kiem_tra: "Kiểm tra, giám sát",
  so_ket_tong_ket: "Sơ kết, tổng kết", to_chuc_thuc_hien: "Tổ chức thực hiện", trach_nhiem: "Trách nhiệm",
  che_do_bao_cao: "Chế độ báo cáo", hieu_luc: "Hiệu lực", hoi_nghi: "Hội nghị", dia_diem: "Địa điểm",
  thanh_phan: "Thành phần", nghe: "Đã nghe", ket_luan: "Kết luận", chi_tiet: "Chi tiết", to_chuc: "Cơ quan tổ chức",
  dac_diem_tinh_hinh: "Đặc điểm tình hình", pham_vi_luu_hanh: "Phạm vi lưu hành", ban_hanh_kem_theo: "Ban hành kèm theo",
  chuong: "Chương", dieu: "Điều", ten_loai: "Tên loại",
};
const DEF_TITLES = {
  Section: "Mục có tiêu đề", NumberedParagraph: "Đoạn đánh số", BulletList: "Danh sách gạch đầu dòng",
  BulletItem: "Ý có ý con", InlineList: "Các ý trong một đoạn", TableBlock: "Bảng", Issuer: "Cơ quan (ghi đầy đủ)",
  Recipient: "Nơi nhận có mục đích", JointParty: "Một bên", Signer: "Người ký", Task: "Nhiệm vụ", Appendix: "Phụ lục", TaskResult: "Kết quả nhiệm vụ",
};
JSONEditor.defaults.languages.vi = {
  button_add_row_title: "Thêm", button_delete_row_title: "Xóa", button_delete_row_title_short: "Xóa",
  button_move_down_title: "Chuyển xuống", button_move_up_title: "Chuyển lên", button_collapse: "Thu gọn",
  button_expand: "Mở rộng", button_delete_all_title: "Xóa tất cả", button_delete_last_title: "Xóa mục cuối",
  button_copy_row_title: "Sao", button_copy_row_title_short: "Sao", button_delete_node_warning: "Xóa mục này?",
  error_notempty: "Không được để trống", error_minLength: "Cần ít nhất {{0}} ký tự", error_maxLength: "Tối đa {{0}} ký tự",
  error_pattern: "Không đúng dạng", error_required: "Thiếu mục bắt buộc “{{0}}”", error_type: "Sai kiểu dữ liệu",
  error_enum: "Chọn một giá trị trong danh sách", error_oneOf: "Chọn một dạng và điền đủ", error_anyOf: "Chọn một dạng và điền đủ",
  error_minItems: "Cần ít nhất {{0}} mục", error_maxItems: "Tối đa {{0}} mục", error_const: "Giá trị không đúng",
  error_minimum_incl: "Không nhỏ hơn {{0}}", error_maximum_incl: "Không lớn hơn {{0}}",
  error_additional_properties: "Có mục không dùng được: {{0}}",
  default_array_item_title: "mục",
};
JSONEditor.defaults.language = "vi";

let kind = null;
let form = null;          // the JSONEditor of the current kind
let documentId = null;    // the saved document's id (the register keys its number by it)
let dirty = false;        // edits not saved or downloaded
let formEcho = null;      // the form's value as last set from the YAML view (its change event is not an edit)
let checkTimer = null, saveTimer = null, checkRun = 0;
let serverProblems = [];  // the last check's errors, kept for the form
const newId = () => (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(16).slice(2));

// ------------------------------------------------------------------ small helpers

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "onclick") node.addEventListener("click", v);
    else if (v !== null && v !== undefined && v !== false) node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c ?? "")));
  return node;
}
function say(text) { $("thong-bao-chung").textContent = text; }
function status(text, cls) { $("trang-thai").textContent = text; $("trang-thai").className = cls; }
function problemText(p) {
  const where = p.dong ? `dòng ${p.dong}${p.cot ? ", cột " + p.cot : ""}` : "";
  return `${where}${p.truong ? " [" + p.truong + "]" : ""}: ${p.thong_bao}`;
}
function errorsOf(answer) { return (answer.body && answer.body.loi) || [{ thong_bao: `lỗi ${answer.status}` }]; }

// ------------------------------------------------------------------ tabs (arrow keys move between tabs)

function setupTabs(list, onShow) {
  const tabs = [...list.querySelectorAll("[role=tab]")];
  const show = (tab) => {
    for (const t of tabs) {
      const on = t === tab;
      t.setAttribute("aria-selected", String(on));
      t.tabIndex = on ? 0 : -1;
      $(t.getAttribute("aria-controls")).hidden = !on;
    }
    if (onShow) onShow(tab);
  };
  for (const t of tabs) {
    t.addEventListener("click", () => show(t));
    t.addEventListener("keydown", (e) => {
      const i = tabs.indexOf(t);
      const next = e.key === "ArrowRight" ? tabs[(i + 1) % tabs.length] : e.key === "ArrowLeft" ? tabs[(i - 1 + tabs.length) % tabs.length] : null;
      if (next) { e.preventDefault(); next.focus(); show(next); }
    });
  }
  return show;
}
const showTab = setupTabs($("cac-tab"), (tab) => {
  if (tab.id === "tab-da-luu") loadSaved();
  if (tab.id === "tab-so") loadRegister();
});
const showView = setupTabs(document.querySelector(".che-do"), (tab) => { if (tab.id === "xem-yaml") numberLines(); });

// ------------------------------------------------------------------ the form

function prepare(schema) {
  // The form library reads plain schemas best: `X | null` becomes X (an empty field is left
  // out of the data), titles are Vietnamese, dates show their form.
  const walk = (node, key, property = false) => {
    if (Array.isArray(node)) return node.map((n) => walk(n, key));
    if (!node || typeof node !== "object") return node;
    let out = {};
    for (const [k, v] of Object.entries(node)) out[k] = k === "properties" ? Object.fromEntries(Object.entries(v).map(([p, s]) => [p, walk(s, p, true)])) : walk(v, key);
    for (const union of ["anyOf", "oneOf"]) {
      // a choice between sets of required keys (issuer or joint parties) is the service's check
      if (Array.isArray(out[union]) && out[union].every((s) => !s.type && !s.$ref && !s.properties && s.const === undefined && !s.enum && !s.anyOf && !s.oneOf)) delete out[union];
      if (Array.isArray(out[union])) {
        const kept = out[union].filter((s) => s.type !== "null");
        if (kept.length === 1) {
          const { [union]: _, default: d, ...rest } = out;
          out = { ...kept[0], ...rest };
          if (d !== null && d !== undefined) out.default = d;
        } else {
          out[union] = kept.map((s) => (s.type === "string" && !s.title ? { ...s, title: key === "co_quan" ? "Mã tổ chức" : key === "so" ? "Số tự cấp (auto)" : "Đoạn văn" } :
            s.type === "integer" && !s.title ? { ...s, title: "Số" } :
            s.$ref && DEF_TITLES[s.$ref.split("/").pop()] ? { ...s, title: DEF_TITLES[s.$ref.split("/").pop()] } : s));
        }
      }
    }
    if (out.default === null) delete out.default;
    if (out.const !== undefined && !property) { out.enum = [out.const]; delete out.const; }   // a choice the form fills
    if (key === "loai" && out.const) out.options = { hidden: true };
    if (property && LABELS[key]) out.title = LABELS[key];
    if (key === "ngay" || (out.examples && /^\d\d\/\d\d\/\d{4}$/.test(out.examples[0] || ""))) {
      out.options = { ...(out.options || {}), inputAttributes: { placeholder: "dd/mm/yyyy", inputmode: "numeric" } };
    }
    if (out.type === "boolean") out.options = { ...(out.options || {}), enum_titles: ["Có", "Không"] };   // not "true"/"false"
    if (out.type === "string" && /nội dung|đoạn|kết|trích yếu/i.test(out.description || "") && !out.enum && !out.const) out.format = "textarea";
    return out;
  };
  const prepared = walk(schema, null);
  for (const [name, def] of Object.entries(prepared.$defs || {})) if (DEF_TITLES[name]) def.title = DEF_TITLES[name];
  if (prepared.$defs && prepared.$defs.Issuer) prepared.$defs.Issuer.description = "Cơ quan ban hành như in ở tiêu đề và trong câu văn.";
  prepared.title = schema.title ? schema.title.replace(/^docgen: /, "") : "Văn bản";
  return prepared;
}

async function buildForm(value) {
  const answer = await api.schema(kind);
  if (!answer.ok) { showProblems(errorsOf(answer), []); return; }
  nullableRequired = (answer.body.required || []).filter((k) => ((answer.body.properties || {})[k]?.anyOf || []).some((s) => s.type === "null"));
  if (form) form.destroy();
  $("bieu-mau").innerHTML = "";
  form = new JSONEditor($("bieu-mau"), {
    schema: prepare(answer.body), theme: "html", iconlib: null, disable_edit_json: true, disable_properties: true,
    remove_empty_properties: true, show_errors: "interaction", prompt_before_delete: true,
    disable_array_delete_all_rows: true, disable_array_delete_last_row: true, array_controls_top: false,
    startval: value === undefined ? undefined : withoutNulls(value), use_default_values: false,
  });
  await new Promise((resolve) => form.on("ready", resolve));
  formEcho = JSON.stringify(form.getValue());
  labelInputs();
  form.on("change", () => {
    labelInputs();
    const now = JSON.stringify(form.getValue());
    if (now === formEcho) return;
    formEcho = now;
    writeYaml(form.getValue());
    edited();
  });
}

// The form library takes a field's value when it loses the focus; a pause in typing is enough here.
let typingTimer = null;
$("bieu-mau").addEventListener("input", (e) => {
  if (!e.target.matches("input, textarea")) return;
  clearTimeout(typingTimer);
  typingTimer = setTimeout(() => e.target.dispatchEvent(new Event("change", { bubbles: true })), 400);
});

function labelInputs() {
  // Each input gets an accessible name: its own label if the library drew one, else the path.
  for (const input of $("bieu-mau").querySelectorAll("input, select, textarea")) {
    if (input.classList.contains("je-switcher") && !input.getAttribute("aria-label")) {
      const holder = input.closest("[data-schemapath]");
      const key = holder ? holder.getAttribute("data-schemapath").split(".").filter((p) => !/^\d+$/.test(p)).pop() : "";
      input.setAttribute("aria-label", `Dạng của ${LABELS[key] || "mục"}`);
      // the library's own label of the choice reads "root[co_quan] switcher"
      for (const label of input.labels || []) label.textContent = input.getAttribute("aria-label");
      continue;
    }
    if (input.labels && input.labels.length) continue;
    if (input.getAttribute("aria-label")) continue;
    const holder = input.closest("[data-schemapath]");
    const path = holder ? holder.getAttribute("data-schemapath") : input.name || "";
    const key = path.split(".").filter((p) => !/^\d+$/.test(p) && p !== "root").pop();
    const index = path.split(".").filter((p) => /^\d+$/.test(p)).map((n) => Number(n) + 1).join(".");
    input.setAttribute("aria-label", `${LABELS[key] || key || "Giá trị"}${index ? " " + index : ""}`);
  }
  for (const b of $("bieu-mau").querySelectorAll("button")) {
    if (!b.textContent.trim() && b.title) b.setAttribute("aria-label", b.title);
    if (!b.getAttribute("type")) b.setAttribute("type", "button");
  }
}

// A null is "not written yet" in the data; the form shows it as an empty field, and a required
// key that may be null (so: null, the number the văn thư writes later) is written back as null.
let nullableRequired = [];
function withoutNulls(value) {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]));
}
function setForm(value) {
  form.setValue(withoutNulls(value));
  formEcho = JSON.stringify(form.getValue());
  labelInputs();
}

function dump(value) {
  return jsyaml.dump(value, { lineWidth: -1, noRefs: true, quotingType: '"' });
}

function writeYaml(value) {
  const whole = { ...value };
  for (const key of nullableRequired) if (!(key in whole)) whole[key] = null;
  const ordered = {};   // in the schema's order, as the starters write it
  for (const key of Object.keys(form ? form.schema.properties || {} : {})) if (key in whole) ordered[key] = whole[key];
  yamlBox.value = dump({ ...ordered, ...whole });
  numberLines();
}

function setData(text, id) {
  // A whole new text (starter, saved document, version, import): YAML view, then the form.
  yamlBox.value = text;
  documentId = id;
  numberLines();
  fromYaml();
}

async function fromYaml() {
  let value;
  try { value = jsyaml.load(yamlBox.value); } catch (e) { scheduleCheck(); return; }
  if (!value || typeof value !== "object") { scheduleCheck(); return; }
  if (value.loai && value.loai !== kind && [...$("loai").options].some((o) => o.value === value.loai)) {
    kind = value.loai;
    $("loai").value = kind;
    await buildForm(value);
  } else if (form) {
    setForm(value);
  }
  scheduleCheck();
}

// ------------------------------------------------------------------ the YAML view

let markedLines = new Map();   // line → "✗" (error) or "!" (warning), beside its number
function numberLines() {
  const count = yamlBox.value.split("\n").length;
  const numbers = [];
  for (let i = 1; i <= count; i++) numbers.push(markedLines.has(i) ? `${markedLines.get(i)} ${i}` : String(i));
  $("so-dong").textContent = numbers.join("\n");
  $("so-dong").scrollTop = yamlBox.scrollTop;
}
let leaving = false;
yamlBox.addEventListener("keydown", (e) => {
  if (e.key === "Escape") { leaving = true; return; }
  if (e.key === "Tab" && !leaving && !e.shiftKey) {
    e.preventDefault();
    const at = yamlBox.selectionStart;
    yamlBox.setRangeText("  ", at, yamlBox.selectionEnd, "end");
    yamlBox.dispatchEvent(new Event("input"));
    return;
  }
  leaving = false;
});
yamlBox.addEventListener("blur", () => { leaving = false; });
yamlBox.addEventListener("scroll", () => { $("so-dong").scrollTop = yamlBox.scrollTop; });
yamlBox.addEventListener("input", () => { numberLines(); edited(false); fromYaml(); });

function goToLine(line) {
  showView($("xem-yaml"));
  const lines = yamlBox.value.split("\n");
  const start = lines.slice(0, line - 1).join("\n").length + (line > 1 ? 1 : 0);
  yamlBox.focus();
  yamlBox.setSelectionRange(start, start + (lines[line - 1] || "").length);
}

function formPath(field) {
  // "noi_dung[0].tieu_de" or "noi_dung.0.tieu_de" → "root.noi_dung.0.tieu_de"
  return "root." + String(field).replace(/\[(\d+)\]/g, ".$1").replace(/^\./, "");
}
function goToField(field) {
  showView($("xem-bieu-mau"));
  let path = formPath(field);
  while (path.includes(".") && !(form && form.getEditor(path))) path = path.slice(0, path.lastIndexOf("."));
  const editor = form && form.getEditor(path);
  const target = editor && editor.container && editor.container.querySelector("input, select, textarea");
  if (target) { target.scrollIntoView({ block: "center" }); target.focus(); }
}

// ------------------------------------------------------------------ check and preview

function showProblems(problems, warnings) {
  const list = $("loi");
  list.innerHTML = "";
  serverProblems = problems;
  for (const [items, cls, label] of [[problems, "loi", "Lỗi"], [warnings, "canh-bao", "Cảnh báo"]]) {
    for (const p of items) {
      const li = el("li", { class: cls });
      li.append(el("span", { class: "nhan" }, label + " "));
      if (p.dong || p.truong) {
        li.append(el("button", { type: "button", onclick: () => (p.dong && !$("khung-yaml").hidden) || (p.dong && !p.truong) ? goToLine(p.dong) : goToField(p.truong) }, problemText(p)));
        if (p.dong) li.append(" ", el("button", { type: "button", onclick: () => goToLine(p.dong) }, `(xem dòng ${p.dong})`));
      } else {
        li.append(problemText(p));
      }
      list.appendChild(li);
    }
  }
  markFields(problems, warnings);
  markedLines = new Map([...warnings.filter((p) => p.dong).map((p) => [p.dong, "!"]), ...problems.filter((p) => p.dong).map((p) => [p.dong, "✗"])]);
  numberLines();
}

function markFields(problems, warnings) {
  // Each finding with a field is written under that field in the form too.
  for (const old of $("bieu-mau").querySelectorAll(".loi-truong")) old.remove();
  if (!form) return;
  for (const [items, label] of [[problems, "Lỗi"], [warnings, "Cảnh báo"]]) {
    for (const p of items) {
      if (!p.truong) continue;
      let path = formPath(p.truong);
      while (path.includes(".") && !form.getEditor(path)) path = path.slice(0, path.lastIndexOf("."));
      const editor = form.getEditor(path);
      if (!editor || !editor.container) continue;
      editor.container.append(el("p", { class: "loi-truong", role: "note" }, `${label}: ${p.thong_bao}`));
    }
  }
}

async function check() {
  const run = ++checkRun;
  if (!yamlBox.value.trim()) { showProblems([], []); status("", ""); return; }
  status("Đang kiểm tra...", "");
  const answer = await api.preview(yamlBox.value);
  if (run !== checkRun) return;   // a newer edit has its own check
  if (answer.ok) {
    const warnings = answer.body.canh_bao || [];
    showProblems([], warnings);
    status(warnings.length ? `Không có lỗi, ${warnings.length} cảnh báo` : "Hợp lệ", warnings.length ? "co-canh-bao" : "hop-le");
    const pages = $("xem-truoc");
    pages.innerHTML = "";
    answer.body.trang.forEach((src, i) => pages.append(el("img", { src, alt: `Trang ${i + 1} của văn bản xem trước` })));
  } else {
    const problems = errorsOf(answer);
    showProblems(problems, []);
    status(`${problems.length} lỗi`, "co-loi");
    $("xem-truoc").innerHTML = "";
    $("xem-truoc").append(el("p", { class: "phu" }, "Sửa các lỗi ở trên để xem trước các trang."));
  }
}
function scheduleCheck() { clearTimeout(checkTimer); checkTimer = setTimeout(check, PAUSE); }

// ------------------------------------------------------------------ drafts: kept in this browser and saved with versions

function keepLocal() {
  // what is being written, kept in this browser: a reload (or a closed tab) opens it again
  if (documentId && yamlBox.value.trim()) localStorage.setItem(LOCAL, JSON.stringify({ id: documentId, kind, text: yamlBox.value, dirty }));
}
function edited(recheck = true) {
  dirty = true;
  if (!documentId) documentId = newId();
  keepLocal();
  $("luu-nhap").textContent = "Có thay đổi chưa lưu";
  if (recheck) scheduleCheck();
  clearTimeout(saveTimer);
  saveTimer = setTimeout(saveDraft, AUTOSAVE);
}

let serverDrafts = true;   // false when the service keeps no versions (answers 404/405 to PUT)
async function saveDraft() {
  if (!documentId || !yamlBox.value.trim() || !serverDrafts) return;
  const answer = await api.save(`${documentId}.yaml`, yamlBox.value);
  if (answer.ok) {
    dirty = false;
    keepLocal();
    $("luu-nhap").textContent = `Đã lưu bản nháp (phiên bản ${answer.body.phien_ban}) lúc ${new Date().toLocaleTimeString("vi-VN")}`;
  } else if (answer.status === 404 || answer.status === 405) {
    serverDrafts = false;
    $("luu-nhap").textContent = "Bản nháp được giữ trong trình duyệt này";
  } else {
    $("luu-nhap").textContent = "Chưa lưu được bản nháp: " + errorsOf(answer).map((p) => p.thong_bao).join("; ");
  }
}

function askOverwrite() {
  return !dirty || !yamlBox.value.trim() || window.confirm("Dữ liệu đang soạn có thay đổi chưa lưu. Thay bằng dữ liệu khác?");
}

// ------------------------------------------------------------------ the buttons of the composer

const kindNames = {};   // loai → tên loại (KẾ HOẠCH...)
async function loadKinds() {
  const answer = await api.kinds();
  if (!answer.ok) { showProblems(errorsOf(answer), []); return false; }
  $("loai").innerHTML = "";
  for (const k of answer.body) {
    kindNames[k.loai] = k.ten_loai;
    $("loai").append(el("option", { value: k.loai }, `${k.ten_loai} — ${k.mo_ta}`));
  }
  return true;
}

$("loai").addEventListener("change", async () => {
  // another kind: a new, empty document of that kind (asked first if the current one has unsaved edits)
  if (!askOverwrite()) { $("loai").value = kind; return; }
  kind = $("loai").value;
  yamlBox.value = "";
  documentId = null;
  dirty = false;
  localStorage.removeItem(LOCAL);
  numberLines();
  showProblems([], []);
  status("", "");
  $("xem-truoc").innerHTML = "";
  await buildForm(undefined);
});

$("mau").addEventListener("click", async () => {
  if (!askOverwrite()) return;
  kind = $("loai").value;
  const answer = await api.starter(kind);
  if (!answer.ok) { showProblems(errorsOf(answer), []); return; }
  // the starter without its comments: they speak of the command line
  const text = dump(jsyaml.load(answer.body));
  await buildForm(jsyaml.load(text));
  setData(text, newId());
  edited();
});

$("sao-moi").addEventListener("click", () => {
  if (!yamlBox.value.trim()) return;
  const value = jsyaml.load(yamlBox.value);
  if (value && typeof value === "object") {
    if (typeof value.so === "number") value.so = "auto";   // a new document takes a new number
    delete value.ma_van_ban;
    setData(dump(value), newId());
  }
  edited();
  say("Đã sao thành một bản nháp mới: lần tạo văn bản tới sẽ lấy số mới.");
});

async function download(format) {
  if (!yamlBox.value.trim()) return;
  status("Đang tạo văn bản...", "");
  if (!documentId) documentId = newId();
  const answer = await api.render(yamlBox.value, format, documentId);
  if (!answer.ok) {
    showProblems(errorsOf(answer), []);
    status("Chưa tạo được văn bản", "co-loi");
    return;
  }
  const name = (answer.headers.get("Content-Disposition") || "").match(/filename="([^"]+)"/);
  const link = el("a", { href: URL.createObjectURL(answer.body), download: name ? name[1] : `van-ban.${format}` });
  document.body.append(link);
  link.click();
  link.remove();
  dirty = false;
  keepLocal();
  $("luu-nhap").textContent = "Đã lưu cùng văn bản vừa tạo";
  status(`Đã tạo ${link.download}`, "hop-le");
  say(`Đã tạo ${link.download}`);
}
$("tai-docx").addEventListener("click", () => download("docx"));
$("tai-pdf").addEventListener("click", () => download("pdf"));

// A Word file (docgen's or typed by hand) read back into data.
$("nhap-word").addEventListener("change", async () => {
  const file = $("nhap-word").files[0];
  if (!file || !askOverwrite()) { $("nhap-word").value = ""; return; }
  status("Đang đọc văn bản Word...", "");
  const answer = await api.importWord(file);
  $("nhap-word").value = "";
  if (!answer.ok) { showProblems(errorsOf(answer), []); status("Không đọc được văn bản Word", "co-loi"); return; }
  setData(answer.body.yaml, newId());
  edited();
});

// ------------------------------------------------------------------ pickers

function debounce(fn, ms = 300) { let t = null; return (...a) => { clearTimeout(t); t = setTimeout(() => fn(...a), ms); }; }
function currentValue() { try { return jsyaml.load(yamlBox.value) || {}; } catch (e) { return form ? form.getValue() : {}; } }
function setValue(value) { setForm(value); writeYaml(form.getValue()); edited(); }

$("tim-to-chuc").addEventListener("input", debounce(async () => {
  const list = $("ds-to-chuc");
  const words = $("tim-to-chuc").value.trim();
  list.innerHTML = "";
  if (!words) return;
  const answer = await api.organisations(words, currentValue().ngay || "");
  if (!answer.ok) { list.append(el("li", {}, errorsOf(answer).map((p) => p.thong_bao).join("; "))); return; }
  if (!answer.body.length) list.append(el("li", {}, "Không có cơ quan nào có tên này vào ngày của văn bản."));
  for (const o of answer.body) {
    const name = [o.cap_tren, o.ten].filter(Boolean).join(" — ");
    list.append(el("li", {}, el("span", {}, `${name} (${o.ky_hieu}; mã ${o.ma})`), el("br"),
      el("button", { type: "button", onclick: () => { const v = currentValue(); v.co_quan = o.ma; delete v.cac_ben; setValue(v); say(`Cơ quan ban hành: ${name}`); } }, "Chọn làm cơ quan ban hành"),
      el("button", { type: "button", onclick: () => addParty(o) }, "Thêm làm một bên liên tịch")));
  }
}));

function addParty(o) {
  const v = currentValue();
  const parties = Array.isArray(v.cac_ben) ? v.cac_ben : [];
  if (!parties.length && v.co_quan) parties.push({ co_quan: v.co_quan, ky: v.ky || { chuc_vu: "", ho_ten: "" } });
  parties.push({ co_quan: o.ma, ky: { chuc_vu: "", ho_ten: "" } });
  delete v.co_quan;
  delete v.ky;
  v.cac_ben = parties;
  setValue(v);
  say(`Đã thêm ${o.ten}: văn bản có ${parties.length} bên; điền người ký của từng bên.`);
}

$("tim-trich-dan").addEventListener("input", debounce(async () => {
  const list = $("ds-trich-dan");
  const words = $("tim-trich-dan").value.trim();
  list.innerHTML = "";
  if (!words) return;
  const answer = await api.citations(words);
  if (!answer.ok) { list.append(el("li", {}, errorsOf(answer).map((p) => p.thong_bao).join("; "))); return; }
  if (!answer.body.length) list.append(el("li", {}, "Không tìm thấy trong danh mục văn bản."));
  for (const c of answer.body.slice(0, 30)) {
    list.append(el("li", {}, el("span", {}, `In là: ${c.day_du}`), el("br"),
      el("button", { type: "button", onclick: () => addCitation(c) }, `Thêm ${c.so_ky_hieu} vào căn cứ`)));
  }
}));

function addCitation(c) {
  const v = currentValue();
  v.mo_dau = v.mo_dau && typeof v.mo_dau === "object" ? v.mo_dau : {};
  v.mo_dau.can_cu = Array.isArray(v.mo_dau.can_cu) ? v.mo_dau.can_cu : [];
  if (!v.mo_dau.can_cu.includes(c.so_ky_hieu)) v.mo_dau.can_cu.push(c.so_ky_hieu);
  setValue(v);
  say(`Đã thêm căn cứ: ${c.day_du}`);
}

// ------------------------------------------------------------------ saved documents

async function loadSaved() {
  const answer = await api.saved($("tim-da-luu").value.trim(), $("xem-luu-tru").checked);
  const list = $("da-luu");
  list.innerHTML = "";
  if (!answer.ok) { list.append(el("li", {}, errorsOf(answer).map((p) => p.thong_bao).join("; "))); return; }
  for (const s of answer.body) {
    const title = `${s.loai ? (kindNames[s.loai] || s.loai) + " — " : ""}${s.so_ky_hieu ? "Số " + s.so_ky_hieu : "chưa có số trong sổ"}`;
    const line = [s.ngay, s.trich_yeu, s.sua_luc ? "sửa " + s.sua_luc.replace("T", " ") : "", s.nguoi_sua, s.luu_tru ? "đã lưu trữ" : ""].filter(Boolean).join(" · ");
    const li = el("li", {}, el("strong", {}, title), el("br"), el("span", { class: "phu" }, line || s.ten));
    const actions = el("div", { class: "viec" },
      el("button", { type: "button", onclick: () => openSaved(s) }, "Mở"),
      el("button", { type: "button", onclick: () => reportFrom(s) }, "Báo cáo từ văn bản này"),
      el("button", { type: "button", onclick: () => copySaved(s) }, "Sao thành bản mới"),
      el("button", { type: "button", onclick: () => showVersions(s) }, "Các phiên bản"),
      el("button", { type: "button", onclick: () => archive(s) }, s.luu_tru ? "Bỏ lưu trữ" : "Lưu trữ"));
    li.append(actions);
    list.append(li);
  }
  if (!list.children.length) list.append(el("li", {}, "Chưa có văn bản nào."));
}
$("tim-da-luu").addEventListener("input", debounce(loadSaved));
$("xem-luu-tru").addEventListener("change", loadSaved);

async function openSaved(s) {
  if (!askOverwrite()) return;
  const answer = await api.open(s.ten);
  if (!answer.ok) { say(errorsOf(answer).map((p) => p.thong_bao).join("; ")); return; }
  showTab($("tab-soan"));
  setData(answer.body, s.ma_van_ban);
  dirty = false;
  keepLocal();
  $("tab-soan").focus();
}
async function copySaved(s) {
  await openSaved(s);
  $("sao-moi").click();
}
async function reportFrom(s) {
  if (!askOverwrite()) return;
  const answer = await api.reportFrom(s.ten);
  if (!answer.ok) { say("Chưa lập được báo cáo: " + errorsOf(answer).map((p) => p.thong_bao).join("; ")); return; }
  showTab($("tab-soan"));
  setData(dump(jsyaml.load(answer.body)), newId());
  edited();
  say("Đã lập báo cáo từ văn bản đã lưu: các nhiệm vụ đã điền sẵn, ghi kết quả từng nhiệm vụ.");
  $("tab-soan").focus();
}
async function archive(s) {
  const answer = await api.archive(s.ten, !s.luu_tru);
  say(answer.ok ? (s.luu_tru ? "Đã bỏ lưu trữ." : "Đã lưu trữ văn bản.") : errorsOf(answer).map((p) => p.thong_bao).join("; "));
  loadSaved();
}
let versionsOf = null;
async function showVersions(s) {
  versionsOf = s;
  $("phien-ban-khung").hidden = false;
  $("khung-so-sanh").hidden = true;
  const list = $("phien-ban");
  list.innerHTML = "";
  const answer = await api.versions(s.ten);
  if (!answer.ok) { list.append(el("li", {}, errorsOf(answer).map((p) => p.thong_bao).join("; "))); return; }
  for (const v of answer.body) {
    list.append(el("li", {}, el("label", {}, el("input", { type: "checkbox", value: v.phien_ban, class: "chon-phien-ban" }),
      ` Phiên bản ${v.phien_ban} — ${String(v.luc).replace("T", " ")}${v.nguoi ? " — " + v.nguoi : ""}`),
      el("div", { class: "viec" }, el("button", { type: "button", onclick: () => restore(s, v.phien_ban) }, `Khôi phục phiên bản ${v.phien_ban}`))));
  }
  $("phien-ban-tieu-de").focus();
}
async function restore(s, n) {
  if (!askOverwrite()) return;
  const answer = await api.version(s.ten, n);
  if (!answer.ok) { say(errorsOf(answer).map((p) => p.thong_bao).join("; ")); return; }
  showTab($("tab-soan"));
  setData(answer.body, s.ma_van_ban);
  edited();   // saved again as the newest version
  say(`Đã khôi phục phiên bản ${n}.`);
}
$("so-sanh").addEventListener("click", async () => {
  const chosen = [...document.querySelectorAll(".chon-phien-ban:checked")].map((c) => Number(c.value)).sort((a, b) => a - b);
  if (chosen.length !== 2 || !versionsOf) { say("Chọn đúng hai phiên bản để so sánh."); return; }
  const [a, b] = await Promise.all(chosen.map((n) => api.version(versionsOf.ten, n)));
  if (!a.ok || !b.ok) { say("Không đọc được phiên bản."); return; }
  const answer = await api.compare(a.body, b.body, `Phiên bản ${chosen[0]}`, `Phiên bản ${chosen[1]}`);
  if (!answer.ok) { say(errorsOf(answer).map((p) => p.thong_bao).join("; ")); return; }
  $("khung-so-sanh").srcdoc = answer.body;
  $("khung-so-sanh").hidden = false;
});

// ------------------------------------------------------------------ the register

let registerRows = [];
async function loadRegister() {
  const answer = await api.register();
  const body = $("bang-so").querySelector("tbody");
  body.innerHTML = "";
  if (!answer.ok) { body.append(el("tr", {}, el("td", { colspan: 7 }, errorsOf(answer).map((p) => p.thong_bao).join("; ")))); return; }
  registerRows = answer.body;
  drawRegister();
  const audit = await api.audit();
  $("nhat-ky").innerHTML = "";
  if (audit.ok) {
    for (const a of audit.body.slice(-50).reverse()) {
      $("nhat-ky").append(el("li", {}, `${a.luc} — ${a.hanh_dong} ${a.so_ky_hieu || ""}${a.nguoi ? " — " + a.nguoi : ""}${a.ly_do ? " — lý do: " + a.ly_do : ""}`));
    }
  }
}
function shownRows() {
  const words = $("loc-so").value.trim().toLowerCase();
  return registerRows.filter((r) => !words || [r.so_ky_hieu, r.co_quan, r.loai, r.ky_danh_so, r.trang_thai, r.ghi_chu].join(" ").toLowerCase().includes(words));
}
function drawRegister() {
  const body = $("bang-so").querySelector("tbody");
  body.innerHTML = "";
  for (const r of shownRows()) {
    const symbol = r.so_ky_hieu;   // a reserved number too: the service writes its symbol
    const voided = /hủy/i.test(r.trang_thai);
    const cell = (label, value) => el("td", { "data-nhan": label }, value);   // the label shows on a phone
    body.append(el("tr", {}, cell("Số ký hiệu", symbol), cell("Cơ quan", r.co_quan), cell("Loại", r.loai), cell("Kỳ", r.ky_danh_so),
      cell("Trạng thái", r.trang_thai), cell("Ghi chú", r.ghi_chu || ""),
      cell("Việc", voided ? "" : el("button", { type: "button", onclick: () => askVoid(r, symbol) }, `Hủy số ${symbol}`))));
  }
  if (!body.children.length) body.append(el("tr", {}, el("td", { colspan: 7 }, "Sổ chưa có số nào.")));
}
$("loc-so").addEventListener("input", drawRegister);
$("xuat-so").addEventListener("click", () => {
  const cell = (v) => `"${String(v ?? "").replace(/"/g, '""')}"`;
  const lines = [["Dòng", "Số ký hiệu", "Cơ quan", "Loại", "Kỳ", "Số", "Trạng thái", "Ghi chú"].map(cell).join(",")];
  for (const r of shownRows()) lines.push([r.dong, r.so_ky_hieu, r.co_quan, r.loai, r.ky_danh_so, r.so, r.trang_thai, r.ghi_chu].map(cell).join(","));
  const link = el("a", { href: URL.createObjectURL(new Blob(["\ufeff" + lines.join("\r\n")], { type: "text/csv" })), download: "so-van-ban-di.csv" });
  document.body.append(link);
  link.click();
  link.remove();
});
let voiding = null;
function askVoid(row, symbol) {
  voiding = row;
  $("huy-so").textContent = symbol;
  $("ly-do-huy").value = "";
  $("hoi-huy").showModal();
  $("ly-do-huy").focus();
}
$("hoi-huy").addEventListener("close", async () => {
  if ($("hoi-huy").returnValue !== "huy" || !voiding) return;
  const answer = await api.voidNumber(voiding.dong, $("ly-do-huy").value.trim());
  say(answer.ok ? `Đã hủy số ${answer.body.so}.` : "Không hủy được số: " + errorsOf(answer).map((p) => p.thong_bao).join("; "));
  voiding = null;
  await loadRegister();
  $("thong-bao-chung").focus();
});
$("giu-cho").addEventListener("submit", async (e) => {
  e.preventDefault();
  const answer = await api.reserve({ co_quan: $("gc-co-quan").value.trim(), loai: $("gc-loai").value.trim(), ngay: $("gc-ngay").value.trim(), ghi_chu: $("gc-ghi-chu").value.trim() });
  say(answer.ok ? `Đã giữ chỗ số ${answer.body.so}.` : "Không giữ chỗ được: " + errorsOf(answer).map((p) => p.thong_bao).join("; "));
  loadRegister();
});

// ------------------------------------------------------------------ lint a Word file

$("tep-lint").addEventListener("change", async () => {
  const file = $("tep-lint").files[0];
  if (!file) return;
  $("lint-tom-tat").textContent = "Đang kiểm tra...";
  const out = $("lint-ket-qua");
  out.innerHTML = "";
  const answer = await api.lint(file);
  $("tep-lint").value = "";
  if (!answer.ok) {
    $("lint-tom-tat").textContent = `Không kiểm tra được ${file.name}`;
    out.append(el("ul", {}, ...errorsOf(answer).map((p) => el("li", { class: "loi" }, problemText(p)))));
    return;
  }
  const findings = answer.body.ket_qua || [];
  const errors = findings.filter((f) => f.muc_do !== "canh_bao").length;
  $("lint-tom-tat").textContent = `${file.name}: ${errors} lỗi, ${findings.length - errors} cảnh báo (hồ sơ ${answer.body.ho_so})`;
  const places = new Map();
  for (const f of findings) {
    const place = f.vi_tri || "Toàn văn bản";
    if (!places.has(place)) places.set(place, []);
    places.get(place).push(f);
  }
  for (const [place, items] of places) {
    out.append(el("section", { class: "lint-nhom" }, el("h3", {}, place),
      el("ul", {}, ...items.map((f) => el("li", {}, el("span", { class: "nhan" }, f.muc_do === "canh_bao" ? "Cảnh báo " : "Lỗi "), `${f.quy_tac ? "[" + f.quy_tac + "] " : ""}${f.thong_bao}`)))));
  }
});

// ------------------------------------------------------------------ signing in

async function showUser(name, role) {
  $("dang-nhap").hidden = Boolean(name);
  $("nguoi-dung").hidden = !name;
  $("ten-nguoi-dung").textContent = name ? `${name} (${role === "van_thu" ? "văn thư" : "soạn thảo"})` : "";
}
$("dang-nhap").addEventListener("submit", async (e) => {
  e.preventDefault();
  const answer = await api.login($("ten-dang-nhap").value.trim(), $("mat-khau").value);
  $("mat-khau").value = "";
  if (!answer.ok) { say("Đăng nhập không được: " + errorsOf(answer).map((p) => p.thong_bao).join("; ")); return; }
  sessionStorage.setItem("docgen-nguoi-dung", JSON.stringify([answer.body.ten, answer.body.vai_tro]));
  showUser(answer.body.ten, answer.body.vai_tro);
  say(`Đã đăng nhập: ${answer.body.ten}`);
  if (!form) await loadAll();
  $("dang-xuat").focus();
});
$("dang-xuat").addEventListener("click", async () => {
  await api.logout();
  sessionStorage.removeItem("docgen-nguoi-dung");
  showUser(null);
  say("Đã đăng xuất.");
  $("ten-dang-nhap").focus();
});

// ------------------------------------------------------------------ start

window.addEventListener("beforeunload", keepLocal);

async function loadAll() {
  // the kinds, the form, and the draft kept in this browser (after a reload)
  if (!(await loadKinds())) return false;
  kind = $("loai").value;
  const kept = JSON.parse(localStorage.getItem(LOCAL) || "null");
  if (kept && kept.text) {
    if (kept.kind) { kind = kept.kind; $("loai").value = kind; }
    await buildForm(undefined);
    setData(kept.text, kept.id);
    dirty = kept.dirty !== false;
    $("luu-nhap").textContent = dirty ? "Đã mở lại bản đang soạn dở (chưa lưu)" : "Đã mở lại văn bản đang soạn";
    if (dirty) saveTimer = setTimeout(saveDraft, AUTOSAVE);
  } else {
    await buildForm(undefined);
  }
  return true;
}

(async function start() {
  const session = await api.session();
  if (session.ok && session.body.nguoi) showUser(session.body.nguoi, session.body.vai_tro);
  else if (api.signedIn() && sessionStorage.getItem("docgen-nguoi-dung")) showUser(...JSON.parse(sessionStorage.getItem("docgen-nguoi-dung")));
  const answer = await api.kinds();
  if (answer.status === 401) say("Đăng nhập để soạn văn bản (tên và mật khẩu do văn thư hoặc quản trị cấp).");
  else await loadAll();
  document.body.dataset.san = "1";   // ready (the browser tests wait for it)
})();

"use strict";
// The clerks' page: edit the data, see problems as you type, download the document.
const $ = (id) => document.getElementById(id);
const editor = $("du-lieu");
let timer = null;
// The document being edited has an id: a new one for a new document, the saved one when reopened.
// The register keeps its number under this id, so regenerating keeps the number.
let documentId = null;
const newId = () => (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(16).slice(2));

function status(text, ok) {
  $("trang-thai").textContent = text;
  $("trang-thai").className = ok ? "hop-le" : "co-loi";
}

function showProblems(problems, warnings) {
  const list = $("loi");
  list.innerHTML = "";
  for (const [items, cls] of [[problems, "loi"], [warnings, "canh-bao"]]) {
    for (const p of items) {
      const li = document.createElement("li");
      li.className = cls;
      const where = p.dong ? `dòng ${p.dong}${p.cot ? ", cột " + p.cot : ""}` : "";
      li.textContent = `${where}${p.truong ? " [" + p.truong + "]" : ""}: ${p.thong_bao}`;
      if (p.dong) li.addEventListener("click", () => goToLine(p.dong));
      list.appendChild(li);
    }
  }
}

function goToLine(line) {
  const lines = editor.value.split("\n");
  const start = lines.slice(0, line - 1).join("\n").length + (line > 1 ? 1 : 0);
  editor.focus();
  editor.setSelectionRange(start, start + (lines[line - 1] || "").length);
}

async function check() {
  if (!editor.value.trim()) { showProblems([], []); status("", true); return; }
  const answer = await fetch("/api/kiem-tra", { method: "POST", headers: { "Content-Type": "text/yaml" }, body: editor.value });
  const body = await answer.json();
  if (answer.ok) { showProblems([], body.canh_bao || []); status("Hợp lệ", true); }
  else { showProblems(body.loi || [], []); status(`${(body.loi || []).length} lỗi`, false); }
}

function scheduleCheck() { clearTimeout(timer); timer = setTimeout(check, 500); }

async function download(format) {
  status("Đang tạo văn bản...", true);
  if (!documentId) documentId = newId();
  const answer = await fetch(`/api/tao?dinh_dang=${format}&luu=true&ma_van_ban=${documentId}`,
                             { method: "POST", headers: { "Content-Type": "text/yaml" }, body: editor.value });
  if (!answer.ok) {
    const body = await answer.json();
    showProblems(body.loi || [], []);
    status("Chưa tạo được văn bản", false);
    return;
  }
  const name = (answer.headers.get("Content-Disposition") || "").match(/filename="([^"]+)"/);
  const link = document.createElement("a");
  link.href = URL.createObjectURL(await answer.blob());
  link.download = name ? name[1] : `van-ban.${format}`;
  document.body.appendChild(link);
  link.click();
  link.remove();
  status(`Đã tạo ${link.download}`, true);
  loadSaved();
}

async function loadKinds() {
  const kinds = await (await fetch("/api/loai")).json();
  for (const k of kinds) {
    const option = document.createElement("option");
    option.value = k.loai;
    option.textContent = `${k.ten_loai} — ${k.mo_ta}`;
    $("loai").appendChild(option);
  }
}

async function loadSaved() {
  const saved = await (await fetch("/api/van-ban")).json();
  const list = $("da-luu");
  list.innerHTML = "";
  for (const s of saved) {
    const li = document.createElement("li");
    li.textContent = `${s.so_ky_hieu ? "Số " + s.so_ky_hieu : s.ten} (${s.sua_luc.replace("T", " ")})`;
    li.addEventListener("click", async () => {
      editor.value = await (await fetch(`/api/van-ban/${encodeURIComponent(s.ten)}`)).text();
      documentId = s.ma_van_ban;
      check();
    });
    list.appendChild(li);
  }
}

$("mau").addEventListener("click", async () => {
  editor.value = await (await fetch(`/api/loai/${$("loai").value}/mau`)).text();
  documentId = newId();
  check();
});
// A Word file (docgen's or typed by hand) read back into data: the editor gets its YAML.
$("nhap-word").addEventListener("change", async () => {
  const file = $("nhap-word").files[0];
  if (!file) return;
  status("Đang đọc văn bản Word...", true);
  const form = new FormData();
  form.append("tep", file);
  const answer = await fetch("/api/nhap", { method: "POST", body: form });
  const body = await answer.json();
  $("nhap-word").value = "";
  if (!answer.ok) { showProblems(body.loi || [], []); status("Không đọc được văn bản Word", false); return; }
  editor.value = body.yaml;
  documentId = newId();
  await check();
  const kept = body.bao_cao.filter((n) => n.loai !== "chuan_hoa").length;
  if (kept) showProblems([], body.bao_cao.filter((n) => n.loai !== "chuan_hoa").map((n) => ({ truong: n.vi_tri, thong_bao: n.noi_dung })));
});
$("tai-docx").addEventListener("click", () => download("docx"));
$("tai-pdf").addEventListener("click", () => download("pdf"));
editor.addEventListener("input", scheduleCheck);
loadKinds();
loadSaved();

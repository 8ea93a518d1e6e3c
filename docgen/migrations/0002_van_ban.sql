-- Revision 2: documents saved by the service, every version kept (they were files in
-- data/van-ban-web; docgen.saved imports those once). A version is added only when the text
-- changes; luu_tru (0/1) hides a document from the list without deleting anything.
CREATE TABLE IF NOT EXISTS van_ban (
    ten TEXT PRIMARY KEY,
    loai TEXT,
    ngay TEXT,
    trich_yeu TEXT,
    phien_ban INTEGER NOT NULL,
    sua_luc TEXT NOT NULL,
    nguoi_sua TEXT NOT NULL,
    luu_tru INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS phien_ban (
    ten TEXT NOT NULL REFERENCES van_ban (ten),
    so INTEGER NOT NULL,
    luc TEXT NOT NULL,
    nguoi TEXT NOT NULL,
    noi_dung TEXT NOT NULL,
    kich_thuoc INTEGER NOT NULL,
    PRIMARY KEY (ten, so)
);
-- Settings every worker and machine shares (the key that signs CSRF tokens of proxy users).
CREATE TABLE IF NOT EXISTS cau_hinh (
    khoa TEXT PRIMARY KEY,
    gia_tri TEXT NOT NULL
);

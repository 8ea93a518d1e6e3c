"""The catalog a document is checked against: the catalogs of governing documents (named by
the sources, or the nearest ``danh-muc/``) and, asked for only when needed, the office's own
numbered documents. Kept apart from `docgen.document.load` so that `lint` gets its catalog
without loading the document models."""
from __future__ import annotations

from functools import partial
from pathlib import Path

from docgen.citations.catalog import Catalog, Entry, find_catalog_dirs, load_catalog_cached
from docgen.input.sources import Sources, office_root, once


def catalog_for(base_dir: Path, sources: Sources, office: Path | None = None) -> Catalog:
    """Returns the catalog named by `sources`, or the nearest ``danh-muc/`` folder's (empty
    when there is none), with the numbered documents of the office's data folder added (the
    one `base_dir` is in, else `office`); raises `DataError` for a bad catalog. Within a build
    (`looking_up_once`) the documents of one folder share one catalog."""
    return once(("catalog_for", base_dir, sources, office), lambda: _catalog_for(base_dir, sources, office))


def _catalog_for(base_dir: Path, sources: Sources, office: Path | None) -> Catalog:
    paths = list(sources.catalogs) if sources.catalogs is not None else find_catalog_dirs(base_dir)
    catalog = load_catalog_cached(paths)
    root = office_root(base_dir) or office
    if root is None:
        return catalog
    return catalog.adding_later(partial(_office_entries, root, sources))


def _office_entries(root: Path, sources: Sources) -> tuple[list[Entry], str]:
    from docgen.document.index import OWN_SOURCE, office_documents

    return [entry for entry, _path in office_documents(root, sources)], OWN_SOURCE

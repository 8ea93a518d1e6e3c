"""``python -m docgen.faces.templates``: write every kind's template into ``templates/docx/``
from the default profile (the templates are built, then committed; a test checks they are
current)."""
from __future__ import annotations

from docgen.core import Core


def main() -> None:
    """Writes the templates and says which."""
    for target in Core().write_templates():
        print(f"đã ghi {target}")


if __name__ == "__main__":
    main()

"""`deckgen schema`: the JSON Schemas for course, module and theme files, generated from the field
definitions the validator itself uses (outline.COURSE, outline.MODULE, theme.THEME)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..spec import Type, schema_document

PACKAGED = Path(__file__).resolve().parent.parent / "schemas"  # the copies shipped in the package
ID_PREFIX = "urn:deckgen:schema:"


@dataclass(frozen=True)
class SchemaKind:
    name: str
    title: str
    description: str

    @property
    def file_name(self) -> str:
        return f"{self.name}.schema.json"

    def definition(self) -> Type:
        from ..outline import COURSE, MODULE
        from ..theme import THEME
        return {"course": COURSE, "module": MODULE, "theme": THEME}[self.name]


KINDS: dict[str, SchemaKind] = {k.name: k for k in (
    SchemaKind("course", "deckgen course",
               "A deckgen course.yaml: the course title, trainers, and the days with their breaks and "
               "module files. See docs/outline-format.md."),
    SchemaKind("module", "deckgen module",
               "A deckgen module file: its number, title, objectives and sections (content, framework, "
               "case, exercise). See docs/outline-format.md."),
    SchemaKind("theme", "deckgen theme",
               "A deckgen theme.yaml: palette, fonts, sizes, footer, logos, backgrounds and labels; a theme "
               "may extend another and set only what differs."),
)}


def generate(name: str) -> dict:
    """The schema document for `name` (course, module or theme)."""
    kind = KINDS[name]
    return schema_document(kind.definition(), schema_id=f"{ID_PREFIX}{kind.name}", title=kind.title,
                           description=kind.description)


def render(name: str) -> str:
    """The schema as the text of a .schema.json file (stable: same definitions in, same bytes out)."""
    return json.dumps(generate(name), indent=2, ensure_ascii=False) + "\n"


def write_schemas(out_dir: Path, names: list[str] | tuple[str, ...] = tuple(KINDS)) -> list[Path]:
    """Write <name>.schema.json into out_dir for each name, atomically; returns the paths written."""
    from ..writer import write_atomic
    texts = {name: render(name) for name in names}  # everything generated before anything is written
    written = []
    for name, text in texts.items():
        path = Path(out_dir) / KINDS[name].file_name
        write_atomic(path, text.encode("utf-8"))
        written.append(path)
    return written

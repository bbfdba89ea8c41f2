"""Stage 1 for a Word document (DOCX): bytes → text, with the standard library (zipfile, ElementTree).

- each paragraph is a line; a line break inside one (`w:br`, `w:cr`) is a line break, a tab a tab;
- a table row whose cells hold one paragraph each is one line, its cells separated by tabs (what
  the table reader reads); a row with a cell of several paragraphs (the two-column masthead of an
  official document, a signature block) is read cell by cell, one line per paragraph;
- deleted revisions, field codes and the fallback copies of drawings are left out; the text of a
  text box follows the paragraph that anchors it;
- headers and footers become the context that names the issuer's place, as an HTML page's chrome does.
"""
from __future__ import annotations

import io
import re
import zipfile
import zlib
from xml.etree import ElementTree

from .errors import InputError

_WORD_NAMESPACES = ("http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                    "http://purl.oclc.org/ooxml/wordprocessingml/main")  # transitional and strict OOXML
_MARKUP_COMPATIBILITY = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_MAIN_PART = "word/document.xml"
_MAX_PART_BYTES = 64 * 1024 * 1024  # unpacked; guards against a ZIP bomb
_HEADERS_FOOTERS = re.compile(r"word/(?:header|footer)\d*\.xml")

# Elements whose content is not text a reader sees: properties, deleted or moved-away revisions, field
# codes, the fallback copy of a drawing, notes' marks.
_SKIPPED = frozenset(("pPr", "rPr", "tblPr", "trPr", "tcPr", "sectPr", "del", "moveFrom", "delText",
                      "instrText", "delInstrText", "Fallback", "footnoteReference", "endnoteReference"))
_CONTAINERS = frozenset(("body", "sdt", "sdtContent", "customXml", "ins", "moveTo", "smartTag",
                         "AlternateContent", "Choice", "hdr", "ftr", "txbxContent"))
_INLINE_TEXT = {"tab": "\t", "ptab": "\t", "br": "\n", "cr": "\n", "noBreakHyphen": "-"}


def is_docx(archive: zipfile.ZipFile) -> bool:
    return _MAIN_PART in archive.namelist()


def read_docx(archive: zipfile.ZipFile, path: str | None) -> tuple[str, str]:
    """The text of the document's body, and the text of its headers and footers."""
    body = "\n".join(_lines(_part(archive, _MAIN_PART, path)))
    chrome = [line for name in archive.namelist() if _HEADERS_FOOTERS.fullmatch(name)
              for line in _lines(_part(archive, name, path)) if line.strip()]
    return body.strip("\n") + "\n", "\n".join(chrome)


def open_zip(raw: bytes, path: str | None) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise InputError(path, f"corrupt DOCX or ZIP file: {_zip_problem(exc)}") from None


def _zip_problem(exc: Exception) -> str:
    message = str(exc)
    if "not a zip file" in message.lower():
        return "its ZIP directory is missing (a truncated download?)"
    return message


def _part(archive: zipfile.ZipFile, name: str, path: str | None) -> ElementTree.Element:
    try:
        if archive.getinfo(name).file_size > _MAX_PART_BYTES:
            raise InputError(path, f"corrupt DOCX file: {name} unpacks to more than {_MAX_PART_BYTES >> 20} MB")
        data = archive.read(name)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as exc:
        raise InputError(path, f"corrupt DOCX file: cannot unpack {name} ({exc})") from None
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:  # Office never writes these; entities can explode
        raise InputError(path, f"corrupt DOCX file: {name} declares a DTD, which Word documents do not")
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise InputError(path, f"corrupt DOCX file: {name} is not well-formed XML ({exc})") from None


def _name(element: ElementTree.Element) -> str | None:
    """The local name of a WordprocessingML or markup-compatibility element, else None."""
    namespace, _, local = element.tag.rpartition("}")
    namespace = namespace[1:]
    return local if namespace in _WORD_NAMESPACES or namespace == _MARKUP_COMPATIBILITY else None


def _lines(root: ElementTree.Element) -> list[str]:
    lines: list[str] = []
    _blocks(root, lines)
    return lines


def _blocks(element: ElementTree.Element, lines: list[str]) -> None:
    for child in element:
        name = _name(child)
        if name == "p":
            _paragraph(child, lines)
        elif name == "tbl":
            _table(child, lines)
        elif name in _CONTAINERS:
            _blocks(child, lines)


def _paragraph(paragraph: ElementTree.Element, lines: list[str]) -> None:
    parts: list[str] = []
    boxes: list[ElementTree.Element] = []
    _inline(paragraph, parts, boxes)
    lines.extend("".join(parts).split("\n"))
    for box in boxes:
        _blocks(box, lines)


def _inline(element: ElementTree.Element, parts: list[str], boxes: list[ElementTree.Element]) -> None:
    for child in element:
        name = _name(child)
        if name == "t":
            parts.append(child.text or "")
        elif name in _INLINE_TEXT:
            parts.append(_INLINE_TEXT[name])
        elif name == "txbxContent":
            boxes.append(child)
        elif name not in _SKIPPED:
            _inline(child, parts, boxes)  # runs, hyperlinks, fields, insertions, drawings that hold text boxes


def _table(table: ElementTree.Element, lines: list[str]) -> None:
    for row in _children(table, "tr"):
        cells = [(_cell_lines(cell), _span(cell)) for cell in _children(row, "tc")]
        if all(len(cell) <= 1 for cell, _ in cells):
            line = "\t".join((cell[0] if cell else "") + "\t" * (span - 1) for cell, span in cells)
            lines.append(line if line.strip() else "")
        else:
            lines.extend(line for cell, _ in cells for line in cell)


def _children(element: ElementTree.Element, wanted: str):
    """The `wanted` children of `element`, also those wrapped in content controls or custom XML."""
    for child in element:
        name = _name(child)
        if name == wanted:
            yield child
        elif name in ("sdt", "sdtContent", "customXml"):
            yield from _children(child, wanted)


def _cell_lines(cell: ElementTree.Element) -> list[str]:
    lines: list[str] = []
    _blocks(cell, lines)
    return [line.strip() for line in lines if line.strip()]


def _span(cell: ElementTree.Element) -> int:
    for properties in cell:
        if _name(properties) == "tcPr":
            for prop in properties:
                if _name(prop) == "gridSpan":
                    value = next((v for k, v in prop.attrib.items() if k.endswith("}val")), "1")
                    return int(value) if value.isdigit() and 0 < int(value) < 64 else 1
    return 1

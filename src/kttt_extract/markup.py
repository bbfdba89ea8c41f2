"""HTML page → the text a reader sees, plus the page chrome that names the issuing place.

`html_to_text(html) -> (text, context)`:
- text: the page as a scraped text page: block elements on their own lines, table rows on one
  line (cells separated by a tab), scripts, styles, menus, forms and the masthead left out,
  the headline (first `<h1>` or `<title>`) first when the body does not already have it;
- context: the `<title>`, site name, masthead and footer, which often hold the only mention of
  the place (`CỔNG THÔNG TIN ĐIỆN TỬ HUYỆN …`, `Cơ quan chủ quản: UBND tỉnh …`).
"""
from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .nesting import shallow

# Never text.
_INVISIBLE = frozenset(("script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "canvas",
                        "head", "title", "select", "button", "input", "textarea", "option", "map", "-comment"))
_BLOCKS = frozenset((
    "address", "article", "aside", "blockquote", "center", "dd", "details", "dialog", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hgroup", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody",
    "thead", "tfoot", "caption", "tr", "ul", "body", "html",
))
_PARAGRAPHS = frozenset(("p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table", "ul", "ol", "pre"))
_CELLS = frozenset(("td", "th"))

_MENU_TOKEN = re.compile(r"(?:^|[-_])(?:menu|menus|nav|navbar|navigation|breadcrumbs?|submenu|megamenu)(?:[-_]|$)",
                         re.IGNORECASE)
_MENU_ROLES = frozenset(("navigation", "menu", "menubar", "search"))
_MASTHEAD_TOKEN = re.compile(r"^(?:site|page|top|main|portal)?[-_]?(?:header|masthead|banner)$", re.IGNORECASE)
_FOOTER_TOKEN = re.compile(r"^(?:site|page|main|portal)?[-_]?footer$", re.IGNORECASE)
# An element holding the article itself, or most of the page, is never chrome, whatever its class says
# (a masthead may hold an <h1> with the site's name; a menu never holds the headline).
_ARTICLE = "article, main"
_ARTICLE_OR_HEADLINE = "article, main, h1"
_MOST_OF_THE_PAGE = 0.5

_SPACE_RUN = re.compile(r"[ \t\n\r\f\x01-\x03]+")  # also the break marks below, should a page contain them
_SPACES = re.compile(r" {2,}")
_BLANK_LINES = re.compile(r"\n{3,}")
_TITLE_SEPARATOR = re.compile(r"\s+(?:[|»:]{1,2}|[-–—])\s+")
_PORTAL_WORDS = re.compile(r"cổng thông tin|trang thông tin|cổng ttđt|trang tin|portal|báo điện tử|\.vn\b|\.gov\b|"
                           r"trang chủ|home\b", re.IGNORECASE)


def html_to_text(html: str) -> tuple[str, str]:
    tree = LexborHTMLParser(shallow(html))
    body = tree.body or tree.root
    if body is None:
        return "", ""
    title = _title(tree)
    site_names = [node.attributes.get("content") or "" for node in
                  tree.css('meta[property="og:site_name"], meta[name="author"], meta[name="copyright"]')]
    page_size = len(body.text())
    menus = _chrome(body, page_size, _is_menu, _ARTICLE_OR_HEADLINE)
    mastheads = [node for node in _chrome(body, page_size, _is_masthead, _ARTICLE) if not _inside_article(node)]
    footers = _chrome(body, page_size, _is_footer, _ARTICLE)
    skip = {node.mem_id for node in menus}
    chrome_text = [_block_text(node, skip) for node in [*mastheads, *footers]]
    logos = [img.attributes.get("alt") or "" for masthead in mastheads for img in masthead.css("img")]
    context = _join([title, *site_names, *logos, *chrome_text])
    skip.update(node.mem_id for node in mastheads)
    text = _block_text(body, skip)
    headline = _headline(body, title, skip)
    if headline and _squash(headline) not in _squash(text):
        text = f"{headline}\n\n{text}"
    return text, context


def _title(tree: LexborHTMLParser) -> str:
    node = tree.css_first("title")
    return _SPACE_RUN.sub(" ", node.text()).strip() if node else ""


def _headline(body: LexborNode, title: str, chrome: set[int]) -> str:
    """The first <h1> outside the page chrome, else the <title> without the portal's name."""
    for h1 in body.css("h1"):
        text = _SPACE_RUN.sub(" ", h1.text()).strip()
        if text and not _inside(h1, lambda parent: parent.mem_id in chrome):
            return text
    return _without_portal_name(title)


def _without_portal_name(title: str) -> str:
    """`Tin bài - Cổng thông tin điện tử huyện X` → `Tin bài` (portal parts at either end dropped)."""
    parts = _TITLE_SEPARATOR.split(title)
    while len(parts) > 1 and _PORTAL_WORDS.search(parts[-1]):
        parts.pop()
    while len(parts) > 1 and _PORTAL_WORDS.search(parts[0]):
        parts.pop(0)
    if len(parts) == len(_TITLE_SEPARATOR.split(title)):
        return title
    return title[title.index(parts[0]):title.rindex(parts[-1]) + len(parts[-1])]


def _chrome(body: LexborNode, page_size: int, is_chrome, content: str) -> list[LexborNode]:
    """The outermost elements that `is_chrome` picks out and that hold no `content`."""
    found: list[LexborNode] = []
    found_ids: set[int] = set()
    for node in body.traverse():
        if node.tag in ("body", "html") or not is_chrome(node):
            continue
        if _inside(node, lambda parent: parent.mem_id in found_ids) or node.css_first(content) is not None:
            continue
        if len(node.text()) <= _MOST_OF_THE_PAGE * page_size:
            found.append(node)
            found_ids.add(node.mem_id)
    return found


def _is_menu(node: LexborNode) -> bool:
    role = (node.attributes.get("role") or "").lower()
    return node.tag in ("nav", "form") or role in _MENU_ROLES or _has_token(node, _MENU_TOKEN)


def _is_masthead(node: LexborNode) -> bool:
    role = node.attributes.get("role") or ""
    return node.tag == "header" or role == "banner" or _has_token(node, _MASTHEAD_TOKEN)


def _is_footer(node: LexborNode) -> bool:
    role = node.attributes.get("role") or ""
    return node.tag == "footer" or role == "contentinfo" or _has_token(node, _FOOTER_TOKEN)


def _has_token(node: LexborNode, token: re.Pattern) -> bool:
    attrs = node.attributes
    names = f"{attrs.get('class') or ''} {attrs.get('id') or ''}".split()
    return any(token.search(name) for name in names)


def _inside(node: LexborNode, is_outer) -> bool:
    parent = node.parent
    while parent is not None:
        if is_outer(parent):
            return True
        parent = parent.parent
    return False


def _inside_article(node: LexborNode) -> bool:
    return _inside(node, lambda parent: parent.tag in ("article", "main"))


# Break requests that the walker emits; `_tidy` merges each run of them into real line breaks.
_LINE, _PARAGRAPH, _CELL = "\x01", "\x02", "\x03"
_BREAK_RUN = re.compile("[ \x03]*[\x01\x02\n][ \x01\x02\x03\n]*")
_CELL_RUN = re.compile(" *\x03[ \x03]*")


def _block_text(root: LexborNode, skip: set[int]) -> str:
    """The text of `root` with block elements on their own lines and table rows on one line."""
    parts: list[str] = []
    stack: list[LexborNode | str] = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            parts.append(node)
            continue
        tag = node.tag
        if tag == "-text":
            parts.append(_SPACE_RUN.sub(" ", node.text_content or ""))
        elif tag == "br":
            parts.append("\n")
        elif tag in _INVISIBLE or node.mem_id in skip:
            continue
        elif tag == "pre":
            parts.append(f"{_PARAGRAPH}{node.text().replace(chr(9), ' ')}{_PARAGRAPH}")
        else:
            boundary = _CELL if tag in _CELLS else _PARAGRAPH if tag in _PARAGRAPHS else _LINE if tag in _BLOCKS else ""
            parts.append(boundary)
            stack.append(boundary)
            stack.extend(reversed(list(node.iter(include_text=True))))
    return _tidy("".join(parts))


def _line_breaks(run: re.Match) -> str:
    """A paragraph boundary or two <br> make a blank line; anything else one line break."""
    return "\n\n" if _PARAGRAPH in run.group() or run.group().count("\n") >= 2 else "\n"


def _tidy(text: str) -> str:
    text = _CELL_RUN.sub("\t", _BREAK_RUN.sub(_line_breaks, text))
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip("\n") + "\n"


def _squash(text: str) -> str:
    return _SPACE_RUN.sub(" ", text.replace("\u00a0", " ")).strip().casefold()


def _join(blocks: list[str]) -> str:
    seen, lines = set(), []
    for block in blocks:
        for line in block.split("\n"):
            line = line.strip()
            if line and line not in seen:
                seen.add(line)
                lines.append(line)
    return "\n".join(lines)

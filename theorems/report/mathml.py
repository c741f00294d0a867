"""LaTeX to inline MathML at build time (``latex2mathml``), so that the report renders math offline.

Every function here returns safe HTML (``markupsafe.Markup``) and never raises: text that does not
convert stays as escaped text, so no character of a quote or statement is lost.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markupsafe import Markup, escape

try:  # a missing converter degrades to escaped text rather than breaking the report
    from latex2mathml.converter import convert as _convert
except ImportError:  # pragma: no cover - latex2mathml is a declared dependency
    _convert = None

# $$…$$, \[…\], $…$, \(…\): the delimiters of math inside prose
_DELIMITED = re.compile(r"\$\$(.+?)\$\$|\\\[(.+?)\\\]|(?<![\\$])\$(?!\s*\$)(.+?)(?<!\\)\$|\\\((.+?)\\\)", re.S)
_COMMAND = re.compile(r"\\[A-Za-z]+")
_TEXTUAL = re.compile(r"\\(?:text|mathrm|textbf|textit|operatorname|mbox|begin|end)\s*\{[^{}]*\}")
_WORD = re.compile(r"[A-Za-z]{4,}")
# a LaTeX command or brace left in a token of the output: the converter did not understand it
_LEFTOVER = re.compile(r">[^<]*(\\[A-Za-z]|[{}])[^<]*<")
# latex2mathml writes every symbol as a character reference (θ as &#x003B8;) and the namespace, which HTML
# does not need: the characters themselves are a third of the size. <, > and & stay references.
_REFERENCE = re.compile(r"&#x0*([0-9A-Fa-f]+);")
_MARKUP_CHARACTERS = {"<", ">", "&", '"'}
_NAMESPACE = ' xmlns="http://www.w3.org/1998/Math/MathML"'


def _compact(mathml: str) -> str:
    def character(match: re.Match[str]) -> str:
        char = chr(int(match.group(1), 16))
        return match.group(0) if char in _MARKUP_CHARACTERS else char

    return _REFERENCE.sub(character, mathml.replace(_NAMESPACE, "").replace(' display="inline"', ""))


@lru_cache(maxsize=8192)
def to_mathml(latex: str, display: bool = False) -> str | None:
    """``<math>`` for ``latex``, or ``None`` where it does not convert cleanly."""
    source = latex.strip()
    if not source or _convert is None:
        return None
    try:
        out = _convert(source, display="block" if display else "inline")
    except Exception:  # noqa: BLE001 - latex2mathml raises many kinds of error on bad input
        return None
    if _LEFTOVER.search(out):
        return None
    return _compact(out)


def looks_like_latex(text: str) -> bool:
    """Bare LaTeX (no ``$``): a command or a braced sub/superscript, and almost no prose words."""
    if not (_COMMAND.search(text) or re.search(r"[_^]\{", text)):
        return False
    stripped = _COMMAND.sub(" ", _TEXTUAL.sub(" ", text))
    return len(_WORD.findall(stripped)) <= 1


def _math(latex: str, raw: str, titled: bool) -> Markup:
    out = to_mathml(latex)
    if out is None:
        return Markup('<code class="tex">{}</code>').format(raw)
    if not titled:
        return Markup('<span class="m">{}</span>').format(Markup(out))
    return Markup('<span class="m" title="{}">{}</span>').format(raw, Markup(out))


_SCRIPT = re.compile(r"(?<=[\w)\]|∞'′])([_^])(?:\{([^{}]{1,40})\}|(?<=\^)(-?[\w∞]{1,6}|[*∗⊤†]))")
"""A sub- or superscript written inline in prose: ``x^{d+1}``, ``T_{d+1}``, ``C^∞``, ``2^-d``, ``A^T`` (an unbraced
subscript is left alone: ``simple_loss`` and ``x_i`` read well as they are)."""


def prose(text: str) -> Markup:
    """Prose, escaped, with its inline sub- and superscripts (``x^{d+1}``) as ``<sub>``/``<sup>``."""
    def script(match: re.Match[str]) -> str:
        tag = "sup" if match.group(1) == "^" else "sub"
        return f"<{tag}>{match.group(2) or match.group(3)}</{tag}>"
    return Markup(_SCRIPT.sub(script, str(escape(text))))


def math_text(text: str | None, titled: bool = True) -> Markup:
    """Prose with math: delimited parts (``$…$``, ``\\(…\\)``) or the whole, if it is bare LaTeX, as MathML.

    ``titled``: each formula carries its LaTeX as a tooltip (off where the exact text is shown beside it)."""
    if not text:
        return Markup("")
    if not _DELIMITED.search(text):
        if looks_like_latex(text):
            return _math(text, text, titled)
        return prose(text)
    parts: list[Markup] = []
    last = 0
    for match in _DELIMITED.finditer(text):
        parts.append(prose(text[last:match.start()]))
        latex = next(g for g in match.groups() if g is not None)
        parts.append(_math(latex, match.group(0), titled))
        last = match.end()
    parts.append(prose(text[last:]))
    return Markup("").join(parts)


def quote_html(quote: str | None) -> Markup:
    """A quote rendered as math, with the exact quoted text one click away (and in the title)."""
    if not quote:
        return Markup("")
    rendered = math_text(quote, titled=False)
    if "<math" not in rendered:  # nothing converted: the text is the quote
        return Markup('<span class="q-raw">{}</span>').format(quote)
    return Markup(
        '<span class="q">{rendered}</span>'
        '<details class="raw"><summary>exact text</summary><code>{raw}</code></details>'
    ).format(raw=quote, rendered=rendered)


def display_math(latex: str | None) -> Markup:
    """A block formula (a derivation step): MathML, or the LaTeX as escaped code if it does not convert."""
    if not latex:
        return Markup("")
    out = to_mathml(latex, display=True)
    if out is None:
        return Markup('<code class="tex">{}</code>').format(latex)
    return Markup('<span class="m mb">{}</span>').format(Markup(out))

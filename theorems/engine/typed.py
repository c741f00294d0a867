r"""Typed forms: a claim's formula with named quantities, so that a user can type a variant in LaTeX.

A :class:`TypedForm` says what a claim's formula states (its *subject*, e.g. the number of mistakes
``t``, the relation ``\\le`` and the quantities it may use, e.g. ``R`` and ``\\gamma``) and how a
SymPy expression for the right-hand side becomes the form the claim's check already accepts
(``build``). :func:`parse` reads a typed LaTeX string with SymPy's LaTeX parser (ANTLR backend) into
that right-hand side; :meth:`TypedForm.equivalent` decides symbolic equivalence with the canonical
formula under the quantities' assumptions.

The parser is SymPy's ANTLR backend in strict mode (a formula must be read whole: trailing junk is an
error, never silently dropped); its lark backend does not read implicit products such as ``R^2\gamma^{-2}``.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import sympy

from .boundary import UsageError

RELATIONS = {"=": sympy.Eq, r"\le": sympy.Le, r"\ge": sympy.Ge}


class TypedFormError(UsageError):
    """A typed formula that cannot be read: unparsable, an unknown symbol, the wrong relation."""


@dataclass(frozen=True)
class Quantity:
    """A named quantity of a claim's formula: its LaTeX name, its SymPy symbol and what it means.

    ``spellings`` are other ways to type it (``\\bar{\\alpha}_t`` for ``\\bar\\alpha_t``);
    ``equals`` makes it a derived quantity (``\\alpha_t = 1 - \\beta_t``), replaced by its definition.
    """

    latex: str
    symbol: sympy.Symbol
    meaning: str
    spellings: tuple[str, ...] = ()
    equals: sympy.Expr | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.latex, *self.spellings)

    def describe(self) -> str:
        definition = f" = {sympy.latex(self.equals)}" if self.equals is not None else ""
        return f"{self.latex}{definition}: {self.meaning}"


def quantity(latex: str, name: str, meaning: str, *spellings: str, equals: sympy.Expr | None = None,
             **assumptions: bool) -> Quantity:
    """A :class:`Quantity` whose symbol ``name`` carries ``assumptions`` (default: positive)."""
    return Quantity(latex, sympy.Symbol(name, **(assumptions or {"positive": True})), meaning, spellings, equals)


@dataclass(frozen=True)
class TypedForm:
    """What a claim's formula states, in named quantities: ``subject relation canonical``.

    ``build(rhs, latex)`` turns a parsed right-hand side (a SymPy expression in the quantities'
    symbols) into the form the claim's check receives; ``latex`` is that right-hand side rendered.
    """

    subject: Quantity
    relation: str
    canonical: str
    quantities: tuple[Quantity, ...]
    build: Callable[[sympy.Expr, str], Any] = field(compare=False)

    def __post_init__(self) -> None:
        if self.relation not in RELATIONS:
            raise ValueError(f"relation {self.relation!r}: one of {', '.join(RELATIONS)}")

    @property
    def statement(self) -> str:
        """The canonical formula in full, as LaTeX."""
        return f"{self.subject.latex} {self.relation} {self.canonical}"

    @cached_property
    def canonical_rhs(self) -> sympy.Expr:
        return self.parse(self.canonical)

    def parse(self, latex: str) -> sympy.Expr:
        """The right-hand side of a typed formula (``rhs`` or ``subject relation rhs``) in the quantities."""
        return parse(latex, self)

    def equivalent(self, rhs: sympy.Expr) -> bool:
        """Whether ``rhs`` simplifies to the canonical right-hand side under the quantities' assumptions."""
        return sympy.simplify(rhs - self.canonical_rhs) == 0

    def form(self, rhs: sympy.Expr, latex: str) -> Any:
        """The form the claim's check receives for the typed right-hand side ``rhs``."""
        return self.build(rhs, latex)

    def symbols(self) -> tuple[sympy.Symbol, ...]:
        return tuple(q.symbol for q in self.quantities if q.equals is None)


def numeric(rhs: sympy.Expr, *symbols: sympy.Symbol) -> Callable[..., Any]:
    """``rhs`` as a NumPy function of ``symbols`` (arrays broadcast; 0/0 and overflow give NaN/inf quietly)."""
    function = sympy.lambdify(symbols, rhs, "numpy")

    def evaluate(*values: Any) -> Any:
        with np.errstate(all="ignore"):
            return function(*values)

    return evaluate


def exact_integer(rhs: sympy.Expr, *symbols: sympy.Symbol) -> Callable[..., int]:
    """``rhs`` evaluated exactly at integer values of ``symbols`` (sums and binomials done by SymPy)."""

    def evaluate(*values: int) -> int:
        value = sympy.sympify(rhs.subs(dict(zip(symbols, values, strict=True)))).doit()
        if not (value.is_integer or value.is_Integer):
            raise ValueError(f"the formula gives {value} at {dict(zip(map(str, symbols), values, strict=True))}, "
                             "not an integer count")
        return int(value)

    return evaluate


# --- parsing ---------------------------------------------------------------------------------

_PLACEHOLDER = "quantity"


def _placeholder(index: int) -> str:
    """``\\mathit{quantityA}``: a multi-letter symbol the parser reads as one name, for quantity ``index``."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = string.ascii_uppercase[rest] + letters
    return _PLACEHOLDER + letters


def _boundary_ok(text: str, start: int, end: int, spelling: str) -> bool:
    """A spelling matches whole names only: not inside a command (``t`` in ``\\theta``), not the head of a
    longer name (``p`` of ``p_z`` or ``pq``)."""
    if spelling[0].isalpha() and start > 0 and (text[start - 1].isalpha() or text[start - 1] == "\\"):
        return False
    if spelling[-1].isalnum() and end < len(text) and (text[end].isalpha() or text[end] == "_"):
        return False
    return True


def _substitute(latex: str, named: Sequence[Quantity]) -> tuple[str, list[int], dict[str, Quantity]]:
    """Every spelling of a named quantity replaced by a placeholder; the offset in ``latex`` of each
    character of the result (to report parse errors where the user typed them); placeholder → quantity."""
    spellings = sorted(((s, q) for q in named for s in q.names), key=lambda pair: -len(pair[0]))
    placeholders = {id(q): _placeholder(i) for i, q in enumerate(named)}
    out: list[str] = []
    offsets: list[int] = []
    i = 0
    while i < len(latex):
        for spelling, q in spellings:
            end = i + len(spelling)
            if latex.startswith(spelling, i) and _boundary_ok(latex, i, end, spelling):
                token = rf"{{\mathit{{{placeholders[id(q)]}}}}}"
                out.append(token)
                offsets += [i] * len(token)
                i = end
                break
        else:
            out.append(latex[i])
            offsets.append(i)
            i += 1
    return "".join(out), offsets, {placeholders[id(q)]: q for q in named}


def _syntax_error(latex: str, offsets: list[int], text: str, exc: Exception) -> TypedFormError:
    """The parse error, pointing at the first character of ``latex`` that could not be read."""
    column = _error_column(text, exc)
    at = offsets[column] if column < len(offsets) else len(latex)
    return TypedFormError(f"cannot parse the LaTeX at position {at + 1}:\n  {latex}\n  {' ' * at}^")


def _error_column(text: str, exc: Exception) -> int:
    """Where the parser stopped: its own marker (``~~~^``), else the end of the longest prefix it reads whole."""
    from sympy.parsing.latex import parse_latex

    marker = re.search(r"^(~*)\^$", str(exc), flags=re.MULTILINE)
    if marker:
        return len(marker.group(1))
    for end in range(len(text) - 1, 0, -1):
        try:
            parse_latex(text[:end], strict=True)
        except Exception:  # noqa: BLE001 - any failure: this prefix is not a whole formula either
            continue
        return end
    return 0


def parse(latex: str, typed: TypedForm) -> sympy.Expr:
    """The right-hand side that ``latex`` states, in the symbols of ``typed``'s quantities.

    ``latex`` is either a right-hand side or ``subject relation rhs`` (either way round); a relation
    other than the claim's, or a symbol that names no quantity, is a :class:`TypedFormError`.
    """
    from sympy.parsing.latex import parse_latex

    if not latex.strip():
        raise TypedFormError("the formula is empty")
    # \left( and \right) only size the delimiters: blanked to spaces, so positions in errors stay those typed
    sized = re.sub(r"\\(left|right)(?![A-Za-z])", lambda m: " " * len(m.group()), latex)
    text, offsets, by_placeholder = _substitute(sized, (typed.subject, *typed.quantities))
    try:
        parsed = parse_latex(text, strict=True)
    except Exception as exc:  # noqa: BLE001 - the parser raises several exception types, all a syntax error here
        raise _syntax_error(latex, offsets, text, exc) from None
    subject = sympy.Symbol(_placeholder(0))
    rhs = _right_hand_side(parsed, subject, typed)
    return _bind(rhs, latex, typed, by_placeholder)


def _right_hand_side(parsed: sympy.Basic, subject: sympy.Symbol, typed: TypedForm) -> sympy.Basic:
    """The side of a relation that is not the subject, the relation oriented as ``subject REL rhs``."""
    if not isinstance(parsed, sympy.core.relational.Relational):
        return parsed
    claimed = f"{typed.subject.latex} {typed.relation} ..."
    lhs, rhs, kind = parsed.lhs, parsed.rhs, type(parsed)
    if rhs == subject and lhs != subject:
        lhs, rhs, kind = rhs, lhs, parsed.reversed.func
    if lhs != subject or subject in rhs.free_symbols:
        raise TypedFormError(f"a relation must have {typed.subject.latex} alone on one side: this claim states "
                             f"{claimed}; or type the right-hand side alone")
    if kind is not RELATIONS[typed.relation]:
        raise TypedFormError(f"this claim's check tests {claimed}; the typed relation is a different statement "
                             f"(type it with {typed.relation}, or the right-hand side alone)")
    return rhs


def _bind(rhs: sympy.Basic, latex: str, typed: TypedForm, by_placeholder: dict[str, Quantity]) -> sympy.Expr:
    """Placeholders replaced by the quantities' symbols (or definitions); any other symbol is an error."""
    allowed = ", ".join(q.latex for q in typed.quantities)
    rhs = rhs.xreplace({sympy.Symbol("e"): sympy.E})  # Euler's number, where no quantity is named e
    unknown = sorted(str(s) for s in rhs.free_symbols if str(s) not in by_placeholder)
    if unknown:
        raise TypedFormError(f"unknown symbol(s) {', '.join(_readable(u) for u in unknown)} in {latex!r}; "
                             f"this formula may use: {allowed}")
    if sympy.Symbol(_placeholder(0)) in rhs.free_symbols:
        raise TypedFormError(f"{typed.subject.latex} is what the formula states; its right-hand side may use: "
                             f"{allowed}")
    values = {sympy.Symbol(p): (q.equals if q.equals is not None else q.symbol) for p, q in by_placeholder.items()}
    return sympy.sympify(rhs.xreplace(values))


def _readable(name: str) -> str:
    """A SymPy symbol name as the user typed it (``beta_{t}`` → ``\\beta_{t}``)."""
    head = re.match(r"[a-zA-Z]+", name)
    return "\\" + name if head and head.group(0) in _GREEK else name


_GREEK = {"alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "iota", "kappa",
          "lambda", "mu", "nu", "xi", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega"}

"""Image kernels (document 000:1305-1327): the Gaussian, the Sobel kernel and horizontal motion blur, each
proved in its continuous form where it has one and checked on the implementation's discrete kernel and its
``filter2d`` (a zero-padded 'same' cross-correlation, as ``torch.nn.functional.conv2d``)."""

from __future__ import annotations

import math

import numpy as np
import sympy
from hypothesis import strategies as st

from theorems.engine import (
    Comparison,
    Context,
    Formula,
    Outcome,
    Printed,
    all_of,
    at_most,
    close,
    for_all,
    identity,
    symbolic,
    within_tolerance,
)

from . import GONZALEZ, TOPIC
from .strategies import images

x, y = sympy.symbols("x y", real=True)
sigma, half = sympy.symbols("sigma l", positive=True)
GAUSSIAN = sympy.exp(-(x**2 + y**2) / (2 * sigma**2)) / (2 * sympy.pi * sigma**2)


def gaussian_sum_error(scale: float, radius: int) -> float:
    """A bound on |Σ_{|i|,|j| ≤ r} g(i, j) - 1| for the unit-spaced samples of the 2-D Gaussian: per axis,
    the Poisson-summation error 2 Σ_{j ≥ 1} e^{-2π²σ²j²} plus the truncated tails ≤ erfc(r / (σ√2))."""
    q = math.exp(-2 * math.pi**2 * scale**2)
    per_axis = 2 * q / (1 - q) + math.erfc(radius / (scale * math.sqrt(2)))
    return 2 * per_axis + per_axis**2


@TOPIC.claim(
    "misc.gaussian_kernel_2d",
    method="sympy",
    faithful=("000",),
    references=(GONZALEZ,),
)
def gaussian_kernel_2d(ctx: Context) -> Outcome:
    """The 2-D Gaussian kernel integrates to 1.

    g(x, y) = e^{-(x² + y²)/(2σ²)} / (2πσ²) has ∫∫ g = (∫ e^{-x²/(2σ²)} dx)² / (2πσ²) = 1 (SymPy). The
    implementation's kernel equals g at the integer points of [-r, r]², and for σ ∈ [1, 3], r = ⌈8σ⌉ its samples
    sum to 1 within the Poisson-summation and truncation bound (below 2e-8).
    """
    impl = ctx.impl()
    axis = sympy.Integral(sympy.exp(-(x**2) / (2 * sigma**2)), (x, -sympy.oo, sympy.oo))
    widths = st.floats(0.3, 5.0)

    def sampled(case: tuple[float, int]) -> np.ndarray:
        scale, radius = case
        grid = np.arange(-radius, radius + 1, dtype=float)
        return np.exp(-(grid[:, None] ** 2 + grid[None, :] ** 2) / (2 * scale**2)) / (2 * np.pi * scale**2)

    def total(scale: float) -> Comparison:
        radius = math.ceil(8 * scale)
        error = abs(float(impl.gaussian_kernel(scale, radius).sum()) - 1)
        return at_most(error, gaussian_sum_error(scale, radius), label="|Σ samples - 1|",
                       atol=within_tolerance(1.0, operations=(2 * radius + 1) ** 2))

    return all_of({
        "integral": lambda: symbolic(
            ctx, (r"\iint g\,dx\,dy", sympy.integrate(GAUSSIAN, (x, -sympy.oo, sympy.oo), (y, -sympy.oo, sympy.oo))),
            (r"\frac{(\int e^{-x^2/2\sigma^2}dx)^2}{2\pi\sigma^2}", axis.doit() ** 2 / (2 * sympy.pi * sigma**2)),
            ("1", sympy.Integer(1))),
        "samples": lambda: identity(ctx, st.tuples(widths, st.integers(0, 6)),
                                    lambda case: impl.gaussian_kernel(*case), sampled, label="g(i, j)",
                                    max_examples=30, describe=lambda c: {"sigma": c[0], "radius": c[1]}),
        "sum": lambda: for_all(ctx, st.floats(1.0, 3.0), total, max_examples=10, describe=lambda s: {"sigma": s}),
    })


SOBEL = Formula(r"[1,2,1]^\top[-1,0,1]", lambda: np.outer([1.0, 2.0, 1.0], [-1.0, 0.0, 1.0]))


@TOPIC.claim(
    "misc.sobel_kernel",
    method="property",
    canonical=SOBEL,
    printed={"000": Printed(SOBEL, reading="The table's matrix markup is corrupted ('mat(-1, 0, 1; mat([0, -2], 1), "
                                           "mat([-1], 1))ᵀ'); its entries -1, 0, 1, -2 and the heading 'Sobel_x' "
                                           "are those of the standard Sobel_x = [1, 2, 1]ᵀ[-1, 0, 1], the reading "
                                           "checked.")},
    references=(GONZALEZ,),
)
def sobel_kernel(ctx: Context, kernel: Formula) -> Outcome:
    """The Sobel kernel estimates 8 ∂/∂x.

    Sobel_x = [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]] = [1, 2, 1]ᵀ[-1, 0, 1] (smoothing across, central difference
    along x). The implementation's kernel is this matrix, and cross-correlating it (``filter2d``) with a ramp
    a·x + b·y + c gives 8a at every pixel whose 3 × 3 neighbourhood lies in the image.
    """
    impl = ctx.impl()
    coefficients = st.integers(-5, 5).map(float)

    def ramp(case: tuple[float, float, float, int, int]) -> Comparison:
        a, b, c, rows, cols = case
        row, col = np.mgrid[0:rows, 0:cols].astype(float)
        response = impl.filter2d(a * col + b * row + c, kernel())[1:-1, 1:-1]
        return close(response, np.full_like(response, 8 * a), label="Sobel_x ⋆ (a·x + b·y + c)", rtol=0.0,
                     atol=within_tolerance(8 * a, b * rows, a * cols, c))

    return all_of({
        "kernel": lambda: identity(ctx, st.just(None), lambda _: impl.sobel_x(), lambda _: kernel(),
                                   label="Sobel_x", max_examples=1),
        "ramp": lambda: for_all(ctx, st.tuples(coefficients, coefficients, coefficients, st.integers(3, 7),
                                               st.integers(3, 7)), ramp, max_examples=30,
                                describe=lambda c: dict(zip(("a", "b", "c", "rows", "cols"), c, strict=True))),
    })


@TOPIC.claim(
    "misc.motion_blur_kernel",
    method="sympy",
    faithful=("000",),
    references=(GONZALEZ,),
)
def motion_blur_kernel(ctx: Context) -> Outcome:
    """Horizontal motion blur is a normalised box.

    h(x, y) = (1/(2l)) [θ(x + l) - θ(x - l)] δ(y) (θ the Heaviside step) integrates to 1 (SymPy).
    Discretely: the implementation's kernel is a (1, 2l + 1) row of equal weights summing to 1, and filtering
    with it averages each pixel with its l neighbours on either side of its row.
    """
    impl = ctx.impl()
    box = (sympy.Heaviside(x + half) - sympy.Heaviside(x - half)) / (2 * half)

    def averaged(case: tuple[np.ndarray, int]) -> Comparison:
        image, l_ = case
        padded = np.pad(image, ((0, 0), (l_, l_)))
        expected = sum(padded[:, j: j + image.shape[1]] for j in range(2 * l_ + 1)) / (2 * l_ + 1)
        got = impl.filter2d(image, impl.motion_blur_kernel(l_))
        return close(got, expected, label="h ⋆ I", rtol=0.0, atol=within_tolerance(image, operations=8 * l_ + 8))

    return all_of({
        "integral": lambda: symbolic(
            ctx, (r"\iint h\,dx\,dy", sympy.integrate(box.rewrite(sympy.Piecewise), (x, -sympy.oo, sympy.oo))
                  * sympy.integrate(sympy.DiracDelta(y), (y, -sympy.oo, sympy.oo))), ("1", sympy.Integer(1))),
        "discrete": lambda: for_all(ctx, st.tuples(images(6, 1), st.integers(0, 3)), averaged, max_examples=30,
                                    describe=lambda c: {"image": c[0].tolist(), "l": c[1]}),
    })

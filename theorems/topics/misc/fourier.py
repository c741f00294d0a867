"""The Fourier transform (document 000:1307-1325) and inverse filtering.

Convention (the document's): (F f)(u) = ∫ f(x) e^{-2πi xu} dx. Continuous statements are proved with
SymPy on Gaussians, every integral by the lemma ∫ e^{-a t² + b t + c} dt = √(π/a) e^{b²/(4a) + c}
(:func:`theorems.topics.conv.fourier.gaussian_integral`); δ acts on Gaussian test functions. The discrete
analogue uses the implementation's ``dft2`` (X[k, l] = Σ x[m, n] e^{-2πi (km/M + ln/N)}) on integer images.

Filters are circular: the kernel's entry [a, b] sits at pixel (a, b) of the image's torus and
(h ⊛ I)[m, n] = Σ h[a, b] I[(m - a) mod M, (n - b) mod N], computed here by that sum, never by a transform.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import sympy
from hypothesis import strategies as st

from theorems.engine import Comparison, Context, Formula, Outcome, Printed, all_of, for_all, symbolic
from theorems.topics.conv.fourier import complex_close, gaussian_integral

from . import BRACEWELL, GONZALEZ, TOPIC
from .strategies import Restoration, images, restorations

x, u, x0 = sympy.symbols("x u x_0", real=True)
a = sympy.Symbol("a", positive=True)
c = sympy.Symbol("c", real=True)
TWO_PI_I = 2 * sympy.pi * sympy.I
TEST_FUNCTIONS = {"e^{-π(x-1)²}": sympy.exp(-sympy.pi * (x - 1) ** 2), "e^{-3x²+x}": sympy.exp(-3 * x**2 + x)}


def fourier(f: sympy.Expr, source: sympy.Symbol = x, target: sympy.Symbol = u) -> sympy.Expr:
    """(F f)(target) = ∫ f(source) e^{-2πi source·target} d source, for a Gaussian f."""
    return gaussian_integral(f * sympy.exp(-TWO_PI_I * source * target), source)


def circular2d(kernel: np.ndarray, image: np.ndarray) -> np.ndarray:
    """(h ⊛ I)[m, n] = Σ_{a, b} h[a, b] I[(m - a) mod M, (n - b) mod N], by the definition."""
    out = np.zeros(image.shape)
    for (i, j), weight in np.ndenumerate(kernel):
        out += weight * np.roll(image, (i, j), axis=(0, 1))
    return out


def frequencies(shape: tuple[int, int]) -> np.ndarray:
    """The normalised frequencies (k/M, l/N) of a 2-D DFT, stacked on the first axis."""
    return np.stack(np.meshgrid(*(np.arange(n) / n for n in shape), indexing="ij"))


def spectrum_tolerance(values: np.ndarray, size: int) -> float:
    """The rounding allowance of a 2-D DFT-based result of ``size`` pixels, relative to its largest value."""
    return 64 * size * np.finfo(float).eps * (1.0 + float(np.max(np.abs(values), initial=0.0)))


def describe_image(image: np.ndarray) -> list:
    return image.tolist()


@TOPIC.claim(
    "misc.delta_fourier_integral",
    method="sympy",
    faithful=("000",),
    references=(BRACEWELL,),
)
def delta_fourier_integral(ctx: Context) -> Outcome:
    """δ is the Fourier transform of the constant 1.

    δ(u) = ∫ e^{-2πi xu} dx as distributions: for every test function φ, ∫ (∫ e^{-2πi xu} dx) φ(u) du =
    ∫ (F φ)(x) dx = φ(0). Proved for the Gaussian test functions φ(u) = e^{-a(u-c)²} (a > 0, c real: their
    span is dense). Discretely: the DFT of the constant image 1 is MN at (0, 0) and 0 elsewhere.
    """
    impl = ctx.impl()
    phi = sympy.exp(-a * (u - c) ** 2)

    def ones(image: np.ndarray) -> Comparison:
        expected = np.zeros(image.shape)
        expected[0, 0] = image.size
        return complex_close(impl.dft2(np.ones(image.shape)), expected, label="DFT(1)", operations=64 * image.size)

    return all_of({
        "test functions": lambda: symbolic(
            ctx, (r"\int(\mathcal{F}\varphi)(x)\,dx", gaussian_integral(fourier(phi, u, x), x)),
            (r"\varphi(0)", phi.subs(u, 0))),
        "discrete": lambda: for_all(ctx, images(), ones, max_examples=10, describe=lambda i: list(i.shape)),
    })


@TOPIC.claim(
    "misc.fourier_shifted_delta",
    method="sympy",
    canonical=Formula(r"e^{-i2\pi u x_0}", lambda frequency, shift: sympy.exp(-TWO_PI_I * frequency * shift)),
    faithful=("000",),
    references=(BRACEWELL,),
)
def fourier_shifted_delta(ctx: Context, transform: Formula) -> Outcome:
    """The transform of a shifted δ.

    F[δ(x - x₀)](u) = e^{-i2πu x₀}: SymPy integrates δ(x - x₀) e^{-2πi xu} by the sifting property. Discretely:
    the DFT of the unit impulse at (m₀, n₀) is the stated phase at the frequency (k/M, l/N), m₀k/M + n₀l/N.
    """
    impl = ctx.impl()

    def impulse(case: tuple[np.ndarray, int, int]) -> Comparison:
        image, row, col = case
        row, col = row % image.shape[0], col % image.shape[1]
        delta = np.zeros(image.shape)
        delta[row, col] = 1.0
        k, l_ = frequencies(image.shape)
        expected = np.array(sympy.lambdify((u, x0), transform(u, x0), "numpy")(k * row + l_ * col, 1.0),
                            dtype=complex) * np.ones(image.shape)
        return complex_close(impl.dft2(delta), expected, label="DFT(δ[m - m₀, n - n₀])", operations=64 * image.size)

    return all_of({
        "sifting": lambda: symbolic(
            ctx, (r"\int\delta(x-x_0)e^{-i2\pi xu}dx",
                  sympy.integrate(sympy.DiracDelta(x - x0) * sympy.exp(-TWO_PI_I * x * u), (x, -sympy.oo, sympy.oo))),
            (transform.latex, transform(u, x0))),
        "discrete": lambda: for_all(ctx, st.tuples(images(), st.integers(0, 4), st.integers(0, 4)), impulse,
                                    max_examples=20, describe=lambda c_: {"shape": list(c_[0].shape),
                                                                         "m0": c_[1], "n0": c_[2]}),
    })


@TOPIC.claim(
    "misc.fourier_linearity",
    method="property",
    canonical=Formula(r"\alpha F_1 + \beta F_2", lambda alpha, beta, f1, f2: alpha * f1 + beta * f2),
    faithful=("000",),
    references=(BRACEWELL,),
)
def fourier_linearity(ctx: Context, combined: Formula) -> Outcome:
    """The Fourier transform is linear.

    F[αf₁ + βf₂] = αF₁ + βF₂. In the continuous form this is the linearity of the integral (SymPy's
    ``integrate`` evaluates a sum term by term, so a symbolic check would assume what it shows); checked where
    it can fail, on the implementation's ``dft2``, for integer images x, y and integer α, β.
    """
    impl = ctx.impl()
    digits = st.integers(-3, 3)

    def prop(case: tuple[np.ndarray, int, int]) -> Comparison:
        image, p, q = case
        other = np.rot90(image, 2) - 1.0
        expected = combined(p, q, impl.dft2(image), impl.dft2(other))
        return complex_close(impl.dft2(p * image + q * other), expected, label="DFT(αx + βy)",
                             operations=256 * image.size)

    return for_all(ctx, st.tuples(images(), digits, digits), prop, max_examples=20,
                   describe=lambda c_: {"x": c_[0].tolist(), "alpha": c_[1], "beta": c_[2]})


REFLECTION = Formula("f(-u)", lambda f, point: f(-point))


@TOPIC.claim(
    "misc.fourier_duality",
    method="sympy",
    canonical=REFLECTION,
    faithful=("000",),
    references=(BRACEWELL,),
)
def fourier_duality(ctx: Context, dual: Formula) -> Outcome:
    """Duality: the transform of F is f(-u).

    If F = F[f] then F[F](u) = f(-u) in the e^{-2πi xu} convention (no 2π factor): proved for
    f = e^{-π(x-1)²} and e^{-3x²+x}. Discretely DFT(DFT(x))[k, l] = MN · x[-k mod M, -l mod N].
    """
    impl = ctx.impl()

    def twice(f: sympy.Expr) -> Callable[[], Outcome]:
        return lambda: symbolic(ctx, (r"\mathcal{F}[F](u)", fourier(fourier(f).subs(u, x))),
                                (dual.latex, dual(lambda p: f.subs(x, p), u)))

    def prop(image: np.ndarray) -> Comparison:
        rows, cols = np.indices(image.shape)
        reflected = dual(lambda p: image[p[0] % image.shape[0], p[1] % image.shape[1]], np.stack([rows, cols]))
        return complex_close(impl.dft2(impl.dft2(image)), image.size * reflected, label="DFT(DFT(x))",
                             operations=128 * image.size)

    return all_of({
        **{name: twice(f) for name, f in TEST_FUNCTIONS.items()},
        "discrete": lambda: for_all(ctx, images(), prop, max_examples=20, describe=describe_image),
    })


def describe_restoration(case: Restoration) -> dict[str, list]:
    return {"h": case.kernel.tolist(), "image": case.image.tolist()}


def placed(kernel: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    """The kernel at the origin of an image of ``shape``."""
    out = np.zeros(shape)
    out[: kernel.shape[0], : kernel.shape[1]] = kernel
    return out


@TOPIC.claim(
    "misc.inverse_filter",
    method="property",
    canonical=Formula(r"1/\mathcal{F}[h]", lambda spectrum: 1 / spectrum),
    faithful=("000",),
    references=(GONZALEZ,),
)
def inverse_filter(ctx: Context, response: Formula) -> Outcome:
    """The inverse filter undoes a blur.

    F[h̃] · F[h] = 1, i.e. h̃ = F⁻¹[1/F[h]], where F[h] has no zero: then h̃ ⊛ h = δ and h̃ ⊛ (h ⊛ I) = I.
    Checked with circular convolution by its definition, on kernels with |F[h]| ≥ 1 (a dominant origin tap),
    for the filter built from the formula with the implementation's ``dft2``/``idft2`` and for its
    ``inverse_filter``.
    """
    impl = ctx.impl()

    def prop(case: Restoration) -> list[Comparison]:
        spectrum = impl.dft2(placed(case.kernel, case.shape))
        kappa = float(np.abs(spectrum).max() / np.abs(spectrum).min())
        delta = np.zeros(case.shape)
        delta[0, 0] = 1.0
        from_formula = impl.idft2(response(spectrum)).real
        restored = circular2d(impl.inverse_filter(case.kernel, case.shape), circular2d(case.kernel, case.image))
        return [complex_close(circular2d(from_formula, placed(case.kernel, case.shape)), delta, label="h̃ ⊛ h",
                              operations=int(64 * case.image.size * kappa)),
                complex_close(restored, case.image, label="h̃ ⊛ (h ⊛ I)",
                              operations=int(64 * case.image.size * kappa * (1 + np.abs(case.kernel).sum())))]

    return for_all(ctx, restorations(), prop, max_examples=30, describe=describe_restoration)


def least_squares_restoration(kernel: np.ndarray, blurred: np.ndarray, eps: float) -> np.ndarray:
    """argmin_I ‖h ⊛ I - J‖² + ε‖I‖², from the normal equations of the circulant matrix of h (no transform)."""
    size = blurred.size
    columns = [circular2d(kernel, np.eye(size)[j].reshape(blurred.shape)).ravel() for j in range(size)]
    matrix = np.array(columns).T
    solution = np.linalg.solve(matrix.T @ matrix + eps * np.eye(size), matrix.T @ blurred.ravel())
    return solution.reshape(blurred.shape)


WIENER = Formula(r"\overline{\mathcal{F}[h]}/(|\mathcal{F}[h]|^2+\varepsilon)",
                 lambda spectrum, eps: np.conj(spectrum) / (np.abs(spectrum) ** 2 + eps))


@TOPIC.claim(
    "misc.regularized_inverse_filter",
    method="property",
    canonical=WIENER,
    printed={"000": Printed(Formula(r"\mathcal{F}[h]/(|\mathcal{F}[h]|^2+\varepsilon)",
                                    lambda spectrum, eps: spectrum / (np.abs(spectrum) ** 2 + eps)),
                            reading="Read as printed: F[h̃] = F[h]/(|F[h]|² + ε), without the complex conjugate. "
                                    "As ε → 0 it gives F[h]/|F[h]|² = 1/conj(F[h]), the inverse of the "
                                    "flipped kernel, not 1/F[h]; it agrees with the regularised inverse only for "
                                    "kernels with a real spectrum (symmetric on the torus).")},
    depends=("misc.inverse_filter",),
    references=(GONZALEZ,),
)
def regularized_inverse_filter(ctx: Context, response: Formula) -> Outcome:
    """The regularised inverse filter is the Tikhonov (Wiener-type) restoration.

    F[h̃] = conj(F[h]) / (|F[h]|² + ε) (ε > 0) restores J as the minimiser of ‖h ⊛ I - J‖² + ε‖I‖², which
    exists for every kernel (zeros of F[h] included) and tends to the inverse filter as ε → 0. Compared with
    the minimiser from the normal equations of the circulant matrix of h, for the filter built from the formula
    with ``dft2``/``idft2`` and for the implementation's ``regularized_inverse_filter``.
    """
    impl = ctx.impl()
    strengths = st.sampled_from([0.1, 0.5, 1.0, 4.0])

    def prop(case: tuple[Restoration, float]) -> list[Comparison]:
        restoration, eps = case
        kernel, blurred = restoration.kernel, restoration.image
        expected = least_squares_restoration(kernel, blurred, eps)
        spectrum = impl.dft2(placed(kernel, blurred.shape))
        from_formula = impl.idft2(response(spectrum, eps) * impl.dft2(blurred))
        filtered = circular2d(impl.regularized_inverse_filter(kernel, blurred.shape, eps), blurred)
        gain = float(np.abs(spectrum).max() ** 2 + eps) / eps
        operations = int(64 * blurred.size * gain)
        return [complex_close(from_formula, expected, label="F⁻¹[F[h̃] · F[J]]", operations=operations),
                complex_close(filtered, expected, label="h̃ ⊛ J", operations=operations)]

    return for_all(ctx, st.tuples(restorations(invertible=False), strengths), prop, max_examples=40,
                   describe=lambda c_: {**describe_restoration(c_[0]), "eps": c_[1]})

"""im2col / col2im against the book's loops, and Convolution and Pooling: known answers and
float64 gradient checks for odd sizes, stride 2 and padding."""
import numpy as np
import pytest

from gradcheck import layer_gradient_errors
from digitlab.nn.model import conv as conv_module
from digitlab.nn.model.conv import (Convolution, Pooling, col2im, col2im_batch_last, im2col,
                                   im2col_batch_last, output_size)


def im2col_loops(x, fh, fw, stride, pad):
    """The book's im2col, element by element: the oracle for the strided version."""
    n, c, h, w = x.shape
    out_h, out_w = (h + 2 * pad - fh) // stride + 1, (w + 2 * pad - fw) // stride + 1
    img = np.pad(x, [(0, 0), (0, 0), (pad, pad), (pad, pad)])
    col = np.zeros((n * out_h * out_w, c * fh * fw), dtype=x.dtype)
    for i in range(n):
        for oy in range(out_h):
            for ox in range(out_w):
                row = (i * out_h + oy) * out_w + ox
                for ch in range(c):
                    for dy in range(fh):
                        for dx in range(fw):
                            col[row, (ch * fh + dy) * fw + dx] = img[i, ch, oy * stride + dy,
                                                                     ox * stride + dx]
    return col


def col2im_loops(col, shape, fh, fw, stride, pad):
    """Adds each column entry back to the pixel it came from (the oracle for col2im)."""
    n, c, h, w = shape
    out_h, out_w = (h + 2 * pad - fh) // stride + 1, (w + 2 * pad - fw) // stride + 1
    img = np.zeros((n, c, h + 2 * pad, w + 2 * pad), dtype=col.dtype)
    for i in range(n):
        for oy in range(out_h):
            for ox in range(out_w):
                row = (i * out_h + oy) * out_w + ox
                for ch in range(c):
                    for dy in range(fh):
                        for dx in range(fw):
                            img[i, ch, oy * stride + dy, ox * stride + dx] += \
                                col[row, (ch * fh + dy) * fw + dx]
    return img[:, :, pad:pad + h, pad:pad + w]


GEOMETRIES = [  # (N, C, H, W), filter h, filter w, stride, pad
    ((2, 3, 7, 7), 3, 3, 1, 0),
    ((1, 2, 6, 5), 3, 2, 2, 1),
    ((2, 1, 9, 9), 5, 5, 2, 2),
    ((1, 3, 5, 7), 1, 1, 1, 0),
    ((2, 2, 8, 8), 2, 2, 2, 0),
]


@pytest.mark.parametrize("shape, fh, fw, stride, pad", GEOMETRIES)
def test_im2col_and_col2im_equal_the_reference_loops(shape, fh, fw, stride, pad):
    rng = np.random.default_rng(7)
    x = rng.standard_normal(shape)
    col = im2col(x, fh, fw, stride, pad)
    np.testing.assert_array_equal(col, im2col_loops(x, fh, fw, stride, pad))
    values = rng.standard_normal(col.shape)
    np.testing.assert_allclose(col2im(values, shape, fh, fw, stride, pad),
                               col2im_loops(values, shape, fh, fw, stride, pad), rtol=1e-12)


def batch_last(col, shape, fh, fw, stride, pad):
    """im2col's (N * out_h * out_w, C * fh * fw) matrix in im2col_batch_last's layout."""
    n, c, h, w = shape
    out_h, out_w = output_size(h, fh, stride, pad), output_size(w, fw, stride, pad)
    return col.reshape(n, out_h, out_w, -1).transpose(3, 1, 2, 0).reshape(c * fh * fw, -1)


@pytest.mark.parametrize("shape, fh, fw, stride, pad", GEOMETRIES)
def test_the_batch_last_forms_equal_the_reference_loops(shape, fh, fw, stride, pad):
    rng = np.random.default_rng(9)
    x = rng.standard_normal(shape)
    expected = batch_last(im2col_loops(x, fh, fw, stride, pad), shape, fh, fw, stride, pad)
    np.testing.assert_array_equal(im2col_batch_last(x, fh, fw, stride, pad), expected)
    # ... also from an input that is not C-ordered (as the layers hand it on).
    x_view = np.ascontiguousarray(x.transpose(1, 2, 3, 0)).transpose(3, 0, 1, 2)
    np.testing.assert_array_equal(im2col_batch_last(x_view, fh, fw, stride, pad), expected)
    values = rng.standard_normal((len(expected), expected.shape[1] // shape[0] * shape[0]))
    rows = values.reshape(shape[1] * fh * fw, -1, shape[0]).transpose(2, 1, 0).reshape(-1, len(values))
    np.testing.assert_allclose(col2im_batch_last(values, shape, fh, fw, stride, pad),
                               col2im_loops(rows, shape, fh, fw, stride, pad), rtol=1e-12)


@pytest.mark.parametrize("shape, fh, fw, stride, pad", GEOMETRIES)
def test_col2im_is_the_adjoint_of_im2col(shape, fh, fw, stride, pad):
    """<im2col(x), y> == <x, col2im(y)>: the identity backward relies on."""
    rng = np.random.default_rng(8)
    x = rng.standard_normal(shape)
    y = rng.standard_normal(im2col(x, fh, fw, stride, pad).shape)
    left = np.vdot(im2col(x, fh, fw, stride, pad), y)
    right = np.vdot(x, col2im(y, shape, fh, fw, stride, pad))
    assert left == pytest.approx(right, rel=1e-12)


def test_output_size_and_a_window_that_does_not_fit():
    assert output_size(28, 5) == 24
    assert output_size(28, 5, stride=1, pad=2) == 28
    assert output_size(7, 3, stride=2, pad=1) == 4
    with pytest.raises(ValueError, match="does not fit"):
        im2col(np.zeros((1, 1, 3, 3)), 5, 5)


def test_convolution_known_answer():
    x = np.arange(16, dtype=np.float64).reshape(1, 1, 4, 4)
    W = np.array([[[[1.0, 0.0], [0.0, -1.0]]], [[[1.0, 1.0], [1.0, 1.0]]]])   # (2, 1, 2, 2)
    out = Convolution(W, np.array([0.5, 0.0])).forward(x)
    assert out.shape == (1, 2, 3, 3)
    np.testing.assert_array_equal(out[0, 0], np.full((3, 3), -4.5))   # x[i,j] - x[i+1,j+1] = -5
    np.testing.assert_array_equal(out[0, 1, 0], [10.0, 14.0, 18.0])   # 0+1+4+5, 1+2+5+6, ...


@pytest.mark.parametrize("band_bytes", [conv_module.BAND_BYTES, 1])   # as shipped; a row a band
@pytest.mark.parametrize("shape, fn, fh, fw, stride, pad", [
    ((2, 3, 7, 7), 4, 3, 3, 1, 0),
    ((2, 2, 7, 6), 3, 3, 3, 2, 1),
    ((1, 1, 9, 9), 2, 5, 5, 2, 2),
])
def test_convolution_gradient_check(shape, fn, fh, fw, stride, pad, band_bytes, monkeypatch):
    monkeypatch.setattr(conv_module, "BAND_BYTES", band_bytes)
    rng = np.random.default_rng(11)
    W = rng.standard_normal((fn, shape[1], fh, fw))
    b = rng.standard_normal(fn)
    errors = layer_gradient_errors(lambda: Convolution(W, b, stride, pad),
                                   rng.standard_normal(shape), rng)
    assert set(errors) == {"x", "W", "b"}
    assert max(errors.values()) < 1e-6, errors


def test_convolution_backward_without_dx_sets_the_same_gradients():
    rng = np.random.default_rng(12)
    W, b, x = rng.standard_normal((3, 2, 3, 3)), rng.standard_normal(3), rng.standard_normal((2, 2, 6, 6))
    dout = rng.standard_normal((2, 3, 4, 4))
    full, lean = Convolution(W, b), Convolution(W, b)
    full.forward(x)
    lean.forward(x)
    full.backward(dout)
    assert lean.backward(dout, need_dx=False) is None
    np.testing.assert_array_equal(lean.dW, full.dW)
    np.testing.assert_array_equal(lean.db, full.db)


def test_pooling_known_answer_and_backward_routes_to_the_max():
    x = np.array([[[[1.0, 2.0, 5.0, 0.0],
                    [3.0, 4.0, 1.0, 1.0],
                    [0.0, 0.0, 7.0, 8.0],
                    [9.0, 0.0, 6.0, 2.0]]]])
    pool = Pooling(2, 2, stride=2)
    np.testing.assert_array_equal(pool.forward(x), [[[[4.0, 5.0], [9.0, 8.0]]]])
    dx = pool.backward(np.array([[[[10.0, 20.0], [30.0, 40.0]]]]))
    expected = np.zeros((1, 1, 4, 4))
    expected[0, 0, 1, 1], expected[0, 0, 0, 2] = 10.0, 20.0
    expected[0, 0, 3, 0], expected[0, 0, 2, 3] = 30.0, 40.0
    np.testing.assert_array_equal(dx, expected)


@pytest.mark.parametrize("shape, size, stride, pad", [
    ((2, 3, 6, 6), 2, 2, 0),
    ((1, 2, 7, 7), 3, 2, 1),
    ((2, 1, 5, 5), 2, 1, 0),
])
def test_pooling_gradient_check(shape, size, stride, pad):
    """Distinct values at least 0.05 apart: a central difference never swaps a window's maximum."""
    rng = np.random.default_rng(13)
    values = rng.permutation(np.prod(shape)).astype(np.float64) * 0.05
    errors = layer_gradient_errors(lambda: Pooling(size, size, stride, pad), values.reshape(shape), rng)
    assert max(errors.values()) < 1e-6, errors


def test_layers_keep_float32_and_have_a_repr():
    rng = np.random.default_rng(14)
    x = rng.standard_normal((2, 1, 8, 8)).astype(np.float32)
    conv = Convolution(rng.standard_normal((4, 1, 3, 3)).astype(np.float32), np.zeros(4, np.float32))
    pool = Pooling(2, 2, stride=2)
    out = pool.forward(conv.forward(x))
    assert out.dtype == np.float32 and out.shape == (2, 4, 3, 3)
    dx = conv.backward(pool.backward(np.ones_like(out)))
    assert dx.dtype == np.float32 and conv.dW.dtype == np.float32
    assert repr(conv) == "Convolution(1 -> 4, 3x3, stride=1, pad=0)"
    assert repr(pool) == "Pooling(2x2, stride=2, pad=0)"


def pooling_loops(x, size, stride, dout):
    """Max pooling and its backward element by element, ties to the first maximum (oracle)."""
    n, c, h, w = x.shape
    out_h, out_w = (h - size) // stride + 1, (w - size) // stride + 1
    out, dx = np.zeros((n, c, out_h, out_w)), np.zeros_like(x)
    for i, ch, oy, ox in np.ndindex(n, c, out_h, out_w):
        window = x[i, ch, oy * stride:oy * stride + size, ox * stride:ox * stride + size]
        dy, dxx = np.unravel_index(np.argmax(window), window.shape)
        out[i, ch, oy, ox] = window[dy, dxx]
        dx[i, ch, oy * stride + dy, ox * stride + dxx] += dout[i, ch, oy, ox]
    return out, dx


@pytest.mark.parametrize("shape, size", [((2, 3, 6, 8), 2), ((2, 3, 7, 7), 2),   # tiled, not
                                         ((2, 2, 9, 6), 3)])    # tiled by 3x3: nine places
def test_pooling_equals_the_loops_also_with_ties(shape, size):
    rng = np.random.default_rng(15)
    x = rng.integers(0, 3, shape).astype(np.float64)   # many ties inside the windows
    pool = Pooling(size, size, stride=size)
    out = pool.forward(x)
    dout = rng.standard_normal(out.shape)
    expected_out, expected_dx = pooling_loops(x, size, size, dout)
    np.testing.assert_array_equal(out, expected_out)
    np.testing.assert_array_equal(pool.backward(dout), expected_dx)


def book_convolution(x, W, b, stride, pad, dout):
    """The book's Convolution (im2col rows, col2im), the layer before it ran batch last:
    -> out, dx, dW, db."""
    fn, c, fh, fw = W.shape
    n, _, h, w = x.shape
    out_h, out_w = output_size(h, fh, stride, pad), output_size(w, fw, stride, pad)
    col, col_W = im2col(x, fh, fw, stride, pad), W.reshape(fn, -1).T
    out = (col @ col_W + b).reshape(n, out_h, out_w, fn).transpose(0, 3, 1, 2)
    dout = dout.transpose(0, 2, 3, 1).reshape(-1, fn)
    dW = (col.T @ dout).T.reshape(fn, c, fh, fw)
    dx = col2im(dout @ col_W.T, x.shape, fh, fw, stride, pad)
    return out, dx, dW, dout.sum(axis=0)


@pytest.mark.parametrize("band_bytes", [conv_module.BAND_BYTES, 1])   # as shipped; a row a band
@pytest.mark.parametrize("shape, fn, size, stride, pad", [
    ((7, 1, 28, 28), 16, 5, 1, 2),      # the shipped network's stages, an odd batch
    ((5, 16, 14, 14), 32, 5, 1, 2),
    ((3, 3, 9, 8), 4, 3, 2, 1),         # stride 2, an odd side
])
def test_float32_layers_equal_the_books_layer_within_rounding(shape, fn, size, stride, pad,
                                                              band_bytes, monkeypatch):
    """Forward and backward of this Convolution in float32, twice through its kept buffers,
    against the book's layer in float64: equal within float32 rounding."""
    monkeypatch.setattr(conv_module, "BAND_BYTES", band_bytes)
    rng = np.random.default_rng(16)
    W = (0.2 * rng.standard_normal((fn, shape[1], size, size))).astype(np.float32)
    b = rng.standard_normal(fn).astype(np.float32)
    conv = Convolution(W, b, stride, pad)
    for _ in range(2):
        x = rng.standard_normal(shape).astype(np.float32)
        out = conv.forward(x)
        assert len(conv_module.bands(conv.windows)) == (out.shape[2] if band_bytes == 1 else 1)
        dout = rng.standard_normal(out.shape).astype(np.float32)
        dx = conv.backward(dout)
        expected = book_convolution(*(a.astype(np.float64) for a in (x, W, b)), stride, pad,
                                    dout.astype(np.float64))
        for name, got, want in zip(("out", "dx", "dW", "db"), (out, dx, conv.dW, conv.db), expected):
            assert got.dtype == np.float32 and got.shape == want.shape, name
            np.testing.assert_allclose(got, want, rtol=0, atol=2e-6 * np.abs(want).max(),
                                       err_msg=name)


def test_a_batch_of_another_size_between_two_batches_changes_nothing():
    """A larger and a smaller batch in between (as an evaluation between training batches) leave
    the next forward and backward as a fresh layer's: nothing of an earlier batch is reused."""
    rng = np.random.default_rng(17)
    W, b = rng.standard_normal((3, 2, 3, 3)), rng.standard_normal(3)
    x, dout = rng.standard_normal((2, 2, 6, 6)), rng.standard_normal((2, 3, 6, 6))
    fresh, used = Convolution(W, b, pad=1), Convolution(W, b, pad=1)
    expected = fresh.forward(x), fresh.backward(dout)
    for other in (rng.standard_normal((5, 2, 6, 6)), rng.standard_normal((1, 2, 6, 6)), x + 1.0):
        used.backward(rng.standard_normal(used.forward(other).shape))
    got = used.forward(x), used.backward(dout)
    for a, b_ in zip(got, expected):
        np.testing.assert_array_equal(a, b_)
    np.testing.assert_array_equal(used.dW, fresh.dW)


def test_pooling_keeps_the_memory_order_it_is_given():
    """A (C, H, W, N)-ordered input (what Convolution hands on) gives a pooled output and a dx in
    that order, with the same values as from a C-ordered copy."""
    rng = np.random.default_rng(18)
    x = rng.standard_normal((3, 8, 8, 4)).transpose(3, 0, 1, 2)     # (N, C, H, W) view
    assert not x.flags.c_contiguous
    pool, plain = Pooling(2, 2, stride=2), Pooling(2, 2, stride=2)
    out, expected = pool.forward(x), plain.forward(np.ascontiguousarray(x))
    np.testing.assert_array_equal(out, expected)
    assert out.strides[0] < out.strides[1]        # batch still last in memory
    dout = rng.standard_normal(out.shape)       # C-ordered, as Affine's backward gives it
    dx = pool.backward(dout)
    np.testing.assert_array_equal(dx, plain.backward(dout))
    assert dx.strides[0] < dx.strides[1]

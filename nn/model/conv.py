"""Convolution and pooling (the book's chapter 7): im2col / col2im and the two layers.

Images are (N, C, H, W); a convolution's filters W are (FN, C, FH, FW) and its bias b is (FN,).
im2col turns every FH x FW window of every channel into one row, so that a convolution becomes
one matrix product, as the book explains. The loops of the book's im2col are written here as one
strided view of the padded image and one copy; col2im keeps the book's loop over the filter's
FH x FW offsets (each of its steps adds a whole slice at once).

The layers take the same products with the column matrix transposed and the batch last
(im2col_batch_last: one row per (c, dy, dx), one column per (y, x, n)). In that order every copy
and every addition of im2col and col2im runs over whole rows of the batch at once (the book's
order steps through windows of FW values, five times slower here). Convolution builds the
columns a band of output rows at a time, into one band-sized buffer, so that they are still in
the CPU's caches when the matrix product reads them (the whole matrix of the second stage is
31 MB for a batch of 100; a band about 2 MB). Its product gives
the output laid out as (FN, out_h, out_w, N); the layer hands it on as an (N, FN, out_h, out_w)
view without a copy, and ReLU, pooling and the next convolution keep that memory order.
"""
from __future__ import annotations

import math

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def output_size(size: int, filter_size: int, stride: int = 1, pad: int = 0) -> int:
    """Side of a convolution's or pooling's output: (size + 2 pad - filter) // stride + 1."""
    return (size + 2 * pad - filter_size) // stride + 1


def im2col(x: np.ndarray, filter_h: int, filter_w: int, stride: int = 1, pad: int = 0) -> np.ndarray:
    """Windows of x as rows. x: (N, C, H, W) -> (N * out_h * out_w, C * filter_h * filter_w).

    Rows run over (n, y, x) of the output, columns over (c, dy, dx) of the window: the book's order.
    """
    n, c, h, w = x.shape
    out_h, out_w = output_size(h, filter_h, stride, pad), output_size(w, filter_w, stride, pad)
    if out_h < 1 or out_w < 1:
        raise ValueError(f"a {filter_h}x{filter_w} window does not fit in {h}x{w} with pad {pad}")
    img = np.pad(x, [(0, 0), (0, 0), (pad, pad), (pad, pad)]) if pad else x
    # (N, C, H', W', FH, FW): every window, without copying anything yet.
    windows = sliding_window_view(img, (filter_h, filter_w), axis=(2, 3))
    windows = windows[:, :, :stride * out_h:stride, :stride * out_w:stride]
    return windows.transpose(0, 2, 3, 1, 4, 5).reshape(n * out_h * out_w, -1)


def col2im(col: np.ndarray, input_shape: tuple, filter_h: int, filter_w: int, stride: int = 1,
           pad: int = 0) -> np.ndarray:
    """The adjoint of im2col: each row's values added back where its window came from.

    col: (N * out_h * out_w, C * filter_h * filter_w) -> (N, C, H, W) (input_shape). Overlapping
    windows add up, which is what backward needs.
    """
    n, c, h, w = input_shape
    out_h, out_w = output_size(h, filter_h, stride, pad), output_size(w, filter_w, stride, pad)
    col = col.reshape(n, out_h, out_w, c, filter_h, filter_w).transpose(0, 3, 4, 5, 1, 2)
    img = np.zeros((n, c, h + 2 * pad + stride - 1, w + 2 * pad + stride - 1), dtype=col.dtype)
    for y in range(filter_h):
        y_max = y + stride * out_h
        for x in range(filter_w):
            x_max = x + stride * out_w
            img[:, :, y:y_max:stride, x:x_max:stride] += col[:, :, y, x, :, :]
    return img[:, :, pad:h + pad, pad:w + pad]


def padded_batch_last(x: np.ndarray, pad: int, out: np.ndarray | None = None) -> np.ndarray:
    """x (N, C, H, W) with pad zeros around each image, batch last: (C, H + 2 pad, W + 2 pad, N).

    out, when given, is such an array whose border is already zero (only the inside is written).
    """
    n, c, h, w = x.shape
    if out is None:
        out = np.zeros((c, h + 2 * pad, w + 2 * pad, n), dtype=x.dtype)
    out[:, pad:pad + h, pad:pad + w, :] = x.transpose(1, 2, 3, 0)
    return out


def windows_batch_last(padded: np.ndarray, filter_h: int, filter_w: int, stride: int, out_h: int,
                       out_w: int) -> np.ndarray:
    """Every stride-th window of padded (C, H', W', N) as a view: (C, FH, FW, out_h, out_w, N),
    element [c, dy, dx, y, x, n] = padded[c, y * stride + dy, x * stride + dx, n]."""
    # (C, H'', W'', N, FH, FW): every window, without copying anything yet.
    windows = sliding_window_view(padded, (filter_h, filter_w), axis=(1, 2))
    windows = windows[:, :stride * out_h:stride, :stride * out_w:stride]
    return windows.transpose(0, 4, 5, 1, 2, 3)


def im2col_batch_last(x: np.ndarray, filter_h: int, filter_w: int, stride: int = 1,
                      pad: int = 0) -> np.ndarray:
    """im2col's matrix transposed, batch last: (C * FH * FW, out_h * out_w * N).

    Row (c, dy, dx), column (y, x, n) holds what im2col puts in row (n, y, x), column (c, dy, dx):
    one strided view of the padded image and one copy.
    """
    n, c, h, w = x.shape
    out_h, out_w = output_size(h, filter_h, stride, pad), output_size(w, filter_w, stride, pad)
    if out_h < 1 or out_w < 1:
        raise ValueError(f"a {filter_h}x{filter_w} window does not fit in {h}x{w} with pad {pad}")
    padded = padded_batch_last(x, pad)
    windows = windows_batch_last(padded, filter_h, filter_w, stride, out_h, out_w)
    col = np.empty((c * filter_h * filter_w, out_h * out_w * n), dtype=x.dtype)
    np.copyto(col.reshape(windows.shape), windows)
    return col


def add_windows(img: np.ndarray, col: np.ndarray, filter_h: int, filter_w: int, stride: int,
                rows: slice) -> None:
    """col2im's sums, in place: the columns col (C * FH * FW, len(rows) * out_w * N) of the output
    rows `rows` are added into img (C, H', W', N), the padded image, where their windows came from.

    The book's col2im loops over the FH x FW offsets (dy, dx) of the window; this one over the
    output rows and dx, adding the FH rows of all dy at once (for one output row they never
    overlap): for a band of one row, as Convolution mostly has, FW additions instead of FH x FW.
    """
    c, n = img.shape[0], img.shape[3]
    col = col.reshape(c, filter_h, filter_w, rows.stop - rows.start, -1, n)
    width = stride * col.shape[4]
    for i, y in enumerate(range(rows.start, rows.stop)):
        top = stride * y
        for x in range(filter_w):
            img[:, top:top + filter_h, x:x + width:stride, :] += col[:, :, x, i]


def col2im_batch_last(col: np.ndarray, input_shape: tuple, filter_h: int, filter_w: int,
                      stride: int = 1, pad: int = 0) -> np.ndarray:
    """col2im for im2col_batch_last's layout: col (C * FH * FW, out_h * out_w * N) -> (N, C, H, W),
    a view of an array laid out as (C, H, W, N)."""
    n, c, h, w = input_shape
    img = np.zeros((c, h + 2 * pad, w + 2 * pad, n), dtype=col.dtype)
    out_h = output_size(h, filter_h, stride, pad)
    add_windows(img, col, filter_h, filter_w, stride, slice(0, out_h))
    return img[:, pad:h + pad, pad:w + pad, :].transpose(3, 0, 1, 2)


# Bytes of im2col columns a Convolution builds at a time (at least one output row): a band's
# columns stay in the CPU's caches until the matrix product reads them. A training step of the
# default network (batch 100) took 25.5 ms with 4 MB bands and 36.7 ms with the whole matrix
# at once (31 MB for the second stage; best of 30, 2 cores, load 4.5); in a second run bands of
# 1, 2 and 4 MB took 27.3-27.9 ms and 8 MB 34.7 ms. The smaller choice suits smaller caches.
BAND_BYTES = 1 << 21


def bands(windows: np.ndarray) -> list[tuple[slice, slice]]:
    """(rows, cols) for each band of whole output rows of windows (C, FH, FW, out_h, out_w, N),
    BAND_BYTES of columns at most or one row: rows of the output, cols of the column matrix."""
    _, _, _, out_h, out_w, n = windows.shape
    step = max(1, min(out_h, BAND_BYTES // (windows[:, :, :, 0].size * windows.itemsize)))
    return [(slice(top, min(top + step, out_h)),
             slice(top * out_w * n, min(top + step, out_h) * out_w * n))
            for top in range(0, out_h, step)]


def band_columns(windows: np.ndarray, rows: slice, buffer: np.ndarray, copy: bool = True) -> np.ndarray:
    """im2col_batch_last's columns of the output rows `rows`, (C * FH * FW, len(rows) * out_w * N),
    copied from windows into the front of buffer (1-D, large enough), or only viewed there."""
    band = windows[:, :, :, rows]
    col = buffer[:band.size].reshape(-1, band[0, 0, 0].size)
    if copy:
        np.copyto(col.reshape(band.shape), band)
    return col


class Convolution:
    """out[n, f] = sum over channels of the filter W[f] slid over x[n], plus b[f].

    W: (FN, C, FH, FW), b: (FN,). forward x (N, C, H, W) -> (N, FN, out_h, out_w).
    The book's layer computes out = im2col(x) @ W.reshape(FN, -1).T + b, and in backward
    dW from col.T @ dout and dx = col2im(dout @ W.reshape(FN, -1)). This one takes the same
    products transposed, batch last (see the module docstring), a band of output rows at a time
    (BAND_BYTES): backward builds each band's columns again from the padded image forward keeps,
    which costs less than keeping the whole matrix. forward works on arrays of its own and sets
    what backward needs at the end, so two threads may predict with one network at once.
    """

    params = ("W", "b")

    def __init__(self, W: np.ndarray, b: np.ndarray, stride: int = 1, pad: int = 0):
        self.W = W
        self.b = b
        self.stride = int(stride)
        self.pad = int(pad)
        self.x_shape = None
        self.windows = None   # windows_batch_last of the last forward's padded x, for backward
        self.columns = None   # (buffer, rows): the band of columns the buffer holds
        self.dW = None
        self.db = None

    def forward(self, x, train=True):
        """x: (N, C, H, W) -> (N, FN, out_h, out_w), laid out in memory as (FN, out_h, out_w, N)."""
        fn, c, fh, fw = self.W.shape
        n, _, h, w = x.shape
        out_h = output_size(h, fh, self.stride, self.pad)
        out_w = output_size(w, fw, self.stride, self.pad)
        if out_h < 1 or out_w < 1:
            raise ValueError(f"a {fh}x{fw} window does not fit in {h}x{w} with pad {self.pad}")
        windows = windows_batch_last(padded_batch_last(x, self.pad), fh, fw, self.stride, out_h,
                                     out_w)
        parts = bands(windows)
        buffer = np.empty(fh * fw * c * (parts[0][1].stop - parts[0][1].start), dtype=x.dtype)
        W_col = self.W.reshape(fn, -1)
        out = np.empty((fn, out_h * out_w * n), dtype=np.result_type(x, self.W))
        for rows, cols in parts:
            np.matmul(W_col, band_columns(windows, rows, buffer), out=out[:, cols])
            out[:, cols] += self.b[:, np.newaxis]      # while the band is still in the caches
        self.x_shape, self.windows, self.columns = x.shape, windows, (buffer, parts[-1][0])
        return out.reshape(fn, out_h, out_w, n).transpose(3, 0, 1, 2)

    def backward(self, dout, need_dx=True):
        """dout: (N, FN, out_h, out_w) -> dx (N, C, H, W); sets dW (FN, C, FH, FW) and db (FN,).

        need_dx=False skips col2im (the first layer's dx, the gradient of the image, is unused).
        """
        fn, c, fh, fw = self.W.shape
        n, _, h, w = self.x_shape
        dout = dout.transpose(1, 2, 3, 0).reshape(fn, -1)   # no copy in forward's memory order
        self.db = dout.sum(axis=1)
        W_col = self.W.reshape(fn, -1)
        dtype = np.result_type(dout, self.W)
        dW = np.zeros(W_col.shape, dtype=dtype)
        img = np.zeros((c, h + 2 * self.pad, w + 2 * self.pad, n), dtype=dtype) if need_dx else None
        buffer, built = self.columns
        dcol_buffer = np.empty(buffer.size, dtype=dtype) if need_dx else None
        # Last band first: its columns are still in the buffer (one band: nothing to build).
        for rows, cols in reversed(bands(self.windows)):
            col = band_columns(self.windows, rows, buffer, copy=rows != built)
            built = rows
            dW += dout[:, cols] @ col.T
            if need_dx:
                dcol = band_columns(self.windows, rows, dcol_buffer, copy=False)
                np.matmul(W_col.T, dout[:, cols], out=dcol)
                add_windows(img, dcol, fh, fw, self.stride, rows)
        self.columns = (buffer, built)
        self.dW = dW.reshape(fn, c, fh, fw)
        if not need_dx:
            return None
        return img[:, self.pad:h + self.pad, self.pad:w + self.pad, :].transpose(3, 0, 1, 2)

    def __repr__(self):
        fn, c, fh, fw = self.W.shape
        return f"Convolution({c} -> {fn}, {fh}x{fw}, stride={self.stride}, pad={self.pad})"


def memory_order(x: np.ndarray) -> tuple[int, ...]:
    """x's axes from the one with the largest stride to the smallest: (0, 1, 2, 3) for a
    C-ordered (N, C, H, W) array, (1, 2, 3, 0) for one laid out as (C, H, W, N)."""
    return tuple(int(axis) for axis in np.argsort([-abs(s) for s in x.strides], kind="stable"))


def empty_in_order(shape: tuple, order: tuple[int, ...], dtype) -> np.ndarray:
    """An uninitialised array of `shape` whose axes lie in memory in `order` (memory_order)."""
    return np.empty([shape[axis] for axis in order], dtype=dtype).transpose(np.argsort(order))


class Pooling:
    """Max pooling: each pool_h x pool_w window of each channel gives its largest value.

    forward x (N, C, H, W) -> (N, C, out_h, out_w); backward sends each window's gradient to
    the place that held its maximum (the first one, when several tie).
    """

    params = ()

    def __init__(self, pool_h: int, pool_w: int, stride: int = 1, pad: int = 0):
        self.pool_h = int(pool_h)
        self.pool_w = int(pool_w)
        self.stride = int(stride)
        self.pad = int(pad)
        self.x_shape = None
        self.x_order = None
        self.arg_max = None

    def _tiles(self, shape) -> bool:
        """True when the windows do not overlap and cover the image exactly (2x2, stride 2 on
        an even side): then strided slices find them, without im2col or col2im."""
        return (self.pad == 0 and self.stride == self.pool_h == self.pool_w
                and shape[2] % self.stride == 0 and shape[3] % self.stride == 0)

    def _places(self, x) -> list[np.ndarray]:
        """For tiling windows: views of x, one per place (dy, dx) in the window."""
        s = self.stride
        return [x[:, :, dy::s, dx::s] for dy in range(s) for dx in range(s)]

    def forward(self, x, train=True):
        """x: (N, C, H, W) -> (N, C, out_h, out_w)."""
        n, c, h, w = x.shape
        self.x_shape = x.shape
        if self._tiles(x.shape):
            # One strided slice per place in the window, in the window's reading order: the
            # running maximum moves to a later place only where it is larger (ties: the first).
            # Everything keeps x's memory order (order="K", *_like), so nothing is transposed.
            places = self._places(x)
            out = places[0].copy(order="K")
            arg_max = np.zeros_like(out, dtype=np.min_scalar_type(len(places) - 1))
            larger, step = np.empty_like(out, dtype=bool), np.empty_like(arg_max)
            for k, place in enumerate(places[1:], start=1):
                np.greater(place, out, out=larger)
                # arg_max = k where larger, as arg_max += larger * (k - arg_max): np.copyto with
                # where= does the same ten times slower.
                np.subtract(arg_max.dtype.type(k), arg_max, out=step)
                step *= larger
                arg_max += step
                np.maximum(out, place, out=out)
            self.x_order, self.arg_max = memory_order(x), arg_max
            return out
        out_h = output_size(h, self.pool_h, self.stride, self.pad)
        out_w = output_size(w, self.pool_w, self.stride, self.pad)
        # Each row: one channel's window (im2col's columns are (c, dy, dx), so split off c).
        col = im2col(x, self.pool_h, self.pool_w, self.stride, self.pad)
        col = col.reshape(-1, self.pool_h * self.pool_w)
        arg_max = np.argmax(col, axis=1)
        out = col[np.arange(col.shape[0]), arg_max]
        self.arg_max = arg_max
        return out.reshape(n, out_h, out_w, c).transpose(0, 3, 1, 2)

    def backward(self, dout):
        """dout: (N, C, out_h, out_w) -> dx (N, C, H, W), nonzero only at each window's maximum."""
        if self._tiles(self.x_shape):
            # The places tile dx: each is written whole, dout where it held the maximum, else 0.
            dx = empty_in_order(self.x_shape, self.x_order, dout.dtype)
            if memory_order(dout) != self.x_order:
                # dout in the memory order of everything else here: reading it across is slower
                # than copying it once.
                ordered = empty_in_order(dout.shape, self.x_order, dout.dtype)
                ordered[...] = dout
                dout = ordered
            held = np.empty_like(self.arg_max, dtype=bool)
            for k, place in enumerate(self._places(dx)):
                np.equal(self.arg_max, k, out=held)
                np.multiply(dout, held, out=place)
            return dx
        dout = dout.transpose(0, 2, 3, 1)
        pool_size = self.pool_h * self.pool_w
        dmax = np.zeros((dout.size, pool_size), dtype=dout.dtype)
        dmax[np.arange(self.arg_max.size), self.arg_max] = dout.reshape(-1)
        dcol = dmax.reshape(dout.shape[0] * dout.shape[1] * dout.shape[2], -1)
        return col2im(dcol, self.x_shape, self.pool_h, self.pool_w, self.stride, self.pad)

    def __repr__(self):
        return f"Pooling({self.pool_h}x{self.pool_w}, stride={self.stride}, pad={self.pad})"

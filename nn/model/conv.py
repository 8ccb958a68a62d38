"""Convolution and pooling (the book's chapter 7): im2col / col2im and the two layers.

Images are (N, C, H, W); a convolution's filters W are (FN, C, FH, FW) and its bias b is (FN,).
im2col turns every FH x FW window of every channel into one row, so that a convolution becomes
one matrix product, as the book explains. The loops of the book's im2col are written here as one
strided view of the padded image and one copy; col2im keeps the book's loop over the filter's
FH x FW offsets (each of its steps adds a whole slice at once).
"""
from __future__ import annotations

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


def col2im_transposed(col_t: np.ndarray, input_shape: tuple, filter_h: int, filter_w: int,
                      pad: int = 0) -> np.ndarray:
    """col2im(col_t.T, input_shape, filter_h, filter_w, 1, pad) for stride 1, faster.

    col_t: (C * filter_h * filter_w, N * out_h * out_w), the transposed column matrix, which a
    matrix product gives as cheaply as col. Its rows for one offset (dy, dx) are (C, N, out_h,
    out_w) blocks whose rows are contiguous, so each of the filter_h x filter_w additions reads
    memory in order (col2im's strided reads are about four times slower). -> (N, C, H, W).
    """
    n, c, h, w = input_shape
    out_h, out_w = output_size(h, filter_h, 1, pad), output_size(w, filter_w, 1, pad)
    col_t = col_t.reshape(c, filter_h, filter_w, n, out_h, out_w)
    img = np.zeros((c, n, h + 2 * pad, w + 2 * pad), dtype=col_t.dtype)
    for y in range(filter_h):
        for x in range(filter_w):
            img[:, :, y:y + out_h, x:x + out_w] += col_t[:, y, x]
    return img[:, :, pad:h + pad, pad:w + pad].transpose(1, 0, 2, 3)


class Convolution:
    """out[n, f] = sum over channels of the filter W[f] slid over x[n], plus b[f].

    W: (FN, C, FH, FW), b: (FN,). forward x (N, C, H, W) -> (N, FN, out_h, out_w).
    """

    params = ("W", "b")

    def __init__(self, W: np.ndarray, b: np.ndarray, stride: int = 1, pad: int = 0):
        self.W = W
        self.b = b
        self.stride = int(stride)
        self.pad = int(pad)
        self.x_shape = None
        self.col = None
        self.col_W = None
        self.dW = None
        self.db = None

    def forward(self, x, train=True):
        """x: (N, C, H, W) -> (N, FN, out_h, out_w)."""
        fn, _, fh, fw = self.W.shape
        n, _, h, w = x.shape
        out_h = output_size(h, fh, self.stride, self.pad)
        out_w = output_size(w, fw, self.stride, self.pad)
        self.x_shape = x.shape
        self.col = im2col(x, fh, fw, self.stride, self.pad)
        self.col_W = self.W.reshape(fn, -1).T
        out = self.col @ self.col_W
        out += self.b
        return out.reshape(n, out_h, out_w, fn).transpose(0, 3, 1, 2)

    def backward(self, dout, need_dx=True):
        """dout: (N, FN, out_h, out_w) -> dx (N, C, H, W); sets dW (FN, C, FH, FW) and db (FN,).

        need_dx=False skips col2im (the first layer's dx, the gradient of the image, is unused).
        """
        fn, c, fh, fw = self.W.shape
        dout = dout.transpose(0, 2, 3, 1).reshape(-1, fn)
        self.db = dout.sum(axis=0)
        self.dW = (self.col.T @ dout).T.reshape(fn, c, fh, fw)
        if not need_dx:
            return None
        if self.stride == 1:
            return col2im_transposed(self.col_W @ dout.T, self.x_shape, fh, fw, self.pad)
        dcol = dout @ self.col_W.T
        return col2im(dcol, self.x_shape, fh, fw, self.stride, self.pad)

    def __repr__(self):
        fn, c, fh, fw = self.W.shape
        return f"Convolution({c} -> {fn}, {fh}x{fw}, stride={self.stride}, pad={self.pad})"


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
        self.arg_max = None

    def _tiles(self, shape) -> bool:
        """True when the windows do not overlap and cover the image exactly (2x2, stride 2 on
        an even side): then a reshape finds them, without im2col or col2im."""
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
            # running maximum takes a later place only where it is larger (ties: the first).
            places = self._places(x)
            out = places[0].copy()
            self.arg_max = np.zeros(out.shape, np.int8)
            for k, place in enumerate(places[1:], start=1):
                larger = place > out
                np.copyto(out, place, where=larger)
                self.arg_max[larger] = k
            return out
        out_h = output_size(h, self.pool_h, self.stride, self.pad)
        out_w = output_size(w, self.pool_w, self.stride, self.pad)
        # Each row: one channel's window (im2col's columns are (c, dy, dx), so split off c).
        col = im2col(x, self.pool_h, self.pool_w, self.stride, self.pad)
        col = col.reshape(-1, self.pool_h * self.pool_w)
        self.arg_max = np.argmax(col, axis=1)
        out = col[np.arange(col.shape[0]), self.arg_max]
        return out.reshape(n, out_h, out_w, c).transpose(0, 3, 1, 2)

    def backward(self, dout):
        """dout: (N, C, out_h, out_w) -> dx (N, C, H, W), nonzero only at each window's maximum."""
        if self._tiles(self.x_shape):
            dx = np.zeros(self.x_shape, dtype=dout.dtype)
            for k, place in enumerate(self._places(dx)):
                np.copyto(place, dout, where=self.arg_max == k)
            return dx
        dout = dout.transpose(0, 2, 3, 1)
        pool_size = self.pool_h * self.pool_w
        dmax = np.zeros((dout.size, pool_size), dtype=dout.dtype)
        dmax[np.arange(self.arg_max.size), self.arg_max] = dout.reshape(-1)
        dcol = dmax.reshape(dout.shape[0] * dout.shape[1] * dout.shape[2], -1)
        return col2im(dcol, self.x_shape, self.pool_h, self.pool_w, self.stride, self.pad)

    def __repr__(self):
        return f"Pooling({self.pool_h}x{self.pool_w}, stride={self.stride}, pad={self.pad})"

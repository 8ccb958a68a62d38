"""Chapter 4: losses, numerical derivatives, gradients, gradient descent, simpleNet, training.

Each listing's cases hold the values the book prints for the course's inputs.
"""
from __future__ import annotations

import numpy as np

from digitlab.nn.course.explain import book_W
from digitlab.nn.course.listing import CourseCase, Listing

# Two softmax outputs for an image of a 2 (the answer, one-hot in T): one says "2", one "7".
T = (0, 0, 1, 0, 0, 0, 0, 0, 0, 0)
Y_TWO = (0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0)
Y_SEVEN = (0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0)


def _loss_inputs() -> dict:
    return {"t": list(T), "y1": list(Y_TWO), "y2": list(Y_SEVEN)}


MEAN_SQUARED_ERROR = Listing(
    name="mean_squared_error",
    title="Mean squared error of two predictions for a 2",
    source='''\
# t: the answer 2, one-hot; y1 says "2" (0.6), y2 says "7" (0.6)
mse1 = mean_squared_error(np.array(y1), np.array(t))   # half the sum of squares: 0.5 * np.sum((y - t)**2)
mse2 = mean_squared_error(np.array(y2), np.array(t))
''',
    shows=("mse1", "mse2"),
    defaults=_loss_inputs,
    decimals={"mse1": 6, "mse2": 6},
    cases=(CourseCase({"t": T, "y1": Y_TWO, "y2": Y_SEVEN}, {"mse1": "0.0975", "mse2": "0.5975"}),),
)

CROSS_ENTROPY_ERROR = Listing(
    name="cross_entropy_error",
    title="Cross-entropy error of the same predictions",
    source='''\
# -np.sum(t * np.log(y + delta)), delta = 1e-7 keeps log(0) = -inf away
cee1 = cross_entropy_error(np.array(y1), np.array(t))
cee2 = cross_entropy_error(np.array(y2), np.array(t))
''',
    shows=("cee1", "cee2"),
    defaults=_loss_inputs,
    decimals={"cee1": 6, "cee2": 6},
    cases=(CourseCase({"t": T, "y1": Y_TWO, "y2": Y_SEVEN},
                      {"cee1": "0.510825", "cee2": "2.302584"}),),
)

NUMERICAL_DIFF = Listing(
    name="numerical_diff",
    title="Numerical differentiation of function_1 = 0.01x^2 + 0.1x",
    source='''\
# numerical_diff(f, x) = (f(x+h) - f(x-h)) / (2*h) with h = 1e-4
dy = numerical_diff(function_1, x)
''',
    shows=("dy",),
    defaults=lambda: {"x": 5},
    cases=(CourseCase({"x": 5}, {"dy": "0.1999999999990898"}),
           CourseCase({"x": 10}, {"dy": "0.2999999999986347"})),
)

PARTIAL_DERIVATIVES = Listing(
    name="partial_derivatives",
    title="Partial derivatives of f(x0, x1) = x0^2 + x1^2",
    source='''\
def function_tmp1(x0):          # x1 held fixed
    return x0*x0 + x1**2.0

def function_tmp2(x1):          # x0 held fixed
    return x0**2.0 + x1*x1

df_dx0 = numerical_diff(function_tmp1, x0)
df_dx1 = numerical_diff(function_tmp2, x1)
''',
    shows=("df_dx0", "df_dx1"),
    defaults=lambda: {"x0": 3.0, "x1": 4.0},
    cases=(CourseCase({"x0": 3.0, "x1": 4.0},
                      {"df_dx0": "6.00000000000378", "df_dx1": "7.999999999999119"}),),
)

NUMERICAL_GRADIENT = Listing(
    name="numerical_gradient",
    title="The gradient of function_2 = x0^2 + x1^2",
    source='''\
# both partial derivatives at once: nudge each entry of x by h = 1e-4
grad = numerical_gradient(function_2, np.array([x0, x1]))
''',
    shows=("grad",),
    defaults=lambda: {"x0": 3.0, "x1": 4.0},
    cases=(CourseCase({"x0": 3.0, "x1": 4.0}, {"grad": "[6. 8.]"}),
           CourseCase({"x0": 0.0, "x1": 2.0}, {"grad": "[0. 4.]"}),
           CourseCase({"x0": 3.0, "x1": 0.0}, {"grad": "[6. 0.]"})),
)

GRADIENT_DESCENT = Listing(
    name="gradient_descent",
    title="Gradient descent on function_2 from (-3, 4)",
    source='''\
# step_num times: x -= lr * numerical_gradient(function_2, x)
init_x = np.array([-3.0, 4.0])
x, path = gradient_descent(function_2, init_x=init_x, lr=lr, step_num=step_num)
''',
    shows=("x",),
    defaults=lambda: {"lr": 0.1, "step_num": 100},
    cases=(CourseCase({"lr": 0.1, "step_num": 100}, {"x": "[-6.11110793e-10  8.14814391e-10]"}),
           CourseCase({"lr": 10.0, "step_num": 100}, {"x": "[-2.58983747e+13 -1.29524862e+12]"}),
           CourseCase({"lr": 1e-10, "step_num": 100}, {"x": "[-2.99999994  3.99999992]"})),
)


def _simplenet_inputs() -> dict:
    return {"W": book_W(), "delta": 0.0}


SIMPLE_NET = Listing(
    name="simple_net",
    title="simpleNet: the loss and its gradient dW",
    source='''\
# W: the book's weights; delta: the 1e-7 in the log (0: as the book's printed digits)
net = SimpleNet(W=W, delta=delta)
x = np.array([0.6, 0.9])
p = net.predict(x)
argmax_p = np.argmax(p)          # 2: the largest score is at index 2
t = np.array([0, 0, 1])          # the answer
loss = net.loss(x, t)

def f(W):
    return net.loss(x, t)

dW = numerical_gradient(f, net.W)
''',
    shows=("p", "argmax_p", "loss", "dW"),
    defaults=_simplenet_inputs,
    decimals={"loss": 11},
    cases=(CourseCase({"W": book_W(), "delta": 0.0}, {
        "p": "[1.05414809 0.63071653 1.1328074 ]", "argmax_p": "2", "loss": "0.92806853663",
        "dW": "[[ 0.21924763  0.14356247 -0.36281009]\n [ 0.32887144  0.2153437  -0.54421514]]"},
        "the book's W (printed rounded to 8 decimals)"),),
)

"""The training loop of a TrainConfig as code: the listing beside the Training tab's curves.

    listing = training_loop_listing(config)            # its source is the loop nn.training.trainer runs
    variables = listing.run(x_train=x, t_train=t, x_test=x_test, t_test=t_test)
    variables["train_loss_list"], variables["train_acc_list"], variables["printed"]

The source is made from the config (activation, init, optimizer, schedule, batch, sampling, the
train accuracy's images, when the accuracies are recorded), so that running it gives the same
losses and accuracies as Trainer.from_config(config, ...) for the same data and seed: the course's
loop (sampling "choice", train_neuralnet.py) or DigitLab's shuffled epochs. What it leaves out:
the trainer's pause, stop and divergence checks, which change nothing in a run that completes.
"""
from __future__ import annotations

import inspect

from digitlab.nn.data.augment import augment_batch
from digitlab.nn.course.listing import Listing
from digitlab.nn.training.train_config import TrainConfig
from digitlab.nn.training.trainer import DRAWN_STREAM   # the drawn digits' generator: (seed, 2)

OPTIMIZER_CLASSES = {"sgd": "SGD", "momentum": "Momentum", "nesterov": "Nesterov",
                     "adagrad": "AdaGrad", "rmsprop": "RMSprop", "adam": "Adam"}
MNIST_TRAIN_SIZE = 60_000   # x_train[:60000] keeps all of MNIST: a line the course does not need
_AUGMENT_DEFAULTS = {name: parameter.default for name, parameter in
                     inspect.signature(augment_batch).parameters.items()
                     if parameter.default is not inspect.Parameter.empty}


def _network_lines(config: TrainConfig) -> list[str]:
    numerical = config.gradient == "numerical"
    dtype = "float64" if numerical else config.dtype
    init = config.weight_init
    try:
        init_text = repr(float(init))    # a standard deviation: 0.01 * randn, as the course
    except ValueError:
        init_text = repr(init)
    extra = ""
    if config.weight_decay:
        extra += f", weight_decay={config.weight_decay!r}"
    if config.dropout:
        extra += f", dropout={config.dropout!r}"
    sizes = repr(tuple(config.hidden_sizes))
    seed_line = f"rng = np.random.default_rng({config.seed})   # the seed: initial weights, then batches"
    if config.model_kind == "conv":
        return [seed_line,
                "# (filters, size, pad) per convolution stage, each with ReLU and 2x2 pooling",
                f"network = ConvNet({tuple(config.conv)!r}, {sizes}, 10,",
                f"                  weight_init={init_text}, dtype=np.{dtype}{extra}, rng=rng)"]
    comment = ("# the course's TwoLayerNet(input_size=784, hidden_size=50, output_size=10)"
               if config.hidden_sizes == (50,) else "# the network of these settings")
    lines = [seed_line,
             comment,
             f"network = MultiLayerNet(784, {sizes}, 10, activation={config.activation!r},",
             f"                        weight_init={init_text}, dtype=np.{dtype}{extra}, rng=rng)"]
    if numerical:
        lines.append("# the numerical gradient needs float64: in float32 f(x+h) - f(x-h) loses its digits")
    return lines


def _data_lines(config: TrainConfig) -> list[str]:
    lines = []
    if config.train_size is not None and config.train_size < MNIST_TRAIN_SIZE:
        lines.append(f"x_train, t_train = x_train[:{config.train_size}], t_train[:{config.train_size}]")
    if config.drawn_digits:
        lines += [f"x_drawn, t_drawn = drawn_training_set({config.drawn_digits}, "
                  f"np.random.default_rng(({config.seed}, {DRAWN_STREAM})))   # pen-drawn digits",
                  "x_train = np.concatenate([x_train, x_drawn.astype(x_train.dtype)])",
                  "t_train = np.concatenate([t_train, t_drawn.astype(t_train.dtype)])"]
    return lines


def _length_lines(config: TrainConfig) -> list[str]:
    if config.sampling == "choice":
        lines = ["iter_per_epoch = max(train_size / batch_size, 1)"]
        if config.iterations is None:
            lines.append(f"iters_num = math.ceil({config.epochs} * iter_per_epoch)")
        return lines
    lines = ["iter_per_epoch = math.ceil(train_size / batch_size)   # the last batch may be smaller"]
    if config.iterations is None:
        lines += [f"epochs = {config.epochs}", "iters_num = epochs * iter_per_epoch"]
    else:
        lines.append("epochs = math.ceil(iters_num / iter_per_epoch)   # the last one may be partial")
    return lines


def _step_lines(config: TrainConfig, keys: tuple[str, ...]) -> list[str]:
    """The gradient and the update, at the loop's indentation (none)."""
    lines = []
    if config.augment:
        options = {name: value for name, value in config.augment_options().items()
                   if value != _AUGMENT_DEFAULTS.get(name)}
        arguments = "".join(f", {name}={value!r}" for name, value in options.items())
        lines.append(f"x_batch = augment_batch(x_batch, rng{arguments})   # rotate, shift, scale, thicken")
    numerical = config.gradient == "numerical"
    if config.sampling == "choice":
        lines.append("grad = network.numerical_gradient(x_batch, t_batch)   # numerical"
                     if numerical else "grad = network.gradient(x_batch, t_batch)   # backprop")
    elif numerical:
        lines += ["loss = network.loss(x_batch, t_batch, train=False)   # the loss before the step",
                  "grad = network.numerical_gradient(x_batch, t_batch)   # numerical"]
    else:
        lines.append("loss, grad = network.loss_and_gradient(x_batch, t_batch)   # the loss before the step")
    lr = "learning_rate" if config.schedule == "constant" else "lr"
    if config.schedule != "constant":
        lines.append("lr = lr_schedule(i)")
    if config.optimizer == "sgd":
        lines += [f"for key in {'network.params' if config.model_kind == 'conv' else repr(keys)}:",
                  f"    network.params[key] -= {lr} * grad[key]"]
    else:
        if config.schedule != "constant":
            lines.append("optimizer.lr = lr")
        lines.append("optimizer.update(network.params, grad)")
    if config.sampling == "choice":
        lines.append("loss = network.loss(x_batch, t_batch)   # after the step, as the course")
    lines.append("train_loss_list.append(loss)")
    return lines


def _record_lines(config: TrainConfig) -> list[str]:
    if config.train_accuracy_size is None:
        train = "network.accuracy(x_train, t_train)   # all training images"
    else:
        size = config.train_accuracy_size
        train = f"network.accuracy(x_train[:{size}], t_train[:{size}])   # the first images only: faster"
    return [f"train_acc = {train}",
            "test_acc = network.accuracy(x_test, t_test)",
            "train_acc_list.append(train_acc)",
            "test_acc_list.append(test_acc)",
            'print(f"train acc, test acc | {train_acc:.4f}, {test_acc:.4f}")']


def _indent(lines: list[str], depth: int) -> list[str]:
    return ["    " * depth + line if line else "" for line in lines]


def training_loop_source(config: TrainConfig) -> str:
    """The Python source of config's training loop (see the module doc)."""
    keys = tuple(f"{kind}{layer}" for layer in range(1, len(config.hidden_sizes) + 2)
                 for kind in "Wb")
    lines = [f"batch_size = {config.batch_size}", f"learning_rate = {config.lr!r}"]
    if config.iterations is not None:
        lines.append(f"iters_num = {config.iterations}")
    lines += _network_lines(config) + _data_lines(config)
    lines.append("train_size = x_train.shape[0]")
    lines += _length_lines(config)
    if config.optimizer != "sgd":
        lines.append(f"optimizer = {OPTIMIZER_CLASSES[config.optimizer]}(lr=learning_rate)")
    if config.schedule != "constant":
        lines.append(f"lr_schedule = make_schedule({config.schedule!r}, learning_rate, iters_num)")
    lines += ["train_loss_list, train_acc_list, test_acc_list = [], [], []", ""]
    if config.sampling == "choice":
        lines += ["for i in range(iters_num):",
                  "    batch_mask = rng.choice(train_size, batch_size)   # a random mini-batch",
                  "    x_batch = x_train[batch_mask]",
                  "    t_batch = t_train[batch_mask]",
                  *_indent(_step_lines(config, keys), 1),
                  "    if i % iter_per_epoch == 0:   # once per epoch, from i = 0",
                  *_indent(_record_lines(config), 2)]
    else:
        if config.record_initial:
            lines += ["# epoch 0: the accuracies before any training", *_record_lines(config), ""]
        lines += ["i = 0",
                  "for epoch in range(1, epochs + 1):",
                  "    order = rng.permutation(train_size)   # every image once per epoch",
                  "    for start in range(0, train_size, batch_size):",
                  "        if i == iters_num:",
                  "            break",
                  "        batch_mask = order[start:start + batch_size]",
                  "        x_batch = x_train[batch_mask]",
                  "        t_batch = t_train[batch_mask]",
                  *_indent(_step_lines(config, keys), 2),
                  "        i += 1",
                  "    # the end of an epoch",
                  *_indent(_record_lines(config), 1)]
    return "\n".join(lines) + "\n"


def training_loop_listing(config: TrainConfig, name: str = "settings_loop",
                          title: str = "The training loop of these settings, as it runs") -> Listing:
    """config's training loop as a runnable Listing (see the module doc)."""
    return Listing(
        name=name,
        title=title,
        source=training_loop_source(config),
        shows=("loss", "train_acc_list", "test_acc_list"),
        needs=("x_train", "t_train", "x_test", "t_test"),
        decimals={"loss": 4, "train_acc_list": 4, "test_acc_list": 4},
    )

"""Files the app ships (models, translations), found from a checkout and from an installed wheel."""
from importlib.resources import files
from pathlib import Path


def path(*parts: str) -> Path:
    """Return the path of a shipped resource, e.g. path("models", "default.npz")."""
    return Path(str(files(__name__).joinpath(*parts)))


DEFAULT_MODEL = ("models", "default.npz")
# The book's chapter 7 convolutional network (nn.model.convnet), trained by
# `digitlab train --model-kind conv ...` (README, "The convolutional model"); offered in the Draw
# tab's model list beside the default.
CONV_MODEL = ("models", "conv.npz")

"""Files the app ships (models, translations), found from a checkout and from an installed wheel."""
from pathlib import Path

# Beside this module in both (the wheel installs as plain files, never zipped); importlib.resources
# would find the same folder at a cost of about 10 ms of the window's first frame.
_FOLDER = Path(__file__).resolve().parent


def path(*parts: str) -> Path:
    """Return the path of a shipped resource, e.g. path("models", "default.npz")."""
    return _FOLDER.joinpath(*parts)


DEFAULT_MODEL = ("models", "default.npz")
# The book's chapter 7 convolutional network (nn.model.convnet), trained by
# `digitlab train --model-kind conv ...` (README, "The convolutional model"); offered in the Draw
# tab's model list beside the default.
CONV_MODEL = ("models", "conv.npz")

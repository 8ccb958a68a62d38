"""Files the app ships (models, translations), found from a checkout and from an installed wheel."""
from importlib.resources import files
from pathlib import Path


def path(*parts: str) -> Path:
    """Return the path of a shipped resource, e.g. path("models", "default.npz")."""
    return Path(str(files(__name__).joinpath(*parts)))


DEFAULT_MODEL = ("models", "default.npz")

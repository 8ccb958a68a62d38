"""DigitLab: `python main.py` opens the window; `python main.py train|eval|predict ...` runs a command."""
import importlib.machinery
import importlib.util
import sys
from pathlib import Path


def use_checkout() -> None:
    """Make the folder of this file importable as the package `digitlab` (python main.py from a
    checkout; an installed DigitLab is that package already, so nothing here shadows a name)."""
    spec = importlib.machinery.ModuleSpec("digitlab", None, is_package=True)
    spec.submodule_search_locations = [str(Path(__file__).resolve().parent)]
    sys.modules["digitlab"] = importlib.util.module_from_spec(spec)


def version() -> str:
    """The installed distribution's version, or "development" for a checkout never installed."""
    from importlib import metadata
    try:
        return metadata.version("digitlab")
    except metadata.PackageNotFoundError:
        return "development"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--version"]:
        print(f"DigitLab {version()}")
        return 0
    if argv[:1] in (["--install-desktop"], ["--uninstall-desktop"]):
        from digitlab.gui.desktop import main as desktop_main
        return desktop_main(argv[0])
    from digitlab.nn.blas import use_one_blas_thread
    use_one_blas_thread()  # before anything loads NumPy
    if argv and (not argv[0].startswith("-") or argv[0] in ("-h", "--help")):
        from digitlab.gui.cli import main as cli_main
        return cli_main(argv)
    from digitlab.gui.app import run
    return run(argv)


if __name__ == "__main__":
    use_checkout()
    sys.exit(main())

"""DigitLab: `python main.py` opens the window; `python main.py train|eval|predict ...` runs a command."""
import sys


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
    from digitlab.nn.speed.blas import use_one_blas_thread
    use_one_blas_thread()  # before anything loads NumPy
    if argv and (not argv[0].startswith("-") or argv[0] in ("-h", "--help")):
        from digitlab.cli import main as cli_main
        return cli_main(argv)
    from digitlab.gui.app import run
    return run(argv)


if __name__ == "__main__":
    try:
        import digitlab  # noqa: F401  (installed: pip install . or pip install -e .)
    except ModuleNotFoundError:
        sys.exit('DigitLab is not installed: run `pip install -e .` (or `pip install .`) in this folder, '
                 'then `python main.py` or `digitlab`.')
    sys.exit(main())

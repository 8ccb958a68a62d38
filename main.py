"""DigitLab: `python main.py` opens the window; `python main.py train|eval|predict ...` runs a command."""
import sys


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] in (["--install-desktop"], ["--uninstall-desktop"]):
        from gui.desktop import main as desktop_main
        return desktop_main(argv[0])
    from nn.blas import use_one_blas_thread
    use_one_blas_thread()  # before anything loads NumPy
    if argv and (not argv[0].startswith("-") or argv[0] in ("-h", "--help")):
        from gui.cli import main as cli_main
        return cli_main(argv)
    from gui.app import run
    return run(argv)


if __name__ == "__main__":
    sys.exit(main())

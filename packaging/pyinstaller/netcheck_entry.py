"""PyInstaller entry point: the same `netcheck` command as the pip-installed script."""

from netcheck.cli import main

if __name__ == "__main__":
    main()

"""``python -m derive``: the same entry point as the ``derive`` console script."""

from derive.cli import main

if __name__ == "__main__":
    main()

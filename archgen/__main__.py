"""`python -m archgen` runs the command line."""

from archgen.cli import main

if __name__ == "__main__":
    main()

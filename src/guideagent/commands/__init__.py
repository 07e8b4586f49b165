"""One module per CLI subcommand, each with `run(args, settings) -> exit code`.

Commands call library functions and print; they hold no logic of their own.
"""

from plancheck.cli import entry_point

entry_point()

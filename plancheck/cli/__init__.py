"""The command line: parse options, call the core, map results to exit codes.

One module a command (or group of commands), on a shared base:

* :mod:`~plancheck.cli.app`: the `plancheck` group, :func:`main` and the console script;
* :mod:`~plancheck.cli.common`: exit statuses, :class:`Failure`, lazily loaded groups;
* :mod:`~plancheck.cli.run`: the input options and the run `check`, `fix` and `report`
  share;
* :mod:`~plancheck.cli.check`, :mod:`~plancheck.cli.fix`, :mod:`~plancheck.cli.schema`,
  :mod:`~plancheck.cli.rules`, :mod:`~plancheck.cli.vocab`,
  :mod:`~plancheck.cli.authoring` (`new`, `parse`, `render`): the commands. `report`,
  `lsp` and `schema infer` are in :mod:`plancheck.report.command`,
  :mod:`plancheck.lsp.command` and :mod:`plancheck.infer.command`.
"""

from plancheck.cli.app import cli, entry_point, main

__all__ = ["cli", "entry_point", "main"]

"""`plancheck lsp`: a Language Server Protocol server over standard input and output.

Diagnostics as the document changes, quick fixes and "fix all", completion of vocabulary
terms, headings and prompts, and hover on prompts and tags. pygls and lsprotocol are
imported only by the modules of this package, which only `plancheck lsp` loads.
"""

"""One module per ``kg`` command (see ``kg.cli``)."""

"""The Delegation pane of an agent: the prompts that should, and should not, make Claude hand
it the work, kept as eval cases through ``core.evals``, and the runs of ``claude plugin eval``
that score them."""

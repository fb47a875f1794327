"""Help for every trigger: the first command that flows end to end."""

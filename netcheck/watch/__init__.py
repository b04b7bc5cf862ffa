"""`netcheck watch`: a long-running connection monitor for the drops a one-shot run cannot see."""

"""Writing for the user: the `init` interview, the public notice, imports and exports."""

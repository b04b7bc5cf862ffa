"""A throw-away network of Linux namespaces that end-to-end tests run netcheck in."""

"""The typed model's objects, one module per content type; `sendsite.model` re-exports them."""

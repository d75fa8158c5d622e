"""The validate stage's checks, one module per content type; `sendsite.model.validate` runs them."""

"""The product: use cases, pure domain logic and the ports they need. No I/O lives here."""

"""In-memory fakes of the ports, for handler tests that need no SQL.

Each fake is typed against its Protocol (mypy checks it conforms) and kept honest by the contract tests in
tests/contracts, which run the same tests on the fake and on the SQL repository.
"""

from tests.fakes.store import ReadOnlyTransaction, Store
from tests.fakes.uow import FakeUnitOfWork, FakeUnitOfWorkFactory

__all__ = ["FakeUnitOfWork", "FakeUnitOfWorkFactory", "ReadOnlyTransaction", "Store"]

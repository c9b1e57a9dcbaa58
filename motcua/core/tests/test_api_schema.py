"""The whole API against its own OpenAPI document (schemathesis): requests generated from the
schema, valid and invalid, never get a server error, and every answer has the shape documented.

Calls go in-process through the WSGI application, as an official of the province (a bearer token),
over the dossier test world, so the operations that read data have some to read.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from motcua.dossiers.tests.factories import build_dossier_world, token_for, walk_in
from motcua.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def official(db):
    # The raw WSGI handler closes the database connection after each request, which would end the
    # test's transaction; Django's own test client unhooks the same signal handlers.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        world = build_dossier_world()
        walk_in(world)
        yield {"Authorization": f"Bearer {token_for(world.users['supervisor'])}"}
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_the_api_keeps_its_documented_promises(case, official):
    case.call_and_validate(headers=official, checks=[not_a_server_error, response_schema_conformance])

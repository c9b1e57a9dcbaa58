import pytest

from motcua.dossiers.workflow import ACTIONS


@pytest.mark.django_db
def test_api_docs_are_served_without_a_cdn(client):
    page = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn." not in page


def test_openapi_documents_every_dossier_action_with_its_own_body(client):
    schema = client.get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    for name in ACTIONS:
        operation = paths[f"/api/v1/dossiers/{{code}}/actions/{name}"]["post"]
        assert operation["operationId"] == f"dossier_{name}"
        assert "requestBody" in operation
    for path in ("/api/v1/dossiers", "/api/v1/dossiers/{code}", "/api/v1/dossiers/{code}/status",
                 "/api/v1/procedures", "/api/v1/procedures/{code}", "/api/v1/calendar/due-date",
                 "/api/v1/auth/token"):
        assert path in paths, path


@pytest.mark.django_db
def test_api_errors_are_json_in_vietnamese_everywhere(client):
    unknown = client.get("/api/v1/khong-co")
    assert unknown.status_code == 404 and unknown.json()["code"] == "unknown_endpoint"
    wrong_method = client.delete("/api/v1/procedures")
    assert wrong_method.status_code == 405 and wrong_method.json()["code"] == "method_not_allowed"
    broken = client.post("/api/v1/auth/token", "{not json", content_type="application/json")
    assert broken.status_code == 400 and broken.json()["code"] == "invalid_json"
    missing = client.post("/api/v1/auth/token", {"username": "a"}, content_type="application/json")
    assert missing.status_code == 422
    assert missing.json()["errors"] == [{"field": "password", "message": "Thiếu trường bắt buộc."}]

package org.fractionball.lms.infrastructure.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.fractionball.lms.infrastructure.support.Api;
import org.fractionball.lms.infrastructure.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Contract §5.21: the OpenAPI document lists every contract path implemented so far. */
class OpenApiIT extends IntegrationTest {
    /** Grows with every issue that implements more of the contract. */
    static final List<String> IMPLEMENTED_PATHS = List.of(
            "/api/healthz/", "/api/me/", "/api/schools/", "/api/schools/{id}/",
            "/api/admin/schools/", "/api/admin/schools/{id}/", "/api/videos/", "/api/videos/{id}/",
            "/api/resources/", "/api/resources/{id}/", "/api/resources/{id}/download/", "/api/uploads/sign/",
            "/api/uploads/complete/", "/api/approval/{kind}/{id}/approve/", "/api/videos/{id}/stream/");

    @Test
    void the_schema_is_yaml_by_default_and_json_on_request() {
        Api.Response yaml = api().get("/api/schema/").send();
        assertThat(yaml.status()).isEqualTo(200);
        assertThat(yaml.header("Content-Type")).startsWith("application/vnd.oai.openapi");
        assertThat(yaml.text()).startsWith("openapi: 3");
        for (String path : IMPLEMENTED_PATHS) {
            assertThat(yaml.text()).contains("  " + path + ":");
        }

        Api.Response json = api().get("/api/schema/?format=json").send();
        assertThat(json.status()).isEqualTo(200);
        JsonNode paths = json.json().get("paths");
        assertThat(json.json().at("/info/title").asText()).isEqualTo("Fraction Ball Teacher LMS API");
        for (String path : IMPLEMENTED_PATHS) {
            assertThat(paths.has(path)).as(path).isTrue();
        }
        assertThat(paths.get("/api/schools/").has("post")).isTrue();
        assertThat(paths.get("/api/schools/{id}/").has("patch")).isTrue();
    }

    @Test
    void swagger_ui_and_redoc_are_served() {
        Api.Response docs = api().get("/api/docs/").send();
        assertThat(docs.status()).isEqualTo(302);
        String location = docs.header("Location");
        Api.Response ui = api().get(location.replaceFirst("^https?://[^/]+", "")).send();
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.text()).contains("swagger-ui");

        Api.Response redoc = api().get("/api/redoc/").send();
        assertThat(redoc.status()).isEqualTo(200);
        assertThat(redoc.text()).contains("<redoc");
    }
}

package org.fractionball.lms.infrastructure.cluster;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class NodeRoleFilterTest {

    @Test
    void aNodeWithoutRoleProfilesHasEveryRole() {
        NodeRoles roles = roles("test", "dev");
        assertThat(roles.all()).isTrue();
        assertThat(roles.toString()).isEqualTo("command,query,projections");
    }

    @Test
    void roleProfilesCombine() {
        NodeRoles roles = roles("test", "query", "projections");
        assertThat(roles.all()).isFalse();
        assertThat(roles.has(NodeRoles.Role.COMMAND)).isFalse();
        assertThat(roles.toString()).isEqualTo("query,projections");
    }

    @Test
    void aQueryNodeServesReadsAndRefusesWrites() throws Exception {
        NodeRoles roles = roles("query");
        assertThat(status(roles, "GET", "/api/library/videos/")).isEqualTo(200);
        assertThat(status(roles, "HEAD", "/api/schools/")).isEqualTo(200);
        assertThat(status(roles, "OPTIONS", "/api/schools/")).isEqualTo(200);
        MockHttpServletResponse refused = filter(roles, "POST", "/api/schools/");
        assertThat(refused.getStatus()).isEqualTo(503);
        assertThat(refused.getContentType()).isEqualTo("application/json;charset=UTF-8");
        assertThat(refused.getContentAsString())
                .isEqualTo("{\"detail\":\"This node serves reads only (node roles: query).\"}");
        assertThat(status(roles, "DELETE", "/api/videos/1/")).isEqualTo(503);
    }

    @Test
    void aProjectionsNodeServesOnlyHealthAndTheActuator() throws Exception {
        NodeRoles roles = roles("projections");
        assertThat(status(roles, "GET", "/api/healthz/")).isEqualTo(200);
        assertThat(status(roles, "GET", "/api/readyz/")).isEqualTo(200);
        assertThat(status(roles, "GET", "/actuator/prometheus")).isEqualTo(200);
        assertThat(status(roles, "GET", "/actuator")).isEqualTo(200);
        assertThat(status(roles, "GET", "/actuatorx")).isEqualTo(503);
        assertThat(status(roles, "GET", "/")).isEqualTo(503);
        assertThat(filter(roles, "GET", "/api/schools/").getContentAsString())
                .isEqualTo("{\"detail\":\"This node serves no API requests (node roles: projections).\"}");
    }

    @Test
    void aCommandNodeServesEveryRoute() throws Exception {
        NodeRoles roles = roles("command");
        assertThat(status(roles, "POST", "/api/schools/")).isEqualTo(200);
        assertThat(status(roles, "GET", "/api/schools/")).isEqualTo(200);
    }

    private static NodeRoles roles(String... profiles) {
        MockEnvironment environment = new MockEnvironment();
        environment.setActiveProfiles(profiles);
        return NodeRoles.of(environment);
    }

    private static int status(NodeRoles roles, String method, String path) throws Exception {
        return filter(roles, method, path).getStatus();
    }

    private static MockHttpServletResponse filter(NodeRoles roles, String method, String path) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        new NodeRoleFilter(roles).doFilter(new MockHttpServletRequest(method, path), response, new MockFilterChain());
        return response;
    }
}

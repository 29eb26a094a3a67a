package org.fractionball.lms.infrastructure.web;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Contract §5.21: the OpenAPI document at {@code /api/schema/} (YAML; {@code ?format=json} for
 * JSON), Swagger UI at {@code /api/docs/} and ReDoc at {@code /api/redoc/}. springdoc generates the
 * document from the controllers; these paths forward to it.
 */
@Controller
@Hidden
public class ApiDocsController {

    @GetMapping("/api/schema/")
    public String schema(@RequestParam(name = "format", required = false) String format) {
        return "json".equals(format) ? "forward:/api/schema/openapi.json" : "forward:/api/schema/openapi.json.yaml";
    }

    @GetMapping("/api/docs/")
    public String swaggerUi() {
        return "redirect:/api/docs/swagger-ui/index.html";
    }

    @GetMapping("/api/redoc/")
    public String redoc() {
        return "forward:/redoc/index.html";
    }
}

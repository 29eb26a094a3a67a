package org.fractionball.lms.infrastructure.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document's header: the contract's title and version, and the bearer scheme every call uses. */
@Configuration(proxyBeanMethods = false)
public class ApiDocsConfiguration {

    @Bean
    OpenAPI lmsOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Fraction Ball Teacher LMS API").version("1.0.0")
                        .description("Event-sourced backend of the Fraction Ball LMS. Differences from the original "
                                + "API are listed in docs/api.md."))
                .components(new Components().addSecuritySchemes("firebase", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("Firebase ID token")))
                .addSecurityItem(new SecurityRequirement().addList("firebase"));
    }
}

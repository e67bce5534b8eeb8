package org.kith.identity;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * How the API description says a caller signs in: an API token (scripts), HTTP Basic (kept for older scripts)
 * or the browser's session cookie (which
 * also needs the CSRF token on writes). Either one will do, on every operation; the public reads of funds,
 * the description itself and health need neither.
 */
@Configuration
class ApiDocsConfig {

    static final String BEARER = "bearerAuth";
    static final String BASIC = "basicAuth";
    static final String SESSION = "sessionCookie";

    @Bean
    OpenAPI kithApiDescription() {
        return new OpenAPI()
                .info(new Info().title("Kith API").version("1")
                        .description("Grant administration for community groups. Errors are RFC 9457 problem JSON."))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("kith_<prefix>_<secret>")
                                .description("An API token made on /account/tokens or by POST /api/tokens."))
                        .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("Kith username and password."))
                        .addSecuritySchemes(SESSION, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.COOKIE).name("SESSION")
                                .description("The session of a person signed in through the browser; writes also "
                                        + "need the X-CSRF-TOKEN header.")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER))
                .addSecurityItem(new SecurityRequirement().addList(BASIC))
                .addSecurityItem(new SecurityRequirement().addList(SESSION));
    }
}

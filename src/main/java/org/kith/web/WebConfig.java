package org.kith.web;

import java.util.List;
import java.util.Locale;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/**
 * Pages speak British English from {@code messages.properties}. A Welsh or Gaelic version is one more bundle
 * ({@code messages_cy.properties}) and its locale added here, not a code change.
 */
@Configuration
class WebConfig {

    static final Locale BRITISH_ENGLISH = Locale.UK;

    @Bean
    LocaleResolver localeResolver() {
        AcceptHeaderLocaleResolver resolver = new AcceptHeaderLocaleResolver();
        resolver.setSupportedLocales(List.of(BRITISH_ENGLISH));
        resolver.setDefaultLocale(BRITISH_ENGLISH);
        return resolver;
    }
}

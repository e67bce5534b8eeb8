package org.kith.support;

import org.springframework.test.context.ActiveProfilesResolver;

/**
 * H2 in memory unless KITH_DB_URL names a real database. Under CI=true there is no silent fallback:
 * without KITH_DB_URL every test fails.
 */
public class TestProfiles implements ActiveProfilesResolver {

    @Override
    public String[] resolve(Class<?> testClass) {
        String url = System.getenv("KITH_DB_URL");
        if (url == null || url.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(
                        "CI=true but KITH_DB_URL is not set: CI runs against MariaDB and never falls back to H2");
            }
            return new String[] {"test", "h2"};
        }
        return new String[] {"test"};
    }
}

package org.kith.seeding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.kith.support.TestProfiles;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.ActiveProfiles;

/** The demo data is in before the web server takes its first request: no 401 for a demo account at start-up. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles(resolver = TestProfiles.class)
class DemoDataTimingTest {

    static final AtomicReference<Boolean> LOADED_WHEN_THE_SERVER_OPENED = new AtomicReference<>();

    @TestConfiguration
    static class WatchTheServerOpen {

        @Bean
        ApplicationListener<WebServerInitializedEvent> whenTheServerOpens(DemoData demoData) {
            return event -> LOADED_WHEN_THE_SERVER_OPENED.set(demoData.loaded());
        }
    }

    @Test
    void theDemoDataIsLoadedBeforeTheWebServerOpens() {
        assertThat(LOADED_WHEN_THE_SERVER_OPENED.get()).isTrue();
    }
}

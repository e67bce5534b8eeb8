package org.kith.seeding;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.kith.support.KithTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ResourceLoader;

/**
 * {@code java -jar kith.jar} in an empty folder starts with its demo data: the seeds are read from the classpath
 * (packaged into the jar), never from a seeds/ folder beside the working directory.
 */
@KithTest
class DemoDataFromTheJarTest {

    @Value("${kith.demo-data.location}")
    String location;

    @Autowired
    ResourceLoader resources;

    @Test
    void theDemoDataIsReadFromTheClasspath_notFromTheWorkingDirectory() {
        assertThat(location).startsWith("classpath:");
        for (String file : new String[] {"funds.json", "organisations.json", "accounts.json", "portfolio.json"}) {
            assertThat(resources.getResource(location + file).exists()).as(file + " packaged").isTrue();
        }
    }
}

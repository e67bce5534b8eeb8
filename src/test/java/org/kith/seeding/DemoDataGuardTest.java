package org.kith.seeding;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Demo accounts share a published password: they must never reach a real database. */
class DemoDataGuardTest {

    static final String H2 = "jdbc:h2:file:./data/kith";
    static final String MYSQL = "jdbc:mysql://db.example.org:3306/kith";

    @Test
    void theEmbeddedDatabaseTakesTheDemoData() {
        assertThatCode(() -> DemoData.checkDatabase(H2, "", false)).doesNotThrowAnyException();
    }

    @Test
    void aRealDatabaseNeverDoesUnlessATestAsks() {
        assertThatThrownBy(() -> DemoData.checkDatabase(MYSQL, MYSQL, false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("only into the embedded H2");
        assertThatCode(() -> DemoData.checkDatabase(MYSQL, MYSQL, true)).doesNotThrowAnyException();
    }

    @Test
    void aDatabaseUrlIgnoredByTheEmbeddedProfileStopsTheStart() {
        assertThatThrownBy(() -> DemoData.checkDatabase(H2, MYSQL, false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("SPRING_PROFILES_ACTIVE=mysql");
    }
}

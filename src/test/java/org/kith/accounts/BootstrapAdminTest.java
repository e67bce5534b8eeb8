package org.kith.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kith.KithApplication;
import org.kith.identity.SecretTokens;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@code java -jar kith.jar --kith.bootstrap-admin=EMAIL} on a database with no administrator (a fresh H2, no demo
 * data), run as the jar runs it: no web server, an exit code, the link on standard output.
 */
@ExtendWith(OutputCaptureExtension.class)
class BootstrapAdminTest {

    private static final Pattern LINK = Pattern.compile(
            "https://kith\\.example\\.org/account/set-password\\?token=([A-Za-z0-9_-]{43})");

    private final String url = "jdbc:h2:mem:bootstrap-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private final JdbcClient db = JdbcClient.create(new DriverManagerDataSource(url, "sa", ""));

    private int run(String... command) {
        String[] settings = {"--spring.profiles.active=h2", "--spring.datasource.url=" + url,
                "--kith.demo-data.enabled=false", "--kith.public-url=https://kith.example.org/",
                "--kith.scheduling.enabled=false", "--flowable.async-executor-activate=false"};
        String[] args = new String[settings.length + command.length];
        System.arraycopy(settings, 0, args, 0, settings.length);
        System.arraycopy(command, 0, args, settings.length, command.length);
        return KithApplication.command(args);
    }

    @Test
    void makesTheFirstAdministratorWithALinkAndNoPassword_thenOnceOneExistsChangesNothing(CapturedOutput output) {
        assertThat(run("--kith.bootstrap-admin=not an address")).as("exit code for a bad address").isEqualTo(2);
        assertThat(output.getOut()).contains("cannot make an administrator").doesNotContain("set-password");
        assertThat(run("--kith.bootstrap-admin")).as("exit code without an address").isEqualTo(2);
        assertThat(output.getOut()).contains("Enter an email address");
        assertThat(db.sql("SELECT COUNT(*) FROM app_user").query(Integer.class).single()).isZero();

        assertThat(run("--kith.bootstrap-admin=Eilidh.Ross@Example.ORG ",
                "--kith.bootstrap-admin-name=Eilidh Ross")).isZero();
        Matcher link = LINK.matcher(output.getOut());
        assertThat(link.find()).as("a link printed in %s", output.getOut()).isTrue();
        String token = link.group(1);

        Map<String, Object> account = db.sql("""
                SELECT id, username, display_name, email, enabled, email_confirmed_at, password_hash FROM app_user""")
                .query().singleRow();
        assertThat(account).containsEntry("USERNAME", "Eilidh.Ross@example.org")
                .containsEntry("DISPLAY_NAME", "Eilidh Ross").containsEntry("ENABLED", true);
        assertThat(account.get("EMAIL_CONFIRMED_AT")).isNotNull();
        long id = ((Number) account.get("ID")).longValue();
        assertThat(db.sql("SELECT role FROM user_role WHERE user_id = :id").param("id", id).query(String.class).list())
                .containsExactly("ADMIN");
        // no password anyone knows: a hash of random bytes, never shown; the link is the only way in
        String hash = (String) account.get("PASSWORD_HASH");
        assertThat(hash).startsWith("{bcrypt}");
        assertThat(output.getOut()).doesNotContain(hash);
        for (String guess : List.of("", "admin", "password", "kith-demo", "Eilidh.Ross@example.org", token)) {
            assertThat(org.springframework.security.crypto.factory.PasswordEncoderFactories
                    .createDelegatingPasswordEncoder().matches(guess, hash)).as(guess).isFalse();
        }
        Map<String, Object> link1 = db.sql("SELECT token_hash, purpose, expires_at, created_at, used_at FROM account_token")
                .query().singleRow();
        assertThat(link1).containsEntry("TOKEN_HASH", SecretTokens.hash(token)).containsEntry("PURPOSE", "SET_PASSWORD");
        assertThat(link1.get("USED_AT")).isNull();
        assertThat(((java.sql.Timestamp) link1.get("EXPIRES_AT")).toLocalDateTime())
                .isEqualTo(((java.sql.Timestamp) link1.get("CREATED_AT")).toLocalDateTime().plusHours(24));

        String before = snapshot();
        int printed = output.getOut().length();
        assertThat(run("--kith.bootstrap-admin=someone.else@example.org")).isZero();
        String second = output.getOut().substring(printed);
        assertThat(second).contains("an administrator already exists").doesNotContain("set-password");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void theNameDefaultsToThePartOfTheAddressBeforeTheAt(CapturedOutput output) {
        assertThat(run("--kith.bootstrap-admin=ops@example.org")).isZero();
        assertThat(db.sql("SELECT display_name FROM app_user").query(String.class).single()).isEqualTo("ops");
        assertThat(LINK.matcher(output.getOut()).find()).isTrue();
    }

    /** Every row the command could have touched. */
    private String snapshot() {
        return db.sql("SELECT * FROM app_user ORDER BY id").query().listOfRows().toString()
                + db.sql("SELECT * FROM user_role ORDER BY user_id, role").query().listOfRows()
                + db.sql("SELECT * FROM account_token ORDER BY id").query().listOfRows()
                + db.sql("SELECT * FROM staff_fund ORDER BY user_id").query().listOfRows();
    }
}

package org.kith.support;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import org.kith.funds.Fund;
import org.kith.funds.Funds;
import org.kith.identity.CurrentUser;
import org.kith.identity.Role;
import org.kith.identity.UserAccounts;
import org.kith.organisations.LegalForm;
import org.kith.organisations.Organisations;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Fresh funds, groups and people for each test, so tests sharing one database never see each other's
 * grants. Every account made here signs in with {@link #PASSWORD}.
 */
@Component
public class TestData {

    public static final String PASSWORD = "kith-demo";

    private final Funds funds;
    private final Organisations organisations;
    private final UserAccounts accounts;
    private final PasswordEncoder encoder;
    private final JdbcTemplate jdbc;
    private final AtomicInteger charityNumbers = new AtomicInteger(ThreadLocalRandom.current().nextInt(900000));

    TestData(Funds funds, Organisations organisations, UserAccounts accounts, PasswordEncoder encoder,
            JdbcTemplate jdbc) {
        this.funds = funds;
        this.organisations = organisations;
        this.accounts = accounts;
        this.encoder = encoder;
        this.jdbc = jdbc;
    }

    /** A copy of the seeded loneliness fund (500 to 20,000; light touch to 5,000), open around today. */
    public Fund fund() {
        return fund(f -> f);
    }

    public Fund fund(UnaryOperator<Fund> tweak) {
        Fund seeded = funds.findBySlug("social-isolation-and-loneliness").orElseThrow();
        LocalDate today = LocalDate.now();
        Fund fresh = new Fund(0, "test-" + unique(), seeded.name() + " (test)", seeded.description(),
                seeded.currency(), seeded.budget(), seeded.minimumAward(), seeded.maximumAward(),
                seeded.lightTouchThreshold(), today.minusYears(1), today.plusYears(5), seeded.eligibility(),
                seeded.questions(), seeded.criteria(), seeded.reporting(), seeded.payments(), seeded.timeLimits());
        Fund tweaked = tweak.apply(fresh);
        return funds.get(funds.save(tweaked));
    }

    /** A registered Scottish charity with one applicant member. */
    public CurrentUser charityApplicant() {
        return applicant(LegalForm.SCOTTISH_CHARITY, freshCharityNumber());
    }

    /**
     * An OSCR-style identifier no organisation holds yet. Random numbers alone collided once in CI (the
     * identifier is unique), so numbers come from a counter and skip any already taken in a reused database.
     */
    private String freshCharityNumber() {
        while (true) {
            String identifier = "GB-SC-SC" + (100000 + charityNumbers.getAndIncrement() % 900000);
            Integer taken = jdbc.queryForObject("SELECT COUNT(*) FROM organisation WHERE org_identifier = ?",
                    Integer.class, identifier);
            if (taken == 0) {
                return identifier;
            }
        }
    }

    /** An unregistered group (no identifier) with one applicant member. */
    public CurrentUser unregisteredApplicant() {
        return applicant(LegalForm.UNREGISTERED_GROUP, null);
    }

    public CurrentUser applicant(LegalForm legalForm, String identifier) {
        String name = unique();
        long organisationId = organisations.create("Group " + name, legalForm, identifier, "EH1 1AA",
                "City of Edinburgh", new BigDecimal("12000.00"));
        return person("applicant-" + name, organisationId, Role.APPLICANT);
    }

    /** Another member of the same group. */
    public CurrentUser memberOf(long organisationId) {
        return person("member-" + unique(), organisationId, Role.APPLICANT);
    }

    public CurrentUser assessor() {
        return person("assessor-" + unique(), null, Role.ASSESSOR);
    }

    public CurrentUser manager() {
        return person("manager-" + unique(), null, Role.FUND_MANAGER);
    }

    public CurrentUser admin() {
        return person("admin-" + unique(), null, Role.ADMIN);
    }

    /** A funder who sees only these funds. */
    public CurrentUser funderOf(Fund... funds) {
        return linked(person("funder-" + unique(), null, Role.FUNDER), funds);
    }

    /** A fund manager who manages only these funds. */
    public CurrentUser managerOf(Fund... funds) {
        return linked(person("manager-" + unique(), null, Role.FUND_MANAGER), funds);
    }

    private CurrentUser linked(CurrentUser user, Fund... funds) {
        long id = accounts.account(user.username()).orElseThrow().id();
        accounts.linkFunds(id, java.util.Arrays.stream(funds).map(Fund::id).collect(java.util.stream.Collectors.toSet()));
        return accounts.current(user.username()).orElseThrow();
    }

    public CurrentUser person(String username, Long organisationId, Role role) {
        accounts.create(username, encoder.encode(PASSWORD), username, username + "@example.org", organisationId,
                EnumSet.of(role));
        return accounts.current(username).orElseThrow();
    }

    public CurrentUser existing(String username) {
        return accounts.current(username).orElseThrow();
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}

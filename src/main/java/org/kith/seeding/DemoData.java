package org.kith.seeding;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;

import org.kith.dashboard.DeprivationLookup;
import org.kith.funds.Fund;
import org.kith.funds.FundRules;
import org.kith.funds.Funds;
import org.kith.identity.Role;
import org.kith.identity.UserAccounts;
import org.kith.organisations.LegalForm;
import org.kith.organisations.Organisations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.ResourceLoader;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Loads seeds/ when kith.demo-data.enabled is true: the embedded default and the tests, never production. It
 * loads once every bean is ready but before the web server opens, so no request meets a half-seeded database.
 */
@Component
@ConditionalOnProperty(name = "kith.demo-data.enabled", havingValue = "true")
class DemoData implements SmartInitializingSingleton {

    static final String DEMO_PASSWORD = "kith-demo";

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    record SeedOrganisation(String name, LegalForm legalForm, String orgIdentifier, String postcode,
            String localAuthority, BigDecimal annualIncome) {
    }

    /** {@code funds}: slugs of the funds a funder sees (or a fund manager manages). */
    record SeedAccount(String username, String displayName, String email, List<Role> roles, String organisation,
            List<String> funds) {
    }

    private final ResourceLoader resources;
    private final ObjectMapper json;
    private final Funds funds;
    private final FundRules fundRules;
    private final Organisations organisations;
    private final UserAccounts accounts;
    private final PasswordEncoder encoder;
    private final String location;
    private final String datasourceUrl;
    private final String configuredDbUrl;
    private final boolean anyDatabaseAllowed;
    private final TransactionTemplate transaction;
    private final DeprivationLookup deprivation;
    private final boolean deprivationLookup;
    private volatile boolean loaded;

    DemoData(ResourceLoader resources, ObjectMapper json, Funds funds, FundRules fundRules, Organisations organisations,
            UserAccounts accounts, PasswordEncoder encoder, PlatformTransactionManager transactions,
            DeprivationLookup deprivation,
            @Value("${kith.demo-data.location}") String location,
            @Value("${spring.datasource.url}") String datasourceUrl,
            @Value("${KITH_DB_URL:}") String configuredDbUrl,
            @Value("${kith.demo-data.any-database:false}") boolean anyDatabaseAllowed,
            @Value("${kith.demo-data.deprivation-lookup:false}") boolean deprivationLookup) {
        this.datasourceUrl = datasourceUrl;
        this.configuredDbUrl = configuredDbUrl;
        this.anyDatabaseAllowed = anyDatabaseAllowed;
        this.resources = resources;
        this.json = json;
        this.funds = funds;
        this.fundRules = fundRules;
        this.organisations = organisations;
        this.accounts = accounts;
        this.encoder = encoder;
        this.location = location.endsWith("/") ? location : location + "/";
        this.transaction = new TransactionTemplate(transactions);
        this.deprivation = deprivation;
        this.deprivationLookup = deprivationLookup;
    }

    /**
     * Demo accounts have a published password, so they go only into the embedded H2 database (and a test
     * database that asks for them). A KITH_DB_URL left unused by the embedded profile is a mistake, not a choice.
     */
    static void checkDatabase(String datasourceUrl, String configuredDbUrl, boolean anyDatabaseAllowed) {
        boolean embedded = datasourceUrl != null && datasourceUrl.startsWith("jdbc:h2:");
        if (embedded && configuredDbUrl != null && !configuredDbUrl.isBlank()) {
            throw new IllegalStateException("KITH_DB_URL is set, but the embedded profile (H2 with demo data) is "
                    + "active. To use that database, set SPRING_PROFILES_ACTIVE=mysql.");
        }
        if (!embedded && !anyDatabaseAllowed) {
            throw new IllegalStateException("Demo data (accounts with the published password) loads only into "
                    + "the embedded H2 database, never into " + datasourceUrl);
        }
    }

    @Override
    public void afterSingletonsInstantiated() {
        checkDatabase(datasourceUrl, configuredDbUrl, anyDatabaseAllowed);
        transaction.executeWithoutResult(status -> load());
        loadDeprivationLookup();
        loaded = true;
    }

    boolean loaded() {
        return loaded;
    }

    private void load() {
        // the rules the import page checks: a broken seed file stops the start, listing every problem
        List<Fund> seededFunds = fundRules.read(bytes("funds.json"));
        seededFunds.forEach(funds::save);
        for (SeedOrganisation o : read("organisations.json", new TypeReference<List<SeedOrganisation>>() { })) {
            if (organisations.findByName(o.name()).isEmpty()) {
                organisations.create(o.name(), o.legalForm(), o.orgIdentifier(), o.postcode(), o.localAuthority(),
                        o.annualIncome());
            }
        }
        for (SeedAccount a : read("accounts.json", new TypeReference<List<SeedAccount>>() { })) {
            if (!accounts.exists(a.username())) {
                Long organisationId = a.organisation() == null ? null
                        : organisations.findByName(a.organisation()).orElseThrow().id();
                long id = accounts.create(a.username(), encoder.encode(DEMO_PASSWORD), a.displayName(), a.email(),
                        organisationId, EnumSet.copyOf(a.roles()));
                if (a.funds() != null) {
                    accounts.linkFunds(id, a.funds().stream()
                            .map(slug -> funds.findBySlug(slug).orElseThrow().id()).collect(Collectors.toSet()));
                }
            }
        }
        log.info("Demo data loaded from {}: {} funds; demo accounts sign in with the password '{}'",
                location, seededFunds.size(), DEMO_PASSWORD);
    }

    /**
     * The demo lookup (illustrative deciles, see seeds/README.md) through the admin's loader, by the embedded
     * default only ({@code kith.demo-data.deprivation-lookup}; the tests choose their own deciles), and only while
     * the lookup is empty: an official file loaded since is kept. A broken file stops the start, listing its problems.
     */
    private void loadDeprivationLookup() {
        if (!deprivationLookup || !deprivation.areas().isEmpty()) {
            return;
        }
        try (InputStream in = resources.getResource(location + "deprivation.csv").getInputStream()) {
            deprivation.load(in, "seeds/deprivation.csv");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read demo data " + location + "deprivation.csv", e);
        } catch (DeprivationLookup.LookupFileException e) {
            throw new IllegalStateException("seeds/deprivation.csv: " + e.problems(), e);
        }
    }

    private byte[] bytes(String file) {
        try (InputStream in = resources.getResource(location + file).getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read demo data " + location + file, e);
        }
    }

    private <T> T read(String file, TypeReference<T> type) {
        try (InputStream in = resources.getResource(location + file).getInputStream()) {
            return json.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read demo data " + location + file, e);
        }
    }
}

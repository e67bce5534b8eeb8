package org.kith.dashboard;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.kith.applications.ApplicationStatus;
import org.kith.web.Csv;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Awarded grants (OFFERED, FUNDED, CLOSED) as open data in the 360Giving Data Standard: the grant package as
 * JSON, and the same grants as CSV with the standard's flattened column titles. Public, and about
 * organisations only: no contact names, emails, phones or usernames.
 */
@RestController
class OpenDataController {

    static final MediaType TEXT_CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

    static final List<String> CSV_HEADER = List.of("Identifier", "Title", "Description", "Currency",
            "Amount Awarded", "Award Date", "Recipient Org:Identifier", "Recipient Org:Name",
            "Recipient Org:Charity Number", "Recipient Org:Company Number", "Recipient Org:Postal Code",
            "Funding Org:Identifier", "Funding Org:Name", "Grant Programme:Code", "Grant Programme:Title",
            "Beneficiary Location:Name");

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Organisation(String id, String name, String charityNumber, String companyNumber, String postalCode) {
    }

    record Programme(String code, String title) {
    }

    record Location(String name) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Grant(String id, String title, String description, String currency, BigDecimal amountAwarded,
            String awardDate, List<Organisation> recipientOrganization, List<Organisation> fundingOrganization,
            List<Programme> grantProgramme, List<Location> beneficiaryLocation) {
    }

    record Package(List<Grant> grants) {
    }

    private final JdbcClient jdbc;
    private final String prefix;
    private final String funderId;
    private final String funderName;

    OpenDataController(JdbcClient jdbc, @Value("${kith.open-data.prefix:}") String prefix,
            @Value("${kith.open-data.funder-id:}") String funderId,
            @Value("${kith.open-data.funder-name:}") String funderName) {
        this.jdbc = jdbc;
        this.prefix = prefix.strip();
        this.funderId = funderId.strip();
        this.funderName = funderName.strip();
    }

    @GetMapping(path = "/api/open-data/360giving.json", produces = MediaType.APPLICATION_JSON_VALUE)
    Package json() {
        return new Package(grants());
    }

    @GetMapping(path = "/api/open-data/360giving.csv")
    ResponseEntity<String> csv() {
        StringBuilder csv = new StringBuilder();
        Csv.line(csv, CSV_HEADER);
        for (Grant g : grants()) {
            Organisation r = g.recipientOrganization().get(0);
            Organisation f = g.fundingOrganization().get(0);
            Programme p = g.grantProgramme().get(0);
            String location = g.beneficiaryLocation() == null ? null : g.beneficiaryLocation().get(0).name();
            Csv.line(csv, java.util.Arrays.asList(g.id(), g.title(), g.description(), g.currency(),
                    g.amountAwarded().toPlainString(), g.awardDate(), r.id(), r.name(), r.charityNumber(),
                    r.companyNumber(), r.postalCode(), f.id(), f.name(), p.code(), p.title(), location));
        }
        return ResponseEntity.ok().contentType(TEXT_CSV)
                .header("Content-Disposition", "inline; filename=\"360giving.csv\"").body(csv.toString());
    }

    private List<Grant> grants() {
        if (prefix.isEmpty() || funderId.isEmpty() || funderName.isEmpty()) {
            // Publishing under a made-up prefix would mint identifiers that clash with someone else's.
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                    "Open data is not configured: set KITH_360G_PREFIX, KITH_FUNDER_ORG_ID and KITH_FUNDER_NAME.");
        }
        Organisation funder = new Organisation(funderId, funderName, null, null, null);
        List<Grant> grants = new ArrayList<>();
        jdbc.sql("""
                SELECT a.reference, a.title, a.summary, COALESCE(a.amount_awarded, w.amount) AS amount, w.offered_at,
                       f.currency, f.slug, f.name AS fund_name,
                       o.id AS org_id, o.name AS org_name, o.org_identifier, o.charity_number, o.company_number,
                       o.postcode, o.local_authority
                FROM application a
                JOIN award w ON w.application_id = a.id
                JOIN fund f ON f.id = a.fund_id
                JOIN organisation o ON o.id = a.organisation_id
                WHERE a.status IN (:committed) AND a.reference IS NOT NULL
                ORDER BY w.offered_at, a.reference""")
                .param("committed", ApplicationStatus.COMMITTED.stream().map(Enum::name).toList())
                .query(rs -> {
                    String identifier = rs.getString("org_identifier");
                    String recipientId = identifier == null || identifier.isBlank()
                            ? "360G-" + prefix + "-org-" + rs.getLong("org_id")
                            : identifier;
                    Organisation recipient = new Organisation(recipientId, rs.getString("org_name"),
                            firstOf(rs.getString("charity_number"), charityNumber(identifier)),
                            firstOf(rs.getString("company_number"), companyNumber(identifier)),
                            blankToNull(rs.getString("postcode")));
                    String summary = rs.getString("summary");
                    String title = rs.getString("title");
                    Timestamp offeredAt = rs.getTimestamp("offered_at");
                    String authority = blankToNull(rs.getString("local_authority"));
                    grants.add(new Grant("360G-" + prefix + "-" + rs.getString("reference"), title,
                            summary == null || summary.isBlank() ? title : summary, rs.getString("currency"),
                            rs.getBigDecimal("amount"), offeredAt.toLocalDateTime().toLocalDate().toString(),
                            List.of(recipient), List.of(funder),
                            List.of(new Programme(rs.getString("slug"), rs.getString("fund_name"))),
                            authority == null ? null : List.of(new Location(authority))));
                });
        return grants;
    }

    /** The charity number inside a charity register identifier (OSCR, England and Wales, Northern Ireland). */
    static String charityNumber(String identifier) {
        if (identifier == null) {
            return null;
        }
        for (String register : List.of("GB-SC-", "GB-CHC-", "GB-NIC-")) {
            if (identifier.startsWith(register)) {
                return identifier.substring(register.length());
            }
        }
        return null;
    }

    /** The company number inside a Companies House identifier. */
    static String companyNumber(String identifier) {
        return identifier != null && identifier.startsWith("GB-COH-") ? identifier.substring("GB-COH-".length())
                : null;
    }

    /** The number the group told us, else the one inside its org-id (groups made before profiles had numbers). */
    private static String firstOf(String told, String fromIdentifier) {
        return told != null && !told.isBlank() ? told : fromIdentifier;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}

package org.kith.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kith.applications.ApplicationStatus;
import org.kith.funds.Fund;
import org.kith.identity.CurrentUser;
import org.kith.identity.Role;
import org.kith.organisations.LegalForm;
import org.kith.organisations.Organisations;
import org.kith.support.Journey;
import org.kith.support.KithTest;
import org.kith.support.TestData;
import org.kith.workflow.TaskKeys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The 360Giving export: a known portfolio (an offered grant to a registered charity, a funded one to an
 * unregistered group, one to a group named like a formula, a declined one and a draft) comes out with every
 * field right, in JSON and CSV alike, anonymously, with no personal data, and valid against the standard's
 * own JSON schema (version 1.4.3, copied under src/test/resources/360giving/).
 */
@KithTest
class OpenDataTest {

    static final String FORMULA_NAME = "=HYPERLINK(\"x\")";

    @Autowired
    MockMvc mvc;
    @Autowired
    Journey journey;
    @Autowired
    TestData data;
    @Autowired
    Organisations organisations;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;

    Fund fund;
    CurrentUser charity;
    CurrentUser group;
    CurrentUser formula;
    CurrentUser declinedGroup;
    CurrentUser draftGroup;
    long offered;
    long funded;
    long formulaGrant;
    long declined;
    long draft;

    @BeforeEach
    void portfolio() {
        fund = data.fund();
        charity = data.charityApplicant();
        offered = journey.offered(charity, fund, "4000");
        group = data.unregisteredApplicant();
        funded = journey.funded(group, fund, "2500");
        long formulaOrg = organisations.create(FORMULA_NAME, LegalForm.UNREGISTERED_GROUP, null, "G1 1AA",
                "Glasgow City", new BigDecimal("3000.00"));
        formula = data.person("applicant-formula-" + System.nanoTime(), formulaOrg, Role.APPLICANT);
        formulaGrant = journey.offered(formula, fund, "1000");
        declinedGroup = data.charityApplicant();
        declined = journey.submitted(declinedGroup, fund, "3000").id();
        journey.assessAll(declined);
        journey.complete(data.manager(), declined, TaskKeys.DECIDE_APPLICATION,
                Map.of("outcome", "DECLINE", "reason", "Not this round."));
        assertThat(journey.status(declined)).isEqualTo(ApplicationStatus.DECLINED);
        draftGroup = data.charityApplicant();
        draft = journey.draft(draftGroup, fund, "2000");
    }

    @Test
    void awardedGrantsComeOutWithEveryFieldAndNoPersonalData() throws Exception {
        String body = mvc.perform(get("/api/open-data/360giving.json")).andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("application/json"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        Map<String, JsonNode> grants = ours(json.readTree(body));
        assertThat(grants).containsOnlyKeys(id(offered), id(funded), id(formulaGrant));

        String charityIdentifier = jdbc.queryForObject(
                "SELECT org_identifier FROM organisation WHERE id = ?", String.class, charity.organisationId());
        JsonNode g = grants.get(id(offered));
        assertThat(g.get("title").asText()).isEqualTo("Weekly lunch club");
        assertThat(g.get("description").asText()).isEqualTo("A hot lunch and company every Tuesday");
        assertThat(g.get("currency").asText()).isEqualTo(fund.currency());
        assertThat(g.get("amountAwarded").isNumber()).isTrue();
        assertThat(g.get("amountAwarded").decimalValue()).isEqualByComparingTo("4000");
        assertThat(g.get("awardDate").asText()).isEqualTo(awardDate(offered));
        JsonNode recipient = g.get("recipientOrganization").get(0);
        assertThat(recipient.get("id").asText()).isEqualTo(charityIdentifier);
        assertThat(recipient.get("name").asText()).startsWith("Group ");
        assertThat(recipient.get("charityNumber").asText()).isEqualTo(charityIdentifier.substring("GB-SC-".length()));
        assertThat(recipient.has("companyNumber")).isFalse();
        assertThat(recipient.get("postalCode").asText()).isEqualTo("EH1 1AA");
        JsonNode funder = g.get("fundingOrganization").get(0);
        assertThat(funder.get("id").asText()).isEqualTo("XI-KITH-TEST-FUNDER");
        assertThat(funder.get("name").asText()).isEqualTo("Kith Test Funder");
        assertThat(g.get("grantProgramme").get(0).get("code").asText()).isEqualTo(fund.slug());
        assertThat(g.get("grantProgramme").get(0).get("title").asText()).isEqualTo(fund.name());
        assertThat(g.get("beneficiaryLocation").get(0).get("name").asText()).isEqualTo("City of Edinburgh");
        assertThat(g.get("beneficiaryLocation").get(0).has("geoCode")).isFalse();

        JsonNode f = grants.get(id(funded));
        assertThat(f.get("amountAwarded").decimalValue()).isEqualByComparingTo("2500");
        assertThat(f.get("awardDate").asText()).isEqualTo(awardDate(funded));
        JsonNode unregistered = f.get("recipientOrganization").get(0);
        assertThat(unregistered.get("id").asText()).isEqualTo("360G-kith-test-org-" + group.organisationId());
        assertThat(unregistered.has("charityNumber")).isFalse();
        assertThat(unregistered.has("companyNumber")).isFalse();

        assertThat(grants.get(id(formulaGrant)).get("recipientOrganization").get(0).get("name").asText())
                .isEqualTo(FORMULA_NAME);

        for (CurrentUser person : List.of(charity, group, formula, declinedGroup, draftGroup)) {
            assertThat(body).doesNotContain(person.username()).doesNotContain("@example.org");
        }
    }

    @Test
    void theCsvSaysWhatTheJsonSaysAndNeutralisesFormulas() throws Exception {
        String body = mvc.perform(get("/api/open-data/360giving.csv")).andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/csv"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        List<List<String>> rows = parse(body);
        assertThat(rows.get(0)).containsExactly("Identifier", "Title", "Description", "Currency", "Amount Awarded",
                "Award Date", "Recipient Org:Identifier", "Recipient Org:Name", "Recipient Org:Charity Number",
                "Recipient Org:Company Number", "Recipient Org:Postal Code", "Funding Org:Identifier",
                "Funding Org:Name", "Grant Programme:Code", "Grant Programme:Title", "Beneficiary Location:Name");
        for (CurrentUser person : List.of(charity, group, formula, declinedGroup, draftGroup)) {
            assertThat(body).doesNotContain(person.username()).doesNotContain("@example.org");
        }

        Map<String, JsonNode> grants = ours(json.readTree(mvc.perform(get("/api/open-data/360giving.json"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8)));
        Map<String, List<String>> csvRows = new HashMap<>();
        rows.subList(1, rows.size()).forEach(r -> csvRows.put(r.get(0), r));
        assertThat(csvRows).containsKeys(id(offered), id(funded), id(formulaGrant))
                .doesNotContainKeys(id(declined), id(draft));
        for (Map.Entry<String, JsonNode> e : grants.entrySet()) {
            JsonNode g = e.getValue();
            JsonNode r = g.get("recipientOrganization").get(0);
            JsonNode f = g.get("fundingOrganization").get(0);
            JsonNode p = g.get("grantProgramme").get(0);
            String name = r.get("name").asText();
            List<String> row = csvRows.get(e.getKey());
            // the same amount; the JSON number may be read back as 1000.0 where the CSV says 1000.00
            assertThat(new BigDecimal(row.get(4))).isEqualByComparingTo(g.get("amountAwarded").decimalValue());
            assertThat(row).containsExactly(g.get("id").asText(), g.get("title").asText(),
                    g.get("description").asText(), g.get("currency").asText(),
                    row.get(4), g.get("awardDate").asText(),
                    r.get("id").asText(), name.startsWith("=") ? "'" + name : name, text(r, "charityNumber"),
                    text(r, "companyNumber"), text(r, "postalCode"), f.get("id").asText(), f.get("name").asText(),
                    p.get("code").asText(), p.get("title").asText(),
                    g.get("beneficiaryLocation").get(0).get("name").asText());
        }
        assertThat(csvRows.get(id(formulaGrant)).get(7)).isEqualTo("'" + FORMULA_NAME);
        assertThat(body).contains("\"'=HYPERLINK(\"\"x\"\")\"");
    }

    @Test
    void theExportIsValidAgainstThe360GivingPackageSchema() throws Exception {
        JsonNode export = json.readTree(mvc.perform(get("/api/open-data/360giving.json")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
        assertThat(ours(export)).hasSize(3);
        JsonSchema schema = packageSchema();
        assertThat(schema.validate(export)).isEmpty();

        ObjectNode broken = export.deepCopy();
        ObjectNode first = (ObjectNode) broken.get("grants").get(0);
        first.put("amountAwarded", "4000");
        first.put("awardDate", "yesterday");
        Set<ValidationMessage> errors = schema.validate(broken);
        assertThat(errors).isNotEmpty();
        assertThat(errors.toString()).contains("amountAwarded", "awardDate");
    }

    @Test
    void registerNumbersComeFromTheIdentifier() {
        assertThat(OpenDataController.charityNumber("GB-SC-SC045123")).isEqualTo("SC045123");
        assertThat(OpenDataController.charityNumber("GB-CHC-1234567")).isEqualTo("1234567");
        assertThat(OpenDataController.charityNumber("GB-COH-SC123456")).isNull();
        assertThat(OpenDataController.companyNumber("GB-COH-SC123456")).isEqualTo("SC123456");
        assertThat(OpenDataController.companyNumber("GB-SC-SC045123")).isNull();
        assertThat(OpenDataController.charityNumber(null)).isNull();
    }

    @Test
    void onlyReadingIsPublic() throws Exception {
        mvc.perform(get("/api/open-data/360giving.csv")).andExpect(status().isOk());
        mvc.perform(post("/api/open-data/360giving.json")).andExpect(status().isUnauthorized());
    }

    /**
     * The standard's schemas offline: the package's remote {@code $ref} to the grant schema maps to the local
     * copy, the dialect they name over http is taken as draft 2020-12, and {@code format} is asserted (dates
     * are a oneOf of a plain date and a date-time, so without it a plain date would match both).
     */
    static JsonSchema packageSchema() {
        String dialect = "http://json-schema.org/draft/2020-12/schema";
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder
                        .metaSchema(JsonMetaSchema.builder(dialect, JsonMetaSchema.getV202012()).build())
                        .schemaMappers(mappers -> mappers.mapPrefix(
                                "https://raw.githubusercontent.com/ThreeSixtyGiving/standard/1.4.2/schema/",
                                "classpath:360giving/")));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        return factory.getSchema(SchemaLocation.of("classpath:360giving/360-giving-package-schema.json"), config);
    }

    private Map<String, JsonNode> ours(JsonNode pkg) {
        Set<String> wanted = Set.of(id(offered), id(funded), id(formulaGrant), id(declined), id(draft));
        Map<String, JsonNode> grants = new HashMap<>();
        for (JsonNode g : pkg.get("grants")) {
            if (wanted.contains(g.get("id").asText())) {
                grants.put(g.get("id").asText(), g);
            }
        }
        return grants;
    }

    private String id(long applicationId) {
        String reference = journey.application(applicationId).reference();
        return "360G-kith-test-" + (reference == null ? "draft-" + applicationId : reference);
    }

    private String awardDate(long applicationId) {
        Timestamp at = jdbc.queryForObject("SELECT offered_at FROM award WHERE application_id = ?", Timestamp.class,
                applicationId);
        return at.toLocalDateTime().toLocalDate().toString();
    }

    private static String text(JsonNode node, String field) {
        return node.has(field) ? node.get(field).asText() : "";
    }

    /** RFC 4180: quoted cells with doubled quotes, CRLF between records, line breaks allowed inside quotes. */
    static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                cell.append(c);
            }
        }
        assertThat(quoted).as("unterminated quote").isFalse();
        assertThat(cell.length() == 0 && row.isEmpty()).as("last record ends in CRLF").isTrue();
        return rows;
    }
}

package org.kith.funds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.kith.support.StaffRequests.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.kith.identity.CurrentUser;
import org.kith.identity.Role;
import org.kith.identity.UserAccounts;
import org.kith.support.KithTest;
import org.kith.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Funds without code: import (all or nothing, every problem listed, replace only when asked), export that imports
 * back unchanged, and the page that changes dates and limits; who may do each.
 */
@KithTest
class FundAdminPagesTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Funds funds;
    @Autowired
    TestData data;
    @Autowired
    UserAccounts accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ObjectMapper json;
    @Autowired
    org.kith.support.Journey journey;

    private final RequestPostProcessor admin = user("admin1").roles(Role.ADMIN.name());

    @Test
    void anAdminImportsAFileOfTwoFundsAndIsToldWhatCameIn() throws Exception {
        String first = slug();
        String second = slug();

        mvc.perform(importing(file(fund(first), fund(second)), false).with(admin))
                .andExpect(redirectedUrl("/staff/funds"))
                .andExpect(flash().attribute("successBanner", containsString(first)))
                .andExpect(flash().attribute("successBanner", containsString(second + "), a new fund")));

        Fund imported = funds.findBySlug(first).orElseThrow();
        assertThat(imported.opensOn()).isEqualTo(LocalDate.of(2031, 4, 1));
        assertThat(imported.criteria()).hasSize(4);
        assertThat(funds.findBySlug(second)).isPresent();
        assertThat(audits("FUND_IMPORTED", first)).isEqualTo(1);
        mvc.perform(get("/staff/funds").with(admin)).andExpect(status().isOk())
                .andExpect(content().string(containsString(imported.name())))
                .andExpect(content().string(containsString("/staff/funds/" + imported.id() + "/edit")))
                .andExpect(content().string(containsString("/staff/funds/" + imported.id() + "/export.json")));
    }

    @Test
    void aFileWithProblemsListsEveryOneWithItsPathAndImportsNothing() throws Exception {
        String good = slug();
        String bad = slug();
        ObjectNode broken = fund(bad);
        ((ObjectNode) broken.get("criteria").get(2)).put("weight", 0);
        broken.put("currency", "EUR");
        broken.put("budgett", 5);

        String page = mvc.perform(importing(file(fund(good), broken), false).with(admin))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("govuk-error-summary", "The file has 3 problems",
                "funds[1].criteria[2].weight: must be at least 1", "funds[1].currency: must be GBP",
                "funds[1].budgett: is not a property Kith knows", "href=\"#file\"");
        assertThat(page).contains("<title>Error: Import a fund from a file");
        assertThat(funds.findBySlug(good)).as("nothing imported unless all are valid").isEmpty();
        assertThat(funds.findBySlug(bad)).isEmpty();
        assertThat(audits("FUND_IMPORTED", good)).isZero();
    }

    @Test
    void notJsonNoFileAndAFileOverAMegabyteAreFieldErrors() throws Exception {
        mvc.perform(importing("{ not json".getBytes(StandardCharsets.UTF_8), false).with(admin))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("The file is not valid JSON (line 1, column")));
        mvc.perform(multipart("/staff/funds/import").with(admin).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Choose a fund file to import")));
        byte[] big = new byte[FundAdminPages.MAX_FILE_BYTES + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        mvc.perform(importing(big, false).with(admin))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("The file must be 1 MB or smaller")));
    }

    @Test
    void aSlugThatExistsIsRefusedUnlessReplacingIsTicked() throws Exception {
        String slug = slug();
        mvc.perform(importing(file(fund(slug)), false).with(admin)).andExpect(redirectedUrl("/staff/funds"));
        long id = funds.findBySlug(slug).orElseThrow().id();
        ObjectNode changed = fund(slug);
        changed.put("name", "Renamed fund " + slug);
        changed.put("budget", 123456);

        mvc.perform(importing(file(changed), false).with(admin))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("a fund with the slug " + slug + " already exists")))
                .andExpect(content().string(containsString("Replace the existing fund with the same slug")));
        assertThat(funds.get(id).budget()).isEqualByComparingTo("500000");

        mvc.perform(importing(file(changed), true).with(admin))
                .andExpect(redirectedUrl("/staff/funds"))
                .andExpect(flash().attribute("successBanner",
                        containsString("Renamed fund " + slug + " (" + slug + "), replacing the existing fund")));
        Fund replaced = funds.findBySlug(slug).orElseThrow();
        assertThat(replaced.id()).as("the same fund, updated").isEqualTo(id);
        assertThat(replaced.budget()).isEqualByComparingTo("123456");
        assertThat(replaced.name()).isEqualTo("Renamed fund " + slug);
    }

    @Test
    void anExportedFundIsAnAttachmentThatImportsBackUnchanged() throws Exception {
        Fund fund = data.fund();

        var response = mvc.perform(get("/staff/funds/" + fund.id() + "/export.json").with(admin))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"" + fund.slug() + ".json\""))
                .andExpect(header().string("Content-Type", containsString("application/json")))
                .andReturn().getResponse();
        byte[] exported = response.getContentAsByteArray();
        assertThat(json.readTree(exported).isArray()).isTrue();
        assertThat(json.readTree(exported).get(0).has("id")).isFalse();

        mvc.perform(importing(exported, true).with(admin)).andExpect(redirectedUrl("/staff/funds"));

        assertThat(funds.get(fund.id())).isEqualTo(fund);
        byte[] again = mvc.perform(get("/staff/funds/" + fund.id() + "/export.json").with(admin))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(again).isEqualTo(exported);
    }

    @Test
    void theEditPageChangesDatesAndLimitsAndAuditsBeforeAndAfter() throws Exception {
        Fund fund = data.fund();
        mvc.perform(get("/staff/funds/" + fund.id() + "/edit").with(admin)).andExpect(status().isOk())
                .andExpect(content().string(containsString("value=\"500000\"")))
                .andExpect(content().string(containsString("value=\"" + fund.closesOn() + "\"")));

        mvc.perform(edit(fund, "2030-01-01", "2031-12-31", "£750,000", "1000", "25000", "6000").with(admin))
                .andExpect(redirectedUrl("/staff/funds"))
                .andExpect(flash().attribute("successBanner", containsString(fund.name())));

        Fund changed = funds.get(fund.id());
        assertThat(changed.opensOn()).isEqualTo(LocalDate.of(2030, 1, 1));
        assertThat(changed.closesOn()).isEqualTo(LocalDate.of(2031, 12, 31));
        assertThat(changed.budget()).isEqualByComparingTo("750000");
        assertThat(changed.minimumAward()).isEqualByComparingTo("1000");
        assertThat(changed.maximumAward()).isEqualByComparingTo("25000");
        assertThat(changed.lightTouchThreshold()).isEqualByComparingTo("6000");
        assertThat(changed.criteria()).isEqualTo(fund.criteria());
        String detail = jdbc.sql("SELECT detail FROM audit_event WHERE action = 'FUND_CHANGED' AND detail LIKE :slug")
                .param("slug", "%" + fund.slug() + "%").query(String.class).single();
        assertThat(json.readTree(detail).get("before").get("budget").decimalValue()).isEqualByComparingTo("500000");
        assertThat(json.readTree(detail).get("after").get("budget").decimalValue()).isEqualByComparingTo("750000");
        assertThat(json.readTree(detail).get("after").get("opensOn").asText()).isEqualTo("2030-01-01");
    }

    @Test
    void theEditPageListsEveryProblemKeepsWhatWasTypedAndChangesNothing() throws Exception {
        Fund fund = data.fund();

        String page = mvc.perform(edit(fund, "2030-02-30", "2029-12-31", "lots", "30000", "25000", "-1").with(admin))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("<title>Error: Change dates and limits",
                "Opening date must be a real date written like 2027-04-01",
                "Budget must be an amount in pounds, like 500000",
                "Minimum award must not be more than the maximum award", "Light-touch threshold must be 0 or more",
                "value=\"2030-02-30\"", "value=\"lots\"", "value=\"-1\"");
        assertThat(page).as("a value that cannot be read is not also reported as missing").doesNotContain("is required");
        page = mvc.perform(edit(fund, "2030-01-01", "2029-12-31", "20000", "30000", "25000", "-1").with(admin))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Closing date must not be before the opening date",
                "Maximum award must not be more than the budget",
                "Minimum award must not be more than the maximum award",
                "Light-touch threshold must be 0 or more", "href=\"#closesOn\"", "href=\"#minimumAward\"");
        assertThat(page.indexOf("href=\"#closesOn\"")).as("errors in the order of the fields")
                .isLessThan(page.indexOf("href=\"#minimumAward\""));
        assertThat(funds.get(fund.id())).isEqualTo(fund);
    }

    @Test
    void aBudgetNeverFallsBelowWhatTheFundHasAwarded() throws Exception {
        Fund fund = data.fund();
        journey.offered(data.charityApplicant(), fund, "3000");

        mvc.perform(edit(fund, fund.opensOn().toString(), fund.closesOn().toString(), "2999", "500", "2000", "1000")
                        .with(admin))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Budget must not be less than the £3,000 already awarded")));
        assertThat(funds.get(fund.id())).isEqualTo(fund);
        mvc.perform(edit(fund, fund.opensOn().toString(), fund.closesOn().toString(), "3000", "500", "2000", "1000")
                        .with(admin))
                .andExpect(redirectedUrl("/staff/funds"));
    }

    @Test
    void onlyAdminsAndFundManagersWorkOnFunds() throws Exception {
        Fund fund = data.fund();
        for (CurrentUser who : List.of(data.assessor(), data.charityApplicant(), data.existing("funder1"))) {
            RequestPostProcessor as = as(who);
            mvc.perform(get("/staff/funds").with(as)).andExpect(status().isForbidden());
            mvc.perform(get("/staff/funds/import").with(as)).andExpect(status().isForbidden());
            mvc.perform(importing(file(fund(slug())), false).with(as)).andExpect(status().isForbidden());
            mvc.perform(get("/staff/funds/" + fund.id() + "/export.json").with(as)).andExpect(status().isForbidden());
            mvc.perform(get("/staff/funds/" + fund.id() + "/edit").with(as)).andExpect(status().isForbidden());
            mvc.perform(edit(fund, "2030-01-01", "2031-12-31", "1", "1", "1", "1").with(as))
                    .andExpect(status().isForbidden());
        }
        mvc.perform(get("/staff/funds").accept(MediaType.TEXT_HTML))
                .andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", containsString("/sign-in")));
        CurrentUser manager = data.manager();
        mvc.perform(get("/staff/funds").with(as(manager))).andExpect(status().isOk())
                .andExpect(content().string(containsString("/staff/funds/" + fund.id() + "/decisions")))
                .andExpect(content().string(containsString("/staff/funds/" + fund.id() + "/messages")));
        mvc.perform(get("/staff/funds").with(admin)).andExpect(status().isOk())
                .andExpect(content().string(containsString("/staff/funds/" + fund.id() + "/edit")));
    }

    @Test
    void aFundManagerLinkedToFundsWorksOnThoseOnlyAndIsLinkedToTheFundsTheyImport() throws Exception {
        Fund theirs = data.fund();
        Fund other = data.fund();
        CurrentUser manager = data.manager();
        long managerId = accounts.account(manager.username()).orElseThrow().id();
        accounts.linkFunds(managerId, Set.of(theirs.id()));
        RequestPostProcessor as = as(manager);

        String list = mvc.perform(get("/staff/funds").with(as)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(list).contains("/staff/funds/" + theirs.id() + "/edit", "/staff/funds/" + theirs.id() + "/decisions")
                .doesNotContain("/staff/funds/" + other.id() + "/");
        mvc.perform(get("/staff/funds/" + other.id() + "/edit").with(as)).andExpect(status().isNotFound());
        mvc.perform(get("/staff/funds/" + other.id() + "/export.json").with(as)).andExpect(status().isNotFound());
        mvc.perform(edit(other, "2030-01-01", "2031-12-31", "1000", "1", "1000", "1").with(as))
                .andExpect(status().isNotFound());
        mvc.perform(get("/staff/funds/" + theirs.id() + "/edit").with(as)).andExpect(status().isOk());

        ObjectNode replacingOther = fund(other.slug());
        mvc.perform(importing(file(replacingOther), true).with(as)).andExpect(status().isOk())
                .andExpect(content().string(containsString("already exists and you do not manage it")));
        assertThat(funds.get(other.id())).isEqualTo(other);

        String slug = slug();
        mvc.perform(importing(file(fund(slug)), false).with(as)).andExpect(redirectedUrl("/staff/funds"));
        assertThat(accounts.linkedFunds(managerId))
                .containsExactlyInAnyOrder(theirs.id(), funds.findBySlug(slug).orElseThrow().id());
    }

    @Test
    void scriptsImportAndExportThroughTheApi() throws Exception {
        String slug = slug();
        ObjectNode broken = fund(slug);
        broken.put("budget", -1);
        broken.put("budgett", 1);
        String problems = mvc.perform(post("/api/funds/import").with(httpBasic("admin1", TestData.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsBytes(broken)))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(json.readTree(problems).get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("fund.budgett", "fund.budget");
        assertThat(funds.findBySlug(slug)).isEmpty();

        String imported = mvc.perform(post("/api/funds/import").with(httpBasic("admin1", TestData.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsBytes(fund(slug))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        long id = funds.findBySlug(slug).orElseThrow().id();
        assertThat(json.readTree(imported).get(0).get("id").asLong()).isEqualTo(id);
        assertThat(json.readTree(imported).get(0).get("replaced").asBoolean()).isFalse();

        String exported = mvc.perform(get("/api/funds/" + id + "/export").with(httpBasic("admin1", TestData.PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(json.readTree(exported).get(0).get("slug").asText()).isEqualTo(slug);
        mvc.perform(post("/api/funds/import?replace=true").with(httpBasic("admin1", TestData.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content(exported))
                .andExpect(status().isOk());

        CurrentUser assessor = data.assessor();
        mvc.perform(post("/api/funds/import").with(httpBasic(assessor.username(), TestData.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content(exported))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/funds/" + id + "/export").with(httpBasic(assessor.username(), TestData.PASSWORD)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/funds/" + id + "/export")).andExpect(status().isUnauthorized());
    }

    private org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder importing(byte[] content,
            boolean replace) {
        var request = multipart("/staff/funds/import")
                .file(new MockMultipartFile("file", "funds.json", "application/json", content));
        if (replace) {
            request.param("replace", "yes");
        }
        return request.with(csrf());
    }

    private org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder edit(Fund fund, String opensOn,
            String closesOn, String budget, String minimum, String maximum, String lightTouch) {
        return post("/staff/funds/" + fund.id() + "/edit").with(csrf())
                .param("opensOn", opensOn).param("closesOn", closesOn).param("budget", budget)
                .param("minimumAward", minimum).param("maximumAward", maximum)
                .param("lightTouchThreshold", lightTouch);
    }

    private ObjectNode fund(String slug) {
        return FundFiles.fund(json, slug, "Imported fund " + slug);
    }

    private byte[] file(ObjectNode... funds) {
        return FundFiles.file(json, funds);
    }

    private int audits(String action, String slug) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = :action AND application_id IS NULL"
                        + " AND detail LIKE :slug").param("action", action).param("slug", "%\"" + slug + "\"%")
                .query(Integer.class).single();
    }

    private static String slug() {
        return "imported-" + UUID.randomUUID().toString().substring(0, 8);
    }
}

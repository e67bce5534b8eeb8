package org.kith.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kith.support.StaffRequests.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kith.funds.Fund;
import org.kith.identity.CurrentUser;
import org.kith.organisations.LegalForm;
import org.kith.organisations.Organisations;
import org.kith.support.Journey;
import org.kith.support.KithTest;
import org.kith.support.StaffRequests;
import org.kith.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The deprivation lookup: each accepted CSV form loads and gives applications their decile on the dashboard
 * (a postcode not in it stays unknown); a file with any problem loads nothing and says what to fix, line by line,
 * on the page and in problem JSON; only admins load it; what is loaded downloads and loads back unchanged.
 */
@KithTest
class DeprivationLookupTest {

    static final String SCOTTISH = "KW17 2AB";
    static final String NOT_IN_LOOKUP = "KW17 2ZZ";
    static final String ENGLISH = "M1 1AE";

    @Autowired
    MockMvc mvc;
    @Autowired
    DeprivationLookup lookup;
    @Autowired
    DashboardFigures figures;
    @Autowired
    Organisations organisations;
    @Autowired
    TestData data;
    @Autowired
    Journey journey;
    @Autowired
    StaffRequests staff;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ObjectMapper json;

    @Autowired
    DashboardReadModel readModel;

    /** Tests share one database, and the others choose their own deciles: leave the lookup empty, as it started. */
    @AfterEach
    void emptyTheLookup() {
        clear(jdbc, readModel);
    }

    static void clear(JdbcClient jdbc, DashboardReadModel readModel) {
        jdbc.sql("DELETE FROM deprivation_area").update();
        readModel.rebuild();
    }

    private DeprivationLookup.Loaded loadTheDemoFile() throws IOException {
        try (InputStream in = new ClassPathResource("seeds/deprivation.csv").getInputStream()) {
            return lookup.load(in, "seeds/deprivation.csv");
        }
    }

    @Test
    void eachAcceptedFormLoadsAndTheDashboardShowsTheDecileOrUnknown() {
        Fund fund = data.fund();
        long inLookup = journey.offered(groupAt(SCOTTISH), fund, "5000");
        long notInLookup = journey.submitted(groupAt(NOT_IN_LOOKUP), fund, "3000").id();
        long english = journey.submitted(groupAt(ENGLISH), fund, "2000").id();

        // the SIMD 2020v2 postcode lookup, as the Scottish Government publishes it (some of its columns)
        DeprivationLookup.Loaded simd = load("""
                Postcode,DZ,SIMD2020v2_Rank,SIMD2020v2_Vigintile,SIMD2020v2_Decile,SIMD2020v2_Quintile\r
                KW17 2AB,S01011821,301,1,2,1\r
                KW172AD,S01011821,301,1,2,1\r
                """);
        assertThat(simd.format()).isEqualTo("SIMD");
        assertThat(simd.postcodes()).isEqualTo(Map.of(DeprivationLookup.Index.SIMD, 2));
        assertThat(deciles(fund)).containsEntry("2", "1/1").containsEntry("", "2/0");
        assertThat(factDecile(inLookup)).isEqualTo(2);
        assertThat(factDecile(notInLookup)).as("not in the lookup: unknown, never guessed").isNull();

        // the English IoD2019 postcode lookup's output: replaces IMD only, SIMD stays
        DeprivationLookup.Loaded imd = load("""
                Postcode,Postcode Status,LSOA code,LSOA Name,Index of Multiple Deprivation Rank,Index of Multiple Deprivation Decile
                m1 1ae,Live,E01033658,Manchester 054C,1234,1
                """);
        assertThat(imd.format()).isEqualTo("IMD");
        assertThat(factDecile(english)).isEqualTo(1);
        assertThat(factDecile(inLookup)).isEqualTo(2);
        assertThat(lookup.areas()).extracting(DeprivationLookup.Area::index, DeprivationLookup.Area::postcodes)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(DeprivationLookup.Index.IMD, 1L),
                        org.assertj.core.groups.Tuple.tuple(DeprivationLookup.Index.SIMD, 2L));

        // Kith's own form, with a byte-order mark, quoted cells and upper-case headers: replaces SIMD
        DeprivationLookup.Loaded own = load("\uFEFFPOSTCODE,Index,DECILE\n\"kw17 2ab\",\"simd\",\"7\"\n\n");
        assertThat(own.format()).isEqualTo("Kith");
        assertThat(factDecile(inLookup)).isEqualTo(7);
        assertThat(deciles(fund)).containsEntry("7", "1/1").containsEntry("1", "1/0")
                .containsEntry("2", "0/0").containsEntry("", "1/0");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM deprivation_area WHERE deprivation_index = 'SIMD'")
                .query(Long.class).single()).as("the SIMD file's other postcode went with it").isEqualTo(1);

        assertThat(jdbc.sql("SELECT detail FROM audit_event WHERE action = 'DEPRIVATION_LOADED' ORDER BY id DESC")
                .query(String.class).list().get(0)).isEqualTo("SIMD 1 postcodes from test");
    }

    @Test
    void aFileWithProblemsLoadsNothingAndThePageListsThemByLine() throws Exception {
        CurrentUser admin = data.admin();
        loadTheDemoFile();
        List<DeprivationLookup.Area> before = lookup.areas();
        String badRows = "postcode,index,decile\nEH1 1AA,SIMD,11\nNOT A POSTCODE,SIMD,3\nEH6 6QU,WIMD,3\n"
                + "EH6 5LB,SIMD,4\n\"EH6 5LB\",SIMD,4\nG1 1AA,SIMD\nSW1A 1AA,SIMD,3\n";

        String page = upload(admin, "bad.csv", badRows.getBytes(StandardCharsets.UTF_8))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("<title>Error: Deprivation lookup", "govuk-error-summary",
                "The file has 6 problems, listed here. Nothing was loaded",
                "line 2: decile must be a whole number from 1 to 10",
                "line 3: postcode &quot;NOT A POSTCODE&quot; is not a UK postcode (like EH6 6QU)",
                "line 4: index must be SIMD or IMD",
                "line 6: postcode EH6 5LB is already on line 5: keep one of them",
                "line 7: this row has 2 cells but needs at least 3", "line 8: postcode SW1A 1AA is already loaded in the IMD lookup", "href=\"#file\"", "type=\"file\"");
        assertThat(lookup.areas()).as("nothing loaded").isEqualTo(before);

        assertThat(problemsOf(upload(admin, "columns.csv", "postcode,decile\nEH1 1AA,3\n".getBytes())))
                .contains("line 1: The header row must name a postcode column and a decile column");
        assertThat(problemsOf(upload(admin, "empty.csv", new byte[0]))).contains("The file is empty");
        assertThat(problemsOf(upload(admin, "header.csv", "postcode,index,decile\r\n".getBytes())))
                .contains("The file has a header but no postcodes");
        byte[] zip = {0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, (byte) 0xC8, (byte) 0xFF, 0x01};
        assertThat(problemsOf(upload(admin, "lookup.xlsx", zip))).contains("This is not a CSV text file");
        assertThat(problemsOf(upload(admin, "latin1.csv", "postcode,index,decile\nEH1 1AA,SIMD,\u00a33\n"
                .getBytes(StandardCharsets.ISO_8859_1)))).contains("line 2: This is not a CSV text file");
        assertThat(problemsOf(mvc.perform(multipart("/staff/deprivation").with(as(admin)).with(csrf()))))
                .contains("Choose a CSV file to load");
        StringBuilder many = new StringBuilder("postcode,index,decile\n");
        for (int i = 0; i < 25; i++) {
            many.append("EH1 1AA,SIMD,0\n");
        }
        assertThat(problemsOf(upload(admin, "many.csv", many.toString().getBytes())))
                .contains("The file has 25 problems. Nothing was loaded. The first 20 are listed here",
                        "line 21: decile", "… and 5 more problems").doesNotContain("line 22:");
        assertThat(lookup.areas()).as("nothing loaded").isEqualTo(before);
    }

    @Test
    void theApiAnswersProblemJsonWithEachLineAndLoadsAGoodFile() throws Exception {
        CurrentUser admin = data.admin();
        String body = mvc.perform(api(admin).contentType("text/csv")
                        .content("postcode,index,decile\nEH1 1AA,SIMD,ten\nXX,IMD,2\n"))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        JsonNode problem = json.readTree(body);
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("errors")).hasSize(2);
        assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("line 2");
        assertThat(problem.get("errors").get(0).get("message").asText())
                .isEqualTo("decile must be a whole number from 1 to 10");
        assertThat(problem.get("errors").get(1).get("field").asText()).isEqualTo("line 3");

        String empty = mvc.perform(api(admin).contentType("text/csv").content(""))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(json.readTree(empty).get("errors").get(0).get("field").asText()).isEqualTo("file");

        mvc.perform(api(admin).contentType("text/csv")
                        .content("postcode,index,decile\nKW17 2AB,SIMD,4\n"))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.postcodes.SIMD")
                        .value(1));
        assertThat(jdbc.sql("SELECT decile FROM deprivation_area WHERE postcode_key = 'KW172AB'").query(Integer.class)
                .single()).isEqualTo(4);
    }

    @Test
    void onlyAdminsSeeOrLoadTheLookup() throws Exception {
        byte[] file = "postcode,index,decile\nKW17 2AB,SIMD,4\n".getBytes();
        for (CurrentUser someone : List.of(data.manager(), data.funderOf(data.fund()), data.assessor(),
                data.charityApplicant())) {
            staff.get(someone, "/staff/deprivation", 403);
            staff.get(someone, "/staff/deprivation.csv", 403);
            upload(someone, "lookup.csv", file).andExpect(status().isForbidden());
            mvc.perform(api(someone).contentType("text/csv").content(file))
                    .andExpect(status().isForbidden());
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM deprivation_area WHERE postcode_key = 'KW172AB'")
                .query(Long.class).single()).isZero();
        String page = staff.page(data.admin(), "/staff", 200);
        assertThat(page).contains("href=\"/staff/deprivation\"");
    }

    @Test
    void theAdminLoadsAFileOnThePageAndWhatIsLoadedDownloadsAndLoadsBackUnchanged() throws Exception {
        CurrentUser admin = data.admin();
        upload(admin, "mine.csv", "postcode,index,decile\r\nKW17 2AB,SIMD,4\r\nKW17 2AD,SIMD,10\r\nM1 1AE,IMD,1\r\n"
                        .getBytes())
                .andExpect(redirectedUrl("/staff/deprivation"))
                .andExpect(flash().attribute("successBanner",
                        "Lookup loaded: SIMD 2 postcodes, IMD 1 postcode. Every application's decile has been "
                                + "worked out again."));
        String page = staff.page(admin, "/staff/deprivation", 200);
        assertThat(page).contains("SIMD (Scotland)", "IMD (England)", "SIMD2020v2_Decile",
                "Index of Multiple Deprivation Decile", "/staff/deprivation.csv");

        String downloaded = staff.get(admin, "/staff/deprivation.csv", 200).getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(downloaded).isEqualTo("postcode,index,decile\r\n\"M1 1AE\",\"IMD\",\"1\"\r\n"
                + "\"KW17 2AB\",\"SIMD\",\"4\"\r\n\"KW17 2AD\",\"SIMD\",\"10\"\r\n");

        upload(admin, "again.csv", downloaded.getBytes(StandardCharsets.UTF_8))
                .andExpect(redirectedUrl("/staff/deprivation"));
        assertThat(staff.get(admin, "/staff/deprivation.csv", 200).getResponse()
                .getContentAsString(StandardCharsets.UTF_8)).isEqualTo(downloaded);
    }

    @Test
    void theDemoFileLoadsAndCoversTheSeedsPostcodesButOne() throws IOException {
        assertThat(loadTheDemoFile().postcodes()).containsEntry(DeprivationLookup.Index.SIMD, 14);
        List<String> postcodes = new java.util.ArrayList<>();
        json.readTree(new ClassPathResource("seeds/organisations.json").getInputStream())
                .forEach(o -> postcodes.add(o.get("postcode").asText()));
        json.readTree(new ClassPathResource("seeds/portfolio.json").getInputStream()).get("groups")
                .forEach(o -> postcodes.add(o.get("postcode").asText()));
        postcodes.addAll(List.of("EH1 1AA", "G1 1AA"));
        assertThat(postcodes).hasSize(12).contains("HS1 2QN");
        for (String postcode : postcodes) {
            assertThat(jdbc.sql("SELECT COUNT(*) FROM deprivation_area WHERE postcode_key = :p")
                    .param("p", postcode.replace(" ", "")).query(Long.class).single()).as(postcode)
                    .isEqualTo(postcode.equals("HS1 2QN") ? 0 : 1);
        }
    }

    private CurrentUser groupAt(String postcode) {
        long organisation = organisations.create("Deprivation group " + UUID.randomUUID(),
                LegalForm.UNREGISTERED_GROUP, null, postcode, "Orkney Islands", new BigDecimal("1200.00"));
        return data.memberOf(organisation);
    }

    private DeprivationLookup.Loaded load(String csv) {
        return lookup.load(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "test");
    }

    private Integer factDecile(long applicationId) {
        return jdbc.sql("SELECT deprivation_decile FROM dashboard_application WHERE application_id = :id")
                .param("id", applicationId).query(Integer.class).optional().orElse(null);
    }

    /** Applications and awards per decile ("" unknown) on the fund's dashboard, as an admin sees it. */
    private Map<String, String> deciles(Fund fund) {
        Map<String, String> byDecile = new java.util.LinkedHashMap<>();
        figures.read(data.admin(), DashboardFilter.ofFund(fund.id())).whereItWent().byDeprivationDecile()
                .forEach(c -> byDecile.put(c.value(), c.applications() + "/" + c.awards()));
        return byDecile;
    }

    /** As a script calls it: basic authentication, no session, no CSRF token. */
    private org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder api(CurrentUser who) {
        return post("/api/admin/deprivation").with(httpBasic(who.username(), TestData.PASSWORD));
    }

    private ResultActions upload(CurrentUser who, String name, byte[] content) throws Exception {
        return mvc.perform(multipart("/staff/deprivation")
                .file(new MockMultipartFile("file", name, "text/csv", content)).with(as(who)).with(csrf()));
    }

    private String problemsOf(ResultActions result) throws Exception {
        return result.andExpect(status().isBadRequest()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }
}

package org.kith.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.kith.funds.Fund;
import org.kith.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The embedded default keeps H2 in a file, and H2 writes every SQLException it sees, with its stack trace, to
 * kith.trace.db beside it. A few hundred requests (pages in a session, API calls with a token, drafts submitted)
 * must not make that file grow: nothing in a normal request may fail inside the database driver (issue 9).
 */
// H2 in a file whatever database the rest of the suite uses (KITH_DB_URL blanked: this is the embedded default)
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:file:./target/h2-trace-probe/kith;DB_CLOSE_ON_EXIT=FALSE",
        "spring.datasource.username=sa", "spring.datasource.password=", "KITH_DB_URL="})
@AutoConfigureMockMvc
@ActiveProfiles({"test", "h2"})
class H2TraceFileTest {

    static final Path TRACE = Path.of("target/h2-trace-probe/kith.trace.db");

    @Autowired
    MockMvc mvc;
    @Autowired
    TestData data;
    @Autowired
    ApiTokens tokens;
    @Autowired
    UserAccounts accounts;
    @Autowired
    ObjectMapper json;

    @Test
    void aFewHundredRequestsWriteNothingToTheTraceFile() throws Exception {
        Fund fund = data.fund();
        var applicant = data.charityApplicant();
        String token = tokens.issue(accounts.account(applicant.username()).orElseThrow().id(),
                "trace probe " + UUID.randomUUID()).value();
        // the session lives in the database (Spring Session), found by its cookie as a browser would send it
        Cookie session = mvc.perform(formLogin("/sign-in").user(applicant.username()).password(TestData.PASSWORD))
                .andReturn().getResponse().getCookie("SESSION");
        assertThat(session).as("signed in").isNotNull();
        requests(fund, token, session, 5);
        long before = size();

        requests(fund, token, session, 60);

        assertThat(size() - before).as("bytes H2 traced during 300 requests").isZero();
    }

    /** Five requests a round: two pages in the session, an API read, a draft and its submission by token. */
    private void requests(Fund fund, String token, Cookie session, int rounds) throws Exception {
        for (int i = 0; i < rounds; i++) {
            mvc.perform(get("/applications").cookie(session)).andExpect(status().isOk());
            mvc.perform(get("/account").cookie(session)).andExpect(status().isOk());
            mvc.perform(get("/api/applications").header("Authorization", "Bearer " + token))
                    .andExpect(status().isOk());
            String created = mvc.perform(post("/api/applications").header("Authorization", "Bearer " + token)
                            .contentType(MediaType.APPLICATION_JSON).content("""
                                    {"fundId": %d, "title": "Trace probe", "summary": "Lunches",
                                     "amountRequested": 1000, "answers": {"whoBenefits": "Neighbours",
                                     "whatDifference": "Friendships"}}""".formatted(fund.id())))
                    .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
            JsonNode draft = json.readTree(created);
            // one grant at a time: withdraw each before the next, as a busy group's script might
            mvc.perform(post("/api/applications/" + draft.get("id").asLong() + "/submit")
                    .header("Authorization", "Bearer " + token)).andExpect(status().isOk());
            mvc.perform(post("/api/applications/" + draft.get("id").asLong() + "/withdraw")
                    .header("Authorization", "Bearer " + token)).andExpect(status().is2xxSuccessful());
        }
    }

    private static long size() throws Exception {
        return Files.exists(TRACE) ? Files.size(TRACE) : 0;
    }
}

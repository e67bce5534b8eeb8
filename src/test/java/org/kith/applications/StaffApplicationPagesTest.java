package org.kith.applications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kith.support.StaffRequests.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.kith.funds.Fund;
import org.kith.identity.CurrentUser;
import org.kith.support.Journey;
import org.kith.support.KithTest;
import org.kith.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The staff start page, the staff view of one application and finding one by reference, per role. */
@KithTest
class StaffApplicationPagesTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestData data;
    @Autowired
    Journey journey;

    @Test
    void theStartPageOpensTheAreasOfEachRole() throws Exception {
        assertThat(page(data.assessor(), "/staff")).contains("/staff/tasks", "Find an application")
                .doesNotContain("/staff/decisions", "/staff/people");
        assertThat(page(data.manager(), "/staff")).contains("/staff/tasks", "/staff/decisions", "/staff/payments",
                "/staff/reports", "/staff/funds").doesNotContain("/staff/people");
        assertThat(page(data.admin(), "/staff")).contains("/staff/people", "/staff/health", "/staff/funds")
                .doesNotContain("/staff/decisions");
        Fund fund = data.fund();
        assertThat(page(data.funderOf(fund), "/staff")).contains("Your funds", fund.name())
                .doesNotContain("/staff/tasks");
        mvc.perform(get("/staff").with(as(data.charityApplicant()))).andExpect(redirectedUrl("/applications"));
    }

    @Test
    void staffWhoMayReadAnApplicationSeeItsAnswersGroupAndHistory_asText() throws Exception {
        Fund fund = data.fund();
        CurrentUser group = data.charityApplicant();
        long id = journey.draft(group, fund, "3000");
        journey.submit(group, id);
        Application app = journey.application(id);

        String seen = page(data.managerOf(fund), "/staff/applications/" + id);
        assertThat(seen).contains(app.reference(), app.title(), fund.name(), "£3,000", "About the group",
                "History", "Submitted");
        fund.questions().stream().filter(q -> !q.isFile()).forEach(q -> assertThat(seen).contains(q.label()));

        assertThat(page(data.assessor(), "/staff/applications/" + id)).contains(app.reference());
        mvc.perform(get("/staff/applications/" + id).with(as(data.funderOf(data.fund()))))
                .andExpect(status().isNotFound());
        mvc.perform(get("/staff/applications/" + id).with(as(data.managerOf(data.fund()))))
                .andExpect(status().isNotFound());
        mvc.perform(get("/staff/applications/" + id).with(as(group))).andExpect(status().isForbidden());
    }

    @Test
    void findingByReferenceOpensTheApplication_orSaysWhatToFix() throws Exception {
        Fund fund = data.fund();
        long id = journey.submitted(data.charityApplicant(), fund, "3000").id();
        String reference = journey.application(id).reference();

        mvc.perform(get("/staff/applications").param("reference", " " + reference.toLowerCase() + " ")
                .with(as(data.managerOf(fund)))).andExpect(redirectedUrl("/staff/applications/" + id));
        assertThat(page(data.managerOf(data.fund()), "/staff/applications?reference=" + reference))
                .contains("There is no application " + reference + " that you can see", "govuk-error-summary");
        assertThat(page(data.admin(), "/staff/applications?reference=")).contains("Enter an application reference");
    }

    private String page(CurrentUser who, String url) throws Exception {
        return mvc.perform(get(url).with(as(who))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }
}

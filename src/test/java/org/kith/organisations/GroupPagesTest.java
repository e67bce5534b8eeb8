package org.kith.organisations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kith.accounts.Mailbox;
import org.kith.identity.CurrentUser;
import org.kith.identity.Role;
import org.kith.support.EngineDriver;
import org.kith.support.KithTest;
import org.kith.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import jakarta.servlet.http.Cookie;

import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The group pages over HTTP: telling us about the group once (errors kept with what was typed), on to where the
 * person was going, changing it, inviting and cancelling, and the page the invitation's link opens, in each state.
 */
@KithTest
class GroupPagesTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestData data;
    @Autowired
    GroupInvitations invitations;
    @Autowired
    Mailbox mailbox;
    @Autowired
    EngineDriver engine;

    @AfterEach
    void resetClock() {
        engine.resetClock();
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private CurrentUser noGroupYet() {
        return data.person("new-" + unique(), null, Role.APPLICANT);
    }

    private static MockHttpServletRequestBuilder group(MockHttpServletRequestBuilder request, String name) {
        return group(request, name, "0131 496 0000");
    }

    private static MockHttpServletRequestBuilder group(MockHttpServletRequestBuilder request, String name,
            String phone) {
        return request.with(csrf()).param("name", name).param("legalForm", "UNREGISTERED_GROUP")
                .param("charityNumber", "").param("companyNumber", "")
                .param("addressLine1", "12 Great Junction Street").param("addressLine2", "")
                .param("town", "Edinburgh").param("postcode", "eh6 5lq").param("localAuthority", "City of Edinburgh")
                .param("annualIncome", "£12,000").param("contactName", "Morag Stewart")
                .param("contactEmail", "morag@example.org").param("contactPhone", phone);
    }

    private String token(String address) {
        return mailbox.token(address, "GROUP_INVITATION", "/group/invitation");
    }

    @Test
    void anApplicantWithNoGroupIsAskedAboutIt_withTheirOwnNameAndAddressAsContact() throws Exception {
        CurrentUser someone = noGroupYet();
        mvc.perform(get("/group").with(user(someone.username()))).andExpect(redirectedUrl("/group/new"));
        mvc.perform(get("/group/new").with(user(someone.username())))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Tell us about your group"),
                        containsString("value=\"" + someone.username() + "@example.org\""),
                        containsString("<select id=\"localAuthority\""), containsString("Na h-Eileanan Siar"),
                        containsString("govuk-input__prefix"))));
    }

    @Test
    void staffAreNotAskedAboutAGroup() throws Exception {
        CurrentUser assessor = data.assessor();
        mvc.perform(get("/group/new").with(user(assessor.username()))).andExpect(status().isForbidden());
    }

    @Test
    void errorsFromTheProfileAreFieldErrorsInPageOrder_withWhatWasTypedKept() throws Exception {
        CurrentUser someone = noGroupYet();
        String html = mvc.perform(post("/group/new").with(user(someone.username())).with(csrf())
                        .param("name", "Leith Lunch Club").param("legalForm", "SCOTTISH_CHARITY")
                        .param("charityNumber", "12345").param("postcode", "EH99 9ZZZ")
                        .param("annualIncome", "lots"))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("<title>Error: Tell us about your group", "value=\"Leith Lunch Club\"",
                "value=\"12345\"", "value=\"EH99 9ZZZ\"", "value=\"lots\"", "Enter the Scottish charity number",
                "Enter a real UK postcode", "whole number of pounds", "Choose the council area");
        List<String> order = List.of("#charityNumber", "#addressLine1", "#town", "#postcode", "#localAuthority",
                "#annualIncome", "#contactPhone");
        int last = -1;
        for (String anchor : order) {
            int at = html.indexOf("href=\"" + anchor + "\"");
            assertThat(at).as(anchor).isGreaterThan(last);
            last = at;
        }
        assertThat(html).doesNotContain("href=\"#name\"");
    }

    @Test
    void afterTellingUsAboutTheGroup_theyGoOnToTheFundTheyWereApplyingFor() throws Exception {
        CurrentUser someone = noGroupYet();
        Cookie session = mvc.perform(get("/group/new").with(user(someone.username()))
                .param("fund", "social-isolation-and-loneliness").param("amount", "2500"))
                .andReturn().getResponse().getCookie("SESSION");
        mvc.perform(group(post("/group/new").cookie(session).with(user(someone.username())), "Lunch " + unique()))
                .andExpect(redirectedUrl("/applications/new?fund=social-isolation-and-loneliness&amount=2500"));
        CurrentUser other = noGroupYet();
        mvc.perform(group(post("/group/new").with(user(other.username())), "Lunch " + unique()))
                .andExpect(redirectedUrl("/applications"));
        mvc.perform(get("/group/new").with(user(other.username()))).andExpect(redirectedUrl("/group"));
    }

    @Test
    void theGroupPageShowsTheProfileWithChangeLinks_andMembersChangeIt() throws Exception {
        CurrentUser someone = noGroupYet();
        String name = "Lunch " + unique();
        mvc.perform(group(post("/group/new").with(user(someone.username())), name))
                .andExpect(redirectedUrl("/applications"));
        mvc.perform(get("/group").with(user(someone.username())))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString(name), containsString("EH6 5LQ"),
                        containsString("£12,000"), containsString("A group that is not registered"),
                        containsString("href=\"/group/edit#addressLine1\""),
                        containsString("There are no invitations waiting for an answer"))));
        mvc.perform(get("/group/edit").with(user(someone.username())))
                .andExpect(content().string(allOf(containsString("Change your group’s details"),
                        containsString("value=\"" + name + "\""), containsString("value=\"12000\""))));
        mvc.perform(group(post("/group/edit").with(user(someone.username())), name, "call me"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Enter a phone number"), containsString("value=\"call me\""))));
        mvc.perform(group(post("/group/edit").with(user(someone.username())), name + " Club"))
                .andExpect(redirectedUrl("/group"))
                .andExpect(flash().attribute("successBanner", "Your group’s details have been saved."));
    }

    @Test
    void aMemberInvitesSomeone_seesItPending_andCancelsIt_butNotAnotherGroupsInvitation() throws Exception {
        CurrentUser morag = data.charityApplicant();
        mvc.perform(post("/group/invite").with(user(morag.username())).with(csrf()).param("email", "nobody@nowhere"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("in the correct format"),
                        containsString("value=\"nobody@nowhere\""))));
        String invited = "calum-" + unique() + "@example.org";
        Cookie session = mvc.perform(post("/group/invite").with(user(morag.username())).with(csrf())
                        .param("email", invited))
                .andExpect(redirectedUrl("/group/invite/sent")).andExpect(flash().attribute("address", invited))
                .andReturn().getResponse().getCookie("SESSION");
        mvc.perform(get("/group/invite/sent").with(user(morag.username())).cookie(session))
                .andExpect(content().string(containsString("We have sent an invitation to " + invited)));
        mvc.perform(get("/group/invite/sent").with(user(morag.username()))).andExpect(redirectedUrl("/group"));
        long id = invitations.pending(morag).get(0).id();
        mvc.perform(get("/group").with(user(morag.username())))
                .andExpect(content().string(allOf(containsString(invited),
                        containsString("/group/invitations/" + id + "/cancel"))));

        CurrentUser stranger = data.charityApplicant();
        mvc.perform(post("/group/invitations/" + id + "/cancel").with(user(stranger.username())).with(csrf()))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("Page not found")));
        mvc.perform(post("/group/invitations/" + id + "/cancel").with(user(morag.username())).with(csrf()))
                .andExpect(redirectedUrl("/group"));
        assertThat(invitations.pending(morag)).isEmpty();
        mvc.perform(get("/group/invitation").param("token", token(invited)))
                .andExpect(content().string(containsString("This invitation has been cancelled")));
    }

    @Test
    void theInvitationPageAsksToSignInFirst_thenAcceptsOnce() throws Exception {
        CurrentUser morag = data.charityApplicant();
        String invited = "calum-" + unique() + "@example.org";
        invitations.invite(morag, invited);
        String token = token(invited);
        String groupName = invitations.look(token).groupName();
        mvc.perform(get("/group/invitation").param("token", token))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Join " + groupName),
                        containsString("Sign in or create an account first"), containsString("href=\"/sign-in\""),
                        not(containsString("Accept and join")))));
        // posted without signing in: back to the page, nothing done
        mvc.perform(post("/group/invitation").with(csrf()).param("token", token))
                .andExpect(redirectedUrl("/group/invitation?token=" + token));

        CurrentUser calum = noGroupYet();
        mvc.perform(get("/group/invitation").with(user(calum.username())).param("token", token))
                .andExpect(content().string(allOf(containsString("Accept and join"),
                        containsString("name=\"token\" value=\"" + token + "\""))));
        mvc.perform(post("/group/invitation").with(user(calum.username())).with(csrf()).param("token", token))
                .andExpect(redirectedUrl("/applications"))
                .andExpect(flash().attribute("successBanner", "You have joined " + groupName + "."));
        mvc.perform(get("/group/invitation").param("token", token))
                .andExpect(content().string(containsString("This invitation has already been used")));
    }

    @Test
    void someoneInAnotherGroup_anExpiredInvitation_andAnUnknownOneEachGetTheirOwnPage() throws Exception {
        CurrentUser morag = data.charityApplicant();
        String invited = "calum-" + unique() + "@example.org";
        invitations.invite(morag, invited);
        String token = token(invited);
        CurrentUser elsewhere = data.unregisteredApplicant();
        mvc.perform(post("/group/invitation").with(user(elsewhere.username())).with(csrf()).param("token", token))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("You are already in another group")));
        mvc.perform(post("/group/invitation").with(user(morag.username())).with(csrf()).param("token", token))
                .andExpect(content().string(containsString("You are already a member of")));
        mvc.perform(get("/group/invitation").param("token", "cut-short"))
                .andExpect(content().string(containsString("This invitation link does not work")));
        engine.advance(Duration.ofDays(15));
        mvc.perform(get("/group/invitation").param("token", token))
                .andExpect(content().string(containsString("This invitation has expired")));
    }
}

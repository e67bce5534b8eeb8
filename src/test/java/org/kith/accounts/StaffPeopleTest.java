package org.kith.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.kith.support.StaffRequests.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.flowable.task.api.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kith.funds.Fund;
import org.kith.identity.CurrentUser;
import org.kith.identity.Role;
import org.kith.identity.UserAccounts;
import org.kith.support.EngineDriver;
import org.kith.support.Journey;
import org.kith.support.KithTest;
import org.kith.support.TestData;
import org.kith.web.ConflictException;
import org.kith.web.ForbiddenException;
import org.kith.web.InvalidInputException;
import org.kith.workflow.TaskKeys;
import org.kith.workflow.WorkflowTasks;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Staff accounts: who may reach the pages and the API, inviting (and the invitation's link), changing roles and
 * funds (audited), the last administrator, deactivating (sessions end, tasks go back, no sign-in) and reactivating.
 */
@KithTest
class StaffPeopleTest {

    static final String PASSWORD = "a pot of soup for the whole street";

    @Autowired
    MockMvc mvc;
    @Autowired
    TestData data;
    @Autowired
    Mailbox mailbox;
    @Autowired
    StaffAccounts staff;
    @Autowired
    UserAccounts accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Journey journey;
    @Autowired
    WorkflowTasks tasks;
    @Autowired
    EngineDriver engine;

    @AfterEach
    void resetClock() {
        engine.resetClock();
    }

    private static String fresh(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    private CurrentUser admin() {
        return data.admin();
    }

    private CurrentUser funder() {
        return data.person("funder-" + UUID.randomUUID().toString().substring(0, 8), null, Role.FUNDER);
    }

    private long someStaffId() {
        return accounts.account(data.assessor().username()).orElseThrow().id();
    }

    // ---- who may

    @Test
    void onlyAnAdministratorReachesThePages_othersGet403_andAnonymousIsSentToSignIn() throws Exception {
        long id = someStaffId();
        List<String> pages = List.of("/staff/people", "/staff/people/invite", "/staff/people/" + id,
                "/staff/people/" + id + "/deactivate");
        List<CurrentUser> refused = List.of(data.charityApplicant(), data.assessor(), data.manager(), funder());
        for (String page : pages) {
            for (CurrentUser person : refused) {
                mvc.perform(get(page).with(as(person))).andExpect(status().isForbidden());
            }
            mvc.perform(get(page).accept(MediaType.TEXT_HTML)).andExpect(status().is3xxRedirection())
                    .andExpect(redirectedUrlPattern("**/sign-in"));
            mvc.perform(get(page).with(as(admin()))).andExpect(status().isOk());
        }
        for (CurrentUser person : refused) {
            mvc.perform(post("/staff/people/invite").with(as(person)).with(csrf()).param("email", fresh("x"))
                    .param("name", "X").param("roles", "ADMIN")).andExpect(status().isForbidden());
            mvc.perform(post("/staff/people/" + id).with(as(person)).with(csrf()).param("roles", "ADMIN"))
                    .andExpect(status().isForbidden());
            mvc.perform(post("/staff/people/" + id + "/deactivate").with(as(person)).with(csrf()))
                    .andExpect(status().isForbidden());
            mvc.perform(post("/staff/people/" + id + "/reactivate").with(as(person)).with(csrf()))
                    .andExpect(status().isForbidden());
        }
        assertThat(accounts.staffMember(id).orElseThrow().roles()).containsExactly(Role.ASSESSOR);
        assertThat(accounts.staffMember(id).orElseThrow().enabled()).isTrue();
    }

    @Test
    void theApiIsForAdministratorsOnly_401WithoutCredentials() throws Exception {
        long id = someStaffId();
        List<Supplier<MockHttpServletRequestBuilder>> calls = List.of(() -> get("/api/admin/staff"),
                () -> post("/api/admin/staff").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"" + fresh("api") + "\",\"name\":\"A\",\"roles\":[\"ADMIN\"]}"),
                () -> put("/api/admin/staff/" + id + "/roles").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"roles\":[\"ADMIN\"]}"),
                () -> post("/api/admin/staff/" + id + "/deactivate"));
        List<CurrentUser> refused = List.of(data.charityApplicant(), data.assessor(), data.manager(), funder());
        for (Supplier<MockHttpServletRequestBuilder> call : calls) {
            for (CurrentUser person : refused) {
                mvc.perform(call.get().with(httpBasic(person.username(), TestData.PASSWORD)))
                        .andExpect(status().isForbidden());
            }
            mvc.perform(call.get()).andExpect(status().isUnauthorized());
        }
        mvc.perform(get("/api/admin/staff")).andExpect(status().isUnauthorized());
        assertThat(accounts.staffMember(id).orElseThrow().enabled()).isTrue();
        mvc.perform(get("/api/admin/staff").with(httpBasic("admin1", TestData.PASSWORD)))
                .andExpect(status().isOk()).andExpect(jsonPath("$[?(@.username == 'assessor1')].roles[0]")
                        .value("ASSESSOR"));
    }

    // ---- inviting

    @Test
    void theListShowsNamesRolesFundsAndStatus() throws Exception {
        mvc.perform(get("/staff/people").with(as(admin())))
                .andExpect(content().string(allOf(containsString("Staff accounts"),
                        containsString("assessor1@example.org"), containsString("Fund manager"),
                        containsString("All funds"), containsString("Invite a person"),
                        containsString("Social Isolation and Loneliness Fund"), containsString("Active"))));
    }

    @Test
    void invitingShowsEveryProblemOnThePage_keepingWhatWasTyped() throws Exception {
        CurrentUser admin = admin();
        mvc.perform(post("/staff/people/invite").with(as(admin)).with(csrf()).param("email", "fiona@example")
                        .param("name", "Fiona Grant").param("roles", "FUNDER"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("<title>Error: Invite a person"),
                        containsString("Enter an email address in the correct format"),
                        containsString("Choose the funds this funder may see"),
                        containsString("href=\"#email\""), containsString("href=\"#funds\""),
                        containsString("value=\"fiona@example\""), containsString("value=\"Fiona Grant\""),
                        ticked("FUNDER"))));
        mvc.perform(post("/staff/people/invite").with(as(admin)).with(csrf()).param("email", "Assessor1@Example.org")
                        .param("name", "Someone"))
                .andExpect(content().string(allOf(containsString("An account already uses this email address"),
                        containsString("Choose at least one role"))));
    }

    @Test
    void anInvitedPersonChoosesTheirPasswordByALinkThatWorksOnce_thenSignsIn() throws Exception {
        CurrentUser admin = admin();
        Fund fund = data.fund();
        String address = fresh("fiona");
        String location = mvc.perform(post("/staff/people/invite").with(as(admin)).with(csrf())
                        .param("email", address).param("name", "Fiona Grant").param("roles", "FUNDER")
                        .param("funds", Long.toString(fund.id())))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("successBanner", "We have sent an invitation to " + address + "."))
                .andReturn().getResponse().getRedirectedUrl();
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        UserAccounts.StaffMember invited = accounts.staffMember(id).orElseThrow();
        assertThat(invited.roles()).containsExactly(Role.FUNDER);
        assertThat(invited.funds()).containsExactly(fund.id());
        assertThat(accounts.account(id).orElseThrow().emailConfirmed()).isTrue();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'STAFF_INVITED' AND actor = :a "
                + "AND application_id IS NULL").param("a", admin.username()).query(Integer.class).single()).isOne();

        // no password yet: neither a guess nor the demo one signs in
        mvc.perform(formLogin("/sign-in").user(address).password(TestData.PASSWORD)).andExpect(unauthenticated());
        String token = mailbox.token(address, "STAFF_INVITATION", "/account/set-password");
        assertThat(mailbox.to(address, "STAFF_INVITATION").get(0).body()).contains("Fiona Grant", "funder", "7 days");

        mvc.perform(get("/account/set-password").param("token", token))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Choose your password"),
                        containsString("action=\"/account/set-password\""))));
        mvc.perform(post("/account/set-password").with(csrf()).param("token", token).param("password", "too short"))
                .andExpect(content().string(allOf(containsString("at least 12 characters"),
                        containsString("name=\"token\" value=\"" + token + "\""))));
        mvc.perform(post("/account/set-password").with(csrf()).param("token", token).param("password", PASSWORD))
                .andExpect(redirectedUrl("/sign-in"));
        mvc.perform(get("/account/set-password").param("token", token))
                .andExpect(content().string(containsString("This link has already been used")));
        mvc.perform(post("/account/set-password").with(csrf()).param("token", token).param("password", PASSWORD + "!"))
                .andExpect(content().string(containsString("This link has already been used")));
        // a set-password link is not a reset link, nor the other way round
        mvc.perform(get("/account/reset-password").param("token", token))
                .andExpect(content().string(containsString("This link does not work")));
        mvc.perform(formLogin("/sign-in").user(address).password(PASSWORD)).andExpect(authenticated());
    }

    @Test
    void anInvitationLinkExpiresAfterSevenDays_andAnAdministratorCanSendANewOne() throws Exception {
        CurrentUser admin = admin();
        String address = fresh("expiring");
        long id = staff.invite(admin, address, "Expiring Person", List.of("ASSESSOR"), List.of()).id();
        String token = mailbox.token(address, "STAFF_INVITATION", "/account/set-password");
        engine.advance(Duration.ofDays(7).plusMinutes(1));
        mvc.perform(get("/account/set-password").param("token", token))
                .andExpect(content().string(allOf(containsString("This link has expired"),
                        containsString("href=\"/account/forgot-password\""), not(containsString("name=\"password\"")))));

        mvc.perform(post("/staff/people/" + id + "/invitation").with(as(admin)).with(csrf()))
                .andExpect(redirectedUrl("/staff/people/" + id));
        String again = mailbox.token(address, "STAFF_INVITATION", "/account/set-password");
        assertThat(again).isNotEqualTo(token);
        mvc.perform(get("/account/set-password").param("token", again))
                .andExpect(content().string(containsString("Choose your password")));
        mvc.perform(post("/staff/people/" + id + "/invitation").with(as(data.manager())).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/admin/staff/" + id + "/invitation").with(httpBasic("admin1", TestData.PASSWORD)))
                .andExpect(status().isOk());
        mvc.perform(get("/account/set-password").param("token", again))
                .andExpect(content().string(containsString("This link has already been used")));
    }

    @Test
    void theApiInvitesListsChangesAndDeactivates_onTheSameRules() throws Exception {
        String address = fresh("api");
        String body = mvc.perform(post("/api/admin/staff").with(httpBasic("admin1", TestData.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"" + address + "\",\"name\":\"Api Person\",\"roles\":[\"ASSESSOR\"]}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.roles[0]").value("ASSESSOR"))
                .andReturn().getResponse().getContentAsString();
        long id = Long.parseLong(body.replaceAll(".*\"id\":(\\d+).*", "$1"));
        mvc.perform(post("/api/admin/staff").with(httpBasic("admin1", TestData.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"" + address + "\",\"name\":\"Again\",\"roles\":[\"BOSS\"]}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(allOf(containsString("email"), containsString("roles"))));
        mvc.perform(put("/api/admin/staff/" + id + "/roles").with(httpBasic("admin1", TestData.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"roles\":[\"FUND_MANAGER\"],\"funds\":[]}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.roles[0]").value("FUND_MANAGER"));
        mvc.perform(post("/api/admin/staff/" + id + "/deactivate").with(httpBasic("admin1", TestData.PASSWORD)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.account.enabled").value(false));
        mvc.perform(get("/api/admin/staff/987654321").with(httpBasic("admin1", TestData.PASSWORD)))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/admin/staff/" + accounts.account("applicant1").orElseThrow().id() + "/deactivate")
                .with(httpBasic("admin1", TestData.PASSWORD))).andExpect(status().isNotFound());
    }

    // ---- roles and funds

    @Test
    void changingRolesAndFundsIsAudited_withBeforeAndAfter() throws Exception {
        CurrentUser admin = admin();
        Fund fund = data.fund();
        CurrentUser person = data.assessor();
        long id = accounts.account(person.username()).orElseThrow().id();
        mvc.perform(post("/staff/people/" + id).with(as(admin)).with(csrf()).param("roles", "ASSESSOR")
                        .param("roles", "FUND_MANAGER").param("funds", Long.toString(fund.id())))
                .andExpect(redirectedUrl("/staff/people/" + id));
        UserAccounts.StaffMember after = accounts.staffMember(id).orElseThrow();
        assertThat(after.roles()).containsExactly(Role.ASSESSOR, Role.FUND_MANAGER);
        assertThat(after.funds()).containsExactly(fund.id());
        assertThat(accounts.current(person.username()).orElseThrow().managesFund(fund.id() + 1000)).isFalse();

        Map<String, Object> event = jdbc.sql("""
                SELECT application_id, actor, detail FROM audit_event WHERE action = 'ROLE_CHANGED' ORDER BY id DESC""")
                .query().listOfRows().get(0);
        assertThat(event.get("APPLICATION_ID")).isNull();
        assertThat(event.get("ACTOR")).isEqualTo(admin.username());
        assertThat((String) event.get("DETAIL")).isEqualTo(person.username() + ": before roles ASSESSOR; funds none; "
                + "after roles ASSESSOR, FUND_MANAGER; funds " + fund.id());
        mvc.perform(get("/staff/people/" + id).with(as(admin)))
                .andExpect(content().string(allOf(containsString("History of this account"),
                        containsString("Role changed"), containsString("after roles ASSESSOR, FUND_MANAGER"))));

        // what was ticked stays ticked when something is wrong
        mvc.perform(post("/staff/people/" + id).with(as(admin)).with(csrf()).param("roles", "FUNDER"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Choose the funds this funder may see"),
                        ticked("FUNDER"), not(ticked("ASSESSOR")))));
        assertThat(accounts.staffMember(id).orElseThrow().roles()).containsExactly(Role.ASSESSOR, Role.FUND_MANAGER);
    }

    @Test
    void theLastActiveAdministratorKeepsTheRole_andNoAdministratorDeactivatesThemselves() throws Exception {
        CurrentUser admin = admin();
        long adminId = accounts.account(admin.username()).orElseThrow().id();
        mvc.perform(post("/staff/people/" + adminId + "/deactivate").with(as(admin)).with(csrf()))
                .andExpect(status().isConflict())
                .andExpect(content().string(containsString("You cannot deactivate your own account")));
        mvc.perform(get("/staff/people/" + adminId).with(as(admin)))
                .andExpect(content().string(allOf(containsString("You cannot deactivate your own account"),
                        not(containsString("/deactivate\"")))));

        // make this the only active administrator for a moment
        List<Long> others = accounts.activeAdmins().stream().filter(i -> i != adminId).toList();
        others.forEach(i -> jdbc.sql("UPDATE app_user SET enabled = FALSE WHERE id = :id").param("id", i).update());
        try {
            mvc.perform(post("/staff/people/" + adminId).with(as(admin)).with(csrf()).param("roles", "ASSESSOR"))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString("is the last active administrator")));
            assertThat(accounts.roles(adminId)).containsExactly(Role.ADMIN);
            assertThatThrownBy(() -> staff.changeRoles(admin, adminId, List.of("FUNDER"), List.of(1L)))
                    .isInstanceOf(InvalidInputException.class);
        } finally {
            others.forEach(i -> jdbc.sql("UPDATE app_user SET enabled = TRUE WHERE id = :id").param("id", i).update());
        }
        // with another administrator about, one may give up their own role
        mvc.perform(post("/staff/people/" + adminId).with(as(admin)).with(csrf()).param("roles", "ASSESSOR"))
                .andExpect(redirectedUrl("/staff"));
        assertThat(accounts.roles(adminId)).containsExactly(Role.ASSESSOR);
    }

    // ---- deactivating

    @Test
    void deactivatingEndsEverySession_returnsTheirTasksToThePool_andStopsSignIn() throws Exception {
        CurrentUser admin = admin();
        CurrentUser assessor = data.assessor();
        long id = accounts.account(assessor.username()).orElseThrow().id();
        long applicationId = journey.submitted(data.charityApplicant(), data.fund(), "12000.00").id();
        Task task = journey.open(applicationId, TaskKeys.ASSESS_APPLICATION).get(0);
        tasks.claim(assessor, task.getId());
        assertThat(journey.open(applicationId, TaskKeys.ASSESS_APPLICATION))
                .anyMatch(t -> assessor.username().equals(t.getAssignee()));

        mvc.perform(formLogin("/sign-in").user(assessor.username()).password(TestData.PASSWORD))
                .andExpect(authenticated());
        mvc.perform(formLogin("/sign-in").user(assessor.username()).password(TestData.PASSWORD))
                .andExpect(authenticated());
        assertThat(sessionsOf(assessor.username())).isEqualTo(2);

        mvc.perform(get("/staff/people/" + id + "/deactivate").with(as(admin)))
                .andExpect(content().string(allOf(containsString("Are you sure you want to deactivate this account?"),
                        containsString("goes back to the pool"))));
        mvc.perform(post("/staff/people/" + id + "/deactivate").with(as(admin)).with(csrf()))
                .andExpect(redirectedUrl("/staff/people/" + id))
                .andExpect(flash().attribute("successBanner", assessor.username()
                        + " is deactivated and signed out. Tasks given back to the pool: 1."));

        assertThat(sessionsOf(assessor.username())).isZero();
        assertThat(journey.open(applicationId, TaskKeys.ASSESS_APPLICATION)).allMatch(t -> t.getAssignee() == null);
        UserAccounts.StaffMember member = accounts.staffMember(id).orElseThrow();
        assertThat(member.enabled()).isFalse();
        assertThat(member.deactivatedBy()).isEqualTo(admin.username());
        assertThat(member.deactivatedAt()).isNotNull();
        assertThat(jdbc.sql("SELECT detail FROM audit_event WHERE action = 'ACCOUNT_DEACTIVATED' AND actor = :a")
                .param("a", admin.username()).query(String.class).single()).contains(task.getId());

        mvc.perform(formLogin("/sign-in").user(assessor.username()).password(TestData.PASSWORD))
                .andExpect(unauthenticated());
        mvc.perform(get("/api/tasks").with(httpBasic(assessor.username(), TestData.PASSWORD)))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/staff/people/" + id).with(as(admin)))
                .andExpect(content().string(allOf(containsString("Deactivated"), containsString("Reactivate account"),
                        containsString("by " + admin.username()))));

        mvc.perform(post("/staff/people/" + id + "/reactivate").with(as(admin)).with(csrf()))
                .andExpect(redirectedUrl("/staff/people/" + id));
        assertThat(accounts.staffMember(id).orElseThrow().enabled()).isTrue();
        mvc.perform(formLogin("/sign-in").user(assessor.username()).password(TestData.PASSWORD))
                .andExpect(authenticated());
    }

    @Test
    void theServiceRefusesAnyoneButAnAdministrator() {
        long id = someStaffId();
        for (CurrentUser person : List.of(data.assessor(), data.manager(), funder(), data.charityApplicant())) {
            assertThatThrownBy(() -> staff.deactivate(person, id)).isInstanceOf(ForbiddenException.class);
            assertThatThrownBy(() -> staff.changeRoles(person, id, List.of("ADMIN"), List.of()))
                    .isInstanceOf(ForbiddenException.class);
            assertThatThrownBy(() -> staff.invite(person, fresh("x"), "X", List.of("ADMIN"), List.of()))
                    .isInstanceOf(ForbiddenException.class);
        }
        assertThat(accounts.roles(id)).isEqualTo(Set.of(Role.ASSESSOR));
    }

    @Test
    void deactivatingOneselfThroughTheServiceIsAConflict() {
        CurrentUser admin = admin();
        long adminId = accounts.account(admin.username()).orElseThrow().id();
        assertThatThrownBy(() -> staff.deactivate(admin, adminId)).isInstanceOf(ConflictException.class);
    }

    /** A checkbox of this value is ticked. */
    private static org.hamcrest.Matcher<String> ticked(String value) {
        return org.hamcrest.Matchers.matchesPattern("(?s).*value=\"" + value + "\"[^>]*checked=\"checked\".*");
    }

    private int sessionsOf(String username) {
        return jdbc.sql("SELECT COUNT(*) FROM SPRING_SESSION WHERE PRINCIPAL_NAME = :name").param("name", username)
                .query(Integer.class).single();
    }
}

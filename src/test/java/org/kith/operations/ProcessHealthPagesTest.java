package org.kith.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.util.List;

import org.flowable.engine.ManagementService;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.job.api.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kith.applications.Application;
import org.kith.identity.CurrentUser;
import org.kith.identity.Role;
import org.kith.support.Journey;
import org.kith.support.KithTest;
import org.kith.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The admin's process health page: a job made to fail shows with its error and tries left, and Retry queues it; a
 * parked (dead-letter) job shows and Retry moves it back; an undelivered message goes back to the outbox; a sign-in
 * lock is released. Each writes an audit event. Only admins see the page or act on it.
 */
@KithTest
class ProcessHealthPagesTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestData data;
    @Autowired
    Journey journey;
    @Autowired
    Clock clock;

    private final RequestPostProcessor admin = user("admin1").roles(Role.ADMIN.name());
    private String deployment;

    @BeforeEach
    void deployTheFailingProcess() {
        deployment = HealthTroubles.deployFailingProcess(repository, "kithHealthProbe");
    }

    @AfterEach
    void removeIt() {
        repository.deleteDeployment(deployment, true);
    }

    @Test
    void aFailedJobShowsWithItsErrorAndRetryQueuesIt() throws Exception {
        String process = runtime.startProcessInstanceByKey("kithHealthProbe").getId();
        Job job = management.createJobQuery().processInstanceId(process).singleResult();
        assertThatThrownBy(() -> management.executeJob(job.getId())).hasMessageContaining("kithHealthProbeMissingBean");
        Job failed = management.createTimerJobQuery().processInstanceId(process).singleResult();
        assertThat(failed.getRetries()).isEqualTo(2);

        String page = page();
        assertThat(page).contains("id=\"failed-" + failed.getId() + "\"", "Always fails", "kithHealthProbeMissingBean",
                "/staff/health/failed-jobs/" + failed.getId() + "/retry");

        mvc.perform(post("/staff/health/failed-jobs/" + failed.getId() + "/retry").with(admin).with(csrf()))
                .andExpect(redirectedUrl("/staff/health"))
                .andExpect(flash().attribute("successBanner", "The job \u201cAlways fails\u201d is queued to run again."));

        assertThat(management.createTimerJobQuery().processInstanceId(process).count()).isZero();
        assertThat(management.createJobQuery().processInstanceId(process).list()).singleElement()
                .satisfies(queued -> assertThat(queued.getRetries()).isEqualTo(2));
        assertThat(audits("JOB_RETRIED", failed.getId())).isEqualTo(1);
        assertThat(page()).as("queued with its error until the executor runs it")
                .contains("id=\"failed-" + failed.getId() + "\"", "Queued to run");
        mvc.perform(post("/staff/health/failed-jobs/no-such-job/retry").with(admin).with(csrf()))
                .andExpect(flash().attribute("successBanner", containsString("no longer waiting")));
    }

    @Test
    void aParkedJobShowsAndRetryMovesItBackWithThreeTries() throws Exception {
        String process = runtime.startProcessInstanceByKey("kithHealthProbe").getId();
        for (int attempt = 0; attempt < 3; attempt++) {
            management.createTimerJobQuery().processInstanceId(process).list()
                    .forEach(t -> management.moveTimerToExecutableJob(t.getId()));
            Job job = management.createJobQuery().processInstanceId(process).singleResult();
            assertThatThrownBy(() -> management.executeJob(job.getId())).isNotNull();
        }
        Job parked = management.createDeadLetterJobQuery().processInstanceId(process).singleResult();
        assertThat(parked).isNotNull();

        assertThat(page()).contains("id=\"dead-" + parked.getId() + "\"",
                "/staff/health/dead-letters/" + parked.getId() + "/retry");

        mvc.perform(post("/staff/health/dead-letters/" + parked.getId() + "/retry").with(admin).with(csrf()))
                .andExpect(redirectedUrl("/staff/health"))
                .andExpect(flash().attribute("successBanner", containsString("is queued to run again, with three tries")));

        assertThat(management.createDeadLetterJobQuery().processInstanceId(process).count()).isZero();
        assertThat(management.createJobQuery().processInstanceId(process).list()).singleElement()
                .satisfies(queued -> assertThat(queued.getRetries()).isEqualTo(3));
        assertThat(audits("DEAD_LETTER_JOB_RETRIED", parked.getId())).isEqualTo(1);
        assertThat(page()).doesNotContain("id=\"dead-" + parked.getId() + "\"");
    }

    @Test
    void applicationsPerStepAndTheProcessVersionsWithTheirRunningInstances() throws Exception {
        Application app = journey.submitted(data.charityApplicant(), data.fund(), "3000");
        assertThat(app.processInstanceId()).isNotNull();

        String page = page();

        assertThat(page).contains("Applications at each step", "Assess application", "Process versions deployed",
                "Health probe", "Grant application");
        assertThat(page).doesNotContain("Choose assessment route</th>");
    }

    @Test
    void anUndeliveredMessageGoesBackToTheOutbox() throws Exception {
        String recipient = "undelivered-" + System.nanoTime();
        long id = HealthTroubles.undeliveredMessage(jdbc, clock, recipient);

        assertThat(page()).contains(recipient, "550 mailbox unavailable", "/staff/health/undelivered/" + id + "/retry");

        mvc.perform(post("/staff/health/undelivered/" + id + "/retry").with(admin).with(csrf()))
                .andExpect(redirectedUrl("/staff/health"))
                .andExpect(flash().attribute("successBanner", "The message to " + recipient + " is back in the outbox."));

        assertThat(jdbc.sql("SELECT COUNT(*) FROM notification WHERE id = :id AND failed_at IS NULL AND attempts = 0")
                .param("id", id).query(Integer.class).single()).isEqualTo(1);
        assertThat(audits("NOTIFICATION_RETRIED", recipient)).isEqualTo(1);
        assertThat(page()).doesNotContain(recipient);
    }

    @Test
    void aSignInLockIsReleasedAndThePersonCanSignInAgain() throws Exception {
        CurrentUser locked = data.assessor();
        HealthTroubles.lockOut(jdbc, clock, locked.username());
        mvc.perform(get("/api/tasks").with(httpBasic(locked.username(), TestData.PASSWORD)))
                .andExpect(status().isTooManyRequests());
        long userId = jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", locked.username())
                .query(Long.class).single();

        assertThat(page()).contains(locked.username(), "/staff/health/sign-in-locks/" + userId + "/release");

        mvc.perform(post("/staff/health/sign-in-locks/" + userId + "/release").with(admin).with(csrf()))
                .andExpect(redirectedUrl("/staff/health"))
                .andExpect(flash().attribute("successBanner",
                        "The sign-in lock on " + locked.username() + " is released."));

        mvc.perform(get("/api/tasks").with(httpBasic(locked.username(), TestData.PASSWORD)))
                .andExpect(status().isOk());
        assertThat(audits("SIGN_IN_LOCK_RELEASED", locked.username())).isEqualTo(1);
        mvc.perform(post("/staff/health/sign-in-locks/" + userId + "/release").with(admin).with(csrf()))
                .andExpect(flash().attribute("successBanner", "That account has no sign-in lock now."));
    }

    @Test
    void onlyAnAdminSeesOrActsOnTheHealthPage() throws Exception {
        for (CurrentUser who : List.of(data.manager(), data.assessor(), data.existing("funder1"),
                data.charityApplicant())) {
            RequestPostProcessor as = user(who.username()).roles(who.roles().iterator().next().name());
            mvc.perform(get("/staff/health").with(as)).andExpect(status().isForbidden());
            mvc.perform(post("/staff/health/failed-jobs/x/retry").with(as).with(csrf())).andExpect(status().isForbidden());
            mvc.perform(post("/staff/health/dead-letters/x/retry").with(as).with(csrf())).andExpect(status().isForbidden());
            mvc.perform(post("/staff/health/undelivered/1/retry").with(as).with(csrf())).andExpect(status().isForbidden());
            mvc.perform(post("/staff/health/sign-in-locks/1/release").with(as).with(csrf()))
                    .andExpect(status().isForbidden());
        }
        mvc.perform(get("/staff/health").with(admin)).andExpect(status().isOk())
                .andExpect(content().string(containsString("<h1 class=\"govuk-heading-l\">Process health</h1>")));
        mvc.perform(post("/staff/health/dead-letters/no-such-job/retry").with(admin).with(csrf()))
                .andExpect(redirectedUrl("/staff/health"));
    }

    private String page() throws Exception {
        return mvc.perform(get("/staff/health").with(admin)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

    private int audits(String action, String detail) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = :action AND application_id IS NULL"
                        + " AND detail LIKE :detail")
                .param("action", action).param("detail", "%" + detail + "%").query(Integer.class).single();
    }
}

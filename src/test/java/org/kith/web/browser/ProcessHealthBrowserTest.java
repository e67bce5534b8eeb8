package org.kith.web.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.time.Clock;

import org.flowable.engine.ManagementService;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.kith.identity.CurrentUser;
import org.kith.operations.HealthTroubles;
import org.kith.support.Browser;
import org.kith.support.BrowserTest;
import org.kith.support.Journey;
import org.kith.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/**
 * The admin's process health page in real Chromium with something in every part: a parked job, an undelivered
 * message and a sign-in lock; axe-core and screenshots before and after releasing the lock and retrying the job.
 */
class ProcessHealthBrowserTest extends BrowserTest {

    @Autowired
    TestData data;
    @Autowired
    Journey journey;
    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;

    @Test
    void anAdminSeesWhatIsStuckAndRetriesAndReleases() throws Exception {
        String deployment = HealthTroubles.deployFailingProcess(repository, "kithHealthBrowserProbe");
        try {
            String process = runtime.startProcessInstanceByKey("kithHealthBrowserProbe").getId();
            management.moveJobToDeadLetterJob(management.createJobQuery().processInstanceId(process).singleResult().getId());
            journey.submitted(data.charityApplicant(), data.fund(), "3000");
            String recipient = "undelivered-" + System.nanoTime();
            HealthTroubles.undeliveredMessage(jdbc, clock, recipient);
            CurrentUser locked = data.assessor();
            HealthTroubles.lockOut(jdbc, clock, locked.username());

            try (Browser.Tab tab = browser.open()) {
                Page page = tab.signIn("admin1");

                tab.go("/staff/health");
                assertThat(page.locator("h1")).hasText("Process health");
                assertThat(page.locator("#steps + p + table, #steps ~ table").first()).containsText("Assess application");
                assertThat(page.locator("main")).containsText("Always fails");
                assertThat(page.locator("main")).containsText(recipient);
                assertThat(page.locator("main")).containsText(locked.username());
                tab.looksRight("staff-health");
                tab.desktopScreenshot("staff-health");

                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions()
                        .setName("Release the lock on " + locked.username())).click();
                assertThat(page.locator(".govuk-notification-banner"))
                        .containsText("The sign-in lock on " + locked.username() + " is released.");
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Retry Always fails")).click();
                assertThat(page.locator(".govuk-notification-banner"))
                        .containsText("The parked job \u201cAlways fails\u201d is queued to run again");
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions()
                        .setName("Retry message to " + recipient)).click();
                assertThat(page.locator(".govuk-notification-banner"))
                        .containsText("The message to " + recipient + " is back in the outbox.");
                tab.looksRight("staff-health-after");
            }
        } finally {
            repository.deleteDeployment(deployment, true);
        }
    }
}

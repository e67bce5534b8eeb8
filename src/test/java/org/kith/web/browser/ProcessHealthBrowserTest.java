package org.kith.web.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.Locale;

import org.flowable.engine.ManagementService;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.kith.identity.CurrentUser;
import org.kith.support.Browser;
import org.kith.support.BrowserTest;
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

    private static final String FAILING = """
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flowable="http://flowable.org/bpmn"
                         targetNamespace="http://kith.test/health">
              <process id="kithHealthBrowserProbe" name="Health probe" isExecutable="true">
                <startEvent id="start"/>
                <sequenceFlow id="toFail" sourceRef="start" targetRef="alwaysFails"/>
                <serviceTask id="alwaysFails" name="Always fails" flowable:async="true"
                             flowable:expression="${kithHealthProbeMissingBean.run()}"/>
                <sequenceFlow id="toEnd" sourceRef="alwaysFails" targetRef="end"/>
                <endEvent id="end"/>
              </process>
            </definitions>""";

    @Autowired
    TestData data;
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
        String deployment = repository.createDeployment().addString("probe.bpmn20.xml", FAILING).deploy().getId();
        try {
            String process = runtime.startProcessInstanceByKey("kithHealthBrowserProbe").getId();
            management.moveJobToDeadLetterJob(management.createJobQuery().processInstanceId(process).singleResult().getId());
            String recipient = "undelivered-" + System.nanoTime();
            jdbc.sql("""
                    INSERT INTO notification (application_id, kind, recipient, created_at, subject, body, attempts,
                      last_error, failed_at, address)
                    VALUES (NULL, 'ACCOUNT_TEST', :recipient, :now, 'Subject', 'Body', 5, '550 mailbox unavailable',
                      :now, 'nobody@example.org')""")
                    .param("recipient", recipient).param("now", LocalDateTime.now(clock)).update();
            CurrentUser locked = data.assessor();
            jdbc.sql("""
                    INSERT INTO login_throttle (username_hash, failures, first_failure_at, locked_until)
                    VALUES (:hash, 0, :now, :until)""")
                    .param("hash", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(locked.username().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8))))
                    .param("now", LocalDateTime.now(clock)).param("until", LocalDateTime.now(clock).plusMinutes(15))
                    .update();

            try (Browser.Tab tab = browser.open()) {
                Page page = tab.go("/sign-in").page();
                page.getByLabel("Email address or username").fill("admin1");
                page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(TestData.PASSWORD);
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();

                tab.go("/staff/health");
                assertThat(page.locator("h1")).hasText("Process health");
                assertThat(page.locator("main")).containsText("Always fails");
                assertThat(page.locator("main")).containsText(recipient);
                assertThat(page.locator("main")).containsText(locked.username());
                tab.looksRight("staff-health");
                page.setViewportSize(1280, 900);
                page.screenshot(new Page.ScreenshotOptions()
                        .setPath(Browser.SCREENSHOTS.resolve("staff-health-desktop.png")).setFullPage(true));
                page.setViewportSize(Browser.PHONE_WIDTH, 800);

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

package org.kith.web.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kith.funds.Fund;
import org.kith.identity.CurrentUser;
import org.kith.support.Browser;
import org.kith.support.BrowserTest;
import org.kith.support.Journey;
import org.kith.support.TestData;
import org.kith.workflow.TaskKeys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/**
 * The fund manager's payments, report reviews, variation reviews and message wording in real Chromium, each page
 * checked by axe-core and screenshot at phone width (and a few at desktop width). The groups' side moves on
 * through the services.
 */
class FundManagerBrowserTest extends BrowserTest {

    @Autowired
    Journey journey;
    @Autowired
    TestData data;
    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aFundManagerMarksAPaymentPaidReviewsAReportAndAChangeAndRewordsAMessage() {
        Fund fund = data.fund();
        CurrentUser manager = data.manager();
        CurrentUser payee = data.charityApplicant();
        long paid = journey.funded(payee, fund, "3000");
        String paidReference = journey.application(paid).reference();
        CurrentUser reporter = data.charityApplicant();
        long reported = journey.funded(reporter, fund, "2500");
        journey.complete(reporter, reported, TaskKeys.SUBMIT_REPORT, Map.of("whatWeDid", "Forty lunches",
                "differenceItMade", "New friendships", "whatWeLearned", "Tuesdays suit best", "peopleReached", 37,
                "amountSpent", new BigDecimal("2450.00")));
        requestChange(reporter, reported, "Ten more lunches in the summer", "2700");

        try (Browser.Tab tab = browser.open()) {
            Page page = tab.signIn(manager.username());

            tab.go("/staff/payments?fund=" + fund.id()).looksRight("staff-payments");
            tab.desktopScreenshot("staff-payments");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Mark paid " + paidReference)).click();
            assertThat(page.locator("h1")).hasText("Mark a payment as paid");
            tab.looksRight("staff-payments-mark-paid");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Record the payment")).click();
            assertThat(page.locator(".govuk-error-summary")).containsText("Enter the payment reference");
            tab.looksRight("staff-payments-mark-paid-error");
            page.getByLabel("Payment reference from the finance system").fill("BACS-2027-0042");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Record the payment")).click();
            assertThat(page.locator(".govuk-notification-banner")).containsText("BACS-2027-0042");
            tab.looksRight("staff-payments-recorded");
            tab.go("/staff/payments/" + paymentId(paid) + "/paid");
            assertThat(page.locator("h1")).hasText("This payment has already been recorded");
            tab.looksRight("staff-payments-already-recorded");

            tab.go("/staff/reports").looksRight("staff-reports");
            tab.go("/staff/reports/" + reported).looksRight("staff-report-review");
            tab.desktopScreenshot("staff-report-review");
            page.getByLabel("Ask the group for changes").check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send the review")).click();
            assertThat(page.locator(".govuk-error-summary")).containsText("Say what the group should change");
            tab.looksRight("staff-report-review-error");
            page.getByLabel("Feedback for the group").fill("Please say how many people came each week.");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send the review")).click();
            assertThat(page.locator(".govuk-notification-banner")).containsText("Changes asked for");
            tab.looksRight("staff-reports-reviewed");
            tab.go("/staff/reports/" + reported);
            assertThat(page.locator("h1")).hasText("This report has already been reviewed");
            tab.looksRight("staff-report-already-reviewed");

            tab.go("/staff/variations").looksRight("staff-variations");
            tab.go("/staff/variations/" + reported).looksRight("staff-variation-review");
            page.getByLabel("Refuse the change").check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send the decision")).click();
            assertThat(page.locator(".govuk-error-summary")).containsText("Give the reason for refusing");
            tab.looksRight("staff-variation-review-error");
            page.getByLabel("Reason").fill("The summer lunches are outside what the fund supports.");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send the decision")).click();
            assertThat(page.locator(".govuk-notification-banner")).containsText("Change refused");
            tab.looksRight("staff-variations-reviewed");

            tab.go("/staff/funds/" + fund.id() + "/messages").looksRight("staff-messages");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Change Offer of a grant")).click();
            assertThat(page.locator("h1")).hasText("Offer of a grant");
            tab.looksRight("staff-message-edit");
            page.getByLabel("Subject").fill("Good news for {group}");
            page.getByLabel("Text").fill("Dear {group}, ${7*7} {question}");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Preview")).click();
            assertThat(page.locator(".govuk-error-summary")).containsText("{question} is not a placeholder");
            tab.looksRight("staff-message-edit-error");
            page.getByLabel("Text").fill("Dear {group}, ${7*7}: the {fund} offers you {amount}.\n\nPlease answer by {date}: {link}");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Preview")).click();
            assertThat(page.locator("#preview")).containsText("Dear Leith Lunch Club, ${7*7}: the " + fund.name());
            tab.looksRight("staff-message-preview");
            tab.desktopScreenshot("staff-message-preview");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
            assertThat(page.locator(".govuk-notification-banner")).containsText("Offer of a grant");
            assertThat(page.locator("main")).containsText("This fund’s own");
            tab.looksRight("staff-messages-saved");
            tab.assertNoProblems();
        }
    }

    private long paymentId(long applicationId) {
        return jdbc.sql("SELECT id FROM payment WHERE application_id = :id").param("id", applicationId)
                .query(Long.class).single();
    }

    private void requestChange(CurrentUser applicant, long applicationId, String description, String amount) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        var response = rest.withBasicAuth(applicant.username(), TestData.PASSWORD).postForEntity(
                "/api/applications/" + applicationId + "/variations",
                new HttpEntity<>(Map.of("description", description, "newAmount", new BigDecimal(amount)), headers),
                String.class);
        org.assertj.core.api.Assertions.assertThat(response.getStatusCode().value()).isEqualTo(201);
    }
}

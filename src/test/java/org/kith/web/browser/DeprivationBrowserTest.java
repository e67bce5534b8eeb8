package org.kith.web.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.kith.dashboard.DashboardReadModel;
import org.kith.support.Browser;
import org.kith.support.BrowserTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;

/**
 * An administrator loads the deprivation lookup in real Chromium: from the staff start page to the lookup page,
 * a file with problems (each listed by line, nothing loaded, 400), then the demo file; the lookup is emptied afterwards,
 * as the other tests choose their own deciles. axe-core and screenshots on each.
 */
class DeprivationBrowserTest extends BrowserTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    DashboardReadModel readModel;

    @Test
    void anAdminLoadsAFileWithProblemsThenAGoodOne() throws IOException {
        byte[] demo = Files.readAllBytes(Path.of("seeds", "deprivation.csv"));
        try (Browser.Tab tab = browser.open()) {
            Page page = tab.signIn("admin1");

            tab.go("/staff");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Deprivation lookup")).click();
            assertThat(page.locator("h1")).hasText("Deprivation lookup");
            assertThat(page.locator("#index-SIMD")).containsText("SIMD (Scotland)");
            assertThat(page.locator("main")).containsText("SIMD2020v2_Decile");
            tab.looksRight("staff-deprivation");
            tab.desktopScreenshot("staff-deprivation");

            tab.expectStatus(400);
            page.getByLabel("Lookup file (CSV)").setInputFiles(new FilePayload("lookup.csv", "text/csv",
                    "postcode,index,decile\nEH1 1AA,SIMD,11\nEH99 ZZZ,SIMD,3\nG1 1AA,WIMD,2\n"
                            .getBytes(StandardCharsets.UTF_8)));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Load the lookup")).click();
            assertThat(page).hasTitle(Pattern.compile("^Error: Deprivation lookup"));
            assertThat(page.locator(".govuk-error-summary")).containsText("The file has 3 problems");
            assertThat(page.locator(".govuk-error-summary"))
                    .containsText("line 2: decile must be a whole number from 1 to 10");
            assertThat(page.locator(".govuk-error-summary")).containsText("line 3: postcode \"EH99 ZZZ\"");
            assertThat(page.locator(".govuk-error-summary")).containsText("line 4: index must be SIMD or IMD");
            tab.looksRight("staff-deprivation-errors");
            tab.desktopScreenshot("staff-deprivation-errors");
            tab.expectNoErrorStatus();

            page.getByLabel("Lookup file (CSV)").setInputFiles(new FilePayload("deprivation.csv", "text/csv", demo));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Load the lookup")).click();
            assertThat(page.locator(".govuk-notification-banner")).containsText("Lookup loaded: SIMD 14 postcodes, "
                    + "IMD 1 postcode.");
            assertThat(page.locator("#index-SIMD")).containsText("14");
            tab.looksRight("staff-deprivation-loaded");
        } finally {
            // the other tests choose their own deciles
            jdbc.sql("DELETE FROM deprivation_area").update();
            readModel.rebuild();
        }
    }
}

package org.kith.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import org.junit.jupiter.api.Test;
import org.kith.support.KithTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** Kith is not a gov.uk service: the GDS Transport typeface is never named, and its files never asked for. */
@KithTest
class GovukStylesheetTest {

    @Autowired
    MockMvc mvc;

    @Test
    void theStylesheetPagesUseHasGovukFrontendsRules_withoutGdsTransport() throws Exception {
        var reply = mvc.perform(get(GovukStylesheet.PATH)).andReturn().getResponse();

        assertThat(reply.getStatus()).isEqualTo(200);
        assertThat(reply.getContentType()).startsWith("text/css");
        String css = reply.getContentAsString();
        assertThat(css).contains(".govuk-button", ".govuk-error-summary", "system-ui");
        assertThat(css).doesNotContain("GDS Transport", "/assets/fonts", "@font-face");
        assertThat(reply.getHeader("Cache-Control")).contains("max-age");
    }

    @Test
    void everyPageLinksToIt_notToTheWebJarsOriginal() throws Exception {
        String home = mvc.perform(get("/")).andReturn().getResponse().getContentAsString();
        assertThat(home).contains("href=\"" + GovukStylesheet.PATH + "\"").doesNotContain("govuk-frontend.min.css\" ")
                .doesNotContain("/webjars/govuk-frontend/dist/govuk/govuk-frontend.min.css");
    }
}

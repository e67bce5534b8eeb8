package org.kith.web.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kith.applications.ApplicationStatus;
import org.kith.support.Browser;
import org.kith.support.BrowserTest;
import org.kith.support.Journey;
import org.kith.support.TestData;
import org.kith.workflow.TaskKeys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.lowagie.text.Document;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfWriter;
import com.microsoft.playwright.FileChooser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/**
 * The whole applicant journey in a real browser, as a volunteer on a phone would take it: the home page, the
 * eligibility check, an account (confirmed by the link in its email), the group told once, an application question
 * by question with a document, a question from the fund, the offer, the payment, the end-of-grant report, and the
 * grant closed. The fund's side is driven through the same services the API uses.
 *
 * <p>Once with a mouse and JavaScript, with axe-core and a 375-pixel screenshot of every page on the way; once
 * with the keyboard alone (every field and button reached with Tab); once with JavaScript turned off.
 */
class ApplicantJourneyBrowserTest extends BrowserTest {

    private static final String FUND = "Social Isolation and Loneliness Fund";
    private static final String PASSWORD = "a long walk by the water of leith";

    @Autowired
    Journey journey;

    @Autowired
    TestData data;

    @Autowired
    JdbcClient jdbc;

    private Path leaflet;

    @BeforeAll
    void makeTheLeaflet() throws IOException {
        leaflet = Files.createTempFile("leaflet", ".pdf");
        Files.write(leaflet, pdf("Tuesday lunch club: everyone welcome"));
    }

    @Test
    void withAMouse_everyPageMeetsWcag22AA_andFitsAPhone() {
        try (Browser.Tab tab = browser.open(true)) {
            new Walk(tab, new Mouse(tab.page()), true).all();
        }
    }

    @Test
    void withTheKeyboardAlone() {
        try (Browser.Tab tab = browser.open(true)) {
            new Walk(tab, new Keyboard(tab.page()), false).all();
        }
    }

    @Test
    void withJavaScriptTurnedOff() {
        try (Browser.Tab tab = browser.open(false)) {
            new Walk(tab, new Mouse(tab.page()), false).all();
        }
    }

    /** One person's way through, page by page. */
    private final class Walk {

        private final Browser.Tab tab;
        private final Page page;
        private final Hands hands;
        private final boolean look;
        private final String email = "volunteer-" + System.nanoTime() + "@example.org";
        private final String group = "Leith Walkers " + System.nanoTime() % 100000;
        private int step;

        Walk(Browser.Tab tab, Hands hands, boolean look) {
            this.tab = tab;
            this.page = tab.page();
            this.hands = hands;
            this.look = look;
        }

        void all() {
            long id = applyForAGrant();
            answerTheFundsQuestion(id);
            acceptTheOffer(id);
            runTheGrant(id);
        }

        long applyForAGrant() {
            tab.go("/");
            look("home");
            hands.press(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions()
                    .setName(Pattern.compile("Check if you can apply\\s+to " + FUND + "$"))));
            for (String answer : new String[] {"Yes", "Yes", "No"}) {
                look("eligibility-question");
                hands.choose(page.getByLabel(answer, new Page.GetByLabelOptions().setExact(true)));
                hands.press(button("Continue"));
            }
            hands.choose(page.getByLabel("A group that is not registered"));
            hands.press(button("Continue"));
            hands.fill(page.getByLabel("How much do you want to ask for?"), "2500");
            hands.press(button("Continue"));
            assertThat(page.locator("h1")).hasText("Your group can apply");
            look("eligible");
            hands.press(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create an account")));

            look("register");
            hands.fill(page.getByLabel("Your full name"), "Ailsa Brodie");
            hands.fill(page.getByLabel("Email address"), email);
            hands.fill(page.getByLabel("Create a password"), PASSWORD);
            hands.press(button("Create account"));
            look("check-your-email");

            tab.go(linkFromTheLatestEmailTo(email, "/account/confirm?token="));
            assertThat(page.locator("h1")).hasText("Your email address is confirmed");
            look("confirmed");
            hands.press(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")));
            hands.fill(page.getByLabel("Email address or username"), email);
            hands.fill(page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)), PASSWORD);
            hands.press(button("Sign in"));

            if (!page.url().contains("/group/new")) {
                look("applications-no-group");
                hands.press(page.locator("main a[href='/group/new']").first());
            }
            assertThat(page.locator("h1")).hasText("Tell us about your group");
            look("group-new");
            hands.fill(page.getByLabel("Name of the group"), group);
            hands.choose(page.getByLabel("A group that is not registered"));
            hands.fill(page.locator("[name=addressLine1]"), "12 Great Junction Street");
            hands.fill(page.getByLabel("Town or city"), "Edinburgh");
            hands.fill(page.getByLabel("Postcode"), "eh6 5lb");
            hands.select(page.getByLabel("Council area where the group works"), "City of Edinburgh");
            hands.fill(page.getByLabel("Income in the group’s last year"), "4200");
            hands.fill(page.getByLabel("Contact name"), "Ailsa Brodie");
            hands.fill(page.getByLabel("Contact email address"), email);
            hands.fill(page.getByLabel("Contact phone number"), "0131 496 0000");
            hands.press(button("Save and continue"));

            look("start");
            hands.press(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start now")));
            look("task-list");
            hands.press(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("About your project")));
            look("project");
            hands.fill(page.getByLabel("What is your project called?"), "Walk and talk by the Water of Leith");
            hands.fill(page.getByLabel("Describe your project in a few sentences"),
                    "Weekly walks for older people who live alone, with tea after. <script>alert('x')</script>");
            hands.fill(page.getByLabel("How much are you asking for?"), "2500");
            hands.press(button("Continue"));

            answer("Who will take part", "Older people living alone in Leith, told by the GP surgery and the library.");
            answer("What difference will the project make", "New friendships and a reason to get out each week.");
            answer("How have the people who will take part shaped the project", "They chose the routes and the day.");
            if (page.url().contains("/apply")) {
                hands.press(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions()
                        .setName(Pattern.compile("Add a document"))));
            }
            assertThat(page.locator("h1")).containsText("Add a document");
            look("file");
            hands.upload(page.locator("input[type=file]"), leaflet);
            hands.press(button("Continue"));

            if (!page.url().contains("/check-answers")) {
                look("task-list-complete");
                hands.press(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions()
                        .setName("Check your answers and send")));
            }
            assertThat(page.locator("main")).containsText("<script>alert('x')</script>");
            look("check-answers");
            hands.press(button("Accept and send"));

            assertThat(page.locator("h1")).hasText("Application sent");
            assertThat(page.locator("main")).containsText(Pattern.compile("KITH-\\d{4}-\\d{6}"));
            look("submitted");
            Matcher id = Pattern.compile("/applications/(\\d+)/submitted").matcher(page.url());
            assertThat(id.find()).as("the confirmation's address names the application: " + page.url()).isTrue();
            return Long.parseLong(id.group(1));
        }

        void answerTheFundsQuestion(long id) {
            journey.assessAll(id);
            journey.complete(data.manager(), id, TaskKeys.DECIDE_APPLICATION,
                    Map.of("outcome", "REQUEST_INFORMATION", "question", "How many people do you expect each week?"));
            openTheApplication();
            assertThat(page.locator("main")).containsText("How many people do you expect each week?");
            look("application-question-asked");
            hands.press(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Answer the question")));
            look("question");
            hands.fill(page.getByLabel("Your answer"), "About twelve, and more in the summer.");
            hands.press(button("Send your answer"));
            look("question-sent");
            assertThat(journey.status(id)).isEqualTo(ApplicationStatus.AWAITING_DECISION);
        }

        void acceptTheOffer(long id) {
            journey.complete(data.manager(), id, TaskKeys.DECIDE_APPLICATION,
                    Map.of("outcome", "AWARD", "amountAwarded", new BigDecimal("2400")));
            journey.runJobs(id);
            openTheApplication();
            look("application-offered");
            hands.press(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("See the offer")));
            assertThat(page.locator("main")).containsText("£2,400");
            look("offer");
            String letter = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions()
                    .setName(Pattern.compile("offer letter", Pattern.CASE_INSENSITIVE))).first().getAttribute("href");
            var pdf = page.request().get(letter);
            assertThat(pdf.status()).isEqualTo(200);
            assertThat(new String(pdf.body(), 0, 5)).isEqualTo("%PDF-");
            hands.choose(page.getByLabel("Yes, we accept the offer and its conditions"));
            hands.press(button("Send your answer"));
            look("offer-answered");
            assertThat(journey.status(id)).isEqualTo(ApplicationStatus.FUNDED);
        }

        void runTheGrant(long id) {
            // a group's first grant without a charity or company number takes the full route: paid in two parts
            journey.complete(data.manager(), id, TaskKeys.RECORD_PAYMENT, Map.of("paid", true));
            openTheApplication();
            assertThat(page.locator("main")).containsText(Pattern.compile("[Pp]aid"));
            look("application-funded");
            hands.press(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Write your report")));
            look("report");
            hands.fill(page.getByLabel("What did you do?"), "Forty walks, each with tea after.");
            hands.press(button("Save and come back later"));
            look("report-saved");
            openTheApplication();
            hands.press(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions()
                    .setName(Pattern.compile("Write your report|Change your report"))));
            assertThat(page.getByLabel("What did you do?")).hasValue("Forty walks, each with tea after.");
            hands.fill(page.getByLabel("What difference did it make?"), "People meet up between walks now.");
            hands.fill(page.getByLabel("What did you learn?"), "Start later in winter.");
            hands.fill(page.getByLabel("How many people took part or benefited?"), "14");
            hands.fill(page.getByLabel("How much of the grant did you spend?"), "2400");
            hands.press(button("Send report"));
            look("report-sent");
            journey.complete(data.manager(), id, TaskKeys.REVIEW_REPORT, Map.of("outcome", "ACCEPT"));
            while (!journey.open(id, TaskKeys.RECORD_PAYMENT).isEmpty()) {
                journey.complete(data.manager(), id, TaskKeys.RECORD_PAYMENT, Map.of("paid", true));
            }
            assertThat(journey.status(id)).isEqualTo(ApplicationStatus.CLOSED);
            openTheApplication();
            look("application-closed");
        }

        /** From "Your applications" in the service navigation, as a person finds it again. */
        private void openTheApplication() {
            tab.go("/applications");
            hands.press(page.locator("main").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions()
                    .setName(Pattern.compile("Walk and talk by the Water of Leith"))).first());
        }

        private void answer(String question, String text) {
            if (page.url().contains("/apply")) {
                hands.press(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions()
                        .setName(Pattern.compile(question))));
            }
            assertThat(page.locator("h1")).containsText(question);
            look("question-" + question.substring(0, 8).replace(' ', '-'));
            hands.fill(page.locator("textarea[name=answer]"), text);
            hands.press(button("Continue"));
        }

        private Locator button(String name) {
            return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
        }

        private void look(String name) {
            step++;
            if (look) {
                tab.looksRight("journey-%02d-%s".formatted(step, name));
            }
        }
    }

    private String linkFromTheLatestEmailTo(String address, String path) {
        String body = jdbc.sql("SELECT body FROM notification WHERE address = :address ORDER BY id DESC")
                .param("address", address).query(String.class).list().stream().findFirst()
                .orElseThrow(() -> new AssertionError("no email to " + address));
        Matcher link = Pattern.compile("https?://[^/\\s]+(" + Pattern.quote(path) + "[A-Za-z0-9_\\-]+)").matcher(body);
        if (!link.find()) {
            fail("no link to " + path + " in:\n" + body);
        }
        return link.group(1);
    }

    private static byte[] pdf(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document();
        PdfWriter.getInstance(document, out);
        document.open();
        document.add(new Paragraph(text));
        document.close();
        return out.toByteArray();
    }

    /** How a person works the page. */
    private interface Hands {
        void fill(Locator field, String text);

        void choose(Locator radio);

        void select(Locator list, String option);

        void upload(Locator input, Path file);

        void press(Locator buttonOrLink);
    }

    private record Mouse(Page page) implements Hands {
        public void fill(Locator field, String text) {
            field.fill(text);
        }

        public void choose(Locator radio) {
            radio.check();
        }

        public void select(Locator list, String option) {
            list.selectOption(new com.microsoft.playwright.options.SelectOption().setLabel(option));
        }

        public void upload(Locator input, Path file) {
            input.setInputFiles(file);
        }

        public void press(Locator buttonOrLink) {
            buttonOrLink.click();
        }
    }

    /**
     * The keyboard alone: each element is reached by pressing Tab from where the focus is (failing if 150 presses
     * never get there), then typed into, or worked with Space, Enter and the arrow keys.
     */
    private record Keyboard(Page page) implements Hands {

        public void fill(Locator field, String text) {
            tabTo(field);
            page.keyboard().press("Control+A");
            page.keyboard().press("Delete");
            page.keyboard().insertText(text);
        }

        public void choose(Locator radio) {
            String name = radio.getAttribute("name");
            tabTo(page.locator("input[type=radio][name='" + name + "']"));
            for (int i = 0; i < 20 && !radio.isChecked(); i++) {
                if (i == 0) {
                    page.keyboard().press("Space");
                } else {
                    page.keyboard().press("ArrowDown");
                }
            }
            assertThat(radio.isChecked()).as("chosen with the arrow keys").isTrue();
        }

        public void select(Locator list, String option) {
            tabTo(list);
            String value = (String) list.evaluate("(s, label) => [...s.options].find(o => o.text === label).value",
                    option);
            for (int i = 0; i < 60 && !value.equals(list.inputValue()); i++) {
                page.keyboard().press("ArrowDown");
            }
            assertThat(list.inputValue()).as("chosen with the arrow keys").isEqualTo(value);
        }

        public void upload(Locator input, Path file) {
            tabTo(input);
            FileChooser chooser = page.waitForFileChooser(() -> page.keyboard().press("Space"));
            chooser.setFiles(file);
        }

        /** Every button and link pressed on this walk opens a page: wait for it. */
        public void press(Locator buttonOrLink) {
            tabTo(buttonOrLink);
            page.waitForNavigation(() -> page.keyboard().press("Enter"));
        }

        /** Presses Tab until one of these elements has the focus. */
        private void tabTo(Locator targets) {
            targets.evaluateAll("els => els.forEach(e => e.setAttribute('data-kith-target', ''))");
            try {
                for (int i = 0; i < 150; i++) {
                    page.keyboard().press("Tab");
                    if (Boolean.TRUE.equals(page.evaluate(
                            "() => !!document.activeElement && document.activeElement.hasAttribute('data-kith-target')"))) {
                        return;
                    }
                }
                fail("could not reach " + targets + " with the Tab key on " + page.url());
            } finally {
                targets.evaluateAll("els => els.forEach(e => e.removeAttribute('data-kith-target'))");
            }
        }
    }
}

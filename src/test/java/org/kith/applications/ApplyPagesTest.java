package org.kith.applications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import jakarta.servlet.http.Cookie;

import org.flowable.engine.HistoryService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kith.funds.Fund;
import org.kith.identity.CurrentUser;
import org.kith.identity.Role;
import org.kith.support.KithTest;
import org.kith.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The applicant's pages, from "Your applications" to the confirmation, as a browser would use them. */
@KithTest
class ApplyPagesTest {

    /** The smallest file every PDF reader accepts as a PDF. */
    static final byte[] PDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    @Autowired
    MockMvc mvc;
    @Autowired
    TestData data;
    @Autowired
    ApplicationService service;
    @Autowired
    Applications applications;
    @Autowired
    Burden burden;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    HistoryService history;

    Fund fund;
    CurrentUser owner;
    CurrentUser other;
    long draft;

    @BeforeEach
    void setUp() {
        fund = data.fund();
        owner = data.charityApplicant();
        other = data.unregisteredApplicant();
        draft = service.createDraft(owner, new ApplicationRequest(fund.id(), "", null, null, Map.of()), null).id();
    }

    static RequestPostProcessor as(CurrentUser person) {
        return user(person.username()).roles(person.roles().stream().map(Role::name).toArray(String[]::new));
    }

    @Test
    void everyPageRendersForItsOwnerAndIsNotFoundForAnotherGroup() throws Exception {
        String base = "/applications/" + draft;
        service.attach(owner, draft, "supportingDocument", "leaflet.pdf", PDF);
        long attachment = service.attachments(owner, draft).get(0).id();
        for (String page : List.of(base + "/apply", base + "/project", base + "/questions/whoBenefits",
                base + "/questions/supportingDocument", base + "/check-answers",
                base + "/attachments/" + attachment)) {
            mvc.perform(get(page).with(as(owner))).andExpect(status().isOk());
            mvc.perform(get(page).with(as(other))).andExpect(status().isNotFound())
                    .andExpect(content().string(not(containsString("leaflet"))));
        }
        mvc.perform(get("/applications").with(as(owner))).andExpect(status().isOk())
                .andExpect(content().string(containsString(applications.get(draft).reference())));
        mvc.perform(get("/applications").with(as(other))).andExpect(status().isOk())
                .andExpect(content().string(not(containsString(applications.get(draft).reference()))));
        mvc.perform(get("/applications/new").param("fund", fund.slug()).param("amount", "3000").with(as(owner)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("name=\"key\"")));
        mvc.perform(post(base + "/project").param("title", "Taken over").with(as(other)).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(post(base + "/submit").with(as(other)).with(csrf())).andExpect(status().isNotFound());
        assertThat(applications.get(draft).title()).isEmpty();
    }

    @Test
    void staffAreSentToTheirWorkAndAPersonWithoutAGroupIsAskedToAddOne() throws Exception {
        mvc.perform(get("/applications").with(as(data.manager()))).andExpect(redirectedUrl("/staff"));
        CurrentUser alone = data.person("alone-" + System.nanoTime(), null, Role.APPLICANT);
        mvc.perform(get("/applications").with(as(alone))).andExpect(status().isOk())
                .andExpect(content().string(containsString("href=\"/group/new\"")));
    }

    @Test
    void startingTwiceWithOneKeyMakesOneDraftWithTheAmount() throws Exception {
        String key = java.util.UUID.randomUUID().toString();
        String first = mvc.perform(post("/applications/new").param("fund", fund.slug()).param("amount", "3000")
                        .param("key", key).with(as(other)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        mvc.perform(post("/applications/new").param("fund", fund.slug()).param("amount", "3000").param("key", key)
                .with(as(other)).with(csrf())).andExpect(redirectedUrl(first));
        mvc.perform(post("/applications/new").param("fund", fund.slug()).param("amount", "4000").param("key", key)
                .with(as(other)).with(csrf())).andExpect(redirectedUrl(first));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM application WHERE organisation_id = :org")
                .param("org", other.organisationId()).query(Integer.class).single()).isEqualTo(1);
        long id = Long.parseLong(first.replaceAll("\\D", ""));
        assertThat(applications.get(id).amountRequested()).isEqualByComparingTo("3000");
        assertThat(applications.get(id).organisationId()).isEqualTo(other.organisationId());
    }

    @Test
    void aPostWithoutACsrfTokenIsNotActedOn() throws Exception {
        mvc.perform(post("/applications/" + draft + "/project").param("title", "No token").with(as(owner)))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/applications/" + draft + "/submit").with(as(owner)))
                .andExpect(status().is3xxRedirection());
        assertThat(applications.get(draft).title()).isEmpty();
        assertThat(applications.get(draft).status()).isEqualTo(ApplicationStatus.DRAFT);
    }

    @Test
    void anEmptyAnswerIsSavedAsNotAnsweredAndContinues() throws Exception {
        mvc.perform(post("/applications/" + draft + "/questions/whoBenefits").param("answer", "  ")
                        .param("action", "continue").with(as(owner)).with(csrf()))
                .andExpect(redirectedUrl("/applications/" + draft + "/questions/whatDifference"));
        mvc.perform(post("/applications/" + draft + "/questions/whoBenefits").param("answer", "Older people")
                        .param("action", "save").with(as(owner)).with(csrf()))
                .andExpect(redirectedUrl("/applications/" + draft + "/apply"));
        mvc.perform(post("/applications/" + draft + "/questions/whoBenefits").param("answer", "Older people")
                        .param("action", "continue").param("return", "check").with(as(owner)).with(csrf()))
                .andExpect(redirectedUrl("/applications/" + draft + "/check-answers"));
        assertThat(applications.get(draft).answers()).containsEntry("whoBenefits", "Older people");
    }

    @Test
    void anOverLongAnswerOrInvisibleCharactersAreFieldErrorsThatKeepWhatWasTyped() throws Exception {
        String tooLong = "word ".repeat(400) + "over";
        mvc.perform(post("/applications/" + draft + "/questions/whoBenefits").param("answer", tooLong)
                        .param("action", "continue").with(as(owner)).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<title>Error: ")))
                .andExpect(content().string(containsString("href=\"#answer\"")))
                .andExpect(content().string(containsString("2000 characters or fewer")))
                .andExpect(content().string(containsString(tooLong)));
        mvc.perform(post("/applications/" + draft + "/questions/whoBenefits").param("answer", "Nul\u0000here")
                        .param("action", "continue").with(as(owner)).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("invisible control characters")));
        mvc.perform(post("/applications/" + draft + "/project").param("title", "Lunch").param("summary", "")
                        .param("amount", "lots").with(as(owner)).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Enter the amount in pounds")))
                .andExpect(content().string(containsString("value=\"lots\"")));
        assertThat(applications.get(draft).answers()).doesNotContainKey("whoBenefits");
        assertThat(applications.get(draft).title()).isEmpty();
    }

    @Test
    void aScriptInAnAnswerIsShownAsText() throws Exception {
        service.saveAnswer(owner, draft, "whoBenefits", "<script>alert(1)</script>");
        service.saveProject(owner, draft, "<b>Bold</b> club", null, null);
        mvc.perform(get("/applications/" + draft + "/check-answers").with(as(owner)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("&lt;script&gt;alert(1)&lt;/script&gt;")))
                .andExpect(content().string(not(containsString("<script>alert(1)"))))
                .andExpect(content().string(containsString("&lt;b&gt;Bold&lt;/b&gt; club")));
    }

    @Test
    void aTextFileNamedPdfIsRefusedByItsContent() throws Exception {
        mvc.perform(multipart("/applications/" + draft + "/questions/supportingDocument")
                        .file(new MockMultipartFile("file", "x.pdf", "application/pdf", "hello".getBytes()))
                        .param("action", "continue").with(as(owner)).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"file-error\"")))
                .andExpect(content().string(containsString("must be a PDF, Word document")));
        assertThat(service.attachments(owner, draft)).isEmpty();
    }

    @Test
    void aFileOverTenMegabytesIsAFieldErrorNotAnErrorPage() throws Exception {
        byte[] big = new byte[10 * 1024 * 1024 + 1];
        System.arraycopy(PDF, 0, big, 0, PDF.length);
        mvc.perform(multipart("/applications/" + draft + "/questions/supportingDocument")
                        .file(new MockMultipartFile("file", "big.pdf", "application/pdf", big))
                        .param("action", "continue").with(as(owner)).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("The file must be 10 MB or smaller")));
        assertThat(service.attachments(owner, draft)).isEmpty();
    }

    @Test
    void aPdfIsKeptReplacedRemovedAndDownloadedWithSafeHeaders() throws Exception {
        String page = "/applications/" + draft + "/questions/supportingDocument";
        mvc.perform(multipart(page).file(new MockMultipartFile("file", "C:\\Users\\me\\Our \u202Eleaflet\".pdf",
                        "text/html", PDF)).param("action", "continue").with(as(owner)).with(csrf()))
                .andExpect(redirectedUrl("/applications/" + draft + "/check-answers"));
        Attachment kept = service.attachments(owner, draft).get(0);
        assertThat(kept.fileName()).isEqualTo("Our leaflet\".pdf");
        assertThat(kept.contentType()).isEqualTo("application/pdf");
        MvcResult download = mvc.perform(get("/applications/" + draft + "/attachments/" + kept.id()).with(as(owner)))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/pdf"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"Our-leaflet.pdf\""))
                .andReturn();
        assertThat(download.getResponse().getContentAsByteArray()).isEqualTo(PDF);

        mvc.perform(multipart(page).file(new MockMultipartFile("file", "letter.docx", "application/octet-stream",
                        docx())).param("action", "save").with(as(owner)).with(csrf()))
                .andExpect(redirectedUrl("/applications/" + draft + "/apply"));
        assertThat(service.attachments(owner, draft)).singleElement()
                .satisfies(a -> assertThat(a.contentType()).isEqualTo(UploadedFiles.DOCX));

        mvc.perform(post(page + "/remove").with(as(owner)).with(csrf())).andExpect(redirectedUrl(page));
        assertThat(service.attachments(owner, draft)).isEmpty();
    }

    @Test
    void fileTypesAreJudgedByContent() throws Exception {
        assertThat(UploadedFiles.allowedType(PDF)).contains(UploadedFiles.PDF);
        assertThat(UploadedFiles.allowedType(docx())).contains(UploadedFiles.DOCX);
        assertThat(UploadedFiles.allowedType(zip("notes.txt"))).isEmpty();
        assertThat(UploadedFiles.allowedType(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0,
                13, 'I', 'H', 'D', 'R'})).contains(UploadedFiles.PNG);
        assertThat(UploadedFiles.allowedType(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 16,
                'J', 'F', 'I', 'F', 0})).contains(UploadedFiles.JPEG);
        assertThat(UploadedFiles.allowedType("<html><script>alert(1)</script></html>".getBytes())).isEmpty();
        assertThat(UploadedFiles.displayName("../../etc/passwd\u0000\n")).isEqualTo("passwd");
        assertThat(UploadedFiles.displayName("a".repeat(300) + ".pdf")).hasSize(UploadedFiles.MAX_NAME_LENGTH);
        assertThat(UploadedFiles.displayName("\u202E")).isEqualTo("file");
    }

    @Test
    void anIncompleteApplicationShowsWhatIsMissingAndIsNotSent() throws Exception {
        mvc.perform(post("/applications/" + draft + "/submit").with(as(owner)).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("govuk-error-summary")))
                .andExpect(content().string(containsString("href=\"#missing-summary\"")))
                .andExpect(content().string(containsString("id=\"missing-summary\"")))
                .andExpect(content().string(containsString("href=\"#missing-whoBenefits\"")));
        assertThat(applications.get(draft).status()).isEqualTo(ApplicationStatus.DRAFT);
    }

    @Test
    void aDoubleSubmitMakesOneProcessAndTheConfirmationSaysWhatHappensNext() throws Exception {
        complete(draft);
        for (int i = 0; i < 2; i++) {
            mvc.perform(post("/applications/" + draft + "/submit").with(as(owner)).with(csrf()))
                    .andExpect(redirectedUrl("/applications/" + draft + "/submitted"));
        }
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(Long.toString(draft))
                .count()).isEqualTo(1);
        Application sent = applications.get(draft);
        String decisionBy = new org.kith.web.Formats().date(sent.submittedAt().toLocalDate()
                .plusWeeks(fund.timeLimits().decisionWeeks()));
        mvc.perform(get("/applications/" + draft + "/submitted").with(as(owner)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(sent.reference())))
                .andExpect(content().string(containsString("govuk-panel--confirmation")))
                .andExpect(content().string(containsString(decisionBy)));
        mvc.perform(get("/applications/" + draft + "/apply").with(as(owner)))
                .andExpect(redirectedUrl("/applications/" + draft));
        mvc.perform(get("/applications/" + draft + "/submitted").with(as(other))).andExpect(status().isNotFound());
    }

    @Test
    void anIneligibleApplicationIsToldWhyOnTheConfirmation() throws Exception {
        Fund groupsOnly = data.fund(f -> org.kith.support.FundTweaks.withLegalForms(f,
                java.util.Set.of("UNREGISTERED_GROUP")));
        long id = service.createDraft(owner, new ApplicationRequest(groupsOnly.id(), "Weekly lunch club",
                "A hot lunch", new BigDecimal("3000"), org.kith.support.Journey.answers()), null).id();
        mvc.perform(post("/applications/" + id + "/submit").with(as(owner)).with(csrf()))
                .andExpect(redirectedUrl("/applications/" + id + "/submitted"));
        Application sent = applications.get(id);
        assertThat(sent.status()).isEqualTo(ApplicationStatus.INELIGIBLE);
        mvc.perform(get("/applications/" + id + "/submitted").with(as(owner)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("The fund cannot consider this application")))
                .andExpect(content().string(containsString(sent.eligibilityReasons().get(0)
                        .substring(0, 12))));
    }

    @Test
    void everyMemberOfTheGroupIsEmailedTheReferenceWhatHappensNextAndTheLink() throws Exception {
        CurrentUser second = data.memberOf(owner.organisationId());
        complete(draft);
        mvc.perform(post("/applications/" + draft + "/submit").with(as(owner)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        Application sent = applications.get(draft);
        List<Map<String, Object>> mail = jdbc.sql("""
                SELECT recipient, subject, body FROM notification
                WHERE application_id = :id AND kind = 'APPLICATION_SUBMITTED' ORDER BY recipient""")
                .param("id", draft).query().listOfRows();
        assertThat(mail).extracting(m -> m.get("RECIPIENT") != null ? m.get("RECIPIENT") : m.get("recipient"))
                .containsExactlyInAnyOrder(owner.username(), second.username());
        String body = String.valueOf(mail.get(0).getOrDefault("BODY", mail.get(0).get("body")));
        String subject = String.valueOf(mail.get(0).getOrDefault("SUBJECT", mail.get(0).get("subject")));
        assertThat(subject).contains(sent.reference());
        assertThat(body).contains("What happens next").contains("You should hear from us by")
                .contains("/applications/" + draft);
    }

    @Test
    void anExpiredSessionMidFormKeepsWhatWasTyped() throws Exception {
        String page = "/applications/" + draft + "/questions/whoBenefits";
        MvcResult expired = mvc.perform(post(page).param("answer", "Typed before the session ended")
                        .param("action", "continue").with(csrf().useInvalidToken()))
                .andExpect(redirectedUrl("/sign-in?expired")).andReturn();
        Cookie session = expired.getResponse().getCookie("SESSION");
        assertThat(session).isNotNull();
        MvcResult signedIn = mvc.perform(post("/sign-in").param("username", owner.username())
                        .param("password", TestData.PASSWORD).cookie(session).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn();
        String back = signedIn.getResponse().getRedirectedUrl();
        assertThat(back).contains(page);
        Cookie signedInSession = signedIn.getResponse().getCookie("SESSION");
        String shown = mvc.perform(get(back.replace("http://localhost", ""))
                        .cookie(signedInSession != null ? signedInSession : session))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(shown).contains(">Typed before the session ended</textarea>");
        // nothing was acted on: the refused POST is not replayed after signing in
        assertThat(applications.get(draft).answers()).doesNotContainKey("whoBenefits");
    }

    @Test
    void aFormPostedFromAnotherSite_isNeitherActedOnNorKept() throws Exception {
        String page = "/applications/" + draft + "/questions/whoBenefits";
        MvcResult crossSite = mvc.perform(post(page).param("answer", "Words another site chose")
                        .param("action", "continue").header("Sec-Fetch-Site", "cross-site")
                        .header("Origin", "https://elsewhere.example").with(csrf().useInvalidToken()))
                .andExpect(redirectedUrl("/sign-in?expired")).andReturn();
        Cookie session = crossSite.getResponse().getCookie("SESSION");
        MvcResult signedIn = mvc.perform(post("/sign-in").param("username", owner.username())
                        .param("password", TestData.PASSWORD).cookie(session).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn();
        Cookie signedInSession = signedIn.getResponse().getCookie("SESSION");
        String shown = mvc.perform(get(page).cookie(signedInSession != null ? signedInSession : session))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(shown).doesNotContain("Words another site chose");
        assertThat(applications.get(draft).answers()).doesNotContainKey("whoBenefits");
    }

    @Test
    void theBurdenOfAnApplicationIsRecordedWhenItIsSent() {
        Fund small = data.fund(f -> new Fund(f.id(), f.slug(), f.name(), f.description(), f.currency(), f.budget(),
                f.minimumAward(), f.maximumAward(), f.lightTouchThreshold(), f.opensOn(), f.closesOn(),
                f.eligibility(), List.of(
                        new Fund.Question("who", "Who will come?", "Tell us who.", true, 500),
                        new Fund.Question("change", "What will change for them?", "", false, 500),
                        new Fund.Question("photo", "Add a photo", "A PNG or JPEG.", false, 0, Fund.Question.FILE)),
                f.criteria(), f.reporting(), f.payments(), f.timeLimits()));
        long id = service.createDraft(owner, new ApplicationRequest(small.id(), "Weekly lunch club",
                "A hot lunch and company every Tuesday", new BigDecimal("3000"),
                Map.of("who", "Older people living alone", "change", "New friendships")), null).id();
        service.submit(owner, id);

        Burden.Record record = burden.find(id).orElseThrow();
        // 3 project fields + 3 fund questions
        assertThat(record.questionsAsked()).isEqualTo(6);
        // the project page: "What is your project called?" (5), its hint (15), "Describe your project in a few
        // sentences" (7), its hint (15), "How much are you asking for?" (6), "The fund gives grants of £500 to
        // £20,000." (8) = 56; then the fund's: 3 + 3, 5 + 0, 3 + 4 = 18
        assertThat(record.questionWords()).isEqualTo(56 + 18);
        // title 3, summary 7, answers 4 + 2
        assertThat(record.answerWords()).isEqualTo(16);
        assertThat(record.filesAttached()).isZero();
        Application sent = applications.get(id);
        assertThat(sent.createdAt()).isNotNull();
        assertThat(sent.submittedAt()).isNotNull();
    }

    private void complete(long id) {
        service.saveProject(owner, id, "Weekly lunch club", "A hot lunch and company every Tuesday",
                new BigDecimal("3000"));
        service.saveAnswer(owner, id, "whoBenefits", "Older people living alone");
        service.saveAnswer(owner, id, "whatDifference", "New friendships");
    }

    static byte[] docx() throws Exception {
        return zip("[Content_Types].xml", "_rels/.rels", "word/document.xml");
    }

    static byte[] zip(String... entries) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String entry : entries) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.write("<?xml version=\"1.0\"?><x/>".getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}

package org.kith.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kith.applications.Application;
import org.kith.identity.CurrentUser;
import org.kith.identity.Role;
import org.kith.identity.UserAccounts;
import org.kith.support.EngineDriver;
import org.kith.support.Journey;
import org.kith.support.KithTest;
import org.kith.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.actuate.health.HealthContributorRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;

/**
 * Reminders reach the group's members as email through a real SMTP server (GreenMail), once each; a member
 * without an address is recorded as not reachable; a failing mail server is tried again later, then given up on.
 */
@KithTest
class NotificationMailTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
        registry.add("kith.mail.from", () -> "Kith <kith@example.org>");
    }

    @Autowired
    Journey journey;
    @Autowired
    TestData data;
    @Autowired
    EngineDriver engine;
    @Autowired
    MailRelay relay;
    @Autowired
    Outbox outbox;
    @Autowired
    UserAccounts accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;
    @Autowired
    MockMvc mvc;
    @Autowired
    HealthContributorRegistry health;
    @Autowired
    ObjectMapper json;

    @AfterEach
    void resetClock() {
        engine.resetClock();
    }

    @Test
    void aReportReminderReachesEveryMemberOfTheGroupByEmail_once() throws Exception {
        CurrentUser applicant = data.charityApplicant();
        member(applicant.organisationId(), "Siân Ŵyn 🌱", "sian@example.org");
        long id = journey.funded(applicant, data.fund(), "3000");
        Application grant = journey.application(id);
        engine.advance(Duration.ofDays(365 - 13));
        journey.runJobs(id);

        relay.sendDue();

        List<MimeMessage> offers = about("An offer of a grant", applicant.username() + "@example.org",
                "sian@example.org");
        assertThat(offers).as("the decision's own news went first").hasSize(2);
        assertThat((String) offers.get(0).getContent()).contains("£3,000.00", "accept or decline");
        List<MimeMessage> mine = about("due soon", applicant.username() + "@example.org", "sian@example.org");
        assertThat(mine).hasSize(2);
        for (MimeMessage message : mine) {
            assertThat(message.getSubject()).isEqualTo(
                    "Your end-of-grant report is due soon (" + grant.reference() + ")");
            assertThat(((InternetAddress) message.getFrom()[0]).getAddress()).isEqualTo("kith@example.org");
            assertThat(GreenMailUtil.getBody(message)).isNotBlank();
        }
        MimeMessage toSian = about("due soon", "sian@example.org").get(0);
        assertThat(((InternetAddress) toSian.getRecipients(Message.RecipientType.TO)[0]).getPersonal())
                .isEqualTo("Siân Ŵyn 🌱");
        assertThat((String) toSian.getContent()).startsWith("Hello Siân Ŵyn 🌱,")
                .contains(grant.title(), grant.reference(), "is due on");
        assertThat(unsent(id)).isZero();

        relay.sendDue();
        assertThat(about("due soon", applicant.username() + "@example.org", "sian@example.org")).as("sent once")
                .hasSize(2);
    }

    @Test
    void theMailServerIsNotPartOfKithsHealth_soAnOutageDoesNotTakeNodesOutOfService() throws Exception {
        assertThat(health.getContributor("mail")).isNull();
        assertThat(health.getContributor("db")).isNotNull();
        mvc.perform(get("/actuator/health")).andExpect(status().isOk());
    }

    @Test
    void aMemberWithNoEmailAddressIsRecordedAsNotReachable_andNotTriedAgain() {
        CurrentUser applicant = data.charityApplicant();
        long id = journey.funded(applicant, data.fund(), "3000");
        CurrentUser noEmail = member(applicant.organisationId(), "No Email", null);
        outbox.enqueue(id, "TEST", noEmail.username(), "Subject", "Body");

        relay.sendDue();

        String error = jdbc.sql("""
                SELECT last_error FROM notification
                WHERE recipient = :who AND failed_at IS NOT NULL AND sent_at IS NULL""")
                .param("who", noEmail.username()).query(String.class).single();
        assertThat(error).contains("no email address");
    }

    @Test
    void anAdminSeesWhatCouldNotBeDelivered_andSendsItAgainOnceTheAddressIsFixed() throws Exception {
        CurrentUser applicant = data.charityApplicant();
        long id = journey.funded(applicant, data.fund(), "3000");
        CurrentUser noEmail = member(applicant.organisationId(), "No Email Yet", null);
        outbox.enqueue(id, "TEST", noEmail.username(), "Subject", "Body");
        relay.sendDue();

        JsonNode undelivered = undeliveredTo(noEmail);
        assertThat(undelivered.path("lastError").asText()).contains("no email address");
        assertThat(undelivered.path("applicationId").asLong()).isEqualTo(id);
        mvc.perform(get("/api/admin/undelivered-notifications").with(httpBasic("manager1", TestData.PASSWORD)))
                .andExpect(status().isForbidden());

        jdbc.sql("UPDATE app_user SET email = 'fixed@example.org' WHERE username = :u")
                .param("u", noEmail.username()).update();
        mvc.perform(post("/api/admin/undelivered-notifications/{id}/retry", undelivered.path("id").asLong())
                        .with(httpBasic("admin1", TestData.PASSWORD)))
                .andExpect(status().isOk());
        relay.sendDue();

        assertThat(to("fixed@example.org")).hasSize(1);
        assertThat(undeliveredTo(noEmail)).isNull();
        mvc.perform(post("/api/admin/undelivered-notifications/{id}/retry", undelivered.path("id").asLong())
                        .with(httpBasic("admin1", TestData.PASSWORD)))
                .andExpect(status().isNotFound());
    }

    @Test
    void aMessageAboutAnAccountGoesToItsOwnAddress_evenOneWithNoAccount_andAnUnusableOneIsShownToTheAdmin()
            throws Exception {
        String invited = "invited-" + System.nanoTime() + "@example.org";
        String bad = "unusable-" + System.nanoTime();
        outbox.toAddress("TEST_ACCOUNT", invited, invited, "You are invited", "Body 🌱");
        outbox.toAddress("TEST_ACCOUNT", bad, bad + " <<@>>", "Subject", "Body");

        relay.sendDue();

        List<MimeMessage> received = to(invited);
        assertThat(received).hasSize(1);
        assertThat(received.get(0).getSubject()).isEqualTo("You are invited");
        assertThat((String) received.get(0).getContent()).isEqualTo("Body 🌱");
        String body = mvc.perform(get("/api/admin/undelivered-notifications")
                        .with(httpBasic("admin1", TestData.PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        JsonNode undelivered = null;
        for (JsonNode row : json.readTree(body)) {
            if (row.path("recipient").asText().equals(bad)) {
                undelivered = row;
            }
        }
        assertThat(undelivered).isNotNull();
        assertThat(undelivered.path("applicationId").isNull()).isTrue();
    }

    @Test
    void aFailingMailServerIsTriedAgainLaterWithLongerWaits_thenGivenUpOnAfterFiveTries() {
        CurrentUser applicant = data.charityApplicant();
        long id = journey.funded(applicant, data.fund(), "3000");
        outbox.enqueue(id, "TEST", applicant.username(), "Subject", "Body");
        var refusing = new StaticListableBeanFactory(Map.of("mail", refusingServer()));
        MailRelay failing = new MailRelay(jdbc, clock, refusing.getBeanProvider(JavaMailSender.class), accounts,
                "Kith <kith@example.org>");

        for (int attempt = 1; attempt < MailRelay.MAX_ATTEMPTS; attempt++) {
            failing.sendDue();
            assertThat(attempts(applicant)).isEqualTo(attempt);
            failing.sendDue();
            assertThat(attempts(applicant)).as("not again before the wait is over").isEqualTo(attempt);
            engine.advance(MailRelay.backoff(attempt).plusSeconds(1));
        }
        failing.sendDue();

        assertThat(attempts(applicant)).isEqualTo(MailRelay.MAX_ATTEMPTS);
        assertThat(jdbc.sql("SELECT failed_at FROM notification WHERE recipient = :who AND kind = 'TEST'")
                .param("who", applicant.username()).query(LocalDateTime.class).single()).isNotNull();
        assertThat(MailRelay.backoff(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(MailRelay.backoff(4)).isEqualTo(Duration.ofMinutes(125));
    }

    @Test
    void twoNodesSendingAtOnceSendEachMessageOnce() throws Exception {
        CurrentUser applicant = data.charityApplicant();
        long id = journey.funded(applicant, data.fund(), "3000");
        for (int i = 0; i < 30; i++) {
            String recipient = member(applicant.organisationId(), "Member " + i, "m" + i + "-" + id + "@example.org")
                    .username();
            outbox.enqueue(id, "TEST", recipient, "Subject " + i, "Body");
        }
        Queue<String> delivered = new ConcurrentLinkedQueue<>();
        JavaMailSender slowServer = new JavaMailSenderImpl() {
            @Override
            public void send(MimeMessage message) {
                try {
                    delivered.add(((InternetAddress) message.getRecipients(Message.RecipientType.TO)[0]).getAddress());
                    Thread.sleep(5);
                } catch (MessagingException | InterruptedException e) {
                    throw new MailSendException("test server", e);
                }
            }
        };
        var servers = new StaticListableBeanFactory(Map.of("mail", slowServer));
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int node = 0; node < 2; node++) {
                MailRelay relay = new MailRelay(jdbc, clock, servers.getBeanProvider(JavaMailSender.class), accounts,
                        "Kith <kith@example.org>");
                runs.add(nodes.submit(() -> {
                    while (relay.sendDue() > 0) {
                        // keep going until this node finds nothing left to claim
                    }
                }));
            }
            for (Future<?> run : runs) {
                run.get(60, TimeUnit.SECONDS);
            }
        } finally {
            nodes.shutdownNow();
        }

        List<String> ours = delivered.stream().filter(address -> address.endsWith("-" + id + "@example.org")).toList();
        assertThat(ours).hasSize(30).doesNotHaveDuplicates();
        assertThat(unsent(id)).isZero();
    }

    private CurrentUser member(long organisationId, String displayName, String email) {
        String username = "member-" + System.nanoTime();
        accounts.create(username, "{noop}unused", displayName, email, organisationId, EnumSet.of(Role.APPLICANT));
        return accounts.current(username).orElseThrow();
    }

    /** The messages to these addresses whose subject contains this. */
    private List<MimeMessage> about(String subjectPart, String... addresses) {
        return to(addresses).stream().filter(m -> {
            try {
                return m.getSubject().contains(subjectPart);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private List<MimeMessage> to(String... addresses) {
        List<String> wanted = Arrays.asList(addresses);
        return Arrays.stream(SMTP.getReceivedMessages()).filter(m -> {
            try {
                return wanted.contains(((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress());
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** The admin's view of the undelivered message to this person, or null. */
    private JsonNode undeliveredTo(CurrentUser recipient) throws Exception {
        String body = mvc.perform(get("/api/admin/undelivered-notifications")
                        .with(httpBasic("admin1", TestData.PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        for (JsonNode row : json.readTree(body)) {
            if (row.path("recipient").asText().equals(recipient.username())) {
                return row;
            }
        }
        return null;
    }

    private int unsent(long applicationId) {
        return jdbc.sql("SELECT COUNT(*) FROM notification WHERE application_id = :id AND sent_at IS NULL")
                .param("id", applicationId).query(Integer.class).single();
    }

    private int attempts(CurrentUser recipient) {
        return jdbc.sql("SELECT attempts FROM notification WHERE recipient = :who AND kind = 'TEST'")
                .param("who", recipient.username()).query(Integer.class).single();
    }

    private static JavaMailSender refusingServer() {
        return new JavaMailSenderImpl() {
            @Override
            public void send(MimeMessage message) {
                throw new MailSendException("451 try again later");
            }
        };
    }
}

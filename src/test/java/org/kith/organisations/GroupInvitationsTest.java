package org.kith.organisations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kith.accounts.Registration;
import org.kith.identity.CurrentUser;
import org.kith.identity.UserAccounts;
import org.kith.support.EngineDriver;
import org.kith.support.Journey;
import org.kith.support.KithTest;
import org.kith.support.TestData;
import org.kith.web.InvalidInputException;
import org.kith.web.NotFoundException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** A member invites someone by email; whoever opens the link and signs in joins, once; one group per person. */
@KithTest
class GroupInvitationsTest {

    static final String PASSWORD = "kettle on for the tuesday lunch";

    @Autowired
    GroupInvitations invitations;
    @Autowired
    Registration registration;
    @Autowired
    UserAccounts accounts;
    @Autowired
    Organisations organisations;
    @Autowired
    TestData data;
    @Autowired
    Journey journey;
    @Autowired
    EngineDriver engine;
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        engine.resetClock();
    }

    private static String fresh() {
        return "calum-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    private String message(String address, String part) {
        List<String> bodies = jdbc.sql("""
                SELECT body FROM notification WHERE address = :a AND kind = 'GROUP_INVITATION' ORDER BY id""")
                .param("a", address).query(String.class).list();
        assertThat(bodies).isNotEmpty();
        String body = bodies.get(bodies.size() - 1);
        if (part.equals("token")) {
            Matcher m = Pattern.compile("http://localhost:8080/group/invitation\\?token=([A-Za-z0-9_-]{43})\\b")
                    .matcher(body);
            assertThat(m.find()).as(body).isTrue();
            return m.group(1);
        }
        return body;
    }

    /** A registered, confirmed applicant with no group, as they are when signed in. */
    private CurrentUser registered(String address) {
        registration.register("Calum MacLean", address, PASSWORD);
        String body = jdbc.sql("SELECT body FROM notification WHERE address = :a AND kind = 'ACCOUNT_CONFIRM'")
                .param("a", address).query(String.class).single();
        Matcher m = Pattern.compile("token=([A-Za-z0-9_-]{43})").matcher(body);
        assertThat(m.find()).isTrue();
        registration.confirm(m.group(1));
        return accounts.current(address).orElseThrow();
    }

    private int status(String url, String user, String password) throws Exception {
        return mvc.perform(get(url).with(httpBasic(user, password))).andReturn().getResponse().getStatus();
    }

    @Test
    void anInviteeJoinsWithAnyAddress_andThenBothMembersSeeTheGroupsApplications_andNoOneElse() throws Exception {
        CurrentUser morag = data.charityApplicant();
        long draft = journey.draft(morag, data.fund(), "3000");
        String invited = fresh();

        assertThat(invitations.invite(morag, "  " + invited.replace("@example.org", "@EXAMPLE.org")))
                .isEqualTo(invited);
        String body = message(invited, "body");
        assertThat(body).contains(morag.username(), "14 days", "http://localhost:8080/group/invitation?token=");
        String token = message(invited, "token");
        GroupInvitations.Invitation shown = invitations.look(token);
        assertThat(shown.status()).isEqualTo(InvitationStatus.VALID);
        assertThat(shown.groupName()).startsWith("Group ");
        assertThat(shown.email()).isEqualTo(invited);
        assertThat(invitations.pending(morag)).extracting(GroupInvitations.PendingInvitation::email)
                .containsExactly(invited);

        String otherAddress = fresh();
        CurrentUser calum = registered(otherAddress);
        assertThat(status("/api/applications/" + draft, otherAddress, PASSWORD)).isEqualTo(404);
        assertThat(invitations.accept(calum, token)).isEqualTo(JoinOutcome.JOINED);

        assertThat(accounts.current(otherAddress).orElseThrow().organisationId()).isEqualTo(morag.organisationId());
        assertThat(invitations.members(morag)).extracting(UserAccounts.Member::username)
                .containsExactlyInAnyOrder(morag.username(), otherAddress);
        assertThat(invitations.pending(morag)).isEmpty();
        assertThat(status("/api/applications/" + draft, otherAddress, PASSWORD)).isEqualTo(200);
        assertThat(status("/api/applications/" + draft, morag.username(), TestData.PASSWORD)).isEqualTo(200);
        CurrentUser stranger = data.charityApplicant();
        assertThat(status("/api/applications/" + draft, stranger.username(), TestData.PASSWORD)).isEqualTo(404);

        assertThat(invitations.accept(registered(fresh()), token)).as("single use").isEqualTo(JoinOutcome.ALREADY_USED);
        assertThat(invitations.look(token).status()).isEqualTo(InvitationStatus.ACCEPTED);
    }

    @Test
    void someoneInAnotherGroupCannotJoinASecond_andTheInvitationWaitsForSomeoneElse() {
        CurrentUser morag = data.charityApplicant();
        CurrentUser elsewhere = data.charityApplicant();
        String address = fresh();
        invitations.invite(morag, address);
        String token = message(address, "token");

        assertThat(invitations.accept(elsewhere, token)).isEqualTo(JoinOutcome.IN_ANOTHER_GROUP);
        assertThat(accounts.current(elsewhere.username()).orElseThrow().organisationId())
                .isEqualTo(elsewhere.organisationId());
        assertThat(invitations.accept(morag, token)).isEqualTo(JoinOutcome.ALREADY_MEMBER);
        assertThat(invitations.accept(data.manager(), token)).isEqualTo(JoinOutcome.NOT_AN_APPLICANT);
        assertThat(invitations.look(token).status()).isEqualTo(InvitationStatus.VALID);
    }

    @Test
    void aMemberCancelsAPendingInvitation_andItsLinkStopsWorking_butNoOtherGroupCanCancelIt() {
        CurrentUser morag = data.charityApplicant();
        CurrentUser secondMember = data.memberOf(morag.organisationId());
        String address = fresh();
        invitations.invite(morag, address);
        String token = message(address, "token");
        long id = invitations.pending(morag).get(0).id();

        assertThatThrownBy(() -> invitations.cancel(data.charityApplicant(), id)).isInstanceOf(NotFoundException.class);
        invitations.cancel(secondMember, id);

        assertThat(invitations.look(token).status()).isEqualTo(InvitationStatus.CANCELLED);
        assertThat(invitations.accept(registered(fresh()), token)).isEqualTo(JoinOutcome.CANCELLED);
        assertThatThrownBy(() -> invitations.cancel(morag, id)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void theLongestNamesStillMakeAnInvitation_itsSubjectIsCutToFit() {
        long group = organisations.create("🍲".repeat(150), LegalForm.UNREGISTERED_GROUP, null, "EH1 1AA",
                "City of Edinburgh", java.math.BigDecimal.ONE);
        String username = "long-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.create(username, "{noop}unused", "N".repeat(200), null, group,
                java.util.EnumSet.of(org.kith.identity.Role.APPLICANT));
        String address = fresh();

        invitations.invite(accounts.current(username).orElseThrow(), address);

        String subject = jdbc.sql("SELECT subject FROM notification WHERE address = :a").param("a", address)
                .query(String.class).single();
        assertThat(subject).hasSizeLessThanOrEqualTo(200).startsWith("NNN").endsWith("…");
    }

    @Test
    void anInvitationExpiresAfter14Days() {
        CurrentUser morag = data.charityApplicant();
        String address = fresh();
        invitations.invite(morag, address);
        String token = message(address, "token");
        engine.advance(Duration.ofDays(14).plusMinutes(1));

        assertThat(invitations.look(token).status()).isEqualTo(InvitationStatus.EXPIRED);
        assertThat(invitations.accept(registered(fresh()), token)).isEqualTo(JoinOutcome.EXPIRED);
        assertThat(invitations.pending(morag)).isEmpty();
    }

    @Test
    void invitingAgainReplacesThePendingInvitation_andMembersOrNonsenseAreFieldErrors() {
        CurrentUser morag = data.charityApplicant();
        String address = fresh();
        invitations.invite(morag, address);
        String first = message(address, "token");
        invitations.invite(morag, address.toUpperCase());

        assertThat(invitations.look(first).status()).isEqualTo(InvitationStatus.CANCELLED);
        assertThat(invitations.pending(morag)).hasSize(1);
        assertThatThrownBy(() -> invitations.invite(morag, morag.username() + "@example.org"))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.errors().get(0).message()).contains("already a member"));
        assertThatThrownBy(() -> invitations.invite(morag, "x".repeat(5000)))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("email"));
        assertThatThrownBy(() -> invitations.invite(registered(fresh()), address))
                .isInstanceOf(NotFoundException.class);
        assertThat(invitations.look("nonsense").status()).isEqualTo(InvitationStatus.UNKNOWN);
        assertThat(invitations.look(null).status()).isEqualTo(InvitationStatus.UNKNOWN);
    }
}

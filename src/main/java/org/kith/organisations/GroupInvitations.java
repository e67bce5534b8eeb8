package org.kith.organisations;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.kith.identity.CurrentUser;
import org.kith.identity.EmailAddresses;
import org.kith.identity.Role;
import org.kith.identity.SecretTokens;
import org.kith.identity.UserAccounts;
import org.kith.notifications.Outbox;
import org.kith.web.InvalidInputException;
import org.kith.web.NotFoundException;
import org.kith.web.Rows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * A member invites someone to the group by email: a link that works once within {@link #LIFETIME}. The link is
 * the proof, so whoever opens it may accept with any account, registered with this address or another (people
 * often have several); they must be signed in. A person belongs to one group only.
 */
@Service
public class GroupInvitations {

    public static final Duration LIFETIME = Duration.ofDays(14);
    static final String PATH = "/group/invitation?token=";

    /** An invitation as the page that opens its link shows it; the names are null unless the link is known. */
    public record Invitation(InvitationStatus status, String groupName, String invitedBy, String email) {
    }

    /** An invitation not yet accepted, cancelled or expired, as the group's members page lists it. */
    public record PendingInvitation(long id, String email, String invitedBy, LocalDateTime sentAt,
            LocalDateTime expiresAt) {
    }

    private record Row(long id, long organisationId, String email, String invitedBy, LocalDateTime expiresAt,
            LocalDateTime acceptedAt, LocalDateTime cancelledAt) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final UserAccounts accounts;
    private final Organisations organisations;
    private final Outbox outbox;

    GroupInvitations(JdbcClient jdbc, Clock clock, UserAccounts accounts, Organisations organisations,
            Outbox outbox) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.accounts = accounts;
        this.organisations = organisations;
        this.outbox = outbox;
    }

    /**
     * Invites this address to the caller's group; an invitation still pending for the same address is replaced.
     * @return the address, normalised
     * @throws NotFoundException if the caller belongs to no group
     * @throws InvalidInputException on {@code email}: not an address, or a member's already
     */
    @Transactional
    public String invite(CurrentUser inviter, String email) {
        long organisationId = groupOf(inviter);
        String address = EmailAddresses.normalise(email);
        EmailAddresses.problem(address).ifPresent(m -> {
            throw InvalidInputException.of("email", m);
        });
        String key = UserAccounts.emailKey(address);
        if (accounts.memberList(organisationId).stream()
                .anyMatch(m -> m.email() != null && UserAccounts.emailKey(m.email()).equals(key))) {
            throw InvalidInputException.of("email", address + " is already a member of your group.");
        }
        LocalDateTime now = LocalDateTime.now(clock);
        jdbc.sql("""
                UPDATE group_invitation SET cancelled_at = :now, cancelled_by = :by
                WHERE organisation_id = :org AND LOWER(email) = :key AND accepted_at IS NULL AND cancelled_at IS NULL""")
                .param("now", now).param("by", inviter.username()).param("org", organisationId).param("key", key)
                .update();
        String token = SecretTokens.newToken();
        jdbc.sql("""
                INSERT INTO group_invitation (organisation_id, email, token_hash, invited_by, created_at, expires_at)
                VALUES (:org, :email, :hash, :by, :now, :expires)""")
                .param("org", organisationId).param("email", address).param("hash", SecretTokens.hash(token))
                .param("by", inviter.username()).param("now", now).param("expires", now.plus(LIFETIME))
                .update();
        String group = organisations.get(organisationId).name();
        String from = displayName(inviter.username());
        outbox.toAddress("GROUP_INVITATION", address, address, from + " invited you to join " + group + " on Kith",
                "Hello,\n\n" + from + " invited you to join " + group + " on Kith, where the group applies for "
                        + "grants. As a member you will see and work on the group's applications.\n\n"
                        + "To accept, open this link within 14 days. If you have no Kith account yet, you can "
                        + "register on the way.\n\n" + outbox.publicUrl() + PATH + token + "\n\n"
                        + "If you did not expect this, you can ignore this message.\n");
        return address;
    }

    /** What the invitation page shows before the person accepts. */
    public Invitation look(String token) {
        Optional<Row> row = find(token);
        InvitationStatus status = status(row);
        if (status == InvitationStatus.UNKNOWN) {
            return new Invitation(status, null, null, null);
        }
        return new Invitation(status, organisations.get(row.get().organisationId()).name(),
                displayName(row.get().invitedBy()), row.get().email());
    }

    /** The signed-in person accepts the invitation and joins the group, if they belong to none. */
    @Transactional
    public JoinOutcome accept(CurrentUser user, String token) {
        Optional<Row> row = find(token);
        switch (status(row)) {
            case UNKNOWN:
                return JoinOutcome.UNKNOWN;
            case ACCEPTED:
                return JoinOutcome.ALREADY_USED;
            case CANCELLED:
                return JoinOutcome.CANCELLED;
            case EXPIRED:
                return JoinOutcome.EXPIRED;
            default:
                break;
        }
        Row invitation = row.get();
        if (!user.has(Role.APPLICANT) || user.isStaff()) {
            return JoinOutcome.NOT_AN_APPLICANT;
        }
        if (user.organisationId() != null) {
            return user.organisationId() == invitation.organisationId() ? JoinOutcome.ALREADY_MEMBER
                    : JoinOutcome.IN_ANOTHER_GROUP;
        }
        long userId = accounts.account(user.username()).orElseThrow().id();
        if (!accounts.join(userId, invitation.organisationId())) {
            return JoinOutcome.IN_ANOTHER_GROUP;
        }
        int used = jdbc.sql("""
                UPDATE group_invitation SET accepted_at = :now, accepted_by = :by
                WHERE id = :id AND accepted_at IS NULL AND cancelled_at IS NULL""")
                .param("now", LocalDateTime.now(clock)).param("by", user.username()).param("id", invitation.id())
                .update();
        if (used == 0) {
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly(); // undo the join
            return JoinOutcome.ALREADY_USED;
        }
        return JoinOutcome.JOINED;
    }

    /** The members of the caller's group. */
    public List<UserAccounts.Member> members(CurrentUser user) {
        return accounts.memberList(groupOf(user));
    }

    /** The invitations of the caller's group still waiting for an answer, oldest first. */
    public List<PendingInvitation> pending(CurrentUser user) {
        return jdbc.sql("""
                SELECT i.id, i.email, COALESCE(u.display_name, i.invited_by) AS invited_by, i.created_at AS sent_at,
                  i.expires_at
                FROM group_invitation i LEFT JOIN app_user u ON u.username = i.invited_by
                WHERE i.organisation_id = :org AND i.accepted_at IS NULL AND i.cancelled_at IS NULL
                  AND i.expires_at > :now
                ORDER BY i.id""")
                .param("org", groupOf(user)).param("now", LocalDateTime.now(clock))
                .query(Rows.of(PendingInvitation.class)).list();
    }

    /**
     * Cancels a pending invitation of the caller's group; its link stops working.
     * @throws NotFoundException if the caller's group has no such pending invitation
     */
    @Transactional
    public void cancel(CurrentUser user, long invitationId) {
        int cancelled = jdbc.sql("""
                UPDATE group_invitation SET cancelled_at = :now, cancelled_by = :by
                WHERE id = :id AND organisation_id = :org AND accepted_at IS NULL AND cancelled_at IS NULL""")
                .param("now", LocalDateTime.now(clock)).param("by", user.username()).param("id", invitationId)
                .param("org", groupOf(user)).update();
        if (cancelled == 0) {
            throw new NotFoundException("There is no invitation waiting for an answer here.");
        }
    }

    private long groupOf(CurrentUser user) {
        if (user.organisationId() == null) {
            throw new NotFoundException("You are not a member of a group yet.");
        }
        return user.organisationId();
    }

    private Optional<Row> find(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql("""
                SELECT id, organisation_id, email, invited_by, expires_at, accepted_at, cancelled_at
                FROM group_invitation WHERE token_hash = :hash""")
                .param("hash", SecretTokens.hash(token.strip())).query(Rows.of(Row.class)).optional();
    }

    private InvitationStatus status(Optional<Row> row) {
        if (row.isEmpty()) {
            return InvitationStatus.UNKNOWN;
        }
        if (row.get().acceptedAt() != null) {
            return InvitationStatus.ACCEPTED;
        }
        if (row.get().cancelledAt() != null) {
            return InvitationStatus.CANCELLED;
        }
        if (!row.get().expiresAt().isAfter(LocalDateTime.now(clock))) {
            return InvitationStatus.EXPIRED;
        }
        return InvitationStatus.VALID;
    }

    private String displayName(String username) {
        return accounts.contact(username).map(UserAccounts.Contact::displayName).orElse(username);
    }
}

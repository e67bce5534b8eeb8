package org.kith.notifications;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The kinds of message groups receive, and the named placeholders a fund's own wording of each may use. Every kind
 * has {group}, {reference}, {fund} and {link}; some add {amount}, {date} or what the group must be told ({reason},
 * {question}, {feedback}, {details}). A placeholder marked required must be in the body, so a fund's wording can
 * never leave out the reason for a refusal or the question asked.
 */
public final class MessageKinds {

    /** Every kind has these; the Outbox fills them itself. */
    public static final List<String> COMMON = List.of("group", "reference", "fund", "link");

    /**
     * @param extra      the kind's own placeholders, beyond {@link #COMMON}
     * @param required   those that must be in the body
     * @param subject    a suggested subject to start from
     * @param body       a suggested body to start from
     */
    public record Kind(String key, List<String> extra, Set<String> required, String subject, String body) {

        /** Every placeholder this kind supports, in the order they are listed on the page. */
        public List<String> placeholders() {
            List<String> all = new java.util.ArrayList<>(COMMON);
            all.addAll(extra);
            return all;
        }

        public boolean supports(String name) {
            return COMMON.contains(name) || extra.contains(name);
        }
    }

    private static final Map<String, Kind> KINDS = new LinkedHashMap<>();

    static {
        add("APPLICATION_SUBMITTED", List.of("amount", "details"), Set.of("details"),
                "We have received your application",
                "Thank you: we have received the application from {group} to the {fund} for {amount}.\n\n{details}");
        add("INFORMATION_REQUESTED", List.of("question"), Set.of("question"),
                "The fund has a question about your application",
                "Before deciding on your application {reference}, the {fund} needs to know more:\n\n{question}\n\n"
                        + "Please answer in Kith: {link}");
        add("INFORMATION_REMINDER", List.of(), Set.of(),
                "Reminder: the fund is waiting for your answer",
                "The {fund} is still waiting for your answer to its question about {reference}. If we do not hear "
                        + "from you, the application will lapse.");
        add("APPLICATION_DECLINED", List.of("reason"), Set.of("reason"),
                "The decision on your application",
                "The {fund} has decided not to fund {reference}.\n\nThe reason: {reason}");
        add("OFFER_MADE", List.of("amount", "date"), Set.of("date"),
                "An offer of a grant for your project",
                "The {fund} is offering {group} a grant of {amount} for {reference}. Please accept or decline the "
                        + "offer in Kith by {date}: {link}");
        add("GRANT_STARTED", List.of("amount", "details"), Set.of("details"),
                "Your grant has started",
                "Thank you for accepting the grant of {amount} from the {fund} for {reference}.\n\n{details}");
        add("PAYMENT_MADE", List.of("amount"), Set.of(),
                "A payment of your grant is on its way",
                "The {fund} has paid {amount} of your grant for {reference}. It should reach your bank account "
                        + "within a few working days.");
        add("REPORT_DUE_SOON", List.of("date"), Set.of(),
                "Your end-of-grant report is due soon",
                "The end-of-grant report for {reference} is due on {date}. You can write it in Kith: {link}");
        add("REPORT_OVERDUE", List.of("date"), Set.of(),
                "Your end-of-grant report is overdue",
                "The end-of-grant report for {reference} was due on {date} and we have not received it yet.");
        add("REPORT_ACCEPTED", List.of("feedback"), Set.of(),
                "Your report has been accepted",
                "Thank you for your end-of-grant report on {reference}. The {fund} has accepted it.\n\n{feedback}");
        add("REPORT_CHANGES_REQUESTED", List.of("feedback"), Set.of("feedback"),
                "Your report needs some changes",
                "Thank you for your end-of-grant report on {reference}. The {fund} has asked for some changes:\n\n"
                        + "{feedback}\n\nYou can change the report and send it again in Kith: {link}");
        add("VARIATION_APPROVED", List.of("reason"), Set.of(),
                "The change you asked for to your grant",
                "The {fund} has agreed to the change you asked for to {reference}.\n\n{reason}");
        add("VARIATION_REFUSED", List.of("reason"), Set.of("reason"),
                "The change you asked for to your grant",
                "The {fund} has not agreed to the change you asked for to {reference}.\n\nThe reason: {reason}");
    }

    private static void add(String key, List<String> extra, Set<String> required, String subject, String body) {
        KINDS.put(key, new Kind(key, extra, required, subject, body));
    }

    public static List<Kind> all() {
        return List.copyOf(KINDS.values());
    }

    public static Optional<Kind> find(String key) {
        return Optional.ofNullable(KINDS.get(key));
    }

    private MessageKinds() {
    }
}

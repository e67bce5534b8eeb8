package org.kith.web;

import java.io.Serializable;
import java.util.Optional;

import jakarta.servlet.http.HttpSession;

/**
 * The fund and amount someone was going to apply for when they left the eligibility result to register or sign
 * in (`/register?fund=..&amount=..`), kept in their session so that after confirming their address, signing in and
 * telling us about their group they land on {@code /applications/new?fund=..&amount=..}. Only a well-formed fund
 * slug and amount are kept, so the address built from them always stays on this site.
 */
public final class ApplyingFor {

    private static final String ATTRIBUTE = ApplyingFor.class.getName();

    record Kept(String fund, String amount) implements Serializable {
    }

    private ApplyingFor() {
    }

    /** Keeps the fund and amount if both are well formed; otherwise keeps what was kept before. */
    public static void remember(HttpSession session, String fund, String amount) {
        if (isFund(fund) && isAmount(amount)) {
            session.setAttribute(ATTRIBUTE, new Kept(fund, amount));
        }
    }

    /** Where to start the application, if a fund is kept. */
    public static Optional<String> startUrl(HttpSession session) {
        if (session == null || !(session.getAttribute(ATTRIBUTE) instanceof Kept kept)) {
            return Optional.empty();
        }
        return startUrl(kept.fund(), kept.amount());
    }

    /** Where to start an application for this fund and amount, if they are well formed. */
    public static Optional<String> startUrl(String fund, String amount) {
        return isFund(fund) && isAmount(amount)
                ? Optional.of("/applications/new?fund=" + fund + "&amount=" + amount) : Optional.empty();
    }

    public static void forget(HttpSession session) {
        if (session != null) {
            session.removeAttribute(ATTRIBUTE);
        }
    }

    static boolean isFund(String fund) {
        return fund != null && fund.matches("^[a-z0-9][a-z0-9-]{0,99}$");
    }

    static boolean isAmount(String amount) {
        return amount != null && amount.matches("^[0-9]{1,9}(\\.[0-9]{1,2})?$");
    }
}

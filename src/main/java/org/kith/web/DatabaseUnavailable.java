package org.kith.web;

/** What Kith answers while its database cannot be reached (a restart, a failover): 503, and when to try again. */
public final class DatabaseUnavailable {

    public static final String RETRY_AFTER_SECONDS = "10";
    public static final String TITLE = "Try again shortly";
    public static final String DETAIL =
            "Kith cannot reach its database just now. Nothing was changed; please send this again in a few seconds.";

    private DatabaseUnavailable() {
    }
}

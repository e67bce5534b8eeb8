package org.kith.workflow;

import java.util.function.Supplier;

import org.flowable.common.engine.impl.identity.Authentication;

/** Runs engine calls as a person, so process history and our audit trail name who did it. */
public final class EngineUser {

    private EngineUser() {
    }

    public static <T> T as(String username, Supplier<T> action) {
        String previous = Authentication.getAuthenticatedUserId();
        Authentication.setAuthenticatedUserId(username);
        try {
            return action.get();
        } finally {
            Authentication.setAuthenticatedUserId(previous);
        }
    }
}

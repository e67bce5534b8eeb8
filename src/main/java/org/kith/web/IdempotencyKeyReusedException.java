package org.kith.web;

/** An Idempotency-Key sent again with a different request: answered 422, and nothing is created. */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException() {
        super("This Idempotency-Key was used for another request. Send a new key with a new application; send the"
                + " same key only to repeat the same request.");
    }
}

package org.kith.web;

/** Answers 409: the request was valid once, but the thing has moved on (already handled, wrong status). */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}

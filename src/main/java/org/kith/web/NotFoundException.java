package org.kith.web;

/** Answers 404. Also used where the caller may not see a thing: it must not learn that it exists. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}

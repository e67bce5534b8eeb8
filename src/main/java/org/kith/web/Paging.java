package org.kith.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code ?page=&size=} on a list endpoint: pages numbered from 0, at most {@code maxSize} items each. The reply
 * carries a {@code Link: <...>; rel="next"} header while another page may follow, so a client needs no counts.
 */
public record Paging(int page, int size) {

    public static Paging of(int page, int size, int maxSize) {
        List<InvalidInputException.FieldError> errors = new ArrayList<>();
        if (size < 1 || size > maxSize) {
            errors.add(new InvalidInputException.FieldError("size", "Ask for between 1 and " + maxSize + " a page."));
        }
        if (page < 0 || (long) page * Math.max(size, 1) > Integer.MAX_VALUE) {
            errors.add(new InvalidInputException.FieldError("page", "Pages are numbered from 0."));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new Paging(page, size);
    }

    public int offset() {
        return page * size;
    }

    /** The Link header for the page after this one, when {@code more}. */
    public Optional<String> nextLink(boolean more) {
        if (!more) {
            return Optional.empty();
        }
        String next = ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("page", page + 1)
                .replaceQueryParam("size", size).build().toUriString();
        return Optional.of("<" + next + ">; rel=\"next\"");
    }
}

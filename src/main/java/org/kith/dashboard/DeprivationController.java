package org.kith.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.kith.identity.CurrentUser;
import org.kith.web.InvalidInputException;
import org.kith.web.InvalidInputException.FieldError;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The deprivation lookup for scripts (administrators only: {@code /api/admin/**}). The body is the CSV itself
 * ({@code Content-Type: text/csv}), read as a stream, so the full SIMD file needs no trimming. A file with
 * problems answers 400 with each in {@code errors}: {@code field} is {@code line N} ({@code file} for the file as
 * a whole), at most {@link DeprivationLookup#MAX_LISTED} of them, then {@code more} with the count of the rest.
 */
@RestController
class DeprivationController {

    record Area(String index, long postcodes, String loadedAt) {
    }

    private final DeprivationLookup lookup;

    DeprivationController(DeprivationLookup lookup) {
        this.lookup = lookup;
    }

    @GetMapping("/api/admin/deprivation")
    List<Area> areas(CurrentUser admin) {
        DeprivationPages.checkAdmin(admin);
        return lookup.areas().stream()
                .map(a -> new Area(a.index().name(), a.postcodes(), a.loadedAt().toString())).toList();
    }

    /** {@code X-File-Name} names the file in the audit trail. */
    @PostMapping(path = "/api/admin/deprivation", consumes = "text/csv")
    DeprivationLookup.Loaded load(CurrentUser admin, InputStream body,
            @RequestHeader(name = "X-File-Name", required = false) String fileName) throws IOException {
        DeprivationPages.checkAdmin(admin);
        try {
            return lookup.load(body, fileName == null ? "the API" : fileName);
        } catch (DeprivationLookup.LookupFileException e) {
            List<FieldError> errors = new ArrayList<>();
            e.problems().forEach(p -> errors.add(new FieldError(p.line() == 0 ? "file" : "line " + p.line(),
                    p.message())));
            if (e.total() > e.problems().size()) {
                errors.add(new FieldError("more", (e.total() - e.problems().size()) + " more problems"));
            }
            throw new InvalidInputException(errors);
        }
    }
}

package org.kith.funds;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.kith.identity.CurrentUser;
import org.kith.web.InvalidInputException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The fund import and export of the staff pages, for scripts: admins and fund managers (for the funds they manage).
 * A file that breaks rules answers 400 with every problem in {@code errors} ({@code field} is the path).
 */
@RestController
class FundAdminController {

    private final FundAdmin admin;

    FundAdminController(FundAdmin admin) {
        this.admin = admin;
    }

    /** The body is a file in seeds/funds.json's form: an array of funds or one fund. */
    @PostMapping(path = "/api/funds/import", consumes = MediaType.APPLICATION_JSON_VALUE)
    List<FundAdmin.Imported> importFunds(CurrentUser user, @RequestBody byte[] body,
            @RequestParam(defaultValue = "false") boolean replace) {
        if (body.length > FundAdminPages.MAX_FILE_BYTES) {
            throw InvalidInputException.of("body", "The file must be 1 MB or smaller.");
        }
        try {
            return admin.importFile(user, body, "api", replace);
        } catch (FundRules.FundFileException e) {
            throw new InvalidInputException(e.problems().stream()
                    .map(p -> new InvalidInputException.FieldError(p.path(), p.message())).toList());
        }
    }

    @GetMapping(path = "/api/funds/{id}/export", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> export(CurrentUser user, @PathVariable long id) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(admin.export(user, id).getBytes(StandardCharsets.UTF_8));
    }
}

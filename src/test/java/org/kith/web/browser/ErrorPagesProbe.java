package org.kith.web.browser;

import org.kith.web.ConflictException;
import org.kith.web.ForbiddenException;
import org.kith.web.InvalidInputException;
import org.kith.web.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/** Test only: a page that fails in each way a page can, so the browser tests can look at every error page. */
@Controller
class ErrorPagesProbe {

    static final String PATH = "/test-only/failing-page/";

    @GetMapping(PATH + "{status}")
    String fail(@PathVariable int status) {
        throw switch (status) {
            case 400 -> InvalidInputException.of("page", "Pages are numbered from 0.");
            case 403 -> new ForbiddenException("Only the group’s members can see this.");
            case 404 -> new NotFoundException("gone");
            case 409 -> new ConflictException("This application has already been sent.");
            case 413 -> new MaxUploadSizeExceededException(10 * 1024 * 1024);
            case 503 -> new CannotCreateTransactionException("database down (probe)");
            default -> new IllegalStateException("a bug (probe) with internal detail: SELECT * FROM secrets");
        };
    }
}

package org.kith.documents;

import org.kith.applications.Application;
import org.kith.applications.ApplicationAccess;
import org.kith.identity.CurrentUser;
import org.kith.web.NotFoundException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The offer letter at a page address, for people signed in to the site: opens in the browser, with a file name
 * for saving. Not theirs, or not made yet (the letter job has not run): the 404 page.
 */
@Controller
class OfferLetterPages {

    private final ApplicationAccess access;
    private final Documents documents;

    OfferLetterPages(ApplicationAccess access, Documents documents) {
        this.access = access;
        this.documents = documents;
    }

    @GetMapping("/applications/{id}/offer-letter.pdf")
    ResponseEntity<byte[]> offerLetter(CurrentUser user, @PathVariable long id) {
        Application application = access.readable(user, id);
        byte[] pdf = documents.content(id, Documents.OFFER_LETTER)
                .orElseThrow(() -> new NotFoundException("There is no offer letter for this application yet."));
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename(application.reference() + "-offer-letter.pdf").build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(pdf);
    }
}

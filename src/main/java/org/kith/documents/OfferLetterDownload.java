package org.kith.documents;

import org.kith.applications.Application;
import org.kith.applications.ApplicationAccess;
import org.kith.identity.CurrentUser;
import org.kith.web.NotFoundException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The offer letter as a download, for the API and the pages alike: only for those who may read the application,
 * and not before the letter job has made it (404 either way). Never cached: it names the group and its grant.
 */
@Component
class OfferLetterDownload {

    private final ApplicationAccess access;
    private final Documents documents;

    OfferLetterDownload(ApplicationAccess access, Documents documents) {
        this.access = access;
        this.documents = documents;
    }

    /** @param inline open in the browser (pages) rather than save (scripts) */
    ResponseEntity<byte[]> of(CurrentUser user, long applicationId, boolean inline) {
        Application application = access.readable(user, applicationId);
        byte[] pdf = documents.content(applicationId, Documents.OFFER_LETTER)
                .orElseThrow(() -> new NotFoundException("There is no offer letter for this application yet."));
        String filename = application.reference() + "-offer-letter.pdf";
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, (inline ? ContentDisposition.inline()
                        : ContentDisposition.attachment()).filename(filename).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(pdf);
    }
}

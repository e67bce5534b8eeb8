package org.kith.documents;

import org.kith.applications.ApplicationAccess;
import org.kith.identity.CurrentUser;
import org.kith.web.NotFoundException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class DocumentController {

    private final ApplicationAccess access;
    private final Documents documents;

    DocumentController(ApplicationAccess access, Documents documents) {
        this.access = access;
        this.documents = documents;
    }

    @GetMapping("/api/applications/{id}/offer-letter.pdf")
    ResponseEntity<byte[]> offerLetter(CurrentUser user, @PathVariable long id) {
        var application = access.readable(user, id);
        byte[] pdf = documents.content(id, Documents.OFFER_LETTER)
                .orElseThrow(() -> new NotFoundException("There is no offer letter for this application yet."));
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(application.reference() + "-offer-letter.pdf").build().toString())
                .body(pdf);
    }
}

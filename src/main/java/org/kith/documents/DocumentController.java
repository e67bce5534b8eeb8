package org.kith.documents;

import org.kith.identity.CurrentUser;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class DocumentController {

    private final OfferLetterDownload letters;

    DocumentController(OfferLetterDownload letters) {
        this.letters = letters;
    }

    @GetMapping("/api/applications/{id}/offer-letter.pdf")
    ResponseEntity<byte[]> offerLetter(CurrentUser user, @PathVariable long id) {
        return letters.of(user, id, false);
    }
}

package org.kith.documents;

import org.kith.identity.CurrentUser;
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

    private final OfferLetterDownload letters;

    OfferLetterPages(OfferLetterDownload letters) {
        this.letters = letters;
    }

    @GetMapping("/applications/{id}/offer-letter.pdf")
    ResponseEntity<byte[]> offerLetter(CurrentUser user, @PathVariable long id) {
        return letters.of(user, id, true);
    }
}

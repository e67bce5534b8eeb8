package org.kith.funds;

import java.util.List;

import org.kith.web.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Funds are public: a group checks what a fund is for and whether it is eligible before signing up. */
@RestController
@RequestMapping("/api/funds")
class FundController {

    private final Funds funds;

    FundController(Funds funds) {
        this.funds = funds;
    }

    @GetMapping
    List<Fund> list() {
        return funds.all();
    }

    @GetMapping("/{id}")
    Fund show(@PathVariable long id) {
        return funds.find(id).orElseThrow(() -> new NotFoundException("There is no fund " + id + "."));
    }
}

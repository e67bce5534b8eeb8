package org.kith.identity;

import java.util.Collection;
import java.util.List;

/** The names of funds, for pages about a person's fund links; the funds module answers (the arrow points to us). */
public interface FundNames {

    /** The names of these funds, in name order. */
    List<String> namesOf(Collection<Long> fundIds);
}

package org.kith.organisations;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a group works, as a fixed list for a select box: Scotland's 32 council areas, by their official names,
 * and one choice for anywhere else (Kith's funds are Scottish; decision 0008).
 */
public final class LocalAuthorities {

    public static final String OUTSIDE_SCOTLAND = "Outside Scotland";

    public static final List<String> ALL = List.of(
            "Aberdeen City", "Aberdeenshire", "Angus", "Argyll and Bute", "City of Edinburgh", "Clackmannanshire",
            "Dumfries and Galloway", "Dundee City", "East Ayrshire", "East Dunbartonshire", "East Lothian",
            "East Renfrewshire", "Falkirk", "Fife", "Glasgow City", "Highland", "Inverclyde", "Midlothian", "Moray",
            "Na h-Eileanan Siar", "North Ayrshire", "North Lanarkshire", "Orkney Islands", "Perth and Kinross",
            "Renfrewshire", "Scottish Borders", "Shetland Islands", "South Ayrshire", "South Lanarkshire",
            "Stirling", "West Dunbartonshire", "West Lothian", OUTSIDE_SCOTLAND);

    private LocalAuthorities() {
    }

    /** The list's own spelling of what was chosen, in any case; empty if it is not on the list. */
    public static Optional<String> find(String chosen) {
        if (chosen == null) {
            return Optional.empty();
        }
        String wanted = chosen.strip().toLowerCase(Locale.ROOT);
        return ALL.stream().filter(a -> a.toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
    }
}

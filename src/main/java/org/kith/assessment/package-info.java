/** Assessment: scoring against the fund's weighted criteria, and conflict-of-interest declarations that gate access. */
package org.kith.assessment;
